#!/usr/bin/env bash
# Directory search of the network (issue 10, section 2): 5,000 profiles with 20,000 offers and needs in
# PostgreSQL, gunicorn, wrk on loopback.
#
#   bench/network_directory.sh
#   PROFILES=200 ENTRIES=800 DURATION=2 WARMUP=1 bench/network_directory.sh     (a smoke run)
#
# The budget: directory search p99 < 100 ms at 5,000 profiles with 20,000 offers and needs.
#
# Steps: dependencies (make install, wrk), a fresh PostgreSQL database, migrate, the profiles
# (bench/seed_network.py: German offers and needs from phrase lists per topic, 10 % for participants
# of an event only, 5 % hidden, 2 % hidden by staff, 3 % unconfirmed, a tenth linked to an event's
# registrations), VACUUM ANALYZE, collectstatic, EXPLAIN of a search (as the directory plans it,
# network.search.search_planning: must use the GIN index).
# gunicorn with 2 workers (gthread, 4 threads), PAGE_CACHE_SECONDS=0 (searches are never kept in the
# page cache anyway). Measured, each after a warm-up:
#   search-mixed        every request another search of 2,000 (both lists, a third with "bietet"/"sucht",
#                       some with topic, region, kind, event or a later page; bench/rotate.lua)
#   search-common       /netzwerk/verzeichnis/?q=Wasserstoff (a word in many profiles)
#   search-rare         /netzwerk/angebote-und-gesuche/?q=Batterierecycling
#   directory           /netzwerk/verzeichnis/ (no search)
# search-mixed and search-common again with one connection per worker (no queueing: the search's own
# service time). Everything is kept in bench/results/network-directory-<timestamp>/; gunicorn is
# stopped on exit. Settings from the environment:
#   PG_URL (postgres://postgres@127.0.0.1:5432)  BENCH_DB (revier_bench_network)  PROFILES (5000)
#   ENTRIES (20000)  PORT (8768)  WORKERS (2)  WORKER_CLASS (gthread)  THREADS (4)  CONNECTIONS (8)
#   WRK_THREADS (2)  DURATION (15)  WARMUP (5)  REUSE_DB=1 (keep the database of the last run)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
bench_settings
BENCH_DB=${BENCH_DB:-revier_bench_network}
PROFILES=${PROFILES:-5000}
ENTRIES=${ENTRIES:-20000}
PORT=${PORT:-8768}
OUT=$ROOT/bench/results/network-directory-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
BASE=http://127.0.0.1:$PORT

bench_django_env "$BASE" "$ROOT/var/bench-static-network"
bench_render_env "$BENCH_DB"

bench_log "Dependencies"
bench_ensure_deps

if [[ "${REUSE_DB:-0}" != 1 || ! -s "$ROOT/var/bench-network-paths.txt" ]]; then
  bench_log "Fresh database $BENCH_DB"
  bench_fresh_db "$PG_URL" "$BENCH_DB"
  "$PY" manage.py migrate --no-input -v0
  bench_log "Seeding: $PROFILES profiles, $ENTRIES offers and needs"
  "$PY" bench/seed_network.py --profiles "$PROFILES" --entries "$ENTRIES" --paths "$ROOT/var/bench-network-paths.txt"
  bench_vacuum_analyze
fi
"$PY" manage.py migrate --no-input -v0
# A migration may have rewritten rows (network 0013 rewrites the profiles): statistics and visibility
# map as after seeding.
bench_vacuum_analyze
cp "$ROOT/var/bench-network-paths.txt" "$OUT/paths-search.txt"
"$PY" manage.py collectstatic --no-input --clear -v0

bench_log "EXPLAIN of a search (details in $OUT/explain.txt)"
"$PY" - >"$OUT/explain.txt" <<'PYEOF'
import django; django.setup()
from django.db import connection
from django.http import QueryDict
from revier.network import directory, search
for query in ["q=Wasserstoff", "q=Batterierecycling&richtung=bietet"]:
    qs = directory.profile_directory(directory.directory_filter_from_params(QueryDict(query)))
    with search.search_planning():  # as the directory's pages run it
        plan = qs[:20].explain(analyze=True)
    print(f">>> {query}: {'GIN index used' if 'network_profile_search_vector' in plan or 'network_profileentry_search_vector' in plan else 'NO INDEX'}")
    print(plan)
PYEOF
grep '^>>>' "$OUT/explain.txt" >&2
if grep -q '^>>>.*NO INDEX' "$OUT/explain.txt"; then echo "WARNING: a search did not use the GIN index (see explain.txt)" | tee -a "$OUT/warnings.txt" >&2; fi

bench_log "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads, port $PORT, PAGE_CACHE_SECONDS=0"
bench_start_gunicorn "$PORT" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$OUT/gunicorn.log"

bench_log "Checking the addresses answer 200"
"$PY" - "$BASE" "$OUT/paths-search.txt" <<'PYEOF'
import sys, urllib.request
base, paths = sys.argv[1], open(sys.argv[2]).read().split()
for path in ["/netzwerk/verzeichnis/?q=Wasserstoff", "/netzwerk/angebote-und-gesuche/?q=Batterierecycling", *paths[:50]]:
    response = urllib.request.urlopen(base + path, timeout=60)
    assert response.status == 200, (path, response.status)
print(f"  52 addresses answer 200", file=sys.stderr)
PYEOF

NAMES=(search-mixed search-common search-rare directory search-mixed-low search-common-low)
TARGETS=("@$OUT/paths-search.txt" "/netzwerk/verzeichnis/?q=Wasserstoff" "/netzwerk/angebote-und-gesuche/?q=Batterierecycling"
         /netzwerk/verzeichnis/ "@$OUT/paths-search.txt" "/netzwerk/verzeichnis/?q=Wasserstoff")
CONNS=("$CONNECTIONS" "$CONNECTIONS" "$CONNECTIONS" "$CONNECTIONS" "$WORKERS" "$WORKERS")
bench_measure_each
bench_stop_gunicorn
SERVER_ERRORS=$(grep -c -E 'Traceback|Internal Server Error' "$OUT/gunicorn.log" || true)

# Every search row is held to the budget, the ones with one connection per worker too;
# bench/seed_network.py writes 2,000 search addresses.
bench_search_table "$OUT/results.txt" "$SERVER_ERRORS" 2000 budget >"$OUT/table.md"
{
  echo "Date: $(date -R)"
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  bench_machine_info
  [[ -f "$OUT/warnings.txt" ]] && cat "$OUT/warnings.txt"
  echo "Data: $PROFILES profiles, $ENTRIES offers and needs (bench/seed_network.py)"
  echo "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads; PAGE_CACHE_SECONDS=0; wrk: $CONNECTIONS connections (or one per worker), ${DURATION}s after ${WARMUP}s warm-up"
  echo
  cat "$OUT/table.md"
} | tee "$OUT/summary.md"
echo "Results in $OUT" >&2
