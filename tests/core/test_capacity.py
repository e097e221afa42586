"""The capacity mechanism on its own (core.capacity), with a rule written here rather than the apps'
services: plain rows of the events' tables stand in for "an owner" and "holders". The concurrency
test uses real threads and transactions, on whichever database the suite runs (SQLite and
PostgreSQL in CI)."""

import datetime
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.utils import timezone

from revier.contingents.models import Claim
from revier.core import capacity
from revier.core.capacity import CapacityLockError, CapacityRule
from revier.events.models import Registration, TicketCategory
from tests.factories import ContingentFactory, TicketCategoryFactory

NOW = timezone.now()
RULE = CapacityRule(
    holder=Registration,
    owner="category",
    seated=("confirmed",),
    held=("unconfirmed",),
    waiting="waitlisted",
    line=("waitlisted_at", "id"),
)
_numbers = itertools.count()


def holder(category, status, *, hold_until=None, waitlisted_at=None) -> Registration:
    n = next(_numbers)
    return Registration.objects.create(
        event_id=category.event_id, category=category, status=status, first_name="Alex", last_name=f"Muster{n}",
        email=f"a{n}@example.org", email_normalized=f"a{n}@example.org", sector="kmu", hold_until=hold_until,
        waitlisted_at=waitlisted_at, ticket_code=f"CODE{n}",
    )


def lock(category_id: int) -> TicketCategory:
    return capacity.lock_capacity_owner(TicketCategory.objects.filter(pk=category_id))


@pytest.mark.django_db
def test_count_taken_counts_seated_and_unexpired_holds_only():
    category = TicketCategoryFactory(capacity=10)
    holder(category, "confirmed")
    holder(category, "unconfirmed", hold_until=NOW + datetime.timedelta(minutes=1))
    holder(category, "unconfirmed", hold_until=NOW)  # ran out this instant
    holder(category, "waitlisted", waitlisted_at=NOW)
    holder(category, "cancelled")
    holder(TicketCategoryFactory(), "confirmed")  # another owner
    assert capacity.count_taken(RULE, owner_id=category.pk, now=NOW) == 2
    assert capacity.count_taken(RULE, owner_id=category.pk, now=NOW - datetime.timedelta(seconds=1)) == 3
    # The same rule through a join from the owner (as pages count many owners at once).
    assert TicketCategory.objects.filter(pk=category.pk).filter(
        RULE.holds_q(NOW, prefix="registrations__")
    ).count() == 2


STATUSES = ["confirmed", "unconfirmed", "offered", "waitlisted", "cancelled", "pending"]
HOLDS = [None, NOW - datetime.timedelta(days=1), NOW, NOW + datetime.timedelta(microseconds=1),
         NOW + datetime.timedelta(days=1)]
RULES = [
    RULE,
    CapacityRule(holder=Registration, owner="category", seated=("confirmed", "pending"), held=("unconfirmed", "offered"),
                 waiting="waitlisted"),
    CapacityRule(holder=Registration, owner="category", seated=("confirmed",)),  # nothing held (as contingents)
]


@pytest.mark.django_db
@pytest.mark.parametrize("rule", RULES, ids=["held", "two-held", "no-held"])
def test_the_counts_in_sql_agree_with_holds_q(rule):
    """count_taken, count_taken_per_owner and count_line run the rule as plain SQL (holds_sql): for
    every status, hold (none, past, this instant, a microsecond ahead, tomorrow) and place in line
    they count what the ORM counts with holds_q."""
    categories = [TicketCategoryFactory(capacity=100), TicketCategoryFactory(capacity=100), TicketCategoryFactory()]
    for n, (status, hold) in enumerate(itertools.product(STATUSES, HOLDS)):
        for category in categories[: 1 + n % 2]:
            waitlisted_at = NOW + datetime.timedelta(seconds=n % 3 - 1) if status == "waitlisted" else None
            holder(category, status, hold_until=hold, waitlisted_at=waitlisted_at)
    ids = [category.pk for category in categories]
    for now in (NOW, NOW - datetime.timedelta(seconds=1), NOW + datetime.timedelta(days=2)):
        expected = {
            pk: Registration.objects.filter(category_id=pk).filter(rule.holds_q(now)).count() for pk in ids
        }
        assert capacity.count_taken_per_owner(rule, owner_ids=ids, now=now) == {k: v for k, v in expected.items() if v}
        assert [capacity.count_taken(rule, owner_id=pk, now=now) for pk in ids] == [expected[pk] for pk in ids]
        for pk in ids:
            waiting = Registration.objects.filter(category_id=pk, status="waitlisted")
            assert capacity.count_line(rule, owner_id=pk, now=now) == capacity.LineCounts(
                taken=expected[pk], waiting=waiting.count(), ahead=waiting.filter(waitlisted_at__lte=now).count()
            )
    assert capacity.count_taken_per_owner(rule, owner_ids=[], now=NOW) == {}


@pytest.mark.django_db
def test_promote_moves_the_first_in_line_up_in_order():
    category = TicketCategoryFactory(capacity=10)
    later = holder(category, "waitlisted", waitlisted_at=NOW + datetime.timedelta(seconds=1))
    first = holder(category, "waitlisted", waitlisted_at=NOW)
    tie = holder(category, "waitlisted", waitlisted_at=NOW)  # same time: the lower id first
    moved = []

    def move_up(row):
        row.status = "offered"
        row.save(update_fields=["status"])
        moved.append(row.pk)

    with transaction.atomic():
        lock(category.pk)
        assert capacity.promote(RULE, owner_id=category.pk, free=0, move_up=move_up) == []
        assert [r.pk for r in capacity.promote(RULE, owner_id=category.pk, free=2, move_up=move_up)] == [first.pk, tie.pk]
        assert [r.pk for r in capacity.promote(RULE, owner_id=category.pk, free=None, move_up=move_up)] == [later.pk]
    assert moved == [first.pk, tie.pk, later.pk]


@pytest.mark.django_db
def test_waitlist_position_follows_the_line_with_empty_values_last():
    contingent = ContingentFactory()
    rule = CapacityRule(holder=Claim, owner="contingent", seated=("allocated",), line=("draw_position", "waitlisted_at", "id"))

    def claim(n, draw_position=None, waitlisted_at=NOW):
        return Claim.objects.create(
            contingent=contingent, status="waitlisted", first_name="R", last_name=str(n), email=f"r{n}@example.org",
            email_normalized=f"r{n}@example.org", pseudonym=f"P{n}",
            draw_position=draw_position, waitlisted_at=waitlisted_at,
        )

    joined_late = claim(1, waitlisted_at=NOW + datetime.timedelta(minutes=1))
    joined_early = claim(2)
    drawn_second = claim(3, draw_position=2, waitlisted_at=NOW + datetime.timedelta(hours=1))
    drawn_first = claim(4, draw_position=1, waitlisted_at=NOW + datetime.timedelta(hours=1))
    allocated = claim(5)
    Claim.objects.filter(pk=allocated.pk).update(status="allocated")
    allocated.refresh_from_db()
    positions = {c.pk: capacity.waitlist_position(rule, holder=c) for c in [joined_late, joined_early, drawn_second, drawn_first]}
    assert positions == {drawn_first.pk: 1, drawn_second.pk: 2, joined_early.pk: 3, joined_late.pk: 4}
    assert capacity.waitlist_position(rule, holder=allocated) is None
    assert [c.pk for c in rule.waiting_line(contingent.pk)] == [drawn_first.pk, drawn_second.pk, joined_early.pk, joined_late.pk]


@pytest.mark.django_db
def test_expire_due_ends_holds_owner_by_owner_in_ascending_order():
    first, second, untouched = TicketCategoryFactory(), TicketCategoryFactory(), TicketCategoryFactory()
    due = [holder(second, "unconfirmed", hold_until=NOW), holder(first, "unconfirmed", hold_until=NOW - datetime.timedelta(hours=1))]
    holder(untouched, "unconfirmed", hold_until=NOW + datetime.timedelta(seconds=1))
    holder(first, "confirmed")
    calls = []

    def expire(row):
        assert connection.in_atomic_block
        row.status = "expired"
        row.save(update_fields=["status"])
        calls.append(("expire", row.category_id, row.pk))

    expired = capacity.expire_due(RULE, now=NOW, lock=lock, expire=expire, after=lambda owner: calls.append(("after", owner.pk)))
    assert expired == 2
    assert calls == [("expire", first.pk, due[1].pk), ("after", first.pk), ("expire", second.pk, due[0].pk), ("after", second.pk)]
    assert capacity.expire_due(RULE, now=NOW, lock=lock, expire=expire, after=lambda owner: None) == 0


@pytest.mark.django_db(transaction=True)
def test_the_mechanism_refuses_to_run_outside_a_transaction():
    category = TicketCategoryFactory()
    with pytest.raises(CapacityLockError):
        lock(category.pk)
    with pytest.raises(CapacityLockError):
        capacity.promote(RULE, owner_id=category.pk, free=1, move_up=lambda row: None)
    with pytest.raises(CapacityLockError):
        capacity.lock_key("staff-message:contact:a@example.org")
    with transaction.atomic():
        assert lock(category.pk) == category


@pytest.mark.django_db(transaction=True)
def test_expire_due_is_a_top_level_transaction_of_its_own():
    """Each owner's expiry commits on its own: the worker never runs it inside another transaction."""
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        holder(TicketCategoryFactory(), "unconfirmed", hold_until=NOW)
        capacity.expire_due(RULE, now=NOW, lock=lock, expire=lambda row: None, after=lambda owner: None)


def _values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


@pytest.mark.django_db
def test_lock_capacity_owner_row_reads_what_the_orm_reads(django_assert_num_queries):
    category = TicketCategoryFactory(capacity=7, description="Mit Umlauten: äöü")
    with transaction.atomic():
        expected = capacity.lock_capacity_owner(TicketCategory.objects.select_related("event").filter(pk=category.pk))
        with django_assert_num_queries(1):
            found = capacity.lock_capacity_owner_row(TicketCategory, category.pk, related="event")
            event = found.event  # read along: no second query
        alone = capacity.lock_capacity_owner_row(TicketCategory, category.pk)
    assert type(found) is TicketCategory and found.pk == category.pk
    assert _values(found) == _values(expected) == _values(alone)
    assert _values(event) == _values(expected.event)
    assert event.starts_at.tzinfo is not None and found._state.adding is False
    with transaction.atomic(), pytest.raises(TicketCategory.DoesNotExist):
        capacity.lock_capacity_owner_row(TicketCategory, category.pk + 1000, related="event")


@pytest.mark.django_db(transaction=True)
def test_lock_capacity_owner_row_refuses_outside_a_transaction():
    category = TicketCategoryFactory(capacity=7)
    with pytest.raises(CapacityLockError):
        capacity.lock_capacity_owner_row(TicketCategory, category.pk, related="event")


# The two ways to lock a capacity owner: the ORM's select_for_update (core.capacity.lock_capacity_owner)
# and the SQL built once per process (core.capacity.lock_capacity_owner_row).
LOCKS = {
    "lock_capacity_owner": lock,
    "lock_capacity_owner_row": lambda pk: capacity.lock_capacity_owner_row(TicketCategory, pk, related="event"),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lock_owner", LOCKS.values(), ids=LOCKS.keys())
def test_lock_count_write_never_overbooks_under_real_concurrency(lock_owner):
    """30 threads, each in its own transaction: lock, count, write one holder if a place is free."""
    category = TicketCategoryFactory(capacity=7)
    start = threading.Barrier(30)
    errors = []

    def take(n):
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                owner = lock_owner(category.pk)
                if capacity.count_taken(RULE, owner_id=owner.pk, now=timezone.now()) < owner.capacity:
                    holder(owner, "confirmed")
        except Exception as error:  # noqa: BLE001 – asserted below
            errors.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:
        list(pool.map(take, range(30)))
    assert errors == []
    assert Registration.objects.filter(category=category).count() == 7
