"""Instances for the meeting scheduler (`manage.py meetings_schedule`, docs/network.md), made up.

How an instance is made, all from one seed (random.Random(seed), so the same arguments give the
same file):
- Slots: `--slots` slots split into `--sessions` sessions of (nearly) equal length, in time order,
  named "s1", "s2", …; `--tables` tables.
- Participants 1..N, each with a popularity weight drawn from a Pareto distribution (shape
  `--skew`, default 1.5): a few participants (the exhibitor, the big research institute) are asked
  for many meetings, most for few, as at real brokerage events.
- Meetings: pairs drawn with probability proportional to the product of the two weights, no pair
  twice, nobody with themselves, and nobody in more than `--max-per-person` meetings (default: the
  number of slots minus 2, as an organiser would cap it).
- Unavailable slots: each participant marks each slot unavailable with probability `--unavailable`
  (default 0.05), independently, but keeps at least 2 free slots.
- Optional: `--fixed-tables K` gives the K most popular participants their own table (1..K),
  `--session-share` restricts that share of meetings to one random session, `--fixed-share` fixes
  that share of meetings to a slot both participants can attend (kept only if it clashes with no
  earlier fixed meeting).

Presets: `--preset real` (real-event size: ~70 participants, 150–300 meetings, 10–22 slots, 1–2
sessions, tables enough for the meetings plus 2–6, drawn from the seed) and `--preset large` (500
participants, 2,000 meetings, 16 slots, 60 tables, 5 % unavailable slots, 2 sessions), as issue 10
names it. Note: 60 tables × 16 slots hold at most 960 meetings, so at most 48 % of the large
preset's 2,000 can be placed; `--preset large --tables 130` gives the same event with enough tables
(2,000 / 16 = 125 meetings per slot). Any preset value can be overridden by its option.

    .venv/bin/python bench/meetings_generate.py --preset large --seed 1 > var/large.json
    .venv/bin/python manage.py meetings_schedule var/large.json --out var/large-schedule.json --time-limit 60
"""

import argparse
import json
import random
import sys


def generate(
    *,
    participants: int,
    meetings: int,
    slots: int,
    tables: int,
    sessions: int = 1,
    unavailable: float = 0.05,
    skew: float = 1.5,
    max_per_person: int | None = None,
    fixed_tables: int = 0,
    session_share: float = 0.0,
    fixed_share: float = 0.0,
    seed: int = 0,
) -> dict:
    rng = random.Random(seed)
    names = [f"s{k + 1}" for k in range(sessions)]
    slot_list = [{"id": i + 1, "session": names[min(sessions - 1, i * sessions // slots)]} for i in range(slots)]
    cap = max_per_person if max_per_person is not None else max(1, slots - 2)
    weight = {p: rng.paretovariate(skew) for p in range(1, participants + 1)}
    people = list(weight)
    weights = [weight[p] for p in people]
    count = {p: 0 for p in people}
    pairs: set[frozenset[int]] = set()
    drawn: list[tuple[int, int]] = []
    attempts = 0
    while len(drawn) < meetings and attempts < meetings * 200:
        attempts += 1
        a, b = rng.choices(people, weights=weights, k=2)
        pair = frozenset((a, b))
        if a == b or pair in pairs or count[a] >= cap or count[b] >= cap:
            continue
        pairs.add(pair)
        count[a] += 1
        count[b] += 1
        drawn.append((a, b))

    unavailable_of = {}
    for p in people:
        marked = [s["id"] for s in slot_list if rng.random() < unavailable]
        while slots - len(marked) < 2:
            marked.pop()
        unavailable_of[p] = marked
    popular = sorted(people, key=lambda p: (-count[p], p))[:fixed_tables]
    fixed_table_of = {p: k + 1 for k, p in enumerate(popular)}

    meeting_list = []
    taken: set[tuple[int, int]] = set()
    for mid, (a, b) in enumerate(drawn, start=1):
        meeting = {"id": mid, "participants": [a, b], "session": None, "fixed_slot": None}
        if session_share and rng.random() < session_share:
            meeting["session"] = rng.choice(names)
        if fixed_share and rng.random() < fixed_share:
            free = [
                s["id"]
                for s in slot_list
                if s["id"] not in unavailable_of[a]
                and s["id"] not in unavailable_of[b]
                and (meeting["session"] is None or s["session"] == meeting["session"])
                and (a, s["id"]) not in taken
                and (b, s["id"]) not in taken
            ]
            if free:
                slot = rng.choice(free)
                meeting["fixed_slot"] = slot
                taken.update({(a, slot), (b, slot)})
        meeting_list.append(meeting)
    return {
        "slots": slot_list,
        "tables": tables,
        "participants": [
            {"id": p, "unavailable": unavailable_of[p], "fixed_table": fixed_table_of.get(p)} for p in people
        ],
        "meetings": meeting_list,
        "generator": {"seed": seed, "skew": skew, "unavailable": unavailable},
    }


def preset(name: str, seed: int) -> dict:
    rng = random.Random(f"preset-{name}-{seed}")
    if name == "real":
        slots = rng.randint(10, 22)
        n_meetings = rng.randint(150, 300)
        participants = rng.randint(60, 80)
        return dict(
            participants=participants,
            meetings=n_meetings,
            slots=slots,
            tables=max(1, -(-n_meetings // slots) + rng.randint(2, 6)),
            sessions=rng.randint(1, 2),
            unavailable=0.05,
        )
    if name == "large":
        return dict(participants=500, meetings=2000, slots=16, tables=60, sessions=2, unavailable=0.05)
    raise SystemExit(f"unknown preset {name}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=["real", "large"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--participants", type=int)
    parser.add_argument("--meetings", type=int)
    parser.add_argument("--slots", type=int)
    parser.add_argument("--tables", type=int)
    parser.add_argument("--sessions", type=int)
    parser.add_argument("--unavailable", type=float)
    parser.add_argument("--skew", type=float)
    parser.add_argument("--max-per-person", type=int)
    parser.add_argument("--fixed-tables", type=int)
    parser.add_argument("--session-share", type=float)
    parser.add_argument("--fixed-share", type=float)
    args = parser.parse_args(argv)
    options = preset(args.preset, args.seed) if args.preset else {}
    for key in ("participants", "meetings", "slots", "tables", "sessions", "unavailable", "skew",
                "max_per_person", "fixed_tables", "session_share", "fixed_share"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    missing = [k for k in ("participants", "meetings", "slots", "tables") if k not in options]
    if missing:
        parser.error("without --preset, give " + ", ".join("--" + k for k in missing))
    json.dump(generate(seed=args.seed, **options), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
