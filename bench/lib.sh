# Shell functions shared by the benchmarks (source it, as every bench/*.sh does).
# Every function works from the repository root.
#
#   bench_settings                         the settings every benchmark shares, from the environment
#                                          or their defaults (PG_URL, WORKERS, WORKER_CLASS, THREADS,
#                                          CONNECTIONS, WRK_THREADS, DURATION, WARMUP) and PY
#   bench_log MESSAGE                      a visible step in the output
#   bench_ensure_deps                      venv and npm packages (make install), wrk from apt
#   bench_fresh_db PG_URL NAME             drops and creates a PostgreSQL database
#   bench_start_gunicorn PORT WORKERS WORKER_CLASS THREADS LOGFILE
#                                          starts a gunicorn master in the background (its pid in
#                                          BENCH_GUNICORN_PID; call it again for a second master on
#                                          another port), stops it on exit, waits until /healthz answers
#   bench_stop_gunicorn                    stops every master started (TERM, then KILL after 5 s)
#   bench_machine_info                     cores, RAM, kernel, PostgreSQL and gunicorn versions
#   bench_django_env SITE_URL STATIC_ROOT  the server's environment: production settings (DEBUG off,
#                                          a random SECRET_KEY, 127.0.0.1 only, warnings only)
#   bench_render_env DB                    for pages measured as rendered: the database DB on PG_URL
#                                          kept open by the workers, no page cache (PAGE_CACHE_SECONDS=0,
#                                          no Redis), fragments kept as in production, no rate limit
#   bench_vacuum_analyze                   planner statistics and visibility map as some time after a
#                                          bulk load (what autovacuum would do), so every run starts alike
#   bench_measure NAME TARGET SECONDS CONNECTIONS
#                                          wrk on BASE with TARGET (an address, or @FILE: the addresses
#                                          in FILE in turn, bench/rotate.lua): one line NAME TARGET
#                                          RESULT… cpu_ms= pg_ms= in OUT/results.txt (BENCH_DB's
#                                          PostgreSQL backends), wrk's output in OUT/wrk-NAME.txt
#   bench_measure_each                     bench_measure of every NAMES[i], TARGETS[i], CONNS[i]: a
#                                          warm-up of WARMUP s (NAME-warmup), then DURATION s; sets
#                                          LOAD_BEFORE and LOAD_AFTER (the load average around it)
#   bench_search_table RESULTS SERVER_ERRORS SEARCHES LOW_ROWS
#                                          the Markdown table of bench_measure_each's results for a
#                                          search budget (p99 < 100 ms): "@" targets are SEARCHES
#                                          searches in turn; NAME-low rows (one connection per worker)
#                                          are held to the budget too (LOW_ROWS=budget) or shown for
#                                          comparison (LOW_ROWS=comparison: the budget is for
#                                          CONNECTIONS requests in flight)

BENCH_PY=${BENCH_PY:-$PWD/.venv/bin/python}
BENCH_GUNICORN_PID=
BENCH_GUNICORN_PIDS=()

bench_settings() {
  PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
  WORKERS=${WORKERS:-2}
  WORKER_CLASS=${WORKER_CLASS:-gthread}
  THREADS=${THREADS:-4}
  CONNECTIONS=${CONNECTIONS:-8}
  WRK_THREADS=${WRK_THREADS:-2}
  DURATION=${DURATION:-15}
  WARMUP=${WARMUP:-5}
  # shellcheck disable=SC2034  # for the script that sources this file
  PY=$PWD/.venv/bin/python
}

bench_django_env() {
  export DJANGO_SETTINGS_MODULE=revier.settings DEBUG=False ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
  export SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export SITE_URL=$1 STATIC_ROOT=$2
}

bench_render_env() {
  export DATABASE_URL="$PG_URL/$1"
  export CONN_MAX_AGE=${CONN_MAX_AGE:-600}  # the workers keep their connections (bench_postgres_cpu_ms)
  export REDIS_URL=
  export PAGE_CACHE_SECONDS=0
  export FRAGMENT_CACHE_SECONDS=${FRAGMENT_CACHE_SECONDS:-300}
  export RATELIMIT_ENABLED=false
}

bench_vacuum_analyze() {
  "$BENCH_PY" manage.py shell -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
}

bench_log() { printf '\n== %s\n' "$*" >&2; }

bench_ensure_deps() {
  make -s install
  if ! command -v wrk >/dev/null 2>&1; then
    apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  fi
}

bench_fresh_db() {
  "$BENCH_PY" - "$1" "$2" <<'PYEOF'
import sys, psycopg
url, name = sys.argv[1], sys.argv[2]
with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
PYEOF
}

bench_stop_gunicorn() {
  local pid
  for pid in "${BENCH_GUNICORN_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; fi
  done
  for pid in "${BENCH_GUNICORN_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  BENCH_GUNICORN_PID=
  BENCH_GUNICORN_PIDS=()
}

bench_start_gunicorn() {
  local port=$1 workers=$2 worker_class=$3 threads=$4 logfile=$5
  trap bench_stop_gunicorn EXIT
  "$PWD/.venv/bin/gunicorn" revier.wsgi:application \
    --bind "127.0.0.1:$port" --workers "$workers" --worker-class "$worker_class" --threads "$threads" \
    --log-level warning --error-logfile "$logfile" &
  BENCH_GUNICORN_PID=$!
  BENCH_GUNICORN_PIDS+=("$BENCH_GUNICORN_PID")
  for _ in $(seq 100); do
    "$BENCH_PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
      "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "gunicorn did not answer on port $port" >&2
  return 1
}

bench_machine_info() {
  echo "Machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB RAM, $(uname -srm)"
  echo "PostgreSQL: $("$BENCH_PY" -c "import psycopg,sys; print(psycopg.connect(sys.argv[1]).execute('show server_version').fetchone()[0])" "$DATABASE_URL")"
  echo "gunicorn: $("$PWD/.venv/bin/gunicorn" --version | tr -dc '0-9.')"
}

# CPU time (ms, user + system) used so far by gunicorn's workers: divided by the requests served in
# between, it gives the server's cost per request, which a busy machine does not distort as much
# as wall-clock throughput.
bench_gunicorn_cpu_ms() {
  local ticks=0 pid
  for pid in $(pgrep -P "$BENCH_GUNICORN_PID"); do
    [[ -r /proc/$pid/stat ]] || continue
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# The same for the PostgreSQL backends connected to database $1 (the workers keep their
# connections, CONN_MAX_AGE): the database's share of the cost per request.
bench_postgres_cpu_ms() {
  local ticks=0 pid
  for pid in $("$BENCH_PY" -c "import psycopg,sys; print(' '.join(str(r[0]) for r in psycopg.connect(sys.argv[1]).execute('select pid from pg_stat_activity where datname = %s and pid <> pg_backend_pid()', (sys.argv[2],)).fetchall()))" "$DATABASE_URL" "$1"); do
    [[ -r /proc/$pid/stat ]] || continue
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

bench_measure() {
  local name=$1 target=$2 seconds=$3 connections=$4 cpu0 pg0
  local wrk=(wrk --threads "$(( connections < WRK_THREADS ? connections : WRK_THREADS ))" --connections "$connections" --timeout 30s)
  cpu0=$(bench_gunicorn_cpu_ms)
  # shellcheck disable=SC2153  # BENCH_DB, BASE and OUT are the sourcing script's
  pg0=$(bench_postgres_cpu_ms "$BENCH_DB")
  if [[ $target == @* ]]; then
    PATHS="${target#@}" "${wrk[@]}" --script bench/rotate.lua --duration "${seconds}s" "$BASE/" >"$OUT/wrk-$name.txt"
  else
    "${wrk[@]}" --script bench/report.lua --duration "${seconds}s" "$BASE$target" >"$OUT/wrk-$name.txt"
  fi
  echo "$name $target $(grep '^RESULT' "$OUT/wrk-$name.txt" | cut -d' ' -f2-) cpu_ms=$(( $(bench_gunicorn_cpu_ms) - cpu0 )) pg_ms=$(( $(bench_postgres_cpu_ms "$BENCH_DB") - pg0 ))" \
    | tee -a "$OUT/results.txt" >&2
}

bench_measure_each() {
  local i
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  bench_log "Measuring: ${WARMUP} s warm-up and ${DURATION} s each (load average before: $LOAD_BEFORE)"
  : >"$OUT/results.txt"
  for i in "${!NAMES[@]}"; do
    bench_measure "${NAMES[$i]}-warmup" "${TARGETS[$i]}" "$WARMUP" "${CONNS[$i]}" 2>/dev/null
    bench_measure "${NAMES[$i]}" "${TARGETS[$i]}" "$DURATION" "${CONNS[$i]}"
  done
  # shellcheck disable=SC2034  # for the script that sources this file
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
}

bench_search_table() {
  "$BENCH_PY" - "$1" "$2" "$3" "$4" "$CONNECTIONS" <<'PYEOF'
import sys
results, server_errors, searches, low_rows, in_flight = sys.argv[1:]
print("| measurement | address | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | CPU ms / request (gunicorn + PostgreSQL) | budget p99 < 100 ms |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
missed = 0
for line in open(results):
    name, target, *fields = line.split()
    if name.endswith("-warmup"):
        continue
    r = {k: float(v) for k, v in (f.split("=") for f in fields)}
    requests = max(r["requests"], 1)
    pg = f"{r['pg_ms'] / requests:.2f}" if r["pg_ms"] >= 0 else "?"
    address = f"{int(searches):,} searches in turn" if target.startswith("@") else f"`{target}`"
    connections = "1 per worker" if name.endswith("-low") else "all"
    if name.startswith("search") and (low_rows == "budget" or not name.endswith("-low")):
        ok = r["p99_ms"] < 100 and r["non2xx"] == 0 and r["socket_errors"] == 0
        missed += not ok
        budget = "met" if ok else "**MISSED**"
    else:
        budget = "–"
    print(f"| {name} | {address} | {connections} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['non2xx']:.0f} "
          f"| {r['socket_errors']:.0f} | {r['cpu_ms'] / requests:.2f} + {pg} | {budget} |")
print()
scope = "" if low_rows == "budget" else f" ({in_flight} in flight)"
print(f"Searches over budget{scope}: {missed}. Server errors in the gunicorn log: {server_errors}")
PYEOF
}
