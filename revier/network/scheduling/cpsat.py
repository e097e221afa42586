"""The slots with OR-Tools CP-SAT: most meetings placed, then fewest breaks and the worst-off
participant's breaks (docs/network.md, "The model")."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .instance import Progress
from .prepare import Prepared
from .start import LocalSearch, forced_breaks, unplaced_at_least


def solve_slots(
    prep: Prepared,
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
        placeable - unplaced_at_least(prep),
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
                # (to the end: the descent is short; a deadline here would make runs differ)
                solution = LocalSearch(prep, new).run(float("inf"))
                placed = len(solution)
            proven &= status == cp_model.OPTIMAL
        else:
            proven = False
        model.clear_objective()
    model.add(sum(placed_terms) >= placed)
    if placed == placeable:
        # every meeting with a domain is placed: who needs a break even alone has at least one
        breaks_var = dict(breaks_model)
        forced = [pid for pid in forced_breaks(prep, session_runs) if pid in breaks_var]
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
