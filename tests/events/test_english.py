"""Events in English (issue 13 §4): editors may give an event an English title, subtitle and
description; the English pages (/en/…) show them, else the German ones marked lang="de"; the
program stays German; the German pages stay as they were."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from revier.core.fragments import forget_fragments
from revier.events import services
from revier.events.models import Event
from tests.events.test_admin import form_values
from tests.factories import EventFactory, ProgramItemFactory, StaffFactory, TicketCategoryFactory
from tests.page_reading import html_of, json_ld_of

pytestmark = pytest.mark.django_db


def _english(event: Event, *, title="Structural change day", subtitle="Talks and conversations",
             description="A day of *talks*.") -> Event:
    event.title_en, event.subtitle_en, event.description_en = title, subtitle, description
    return services.event_save(event=event)


@pytest.fixture
def event():
    event = _english(EventFactory(title="Fachtag Strukturwandel", subtitle="Vorträge und Gespräche",
                                  description="Ein Tag mit *Vorträgen*."))
    TicketCategoryFactory(event=event)
    return event


def test_event_english_page_shows_the_english_version(client, event):
    html = html_of(client, "/en" + event.get_absolute_url())
    assert '<h1 id="event-title" class="kern-heading-x-large">Structural change day</h1>' in html
    assert '<p class="kern-body--large">Talks and conversations</p>' in html
    assert '<div class="article-body kern-body"><p>A day of <em>talks</em>.</p></div>' in html
    assert "<title>Structural change day – " in html
    assert '<meta name="description" content="Talks and conversations">' in html
    assert '<meta property="og:title" content="Structural change day">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<span aria-current="page">Structural change day</span>' in html
    data = json_ld_of(html)
    assert data["name"] == "Structural change day" and data["description"] == "Talks and conversations"
    assert data["inLanguage"] == "en"
    assert "Fachtag Strukturwandel" not in html and "Vorträgen" not in html


def test_event_german_page_stays_german(client, event):
    html = html_of(client, event.get_absolute_url())
    assert '<h1 id="event-title" class="kern-heading-x-large">Fachtag Strukturwandel</h1>' in html
    assert '<div class="article-body kern-body"><p>Ein Tag mit <em>Vorträgen</em>.</p></div>' in html
    assert "Structural change" not in html and "talks" not in html
    assert '<meta property="og:locale" content="de_DE">' in html
    assert json_ld_of(html)["inLanguage"] == "de-DE" and '<meta property="og:locale" content="de_DE">' in html


def test_event_without_english_text_shows_the_german_one_marked(client, event):
    _english(event, subtitle="", description="")
    assert event.description_en_html == ""
    html = html_of(client, "/en" + event.get_absolute_url())
    assert '<h1 id="event-title" class="kern-heading-x-large">Structural change day</h1>' in html
    assert '<p class="kern-body--large" lang="de">Vorträge und Gespräche</p>' in html
    assert '<div class="article-body kern-body" lang="de"><p>Ein Tag mit <em>Vorträgen</em>.</p></div>' in html
    _english(event, title="", subtitle="", description="")
    html = html_of(client, "/en" + event.get_absolute_url())
    assert '<h1 id="event-title" class="kern-heading-x-large" lang="de">Fachtag Strukturwandel</h1>' in html
    assert json_ld_of(html)["inLanguage"] == "de-DE" and '<meta property="og:locale" content="de_DE">' in html


def test_event_english_description_is_sanitised_as_the_german_one(event):
    _english(event, description='Hi <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">link</a>')
    assert "<script" not in event.description_en_html and "javascript:" not in event.description_en_html
    assert "onclick" not in event.description_en_html and "link</a>" in event.description_en_html


def test_event_lists_and_home_show_english_teasers(client, event):
    EventFactory(title="Nur deutsch", subtitle="Kein Englisch.")
    html = html_of(client, "/en/veranstaltungen/")
    assert re.search(r'event-teaser__title"><a class="kern-link" href="/en/veranstaltungen/[^"]+/">Structural change day</a>', html)
    assert '<p class="kern-body event-teaser__subtitle">Talks and conversations</p>' in html
    assert re.search(r'event-teaser__title" lang="de"><a class="kern-link" href="[^"]+">Nur deutsch</a>', html)
    assert '<p class="kern-body event-teaser__subtitle" lang="de">Kein Englisch.</p>' in html
    home = html_of(client, "/en/")
    assert re.search(r'teaser__title"><a class="kern-link" href="/en/veranstaltungen/[^"]+/">Structural change day</a>', home)
    assert re.search(r'teaser__title" lang="de"><a class="kern-link" href="[^"]+">Nur deutsch</a>', home)
    for url in ["/veranstaltungen/", "/"]:
        html = html_of(client, url)
        assert ">Fachtag Strukturwandel</a>" in html and "Structural change" not in html, url


def test_event_calendar_in_english(client, event):
    english = client.get("/en" + event.get_absolute_url() + "kalender.ics").content.decode()
    assert "SUMMARY:Structural change day" in english and "DESCRIPTION:Talks and conversations" in english
    german = client.get(event.get_absolute_url() + "kalender.ics").content.decode()
    assert "SUMMARY:Fachtag Strukturwandel" in german and "Structural" not in german
    feed = client.get("/en/veranstaltungen/kalender.ics").content.decode()
    assert "SUMMARY:Structural change day" in feed


def test_event_calendars_below_en_are_named_and_linked_in_english(client, event):
    """The subscription's name and file name, the entries' addresses: English below /en/, German
    (as before) without it; an event without English title falls back to its German one."""
    EventFactory(title="Nur deutsch", region="lausitz")
    event.region = "lausitz"
    services.event_save(event=event)
    response = client.get("/en/veranstaltungen/kalender.ics?region=lausitz")
    english = response.content.decode()
    assert "X-WR-CALNAME:Revier – Events: Lusatian coal region" in english
    assert "Veranstaltungen" not in english.replace("PRODID:-//Revier//Veranstaltungen//DE", "")
    assert response["Content-Disposition"] == 'inline; filename="events-lausitz.ics"'
    assert f"URL:http://127.0.0.1:8000/en{event.get_absolute_url()}" in english
    assert "SUMMARY:Structural change day" in english and "SUMMARY:Nur deutsch" in english
    response = client.get("/veranstaltungen/kalender.ics?region=lausitz")
    german = response.content.decode()
    assert "X-WR-CALNAME:Revier – Veranstaltungen: Lausitzer Revier" in german
    assert response["Content-Disposition"] == 'inline; filename="veranstaltungen-lausitz.ics"'
    assert f"URL:http://127.0.0.1:8000{event.get_absolute_url()}" in german and "/en/" not in german
    assert "SUMMARY:Fachtag Strukturwandel" in german


def test_program_item_calendar_below_en_names_the_english_event(client, event):
    item = ProgramItemFactory(event=event, title="Eröffnung")
    english = client.get(f"/en{event.get_absolute_url()}programm/{item.pk}.ics").content.decode()
    assert "X-WR-CALNAME:Structural change day" in english
    assert "SUMMARY:Eröffnung – Structural change day" in english  # the program stays German
    assert f"URL:http://127.0.0.1:8000/en{event.get_absolute_url()}" in english
    german = client.get(f"{event.get_absolute_url()}programm/{item.pk}.ics").content.decode()
    assert "SUMMARY:Eröffnung – Fachtag Strukturwandel" in german and "/en/" not in german


def test_event_admin_saves_the_english_version(client):
    client.force_login(StaffFactory(is_superuser=True))
    event = EventFactory(title="Fachtag Strukturwandel")
    url = reverse("admin:events_event_change", args=[event.pk])
    values = form_values(client.get(url))
    values.update(title_en="Structural change day", subtitle_en="Talks", description_en="A day of **talks**.")
    response = client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert (event.title_en, event.subtitle_en) == ("Structural change day", "Talks")
    assert event.description_en_html == "<p>A day of <strong>talks</strong>.</p>"


def test_event_english_edit_shows_at_once_with_kept_pages(client, event, settings, fragments_on):
    settings.PAGE_CACHE_SECONDS = 300
    forget_fragments()
    addresses = ["/en" + event.get_absolute_url(), "/en/veranstaltungen/", "/en/"]
    for address in addresses:
        assert "Structural change day" in html_of(client, address)
        assert "Structural change day" in html_of(Client(), address)  # kept now
    _english(event, title="Structural change forum")
    for address in addresses:
        assert "Structural change forum" in html_of(client, address), address
    assert "Structural change" not in html_of(client, event.get_absolute_url())
    forget_fragments()


def test_event_api_names_the_english_version(client, event):
    german_only = EventFactory(title="Nur deutsch")
    detail = client.get(f"/api/v1/events/{event.slug}").json()
    assert detail["title"] == "Fachtag Strukturwandel" and detail["title_en"] == "Structural change day"
    assert detail["subtitle_en"] == "Talks and conversations"
    assert detail["description_en_html"] == "<p>A day of <em>talks</em>.</p>"
    other = client.get(f"/api/v1/events/{german_only.slug}").json()
    assert other["title_en"] is None and other["subtitle_en"] is None and other["description_en_html"] is None
    listed = {item["slug"]: item for item in client.get("/api/v1/events").json()["results"]}
    assert listed[event.slug]["title_en"] == "Structural change day" and listed[german_only.slug]["title_en"] is None
