import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from revier.demo import loader
from revier.news.models import Article

BERLIN = ZoneInfo("Europe/Berlin")
# The day the demo was written: every generated article but the scheduled one lies before it.
WRITTEN_ON = datetime.datetime(2026, 11, 25, tzinfo=BERLIN)


@pytest.fixture
def loaded(db):
    loader.load_news()


def test_demo_seed_conference_article_has_seed_text_date_links_and_image(loaded):
    article = Article.objects.get(title="Innovationskonferenz zu KMUs in den Strukturwandelregionen")
    assert article.published_at.astimezone(BERLIN).date() == datetime.date(2024, 10, 17)
    assert article.state == "published"
    assert not article.is_generated
    assert article.body.startswith("Das Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR) veranstaltet")
    assert "den ‚Maschinenraum‘ der Transformation am Laufen halten“" in article.body
    assert article.body.endswith("einen Ausblick auf die geplanten Aktivitäten zum Thema CCS/CCU geben.")
    assert len(article.body.split("\n\n")) == 4
    assert [(link.label, link.url) for link in article.links.all()] == [
        ("Weitere Informationen", "https://www.bbsr.bund.de/"),
        ("Programm und Anmeldung", "/veranstaltungen/kmu-im-strukturwandel-staerken-2024/"),  # the events demo's
    ]
    assert set(article.topics.values_list("slug", flat=True)) == {
        "veranstaltungen", "wasserstoff", "waermewende", "ccs-ccu", "innovation"
    }
    assert article.image and article.image.storage.exists(article.image.name)
    assert article.image_alt and article.image_credit == "Grafik: Revier (generiert)"
    assert article.image_width == 1200 and article.image_height == 675


def test_demo_seed_articles_without_date_in_the_seed_get_plausible_dates(loaded):
    fair = Article.objects.get(title__startswith="W3+ FAIR JENA 2025")
    monitor = Article.objects.get(title__startswith="6. Mitteldeutschland-Monitor")
    # Announced before the fair of 24/25 September 2025.
    assert datetime.date(2025, 1, 1) < fair.published_at.astimezone(BERLIN).date() < datetime.date(2025, 9, 24)
    assert monitor.published_at < WRITTEN_ON
    assert fair.body.startswith("Am 24. und 25. September bringt die W3+ FAIR JENA 2025")
    assert "50 kostenfreie Tickets zur Verfügung." in fair.body
    assert monitor.body.startswith("Die Menschen im mitteldeutschen Revier bewerten trotz spürbarer Herausforderungen")
    assert not fair.is_generated and not monitor.is_generated


def test_demo_generated_articles_are_marked_varied_and_spread_over_the_years(loaded):
    generated = list(Article.objects.filter(is_generated=True).prefetch_related("topics"))
    assert 28 <= len(generated) <= 35
    assert Article.objects.filter(is_generated=False).count() == 3
    assert len({a.title for a in generated}) == len(generated)
    assert len({a.teaser for a in generated}) == len(generated)
    for article in generated:
        assert 1 <= len(article.topics.all()) <= 3, article.title
        assert 3 <= len([p for p in article.body.split("\n\n") if p.strip()]), article.title
    years = {a.published_at.astimezone(BERLIN).year for a in generated if a.published_at}
    assert {2023, 2024, 2025, 2026} <= years
    assert any("<ul>" in a.body_html or "<ol>" in a.body_html for a in generated)
    assert any("<h2>" in a.body_html for a in generated)


def test_demo_has_one_draft_one_scheduled_and_the_rest_in_the_past(loaded):
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    assert [a.is_generated for a in drafts] == [True]
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    future = [a for a in published if a.published_at >= WRITTEN_ON]
    assert len(future) == 1 and future[0].is_generated
    if timezone.now() < future[0].published_at:
        assert future[0].state == "scheduled"
    assert published.count() == Article.objects.count() - 1


def test_demo_text_has_inflected_forms_for_search(loaded):
    text = " ".join(Article.objects.values_list("search_text", flat=True))
    for word in ["Wasserstoffs", "Unternehmen", "Fachkräften", "Wärmewende", "Leuna", "Bitterfeld-Wolfen"]:
        assert word in text


def test_demo_image_is_the_same_for_the_same_seed():
    assert loader.demo_image_png() == loader.demo_image_png()


def test_demo_seed_article_page_shows_text_links_and_image(loaded, client):
    article = Article.objects.get(slug="innovationskonferenz-zu-kmus-in-den-strukturwandelregionen")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Innovationskonferenz zu KMUs in den Strukturwandelregionen" in page
    assert "Programm und Anmeldung" in page and 'href="/veranstaltungen/kmu-im-strukturwandel-staerken-2024/"' in page
    assert article.image.url in page


@pytest.mark.parametrize(
    "query, expected_slug",
    [
        ("Wasserstoffs", "elektrolyseur-am-chemiestandort-gruener-wasserstoff-fuer-die-produktion-in-leuna"),
        ("Fachkraft", "willkommenszentrum-bitterfeld-wolfen-zieht-erste-bilanz"),
        ("Innovationskonferenzen", "innovationskonferenz-zu-kmus-in-den-strukturwandelregionen"),
    ],
)
def test_demo_search_finds_inflected_forms(loaded, query, expected_slug):
    from revier.news.selectors import article_published, article_search

    found = article_search(query=query, qs=article_published())
    assert expected_slug in {a.slug for a in found}
    # The draft and the scheduled article never show up in a search.
    assert not found.filter(status=Article.Status.DRAFT).exists()


def test_demo_some_articles_have_an_english_version(loaded, client):
    """Issue 13 §4: /en/ shows both cases: a few seed articles in English (one with its text, one with
    title and teaser only), the others in German, marked."""
    english = {a.slug: a for a in Article.objects.exclude(title_en="")}
    assert len(english) == 2
    monitor = english["6-mitteldeutschland-monitor-persoenliche-zufriedenheit-auf-hohem-niveau"]
    assert monitor.body_en_html.startswith("<p>Despite noticeable challenges")
    fair = english["w3-fair-jena-2025-hightech-messe-vernetzt-innovation-industrie-und-forschung"]
    assert fair.teaser_en and fair.body_en == ""
    page = client.get("/en" + fair.get_absolute_url()).content.decode()
    assert '<h1 id="article-title" class="kern-heading-x-large">W3+ FAIR JENA 2025: high-tech fair' in page
    assert '<div class="article-body kern-body" lang="de"><p>Am 24. und 25. September' in page
