"""Tickets under real concurrency: real threads with their own connections and transactions."""

import pytest

from revier.contingents import services
from revier.contingents.models import Claim, TicketCode
from tests.contingents.test_services import last_token
from tests.concurrent import post_at_once
from tests.events.test_concurrency import _run_concurrently
from tests.factories import ContingentFactory, claim_input, with_codes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _all_at_one_domain(settings):
    """Every address here is at example.org: the per-domain limit against squatting is not tested here."""
    settings.SIGNUP_LIMIT_PER_DOMAIN = 10_000


def test_200_concurrent_confirmations_hand_out_exactly_50_codes_each_once():
    contingent = ContingentFactory(size=50)
    with_codes(contingent, 60)
    for n in range(200):
        services.claim_create(contingent=contingent, data=claim_input(n))
    tokens = [last_token(f"robin{n}@example.org") for n in range(200)]
    results, failures = _run_concurrently([(lambda t=t: services.claim_confirm(token=t)) for t in tokens])
    assert failures == []
    assert len(results) == 200
    allocated = Claim.objects.filter(contingent=contingent, status=Claim.Status.ALLOCATED)
    assert allocated.count() == 50
    assigned = TicketCode.objects.filter(contingent=contingent, claim__isnull=False)
    assert assigned.count() == 50
    assert set(assigned.values_list("claim_id", flat=True)) == set(allocated.values_list("id", flat=True))
    assert Claim.objects.filter(contingent=contingent, status=Claim.Status.WAITLISTED).count() == 150


def test_200_concurrent_claims_of_10_addresses_create_10():
    contingent = ContingentFactory(size=50)
    calls = [(lambda n=n: services.claim_create(contingent=contingent, data=claim_input(n % 10))) for n in range(200)]
    results, failures = _run_concurrently(calls)
    assert failures == []
    assert Claim.objects.filter(contingent=contingent).count() == 10


def test_three_identical_claim_posts_at_once_create_one_claim_and_send_one_mail():
    from revier.core.models import OutboxMail
    from tests.contingents.test_public import form_data, url

    contingent = ContingentFactory(size=5)
    with_codes(contingent, 5)
    assert post_at_once(url(contingent), form_data(), times=3) == [302, 302, 302]
    assert Claim.objects.filter(contingent=contingent).count() == 1
    assert [mail.to for mail in OutboxMail.objects.all()] == [["alex0@example.org"]]
    assert services.claim_confirm(token=last_token("alex0@example.org")).status == Claim.Status.ALLOCATED
