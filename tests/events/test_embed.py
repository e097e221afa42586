"""The pages for partner sites (events/views/embed.py): the list widget, the seats box, the
script-free snippet and the builder page. The framing headers: tests/core/test_framing.py."""

import datetime
import re

import pytest
from django.utils import timezone

from revier.events import services
from revier.events.models import Event
from tests.events.test_public import add_registrations
from tests.factories import EventFactory, TicketCategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def html_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    assert not response.cookies
    if url != "/einbetten/":  # the page for partners is a page of the site; the widgets are copies
        assert response["X-Robots-Tag"] == "noindex"
    return response.content.decode()


@pytest.fixture
def events():
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    now = timezone.now()
    made = {
        "lausitz": EventFactory(title="Wasserstoff in der Lausitz", region="lausitz", city="Cottbus"),
        "rheinisch": EventFactory(title="Wasserstoff im Rheinland", region="rheinisch",
                                  starts_at=now + datetime.timedelta(days=40), ends_at=now + datetime.timedelta(days=40, hours=6)),
        "other": EventFactory(title="Wärme in der Lausitz", region="lausitz"),
        "draft": EventFactory(title="Entwurf Wasserstoff", region="lausitz", status=Event.Status.DRAFT),
        "past": EventFactory(title="Vergangen Wasserstoff", region="lausitz", starts_at=now - datetime.timedelta(days=3),
                             ends_at=now - datetime.timedelta(days=3) + datetime.timedelta(hours=5),
                             registration_opens_at=None, registration_closes_at=None),
    }
    for key in ("lausitz", "rheinisch", "draft", "past"):
        made[key].topics.set([hydrogen])
    return made


def test_list_widget_shows_upcoming_public_events_of_topic_and_region(client, events):
    full = TicketCategoryFactory(event=events["lausitz"], capacity=2)
    add_registrations(full, 2)
    html = html_of(client, "/einbetten/veranstaltungen/", thema="wasserstoff", region="lausitz")
    assert "Veranstaltungen: Wasserstoff, Lausitzer Revier</h1>" in html
    assert "Wasserstoff in der Lausitz" in html and "Cottbus" in html and ">ausgebucht<" in html
    for absent in ("Wasserstoff im Rheinland", "Wärme in der Lausitz", "Entwurf", "Vergangen"):
        assert absent not in html
    # Every link opens Revier in a new tab, without giving it the frame's window.
    links = re.findall(r"<a [^>]*>", html)
    assert links and all('target="_blank" rel="noopener"' in link for link in links)
    assert f'href="{events["lausitz"].get_absolute_url()}"' in html
    assert 'href="/veranstaltungen/?thema=wasserstoff&amp;region=lausitz"' in html
    assert "Die Links öffnen sich in einem neuen Tab." in html
    # A page of its own: our one stylesheet, no script, nothing from another host.
    assert re.findall(r"<link rel=\"(?:stylesheet|icon)\" href=\"([^\"]+)\"", html) == ["/static/events/embed.css", "/static/core/favicon.svg"]
    assert "<script" not in html and "style=" not in html and "http" not in html.split("<body", 1)[1]

    html = html_of(client, "/einbetten/veranstaltungen/", thema="wasserstoff")
    assert html.index("Wasserstoff in der Lausitz") < html.index("Wasserstoff im Rheinland")
    html = html_of(client, "/einbetten/veranstaltungen/", thema="wasserstoff", anzahl="1")
    assert "Wasserstoff in der Lausitz" in html and "Wasserstoff im Rheinland" not in html
    html = html_of(client, "/einbetten/veranstaltungen/", region="rheinisch")
    assert "Veranstaltungen: Rheinisches Revier</h1>" in html and "Wasserstoff im Rheinland" in html


@pytest.mark.parametrize("query", ["thema=gibt-es-nicht", "region=bayern"])
def test_list_widget_404_for_unknown_topic_or_region(client, query):
    assert client.get(f"/einbetten/veranstaltungen/?{query}").status_code == 404
    assert client.get(f"/einbetten/veranstaltungen/liste.html?{query}").status_code == 404


def test_seats_box_shows_free_seats_and_the_registration(client):
    event = EventFactory(title="Fachtag Wasserstoff")
    onsite = TicketCategoryFactory(event=event, name="Vor Ort", capacity=5)
    TicketCategoryFactory(event=event, name="Online", capacity=None)
    add_registrations(onsite, 2)
    html = html_of(client, f"/einbetten/veranstaltungen/{event.slug}/plaetze/")
    assert "<title>Anmeldung: Fachtag Wasserstoff – " in html
    assert "Vor Ort</span>: noch 3 von 5 Plätzen" in html and "Online</span>: unbegrenzt" in html
    assert (f'<a class="embed__button" href="/veranstaltungen/{event.slug}/anmelden/" target="_blank" rel="noopener">'
            "Jetzt anmelden</a>") in html

    add_registrations(onsite, 3, start=100)
    services.event_cancel(event=event, note="", actor=None)
    html = html_of(client, f"/einbetten/veranstaltungen/{event.slug}/plaetze/")
    assert "abgesagt" in html and "Jetzt anmelden" not in html


def test_seats_box_404_for_drafts_and_unknown_events(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/einbetten/veranstaltungen/{draft.slug}/plaetze/").status_code == 404
    assert client.get("/einbetten/veranstaltungen/gibt-es-nicht/plaetze/").status_code == 404


def test_snippet_is_plain_html_with_absolute_addresses(client, events, settings):
    settings.SITE_URL = "https://revier.example"
    response = client.get("/einbetten/veranstaltungen/liste.html", {"thema": "wasserstoff"})
    html = html_of(client, "/einbetten/veranstaltungen/liste.html", thema="wasserstoff")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert f'<a href="https://revier.example{events["lausitz"].get_absolute_url()}">Wasserstoff in der Lausitz</a>' in html
    assert '<a href="https://revier.example/veranstaltungen/?thema=wasserstoff">' in html
    assert "Wärme in der Lausitz" not in html and "Entwurf" not in html
    # Nothing that needs our stylesheet or a script, no head: a fragment for the partner's page.
    assert "class=" not in html and "style" not in html and "<script" not in html and "<head" not in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(href.startswith("https://revier.example/") for href in hrefs)


def test_builder_gives_the_code_for_the_chosen_list_and_event(client, events, settings):
    settings.SITE_URL = "https://revier.example"
    event = events["lausitz"]
    html = html_of(client, "/einbetten/", thema="wasserstoff", region="lausitz", anzahl="10", veranstaltung=event.slug)
    assert "<h1 class=\"kern-heading-x-large\">Revier auf Ihrer Website</h1>" in html
    # The iframe code, shown as text to copy; its frame has a title and opens its links outside the sandbox.
    assert ("&lt;iframe src=&quot;https://revier.example/einbetten/veranstaltungen/?thema=wasserstoff&amp;amp;"
            "region=lausitz&amp;amp;anzahl=10&quot; title=&quot;Veranstaltungen: Wasserstoff, Lausitzer Revier") in html
    assert "sandbox=&quot;allow-popups allow-popups-to-escape-sandbox&quot;" in html
    assert f"https://revier.example/einbetten/veranstaltungen/{event.slug}/plaetze/" in html
    # The previews, each with a title.
    assert re.search(r'<iframe [^>]*src="/einbetten/veranstaltungen/\?thema=wasserstoff&amp;region=lausitz&amp;anzahl=10" '
                     r'title="Vorschau: Liste der Veranstaltungen"', html)
    assert f'src="/einbetten/veranstaltungen/{event.slug}/plaetze/" title="Vorschau: freie Plätze"' in html
    # The snippet, escaped, with absolute addresses.
    assert f"&lt;a href=&quot;https://revier.example{event.get_absolute_url()}&quot;&gt;Wasserstoff in der Lausitz" in html
    assert "https://revier.example/einbetten/veranstaltungen/liste.html?thema=wasserstoff&amp;region=lausitz&amp;anzahl=10" in html
    # Drafts are not offered for the seats box.
    assert "Entwurf Wasserstoff" not in html

    html = html_of(client, "/einbetten/")
    assert "Wählen Sie oben eine Veranstaltung" in html and "/plaetze/" not in html


@pytest.mark.parametrize("url", ["/einbetten/veranstaltungen/?thema=wasserstoff", "/einbetten/veranstaltungen/liste.html",
                                 "/einbetten/", "SEATS"])
def test_embed_pages_query_count_does_not_grow(count_queries, url):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    first = EventFactory()
    url = f"/einbetten/veranstaltungen/{first.slug}/plaetze/" if url == "SEATS" else url

    def add_events(n):
        for _ in range(n):
            event = EventFactory()
            event.topics.set([topic])
            add_registrations(TicketCategoryFactory(event=event, capacity=50), 3, start=Event.objects.count() * 100)
            add_registrations(TicketCategoryFactory(event=first, capacity=50), 2, start=Event.objects.count() * 100 + 50)

    add_events(2)
    response, small = count_queries(url)
    assert response.status_code == 200
    add_events(15)
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large == small
