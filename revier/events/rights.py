"""The person's rights for a registration (issue 12 §4, docs/security.md "Rechte der Person"): get
everything stored (export), withdraw a consent, have the data deleted now. Reached through the
registration's personal link; the deleting reuses the retention's anonymisation
(events.retention.registration_anonymise)."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from revier.core.personal_data import (
    LINK_LABELS, DataLink, PersonalData, Section, choices_of, consent_withdraw, data_link_expires_at, data_links,
    fields_of, labels_of, link_rows, mail_section,
)
from revier.core.tokens import link_expires_at, personal_link_issue
from revier.core.services import audit_log
from revier.events import errors
from revier.events.models import Consent, Registration
from revier.events.retention import registration_anonymise
from revier.events.services import absolute_url, normalize_email, registration_cancel

# What registration_erase did: the row is gone, or (check-in done) only its personal data.
DELETED, ANONYMISED = "deleted", "anonymised"


def registration_personal_data(*, registration: Registration) -> PersonalData:
    """Everything stored about the person of `registration`: every column of the registration, the
    event and ticket category it is for (by name), its consents, its personal links (times only),
    the network profiles it is linked to (by number) and the mails to its address in the outbox."""
    registration = Registration.objects.select_related("event", "category").get(pk=registration.pk)
    row = fields_of(registration)
    row["event_title"] = registration.event.title
    row["category_name"] = registration.category.name
    return PersonalData(
        kind="events.registration",
        title=gettext("Registration for “%(title)s”") % {"title": registration.event.title},
        sections=[
            Section("registration", gettext("Registration"), [row],
                    labels_of(Registration, email_normalized=gettext("E-mail address (for comparison)"),
                              event_title=gettext("Event"), category_name=gettext("Ticket category")),
                    choices=choices_of(Registration)),
            Section("consents", gettext("Consents"), [
                fields_of(consent, exclude=frozenset({"registration"}))
                for consent in registration.consents.order_by("kind")
            ], labels_of(Consent), choices_of(Consent)),
            Section("personal_links", gettext("Personal links"), link_rows(registration.links.order_by("created_at")),
                    LINK_LABELS),
            Section("network_profiles", gettext("Linked network profiles"), [
                {"profile": link.profile_id, "linked_at": link.linked_at.isoformat()}
                for link in registration.network_profile_links.order_by("linked_at")
            ], {"profile": gettext("Profile number"), "linked_at": gettext("Linked")}),
            mail_section(registration.email),
        ],
    )


@transaction.atomic(durable=True)
def registration_consent_withdraw(*, registration: Registration, kind: str,
                                  now: datetime.datetime | None = None) -> Consent:
    """The person withdraws one consent: its `withdrawn_at` is set (kept with the text and times
    given, as proof), and from then on what depended on it stops: the organisers' export shows the
    consent as not given (events.export), so the person is no longer on the participant list nor
    passed to partners, and photos must not be published. Withdrawing twice keeps the first time.
    Raises errors.InvalidTransition for a consent that was never given."""
    consent = consent_withdraw(registration.consents, holder=registration, kind=kind, now=now)
    if consent is None:
        raise errors.InvalidTransition()
    return consent


def registration_erase(*, registration: Registration, now: datetime.datetime | None = None) -> str:
    """The person has their data deleted now. An active registration not checked in is cancelled
    first (events.services.registration_cancel: the seat goes to the waiting list). Then the retention's
    anonymisation runs for this one registration (names, address, answers, ticket code, links,
    audit details and outbox mails, events.retention.registration_anonymise), and the row is
    deleted with its consents and its links to network profiles — unless the person was checked
    in: that stays, anonymised, for the event's numbers. Returns DELETED or ANONYMISED."""
    now = now or timezone.now()
    try:
        if registration.is_active and registration.checked_in_at is None:
            registration_cancel(registration=registration, now=now)
    except Registration.DoesNotExist:  # deleted meanwhile (a second click): nothing left to do
        return DELETED
    with transaction.atomic(durable=True):
        registration = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if registration is None:
            return DELETED
        registration_anonymise(registration=registration, now=now)
        registration.refresh_from_db()
        outcome = ANONYMISED if registration.checked_in_at is not None else DELETED
        audit_log(actor=None, action="registration_erased", obj=registration, data={"status": outcome})
        if outcome == DELETED:
            registration.delete()
    return outcome


def registration_data_links(*, email: str, now: datetime.datetime) -> list[DataLink]:
    """For "Meine Daten": a new personal link to the data page of every registration of the address
    that still holds personal data (not anonymised), working at least
    core.personal_data.DATA_LINK_MIN_DAYS. The caller holds the transaction and sends the one mail."""

    def issue_link(registration: Registration) -> str:
        token = personal_link_issue(
            registration.links, expires_at=data_link_expires_at(link_expires_at(registration.event.ends_at), now)
        )
        return absolute_url(reverse("events:registration-data", kwargs={"token": token}))

    registrations = (
        Registration.objects.select_related("event")
        .filter(email_normalized=normalize_email(email), anonymised_at__isnull=True)
        .order_by("event__starts_at", "id")
    )
    return data_links(registrations, kind=gettext("Registration"), title=lambda registration: registration.event.title,
                      issue_link=issue_link)
