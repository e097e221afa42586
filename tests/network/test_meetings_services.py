"""Gesprächsbörse services: setup, requests and their answers, placing after publishing, worker
tasks; the unhappy paths with their German errors; the database constraints behind them."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.network import services as profile_services
from revier.network.meetings import errors, selectors, services
from revier.network.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Unavailability,
)
from tests.factories import (
    EventFactory,
    make_meeting_setup,
    make_participant,
    make_profile,
    meeting_setup_input,
)

pytestmark = pytest.mark.django_db
Status = MeetingRequest.Status


@pytest.fixture
def event():
    return EventFactory(title="Wasserstoff-Fachtag")


@pytest.fixture
def setup(event):
    return make_meeting_setup(event)


@pytest.fixture
def people(event, setup):
    return [make_participant(event, n)[0] for n in range(4)]


def mails_to(profile):
    return [mail for mail in OutboxMail.objects.order_by("id") if profile.email in mail.to]


def send(setup, sender, recipient, **kwargs):
    return services.request_send(setup=setup, sender=sender, recipient_id=recipient.pk, **kwargs)


def accept(meeting_request, **kwargs):
    return services.request_accept(meeting_request=meeting_request, profile=meeting_request.recipient, **kwargs)


# --- setup --------------------------------------------------------------------------------------


def test_setup_save_derives_slots_tables_and_default_limit(event, setup):
    slots = list(setup.slots.all())
    assert len(slots) == 8 and slots[0].starts_at == timezone.localtime(event.starts_at).replace(hour=10, minute=0)
    assert all(slot.ends_at - slot.starts_at == datetime.timedelta(minutes=15) for slot in slots)
    assert list(setup.tables.values_list("number", flat=True)) == [1, 2, 3]
    assert setup.max_meetings == 5 < len(slots)
    assert AuditEntry.objects.filter(action="meeting_setup_created").count() == 1


def test_setup_save_two_sessions_and_change_keeps_existing_slots(event, setup):
    first = setup.slots.first()
    again = services.setup_save(event=event, data=meeting_setup_input(event, sessions=((10, 0, 12, 0), (13, 30, 14, 30))),
                                actor=None)
    assert again.pk == setup.pk and again.slots.count() == 12 and again.sessions.count() == 2
    assert MeetingSlot.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("kwargs, message", [
    ({"sessions": ((10, 0, 12, 0), (11, 0, 13, 0))}, "überschneiden"),
    ({"max_meetings": 9}, "zwischen 1 und der Zahl der Zeitslots"),
    ({"tables": 0}, "mindestens einen Tisch"),
    ({"slot_minutes": 3}, "zwischen 5 und 240 Minuten"),
])
def test_setup_save_refuses_bad_input(event, kwargs, message):
    with pytest.raises(errors.InvalidInput) as info:
        services.setup_save(event=event, data=meeting_setup_input(event, **kwargs), actor=None)
    assert message in info.value.message


def test_setup_deadline_must_be_before_the_first_session(event):
    late = timezone.localtime(event.starts_at).replace(hour=11)
    with pytest.raises(errors.InvalidInput, match="vor dem Beginn"):
        services.setup_save(event=event, data=meeting_setup_input(event, deadline=late), actor=None)


def test_setup_refuses_removing_a_slot_or_table_with_a_planned_meeting(event, setup, people):
    a, b = people[:2]
    accept(send(setup, a, b))
    services.setup_publish(setup=setup, actor=None)
    with pytest.raises(errors.SlotInUse):
        services.setup_save(event=event, data=meeting_setup_input(event, sessions=((11, 0, 12, 0),)), actor=None)
    with pytest.raises(errors.TableInUse):
        services.setup_save(event=event, data=meeting_setup_input(event, tables=0 + 1).__class__(
            **{**meeting_setup_input(event).__dict__,
               "tables": (services.TableInput(number=2),)}), actor=None)
    assert setup.slots.count() == 8 and setup.tables.count() == 3


# --- requests -----------------------------------------------------------------------------------


def test_request_send_mails_the_recipient_a_link_and_holds_nothing(setup, people):
    a, b = people[:2]
    meeting_request = send(setup, a, b, message="Elektrolyse?")
    assert meeting_request.status == Status.PENDING and (meeting_request.pair_low, meeting_request.pair_high) == tuple(sorted([a.pk, b.pk]))
    mail = mails_to(b)[-1]
    assert "/netzwerk/gespraechsanfrage/" in mail.body_text and "Elektrolyse?" in mail.body_text
    assert a.email not in mail.body_text  # no contact data before both agreed
    assert AuditEntry.objects.filter(action="meeting_request_sent", object_id=str(meeting_request.pk)).exists()
    assert not Meeting.objects.exists()


def test_request_to_oneself_is_refused(setup, people):
    with pytest.raises(errors.ToOneself, match="selbst"):
        send(setup, people[0], people[0])


@pytest.mark.parametrize("how", ["visibility", "staff"])
def test_request_to_a_hidden_profile_is_refused(setup, people, how):
    a, b = people[:2]
    if how == "visibility":
        profile_services.profile_set_visibility(profile=b, visibility="hidden")
    else:
        profile_services.profile_hide(profile=b, actor=None)
    with pytest.raises(errors.RecipientHidden, match="nicht sichtbar"):
        send(setup, a, b)
    assert not MeetingRequest.objects.exists()


def test_request_to_someone_not_at_the_event_is_refused(event, setup, people):
    outsider, _token = make_profile(50)
    other_event = EventFactory()
    at_other_event, _token = make_participant(other_event, 51)
    for profile in (outsider, at_other_event):
        with pytest.raises(errors.RecipientNotParticipant, match="nimmt nicht"):
            send(setup, people[0], profile)
    with pytest.raises(errors.NotParticipant):
        send(setup, outsider, people[0])


def test_duplicate_request_in_either_direction_is_refused(setup, people):
    a, b = people[:2]
    send(setup, a, b)
    with pytest.raises(errors.DuplicateRequest, match="bereits eine offene"):
        send(setup, a, b)
    with pytest.raises(errors.DuplicateRequest):
        send(setup, b, a)
    assert MeetingRequest.objects.count() == 1


def test_after_a_decline_the_pair_may_ask_again(setup, people):
    a, b = people[:2]
    services.request_decline(meeting_request=send(setup, a, b), profile=b)
    assert send(setup, b, a).status == Status.PENDING


def test_database_refuses_a_second_open_request_of_a_pair(setup, people):
    a, b = people[:2]
    first = send(setup, a, b)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(setup=setup, sender=b, recipient=a, pair_low=first.pair_low,
                                      pair_high=first.pair_high, created_at=timezone.now())


def test_request_after_the_deadline_is_refused(setup, people):
    with pytest.raises(errors.DeadlinePassed, match="Frist"):
        send(setup, people[0], people[1], now=setup.request_deadline)


def test_request_beyond_the_maximum_of_open_requests_is_refused(event, people):
    setup = make_meeting_setup(event, max_open_requests=2)
    send(setup, people[0], people[1])
    send(setup, people[0], people[2])
    with pytest.raises(errors.TooManyOpenRequests, match="2 offene Anfragen"):
        send(setup, people[0], people[3])


def test_request_when_disabled_or_too_long_is_refused(event, people):
    setup = make_meeting_setup(event, enabled=False)
    with pytest.raises(errors.NotEnabled):
        send(setup, people[0], people[1])
    setup = make_meeting_setup(event)
    with pytest.raises(errors.InvalidInput, match="höchstens 500 Zeichen"):
        send(setup, people[0], people[1], message="x" * 501)


# --- answers ------------------------------------------------------------------------------------


def test_accept_makes_a_meeting_and_mails_both_the_contact_data(setup, people):
    a, b = people[:2]
    meeting = accept(send(setup, a, b))
    assert MeetingRequest.objects.get().status == Status.ACCEPTED
    assert meeting.status == Meeting.Status.UNPLACED and meeting.slot is None
    assert set(meeting.participants.values_list("profile_id", flat=True)) == {a.pk, b.pk}
    assert b.email in mails_to(a)[-1].body_text and a.email in mails_to(b)[-1].body_text
    assert a.phone in mails_to(b)[-1].body_text


def test_accepting_twice_is_refused(setup, people):
    meeting_request = send(setup, people[0], people[1])
    accept(meeting_request)
    with pytest.raises(errors.AlreadyAccepted, match="bereits angenommen"):
        accept(meeting_request)
    assert Meeting.objects.count() == 1


def test_accept_after_the_deadline_is_refused(setup, people):
    meeting_request = send(setup, people[0], people[1])
    with pytest.raises(errors.DeadlinePassed):
        accept(meeting_request, now=setup.request_deadline + datetime.timedelta(minutes=1))
    assert MeetingRequest.objects.get().status == Status.PENDING


def test_only_the_recipient_may_accept(setup, people):
    meeting_request = send(setup, people[0], people[1])
    with pytest.raises(errors.NotYours):
        services.request_accept(meeting_request=meeting_request, profile=people[0])


def test_max_meetings_holds_for_both_sides(event, people):
    setup = make_meeting_setup(event, max_meetings=1)
    a, b, c, d = people
    accept(send(setup, a, b))
    with pytest.raises(errors.TooManyMeetingsSelf, match="höchstens|Höchstzahl"):
        services.request_accept(meeting_request=send(setup, c, b), profile=b)  # b answers: b is full
    with pytest.raises(errors.TooManyMeetingsOther):
        services.request_accept(meeting_request=send(setup, a, d), profile=d)  # the sender a is full
    assert Meeting.objects.count() == 1


def test_decline_and_withdraw(setup, people):
    a, b, c = people[:3]
    declined = services.request_decline(meeting_request=send(setup, a, b), profile=b)
    assert declined.status == Status.DECLINED and "abgelehnt" in mails_to(a)[-1].body_text
    withdrawn = services.request_withdraw(meeting_request=send(setup, a, c), profile=a)
    assert withdrawn.status == Status.WITHDRAWN
    with pytest.raises(errors.AlreadyAnswered):
        accept(withdrawn)
    with pytest.raises(errors.NotYours):
        services.request_withdraw(meeting_request=send(setup, b, c), profile=c)


# --- placing ------------------------------------------------------------------------------------


def test_publish_places_into_the_earliest_common_free_slot(setup, people):
    a, b, c = people[:3]
    slots = list(setup.slots.all())
    services.unavailability_set(setup=setup, profile=b, slot_ids=[slots[0].pk])
    first = accept(send(setup, a, b))
    second = accept(send(setup, a, c))
    send(setup, b, c)  # pending: blocks nothing
    assert services.setup_publish(setup=setup, actor=None) == 2
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.slot, first.table.number, first.published) == (slots[1], 1, True)
    assert (second.slot, second.table.number) == (slots[0], 1)
    assert set(MeetingParticipant.objects.filter(meeting=first).values_list("slot_id", flat=True)) == {slots[1].pk}
    assert "Tisch: 1" in mails_to(b)[-1].body_text


def test_after_publishing_a_new_meeting_is_placed_at_once(setup, people):
    a, b, c, d = people
    services.setup_publish(setup=setup, actor=None)
    first = accept(send(setup, a, b))
    second = accept(send(setup, c, d))
    third = accept(send(setup, a, c))
    slots = list(setup.slots.all())
    for meeting in (first, second, third):
        meeting.refresh_from_db()
    assert (first.slot, first.table.number) == (slots[0], 1)
    assert (second.slot, second.table.number) == (slots[0], 2)  # same slot, next table
    assert third.slot == slots[1]  # a and c are busy in the first slot


def test_a_fixed_table_is_used_for_its_participant(event, setup, people):
    a, b = people[:2]
    data = meeting_setup_input(event)
    data = data.__class__(**{**data.__dict__, "tables": (services.TableInput(number=1),
                                                         services.TableInput(number=2, name="Stand", fixed_profile_id=b.pk))})
    setup = services.setup_save(event=event, data=data, actor=None)
    services.setup_publish(setup=setup, actor=None)
    meeting = accept(send(setup, a, b))
    meeting.refresh_from_db()
    assert meeting.table.number == 2


def test_no_common_free_slot_leaves_the_meeting_unplaced(setup, people):
    a, b = people[:2]
    slot_ids = list(setup.slots.values_list("pk", flat=True))
    services.unavailability_set(setup=setup, profile=a, slot_ids=slot_ids[:4])
    services.unavailability_set(setup=setup, profile=b, slot_ids=slot_ids[4:])
    services.setup_publish(setup=setup, actor=None)
    meeting = accept(send(setup, a, b))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.UNPLACED


def test_database_refuses_two_meetings_at_one_table_and_slot_and_a_person_twice(setup, people):
    a, b, c, d = people
    services.setup_publish(setup=setup, actor=None)
    first = accept(send(setup, a, b))
    first.refresh_from_db()
    second = accept(send(setup, c, d))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=second.pk).update(slot=first.slot, table=first.table)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingParticipant.objects.filter(meeting=second, profile=c).update(slot=first.slot)
        MeetingParticipant.objects.create(meeting=second, profile=a, slot=first.slot)


def test_unavailability_refuses_foreign_slots(event, setup, people):
    other = make_meeting_setup(EventFactory())
    with pytest.raises(errors.InvalidInput):
        services.unavailability_set(setup=setup, profile=people[0], slot_ids=[other.slots.first().pk])
    assert services.unavailability_set(setup=setup, profile=people[0], slot_ids=[]) == set()
    assert not Unavailability.objects.exists()


# --- worker -------------------------------------------------------------------------------------


def test_one_reminder_after_48_hours(setup, people):
    a, b = people[:2]
    sent_at = timezone.now()
    send(setup, a, b, now=sent_at)
    assert services.meeting_requests_remind_due(now=sent_at + datetime.timedelta(hours=47)) == 0
    later = sent_at + datetime.timedelta(hours=49)
    assert services.meeting_requests_remind_due(now=later) == 1
    assert services.meeting_requests_remind_due(now=later + datetime.timedelta(hours=49)) == 0
    reminder = mails_to(b)[-1]
    assert reminder.subject.startswith("Erinnerung") and "/netzwerk/gespraechsanfrage/" in reminder.body_text


def test_open_requests_lapse_at_the_deadline_with_a_mail_to_the_sender(setup, people):
    a, b, c = people[:3]
    open_request = send(setup, a, b)
    accept(send(setup, a, c))
    assert services.meeting_requests_lapse_due(now=setup.request_deadline - datetime.timedelta(seconds=1)) == 0
    assert services.meeting_requests_lapse_due(now=setup.request_deadline) == 1
    open_request.refresh_from_db()
    assert open_request.status == Status.LAPSED and "verfallen" in mails_to(a)[-1].subject
    assert MeetingRequest.objects.filter(status=Status.ACCEPTED).count() == 1


def test_worker_tasks_are_registered(settings):
    assert "revier.network.meetings.services.meeting_requests_remind_due" in settings.WORKER_TASKS
    assert "revier.network.meetings.services.meeting_requests_lapse_due" in settings.WORKER_TASKS


def test_participants_are_profiles_of_confirmed_registrations(event, setup, people):
    assert set(selectors.participant_page_get(setup=setup, profile=people[0]).others) == set(people[1:])
    assert MeetingTable.objects.filter(setup=setup).count() == 3


# --- "Alle einplanen" ---------------------------------------------------------------------------

from revier.network import scheduling  # noqa: E402
from revier.network.meetings.models import ScheduleRun  # noqa: E402


def test_schedule_run_is_queued_once(setup, people):
    run = services.schedule_run_request(setup=setup, actor=None, time_limit=5)
    assert run.status == "queued" and services.schedule_run_request(setup=setup, actor=None).pk == run.pk
    assert ScheduleRun.objects.count() == 1


def test_worker_runs_the_solver_and_writes_the_schedule(event, people):
    setup = make_meeting_setup(event, tables=1, max_meetings=3)
    a, b, c, d = people
    for sender, recipient in ((a, b), (a, c), (b, c), (c, d), (a, d)):
        accept(send(setup, sender, recipient))
    services.schedule_run_request(setup=setup, actor=None, time_limit=5)
    assert services.meeting_schedule_runs_due() == 1
    run = ScheduleRun.objects.get()
    assert run.status == "done", run.error
    assert run.placed == run.accepted == 5 and run.report["unplaced"] == []
    assert run.report["breaks"] >= run.report["lower_bound"] >= 0
    placed = list(Meeting.objects.filter(status="placed").values_list("slot_id", "table_id"))
    assert len(placed) == 5 == len(set(placed))
    for person in people:
        slots = list(MeetingParticipant.objects.filter(profile=person).values_list("slot_id", flat=True))
        assert None not in slots and len(slots) == len(set(slots))
    assert not mails_to(a)[-1].subject.startswith("Ihr Gesprächstermin")  # not published: no mails yet
    services.setup_publish(setup=setup, actor=None)
    assert mails_to(a)[-1].subject == "Ihr Gesprächstermin: Zeit und Tisch"
    assert services.meeting_schedule_runs_due() == 0


def test_schedule_keeps_published_meetings_in_their_slot(setup, people):
    a, b, c = people[:3]
    services.setup_publish(setup=setup, actor=None)
    first = accept(send(setup, a, b))
    first.refresh_from_db()
    accept(send(setup, b, c))
    services.schedule_run_request(setup=setup, actor=None, time_limit=5)
    services.meeting_schedule_runs_due()
    first_after = Meeting.objects.get(pk=first.pk)
    assert first_after.slot_id == first.slot_id and ScheduleRun.objects.get().status == "done"


def test_schedule_fails_without_writing_when_meetings_changed(setup, people):
    a, b, c = people[:3]
    accept(send(setup, a, b))
    run = services.schedule_run_request(setup=setup, actor=None, time_limit=5)
    instance, tables = services._instance(setup)
    schedule = scheduling.schedule_meetings(instance, time_limit=5)
    accept(send(setup, a, c))  # accepted while the solver ran
    with pytest.raises(errors.ScheduleChanged):
        services._apply_schedule(run, instance, schedule, tables)
    assert not Meeting.objects.filter(status="placed").exists()
