"""The meeting scheduler of the Gesprächsbörse: accepted meetings → slot and table.

A pure function of its input (no database, no models): the site's background worker and
`manage.py meetings_schedule` call the same `schedule_meetings`. The model is described in
docs/network.md; in short:

1. Before the solver: each meeting's *domain* (the slots both participants can attend, within the
   meeting's session), fixed meetings placed first (a clash between fixed meetings leaves the later
   one unplaced), and each meeting's *table* where a participant has a fixed one.
2. Slots with CP-SAT, three lexicographic phases on one model: (1) as many meetings placed as
   possible, (2) fewest breaks in total, (3) fewest breaks for the worst-off participant. Tables are
   interchangeable except fixed ones, so a slot takes at most `tables` meetings and a fixed table at
   most one; a table assignment always exists then. A greedy schedule is the first hint and the
   fallback.
3. Tables, greedily, slot after slot: fixed tables first, then each meeting at the table one of its
   participants sat at before, when it is free.

Every meeting left unplaced gets a German reason computed from the instance and the final schedule,
never from the solver's silence.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


# ---------------------------------------------------------------------------------------------
# Instance and result


@dataclass(frozen=True)
class Slot:
    id: int
    session: str


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
        slot_ids.add(slot_id)
        slots.append(Slot(id=slot_id, session=session))
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
        meeting_ids.add(mid)
        pairs[pair] = mid
        meetings.append(Meeting(id=mid, participants=(a, b), session=session, fixed_slot=fixed_slot))

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


# ---------------------------------------------------------------------------------------------
# The scheduler


@dataclass
class _Prepared:
    instance: Instance
    slot_index: dict[int, int]
    participant: dict[int, Participant]
    table_of: dict[int, int | None]  # meeting → forced table (a participant's fixed table)
    domain: dict[int, list[int]]  # meeting → slot indexes it may take (empty: cannot be placed)
    fixed: dict[int, int]  # fixed meeting that is kept → slot index
    reasons: dict[int, str]  # meeting → reason it cannot be placed, known before solving


def _prepare(instance: Instance) -> _Prepared:
    slot_index = {slot.id: i for i, slot in enumerate(instance.slots)}
    participant = {p.id: p for p in instance.participants}
    table_of: dict[int, int | None] = {}
    domain: dict[int, list[int]] = {}
    reasons: dict[int, str] = {}
    fixed: dict[int, int] = {}

    for meeting in instance.meetings:
        a, b = (participant[pid] for pid in meeting.participants)
        # Two participants with different fixed tables: the meeting takes the first one's table
        # (the first named is the one who asked; documented in docs/network.md).
        table_of[meeting.id] = a.fixed_table if a.fixed_table is not None else b.fixed_table
        common = [i for i, slot in enumerate(instance.slots) if slot.id not in a.unavailable and slot.id not in b.unavailable]
        in_session = [i for i in common if meeting.session is None or instance.slots[i].session == meeting.session]
        names = {"a": a.id, "b": b.id}
        if instance.tables == 0:
            reasons[meeting.id] = _("There are no tables.")
        elif meeting.fixed_slot is not None:
            fixed_index = slot_index[meeting.fixed_slot]
            missing = [p.id for p in (a, b) if meeting.fixed_slot in p.unavailable]
            if missing:
                reasons[meeting.id] = _(
                    "The fixed slot %(slot)s is marked unavailable by participant %(participant)s."
                ) % {"slot": meeting.fixed_slot, "participant": _(" and ").join(map(str, missing))}
            elif meeting.session is not None and instance.slots[fixed_index].session != meeting.session:
                reasons[meeting.id] = _(
                    "The fixed slot %(slot)s does not belong to the session “%(session)s” the meeting is restricted to."
                ) % {"slot": meeting.fixed_slot, "session": meeting.session}
            else:
                domain[meeting.id] = [fixed_index]
                continue
        elif not common:
            reasons[meeting.id] = _(
                "No common free time: participants %(a)s and %(b)s have no free slot in common."
            ) % names
        elif not in_session:
            reasons[meeting.id] = _(
                "No common free time in the session “%(session)s”: participants %(a)s and %(b)s have no free slot in common there."
            ) % {**names, "session": meeting.session}
        else:
            domain[meeting.id] = in_session
            continue
        domain[meeting.id] = []

    # Fixed meetings keep their slot; where two of them clash, the one named later gives way.
    busy: set[tuple[int, int]] = set()
    count: dict[int, int] = defaultdict(int)
    table_taken: set[tuple[int, int]] = set()
    for meeting in instance.meetings:
        if meeting.fixed_slot is None or not domain[meeting.id]:
            continue
        index = domain[meeting.id][0]
        clash = [pid for pid in meeting.participants if (pid, index) in busy]
        table = table_of[meeting.id]
        if clash:
            reasons[meeting.id] = _(
                "The fixed slot %(slot)s is already taken by another fixed meeting of participant %(participant)s."
            ) % {"slot": meeting.fixed_slot, "participant": _(" and ").join(map(str, clash))}
        elif count[index] >= instance.tables:
            reasons[meeting.id] = _("In the fixed slot %(slot)s all tables are taken by other fixed meetings.") % {
                "slot": meeting.fixed_slot
            }
        elif table is not None and (table, index) in table_taken:
            reasons[meeting.id] = _(
                "In the fixed slot %(slot)s the fixed table %(table)s is taken by another fixed meeting."
            ) % {"slot": meeting.fixed_slot, "table": table}
        else:
            fixed[meeting.id] = index
            busy.update((pid, index) for pid in meeting.participants)
            count[index] += 1
            if table is not None:
                table_taken.add((table, index))
            continue
        domain[meeting.id] = []
    return _Prepared(instance, slot_index, participant, table_of, domain, fixed, reasons)


def _breaks_of(positions: Iterable[int], sessions: list[str]) -> int:
    ordered = sorted(positions)
    return sum(1 for x, y in zip(ordered, ordered[1:]) if y > x + 1 and sessions[x] == sessions[y])


def _greedy(prep: _Prepared, rng: random.Random | None = None) -> dict[int, int]:
    """A first schedule {meeting: slot index}: fixed meetings, then the others, the least flexible
    first, each into the feasible slot that adds the fewest breaks (ties: next to a meeting it
    already has, then the emptiest slot, then earliest). With `rng`, the order and the last
    tie-break are shuffled a little (for several starts)."""
    instance = prep.instance
    sessions = [slot.session for slot in instance.slots]
    result = dict(prep.fixed)
    busy: dict[int, set[int]] = defaultdict(set)
    count: dict[int, int] = defaultdict(int)
    table_taken: set[tuple[int, int]] = set()
    meeting_by_id = {m.id: m for m in instance.meetings}
    for mid, index in prep.fixed.items():
        for pid in meeting_by_id[mid].participants:
            busy[pid].add(index)
        count[index] += 1
        if prep.table_of[mid] is not None:
            table_taken.add((prep.table_of[mid], index))
    degree: dict[int, int] = defaultdict(int)
    for meeting in instance.meetings:
        if prep.domain[meeting.id]:
            for pid in meeting.participants:
                degree[pid] += 1
    order = sorted(
        (m for m in instance.meetings if m.id not in prep.fixed and prep.domain[m.id]),
        key=lambda m: (
            len(prep.domain[m.id]) * (1 + (rng.random() if rng else 0)),
            -max(degree[p] for p in m.participants),
            m.id,
        ),
    )
    for meeting in order:
        a, b = meeting.participants
        table = prep.table_of[meeting.id]
        best: tuple | None = None
        for index in prep.domain[meeting.id]:
            if index in busy[a] or index in busy[b] or count[index] >= instance.tables:
                continue
            if table is not None and (table, index) in table_taken:
                continue
            added = sum(_breaks_of(busy[p] | {index}, sessions) - _breaks_of(busy[p], sessions) for p in (a, b))
            adjacent = sum(
                1
                for p in (a, b)
                for n in (index - 1, index + 1)
                if n in busy[p] and 0 <= n < len(sessions) and sessions[n] == sessions[index]
            )
            key = (added, -adjacent, count[index] if rng is None else rng.random(), index)
            if best is None or key < best:
                best = key
        if best is None:
            continue
        index = best[-1]
        result[meeting.id] = index
        busy[a].add(index)
        busy[b].add(index)
        count[index] += 1
        if table is not None:
            table_taken.add((table, index))
    return result


def _matching_size(domains: list[list[int]], slots: set[int] | None = None) -> int:
    """How many of the meetings (their domains) can each get their own slot (of `slots`, if given)."""
    owner: dict[int, int] = {}

    def augment(meeting: int, seen: set[int]) -> bool:
        for index in domains[meeting]:
            if (slots is None or index in slots) and index not in seen:
                seen.add(index)
                if index not in owner or augment(owner[index], seen):
                    owner[index] = meeting
                    return True
        return False

    return sum(augment(meeting, set()) for meeting in range(len(domains)))


def _unplaced_at_least(prep: _Prepared) -> int:
    """A lower bound on the meetings left out of any schedule: a participant whose meetings cannot
    all get different slots leaves out at least the difference; one meeting left out can count for
    both its participants."""
    mine: dict[int, list[list[int]]] = defaultdict(list)
    for meeting in prep.instance.meetings:
        if prep.domain[meeting.id]:
            for pid in meeting.participants:
                mine[pid].append(prep.domain[meeting.id])
    excess = [len(domains) - _matching_size(domains) for domains in mine.values()]
    return max(max(excess, default=0), -(-sum(excess) // 2))


def _matchable(domains: list[list[int]], slots: set[int]) -> bool:
    """Can each meeting (its domain) get its own slot of `slots`? (augmenting paths)"""
    owner: dict[int, int] = {}

    def augment(meeting: int, seen: set[int]) -> bool:
        for index in domains[meeting]:
            if index in slots and index not in seen:
                seen.add(index)
                if index not in owner or augment(owner[index], seen):
                    owner[index] = meeting
                    return True
        return False

    return all(augment(meeting, set()) for meeting in range(len(domains)))


def _forced_breaks(prep: _Prepared, session_runs: list[list[int]], budget: int = 3000) -> set[int]:
    """Participants who cannot do without a break even if nobody else had a meeting: no choice of
    one run of consecutive slots per session gives each of their meetings its own slot of its domain.
    A valid lower bound of 1 for each, when all their meetings are placed. Participants whose check
    would take more than `budget` matchings are left out (no bound claimed)."""
    mine: dict[int, list[list[int]]] = defaultdict(list)
    for meeting in prep.instance.meetings:
        if prep.domain[meeting.id]:
            for pid in meeting.participants:
                mine[pid].append(prep.domain[meeting.id])
    options = [[()] + [tuple(run[a:b]) for a in range(len(run)) for b in range(a + 1, len(run) + 1)] for run in session_runs]
    forced = set()
    for pid, domains in sorted(mine.items()):
        if len(domains) < 2:
            continue
        calls = 0

        def possible(run: int, left: int, chosen: tuple[int, ...]) -> bool | None:
            nonlocal calls
            if run == len(options):
                if left:
                    return False
                calls += 1
                return True if calls > budget else _matchable(domains, set(chosen))
            for interval in options[run]:
                if len(interval) <= left and possible(run + 1, left - len(interval), chosen + interval):
                    return True
            return False

        if not possible(0, len(domains), ()) and calls <= budget:
            forced.add(pid)
    return forced


class _LocalSearch:
    """Descent on a schedule {meeting: slot index}: insert unplaced meetings where they fit, move a
    meeting to another slot, or swap the slots of two meetings of one participant, whenever that
    places more or lowers the breaks of the people concerned. Fixed meetings stay."""

    def __init__(self, prep: _Prepared, solution: dict[int, int]):
        self.prep = prep
        self.sessions = [slot.session for slot in prep.instance.slots]
        self.people = {m.id: m.participants for m in prep.instance.meetings}
        self.slot_of = dict(solution)
        self.busy: dict[int, set[int]] = defaultdict(set)
        self.count: dict[int, int] = defaultdict(int)
        self.tables: dict[tuple[int, int], int] = {}
        self.of_participant: dict[int, list[int]] = defaultdict(list)
        for meeting in prep.instance.meetings:
            if prep.domain[meeting.id]:
                for pid in meeting.participants:
                    self.of_participant[pid].append(meeting.id)
        for mid, index in solution.items():
            self._add(mid, index)

    def _add(self, mid: int, index: int) -> None:
        self.slot_of[mid] = index
        for pid in self.people[mid]:
            self.busy[pid].add(index)
        self.count[index] += 1
        if self.prep.table_of[mid] is not None:
            self.tables[self.prep.table_of[mid], index] = mid

    def _remove(self, mid: int) -> int:
        index = self.slot_of.pop(mid)
        for pid in self.people[mid]:
            self.busy[pid].discard(index)
        self.count[index] -= 1
        if self.prep.table_of[mid] is not None:
            del self.tables[self.prep.table_of[mid], index]
        return index

    def _fits(self, mid: int, index: int, ignore: int | None = None) -> bool:
        table = self.prep.table_of[mid]
        if table is not None and self.tables.get((table, index), ignore) != ignore:
            return False
        return self.count[index] < self.prep.instance.tables and not any(
            index in self.busy[pid] for pid in self.people[mid]
        )

    def breaks(self, pid: int, extra: set[int] = frozenset(), without: set[int] = frozenset()) -> int:
        return _breaks_of((self.busy[pid] - without) | extra, self.sessions)

    def total(self) -> int:
        return sum(_breaks_of(busy, self.sessions) for busy in self.busy.values())

    def run(self, deadline: float) -> dict[int, int]:
        prep = self.prep
        movable = [m.id for m in prep.instance.meetings if prep.domain[m.id] and m.id not in prep.fixed]
        improved = True
        while improved and time.monotonic() < deadline:
            improved = False
            for mid in movable:
                a, b = self.people[mid]
                if mid not in self.slot_of:
                    fitting = [i for i in prep.domain[mid] if self._fits(mid, i)]
                    if fitting:
                        best = min(fitting, key=lambda i: (self.breaks(a, {i}) + self.breaks(b, {i}), i))
                        self._add(mid, best)
                        improved = True
                    continue
                current = self._remove(mid)
                before = self.breaks(a, {current}) + self.breaks(b, {current})
                best, best_value = current, before
                for index in prep.domain[mid]:
                    if index != current and self._fits(mid, index):
                        value = self.breaks(a, {index}) + self.breaks(b, {index})
                        if value < best_value:
                            best, best_value = index, value
                self._add(mid, best)
                improved |= best != current
            if time.monotonic() >= deadline:
                break
            for pid, mids in self.of_participant.items():
                placed = [m for m in mids if m in self.slot_of and m not in prep.fixed]
                for i, first in enumerate(placed):
                    for second in placed[i + 1:]:
                        if self._swap(pid, first, second):
                            improved = True
        return dict(self.slot_of)

    def _swap(self, pid: int, first: int, second: int) -> bool:
        s1, s2 = self.slot_of[first], self.slot_of[second]
        if s2 not in self.prep.domain[first] or s1 not in self.prep.domain[second]:
            return False
        q1 = next(p for p in self.people[first] if p != pid)
        q2 = next(p for p in self.people[second] if p != pid)
        if s2 in self.busy[q1] or s1 in self.busy[q2]:
            return False
        t1, t2 = self.prep.table_of[first], self.prep.table_of[second]
        if t1 is not None and self.tables.get((t1, s2), second) != second:
            return False
        if t2 is not None and self.tables.get((t2, s1), first) != first:
            return False
        before = self.breaks(q1) + self.breaks(q2)
        after = self.breaks(q1, {s2}, {s1}) + self.breaks(q2, {s1}, {s2})
        if after >= before:
            return False
        self._remove(first)
        self._remove(second)
        self._add(first, s2)
        self._add(second, s1)
        return True


def _start(prep: _Prepared, *, seed: int, deadline: float) -> dict[int, int]:
    """The best of several greedy starts, each improved by local search, until `deadline`: the
    plain greedy first, then shuffled ones (random.Random(seed): the same for the same seed). Best:
    most placed, then fewest breaks."""
    rng = random.Random(seed)
    best, best_key = None, None
    attempt = 0
    while attempt == 0 or time.monotonic() < deadline:
        search = _LocalSearch(prep, _greedy(prep, rng if attempt else None))
        solution = search.run(deadline if attempt else float("inf"))
        key = (-len(solution), search.total())
        if best_key is None or key < best_key:
            best, best_key = solution, key
        attempt += 1
        if attempt >= 200:
            break
    return best


def _solve_slots(
    prep: _Prepared,
    start: dict[int, int],
    *,
    deadline: float,
    began: float,
    seed: int,
    workers: int,
    progress: Callable[[Progress], None] | None,
    log: Callable[[str], None] | None,
) -> tuple[dict[int, int], int, tuple[tuple[str, str, float], ...], bool]:
    """CP-SAT on the slots, in three lexicographic phases. Returns (slot index per placed meeting,
    lower bound on the breaks, phases, all proven optimal)."""
    from ortools.sat.python import cp_model

    instance = prep.instance
    n_slots = len(instance.slots)
    sessions = [slot.session for slot in instance.slots]
    model = cp_model.CpModel()
    x: dict[tuple[int, int], Any] = {}
    by_participant_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_slot: dict[int, list] = defaultdict(list)
    by_table_slot: dict[tuple[int, int], list] = defaultdict(list)
    placed_terms = []
    placeable = 0
    for meeting in instance.meetings:
        indexes = prep.domain[meeting.id]
        if not indexes:
            continue
        placeable += 1
        terms = []
        for index in indexes:
            var = model.new_bool_var(f"x_{meeting.id}_{index}")
            x[meeting.id, index] = var
            terms.append(var)
            for pid in meeting.participants:
                by_participant_slot[pid, index].append(var)
            by_slot[index].append(var)
            if prep.table_of[meeting.id] is not None:
                by_table_slot[prep.table_of[meeting.id], index].append(var)
        if meeting.id in prep.fixed:
            model.add(terms[0] == 1)
        else:
            model.add_at_most_one(terms)
        placed_terms.extend(terms)

    # busy[p, s]: one literal per participant and slot (nobody twice in a slot: busy = sum <= 1)
    busy_var: dict[tuple[int, int], Any] = {}
    busy_own: list[tuple[int, int, Any]] = []
    for (pid, index), terms in by_participant_slot.items():
        if len(terms) == 1:
            busy_var[pid, index] = terms[0]
        else:
            busy_var[pid, index] = model.new_bool_var(f"busy_{pid}_{index}")
            model.add(busy_var[pid, index] == sum(terms))
            busy_own.append((pid, index, busy_var[pid, index]))
    for terms in by_slot.values():
        if len(terms) > instance.tables:
            model.add(sum(terms) <= instance.tables)
    for terms in by_table_slot.values():
        if len(terms) > 1:
            model.add_at_most_one(terms)

    # Breaks, with positive literals only (the bound starts at 0 and core-based search can work on
    # them): seen[p, s] = p has a meeting in slot s or earlier in its session; a break ends at s
    # (resume[p, s]) = busy at s, idle at s-1, seen at s-1. Each idle run between two meetings ends
    # exactly once. All are exact in every solution (not only at the optimum), so the progress shows
    # true figures.
    def busy(pid: int, index: int):
        return busy_var.get((pid, index))

    meetings_of: dict[int, int] = defaultdict(int)
    for meeting in instance.meetings:
        if prep.domain[meeting.id]:
            for pid in meeting.participants:
                meetings_of[pid] += 1
    max_breaks = model.new_int_var(0, n_slots, "max_breaks")
    session_runs: list[list[int]] = []
    for index in range(n_slots):
        if index and sessions[index] == sessions[index - 1]:
            session_runs[-1].append(index)
        else:
            session_runs.append([index])
    # per participant: (kind, slot index, variable) of each auxiliary literal, for complete hints
    derived: list[tuple[str, int, int, Any]] = []
    breaks_model: list[tuple[int, Any]] = []
    resume_all: list = []
    for pid in sorted(meetings_of):
        if meetings_of[pid] < 2:
            continue
        resumes: list = []
        for run in session_runs:
            present = [i for i in run if (pid, i) in busy_var]
            if len(present) < 2:
                continue  # at most one meeting in this session: never a break here
            seen = None  # literal: a meeting at or before the previous slot
            for index in run:
                now = busy(pid, index)
                before = busy(pid, index - 1) if index != run[0] else None
                if now is not None and seen is not None and index != run[0]:
                    resume = model.new_bool_var(f"resume_{pid}_{index}")
                    clause = [now.Not(), seen.Not(), resume]
                    if before is not None:
                        clause.append(before)
                        model.add_implication(resume, before.Not())
                    model.add_bool_or(clause)
                    model.add_implication(resume, now)
                    model.add_implication(resume, seen)
                    resumes.append(resume)
                    derived.append(("resume", pid, index, resume))
                if now is None or index == present[-1]:
                    continue  # seen does not change here / is not needed after the last possible meeting
                if seen is None:
                    seen = now
                else:
                    new = model.new_bool_var(f"seen_{pid}_{index}")
                    model.add_bool_or([new.Not(), seen, now])
                    model.add_implication(seen, new)
                    model.add_implication(now, new)
                    derived.append(("seen", pid, index, new))
                    seen = new
        if not resumes:
            continue
        breaks = model.new_int_var(0, n_slots, f"breaks_{pid}")
        model.add(breaks == sum(resumes))
        model.add(max_breaks >= breaks)
        breaks_model.append((pid, breaks))
        resume_all.extend(resumes)
    breaks_of = [entry[1] for entry in breaks_model]
    total_breaks = sum(resume_all) if resume_all else 0

    meeting_people = {m.id: m.participants for m in instance.meetings}
    session_start = {}
    for run in session_runs:
        for index in run:
            session_start[index] = run[0]

    def hint(solution: dict[int, int]) -> None:
        """A complete hint: the slots, and every auxiliary variable computed from them."""
        model.clear_hints()
        for (mid, index), var in x.items():
            model.add_hint(var, solution.get(mid) == index)
        taken = {(pid, index) for mid, index in solution.items() for pid in meeting_people[mid]}
        for pid, index, var in busy_own:
            model.add_hint(var, (pid, index) in taken)
        count: dict[int, int] = defaultdict(int)
        for kind, pid, index, var in derived:
            if kind == "seen":
                value = any((pid, i) in taken for i in range(session_start[index], index + 1))
            else:
                value = (
                    (pid, index) in taken
                    and (pid, index - 1) not in taken
                    and any((pid, i) in taken for i in range(session_start[index], index))
                )
                count[pid] += value
            model.add_hint(var, value)
        for pid, breaks in breaks_model:
            model.add_hint(breaks, count[pid])
        model.add_hint(max_breaks, max(count.values(), default=0))

    def read(solver) -> dict[int, int]:
        return {mid: index for (mid, index), var in x.items() if solver.boolean_value(var)}

    class Callback(cp_model.CpSolverSolutionCallback):
        def __init__(self, phase: str, placed: int | None, bound: int | None, weight: int = 1):
            super().__init__()
            self.phase, self.placed, self.bound, self.weight = phase, placed, bound, weight

        def on_solution_callback(self) -> None:
            if progress is None:
                return
            seconds = time.monotonic() - began
            if self.phase == "placed":
                progress(Progress(self.phase, int(round(self.objective_value)), None, None, seconds))
            else:
                bound = max(self.bound or 0, math.ceil(self.best_objective_bound - 1e-6) // self.weight)
                total = int(self.value(total_breaks)) if breaks_of else 0
                progress(Progress(self.phase, self.placed, total, bound, seconds))

    phases: list[tuple[str, str, float]] = []
    proven = True
    solution = dict(start)
    lower_bound = 0

    def run(phase: str, share: float, callback) -> Any:
        remaining = deadline - time.monotonic()
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, remaining * share)
        solver.parameters.random_seed = seed
        solver.parameters.num_workers = workers
        if len(x) > 8000:
            # large events: CP-SAT's probing and overlap detection took seconds per phase on a
            # 1,000-meeting instance; the search needs that time more
            solver.parameters.cp_model_probing_level = 0
            solver.parameters.find_big_linear_overlap = False
        if log is not None:
            solver.parameters.log_search_progress = True
            solver.parameters.log_to_stdout = False
            solver.log_callback = log
        hint(solution)
        t0 = time.monotonic()
        status = solver.solve(model, callback)
        phases.append((phase, solver.status_name(status), round(time.monotonic() - t0, 3)))
        return solver, status

    good = (cp_model.OPTIMAL, cp_model.FEASIBLE)

    # Phase 1: as many meetings as possible (skipped when the start already reaches an upper bound:
    # every meeting with a domain less those some participant cannot fit into distinct slots, or
    # in each slot as many meetings as there are tables, meetings that may take the slot, and pairs
    # of people who may meet in it).
    people_at: dict[int, set[int]] = defaultdict(set)
    for (mid, index) in x:
        people_at[index].update(meeting_people[mid])
    upper = min(
        placeable - _unplaced_at_least(prep),
        sum(min(instance.tables, len(by_slot[i]), len(people_at[i]) // 2) for i in by_slot),
    )
    placed = len(solution)
    if placed < upper:
        model.maximize(sum(placed_terms))
        solver, status = run("placed", 0.3, Callback("placed", None, None))
        if status in good:
            new = read(solver)
            if len(new) > placed:
                # more placed: the local search lowers the breaks of the new solution for the hint
                local_end = time.monotonic() + min(2.0, 0.05 * (deadline - time.monotonic()))
                solution = _LocalSearch(prep, new).run(local_end)
                placed = len(solution)
            proven &= status == cp_model.OPTIMAL
        else:
            proven = False
        model.clear_objective()
    model.add(sum(placed_terms) >= placed)
    if placed == placeable:
        # every meeting with a domain is placed: who needs a break even alone has at least one
        breaks_var = dict(breaks_model)
        forced = [pid for pid in _forced_breaks(prep, session_runs) if pid in breaks_var]
        for pid in forced:
            model.add(breaks_var[pid] >= 1)
        if forced:
            model.add(total_breaks >= len(forced))  # the same, where presolve sees the objective
        lower_bound = len(forced)

    if not breaks_of:
        return solution, 0, tuple(phases), proven

    # Phase 2: fewest breaks in total, then the fewest for the worst-off participant, in one
    # solve (one presolve less than two phases): weight n+1 on the total, as max_breaks <= n,
    # is exactly lexicographic; a bound b on it proves total >= floor(b / (n+1)).
    weight = n_slots + 1
    model.minimize(weight * total_breaks + max_breaks)
    solver, status = run("breaks", 0.97, Callback("breaks", placed, lower_bound, weight))
    if status in good:
        solution = read(solver)
        lower_bound = max(lower_bound, math.ceil(solver.best_objective_bound - 1e-6) // weight)
        proven &= status == cp_model.OPTIMAL
    else:
        proven = False
    return solution, lower_bound, tuple(phases), proven


def _assign_tables(prep: _Prepared, solution: dict[int, int]) -> tuple[dict[int, int], int]:
    """Tables slot after slot: a meeting with a fixed table gets it; a meeting whose participant sat
    at a table just before gets that table when free (the one with more meetings left stays); the
    rest take the lowest free table no participant with meetings still to come sits at.
    Returns ({meeting: table}, table changes: consecutive meetings of a participant at different tables)."""
    instance = prep.instance
    meeting_by_id = {m.id: m for m in instance.meetings}
    by_slot: dict[int, list[int]] = defaultdict(list)
    for mid, index in solution.items():
        by_slot[index].append(mid)
    remaining: dict[int, int] = defaultdict(int)
    for mid in solution:
        for pid in meeting_by_id[mid].participants:
            remaining[pid] += 1
    last: dict[int, int] = {}
    table_of: dict[int, int] = {}
    changes = 0
    all_tables = range(1, instance.tables + 1)
    for index in sorted(by_slot):
        mids = sorted(by_slot[index])
        free = set(all_tables)
        for mid in mids:
            if prep.table_of[mid] is not None:
                table_of[mid] = prep.table_of[mid]
                free.discard(prep.table_of[mid])
        flexible = [mid for mid in mids if prep.table_of[mid] is None]

        def wishes(mid: int) -> list[int]:
            people = sorted(meeting_by_id[mid].participants, key=lambda p: (-remaining[p], p))
            return [last[p] for p in people if p in last]

        def priority(mid: int) -> tuple[int, int]:
            wished = wishes(mid)
            # both sat at the same table before, then one wish or two, then none
            return (0 if len(wished) == 2 and wished[0] == wished[1] else 1 if wished else 2, mid)

        flexible.sort(key=priority)
        unassigned = []
        for mid in flexible:
            choice = next((t for t in wishes(mid) if t in free), None)
            if choice is None:
                unassigned.append(mid)
            else:
                table_of[mid] = choice
                free.discard(choice)
        if unassigned:
            claimed = {last[p] for p in last if remaining[p] > 0}
            for mid in unassigned:
                pick = min((t for t in free if t not in claimed), default=None)
                if pick is None:
                    pick = min(free)
                table_of[mid] = pick
                free.discard(pick)
        for mid in mids:
            for pid in meeting_by_id[mid].participants:
                if pid in last and last[pid] != table_of[mid]:
                    changes += 1
                last[pid] = table_of[mid]
                remaining[pid] -= 1
    return table_of, changes


def _reason_unplaced(prep: _Prepared, meeting: Meeting, solution: dict[int, int]) -> str:
    """Why a meeting with common free slots stayed out, read off the final schedule: in each of its
    slots either every table (or its fixed table) is taken, or one of the two has another meeting."""
    instance = prep.instance
    meeting_by_id = {m.id: m for m in instance.meetings}
    count: dict[int, int] = defaultdict(int)
    people: dict[int, set[int]] = defaultdict(set)
    tables_taken: set[tuple[int, int]] = set()
    for mid, index in solution.items():
        count[index] += 1
        people[index].update(meeting_by_id[mid].participants)
        if prep.table_of[mid] is not None:
            tables_taken.add((prep.table_of[mid], index))
    table = prep.table_of[meeting.id]
    full, busy = [], []
    for index in prep.domain[meeting.id]:
        slot = instance.slots[index].id
        if set(meeting.participants) & people[index]:
            busy.append(slot)
        elif count[index] >= instance.tables or (table is not None and (table, index) in tables_taken):
            full.append(slot)
    a, b = meeting.participants
    if full and not busy:
        if table is not None and all(count[prep.slot_index[slot]] < instance.tables for slot in full):
            return _("The fixed table %(table)s is taken in every slot in which participants %(a)s and %(b)s are both free.") % {
                "table": table, "a": a, "b": b}
        return _("All tables are taken in the slots in which participants %(a)s and %(b)s are both free.") % {"a": a, "b": b}
    if busy and not full:
        return _(
            "In every slot in which participants %(a)s and %(b)s are both free (%(slots)s), one of them already has another meeting."
        ) % {"a": a, "b": b, "slots": ", ".join(map(str, busy))}
    return _(
        "The slots in which participants %(a)s and %(b)s are both free are taken: in %(full)s all tables, in %(busy)s one of them has another meeting."
    ) % {"a": a, "b": b, "full": ", ".join(map(str, full)), "busy": ", ".join(map(str, busy))}


def schedule_meetings(
    instance: Instance,
    *,
    time_limit: float,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    workers: int = 2,
    log: Callable[[str], None] | None = None,
) -> Schedule:
    """Every meeting of `instance` placed in a slot and at a table, or listed as unplaced with a
    German reason; the hard rules always hold (nobody twice in a slot, at most one meeting per table
    and slot, unavailable slots respected, fixed slots and session restrictions kept).

    Lexicographic objective: most meetings placed, then fewest breaks in total, then fewest breaks
    for the worst-off participant; tables afterwards (fixed tables kept, few table changes).
    `lower_bound` is a proven lower bound on the total breaks of any schedule that places as many
    meetings. The run takes about `time_limit` seconds at most (plus building the model).
    With workers=1, the same instance and seed give the same schedule whenever every phase ends
    proven optimal within its time; a phase cut off by the time limit depends on the machine's
    speed. `progress` is called from the solver with the current best (see Progress); `log`, if
    given, receives CP-SAT's search log line by line."""
    began = time.monotonic()
    # a little of the time is kept for the tables, the reasons and the answer
    deadline = began + max(0.1, 0.98 * time_limit - 0.2)
    prep = _prepare(instance)
    # a tenth of the time (at most 5 s) for greedy starts and local search: CP-SAT's hint
    start = _start(prep, seed=seed, deadline=began + min(5.0, 0.1 * time_limit))
    status = "greedy"
    phases: tuple = ()
    lower_bound = 0
    if any(prep.domain[m.id] for m in instance.meetings):
        solution, lower_bound, phases, proven = _solve_slots(
            prep, start, deadline=deadline, began=began, seed=seed, workers=workers, progress=progress, log=log
        )
        status = "optimal" if proven else "feasible"
    else:
        solution = start
        status = "optimal"
    tables, changes = _assign_tables(prep, solution)
    slot_of = {mid: instance.slots[index].id for mid, index in solution.items()}
    breaks = participant_breaks(instance, slot_of)
    total = sum(breaks.values())
    unplaced = []
    for meeting in instance.meetings:
        if meeting.id in solution:
            continue
        reason = prep.reasons.get(meeting.id) or _reason_unplaced(prep, meeting, solution)
        unplaced.append(Unplaced(meeting=meeting.id, reason=reason))
    placements = tuple(
        Placement(meeting=m.id, slot=slot_of[m.id], table=tables[m.id]) for m in instance.meetings if m.id in solution
    )
    return Schedule(
        placements=placements,
        unplaced=tuple(unplaced),
        breaks=total,
        max_breaks=max(breaks.values(), default=0),
        lower_bound=min(lower_bound, total),
        seconds=time.monotonic() - began,
        status=status,
        table_changes=changes,
        phases=phases,
    )
