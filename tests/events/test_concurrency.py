"""Capacity under real concurrency: real threads, each with its own database connection and its own
transactions, on whichever database the suite runs (SQLite and PostgreSQL in CI)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from revier.events import errors, selectors, services
from revier.events.models import Registration
from tests.concurrent import post_at_once
from tests.factories import TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _all_at_one_domain(settings):
    """Every address here is at example.org: the per-domain limit against squatting is not tested here."""
    settings.SIGNUP_LIMIT_PER_DOMAIN = 10_000
Status = Registration.Status
WORKERS = 40  # PostgreSQL allows 100 connections; 40 transactions at once compete for the same lock


def _run_concurrently(calls):
    start = threading.Barrier(min(WORKERS, len(calls)))
    results, failures = [], []
    lock = threading.Lock()

    def run(call):
        try:
            try:
                start.wait(timeout=10)
            except threading.BrokenBarrierError:
                pass
            outcome = call()
            with lock:
                results.append(outcome)
        except Exception as error:  # noqa: BLE001 – collected and asserted below
            with lock:
                failures.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(run, calls))
    return results, failures


def test_200_concurrent_registrations_never_overbook_50_seats():
    category = TicketCategoryFactory(capacity=50)
    event = category.event

    def register(n, waitlist):
        return lambda: services.registration_create(
            event=event, data=registration_input(category, n, join_waitlist=waitlist)
        )

    calls = [register(n, waitlist=n % 2 == 0) for n in range(200)]
    results, failures = _run_concurrently(calls)

    full = [f for f in failures if isinstance(f, errors.CapacityExhausted)]
    assert [f for f in failures if not isinstance(f, errors.CapacityExhausted)] == []
    seated = Registration.objects.filter(category=category, status=Status.UNCONFIRMED)
    waiting = Registration.objects.filter(category=category, status=Status.WAITLISTED)
    assert seated.count() == 50
    assert selectors.category_availability(category=category).taken == 50
    assert len(results) + len(full) == 200
    assert waiting.count() == len(results) - 50
    # everyone who asked for the waiting list and got no seat is on it; the others were told it is full
    assert len(full) == 200 - len(results)
    assert Registration.objects.filter(category=category).count() == len(results)
    positions = [selectors.waitlist_position(registration=r) for r in waiting.order_by("waitlisted_at", "id")]
    assert positions == list(range(1, waiting.count() + 1))


def test_concurrent_registrations_with_the_same_address_create_one():
    category = TicketCategoryFactory(capacity=50)
    event = category.event
    calls = [
        (lambda: services.registration_create(event=event, data=registration_input(category, 0, email="Dieselbe@Example.org")))
        for _ in range(20)
    ]
    results, failures = _run_concurrently(calls)
    assert failures == []
    assert Registration.objects.filter(event=event).count() == 1
    assert sorted(r.kind for r in results).count("created") == 1


def test_concurrent_registrations_with_the_same_address_in_two_categories_create_one():
    """Two categories have two locks: the partial unique constraint refuses the second insert, and
    registration_create then finds the first registration and sends its link again."""
    onsite = TicketCategoryFactory(capacity=50)
    online = TicketCategoryFactory(event=onsite.event, capacity=None)
    event = onsite.event
    calls = [
        (lambda c=c: services.registration_create(event=event, data=registration_input(c, 0, email="Dieselbe@Example.org")))
        for _ in range(10) for c in (onsite, online)
    ]
    results, failures = _run_concurrently(calls)
    assert failures == []
    assert Registration.objects.filter(event=event).count() == 1
    assert sorted(r.kind for r in results).count("created") == 1
    assert len(results) == 20


def test_concurrent_cancellations_and_registrations_keep_capacity():
    category = TicketCategoryFactory(capacity=10)
    event = category.event
    first = [services.registration_create(event=event, data=registration_input(category, n)).registration for n in range(10)]
    calls = [(lambda r=r: services.registration_cancel(registration=r)) for r in first[:5]]
    calls += [
        (lambda n=n: services.registration_create(event=event, data=registration_input(category, 100 + n, join_waitlist=True)))
        for n in range(30)
    ]
    results, failures = _run_concurrently(calls)
    assert failures == []
    assert selectors.category_availability(category=category).taken == 10
    held = Registration.objects.filter(category=category, status__in=[Status.UNCONFIRMED, Status.OFFERED])
    assert held.count() == 10


def test_two_identical_registration_posts_at_once_create_one_row_and_send_one_mail():
    """A double click: one registration, one mail, and the one link works."""
    from revier.core.models import OutboxMail
    from tests.events.test_registration_views import form_data, last_token, register_url

    category = TicketCategoryFactory(capacity=50)
    assert post_at_once(register_url(category.event), form_data(category), times=2) == [302, 302]
    assert Registration.objects.filter(event=category.event).count() == 1
    assert [mail.to for mail in OutboxMail.objects.all()] == [["alex0@example.org"]]
    assert services.registration_confirm(token=last_token("alex0@example.org")).status == Status.CONFIRMED
