"""gunicorn settings of Revier (docs/deployment.md): `gunicorn -c deploy/gunicorn.conf.py revier.wsgi`.

The request figures of /metrics are summed over the processes when PROMETHEUS_MULTIPROC_DIR names
a folder (core.metrics); the systemd unit empties it before gunicorn starts, and a process that ends
has its live gauges removed here."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
max_requests = 5000
max_requests_jitter = 500
# X-Forwarded-Proto is trusted only from the reverse proxy on this host.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # the reverse proxy logs requests
errorlog = "-"


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
