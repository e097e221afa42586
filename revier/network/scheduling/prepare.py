"""Before any search: each meeting's domain and table, fixed meetings checked against each other,
reasons for meetings that cannot be placed at all."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .instance import Instance, Participant


@dataclass
class Prepared:
    instance: Instance
    slot_index: dict[int, int]
    participant: dict[int, Participant]
    table_of: dict[int, int | None]  # meeting → forced table (a participant's fixed table)
    domain: dict[int, list[int]]  # meeting → slot indexes it may take (empty: cannot be placed)
    fixed: dict[int, int]  # fixed meeting that is kept → slot index
    reasons: dict[int, str]  # meeting → reason it cannot be placed, known before solving


def prepare(instance: Instance) -> Prepared:
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
        if meeting.fixed_slot is not None and meeting.fixed_table is not None:
            table_of[meeting.id] = meeting.fixed_table
        common = [i for i, slot in enumerate(instance.slots) if slot.id not in a.unavailable and slot.id not in b.unavailable]
        in_session = [i for i in common if meeting.session is None or instance.slots[i].session == meeting.session]
        names = {"a": a.id, "b": b.id}
        if instance.tables == 0:
            reasons[meeting.id] = _("There are no tables.")
        elif meeting.fixed_slot is not None:
            fixed_index = slot_index[meeting.fixed_slot]
            fixed_name = instance.slots[fixed_index].name
            missing = [p.id for p in (a, b) if meeting.fixed_slot in p.unavailable]
            if missing:
                reasons[meeting.id] = _(
                    "The fixed slot %(slot)s is marked unavailable by participant %(participant)s."
                ) % {"slot": fixed_name, "participant": _(" and ").join(map(str, missing))}
            elif meeting.session is not None and instance.slots[fixed_index].session != meeting.session:
                reasons[meeting.id] = _(
                    "The fixed slot %(slot)s does not belong to the session “%(session)s” the meeting is restricted to."
                ) % {"slot": fixed_name, "session": meeting.session}
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
        fixed_name = instance.slots[index].name
        clash = [pid for pid in meeting.participants if (pid, index) in busy]
        table = table_of[meeting.id]
        if clash:
            reasons[meeting.id] = _(
                "The fixed slot %(slot)s is already taken by another fixed meeting of participant %(participant)s."
            ) % {"slot": fixed_name, "participant": _(" and ").join(map(str, clash))}
        elif count[index] >= instance.tables:
            reasons[meeting.id] = _("In the fixed slot %(slot)s all tables are taken by other fixed meetings.") % {
                "slot": fixed_name
            }
        elif table is not None and (table, index) in table_taken:
            reasons[meeting.id] = _(
                "In the fixed slot %(slot)s the fixed table %(table)s is taken by another fixed meeting."
            ) % {"slot": fixed_name, "table": table}
        else:
            fixed[meeting.id] = index
            busy.update((pid, index) for pid in meeting.participants)
            count[index] += 1
            if table is not None:
                table_taken.add((table, index))
            continue
        domain[meeting.id] = []
    return Prepared(instance, slot_index, participant, table_of, domain, fixed, reasons)
