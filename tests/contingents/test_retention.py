"""Retention of free-ticket claims (issue 12 §3): a contingent's `retention_days` after the end of
the event its tickets are for, the worker anonymises its claims; nothing of the people is left in
any table, the numbers and the draw protocol stay."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from revier.contingents import selectors, services
from revier.contingents.models import Claim, ClaimConsent, ClaimLink, Contingent, EligibilityQuestion, TicketCode
from revier.contingents.retention import claim_anonymise, claims_anonymise_due
from revier.core.models import AuditEntry, OutboxMail
from revier.core.retention import PROTOCOL_ACTION
from revier.core.services import audit_log
from tests.factories import ContingentFactory, EligibilityQuestionFactory, claim_input, mailed_link, with_codes
from tests.personal_data import tables_holding
from tests.retention_checks import (assert_audit_anonymised, assert_nothing_before_the_end, assert_protocol,
                                    assert_second_run_changes_nothing, other_person)

pytestmark = pytest.mark.django_db

GONE = {"first_name": "Hyazintha", "last_name": "Pflaumbaum", "email": "hyazintha.pflaumbaum@example.org",
        "organisation": "Glasblaeserei Uebigau", "answer": "Wir bauen Wasserstoffspeicher aus Basalt"}
KEPT = {"first_name": "Leberecht", "last_name": "Quastenflosser", "email": "leberecht.quastenflosser@example.org",
        "organisation": "Dampfmuehle Zschornewitz", "answer": "Wir reparieren Turbinen aus Braunkohlezeiten"}


def _token(email):
    return mailed_link(email, re.compile(r"/freikarten/antrag/([A-Za-z0-9_-]+)/")).split("/")[-2]


def _contingent(retention_days, *, ends_in_days=60):
    day = (timezone.now() + datetime.timedelta(days=ends_in_days)).date()
    contingent = ContingentFactory(retention_days=retention_days, size=3, partner_event_starts_on=day,
                                   partner_event_ends_on=day, one_per_organisation=True)
    with_codes(contingent, 3, prefix=f"K{contingent.pk}")
    EligibilityQuestionFactory(contingent=contingent, text="Was macht Ihr Unternehmen?",
                               kind=EligibilityQuestion.Kind.TEXT, accepted_answers="")
    return contingent


def _person(contingent, person):
    question = contingent.questions.get()
    data = claim_input(first_name=person["first_name"], last_name=person["last_name"], email=person["email"],
                       organisation=person["organisation"], answers={str(question.pk): person["answer"]},
                       partner_consent=True)
    services.claim_create(contingent=contingent, data=data)
    token = _token(person["email"])
    claim = services.claim_confirm(token=token)
    assert claim.status == Claim.Status.ALLOCATED
    return claim, token


def _after(contingent, **delta):
    return contingent.target_ends_at.astimezone(datetime.timezone.utc) + datetime.timedelta(**delta)


def _numbers(contingent):
    overview = selectors.contingent_overview(contingent=contingent)
    return (overview.total, overview.by_status, overview.availability, overview.codes,
            list(Claim.objects.filter(contingent=contingent).order_by("id").values_list(
                "status", "pseudonym", "draw_position", "allocated_at", "ticket_code__code")),
            list(ClaimConsent.objects.filter(claim__contingent=contingent).order_by("id").values_list("kind", "given_at")))


def _strings(person):
    return [person["first_name"], person["last_name"], person["email"], person["organisation"], person["answer"]]


@pytest.fixture
def world():
    short, long = _contingent(10), _contingent(180)
    gone, gone_token = _person(short, GONE)
    also_gone, _ = _person(short, other_person(GONE))
    kept, kept_token = _person(long, KEPT)
    AuditEntry.objects.filter(object_type="contingents.claim", object_id=str(gone.pk)).update(
        object_repr=f"{GONE['first_name']} {GONE['last_name']}")
    audit_log(actor=None, action="claim_noted", obj=gone, data={"status": "allocated", "note": GONE["organisation"]})
    return {"short": short, "long": long, "gone": gone, "gone_token": gone_token, "also_gone": also_gone,
            "kept": kept, "kept_token": kept_token}


def test_retention_days_default_comes_from_the_setting(settings):
    settings.RETENTION_DAYS_DEFAULT = 42
    assert ContingentFactory().retention_days == 42


def test_anonymise_leaves_nothing_of_the_people_in_any_table_and_the_numbers_unchanged(world, client):
    short, long, gone = world["short"], world["long"], world["gone"]
    assert {hit[2] for hit in tables_holding(_strings(GONE))} == set(_strings(GONE))  # the test can fail
    before = {short.pk: _numbers(short), long.pk: _numbers(long)}
    kept_rows = list(Claim.objects.filter(contingent=long).values())

    now = _after(short, days=10, minutes=1)
    assert claims_anonymise_due(now=now) == 2

    assert tables_holding(_strings(GONE)) == []
    assert tables_holding([value + "zwei" for value in (GONE["first_name"], GONE["organisation"], GONE["answer"])]) == []
    assert {hit[2] for hit in tables_holding(_strings(KEPT))} == set(_strings(KEPT))
    assert list(Claim.objects.filter(contingent=long).values()) == kept_rows
    assert {short.pk: _numbers(short), long.pk: _numbers(long)} == before

    gone.refresh_from_db()
    assert (gone.first_name, gone.last_name, gone.email, gone.organisation, gone.organisation_key, gone.answers) == (
        "", "anonymisiert", "", "", "", {})
    assert gone.anonymised_at == now and gone.status == Claim.Status.ALLOCATED
    assert TicketCode.objects.get(claim=gone)  # the code stays handed out (counts)
    assert not ClaimLink.objects.filter(claim__contingent=short).exists()
    assert ClaimLink.objects.filter(claim__contingent=long).exists()
    assert selectors.claim_get_by_token(token=world["gone_token"], now=now) is None
    assert client.get(reverse("contingents:claim", kwargs={"token": world["gone_token"]})).status_code == 404
    assert client.get(reverse("contingents:claim", kwargs={"token": world["kept_token"]})).status_code == 200
    assert_audit_anonymised(gone, noted_action="claim_noted", kept={"status": "allocated"})
    assert_protocol(Claim, count=2, owners=[short.pk], now=now)


def test_anonymise_twice_changes_nothing(world):
    now = _after(world["short"], days=11)
    assert claims_anonymise_due(now=now) == 2
    assert_second_run_changes_nothing(claims_anonymise_due, Claim, now=now)


def test_nothing_is_anonymised_before_the_period_ends(world):
    assert_nothing_before_the_end(claims_anonymise_due, Claim, now=_after(world["short"], days=9, hours=23))


def test_claim_anonymise_does_one_claim_now(world):
    """What a person's "delete my data now" calls: one claim, whatever its contingent's period."""
    kept, now = world["kept"], timezone.now()
    assert claim_anonymise(claim=kept, now=now) is True
    assert tables_holding(_strings(KEPT)) == []
    assert Claim.objects.filter(anonymised_at__isnull=False).get() == kept
    assert_protocol(Claim, count=1, owners=[world["long"].pk], now=now)
    assert claim_anonymise(claim=kept, now=now) is False
    assert AuditEntry.objects.filter(action=PROTOCOL_ACTION).count() == 1


def test_period_of_a_contingent_for_our_event_counts_from_the_event_end(world):
    from tests.factories import EventFactory

    event = EventFactory()
    contingent = ContingentFactory(event=event, partner_event_title="", partner_event_starts_on=None,
                                   partner_event_ends_on=None, retention_days=5)
    assert contingent.anonymise_at == event.ends_at + datetime.timedelta(days=5)


def test_mails_to_an_address_with_a_living_claim_are_kept(world):
    later = _contingent(180, ends_in_days=90)
    _person(later, dict(KEPT, email=GONE["email"], first_name="Ottilie", organisation="Andere GmbH"))
    assert claims_anonymise_due(now=_after(world["short"], days=11)) == 2
    assert OutboxMail.objects.filter(to__icontains=GONE["email"]).exists()
    assert not OutboxMail.objects.filter(to__icontains="hyazinthazwei").exists()


def test_an_anonymised_claim_gets_no_mail(world):
    claims_anonymise_due(now=_after(world["short"], days=11))
    mails = OutboxMail.objects.count()
    services.claim_return(claim=world["gone"])
    assert OutboxMail.objects.count() == mails


def test_worker_runs_the_task(world):
    assert "revier.contingents.retention.claims_anonymise_due" in settings.WORKER_TASKS
    past = (timezone.now() - datetime.timedelta(days=11)).date()
    Contingent.objects.filter(pk=world["short"].pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=40), closes_at=timezone.now() - datetime.timedelta(days=30),
        partner_event_starts_on=past, partner_event_ends_on=past)
    call_command("run_worker", "--once")
    assert Claim.objects.filter(contingent=world["short"], anonymised_at__isnull=False).count() == 2
    assert not Claim.objects.filter(contingent=world["long"], anonymised_at__isnull=False).exists()


def test_claim_form_names_the_retention_period(client):
    contingent = _contingent(45)
    page = client.get(contingent.get_absolute_url()).content.decode()
    assert "Ihre Angaben werden 45 Tage nach der Veranstaltung gelöscht" in page
