"""registration_create under a rush: what it does under the category lock stays small."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from revier.events import selectors, services
from revier.events.models import Registration
from tests.factories import TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def test_registration_create_full_category_queries_do_not_grow_with_the_waiting_list():
    category = TicketCategoryFactory(capacity=1)
    event = category.event
    services.registration_create(event=event, data=registration_input(category, 0))
    for n in range(1, 4):
        services.registration_create(event=event, data=registration_input(category, n, join_waitlist=True))
    few = _queries(lambda: services.registration_create(
        event=event, data=registration_input(category, 100, join_waitlist=True)))
    for n in range(4, 40):
        services.registration_create(event=event, data=registration_input(category, n, join_waitlist=True))
    many = _queries(lambda: services.registration_create(
        event=event, data=registration_input(category, 101, join_waitlist=True)))
    # savepoint (the test runs in a transaction), lock, one count, insert, personal link, audit,
    # mail, release: a new address is not looked up first (the unique constraint guards it)
    assert few == many == 8


def test_registration_create_unlimited_category_counts_no_seats():
    category = TicketCategoryFactory(capacity=None)
    services.registration_create(event=category.event, data=registration_input(category, 0))
    sql = []
    with CaptureQueriesContext(connection) as context:
        services.registration_create(event=category.event, data=registration_input(category, 1))
        sql = [q["sql"] for q in context.captured_queries]
    assert sum("COUNT(" in q.upper() for q in sql) == 0  # nobody waits for an unlimited category


def test_registration_create_moves_the_waiting_person_up_before_a_newcomer_takes_a_freed_seat():
    category = TicketCategoryFactory(capacity=1)
    event = category.event
    stale = services.registration_create(event=event, data=registration_input(category, 0)).registration
    waiting = services.registration_create(
        event=event, data=registration_input(category, 1, join_waitlist=True)).registration
    later = timezone.now() + datetime.timedelta(hours=49)  # the first hold has run out

    newcomer = services.registration_create(
        event=event, data=registration_input(category, 2, join_waitlist=True), now=later)

    waiting.refresh_from_db()
    stale.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert newcomer.kind == "waitlisted"
    assert selectors.category_availability(category=category, now=later).taken == 1


def test_registration_create_free_seat_without_waiting_list_is_given():
    category = TicketCategoryFactory(capacity=2)
    outcome = services.registration_create(event=category.event, data=registration_input(category, 0))
    assert outcome.kind == "created"
    assert selectors.category_availability(category=category).taken == 1


def test_registration_create_full_category_spares_the_domain_count():
    """In a rush most posts find the category full: they pay one count, and the squatting limit's
    count of unconfirmed sign-ups from the same e-mail domain is asked only when a seat is taken."""
    category = TicketCategoryFactory(capacity=1)
    services.registration_create(event=category.event, data=registration_input(category, 0))
    with CaptureQueriesContext(connection) as context:
        outcome = services.registration_create(
            event=category.event, data=registration_input(category, 1, join_waitlist=True))
    sql = [q["sql"].upper() for q in context.captured_queries]
    assert outcome.kind == "waitlisted"
    assert sum("COUNT(" in q for q in sql) == 1
    assert not any(" LIKE " in q for q in sql)
