"""The person's rights for a free-ticket claim (issue 12 §4, docs/security.md "Rechte der Person"):
everything stored (export), the partner consent withdrawn, the data deleted now. Reached through the
claim's personal link; the deleting reuses the retention's anonymisation
(contingents.retention.claim_anonymise)."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from revier.contingents import errors
from revier.contingents.models import Claim, ClaimConsent
from revier.contingents.retention import claim_anonymise
from revier.contingents.services import claim_return, claim_url, normalize_email
from revier.core.personal_data import (
    LINK_LABELS, DataLink, PersonalData, Section, choices_of, consent_withdraw, data_link_expires_at, data_links,
    fields_of, labels_of, link_rows, mail_section,
)
from revier.core.services import audit_log
from revier.core.tokens import link_expires_at, personal_link_issue

DELETED, ANONYMISED = "deleted", "anonymised"
# The consents a person can withdraw: the privacy notice is read (the claim rests on it), not given;
# who no longer wants it has the claim deleted.
WITHDRAWABLE = frozenset({ClaimConsent.Kind.PARTNER})


def claim_personal_data(*, claim: Claim) -> PersonalData:
    """Everything stored about the person of `claim`: every column of the claim, the contingent (by
    title), the ticket code handed out, its consents, its personal links (times only) and the mails
    to its address in the outbox."""
    claim = Claim.objects.select_related("contingent", "ticket_code").get(pk=claim.pk)
    row = fields_of(claim)
    row["contingent_title"] = claim.contingent.title
    code = getattr(claim, "ticket_code", None)
    row["ticket_code"] = code.code if code is not None else ""
    return PersonalData(
        kind="contingents.claim",
        title=gettext("Free-ticket claim “%(title)s”") % {"title": claim.contingent.title},
        sections=[
            Section("claim", gettext("Claim"), [row],
                    labels_of(Claim, email_normalized=gettext("E-mail address (for comparison)"),
                              organisation_key=gettext("Organisation (for comparison)"),
                              contingent_title=gettext("Contingent"), ticket_code=gettext("Ticket code")),
                    choices=choices_of(Claim)),
            Section("consents", gettext("Consents"), [
                fields_of(consent, exclude=frozenset({"claim"})) for consent in claim.consents.order_by("kind")
            ], labels_of(ClaimConsent), choices_of(ClaimConsent)),
            Section("personal_links", gettext("Personal links"), link_rows(claim.links.order_by("created_at")),
                    LINK_LABELS),
            mail_section(claim.email),
        ],
    )


@transaction.atomic(durable=True)
def claim_consent_withdraw(*, claim: Claim, kind: str, now: datetime.datetime | None = None) -> ClaimConsent:
    """The person withdraws the consent to pass name and e-mail address to the partner: its
    `withdrawn_at` is set (kept with the text and time given, as proof) and the partner's list no
    longer has the address (contingents.export). Withdrawing twice keeps the first time. Raises
    errors.ClaimError for the privacy notice or a consent never given."""
    if kind not in WITHDRAWABLE:
        raise errors.InvalidClaimState()
    consent = consent_withdraw(claim.consents, holder=claim, kind=kind, now=now)
    if consent is None:
        raise errors.InvalidClaimState()
    return consent


def claim_keeps_anonymised(claim: Claim, now: datetime.datetime | None = None) -> bool:
    """A ticket handed out for an event that is over was used: the claim stays for the
    contingent's numbers, anonymised."""
    return claim.status == Claim.Status.ALLOCATED and claim.contingent.target_ends_at <= (now or timezone.now())


def claim_erase(*, claim: Claim, now: datetime.datetime | None = None) -> str:
    """The person has their data deleted now. An active claim is given back first
    (contingents.services.claim_return: the ticket goes to the next in line), unless its ticket
    was handed out for an event that is over. Then the retention's anonymisation runs for this one
    claim (contingents.retention.claim_anonymise) and the row is deleted with its consents — or,
    for a ticket used, kept anonymised for the numbers. Returns DELETED or ANONYMISED."""
    now = now or timezone.now()
    claim = Claim.objects.select_related("contingent__event").filter(pk=claim.pk).first()
    if claim is None:  # deleted meanwhile (a second click): nothing left to do
        return DELETED
    keep = claim_keeps_anonymised(claim, now)
    try:
        if claim.status in Claim.ACTIVE and not keep:
            claim_return(claim=claim, now=now)
    except Claim.DoesNotExist:
        return DELETED
    with transaction.atomic(durable=True):
        if not Claim.objects.select_for_update().filter(pk=claim.pk).exists():
            return DELETED
        claim_anonymise(claim=claim, now=now)
        outcome = ANONYMISED if keep else DELETED
        audit_log(actor=None, action="claim_erased", obj=claim, data={"status": outcome})
        if not keep:
            Claim.objects.filter(pk=claim.pk).delete()
    return outcome


def claim_data_links(*, email: str, now: datetime.datetime) -> list[DataLink]:
    """For "Meine Daten": a new personal link to the data page of every claim of the address not
    anonymised, working at least core.personal_data.DATA_LINK_MIN_DAYS. The caller holds the
    transaction and sends the one mail."""

    def issue_link(claim: Claim) -> str:
        token = personal_link_issue(
            claim.links, expires_at=data_link_expires_at(link_expires_at(claim.contingent.target_ends_at), now)
        )
        return claim_url(token).rstrip("/") + "/daten/"

    claims = (
        Claim.objects.select_related("contingent__event")
        .filter(email_normalized=normalize_email(email), anonymised_at__isnull=True)
        .order_by("created_at", "id")
    )
    return data_links(claims, kind=gettext("Free-ticket claim"), title=lambda claim: claim.contingent.title,
                      issue_link=issue_link)
