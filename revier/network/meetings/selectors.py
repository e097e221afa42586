"""Every non-trivial read of the Gesprächsbörse: who takes part, and what the pages show, each page
in a fixed number of queries whatever the number of participants, requests and meetings."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from revier.core.tokens import personal_link_holder
from revier.network.meetings.models import (
    Meeting,
    MeetingParticipant,
    MeetingRequest,
    MeetingSetup,
    MeetingSlot,
    MeetingTable,
    ScheduleRun,
    Unavailability,
)
from revier.network.models import Profile, ProfileRegistration

# The registration status that makes a profile a participant (events' Registration.Status.CONFIRMED).
REGISTRATION_CONFIRMED = "confirmed"


def participants_q(setup: MeetingSetup) -> Q:
    """The one condition for a participant of the event's Gesprächsbörse: a confirmed profile
    linked to a confirmed registration of the event (a profile may be linked to registrations of
    several events: a subquery, so that it is one row whatever its links)."""
    return Q(status=Profile.Status.CONFIRMED) & Q(Exists(ProfileRegistration.objects.filter(
        profile_id=OuterRef("pk"), registration__event_id=setup.event_id,
        registration__status=REGISTRATION_CONFIRMED,
    )))


def visible_to_participants_q() -> Q:
    """A profile other participants may see and ask: not hidden by its person or by staff."""
    return ~Q(visibility=Profile.Visibility.HIDDEN) & Q(hidden_by_staff=False)


def setup_for_event(*, event_id: int) -> MeetingSetup | None:
    return MeetingSetup.objects.filter(event_id=event_id).select_related("event").first()


def setups_for_profile(*, profile: Profile, now: datetime.datetime | None = None) -> list[MeetingSetup]:
    """The Gesprächsbörsen of the events the profile is registered for (a linked, confirmed
    registration each): events that have not ended first, the soonest first, then past ones, the
    latest first. One query."""
    now = now or timezone.now()
    setups = list(MeetingSetup.objects.filter(Exists(ProfileRegistration.objects.filter(
        profile_id=profile.pk, registration__event_id=OuterRef("event_id"),
        registration__status=REGISTRATION_CONFIRMED,
    ))).select_related("event"))
    upcoming = sorted((s for s in setups if s.event.ends_at > now), key=lambda s: (s.event.starts_at, s.pk))
    past = sorted((s for s in setups if s.event.ends_at <= now), key=lambda s: (s.event.starts_at, s.pk), reverse=True)
    return upcoming + past


def setup_of_request(*, setups: list[MeetingSetup], request_id: int | None) -> MeetingSetup | None:
    """Of a person's Gesprächsbörsen (setups_for_profile), the one the request `request_id` belongs to;
    None for no request or one of another Gesprächsbörse. One query, none for a single setup."""
    if request_id is None or not setups:
        return None
    if len(setups) == 1:
        return setups[0]
    setup_id = MeetingRequest.objects.filter(pk=request_id, setup__in=setups).values_list("setup_id", flat=True).first()
    return next((setup for setup in setups if setup.pk == setup_id), None)


def setup_for_profile(*, profile: Profile, event_slug: str | None = None) -> MeetingSetup | None:
    """The Gesprächsbörse of the event `event_slug` if the profile is registered for it (confirmed);
    without a slug the first of setups_for_profile (the next event's)."""
    setups = setups_for_profile(profile=profile)
    if event_slug is not None:
        return next((setup for setup in setups if setup.event.slug == event_slug), None)
    return setups[0] if setups else None


def request_get_by_token(*, token: str) -> MeetingRequest | None:
    """The request a mailed link opens (not expired), with setup, event and both profiles."""
    if not token or len(token) > 100:
        return None
    found = personal_link_holder(MeetingRequest, token)
    if found is None:
        return None
    return MeetingRequest.objects.select_related("setup__event", "sender", "recipient").get(pk=found.pk)


# ---------------------------------------------------------------------------------------------
# The check-in's outcome of a meeting


HELD, NO_SHOW, CONFLICT, OPEN = "held", "no_show", "conflict", ""


def meeting_outcome(attendances: Iterable[str]) -> str:
    """What the check-in says about a meeting, from its two people's rows
    (`MeetingParticipant.attendance`; the organiser's record writes both): `held` when a row says
    held and none says no-show, `no_show` when a row says no-show and none says held, `conflict`
    when the two contradict each other, `""` when nothing is recorded. The statistics
    (network.followup.selectors) use the check-in where it says held or no-show, and the follow-up
    answers otherwise."""
    said = {value for value in attendances if value}
    if said == {HELD}:
        return HELD
    if said == {NO_SHOW}:
        return NO_SHOW
    return CONFLICT if said else OPEN


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    partner: Profile
    own: MeetingParticipant | None = None  # the person's own row: their check-in record
    can_check_in: bool = False  # placed and published, its slot has begun, the event not over
    can_cancel: bool = False  # agreed, its slot (or, not planned yet, the event's end) still ahead


@dataclass(frozen=True)
class ParticipantPage:
    setup: MeetingSetup
    profile: Profile
    is_participant: bool
    others: list[Profile] = field(default_factory=list)
    incoming: list[MeetingRequest] = field(default_factory=list)
    outgoing: list[MeetingRequest] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    slots: list[MeetingSlot] = field(default_factory=list)
    unavailable: frozenset[int] = frozenset()
    open_count: int = 0
    blocked_ids: frozenset[int] = frozenset()


def participant_page_get(*, setup: MeetingSetup, profile: Profile,
                         now: datetime.datetime | None = None) -> ParticipantPage:
    """The participant's Gesprächsbörse page: the other visible participants, requests in and out,
    own meetings with partner (contact data: both agreed), whether each can be checked in or
    cancelled at `now` (the services decide again), the slots with the own unavailable marks.
    Nine queries, whatever the numbers."""
    now = now or timezone.now()
    is_participant = Profile.objects.filter(participants_q(setup), pk=profile.pk).exists()
    if not is_participant:
        return ParticipantPage(setup=setup, profile=profile, is_participant=False)
    others = list(Profile.objects.filter(participants_q(setup)).filter(visible_to_participants_q())
                  .exclude(pk=profile.pk).order_by("organisation", "last_name", "id"))
    requests = list(MeetingRequest.objects.filter(Q(sender=profile) | Q(recipient=profile), setup=setup)
                    .select_related("sender", "recipient").order_by("-created_at", "-id"))
    participations = list(
        MeetingParticipant.objects.filter(profile=profile, meeting__setup=setup)
        .select_related("meeting__slot", "meeting__table")
        .prefetch_related(Prefetch("meeting__participants",
                                   queryset=MeetingParticipant.objects.select_related("profile")))
    )
    meetings = []
    for participation in participations:
        meeting = participation.meeting
        partner = next(p.profile for p in meeting.participants.all() if p.profile_id != profile.pk)
        slot = meeting.slot
        placed = meeting.status == Meeting.Status.PLACED and meeting.published
        meetings.append(MeetingRow(
            meeting=meeting, partner=partner, own=participation,
            can_check_in=placed and slot.starts_at <= now < max(setup.event.ends_at, slot.ends_at),
            can_cancel=now < (slot.starts_at if slot is not None else setup.event.ends_at),
        ))
    meetings.sort(key=lambda row: (row.meeting.slot is None, row.meeting.slot.starts_at if row.meeting.slot else 0,
                                   row.meeting.pk))
    blocked = frozenset(
        request.recipient_id if request.sender_id == profile.pk else request.sender_id
        for request in requests if request.status in MeetingRequest.BLOCKING
    )
    return ParticipantPage(
        setup=setup,
        profile=profile,
        is_participant=True,
        others=others,
        incoming=[request for request in requests if request.recipient_id == profile.pk],
        outgoing=[request for request in requests if request.sender_id == profile.pk],
        meetings=meetings,
        slots=list(setup.slots.all()),
        unavailable=frozenset(Unavailability.objects.filter(profile=profile, slot__setup=setup)
                              .values_list("slot_id", flat=True)),
        open_count=sum(1 for request in requests
                       if request.sender_id == profile.pk and request.status == MeetingRequest.Status.PENDING),
        blocked_ids=blocked,
    )


@dataclass(frozen=True)
class SetupOverview:
    participants: int
    requests: dict[str, int]
    meetings_total: int
    meetings_placed: int
    slots: int
    tables: int


def setup_overview(*, setup: MeetingSetup) -> SetupOverview:
    """The organiser's counts: participants, requests per status, meetings (placed), slots, tables."""
    per_status = dict(MeetingRequest.objects.filter(setup=setup).values_list("status").annotate(n=Count("id")))
    meetings = Meeting.objects.filter(setup=setup).aggregate(
        total=Count("id"), placed=Count("id", filter=Q(status=Meeting.Status.PLACED))
    )
    return SetupOverview(
        participants=Profile.objects.filter(participants_q(setup)).count(),
        requests={status: per_status.get(status, 0) for status in MeetingRequest.Status.values},
        meetings_total=meetings["total"],
        meetings_placed=meetings["placed"],
        slots=setup.slots.count(),
        tables=setup.tables.count(),
    )


def meeting_list_for_setup(*, setup: MeetingSetup) -> QuerySet[Meeting]:
    return Meeting.objects.filter(setup=setup).select_related("slot", "table")


@dataclass(frozen=True)
class MoveView:
    people: str
    before: str  # "23. Oktober 2026, 10:00 Uhr, Tisch 3"
    after: str  # the same, or "" when the meeting lost its place
    published: bool


@dataclass(frozen=True)
class RunView:
    run: ScheduleRun
    unplaced: list[tuple[str, str]]  # (the two people, the German reason)
    moves: list[MoveView] = field(default_factory=list)  # meetings that had a place and got another or none


def _place_label(place) -> str:
    """[ISO start, table number] of a run's report as German text."""
    import datetime

    from django.utils.translation import gettext as _

    from revier.core.dates import local_datetime

    try:
        start = datetime.datetime.fromisoformat(place[0])
        return _("%(when)s, table %(table)s") % {"when": local_datetime(start),
                                                   "table": int(place[1])}
    except (TypeError, ValueError, IndexError):
        return ""


def schedule_run_latest(*, setup: MeetingSetup) -> RunView | None:
    """The newest "Alle einplanen" run with its report's unplaced and moved meetings named by their
    people (two queries, whatever the numbers)."""
    run = ScheduleRun.objects.filter(setup=setup).first()
    if run is None:
        return None
    report = run.report if isinstance(run.report, dict) else {}
    items = [item for item in report.get("unplaced", []) if isinstance(item, dict)]
    moves = [move for move in report.get("moves", []) if isinstance(move, dict)]
    ids = [item.get("meeting") for item in items] + [move.get("meeting") for move in moves]
    names: dict[int, list[str]] = {}
    for participant in MeetingParticipant.objects.filter(meeting_id__in=ids).select_related("profile").order_by("id"):
        names.setdefault(participant.meeting_id, []).append(
            f"{participant.profile.full_name} ({participant.profile.organisation})")

    def people(pk) -> str:
        return " – ".join(names.get(pk, [])) or f"#{pk}"

    return RunView(
        run=run,
        unplaced=[(people(item.get("meeting")), item.get("reason", "")) for item in items],
        moves=[MoveView(people=people(move.get("meeting")), before=_place_label(move.get("from")),
                        after=_place_label(move.get("to")) if move.get("to") else "",
                        published=bool(move.get("published"))) for move in moves],
    )


@dataclass(frozen=True)
class PlanEntry:
    meeting: Meeting
    people: list[Profile]


@dataclass(frozen=True)
class TablePlan:
    by_table: list[tuple[object, list[PlanEntry]]]  # (table, its meetings in time order)
    by_person: list[tuple[Profile, list[tuple[Meeting, Profile]]]]  # (person, [(meeting, partner)])


def table_plan(*, setup: MeetingSetup) -> TablePlan:
    """The printable plan of placed meetings, per table and per person; three queries."""
    meetings = list(Meeting.objects.filter(setup=setup, status=Meeting.Status.PLACED)
                    .select_related("slot", "table")
                    .prefetch_related(Prefetch("participants", queryset=MeetingParticipant.objects
                                               .select_related("profile").order_by("id")))
                    .order_by("slot__starts_at", "table__number", "id"))
    by_table: dict[int, tuple[object, list[PlanEntry]]] = {}
    by_person: dict[int, tuple[Profile, list]] = {}
    for meeting in meetings:
        people = [p.profile for p in meeting.participants.all()]
        by_table.setdefault(meeting.table_id, (meeting.table, []))[1].append(PlanEntry(meeting=meeting, people=people))
        for person in people:
            partner = next((p for p in people if p.pk != person.pk), person)
            by_person.setdefault(person.pk, (person, []))[1].append((meeting, partner))
    return TablePlan(
        by_table=sorted(by_table.values(), key=lambda item: item[0].number),
        by_person=sorted(by_person.values(), key=lambda item: (item[0].last_name, item[0].first_name, item[0].pk)),
    )


# --- The organiser's planning by hand -------------------------------------------------------------


@dataclass(frozen=True)
class PlanningRow:
    meeting: Meeting
    people: list[Profile]


@dataclass(frozen=True)
class PlanningPage:
    rows: list[PlanningRow]
    tables: list  # MeetingTable with fixed_profile
    participants: list[Profile]
    placed: int
    fixed: int


def _meetings_with_people() -> QuerySet[Meeting]:
    return (Meeting.objects.select_related("slot", "table", "session")
            .prefetch_related(Prefetch("participants", queryset=MeetingParticipant.objects
                                       .select_related("profile").order_by("id"))))


def planning_page(*, setup: MeetingSetup) -> PlanningPage:
    """The organiser's list of meetings with their state (planned or not, fixed, session), the
    tables with their fixed participants and the participants to choose from; four queries,
    whatever the numbers."""
    meetings = list(_meetings_with_people().filter(setup=setup)
                    .order_by(F("slot__starts_at").asc(nulls_first=True), "table__number", "id"))
    rows = [PlanningRow(meeting=m, people=[p.profile for p in m.participants.all()]) for m in meetings]
    return PlanningPage(
        rows=rows,
        tables=list(setup.tables.select_related("fixed_profile").order_by("number")),
        participants=list(Profile.objects.filter(participants_q(setup)).order_by("last_name", "first_name", "id")),
        placed=sum(1 for m in meetings if m.slot_id),
        fixed=sum(1 for m in meetings if m.fixed),
    )


@dataclass(frozen=True)
class MeetingDetail:
    meeting: Meeting
    people: list[Profile]
    slots: list[MeetingSlot]
    tables: list
    sessions: list
    unavailable: dict[int, list[Profile]]  # slot id → which of the two cannot attend
    busy: dict[int, list[Profile]]  # slot id → which of the two has another meeting then


def meeting_detail(*, setup: MeetingSetup, meeting_id: int) -> MeetingDetail | None:
    """One meeting for the organiser, with the slots, tables and sessions to choose from and, per
    slot, which of the two cannot attend or is busy; six queries."""
    meeting = _meetings_with_people().filter(setup=setup, pk=meeting_id).first()
    if meeting is None:
        return None
    people = [p.profile for p in meeting.participants.all()]
    by_id = {p.pk: p for p in people}
    unavailable: dict[int, list[Profile]] = {}
    for profile_id, slot_id in Unavailability.objects.filter(profile_id__in=by_id, slot__setup=setup).values_list(
            "profile_id", "slot_id"):
        unavailable.setdefault(slot_id, []).append(by_id[profile_id])
    busy: dict[int, list[Profile]] = {}
    for profile_id, slot_id in (MeetingParticipant.objects.filter(profile_id__in=by_id, slot__isnull=False,
                                                                  meeting__setup=setup)
                                .exclude(meeting=meeting).values_list("profile_id", "slot_id")):
        busy.setdefault(slot_id, []).append(by_id[profile_id])
    return MeetingDetail(
        meeting=meeting, people=people, slots=list(setup.slots.all()),
        tables=list(setup.tables.select_related("fixed_profile").order_by("number")),
        sessions=list(setup.sessions.all()), unavailable=unavailable, busy=busy,
    )
# ---------------------------------------------------------------------------------------------
# The organiser's live board and check-in at the table


@dataclass(frozen=True)
class BoardEntry:
    table: MeetingTable
    meeting: Meeting | None  # None: the table is free in this slot
    people: list[MeetingParticipant] = field(default_factory=list)  # with profile, in the order of the rows
    outcome: str = OPEN  # meeting_outcome of the two rows

    @property
    def by_organiser(self) -> bool:
        return any(person.attendance_by_organiser for person in self.people)


@dataclass(frozen=True)
class BoardSlot:
    slot: MeetingSlot
    entries: list[BoardEntry]

    @property
    def meetings(self) -> int:
        return sum(1 for entry in self.entries if entry.meeting is not None)

    @property
    def recorded(self) -> int:
        return sum(1 for entry in self.entries if entry.meeting is not None and entry.outcome != OPEN)


def _board_slots(setup: MeetingSetup, slots: list[MeetingSlot], tables: list[MeetingTable] | None) -> list[BoardSlot]:
    """Per slot, its placed meetings with both people and their check-in, by table number; with
    `tables`, every table (the free ones without a meeting). Two queries, or none without slots."""
    if not slots:
        return []
    meetings = list(
        Meeting.objects.filter(setup=setup, status=Meeting.Status.PLACED, slot__in=[slot.pk for slot in slots])
        .select_related("table")
        .prefetch_related(Prefetch("participants", queryset=MeetingParticipant.objects.select_related("profile")
                                   .order_by("id")))
        .order_by("table__number", "id")
    )
    result = []
    for slot in slots:
        placed = {meeting.table_id: meeting for meeting in meetings if meeting.slot_id == slot.pk}
        rows = tables if tables is not None else [meeting.table for meeting in placed.values()]
        entries = []
        for table in rows:
            meeting = placed.get(table.pk)
            people = list(meeting.participants.all()) if meeting is not None else []
            entries.append(BoardEntry(table=table, meeting=meeting, people=people,
                                      outcome=meeting_outcome(person.attendance for person in people)))
        result.append(BoardSlot(slot=slot, entries=entries))
    return result


@dataclass(frozen=True)
class LiveBoard:
    now: datetime.datetime
    current: BoardSlot | None  # the slot running now
    following: BoardSlot | None  # the next slot to begin
    slots: int  # how many slots the Gesprächsbörse has


def live_board(*, setup: MeetingSetup, now: datetime.datetime | None = None) -> LiveBoard:
    """The organiser's live board: the slot running now and the next one, each with every table,
    who meets whom there and what the check-in says. Four queries, whatever the numbers."""
    now = now or timezone.now()
    slots = list(setup.slots.all())
    current = next((slot for slot in slots if slot.starts_at <= now < slot.ends_at), None)
    following = next((slot for slot in slots if slot.starts_at > now), None)
    wanted = [slot for slot in (current, following) if slot is not None]
    built = {board.slot.pk: board for board in _board_slots(setup, wanted, list(setup.tables.all()) if wanted else None)}
    return LiveBoard(now=now, current=built.get(current.pk) if current else None,
                     following=built.get(following.pk) if following else None, slots=len(slots))


@dataclass(frozen=True)
class SlotCheckIn:
    slots: list[MeetingSlot]
    board: BoardSlot | None  # the chosen slot with its meetings (tables without a meeting left out)
    started: bool  # the chosen slot has begun: the check-in is open
    previous: MeetingSlot | None
    following: MeetingSlot | None


def slot_check_in(*, setup: MeetingSetup, slot_id: int | None, now: datetime.datetime | None = None) -> SlotCheckIn:
    """The organiser's check-in page for one slot: the chosen one, else the slot running now, else
    the last one that has begun, else the first. Three queries, whatever the numbers."""
    now = now or timezone.now()
    slots = list(setup.slots.all())
    chosen = next((slot for slot in slots if slot.pk == slot_id), None) if slot_id is not None else None
    if chosen is None:
        begun = [slot for slot in slots if slot.starts_at <= now]
        chosen = begun[-1] if begun else (slots[0] if slots else None)
    if chosen is None:
        return SlotCheckIn(slots=slots, board=None, started=False, previous=None, following=None)
    index = slots.index(chosen)
    return SlotCheckIn(
        slots=slots,
        board=_board_slots(setup, [chosen], None)[0],
        started=chosen.starts_at <= now,
        previous=slots[index - 1] if index > 0 else None,
        following=slots[index + 1] if index + 1 < len(slots) else None,
    )


@dataclass(frozen=True)
class OwnMeeting:
    meeting_request: MeetingRequest
    meeting: Meeting | None  # None: not (or no longer) an agreed meeting
    partner: Profile


def own_meeting_get(*, setup: MeetingSetup, profile: Profile, request_id: int | None) -> OwnMeeting | None:
    """The person's request `request_id` of this Gesprächsbörse (sent or received) with its meeting,
    slot and table, and the other person; None when it is not theirs. Two queries."""
    if request_id is None:
        return None
    found = (MeetingRequest.objects.filter(Q(sender=profile) | Q(recipient=profile), setup=setup, pk=request_id)
             .select_related("sender", "recipient").first())
    if found is None:
        return None
    meeting = Meeting.objects.filter(request=found).select_related("slot", "table").first()
    partner = found.recipient if found.sender_id == profile.pk else found.sender
    return OwnMeeting(meeting_request=found, meeting=meeting, partner=partner)


def meeting_get(*, setup: MeetingSetup, meeting_id: int | None) -> Meeting | None:
    """A meeting of this Gesprächsbörse by its number, or None."""
    if meeting_id is None:
        return None
    return Meeting.objects.filter(setup=setup, pk=meeting_id).first()
