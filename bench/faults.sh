#!/usr/bin/env bash
# The fault benchmark (issue 13, section 6): the production topology on one machine under a mixed
# load, with PostgreSQL restarted, the mail server gone for five minutes and a worker killed.
#
#   bench/faults.sh                      # 10 minutes of load, then the drain and the checks
#   DURATION=240 SINK_DOWN=90 bench/faults.sh   # a shorter run (the faults move with it)
#
# Topology: two gunicorn masters (ports 8771, 8772; 2 workers each, gthread, 4 threads) on one
# PostgreSQL database and Redis (page cache, rate limits), two `run_worker` processes, a local SMTP
# sink (bench/smtp_sink.py, aiosmtpd) that the outbox sends to. bench/faults.py starts the sink and
# the workers, runs the load and the faults and checks the database and the sink afterwards (what
# it checks: its docstring). Data: bench/seed_events.py (a category of 50 seats with a waiting list),
# bench/seed_contingents.py (50 free-ticket codes, first come first served), bench/seed_meetings.py (a
# published Gesprächsbörse with open meeting requests, whose links the load accepts), the demo content.
# PostgreSQL is restarted with pg_ctlcluster: run it alone on the machine (no test suite, no other
# benchmark: they would lose their connections too).
# Everything is kept in bench/results/faults-<timestamp>/; exits 1 if a check failed.
# Settings: PG_URL (postgres://postgres@127.0.0.1:5432) BENCH_DB (revier_bench_faults) DURATION (600)
#   PG_RESTART_AT (90) SINK_STOP_AT (150) SINK_DOWN (300) SMTP_PORT (8825) READERS (6)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
BENCH_DB=${BENCH_DB:-revier_bench_faults}
DURATION=${DURATION:-600}
PG_RESTART_AT=${PG_RESTART_AT:-90}
SINK_STOP_AT=${SINK_STOP_AT:-150}
SINK_DOWN=${SINK_DOWN:-300}
SMTP_PORT=${SMTP_PORT:-8825}
READERS=${READERS:-6}
PY=$ROOT/.venv/bin/python
OUT=$ROOT/bench/results/faults-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

bench_django_env http://127.0.0.1:8771 "$ROOT/var/bench-static-faults"
export DATABASE_URL="$PG_URL/$BENCH_DB"
export CONN_MAX_AGE=600
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/7}
export RATELIMIT_ENABLED=false
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=127.0.0.1 EMAIL_PORT=$SMTP_PORT EMAIL_TIMEOUT=10

bench_log "Dependencies"
bench_ensure_deps
../shared/services-up >/dev/null 2>&1 || true
PG_VERSION=$(pg_lsclusters -h | awk '$2 == "main" {print $1; exit}')

bench_log "Fresh database $BENCH_DB, Redis database 7 emptied"
bench_fresh_db "$PG_URL" "$BENCH_DB"
redis-cli -n 7 flushdb >/dev/null
"$PY" manage.py migrate --no-input -v0
"$PY" bench/seed_events.py >/dev/null
"$PY" bench/seed_contingents.py >/dev/null
"$PY" bench/seed_meetings.py --links "$OUT/meeting-links.txt"
"$PY" manage.py load_demo >/dev/null 2>"$OUT/load_demo.log" || echo "WARNING: load_demo failed (see load_demo.log)" >&2
"$PY" manage.py shell -c "from revier.core.models import OutboxMail; OutboxMail.objects.all().delete()"  # only this run's mails
"$PY" manage.py collectstatic --no-input --clear -v0

bench_log "Two gunicorn masters (8771, 8772)"
bench_start_gunicorn 8771 2 gthread 4 "$OUT/gunicorn-1.log"
bench_start_gunicorn 8772 2 gthread 4 "$OUT/gunicorn-2.log"
bench_machine_info | tee "$OUT/machine.txt"

bench_log "Load for $DURATION s: PostgreSQL restarted at $PG_RESTART_AT s, the SMTP sink stopped at $SINK_STOP_AT s for $SINK_DOWN s, a worker killed when it is back"
set +e
"$PY" bench/faults.py --base http://127.0.0.1:8771 --base http://127.0.0.1:8772 --out "$OUT" \
  --duration "$DURATION" --pg-restart-at "$PG_RESTART_AT" --pg-version "$PG_VERSION" --sink-stop-at "$SINK_STOP_AT" \
  --sink-down "$SINK_DOWN" --smtp-port "$SMTP_PORT" --readers "$READERS" \
  --meeting-links "$OUT/meeting-links.txt" | tee "$OUT/checks.txt"
STATUS=${PIPESTATUS[0]}
set -e
grep -c "Traceback" "$OUT"/gunicorn-*.log "$OUT/workers.log" 2>/dev/null | sed 's/^/tracebacks in /' | tee -a "$OUT/checks.txt" || true
echo "results: $OUT"
exit "$STATUS"
