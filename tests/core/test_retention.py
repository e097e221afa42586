"""core.retention's shared parts (issue 12 §3): outbox mails of anonymised people are deleted only
when no living object of ANY app still uses the address (each app registers its check)."""

import datetime

import pytest

from revier.contingents.retention import claims_anonymise_due
from revier.core.models import OutboxMail
from revier.core.retention import addresses_in_use, outbox_forget
from revier.events.retention import registrations_anonymise_due
from tests.factories import (ContingentFactory, EventFactory, TicketCategoryFactory, claim_input, make_profile,
                             registration_input, with_codes)
from revier.contingents import services as contingent_services
from revier.events import services as event_services

pytestmark = pytest.mark.django_db

SHARED = "ottokar.quellmalz@example.org"


def _registration(event, email):
    event_services.registration_create(event=event, data=registration_input(event.categories.first(), email=email))


def _ended_event(days):
    event = EventFactory(retention_days=days)
    TicketCategoryFactory(event=event, capacity=10)
    return event


def _after(end, days):
    return end.astimezone(datetime.timezone.utc) + datetime.timedelta(days=days, minutes=1)


def _mails_to(address):
    return OutboxMail.objects.filter(to__icontains=address).count()


def test_every_app_registers_its_address_check():
    make_profile(1, email="profil@example.org")
    contingent = ContingentFactory()
    with_codes(contingent, 1)
    contingent_services.claim_create(contingent=contingent, data=claim_input(email="antrag@example.org"))
    _registration(_ended_event(10), "anmeldung@example.org")
    addresses = {"profil@example.org", "antrag@example.org", "anmeldung@example.org", "niemand@example.org"}
    assert addresses_in_use(addresses) == addresses - {"niemand@example.org"}
    assert addresses_in_use({" PROFIL@example.org "}) == {"profil@example.org"}


def test_outbox_forget_keeps_mails_to_an_address_another_app_still_uses():
    """A registration's period ends; the same address has a living profile and claim waiting for
    their mails (personal links): those mails stay, and so does the registration's own mail (the
    outbox cannot tell which object a mail is about)."""
    event = _ended_event(10)
    _registration(event, SHARED)
    make_profile(7, email=SHARED, confirmed=False)
    contingent = ContingentFactory(retention_days=400)
    with_codes(contingent, 1)
    contingent_services.claim_create(contingent=contingent, data=claim_input(email=SHARED))
    mails = _mails_to(SHARED)
    assert mails == 3
    assert registrations_anonymise_due(now=_after(event.ends_at, 10)) == 1
    assert _mails_to(SHARED) == mails
    assert outbox_forget(addresses=[SHARED.upper()]) == 0


def test_outbox_forget_keeps_mails_while_a_registration_elsewhere_lives():
    """A claim's period ends, a registration of a later event uses the address: the mails stay."""
    day = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).date()
    contingent = ContingentFactory(retention_days=1, partner_event_starts_on=day, partner_event_ends_on=day)
    with_codes(contingent, 1)
    contingent_services.claim_create(contingent=contingent, data=claim_input(email=SHARED))
    _registration(_ended_event(300), SHARED)
    mails = _mails_to(SHARED)
    assert claims_anonymise_due(now=_after(contingent.target_ends_at, 1)) == 1
    assert _mails_to(SHARED) == mails


def test_outbox_forget_deletes_mails_nobody_uses_any_more():
    event = _ended_event(10)
    _registration(event, SHARED)
    _registration(event, "andere.person@example.org")
    assert registrations_anonymise_due(now=_after(event.ends_at, 10)) == 2
    assert _mails_to(SHARED) == 0 and _mails_to("andere.person@example.org") == 0
