"""The person's rights for a free-ticket claim (issue 12 §4): everything stored as JSON and as a
page, the partner consent withdrawn (with time; the partner's list loses the address), the data
deleted now (anonymised instead where a handed-out ticket's event is over)."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from revier.contingents import export, rights
from revier.contingents.models import Claim, ClaimConsent, TicketCode
from revier.core.models import AuditEntry
from tests.contingents.test_retention import GONE as PERSON, KEPT as OTHER, _contingent, _person, _strings
from tests.personal_data import tables_holding

pytestmark = pytest.mark.django_db


def test_export_has_every_stored_field_of_the_person_and_nothing_of_others(client):
    contingent = _contingent(180)
    claim, token = _person(contingent, PERSON)
    _person(contingent, OTHER)
    response = client.get(reverse("contingents:claim-data-json", kwargs={"token": token}))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    row = data["claim"][0]
    stored = Claim.objects.filter(pk=claim.pk).values()[0]
    for field in Claim._meta.concrete_fields:
        value = stored[field.attname]
        assert row[field.name] == (value.isoformat() if hasattr(value, "isoformat") else value), field.name
    assert row["ticket_code"] == TicketCode.objects.get(claim=claim).code
    assert {consent["kind"] for consent in data["consents"]} == {"privacy", "partner"}
    text = response.content.decode()
    assert all(value in text for value in _strings(PERSON))
    assert not any(value in text for value in _strings(OTHER))
    page = client.get(reverse("contingents:claim-data", kwargs={"token": token})).content.decode()
    assert all(value in page for value in _strings(PERSON))
    assert reverse("contingents:claim-data", kwargs={"token": token}) in client.get(
        reverse("contingents:claim", kwargs={"token": token})).content.decode()


def test_withdraw_partner_consent_records_the_time_and_the_partner_list_loses_the_address(client):
    contingent = _contingent(180)
    claim, token = _person(contingent, PERSON)
    claims = list(Claim.objects.filter(pk=claim.pk).prefetch_related("consents").select_related("ticket_code"))
    assert PERSON["email"] in export.partner_table(contingent, claims)[1]
    url = reverse("contingents:claim-data", kwargs={"token": token})
    assert "Einwilligung widerrufen" in client.get(url).content.decode()
    before = timezone.now()
    assert client.post(url, {"widerrufen": "partner"}).status_code == 302
    assert ClaimConsent.objects.get(claim=claim, kind="partner").withdrawn_at >= before
    assert AuditEntry.objects.filter(action="consent_withdrawn", object_id=str(claim.pk)).count() == 1
    claims = list(Claim.objects.filter(pk=claim.pk).prefetch_related("consents").select_related("ticket_code"))
    assert PERSON["email"] not in export.partner_table(contingent, claims)[1]
    # The privacy notice is no consent to withdraw: the claim rests on it.
    assert client.post(url, {"widerrufen": "privacy"}).status_code == 302
    assert ClaimConsent.objects.get(claim=claim, kind="privacy").withdrawn_at is None


def test_delete_leaves_no_personal_data_and_gives_the_ticket_back(client):
    contingent = _contingent(180)
    claim, token = _person(contingent, PERSON)
    strings = _strings(PERSON)
    assert {hit[2] for hit in tables_holding(strings)} == set(strings)
    url = reverse("contingents:claim-erase", kwargs={"token": token})
    assert "zuerst zurückgezogen" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 200  # the tick is needed
    response = client.post(url, {"confirm": "on"})
    assert response["Location"].endswith("?ergebnis=geloescht")
    assert tables_holding(strings) == []
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert TicketCode.objects.filter(contingent=contingent, claim__isnull=True).count() == 3  # back in the pool
    assert client.get(reverse("contingents:claim", kwargs={"token": token})).status_code == 404


def test_delete_after_the_event_with_a_ticket_anonymises_instead(client):
    contingent = _contingent(180, ends_in_days=0)
    claim, token = _person(contingent, PERSON)
    later = contingent.target_ends_at + timezone.timedelta(hours=1)
    assert rights.claim_erase(claim=claim, now=later) == rights.ANONYMISED
    kept = Claim.objects.get(pk=claim.pk)
    assert kept.anonymised_at is not None and kept.status == Claim.Status.ALLOCATED
    assert TicketCode.objects.get(claim=kept)  # the handed-out ticket still counts
    assert tables_holding(_strings(PERSON)) == []


def test_erase_twice_is_harmless():
    claim, _ = _person(_contingent(180), PERSON)
    stale = Claim.objects.get(pk=claim.pk)
    assert rights.claim_erase(claim=claim) == rights.DELETED
    assert rights.claim_erase(claim=stale) == rights.DELETED
