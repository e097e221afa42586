"""The meeting scheduler of the Gesprächsbörse: accepted meetings → slot and table.

A pure function of its input (no database, no models): the site's background worker and
`manage.py meetings_schedule` call the same `schedule_meetings`. The model is described in
docs/network.md; in short:

1. Before the solver (prepare.py): each meeting's *domain* (the slots both participants can attend, within the
   meeting's session), fixed meetings placed first (a clash between fixed meetings leaves the later
   one unplaced), and each meeting's *table* where a participant has a fixed one.
2. Slots with CP-SAT (cpsat.py), lexicographic: (1) as many meetings placed as possible, (2)
   fewest breaks in total, (3) fewest breaks for the worst-off participant. Tables are
   interchangeable except fixed ones, so a slot takes at most `tables` meetings and a fixed table at
   most one; a table assignment always exists then. A greedy schedule improved by local search
   (start.py) is the first hint and the fallback.
3. Tables, greedily, slot after slot: fixed tables first, then each meeting at the table one of its
   participants sat at before, when it is free.

Every meeting left unplaced gets a German reason computed from the instance and the final schedule,
never from the solver's silence.

The public names are those in __all__; instance.py holds the dataclasses and the exchange format.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from django.utils.translation import gettext as _

from .instance import (
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Placement,
    Progress,
    Schedule,
    Slot,
    Unplaced,
    instance_from_json,
    participant_breaks,
    schedule_to_json,
)
from .prepare import Prepared, prepare
from .cpsat import solve_slots
from .start import best_start

__all__ = [
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Placement",
    "Progress",
    "Schedule",
    "Slot",
    "Unplaced",
    "instance_from_json",
    "participant_breaks",
    "schedule_meetings",
    "schedule_to_json",
]


def assign_tables(prep: Prepared, solution: dict[int, int]) -> tuple[dict[int, int], int]:
    """Tables slot after slot: a meeting with a fixed table gets it; a meeting whose participant sat
    at a table just before gets that table when free (the one with more meetings left stays); the
    rest take the lowest free table no participant with meetings still to come sits at and that is
    nobody's fixed table (a fixed table goes to others only when the slot has no other free table).
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
    reserved = {p.fixed_table for p in instance.participants if p.fixed_table is not None}
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
                # a participant's fixed table is theirs: others sit there only when no other is free
                pick = min((t for t in free if t not in claimed and t not in reserved), default=None)
                if pick is None:
                    pick = min((t for t in free if t not in reserved), default=None)
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


def reason_unplaced(prep: Prepared, meeting: Meeting, solution: dict[int, int]) -> str:
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
        if set(meeting.participants) & people[index]:
            busy.append(index)
        elif count[index] >= instance.tables or (table is not None and (table, index) in tables_taken):
            full.append(index)
    a, b = meeting.participants

    def names(indexes: list[int]) -> str:
        return ", ".join(instance.slots[index].name for index in indexes)

    if full and not busy:
        if table is not None and all(count[index] < instance.tables for index in full):
            return _("The fixed table %(table)s is taken in every slot in which participants %(a)s and %(b)s are both free.") % {
                "table": table, "a": a, "b": b}
        return _("All tables are taken in the slots in which participants %(a)s and %(b)s are both free.") % {"a": a, "b": b}
    if busy and not full:
        return _(
            "In every slot in which participants %(a)s and %(b)s are both free (%(slots)s), one of them already has another meeting."
        ) % {"a": a, "b": b, "slots": names(busy)}
    return _(
        "The slots in which participants %(a)s and %(b)s are both free are taken: in %(full)s all tables, in %(busy)s one of them has another meeting."
    ) % {"a": a, "b": b, "full": names(full), "busy": names(busy)}


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
    With workers=1, the same instance and seed give the same schedule whenever the local search
    ends before its time cap (30 % of the time limit) and every solver phase ends
    proven optimal within its time; what a time limit cuts off depends on the machine's speed. `progress` is called from the solver with the current best (see Progress); `log`, if
    given, receives CP-SAT's search log line by line."""
    began = time.monotonic()
    # a little of the time is kept for the tables, the reasons and the answer
    deadline = began + max(0.1, 0.98 * time_limit - 0.2)
    prep = prepare(instance)
    # up to 30 % of the time for the greedy start and (iterated) local search: CP-SAT's hint; it
    # usually stops earlier (no breaks, or no progress)
    start = best_start(prep, seed=seed, deadline=began + 0.3 * time_limit)
    status = "greedy"
    phases: tuple = ()
    lower_bound = 0
    if any(prep.domain[m.id] for m in instance.meetings):
        solution, lower_bound, phases, proven = solve_slots(
            prep, start, deadline=deadline, began=began, seed=seed, workers=workers, progress=progress, log=log
        )
        status = "optimal" if proven else "feasible"
    else:
        solution = start
        status = "optimal"
    tables, changes = assign_tables(prep, solution)
    slot_of = {mid: instance.slots[index].id for mid, index in solution.items()}
    breaks = participant_breaks(instance, slot_of)
    total = sum(breaks.values())
    unplaced = []
    for meeting in instance.meetings:
        if meeting.id in solution:
            continue
        reason = prep.reasons.get(meeting.id) or reason_unplaced(prep, meeting, solution)
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
