#!/usr/bin/env bash
# Benchmark of "Veranstaltungen": a registration rush and the event page, PostgreSQL + gunicorn.
#
#   bench/registrations.sh
#
# Steps: dependencies (make install, wrk), a fresh database, migrate, collectstatic, seed the events
# (bench/seed_events.py, through the services), start gunicorn with 4 workers, then
#   1. rush: COUNT registrations for one event with CAPACITY seats and the waiting-list box ticked,
#      CONCURRENCY requests in flight (bench/rush_client.py reads the form's fields from the page);
#      afterwards bench/verify_rush.py checks the database (exactly CAPACITY seats, the rest waiting
#      in creation order, no duplicates, one mail each);
#   2. the rush of issue 9's comparison with pretix: COUNT registrations for another event with
#      CAPACITY seats, the waiting-list box NOT ticked: the seats are taken, then every post is refused
#      with the form again (200, "ausgebucht"); bench/verify_rush.py --no-waitlist checks that exactly
#      CAPACITY registrations exist (nothing overbooked); budget ≥ 25 % of the /healthz ceiling of
#      this run, p99 < 250 ms;
#   3. the same as 1 for an event without a limit;
#   4. the event page with 40 program items and 1,000 registrations against /healthz (wrk).
# The rate limit is switched off for this server only (RATELIMIT_ENABLED=false): all requests come
# from 127.0.0.1. Mails are only written to the outbox in the request; no worker runs.
# Everything is kept in bench/results/events-<timestamp>/; gunicorn is stopped on exit.
# Settings from the environment:
#   PG_URL (postgres://postgres@127.0.0.1:5432)  BENCH_DB (revier_bench_events)  PORT (8766)
#   WORKERS (4)  WORKER_CLASS (sync)  THREADS (1)  COUNT (2000)  CAPACITY (50)  CONCURRENCY (32)
#   CONNECTIONS (16, wrk)  WRK_THREADS (2)  DURATION (15)  WARMUP (5)  REDIS_URL (empty: local memory)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
BENCH_DB=${BENCH_DB:-revier_bench_events}
PORT=${PORT:-8766}
WORKERS=${WORKERS:-4}
WORKER_CLASS=${WORKER_CLASS:-sync}
THREADS=${THREADS:-1}
COUNT=${COUNT:-2000}
CAPACITY=${CAPACITY:-50}
CONCURRENCY=${CONCURRENCY:-32}
CONNECTIONS=${CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
PY=$ROOT/.venv/bin/python
OUT=$ROOT/bench/results/events-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
BASE=http://127.0.0.1:$PORT

bench_django_env "$BASE" "$ROOT/var/bench-static-events"
export DATABASE_URL="$PG_URL/$BENCH_DB"
export CONN_MAX_AGE=${CONN_MAX_AGE:-600}  # the workers keep one connection for the whole run
export REDIS_URL=${REDIS_URL-}
export RATELIMIT_ENABLED=false
# Every rush address is at example.org: the per-domain limit against seat squatting would refuse them.
export SIGNUP_LIMIT_PER_DOMAIN=1000000

bench_log "Dependencies"
bench_ensure_deps

bench_log "Fresh database $BENCH_DB"
bench_fresh_db "$PG_URL" "$BENCH_DB"
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py collectstatic --no-input --clear -v0

bench_log "Seeding events"
eval "$("$PY" bench/seed_events.py --capacity "$CAPACITY")"

bench_log "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads, port $PORT"
bench_start_gunicorn "$PORT" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$OUT/gunicorn.log"

for url in "/veranstaltungen/$RUSH_SLUG/anmelden/" "/veranstaltungen/$UNLIMITED_SLUG/anmelden/" "/veranstaltungen/$PAGE_SLUG/" /healthz; do
  "$PY" -c "import sys, urllib.request; r = urllib.request.urlopen(sys.argv[1], timeout=30); assert r.status == 200; print(f'  200 {len(r.read()):>7} bytes  {sys.argv[1]}')" "$BASE$url"
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_log "Rush: $COUNT registrations, $CAPACITY seats with waiting list, $CONCURRENCY in flight"
CPU0=$(bench_gunicorn_cpu_ms)
PG0=$(bench_postgres_cpu_ms "$BENCH_DB")
"$PY" bench/rush_client.py --base "$BASE" --slug "$RUSH_SLUG" --count "$COUNT" --concurrency "$CONCURRENCY" \
  --run-id w | tee "$OUT/rush-capacity.json"
echo $(( $(bench_gunicorn_cpu_ms) - CPU0 )) >"$OUT/cpu-capacity.txt"
echo $(( $(bench_postgres_cpu_ms "$BENCH_DB") - PG0 )) >"$OUT/pgcpu-capacity.txt"
"$PY" bench/verify_rush.py --slug "$RUSH_SLUG" --count "$COUNT" --capacity "$CAPACITY" --run-id w \
  | tee "$OUT/verify-capacity.txt" || VERIFY_FAILED=1

bench_log "Rush: $COUNT registrations, $CAPACITY seats, waiting-list box NOT ticked (then refusals), $CONCURRENCY in flight"
CPU0=$(bench_gunicorn_cpu_ms)
PG0=$(bench_postgres_cpu_ms "$BENCH_DB")
"$PY" bench/rush_client.py --base "$BASE" --slug "$REFUSAL_SLUG" --count "$COUNT" --concurrency "$CONCURRENCY" \
  --run-id r --no-waitlist | tee "$OUT/rush-refusals.json"
echo $(( $(bench_gunicorn_cpu_ms) - CPU0 )) >"$OUT/cpu-refusals.txt"
echo $(( $(bench_postgres_cpu_ms "$BENCH_DB") - PG0 )) >"$OUT/pgcpu-refusals.txt"
"$PY" bench/verify_rush.py --slug "$REFUSAL_SLUG" --count "$COUNT" --capacity "$CAPACITY" --run-id r --no-waitlist \
  | tee "$OUT/verify-refusals.txt" || VERIFY_FAILED=1

bench_log "Rush: $COUNT registrations, no limit, $CONCURRENCY in flight"
CPU0=$(bench_gunicorn_cpu_ms)
PG0=$(bench_postgres_cpu_ms "$BENCH_DB")
"$PY" bench/rush_client.py --base "$BASE" --slug "$UNLIMITED_SLUG" --count "$COUNT" --concurrency "$CONCURRENCY" \
  --run-id u | tee "$OUT/rush-unlimited.json"
echo $(( $(bench_gunicorn_cpu_ms) - CPU0 )) >"$OUT/cpu-unlimited.txt"
echo $(( $(bench_postgres_cpu_ms "$BENCH_DB") - PG0 )) >"$OUT/pgcpu-unlimited.txt"
"$PY" bench/verify_rush.py --slug "$UNLIMITED_SLUG" --count "$COUNT" --run-id u \
  | tee "$OUT/verify-unlimited.txt" || VERIFY_FAILED=1

bench_log "Event page ($PAGE_SLUG: 40 program items, 1,000 registrations) against /healthz"
WRK=(wrk --threads "$WRK_THREADS" --connections "$CONNECTIONS" --timeout 30s --script bench/report.lua)
NAMES=(ceiling event-page event-list)
URLS=(/healthz "/veranstaltungen/$PAGE_SLUG/" /veranstaltungen/)
for url in "${URLS[@]}"; do "${WRK[@]}" --duration "${WARMUP}s" "$BASE$url" >/dev/null; done
: >"$OUT/pages.txt"
for i in "${!URLS[@]}"; do
  CPU0=$(bench_gunicorn_cpu_ms)
  "${WRK[@]}" --duration "${DURATION}s" "$BASE${URLS[$i]}" >"$OUT/wrk-${NAMES[$i]}.txt"
  echo "${NAMES[$i]} ${URLS[$i]} $(grep '^RESULT' "$OUT/wrk-${NAMES[$i]}.txt" | cut -d' ' -f2-) cpu_ms=$(( $(bench_gunicorn_cpu_ms) - CPU0 ))" | tee -a "$OUT/pages.txt" >&2
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
bench_stop_gunicorn
SERVER_ERRORS=$(grep -c -E 'Traceback|Internal Server Error' "$OUT/gunicorn.log" || true)

"$PY" - "$OUT" "$SERVER_ERRORS" >"$OUT/table.md" <<'PYEOF'
import json, sys
out, server_errors = sys.argv[1], int(sys.argv[2])
print("| rush | registrations | in flight | registrations/min | p50 ms | p99 ms | max ms | responses | server CPU ms / registration (gunicorn + PostgreSQL) | client CPU ms / registration | budget (≥ 6,000/min, p99 < 500 ms, no error) |")
print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|")
for name, label in (("capacity", "50 seats + waiting list"), ("unlimited", "no limit")):
    r = json.load(open(f"{out}/rush-{name}.json"))
    cpu = int(open(f"{out}/cpu-{name}.txt").read()) / r["count"]
    pgcpu = int(open(f"{out}/pgcpu-{name}.txt").read()) / r["count"]
    met = r["registrations_per_min"] >= 6000 and r["p99_ms"] < 500 and r["errors"] == 0
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
    print(f"| {label} | {r['count']} | {r['concurrency']} | {r['registrations_per_min']:,} | {r['p50_ms']} | {r['p99_ms']} "
          f"| {r['max_ms']} | {statuses} | {cpu:.1f} + {pgcpu:.1f} | {r.get('client_cpu_ms_per_request', '–')} "
          f"| {'met' if met else 'MISSED'} |")
print()
# Issue 9: the rush of the comparison with pretix (seats taken, then refusals) against the ceiling
# of this run (/healthz below): at least 25 % of its requests/s, p99 < 250 ms, nothing overbooked.
ceiling_line = next(line for line in open(f"{out}/pages.txt") if line.startswith("ceiling "))
ceiling_rps = float(dict(f.split("=") for f in ceiling_line.split()[2:])["rps"])
r = json.load(open(f"{out}/rush-refusals.json"))
cpu = int(open(f"{out}/cpu-refusals.txt").read()) / r["count"]
pgcpu = int(open(f"{out}/pgcpu-refusals.txt").read()) / r["count"]
share = 100 * r["requests_per_s"] / ceiling_rps
verified = "FAIL" not in open(f"{out}/verify-refusals.txt").read()
met = share >= 25 and r["p99_ms"] < 250 and r["errors"] == 0 and verified
statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
print("| rush | posts | in flight | posts/min | requests/s | % of ceiling | p50 ms | p99 ms | max ms | responses | server CPU ms / post (gunicorn + PostgreSQL) | database checks | budget (≥ 25 % of ceiling, p99 < 250 ms, nothing overbooked) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|")
print(f"| seats taken, then refusals (no waiting list) | {r['count']} | {r['concurrency']} | {r['registrations_per_min']:,} "
      f"| {r['requests_per_s']:,.0f} | {share:.1f} % | {r['p50_ms']} | {r['p99_ms']} | {r['max_ms']} | {statuses} "
      f"| {cpu:.1f} + {pgcpu:.1f} | {'passed' if verified else 'FAILED'} | {'met' if met else 'MISSED'} |")
print()
print("| page | URL | requests/s | p50 ms | p99 ms | non-2xx | socket errors | server CPU ms / request | % of ceiling | budget |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
rows = []
for line in open(f"{out}/pages.txt"):
    name, url, *fields = line.split()
    rows.append((name, url, {k: float(v) for k, v in (f.split("=") for f in fields)}))
ceiling = rows[0][2]["rps"]
for name, url, r in rows:
    share = 100 * r["rps"] / ceiling
    budget = f"≥ 40 %: {'met' if share >= 40 else 'MISSED'}" if name == "event-page" else "–"
    cpu = r["cpu_ms"] / max(r["requests"], 1)
    print(f"| {name} | `{url}` | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['non2xx']:.0f} "
          f"| {r['socket_errors']:.0f} | {cpu:.2f} | {share:.0f} % | {budget} |")
print()
print(f"Server errors in the gunicorn log: {server_errors}")
PYEOF
{
  echo "Date: $(date -R)"
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  bench_machine_info
  echo "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads; rush client: $CONCURRENCY in flight; wrk: $WRK_THREADS threads, $CONNECTIONS connections, ${DURATION}s per URL after ${WARMUP}s warm-up"
  echo
  cat "$OUT/table.md"
  echo
  echo "Database checks after the rush with a waiting list:"
  cat "$OUT/verify-capacity.txt"
  echo "Database checks after the rush without the waiting-list box (refusals):"
  cat "$OUT/verify-refusals.txt"
  echo "Database checks after the rush without a limit:"
  cat "$OUT/verify-unlimited.txt"
} | tee "$OUT/summary.md"
echo "Results in $OUT" >&2
if [[ -n "${VERIFY_FAILED:-}" ]]; then echo "A database check failed" >&2; exit 1; fi
