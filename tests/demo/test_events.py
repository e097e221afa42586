import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import resolve

from revier.core.models import AuditEntry, OutboxMail
from revier.demo.files import read_yaml
from revier.demo.loader import load_events
from revier.events import selectors, services
from revier.events.models import Event, Organisation, ProgramItem, Question, Registration, Speaker, TicketCategory
from revier.events.permissions import can_manage_event
from revier.news.models import ArticleLink
from tests.factories import registration_input

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
CONFERENCE_SLUG = "kmu-im-strukturwandel-staerken-2024"
WORKSHOP_SLUG = "wasserstoff-werkstatt-fuer-kmu-2026"
LAUSITZ_SLUG = "fachkraeftetag-lausitz-2027"
CANCELLED_SLUG = "exkursion-waermespeicher-rheinisches-revier-2026"
# The demo's dates are fixed; "today" for these tests is the day the demo was written for.
TODAY = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def loaded():
    load_events()


def snapshot():
    return {
        "events": dict(Event.objects.values_list("slug", "updated_at")),
        "event_rows": list(Event.objects.order_by("id").values()),
        "organisations": list(Organisation.objects.order_by("id").values()),
        "speakers": list(Speaker.objects.order_by("id").values()),
        "items": list(ProgramItem.objects.order_by("id").values()),
        "item_speakers": sorted(ProgramItem.speakers.through.objects.values_list("programitem_id", "speaker_id")),
        "categories": list(TicketCategory.objects.order_by("id").values()),
        "questions": list(Question.objects.order_by("id").values()),
        "registrations": list(Registration.objects.order_by("id").values_list("id", "status", "email", "checked_in_at")),
        "organisers": sorted(Event.organisers.through.objects.values_list("event_id", "organisation_id")),
        "topics": sorted(Event.topics.through.objects.values_list("event_id", "topic_id")),
        "managers": sorted(Event.managers.through.objects.values_list("event_id", "user_id")),
        "links": list(ArticleLink.objects.order_by("id").values_list("id", "label", "url", "event_id")),
        # load_demo issues fresh personal links of demo participants (audited); nothing else changes.
        "audit": AuditEntry.objects.exclude(action="profile_link_issued").count(),
        "outbox": OutboxMail.objects.count(),
        "users": list(get_user_model().objects.order_by("id").values_list("username", "password")),
    }


def test_demo_conference_is_the_seed_event_in_the_past(loaded):
    event = Event.objects.get(slug=CONFERENCE_SLUG)
    assert event.title == "Kleine und mittlere Unternehmen im Strukturwandel stärken"
    assert event.starts_at.astimezone(BERLIN).date() == datetime.date(2024, 10, 23)
    assert event.city == "Leuna" and event.is_past and event.status == Event.Status.PUBLISHED
    assert not event.is_generated
    assert event.image and event.image_alt
    assert set(event.organisers.values_list("name", flat=True)) == {
        "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)",
        "Fraunhofer-Gesellschaft",
        "IHK Cottbus – Förderinitiative MinGenTec",
    }
    assert {"wasserstoff", "waermewende", "ccs-ccu"} <= set(event.topics.values_list("slug", flat=True))
    assert event.registration_state(TODAY) == "closed"


def test_demo_conference_program_has_the_seed_talk_and_parallel_afternoon_tracks(loaded):
    event = Event.objects.get(slug=CONFERENCE_SLUG)
    talk = event.program_items.get(title="Klimaneutrale Industrieregion Mitteldeutschland")
    assert [s.display_name for s in talk.speakers.all()] == ["Jörn-Heinrich Tobaben"]
    assert talk.speakers.get().organisation == "Europäische Metropolregion Mitteldeutschland (EMMD)"
    welcome = event.program_items.get(kind=ProgramItem.Kind.WELCOME)
    assert welcome.speakers.get().display_name == "Dr. Carola Neugebauer"
    kinds = set(event.program_items.values_list("kind", flat=True))
    assert {"keynote", "podium", "pause", "netzwerken", "workshop"} <= kinds
    titles = " ".join(event.program_items.values_list("title", flat=True))
    assert "Wasserstoff" in titles and "Wärmewende" in titles and "CCS/CCU" in titles
    parallel = event.program_items.exclude(room="")
    assert set(parallel.values_list("room", flat=True)) == {"Großer Saal", "Seminarraum 1"}
    assert parallel.values("starts_at").distinct().count() == 2  # two slots, two rooms each
    for item in event.program_items.all():
        assert event.starts_at <= item.starts_at <= item.ends_at <= event.ends_at


def test_demo_conference_has_categories_questions_and_checked_in_registrations(loaded):
    event = Event.objects.get(slug=CONFERENCE_SLUG)
    categories = {c.name: c.capacity for c in event.categories.all()}
    assert categories == {"Teilnahme vor Ort": 120, "Online-Teilnahme": None}
    assert list(event.questions.values_list("kind", flat=True)) == ["single", "text"]
    registrations = event.registrations.all()
    assert registrations.count() > 50
    assert set(registrations.values_list("status", flat=True)) == {Registration.Status.CONFIRMED}
    checked_in = registrations.exclude(checked_in_at=None)
    assert 0 < checked_in.count() < registrations.count()
    assert all(r.created_at < event.starts_at for r in registrations)
    assert all(r.email.endswith("@example.org") for r in registrations)
    assert not checked_in.filter(category__name="Online-Teilnahme").exists()
    single = event.questions.get(kind="single")
    assert all(r.answers[str(single.pk)] in single.choice_list for r in registrations)


def test_demo_upcoming_event_fills_after_three_and_then_waitlists(loaded):
    event = Event.objects.get(slug=WORKSHOP_SLUG)
    assert event.is_generated and event.registration_state(TODAY) == "open"
    onsite = event.categories.get(name="Teilnahme vor Ort")
    online = event.categories.get(name="Online-Teilnahme")
    assert onsite.capacity == 20 and online.capacity is None and not event.requires_approval
    assert selectors.category_availability(category=onsite, now=TODAY).taken == 17
    kinds = [
        services.registration_create(event=event, data=registration_input(onsite, n), now=TODAY).kind
        for n in range(3)
    ]
    assert kinds == ["created"] * 3
    outcome = services.registration_create(
        event=event, data=registration_input(onsite, 3, join_waitlist=True), now=TODAY
    )
    assert outcome.kind == "waitlisted"
    assert services.registration_create(event=event, data=registration_input(online, 4), now=TODAY).kind == "created"


def test_demo_lists_show_every_state(loaded):
    lausitz = Event.objects.get(slug=LAUSITZ_SLUG)
    cancelled = Event.objects.get(slug=CANCELLED_SLUG)
    assert lausitz.region == "lausitz" and lausitz.registration_state(TODAY) == "not_yet"
    assert cancelled.status == Event.Status.CANCELLED and cancelled.cancellation_note
    assert cancelled.registration_state(TODAY) == "cancelled"
    assert all(e.is_generated for e in [lausitz, cancelled])


def test_demo_organiser_account_manages_only_the_upcoming_event(loaded, login_file):
    user = get_user_model().objects.get(username="organisation")
    assert not user.is_staff and not user.is_superuser and user.is_active
    password = login_file.read_text().split("Benutzername: organisation\nPasswort: ")[1].split("\n")[0]
    assert len(password) >= 16 and user.check_password(password)
    assert can_manage_event(user, Event.objects.get(slug=WORKSHOP_SLUG))
    assert not can_manage_event(user, Event.objects.get(slug=CONFERENCE_SLUG))


def test_demo_speakers_that_are_no_seed_people_are_marked_as_roles(loaded):
    real = {"joern-heinrich-tobaben", "carola-neugebauer"}
    for speaker in Speaker.objects.exclude(slug__in=real):
        assert speaker.bio == read_yaml("events.yaml")["generated_role_bio"]


def test_demo_seed_article_links_to_the_conference(login_file, capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    link = ArticleLink.objects.get(
        article__slug="innovationskonferenz-zu-kmus-in-den-strukturwandelregionen", label="Programm und Anmeldung"
    )
    assert link.event.slug == CONFERENCE_SLUG
    for address in (link.href, link.url):  # the url is the fallback should the event be deleted
        match = resolve(address)
        assert match.view_name == "events:detail" and match.kwargs["slug"] == CONFERENCE_SLUG
    assert "Veranstaltungen: 4 angelegt" in output
    assert "Benutzername: organisation" in output and "/anmelden/" in output


def test_demo_second_run_changes_nothing(login_file, capsys):
    call_command("load_demo")
    before = snapshot()
    capsys.readouterr()
    call_command("load_demo")
    output = capsys.readouterr().out
    assert snapshot() == before
    assert "Veranstaltungen: 0 angelegt, 0 aktualisiert, 4 unverändert; 0 Anmeldungen hinzugefügt." in output
    assert "angelegt." not in output.split("Verwaltung:")[1]


def test_demo_resets_a_changed_program_and_capacity_and_keeps_registrations(loaded):
    event = Event.objects.get(slug=WORKSHOP_SLUG)
    other = Event.objects.get(slug=CONFERENCE_SLUG)
    untouched = other.updated_at
    ProgramItem.objects.filter(event=event, kind="pause").update(title="Längere Pause")
    TicketCategory.objects.filter(event=event, name="Teilnahme vor Ort").update(capacity=30)
    registrations = Registration.objects.count()

    result = load_events()

    assert (result.created, result.changed, result.unchanged) == (0, 1, 3)
    assert event.program_items.filter(title="Mittagspause").exists()
    assert not event.program_items.filter(title="Längere Pause").exists()
    assert event.categories.get(name="Teilnahme vor Ort").capacity == 20
    assert Registration.objects.count() == registrations
    assert Event.objects.get(pk=other.pk).updated_at == untouched


def test_demo_workshop_has_an_english_version_the_others_not(loaded, client):
    """Issue 13 §4: /en/ shows both cases: the workshop in English, the other events in German, marked."""
    workshop = Event.objects.get(slug=WORKSHOP_SLUG)
    assert workshop.title_en == "Hydrogen workshop for small and medium-sized enterprises"
    assert "<li>The basics and the costs, explained clearly</li>" in workshop.description_en_html
    page = client.get("/en" + workshop.get_absolute_url()).content.decode()
    assert '<h1 id="event-title" class="kern-heading-x-large">Hydrogen workshop for small' in page
    lausitz = Event.objects.get(slug=LAUSITZ_SLUG)
    assert lausitz.title_en == "" and lausitz.description_en_html == ""
    assert '<h1 id="event-title" class="kern-heading-x-large" lang="de">Fachkräftetag Lausitz</h1>' in client.get(
        "/en" + lausitz.get_absolute_url()).content.decode()
