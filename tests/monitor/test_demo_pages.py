"""The public pages on waves imported the real way (the demo survey through monitor.services.wave_import):
every page of every question and wave renders from what the import stored (labels, margins, weighting
report), the demo article shows its embedded result."""

import re

import pytest

from revier.demo.monitor.load import load_monitor
from revier.monitor.models import Question
from tests.factories import ArticleFactory
from tests.monitor.test_views import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_monitor().survey


def test_every_page_of_the_demo_survey(client, demo):
    start = text(client.get("/monitor/"))
    assert "Kennzahlen 2025" in start and "synthetische Beispieldaten" in start
    assert "Note 1 bis 3" in start
    for question in Question.objects.filter(survey=demo):
        for query in ("", "?welle=2020&gruppe=sex", "?welle=2024&gruppe=education", "?gruppe=state", "?gruppe=age_group"):
            response = client.get(f"/monitor/{demo.slug}/{question.code}/{query}")
            assert response.status_code == 200, (question.code, query)
        assert client.get(f"/monitor/{demo.slug}/{question.code}.csv").status_code == 200
    page = text(client.get(f"/monitor/{demo.slug}/persoenliche_situation/?welle=2024&gruppe=sex"))
    assert re.search(r"Im Jahr 2024 lag der Anteil „Note 1 bis 3“ bei 7\d %", page)
    for year in range(2020, 2026):
        methods = text(client.get(f"/monitor/{demo.slug}/methode/{year}/"))
        assert re.search(r"n_eff = [\d.]+", methods) and "(Mittelwert 1)" in methods, year
        assert "Landkreis oder Stadt × Geschlecht" in methods and "31.12.2023" in methods


def test_demo_article_embeds_the_personal_situation(client, demo):
    article = ArticleFactory(body="Text.\n\n[monitor:mitteldeutschland-monitor-demo/persoenliche_situation]")
    html = client.get(article.get_absolute_url()).content.decode().replace("\u00a0", " ")
    assert "monitor-embed" in html and "Persönliche Situation: Anteil „Note 1 bis 3“, 2020 bis 2025" in html
