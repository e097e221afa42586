"""Logging of the platform (settings.LOGGING). Loaded before the apps are ready: no model import at
module level."""

import datetime
import json
import logging
import re
import time

from django.conf import settings
from django.db import transaction
from django.utils.log import AdminEmailHandler

from revier.core import outage, ratelimit


class OutboxAdminEmailHandler(AdminEmailHandler):
    """Django's `mail_admins` handler, but through the outbox and rate-limited: at most
    settings.ERROR_MAILS_PER_HOUR error mails an hour for the whole site (counted in the shared
    cache), queued for the worker instead of sent inside the failing request. A flood of errors
    is in the log, never in the admins' mailboxes; the text only, no HTML page of local variables."""

    def send_mail(self, subject, message, *args, **kwargs):
        recipients = [admin if isinstance(admin, str) else admin[1] for admin in settings.ADMINS]
        if not recipients:
            return
        if not ratelimit.hit_key(scope="error-mail", key="site", limit=settings.ERROR_MAILS_PER_HOUR,
                                 window_seconds=3600):
            return
        from revier.core.mail import mail_store

        try:
            # In its own transaction where possible; inside a failing atomic block it may roll back
            # with the change, which loses only the mail (the log line is written anyway).
            with transaction.atomic():
                mail_store(to=recipients, subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}", body_text=message)
        except Exception:  # noqa: BLE001 – logging must never raise; the record is on the console
            pass


class JsonLinesFormatter(logging.Formatter):
    """One JSON object a line (LOG_FORMAT=json, docs/deployment.md): time, level, logger, message,
    and the traceback as one string field when there is one, for a log collector to parse."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


# Path segments that look like the secret of a personal link (core.tokens): long runs of URL-safe
# characters. Sent to the error tracker as "[token]".
_TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=/|$)")
_last_outage_event = {"at": -60.0}


def sentry_before_send(event: dict, hint: dict | None = None) -> dict:
    """What leaves the site for the error tracker (SENTRY_DSN): no personal data. The request keeps
    only its method and its address without query and without personal-link secrets; bodies,
    cookies, headers, the user and the breadcrumbs' SQL parameters are dropped. Of a database outage
    only one event a minute goes out."""
    error = (hint or {}).get("exc_info", (None, None, None))[1]
    if isinstance(error, outage.DATABASE_ERRORS):
        # A database outage is one event a minute per process, not one per request (core.outage).
        now = time.monotonic()
        if now - _last_outage_event["at"] < 60:
            return None
        _last_outage_event["at"] = now
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in ("method", "url") if key in request}
        if "url" in kept:
            kept["url"] = _TOKEN_SEGMENT.sub("[token]", str(kept["url"]).split("?", 1)[0])
        event["request"] = kept
    event.pop("user", None)
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb.pop("data", None)
        if crumb.get("category") == "query":
            crumb["message"] = "[query]"
    return event


def sentry_init(*, dsn: str, environment: str, release: str = "") -> None:
    """Errors to Sentry or a self-hosted GlitchTip when SENTRY_DSN is set (settings.py): exceptions
    and ERROR log lines, without personal data (sentry_before_send, no local variables of frames),
    no performance tracing."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn, environment=environment, release=release or None,
        integrations=[DjangoIntegration(transaction_style="url")],
        send_default_pii=False, include_local_variables=False, max_request_body_size="never",
        before_send=sentry_before_send, traces_sample_rate=0.0,
    )
