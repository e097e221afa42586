"""Gesprächsbörse on the day: the check-in at the table (by the organiser for both, by each person
for their own meeting), cancelling an agreed meeting before it begins, the live board's and the
check-in page's reads, and how the statistics combine the check-in with the follow-up answers.
Every unhappy path gets its German message and changes nothing."""

import datetime

import pytest
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.network.followup import selectors as followup_selectors
from revier.network.followup import services as followup_services
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.meetings import errors, selectors, services
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest
from tests.factories import EventFactory, UserFactory, make_meeting_setup, make_participant, make_running_meetings

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def event():
    return EventFactory(title="Wasserstoff-Fachtag")


@pytest.fixture
def setup(event):
    return make_meeting_setup(event, tables=2)


@pytest.fixture
def people(event, setup):
    return [make_participant(event, n)[0] for n in range(4)]


@pytest.fixture
def organiser(event):
    user = UserFactory()
    event.managers.add(user)
    return user


def meet(setup, a, b, **kwargs):
    meeting_request = services.request_send(setup=setup, sender=a, recipient_id=b.pk, **kwargs)
    return services.request_accept(meeting_request=meeting_request, profile=b, **kwargs)


@pytest.fixture
def placed(setup, people):
    """A–B published and placed in the first slot (10:00–10:15)."""
    services.setup_publish(setup=setup, actor=None)
    meeting = meet(setup, people[0], people[1])
    meeting.refresh_from_db()
    assert meeting.status == "placed" and meeting.published
    return meeting


def rows(meeting):
    return {row.profile_id: (row.attendance, row.attendance_by_organiser)
            for row in MeetingParticipant.objects.filter(meeting=meeting)}


def started(meeting):
    return Meeting.objects.get(pk=meeting.pk).slot.starts_at + MINUTE


# --- the check-in's outcome ---------------------------------------------------------------------


@pytest.mark.parametrize("attendances, outcome", [
    (["", ""], ""),
    (["held", ""], "held"),
    (["held", "held"], "held"),
    (["", "no_show"], "no_show"),
    (["no_show", "no_show"], "no_show"),
    (["held", "no_show"], "conflict"),
])
def test_meeting_outcome_from_the_two_rows(attendances, outcome):
    assert selectors.meeting_outcome(attendances) == outcome


# --- the organiser's check-in -------------------------------------------------------------------


def test_organiser_records_held_for_both_with_an_audit_entry(placed, organiser, people):
    now = started(placed)
    services.meeting_attendance_record(meeting=placed, attendance="held", actor=organiser, now=now)
    assert rows(placed) == {people[0].pk: ("held", True), people[1].pk: ("held", True)}
    assert set(MeetingParticipant.objects.filter(meeting=placed).values_list("attendance_at", flat=True)) == {now}
    entry = AuditEntry.objects.get(action="meeting_attendance_recorded")
    assert entry.actor == organiser and entry.data == {"attendance": "held", "before": ["", ""]}


def test_organiser_records_the_same_again_and_nothing_changes(placed, organiser):
    now = started(placed)
    services.meeting_attendance_record(meeting=placed, attendance="no_show", actor=organiser, now=now)
    services.meeting_attendance_record(meeting=placed, attendance="no_show", actor=organiser, now=now + MINUTE)
    assert AuditEntry.objects.filter(action="meeting_attendance_recorded").count() == 1
    assert set(MeetingParticipant.objects.filter(meeting=placed).values_list("attendance_at", flat=True)) == {now}


def test_organiser_corrects_afterwards_also_after_the_event(placed, organiser, event, people):
    services.meeting_attendance_record(meeting=placed, attendance="no_show", actor=organiser, now=started(placed))
    later = event.ends_at + datetime.timedelta(days=3)
    services.meeting_attendance_record(meeting=placed, attendance="held", actor=organiser, now=later)
    assert rows(placed) == {people[0].pk: ("held", True), people[1].pk: ("held", True)}
    assert AuditEntry.objects.filter(action="meeting_attendance_recorded").count() == 2


def test_organiser_record_overrides_the_peoples_own(placed, organiser, people):
    now = started(placed)
    services.meeting_attendance_report(meeting=placed, profile=people[0], attendance="no_show", now=now)
    services.meeting_attendance_record(meeting=placed, attendance="held", actor=organiser, now=now + MINUTE)
    assert rows(placed) == {people[0].pk: ("held", True), people[1].pk: ("held", True)}


def test_organiser_check_in_refused_before_the_slot_begins(placed, organiser):
    slot = Meeting.objects.get(pk=placed.pk).slot
    with pytest.raises(errors.CheckInTooEarly) as raised:
        services.meeting_attendance_record(meeting=placed, attendance="held", actor=organiser,
                                           now=slot.starts_at - MINUTE)
    assert "noch nicht begonnen" in str(raised.value.message) and "10:00 Uhr" in str(raised.value.message)
    assert set(rows(placed).values()) == {("", False)}
    assert not AuditEntry.objects.filter(action="meeting_attendance_recorded").exists()


def test_organiser_check_in_refused_for_a_meeting_not_published(setup, people, organiser):
    meeting = meet(setup, people[0], people[1])  # accepted before publishing: not placed yet
    with pytest.raises(errors.NotPublished) as raised:
        services.meeting_attendance_record(meeting=meeting, attendance="held", actor=organiser,
                                           now=setup.event.ends_at)
    assert "veröffentlicht" in str(raised.value.message)
    assert set(rows(meeting).values()) == {("", False)}


def test_organiser_check_in_refused_for_someone_not_managing_the_event(placed):
    for actor in (UserFactory(), None):
        with pytest.raises(errors.NotOrganiser) as raised:
            services.meeting_attendance_record(meeting=placed, attendance="held", actor=actor, now=started(placed))
        assert "Veranstaltenden" in str(raised.value.message)
    assert set(rows(placed).values()) == {("", False)}


def test_check_in_refuses_another_outcome(placed, organiser, people):
    for attendance in ("", "cancelled", "HELD"):
        with pytest.raises(errors.InvalidInput):
            services.meeting_attendance_record(meeting=placed, attendance=attendance, actor=organiser,
                                               now=started(placed))
        with pytest.raises(errors.InvalidInput):
            services.meeting_attendance_report(meeting=placed, profile=people[0], attendance=attendance,
                                               now=started(placed))
    assert set(rows(placed).values()) == {("", False)}


# --- the people's own check-in ------------------------------------------------------------------


def test_partner_records_that_the_other_did_not_show_up(placed, people):
    now = started(placed)
    services.meeting_attendance_report(meeting=placed, profile=people[1], attendance="no_show", now=now)
    assert rows(placed) == {people[0].pk: ("", False), people[1].pk: ("no_show", False)}
    assert selectors.meeting_outcome(a for a, _by in rows(placed).values()) == "no_show"
    entry = AuditEntry.objects.get(action="meeting_attendance_reported")
    assert entry.actor is None and entry.data == {"profile": people[1].pk, "attendance": "no_show", "before": ""}
    # Changed until the event ends; the same again changes nothing.
    services.meeting_attendance_report(meeting=placed, profile=people[1], attendance="held", now=now + MINUTE)
    services.meeting_attendance_report(meeting=placed, profile=people[1], attendance="held", now=now + 2 * MINUTE)
    assert rows(placed)[people[1].pk] == ("held", False)
    assert AuditEntry.objects.filter(action="meeting_attendance_reported").count() == 2


def test_own_check_in_refused_for_someone_elses_meeting(placed, people):
    with pytest.raises(errors.NotYourMeeting) as raised:
        services.meeting_attendance_report(meeting=placed, profile=people[2], attendance="held", now=started(placed))
    assert "nicht einer Ihrer" in str(raised.value.message)
    assert set(rows(placed).values()) == {("", False)}


def test_own_check_in_refused_before_the_start_after_the_event_and_after_the_organiser(placed, people, organiser,
                                                                                       event):
    slot = Meeting.objects.get(pk=placed.pk).slot
    with pytest.raises(errors.CheckInTooEarly):
        services.meeting_attendance_report(meeting=placed, profile=people[0], attendance="held",
                                           now=slot.starts_at - MINUTE)
    with pytest.raises(errors.CheckInClosed) as raised:
        services.meeting_attendance_report(meeting=placed, profile=people[0], attendance="held", now=event.ends_at)
    assert "Nachbereitung" in str(raised.value.message)
    assert set(rows(placed).values()) == {("", False)}
    services.meeting_attendance_record(meeting=placed, attendance="held", actor=organiser, now=slot.starts_at)
    with pytest.raises(errors.RecordedByOrganiser) as raised:
        services.meeting_attendance_report(meeting=placed, profile=people[1], attendance="no_show",
                                           now=slot.starts_at + MINUTE)
    assert "bereits" in str(raised.value.message)
    assert rows(placed)[people[1].pk] == ("held", True)


# --- cancelling an agreed meeting ---------------------------------------------------------------


def test_cancel_frees_slot_table_and_limit_and_mails_the_other(setup, people, placed):
    a, b, c, _d = people
    slot_id, table_id = placed.slot_id, placed.table_id
    meeting_request = placed.request
    OutboxMail.objects.all().delete()
    now = Meeting.objects.get(pk=placed.pk).slot.starts_at - MINUTE
    result = services.meeting_cancel(meeting_request=meeting_request, profile=b, now=now)
    assert result.status == "cancelled" and result.closed_at == now
    assert not Meeting.objects.filter(pk=placed.pk).exists()
    assert not MeetingParticipant.objects.filter(meeting_id=placed.pk).exists()
    mails = list(OutboxMail.objects.all())
    assert [mail.to for mail in mails] == [[a.email]]
    assert "abgesagt" in mails[0].subject and b.full_name in mails[0].body_text and "Tisch: 1" in mails[0].body_text
    entry = AuditEntry.objects.get(action="meeting_cancelled")
    assert entry.data["by"] == b.pk and entry.data["meeting"] == placed.pk
    # The freed slot and table take the next meeting; the pair may ask again.
    again = meet(setup, a, c)
    again.refresh_from_db()
    assert (again.slot_id, again.table_id) == (slot_id, table_id)
    assert meet(setup, b, a).request.status == "accepted"


def test_cancel_releases_the_meeting_limit(event, people):
    setup = make_meeting_setup(event, tables=3, max_meetings=1)
    a, b, c, _d = people
    meeting = meet(setup, a, b)
    waiting = services.request_send(setup=setup, sender=c, recipient_id=a.pk)
    with pytest.raises(errors.TooManyMeetingsSelf):
        services.request_accept(meeting_request=waiting, profile=a)
    services.meeting_cancel(meeting_request=meeting.request, profile=a)
    assert services.request_accept(meeting_request=waiting, profile=a).pk


def test_cancel_moves_a_waiting_meeting_into_the_freed_place(event, people):
    """After publishing, a meeting that found no place waits; a cancellation gives it the place."""
    setup = make_meeting_setup(event, sessions=((10, 0, 10, 15),), tables=1, max_meetings=1)
    a, b, c, d = people
    services.setup_publish(setup=setup, actor=None)
    first = meet(setup, a, b)
    waiting = meet(setup, c, d)
    assert Meeting.objects.get(pk=waiting.pk).status == "unplaced"
    OutboxMail.objects.all().delete()
    services.meeting_cancel(meeting_request=first.request, profile=a)
    waiting.refresh_from_db()
    assert waiting.status == "placed" and waiting.table.number == 1
    assert sorted(m.to[0] for m in OutboxMail.objects.all()) == sorted([b.email, c.email, d.email])


def test_cancel_a_meeting_not_planned_yet(setup, people):
    meeting = meet(setup, people[0], people[1])
    services.meeting_cancel(meeting_request=meeting.request, profile=people[0])
    assert not Meeting.objects.exists() and MeetingRequest.objects.get().status == "cancelled"


def test_cancel_twice_someone_elses_too_late_or_not_agreed_changes_nothing(setup, people, placed):
    a, b, c, d = people
    slot = Meeting.objects.get(pk=placed.pk).slot
    with pytest.raises(errors.NotYourMeeting):
        services.meeting_cancel(meeting_request=placed.request, profile=c, now=slot.starts_at - MINUTE)
    with pytest.raises(errors.TooLateToCancel) as raised:
        services.meeting_cancel(meeting_request=placed.request, profile=a, now=slot.starts_at)
    assert "nicht mehr abgesagt" in str(raised.value.message)
    pending = services.request_send(setup=setup, sender=c, recipient_id=d.pk)
    with pytest.raises(errors.NotAgreed):
        services.meeting_cancel(meeting_request=pending, profile=c)
    assert Meeting.objects.filter(pk=placed.pk).exists() and MeetingParticipant.objects.filter(meeting=placed).count() == 2
    assert MeetingRequest.objects.get(pk=placed.request_id).status == "accepted"
    assert not AuditEntry.objects.filter(action="meeting_cancelled").exists()
    services.meeting_cancel(meeting_request=placed.request, profile=a, now=slot.starts_at - MINUTE)
    mails = OutboxMail.objects.count()
    with pytest.raises(errors.AlreadyCancelled) as raised:
        services.meeting_cancel(meeting_request=placed.request, profile=b, now=slot.starts_at - MINUTE)
    assert "bereits abgesagt" in str(raised.value.message)
    assert OutboxMail.objects.count() == mails and AuditEntry.objects.filter(action="meeting_cancelled").count() == 1


# --- the organiser's reads ----------------------------------------------------------------------


def test_live_board_shows_the_running_and_the_next_slot_per_table():
    world = make_running_meetings()
    (a, _t), (b, _t2), (c, _t3), (d, _t4) = world["people"]
    board = selectors.live_board(setup=world["setup"])
    assert board.current.slot == world["slots"][1] and board.following.slot == world["slots"][2]
    assert [entry.table.number for entry in board.current.entries] == [1, 2, 3]
    people = [[row.profile for row in entry.people] for entry in board.current.entries]
    assert people == [[a, c], [b, d], []]
    assert board.current.meetings == 2 and board.current.recorded == 0
    assert [[row.profile for row in entry.people] for entry in board.following.entries][0] == [a, d]
    # Before the first slot: nothing runs, the first is next; after the last: neither.
    early = selectors.live_board(setup=world["setup"], now=world["start"] - MINUTE)
    assert early.current is None and early.following.slot == world["slots"][0]
    late = selectors.live_board(setup=world["setup"], now=world["slots"][-1].ends_at)
    assert late.current is None and late.following is None and late.slots == 6


def test_slot_check_in_chooses_the_running_slot_and_shows_the_outcome():
    world = make_running_meetings()
    a = world["people"][0][0]
    services.meeting_attendance_report(meeting=world["meetings"]["ac"], profile=a, attendance="held")
    check_in = selectors.slot_check_in(setup=world["setup"], slot_id=None)
    assert check_in.board.slot == world["slots"][1] and check_in.started
    assert check_in.previous == world["slots"][0] and check_in.following == world["slots"][2]
    assert [(entry.table.number, entry.outcome) for entry in check_in.board.entries] == [(1, "held"), (2, "")]
    chosen = selectors.slot_check_in(setup=world["setup"], slot_id=world["slots"][2].pk)
    assert chosen.board.slot == world["slots"][2] and not chosen.started
    # A slot of another setup is not chosen: the running one is shown.
    assert selectors.slot_check_in(setup=world["setup"], slot_id=10**9).board.slot == world["slots"][1]


def test_participant_page_says_what_can_be_checked_in_and_cancelled():
    world = make_running_meetings()
    a = world["people"][0][0]
    page = selectors.participant_page_get(setup=world["setup"], profile=a)
    flags = {row.meeting.pk: (row.can_check_in, row.can_cancel) for row in page.meetings}
    meetings = world["meetings"]
    assert flags == {meetings["ab"].pk: (True, False), meetings["ac"].pk: (True, False),
                     meetings["ad"].pk: (False, True)}


# --- the statistics -----------------------------------------------------------------------------


def test_statistics_check_in_decides_where_present_else_the_answers(event, people, organiser):
    """ab: the check-in says no-show, an answer says held → no-show (the check-in decides).
    ac: the two people's check-in contradicts → the answers decide (held).
    bd: no check-in, an answer says cancelled → cancelled. cd: cancelled before it began."""
    a, b, c, d = people
    setup = make_meeting_setup(event, tables=3)
    services.setup_publish(setup=setup, actor=None)
    ab, ac, bd, cd = meet(setup, a, b), meet(setup, a, c), meet(setup, b, d), meet(setup, c, d)
    services.meeting_cancel(meeting_request=cd.request, profile=c)
    late = max(Meeting.objects.filter(setup=setup).values_list("slot__ends_at", flat=True))
    services.meeting_attendance_record(meeting=ab, attendance="no_show", actor=organiser, now=late)
    services.meeting_attendance_report(meeting=ac, profile=a, attendance="held", now=late)
    services.meeting_attendance_report(meeting=ac, profile=c, attendance="no_show", now=late)
    followup_services.followup_invitations_send_due(now=event.ends_at + datetime.timedelta(hours=1))
    answers = {a: [(ab, "yes")], c: [(ac, "yes")], d: [(bd, "cancelled")]}
    for person, items in answers.items():
        followup_services.followup_answers_save(
            invitation=FollowupInvitation.objects.get(setup=setup, profile=person),
            now=event.ends_at + datetime.timedelta(hours=2),
            answers=[followup_services.AnswerInput(meeting_id=m.pk, held=held, cooperation=FollowupAnswer.Cooperation.NO)
                     for m, held in items])
    stats = followup_selectors.followup_statistics(setup=setup)
    assert (stats.accepted, stats.cancelled_before, stats.placed) == (4, 1, 3)
    assert (stats.held, stats.no_shows, stats.cancelled) == (1, 1, 1)
    assert stats.answered == 4


def test_cancelled_meetings_after_now_use_timezone_now(placed, people):
    """Without `now` the services use the current time: a meeting in 30 days can be cancelled."""
    assert Meeting.objects.get(pk=placed.pk).slot.starts_at > timezone.now()
    services.meeting_cancel(meeting_request=placed.request, profile=people[0])
    assert MeetingRequest.objects.get(pk=placed.request_id).status == "cancelled"
