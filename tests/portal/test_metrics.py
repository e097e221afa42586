"""/metrics for Prometheus (portal.metrics, core.metrics): protected by address or token, business
figures read from the database when scraped, request figures counted per view and status, summed
over processes in prometheus-client's multiprocess mode."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.http import HttpResponse
from prometheus_client.parser import text_string_to_metric_families

from revier.contingents import services as contingent_services
from revier.core import metrics
from revier.core.models import OutboxMail
from tests.factories import ContingentFactory, EventFactory, TicketCategoryFactory, claim_input, confirmed_registration, with_codes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-scrape-token"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def samples(text: str) -> dict[tuple, float]:
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def scrape(client, auth) -> dict[tuple, float]:
    response = client.get("/metrics", **auth)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert not response.cookies
    return samples(response.content.decode())


def test_metrics_hidden_without_token_or_allowed_address(client, settings):
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404  # an empty token opens nothing
    settings.METRICS_ALLOWED_IPS = ["10.0.0.9"]
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_metrics_business_figures_from_the_database(client, token, django_capture_on_commit_callbacks):
    category = TicketCategoryFactory(event=EventFactory())
    confirmed_registration(category.event, 1, category=category)
    confirmed_registration(category.event, 2, category=category)
    contingent = ContingentFactory()
    with_codes(contingent, 2)
    with django_capture_on_commit_callbacks(execute=True):
        contingent_services.claim_create(contingent=contingent, data=claim_input(0))
    figures = scrape(client, token)
    assert figures[("revier_database_up", ())] == 1
    assert figures[("revier_registrations", (("status", "confirmed"),))] == 2
    assert figures[("revier_registrations", (("status", "cancelled"),))] == 0
    assert sum(value for (name, _labels), value in figures.items() if name == "revier_claims") == 1
    pending = OutboxMail.objects.filter(status="pending").count()
    assert pending >= 1 and figures[("revier_outbox_mails", (("status", "pending"),))] == pending
    assert figures[("revier_outbox_due", ())] == pending
    assert ("revier_schedule_runs", (("status", "queued"),)) in figures
    assert ("revier_import_runs", (("status", "done"),)) in figures
    assert figures[("revier_workers_alive", ())] == 0
    assert figures[("revier_worker_lag_seconds", ())] != figures[("revier_worker_lag_seconds", ())]  # NaN: none ran


def test_metrics_count_requests_by_view_and_status(client, token):
    key = ("revier_http_requests_total", (("status", "200"), ("view", "news:list")))
    before = scrape(client, token).get(key, 0)
    client.get("/aktuelles/")
    client.get("/aktuelles/")
    client.get("/gibt-es-nicht/")
    figures = scrape(client, token)
    assert figures[key] == before + 2
    assert [labels for (name, labels), value in figures.items()
            if name == "revier_http_requests_total" and ("status", "404") in labels and value >= 1]
    assert figures[("revier_http_request_duration_seconds_count", (("view", "news:list"),))] >= 2


def test_metrics_answer_while_the_database_is_away(client, token, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    figures = scrape(client, token)
    assert figures[("revier_database_up", ())] == 0
    assert not [name for name, _labels in figures if name == "revier_registrations"]


def test_request_counting_costs_a_few_microseconds():
    request = RequestFactory().get("/aktuelles/")
    request.resolver_match = None
    response = HttpResponse()
    rounds = 20_000
    started = time.perf_counter()
    for _ in range(rounds):
        metrics.request_finished(request, response, metrics.request_started())
    per_request = (time.perf_counter() - started) / rounds
    print(f"request counting: {per_request * 1e6:.1f} µs per request")
    assert per_request < 50e-6


COUNT = """
import django
django.setup()
from django.test import Client
client = Client()
for _ in range({n}):
    assert client.get("/healthz").status_code == 200
"""
SCRAPE = """
import django
django.setup()
from revier.core.metrics import request_metrics_text
print(request_metrics_text().decode())
"""


def test_request_figures_summed_over_processes_in_multiprocess_mode(tmp_path):
    """Two "gunicorn processes" count their requests into PROMETHEUS_MULTIPROC_DIR; a third (any
    process answering the scrape) reports the sum."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DEBUG": "true", "SECRET_KEY": "x",
           "DJANGO_SETTINGS_MODULE": "revier.settings"}
    for n in (3, 4):
        subprocess.run([sys.executable, "-c", COUNT.format(n=n)], env=env, cwd=ROOT, check=True, timeout=60)
    result = subprocess.run([sys.executable, "-c", SCRAPE], env=env, cwd=ROOT, check=True, timeout=60,
                            capture_output=True, text=True)
    figures = samples(result.stdout)
    assert figures[("revier_http_requests_total", (("status", "200"), ("view", "health")))] == 7
