"""Without a solver: the greedy start, its local search, and the bounds computed before the search
(meetings that must stay out, participants who need a break even alone)."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterable

from .prepare import Prepared


def breaks_of(positions: Iterable[int], sessions: list[str]) -> int:
    ordered = sorted(positions)
    return sum(1 for x, y in zip(ordered, ordered[1:]) if y > x + 1 and sessions[x] == sessions[y])


def greedy(prep: Prepared, rng: random.Random | None = None) -> dict[int, int]:
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
            added = sum(breaks_of(busy[p] | {index}, sessions) - breaks_of(busy[p], sessions) for p in (a, b))
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


def matching_size(domains: list[list[int]], slots: set[int] | None = None) -> int:
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


def unplaced_at_least(prep: Prepared) -> int:
    """A lower bound on the meetings left out of any schedule: a participant whose meetings cannot
    all get different slots leaves out at least the difference; one meeting left out can count for
    both its participants."""
    mine: dict[int, list[list[int]]] = defaultdict(list)
    for meeting in prep.instance.meetings:
        if prep.domain[meeting.id]:
            for pid in meeting.participants:
                mine[pid].append(prep.domain[meeting.id])
    excess = [len(domains) - matching_size(domains) for domains in mine.values()]
    return max(max(excess, default=0), -(-sum(excess) // 2))


def forced_breaks(prep: Prepared, session_runs: list[list[int]], budget: int = 3000) -> set[int]:
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
                return True if calls > budget else matching_size(domains, set(chosen)) == len(domains)
            for interval in options[run]:
                if len(interval) <= left and possible(run + 1, left - len(interval), chosen + interval):
                    return True
            return False

        if not possible(0, len(domains), ()) and calls <= budget:
            forced.add(pid)
    return forced


class LocalSearch:
    """Descent on a schedule {meeting: slot index}: insert unplaced meetings where they fit, move a
    meeting to another slot, or swap the slots of two meetings of one participant, whenever that
    places more or lowers the breaks of the people concerned. Fixed meetings stay."""

    def __init__(self, prep: Prepared, solution: dict[int, int]):
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
            self.add(mid, index)

    def add(self, mid: int, index: int) -> None:
        self.slot_of[mid] = index
        for pid in self.people[mid]:
            self.busy[pid].add(index)
        self.count[index] += 1
        if self.prep.table_of[mid] is not None:
            self.tables[self.prep.table_of[mid], index] = mid

    def remove(self, mid: int) -> int:
        index = self.slot_of.pop(mid)
        for pid in self.people[mid]:
            self.busy[pid].discard(index)
        self.count[index] -= 1
        if self.prep.table_of[mid] is not None:
            del self.tables[self.prep.table_of[mid], index]
        return index

    def fits(self, mid: int, index: int, ignore: int | None = None) -> bool:
        table = self.prep.table_of[mid]
        if table is not None and self.tables.get((table, index), ignore) != ignore:
            return False
        return self.count[index] < self.prep.instance.tables and not any(
            index in self.busy[pid] for pid in self.people[mid]
        )

    def breaks(self, pid: int, extra: set[int] = frozenset(), without: set[int] = frozenset()) -> int:
        return breaks_of((self.busy[pid] - without) | extra, self.sessions)

    def total(self) -> int:
        return sum(breaks_of(busy, self.sessions) for busy in self.busy.values())

    def run(self, deadline: float) -> dict[int, int]:
        prep = self.prep
        movable = [m.id for m in prep.instance.meetings if prep.domain[m.id] and m.id not in prep.fixed]
        improved = True
        while improved and time.monotonic() < deadline:
            improved = False
            for mid in movable:
                a, b = self.people[mid]
                if mid not in self.slot_of:
                    fitting = [i for i in prep.domain[mid] if self.fits(mid, i)]
                    if fitting:
                        best = min(fitting, key=lambda i: (self.breaks(a, {i}) + self.breaks(b, {i}), i))
                        self.add(mid, best)
                        improved = True
                    continue
                current = self.remove(mid)
                before = self.breaks(a, {current}) + self.breaks(b, {current})
                best, best_value = current, before
                for index in prep.domain[mid]:
                    if index != current and self.fits(mid, index):
                        value = self.breaks(a, {index}) + self.breaks(b, {index})
                        if value < best_value:
                            best, best_value = index, value
                self.add(mid, best)
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
        self.remove(first)
        self.remove(second)
        self.add(first, s2)
        self.add(second, s1)
        return True


def best_start(prep: Prepared, *, seed: int, deadline: float, patience: int = 150) -> dict[int, int]:
    """The greedy start improved by local search, then by iterated local search: take a participant
    with a break (random.Random(seed)), lift all their meetings, put them back one by one where they
    add the fewest breaks, descend again; keep the result unless it places fewer meetings or has more
    breaks. Stops at no breaks, after `patience` tries in a row without an improvement, or at
    `deadline`. Everything but the deadline depends on the instance and the seed only, so the result
    is the same for the same seed unless the deadline cut it short (on a slow machine or a large
    instance). On the real-size instances of the generator this took the breaks from 15 to 6 and
    from 8 to 2 in 5 s."""
    rng = random.Random(seed)
    search = LocalSearch(prep, greedy(prep))
    current = search.run(float("inf"))
    value = (-len(current), search.total())
    stale = 0
    while stale < patience and value[1] > 0 and time.monotonic() < deadline:
        search = LocalSearch(prep, current)
        with_breaks = sorted(pid for pid in search.busy if search.breaks(pid) > 0)
        if not with_breaks:
            break
        pid = rng.choice(with_breaks)
        lifted = [mid for mid in search.of_participant[pid] if mid in search.slot_of and mid not in prep.fixed]
        for mid in lifted:
            search.remove(mid)
        rng.shuffle(lifted)
        for mid in lifted:
            fitting = [index for index in prep.domain[mid] if search.fits(mid, index)]
            if fitting:
                a, b = search.people[mid]
                search.add(mid, min(fitting, key=lambda i: (search.breaks(a, {i}) + search.breaks(b, {i}), rng.random())))
        candidate = search.run(deadline)
        candidate_value = (-len(candidate), search.total())
        stale = 0 if candidate_value < value else stale + 1
        if candidate_value <= value:  # equal too: moving along a plateau
            current, value = candidate, candidate_value
    return current
