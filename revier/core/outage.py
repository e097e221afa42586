"""The site while its database is away (a PostgreSQL restart, a failover, a full disk).

Every page then answers a designed German 503 with `Retry-After` instead of a 500, and the log gets
one line now and then instead of a traceback per request (a 30-second restart used to write 2,202
of them). Three places catch the error, because it can come from three places:

- a view (or a template it renders): `DatabaseUnavailableMiddleware.process_exception`, before
  Django logs anything;
- a middleware before the view (the session read by the idle timeout, the user read by the second
  factor check) or after it (the session saved): Django turns it into a response through
  `handler500` (core.views.server_error), which answers 503 for these errors, and the log filter
  `DatabaseUnavailableFilter` on the `django.request` logger drops Django's traceback of it;
- the 503 page itself needs no database: it is rendered without a request, so no context
  processor (the frame's, the user's) runs.

A cached page (core.cache) is still served from the cache during the outage.
"""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext

from revier.core import metrics

logger = logging.getLogger("revier.outage")

RETRY_AFTER_SECONDS = 60
# At most one log line per process in this many seconds, with the number of 503s since the last one.
LOG_EVERY_SECONDS = 10.0

_database_errors: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:  # psycopg's own errors, should one ever pass Django's wrapper (a raw connection)
    import psycopg

    _database_errors += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # pragma: no cover – SQLite-only installation
    pass
DATABASE_ERRORS = _database_errors

_log_state = {"last": 0.0, "suppressed": 0}
_log_lock = threading.Lock()


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_ERRORS)


def log_unavailable(error: BaseException) -> None:
    """One warning line, at most every LOG_EVERY_SECONDS per process; the others are counted."""
    now = time.monotonic()
    with _log_lock:
        if now - _log_state["last"] < LOG_EVERY_SECONDS:
            _log_state["suppressed"] += 1
            return
        suppressed, _log_state["suppressed"], _log_state["last"] = _log_state["suppressed"], 0, now
    first_line = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
    logger.warning("database unavailable, answering 503 (%s: %s; %d more 503s since the last line)",
                   type(error).__name__, first_line, suppressed)


def unavailable_response(request) -> HttpResponse:
    """The 503 of a database outage: the API's JSON shape for API addresses, the German page for
    every other one. Never touches the database."""
    # Imported here: this module is loaded with the logging configuration, before the apps.
    from revier.core import api

    if request is not None and api.is_api_request(request):
        response = JsonResponse({"detail": gettext("Please try again in a minute.")}, status=503)
    else:
        try:
            body = loader.get_template("503.html").render({"status": 503})
        except Exception:  # noqa: BLE001 – the outage page must never fail itself
            body = ("<!DOCTYPE html><html lang=de><title>Vorübergehend nicht erreichbar</title>"
                    "<h1>Vorübergehend nicht erreichbar</h1><p>Bitte versuchen Sie es in einer Minute erneut.</p></html>")
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """First in settings.MIDDLEWARE: a view whose database is away gets the 503, logged as one line.
    Being first, it also counts every request and its duration for the metrics (core.metrics)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = metrics.request_started()
        response = self.get_response(request)
        metrics.request_finished(request, response, started)
        return response

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        log_unavailable(exception)
        return unavailable_response(request)


class DatabaseUnavailableFilter(logging.Filter):
    """On the `django.request` logger: Django's record of an unhandled database outage error (raised
    in a middleware, answered 503 by handler500) becomes the rate-limited line instead, and its
    line per 503 response is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if is_database_unavailable(error):
            log_unavailable(error)
            return False
        # Django's "Service Unavailable: /path" for every 503, which only the outage answers.
        return getattr(record, "status_code", None) != 503
