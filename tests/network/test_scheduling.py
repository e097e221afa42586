"""The meeting scheduler (revier/network/scheduling.py) and `manage.py meetings_schedule`.

The hard rules and the breaks are checked by a checker and a break counter written here, on the
exchange format, independently of the scheduler's own bookkeeping."""

import importlib.util
import itertools
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revier.network.scheduling import (
    InstanceError,
    Progress,
    instance_from_json,
    schedule_meetings,
    schedule_to_json,
)

ROOT = Path(__file__).resolve().parents[2]


def load_generator():
    spec = importlib.util.spec_from_file_location("meetings_generate", ROOT / "bench" / "meetings_generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def solve(data: dict, *, time_limit: float = 3, seed: int = 0, workers: int = 1) -> dict:
    return schedule_to_json(schedule_meetings(instance_from_json(data), time_limit=time_limit, seed=seed, workers=workers))


# ---------------------------------------------------------------------------------------------
# The independent checker and break counter


def hard_rule_violations(data: dict, out: dict) -> list[str]:
    slots = {s["id"]: s for s in data["slots"]}
    people = {p["id"]: p for p in data["participants"]}
    meetings = {m["id"]: m for m in data["meetings"]}
    problems = []
    placed_ids = [m["id"] for m in out["meetings"]]
    unplaced_ids = [u["id"] for u in out["unplaced"]]
    if sorted(placed_ids + unplaced_ids) != sorted(meetings):
        problems.append("not every meeting is either placed or unplaced, exactly once")
    seen_person, seen_table = set(), set()
    for placed in out["meetings"]:
        meeting, slot, table = meetings[placed["id"]], placed["slot"], placed["table"]
        if slot not in slots:
            problems.append(f"meeting {meeting['id']} in unknown slot {slot}")
            continue
        if not 1 <= table <= data["tables"]:
            problems.append(f"meeting {meeting['id']} at table {table} that does not exist")
        if (slot, table) in seen_table:
            problems.append(f"two meetings at table {table} in slot {slot}")
        seen_table.add((slot, table))
        for pid in meeting["participants"]:
            if (pid, slot) in seen_person:
                problems.append(f"participant {pid} twice in slot {slot}")
            seen_person.add((pid, slot))
            if slot in people[pid]["unavailable"]:
                problems.append(f"participant {pid} unavailable in slot {slot}")
        if meeting.get("fixed_slot") is not None and slot != meeting["fixed_slot"]:
            problems.append(f"meeting {meeting['id']} moved from its fixed slot")
        if meeting.get("session") is not None and slots[slot]["session"] != meeting["session"]:
            problems.append(f"meeting {meeting['id']} outside its session")
    for unplaced in out["unplaced"]:
        if not unplaced["reason"]:
            problems.append(f"meeting {unplaced['id']} unplaced without a reason")
    return problems


def count_breaks(data: dict, out: dict) -> dict[int, int]:
    """Per participant: idle runs between two meetings of the same session (walks the slot list)."""
    meetings = {m["id"]: m for m in data["meetings"]}
    busy = defaultdict(set)
    for placed in out["meetings"]:
        for pid in meetings[placed["id"]]["participants"]:
            busy[pid].add(placed["slot"])
    result = {}
    for p in data["participants"]:
        breaks, session, seen_meeting, idle = 0, None, False, False
        for slot in data["slots"]:
            if slot["session"] != session:
                session, seen_meeting, idle = slot["session"], False, False
            if slot["id"] in busy[p["id"]]:
                if seen_meeting and idle:
                    breaks += 1
                seen_meeting, idle = True, False
            elif seen_meeting:
                idle = True
        result[p["id"]] = breaks
    return result


def instance(slots, meetings, *, tables=5, unavailable=None, fixed_tables=None):
    """slots: list of sessions per slot (ids 1..), meetings: list of (a, b) or dicts."""
    unavailable = unavailable or {}
    fixed_tables = fixed_tables or {}
    people = sorted({p for m in meetings for p in (m["participants"] if isinstance(m, dict) else m)})
    return {
        "slots": [{"id": i + 1, "session": s} for i, s in enumerate(slots)],
        "tables": tables,
        "participants": [
            {"id": p, "unavailable": unavailable.get(p, []), "fixed_table": fixed_tables.get(p)} for p in people
        ],
        "meetings": [
            {"id": i + 1, "participants": list(m), "session": None, "fixed_slot": None} if not isinstance(m, dict) else {"id": i + 1, **m}
            for i, m in enumerate(meetings)
        ],
    }


def test_count_breaks_counts_a_run_once_and_not_the_pause_between_sessions():
    data = instance(["am", "am", "am", "am", "pm", "pm"], [(1, 2), (1, 3), (1, 4)])
    out = {"meetings": [{"id": 1, "slot": 1}, {"id": 2, "slot": 4}, {"id": 3, "slot": 5}], "unplaced": []}
    assert count_breaks(data, out)[1] == 1  # slots 2-3 idle: one break; 4 → 5 is the session pause


# ---------------------------------------------------------------------------------------------
# Hard rules on generated instances


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_schedule_meetings_keeps_the_hard_rules_on_generated_instances(seed):
    generator = load_generator()
    data = generator.generate(
        participants=14, meetings=30, slots=8, tables=3, sessions=2, unavailable=0.15,
        fixed_tables=2, session_share=0.2, fixed_share=0.15, seed=seed,
    )
    out = solve(data, time_limit=3)
    assert hard_rule_violations(data, out) == []
    assert out["breaks"] == sum(count_breaks(data, out).values())
    assert out["max_breaks"] == max(count_breaks(data, out).values())
    assert 0 <= out["lower_bound"] <= out["breaks"]
    fixed_table = {p["id"]: p["fixed_table"] for p in data["participants"]}
    meetings = {m["id"]: m for m in data["meetings"]}
    for placed in out["meetings"]:
        a, b = meetings[placed["id"]]["participants"]
        wanted = fixed_table[a] if fixed_table[a] is not None else fixed_table[b]
        if wanted is not None:
            assert placed["table"] == wanted


@st.composite
def small_instances(draw):
    n_slots = draw(st.integers(1, 5))
    sessions = draw(st.lists(st.sampled_from(["am", "pm"]), min_size=n_slots, max_size=n_slots).map(sorted))
    n_people = draw(st.integers(2, 6))
    people = list(range(1, n_people + 1))
    pairs = [(a, b) for a in people for b in people if a < b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8))
    meetings = []
    for i, (a, b) in enumerate(chosen, start=1):
        meetings.append({
            "id": i,
            "participants": [a, b] if draw(st.booleans()) else [b, a],
            "session": draw(st.one_of(st.none(), st.sampled_from(sorted(set(sessions))))),
            "fixed_slot": draw(st.one_of(st.none(), st.none(), st.integers(1, n_slots))),
        })
    tables = draw(st.integers(0, 3))
    return {
        "slots": [{"id": i + 1, "session": s} for i, s in enumerate(sessions)],
        "tables": tables,
        "participants": [
            {
                "id": p,
                "unavailable": draw(st.lists(st.integers(1, n_slots), unique=True, max_size=n_slots)),
                "fixed_table": draw(st.one_of(st.none(), st.none(), st.integers(1, tables))) if tables else None,
            }
            for p in people
        ],
        "meetings": meetings,
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_schedule_meetings_random_small_instances_keep_the_hard_rules(data):
    out = solve(data, time_limit=1)
    assert hard_rule_violations(data, out) == []
    breaks = count_breaks(data, out)
    assert out["breaks"] == sum(breaks.values())
    assert out["lower_bound"] <= out["breaks"]
    # a meeting whose two participants share no free slot is never placed
    free = {p["id"]: {s["id"] for s in data["slots"]} - set(p["unavailable"]) for p in data["participants"]}
    placed = {m["id"] for m in out["meetings"]}
    for meeting in data["meetings"]:
        a, b = meeting["participants"]
        if not free[a] & free[b]:
            assert meeting["id"] not in placed


# ---------------------------------------------------------------------------------------------
# Reasons for unplaced meetings


def test_schedule_meetings_no_common_free_slot_gets_its_reason():
    data = instance(["am", "am", "am"], [(3, 8), (3, 4)], unavailable={3: [1], 8: [2, 3]})
    out = solve(data)
    assert [u["id"] for u in out["unplaced"]] == [1]
    assert out["unplaced"][0]["reason"] == (
        "Keine gemeinsame freie Zeit: Teilnehmende 3 und 8 haben keinen gemeinsamen freien Zeitslot."
    )
    assert [m["id"] for m in out["meetings"]] == [2]


def test_schedule_meetings_no_common_free_slot_in_the_session_gets_its_reason():
    data = instance(["am", "pm"], [{"participants": [1, 2], "session": "am", "fixed_slot": None}], unavailable={1: [1]})
    out = solve(data)
    assert "in der Sitzung „am“" in out["unplaced"][0]["reason"]


def test_schedule_meetings_all_tables_taken_gets_its_reason():
    # one slot, one table, two meetings of four different people: one stays out
    data = instance(["am"], [(1, 2), (3, 4)], tables=1)
    out = solve(data)
    assert len(out["meetings"]) == 1 and len(out["unplaced"]) == 1
    assert out["unplaced"][0]["reason"].startswith("Alle Tische sind in den gemeinsamen freien Zeitslots")


def test_schedule_meetings_participant_busy_in_every_common_slot_gets_its_reason():
    # 1 meets 2, 3 and 4 in two slots: one of the three stays out because 1 is busy
    data = instance(["am", "am"], [(1, 2), (1, 3), (1, 4)])
    out = solve(data)
    assert len(out["unplaced"]) == 1
    assert "hat eine der beiden Personen schon ein anderes Gespräch" in out["unplaced"][0]["reason"]


def brute_force(data: dict) -> tuple[int, int]:
    """(most meetings placed, fewest total breaks with that many) over every assignment of each
    meeting to a slot or to nothing; for instances without fixed slots and fixed tables."""
    slots = [s["id"] for s in data["slots"]]
    session_of = {s["id"]: s["session"] for s in data["slots"]}
    free = {p["id"]: set(slots) - set(p["unavailable"]) for p in data["participants"]}
    best = (0, 0)
    for choice in itertools.product([None, *slots], repeat=len(data["meetings"])):
        used, per_slot, ok = set(), defaultdict(int), True
        for meeting, slot in zip(data["meetings"], choice):
            if slot is None:
                continue
            a, b = meeting["participants"]
            if slot not in free[a] or slot not in free[b] or (a, slot) in used or (b, slot) in used:
                ok = False
            elif meeting["session"] is not None and session_of[slot] != meeting["session"]:
                ok = False
            used.update({(a, slot), (b, slot)})
            per_slot[slot] += 1
            if per_slot[slot] > data["tables"]:
                ok = False
        if not ok:
            continue
        out = {"meetings": [{"id": m["id"], "slot": s} for m, s in zip(data["meetings"], choice) if s is not None]}
        key = (len(out["meetings"]), -sum(count_breaks(data, out).values()))
        best = max(best, key)
    return best[0], -best[1]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_schedule_meetings_small_instances_reach_the_brute_force_optimum(data):
    data["meetings"] = [{**m, "fixed_slot": None} for m in data["meetings"]][:5]
    data["slots"] = data["slots"][:4]
    keep = {s["id"] for s in data["slots"]}
    data["meetings"] = [m for m in data["meetings"] if m["session"] is None or m["session"] in {s["session"] for s in data["slots"]}]
    for p in data["participants"]:
        p["fixed_table"] = None
        p["unavailable"] = [s for s in p["unavailable"] if s in keep]
    out = solve(data, time_limit=2)
    assert out["status"] == "optimal"
    assert (len(out["meetings"]), out["breaks"]) == brute_force(data)
    assert out["lower_bound"] == out["breaks"]


# ---------------------------------------------------------------------------------------------
# Fixed slots, sessions, tables


def test_schedule_meetings_keeps_fixed_slots_and_reports_a_clash():
    data = instance(
        ["am", "am", "am"],
        [
            {"participants": [1, 2], "session": None, "fixed_slot": 3},
            {"participants": [1, 3], "session": None, "fixed_slot": 3},
            {"participants": [2, 3], "session": None, "fixed_slot": None},
        ],
    )
    out = solve(data)
    placed = {m["id"]: m["slot"] for m in out["meetings"]}
    assert placed[1] == 3
    assert [u["id"] for u in out["unplaced"]] == [2]
    assert "schon durch ein anderes festes Gespräch von Teilnehmende 1 belegt" in out["unplaced"][0]["reason"]
    assert placed[3] != 3


def test_schedule_meetings_keeps_the_session_restriction():
    data = instance(
        ["am", "am", "pm", "pm"],
        [{"participants": [1, k], "session": "pm", "fixed_slot": None} for k in (2, 3)] + [(1, 4), (1, 5)],
    )
    out = solve(data)
    assert out["unplaced"] == []
    placed = {m["id"]: m["slot"] for m in out["meetings"]}
    assert {placed[1], placed[2]} == {3, 4}
    assert hard_rule_violations(data, out) == []


def test_schedule_meetings_puts_a_fixed_table_holder_at_their_table_and_keeps_tables_steady():
    data = instance(["am"] * 4, [(1, 2), (1, 3), (1, 4), (5, 6), (5, 7)], tables=3, fixed_tables={1: 3})
    out = solve(data)
    meetings = {m["id"]: m for m in data["meetings"]}
    for placed in out["meetings"]:
        if 1 in meetings[placed["id"]]["participants"]:
            assert placed["table"] == 3
    # 5 meets 6 and 7 in consecutive slots (no break) and stays at one table
    assert out["breaks"] == 0
    assert out["table_changes"] == 0


# ---------------------------------------------------------------------------------------------
# Breaks


def test_schedule_meetings_finds_a_schedule_without_breaks():
    # 1 meets 2, 3, 4; 2 meets 3; 4 can only come last: a break-free schedule exists
    data = instance(["am"] * 5, [(1, 2), (1, 3), (1, 4), (2, 3)], unavailable={4: [1, 2, 3]})
    out = solve(data)
    assert out["unplaced"] == []
    assert out["breaks"] == 0 == sum(count_breaks(data, out).values())
    assert out["lower_bound"] == 0
    assert out["status"] == "optimal"


def test_schedule_meetings_proves_a_break_that_cannot_be_avoided():
    # 1 meets 2 (free only in slot 1) and 3 (free only in slot 4): one break, counted once
    data = instance(["am"] * 4, [(1, 2), (1, 3)], unavailable={2: [2, 3, 4], 3: [1, 2, 3]})
    out = solve(data)
    assert out["breaks"] == 1 == count_breaks(data, out)[1]
    assert out["max_breaks"] == 1
    assert out["lower_bound"] == 1
    assert out["status"] == "optimal"


def test_schedule_meetings_the_pause_between_sessions_is_no_break():
    data = instance(["am", "am", "pm", "pm"], [(1, 2), (1, 3)], unavailable={2: [2, 3, 4], 3: [1, 2, 4]})
    out = solve(data)
    assert out["breaks"] == 0 and out["lower_bound"] == 0


def test_schedule_meetings_spreads_unavoidable_breaks():
    # two people each forced into one break, or one person into two: the worst-off is kept at 1
    # 1 meets 2 (slot 1 only), 3 (slot 3 only), 5 (flexible); 4 meets 5 the same way around
    data = instance(
        ["am"] * 5,
        [(1, 2), (1, 3), (4, 6), (4, 7)],
        unavailable={2: [2, 3, 4, 5], 3: [1, 2, 4, 5], 6: [2, 3, 4, 5], 7: [1, 2, 4, 5]},
    )
    out = solve(data)
    assert out["breaks"] == 2 and out["max_breaks"] == 1 and out["lower_bound"] == 2


# ---------------------------------------------------------------------------------------------
# Determinism and progress


def test_schedule_meetings_is_deterministic_for_one_seed():
    data = load_generator().generate(participants=16, meetings=30, slots=8, tables=4, sessions=2, seed=5)
    first = solve(data, time_limit=5, seed=3)
    second = solve(data, time_limit=5, seed=3)
    assert first["status"] == second["status"] == "optimal"
    assert first["meetings"] == second["meetings"]
    assert first["unplaced"] == second["unplaced"]


def test_schedule_meetings_reports_progress():
    data = load_generator().generate(participants=12, meetings=20, slots=6, tables=3, seed=2)
    seen: list[Progress] = []
    schedule_meetings(instance_from_json(data), time_limit=3, workers=1, progress=seen.append)
    assert seen
    assert all(p.placed <= 20 for p in seen)
    breaks = [p.breaks for p in seen if p.phase == "breaks"]
    assert breaks == sorted(breaks, reverse=True)


# ---------------------------------------------------------------------------------------------
# Reading the exchange format


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["meetings"].append({"id": 9, "participants": [1, 99]}), "unbekannte Teilnehmende 99"),
        (lambda d: d["participants"][0].update(unavailable=[42]), "unbekannten Zeitslot 42"),
        (lambda d: d["meetings"].append({"id": 9, "participants": [2, 3], "fixed_slot": 42}), "unbekannten Zeitslot 42"),
        (lambda d: d["meetings"].append({"id": 1, "participants": [2, 3]}), "Gespräch 1 ist doppelt"),
        (lambda d: d["slots"].append({"id": 1, "session": "am"}), "Zeitslot 1 ist doppelt"),
        (lambda d: d["participants"].append({"id": 1}), "Teilnehmende 1 ist doppelt"),
        (lambda d: d["meetings"].append({"id": 9, "participants": [2, 2]}), "mit sich selbst"),
        (lambda d: d["meetings"].append({"id": 9, "participants": [2, 1]}), "treffen sich zweimal"),
        (lambda d: d["meetings"].append({"id": 9, "participants": [2]}), "genau zwei Teilnehmende"),
        (lambda d: d["meetings"].append({"id": 9, "participants": [2, 3], "session": "abends"}), "unbekannte Sitzung"),
        (lambda d: d["participants"][0].update(fixed_table=7), "festen Tisch 7"),
        (lambda d: d.update(tables="viele"), "ganze Zahl"),
        (lambda d: d.pop("meetings"), "fehlt oder ist keine Liste"),
    ],
)
def test_instance_from_json_refuses_bad_input_in_german(change, message):
    data = instance(["am", "am"], [(1, 2), (1, 3)])
    change(data)
    with pytest.raises(InstanceError, match=message):
        instance_from_json(data)


def test_instance_from_json_ignores_extra_keys():
    data = instance(["am"], [(1, 2)])
    data["event"] = "W3+ Fair"
    data["participants"][0]["name"] = "Fraunhofer"
    data["meetings"][0]["message"] = "Hallo"
    assert len(instance_from_json(data).meetings) == 1


# ---------------------------------------------------------------------------------------------
# The command


def test_meetings_schedule_command_writes_the_schedule(tmp_path):
    data = instance(["am", "am", "pm"], [(1, 2), (1, 3), (4, 5)], tables=2, unavailable={4: [1, 2, 3]})
    source, target = tmp_path / "instance.json", tmp_path / "schedule.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    call_command("meetings_schedule", str(source), "--out", str(target), "--time-limit", "2", "--workers", "1", verbosity=0)
    out = json.loads(target.read_text(encoding="utf-8"))
    assert set(out) >= {"meetings", "unplaced", "breaks", "max_breaks", "lower_bound", "seconds"}
    assert hard_rule_violations(data, out) == []
    assert [u["id"] for u in out["unplaced"]] == [3]
    assert out["unplaced"][0]["reason"].startswith("Keine gemeinsame freie Zeit")


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"slots": [}', "kein gültiges JSON"),
        (json.dumps({"slots": [{"id": 1}], "tables": 1, "participants": [{"id": 1}], "meetings": [{"id": 1, "participants": [1, 5]}]}), "unbekannte Teilnehmende 5"),
    ],
)
def test_meetings_schedule_command_refuses_bad_input_and_writes_nothing(tmp_path, content, message):
    source, target = tmp_path / "instance.json", tmp_path / "schedule.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("meetings_schedule", str(source), "--out", str(target), "--time-limit", "1")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_meetings_schedule_command_exits_non_zero_with_a_german_message(tmp_path):
    source, target = tmp_path / "instance.json", tmp_path / "schedule.json"
    source.write_text(json.dumps({"slots": [], "tables": 1, "participants": [], "meetings": [{"id": 1, "participants": [1, 1]}]}))
    env = {**os.environ, "DEBUG": "true", "SECRET_KEY": "x", "SITE_URL": "http://127.0.0.1:8000"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "meetings_schedule", str(source), "--out", str(target)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    assert result.returncode != 0
    assert "unbekannte Teilnehmende 1" in result.stderr
    assert not target.exists()
    missing = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "meetings_schedule", str(tmp_path / "fehlt.json"), "--out", str(target)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    assert missing.returncode != 0 and "kann nicht gelesen werden" in missing.stderr


# ---------------------------------------------------------------------------------------------
# The generator


def test_generator_presets_have_the_sizes_of_the_issue():
    generator = load_generator()
    for seed in range(3):
        real = generator.generate(seed=seed, **generator.preset("real", seed))
        assert 60 <= len(real["participants"]) <= 80
        assert 150 <= len(real["meetings"]) <= 300
        assert 10 <= len(real["slots"]) <= 22
        assert 1 <= len({s["session"] for s in real["slots"]}) <= 2
        instance_from_json(real)
    large = generator.generate(seed=0, **generator.preset("large", 0))
    assert (len(large["participants"]), len(large["meetings"]), len(large["slots"]), large["tables"]) == (500, 2000, 16, 60)
    share = sum(len(p["unavailable"]) for p in large["participants"]) / (500 * 16)
    assert 0.04 <= share <= 0.06
    assert generator.generate(seed=0, **generator.preset("large", 0)) == large
    instance_from_json(large)


# ---------------------------------------------------------------------------------------------
# The parts: lower bound of forced breaks, local search of the start


def test_forced_breaks_names_who_needs_a_break_even_alone():
    from revier.network.scheduling.prepare import prepare
    from revier.network.scheduling.start import forced_breaks

    data = instance(
        ["am"] * 4 + ["pm"] * 2,
        [(1, 2), (1, 3), (1, 4), (5, 6), (5, 7)],
        unavailable={2: [2, 3, 4, 5, 6], 3: [1, 2, 4, 5, 6]},
    )
    prep = prepare(instance_from_json(data))
    # 1 meets 2 in slot 1 and 3 in slot 3; 4 could fill slot 2, but then 1-4 … still one run: not forced
    assert forced_breaks(prep, [[0, 1, 2, 3], [4, 5]]) == set()
    data = instance(["am"] * 4, [(1, 2), (1, 3)], unavailable={2: [2, 3, 4], 3: [1, 2, 3]})
    prep = prepare(instance_from_json(data))
    assert forced_breaks(prep, [[0, 1, 2, 3]]) == {1}


def test_local_search_keeps_the_hard_rules_and_never_adds_breaks():
    from revier.network.scheduling import participant_breaks
    from revier.network.scheduling.prepare import prepare
    from revier.network.scheduling.start import LocalSearch, greedy

    data = load_generator().generate(participants=30, meetings=80, slots=10, tables=6, sessions=2, unavailable=0.1, seed=4)
    inst = instance_from_json(data)
    prep = prepare(inst)
    start = greedy(prep)
    improved = LocalSearch(prep, start).run(float("inf"))

    def as_output(solution):
        return {
            "meetings": [{"id": m, "slot": inst.slots[i].id, "table": 1 + k} for k, (m, i) in enumerate(solution.items())],
            "unplaced": [{"id": m.id, "reason": "-"} for m in inst.meetings if m.id not in solution],
        }

    violations = [v for v in hard_rule_violations(data, as_output(improved)) if "table" not in v]
    assert violations == []
    per_slot = defaultdict(int)
    for index in improved.values():
        per_slot[index] += 1
    assert max(per_slot.values()) <= data["tables"]
    assert len(improved) >= len(start)
    total = lambda solution: sum(participant_breaks(inst, {m: inst.slots[i].id for m, i in solution.items()}).values())
    assert total(improved) <= total(start)


def test_schedule_meetings_skips_maximising_when_the_tables_are_full():
    # 6 meetings of 12 different people, 3 slots, 1 table: 3 fit, the start reaches the upper bound
    data = instance(["am"] * 3, [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12)], tables=1)
    schedule = schedule_meetings(instance_from_json(data), time_limit=3, workers=1)
    assert len(schedule.placements) == 3
    assert schedule.status == "optimal"
    assert "placed" not in [phase for phase, _status, _seconds in schedule.phases]
    assert all(u.reason.startswith("Alle Tische sind") for u in schedule.unplaced)


def test_schedule_meetings_proves_the_most_placed_when_someone_has_too_few_free_slots():
    # 1 has 4 meetings but only 3 free slots: one must stay out, and that is proven without search
    data = instance(["am"] * 4, [(1, 2), (1, 3), (1, 4), (1, 5)], unavailable={1: [4]})
    schedule = schedule_meetings(instance_from_json(data), time_limit=3, workers=1)
    assert len(schedule.placements) == 3
    assert schedule.status == "optimal"
    assert "placed" not in [phase for phase, _status, _seconds in schedule.phases]
    assert "Teilnehmende 1" in schedule.unplaced[0].reason


def test_schedule_meetings_without_tables_says_so_for_fixed_meetings_too():
    data = instance(["am", "am"], [(1, 2), {"participants": [3, 4], "session": None, "fixed_slot": 2}], tables=0)
    out = solve(data)
    assert out["meetings"] == []
    assert [u["reason"] for u in out["unplaced"]] == ["Es gibt keine Tische."] * 2


def test_meetings_schedule_command_says_when_the_solver_is_missing(tmp_path, monkeypatch):
    source, target = tmp_path / "instance.json", tmp_path / "schedule.json"
    source.write_text(json.dumps(instance(["am"], [(1, 2)])), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ortools.sat.python.cp_model", None)  # import raises ImportError
    with pytest.raises(CommandError, match="OR-Tools ist nicht installiert"):
        call_command("meetings_schedule", str(source), "--out", str(target))
    assert not target.exists()


def test_best_start_improves_on_the_descent_and_is_the_same_for_the_same_seed():
    from revier.network.scheduling import participant_breaks
    from revier.network.scheduling.prepare import prepare
    from revier.network.scheduling.start import LocalSearch, best_start, greedy

    data = load_generator().generate(participants=30, meetings=90, slots=10, tables=8, sessions=2, unavailable=0.1, seed=7)
    inst = instance_from_json(data)
    prep = prepare(inst)
    descent = LocalSearch(prep, greedy(prep))
    descent_solution = descent.run(float("inf"))
    far = float("inf")
    first = best_start(prep, seed=1, deadline=far)
    assert first == best_start(prep, seed=1, deadline=far)
    total = lambda solution: sum(participant_breaks(inst, {m: inst.slots[i].id for m, i in solution.items()}).values())
    assert len(first) >= len(descent_solution)
    assert total(first) < total(descent_solution)
