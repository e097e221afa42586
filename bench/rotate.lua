-- wrk script: like report.lua, but every request asks for the next path of the file named by
-- $PATHS (one path a line), each thread starting at a random place. Used to measure pages that
-- are not in the page cache: with thousands of different paths nearly every request is a miss.
dofile("bench/report.lua")
local report_setup, report_init = setup, init
local paths, i = {}, 1

function setup(thread)
  report_setup(thread)
  thread:set("seed", os.time() * 100 + math.random(1, 99))
end

function init(args)
  report_init(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  math.randomseed(seed or os.time())
  i = math.random(1, #paths)
end

function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
