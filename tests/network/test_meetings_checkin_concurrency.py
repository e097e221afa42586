"""On the day under real concurrency (real threads, each with its own connection and transactions,
on whichever database the suite runs: SQLite and PostgreSQL): both people cancelling one meeting at
once cancel it once; a cancellation and acceptances racing for the freed place never put two
meetings at one table and slot; the organiser's check-in and a person's own at the same moment end
with the organiser's record on both rows."""

import datetime

import pytest

from revier.core.models import AuditEntry, OutboxMail
from revier.network.meetings import errors, services
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest
from tests.factories import EventFactory, UserFactory, make_meeting_setup, make_participant
from tests.network.test_meetings_concurrency import _at_once

pytestmark = pytest.mark.django_db(transaction=True)


def meet(setup, a, b):
    return services.request_accept(meeting_request=services.request_send(setup=setup, sender=a, recipient_id=b.pk),
                                   profile=b)


def test_both_cancelling_at_once_cancel_once():
    event = EventFactory()
    setup = make_meeting_setup(event, tables=2)
    a, b = (make_participant(event, n)[0] for n in range(2))
    services.setup_publish(setup=setup, actor=None)
    meeting = meet(setup, a, b)
    mails = OutboxMail.objects.count()
    results, failures = _at_once([
        lambda person=person: services.meeting_cancel(meeting_request=meeting.request, profile=person)
        for person in (a, b)
    ])
    assert len(results) == 1 and len(failures) == 1 and isinstance(failures[0], errors.AlreadyCancelled)
    assert not Meeting.objects.exists() and MeetingRequest.objects.get().status == "cancelled"
    assert OutboxMail.objects.count() == mails + 1
    assert AuditEntry.objects.filter(action="meeting_cancelled").count() == 1


def test_a_cancellation_and_acceptances_racing_for_the_freed_place():
    """One slot, one table, taken by A–B; C–D wait unplaced. A cancels while E and F accept
    requests of their own at the same moment: the one place goes to exactly one meeting."""
    event = EventFactory()
    setup = make_meeting_setup(event, tables=1, sessions=((10, 0, 10, 15),), max_meetings=1)
    a, b, c, d, e, f, g, h = (make_participant(event, n)[0] for n in range(8))
    services.setup_publish(setup=setup, actor=None)
    first = meet(setup, a, b)
    meet(setup, c, d)  # waits: no free place
    pending = [services.request_send(setup=setup, sender=x, recipient_id=y.pk) for x, y in ((e, f), (g, h))]
    calls = [lambda: services.meeting_cancel(meeting_request=first.request, profile=a)]
    calls += [lambda r=r: services.request_accept(meeting_request=r, profile=r.recipient) for r in pending]
    results, failures = _at_once(calls)
    assert failures == [] and len(results) == 3
    placed = list(Meeting.objects.filter(status=Meeting.Status.PLACED).values_list("slot_id", "table_id"))
    assert len(placed) == 1 == len(set(placed))
    assert Meeting.objects.filter(status=Meeting.Status.UNPLACED).count() == 2
    slots = list(MeetingParticipant.objects.exclude(slot=None).values_list("profile_id", "slot_id"))
    assert len(slots) == 2 == len(set(slots))


def test_organiser_and_person_checking_in_at_once_end_with_the_organisers_record():
    event = EventFactory()
    setup = make_meeting_setup(event, tables=2)
    a, b = (make_participant(event, n)[0] for n in range(2))
    organiser = UserFactory()
    event.managers.add(organiser)
    services.setup_publish(setup=setup, actor=None)
    meeting = meet(setup, a, b)
    now = Meeting.objects.get(pk=meeting.pk).slot.starts_at + datetime.timedelta(minutes=1)
    results, failures = _at_once([
        lambda: services.meeting_attendance_record(meeting=meeting, attendance="held", actor=organiser, now=now),
        lambda: services.meeting_attendance_report(meeting=meeting, profile=a, attendance="no_show", now=now),
    ])
    assert all(isinstance(failure, errors.RecordedByOrganiser) for failure in failures) and len(results) >= 1
    rows = set(MeetingParticipant.objects.filter(meeting=meeting).values_list("attendance", "attendance_by_organiser"))
    assert rows == {("held", True)}
