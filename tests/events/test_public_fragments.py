"""The events' public pages with their parts kept (core.fragments): staff edits show at once, free
seats are never older than LIVE_PAGE_SECONDS allows, and nothing outlives the moment an event
starts or ends or its registration opens or closes."""

import datetime
import time

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from revier.core import cache as page_cache
from revier.core import fragments
from revier.core.fragments import forget_fragments
from revier.events import selectors, services
from revier.events.models import Event, Organisation, ProgramItem
from revier.events.views.public import LIVE_CACHED_PAGE_SECONDS, LIVE_PAGE_SECONDS, LIVE_PART_SECONDS
from tests.events.test_admin import change_url, form_values
from tests.factories import (
    EventFactory,
    ProgramItemFactory,
    SpeakerFactory,
    StaffFactory,
    TicketCategoryFactory,
    TopicFactory,
    UserFactory,
    registration_input,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(fragments_on):
    pass  # tests/conftest.py: switched off for every other test
    yield
    forget_fragments()


class Clock:
    """Moves the time forward for the pages (timezone.now) and the store's expiry (time.time) alike."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real_now, real_time = timezone.now, time.time
        monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=self.offset))
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def conference():
    event = EventFactory(title="KMU im Strukturwandel", subtitle="Innovationskonferenz")
    TicketCategoryFactory(event=event, name="Vor Ort", capacity=3)
    speaker = SpeakerFactory(name="Kim Beispiel", slug="kim-beispiel", organisation="Fraunhofer IMWS")
    item = ProgramItemFactory(event=event, title="Wasserstoff im Mittelstand")
    services.program_item_save(item=item, speakers=[speaker])
    organisation = services.organisation_save(organisation=Organisation(name="IHK Cottbus"))
    event.organisers.set([organisation])
    event.topics.set([TopicFactory(name="Wasserstoff", slug="wasserstoff")])
    return event


# --- staff edits show at once ---------------------------------------------------------------------


def _rename_item(event):
    item = event.program_items.get()
    item.title = "Neuer Vortragstitel"
    services.program_item_save(item=item)
    return "Neuer Vortragstitel"


def _add_item_with_speaker(event):
    item = ProgramItem(event=event, title="Podium am Nachmittag", kind="podium",
                       starts_at=event.starts_at + datetime.timedelta(hours=3),
                       ends_at=event.starts_at + datetime.timedelta(hours=4))
    services.program_item_save(item=item, speakers=[SpeakerFactory(name="Jo Neu")])
    return "Jo Neu"


def _delete_item(event):
    services.program_item_delete(item=event.program_items.get())
    return "!Wasserstoff im Mittelstand"


def _rename_speaker(event):
    speaker = event.program_items.get().speakers.get()
    speaker.name = "Kim Umbenannt"
    services.speaker_save(speaker=speaker)
    return "Kim Umbenannt"


def _rename_organisation(event):
    organisation = event.organisers.get()
    organisation.name = "IHK Ostbrandenburg"
    services.organisation_save(organisation=organisation)
    return "IHK Ostbrandenburg"


def _change_topics(event):
    event.topics.add(TopicFactory(name="Fachkräfte", slug="fachkraefte"))
    return "Fachkräfte"


def _rename_category(event):
    category = event.categories.get()
    category.name = "Teilnahme im Saal"
    services.ticket_category_save(category=category)
    return "Teilnahme im Saal"


def _raise_capacity(event):
    services.category_set_capacity(category=event.categories.get(), capacity=50, actor=None)
    return "noch 50 von 50 Plätzen"


def _change_event(event):
    event.title = "KMU im Wandel"
    event.description = "Jetzt mit **Abendprogramm**."
    services.event_save(event=event)
    return "<strong>Abendprogramm</strong>"


def _cancel_event(event):
    services.event_cancel(event=event, note="Der Saal ist gesperrt.", actor=None)
    return "Der Saal ist gesperrt."


@pytest.mark.parametrize("edit", [
    _rename_item, _add_item_with_speaker, _delete_item, _rename_speaker, _rename_organisation, _change_topics,
    _rename_category, _raise_capacity, _change_event, _cancel_event,
])
def test_event_page_staff_edit_shows_at_once(client, conference, edit):
    url = conference.get_absolute_url()
    before = html(client, url)
    assert "Wasserstoff im Mittelstand" in before and "Kim Beispiel" in before and "IHK Cottbus" in before
    assert queries(client, url) == 0  # every part from the store
    expected = edit(Event.objects.get(pk=conference.pk))
    if expected.startswith("!"):
        assert expected[1:] not in html(client, url)
    else:
        assert expected in html(client, url)


def test_event_page_admin_edit_shows_at_once(client, conference):
    """The admin saves the event's topics (many-to-many) and its inlines in its own way."""
    staff = StaffFactory(is_superuser=True)
    url = conference.get_absolute_url()
    assert "Wasserstoff im Mittelstand" in html(client, url)
    client.force_login(staff)
    values = form_values(client.get(change_url(conference)))
    program = next(k for k in values if k.endswith("-TOTAL_FORMS") and "program" in k).removesuffix("-TOTAL_FORMS")
    values[f"{program}-0-title"] = "Im Admin geändert"
    values["topics"] = [str(TopicFactory(name="Fachkräfte", slug="fachkraefte").pk)]
    assert client.post(change_url(conference), values).status_code == 302
    client.logout()
    page = html(client, url)
    assert "Im Admin geändert" in page and "Fachkräfte" in page and ">Wasserstoff</a>" not in page


def test_speaker_page_staff_edit_shows_at_once(client, conference):
    speaker = conference.program_items.get().speakers.get()
    url = speaker.get_absolute_url()
    assert "Wasserstoff im Mittelstand" in html(client, url)
    assert queries(client, url) == 0
    speaker.function = "Abteilungsleiterin"
    services.speaker_save(speaker=speaker)
    assert "Abteilungsleiterin" in html(client, url)
    later = EventFactory(title="Zweiter Fachtag", starts_at=conference.starts_at + datetime.timedelta(days=7))
    item = ProgramItemFactory(event=later, title="Noch ein Vortrag")
    services.program_item_save(item=item, speakers=[speaker])
    page = html(client, url)
    assert "Noch ein Vortrag" in page and "Zweiter Fachtag" in page


def test_calendar_files_show_staff_edits_at_once(client, conference):
    item = conference.program_items.get()
    item_url = reverse("events:item-ics", args=[conference.slug, item.pk])
    event_url = reverse("events:ics", args=[conference.slug])
    feed_url = reverse("events:feed-ics")
    for url in (item_url, event_url, feed_url):
        client.get(url)
        assert queries(client, url) == 0
    item.title = "Umbenannter Vortrag"
    services.program_item_save(item=item)
    assert "Umbenannter Vortrag" in str(icalendar.Calendar.from_ical(client.get(item_url).content).walk("vevent")[0]["summary"])
    conference.title = "KMU im Wandel"
    services.event_save(event=conference)
    assert str(icalendar.Calendar.from_ical(client.get(event_url).content).walk("vevent")[0]["summary"]) == "KMU im Wandel"
    EventFactory(title="Neu im Kalender")
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(client.get(feed_url).content).walk("vevent")]
    assert "Neu im Kalender" in summaries


def test_event_lists_staff_edits_show_at_once(client, conference):
    assert "KMU im Strukturwandel" in html(client, "/veranstaltungen/")
    assert queries(client, "/veranstaltungen/") == 0
    EventFactory(title="Neuer Fachtag")
    assert "Neuer Fachtag" in html(client, "/veranstaltungen/")
    past = EventFactory(title="Schon vorbei", starts_at=timezone.now() - datetime.timedelta(days=3),
                        registration_opens_at=None, registration_closes_at=None)
    assert "Schon vorbei" in html(client, "/veranstaltungen/vergangene/")
    assert queries(client, "/veranstaltungen/vergangene/") == 0
    past.title = "Längst vorbei"
    services.event_save(event=past)
    assert "Längst vorbei" in html(client, "/veranstaltungen/vergangene/")


def test_draft_preview_keeps_nothing_for_readers(client, conference):
    draft = EventFactory(title="Noch geheim", status=Event.Status.DRAFT)
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    assert "Noch geheim" in html(client, draft.get_absolute_url())
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Noch geheim" not in html(client, "/veranstaltungen/")
    draft.status = Event.Status.PUBLISHED
    services.event_save(event=draft)
    assert "Noch geheim" in html(client, draft.get_absolute_url())


def test_unpublished_or_deleted_event_is_gone_at_once(client, conference):
    url = conference.get_absolute_url()
    html(client, url)
    conference.status = Event.Status.DRAFT
    services.event_save(event=conference)
    assert client.get(url).status_code == 404
    assert client.get(reverse("events:ics", args=[conference.slug])).status_code == 404


def test_unknown_addresses_fill_no_entries(client, conference):
    long_topic = TopicFactory(name="Langes Thema", slug="t" * 80)
    long_speaker = SpeakerFactory(slug="s" * 200)
    services.program_item_save(item=ProgramItemFactory(event=conference), speakers=[long_speaker])
    stored = None
    for n in range(30):
        if n == 1:  # the 404 page's own parts are kept once
            stored = len(fragments._store._cache)
        # The selectors read at most a slug's length: longer addresses are the same entry.
        assert client.get("/veranstaltungen/", {"thema": f"{long_topic.slug}-{n}"}).status_code == 200
        assert client.get(f"/veranstaltungen/referierende/{long_speaker.slug}-{n}/").status_code == 200
        assert client.get(f"/veranstaltungen/gibt-es-nicht-{n}/").status_code == 404
        assert client.get(f"/veranstaltungen/referierende/gibt-es-nicht-{n}/").status_code == 404
        assert client.get(f"/veranstaltungen/gibt-es-nicht-{n}/kalender.ics").status_code == 404
        assert client.get(f"/veranstaltungen/{conference.slug}/programm/{10_000 + n}.ics").status_code == 404
        assert client.get("/veranstaltungen/", {"thema": f"gibt-es-nicht-{n}"}).status_code == 404
        # Months in range but without events: shown, not kept.
        assert client.get("/veranstaltungen/", {"monat": f"{1950 + n}-01"}).status_code == 200
        # Parameters that mean nothing are the unfiltered list.
        assert client.get("/veranstaltungen/", {"region": f"x{n}", "monat": f"kein-{n}", "page": f"{n}x"}).status_code == 200
    assert len(fragments._store._cache) == stored


def test_event_list_links_carry_only_the_filter_as_understood(client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    for n in range(12):
        EventFactory(title=f"Fachtag {n}").topics.set([topic])
    first = html(client, "/veranstaltungen/", region="<unsinn>", monat="nie-im-leben")
    assert "unsinn" not in first and "nie-im-leben" not in first
    assert 'href="?page=2"' in first
    assert first == html(client, "/veranstaltungen/")
    filtered = html(client, "/veranstaltungen/", thema="wasserstoff", region="bogus")
    assert 'href="?page=2&amp;thema=wasserstoff"' in filtered and "bogus" not in filtered


# --- live figures ---------------------------------------------------------------------------------


def test_free_seats_are_at_most_live_seconds_old(client, conference, clock):
    assert LIVE_PART_SECONDS + LIVE_CACHED_PAGE_SECONDS == LIVE_PAGE_SECONDS
    url = conference.get_absolute_url()
    assert "noch 3 von 3 Plätzen" in html(client, url)
    services.registration_create(event=conference, data=registration_input(conference.categories.get()))
    # A registration is no content edit: the part is kept …
    assert "noch 3 von 3 Plätzen" in html(client, url)
    clock.advance(LIVE_PART_SECONDS + 1)
    # … for LIVE_PART_SECONDS at most.
    page = html(client, url)
    assert "noch 2 von 3 Plätzen" in page
    assert '"availability":"https://schema.org/InStock"' in page


def test_fully_booked_shows_within_live_seconds_on_page_and_list(client, conference, clock):
    category = conference.categories.get()
    badge = '<span class="kern-label">ausgebucht</span>'
    assert badge not in html(client, "/veranstaltungen/")
    html(client, conference.get_absolute_url())
    for n in range(3):
        services.registration_create(event=conference, data=registration_input(category, n))
    clock.advance(LIVE_PART_SECONDS + 1)
    assert badge in html(client, "/veranstaltungen/")
    page = html(client, conference.get_absolute_url())
    assert "ausgebucht – Warteliste möglich" in page and "https://schema.org/SoldOut" in page


# --- changes by time -------------------------------------------------------------------------------


def test_event_moves_to_the_past_list_when_it_ends(client, clock):
    now = timezone.now()
    event = EventFactory(title="Endet gleich", starts_at=now - datetime.timedelta(hours=2),
                         ends_at=now + datetime.timedelta(hours=1), registration_opens_at=None,
                         registration_closes_at=None)
    ProgramItemFactory(event=event, title="Schlusswort", starts_at=now + datetime.timedelta(minutes=30))
    item_ics = reverse("events:item-ics", args=[event.slug, event.program_items.get().pk])
    assert "Endet gleich" in html(client, "/veranstaltungen/")
    assert "Endet gleich" not in html(client, "/veranstaltungen/vergangene/")
    page = html(client, event.get_absolute_url())
    assert item_ics in page and "This event has taken place" not in page and "Veranstaltung hat stattgefunden" not in page
    clock.advance(3599)
    assert "Endet gleich" in html(client, "/veranstaltungen/")  # still kept: nothing has changed yet
    clock.advance(2)
    assert "Endet gleich" not in html(client, "/veranstaltungen/")
    assert "Endet gleich" in html(client, "/veranstaltungen/vergangene/")
    page = html(client, event.get_absolute_url())
    assert item_ics not in page and "Diese Veranstaltung hat bereits stattgefunden." in page
    assert 'href="/veranstaltungen/vergangene/">Vergangene Veranstaltungen</a>' in page


def test_registration_opens_and_closes_on_time(client, clock):
    now = timezone.now()
    event = EventFactory(title="Mit Anmeldefrist", registration_opens_at=now + datetime.timedelta(hours=1),
                         registration_closes_at=now + datetime.timedelta(hours=2))
    TicketCategoryFactory(event=event, capacity=10)
    url = event.get_absolute_url()
    register = "Jetzt anmelden"
    assert "Die Anmeldung beginnt am" in html(client, url) and register not in html(client, url)
    assert "Anmeldung bald möglich" in html(client, "/veranstaltungen/")
    clock.advance(3601)
    assert register in html(client, url)
    assert "Anmeldung offen" in html(client, "/veranstaltungen/")
    clock.advance(3600)
    page = html(client, url)
    assert "Die Anmeldung ist geschlossen." in page and register not in page


def test_event_next_change_at_is_the_next_start_end_or_registration_moment():
    next_change = selectors.event_next_change_at.__wrapped__  # the query itself, not remembered
    now = timezone.now()
    assert next_change(now=now) is None
    event = EventFactory(starts_at=now + datetime.timedelta(days=3), ends_at=now + datetime.timedelta(days=4),
                         registration_opens_at=now + datetime.timedelta(days=1),
                         registration_closes_at=now + datetime.timedelta(days=2))
    assert next_change(now=now) == event.registration_opens_at
    assert next_change(now=event.registration_opens_at) == event.registration_closes_at
    assert next_change(now=event.registration_closes_at) == event.starts_at
    assert next_change(now=event.starts_at) == event.ends_at
    assert next_change(now=event.ends_at) is None
    draft = EventFactory(status=Event.Status.DRAFT, starts_at=now + datetime.timedelta(hours=5),
                         registration_opens_at=None, registration_closes_at=None)
    assert next_change(now=now) == draft.starts_at  # its preview changes too


def test_event_next_change_at_one_query_then_none_until_content_or_the_moment_changes(django_assert_num_queries):
    now = timezone.now()
    event = EventFactory(starts_at=now + datetime.timedelta(days=3), registration_opens_at=None,
                         registration_closes_at=None)
    with django_assert_num_queries(1):
        assert selectors.event_next_change_at(now=now) == event.starts_at
    with django_assert_num_queries(0):
        assert selectors.event_next_change_at(now=now + datetime.timedelta(days=1)) == event.starts_at
    event.starts_at = now + datetime.timedelta(days=2)
    services.event_save(event=event)
    with django_assert_num_queries(1):
        assert selectors.event_next_change_at(now=now) == event.starts_at
    with django_assert_num_queries(1):
        assert selectors.event_next_change_at(now=event.starts_at) == event.ends_at


def test_cached_pages_do_not_outlive_the_next_event_moment(settings):
    settings.PAGE_CACHE_SECONDS = 300
    now = timezone.now()
    EventFactory(starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(seconds=100),
                 registration_opens_at=None, registration_closes_at=None)
    assert page_cache.page_timeout(now=now) == 100
    assert page_cache.seconds_until_next_change(600, now=now + datetime.timedelta(seconds=40)) == 60


# --- query counts ------------------------------------------------------------------------------------


def _grow(n: int, *, offset: int, topic, speaker) -> None:
    now = timezone.now()
    for i in range(n):
        for starts in (now + datetime.timedelta(days=i + offset + 1), now - datetime.timedelta(days=i + offset + 1)):
            event = EventFactory(starts_at=starts, registration_opens_at=None, registration_closes_at=None)
            event.topics.set([topic])
            TicketCategoryFactory(event=event, capacity=5)
            item = ProgramItemFactory(event=event)
            services.program_item_save(item=item, speakers=[speaker])


@pytest.mark.parametrize("url", [
    "/veranstaltungen/", "/veranstaltungen/vergangene/", "/veranstaltungen/?thema=wasserstoff",
    "/veranstaltungen/kalender.ics", "/veranstaltungen/referierende/kim-beispiel/",
    "conference", "conference-ics", "conference-item-ics",
])
def test_query_counts_constant_in_data_size_with_parts_kept(client, conference, url):
    url = {
        "conference": conference.get_absolute_url(),
        "conference-ics": reverse("events:ics", args=[conference.slug]),
        "conference-item-ics": reverse("events:item-ics", args=[conference.slug, conference.program_items.get().pk]),
    }.get(url, url)
    topic = conference.topics.get()
    speaker = conference.program_items.get().speakers.get()
    _grow(2, offset=0, topic=topic, speaker=speaker)
    small_cold = queries(client, url)
    small_warm = queries(client, url)
    _grow(10, offset=10, topic=topic, speaker=speaker)
    large_cold = queries(client, url)
    large_warm = queries(client, url)
    assert large_cold == small_cold
    assert large_warm == small_warm
    assert small_warm == 0 < small_cold


def test_event_page_renders_the_same_with_parts_kept_or_not(client, conference, settings):
    url = conference.get_absolute_url()
    kept = [html(client, url), html(client, url)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert kept[0] == kept[1] == html(client, url)


@pytest.mark.parametrize("url", ["/veranstaltungen/", "/veranstaltungen/vergangene/", "/veranstaltungen/?page=2"])
def test_event_lists_render_the_same_with_parts_kept_or_not(client, conference, settings, url):
    now = timezone.now()
    for n in range(12):
        EventFactory(starts_at=now + datetime.timedelta(days=n + 1))
        EventFactory(starts_at=now - datetime.timedelta(days=n + 1), registration_opens_at=None,
                     registration_closes_at=None)
    kept = [html(client, url), html(client, url)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert kept[0] == kept[1] == html(client, url)


def test_speaker_page_needs_a_public_event(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    speaker = SpeakerFactory(slug="nur-im-entwurf")
    services.program_item_save(item=ProgramItemFactory(event=draft), speakers=[speaker])
    assert client.get(speaker.get_absolute_url()).status_code == 404
    draft.status = Event.Status.PUBLISHED
    services.event_save(event=draft)
    assert client.get(speaker.get_absolute_url()).status_code == 200


def test_other_readers_get_the_page_staff_saw(client, conference):
    """Nothing reader-dependent is kept: a logged-in person's visit fills the parts readers get."""
    client.force_login(UserFactory())
    logged_in = html(client, conference.get_absolute_url())
    client.logout()
    assert html(client, conference.get_absolute_url()) == logged_in


# --- the registration form -------------------------------------------------------------------------


def test_registration_form_without_input_is_kept_and_shows_free_seats_at_once(client, conference):
    url = reverse("events:register", args=[conference.slug])
    first = html(client, url)
    assert "noch 3 von 3 Plätzen" in first
    assert html(client, url) == first
    assert queries(client, url) == 1  # the seats are counted; the form itself comes from the store
    services.registration_create(event=conference, data=registration_input(conference.categories.get()))
    # The kept form varies on the seats counted for this request: a taken seat shows at once.
    assert "noch 2 von 3 Plätzen" in html(client, url)


def test_registration_form_renders_the_same_with_parts_kept_or_not(client, conference, settings):
    url = reverse("events:register", args=[conference.slug])
    kept = [html(client, url), html(client, url)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert kept[0] == kept[1] == html(client, url)


def test_registration_form_with_input_is_never_kept(client, conference):
    url = reverse("events:register", args=[conference.slug])
    html(client, url)
    response = client.post(url, {"first_name": "Ada", "last_name": "", "email": "ada-kept@example.org"})
    page = response.content.decode()
    assert 'value="ada-kept@example.org"' in page and "kern-error" in page
    # Nobody else sees another reader's input afterwards.
    assert "ada-kept@example.org" not in html(client, url)


def test_registration_form_with_errors_renders_the_same_with_parts_kept_or_not(client, conference, settings):
    url = reverse("events:register", args=[conference.slug])
    data = {"first_name": "Ada", "last_name": "", "email": "ada-same@example.org", "sector": "kmu"}
    kept = [client.post(url, data).content.decode() for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh = client.post(url, data).content.decode()
    assert kept[0] == kept[1] == fresh
    assert "<title>Fehler:" in fresh and 'value="ada-same@example.org"' in fresh
