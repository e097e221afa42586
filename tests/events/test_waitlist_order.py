"""The waiting list's order under a rush: people stand in line in the order in which their
registrations were made (taken the category lock), which is also the order of their ids."""

import pytest

from revier.events import services
from revier.events.models import Registration
from tests.events.test_concurrency import _run_concurrently
from tests.factories import TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db(transaction=True)


def test_registration_create_concurrent_waitlist_order_follows_creation_order():
    category = TicketCategoryFactory(capacity=1)
    event = category.event
    services.registration_create(event=event, data=registration_input(category, 0))
    calls = [
        (lambda n=n: services.registration_create(event=event, data=registration_input(category, n, join_waitlist=True)))
        for n in range(1, 61)
    ]
    results, failures = _run_concurrently(calls)
    assert failures == [] and len(results) == 60
    waiting = list(
        Registration.objects.filter(category=category, status=Registration.Status.WAITLISTED).values_list("id", "waitlisted_at")
    )
    assert len(waiting) == 60
    assert [pk for pk, _ in sorted(waiting, key=lambda row: (row[1], row[0]))] == sorted(pk for pk, _ in waiting)
    assert len({at for _, at in waiting}) == 60
