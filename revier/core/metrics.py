"""Request figures for Prometheus, counted in the one middleware that sees every request first
(core.outage.DatabaseUnavailableMiddleware): requests by view and status, and their duration.

What it costs: two `perf_counter()` calls, a dict lookup, one counter increment and one histogram
observation (tests/portal/test_metrics.py prints it: 9–14 µs a request on the loaded 2-core test
machine where a plain dict increment takes 0.5 µs, so roughly 1 µs on an idle one; a cached page
takes a few hundred µs), also for cached pages; no middleware of its own. The view is the URL pattern's name (`news:detail`), never the path, so the
number of series stays bounded; requests no pattern matched (404 of the resolver, static files of
whitenoise) count as view "-".

Several gunicorn processes: each counts its own requests. Set PROMETHEUS_MULTIPROC_DIR (an empty
folder, emptied before gunicorn starts; deploy/gunicorn.conf.py removes a dead process's files) and
prometheus-client keeps the values in files there, which a scrape of any process adds up. Without
it a scrape sees only the process that answers it (fine for one process; with several the counters
of a series jump between processes). The business figures (portal.metrics) are read from the
database when scraped and are the same from every process.
"""

import os
import time

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("revier_http_requests", "HTTP requests answered, by URL pattern name and status.",
                   ["view", "status"], registry=REGISTRY)
DURATION = Histogram("revier_http_request_duration_seconds",
                     "Time from the first middleware to the response, by URL pattern name.", ["view"],
                     buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0), registry=REGISTRY)


def request_started() -> float:
    return time.perf_counter()


# (view, status) → (counter, histogram) of that series: `labels()` takes a lock and checks the
# values each time, which costs more than the increment itself, so it is done once per series.
_series: dict[tuple[str, int], tuple] = {}


def request_finished(request, response, started: float) -> None:
    elapsed = time.perf_counter() - started
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match is not None and match.view_name else "-"
    key = (view, response.status_code)
    series = _series.get(key)
    if series is None:
        series = _series[key] = (REQUESTS.labels(view, str(response.status_code)), DURATION.labels(view))
    series[0].inc()
    series[1].observe(elapsed)


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def request_metrics_text() -> bytes:
    """The request figures in Prometheus' text format: of all processes (multiprocess mode) or this one."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
