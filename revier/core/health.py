"""Readiness of the site for a load balancer (`/readyz`) and the background worker's heartbeat.

`/healthz` (core.views.health) only says the process answers. `/readyz` says whether it can do its
work: the database answers, the cache stores and returns a value, a worker gave a sign of life
within WORKER_STALE_SECONDS, and no mail has waited for sending longer than MAIL_STALE_SECONDS since
it became due. Each check returns None when it passes, else a short English reason.
"""

import datetime
import os
import secrets
import socket
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from revier.core.models import OutboxMail, WorkerHeartbeat
from revier.core.outage import DATABASE_ERRORS

WORKER_STALE_SECONDS = 60
MAIL_STALE_SECONDS = 5 * 60
HEARTBEAT_SECONDS = 10.0
_last_beat = {"at": 0.0, "started": None}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_heartbeat(*, force: bool = False) -> None:
    """Records this worker process's sign of life: one UPDATE (or INSERT) at most every
    HEARTBEAT_SECONDS. Called by run_worker after every round."""
    now_monotonic = time.monotonic()
    if not force and now_monotonic - _last_beat["at"] < HEARTBEAT_SECONDS:
        return
    now = timezone.now()
    started = _last_beat["started"] or now
    # No transaction needed: the row is this process's own, and the first beat inserts it.
    updated = WorkerHeartbeat.objects.filter(name=worker_name()).update(beat_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(name=worker_name(), started_at=started, beat_at=now)
        WorkerHeartbeat.objects.filter(beat_at__lt=now - datetime.timedelta(days=1)).delete()
    _last_beat.update(at=now_monotonic, started=started)


def worker_lag_seconds() -> float | None:
    """Seconds since the newest worker heartbeat; None when no worker has ever beaten."""
    newest = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    return None if newest is None else max(0.0, (timezone.now() - newest).total_seconds())


def oldest_due_mail_seconds() -> float:
    """How long the longest-waiting due mail has been due (0 when none waits)."""
    now = timezone.now()
    oldest = (OutboxMail.objects.filter(status=OutboxMail.Status.PENDING, next_attempt_at__lte=now)
              .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first())
    return 0.0 if oldest is None else max(0.0, (now - oldest).total_seconds())


def _database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS as error:
        return f"database unavailable: {type(error).__name__}"
    return None


def _cache() -> str | None:
    token = secrets.token_hex(8)
    try:
        cache.set("readyz:probe", token, timeout=10)
        if cache.get("readyz:probe") != token:
            return "cache did not return the value just stored"
    except Exception as error:  # noqa: BLE001 – a cache client may raise anything (Redis down)
        return f"cache unavailable: {type(error).__name__}"
    return None


def _worker() -> str | None:
    lag = worker_lag_seconds()
    if lag is None:
        return "no worker heartbeat yet"
    if lag > WORKER_STALE_SECONDS:
        return f"last worker heartbeat {lag:.0f} s ago"
    return None


def _mail() -> str | None:
    waiting = oldest_due_mail_seconds()
    if waiting > MAIL_STALE_SECONDS:
        return f"oldest due mail waiting {waiting:.0f} s"
    return None


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]  # check → "ok", "skipped" or the reason it failed

    @property
    def ready(self) -> bool:
        return all(value == "ok" for value in self.checks.values())


def readiness() -> Readiness:
    """Runs the four checks; without a database the worker and mail checks are skipped."""
    checks = {"database": _database(), "cache": _cache()}
    if checks["database"] is None:
        try:
            checks["worker"], checks["mail"] = _worker(), _mail()
        except DATABASE_ERRORS as error:  # the database went away between the checks
            checks["database"] = f"database unavailable: {type(error).__name__}"
    results = {name: reason or "ok" for name, reason in checks.items()}
    results.setdefault("worker", "skipped")
    results.setdefault("mail", "skipped")
    return Readiness(checks=results)
