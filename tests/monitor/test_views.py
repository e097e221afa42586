"""The Monitor's public pages: start page with headline indicators, a question's results with its
filters, the methods page and the reading guide; drafts hidden from the public, unknown filter values
answered with the default view and a German notice, and as many queries for much data as for little."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from revier.core.embeds import render_embeds
from revier.core.text import render_markdown
from revier.monitor.models import Wave
from tests.factories import (
    ArticleFactory,
    MonitorQuestionFactory,
    MonitorSurveyFactory,
    StaffFactory,
    UserFactory,
    make_monitor_wave,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's main content as plain text (charts and tags dropped, spaces collapsed)."""
    html = response.content.decode()
    main = re.sub(r"<svg\b.*?</svg>", " ", html[html.index("<main"):html.index("</main>")], flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main))).replace("\u00a0", " ")


@pytest.fixture
def survey():
    survey = MonitorSurveyFactory(slug="mdm", name="Mitteldeutschland-Monitor", synthetic=True)
    items = [
        MonitorQuestionFactory(survey=survey, code="q1_zufriedenheit", short_label="Persönliche Zufriedenheit", headline_position=1),
        MonitorQuestionFactory(survey=survey, code="q2_zukunft", short_label="Zukunft der Region", headline_position=2),
        MonitorQuestionFactory(survey=survey, code="q3_energiewende", short_label="Energiewende"),
    ]
    make_monitor_wave(survey=survey, year=2024, questions=items, shares={"q1_zufriedenheit": 0.73, "q2_zukunft": 0.40})
    make_monitor_wave(survey=survey, year=2025, questions=items, shares={"q1_zufriedenheit": 0.72, "q2_zukunft": 0.47},
                      small_district="16077", n=2003)
    return survey


@pytest.fixture
def manager():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_wave", content_type__app_label="monitor"))
    return user


def test_navigation_leads_to_the_monitor(client, survey):
    html = client.get("/").content.decode()
    assert 'href="/monitor/"' in html
    assert "In Vorbereitung" not in client.get("/monitor/").content.decode()


def test_home_with_one_survey_is_its_start_page(client, survey):
    response = client.get("/monitor/")
    assert response.status_code == 200
    assert "<h1 class=\"kern-heading-x-large\">Mitteldeutschland-Monitor</h1>" in response.content.decode()
    assert f'<link rel="canonical" href="http://testserver{reverse("monitor:survey", args=["mdm"])}">' in response.content.decode()


def test_home_with_several_surveys_lists_them(client, survey):
    other = MonitorSurveyFactory(slug="lausitz", name="Lausitz-Monitor")
    make_monitor_wave(survey=other, year=2025, questions=[MonitorQuestionFactory(survey=other)])
    page = text(client.get("/monitor/"))
    assert "Mitteldeutschland-Monitor" in page and "Lausitz-Monitor" in page


def test_home_without_published_wave_says_so(client):
    survey = MonitorSurveyFactory()
    make_monitor_wave(survey=survey, year=2025, questions=[MonitorQuestionFactory(survey=survey)], status="draft")
    response = client.get("/monitor/")
    assert response.status_code == 200
    assert "Noch keine Ergebnisse veröffentlicht" in text(response)
    assert client.get(f"/monitor/{survey.slug}/").status_code == 404


def test_start_page_headline_cards(client, survey):
    page = text(client.get("/monitor/mdm/"))
    assert "Kennzahlen 2025" in page
    assert "72 % (sehr) zufrieden 95-%-Intervall 70–74 % −1 Punkt gegenüber 2024 Im Jahr 2025" in page
    assert "47 % (sehr) zufrieden 95-%-Intervall 45–49 % +7 Punkte gegenüber 2024 deutliche Veränderung" in page
    # one point is no clear change: the flag appears once (the second card)
    assert page.count("deutliche Veränderung") == 2  # badge and summary sentence of the second card
    assert "Energiewende" in page  # every question linked
    assert "n = 2.003" in page and "22. März 2025 bis 5. April 2025" in page


def test_summary_sentence(client, survey):
    page = text(client.get("/monitor/mdm/q1_zufriedenheit/"))
    assert ("Im Jahr 2025 lag der Anteil „(sehr) zufrieden“ bei 72 % (95-%-Intervall 70–74 %), "
            "1 Punkt weniger als 2024.") in page
    clear = text(client.get("/monitor/mdm/q2_zukunft/"))
    assert "7 Punkte mehr als 2024 (deutliche Veränderung)." in clear


def test_question_page_filters_and_permalink(client, survey):
    response = client.get("/monitor/mdm/q1_zufriedenheit/?welle=2024&gruppe=sex")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="2024" selected>2024</option>' in html
    assert '<option value="sex" selected>Geschlecht</option>' in html
    assert 'href="http://testserver/monitor/mdm/q1_zufriedenheit/?welle=2024&amp;gruppe=sex"' in html
    assert '<form class="monitor-filter" method="get"' in html and 'type="submit"' in html
    page = text(response)
    assert "„(sehr) zufrieden“ nach Geschlecht, 2024" in page
    assert "Männer" in page and "Frauen" in page
    assert "Quelle: Mitteldeutschland-Monitor 2024, n = 2.000, gewichtet; eigene Darstellung" in page


@pytest.mark.parametrize("query", ["?welle=1999", "?welle=abc", "?welle=99999999999999999999999", "?welle=2025.0"])
def test_unknown_wave_shows_the_latest_with_a_notice(client, survey, query):
    response = client.get(f"/monitor/mdm/q1_zufriedenheit/{query}")
    assert response.status_code == 200
    page = text(response)
    assert "Für die gewünschte Welle gibt es keine veröffentlichten Ergebnisse. Gezeigt wird die Welle 2025" in page


@pytest.mark.parametrize("group", ["religion", "all", "<script>", "district_code%00"])
def test_unknown_group_shows_the_districts_with_a_notice(client, survey, group):
    response = client.get("/monitor/mdm/q1_zufriedenheit/", {"gruppe": group})
    assert response.status_code in (200, 400)  # a control character is refused by the site's input rule
    if response.status_code == 200:
        page = text(response)
        assert "Diese Gruppe gibt es nicht. Gezeigt werden die Ergebnisse nach Landkreis oder Stadt" in page
        assert "Stadt Leipzig" in page
        assert "<script>" not in response.content.decode()


def test_suppressed_cells_marked_with_footnote(client, survey):
    page = text(client.get("/monitor/mdm/q1_zufriedenheit/"))
    assert "Altenburger Land 12 – weniger als 30 gültige Antworten – weniger als 30 gültige Antworten" in page
    assert "– weniger als 30 gültige Antworten: Der Anteil wird nicht ausgewiesen." in page


def test_question_page_distribution_and_trend_tables(client, survey):
    page = text(client.get("/monitor/mdm/q1_zufriedenheit/"))
    assert "sehr zufrieden" in page and "weiß nicht / keine Angabe" in page and "zählt nicht mit" in page
    assert "2024 2.000 73 % 71–75 % – 2025 2.003 72 % 70–74 % −1 Punkt" in page


def test_synthetic_notice_on_every_page_of_a_synthetic_survey(client, survey):
    for url in ["/monitor/", "/monitor/mdm/", "/monitor/mdm/q1_zufriedenheit/", "/monitor/mdm/methode/2025/"]:
        assert "synthetische Beispieldaten" in text(client.get(url)), url
    survey.synthetic = False
    survey.save()
    assert "synthetische Beispieldaten" not in text(client.get("/monitor/mdm/q1_zufriedenheit/"))


def test_unpublished_wave_hidden_from_public_shown_to_staff(client, survey, manager):
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    assert client.get("/monitor/mdm/methode/2025/").status_code == 404
    assert "Kennzahlen 2024" in text(client.get("/monitor/mdm/"))
    public = text(client.get("/monitor/mdm/q1_zufriedenheit/?welle=2025"))
    assert "Gezeigt wird die Welle 2024" in public and "2025" not in public.split("Link zu dieser Ansicht")[0].split("Welle:")[1]
    client.force_login(manager)
    assert client.get("/monitor/mdm/methode/2025/").status_code == 200
    staff = text(client.get("/monitor/mdm/q1_zufriedenheit/?welle=2025"))
    assert "Die Welle 2025 ist noch nicht veröffentlicht" in staff
    assert "Kennzahlen 2025" in text(client.get("/monitor/mdm/"))


def test_staff_without_the_permission_see_published_waves_only(client, survey):
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/monitor/mdm/methode/2025/").status_code == 404


def test_unknown_addresses_are_404(client, survey):
    for url in ["/monitor/gibt-es-nicht/", "/monitor/mdm/gibt-es-nicht/", "/monitor/mdm/methode/1999/",
                "/monitor/gibt-es-nicht/methode/2025/"]:
        assert client.get(url).status_code == 404, url


def test_methods_page(client, survey):
    wave = Wave.objects.get(year=2025)
    wave.scheme = ["district_x_sex", "education"]
    wave.margins = {
        "district_x_sex": {"variables": ["district_code", "sex"], "cells": [["14713", "1", 250000], ["14713", "2", 266810]]},
        "education": {"variables": ["education"], "cells": [["1", 500000], ["2", 900000], ["3", 370617]]},
    }
    wave.weighting_report = {"weight_min": 0.21, "weight_max": 4.87, "n_eff": 1540.4, "deff": 1.3003, "sweeps": 12}
    wave.save()
    page = text(client.get("/monitor/mdm/methode/2025/"))
    for expected in [
        "Methode: Mitteldeutschland-Monitor 2025", "Online-Access-Panel mit Quoten", "22. März 2025 bis 5. April 2025",
        "n = 2.003", "Alter, Geschlecht, Bildung und Region", "31.12.2023 (Zensus-2022-Basis)",
        "Landkreis oder Stadt × Geschlecht; Schulbildung", "das 0,2- bis 5-Fache des mittleren Gewichts",
        "0,21 bis 4,87 (Mittelwert 1)", "n_eff = 1.540", "1,30", "Stadt Leipzig × Frauen 266.810",
        "„weiß nicht / keine Angabe“", "mindestens 30 gültige Antworten", "Methode der Welle 2024",
    ]:
        assert expected in page, expected


def test_methods_page_with_an_empty_report(client, survey):
    response = client.get("/monitor/mdm/methode/2024/")
    assert response.status_code == 200
    assert "Gewichtungsmerkmale, in dieser Reihenfolge nicht angegeben" in text(response)


def test_reading_guide(client):
    response = client.get(reverse("monitor:reading"))
    page = text(response)
    assert "<title>Wie lesen Sie diese Zahlen? – Revier</title>" in response.content.decode()
    for expected in ["Der Anteil", "Das 95-%-Intervall", "n und n_eff", "Gewichtung", "„deutliche Veränderung“",
                     "Mit „–“ markierte Zellen", "synthetische Beispieldaten"]:
        assert expected in page, expected


def test_sitemap_lists_monitor_pages(client, survey):
    xml = client.get("/sitemap-monitor.xml").content.decode()
    for path in ["/monitor/", "/monitor/lesehilfe/", "/monitor/mdm/", "/monitor/mdm/q1_zufriedenheit/",
                 "/monitor/mdm/methode/2025/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml, path
    assert "sitemap-monitor.xml" in client.get("/sitemap.xml").content.decode()


def test_news_article_embeds_a_monitor_result(client, survey):
    article = ArticleFactory(body="Ein Absatz.\n\n[monitor:mdm/q1_zufriedenheit]\n\n[monitor:mdm/gibt-es-nicht]\n\nEnde.")
    html = client.get(article.get_absolute_url()).content.decode().replace("\u00a0", " ")
    assert '<figure class="monitor-figure monitor-embed">' in html
    assert "Im Jahr 2025 lag der Anteil „(sehr) zufrieden“ bei 72 %" in html
    assert 'href="/monitor/mdm/q1_zufriedenheit/"' in html
    assert "<p>[monitor:mdm/gibt-es-nicht]</p>" in html  # nothing found: the line stays for the editor to see


def test_embedded_result_kept_until_the_monitor_changes(client, survey, fragments_on, django_assert_num_queries):
    article = ArticleFactory(body="[monitor:mdm/q1_zufriedenheit]")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        html = client.get(article.get_absolute_url()).content.decode()
    assert "bei 72" in html
    Wave.objects.filter(year=2025).get().delete()  # through the model: a new content generation
    assert "bei 73" in client.get(article.get_absolute_url()).content.decode()


def test_embed_lines_only_as_paragraphs_of_their_own():
    html = render_markdown("Im Satz [monitor:mdm/q1] bleibt es Text.\n\n[andere:mdm/q1]")
    assert render_embeds(html) == html


def test_question_csv_download(client, survey):
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    html = client.get("/monitor/mdm/q1_zufriedenheit/").content.decode()
    assert 'href="/monitor/mdm/q1_zufriedenheit.csv" download' in html
    response = client.get("/monitor/mdm/q1_zufriedenheit.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="mdm-q1_zufriedenheit.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) > 20 and all(",2024," in line for line in lines[1:])  # published waves only, no weights
    assert "weight" not in lines[0].split(",")
    assert client.get("/monitor/mdm/gibt-es-nicht.csv").status_code == 404
    Wave.objects.all().update(status=Wave.Status.DRAFT)
    assert client.get("/monitor/mdm/q1_zufriedenheit.csv").status_code == 404


def test_every_chart_in_a_figure_with_caption_summary_and_table(client, survey):
    html = client.get("/monitor/mdm/q1_zufriedenheit/").content.decode()
    figures = re.findall(r'<figure class="monitor-figure">(.*?)</figure>', html, re.S)
    assert len(figures) == 3  # shares by group, all answers, trend
    for figure in figures:
        assert "<figcaption" in figure and "monitor-figure__summary" in figure and "<table" in figure
        assert re.search(r'<svg class="monitor-chart[^"]*"[^>]*role="img"', figure)
    start = client.get("/monitor/mdm/").content.decode()
    assert start.count('class="monitor-sparkline"') == 2
    assert '/static/monitor/monitor.css' in start


def test_group_labels_from_the_wave_codebook(client, survey):
    Wave.objects.filter(year=2025).update(variable_labels={"sex": {"label": "Geschlecht", "values": {"1": "männlich", "2": "weiblich"}}})
    page = text(client.get("/monitor/mdm/q1_zufriedenheit/?gruppe=sex"))
    assert "männlich" in page and "weiblich" in page
    assert "Männer" in text(client.get("/monitor/mdm/q1_zufriedenheit/?gruppe=sex&welle=2024"))  # no labels stored


PAGES = [
    "/monitor/", "/monitor/mdm/", "/monitor/mdm/q1_zufriedenheit/", "/monitor/mdm/q1_zufriedenheit/?welle=2024&gruppe=sex",
    "/monitor/mdm/q1_zufriedenheit/?welle=abc&gruppe=xyz", "/monitor/mdm/methode/2025/", "/monitor/lesehilfe/",
    "/sitemap-monitor.xml", "/monitor/mdm/q1_zufriedenheit.csv",
    # The JSON API reads the same (tests/api/test_monitor.py for what it shows).
    "/api/v1/monitor/surveys", "/api/v1/monitor/surveys/mdm", "/api/v1/monitor/surveys/mdm/questions/q1_zufriedenheit",
    "/api/v1/monitor/surveys/mdm/questions/q1_zufriedenheit?welle=2024&gruppe=sex",
]


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_waves_or_respondents(count_queries, url):
    survey = MonitorSurveyFactory(slug="mdm", synthetic=True)
    items = [MonitorQuestionFactory(survey=survey, code="q1_zufriedenheit")]
    for year in (2024, 2025):
        make_monitor_wave(survey=survey, year=year, questions=items, respondents=3)
    _response, small = count_queries(url)
    items += [MonitorQuestionFactory(survey=survey, code=f"q{i}") for i in range(2, 12)]
    Wave.objects.all().delete()
    for year in range(2018, 2026):
        make_monitor_wave(survey=survey, year=year, questions=items, respondents=300)
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large == small <= 7


def test_query_count_for_staff_is_constant_too(client, manager, count_queries):
    survey = MonitorSurveyFactory(slug="mdm")
    items = [MonitorQuestionFactory(survey=survey, code="q1")]
    make_monitor_wave(survey=survey, year=2025, questions=items, status="draft")
    client.force_login(manager)
    _response, small = count_queries("/monitor/mdm/q1/")
    for year in range(2018, 2025):
        make_monitor_wave(survey=survey, year=year, questions=items, respondents=100)
    response, large = count_queries("/monitor/mdm/q1/")
    assert response.status_code == 200 and large == small


def test_staff_page_not_served_from_the_public_cache(client, survey, manager, settings):
    settings.PAGE_CACHE_SECONDS = 300
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    assert "Kennzahlen 2024" in text(client.get("/monitor/mdm/"))
    client.force_login(manager)
    assert "Kennzahlen 2025" in text(client.get("/monitor/mdm/"))
    client.logout()
    assert "Kennzahlen 2024" in text(client.get("/monitor/mdm/"))


def test_publishing_a_wave_shows_at_once_in_cached_pages(client, survey, settings):
    settings.PAGE_CACHE_SECONDS = 300
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    assert "Kennzahlen 2024" in text(client.get("/monitor/mdm/"))
    wave = Wave.objects.get(year=2025)
    wave.status = Wave.Status.PUBLISHED
    wave.save()  # the services save the wave too: a new content generation
    assert "Kennzahlen 2025" in text(client.get("/monitor/mdm/"))


def test_staff_factory_superuser_sees_drafts(client, survey):
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    client.force_login(StaffFactory())
    assert client.get("/monitor/mdm/methode/2025/").status_code == 200


def test_pages_kept_per_content_generation_for_public_and_staff_apart(client, survey, manager, fragments_on, count_queries):
    """The rendered pages are kept (core.fragments): a page read before runs no query; drafts stay
    the staff's; a wave published, an address's view (welle, gruppe) and the host are told apart."""
    Wave.objects.filter(year=2025).update(status=Wave.Status.DRAFT)
    urls = ["/monitor/", "/monitor/mdm/", "/monitor/mdm/q1_zufriedenheit/", "/monitor/mdm/methode/2024/"]
    first = [client.get(url).content for url in urls]
    assert [count_queries(url)[0].content for url in urls] == first
    assert all(count_queries(url)[1] == 0 for url in urls)
    assert "Kennzahlen 2024" in text(client.get("/monitor/mdm/"))
    by_age = text(client.get("/monitor/mdm/q1_zufriedenheit/?gruppe=age_group"))
    assert by_age != text(client.get("/monitor/mdm/q1_zufriedenheit/"))
    assert "http://localhost/" in client.get("/monitor/", HTTP_HOST="localhost").content.decode()
    client.force_login(manager)
    assert "Kennzahlen 2025" in text(client.get("/monitor/mdm/"))
    assert client.get("/monitor/mdm/methode/2025/").status_code == 200
    client.logout()
    assert "Kennzahlen 2024" in text(client.get("/monitor/mdm/"))
    assert client.get("/monitor/mdm/methode/2025/").status_code == 404
    wave = Wave.objects.get(year=2025)
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    assert "Kennzahlen 2025" in text(client.get("/monitor/mdm/"))
    assert client.get("/monitor/mdm/methode/2025/").status_code == 200
