"""Public pages of the events app: lists, event page with program, speaker pages, calendar files."""

import datetime
import json
import re
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from revier.core.tokens import new_code
from revier.events import selectors, services
from revier.events.models import Event, Organisation, Registration
from revier.news.models import ArticleLink
from tests.factories import (
    ArticleFactory,
    ArticleLinkFactory,
    EventFactory,
    ProgramItemFactory,
    SpeakerFactory,
    StaffFactory,
    TicketCategoryFactory,
    TopicFactory,
    UserFactory,
    png_upload,
    registration_input,
)
from tests.page_reading import html_of, json_ld_of

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
Status = Registration.Status


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def days(n: float) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def titles_in(html: str, titles) -> list[str]:
    """The given titles in the order they appear as links in the page."""
    found = [(html.index(f">{t}</a>"), t) for t in titles if f">{t}</a>" in html]
    return [t for _, t in sorted(found)]


def add_registrations(category, n, status=Status.CONFIRMED, hold_until=None, start=0):
    """Many registrations at once for page tests (the services are tested in test_services)."""
    Registration.objects.bulk_create(
        Registration(
            event=category.event,
            category=category,
            status=status,
            first_name="Alex",
            last_name=f"Muster{start + i}",
            email=f"massen{start + i}@example.org",
            email_normalized=f"massen{start + i}@example.org",
            sector="kmu",
            hold_until=hold_until,
            waitlisted_at=timezone.now() if status == Status.WAITLISTED else None,
            ticket_code=new_code(),
        )
        for i in range(n)
    )


# --- lists ---------------------------------------------------------------------------------------


def test_event_list_shows_upcoming_by_start_without_drafts_or_past(client):
    now = timezone.now()
    later = EventFactory(title="Später", starts_at=now + days(20))
    sooner = EventFactory(title="Bald", starts_at=now + days(3))
    running = EventFactory(title="Läuft gerade", starts_at=now - datetime.timedelta(hours=1),
                           registration_opens_at=None, registration_closes_at=None)
    EventFactory(title="Entwurf", starts_at=now + days(5), status=Event.Status.DRAFT)
    EventFactory(title="Vorbei", starts_at=now - days(10), registration_opens_at=None, registration_closes_at=None)

    html = html_of(client, "/veranstaltungen/")

    assert titles_in(html, ["Später", "Bald", "Läuft gerade", "Entwurf", "Vorbei"]) == [
        running.title, sooner.title, later.title
    ]
    assert "3 bevorstehende Veranstaltungen" in html
    assert 'href="/veranstaltungen/vergangene/"' in html


def test_event_list_past_newest_first(client):
    now = timezone.now()
    for title, ago in [("Alt", 300), ("Neuer", 20), ("Mittel", 100)]:
        EventFactory(title=title, starts_at=now - days(ago), registration_opens_at=None, registration_closes_at=None)
    EventFactory(title="Kommt noch")

    html = html_of(client, "/veranstaltungen/vergangene/")

    assert titles_in(html, ["Alt", "Neuer", "Mittel", "Kommt noch"]) == ["Neuer", "Mittel", "Alt"]
    assert "Vergangene Veranstaltungen" in html


def test_event_list_badges_open_full_cancelled(client):
    open_event = EventFactory(title="Offen")
    TicketCategoryFactory(event=open_event, capacity=10)
    full = EventFactory(title="Voll")
    add_registrations(TicketCategoryFactory(event=full, capacity=2), 2)
    cancelled = EventFactory(title="Fällt aus")
    services.event_cancel(event=cancelled, note="Krankheit", actor=None)

    html = html_of(client, "/veranstaltungen/")

    def teaser(title):
        start = html.index(f">{title}</a>")
        return html[start:html.index("</article>", start)]

    assert "Anmeldung offen" in teaser("Offen")
    assert "ausgebucht" in teaser("Voll") and "Anmeldung offen" not in teaser("Voll")
    assert "Abgesagt" in teaser("Fällt aus") and "Anmeldung offen" not in teaser("Fällt aus")


def test_event_list_item_shows_german_date_place_region_topics(client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    event = EventFactory(title="Fachtag", starts_at=at(2030, 10, 23, 10), ends_at=at(2030, 10, 23, 17), region="lausitz")
    event.topics.set([topic])

    html = html_of(client, "/veranstaltungen/")

    assert "23. Oktober 2030, 10:00 bis 17:00 Uhr" in html
    assert "Kulturhaus Leuna, Leuna" in html
    assert "Lausitzer Revier" in html
    assert "Wasserstoff" in html


def test_event_list_filters_by_topic_region_and_month(client):
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    a = EventFactory(title="Wasserstoff Lausitz Dezember", region="lausitz",
                     starts_at=at(2030, 12, 3, 9), ends_at=at(2030, 12, 3, 17))
    a.topics.set([hydrogen])
    b = EventFactory(title="Wasserstoff Rheinland Dezember", region="rheinisch",
                     starts_at=at(2030, 12, 10, 9), ends_at=at(2030, 12, 10, 17))
    b.topics.set([hydrogen])
    EventFactory(title="Lausitz November", region="lausitz", starts_at=at(2030, 11, 30, 9), ends_at=at(2030, 11, 30, 17))
    EventFactory(title="Lausitz Januar", region="lausitz", starts_at=at(2031, 1, 1, 0, 30), ends_at=at(2031, 1, 1, 3))
    all_titles = [e.title for e in Event.objects.all()]

    assert titles_in(html_of(client, "/veranstaltungen/", thema="wasserstoff"), all_titles) == [a.title, b.title]
    assert titles_in(html_of(client, "/veranstaltungen/", region="lausitz"), all_titles) == [
        "Lausitz November", a.title, "Lausitz Januar"
    ]
    assert titles_in(html_of(client, "/veranstaltungen/", monat="2030-12"), all_titles) == [a.title, b.title]
    combined = html_of(client, "/veranstaltungen/", thema="wasserstoff", region="lausitz", monat="2030-12")
    assert titles_in(combined, all_titles) == [a.title]
    # the form keeps the chosen values
    assert '<option value="wasserstoff" selected>' in combined
    assert '<option value="lausitz" selected>' in combined
    assert '<option value="2030-12" selected>' in combined
    assert '<meta name="robots" content="noindex">' in combined


def test_event_list_filter_form_is_labelled_get_form(client):
    html = html_of(client, "/veranstaltungen/")
    form = html[html.index('<form class="event-filter"'):html.index("</form>", html.index('<form class="event-filter"'))]
    assert 'method="get"' in form
    for name in ["thema", "region", "monat"]:
        assert f'<label class="kern-label" for="filter-{name}">' in form
        assert f'id="filter-{name}" name="{name}"' in form
    assert 'type="submit"' in form


def test_event_list_unknown_topic_is_404(client):
    assert client.get("/veranstaltungen/", {"thema": "gibt-es-nicht"}).status_code == 404
    assert client.get("/veranstaltungen/vergangene/", {"thema": "x" * 500}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"monat": "2026-13"},
        {"monat": "Dezember"},
        {"monat": "0000-01"},
        {"monat": "9" * 40},
        {"monat": "2026-1"},
        {"page": "abc"},
        {"page": "-4"},
        {"page": "9" * 40},
        {"page": "999"},
    ],
)
def test_event_list_bad_params_never_fail(client, params):
    EventFactory(title="Immer da")
    for url in ["/veranstaltungen/", "/veranstaltungen/vergangene/"]:
        response = client.get(url, params)
        assert response.status_code == 200
    assert "Immer da" in client.get("/veranstaltungen/", params).content.decode()


def test_event_list_pages_ten_per_page(client):
    now = timezone.now()
    events = [EventFactory(title=f"Termin {n:02d}", starts_at=now + days(n + 1)) for n in range(12)]

    first = html_of(client, "/veranstaltungen/")
    second = html_of(client, "/veranstaltungen/", page=2)

    assert titles_in(first, [e.title for e in events]) == [e.title for e in events[:10]]
    assert titles_in(second, [e.title for e in events]) == [e.title for e in events[10:]]
    assert 'aria-label="Seiten"' in first and 'rel="next"' in first


def test_event_list_announces_calendar_feed(client):
    html = html_of(client, "/veranstaltungen/")
    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="/veranstaltungen/kalender.ics"' in html


# --- event page ----------------------------------------------------------------------------------


@pytest.fixture
def conference():
    event = EventFactory(
        title="KMU im Strukturwandel",
        subtitle="Innovationskonferenz",
        starts_at=at(2030, 10, 23, 10),
        ends_at=at(2030, 10, 23, 17),
        registration_opens_at=timezone.now() - days(1),
        registration_closes_at=at(2030, 10, 20, 12),
        online_url="https://video.example.org/geheimer-raum",
        description="Ein Tag mit **Vorträgen**.<script>alert(1)</script>",
        region="mitteldeutsch",
        image=png_upload(),
        image_alt="Saal mit Publikum",
        image_credit="Revier-Redaktion",
    )
    organisation = services.organisation_save(organisation=Organisation(
        name="IHK Cottbus", url="https://www.ihk-cottbus.de", logo=png_upload("ihk.png"), logo_alt="Logo der IHK Cottbus"
    ))
    event.organisers.set([organisation])
    event.topics.set([TopicFactory(name="Wasserstoff", slug="wasserstoff")])
    return event


def test_event_detail_shows_facts_address_organisers_and_sanitised_description(client, conference):
    html = html_of(client, conference.get_absolute_url())

    assert "<h1" in html and "KMU im Strukturwandel</h1>" in html
    assert "Innovationskonferenz" in html
    assert "23. Oktober 2030, 10:00 bis 17:00 Uhr" in html
    assert "Spergauer Straße 41a" in html and "06237 Leuna" in html
    assert 'alt="Logo der IHK Cottbus"' in html and 'href="https://www.ihk-cottbus.de"' in html
    assert 'alt="Saal mit Publikum"' in html and "Bild: Revier-Redaktion" in html
    assert "<strong>Vorträgen</strong>" in html
    assert "<script>alert" not in html
    assert "Mitteldeutsches Revier" in html and "Wasserstoff" in html
    # the access link is mailed to registrants only
    assert "geheimer-raum" not in html
    assert "online teilnehmen" in html


def test_event_detail_registration_box_when_open(client, conference):
    TicketCategoryFactory(event=conference, name="Vor Ort", capacity=3)
    TicketCategoryFactory(event=conference, name="Online", capacity=None)

    html = html_of(client, conference.get_absolute_url())

    assert "Die Anmeldung ist bis 20. Oktober 2030, 12:00 Uhr geöffnet." in html
    assert "noch 3 von 3 Plätzen" in html
    assert "unbegrenzt" in html
    assert f'href="/veranstaltungen/{conference.slug}/anmelden/"' in html and "Jetzt anmelden" in html
    assert 'href="/veranstaltungen/link-anfordern/"' in html and "Anmeldelink erneut senden" in html
    assert f'href="/veranstaltungen/{conference.slug}/kalender.ics"' in html and "Zum Kalender hinzufügen" in html


def test_event_detail_offer_reads_name_availability_then_description(client, conference):
    TicketCategoryFactory(event=conference, name="Teilnahme vor Ort", capacity=20,
                          description="Die Arbeit in Gruppen findet nur vor Ort statt.")

    html = html_of(client, conference.get_absolute_url())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    assert "Teilnahme vor Ort : noch 20 von 20 Plätzen" in text
    assert ".:" not in text.replace(" ", "") and "statt. :" not in text


def test_no_calendar_links_for_past_events_or_breaks(client, conference):
    talk = ProgramItemFactory(event=conference, title="Vortrag", starts_at=at(2030, 10, 23, 11), ends_at=at(2030, 10, 23, 12))
    lunch = ProgramItemFactory(event=conference, title="Mittagspause", kind="pause",
                               starts_at=at(2030, 10, 23, 12), ends_at=at(2030, 10, 23, 13))

    html = html_of(client, conference.get_absolute_url())
    assert f"/programm/{talk.pk}.ics" in html and f"/programm/{lunch.pk}.ics" not in html
    assert html.count("Zum Kalender hinzufügen") == 2  # the event and the talk

    past = EventFactory(starts_at=timezone.now() - days(30), ends_at=timezone.now() - days(30) + datetime.timedelta(hours=5),
                        registration_opens_at=None, registration_closes_at=None)
    ProgramItemFactory(event=past, title="Vortrag")
    html = html_of(client, past.get_absolute_url())
    assert "Zum Kalender hinzufügen" not in html and ".ics" not in html.split("<main", 1)[1]


def test_event_detail_availability_texts(client, conference):
    few = TicketCategoryFactory(event=conference, name="Vor Ort", capacity=120)
    add_registrations(few, 100)
    add_registrations(few, 5, status=Status.UNCONFIRMED, hold_until=timezone.now() + days(1), start=100)
    add_registrations(few, 3, status=Status.UNCONFIRMED, hold_until=timezone.now() - days(1), start=200)  # expired
    add_registrations(few, 4, status=Status.CANCELLED, start=300)
    full = TicketCategoryFactory(event=conference, name="Workshop", capacity=1)
    add_registrations(full, 1, start=400)
    one = TicketCategoryFactory(event=conference, name="Einzelplatz", capacity=1)

    html = html_of(client, conference.get_absolute_url())

    assert "noch 15 von 120 Plätzen" in html
    assert "ausgebucht – Warteliste möglich" in html
    assert "noch 1 von 1 Platz" in html
    assert one.name in html


def test_event_detail_registration_states(client, conference):
    TicketCategoryFactory(event=conference)
    conference.registration_opens_at = at(2030, 9, 1, 9)
    services.event_save(event=conference)
    html = html_of(client, conference.get_absolute_url())
    assert "Die Anmeldung beginnt am 1. September 2030, 09:00 Uhr." in html
    assert "Jetzt anmelden" not in html

    conference.registration_opens_at = timezone.now() - days(10)
    conference.registration_closes_at = timezone.now() - days(1)
    services.event_save(event=conference)
    html = html_of(client, conference.get_absolute_url())
    assert "Die Anmeldung ist geschlossen." in html
    assert "Jetzt anmelden" not in html


def test_event_detail_cancelled_shows_notice_and_no_registration(client, conference):
    TicketCategoryFactory(event=conference)
    services.event_cancel(event=conference, note="Die Referierenden sind erkrankt.", actor=None)

    html = html_of(client, conference.get_absolute_url())

    assert 'class="kern-alert kern-alert--danger"' in html
    assert "Diese Veranstaltung wurde abgesagt" in html
    assert "Die Referierenden sind erkrankt." in html
    assert "Jetzt anmelden" not in html
    assert json_ld_of(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_detail_draft_is_404_except_preview_for_its_organisers(client, conference):
    conference.status = Event.Status.DRAFT
    services.event_save(event=conference)
    url = conference.get_absolute_url()
    assert client.get(url).status_code == 404
    stranger = UserFactory(is_staff=True)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    organiser = UserFactory(is_staff=True)
    conference.managers.add(organiser)
    client.force_login(organiser)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "Vorschau" in response.content.decode()


def test_event_detail_unknown_slug_is_404(client):
    assert client.get("/veranstaltungen/gibt-es-nicht/").status_code == 404


def test_event_detail_json_ld_event(client, conference):
    TicketCategoryFactory(event=conference, name="Vor Ort", capacity=1)
    add_registrations(conference.categories.get(), 1)
    TicketCategoryFactory(event=conference, name="Online", capacity=None)

    data = json_ld_of(html_of(client, conference.get_absolute_url()))

    assert data["@type"] == "Event"
    assert data["name"] == conference.title
    assert datetime.datetime.fromisoformat(data["startDate"]) == at(2030, 10, 23, 10)
    assert datetime.datetime.fromisoformat(data["endDate"]) == at(2030, 10, 23, 17)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["address"]["@type"] == "PostalAddress"
    assert place["address"]["postalCode"] == "06237" and place["address"]["addressLocality"] == "Leuna"
    assert virtual["@type"] == "VirtualLocation" and "geheimer-raum" not in json.dumps(data)
    assert data["organizer"] == [{"@type": "Organization", "name": "IHK Cottbus", "url": "https://www.ihk-cottbus.de"}]
    offers = {offer["name"]: offer for offer in data["offers"]}
    assert offers["Vor Ort"]["availability"] == "https://schema.org/SoldOut"
    assert offers["Online"]["availability"] == "https://schema.org/InStock"
    assert offers["Online"]["price"] == "0" and offers["Online"]["priceCurrency"] == "EUR"
    assert offers["Online"]["url"].endswith(f"/veranstaltungen/{conference.slug}/anmelden/")
    assert data["image"][0].startswith("http")
    assert data["description"] == "Innovationskonferenz"


def test_event_detail_open_graph(client, conference):
    html = html_of(client, conference.get_absolute_url())
    assert '<meta property="og:title" content="KMU im Strukturwandel">' in html
    assert '<meta property="og:image:alt" content="Saal mit Publikum">' in html
    assert f'<meta property="og:url" content="http://testserver{conference.get_absolute_url()}">' in html


def test_event_detail_program_grouped_by_day_with_parallel_rooms(client, conference):
    speaker = SpeakerFactory(name="Jörn-Heinrich Tobaben", academic_title="Dr.", slug="joern-heinrich-tobaben")
    talk = ProgramItemFactory(event=conference, title="Klimaneutrale Industrieregion", room="Saal A",
                              starts_at=at(2030, 10, 23, 11), ends_at=at(2030, 10, 23, 11, 30), description="Ein Überblick.")
    talk.speakers.set([speaker])
    ProgramItemFactory(event=conference, title="Workshop Wärme", kind="workshop", room="Saal B",
                       starts_at=at(2030, 10, 23, 11), ends_at=at(2030, 10, 23, 12))
    ProgramItemFactory(event=conference, title="Begrüßung", kind="begruessung",
                       starts_at=at(2030, 10, 23, 10), ends_at=at(2030, 10, 23, 10, 15))
    ProgramItemFactory(event=conference, title="Netzwerken am Abend", kind="netzwerken",
                       starts_at=at(2030, 10, 24, 18), ends_at=at(2030, 10, 24, 20))

    html = html_of(client, conference.get_absolute_url())
    program = html[html.index('id="program-title"'):]

    assert titles_in(program.replace("</h4>", "</a>"), ["Netzwerken am Abend", "Begrüßung", "Klimaneutrale Industrieregion"]) == [
        "Begrüßung", "Klimaneutrale Industrieregion", "Netzwerken am Abend"
    ]
    assert "Mittwoch, 23. Oktober 2030" in program and "Donnerstag, 24. Oktober 2030" in program
    assert program.count("program__grid--rooms-2") >= 2  # parallel tracks on the first day only
    assert "program__col-1" in program and "program__col-2" in program
    assert "11:00 bis 11:30 Uhr" in program and "Raum: Saal A" in program and "Workshop" in program
    assert 'href="/veranstaltungen/referierende/joern-heinrich-tobaben/">Dr. Jörn-Heinrich Tobaben</a>' in program
    assert "Ein Überblick." in program
    assert f'href="/veranstaltungen/{conference.slug}/programm/{talk.pk}.ics"' in program


def test_program_days_columns_follow_rooms():
    event = EventFactory()
    a = ProgramItemFactory(event=event, room="A")
    b = ProgramItemFactory(event=event, room="B")
    plenary = ProgramItemFactory(event=event, starts_at=event.starts_at + datetime.timedelta(hours=1))
    [day] = selectors.program_days([a, b, plenary])
    assert day["parallel"] and day["rooms"] == ["A", "B"]
    assert [a.column, b.column, plenary.column] == [1, 2, 0]
    assert [len(slot["items"]) for slot in day["slots"]] == [2, 1]


# --- availability: one rule, two ways of counting ------------------------------------------------


def test_category_availabilities_agree_with_service():
    event = EventFactory()
    now = timezone.now()
    categories = [TicketCategoryFactory(event=event, capacity=c) for c in (5, 3, None, 0)]
    first, second, unlimited, _closed = categories
    add_registrations(first, 2)
    add_registrations(first, 1, status=Status.PENDING_APPROVAL, start=10)
    add_registrations(first, 1, status=Status.UNCONFIRMED, hold_until=now + days(1), start=20)
    add_registrations(first, 2, status=Status.UNCONFIRMED, hold_until=now - days(1), start=30)
    add_registrations(second, 1, status=Status.OFFERED, hold_until=now + days(1), start=40)
    add_registrations(second, 1, status=Status.OFFERED, hold_until=now - datetime.timedelta(seconds=1), start=50)
    add_registrations(second, 4, status=Status.WAITLISTED, start=60)
    for status in (Status.CANCELLED, Status.EXPIRED, Status.REJECTED):
        add_registrations(second, 1, status=status, start=70 + len(status))
    add_registrations(unlimited, 7, start=100)
    services.registration_create(event=event, data=registration_input(first, 999))

    together = selectors.category_availabilities(event=event, now=now)

    for category in categories:
        assert together[category.pk] == selectors.category_availability(category=category, now=now), category
    assert together[first.pk].taken == 5 and together[first.pk].is_full
    assert together[second.pk].taken == 1 and together[second.pk].free == 2
    assert together[unlimited.pk].free is None


def test_category_availabilities_is_one_query(django_assert_num_queries):
    event = EventFactory()
    for capacity in (5, 3, None):
        add_registrations(TicketCategoryFactory(event=event, capacity=capacity), 2, start=capacity or 0)
    with django_assert_num_queries(1):
        selectors.category_availabilities(event=event)


# --- query counts --------------------------------------------------------------------------------


def test_event_detail_query_count_does_not_grow(count_queries, conference):
    onsite = TicketCategoryFactory(event=conference, capacity=2000)
    online = TicketCategoryFactory(event=conference, name="Online", capacity=None)
    speakers = [SpeakerFactory() for _ in range(3)]

    def add_items(n, offset):
        for i in range(n):
            item = ProgramItemFactory(event=conference, room=f"Saal {i % 3}",
                                      starts_at=conference.starts_at + datetime.timedelta(minutes=30 * (i + offset)))
            item.speakers.set(speakers[: i % 3 + 1])

    add_items(5, 0)
    add_registrations(onsite, 10)
    response, small = count_queries(conference.get_absolute_url())
    assert response.status_code == 200

    add_items(35, 5)
    add_registrations(onsite, 600, start=10)
    add_registrations(online, 390, start=1000)
    response, large = count_queries(conference.get_absolute_url())
    assert response.status_code == 200
    assert "noch 1390 von 2000 Plätzen" in response.content.decode()
    assert large == small


@pytest.mark.parametrize("url", ["/veranstaltungen/", "/veranstaltungen/vergangene/", "/veranstaltungen/kalender.ics"])
def test_event_lists_query_count_does_not_grow(count_queries, url):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    now = timezone.now()

    def add_events(n, offset):
        for i in range(n):
            for starts in (now + days(i + offset + 1), now - days(i + offset + 1)):
                event = EventFactory(starts_at=starts, registration_opens_at=None, registration_closes_at=None)
                event.topics.set([topic])
                add_registrations(TicketCategoryFactory(event=event, capacity=5), 3, start=1000 * (i + offset) + (starts > now))

    add_events(2, 0)
    response, small = count_queries(url)
    assert response.status_code == 200
    add_events(12, 10)
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large == small


# --- speaker page --------------------------------------------------------------------------------


def test_speaker_page_lists_items_of_public_events_only(client):
    speaker = SpeakerFactory(name="Kim Beispiel", academic_title="Prof. Dr.", function="Leiterin",
                             organisation="Fraunhofer IMWS", bio="Forscht zu Wasserstoff.",
                             photo=png_upload("kim.png"), photo_alt="Porträt von Kim Beispiel")
    published = EventFactory(title="Öffentlich", starts_at=at(2030, 5, 6, 9), ends_at=at(2030, 5, 6, 17))
    cancelled = EventFactory(title="Abgesagt")
    services.event_cancel(event=cancelled, note="", actor=None)
    draft = EventFactory(title="Geheimer Entwurf", status=Event.Status.DRAFT)
    for event, title in [(published, "Vortrag öffentlich"), (cancelled, "Vortrag abgesagt"), (draft, "Vortrag Entwurf")]:
        ProgramItemFactory(event=event, title=title, starts_at=event.starts_at + datetime.timedelta(hours=1)).speakers.set([speaker])

    html = html_of(client, speaker.get_absolute_url())

    assert "Prof. Dr. Kim Beispiel</h1>" in html
    assert "Leiterin, Fraunhofer IMWS" in html
    assert "Forscht zu Wasserstoff." in html
    assert 'alt="Porträt von Kim Beispiel"' in html
    assert "Vortrag öffentlich" in html and "6. Mai 2030, 10:00 bis 10:30 Uhr" in html
    assert f'href="{published.get_absolute_url()}"' in html
    assert "Vortrag abgesagt" in html
    assert "Vortrag Entwurf" not in html and "Geheimer Entwurf" not in html


def test_speaker_page_404_without_public_items(client):
    speaker = SpeakerFactory()
    ProgramItemFactory(event=EventFactory(status=Event.Status.DRAFT)).speakers.set([speaker])
    assert client.get(speaker.get_absolute_url()).status_code == 404
    assert client.get("/veranstaltungen/referierende/niemand/").status_code == 404


# --- calendar files ------------------------------------------------------------------------------


def parse_ics(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert ".ics" in response["Content-Disposition"]
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_parses_with_start_in_berlin(client, conference):
    response = client.get(f"/veranstaltungen/{conference.slug}/kalender.ics")
    calendar = parse_ics(response)
    assert response["Content-Disposition"] == f'attachment; filename="{conference.slug}.ics"'
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == conference.title
    start = event.decoded("DTSTART")
    assert start == at(2030, 10, 23, 10) == datetime.datetime(2030, 10, 23, 8, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") == at(2030, 10, 23, 17)
    assert "geheimer-raum" not in response.content.decode()


def test_program_item_ics_only_for_items_of_that_event(client, conference):
    item = ProgramItemFactory(event=conference, title="Keynote", starts_at=at(2030, 10, 23, 10, 30),
                              ends_at=at(2030, 10, 23, 11))
    other = ProgramItemFactory(event=EventFactory())

    [component] = parse_ics(client.get(f"/veranstaltungen/{conference.slug}/programm/{item.pk}.ics")).walk("VEVENT")
    assert component.decoded("DTSTART") == at(2030, 10, 23, 10, 30)
    assert "Keynote" in str(component["SUMMARY"])

    assert client.get(f"/veranstaltungen/{conference.slug}/programm/{other.pk}.ics").status_code == 404
    assert client.get(f"/veranstaltungen/{conference.slug}/programm/999999.ics").status_code == 404
    assert client.get(f"/veranstaltungen/gibt-es-nicht/programm/{item.pk}.ics").status_code == 404


def test_event_ics_404_for_drafts(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/veranstaltungen/{draft.slug}/kalender.ics").status_code == 404


def test_events_feed_has_public_events_not_drafts(client):
    published = EventFactory(title="Veröffentlicht", starts_at=at(2030, 3, 1, 9), ends_at=at(2030, 3, 1, 12))
    cancelled = EventFactory(title="Abgesagt")
    services.event_cancel(event=cancelled, note="", actor=None)
    EventFactory(title="Entwurf", status=Event.Status.DRAFT)

    response = client.get("/veranstaltungen/kalender.ics")
    calendar = parse_ics(response)

    events = {str(c["SUMMARY"]): c for c in calendar.walk("VEVENT")}
    assert set(events) == {"Veröffentlicht", "Abgesagt"}
    assert events["Veröffentlicht"].decoded("DTSTART") == at(2030, 3, 1, 9)
    assert events["Abgesagt"]["STATUS"] == "CANCELLED"
    assert response["Content-Disposition"].startswith("inline;")
    assert published.get_absolute_url() in str(events["Veröffentlicht"]["URL"])


def test_events_feed_per_topic_and_region_has_only_matching_public_events(client):
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    both = EventFactory(title="Wasserstoff Lausitz", region="lausitz")
    both.topics.set([hydrogen])
    rhenish = EventFactory(title="Wasserstoff Rheinland", region="rheinisch")
    rhenish.topics.set([hydrogen])
    other_topic = EventFactory(title="Wärme Lausitz", region="lausitz")
    other_topic.topics.set([heat])
    draft = EventFactory(title="Entwurf Wasserstoff", region="lausitz", status=Event.Status.DRAFT)
    draft.topics.set([hydrogen])
    cancelled = EventFactory(title="Abgesagt Wasserstoff", region="lausitz")
    cancelled.topics.set([hydrogen])
    services.event_cancel(event=cancelled, note="", actor=None)

    def summaries(query):
        response = client.get(f"/veranstaltungen/kalender.ics?{query}")
        calendar = parse_ics(response)
        return calendar, {str(c["SUMMARY"]) for c in calendar.walk("VEVENT")}

    calendar, found = summaries("thema=wasserstoff")
    assert found == {"Wasserstoff Lausitz", "Wasserstoff Rheinland", "Abgesagt Wasserstoff"}
    assert str(calendar["X-WR-CALNAME"]).endswith("Veranstaltungen: Wasserstoff")
    calendar, found = summaries("region=lausitz")
    assert found == {"Wasserstoff Lausitz", "Wärme Lausitz", "Abgesagt Wasserstoff"}
    assert str(calendar["X-WR-CALNAME"]).endswith(": Lausitzer Revier")
    calendar, found = summaries("thema=wasserstoff&region=lausitz")
    assert found == {"Wasserstoff Lausitz", "Abgesagt Wasserstoff"}
    assert str(calendar["X-WR-CALNAME"]).endswith(": Wasserstoff, Lausitzer Revier")
    response = client.get("/veranstaltungen/kalender.ics?thema=wasserstoff&region=lausitz&monat=2030-01")
    assert response["Content-Disposition"] == 'inline; filename="veranstaltungen-wasserstoff-lausitz.ics"'
    # A month is no subscription: the parameter is not read.
    assert {str(c["SUMMARY"]) for c in parse_ics(response).walk("VEVENT")} == found
    _, found = summaries("")
    assert found == {"Wasserstoff Lausitz", "Wasserstoff Rheinland", "Wärme Lausitz", "Abgesagt Wasserstoff"}


@pytest.mark.parametrize("query", ["thema=gibt-es-nicht", "region=bayern", "thema=wasserstoff&region=x"])
def test_events_feed_404_for_unknown_topic_or_region(client, query):
    TopicFactory(name="Wasserstoff", slug="wasserstoff")
    assert client.get(f"/veranstaltungen/kalender.ics?{query}").status_code == 404


def test_event_list_links_the_subscription_of_its_topic_and_region(client):
    TopicFactory(name="Wasserstoff", slug="wasserstoff")
    html = html_of(client, "/veranstaltungen/?thema=wasserstoff&region=lausitz&monat=2030-01")
    assert 'href="/veranstaltungen/kalender.ics?thema=wasserstoff&amp;region=lausitz"' in html
    assert "Diese Veranstaltungen als Kalender-Abonnement (.ics)" in html and "(Wasserstoff, Lausitzer Revier)" in html
    html = html_of(client, "/veranstaltungen/?region=rheinisch")
    assert 'href="/veranstaltungen/kalender.ics?region=rheinisch"' in html
    html = html_of(client, "/veranstaltungen/?monat=2030-01")
    assert "Diese Veranstaltungen als Kalender-Abonnement" not in html


# --- news article → event ------------------------------------------------------------------------


def test_article_link_to_event_points_to_event_page(client, conference):
    article = ArticleFactory()
    ArticleLinkFactory(article=article, label="Programm und Anmeldung", url="", event=conference)

    html = html_of(client, article.get_absolute_url())

    assert f'href="{conference.get_absolute_url()}"><span class="kern-label">Programm und Anmeldung' in html


def test_article_link_needs_address_or_event(conference):
    link = ArticleLink(article=ArticleFactory(), label="Mehr", url="")
    with pytest.raises(ValidationError) as raised:
        link.full_clean()
    assert raised.value.message_dict["url"] == ["Bitte geben Sie eine Adresse ein oder wählen Sie eine Veranstaltung."]
    link.event = conference
    link.full_clean()


def test_article_link_survives_event_deletion(conference):
    link = ArticleLinkFactory(url="/veranstaltungen/", event=conference)
    conference.delete()
    link.refresh_from_db()
    assert link.event is None and link.href == "/veranstaltungen/"


def test_admin_staff_can_open_event_page_link_from_article_admin(client):
    client.force_login(StaffFactory())
    assert client.get("/verwaltung/news/article/add/").status_code == 200
