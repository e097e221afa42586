"""The one capacity mechanism of the platform: seats, tickets, codes and meeting tables.

Pattern (CONVENTIONS 4): inside a transaction, lock the row that owns the capacity, count what already
holds capacity, then write. PostgreSQL: `SELECT … FOR UPDATE` on the owner row serialises everyone
who competes for the same capacity (and nobody else). SQLite ignores FOR UPDATE, but its connection
uses `transaction_mode = IMMEDIATE`: every transaction takes the database's write lock at its start,
so the count and the write can never interleave either. Database constraints back it up.

An app plugs in by describing its holder model with a `CapacityRule` (events: `Registration` rows
holding seats of a `TicketCategory`; contingents: `Claim` rows holding tickets of a `Contingent`).
The mechanism then owns, for every app alike:

    lock_capacity_owner     lock the owner row (refused outside a transaction)
    lock_capacity_owner_row the same by primary key, with one foreign key read along, in SQL built once
    lock_key                lock a name where there is no row to lock yet (double submissions)
    CapacityRule.holds_q    the one "holds capacity" condition (holds_sql: the same in SQL, for the counts)
    count_taken             what holds capacity now (so an expired hold frees its place at once)
    count_taken_per_owner   the same for several owners in one query (a page with several categories)
    count_line              taken places, the waiting list and who waits since `now` or earlier, in one query
    promote                 move the next people of the waiting line up, in order, while places are free
    expire_due              the worker: owner by owner in ascending id order, end the holds that ran out
    waitlist_position       a waiting person's place in line (1 = next)

What moving up or expiring means for one row (new status, offer deadline, mail, audit entry) stays
with the app, passed in as a function.
"""

import datetime
import functools
import hashlib
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce

from django.db import connection, models, transaction
from django.db.models import F, Q

from revier.core.rows import converted, field_converter


class CapacityLockError(RuntimeError):
    pass


def _require_transaction(what: str) -> None:
    if not connection.in_atomic_block:
        raise CapacityLockError(f"{what} must run inside transaction.atomic()")


def lock_capacity_owner(queryset: models.QuerySet) -> models.Model:
    """Locks and returns the single row of `queryset` that owns a capacity. Must be called inside
    `transaction.atomic()`; when several owners are locked in one transaction, lock them in
    ascending primary-key order to avoid deadlocks (`expire_due` does)."""
    _require_transaction("lock_capacity_owner()")
    # of=("self",): only the owner row is locked, also when related rows are joined (select_related).
    return queryset.select_for_update(of=("self",)).get()


def lock_capacity_owner_row(model: type[models.Model], pk: int, *, related: str | None = None) -> models.Model:
    """What lock_capacity_owner(model.objects.select_related(related).filter(pk=pk)) returns (the
    owner row locked, its foreign key `related` read with it), in SQL built once per process: in a
    rush everyone waits while the lock holder works, and compiling this query through the ORM took
    longer than running it (docs/performance.md). Raises model.DoesNotExist."""
    _require_transaction("lock_capacity_owner_row()")
    query = _owner_query(model, related, connection.vendor)
    rows = _rows(query.sql, [pk])
    if not rows:
        raise model.DoesNotExist(f"{model._meta.object_name} {pk} does not exist")
    row = converted(rows[0], query.converters)
    owner = model.from_db(connection.alias, query.names, row[: len(query.names)])
    if related is not None:
        foreign_key = model._meta.get_field(related)
        parent = foreign_key.related_model.from_db(connection.alias, query.related_names, row[len(query.names):])
        foreign_key.set_cached_value(owner, parent)
    return owner


@dataclass(frozen=True)
class _OwnerQuery:
    sql: str
    names: list[str]  # the owner's attribute names, in the order of its columns
    related_names: list[str]
    converters: list


@functools.cache
def _owner_query(model: type[models.Model], related: str | None, vendor: str) -> _OwnerQuery:
    quote = connection.ops.quote_name
    fields = list(model._meta.concrete_fields)
    columns = [f"o.{quote(field.column)}" for field in fields]
    source = f"{quote(model._meta.db_table)} o"
    related_fields = []
    if related is not None:
        foreign_key = model._meta.get_field(related)
        parent = foreign_key.related_model
        related_fields = list(parent._meta.concrete_fields)
        columns += [f"r.{quote(field.column)}" for field in related_fields]
        source += (f" INNER JOIN {quote(parent._meta.db_table)} r "
                   f"ON r.{quote(parent._meta.pk.column)} = o.{quote(foreign_key.column)}")
    # SQLite has no FOR UPDATE: its IMMEDIATE transactions serialise everyone (see above).
    lock = " FOR UPDATE OF o" if connection.features.has_select_for_update_of else ""
    sql = f"SELECT {', '.join(columns)} FROM {source} WHERE o.{quote(model._meta.pk.column)} = %s{lock}"
    return _OwnerQuery(sql, [field.attname for field in fields], [field.attname for field in related_fields],
                       [field_converter(field) for field in fields + related_fields])


def lock_key(key: str) -> None:
    """Serialises the transactions that lock the same `key` (any string) until they end, where no
    row exists to lock yet (e.g. "has this message just been stored?"). PostgreSQL: a transaction-
    level advisory lock on a 64-bit hash of the key; SQLite: nothing to do, its IMMEDIATE
    transactions are serialised anyway. Must be called inside `transaction.atomic()`."""
    _require_transaction("lock_key()")
    if connection.vendor == "postgresql":
        number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


@dataclass(frozen=True)
class Availability:
    capacity: int | None  # None: unlimited
    taken: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


@dataclass(frozen=True)
class CapacityRule:
    """How an app's holder rows use the capacity of an owner row.

    holder      the model of the rows that take places (it has `status` and `hold_until`)
    owner       the name of its foreign key to the row that owns the capacity
    seated      statuses that hold a place for good
    held        statuses that hold a place until `hold_until` (an unconfirmed sign-up, an offer)
    expiring    statuses whose `hold_until` the worker acts on (default: `held`)
    waiting     the status of the waiting list
    line        the waiting list's order: ascending field names, empty values last
    """

    holder: type[models.Model]
    owner: str
    seated: tuple[str, ...]
    held: tuple[str, ...] = ()
    expiring: tuple[str, ...] | None = None
    waiting: str = "waitlisted"
    line: tuple[str, ...] = ("waitlisted_at", "id")

    def holds_q(self, now: datetime.datetime, prefix: str = "") -> Q:
        """The one rule: a row holds a place when its status is seated, or held and its hold has
        not run out at `now`. `prefix` for a join from the owner (e.g. "registrations__")."""
        condition = Q(**{f"{prefix}status__in": self.seated})
        if self.held:
            condition |= Q(**{f"{prefix}status__in": self.held, f"{prefix}hold_until__gt": now})
        return condition

    def holds_sql(self) -> str:
        """holds_q(now) as an SQL condition on the holder's table, with one placeholder for `now`
        (after those of the statuses: holds_params). The counts below run it as plain SQL: built
        through the ORM, a count costs a busy registration post more Python than everything else
        it does (docs/performance.md); tests/core/test_capacity.py checks that both agree."""
        status = _column(self.holder, "status")
        condition = f"{status} IN ({_placeholders(self.seated)})"
        if self.held:  # a holder without holds (placed meetings) needs no `hold_until` column
            hold_until = _column(self.holder, "hold_until")
            condition = f"({condition} OR ({status} IN ({_placeholders(self.held)}) AND {hold_until} > %s))"
        return condition

    def holds_params(self, now: datetime.datetime) -> list:
        statuses = [str(status) for status in (*self.seated, *self.held)]
        return [*statuses, _adapt_datetime(now)] if self.held else statuses

    def of_owner(self, owner_id: int) -> models.QuerySet:
        return self.holder.objects.filter(**{f"{self.owner}_id": owner_id})

    def waiting_line(self, owner_id: int) -> models.QuerySet:
        """The owner's waiting list, the next first."""
        order = [F(name).asc(nulls_last=True) for name in self.line]
        return self.of_owner(owner_id).filter(status=self.waiting).order_by(*order)


def _column(model: type[models.Model], field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _adapt_datetime(value: datetime.datetime):
    # What the ORM sends for a DateTimeField (SQLite stores naive UTC text).
    return connection.ops.adapt_datetimefield_value(value)


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_taken(rule: CapacityRule, *, owner_id: int, now: datetime.datetime) -> int:
    """How many rows hold a place of the owner at `now`: a hold that ran out stops counting at
    once, without waiting for the worker. For a decision, call it under the owner's lock."""
    return count_taken_per_owner(rule, owner_ids=[owner_id], now=now).get(owner_id, 0)


def count_taken_per_owner(rule: CapacityRule, *, owner_ids: Iterable[int], now: datetime.datetime) -> dict[int, int]:
    """count_taken for several owners in one query: {owner id: places taken}, owners without any
    taken place left out."""
    owner_ids = list(owner_ids)
    if not owner_ids:
        return {}
    owner, table = _column(rule.holder, rule.owner), connection.ops.quote_name(rule.holder._meta.db_table)
    sql = (
        f"SELECT {owner}, COUNT(*) FROM {table} WHERE {owner} IN ({_placeholders(owner_ids)}) "
        f"AND {rule.holds_sql()} GROUP BY {owner}"
    )
    return dict(_rows(sql, [*owner_ids, *rule.holds_params(now)]))


@dataclass(frozen=True)
class LineCounts:
    taken: int  # places held at `now` (count_taken)
    waiting: int  # rows on the waiting list
    ahead: int  # of them, those whose place in line (the first field of `rule.line`) is at `now` or earlier


def count_line(rule: CapacityRule, *, owner_id: int, now: datetime.datetime) -> LineCounts:
    """The owner's taken places and waiting list in one query over the owner's rows: what a sign-up
    decides on under the owner's lock (a newcomer who joins the line at `now` stands right behind
    `ahead`). For rules whose line starts with a time (events: `waitlisted_at`)."""
    owner, table = _column(rule.holder, rule.owner), connection.ops.quote_name(rule.holder._meta.db_table)
    status, first = _column(rule.holder, "status"), _column(rule.holder, rule.line[0])
    statuses = [str(status) for status in (*rule.seated, *rule.held, rule.waiting)]
    sql = (
        f"SELECT COUNT(CASE WHEN {rule.holds_sql()} THEN 1 END), "
        f"COUNT(CASE WHEN {status} = %s THEN 1 END), "
        f"COUNT(CASE WHEN {status} = %s AND {first} <= %s THEN 1 END) "
        f"FROM {table} WHERE {owner} = %s AND {status} IN ({_placeholders(statuses)})"
    )
    params = [*rule.holds_params(now), str(rule.waiting), str(rule.waiting), _adapt_datetime(now), owner_id, *statuses]
    taken, waiting, ahead = _rows(sql, params)[0]
    return LineCounts(taken=taken, waiting=waiting, ahead=ahead)


def promote(rule: CapacityRule, *, owner_id: int, free: int | None, move_up: Callable[[models.Model], None],
            related: Iterable[str] = ()) -> list[models.Model]:
    """Moves the first `free` people of the waiting line up (everyone when `free` is None, i.e.
    unlimited), in line order, calling `move_up` for each (it sets the new status, writes and mails).
    The caller holds the owner's lock (lock_capacity_owner) and counted `free` under it."""
    _require_transaction("promote()")
    if free is not None and free <= 0:
        return []
    line = rule.waiting_line(owner_id).select_related(*related)
    moved = list(line if free is None else line[:free])
    for row in moved:
        move_up(row)
    return moved


def expire_due(rule: CapacityRule, *, now: datetime.datetime, lock: Callable[[int], models.Model],
               expire: Callable[[models.Model], None], after: Callable[[models.Model], None],
               related: Iterable[str] = ()) -> int:
    """Worker task: ends the holds of `rule.expiring` rows whose `hold_until` is past. Owner by owner
    in ascending id order, each in its own transaction under the owner's lock (`lock(owner_id)`):
    `expire` is called for every such row, then `after(owner)` (usually: move people up). Returns
    the number of rows expired. Capacity never depends on this task (a hold that ran out stops
    counting at once); it makes the freed places reach the waiting list sooner."""
    statuses = rule.held if rule.expiring is None else rule.expiring
    due = rule.holder.objects.filter(status__in=statuses, hold_until__lte=now)
    owner_ids = sorted(set(due.values_list(f"{rule.owner}_id", flat=True)))
    expired = 0
    for owner_id in owner_ids:
        with transaction.atomic(durable=True):
            owner = lock(owner_id)
            for row in due.filter(**{f"{rule.owner}_id": owner_id}).select_related(*related).order_by("id"):
                expire(row)
                expired += 1
            after(owner)
    return expired


def waitlist_position(rule: CapacityRule, *, holder: models.Model) -> int | None:
    """1 for the next in line, None for a row not on the waiting list. Counts the rows ahead in the
    order of `rule.line` (empty values last), in one query."""
    if holder.status != rule.waiting:
        return None
    ahead, same = [], Q()
    for name in rule.line:
        value = getattr(holder, name)
        ahead.append(same & (Q(**{f"{name}__isnull": False}) if value is None else Q(**{f"{name}__lt": value})))
        same &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    owner_id = getattr(holder, f"{rule.owner}_id")
    return rule.of_owner(owner_id).filter(status=rule.waiting).filter(reduce(operator.or_, ahead)).count() + 1
