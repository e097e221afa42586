"""Retention of the claims (issue 12 §3, docs/security.md "Aufbewahrung und Anonymisierung"): a
contingent's `retention_days` after the end of the event its tickets are for, the worker anonymises
its claims. A service module of its own, next to contingents.services; the shared steps are
core.retention's."""

import datetime

from django.utils import timezone

from revier.contingents.models import Claim, ClaimLink, Contingent
from revier.core.retention import ANONYMISED, RetentionKind, anonymise_due, anonymise_one, anonymised_marker

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


def _blank(ids: list[int], now: datetime.datetime) -> None:
    # The address is unique among a contingent's active claims: a marker of its own per row.
    Claim.objects.filter(pk__in=ids).update(
        first_name="", last_name=ANONYMISED, email="", email_normalized=anonymised_marker(), organisation="",
        organisation_key="", answers={}, anonymised_at=now,
    )
    ClaimLink.objects.filter(claim_id__in=ids).delete()


CLAIMS = RetentionKind(model=Claim, blank=_blank, owner_field="contingent_id", address_field="email_normalized")


def claims_anonymise_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: anonymises the claims of every contingent whose retention period
    (`Contingent.retention_days` after the end of the event the tickets are for) is over, at most
    BATCH_SIZE in one transaction (core.retention.anonymise_due, what `claim_anonymise` does to
    each). Returns how many."""
    now = now or timezone.now()
    contingent_ids = _due_contingent_ids(now)
    if not contingent_ids:
        return 0
    return anonymise_due(CLAIMS, rows=Claim.objects.filter(contingent_id__in=contingent_ids), now=now,
                         batch_size=BATCH_SIZE)


def claim_anonymise(*, claim: Claim, now: datetime.datetime | None = None) -> bool:
    """Anonymises one claim now, whatever its contingent's period. Names, e-mail address (and its
    normalised form), organisation (and its key) and the answers to the eligibility questions are
    replaced by neutral values; the personal links are deleted (they stop working), the audit
    entries of the claim lose the name and every detail but statuses and ids, and the outbox mails
    to the address are deleted unless a living object of any app uses it. Status, pseudonym (the
    published draw protocol lists it), draw position, the ticket code's link, the times and the
    consents' kind and times stay, so the staff page's counts and the draw protocol stay the same.
    Marks the row `anonymised_at`, writes a protocol row. Returns False (and changes nothing) when
    it was anonymised already. Runs in the caller's transaction or its own."""
    return anonymise_one(CLAIMS, pk=claim.pk, now=now or timezone.now())


def claim_addresses_in_use(addresses: set[str]) -> set[str]:
    """Those of `addresses` a claim not yet anonymised still uses (core.retention.outbox_forget keeps
    their mails); registered in the app's ready()."""
    return set(Claim.objects.filter(email_normalized__in=addresses, anonymised_at__isnull=True)
               .values_list("email_normalized", flat=True))


def contingents_follow_default(old: int, new: int, now: datetime.datetime) -> int:
    """core.retention's follower of the period "claims": the contingents that still have the old
    default `old` and whose period has not ended at `now` get `new`. Returns how many."""
    contingents = Contingent.objects.select_related("event").only(
        "id", "retention_days", "closes_at", "partner_event_starts_on", "partner_event_ends_on", "event__ends_at",
    ).filter(retention_days=old)
    ids = [contingent.pk for contingent in contingents if contingent.anonymise_at > now]
    return Contingent.objects.filter(pk__in=ids).update(retention_days=new) if ids else 0
