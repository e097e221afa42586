import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import resolve

from revier.contingents import selectors, services
from revier.contingents.models import Claim, ClaimConsent, Contingent, EligibilityQuestion, TicketCode
from revier.core.models import AuditEntry, OutboxMail
from revier.demo.loader import load_contingents
from revier.news.models import ArticleLink
from tests.contingents.test_services import last_token
from tests.factories import claim_input

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
Status = Claim.Status
FAIR_SLUG = "w3-fair-jena-2025"
CIRCULAR_SLUG = "fachmesse-kreislaufwirtschaft-leipzig-2027"
LOTTERY_SLUG = "innovationstag-lausitz-2027"
FAIR_QUESTION = "Ist Ihr Unternehmen oder Ihre Einrichtung in Mitteldeutschland ansässig?"
# The demo's dates are fixed; "today" for these tests is the day the demo was written for.
TODAY = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def loaded():
    return load_contingents()


def snapshot():
    return {
        "contingents": list(Contingent.objects.order_by("id").values()),
        "questions": list(EligibilityQuestion.objects.order_by("id").values()),
        "codes": list(TicketCode.objects.order_by("id").values_list("id", "code", "claim_id", "revoked")),
        "claims": list(Claim.objects.order_by("id").values()),
        "consents": list(ClaimConsent.objects.order_by("id").values_list("id", "claim_id", "kind")),
        "audit": AuditEntry.objects.count(),
        "outbox": OutboxMail.objects.count(),
    }


def answer(contingent, text, value):
    return {str(contingent.questions.get(text=text).pk): value}


def test_demo_fair_is_the_seed_contingent_past_and_fully_handed_out(loaded):
    fair = Contingent.objects.get(slug=FAIR_SLUG)
    assert fair.title == fair.partner_event_title == "W3+ FAIR JENA 2025"
    assert (fair.partner_event_starts_on, fair.partner_event_ends_on) == (datetime.date(2025, 9, 24), datetime.date(2025, 9, 25))
    assert fair.partner_event_place == "Jena" and fair.partner_name
    assert "Europäische Metropolregion Mitteldeutschland" in fair.description and "50 kostenfreie Tickets" in fair.description
    assert fair.description_html.startswith("<p>")
    assert fair.status == Contingent.Status.PUBLISHED and fair.mode == Contingent.Mode.FIRST_COME
    assert fair.size == 50 and fair.uses_codes and fair.is_generated
    assert fair.closes_at < TODAY
    availability = selectors.contingent_availability(contingent=fair)
    assert (availability.capacity, availability.taken, availability.free) == (50, 50, 0)


def test_demo_fair_codes_are_fake_and_each_held_by_one_generated_claimant(loaded):
    fair = Contingent.objects.get(slug=FAIR_SLUG)
    codes = list(TicketCode.objects.filter(contingent=fair).order_by("code"))
    assert [c.code for c in codes] == [f"W3-DEMO-{n:04d}" for n in range(1, 51)]
    claims = Claim.objects.filter(contingent=fair)
    assert claims.count() == 50 and set(claims.values_list("status", flat=True)) == {Status.ALLOCATED}
    assert sorted(c.claim_id for c in codes) == sorted(claims.values_list("id", flat=True))
    assert len({c.email_normalized for c in claims}) == 50
    question = fair.questions.get()
    assert question.text == "Ist Ihr Unternehmen oder Ihre Einrichtung in Mitteldeutschland ansässig?"
    assert question.accepted_list == ["Ja"] and question.required
    for claim in claims:
        assert claim.email.endswith("@example.org")
        assert fair.opens_at <= claim.created_at == claim.confirmed_at == claim.allocated_at < fair.closes_at
        assert claim.answers == {str(question.pk): "Ja"}
    consents = ClaimConsent.objects.filter(claim__contingent=fair)
    assert consents.filter(kind="privacy").count() == 50
    assert 0 < consents.filter(kind="partner").count() < 50
    # Handed out in the order of claiming: the first claimant holds the first code.
    first = claims.order_by("created_at", "id").first()
    assert first.ticket_code.code == "W3-DEMO-0001"


def test_demo_fair_refuses_new_claims_because_the_period_is_over(loaded):
    fair = Contingent.objects.get(slug=FAIR_SLUG)
    data = claim_input(0, answers=answer(fair, FAIR_QUESTION, "Ja"))
    with pytest.raises(services.errors.ContingentClosed):
        services.claim_create(contingent=fair, data=data, now=TODAY)


def test_demo_open_contingent_hands_out_at_once_and_then_waitlists(loaded):
    circular = Contingent.objects.get(slug=CIRCULAR_SLUG)
    assert circular.is_generated and circular.opens_at < TODAY < circular.closes_at
    assert TicketCode.objects.filter(contingent=circular).count() == 20
    availability = selectors.contingent_availability(contingent=circular)
    assert (availability.capacity, availability.taken) == (20, 4)
    for n in range(17):
        services.claim_create(contingent=circular, data=claim_input(n), now=TODAY)
        claim = services.claim_confirm(token=last_token(f"robin{n}@example.org"), now=TODAY)
        assert claim.status == (Status.ALLOCATED if n < 16 else Status.WAITLISTED)
    assert TicketCode.objects.filter(contingent=circular, claim__isnull=True).count() == 0


def test_demo_lottery_takes_applications_until_the_deadline_and_draws_after_it(loaded):
    lottery = Contingent.objects.get(slug=LOTTERY_SLUG)
    assert lottery.mode == Contingent.Mode.LOTTERY and lottery.size == 10 and not lottery.uses_codes
    assert lottery.opens_at < TODAY < lottery.closes_at
    assert lottery.closes_at.astimezone(BERLIN).date() == datetime.date(2027, 1, 31)
    applied = Claim.objects.filter(contingent=lottery)
    assert applied.count() == 6 and set(applied.values_list("status", flat=True)) == {Status.APPLIED}
    data = claim_input(0, answers=answer(lottery, "Ist Ihr Unternehmen oder Ihre Einrichtung in der Lausitz ansässig?", "Ja"))
    services.claim_create(contingent=lottery, data=data, now=TODAY)
    assert services.claim_confirm(token=last_token("robin0@example.org"), now=TODAY).status == Status.APPLIED
    with pytest.raises(services.errors.DrawTooEarly):
        services.lottery_draw(contingent=lottery, actor=None, now=TODAY)
    protocol = services.lottery_draw(contingent=lottery, actor=None, now=lottery.closes_at + datetime.timedelta(hours=1))
    assert protocol.application_count == 7 and protocol.winners == 7
    assert Claim.objects.filter(contingent=lottery, status=Status.OFFERED).count() == 7


def test_demo_is_loaded_by_load_demo_and_linked_from_the_seed_article(login_file, capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "Freikarten: 3 Kontingente angelegt, 0 aktualisiert, 0 unverändert; 70 Codes und 60 Anträge hinzugefügt." in output
    link = ArticleLink.objects.get(article__title__startswith="W3+ FAIR JENA 2025", label="Freikarten")
    match = resolve(link.href)
    assert match.view_name == "contingents:detail" and match.kwargs["slug"] == FAIR_SLUG
    assert "„Freikarten“" in link.article.body
    recipients = [address for to in OutboxMail.objects.values_list("to", flat=True) for address in to]
    assert not [address for address in recipients if ".w3-" in address or ".kw-" in address or ".lt-" in address]


def test_demo_second_run_changes_nothing(loaded, capsys):
    before = snapshot()
    result = load_contingents()
    assert (result.created, result.changed, result.unchanged, result.codes, result.claims) == (0, 0, 3, 0, 0)
    assert snapshot() == before


def test_demo_resets_a_changed_contingent_and_keeps_claims_and_codes(loaded):
    circular = Contingent.objects.get(slug=CIRCULAR_SLUG)
    fair = Contingent.objects.get(slug=FAIR_SLUG)
    untouched = fair.updated_at
    Contingent.objects.filter(pk=circular.pk).update(size=25, title="Geändert")
    EligibilityQuestion.objects.filter(contingent=circular).update(required=True)
    claim = Claim.objects.filter(contingent=circular).first()
    services.claim_return(claim=claim, now=TODAY)
    claims, codes = Claim.objects.count(), TicketCode.objects.count()

    result = load_contingents()

    assert (result.created, result.changed, result.unchanged, result.claims, result.codes) == (0, 1, 2, 0, 0)
    circular.refresh_from_db()
    assert (circular.size, circular.title) == (20, "Fachmesse Kreislaufwirtschaft Leipzig 2027")
    assert not circular.questions.get().required
    assert (Claim.objects.count(), TicketCode.objects.count()) == (claims, codes)
    assert Claim.objects.get(pk=claim.pk).status == Status.RETURNED  # given back stays given back
    assert Contingent.objects.get(pk=fair.pk).updated_at == untouched


def test_claim_import_keeps_capacity_and_refuses_a_second_claim_of_an_address(loaded):
    fair = Contingent.objects.get(slug=FAIR_SLUG)
    at = datetime.datetime(2025, 9, 1, 10, 0, tzinfo=BERLIN)
    with pytest.raises(services.errors.InvalidClaimState):  # all 50 handed out
        services.claim_import(contingent=fair, data=claim_input(99), status=Status.ALLOCATED, claimed_at=at)
    taken = Claim.objects.filter(contingent=fair).first()
    with pytest.raises(services.errors.ClaimError):
        services.claim_import(contingent=fair, data=claim_input(0, email=taken.email.upper()), status=Status.ALLOCATED,
                              claimed_at=at)
    with pytest.raises(services.errors.InvalidClaimState):  # applications only in a lottery
        services.claim_import(contingent=fair, data=claim_input(98), status=Status.APPLIED, claimed_at=at)
    assert Claim.objects.filter(contingent=fair).count() == 50


def test_demo_contingent_pages_answer(loaded, client):
    for slug in (FAIR_SLUG, CIRCULAR_SLUG, LOTTERY_SLUG):
        response = client.get(Contingent.objects.get(slug=slug).get_absolute_url())
        assert response.status_code == 200, slug
        assert response.context["contingent"].slug == slug
