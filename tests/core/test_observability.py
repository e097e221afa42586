"""Errors to an error tracker when SENTRY_DSN is set, without personal data (core.log.sentry_init,
sentry_before_send), and log lines as JSON when LOG_FORMAT=json (core.log.JsonLinesFormatter)."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from revier.core.log import JsonLinesFormatter, sentry_before_send

ROOT = Path(__file__).resolve().parents[2]

# A server process with a DSN whose events are caught by a transport of the test instead of sent.
SENTRY_SCRIPT = """
import json, django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport
from django.test import Client, override_settings

sent = []

class Catch(Transport):
    def capture_envelope(self, envelope):
        for item in envelope.items:
            sent.append(item.payload.json or {})

client_options = sentry_sdk.get_client().options
print(json.dumps({"pii": client_options["send_default_pii"], "locals": client_options["include_local_variables"]}))
sentry_sdk.get_client().transport = Catch(client_options)
with override_settings(ROOT_URLCONF="tests.core.error_urls"):
    response = Client(raise_request_exception=False).post(
        "/fehler/abcdefghijklmnopqrstuvwxyz012345/?email=frage@example.org", {"email": "greta@example.org", "name": "Greta"},
        HTTP_COOKIE="tracking=geheim123", HTTP_AUTHORIZATION="Bearer geheim456")
sentry_sdk.flush()
print(response.status_code)
print(json.dumps(sent))
"""


def test_errors_go_to_the_tracker_without_personal_data(tmp_path):
    env = {**os.environ, "SENTRY_DSN": "http://public@127.0.0.1:1/1", "DEBUG": "false", "SECRET_KEY": "x" * 50,
           "SITE_URL": "http://127.0.0.1:8000", "DJANGO_SETTINGS_MODULE": "revier.settings",
           "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage", "STATIC_ROOT": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run([sys.executable, "-c", SENTRY_SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    options, status, sent = result.stdout.strip().splitlines()[-3:]
    assert json.loads(options) == {"pii": False, "locals": False}
    assert status == "500"
    events = [event for event in json.loads(sent) if event.get("exception")]
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert set(event.get("request", {})) <= {"method", "url"}
    text = json.dumps(event)
    for secret in ("greta@example.org", "frage@example.org", "Greta", "geheim123", "geheim456",
                   "abcdefghijklmnopqrstuvwxyz012345"):
        assert secret not in text
    assert "user" not in event


def test_before_send_drops_query_parameters_of_breadcrumbs():
    request = {"method": "POST", "url": "https://revier.example/veranstaltungen/anmeldung/abcdefghijklmnopqrstuvwxyz012345/?e=a@b.de",
               "data": {"email": "a@b.de"}, "cookies": {"sessionid": "x"}, "headers": {"Cookie": "sessionid=x"}}
    assert sentry_before_send({"request": request}, {})["request"] == {
        "method": "POST", "url": "https://revier.example/veranstaltungen/anmeldung/[token]/"}
    event = {"breadcrumbs": {"values": [
        {"category": "query", "message": 'SELECT * FROM x WHERE email = %s', "data": {"db.params": ["a@b.de"]}},
        {"category": "django", "message": "ok"},
    ]}, "user": {"id": 3, "email": "a@b.de"}}
    cleaned = sentry_before_send(event, {})
    assert "a@b.de" not in json.dumps(cleaned)
    assert cleaned["breadcrumbs"]["values"][0]["message"] == "[query]"


def test_log_lines_as_json():
    formatter = JsonLinesFormatter()
    try:
        raise ValueError("kaputt")
    except ValueError:
        record = logging.LogRecord("revier.x", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info())
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "revier.x" and entry["message"] == "failed here"
    assert "ValueError: kaputt" in entry["exception"] and entry["time"].endswith("+00:00")


def test_log_format_json_setting_switches_the_console(tmp_path):
    env = {**os.environ, "LOG_FORMAT": "json", "DEBUG": "true", "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "revier.settings"}
    script = "import django, logging; django.setup(); logging.getLogger('revier.probe').warning('Hallo %s', 'Welt')"
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "Hallo Welt" and entry["logger"] == "revier.probe"


def test_before_send_passes_one_database_outage_event_a_minute(monkeypatch):
    from django.db import OperationalError

    from revier.core import log

    monkeypatch.setitem(log._last_outage_event, "at", -60.0)
    hint = {"exc_info": (OperationalError, OperationalError("gone"), None)}
    assert sentry_before_send({"message": "a"}, hint) is not None
    assert sentry_before_send({"message": "b"}, hint) is None
    assert sentry_before_send({"message": "c"}, {"exc_info": (ValueError, ValueError("bug"), None)}) is not None
