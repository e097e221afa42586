"""The free tickets the contingent pages show, read at most SEAT_COUNT_SECONDS ago in this process
(contingents.selectors._figure_rows), as the registration form's seats are."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.contingents import selectors, services
from revier.contingents.models import Claim
from tests.factories import ContingentFactory, claim_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures_remembered(settings):
    settings.SEAT_COUNT_SECONDS = 1.0
    selectors.forget_ticket_figures()
    yield
    selectors.forget_ticket_figures()


def _read(**kwargs) -> tuple[int, int]:
    """(tickets left of the first offer, queries asked)."""
    with CaptureQueriesContext(connection) as queries:
        offers = selectors.contingent_offers_public(**kwargs)
    return offers[0].availability.free, len(queries.captured_queries)


def test_figures_are_remembered_for_a_second(figures_remembered, monkeypatch):
    contingent = ContingentFactory(size=5, uses_codes=False)
    assert _read() == (5, 1)
    assert _read() == (5, 0)
    assert _read(slug=contingent.slug) == (5, 1)  # the page of one contingent is remembered apart
    assert _read(slug=contingent.slug) == (5, 0)
    later = time.monotonic() + 1.5
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert _read() == (5, 1)  # read again


def test_a_claim_in_this_process_is_counted_at_once(figures_remembered):
    contingent = ContingentFactory(size=5, uses_codes=False)
    assert _read() == (5, 1)
    services.claim_create(contingent=contingent, data=claim_input(1))
    Claim.objects.filter(contingent=contingent).update(status=Claim.Status.ALLOCATED)  # as if confirmed elsewhere
    services.claim_create(contingent=contingent, data=claim_input(2))  # a save here forgets the figures
    left, queries = _read()
    assert queries == 1 and left < 5


def test_a_given_time_is_never_answered_from_memory(figures_remembered):
    ContingentFactory(size=5, uses_codes=False)
    from django.utils import timezone

    _read()
    assert _read(now=timezone.now())[1] == 1


def test_switched_off_it_reads_every_time(settings):
    settings.SEAT_COUNT_SECONDS = 0
    ContingentFactory(size=5, uses_codes=False)
    assert _read()[1] == 1
    assert _read()[1] == 1
