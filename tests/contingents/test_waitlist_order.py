"""The waiting list's order under a rush of confirmations: people stand in line in the order in
which their confirmations took the contingent lock. That order is the order of the audit entries
written under the lock (ids come from one sequence)."""

import pytest

from revier.contingents import services
from revier.contingents.models import Claim
from revier.core.models import AuditEntry
from tests.contingents.test_services import last_token
from tests.events.test_concurrency import _run_concurrently
from tests.factories import ContingentFactory, claim_input, with_codes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _all_at_one_domain(settings):
    """Every address here is at example.org: the per-domain limit against squatting is not tested here."""
    settings.SIGNUP_LIMIT_PER_DOMAIN = 10_000


def test_claim_confirm_concurrent_waitlist_order_follows_lock_order():
    contingent = ContingentFactory(size=1)
    with_codes(contingent, 1)
    for n in range(61):
        services.claim_create(contingent=contingent, data=claim_input(n))
    tokens = [last_token(f"robin{n}@example.org") for n in range(61)]
    results, failures = _run_concurrently([(lambda t=t: services.claim_confirm(token=t)) for t in tokens])
    assert failures == [] and len(results) == 61
    claims = Claim.objects.filter(contingent=contingent)
    lock_order = [
        int(pk) for pk in AuditEntry.objects.filter(
            object_type="contingents.claim", action__in=["claim_allocated", "claim_waitlisted"]
        ).order_by("id").values_list("object_id", flat=True)
    ]
    assert len(lock_order) == 61
    holder = claims.get(status=Claim.Status.ALLOCATED)
    assert lock_order[0] == holder.pk
    waiting = list(claims.filter(status=Claim.Status.WAITLISTED).values_list("id", "waitlisted_at"))
    assert [pk for pk, _ in sorted(waiting, key=lambda row: (row[1], row[0]))] == lock_order[1:]
    assert len({at for _, at in waiting}) == 60
    assert holder.confirmed_at <= min(at for _, at in waiting)
