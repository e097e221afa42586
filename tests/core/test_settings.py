"""The settings refuse a configuration that would run insecurely or mail dead links."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from revier.core.models import OutboxMail
from revier.events import services
from tests.factories import TicketCategoryFactory, registration_input

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "x7#kP2!qR9@vL4$mN8^wT3&zY6*bH1(cF5)jD0-gS2+eA7=uQ9",
    "SITE_URL": "https://revier.example",
    "ALLOWED_HOSTS": "revier.example",
}


def manage(*args, **env):
    """Runs manage.py in a fresh process with the test run's environment changed by `env` (None removes)."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "SITE_URL"])
@pytest.mark.parametrize("command", [("check",), ("check", "--deploy")])
def test_settings_refuse_to_start_with_debug_off_when_a_required_variable_is_missing(missing, command):
    result = manage(*command, **{**PRODUCTION, missing: None})
    assert result.returncode != 0
    assert f"Revier does not start: {missing} not set" in result.stderr


def test_settings_treat_a_blank_secret_key_as_missing():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": " "})
    assert result.returncode != 0
    assert "SECRET_KEY not set" in result.stderr


def test_settings_start_with_debug_off_when_both_are_set():
    result = manage("check", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_development_with_debug_on_starts_without_them_but_fails_check_deploy():
    assert manage("check", DEBUG="True", SECRET_KEY=None, SITE_URL=None).returncode == 0
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="True", SECRET_KEY=None, SITE_URL=None)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr  # the development key


def test_make_passes_its_port_as_site_url_and_a_key_to_what_it_runs():
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SECRET_KEY")}
    result = subprocess.run(
        ["make", "-s", "--eval", "show-env: ; @echo $$SITE_URL; echo $${#SECRET_KEY}", "show-env"],
        cwd=ROOT, env={**environment, "PORT": "8123"}, capture_output=True, text=True,
    )
    site_url, key_length = result.stdout.split()
    assert site_url == "http://127.0.0.1:8123"
    assert int(key_length) >= 50


@pytest.mark.django_db
def test_mail_links_point_to_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    category = TicketCategoryFactory()
    services.registration_create(event=category.event, data=registration_input(category, 0))
    assert "http://127.0.0.1:8123/veranstaltungen/anmeldung/" in OutboxMail.objects.get().body_text
