"""German and English (issue 13 §4): the address decides the language (German without a prefix,
English below /en/), never a cookie or the browser's Accept-Language; the header links to the page in
the other language, the head names both versions (hreflang); the page cache keeps the two apart; a
mail is written in the language of the page where the action happened."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from revier.core.cache import forget_local_copies
from revier.core.models import OutboxMail
from revier.events import services as event_services
from tests.factories import EventFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_language_german_without_prefix_english_below_en(client):
    german = client.get("/")
    english = client.get("/en/")
    assert '<html lang="de">' in _html(german) and "Zum Inhalt springen" in _html(german)
    assert '<html lang="en">' in _html(english) and "Skip to content" in _html(english)
    assert german["Content-Language"] == "de" and english["Content-Language"] == "en"
    assert not german.cookies and not english.cookies  # no cookie for readers, in either language


def test_language_not_from_accept_language_nor_cookie(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200  # no redirect to /en/
    assert '<html lang="de">' in _html(response)
    assert "Accept-Language" not in response.get("Vary", "")
    assert '<html lang="de">' in _html(client.get("/aktuelles/", HTTP_ACCEPT_LANGUAGE="en"))


def test_language_links_lead_to_the_same_page_in_the_other_language(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    german = _html(client.get("/aktuelles/"))
    english = _html(client.get("/en/aktuelles/"))
    # The switcher: the other language's name in that language, its address with hreflang.
    assert '<a class="kern-link" href="/en/aktuelles/" hreflang="en" lang="en">English</a>' in german
    assert '<a class="kern-link" href="/aktuelles/" hreflang="de" lang="de">Deutsch</a>' in english
    for html in (german, english):
        assert '<link rel="alternate" hreflang="de" href="http://127.0.0.1:8000/aktuelles/">' in html
        assert '<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/aktuelles/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="http://127.0.0.1:8000/aktuelles/">' in html
    # The frame's links stay in the page's language.
    assert 'href="/en/veranstaltungen/"' in english and 'href="/veranstaltungen/"' not in english
    assert 'href="/veranstaltungen/"' in german and 'href="/en/veranstaltungen/"' not in german


def test_language_reverse_follows_the_active_language():
    assert reverse("events:list") == "/veranstaltungen/"
    with translation.override("en"):
        assert reverse("events:list") == "/en/veranstaltungen/"
    # Machine-read addresses have no language.
    with translation.override("en"):
        assert reverse("health") == "/healthz" and reverse("robots-txt") == "/robots.txt"
        assert reverse("sitemap-index") == "/sitemap.xml"


def test_language_unknown_prefix_is_not_found(client):
    assert client.get("/de/aktuelles/").status_code == 404
    assert client.get("/fr/").status_code == 404


def test_language_page_cache_keeps_the_languages_apart(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    forget_local_copies()
    try:
        assert '<html lang="de">' in _html(client.get("/aktuelles/"))
        assert '<html lang="en">' in _html(client.get("/en/aktuelles/"))
        assert '<html lang="de">' in _html(client.get("/aktuelles/"))
        assert '<html lang="en">' in _html(client.get("/en/aktuelles/"))
    finally:
        forget_local_copies()


def _register_mail(client, prefix: str) -> OutboxMail:
    event = EventFactory(title="Fachtag Strukturwandel")
    category = TicketCategoryFactory(event=event, capacity=10)
    event_services.registration_create(event=event, data=registration_input(category, 1, email="ada@example.org"))
    before = OutboxMail.objects.count()
    response = client.post(f"{prefix}/meine-daten/", {"email": "ada@example.org"})
    assert response.status_code == 302
    assert OutboxMail.objects.count() == before + 1
    return OutboxMail.objects.order_by("-id").first()


def test_language_mail_in_the_language_of_the_page(client):
    english = _register_mail(client, "/en")
    assert english.subject.startswith("Your data at")
    assert re.search(r"/en/veranstaltungen/anmeldung/[A-Za-z0-9_-]+/daten/", english.body_text)
    german = _register_mail(client, "")
    assert german.subject.startswith("Ihre Daten bei")
    assert "/en/" not in german.body_text


def test_language_switcher_keeps_the_query_the_page_reads(client):
    html = _html(client.get("/en/aktuelles/?page=2&utm_source=x"))
    assert 'href="/aktuelles/?page=2" hreflang="de" lang="de">Deutsch</a>' in html


def test_language_staff_notification_stays_german(client, settings):
    """A reader writes on the English contact page; the mail to the editorial team is German."""
    settings.STAFF_NOTIFICATION_EMAILS = ["redaktion@example.org"]
    assert '<html lang="en">' in _html(client.get("/en/kontakt/"))
    data = {"message": "When is the next conference?", "name": "Ada Lovelace", "email": "ada@example.org",
            "website": ""}
    response = client.post("/en/kontakt/", data)
    assert response.status_code == 302 and response["Location"].startswith("/en/")
    mail = OutboxMail.objects.get()
    assert mail.to == ["redaktion@example.org"] and 'lang="en"' not in mail.body_html
    assert mail.subject == "[Revier] Kontaktanfrage" and "Neue Nachricht über die Website" in mail.body_text


def test_language_german_content_marked_inside_english_pages(client):
    from tests.factories import ArticleFactory, PageFactory

    article = ArticleFactory(title="Wasserstoff für die Lausitz", teaser="Ein Netz entsteht.")
    event = EventFactory(title="Fachtag Strukturwandel", description="Wir sprechen über *Wandel*.")
    page = PageFactory(slug="ueber-uns", title="Über uns")
    for url, marked in [
        (article.get_absolute_url(), '<h1 id="article-title" class="kern-heading-x-large" lang="de">'),
        (event.get_absolute_url(), '<h1 id="event-title" class="kern-heading-x-large" lang="de">'),
        (page.get_absolute_url(), '<h1 class="kern-heading-x-large" lang="de">Über uns</h1>'),
    ]:
        english = _html(client.get("/en" + url))
        assert '<html lang="en">' in english and marked in english, url
        assert marked not in _html(client.get(url)), url  # a German page needs no mark
    teasers = _html(client.get("/en/aktuelles/"))
    assert '<h2 class="kern-heading-medium teaser__title" lang="de">' in teasers
    assert '<p class="kern-body" lang="de">Ein Netz entsteht.</p>' in teasers
    events = _html(client.get("/en/veranstaltungen/"))
    assert '<h2 class="kern-heading-medium event-teaser__title" lang="de"><a class="kern-link" href="/en/veranstaltungen/' in events
    assert 'href="/en' + article.get_absolute_url() + '"' in teasers  # links stay in English


def test_language_page_with_english_version(client):
    from revier.pages import services as pages_services
    from tests.factories import PageFactory

    page = PageFactory(slug="ueber-uns", title="Über uns", body="Wir sind *das Netzwerk*.")
    page.title_en, page.body_en = "About us", "We are *the network*."
    pages_services.page_save(page=page)
    english = _html(client.get("/en/ueber-uns/"))
    assert '<h1 class="kern-heading-x-large">About us</h1>' in english
    assert '<div class="article-body kern-body" lang="en"><p>We are <em>the network</em>.</p></div>' in english
    german = _html(client.get("/ueber-uns/"))
    assert '<h1 class="kern-heading-x-large">Über uns</h1>' in german and "About us" not in german
    assert '<div class="article-body kern-body" lang="de"><p>Wir sind <em>das Netzwerk</em>.</p></div>' in german
    # Only a title in English: the German text, marked.
    page.body_en = ""
    pages_services.page_save(page=page)
    english = _html(client.get("/en/ueber-uns/"))
    assert "About us" in english and '<div class="article-body kern-body" lang="de"><p>Wir sind' in english
