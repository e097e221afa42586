"""The scheduler's instance and result (frozen dataclasses), the exchange format of
`manage.py meetings_schedule` (docs/network.md), and the break count of a schedule."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# ---------------------------------------------------------------------------------------------
# Instance and result


@dataclass(frozen=True)
class Slot:
    id: int
    session: str
    # How the reasons for unplaced meetings name the slot (e.g. "10:15 Uhr"); its id when empty.
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or str(self.id)


@dataclass(frozen=True)
class Participant:
    id: int
    unavailable: frozenset[int] = frozenset()
    fixed_table: int | None = None


@dataclass(frozen=True)
class Meeting:
    id: int
    participants: tuple[int, int]
    session: str | None = None
    fixed_slot: int | None = None
    # With fixed_slot: the table the meeting keeps there (the organiser fixed both, or it was
    # published there); it comes before a participant's fixed table.
    fixed_table: int | None = None


@dataclass(frozen=True)
class Instance:
    """Slots in time order; tables are numbered 1..tables."""

    slots: tuple[Slot, ...]
    tables: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Placement:
    meeting: int
    slot: int
    table: int


@dataclass(frozen=True)
class Unplaced:
    meeting: int
    reason: str


@dataclass(frozen=True)
class Progress:
    """The current best during the search: meetings placed, total breaks (None while the solver
    still maximises the placed meetings) and the proven lower bound on the breaks (None until the
    breaks are minimised)."""

    phase: str
    placed: int
    breaks: int | None
    bound: int | None
    seconds: float


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    breaks: int
    max_breaks: int
    lower_bound: int
    seconds: float
    status: str  # "optimal": every phase proven optimal; "feasible": time limit hit; "greedy": no solver solution
    table_changes: int = 0
    phases: tuple[tuple[str, str, float], ...] = field(default=())  # (phase, CP-SAT status, seconds)


class InstanceError(ValueError):
    """An instance that cannot be scheduled as given; the message is German and says what to fix."""


# ---------------------------------------------------------------------------------------------
# Reading and writing the exchange format (docs/network.md)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(_("%(what)s must be a whole number, not %(value)s.") % {"what": what, "value": _shown(value)})
    return value


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _list(data: dict, key: str, what: str) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        raise InstanceError(_("%(what)s (“%(key)s”) is missing or not a list.") % {"what": what, "key": key})
    return value


def _object(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise InstanceError(_("%(what)s is not an object: %(value)s.") % {"what": what, "value": _shown(value)})
    return value


def instance_from_json(data: Any) -> Instance:
    """The instance of the exchange format, checked: unknown participants or slots, duplicate ids, a
    meeting of a participant with themselves, a fixed table outside 1..tables and the like raise an
    InstanceError with a German message. Extra keys are ignored."""
    data = _object(data, _("The instance"))
    tables = _int(data.get("tables"), _("The number of tables (“tables”)"))
    if tables < 0:
        raise InstanceError(_("The number of tables must not be negative."))

    slots: list[Slot] = []
    slot_ids: set[int] = set()
    for raw in _list(data, "slots", _("The list of slots")):
        raw = _object(raw, _("A slot"))
        slot_id = _int(raw.get("id"), _("The id of a slot"))
        if slot_id in slot_ids:
            raise InstanceError(_("Slot %(id)s appears twice.") % {"id": slot_id})
        session = raw.get("session")
        session = "" if session is None else str(session)
        label = raw.get("label")
        slot_ids.add(slot_id)
        slots.append(Slot(id=slot_id, session=session, label=label if isinstance(label, str) else ""))
    sessions = {slot.session for slot in slots}

    participants: list[Participant] = []
    participant_ids: set[int] = set()
    for raw in _list(data, "participants", _("The list of participants")):
        raw = _object(raw, _("A participant"))
        pid = _int(raw.get("id"), _("The id of a participant"))
        if pid in participant_ids:
            raise InstanceError(_("Participant %(id)s appears twice.") % {"id": pid})
        unavailable = raw.get("unavailable") or []
        if not isinstance(unavailable, list):
            raise InstanceError(_("The unavailable slots of participant %(id)s are not a list.") % {"id": pid})
        for slot_id in unavailable:
            if _int(slot_id, _("An unavailable slot of participant %(id)s") % {"id": pid}) not in slot_ids:
                raise InstanceError(
                    _("Participant %(id)s names an unknown slot %(slot)s as unavailable.") % {"id": pid, "slot": slot_id}
                )
        fixed_table = raw.get("fixed_table")
        if fixed_table is not None:
            fixed_table = _int(fixed_table, _("The fixed table of participant %(id)s") % {"id": pid})
            if not 1 <= fixed_table <= tables:
                raise InstanceError(
                    _("The fixed table %(table)s of participant %(id)s does not exist (tables 1 to %(tables)s).")
                    % {"table": fixed_table, "id": pid, "tables": tables}
                )
        participant_ids.add(pid)
        participants.append(Participant(id=pid, unavailable=frozenset(unavailable), fixed_table=fixed_table))

    meetings: list[Meeting] = []
    meeting_ids: set[int] = set()
    pairs: dict[frozenset[int], int] = {}
    for raw in _list(data, "meetings", _("The list of meetings")):
        raw = _object(raw, _("A meeting"))
        mid = _int(raw.get("id"), _("The id of a meeting"))
        if mid in meeting_ids:
            raise InstanceError(_("Meeting %(id)s appears twice.") % {"id": mid})
        people = raw.get("participants")
        if not isinstance(people, list) or len(people) != 2:
            raise InstanceError(_("Meeting %(id)s must name exactly two participants.") % {"id": mid})
        a, b = (_int(p, _("A participant of meeting %(id)s") % {"id": mid}) for p in people)
        for pid in (a, b):
            if pid not in participant_ids:
                raise InstanceError(_("Meeting %(id)s names an unknown participant %(participant)s.") % {"id": mid, "participant": pid})
        if a == b:
            raise InstanceError(_("In meeting %(id)s participant %(participant)s meets themselves.") % {"id": mid, "participant": a})
        pair = frozenset((a, b))
        if pair in pairs:
            raise InstanceError(
                _("Participants %(a)s and %(b)s meet twice (meetings %(first)s and %(second)s).")
                % {"a": a, "b": b, "first": pairs[pair], "second": mid}
            )
        session = raw.get("session")
        if session is not None:
            session = str(session)
            if session not in sessions:
                raise InstanceError(_("Meeting %(id)s names an unknown session “%(session)s”.") % {"id": mid, "session": session})
        fixed_slot = raw.get("fixed_slot")
        if fixed_slot is not None:
            fixed_slot = _int(fixed_slot, _("The fixed slot of meeting %(id)s") % {"id": mid})
            if fixed_slot not in slot_ids:
                raise InstanceError(_("Meeting %(id)s is fixed to an unknown slot %(slot)s.") % {"id": mid, "slot": fixed_slot})
        fixed_table = raw.get("fixed_table")
        if fixed_table is not None:
            fixed_table = _int(fixed_table, _("The fixed table of meeting %(id)s") % {"id": mid})
            if fixed_slot is None:
                raise InstanceError(_("Meeting %(id)s has a fixed table but no fixed slot.") % {"id": mid})
            if not 1 <= fixed_table <= tables:
                raise InstanceError(
                    _("The fixed table %(table)s of meeting %(id)s does not exist (tables 1 to %(tables)s).")
                    % {"table": fixed_table, "id": mid, "tables": tables}
                )
        meeting_ids.add(mid)
        pairs[pair] = mid
        meetings.append(Meeting(id=mid, participants=(a, b), session=session, fixed_slot=fixed_slot,
                                fixed_table=fixed_table))

    return Instance(slots=tuple(slots), tables=tables, participants=tuple(participants), meetings=tuple(meetings))


def schedule_to_json(schedule: Schedule) -> dict:
    """The output of the exchange format (docs/network.md)."""
    return {
        "meetings": [{"id": p.meeting, "slot": p.slot, "table": p.table} for p in schedule.placements],
        "unplaced": [{"id": u.meeting, "reason": u.reason} for u in schedule.unplaced],
        "breaks": schedule.breaks,
        "max_breaks": schedule.max_breaks,
        "lower_bound": schedule.lower_bound,
        "seconds": round(schedule.seconds, 2),
        "status": schedule.status,
        "table_changes": schedule.table_changes,
    }


# ---------------------------------------------------------------------------------------------
# Breaks


def participant_breaks(instance: Instance, slot_of: dict[int, int]) -> dict[int, int]:
    """Breaks per participant for meetings placed at `slot_of` {meeting: slot}: within each session
    the number of maximal runs of idle slots between two of the participant's meetings."""
    index = {slot.id: i for i, slot in enumerate(instance.slots)}
    busy: dict[int, list[int]] = defaultdict(list)
    for meeting in instance.meetings:
        if meeting.id in slot_of:
            for pid in meeting.participants:
                busy[pid].append(index[slot_of[meeting.id]])
    result = {p.id: 0 for p in instance.participants}
    for pid, positions in busy.items():
        positions.sort()
        for before, after in zip(positions, positions[1:]):
            if after > before + 1 and instance.slots[before].session == instance.slots[after].session:
                # idle slots between two meetings of one session: one run, one break (slots are in
                # time order, so a session's slots are contiguous in a well-formed instance)
                if all(instance.slots[k].session == instance.slots[before].session for k in range(before, after + 1)):
                    result[pid] += 1
    return result
