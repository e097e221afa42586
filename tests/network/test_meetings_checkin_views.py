"""Gesprächsbörse on the day, through HTTP: the organiser's check-in page per slot (one click per
meeting, no JavaScript needed) and live board (managers only, reloads itself, query counts that do
not grow), the check-in buttons on the participant's page, and cancelling a meeting with a
confirmation step. Bad input gets a German message and changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.core.models import OutboxMail
from revier.network.meetings import services
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest, MeetingTable
from tests.factories import UserFactory, make_participant, make_running_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_running_meetings()


@pytest.fixture
def organiser(world):
    user = UserFactory()
    world["event"].managers.add(user)
    return user


def manage(world, page):
    return f"/netzwerk/verwalten/{world['event'].slug}/gespraechsboerse/{page}"


def agenda(token):
    return f"/netzwerk/mein-profil/{token}/gespraechsboerse/"


def attendance(meeting):
    return sorted(MeetingParticipant.objects.filter(meeting=meeting).values_list("attendance", flat=True))


# --- the organiser ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["einchecken/", "live/"])
def test_organiser_pages_only_for_managers(client, world, page):
    assert client.get(manage(world, page)).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(manage(world, page)).status_code == 404
    assert client.post(manage(world, "einchecken/"), {"aktion": "stattgefunden",
                                                      "termin": world["meetings"]["ac"].pk}).status_code == 404
    assert attendance(world["meetings"]["ac"]) == ["", ""]


def test_check_in_page_one_click_per_meeting_without_javascript(client, world, organiser):
    client.force_login(organiser)
    meeting = world["meetings"]["ac"]
    html = client.get(manage(world, "einchecken/")).content.decode()
    assert "Check-in an den Tischen" in html and 'value="stattgefunden"' in html
    assert world["people"][0][0].full_name in html and world["people"][2][0].full_name in html
    assert world["people"][0][0].email not in html
    response = client.post(manage(world, "einchecken/"), {"aktion": "nicht-erschienen", "termin": meeting.pk,
                                                          "zeitfenster": meeting.slot_id})
    assert response.status_code == 302
    assert response["Location"] == f"{manage(world, 'einchecken/')}?zeitfenster={meeting.slot_id}#termin-{meeting.pk}"
    assert attendance(meeting) == ["no_show", "no_show"]
    html = client.get(response["Location"]).content.decode()
    assert "Tisch 1: nicht erschienen." in html and "1 von 2 Gesprächen erfasst." in html
    # The correction afterwards.
    client.post(manage(world, "einchecken/"), {"aktion": "stattgefunden", "termin": meeting.pk})
    assert attendance(meeting) == ["held", "held"]


def test_check_in_page_bad_input_gets_a_german_message(client, world, organiser):
    client.force_login(organiser)
    next_meeting = world["meetings"]["ad"]
    response = client.post(manage(world, "einchecken/"), {"aktion": "stattgefunden", "termin": next_meeting.pk})
    assert response.status_code == 409 and "noch nicht begonnen" in response.content.decode()
    response = client.post(manage(world, "einchecken/"), {"aktion": "stattgefunden", "termin": "999999"})
    assert response.status_code == 409 and "gibt es nicht mehr" in response.content.decode()
    response = client.post(manage(world, "einchecken/"), {"aktion": "weg", "termin": world["meetings"]["ac"].pk})
    assert response.status_code == 409 and "Bitte wählen Sie" in response.content.decode()
    assert set(MeetingParticipant.objects.values_list("attendance", flat=True)) == {""}
    # A slot not begun: shown without buttons.
    html = client.get(manage(world, f"einchecken/?zeitfenster={next_meeting.slot_id}")).content.decode()
    assert "noch nicht begonnen" in html and 'value="stattgefunden"' not in html


def test_live_board_shows_now_and_next_and_updates_itself(client, world, organiser):
    client.force_login(organiser)
    (a, _t), (b, _t2), (c, _t3), (d, _t4) = world["people"]
    services.meeting_attendance_report(meeting=world["meetings"]["ac"], profile=c, attendance="no_show")
    html = client.get(manage(world, "live/")).content.decode()
    assert 'data-hx-trigger="every 30s"' in html and "?anhalten=1" in html
    assert 'data-hx-trigger' not in client.get(manage(world, "live/?anhalten=1")).content.decode()
    fragment = client.get(manage(world, "live/"), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "Jetzt:" in fragment and d.full_name in fragment
    now, following = html.split('id="als-naechstes"')
    assert "Jetzt:" in now and a.full_name in now and c.full_name in now and "Nicht erschienen" in now
    assert "Frei" in now and "2 Gespräche, 1 erfasst." in now
    assert "Als Nächstes:" in following and d.full_name in following and b.full_name not in following
    assert a.email not in html
    assert f'href="{manage(world, "live/")}"' in client.get(manage(world, "")).content.decode()


def test_organiser_pages_queries_do_not_grow(client, world, organiser, django_assert_max_num_queries):
    client.force_login(organiser)
    setup = world["setup"]
    with CaptureQueriesContext(connection) as board_small:
        assert client.get(manage(world, "live/")).status_code == 200
    with CaptureQueriesContext(connection) as check_in_small:
        assert client.get(manage(world, "einchecken/")).status_code == 200
    # More people meeting in the running and the next slot, records on them, more tables.
    MeetingTable.objects.bulk_create([MeetingTable(setup=setup, number=n) for n in range(4, 9)])
    others = [make_participant(world["event"], n)[0] for n in range(10, 18)]
    for i in range(0, 8, 2):
        meeting_request = MeetingRequest.objects.create(
            setup=setup, sender=others[i], recipient=others[i + 1], pair_low=min(others[i].pk, others[i + 1].pk),
            pair_high=max(others[i].pk, others[i + 1].pk), status="accepted", created_at=world["start"])
        slot = world["slots"][1 + (i // 2) % 2]
        meeting = Meeting.objects.create(setup=setup, request=meeting_request, status="placed", published=True,
                                         slot=slot, table=setup.tables.get(number=4 + i // 2),
                                         created_at=world["start"], placed_at=world["start"])
        MeetingParticipant.objects.bulk_create([MeetingParticipant(meeting=meeting, profile=p, slot=slot)
                                                for p in (others[i], others[i + 1])])
    services.meeting_attendance_record(meeting=world["meetings"]["bd"], attendance="held", actor=organiser)
    with django_assert_max_num_queries(len(board_small)):
        html = client.get(manage(world, "live/")).content.decode()
    assert others[0].full_name in html and others[3].full_name in html
    with django_assert_max_num_queries(len(check_in_small)):
        assert others[0].full_name in client.get(manage(world, "einchecken/")).content.decode()


# --- the participant ----------------------------------------------------------------------------


def test_participant_checks_in_own_meeting_from_the_agenda(client, world):
    (a, token_a), _b, (c, token_c), _d = world["people"]
    meeting = world["meetings"]["ac"]
    html = client.get(agenda(token_c)).content.decode()
    assert html.count('value="nicht-erschienen"') == 2  # C–D (over, the event is not) and A–C (running)
    response = client.post(agenda(token_c), {"aktion": "nicht-erschienen", "termin": meeting.pk})
    assert response.status_code == 302 and response["Location"].endswith("?erledigt=nicht-erschienen#erledigt")
    rows = dict(MeetingParticipant.objects.filter(meeting=meeting).values_list("profile_id", "attendance"))
    assert rows == {a.pk: "", c.pk: "no_show"}
    html = client.get(response["Location"]).content.decode()
    assert "Die andere Person ist nicht erschienen." in html and f"Ihre Angabe: {a.full_name} ist nicht erschienen" in html
    # Someone else's meeting, or one not begun: a German message, nothing changes.
    response = client.post(agenda(token_c), {"aktion": "stattgefunden", "termin": world["meetings"]["ab"].pk})
    assert response.status_code == 409 and "nicht einer Ihrer Termine" in response.content.decode()
    response = client.post(agenda(token_a), {"aktion": "stattgefunden", "termin": world["meetings"]["ad"].pk})
    assert response.status_code == 409 and "noch nicht begonnen" in response.content.decode()
    assert attendance(world["meetings"]["ab"]) == ["", ""] and attendance(world["meetings"]["ad"]) == ["", ""]


def test_cancel_with_a_confirmation_step(client, world):
    (a, token_a), _b, _c, (d, token_d) = world["people"]
    meeting = world["meetings"]["ad"]
    url = f"{agenda(token_a)}absagen/{meeting.request_id}/"
    assert f'href="{url}"' in client.get(agenda(token_a)).content.decode()
    # The confirmation page changes nothing (mail scanners open links).
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "wirklich absagen" in html and d.full_name in html and "Ja, Termin absagen" in html
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    OutboxMail.objects.all().delete()
    response = client.post(url, {"aktion": "absagen"})
    assert response.status_code == 302 and response["Location"].endswith("?erledigt=abgesagt#erledigt")
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert [mail.to for mail in OutboxMail.objects.all()] == [[d.email]]
    assert "Der Gesprächstermin wurde abgesagt." in client.get(response["Location"]).content.decode()
    assert "Termin abgesagt" in client.get(agenda(token_d)).content.decode()
    # Twice: a German message, no second mail.
    response = client.post(url, {"aktion": "absagen"})
    assert response.status_code == 409 and "bereits abgesagt" in response.content.decode()
    assert "bereits abgesagt" in client.get(url).content.decode()
    assert OutboxMail.objects.count() == 1
    assert not client.cookies


def test_cancel_refused_after_the_start_and_for_someone_elses_meeting(client, world):
    (a, token_a), _b, (c, token_c), _d = world["people"]
    running = world["meetings"]["ac"]
    url = f"{agenda(token_a)}absagen/{running.request_id}/"
    html = client.get(url).content.decode()
    assert "nicht mehr abgesagt" in html and "Ja, Termin absagen" not in html
    response = client.post(url, {"aktion": "absagen"})
    assert response.status_code == 409 and "nicht mehr abgesagt" in response.content.decode()
    foreign = world["meetings"]["bd"]
    for method in (client.get, client.post):
        response = method(f"{agenda(token_a)}absagen/{foreign.request_id}/")
        assert response.status_code == 404 and "nicht einer Ihrer Termine" in response.content.decode()
    assert client.get(f"{agenda(token_a)}absagen/x²/").status_code == 404
    assert Meeting.objects.count() == 5 and not MeetingRequest.objects.filter(status="cancelled").exists()


def test_participant_page_queries_still_do_not_grow(client, world, django_assert_max_num_queries):
    (_a, token_a) = world["people"][0]
    with CaptureQueriesContext(connection) as small:
        assert client.get(agenda(token_a)).status_code == 200
    services.meeting_attendance_report(meeting=world["meetings"]["ac"], profile=world["people"][0][0],
                                       attendance="held")
    with django_assert_max_num_queries(len(small)):
        assert client.get(agenda(token_a)).status_code == 200


def test_table_plan_links_each_meeting_to_its_check_in(client, world, organiser):
    client.force_login(organiser)
    meeting = world["meetings"]["ac"]
    html = client.get(manage(world, "tischplan/")).content.decode()
    assert f'href="{manage(world, "einchecken/")}?zeitfenster={meeting.slot_id}#termin-{meeting.pk}"' in html
    assert f'href="{manage(world, "live/")}"' in html


def test_the_organisers_record_on_the_participants_page_without_buttons(client, world, organiser):
    (a, token_a) = world["people"][0]
    meeting = world["meetings"]["ac"]
    services.meeting_attendance_record(meeting=meeting, attendance="no_show", actor=organiser)
    html = client.get(agenda(token_a)).content.decode()
    assert ("Von den Veranstaltenden erfasst: Das Gespräch hat nicht stattgefunden, weil jemand nicht erschienen ist."
            in html)
    assert f'name="termin" value="{meeting.pk}"' not in html
    assert f'name="termin" value="{world["meetings"]["ab"].pk}"' in html  # the other begun meeting: still open
