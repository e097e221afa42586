"""The registration form's seats, counted at most SEAT_COUNT_SECONDS ago (events.selectors.seats_taken_recently)."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from revier.events import selectors, services
from revier.events.models import Registration
from tests.factories import EventFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts_remembered(settings):
    settings.SEAT_COUNT_SECONDS = 1.0
    selectors.forget_seat_counts()
    yield
    selectors.forget_seat_counts()


@pytest.fixture
def event():
    event = EventFactory()
    TicketCategoryFactory(event=event, name="Vor Ort", capacity=2)
    return event


def _queries(client, url, data=None) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if data is not None else client.get(url)
    return response.content.decode(), len(queries.captured_queries)


def test_counts_are_remembered_for_a_second(client, event, counts_remembered, monkeypatch):
    url = reverse("events:register", args=[event.slug])
    _queries(client, url)  # the event's setup is read and kept (per content generation)
    page, again = _queries(client, url)
    assert again == 0 and "noch 2 von 2 Plätzen" in page
    clock = time.monotonic() + 1.5
    monkeypatch.setattr(time, "monotonic", lambda: clock)
    _page, later = _queries(client, url)
    assert later == 1  # counted again


def test_a_registration_in_this_process_is_counted_at_once(client, event, counts_remembered):
    url = reverse("events:register", args=[event.slug])
    assert "noch 2 von 2 Plätzen" in _queries(client, url)[0]
    services.registration_create(event=event, data=registration_input(event.categories.get()))
    assert "noch 1 von 2 Plätzen" in _queries(client, url)[0]


def test_a_stale_count_never_overbooks(client, event, counts_remembered):
    """The form's check may use a count a second old; the service counts again under the lock."""
    category = event.categories.get()
    url = reverse("events:register", args=[event.slug])
    assert "noch 2 von 2 Plätzen" in _queries(client, url)[0]
    # Seats taken elsewhere without this process noticing (a write that sends no signal).
    for n in range(2):
        services.registration_create(event=event, data=registration_input(category, n))
    selectors._seat_counts[(category.pk,)] = (time.monotonic(), {category.pk: 0})
    data = {
        "first_name": "Ada", "last_name": "Spät", "email": "spaet@example.org", "sector": "kmu",
        "category": str(category.pk),
    }
    page, _count = _queries(client, url, data)
    assert Registration.objects.filter(category=category).count() == 2
    assert "ausgebucht" in page
