#!/usr/bin/env bash
# Benchmark of "Aktuelles": 10,000 articles in PostgreSQL, gunicorn with 2 workers, wrk on loopback.
#
#   bench/news.sh                 (or: make bench)
#
# Steps: install what is missing (venv and npm packages via `make install`, wrk via apt-get),
# create a fresh database, migrate, load the articles (bench/seed_news.py), collectstatic,
# EXPLAIN the pages' queries (bench/explain.py; fails if search does not use the GIN index),
# start gunicorn, warm up, then measure every URL for $DURATION seconds with $CONNECTIONS
# connections. Prints a Markdown table and keeps everything in bench/results/<timestamp>/.
# The page cache (revier.core.cache) is on, in Redis as in a deployment with several workers;
# two extra rows measure pages that miss it (every request a different list page / article).
# gunicorn is stopped on exit, whatever happens. Settings can be overridden from the environment:
#   PG_URL (postgres://postgres@127.0.0.1:5432)  BENCH_DB (revier_bench)  ARTICLES (10000)
#   PORT (8765)  WORKER_CLASS (gthread)  THREADS (4)  CONNECTIONS (8)  WRK_THREADS (2)
#   DURATION (15)  WARMUP (5)  REUSE_DB=1 (keep the database of the last run: no drop, no seeding)
#   REDIS_URL (redis://127.0.0.1:6379/13; empty: local-memory cache per worker)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
BENCH_DB=${BENCH_DB:-revier_bench}
ARTICLES=${ARTICLES:-10000}
PORT=${PORT:-8765}
WORKERS=2  # fixed, not from the environment (bench_settings keeps it)
bench_settings
OUT=$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

export DJANGO_SETTINGS_MODULE=revier.settings
export DATABASE_URL="$PG_URL/$BENCH_DB"
export DEBUG=False
export SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export SITE_URL=http://127.0.0.1:$PORT
export LOG_LEVEL=WARNING
export STATIC_ROOT=$ROOT/var/bench-static
export CONN_MAX_AGE=${CONN_MAX_AGE:-60}
export REDIS_URL=${REDIS_URL-redis://127.0.0.1:6379/13}

log() { printf '\n== %s\n' "$*" >&2; }

log "Dependencies"
bench_ensure_deps

if [[ "${REUSE_DB:-0}" != 1 ]]; then
  log "Fresh database $BENCH_DB"
  bench_fresh_db "$PG_URL" "$BENCH_DB"
  "$PY" manage.py migrate --no-input -v0
  log "Loading $ARTICLES articles"
  "$PY" bench/seed_news.py --count "$ARTICLES"
  # Planner statistics (else it may scan the whole table for a common search term) and the
  # visibility map (index-only scans for the ids of a list page).
  bench_vacuum_analyze
fi

if [[ -n "$REDIS_URL" ]]; then
  "$PY" -c "import redis,sys; redis.Redis.from_url(sys.argv[1]).ping()" "$REDIS_URL" \
    || { echo "Redis does not answer at $REDIS_URL (start it, or run with REDIS_URL= for the local-memory cache)" >&2; exit 1; }
fi
# The data was written without the services: start a new content generation, so that no page
# cached by an earlier run is served.
"$PY" manage.py shell -c "from revier.core.cache import content_changed; content_changed()"

log "collectstatic"
"$PY" manage.py collectstatic --no-input --clear -v0

# A published article from the middle of the archive (not in any cache), and the URLs to measure.
SLUG=$("$PY" - <<'EOF'
import django; django.setup()
from revier.news.selectors import article_published
qs = article_published().order_by("-published_at", "-id")
print(qs.values_list("slug", flat=True)[qs.count() // 2])
EOF
)
# Paths that miss the page cache: every list page, every article (in a random but fixed order).
"$PY" - "$OUT" <<'EOF'
import random, sys
import django; django.setup()
from django.conf import settings
from revier.news.selectors import article_published
slugs = list(article_published().values_list("slug", flat=True))
random.Random(1).shuffle(slugs)
pages = -(-len(slugs) // settings.NEWS_PAGE_SIZE)
open(f"{sys.argv[1]}/paths-list.txt", "w").write("".join(f"/aktuelles/?page={n}\n" for n in range(1, pages + 1)))
open(f"{sys.argv[1]}/paths-detail.txt", "w").write("".join(f"/aktuelles/{slug}/\n" for slug in slugs))
EOF
NAMES=(ceiling list list-page-500 detail search-common search-rare feed-rss)
URLS=(
  /healthz
  /aktuelles/
  "/aktuelles/?page=500"
  "/aktuelles/$SLUG/"
  "/aktuelles/?q=Wasserstoffs"
  "/aktuelles/?q=Radschnellweg"
  /aktuelles/feed/rss/
)
# Latency depends on how many requests queue per worker, so the searches are measured a second
# time with one connection per worker (no queueing): that p99 is the search's own service time.
LOW_CONNECTIONS=$WORKERS
LOW_NAMES=(search-common search-rare)
LOW_URLS=("/aktuelles/?q=Wasserstoffs" "/aktuelles/?q=Radschnellweg")
# Measured last, without warm-up: every request a different page, so nearly all miss the cache.
MISS_NAMES=(list-uncached detail-uncached)
MISS_FILES=("$OUT/paths-list.txt" "$OUT/paths-detail.txt")

log "EXPLAIN (details in $OUT/explain.txt)"
"$PY" bench/explain.py "${URLS[@]:1}" >"$OUT/explain.txt" 2>&1 || { grep '^>>>' "$OUT/explain.txt"; echo "search does not use the GIN index" >&2; exit 1; }
grep '^>>>' "$OUT/explain.txt" >&2

log "gunicorn: $WORKERS workers, $WORKER_CLASS, $THREADS threads, port $PORT"
GUNICORN_PID=
stop_gunicorn() {
  if [[ -n "$GUNICORN_PID" ]] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    for _ in $(seq 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null || true
  fi
}
trap stop_gunicorn EXIT
"$ROOT/.venv/bin/gunicorn" revier.wsgi:application \
  --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class "$WORKER_CLASS" --threads "$THREADS" \
  --log-level warning --error-logfile "$OUT/gunicorn.log" &
GUNICORN_PID=$!
for _ in $(seq 100); do
  "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.2
done

log "Checking every URL answers 200 without redirect"
for url in "${URLS[@]}"; do
  "$PY" - "http://127.0.0.1:$PORT$url" <<'EOF'
import sys, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
response = urllib.request.build_opener(NoRedirect).open(sys.argv[1], timeout=30)
assert response.status == 200, (sys.argv[1], response.status)
print(f"  200 {len(response.read()):>7} bytes  {sys.argv[1]}")
EOF
done

WRK=(wrk --threads "$WRK_THREADS" --connections "$CONNECTIONS" --timeout 30s --script bench/report.lua)
log "Warm-up: $WARMUP s per URL"
for url in "${URLS[@]}"; do "${WRK[@]}" --duration "${WARMUP}s" "http://127.0.0.1:$PORT$url" >/dev/null; done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "Measuring: $DURATION s per URL, $CONNECTIONS connections (load average before: $LOAD_BEFORE)"
: >"$OUT/results.txt"
for i in "${!URLS[@]}"; do
  "${WRK[@]}" --duration "${DURATION}s" "http://127.0.0.1:$PORT${URLS[$i]}" >"$OUT/wrk-${NAMES[$i]}.txt"
  echo "${NAMES[$i]} ${URLS[$i]} $CONNECTIONS $(grep '^RESULT' "$OUT/wrk-${NAMES[$i]}.txt" | cut -d' ' -f2-)" | tee -a "$OUT/results.txt" >&2
done
for i in "${!LOW_URLS[@]}"; do
  name="${LOW_NAMES[$i]}-c$LOW_CONNECTIONS"
  wrk --threads 1 --connections "$LOW_CONNECTIONS" --timeout 30s --script bench/report.lua \
    --duration "${DURATION}s" "http://127.0.0.1:$PORT${LOW_URLS[$i]}" >"$OUT/wrk-$name.txt"
  echo "$name ${LOW_URLS[$i]} $LOW_CONNECTIONS $(grep '^RESULT' "$OUT/wrk-$name.txt" | cut -d' ' -f2-)" | tee -a "$OUT/results.txt" >&2
done
for i in "${!MISS_NAMES[@]}"; do
  name="${MISS_NAMES[$i]}"
  PATHS="${MISS_FILES[$i]}" "${WRK[@]/report.lua/rotate.lua}" --duration "${DURATION}s" "http://127.0.0.1:$PORT/" >"$OUT/wrk-$name.txt"
  echo "$name $(head -1 "${MISS_FILES[$i]}")… $CONNECTIONS $(grep '^RESULT' "$OUT/wrk-$name.txt" | cut -d' ' -f2-)" | tee -a "$OUT/results.txt" >&2
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_gunicorn

# The Markdown table for docs/performance.md, with the budgets of issue 3.
"$PY" - "$OUT/results.txt" >"$OUT/table.md" <<'EOF'
import sys
rows = []
for line in open(sys.argv[1]):
    name, url, connections, *fields = line.split()
    rows.append((name, url, connections, {k: float(v) for k, v in (f.split("=") for f in fields)}))
ceiling = rows[0][3]["rps"]
print("| page | URL | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | % of ceiling | budget |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
for name, url, connections, r in rows:
    share = 100 * r["rps"] / ceiling
    if name.endswith("-uncached"):
        budget = "– (cache misses, for comparison)"
    elif name.startswith(("list", "detail")):
        budget = f"≥ 40 % of ceiling: {'met' if share >= 40 else 'MISSED'}"
    elif name.startswith("search"):
        budget = f"p99 < 100 ms: {'met' if r['p99_ms'] < 100 else 'MISSED'}"
    else:
        budget = "–"
    print(f"| {name} | `{url}` | {connections} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['non2xx']:.0f} "
          f"| {r['socket_errors']:.0f} | {share:.0f} % | {budget} |")
EOF
{
  echo "Date: $(date -R)"
  echo "Load average (1/5/15 min) before measuring: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "Machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB RAM, $(uname -srm)"
  echo "Page cache: ${REDIS_URL:-local memory per worker} (PAGE_CACHE_SECONDS default)"
  echo "PostgreSQL: $("$PY" -c "import psycopg,sys; print(psycopg.connect(sys.argv[1]).execute('show server_version').fetchone()[0])" "$DATABASE_URL")"
  echo "gunicorn $("$ROOT/.venv/bin/gunicorn" --version | tr -dc '0-9.'): $WORKERS workers, $WORKER_CLASS, $THREADS threads; wrk: $WRK_THREADS threads, $CONNECTIONS connections, ${DURATION}s per URL after ${WARMUP}s warm-up"
  echo
  cat "$OUT/table.md"
} | tee "$OUT/summary.md"
echo "Results in $OUT" >&2
