"""The organiser's planning by hand (issue 10, section 3): fixed tables, meetings fixed to a slot and
table or released, the restriction to a session, what a new "Alle einplanen" moves (report and
mails), and changes of the setup that would pull a slot, table or session from under a meeting."""

import pytest

from revier.core.models import AuditEntry, OutboxMail
from revier.network.meetings import errors, services
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingTable, ScheduleRun
from tests.factories import EventFactory, make_meeting_setup, make_participant, meeting_setup_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(title="Photonik-Messe")


@pytest.fixture
def setup(event):
    # two sessions of four slots each (10:00–11:00, 13:00–14:00), three tables
    return make_meeting_setup(event, sessions=((10, 0, 11, 0), (13, 0, 14, 0)), max_meetings=4)


@pytest.fixture
def people(event, setup):
    return [make_participant(event, n)[0] for n in range(4)]


def meet(setup, a, b):
    meeting_request = services.request_send(setup=setup, sender=a, recipient_id=b.pk)
    return services.request_accept(meeting_request=meeting_request, profile=b)


def mails_to(profile):
    return [mail for mail in OutboxMail.objects.order_by("id") if profile.email in mail.to]


def run_planning(setup):
    services.schedule_run_request(setup=setup, actor=None, time_limit=5)
    assert services.meeting_schedule_runs_due() == 1
    run = ScheduleRun.objects.filter(setup=setup).first()
    assert run.status == "done", run.error
    return run


def table(setup, number):
    return setup.tables.get(number=number)


# --- fixed tables -------------------------------------------------------------------------------


def test_table_fixed_set_gives_one_table_per_person_and_frees_it(setup, people):
    a = people[0]
    services.table_fixed_set(setup=setup, table_id=table(setup, 2).pk, profile_id=a.pk, actor=None)
    services.table_fixed_set(setup=setup, table_id=table(setup, 3).pk, profile_id=a.pk, actor=None)
    assert list(MeetingTable.objects.filter(fixed_profile=a).values_list("number", flat=True)) == [3]
    services.table_fixed_set(setup=setup, table_id=table(setup, 3).pk, profile_id=None, actor=None)
    assert not MeetingTable.objects.filter(fixed_profile=a).exists()
    assert AuditEntry.objects.filter(action="meeting_table_fixed").count() == 2
    assert AuditEntry.objects.filter(action="meeting_table_freed").count() == 1


def test_table_fixed_set_refuses_a_taken_table_and_outsiders(event, setup, people):
    a, b = people[:2]
    services.table_fixed_set(setup=setup, table_id=table(setup, 1).pk, profile_id=a.pk, actor=None)
    with pytest.raises(errors.PlanningRefused) as info:
        services.table_fixed_set(setup=setup, table_id=table(setup, 1).pk, profile_id=b.pk, actor=None)
    assert "bereits fest" in info.value.message and a.full_name in info.value.message
    other_setup = make_meeting_setup(EventFactory())
    with pytest.raises(errors.PlanningRefused):
        services.table_fixed_set(setup=setup, table_id=other_setup.tables.first().pk, profile_id=b.pk, actor=None)
    outsider = make_participant(EventFactory(), 9)[0]
    with pytest.raises(errors.PlanningRefused) as info:
        services.table_fixed_set(setup=setup, table_id=table(setup, 2).pk, profile_id=outsider.pk, actor=None)
    assert "Teilnehmende" in info.value.message
    assert table(setup, 1).fixed_profile_id == a.pk and table(setup, 2).fixed_profile_id is None


def test_planning_puts_a_fixed_table_owner_at_their_table(setup, people):
    a, b, c = people[:3]
    services.table_fixed_set(setup=setup, table_id=table(setup, 3).pk, profile_id=a.pk, actor=None)
    first, second = meet(setup, a, b), meet(setup, a, c)
    run_planning(setup)
    assert {m.table.number for m in Meeting.objects.filter(pk__in=[first.pk, second.pk])} == {3}


# --- fixed meetings -----------------------------------------------------------------------------


def test_meeting_fix_places_it_and_planning_keeps_it(setup, people):
    a, b, c = people[:3]
    meeting = meet(setup, a, b)
    meet(setup, a, c)
    last = list(setup.slots.all())[-1]
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=last.pk, table_id=table(setup, 2).pk, actor=None)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot, meeting.table.number, meeting.fixed) == ("placed", last, 2, True)
    assert set(MeetingParticipant.objects.filter(meeting=meeting).values_list("slot_id", flat=True)) == {last.pk}
    run = run_planning(setup)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table.number) == (last, 2) and run.report["moves"] == []
    services.meeting_release(setup=setup, meeting_id=meeting.pk, actor=None)
    meeting.refresh_from_db()
    assert not meeting.fixed and meeting.slot == last  # released: stays until the next planning
    assert AuditEntry.objects.filter(action__in=["meeting_fixed", "meeting_released"]).count() == 2


def test_meeting_fix_refuses_what_is_in_the_way(setup, people):
    a, b, c, d = people
    first, second = meet(setup, a, b), meet(setup, c, d)
    third = meet(setup, a, c)
    slots = list(setup.slots.all())
    services.meeting_fix(setup=setup, meeting_id=first.pk, slot_id=slots[0].pk, table_id=table(setup, 1).pk, actor=None)

    def refused(meeting, slot, number, words):
        with pytest.raises(errors.PlanningRefused) as info:
            services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=slot.pk,
                                 table_id=table(setup, number).pk, actor=None)
        for word in words:
            assert word in info.value.message
        return info.value.message

    refused(second, slots[0], 1, ["Tisch 1", "bereits belegt", a.full_name])  # table taken in the slot
    refused(third, slots[0], 2, [a.full_name, "bereits einen anderen Gesprächstermin"])  # a is busy
    services.unavailability_set(setup=setup, profile=d, slot_ids=[slots[1].pk])
    refused(second, slots[1], 2, [d.full_name, "nicht verfügbar"])
    services.table_fixed_set(setup=setup, table_id=table(setup, 3).pk, profile_id=b.pk, actor=None)
    refused(second, slots[2], 3, ["Tisch 3", "fest", b.full_name])  # fixed for someone else
    refused(first, slots[2], 2, [b.full_name, "festen Tisch 3"])  # b must meet at their own table
    other = make_meeting_setup(EventFactory())
    with pytest.raises(errors.PlanningRefused):
        services.meeting_fix(setup=setup, meeting_id=second.pk, slot_id=other.slots.first().pk,
                             table_id=table(setup, 2).pk, actor=None)
    with pytest.raises(errors.PlanningRefused):
        services.meeting_fix(setup=other, meeting_id=second.pk, slot_id=other.slots.first().pk,
                             table_id=other.tables.first().pk, actor=None)
    second.refresh_from_db(), first.refresh_from_db()
    assert (second.status, second.fixed) == ("unplaced", False)
    assert (first.slot, first.table.number) == (slots[0], 1)


def test_meeting_fix_after_publishing_mails_both_the_new_place(setup, people):
    a, b = people[:2]
    meeting = meet(setup, a, b)
    services.setup_publish(setup=setup, actor=None)
    meeting.refresh_from_db()
    last = list(setup.slots.all())[-1]
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=last.pk, table_id=table(setup, 3).pk, actor=None)
    for person in (a, b):
        mail = mails_to(person)[-1]
        assert mail.subject.startswith("Ihr Gesprächstermin wurde verlegt")
        assert "Vorher:" in mail.body_text and "13:45" in mail.body_text and "Tisch 3" in mail.body_text


# --- session restriction ------------------------------------------------------------------------


def test_session_restriction_is_honoured_by_planning_and_placing(setup, people):
    a, b, c = people[:3]
    afternoon = list(setup.sessions.all())[1]
    meeting = meet(setup, a, b)
    services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=afternoon.pk, actor=None)
    run_planning(setup)
    meeting.refresh_from_db()
    assert meeting.slot.session_id == afternoon.pk
    # placing at once after publishing honours it too
    services.setup_publish(setup=setup, actor=None)
    later_request = services.request_send(setup=setup, sender=a, recipient_id=c.pk)
    later = Meeting.objects.get(pk=services.request_accept(meeting_request=later_request, profile=c).pk)
    assert later.slot.session_id != afternoon.pk  # free: the morning's first slot
    services.meeting_release(setup=setup, meeting_id=later.pk, actor=None)
    services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=None, actor=None)
    assert Meeting.objects.get(pk=meeting.pk).session is None


def test_session_restriction_refuses_a_fixed_meeting_elsewhere(setup, people):
    a, b = people[:2]
    morning, afternoon = list(setup.sessions.all())
    meeting = meet(setup, a, b)
    first = list(setup.slots.all())[0]
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=first.pk, table_id=table(setup, 1).pk, actor=None)
    with pytest.raises(errors.PlanningRefused) as info:
        services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=afternoon.pk, actor=None)
    assert "Festlegung" in info.value.message
    services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=morning.pk, actor=None)
    services.meeting_release(setup=setup, meeting_id=meeting.pk, actor=None)
    services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=morning.pk, actor=None)
    with pytest.raises(errors.PlanningRefused) as info:
        services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=list(setup.slots.all())[-1].pk,
                             table_id=table(setup, 1).pk, actor=None)
    assert "Sitzung" in info.value.message


def test_a_session_with_restricted_meetings_cannot_be_removed_but_may_change_its_times(event, setup, people):
    a, b = people[:2]
    afternoon = list(setup.sessions.all())[1]
    meeting = meet(setup, a, b)
    services.meeting_session_set(setup=setup, meeting_id=meeting.pk, session_id=afternoon.pk, actor=None)
    with pytest.raises(errors.SessionInUse) as info:
        services.setup_save(event=event, data=meeting_setup_input(event, sessions=((10, 0, 11, 0),), max_meetings=4),
                            actor=None)
    assert "13:00–14:00" in info.value.message
    assert setup.sessions.count() == 2 and setup.slots.count() == 8
    # the afternoon lengthened keeps its row, and so the restriction
    services.setup_save(event=event, data=meeting_setup_input(event, sessions=((10, 0, 11, 0), (13, 0, 15, 0)),
                                                              max_meetings=4), actor=None)
    assert Meeting.objects.get(pk=meeting.pk).session_id == afternoon.pk and setup.slots.count() == 12


def test_slot_length_change_with_placed_meetings_is_refused_naming_the_slots(event, setup, people):
    a, b = people[:2]
    meeting = meet(setup, a, b)
    first = list(setup.slots.all())[0]
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=first.pk, table_id=table(setup, 1).pk, actor=None)
    with pytest.raises(errors.SlotInUse) as info:
        services.setup_save(event=event, data=meeting_setup_input(event, sessions=((10, 0, 11, 0), (13, 0, 14, 0)),
                                                                  slot_minutes=20, max_meetings=3), actor=None)
    assert "10:00 Uhr" in info.value.message
    assert setup.slots.count() == 8 and Meeting.objects.get(pk=meeting.pk).slot == first


# --- re-planning after publishing -----------------------------------------------------------------


def test_replanning_keeps_published_meetings_and_reports_and_mails_what_moved(setup, people):
    a, b, c, d = people
    first = meet(setup, a, b)
    services.setup_publish(setup=setup, actor=None)
    first.refresh_from_db()
    old_slot = first.slot
    # b can no longer attend the published slot: the meeting must move
    services.unavailability_set(setup=setup, profile=b, slot_ids=[old_slot.pk])
    second = meet(setup, c, d)  # published at once, stays
    second.refresh_from_db()
    before = len(mails_to(a)), len(mails_to(c))
    run = run_planning(setup)
    first.refresh_from_db()
    assert first.slot != old_slot and first.status == "placed"
    assert Meeting.objects.get(pk=second.pk).slot == second.slot
    assert run.report["moves"] == [{
        "meeting": first.pk, "from": [old_slot.starts_at.isoformat(), 1],
        "to": [first.slot.starts_at.isoformat(), first.table.number], "published": True,
    }]
    assert len(mails_to(a)) == before[0] + 1 and len(mails_to(c)) == before[1]  # one mail each, only the moved
    assert mails_to(b)[-1].subject.startswith("Ihr Gesprächstermin wurde verlegt")
    from revier.network.meetings import selectors

    view = selectors.schedule_run_latest(setup=setup)
    (move,) = view.moves
    assert a.full_name in move.people and b.full_name in move.people
    assert move.before.endswith("Uhr, Tisch 1") and move.after.endswith(f"Tisch {first.table.number}")


def test_replanning_mails_a_published_meeting_that_lost_its_place(setup, people):
    a, b = people[:2]
    meeting = meet(setup, a, b)
    services.setup_publish(setup=setup, actor=None)
    services.unavailability_set(setup=setup, profile=a, slot_ids=list(setup.slots.values_list("pk", flat=True)))
    run = run_planning(setup)
    meeting.refresh_from_db()
    assert meeting.status == "unplaced" and run.report["moves"][0]["to"] is None
    assert run.report["unplaced"][0]["reason"].startswith("Keine gemeinsame freie Zeit")
    assert "keine Zeit" in mails_to(b)[-1].body_text


# --- the solver: a meeting's fixed table (exchange format and schedule) ----------------------------


def test_solver_keeps_a_meetings_fixed_table_and_the_format_checks_it():
    from revier.network import scheduling

    data = {"slots": [{"id": 1, "session": "am"}, {"id": 2, "session": "am"}], "tables": 3,
            "participants": [{"id": 1}, {"id": 2}, {"id": 3}],
            "meetings": [{"id": 1, "participants": [1, 2], "fixed_slot": 2, "fixed_table": 3},
                         {"id": 2, "participants": [1, 3]}]}
    schedule = scheduling.schedule_meetings(scheduling.instance_from_json(data), time_limit=5, workers=1)
    placed = {p.meeting: (p.slot, p.table) for p in schedule.placements}
    assert placed[1] == (2, 3) and placed[2][0] == 1
    for meeting, message in (({"fixed_table": 4, "fixed_slot": 1}, "gibt es nicht"),
                             ({"fixed_table": 1}, "keinen festen Zeitslot")):
        bad = {**data, "meetings": [{"id": 1, "participants": [1, 2], **meeting}]}
        with pytest.raises(scheduling.InstanceError) as info:
            scheduling.instance_from_json(bad)
        assert message in str(info.value)


def test_solver_gives_a_fixed_table_to_others_only_when_no_other_is_free():
    from revier.network import scheduling

    data = {"slots": [{"id": 1, "session": "am"}], "tables": 2,
            "participants": [{"id": 1, "fixed_table": 1}, {"id": 2}, {"id": 3}, {"id": 4}, {"id": 5}],
            "meetings": [{"id": 1, "participants": [2, 3]}]}
    schedule = scheduling.schedule_meetings(scheduling.instance_from_json(data), time_limit=5, workers=1)
    assert [(p.meeting, p.table) for p in schedule.placements] == [(1, 2)]
    data["meetings"].append({"id": 2, "participants": [4, 5]})
    schedule = scheduling.schedule_meetings(scheduling.instance_from_json(data), time_limit=5, workers=1)
    assert sorted(p.table for p in schedule.placements) == [1, 2]  # the slot is full: both tables used


def test_unplaced_reasons_name_sessions_and_slots_by_their_times(setup, people):
    a, b, c = people[:3]
    afternoon = list(setup.sessions.all())[1]
    restricted = meet(setup, a, b)
    services.meeting_session_set(setup=setup, meeting_id=restricted.pk, session_id=afternoon.pk, actor=None)
    afternoon_slots = list(afternoon.slots.values_list("pk", flat=True))
    services.unavailability_set(setup=setup, profile=b, slot_ids=afternoon_slots)
    # c can only meet a at 10:00, where a's other meeting is fixed
    busy = meet(setup, a, c)
    first = setup.slots.first()
    services.unavailability_set(setup=setup, profile=c, slot_ids=[s.pk for s in setup.slots.all() if s != first])
    other = meet(setup, a, people[3])
    services.meeting_fix(setup=setup, meeting_id=other.pk, slot_id=first.pk, table_id=table(setup, 1).pk, actor=None)
    run = run_planning(setup)
    reasons = {item["meeting"]: item["reason"] for item in run.report["unplaced"]}
    assert "in der Sitzung „" in reasons[restricted.pk] and "13:00–14:00 Uhr“" in reasons[restricted.pk]
    assert "(" in reasons[busy.pk] and "10:00 Uhr)" in reasons[busy.pk]


def test_table_fixed_set_refuses_a_table_with_fixed_meetings_of_others(setup, people):
    a, b, c = people[:3]
    meeting = meet(setup, a, b)
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=setup.slots.first().pk,
                         table_id=table(setup, 2).pk, actor=None)
    with pytest.raises(errors.PlanningRefused) as info:
        services.table_fixed_set(setup=setup, table_id=table(setup, 2).pk, profile_id=c.pk, actor=None)
    assert "Tisch 2" in info.value.message and b.full_name in info.value.message
    services.table_fixed_set(setup=setup, table_id=table(setup, 2).pk, profile_id=a.pk, actor=None)  # a's own
    assert table(setup, 2).fixed_profile_id == a.pk
