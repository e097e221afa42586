"""Every write of the Gesprächsbörse (issue 10, section 3).

All services are keyword-only, run in one durable transaction, write an audit entry in it and queue
their mails in the outbox (core.mail), so nothing is sent for a change that rolled back. Audit
entries name requests and meetings by number only.

Locking: the event's MeetingSetup row owns the capacity of the meeting tables (core.capacity). Every
service that sends, answers or places a meeting locks it first (lock_capacity_owner), counts under
the lock, then writes; database constraints back it up (one open or accepted request per pair, one
meeting per slot and table, nobody twice in a slot). A pending request holds nothing: slots and
tables are taken only by accepted meetings, and only when they are placed.
"""

import datetime
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.capacity import CapacityRule, count_taken_per_owner, lock_capacity_owner, lock_key
from revier.core.dates import local_datetime, local_span
from revier.core.mail import mail_queue, written_for
from revier.core.services import audit_log
from revier.core.tokens import link_expires_at, personal_link_issue
from revier.events import selectors as event_selectors
from revier.network.meetings import errors
from revier.network.meetings.models import (
    MESSAGE_MAX,
    TABLE_NAME_MAX,
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingSession,
    MeetingSetup,
    MeetingSlot,
    MeetingTable,
    ScheduleRun,
    Unavailability,
)
from revier.network.meetings.selectors import participants_q, visible_to_participants_q
from revier.network.models import Profile

RequestStatus = MeetingRequest.Status

# The third user of core.capacity: placed meetings hold a table of their slot.
TABLES = CapacityRule(holder=Meeting, owner="slot", seated=(Meeting.Status.PLACED,))

# An unanswered request gets one reminder this long after it was sent.
REMINDER_AFTER = datetime.timedelta(hours=48)
SLOT_MINUTES_MIN, SLOT_MINUTES_MAX = 5, 240
SESSIONS_MAX, TABLES_MAX = 10, 500

# ---------------------------------------------------------------------------------------------
# Helpers


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def request_url(token: str) -> str:
    return _absolute(reverse("network:meeting-request", kwargs={"token": token}))


def _lock_setup(setup_id: int) -> MeetingSetup:
    """The capacity owner, locked until the transaction ends (core.capacity.lock_capacity_owner)."""
    return lock_capacity_owner(MeetingSetup.objects.filter(pk=setup_id).select_related("event"))


def _local(value: datetime.datetime) -> str:
    return local_datetime(value)


SUBJECTS = {
    "request_received": _("New meeting request: %(event)s"),
    "request_reminder": _("Reminder: a meeting request is waiting for your answer"),
    "request_accepted": _("Meeting agreed: %(event)s"),
    "request_declined": _("Your meeting request was declined"),
    "request_lapsed": _("Your meeting request has lapsed"),
    "meeting_placed": _("Your meeting: time and table"),
    "meeting_moved": _("Your meeting has been moved: %(event)s"),
    "meeting_cancelled": _("Meeting cancelled: %(event)s"),
}


def _mail(to: Profile, template: str, *, setup: MeetingSetup, link_token: str | None = None, **context) -> None:
    """Queues a mail to one person in the language of their profile (core.mail.written_for), with
    the link of `link_token` (a request's personal link) in that language."""
    with written_for(to.language):
        if link_token is not None:
            context["link"] = request_url(link_token)
        mail_queue(
            to=[to.email],
            subject=str(SUBJECTS[template]) % {"event": setup.event.title},
            template=f"network/meetings/mail/{template}",
            context={"profile": to, "event": setup.event, "setup": setup, "site_name": settings.SITE_NAME,
                     "site_url": settings.SITE_URL, **context},
        )


def _issue_request_link(meeting_request: MeetingRequest, *, setup: MeetingSetup) -> str:
    return personal_link_issue(meeting_request.links, expires_at=link_expires_at(setup.event.ends_at))


def _text(value: str, *, label, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise errors.InvalidInput(
            _("“%(label)s” may have at most %(limit)d characters (it has %(length)d).")
            % {"label": label, "limit": limit, "length": len(value)}
        )
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise errors.InvalidInput(_("“%(label)s” contains characters that are not allowed.") % {"label": label})
    return value


def _participant(setup: MeetingSetup, profile_id: int) -> Profile | None:
    return Profile.objects.filter(participants_q(setup), pk=profile_id).first()


def _meeting_count(setup: MeetingSetup, profile_id: int) -> int:
    return MeetingParticipant.objects.filter(meeting__setup=setup, profile_id=profile_id).count()


# ---------------------------------------------------------------------------------------------
# The organiser's setup


@dataclass(frozen=True)
class SessionInput:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


@dataclass(frozen=True)
class TableInput:
    number: int
    name: str = ""
    fixed_profile_id: int | None = None


@dataclass(frozen=True)
class SetupInput:
    enabled: bool
    sessions: tuple[SessionInput, ...]
    slot_minutes: int
    tables: tuple[TableInput, ...]
    request_deadline: datetime.datetime
    max_open_requests: int = 10
    # None: the default, below the number of slots (default_max_meetings).
    max_meetings: int | None = None


def slot_times(sessions: Iterable[SessionInput], slot_minutes: int) -> list[tuple[int, datetime.datetime, datetime.datetime]]:
    """(session index, start, end) of every slot: each session cut into slots of `slot_minutes`;
    a rest shorter than a slot at a session's end stays unused."""
    length = datetime.timedelta(minutes=slot_minutes)
    times = []
    for index, session in enumerate(sessions):
        start = session.starts_at
        while start + length <= session.ends_at:
            times.append((index, start, start + length))
            start += length
    return times


def default_max_meetings(slot_count: int) -> int:
    """Nobody manages meetings in every slot: two thirds of the slots, at most 8, at least 1."""
    return max(1, min(8, slot_count * 2 // 3))


def _check_setup(data: SetupInput) -> tuple[list[SessionInput], list, list[TableInput], int]:
    if not SLOT_MINUTES_MIN <= data.slot_minutes <= SLOT_MINUTES_MAX:
        raise errors.InvalidInput(_("A slot lasts between %(min)d and %(max)d minutes.")
                                  % {"min": SLOT_MINUTES_MIN, "max": SLOT_MINUTES_MAX})
    sessions = sorted(data.sessions, key=lambda session: session.starts_at)
    if not sessions:
        raise errors.InvalidInput(_("Please enter at least one session."))
    if len(sessions) > SESSIONS_MAX:
        raise errors.InvalidInput(_("At most %(limit)d sessions are possible.") % {"limit": SESSIONS_MAX})
    for before, after in zip(sessions, sessions[1:], strict=False):
        if after.starts_at < before.ends_at:
            raise errors.InvalidInput(_("Two sessions overlap. Please let each session end before the next begins."))
    for session in sessions:
        if session.ends_at < session.starts_at + datetime.timedelta(minutes=data.slot_minutes):
            raise errors.InvalidInput(_("Each session must be at least one slot long."))
    times = slot_times(sessions, data.slot_minutes)
    numbers = [table.number for table in data.tables]
    if not numbers:
        raise errors.InvalidInput(_("Please enter at least one table."))
    if len(numbers) > TABLES_MAX or any(number < 1 or number > 32767 for number in numbers):
        raise errors.InvalidInput(_("Tables are numbered from 1; at most %(limit)d tables.") % {"limit": TABLES_MAX})
    if len(set(numbers)) != len(numbers):
        raise errors.InvalidInput(_("Each table number may appear only once."))
    tables = [TableInput(number=table.number, fixed_profile_id=table.fixed_profile_id,
                         name=_text(table.name, label=_("table name"), limit=TABLE_NAME_MAX)) for table in data.tables]
    if not 1 <= data.max_open_requests <= 100:
        raise errors.InvalidInput(_("The maximum of open requests per person must be between 1 and 100."))
    max_meetings = default_max_meetings(len(times)) if data.max_meetings is None else data.max_meetings
    if not 1 <= max_meetings <= len(times):
        raise errors.InvalidInput(
            _("The maximum of meetings per person must be between 1 and the number of slots (%(slots)d).")
            % {"slots": len(times)}
        )
    if data.request_deadline > sessions[0].starts_at:
        raise errors.InvalidInput(_("The deadline for requests must be before the first session begins."))
    return sessions, times, tables, max_meetings


@transaction.atomic(durable=True)
def setup_save(*, event, data: SetupInput, actor) -> MeetingSetup:
    """The organiser enables and sets up the event's Gesprächsbörse: sessions, slot length,
    tables, limits, deadline. Slots are derived from the sessions; slots and tables that stay keep
    their rows (and the meetings and unavailable marks on them). Refused with a German message
    (nothing changed): bad input, or removing a slot or table that has a planned meeting."""
    sessions, times, tables, max_meetings = _check_setup(data)
    lock_key(f"meeting-setup:{event.pk}")
    setup = MeetingSetup.objects.filter(event=event).first()
    created = setup is None
    if created:
        setup = MeetingSetup.objects.create(event=event, request_deadline=data.request_deadline,
                                            slot_minutes=data.slot_minutes, max_meetings=max_meetings)
    setup = _lock_setup(setup.pk)

    # Slots: keyed by their times; those no longer wanted must be free of planned meetings.
    wanted = {(start, end): index for index, start, end in times}
    existing = {(slot.starts_at, slot.ends_at): slot for slot in setup.slots.all()}
    gone = [slot for key, slot in existing.items() if key not in wanted]
    used = set(Meeting.objects.filter(slot__in=gone).values_list("slot_id", flat=True))
    if used:
        raise errors.SlotInUse(slots=", ".join(_local(slot.starts_at) for slot in gone if slot.pk in used))
    wanted_tables = {table.number: table for table in tables}
    gone_tables = [table for table in setup.tables.all() if table.number not in wanted_tables]
    used_tables = set(Meeting.objects.filter(table__in=gone_tables).values_list("table_id", flat=True))
    if used_tables:
        raise errors.TableInUse(tables=", ".join(str(table.number) for table in gone_tables if table.pk in used_tables))
    # Sessions: one with the same times keeps its row, else one that overlaps it (its times change);
    # meetings restricted to a session that disappears would lose their restriction: refused.
    old_sessions = list(setup.sessions.all())
    matched: list[MeetingSession | None] = []
    for session in sessions:
        key = (session.starts_at, session.ends_at)
        row = next((s for s in old_sessions if (s.starts_at, s.ends_at) == key and s not in matched), None)
        row = row or next((s for s in old_sessions if s.starts_at < session.ends_at and session.starts_at < s.ends_at
                           and s not in matched and (s.starts_at, s.ends_at) not in
                           {(n.starts_at, n.ends_at) for n in sessions}), None)
        matched.append(row)
    gone_sessions = [s for s in old_sessions if s not in matched]
    restricted = set(Meeting.objects.filter(session__in=gone_sessions).values_list("session_id", flat=True))
    if restricted:
        raise errors.SessionInUse(sessions=", ".join(_session_label(s) for s in gone_sessions if s.pk in restricted))
    fixed_ids = {table.fixed_profile_id for table in tables if table.fixed_profile_id is not None}
    if fixed_ids and Profile.objects.filter(participants_q(setup), pk__in=fixed_ids).count() != len(fixed_ids):
        raise errors.InvalidInput(_("A table can only be fixed for a participant of the event."))

    MeetingSlot.objects.filter(pk__in=[slot.pk for slot in gone]).delete()
    session_rows = []
    for session, row in zip(sessions, matched, strict=True):
        if row is None:
            row = MeetingSession.objects.create(setup=setup, starts_at=session.starts_at, ends_at=session.ends_at)
        elif (row.starts_at, row.ends_at) != (session.starts_at, session.ends_at):
            row.starts_at, row.ends_at = session.starts_at, session.ends_at
            row.save(update_fields=["starts_at", "ends_at"])
        session_rows.append(row)
    for key, slot in existing.items():
        if key in wanted and slot.session_id != session_rows[wanted[key]].pk:
            slot.session = session_rows[wanted[key]]
            slot.save(update_fields=["session"])
    MeetingSlot.objects.bulk_create([
        MeetingSlot(setup=setup, session=session_rows[index], starts_at=start, ends_at=end)
        for index, start, end in times if (start, end) not in existing
    ])
    kept_ids = {row.pk for row in session_rows}
    MeetingSession.objects.filter(setup=setup).exclude(pk__in=kept_ids).delete()

    MeetingTable.objects.filter(pk__in=[table.pk for table in gone_tables]).delete()
    current = {table.number: table for table in setup.tables.all()}
    for number, wanted_table in wanted_tables.items():
        row = current.get(number)
        if row is None:
            MeetingTable.objects.create(setup=setup, number=number, name=wanted_table.name,
                                        fixed_profile_id=wanted_table.fixed_profile_id)
        elif (row.name, row.fixed_profile_id) != (wanted_table.name, wanted_table.fixed_profile_id):
            row.name, row.fixed_profile_id = wanted_table.name, wanted_table.fixed_profile_id
            row.save(update_fields=["name", "fixed_profile"])

    setup.enabled = data.enabled
    setup.slot_minutes = data.slot_minutes
    setup.request_deadline = data.request_deadline
    setup.max_open_requests = data.max_open_requests
    setup.max_meetings = max_meetings
    setup.save()
    audit_log(actor=actor, action="meeting_setup_created" if created else "meeting_setup_changed", obj=setup,
              data={"slots": len(times), "tables": len(tables), "enabled": data.enabled})
    return setup


@transaction.atomic(durable=True)
def setup_publish(*, setup: MeetingSetup, actor, now: datetime.datetime | None = None) -> int:
    """The organiser publishes the meetings: every accepted meeting not planned yet is placed, in
    the order of acceptance, into the earliest common free slot with a free table (the solver run
    "Alle einplanen" is to come); placed meetings are published and both people get a mail with time
    and table. From now on a newly accepted meeting is placed at once. Returns how many were placed."""
    now = now or timezone.now()
    setup = _lock_setup(setup.pk)
    placed = 0
    for meeting in Meeting.objects.filter(setup=setup, status=Meeting.Status.UNPLACED).order_by("created_at", "id"):
        placed += _place(setup, meeting, now=now)
    for meeting in (Meeting.objects.filter(setup=setup, status=Meeting.Status.PLACED, published=False)
                    .select_related("slot", "table").prefetch_related("participants__profile")):
        meeting.published = True
        meeting.save(update_fields=["published"])
        _mail_placed(setup, meeting)
    if not setup.published:
        setup.published, setup.published_at = True, now
        setup.save(update_fields=["published", "published_at", "updated_at"])
    audit_log(actor=actor, action="meeting_setup_published", obj=setup, data={"placed": placed})
    return placed


# ---------------------------------------------------------------------------------------------
# Placing a meeting (under the setup's lock)


def _place(setup: MeetingSetup, meeting: Meeting, *, now: datetime.datetime) -> bool:
    """Places `meeting` into the earliest slot (not begun yet) in which both people are free and
    available and a table is free: a table fixed for one of them if they have one, else the lowest
    free table not fixed for anyone. The caller holds the setup's lock (core.capacity): counted here,
    then written; the unique constraints on (slot, table) and (person, slot) back it. Mails both
    people. Returns whether it was placed (False: no common free slot with a free table)."""
    assert transaction.get_connection().in_atomic_block
    person_ids = list(meeting.participants.order_by("id").values_list("profile_id", flat=True))
    slots = [slot for slot in setup.slots.all() if slot.starts_at > now
             and (meeting.session_id is None or slot.session_id == meeting.session_id)]
    tables = list(setup.tables.all())
    taken = count_taken_per_owner(TABLES, owner_ids=[slot.pk for slot in slots], now=now)
    used = set(Meeting.objects.filter(setup=setup, status=Meeting.Status.PLACED).values_list("slot_id", "table_id"))
    busy = set(MeetingParticipant.objects.filter(profile_id__in=person_ids, slot__isnull=False,
                                                 meeting__setup=setup).values_list("slot_id", flat=True))
    busy |= set(Unavailability.objects.filter(profile_id__in=person_ids, slot__setup=setup)
                .values_list("slot_id", flat=True))
    own = [table for table in tables if table.fixed_profile_id in person_ids]
    candidates = own[:1] if own else [table for table in tables if table.fixed_profile_id is None]
    for slot in slots:
        if slot.pk in busy or taken.get(slot.pk, 0) >= len(tables):
            continue
        table = next((table for table in candidates if (slot.pk, table.pk) not in used), None)
        if table is None:
            continue
        meeting.slot, meeting.table, meeting.status = slot, table, Meeting.Status.PLACED
        meeting.placed_at, meeting.published = now, setup.published or meeting.published
        meeting.save(update_fields=["slot", "table", "status", "placed_at", "published"])
        MeetingParticipant.objects.filter(meeting=meeting).update(slot=slot)
        audit_log(actor=None, action="meeting_placed", obj=meeting, data={"slot": slot.pk, "table": table.number})
        if meeting.published:
            _mail_placed(setup, meeting)
        return True
    return False


def _mail_placed(setup: MeetingSetup, meeting: Meeting) -> None:
    """Both people of a placed, published meeting get time and table by mail."""
    people = [person.profile for person in meeting.participants.all()]
    for person, other in ((people[0], people[1]), (people[1], people[0])):
        _mail(person, "meeting_placed", setup=setup, partner=other, slot=meeting.slot, table=meeting.table)


# ---------------------------------------------------------------------------------------------
# Requests


def _open_request(setup: MeetingSetup, request_id: int) -> MeetingRequest:
    found = MeetingRequest.objects.filter(pk=request_id, setup=setup).select_related("sender", "recipient").first()
    if found is None:
        raise errors.AlreadyAnswered()
    return found


@transaction.atomic(durable=True)
def request_send(*, setup: MeetingSetup, sender: Profile, recipient_id: int, message: str = "",
                 now: datetime.datetime | None = None) -> MeetingRequest:
    """A participant asks another for a meeting; the recipient gets a mail with a link to accept or
    decline with one click. Refused (German message, nothing changed): the Gesprächsbörse is off,
    the sender or recipient is no participant of the event, a request to oneself, to a hidden
    profile, after the deadline, beyond the sender's maximum of open requests, or while the pair
    already has an open or accepted request (either direction; a partial unique index backs it)."""
    now = now or timezone.now()
    message = _text(message, label=MeetingRequest._meta.get_field("message").verbose_name, limit=MESSAGE_MAX)
    setup = _lock_setup(setup.pk)
    if not setup.enabled:
        raise errors.NotEnabled()
    if sender.pk == recipient_id:
        raise errors.ToOneself()
    if _participant(setup, sender.pk) is None:
        raise errors.NotParticipant()
    recipient = Profile.objects.filter(pk=recipient_id).first()
    if recipient is None or _participant(setup, recipient.pk) is None:
        if recipient is not None and not Profile.objects.filter(visible_to_participants_q(), pk=recipient.pk).exists():
            raise errors.RecipientHidden()
        raise errors.RecipientNotParticipant()
    if not Profile.objects.filter(visible_to_participants_q(), pk=recipient.pk).exists():
        raise errors.RecipientHidden()
    if now >= setup.request_deadline:
        raise errors.DeadlinePassed()
    low, high = sorted([sender.pk, recipient.pk])
    blocking = MeetingRequest.objects.filter(setup=setup, pair_low=low, pair_high=high,
                                             status__in=MeetingRequest.BLOCKING)
    if blocking.exists():
        raise errors.DuplicateRequest()
    open_count = MeetingRequest.objects.filter(setup=setup, sender=sender, status=RequestStatus.PENDING).count()
    if open_count >= setup.max_open_requests:
        raise errors.TooManyOpenRequests(limit=setup.max_open_requests)
    try:
        with transaction.atomic():
            meeting_request = MeetingRequest.objects.create(
                setup=setup, sender=sender, recipient=recipient, pair_low=low, pair_high=high, message=message,
                created_at=now,
            )
    except IntegrityError:
        raise errors.DuplicateRequest() from None
    token = _issue_request_link(meeting_request, setup=setup)
    audit_log(actor=None, action="meeting_request_sent", obj=meeting_request,
              data={"sender": sender.pk, "recipient": recipient.pk})
    _mail(recipient, "request_received", setup=setup, meeting_request=meeting_request, sender=sender,
          link_token=token)
    return meeting_request


@transaction.atomic(durable=True)
def request_accept(*, meeting_request: MeetingRequest, profile: Profile,
                   now: datetime.datetime | None = None) -> Meeting:
    """The recipient accepts (one click from the mail link or on the Gesprächsbörse page): the
    request becomes a meeting, both get each other's contact data by mail. Refused (German message):
    by anyone but the recipient, a request not open (accepting twice: AlreadyAccepted), after the
    deadline, or when either side already has the event's maximum of meetings. After publishing the
    meeting is placed at once (earliest common free slot with a free table)."""
    now = now or timezone.now()
    setup = _lock_setup(meeting_request.setup_id)
    meeting_request = _open_request(setup, meeting_request.pk)
    if meeting_request.recipient_id != profile.pk:
        raise errors.NotYours()
    if meeting_request.status == RequestStatus.ACCEPTED:
        raise errors.AlreadyAccepted()
    if meeting_request.status != RequestStatus.PENDING:
        raise errors.AlreadyAnswered()
    if now >= setup.request_deadline:
        raise errors.DeadlinePassed()
    if _meeting_count(setup, meeting_request.recipient_id) >= setup.max_meetings:
        raise errors.TooManyMeetingsSelf(limit=setup.max_meetings)
    if _meeting_count(setup, meeting_request.sender_id) >= setup.max_meetings:
        raise errors.TooManyMeetingsOther(limit=setup.max_meetings)
    meeting_request.status, meeting_request.answered_at = RequestStatus.ACCEPTED, now
    meeting_request.save(update_fields=["status", "answered_at"])
    meeting = Meeting.objects.create(setup=setup, request=meeting_request, created_at=now)
    MeetingParticipant.objects.bulk_create([
        MeetingParticipant(meeting=meeting, profile_id=meeting_request.sender_id),
        MeetingParticipant(meeting=meeting, profile_id=meeting_request.recipient_id),
    ])
    audit_log(actor=None, action="meeting_request_accepted", obj=meeting_request, data={"meeting": meeting.pk})
    sender, recipient = meeting_request.sender, meeting_request.recipient
    _mail(sender, "request_accepted", setup=setup, partner=recipient)
    _mail(recipient, "request_accepted", setup=setup, partner=sender)
    if setup.published:
        _place(setup, meeting, now=now)
    return meeting


@transaction.atomic(durable=True)
def request_decline(*, meeting_request: MeetingRequest, profile: Profile,
                    now: datetime.datetime | None = None) -> MeetingRequest:
    """The recipient declines an open request; the sender gets a short mail (no reason asked).
    Refused: by anyone but the recipient, a request not open, after the deadline (it lapses then)."""
    now = now or timezone.now()
    setup = _lock_setup(meeting_request.setup_id)
    meeting_request = _open_request(setup, meeting_request.pk)
    if meeting_request.recipient_id != profile.pk:
        raise errors.NotYours()
    if meeting_request.status == RequestStatus.ACCEPTED:
        raise errors.AlreadyAccepted()
    if meeting_request.status != RequestStatus.PENDING:
        raise errors.AlreadyAnswered()
    if now >= setup.request_deadline:
        raise errors.DeadlinePassed()
    meeting_request.status, meeting_request.answered_at = RequestStatus.DECLINED, now
    meeting_request.save(update_fields=["status", "answered_at"])
    audit_log(actor=None, action="meeting_request_declined", obj=meeting_request)
    _mail(meeting_request.sender, "request_declined", setup=setup, partner=meeting_request.recipient)
    return meeting_request


@transaction.atomic(durable=True)
def request_withdraw(*, meeting_request: MeetingRequest, profile: Profile,
                     now: datetime.datetime | None = None) -> MeetingRequest:
    """The sender withdraws an open request (no mail: the recipient's link then says it is no
    longer open). Refused for anyone but the sender and for a request no longer open."""
    now = now or timezone.now()
    setup = _lock_setup(meeting_request.setup_id)
    meeting_request = _open_request(setup, meeting_request.pk)
    if meeting_request.sender_id != profile.pk:
        raise errors.NotYours()
    if meeting_request.status != RequestStatus.PENDING:
        raise errors.AlreadyAnswered()
    meeting_request.status, meeting_request.closed_at = RequestStatus.WITHDRAWN, now
    meeting_request.save(update_fields=["status", "closed_at"])
    audit_log(actor=None, action="meeting_request_withdrawn", obj=meeting_request)
    return meeting_request


@transaction.atomic(durable=True)
def unavailability_set(*, setup: MeetingSetup, profile: Profile, slot_ids: Iterable[int]) -> set[int]:
    """A participant marks the slots they cannot attend (the whole set replaces the former one).
    Meetings already planned stay where they are; the marks apply to the placing that follows.
    Refused: no participant, a slot of another event."""
    setup = _lock_setup(setup.pk)
    if _participant(setup, profile.pk) is None:
        raise errors.NotParticipant()
    wanted = set(slot_ids)
    known = set(setup.slots.filter(pk__in=wanted).values_list("pk", flat=True))
    if known != wanted:
        raise errors.InvalidInput(_("Please choose only from the listed time slots."))
    current = set(Unavailability.objects.filter(profile=profile, slot__setup=setup).values_list("slot_id", flat=True))
    Unavailability.objects.filter(profile=profile, slot_id__in=current - wanted).delete()
    Unavailability.objects.bulk_create([Unavailability(profile=profile, slot_id=pk) for pk in sorted(wanted - current)])
    if current != wanted:
        audit_log(actor=None, action="meeting_unavailability_set", obj=setup,
                  data={"profile": profile.pk, "slots": len(wanted)})
    return wanted


# ---------------------------------------------------------------------------------------------
# Check-in at the table, and cancelling an agreed meeting

Attendance = MeetingParticipant.Attendance
# What the check-in can record: the meeting took place, or someone did not show up.
ATTENDANCE_OUTCOMES = (Attendance.HELD, Attendance.NO_SHOW)


def _meeting_for_check_in(setup: MeetingSetup, meeting_id: int, *, now: datetime.datetime) -> Meeting:
    """The meeting with its slot and both participant rows, refused unless it is placed, published
    and its slot has begun. The caller holds the setup's lock."""
    meeting = (Meeting.objects.filter(pk=meeting_id, setup=setup).select_related("slot", "table")
               .prefetch_related(Prefetch("participants", queryset=MeetingParticipant.objects.order_by("id"))).first())
    if meeting is None:
        raise errors.MeetingGone()
    if meeting.status != Meeting.Status.PLACED or not meeting.published:
        raise errors.NotPublished()
    if now < meeting.slot.starts_at:
        raise errors.CheckInTooEarly(start=_local(meeting.slot.starts_at))
    return meeting


def _check_attendance(attendance: str) -> str:
    if attendance not in ATTENDANCE_OUTCOMES:
        raise errors.InvalidInput(_("Please choose “took place” or “did not show up”."))
    return attendance


@transaction.atomic(durable=True)
def meeting_attendance_record(*, meeting: Meeting, attendance: str, actor,
                              now: datetime.datetime | None = None) -> Meeting:
    """The organiser records at the table whether a meeting took place (`held`) or someone did not
    show up (`no_show`): written to both people's rows and marked as the organiser's, so the
    people's own records no longer change it. Possible from the start of the meeting's slot on, and
    any time later (a correction); recording the same again changes nothing. Locks the setup
    (core.capacity.lock_capacity_owner) and writes an audit entry naming the organiser. Refused
    (German message, nothing changed): someone who may not manage the event, a meeting not placed
    and published, before its slot begins, an outcome other than the two."""
    now = now or timezone.now()
    attendance = _check_attendance(attendance)
    setup = _lock_setup(meeting.setup_id)
    if event_selectors.event_get_if_manager(slug=setup.event.slug, user=actor) is None:
        raise errors.NotOrganiser()
    meeting = _meeting_for_check_in(setup, meeting.pk, now=now)
    rows = list(meeting.participants.all())
    before = [row.attendance for row in rows]
    if all(row.attendance == attendance and row.attendance_by_organiser for row in rows):
        return meeting
    MeetingParticipant.objects.filter(meeting=meeting).update(attendance=attendance, attendance_at=now,
                                                              attendance_by_organiser=True)
    audit_log(actor=actor, action="meeting_attendance_recorded", obj=meeting,
              data={"attendance": attendance, "before": before})
    return meeting


@transaction.atomic(durable=True)
def meeting_attendance_report(*, meeting: Meeting, profile: Profile, attendance: str,
                              now: datetime.datetime | None = None) -> MeetingParticipant:
    """One of the two people records on their Gesprächsbörse page whether their meeting took place
    (`held`) or the other person did not show up (`no_show`); only their own row is written, and
    they may change it until the event ends (afterwards the follow-up asks). Locks the setup and
    writes an audit entry. Refused (German message, nothing changed): someone else's meeting, a
    meeting not placed and published, before its slot begins, after the event, once the organiser
    has recorded it, an outcome other than the two."""
    now = now or timezone.now()
    attendance = _check_attendance(attendance)
    setup = _lock_setup(meeting.setup_id)
    meeting = (Meeting.objects.filter(pk=meeting.pk, setup=setup)
               .filter(participants__profile_id=profile.pk).first())
    if meeting is None:
        raise errors.NotYourMeeting()
    meeting = _meeting_for_check_in(setup, meeting.pk, now=now)
    if now >= max(setup.event.ends_at, meeting.slot.ends_at):
        raise errors.CheckInClosed()
    own = next(row for row in meeting.participants.all() if row.profile_id == profile.pk)
    if own.attendance_by_organiser:
        raise errors.RecordedByOrganiser()
    if own.attendance == attendance:
        return own
    before = own.attendance
    own.attendance, own.attendance_at = attendance, now
    own.save(update_fields=["attendance", "attendance_at"])
    audit_log(actor=None, action="meeting_attendance_reported", obj=meeting,
              data={"profile": profile.pk, "attendance": attendance, "before": before})
    return own


@transaction.atomic(durable=True)
def meeting_cancel(*, meeting_request: MeetingRequest, profile: Profile,
                   now: datetime.datetime | None = None) -> MeetingRequest:
    """One of the two people cancels their agreed meeting before its slot begins (a meeting not
    planned yet: before the event ends). Under the setup's lock (core.capacity) the meeting and its
    two participant rows are deleted, so its slot and table are free again and it no longer counts
    towards either person's maximum of meetings; the request becomes `cancelled` (the pair may ask
    again). The other person gets a mail. After publishing, the meetings still waiting for a place
    are offered the freed places at once, in the order of acceptance (placing as on acceptance).
    Refused (German message, nothing changed): someone else's meeting, a request that was never
    accepted, cancelling twice, after the slot has begun."""
    now = now or timezone.now()
    setup = _lock_setup(meeting_request.setup_id)
    meeting_request = _open_request(setup, meeting_request.pk)
    if profile.pk not in (meeting_request.sender_id, meeting_request.recipient_id):
        raise errors.NotYourMeeting()
    if meeting_request.status == RequestStatus.CANCELLED:
        raise errors.AlreadyCancelled()
    meeting = (Meeting.objects.filter(request=meeting_request).select_related("slot", "table").first()
               if meeting_request.status == RequestStatus.ACCEPTED else None)
    if meeting is None:
        raise errors.NotAgreed()
    if now >= (meeting.slot.starts_at if meeting.slot_id else setup.event.ends_at):
        raise errors.TooLateToCancel()
    partner = meeting_request.recipient if meeting_request.sender_id == profile.pk else meeting_request.sender
    slot, table = meeting.slot, meeting.table
    meeting_request.status, meeting_request.closed_at = RequestStatus.CANCELLED, now
    meeting_request.save(update_fields=["status", "closed_at"])
    audit_log(actor=None, action="meeting_cancelled", obj=meeting_request,
              data={"meeting": meeting.pk, "by": profile.pk, "slot": meeting.slot_id,
                    "table": table.number if table else None})
    meeting.delete()  # its participant rows go with it (cascade)
    _mail(partner, "meeting_cancelled", setup=setup, partner=profile, slot=slot, table=table)
    if setup.published:
        for waiting in Meeting.objects.filter(setup=setup, status=Meeting.Status.UNPLACED).order_by("created_at", "id"):
            _place(setup, waiting, now=now)
    return meeting_request


# ---------------------------------------------------------------------------------------------
# Worker tasks (settings.WORKER_TASKS)


def meeting_requests_remind_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: an open request unanswered for REMINDER_AFTER gets one reminder to the
    recipient, with a new link (the first mail's token is not stored). Each request in its own
    transaction under its setup's lock; `reminded_at` makes sure it is only one."""
    now = now or timezone.now()
    due = list(
        MeetingRequest.objects.filter(status=RequestStatus.PENDING, reminded_at__isnull=True,
                                      created_at__lte=now - REMINDER_AFTER, setup__request_deadline__gt=now)
        .order_by("setup_id", "id").values_list("setup_id", "pk")[:500]
    )
    sent = 0
    for setup_id, pk in due:
        with transaction.atomic(durable=True):
            setup = _lock_setup(setup_id)
            meeting_request = MeetingRequest.objects.filter(
                pk=pk, status=RequestStatus.PENDING, reminded_at__isnull=True
            ).select_related("sender", "recipient").first()
            if meeting_request is None:
                continue
            meeting_request.reminded_at = now
            meeting_request.save(update_fields=["reminded_at"])
            token = _issue_request_link(meeting_request, setup=setup)
            audit_log(actor=None, action="meeting_request_reminded", obj=meeting_request)
            _mail(meeting_request.recipient, "request_reminder", setup=setup, meeting_request=meeting_request,
                  sender=meeting_request.sender, link_token=token)
            sent += 1
    return sent


def meeting_requests_lapse_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: requests still open at their event's deadline lapse, and the sender gets a
    mail. Setup by setup in ascending id order, each in its own transaction under the setup's lock."""
    now = now or timezone.now()
    setup_ids = sorted(set(
        MeetingRequest.objects.filter(status=RequestStatus.PENDING, setup__request_deadline__lte=now)
        .values_list("setup_id", flat=True)
    ))
    lapsed = 0
    for setup_id in setup_ids:
        with transaction.atomic(durable=True):
            setup = _lock_setup(setup_id)
            if setup.request_deadline > now:
                continue
            for meeting_request in (MeetingRequest.objects.filter(setup=setup, status=RequestStatus.PENDING)
                                    .select_related("sender", "recipient").order_by("id")):
                meeting_request.status, meeting_request.closed_at = RequestStatus.LAPSED, now
                meeting_request.save(update_fields=["status", "closed_at"])
                audit_log(actor=None, action="meeting_request_lapsed", obj=meeting_request)
                _mail(meeting_request.sender, "request_lapsed", setup=setup, partner=meeting_request.recipient)
                lapsed += 1
    return lapsed


# ---------------------------------------------------------------------------------------------
# "Alle einplanen": the solver in the background worker


@transaction.atomic(durable=True)
def schedule_run_request(*, setup: MeetingSetup, actor, time_limit: int = 60) -> ScheduleRun:
    """The organiser presses "Alle einplanen": a run is queued for the background worker (never
    solved in the request). One queued or running run per setup (a partial unique index backs it):
    pressing again while one waits or runs returns that one."""
    setup = _lock_setup(setup.pk)
    active = ScheduleRun.objects.filter(setup=setup, status__in=ScheduleRun.ACTIVE).first()
    if active is not None:
        return active
    run = ScheduleRun.objects.create(setup=setup, requested_by=actor if getattr(actor, "pk", None) else None,
                                     time_limit=max(1, min(time_limit, 600)),
                                     accepted=Meeting.objects.filter(setup=setup).count())
    audit_log(actor=actor, action="meeting_schedule_requested", obj=setup, data={"run": run.pk})
    return run


def _instance(setup: MeetingSetup):
    """The scheduler's instance of the setup (network.scheduling), and the maps back: slot ids are
    ours, tables are numbered 1..n in the order of their numbers, participants are profile ids,
    sessions are named by their times and slots labelled by their start (the reasons for unplaced
    meetings use them); a meeting the organiser restricted to a session names it.
    A meeting the organiser fixed keeps its slot and table. A published meeting keeps its slot
    where it still can (neither person marked it unavailable since, it lies in the meeting's
    session) and its table unless a participant's fixed table or a table fixed for someone else
    says otherwise; where it cannot, the solver places it anew and the report says it moved."""
    from revier.network import scheduling

    slots = list(setup.slots.all())
    tables = list(setup.tables.all())
    table_index = {table.pk: index for index, table in enumerate(tables, start=1)}
    slot_session = {slot.pk: slot.session_id for slot in slots}
    # Sessions are named by their times (unique: they do not overlap), slots by their start: the
    # scheduler's reasons for unplaced meetings name them so on the organiser's page.
    session_name = {session.pk: _session_label(session) for session in setup.sessions.all()}
    meetings = list(Meeting.objects.filter(setup=setup).prefetch_related("participants").order_by("id"))
    people = sorted({p.profile_id for meeting in meetings for p in meeting.participants.all()})
    unavailable: dict[int, set[int]] = {pk: set() for pk in people}
    for profile_id, slot_id in Unavailability.objects.filter(profile_id__in=people, slot__setup=setup).values_list(
            "profile_id", "slot_id"):
        unavailable[profile_id].add(slot_id)
    fixed_table = {table.fixed_profile_id: table_index[table.pk] for table in tables if table.fixed_profile_id}
    fixed_for = {table.pk: table.fixed_profile_id for table in tables}

    def kept(meeting: Meeting, pair: tuple[int, int]) -> tuple[int | None, int | None]:
        if not meeting.slot_id:
            return None, None
        if meeting.fixed:
            return meeting.slot_id, table_index.get(meeting.table_id)
        if not meeting.published:
            return None, None
        if any(meeting.slot_id in unavailable[pk] for pk in pair):
            return None, None
        if meeting.session_id is not None and slot_session.get(meeting.slot_id) != meeting.session_id:
            return None, None
        owner = fixed_for.get(meeting.table_id)
        keeps_table = not any(pk in fixed_table for pk in pair) and (owner is None or owner in pair)
        return meeting.slot_id, table_index.get(meeting.table_id) if keeps_table else None

    instance_meetings = []
    for meeting in meetings:
        pair = tuple(sorted(p.profile_id for p in meeting.participants.all()))
        slot_id, table_number = kept(meeting, pair)
        instance_meetings.append(scheduling.Meeting(
            id=meeting.pk, participants=pair, fixed_slot=slot_id, fixed_table=table_number,
            session=session_name[meeting.session_id] if meeting.session_id else None,
        ))
    instance = scheduling.Instance(
        slots=tuple(scheduling.Slot(id=slot.pk, session=session_name[slot.session_id], label=_local(slot.starts_at))
                    for slot in slots),
        tables=len(tables),
        participants=tuple(scheduling.Participant(id=pk, unavailable=frozenset(unavailable[pk]),
                                                  fixed_table=fixed_table.get(pk)) for pk in people),
        meetings=tuple(instance_meetings),
    )
    return instance, {index: table for index, table in enumerate(tables, start=1)}


def meeting_schedule_runs_due(*, limit: int = 1) -> int:
    """Worker task: runs the oldest queued "Alle einplanen" (network.scheduling.schedule_meetings
    with the run's time limit and seed 0) outside any transaction, writing the current best to the
    run about once a second; then writes the schedule in one transaction under the setup's lock and
    the report (placed of accepted, total and worst breaks, lower bound, each unplaced meeting with
    its German reason, how many meetings moved). Meetings that moved, once published, get a mail.
    If the meetings changed while it ran, the run fails with a German message and nothing is written."""
    from revier.network import scheduling

    done = 0
    for run_id in ScheduleRun.objects.filter(status=ScheduleRun.Status.QUEUED).order_by("id").values_list("pk", flat=True)[:limit]:
        claimed = ScheduleRun.objects.filter(pk=run_id, status=ScheduleRun.Status.QUEUED).update(
            status=ScheduleRun.Status.RUNNING, started_at=timezone.now())
        if not claimed:
            continue
        run = ScheduleRun.objects.select_related("setup__event").get(pk=run_id)
        try:
            instance, tables = _instance(run.setup)
            schedule = _solve_reporting_progress(run, instance)
            changed, moves = _apply_schedule(run, instance, schedule, tables)
        except errors.MeetingError as error:
            ScheduleRun.objects.filter(pk=run_id).update(status=ScheduleRun.Status.FAILED, error=str(error.message),
                                                         finished_at=timezone.now())
        except scheduling.InstanceError as error:
            ScheduleRun.objects.filter(pk=run_id).update(status=ScheduleRun.Status.FAILED, error=str(error),
                                                         finished_at=timezone.now())
        else:
            ScheduleRun.objects.filter(pk=run_id).update(
                status=ScheduleRun.Status.DONE, finished_at=timezone.now(), placed=len(schedule.placements),
                breaks=schedule.breaks, bound=schedule.lower_bound, accepted=len(instance.meetings),
                report={"breaks": schedule.breaks, "max_breaks": schedule.max_breaks,
                        "lower_bound": schedule.lower_bound, "seconds": round(schedule.seconds, 1),
                        "status": schedule.status, "moved": changed, "moves": moves,
                        "unplaced": [{"meeting": u.meeting, "reason": u.reason} for u in schedule.unplaced]},
            )
        done += 1
    return done


def _solve_reporting_progress(run: ScheduleRun, instance):
    """schedule_meetings in a thread of its own (pure computation, no database); this thread writes
    the solver's current best to the run about once a second, so the organiser's page shows it."""
    from revier.network import scheduling

    latest: list = [None]
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(scheduling.schedule_meetings, instance, time_limit=run.time_limit, seed=0,
                             progress=lambda best: latest.__setitem__(0, best))
        written = None
        while True:
            finished = not futures_wait([future], timeout=1).not_done
            best = latest[0]
            if best is not None and best is not written:
                ScheduleRun.objects.filter(pk=run.pk).update(placed=best.placed, breaks=best.breaks, bound=best.bound)
                written = best
            if finished:
                return future.result()


@transaction.atomic(durable=True)
def _apply_schedule(run: ScheduleRun, instance, schedule, tables: dict[int, MeetingTable]) -> tuple[int, list[dict]]:
    """Writes the solver's schedule under the setup's lock. Returns how many meetings changed (newly
    placed ones included) and the moves: each meeting that had a place before and now has another
    or none, as {"meeting", "from": [start, table number], "to": [start, table number] or None,
    "published"} (times as ISO text, no names: the page looks the people up when it shows them).
    Both people of a moved published meeting get a mail with the old and the new time; once the
    setup is published, a meeting placed for the first time is published and mailed too."""
    setup = _lock_setup(run.setup_id)
    now = timezone.now()
    meetings = {m.pk: m for m in Meeting.objects.filter(setup=setup).prefetch_related("participants__profile")}
    if set(meetings) != {m.id for m in instance.meetings}:
        raise errors.ScheduleChanged()
    target = {p.meeting: (p.slot, tables[p.table].pk) for p in schedule.placements}
    changed = [m for pk, m in meetings.items() if (m.slot_id, m.table_id) != target.get(pk, (None, None))]
    slots = {slot.pk: slot for slot in setup.slots.all()}
    table_rows = {table.pk: table for table in tables.values()}

    def where(slot_id, table_id):
        return [slots[slot_id].starts_at.isoformat(), table_rows[table_id].number]

    before = {m.pk: (m.slot_id, m.table_id) for m in changed}
    # Free the old places first: the unique indexes are checked statement by statement.
    ids = [m.pk for m in changed]
    Meeting.objects.filter(pk__in=ids).update(slot=None, table=None, status=Meeting.Status.UNPLACED, placed_at=None)
    MeetingParticipant.objects.filter(meeting_id__in=ids).update(slot=None)
    moves = []
    for meeting in sorted(changed, key=lambda m: m.pk):
        old_slot, old_table = before[meeting.pk]
        old_place = slots.get(old_slot) if old_slot else None
        if meeting.pk in target:
            slot_id, table_id = target[meeting.pk]
            meeting.slot, meeting.table = slots[slot_id], table_rows[table_id]
            meeting.status, meeting.placed_at = Meeting.Status.PLACED, now
            meeting.published = meeting.published or setup.published
            meeting.save(update_fields=["slot", "table", "status", "placed_at", "published"])
            MeetingParticipant.objects.filter(meeting=meeting).update(slot=slot_id)
        else:
            meeting.slot = meeting.table = None
            meeting.status = Meeting.Status.UNPLACED
        if old_slot:
            moves.append({"meeting": meeting.pk, "from": where(old_slot, old_table),
                          "to": where(meeting.slot.pk, meeting.table.pk) if meeting.slot else None,
                          "published": meeting.published})
            if meeting.published:
                _mail_moved(setup, meeting, old_slot=old_place, old_table=table_rows[old_table])
        elif meeting.published and meeting.slot:
            _mail_placed(setup, meeting)
    audit_log(actor=run.requested_by, action="meeting_schedule_applied", obj=setup,
              data={"run": run.pk, "placed": len(target), "changed": len(changed), "moved": len(moves)})
    return len(changed), moves


def _mail_moved(setup: MeetingSetup, meeting: Meeting, *, old_slot: MeetingSlot, old_table: MeetingTable) -> None:
    """Both people of a published meeting that moved (or lost its place) get one mail each: before
    and now."""
    people = [person.profile for person in meeting.participants.all()]
    for person, other in ((people[0], people[1]), (people[1], people[0])):
        _mail(person, "meeting_moved", setup=setup, partner=other, slot=meeting.slot, table=meeting.table,
              old_slot=old_slot, old_table=old_table)


# ---------------------------------------------------------------------------------------------
# The organiser's planning by hand: fixed tables, fixed meetings, session restrictions


def _person(profile: Profile) -> str:
    return f"{profile.full_name} ({profile.organisation})"


def _setup_meeting(setup: MeetingSetup, meeting_id: int) -> Meeting:
    meeting = (Meeting.objects.filter(pk=meeting_id, setup=setup).select_related("slot", "table", "session")
               .prefetch_related(Prefetch("participants", queryset=MeetingParticipant.objects
                                          .select_related("profile").order_by("id")))
               .first())
    if meeting is None:
        raise errors.PlanningRefused(_("This meeting does not exist (any more)."))
    return meeting


@transaction.atomic(durable=True)
def table_fixed_set(*, setup: MeetingSetup, table_id: int, profile_id: int | None, actor) -> MeetingTable:
    """The organiser gives a participant (e.g. an exhibitor) a fixed table, or frees the table
    (profile_id None): their meetings take place there and nobody else's. One fixed table per
    person: a former one of the same person is freed. Placing after publishing uses it at once;
    meetings already planned move there at the next "Alle einplanen". Refused (German message,
    nothing changed): a table of another event, someone who is no participant, a table already
    fixed for someone else (free it first), a table with meetings of others fixed there."""
    setup = _lock_setup(setup.pk)
    table = setup.tables.filter(pk=table_id).select_related("fixed_profile").first()
    if table is None:
        raise errors.PlanningRefused(_("Please choose one of the listed tables."))
    if profile_id is None:
        if table.fixed_profile_id is not None:
            former = table.fixed_profile_id
            table.fixed_profile = None
            table.save(update_fields=["fixed_profile"])
            audit_log(actor=actor, action="meeting_table_freed", obj=setup,
                      data={"table": table.number, "profile": former})
        return table
    profile = _participant(setup, profile_id)
    if profile is None:
        raise errors.PlanningRefused(_("A table can only be fixed for a participant of the event."))
    if table.fixed_profile_id == profile.pk:
        return table
    if table.fixed_profile_id is not None:
        raise errors.PlanningRefused(
            _("Table %(table)d is already fixed for %(person)s. Please free it first.")
            % {"table": table.number, "person": _person(table.fixed_profile)})
    # A meeting of others the organiser fixed at this table would keep it: refused, naming them.
    others = (MeetingParticipant.objects.filter(meeting__table=table, meeting__fixed=True)
              .exclude(meeting__participants__profile=profile).select_related("profile").order_by("meeting_id", "id"))
    if others:
        raise errors.PlanningRefused(
            _("Table %(table)d has meetings of others that you fixed there (%(people)s). Please move or release "
              "them first.") % {"table": table.number, "people": " – ".join(_person(p.profile) for p in others)})
    MeetingTable.objects.filter(setup=setup, fixed_profile=profile).update(fixed_profile=None)
    table.fixed_profile = profile
    table.save(update_fields=["fixed_profile"])
    audit_log(actor=actor, action="meeting_table_fixed", obj=setup, data={"table": table.number, "profile": profile.pk})
    return table


@transaction.atomic(durable=True)
def meeting_fix(*, setup: MeetingSetup, meeting_id: int, slot_id: int, table_id: int, actor,
                now: datetime.datetime | None = None) -> Meeting:
    """The organiser fixes a meeting to a time slot and a table: it is placed there at once and
    keeps this place in every "Alle einplanen" (the solver's fixed slot and table). Once the
    meetings are published, both people get a mail when its place changed. Refused (German
    message naming what is in the way, nothing changed): a slot or table of another event, a slot
    outside the session the meeting is restricted to, a slot one of the two marked unavailable or
    in which one of them has another meeting, a table taken in that slot, a table fixed for someone
    else, another table than the fixed table one of the two has."""
    now = now or timezone.now()
    setup = _lock_setup(setup.pk)
    meeting = _setup_meeting(setup, meeting_id)
    slot = setup.slots.filter(pk=slot_id).first()
    table = setup.tables.filter(pk=table_id).select_related("fixed_profile").first()
    if slot is None or table is None:
        raise errors.PlanningRefused(_("Please choose one of the listed time slots and tables."))
    people = {p.profile_id: p.profile for p in meeting.participants.all()}
    when = _local(slot.starts_at)
    if meeting.session_id is not None and slot.session_id != meeting.session_id:
        raise errors.PlanningRefused(
            _("The meeting is restricted to the session %(session)s. Please choose a time slot in it or lift the "
              "restriction first.") % {"session": _session_label(meeting.session)})
    away = list(Unavailability.objects.filter(slot=slot, profile_id__in=people).values_list("profile_id", flat=True))
    if away:
        raise errors.PlanningRefused(_("%(person)s cannot attend at %(slot)s (marked as unavailable).")
                                     % {"person": _person(people[away[0]]), "slot": when})
    busy = (MeetingParticipant.objects.filter(slot=slot, profile_id__in=people).exclude(meeting=meeting)
            .values_list("profile_id", flat=True).first())
    if busy is not None:
        raise errors.PlanningRefused(_("%(person)s already has another meeting at %(slot)s.")
                                     % {"person": _person(people[busy]), "slot": when})
    taken = (MeetingParticipant.objects.filter(meeting__slot=slot, meeting__table=table).exclude(meeting=meeting)
             .select_related("profile").order_by("id"))
    if taken:
        raise errors.PlanningRefused(
            _("Table %(table)d is already taken at %(slot)s (meeting of %(people)s).")
            % {"table": table.number, "slot": when, "people": " – ".join(_person(p.profile) for p in taken)})
    if table.fixed_profile_id is not None and table.fixed_profile_id not in people:
        raise errors.PlanningRefused(_("Table %(table)d is fixed for %(person)s.")
                                     % {"table": table.number, "person": _person(table.fixed_profile)})
    own = list(MeetingTable.objects.filter(setup=setup, fixed_profile_id__in=people).order_by("number"))
    if own and table.pk not in {t.pk for t in own}:
        raise errors.PlanningRefused(_("%(person)s has the fixed table %(table)d. Please choose it.")
                                     % {"person": _person(people[own[0].fixed_profile_id]), "table": own[0].number})
    old_slot, old_table = meeting.slot, meeting.table
    moved = (meeting.slot_id, meeting.table_id) != (slot.pk, table.pk)
    meeting.fixed = True
    if moved:
        meeting.slot, meeting.table, meeting.status, meeting.placed_at = slot, table, Meeting.Status.PLACED, now
    meeting.published = meeting.published or setup.published
    meeting.save(update_fields=["fixed", "slot", "table", "status", "placed_at", "published"])
    MeetingParticipant.objects.filter(meeting=meeting).update(slot=slot)
    audit_log(actor=actor, action="meeting_fixed", obj=meeting, data={"slot": slot.pk, "table": table.number})
    if moved and meeting.published:
        if old_slot is not None:
            _mail_moved(setup, meeting, old_slot=old_slot, old_table=old_table)
        else:
            _mail_placed(setup, meeting)
    return meeting


@transaction.atomic(durable=True)
def meeting_release(*, setup: MeetingSetup, meeting_id: int, actor) -> Meeting:
    """The organiser lifts a meeting's fixing: it stays where it is; the next "Alle einplanen" may
    move it (a published meeting stays where it can)."""
    setup = _lock_setup(setup.pk)
    meeting = _setup_meeting(setup, meeting_id)
    if meeting.fixed:
        meeting.fixed = False
        meeting.save(update_fields=["fixed"])
        audit_log(actor=actor, action="meeting_released", obj=meeting)
    return meeting


def _session_label(session: MeetingSession) -> str:
    return local_span(session.starts_at, session.ends_at)


@transaction.atomic(durable=True)
def meeting_session_set(*, setup: MeetingSetup, meeting_id: int, session_id: int | None, actor) -> Meeting:
    """The organiser restricts a meeting to one session (or lifts it: session_id None); planning
    then places it only in that session's slots (the solver's `session`, and placing after
    publishing). A planned meeting outside the session stays until the next "Alle einplanen" moves
    it. Refused: a session of another event, a meeting fixed to a slot outside the session."""
    setup = _lock_setup(setup.pk)
    meeting = _setup_meeting(setup, meeting_id)
    session = None
    if session_id is not None:
        session = setup.sessions.filter(pk=session_id).first()
        if session is None:
            raise errors.PlanningRefused(_("Please choose one of the listed sessions."))
        if meeting.fixed and meeting.slot is not None and meeting.slot.session_id != session.pk:
            raise errors.PlanningRefused(
                _("The meeting is fixed to %(slot)s, which is not in this session. Please lift the fixing first.")
                % {"slot": _local(meeting.slot.starts_at)})
    if meeting.session_id != session_id:
        meeting.session = session
        meeting.save(update_fields=["session"])
        audit_log(actor=actor, action="meeting_session_set", obj=meeting, data={"session": session_id})
    return meeting
