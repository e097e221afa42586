"""The organiser's planning pages of the Gesprächsbörse in the browser: the list of meetings with the
fixed tables, one meeting (fix, release, session), and the setup page with the moves of a new
"Alle einplanen"; axe-core (zero violations) at 1280 and 320 px, also with errors, no horizontal
scrolling at 320 px; the organiser fixes a meeting with the form; the Nu Html Checker validates."""

import pytest

from revier.network.meetings import services
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingSetup, Unavailability
from tests.browser.conftest import assert_clean, log_in, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.browser.test_network_meetings import build
from tests.factories import UserFactory


def build_planning():
    """build() of the meeting pages, then: a fixed table, a meeting fixed by the organiser, one
    restricted to a session, and a published meeting moved by a new planning (the setup page lists it)."""
    pages = build()
    setup = MeetingSetup.objects.get()
    meetings = list(Meeting.objects.filter(setup=setup).order_by("id"))
    people = [p.profile for p in meetings[0].participants.order_by("id")]
    services.table_fixed_set(setup=setup, table_id=setup.tables.get(number=3).pk, profile_id=people[0].pk, actor=None)
    services.meeting_session_set(setup=setup, meeting_id=meetings[1].pk, session_id=setup.sessions.last().pk, actor=None)
    moved = Meeting.objects.get(pk=meetings[0].pk)
    services.unavailability_set(setup=setup, profile=people[1], slot_ids=[moved.slot_id])
    services.schedule_run_request(setup=setup, actor=None, time_limit=2)
    services.meeting_schedule_runs_due()
    # the meeting restricted to the afternoon is fixed where the planning put it, at a free table
    placed = Meeting.objects.get(pk=meetings[1].pk)
    used = set(Meeting.objects.filter(slot=placed.slot).exclude(pk=placed.pk).values_list("table_id", flat=True))
    table = next(t for t in setup.tables.filter(fixed_profile__isnull=True) if t.pk not in used)
    services.meeting_fix(setup=setup, meeting_id=placed.pk, slot_id=placed.slot_id, table_id=table.pk, actor=None)
    pages["planning"] = pages["manage"] + "termine/"
    pages["meeting"] = f"{pages['planning']}{meetings[1].pk}/"
    pages["meeting-open"] = f"{pages['planning']}{meetings[0].pk}/"
    return pages


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_planning_page_types_are_accessible(new_context, live_server, width):
    pages = build_planning()
    page = open_page(new_context, width)
    log_in(page, "orga", pages["manage"])
    assert "Verlegte Gesprächstermine" in page.inner_text("main")
    assert_clean(page, f"manage with moves at {width} px", width)
    page.get_by_role("link", name="Alle Gesprächstermine: Zeit und Tisch festlegen, auf eine Sitzung beschränken, "
                                  "feste Tische").click()
    assert page.locator("h1").count() == 1
    assert_clean(page, f"planning at {width} px", width)
    # a fixed table for someone whose table is taken: the German message
    page.get_by_role("button", name="Festen Tisch zuweisen").click()
    assert "Bitte wählen Sie eine teilnehmende Person." in page.inner_text("main")
    assert_clean(page, f"planning with errors at {width} px", width)
    page.goto(pages["meeting"])
    assert page.locator("h1").count() == 1 and "Festlegung aufheben" in page.inner_text("main")
    assert_clean(page, f"meeting at {width} px", width)
    page.goto(pages["meeting-open"])
    page.get_by_role("button", name="Termin festlegen").click()
    assert "Bitte wählen Sie einen Zeitslot." in page.inner_text("main")
    assert_clean(page, f"meeting with errors at {width} px", width)


@pytest.mark.browser
def test_organiser_fixes_a_meeting_with_the_form(page, live_server):
    pages = build_planning()
    log_in(page, "orga", pages["meeting-open"])
    setup = MeetingSetup.objects.get()
    meeting = Meeting.objects.get(pk=int(pages["meeting-open"].rstrip("/").rsplit("/", 1)[1]))
    people = list(meeting.participants.values_list("profile_id", flat=True))
    blocked = set(MeetingParticipant.objects.filter(profile_id__in=people).values_list("slot_id", flat=True))
    blocked |= set(Unavailability.objects.filter(profile_id__in=people).values_list("slot_id", flat=True))
    slot = next(s for s in setup.slots.all() if s.pk not in blocked)
    table = setup.tables.get(fixed_profile_id__in=people)  # the fixed table of one of the two
    assert "Zeiten, die nicht gehen" in page.inner_text("main")
    page.locator("#id_slot").select_option(str(slot.pk))
    page.locator("#id_table").select_option(str(table.pk))
    page.get_by_role("button", name="Termin festlegen").click()
    assert "festgelegt" in page.inner_text("main")
    meeting.refresh_from_db()
    assert (meeting.fixed, meeting.slot_id, meeting.table_id) == (True, slot.pk, table.pk)


@pytest.mark.django_db
def test_planning_page_types_are_valid_html(client, tmp_path):
    pages = build_planning()
    client.force_login(UserFactory._meta.model.objects.get(username="orga"))
    documents = {
        "manage-with-moves": client.get(pages["manage"]).content.decode(),
        "planning": client.get(pages["planning"]).content.decode(),
        "meeting": client.get(pages["meeting"]).content.decode(),
        "meeting-open": client.get(pages["meeting-open"]).content.decode(),
        "planning-with-errors": client.post(pages["planning"], {"aktion": "fester-tisch"}).content.decode(),
        "meeting-with-errors": client.post(pages["meeting-open"], {"aktion": "festlegen"}).content.decode(),
    }
    assert "Verlegte Gesprächstermine" in documents["manage-with-moves"]
    for name in [n for n in documents if n.endswith("-with-errors")]:
        assert 'aria-invalid="true"' in documents[name], name
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
