#!/usr/bin/env bash
# Benchmark of "Freikarten": a rush of claims for one first-come contingent through two separate
# server processes sharing one PostgreSQL database.
#
#   bench/claims.sh
#
# Steps: dependencies (make install), a fresh database, migrate, collectstatic, seed one contingent
# with CAPACITY tickets and CAPACITY imported codes (bench/seed_contingents.py, through the
# services), start TWO gunicorn masters (PORT_A and PORT_B, WORKERS workers each), then
#   1. claims: COUNT claim POSTs with unique e-mail addresses, CONCURRENCY in flight in total, half
#      of the connections to each server (bench/claim_rush.py reads the form's fields from the
#      contingent page). A claim only records the claim and queues the confirmation mail.
#   2. confirmations: the COUNT tokens are read from the mails in the outbox (bench/claims_db.py
#      tokens), then COUNT confirmation POSTs, split over both servers with the same concurrency:
#      this is where the tickets are handed out under the contingent's lock.
#   Afterwards bench/claims_db.py verify checks the database (exactly CAPACITY codes assigned, each
#   to one claim, CAPACITY claims ALLOCATED, the rest WAITLISTED in confirmation order, no
#   duplicates, two mails per address).
#   3. the machine's ceiling for comparison: /healthz (a Django view without database) on both
#      servers at once, one wrk per server (bench/report.lua), the same number of connections.
# The client is bench/rush_client.py's (exact request count and the status of every request,
# which wrk cannot give). The rate limit is switched off for these servers only
# (RATELIMIT_ENABLED=false): all requests come from 127.0.0.1. Mails are only written to the
# outbox in the request; no worker runs. Everything is kept in bench/results/claims-<timestamp>/;
# gunicorn is stopped on exit.
# Settings from the environment:
#   PG_URL (postgres://postgres@127.0.0.1:5432)  BENCH_DB (revier_bench_claims)  PORT_A (8201)
#   PORT_B (8202)  WORKERS (2 per master)  WORKER_CLASS (sync)  THREADS (1)  COUNT (2000)
#   CAPACITY (50)  CONCURRENCY (32 in total)  CEILING_SECONDS (10)  REDIS_URL (empty: local memory)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
BENCH_DB=${BENCH_DB:-revier_bench_claims}
PORT_A=${PORT_A:-8201}
PORT_B=${PORT_B:-8202}
WORKERS=${WORKERS:-2}
WORKER_CLASS=${WORKER_CLASS:-sync}
THREADS=${THREADS:-1}
COUNT=${COUNT:-2000}
CAPACITY=${CAPACITY:-50}
CONCURRENCY=${CONCURRENCY:-32}
RUN_ID=${RUN_ID:-c}
CEILING_SECONDS=${CEILING_SECONDS:-10}
PY=$ROOT/.venv/bin/python
OUT=$ROOT/bench/results/claims-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
BASE_A=http://127.0.0.1:$PORT_A
BASE_B=http://127.0.0.1:$PORT_B

export DJANGO_SETTINGS_MODULE=revier.settings
export DATABASE_URL="$PG_URL/$BENCH_DB"
export DEBUG=False
export SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export LOG_LEVEL=WARNING
export STATIC_ROOT=$ROOT/var/bench-static-claims
export CONN_MAX_AGE=${CONN_MAX_AGE:-60}
export REDIS_URL=${REDIS_URL-}
export RATELIMIT_ENABLED=false
# Every rush address is at example.org: the per-domain limit against seat squatting would refuse them.
export SIGNUP_LIMIT_PER_DOMAIN=1000000
export SITE_URL=$BASE_A

bench_log "Dependencies"
bench_ensure_deps

bench_log "Fresh database $BENCH_DB"
bench_fresh_db "$PG_URL" "$BENCH_DB"
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py collectstatic --no-input --clear -v0

bench_log "Seeding the contingent"
eval "$("$PY" bench/seed_contingents.py --size "$CAPACITY")"

bench_log "gunicorn: two masters on ports $PORT_A and $PORT_B, $WORKERS workers each, $WORKER_CLASS, $THREADS threads"
bench_start_gunicorn "$PORT_A" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$OUT/gunicorn-a.log"
bench_start_gunicorn "$PORT_B" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$OUT/gunicorn-b.log"
for url in "$BASE_A/veranstaltungen/freikarten/$CLAIM_SLUG/" "$BASE_B/veranstaltungen/freikarten/$CLAIM_SLUG/"; do
  "$PY" -c "import sys, urllib.request; r = urllib.request.urlopen(sys.argv[1], timeout=30); assert r.status == 200; print(f'  200 {len(r.read()):>7} bytes  {sys.argv[1]}')" "$url"
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_log "Claims: $COUNT claims for $CAPACITY tickets, $CONCURRENCY in flight over both servers"
"$PY" bench/claim_rush.py claim --base "$BASE_A" --base "$BASE_B" --slug "$CLAIM_SLUG" --count "$COUNT" \
  --concurrency "$CONCURRENCY" --run-id "$RUN_ID" | tee "$OUT/claims.json"

bench_log "Reading the $COUNT confirmation links from the outbox"
"$PY" bench/claims_db.py tokens --count "$COUNT" --run-id "$RUN_ID" >"$OUT/tokens.txt"
wc -l <"$OUT/tokens.txt" >&2

bench_log "Confirmations: $COUNT confirmation POSTs, $CONCURRENCY in flight over both servers"
"$PY" bench/claim_rush.py confirm --base "$BASE_A" --base "$BASE_B" --tokens "$OUT/tokens.txt" \
  --concurrency "$CONCURRENCY" | tee "$OUT/confirms.json"

bench_log "Ceiling: /healthz (no database) on both servers at once, two wrk with $((CONCURRENCY / 2)) connections each, ${CEILING_SECONDS}s"
WRK_PIDS=()
for base in "$BASE_A" "$BASE_B"; do
  wrk --threads 1 --connections "$((CONCURRENCY / 2))" --duration "${CEILING_SECONDS}s" --timeout 30s \
    --script bench/report.lua "$base/healthz" >"$OUT/wrk-ceiling-${base##*:}.txt" &
  WRK_PIDS+=($!)
done
wait "${WRK_PIDS[@]}"  # not the gunicorn masters, which run in the background too
cat "$OUT"/wrk-ceiling-*.txt | grep '^RESULT' >"$OUT/ceiling.txt"
cat "$OUT/ceiling.txt" >&2
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
bench_stop_gunicorn
rm -f "$OUT/tokens.txt"  # personal links, not needed any more

bench_log "Database checks"
"$PY" bench/claims_db.py verify --slug "$CLAIM_SLUG" --count "$COUNT" --capacity "$CAPACITY" --run-id "$RUN_ID" \
  | tee "$OUT/verify.txt" || VERIFY_FAILED=1
SERVER_ERRORS=$(cat "$OUT"/gunicorn-*.log | grep -c -E 'Traceback|Internal Server Error' || true)

"$PY" - "$OUT" "$SERVER_ERRORS" >"$OUT/table.md" <<'PYEOF'
import json, sys
out, server_errors = sys.argv[1], int(sys.argv[2])
print("| phase | requests | in flight | per min | p50 ms | p99 ms | max ms | responses | not 2xx/3xx | 5xx | per server | budget (≥ 6,000/min, p99 < 500 ms, no 5xx) |")
print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|")
for name, label in (("claims", "claims (form POST)"), ("confirms", "confirmations (tickets handed out)")):
    r = json.load(open(f"{out}/{name}.json"))
    met = r["per_min"] >= 6000 and r["p99_ms"] < 500 and r["server_errors"] == 0 and r["errors"] == 0
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
    servers = " / ".join(str(v) for v in r["per_server"].values())
    print(f"| {label} | {r['count']} | {r['concurrency']} | {r['per_min']:,} | {r['p50_ms']} | {r['p99_ms']} "
          f"| {r['max_ms']} | {statuses} | {r['errors']} | {r['server_errors']} | {servers} | {'met' if met else 'MISSED'} |")
rps = 0.0
for line in open(f"{out}/ceiling.txt"):
    rps += float(dict(f.split("=") for f in line.split()[1:])["rps"])
print(f"| ceiling: `/healthz` on both servers (wrk) | – | – | {rps * 60:,.0f} | | | | | | | | – |")
print()
print(f"Server errors in the gunicorn logs: {server_errors}")
PYEOF
{
  echo "Date: $(date -R)"
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  bench_machine_info
  echo "gunicorn: two masters (ports $PORT_A, $PORT_B), $WORKERS workers each, $WORKER_CLASS, $THREADS threads; client: $CONCURRENCY in flight in total, half per server"
  echo
  cat "$OUT/table.md"
  echo
  echo "Database checks after the confirmations:"
  cat "$OUT/verify.txt"
} | tee "$OUT/summary.md"
echo "Results in $OUT" >&2
if [[ -n "${VERIFY_FAILED:-}" ]]; then echo "A database check failed" >&2; exit 1; fi
