"""Retention of the registrations (issue 12 §3, docs/security.md "Aufbewahrung und Anonymisierung"):
an event's `retention_days` after its end, the worker anonymises its registrations. A service module
of its own, as events.services is long enough."""

import datetime

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from revier.core.retention import ANONYMISED, audit_entries_anonymise, outbox_forget, retention_ends_at, retention_protocol
from revier.events.models import Event, Registration, RegistrationLink

# Registrations anonymised in one run (one transaction); the worker's next round goes on.
BATCH_SIZE = 1000


def _due_event_ids(now: datetime.datetime) -> list[int]:
    """The events whose retention period is over. The period is at least a day, so only events that
    ended a day ago are read (a few columns each); the periods differ per event, so the comparison
    is made here rather than in SQL date arithmetic that differs between the databases."""
    rows = Event.objects.filter(ends_at__lte=now - datetime.timedelta(days=1)).values_list("id", "ends_at", "retention_days")
    return [pk for pk, ends_at, days in rows if retention_ends_at(ends_at, days) <= now]


def _marker():
    # A value of its own per row ("anonymisiert-17"): the address and the ticket code are unique
    # among a event's active registrations, and no typed or scanned code can ever match it
    # (core.tokens.normalize_code keeps only upper-case code characters).
    return Concat(Value(f"{ANONYMISED}-"), Cast("id", output_field=CharField()), output_field=CharField())


def registrations_anonymise_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: anonymises the registrations of every event whose retention period
    (`Event.retention_days` after its end) is over, at most BATCH_SIZE in one transaction
    (the rows locked). Names, e-mail address (and its normalised form), organisation, function,
    answers, ticket code and who checked the person in are replaced by neutral values; the personal
    links are deleted (they stop working), the audit entries of the registrations lose the name and
    every detail but statuses and ids (core.retention.audit_entries_anonymise), and the outbox mails
    to addresses no other registration uses any more are deleted. Status, category, sector,
    options, the times (registered, confirmed, checked in) and the consents' kind and times stay,
    so every count of the organisers' pages stays the same; the consents now belong to a
    registration that names nobody. Marks the rows `anonymised_at`; a row marked is never touched
    again (idempotent). Writes one protocol row (core.retention.retention_protocol) when it
    anonymised anything. Returns how many registrations it anonymised."""
    now = now or timezone.now()
    event_ids = _due_event_ids(now)
    if not event_ids:
        return 0
    with transaction.atomic(durable=True):
        rows = list(
            Registration.objects.select_for_update()
            .filter(event_id__in=event_ids, anonymised_at__isnull=True)
            .order_by("id")
            .values_list("id", "event_id", "email_normalized")[:BATCH_SIZE]
        )
        if not rows:
            return 0
        ids = [pk for pk, _, _ in rows]
        addresses = {address for _, _, address in rows}
        marker = _marker()
        Registration.objects.filter(pk__in=ids).update(
            first_name="", last_name=ANONYMISED, email="", email_normalized=marker, organisation="", function="",
            answers={}, ticket_code=marker, checked_in_by=None, anonymised_at=now,
        )
        RegistrationLink.objects.filter(registration_id__in=ids).delete()
        audit_entries_anonymise(model=Registration, object_ids=ids)
        outbox_forget(addresses=addresses)
        retention_protocol(model=Registration, count=len(ids), owners=[event for _, event, _ in rows], now=now)
    return len(ids)


def registration_addresses_in_use(addresses: set[str]) -> set[str]:
    """Those of `addresses` a registration not yet anonymised still uses (core.retention.outbox_forget
    keeps their mails); registered in the app's ready()."""
    return set(Registration.objects.filter(email_normalized__in=addresses, anonymised_at__isnull=True)
               .values_list("email_normalized", flat=True))
