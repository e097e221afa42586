import datetime
import re

import pytest
from django.utils import timezone

from revier.contingents import errors, selectors, services
from revier.contingents.models import Claim, Contingent, DrawProtocol, TicketCode
from revier.core.models import OutboxMail
from revier.core.tokens import personal_links_purge_expired
from tests.factories import ContingentFactory, EligibilityQuestionFactory, StaffFactory, claim_input, with_codes

pytestmark = pytest.mark.django_db
Status = Claim.Status


def last_token(email):
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = re.search(r"/freikarten/antrag/([A-Za-z0-9_-]+)/", mail.body_text)
            if match:
                return match.group(1)
    raise AssertionError(f"no link mailed to {email}")


def claim_and_confirm(contingent, n, **kwargs):
    services.claim_create(contingent=contingent, data=claim_input(n, **kwargs))
    return services.claim_confirm(token=last_token(kwargs.get("email", f"robin{n}@example.org")))


def test_first_come_hands_out_code_after_confirmation_only():
    contingent = ContingentFactory(size=2)
    with_codes(contingent, 2)
    outcome = services.claim_create(contingent=contingent, data=claim_input(0))
    assert outcome.claim.status == Status.UNCONFIRMED
    assert selectors.contingent_availability(contingent=contingent).taken == 0
    claim = services.claim_confirm(token=last_token("robin0@example.org"))
    assert claim.status == Status.ALLOCATED
    code = TicketCode.objects.get(claim=claim)
    assert code.code in OutboxMail.objects.order_by("-id").first().body_text


def test_empty_contingent_puts_on_waiting_list_and_returned_code_goes_to_next():
    contingent = ContingentFactory(size=1)
    with_codes(contingent, 1)
    first = claim_and_confirm(contingent, 0)
    second = claim_and_confirm(contingent, 1)
    assert second.status == Status.WAITLISTED
    assert selectors.waitlist_position(claim=second) == 1
    services.claim_return(claim=first)
    second.refresh_from_db()
    assert second.status == Status.ALLOCATED
    assert TicketCode.objects.get().claim == second


def test_same_address_in_other_spelling_creates_nothing_new():
    contingent = ContingentFactory()
    services.claim_create(contingent=contingent, data=claim_input(0))
    outcome = services.claim_create(contingent=contingent, data=claim_input(0, email=" ROBIN0@example.ORG"))
    assert outcome.kind == "existing"
    assert Claim.objects.count() == 1


def test_one_per_organisation():
    contingent = ContingentFactory(one_per_organisation=True)
    services.claim_create(contingent=contingent, data=claim_input(0, organisation="Muster GmbH"))
    with pytest.raises(errors.OrganisationHasTicket):
        services.claim_create(contingent=contingent, data=claim_input(1, organisation="muster  gmbh."))


def test_eligibility_and_privacy_consent_required():
    contingent = ContingentFactory()
    question = EligibilityQuestionFactory(contingent=contingent)
    with pytest.raises(errors.NotEligible):
        services.claim_create(contingent=contingent, data=claim_input(0, answers={str(question.pk): "Nein"}))
    with pytest.raises(errors.ClaimError):
        services.claim_create(contingent=contingent, data=claim_input(0, answers={str(question.pk): "Ja"}, privacy_consent=False))
    assert services.claim_create(contingent=contingent, data=claim_input(0, answers={str(question.pk): "Ja"})).kind == "created"


def test_period_closed_and_not_yet_open():
    closed = ContingentFactory(opens_at=timezone.now() - datetime.timedelta(days=5), closes_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(errors.ContingentClosed):
        services.claim_create(contingent=closed, data=claim_input(0))
    future = ContingentFactory(opens_at=timezone.now() + datetime.timedelta(days=1), closes_at=timezone.now() + datetime.timedelta(days=5))
    with pytest.raises(errors.ContingentNotOpen):
        services.claim_create(contingent=future, data=claim_input(0))


def test_tampered_and_expired_links():
    contingent = ContingentFactory()
    services.claim_create(contingent=contingent, data=claim_input(0))
    with pytest.raises(errors.LinkInvalid):
        services.claim_confirm(token="x" + last_token("robin0@example.org"))
    with pytest.raises(errors.LinkExpired):
        services.claim_confirm(token=last_token("robin0@example.org"), now=timezone.now() + datetime.timedelta(days=3))


def test_code_import_refuses_duplicates_and_blanks_with_report():
    contingent = ContingentFactory()
    report = services.codes_import(contingent=contingent, text="code\nA1\n\nB2\nA1\nC3\n", actor=None)
    assert not report.ok and report.blank_lines == [3] and report.duplicate_lines == [(5, "A1")]
    assert TicketCode.objects.count() == 0
    assert services.codes_import(contingent=contingent, text="A1;x\nB2\n", actor=None).added == 2
    again = services.codes_import(contingent=contingent, text="B2\nD4\n", actor=None)
    assert again.already_present == ["B2"] and TicketCode.objects.count() == 2


def _lottery(size=2, applicants=5):
    contingent = ContingentFactory(mode=Contingent.Mode.LOTTERY, size=size)
    with_codes(contingent, size)
    for n in range(applicants):
        claim_and_confirm(contingent, n)
    Contingent.objects.filter(pk=contingent.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    contingent.refresh_from_db()
    return contingent


def test_lottery_draw_is_reproducible_and_only_once():
    contingent = _lottery()
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.APPLIED}
    protocol = services.lottery_draw(contingent=contingent, actor=StaffFactory())
    pseudonyms = list(Claim.objects.order_by("id").values_list("pseudonym", flat=True))
    assert protocol.applications_hash == services.applications_hash(pseudonyms)
    assert protocol.order == services.draw_order(pseudonyms, protocol.seed)
    winners = Claim.objects.filter(status=Status.OFFERED)
    assert sorted(winners.values_list("pseudonym", flat=True)) == sorted(protocol.order[:2])
    assert Claim.objects.filter(status=Status.WAITLISTED).count() == 3
    with pytest.raises(errors.AlreadyDrawn):
        services.lottery_draw(contingent=contingent, actor=None)
    assert DrawProtocol.objects.count() == 1


def test_lottery_not_before_deadline():
    contingent = ContingentFactory(mode=Contingent.Mode.LOTTERY)
    with pytest.raises(errors.DrawTooEarly):
        services.lottery_draw(contingent=contingent, actor=None)


def test_lottery_winner_accepts_or_loses_ticket_to_next_in_drawn_order():
    contingent = _lottery(size=1, applicants=3)
    protocol = services.lottery_draw(contingent=contingent, actor=None)
    winner = Claim.objects.get(pseudonym=protocol.order[0])
    runner_up = Claim.objects.get(pseudonym=protocol.order[1])
    assert selectors.waitlist_position(claim=runner_up) == 1
    later = timezone.now() + datetime.timedelta(hours=73)
    services.claims_expire_due(now=later)
    winner.refresh_from_db()
    runner_up.refresh_from_db()
    assert winner.status == Status.EXPIRED
    assert runner_up.status == Status.OFFERED
    accepted = services.claim_accept(token=last_token(runner_up.email))
    assert accepted.status == Status.ALLOCATED
    assert TicketCode.objects.get().claim == runner_up


def test_revoke_and_reissue():
    contingent = ContingentFactory(size=1)
    with_codes(contingent, 3)
    claim = claim_and_confirm(contingent, 0)
    old = TicketCode.objects.get(claim=claim).code
    services.claim_reissue_code(claim=claim, actor=StaffFactory())
    new = TicketCode.objects.get(claim=claim)
    assert new.code != old and TicketCode.objects.get(code=old).revoked
    services.claim_revoke(claim=claim, actor=StaffFactory())
    assert TicketCode.objects.filter(revoked=True).count() == 2
    assert TicketCode.objects.filter(claim__isnull=False).count() == 0


# --- personal links and mails anyone can trigger (issue 9: mail-bombing a third party) ---------


def test_sending_a_claim_link_again_keeps_the_links_sent_before_working():
    contingent = ContingentFactory()
    with_codes(contingent, 1)
    services.claim_create(contingent=contingent, data=claim_input(0))
    first = last_token("robin0@example.org")
    services.claim_resend_links(email="robin0@example.org")
    second = last_token("robin0@example.org")
    assert first != second
    assert "früher verschickte Links gelten weiterhin" in OutboxMail.objects.order_by("-id").first().body_text
    assert selectors.claim_get_by_token(token=first) == selectors.claim_get_by_token(token=second) is not None
    assert services.claim_confirm(token=first).status == Status.ALLOCATED


def test_claim_mails_to_one_address_that_anyone_can_trigger_are_limited_silently(settings):
    settings.SELF_SERVICE_MAILS_PER_HOUR = 3
    contingent = ContingentFactory()
    services.claim_create(contingent=contingent, data=claim_input(0))
    outcomes = [services.claim_create(contingent=contingent, data=claim_input(0, first_name=f"Robin{i}")).kind
                for i in range(4)]
    resent = [services.claim_resend_links(email="robin0@example.org") for _ in range(4)]
    assert outcomes == ["existing"] * 4
    assert resent == [0] * 4
    assert OutboxMail.objects.filter(to=["robin0@example.org"]).count() == 1 + 3


def test_claim_link_expires_with_the_partner_event_and_is_purged(settings):
    settings.PERSONAL_LINK_DAYS_AFTER_END = 90
    contingent = ContingentFactory()
    services.claim_create(contingent=contingent, data=claim_input(0))
    token = last_token("robin0@example.org")
    last_day_over = timezone.make_aware(
        datetime.datetime.combine(contingent.partner_event_ends_on + datetime.timedelta(days=1), datetime.time())
    )
    assert selectors.claim_get_by_token(token=token, now=last_day_over + datetime.timedelta(days=89)) is not None
    assert selectors.claim_get_by_token(token=token, now=last_day_over + datetime.timedelta(days=90)) is None
    assert personal_links_purge_expired(now=last_day_over + datetime.timedelta(days=91)) == 1
    with pytest.raises(errors.LinkInvalid):
        services.claim_confirm(token=token)


# ---------------------------------------------------------------------------------------------
# Squatting: unconfirmed claims block nothing for long, and only a few at a time


def test_unconfirmed_claim_blocks_its_organisation_for_the_signup_hold_only():
    contingent = ContingentFactory(size=5, one_per_organisation=True)
    with_codes(contingent, 5)
    squatter = services.claim_create(contingent=contingent, data=claim_input(0, organisation="Stadtwerke Leuna GmbH")).claim
    with pytest.raises(errors.OrganisationHasTicket):
        services.claim_create(contingent=contingent, data=claim_input(1, organisation="Stadtwerke Leuna GmbH"))
    later = timezone.now() + datetime.timedelta(minutes=31)
    real = services.claim_create(contingent=contingent, data=claim_input(2, organisation="Stadtwerke Leuna GmbH"), now=later)
    assert real.kind == "created"
    squatter.refresh_from_db()
    assert squatter.status == Status.EXPIRED
    with pytest.raises(errors.LinkExpired):
        services.claim_confirm(token=last_token("robin0@example.org"))
    # a confirmed claim keeps blocking the organisation
    services.claim_confirm(token=last_token("robin2@example.org"), now=later)
    with pytest.raises(errors.OrganisationHasTicket):
        services.claim_create(contingent=contingent, data=claim_input(3, organisation="Stadtwerke Leuna GmbH"),
                              now=later + datetime.timedelta(hours=1))


def test_unconfirmed_claims_are_limited_per_email_domain_and_contingent(settings):
    settings.SIGNUP_LIMIT_PER_DOMAIN = 2
    contingent = ContingentFactory(size=5)
    with_codes(contingent, 5)
    for n in range(2):
        services.claim_create(contingent=contingent, data=claim_input(n, email=f"p{n}@gmx.de"))
    with pytest.raises(errors.TooManyUnconfirmed):
        services.claim_create(contingent=contingent, data=claim_input(2, email="p2@gmx.de"))
    services.claim_create(contingent=contingent, data=claim_input(3, email="p3@web.de"))
    services.claim_confirm(token=last_token("p0@gmx.de"))
    services.claim_create(contingent=contingent, data=claim_input(4, email="p4@gmx.de"))  # confirmed ones do not count
    later = timezone.now() + datetime.timedelta(minutes=31)
    services.claim_create(contingent=contingent, data=claim_input(5, email="p5@gmx.de"), now=later)
    assert Claim.objects.filter(email_normalized__endswith="@gmx.de").count() == 4


def test_the_same_claim_again_within_moments_is_a_double_submission_without_a_second_mail():
    contingent = ContingentFactory()
    first = services.claim_create(contingent=contingent, data=claim_input(0)).claim
    repeat = services.claim_create(contingent=contingent, data=claim_input(0))
    assert (repeat.kind, repeat.claim.pk) == ("existing", first.pk)
    assert OutboxMail.objects.count() == 1
    later = timezone.now() + services.REPEAT_WINDOW + datetime.timedelta(seconds=1)
    services.claim_create(contingent=contingent, data=claim_input(0), now=later)
    assert OutboxMail.objects.count() == 2
