#!/usr/bin/env bash
# The portal's one search (issue 13 §1, /suche/): news, events with program and speakers, free
# tickets, network profiles, Monitor questions and pages at once, on PostgreSQL, gunicorn, wrk on
# loopback.
#
#   bench/portal_search.sh
#   ARTICLES=200 EVENTS=20 PROFILES=100 ENTRIES=400 SEARCHES=50 DURATION=2 WARMUP=1 bench/portal_search.sh   (a smoke run)
#   DRY_RUN=1 ARTICLES=50 EVENTS=10 PROFILES=50 ENTRIES=200 SEARCHES=20 bench/portal_search.sh
#                      (seeds, starts gunicorn and checks the addresses answer 200; measures nothing)
#
# The budget: p99 < 100 ms with 8 requests in flight on 2 gunicorn workers at 10,000 articles,
# 1,000 events and 5,000 profiles.
#
# Steps: dependencies (make install, wrk), a fresh PostgreSQL database, migrate, the data:
# articles (bench/seed_news.py), profiles with offers and needs (bench/seed_network.py), events with
# program items and speakers and a few contingents (bench/seed_portal_search.py, which also writes
# 2,000 different search addresses: words, two words, beginnings of words, misspelt words that find
# nothing, some filtered to one kind or on a later page), VACUUM ANALYZE, collectstatic.
# gunicorn with 2 workers (gthread, 4 threads), PAGE_CACHE_SECONDS=0 (a search is never kept in the
# page cache anyway). Measured, each after a warm-up (the warm-up also builds each worker's index of
# the small kinds, core.site_search.StemIndex, once per content generation):
#   search-mixed    every request another search of the 2,000 (bench/rotate.lua)
#   search-common   /suche/?q=Wasserstoff (a word in many articles, events and profiles)
#   search-rare     /suche/?q=Batterierecycling
#   search-none     /suche/?q=Wasserstuff (nothing found: "Meinten Sie …")
#   search-kind     /suche/?q=Wasserstoff&art=aktuelles&page=2 (one kind, a later page)
#   first-view      /suche/ (no words)
# search-mixed and search-common again with one connection per worker (no queueing: the search's own
# service time). Everything is kept in bench/results/portal-search-<timestamp>/; gunicorn is stopped
# on exit. Settings from the environment:
#   PG_URL (postgres://postgres@127.0.0.1:5432)  BENCH_DB (revier_bench_portal_search)  ARTICLES (10000)
#   EVENTS (1000)  ITEMS (6 per event)  SPEAKERS (400)  PROFILES (5000)  ENTRIES (20000)  SEARCHES (2000)
#   PORT (8771)  WORKERS (2)  WORKER_CLASS (gthread)  THREADS (4)  CONNECTIONS (8)  WRK_THREADS (2)
#   DURATION (15)  WARMUP (5)  REUSE_DB=1 (keep the database of the last run)  DRY_RUN=1 (no measuring)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
bench_settings
BENCH_DB=${BENCH_DB:-revier_bench_portal_search}
ARTICLES=${ARTICLES:-10000}
EVENTS=${EVENTS:-1000}
ITEMS=${ITEMS:-6}
SPEAKERS=${SPEAKERS:-400}
PROFILES=${PROFILES:-5000}
ENTRIES=${ENTRIES:-20000}
SEARCHES=${SEARCHES:-2000}
PORT=${PORT:-8771}
OUT=$ROOT/bench/results/portal-search-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
BASE=http://127.0.0.1:$PORT
PATHS_FILE=$ROOT/var/bench-portal-search-paths.txt

bench_django_env "$BASE" "$ROOT/var/bench-static-portal-search"
bench_render_env "$BENCH_DB"

if [[ "${DRY_RUN:-0}" != 1 ]]; then
  bench_log "Dependencies"
  bench_ensure_deps
fi
mkdir -p "$ROOT/var"

if [[ "${REUSE_DB:-0}" != 1 || ! -s "$PATHS_FILE" ]]; then
  bench_log "Fresh database $BENCH_DB"
  bench_fresh_db "$PG_URL" "$BENCH_DB"
  "$PY" manage.py migrate --no-input -v0
  bench_log "Seeding: $ARTICLES articles, $PROFILES profiles with $ENTRIES offers and needs, $EVENTS events"
  "$PY" bench/seed_news.py --count "$ARTICLES"
  "$PY" bench/seed_network.py --profiles "$PROFILES" --entries "$ENTRIES"
  "$PY" bench/seed_portal_search.py --events "$EVENTS" --items "$ITEMS" --speakers "$SPEAKERS" \
    --searches "$SEARCHES" --paths "$PATHS_FILE"
fi
"$PY" manage.py migrate --no-input -v0
bench_vacuum_analyze
cp "$PATHS_FILE" "$OUT/paths-search.txt"
"$PY" manage.py collectstatic --no-input --clear -v0

bench_log "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads, port $PORT, PAGE_CACHE_SECONDS=0"
bench_start_gunicorn "$PORT" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$OUT/gunicorn.log"

NAMES=(search-mixed search-common search-rare search-none search-kind first-view search-mixed-low search-common-low)
TARGETS=("@$OUT/paths-search.txt" "/suche/?q=Wasserstoff" "/suche/?q=Batterierecycling" "/suche/?q=Wasserstuff"
         "/suche/?q=Wasserstoff&art=aktuelles&page=2" "/suche/" "@$OUT/paths-search.txt" "/suche/?q=Wasserstoff")
CONNS=("$CONNECTIONS" "$CONNECTIONS" "$CONNECTIONS" "$CONNECTIONS" "$CONNECTIONS" "$CONNECTIONS" "$WORKERS" "$WORKERS")

bench_log "Checking the addresses answer 200"
"$PY" - "$BASE" "$OUT/paths-search.txt" "${TARGETS[@]}" <<'PYEOF'
import sys, urllib.request
base, paths, targets = sys.argv[1], open(sys.argv[2]).read().split(), [t for t in sys.argv[3:] if not t.startswith("@")]
checked = [*targets, *paths[:50]]
for path in checked:
    response = urllib.request.urlopen(base + path, timeout=60)
    assert response.status == 200, (path, response.status)
    if path == "/suche/?q=Wasserstuff":
        assert "Meinten Sie" in response.read().decode(), "no suggestion for a misspelt word"
print(f"  {len(checked)} addresses answer 200", file=sys.stderr)
PYEOF
if [[ "${DRY_RUN:-0}" == 1 ]]; then
  bench_stop_gunicorn
  echo "Dry run: seeded and checked, nothing measured (results in $OUT)" >&2
  exit 0
fi

bench_measure_each
bench_stop_gunicorn
SERVER_ERRORS=$(grep -c -E 'Traceback|Internal Server Error' "$OUT/gunicorn.log" || true)

# The budget is for 8 requests in flight: the rows with one connection per worker are for comparison.
bench_search_table "$OUT/results.txt" "$SERVER_ERRORS" "$SEARCHES" comparison >"$OUT/table.md"
{
  echo "Date: $(date -R)"
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  bench_machine_info
  echo "Data: $ARTICLES articles, $PROFILES profiles with $ENTRIES offers and needs, $EVENTS events with $ITEMS program items each, $SPEAKERS speakers"
  echo "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads; PAGE_CACHE_SECONDS=0; wrk: $CONNECTIONS connections (or one per worker), ${DURATION}s after ${WARMUP}s warm-up"
  echo
  cat "$OUT/table.md"
} | tee "$OUT/summary.md"
echo "Results in $OUT" >&2
