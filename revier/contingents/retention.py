"""Retention of the claims (issue 12 §3, docs/security.md "Aufbewahrung und Anonymisierung"): a
contingent's `retention_days` after the end of the event its tickets are for, the worker anonymises
its claims. A service module of its own, next to contingents.services."""

import datetime

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from revier.contingents.models import Claim, ClaimLink, Contingent
from revier.core.retention import ANONYMISED, audit_entries_anonymise, outbox_forget, retention_protocol

# Claims anonymised in one run (one transaction); the worker's next round goes on.
BATCH_SIZE = 1000


def _due_contingent_ids(now: datetime.datetime) -> list[int]:
    """The contingents whose retention period is over (Contingent.anonymise_at: from our event's end,
    the partner event's last or first day, or else the contingent's closing). Contingents are few;
    the end depends on which of these is set, so it is compared here."""
    contingents = Contingent.objects.select_related("event").only(
        "id", "retention_days", "closes_at", "partner_event_starts_on", "partner_event_ends_on", "event__ends_at",
    ).filter(opens_at__lte=now - datetime.timedelta(days=1))
    return [contingent.pk for contingent in contingents if contingent.anonymise_at <= now]


def claims_anonymise_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: anonymises the claims of every contingent whose retention period
    (`Contingent.retention_days` after the end of the event the tickets are for) is over, at most
    BATCH_SIZE in one transaction (the rows locked). Names, e-mail address (and its normalised
    form), organisation (and its key) and the answers to the eligibility questions are replaced by
    neutral values; the personal links are deleted (they stop working), the audit entries of the
    claims lose the name and every detail but statuses and ids (core.retention), and the outbox
    mails to addresses no other claim uses any more are deleted. Status, pseudonym (the published
    draw protocol lists it), draw position, the ticket code's link, the times and the consents'
    kind and times stay, so the staff page's counts and the draw protocol stay the same. Marks the
    rows `anonymised_at`; a row marked is never touched again (idempotent). Writes one protocol row
    when it anonymised anything. Returns how many claims it anonymised."""
    now = now or timezone.now()
    contingent_ids = _due_contingent_ids(now)
    if not contingent_ids:
        return 0
    with transaction.atomic(durable=True):
        rows = list(
            Claim.objects.select_for_update()
            .filter(contingent_id__in=contingent_ids, anonymised_at__isnull=True)
            .order_by("id")
            .values_list("id", "contingent_id", "email_normalized")[:BATCH_SIZE]
        )
        if not rows:
            return 0
        ids = [pk for pk, _, _ in rows]
        addresses = {address for _, _, address in rows}
        # A value of its own per row: the address is unique among a contingent's active claims.
        marker = Concat(Value(f"{ANONYMISED}-"), Cast("id", output_field=CharField()), output_field=CharField())
        Claim.objects.filter(pk__in=ids).update(
            first_name="", last_name=ANONYMISED, email="", email_normalized=marker, organisation="",
            organisation_key="", answers={}, anonymised_at=now,
        )
        ClaimLink.objects.filter(claim_id__in=ids).delete()
        audit_entries_anonymise(model=Claim, object_ids=ids)
        outbox_forget(addresses=addresses)
        retention_protocol(model=Claim, count=len(ids), owners=[contingent for _, contingent, _ in rows], now=now)
    return len(ids)


def claim_addresses_in_use(addresses: set[str]) -> set[str]:
    """Those of `addresses` a claim not yet anonymised still uses (core.retention.outbox_forget
    keeps their mails); registered in the app's ready()."""
    return set(Claim.objects.filter(email_normalized__in=addresses, anonymised_at__isnull=True)
               .values_list("email_normalized", flat=True))
