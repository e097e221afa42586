"""/readyz for a load balancer (core.health): the database, the cache, the worker's heartbeat
(younger than a minute) and the oldest due mail (younger than five minutes); 503 names what fails."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from revier.core import health
from revier.core.models import OutboxMail, WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_remembered_beat():
    health._last_beat.update(at=0.0, started=None)


def _beat(seconds_ago: float) -> None:
    at = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(name=f"host:{seconds_ago}", started_at=at, beat_at=at)


def _due_mail(seconds_ago: float) -> None:
    OutboxMail.objects.create(to=["a@example.org"], subject="s", body_text="t",
                              next_attempt_at=timezone.now() - datetime.timedelta(seconds=seconds_ago))


def test_readyz_ok_with_a_fresh_heartbeat(client):
    _beat(5)
    _due_mail(30)  # due half a minute ago: the worker is on it
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"database": "ok", "cache": "ok", "worker": "ok", "mail": "ok"}}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_readyz_without_any_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no worker heartbeat yet"


def test_readyz_with_a_stale_heartbeat(client):
    _beat(75)
    _beat(300)
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"].startswith("last worker heartbeat 7") and checks["database"] == "ok"


def test_readyz_with_a_mail_due_for_more_than_five_minutes(client):
    _beat(1)
    _due_mail(6 * 60)
    OutboxMail.objects.create(to=["b@example.org"], subject="s", body_text="t", status=OutboxMail.Status.FAILED,
                              next_attempt_at=timezone.now() - datetime.timedelta(days=2))  # not waiting
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["mail"].startswith("oldest due mail waiting 36")


def test_readyz_names_the_database_when_it_is_gone(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "database unavailable: OperationalError", "cache": "ok",
                                         "worker": "skipped", "mail": "skipped"}


def test_readyz_names_the_cache_when_it_loses_values(client, monkeypatch):
    _beat(1)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "cache did not return the value just stored"


def test_worker_round_records_its_heartbeat(client):
    call_command("run_worker", "--once")
    beat = WorkerHeartbeat.objects.get(name=health.worker_name())
    assert (timezone.now() - beat.beat_at).total_seconds() < 5
    assert client.get("/readyz").status_code == 200


def test_heartbeat_writes_at_most_every_ten_seconds_and_removes_old_rows(django_assert_num_queries):
    _beat(2 * 24 * 3600)  # a worker gone for two days
    health.worker_heartbeat()
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == [health.worker_name()]
    with django_assert_num_queries(0):
        health.worker_heartbeat()  # within ten seconds: nothing written
    with django_assert_num_queries(1):
        health.worker_heartbeat(force=True)  # one UPDATE
