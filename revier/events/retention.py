"""Retention of the registrations (issue 12 §3, docs/security.md "Aufbewahrung und Anonymisierung"):
an event's `retention_days` after its end, the worker anonymises its registrations. A service module
of its own, as events.services is long enough; the shared steps are core.retention's."""

import datetime

from django.utils import timezone

from revier.core.retention import (
    ANONYMISED,
    RetentionKind,
    anonymise_due,
    anonymise_one,
    anonymised_marker,
    retention_ends_at,
)
from revier.events import selectors
from revier.events.models import Event, Registration, RegistrationLink

# Registrations anonymised in one run (one transaction); the worker's next round goes on.
BATCH_SIZE = 1000


def _blank(ids: list[int], now: datetime.datetime) -> None:
    # The address and the ticket code are unique among an event's active registrations: a marker
    # of its own per row.
    marker = anonymised_marker()
    Registration.objects.filter(pk__in=ids).update(
        first_name="", last_name=ANONYMISED, email="", email_normalized=marker, organisation="", function="",
        answers={}, ticket_code=marker, checked_in_by=None, anonymised_at=now,
    )
    RegistrationLink.objects.filter(registration_id__in=ids).delete()


REGISTRATIONS = RetentionKind(model=Registration, blank=_blank, owner_field="event_id", address_field="email_normalized")


def registrations_anonymise_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: anonymises the registrations of every event whose retention period
    (`Event.retention_days` after its end) is over, at most BATCH_SIZE in one transaction
    (core.retention.anonymise_due, what `registration_anonymise` does to each). Returns how many."""
    now = now or timezone.now()
    event_ids = selectors.event_ids_past_retention(now=now)
    if not event_ids:
        return 0
    return anonymise_due(REGISTRATIONS, rows=Registration.objects.filter(event_id__in=event_ids), now=now,
                         batch_size=BATCH_SIZE)


def registration_anonymise(*, registration: Registration, now: datetime.datetime | None = None) -> bool:
    """Anonymises one registration now, whatever its event's period. Names, e-mail address (and its
    normalised form), organisation, function, answers, ticket code and who checked the person in
    are replaced by neutral values; the personal links are deleted (they stop working), the audit
    entries of the registration lose the name and every detail but statuses and ids, and the outbox
    mails to the address are deleted unless a living object of any app uses it
    (core.retention.outbox_forget). Status, category, sector, options, the times (registered,
    confirmed, checked in) and the consents' kind and times stay, so every count of the organisers'
    pages stays the same. Marks the row `anonymised_at`, writes a protocol row. Returns False (and
    changes nothing) when it was anonymised already. Runs in the caller's transaction or its own."""
    return anonymise_one(REGISTRATIONS, pk=registration.pk, now=now or timezone.now())


def registration_addresses_in_use(addresses: set[str]) -> set[str]:
    """Those of `addresses` a registration not yet anonymised still uses (core.retention.outbox_forget
    keeps their mails); registered in the app's ready()."""
    return set(Registration.objects.filter(email_normalized__in=addresses, anonymised_at__isnull=True)
               .values_list("email_normalized", flat=True))


def events_follow_default(old: int, new: int, now: datetime.datetime) -> int:
    """core.retention's follower of the period "registrations": the events that still have the old
    default `old` and whose period has not ended at `now` get `new`. Returns how many."""
    ids = [pk for pk, ends_at in Event.objects.filter(retention_days=old).values_list("id", "ends_at")
           if retention_ends_at(ends_at, old) > now]
    return Event.objects.filter(pk__in=ids).update(retention_days=new) if ids else 0
