"""Placing meetings under real concurrency: people accepting at the same moment after publishing
never get the same table and slot, and nobody gets two meetings in one slot. Real threads, each
with its own connection and transactions, on whichever database the suite runs (SQLite and
PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from revier.network.meetings import errors, services
from revier.network.meetings.models import Meeting, MeetingParticipant
from tests.factories import EventFactory, make_meeting_setup, make_participant

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls):
    start = threading.Barrier(len(calls))
    results, failures, lock = [], [], threading.Lock()

    def run(call):
        try:
            start.wait(timeout=10)
            outcome = call()
            with lock:
                results.append(outcome)
        except Exception as error:  # noqa: BLE001 – asserted below
            with lock:
                failures.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        list(pool.map(run, calls))
    return results, failures


def _accept(meeting_request):
    return lambda: services.request_accept(meeting_request=meeting_request, profile=meeting_request.recipient)


def test_concurrent_accepts_never_share_a_table_and_slot():
    event = EventFactory()
    setup = make_meeting_setup(event, tables=2, sessions=((10, 0, 11, 0),), max_meetings=4)  # 4 slots × 2 tables
    people = [make_participant(event, n)[0] for n in range(20)]
    services.setup_publish(setup=setup, actor=None)
    requests = [services.request_send(setup=setup, sender=people[2 * i], recipient_id=people[2 * i + 1].pk)
                for i in range(10)]
    results, failures = _at_once([_accept(r) for r in requests])
    assert failures == [] and len(results) == 10
    placed = list(Meeting.objects.filter(status=Meeting.Status.PLACED).values_list("slot_id", "table_id"))
    assert len(placed) == 8 == len(set(placed))  # every table of every slot once, two left unplaced
    assert Meeting.objects.filter(status=Meeting.Status.UNPLACED).count() == 2


def test_concurrent_accepts_of_one_person_never_put_them_twice_in_a_slot():
    event = EventFactory()
    setup = make_meeting_setup(event, tables=10, sessions=((10, 0, 11, 30),), max_meetings=6)
    host, *guests = [make_participant(event, n)[0] for n in range(7)]
    services.setup_publish(setup=setup, actor=None)
    requests = [services.request_send(setup=setup, sender=host, recipient_id=guest.pk) for guest in guests]
    results, failures = _at_once([_accept(r) for r in requests])
    assert failures == [] and len(results) == 6
    host_slots = list(MeetingParticipant.objects.filter(profile=host).values_list("slot_id", flat=True))
    assert None not in host_slots and len(set(host_slots)) == 6


def test_concurrent_accepts_respect_the_maximum_of_meetings():
    event = EventFactory()
    setup = make_meeting_setup(event, tables=10, max_meetings=2)
    host, *guests = [make_participant(event, n)[0] for n in range(6)]
    requests = [services.request_send(setup=setup, sender=host, recipient_id=guest.pk) for guest in guests]
    results, failures = _at_once([_accept(r) for r in requests])
    assert len(results) == 2 and len(failures) == 3
    assert all(isinstance(failure, errors.TooManyMeetingsOther) for failure in failures)
    assert MeetingParticipant.objects.filter(profile=host).count() == 2
