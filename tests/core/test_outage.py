"""A database outage (core.outage): every page answers the German 503 with Retry-After, not a 500,
and the log gets one line instead of a traceback per request, whether the error comes from the view
or from a middleware before it (the session of a logged-in person)."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from revier.core import outage
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
MESSAGE = "Bitte versuchen Sie es in einer Minute erneut."


@pytest.fixture(autouse=True)
def _fresh_log_state():
    outage._log_state.update(last=0.0, suppressed=0)


@pytest.fixture
def database_gone(monkeypatch):
    """Every new query fails as when PostgreSQL restarts (the connection object stays)."""

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    def gone():
        monkeypatch.setattr(connection, "ensure_connection", refuse)

    return gone


def _assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    assert MESSAGE in response.content.decode()


def test_outage_page_in_german_with_retry_after(client, database_gone, caplog):
    ArticleFactory()
    database_gone()
    with caplog.at_level(logging.WARNING):
        for url in ("/", "/aktuelles/", "/veranstaltungen/", "/veranstaltungen/freikarten/", "/impressum/"):
            response = client.get(url)
            assert response.status_code == 503, url
            _assert_outage_page(response)
    assert not [record for record in caplog.records if record.exc_info]
    outage_lines = [record for record in caplog.records if record.name == "revier.outage"]
    assert len(outage_lines) == 1  # five requests, one line (rate-limited)
    assert "OperationalError" in outage_lines[0].getMessage()


def test_outage_before_the_view_in_the_session_middleware(client, database_gone, caplog):
    """A logged-in person's session is read by the middleware, before any view: still the 503."""
    client.raise_request_exception = False  # as a server: Django's handler answers, nothing is raised again
    client.force_login(StaffFactory())
    database_gone()
    with caplog.at_level(logging.WARNING):
        _assert_outage_page(client.get("/veranstaltungen/verwalten/"))
        _assert_outage_page(client.get("/"))
    assert not [record for record in caplog.records if record.exc_info]
    assert [record.name for record in caplog.records if record.levelno >= logging.WARNING] == ["revier.outage"]


def test_outage_of_the_api_is_json(client, database_gone):
    database_gone()
    response = client.get("/api/v1/news")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert response.json() == {"detail": MESSAGE}


def test_outage_log_line_counts_the_requests_in_between(client, database_gone, caplog, monkeypatch):
    database_gone()
    with caplog.at_level(logging.WARNING, logger="revier.outage"):
        for _ in range(3):
            client.get("/aktuelles/")
        monkeypatch.setattr(outage, "LOG_EVERY_SECONDS", 0.0)
        client.get("/aktuelles/")
    lines = [record.getMessage() for record in caplog.records if record.name == "revier.outage"]
    assert len(lines) == 2 and "2 more 503s" in lines[1]


def test_only_database_errors_are_an_outage():
    assert outage.is_database_unavailable(OperationalError("gone"))
    assert not outage.is_database_unavailable(ValueError("a bug"))


SCRIPT = """
import django, logging
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)  # as a server: the error is not raised again
for url in ("/", "/aktuelles/", "/veranstaltungen/", "/api/v1/news"):
    response = client.get(url)
    print(url, response.status_code, response.get("Retry-After"))
client.cookies["sessionid"] = "x" * 32  # a session read by the middleware before the view
response = client.get("/")
print("session", response.status_code, response.get("Retry-After"))
"""


@pytest.mark.parametrize("database_url", [
    "postgres://postgres@127.0.0.1:1/revier_gone",  # nothing listens on port 1: refused at once
    "sqlite:////nonexistent-folder/revier.sqlite3",  # the file cannot be opened
])
def test_outage_with_a_database_that_is_really_gone(database_url, tmp_path):
    """A real server process whose database cannot be reached, on PostgreSQL and SQLite: every
    answer is 503 and standard error holds one line, no traceback."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false", "SECRET_KEY": "x" * 50,
           "SITE_URL": "http://127.0.0.1:8000", "DJANGO_SETTINGS_MODULE": "revier.settings",
           "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage", "STATIC_ROOT": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:-1] == [
        "/ 503 60", "/aktuelles/ 503 60", "/veranstaltungen/ 503 60", "/api/v1/news 503 60", "session 503 60",
    ]
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "database unavailable" in result.stderr
