"""Veranstaltungen in the API: what the list pages and the event page show (no drafts, no online
access address, no registrant), free seats by the registration's own count, filters, paging,
constant query counts."""

import datetime

import pytest
from django.utils import timezone

from revier.events.models import Event, Registration
from tests.events.test_public import add_registrations
from tests.factories import EventFactory, ProgramItemFactory, SpeakerFactory, TicketCategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_event_list_shows_what_the_list_page_shows(client):
    now = timezone.now()
    later = EventFactory(title="Später", starts_at=now + datetime.timedelta(days=20))
    soon = EventFactory(title="Bald", starts_at=now + datetime.timedelta(days=2))
    draft = EventFactory(title="Entwurfsveranstaltung", status=Event.Status.DRAFT)
    past = EventFactory(title="Vorbei", starts_at=now - datetime.timedelta(days=3), registration_opens_at=None,
                        registration_closes_at=None)
    assert _slugs(client.get("/api/v1/events")) == [soon.slug, later.slug]
    first = client.get("/api/v1/events").json()["results"][0]
    assert first["url"] == f"http://testserver{soon.get_absolute_url()}"
    assert first["url_en"] == f"http://testserver/en{soon.get_absolute_url()}"
    assert _slugs(client.get("/api/v1/events?vergangen=true")) == [past.slug]
    page = client.get("/veranstaltungen/").content.decode()
    assert soon.title in page and later.title in page and draft.title not in page
    body = client.get("/api/v1/events").content.decode()
    assert draft.slug not in body


def test_event_list_filters_like_the_page(client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    now = timezone.now()
    tagged = EventFactory(region="lausitz", starts_at=now + datetime.timedelta(days=40))
    tagged.topics.set([topic])
    other = EventFactory(region="rheinisch", starts_at=now + datetime.timedelta(days=70))
    assert _slugs(client.get("/api/v1/events?thema=wasserstoff")) == [tagged.slug]
    assert _slugs(client.get("/api/v1/events?region=rheinisch")) == [other.slug]
    assert _slugs(client.get("/api/v1/events?region=mond")) == [tagged.slug, other.slug]  # ignored, as on the page
    month = timezone.localtime(other.starts_at).strftime("%Y-%m")
    assert _slugs(client.get(f"/api/v1/events?monat={month}")) == [other.slug]
    assert client.get("/api/v1/events?thema=unbekannt").status_code == 404


def test_event_list_pages_and_sold_out(client):
    now = timezone.now()
    events = [EventFactory(starts_at=now + datetime.timedelta(days=n + 2)) for n in range(3)]
    full = TicketCategoryFactory(event=events[0], capacity=2)
    add_registrations(full, 2)
    TicketCategoryFactory(event=events[1], capacity=2)
    body = client.get("/api/v1/events?per_page=2").json()
    assert (body["count"], body["num_pages"]) == (3, 2)
    assert [(e["slug"], e["sold_out"]) for e in body["results"]] == [(events[0].slug, True), (events[1].slug, False)]
    assert _slugs(client.get("/api/v1/events?per_page=2&page=2")) == [events[2].slug]


def test_event_detail_shows_program_speakers_and_free_seats(client):
    event = EventFactory(title="Fachtag", online_url="https://meet.example/geheim")
    speaker = SpeakerFactory(name="Dr. Kim Vortrag", slug="kim-vortrag")
    item = ProgramItemFactory(event=event, title="Eröffnung", room="Saal 1")
    item.speakers.set([speaker])
    onsite = TicketCategoryFactory(event=event, name="Vor Ort", capacity=10)
    TicketCategoryFactory(event=event, name="Online", capacity=None, position=1)
    add_registrations(onsite, 3)
    add_registrations(onsite, 1, status=Registration.Status.UNCONFIRMED,
                      hold_until=timezone.now() + datetime.timedelta(hours=1), start=100)
    add_registrations(onsite, 2, status=Registration.Status.UNCONFIRMED,
                      hold_until=timezone.now() - datetime.timedelta(hours=1), start=200)  # hold ran out
    add_registrations(onsite, 2, status=Registration.Status.WAITLISTED, start=300)
    response = client.get(f"/api/v1/events/{event.slug}")
    body = response.json()
    assert body["title"] == "Fachtag" and body["online"] is True
    assert "<strong>Vorträgen</strong>" in body["description_html"]
    assert [(c["name"], c["capacity"], c["free"], c["is_full"]) for c in body["categories"]] == [
        ("Vor Ort", 10, 6, False), ("Online", None, None, False)
    ]
    assert body["program"][0]["title"] == "Eröffnung"
    assert body["program"][0]["speakers"][0]["name"] == "Dr. Kim Vortrag"
    assert body["url_en"] == f"http://testserver/en{event.get_absolute_url()}"
    assert body["program"][0]["speakers"][0]["url_en"] == f"http://testserver/en{speaker.get_absolute_url()}"
    for address in (body["url_en"], body["program"][0]["speakers"][0]["url_en"]):
        assert client.get(address).status_code == 200
    assert body["registration_state"] == "open"
    text = response.content.decode()
    for secret in ("meet.example", "massen", "Muster", "@example.org", "ticket"):
        assert secret not in text
    # The page says the same: 6 of 10 free.
    assert "6 von 10" in client.get(event.get_absolute_url()).content.decode()


def test_event_detail_hides_drafts_and_shows_cancelled(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/api/v1/events/{draft.slug}").status_code == 404
    cancelled = EventFactory(status=Event.Status.CANCELLED, cancellation_note="Fällt aus wegen Sturm.")
    body = client.get(f"/api/v1/events/{cancelled.slug}").json()
    assert body["status"] == "cancelled" and body["cancellation_note"] == "Fällt aus wegen Sturm."
    assert body["registration_state"] == "cancelled"


@pytest.mark.parametrize("url", ["/api/v1/events", "/api/v1/events?vergangen=true", "/api/v1/events/{slug}"])
def test_events_api_query_count_does_not_grow(count_queries, url):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    speakers = [SpeakerFactory() for _ in range(3)]

    def add(n, start):
        now = timezone.now()
        for i in range(n):
            days = start + i + 2
            if "vergangen" in url:
                event = EventFactory(starts_at=now - datetime.timedelta(days=days), registration_opens_at=None,
                                     registration_closes_at=None)
            else:
                event = EventFactory(starts_at=now + datetime.timedelta(days=days))
            event.topics.set([topic])
            add_registrations(TicketCategoryFactory(event=event, capacity=5), 3, start=1000 * (start + i))
            TicketCategoryFactory(event=event, capacity=None, position=2)
            for k in range(i % 3 + 1):
                item = ProgramItemFactory(event=event, starts_at=event.starts_at + datetime.timedelta(hours=k))
                item.speakers.set(speakers[: k + 1])
        return event

    event = add(2, 0)
    response, small = count_queries(url.format(slug=event.slug))
    assert response.status_code == 200
    add(12, 100)
    for k in range(3, 8):
        ProgramItemFactory(event=event, starts_at=event.starts_at + datetime.timedelta(hours=k)).speakers.set(speakers)
    response, large = count_queries(url.format(slug=event.slug))
    assert response.status_code == 200
    assert large == small, (url, small, large)
