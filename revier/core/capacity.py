"""The one capacity mechanism of the platform: seats, tickets, codes and meeting tables.

Pattern (CONVENTIONS 4): inside a transaction, lock the row that owns the capacity, count what already
holds capacity, then write. PostgreSQL: `SELECT … FOR UPDATE` on the owner row serialises everyone
who competes for the same capacity (and nobody else). SQLite ignores FOR UPDATE, but its connection
uses `transaction_mode = IMMEDIATE`: every transaction takes the database's write lock at its start,
so the count and the write can never interleave either. Database constraints back it up.
"""

from dataclasses import dataclass

from django.db import connection, models


class CapacityLockError(RuntimeError):
    pass


def lock_capacity_owner(queryset: models.QuerySet) -> models.Model:
    """Locks and returns the single row of `queryset` that owns a capacity. Must be called inside
    `transaction.atomic()`; when several owners are locked in one transaction, lock them in
    ascending primary-key order to avoid deadlocks."""
    if not connection.in_atomic_block:
        raise CapacityLockError("lock_capacity_owner() must run inside transaction.atomic()")
    # of=("self",): only the owner row is locked, also when related rows are joined (select_related).
    return queryset.select_for_update(of=("self",)).get()


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
