# Shell functions shared by the benchmarks (source it; bench/registrations.sh uses it, and
# bench/news.sh can switch to it). Every function works from the repository root.
#
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

BENCH_PY=${BENCH_PY:-$PWD/.venv/bin/python}
BENCH_GUNICORN_PID=
BENCH_GUNICORN_PIDS=()

bench_django_env() {
  export DJANGO_SETTINGS_MODULE=revier.settings DEBUG=False ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
  export SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export SITE_URL=$1 STATIC_ROOT=$2
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
