"""The organiser's planning pages through HTTP: the list of meetings with the fixed tables, one
meeting (fix, release, session); managers only, German messages with nothing changed, query
counts that do not grow with the data, and the moves of a new "Alle einplanen" on the setup page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.network.meetings import services
from revier.network.meetings.models import Meeting, MeetingTable
from tests.factories import EventFactory, UserFactory, make_meeting_setup, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(title="Wasserstoff-Forum")


@pytest.fixture
def setup(event):
    return make_meeting_setup(event, sessions=((10, 0, 11, 0), (13, 0, 14, 0)), max_meetings=4)


@pytest.fixture
def organiser(event):
    user = UserFactory()
    event.managers.add(user)
    return user


@pytest.fixture
def people(event, setup):
    return [make_participant(event, n)[0] for n in range(6)]


def meet(setup, a, b):
    meeting_request = services.request_send(setup=setup, sender=a, recipient_id=b.pk)
    return services.request_accept(meeting_request=meeting_request, profile=b)


def planning_url(event):
    return f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/termine/"


def test_planning_pages_are_for_managers_only(client, event, setup, people):
    meeting = meet(setup, people[0], people[1])
    urls = [planning_url(event), f"{planning_url(event)}{meeting.pk}/"]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, {"aktion": "freigeben"}).status_code == 404


def test_meeting_of_another_event_is_not_found(client, event, setup, organiser, people):
    other_event = EventFactory()
    other_setup = make_meeting_setup(other_event)
    a, b = (make_participant(other_event, n)[0] for n in (20, 21))
    foreign = meet(other_setup, a, b)
    client.force_login(organiser)
    assert client.get(f"{planning_url(event)}{foreign.pk}/").status_code == 404


def test_planning_list_shows_meetings_with_their_state(client, event, setup, organiser, people):
    first = meet(setup, people[0], people[1])
    meet(setup, people[2], people[3])
    slot = setup.slots.first()
    services.meeting_fix(setup=setup, meeting_id=first.pk, slot_id=slot.pk, table_id=setup.tables.get(number=2).pk,
                         actor=None)
    client.force_login(organiser)
    html = client.get(planning_url(event)).content.decode()
    assert "2 Gesprächstermine, davon 1 eingeplant und 1 von Ihnen festgelegt." in html
    assert people[0].full_name in html and people[3].full_name in html and "festgelegt" in html
    assert f'href="{planning_url(event)}{first.pk}/"' in html
    assert people[0].email not in html
    assert "Alle Gesprächstermine: Zeit und Tisch festlegen" in client.get(
        f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/").content.decode()


def test_organiser_gives_and_frees_a_fixed_table(client, event, setup, organiser, people):
    client.force_login(organiser)
    table = setup.tables.get(number=3)
    response = client.post(planning_url(event), {"aktion": "fester-tisch", "person": people[0].pk, "table": table.pk})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Der feste Tisch ist gespeichert." in html and f"Tisch 3: {people[0].full_name}" in " ".join(html.split())
    # someone else for the same table: German message, nothing changed
    response = client.post(planning_url(event), {"aktion": "fester-tisch", "person": people[1].pk, "table": table.pk})
    assert response.status_code == 400
    assert "ist bereits fest an" in response.content.decode()
    assert MeetingTable.objects.get(pk=table.pk).fixed_profile_id == people[0].pk
    # nothing chosen: the messages next to the fields
    html = client.post(planning_url(event), {"aktion": "fester-tisch"}).content.decode()
    assert "Bitte wählen Sie eine teilnehmende Person." in html and "Bitte wählen Sie einen Tisch." in html
    response = client.post(planning_url(event), {"aktion": "tisch-freigeben", "tisch": table.pk})
    assert response.status_code == 302 and MeetingTable.objects.get(pk=table.pk).fixed_profile_id is None
    assert client.post(planning_url(event), {"aktion": "tisch-freigeben", "tisch": "x"}).status_code == 400


def test_organiser_fixes_releases_and_restricts_a_meeting(client, event, setup, organiser, people):
    a, b, c = people[:3]
    meeting = meet(setup, a, b)
    other = meet(setup, a, c)
    slots = list(setup.slots.all())
    table = setup.tables.get(number=1)
    url = f"{planning_url(event)}{meeting.pk}/"
    client.force_login(organiser)
    assert client.get(url).status_code == 200
    response = client.post(url, {"aktion": "festlegen", "slot": slots[2].pk, "table": table.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.fixed, meeting.slot, meeting.table) == (True, slots[2], table)
    html = client.get(url).content.decode()
    assert "auf diese Zeit und diesen Tisch festgelegt" in html and "Festlegung aufheben" in html
    # the other meeting into the same slot: a is busy; German message, nothing changed
    other_url = f"{planning_url(event)}{other.pk}/"
    response = client.post(other_url, {"aktion": "festlegen", "slot": slots[2].pk, "table": setup.tables.get(number=2).pk})
    html = response.content.decode()
    assert response.status_code == 400 and "bereits einen anderen Gesprächstermin" in html
    assert Meeting.objects.get(pk=other.pk).slot is None
    assert "hat einen anderen Termin" in html  # the slot is listed among the times that do not work
    # a slot of nowhere: the message next to the field
    response = client.post(other_url, {"aktion": "festlegen", "slot": "999999", "table": table.pk})
    assert response.status_code == 400 and "Bitte wählen Sie aus der Liste." in response.content.decode()
    # the session: afternoon refused while fixed in the morning
    morning, afternoon = list(setup.sessions.all())
    response = client.post(url, {"aktion": "sitzung", "session": afternoon.pk})
    assert response.status_code == 400 and "heben Sie zuerst die Festlegung auf" in response.content.decode()
    assert client.post(url, {"aktion": "freigeben"}).status_code == 302
    assert client.post(url, {"aktion": "sitzung", "session": afternoon.pk}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.fixed, meeting.session) == (False, afternoon)
    assert client.post(url, {"aktion": "sitzung", "session": ""}).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).session is None


def test_planning_pages_queries_do_not_grow(client, event, setup, organiser, people, django_assert_max_num_queries):
    client.force_login(organiser)
    first = meet(setup, people[0], people[1])
    services.table_fixed_set(setup=setup, table_id=setup.tables.get(number=1).pk, profile_id=people[0].pk, actor=None)
    detail_url = f"{planning_url(event)}{first.pk}/"
    with CaptureQueriesContext(connection) as small_list:
        assert client.get(planning_url(event)).status_code == 200
    with CaptureQueriesContext(connection) as small_detail:
        assert client.get(detail_url).status_code == 200
    for i in (2, 4):
        meet(setup, people[i], people[i + 1])
        meet(setup, people[0], people[i])
    services.table_fixed_set(setup=setup, table_id=setup.tables.get(number=2).pk, profile_id=people[2].pk, actor=None)
    services.setup_publish(setup=setup, actor=None)
    services.unavailability_set(setup=setup, profile=people[1], slot_ids=list(setup.slots.values_list("pk", flat=True)[4:]))
    with django_assert_max_num_queries(len(small_list)):
        assert client.get(planning_url(event)).status_code == 200
    with django_assert_max_num_queries(len(small_detail)):
        assert client.get(detail_url).status_code == 200


def test_setup_page_lists_what_a_new_planning_moved(client, event, setup, organiser, people):
    a, b = people[:2]
    meeting = meet(setup, a, b)
    services.setup_publish(setup=setup, actor=None)
    meeting.refresh_from_db()
    services.unavailability_set(setup=setup, profile=b, slot_ids=[meeting.slot_id])
    services.schedule_run_request(setup=setup, actor=organiser, time_limit=5)
    services.meeting_schedule_runs_due()
    client.force_login(organiser)
    html = " ".join(client.get(f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/").content.decode().split())
    assert "Verlegte Gesprächstermine" in html
    assert f"{a.full_name} ({a.organisation}) – {b.full_name} ({b.organisation}): von " in html
    assert "10:00 Uhr, Tisch 1 auf " in html and "beide per E-Mail informiert" in html


def test_setup_form_refuses_removing_what_meetings_use_and_changes_nothing(client, event, setup, organiser, people):
    a, b = people[:2]
    meeting = meet(setup, a, b)
    afternoon = list(setup.sessions.all())[1]
    last = setup.slots.last()
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=last.pk, table_id=setup.tables.get(number=3).pk,
                         actor=None)
    client.force_login(organiser)
    day = event.starts_at.astimezone().date().isoformat()
    data = {"enabled": "on", "session_1_date": day, "session_1_start": "10:00", "session_1_end": "11:00",
            "session_2_date": day, "session_2_start": "13:00", "session_2_end": "14:00",
            "slot_minutes": "15", "table_count": "3", "deadline_date": day, "deadline_time": "08:00",
            "max_open_requests": "10", "max_meetings": "4", "aktion": "speichern"}
    url = f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/"
    cases = [
        ({"table_count": "2"}, "Tische mit eingeplanten Gesprächsterminen können nicht entfernt werden: 3."),
        ({"slot_minutes": "20"}, "Zeitslots mit eingeplanten Gesprächsterminen können nicht entfernt werden"),
        ({"session_2_end": "13:45"}, "13:45 Uhr"),  # the fixed meeting's slot would go
    ]
    for change, message in cases:
        response = client.post(url, {**data, **change})
        html = " ".join(response.content.decode().split())
        assert response.status_code == 400 and message in html, change
    services.meeting_release(setup=setup, meeting_id=meeting.pk, actor=None)
    services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=afternoon.pk, actor=None)
    response = client.post(url, {**data, "session_2_date": "", "session_2_start": "", "session_2_end": "",
                                 "max_meetings": "3"})
    html = " ".join(response.content.decode().split())
    assert response.status_code == 400 and "Zeitslots mit eingeplanten" in html  # the slot goes first
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table.number, meeting.session) == (last, 3, afternoon)
    assert setup.slots.count() == 8 and setup.tables.count() == 3 and setup.sessions.count() == 2
