#!/usr/bin/env bash
# Every public page type WITHOUT the page cache, against the /healthz ceiling of the same server.
#
#   bench/pages.sh
#
# The budget (issue 9, section 4): every public page type reaches at least 25 % of the ceiling's
# requests/s with the page cache off (PAGE_CACHE_SECONDS=0, as for logged-in staff, personal links
# and every cache miss).
#
# Steps: dependencies (make install, wrk), a fresh PostgreSQL database, migrate, the benchmark data
# of bench/news.sh (10,000 articles, bench/seed_news.py), of bench/registrations.sh (an event with
# 40 program items and 1,000 registrations, bench/seed_events.py) and of bench/claims.sh
# (bench/seed_contingents.py), then the demo content (load_demo: footer pages, speakers, more
# events and contingents), VACUUM ANALYZE, collectstatic. bench/pages_urls.py picks one address per
# page type (news list pages and articles rotate: every request another page, bench/rotate.lua).
# gunicorn as in bench/news.sh (2 workers, gthread, 4 threads), PAGE_CACHE_SECONDS=0. Each address
# answers 200 without redirect, gets WARMUP s of warm-up and DURATION s of wrk; the ceiling is
# measured first and last, and the table compares with their mean. Beside requests/s it records
# the CPU per request of gunicorn's workers and of the PostgreSQL backends (what the code costs,
# less disturbed by other load than wall-clock figures).
# Everything is kept in bench/results/pages-<timestamp>/; gunicorn is stopped on exit.
# Settings from the environment:
#   PG_URL (postgres://postgres@127.0.0.1:5432)  BENCH_DB (revier_bench_pages)  ARTICLES (10000)
#   PORT (8767)  WORKERS (2)  WORKER_CLASS (gthread)  THREADS (4)  CONNECTIONS (8)  WRK_THREADS (2)
#   DURATION (10)  WARMUP (3)  REUSE_DB=1 (keep the database of the last run)  ONLY="name …" (a subset)
#   FRAGMENT_CACHE_SECONDS (300, as in production; 0: every part rendered for every request)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
BENCH_DB=${BENCH_DB:-revier_bench_pages}
ARTICLES=${ARTICLES:-10000}
PORT=${PORT:-8767}
WORKERS=${WORKERS:-2}
WORKER_CLASS=${WORKER_CLASS:-gthread}
THREADS=${THREADS:-4}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
PY=$ROOT/.venv/bin/python
OUT=$ROOT/bench/results/pages-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
BASE=http://127.0.0.1:$PORT

bench_django_env "$BASE" "$ROOT/var/bench-static-pages"
export DATABASE_URL="$PG_URL/$BENCH_DB"
export CONN_MAX_AGE=${CONN_MAX_AGE:-600}  # the workers keep their connections (CPU per request of the PostgreSQL backends)
export REDIS_URL=
export PAGE_CACHE_SECONDS=0  # the point of this benchmark
# Rendered parts of pages (core.fragments) stay as in production (300 s), as staff and personal links
# get them; FRAGMENT_CACHE_SECONDS=0 bench/pages.sh measures every request rendered from scratch.
export FRAGMENT_CACHE_SECONDS=${FRAGMENT_CACHE_SECONDS:-300}
export RATELIMIT_ENABLED=false

bench_log "Dependencies"
bench_ensure_deps

if [[ "${REUSE_DB:-0}" != 1 ]]; then
  bench_log "Fresh database $BENCH_DB"
  bench_fresh_db "$PG_URL" "$BENCH_DB"
  "$PY" manage.py migrate --no-input -v0
  bench_log "Seeding: $ARTICLES articles, the events and the contingent of the other benchmarks, the demo content"
  "$PY" bench/seed_news.py --count "$ARTICLES"
  "$PY" bench/seed_events.py >/dev/null
  "$PY" bench/seed_contingents.py >/dev/null
  # The demo content adds event pages with speakers and more contingents; without it (if loading
  # fails) the benchmark data still has every page type, and the summary says so.
  "$PY" manage.py load_demo >/dev/null 2>"$OUT/load_demo.log" \
    || { echo "WARNING: load_demo failed (see load_demo.log): measured without the demo content" | tee -a "$OUT/warnings.txt" >&2; }
  "$PY" manage.py shell -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
fi
"$PY" manage.py migrate --no-input -v0  # also a kept database (REUSE_DB=1) gets newer migrations
"$PY" manage.py collectstatic --no-input --clear -v0

bench_log "Page types"
"$PY" bench/pages_urls.py "$OUT" >"$OUT/urls.txt"
NAMES=()
TARGETS=()
while read -r name target; do
  if [[ -n "${ONLY:-}" && "$name" != ceiling && " $ONLY " != *" $name "* ]]; then continue; fi
  NAMES+=("$name")
  TARGETS+=("$target")
done <"$OUT/urls.txt"
sed 's/^/  /' "$OUT/urls.txt" >&2

bench_log "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads, port $PORT, PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=$FRAGMENT_CACHE_SECONDS"
bench_start_gunicorn "$PORT" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$OUT/gunicorn.log"

bench_log "Checking every page answers 200 without redirect"
for target in "${TARGETS[@]}"; do
  url=$target
  [[ $target == @* ]] && url=$(head -1 "${target#@}")
  "$PY" - "$BASE$url" <<'PYEOF'
import sys, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
response = urllib.request.build_opener(NoRedirect).open(sys.argv[1], timeout=60)
assert response.status == 200, (sys.argv[1], response.status)
print(f"  200 {len(response.read()):>8} bytes  {sys.argv[1]}", file=sys.stderr)
PYEOF
done

WRK=(wrk --threads "$WRK_THREADS" --connections "$CONNECTIONS" --timeout 30s)
measure() {  # name target seconds → one line in results.txt
  local name=$1 target=$2 seconds=$3 cpu0 pg0 line
  cpu0=$(bench_gunicorn_cpu_ms)
  pg0=$(bench_postgres_cpu_ms "$BENCH_DB")
  if [[ $target == @* ]]; then
    PATHS="${target#@}" "${WRK[@]}" --script bench/rotate.lua --duration "${seconds}s" "$BASE/" >"$OUT/wrk-$name.txt"
  else
    "${WRK[@]}" --script bench/report.lua --duration "${seconds}s" "$BASE$target" >"$OUT/wrk-$name.txt"
  fi
  line="$name $target $(grep '^RESULT' "$OUT/wrk-$name.txt" | cut -d' ' -f2-) cpu_ms=$(( $(bench_gunicorn_cpu_ms) - cpu0 )) pg_ms=$(( $(bench_postgres_cpu_ms "$BENCH_DB") - pg0 ))"
  echo "$line" | tee -a "$OUT/results.txt" >&2
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_log "Measuring: ${WARMUP} s warm-up and ${DURATION} s per page, $CONNECTIONS connections (load average before: $LOAD_BEFORE)"
: >"$OUT/results.txt"
for i in "${!NAMES[@]}"; do
  measure "${NAMES[$i]}-warmup" "${TARGETS[$i]}" "$WARMUP" 2>/dev/null
  measure "${NAMES[$i]}" "${TARGETS[$i]}" "$DURATION"
done
measure ceiling-again /healthz "$DURATION"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
bench_stop_gunicorn
SERVER_ERRORS=$(grep -c -E 'Traceback|Internal Server Error' "$OUT/gunicorn.log" || true)

"$PY" - "$OUT/results.txt" "$SERVER_ERRORS" >"$OUT/table.md" <<'PYEOF'
import sys
rows = []
for line in open(sys.argv[1]):
    name, target, *fields = line.split()
    if name.endswith("-warmup"):
        continue
    rows.append((name, target, {k: float(v) for k, v in (f.split("=") for f in fields)}))
ceilings = [r for name, _, r in rows if name in ("ceiling", "ceiling-again")]
ceiling = sum(r["rps"] for r in ceilings) / len(ceilings)
each = ", ".join(format(r["rps"], ",.0f") for r in ceilings)
print(f"Ceiling (`/healthz`, mean of the first and the last measurement): {ceiling:,.0f} requests/s ({each})")
print()
print("| page type | URL | requests/s | p50 ms | p99 ms | non-2xx | socket errors | server CPU ms / request (gunicorn + PostgreSQL) | % of ceiling | budget ≥ 25 % |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
missed = 0
for name, target, r in rows:
    share = 100 * r["rps"] / ceiling
    url = f"{target[1:].rsplit('/', 1)[-1]} (every request another address)" if target.startswith("@") else f"`{target}`"
    requests = max(r["requests"], 1)
    # A PostgreSQL backend that ended during the measurement takes its CPU time with it: "?" then.
    pg = f"{r['pg_ms'] / requests:.2f}" if r["pg_ms"] >= 0 else "?"
    cpu = f"{r['cpu_ms'] / requests:.2f} + {pg}"
    if name.startswith("ceiling"):
        budget = "–"
    else:
        ok = share >= 25 and r["non2xx"] == 0 and r["socket_errors"] == 0
        missed += not ok
        budget = "met" if ok else "**MISSED**"
    print(f"| {name} | {url} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['non2xx']:.0f} "
          f"| {r['socket_errors']:.0f} | {cpu} | {share:.0f} % | {budget} |")
print()
print(f"Page types below 25 % of the ceiling: {missed}. Server errors in the gunicorn log: {sys.argv[2]}")
PYEOF
{
  echo "Date: $(date -R)"
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  bench_machine_info
  [[ -f "$OUT/warnings.txt" ]] && cat "$OUT/warnings.txt"
  echo "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads; PAGE_CACHE_SECONDS=0; FRAGMENT_CACHE_SECONDS=$FRAGMENT_CACHE_SECONDS; wrk: $WRK_THREADS threads, $CONNECTIONS connections, ${DURATION}s per page after ${WARMUP}s warm-up"
  echo
  cat "$OUT/table.md"
} | tee "$OUT/summary.md"
echo "Results in $OUT" >&2
