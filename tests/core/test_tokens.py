"""Personal links (core.tokens): the lookup written in SQL finds what the ORM's condition finds."""

import datetime

import pytest
from django.utils import timezone

from revier.contingents.models import Claim
from revier.core.tokens import (
    new_token, personal_link_holder, personal_link_holder_with, personal_link_issue, personal_link_q, token_hash,
)
from revier.events.models import Registration, RegistrationLink
from tests.factories import TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db


def test_personal_link_holder_finds_what_personal_link_q_finds():
    from revier.events import services

    category = TicketCategoryFactory(capacity=None)
    registrations = [
        services.registration_create(event=category.event, data=registration_input(category, n)).registration
        for n in range(3)
    ]
    now = timezone.now()
    tokens = {}
    for registration, ends in zip(registrations, (now + datetime.timedelta(days=1), now, now - datetime.timedelta(days=1))):
        for n in range(2):  # several links per registration, each with its own expiry
            token, hashed = new_token()
            RegistrationLink.objects.create(registration=registration, token_hash=hashed,
                                            expires_at=ends + datetime.timedelta(hours=n))
            tokens[token] = registration
    for when in (now - datetime.timedelta(days=2), now, now + datetime.timedelta(hours=1), now + datetime.timedelta(days=3)):
        for token in [*tokens, "unbekannt", ""]:
            expected = Registration.objects.filter(personal_link_q(token, now=when)).first()
            found = personal_link_holder(Registration, token, now=when)
            assert (found and found.pk) == (expected and expected.pk), (token, when)
            if found is not None:
                # a whole row, converted as the ORM converts it
                assert [getattr(found, f.attname) for f in Registration._meta.concrete_fields] == [
                    getattr(expected, f.attname) for f in Registration._meta.concrete_fields]
    assert personal_link_holder(Claim, next(iter(tokens))) is None  # another holder's links


def test_personal_link_holder_of_a_claim():
    import re

    from revier.contingents import services
    from revier.core.models import OutboxMail
    from tests.factories import ContingentFactory, claim_input

    claim = services.claim_create(contingent=ContingentFactory(), data=claim_input(0)).claim
    token = re.search(r"/veranstaltungen/freikarten/antrag/([A-Za-z0-9_-]+)/", OutboxMail.objects.latest("pk").body_text)[1]
    assert personal_link_holder(Claim, token).pk == claim.pk
    assert personal_link_holder(Registration, token) is None


def test_personal_link_holder_with_children_reads_holder_and_children_in_one_query(django_assert_num_queries):
    """The holder as personal_link_holder reads it, and its children (here a registration's
    consents) in id order, converted as the ORM converts them; none for a holder without any."""
    from revier.events import services
    from revier.events.models import Consent

    category = TicketCategoryFactory(capacity=None)
    made = {}
    for n, kinds in enumerate([frozenset(), frozenset({"photos", "participant_list", "partner_data"})]):
        registration = services.registration_create(
            event=category.event, data=registration_input(category, n, consents=kinds)).registration
        token, hashed = new_token()
        RegistrationLink.objects.create(registration=registration, token_hash=hashed,
                                        expires_at=timezone.now() + datetime.timedelta(days=1))
        made[token] = registration
    Consent.objects.filter(kind="photos").update(withdrawn_at=timezone.now())
    for token, registration in made.items():
        with django_assert_num_queries(1):
            found, children = personal_link_holder_with(Registration, token, children="consents")
        registration.refresh_from_db()
        assert [getattr(found, f.attname) for f in Registration._meta.concrete_fields] == [
            getattr(registration, f.attname) for f in Registration._meta.concrete_fields]
        expected = list(Consent.objects.filter(registration=registration).order_by("id"))
        assert [[getattr(c, f.attname) for f in Consent._meta.concrete_fields] for c in children] == [
            [getattr(c, f.attname) for f in Consent._meta.concrete_fields] for c in expected]
    assert sum(len(personal_link_holder_with(Registration, t, children="consents")[1]) for t in made) == 3
    assert personal_link_holder_with(Registration, "unbekannt", children="consents") is None
    past = timezone.now() + datetime.timedelta(days=2)
    assert personal_link_holder_with(Registration, next(iter(made)), children="consents", now=past) is None


def test_personal_link_issue_stores_only_the_hash_and_the_token_opens_the_holder_until_it_expires():
    from revier.events import services

    category = TicketCategoryFactory(capacity=None)
    registration = services.registration_create(event=category.event, data=registration_input(category, 0)).registration
    now = timezone.now()
    before = set(registration.links.values_list("pk", flat=True))
    token = personal_link_issue(registration.links, expires_at=now + datetime.timedelta(hours=1))
    link = registration.links.exclude(pk__in=before).get()
    assert link.token_hash == token_hash(token) and token not in link.token_hash
    assert link.expires_at == now + datetime.timedelta(hours=1)
    assert personal_link_holder(Registration, token, now=now).pk == registration.pk
    assert personal_link_holder(Registration, token, now=now + datetime.timedelta(hours=2)) is None
    # a token made beforehand (new_token) is stored as it is; the links issued before keep working
    made = new_token()
    assert personal_link_issue(registration.links, expires_at=now + datetime.timedelta(days=1), made=made) == made[0]
    assert registration.links.filter(token_hash=made[1]).exists()
    assert personal_link_holder(Registration, token, now=now).pk == registration.pk
