"""The public contingent pages through HTTP: list, contingent page with the claim form and the live
count, personal link, "Link erneut senden", draw protocol; the unhappy paths of issue section 5
(expired period, empty contingent → waiting list, the same address in another spelling, tampered
link, double submit, over-long input, missing consent, not eligible, rate limit, honeypot) and that
no public page sets a cookie or tells whether an address had a request."""

import datetime
import hashlib
import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from revier.contingents import services
from revier.contingents.models import Claim, ClaimConsent, Contingent, EligibilityQuestion, TicketCode
from revier.core.models import OutboxMail
from tests.factories import (
    ContingentFactory,
    EligibilityQuestionFactory,
    EventFactory,
    StaffFactory,
    claim_input,
    with_codes,
)

pytestmark = pytest.mark.django_db
Status = Claim.Status
LINK = re.compile(r"/veranstaltungen/freikarten/antrag/([A-Za-z0-9_-]+)/")
LIST_URL = "/veranstaltungen/freikarten/"
RESEND_URL = "/veranstaltungen/freikarten/link-anfordern/"


def last_token(email):
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = LINK.search(mail.body_text)
            if match:
                return match.group(1)
    raise AssertionError(f"no link mailed to {email}")


def no_cookie(response):
    return not response.cookies and "Set-Cookie" not in response.headers


def text(response) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", response.content.decode()))


def url(contingent, suffix=""):
    return f"/veranstaltungen/freikarten/{contingent.slug}/{suffix}"


def page_url(token):
    return f"/veranstaltungen/freikarten/antrag/{token}/"


def form_data(n=0, **overrides):
    data = {
        "first_name": "Alex",
        "last_name": f"Muster{n}",
        "email": f"alex{n}@example.org",
        "organisation": f"Muster {n} GmbH",
        "consent_privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def confirmed(contingent, n):
    services.claim_create(contingent=contingent, data=claim_input(n))
    token = last_token(f"robin{n}@example.org")
    services.claim_confirm(token=token)
    return token


@pytest.fixture
def contingent():
    contingent = ContingentFactory(size=2, description="Nur für **Unternehmen** aus der Region.")
    with_codes(contingent, 2)
    return contingent


def lottery(applicants=3, size=1):
    contingent = ContingentFactory(mode=Contingent.Mode.LOTTERY, size=size)
    with_codes(contingent, size)
    for n in range(applicants):
        confirmed(contingent, n)
    return contingent


def close(contingent):
    Contingent.objects.filter(pk=contingent.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=10), closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    contingent.refresh_from_db()
    return contingent


# ---------------------------------------------------------------------------------------------
# List


def test_list_shows_open_then_upcoming_then_closed_with_counts(client):
    now = timezone.now()
    closed = ContingentFactory(title="Vorbei", opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1))
    upcoming = ContingentFactory(title="Bald", opens_at=now + datetime.timedelta(days=2), closes_at=now + datetime.timedelta(days=9))
    open_ = ContingentFactory(title="Offen", size=50)
    with_codes(open_, 50)
    confirmed(open_, 0)
    lottery_ = ContingentFactory(title="Losglück", mode=Contingent.Mode.LOTTERY)
    ContingentFactory(title="Entwurf", status=Contingent.Status.DRAFT)
    response = client.get(LIST_URL)
    body = text(response)
    assert response.status_code == 200 and no_cookie(response)
    assert body.index(">Offen<") < body.index(">Bald<") < body.index(">Vorbei<")
    assert body.index(">Losglück<") < body.index(">Bald<")
    assert "Entwurf" not in body
    assert "noch 49 von 50 Tickets" in body
    assert "Bewerbung bis" in body or "Bewerben Sie sich bis" in body
    assert "W3+ FAIR JENA" in body and "Jena" in body


def test_events_list_links_to_free_tickets(client):
    response = client.get("/veranstaltungen/")
    assert LIST_URL in response.content.decode()


def test_event_page_links_to_contingent_of_own_event(client):
    event = EventFactory()
    contingent = ContingentFactory(event=event, partner_event_title="", title="Freikarten Netzwerktag")
    body = client.get(event.get_absolute_url()).content.decode()
    assert contingent.get_absolute_url() in body


def test_list_query_count_does_not_grow(client, count_queries):
    ContingentFactory()
    _, few = count_queries(LIST_URL)
    for n in range(6):
        c = ContingentFactory(mode=Contingent.Mode.LOTTERY if n % 2 else Contingent.Mode.FIRST_COME)
        with_codes(c, 2, prefix=f"L{n}")
    _, many = count_queries(LIST_URL)
    assert many == few


# ---------------------------------------------------------------------------------------------
# Contingent page


def test_detail_shows_partner_event_conditions_count_and_form(client, contingent):
    response = client.get(url(contingent))
    body = text(response)
    assert response.status_code == 200 and no_cookie(response)
    assert 'name="csrfmiddlewaretoken"' not in body
    assert "noch 2 von 2 Tickets" in body
    assert "<strong>Unternehmen</strong>" in body
    assert "Wer zuerst bestätigt, erhält ein Ticket" in body
    assert contingent.partner_url in body and "Messe Jena GmbH" in body
    start = contingent.partner_event_starts_on
    assert f"{start.day}." in body and str(start.year) in body
    assert 'aria-live="polite"' in body and url(contingent, "verfuegbar/") in body
    privacy = re.search(r'<input[^>]*name="consent_privacy"[^>]*>', body).group(0)
    partner = re.search(r'<input[^>]*name="consent_partner"[^>]*>', body).group(0)
    assert "checked" not in privacy and "checked" not in partner
    assert "Ich habe die Datenschutzhinweise gelesen" in body
    assert 'name="website"' in body


def test_required_privacy_tick_is_marked_required_and_the_voluntary_one_is_not(client, contingent):
    body = text(client.get(url(contingent)))

    privacy = re.search(r'<label[^>]*for="id_consent_privacy"[^>]*>(.*?)</label>', body, re.S).group(1)
    partner = re.search(r'<label[^>]*for="id_consent_partner"[^>]*>(.*?)</label>', body, re.S).group(1)
    assert "(Pflichtfeld)" in privacy
    assert "Pflichtfeld" not in partner


def test_detail_of_draft_and_unknown_is_404(client):
    draft = ContingentFactory(status=Contingent.Status.DRAFT)
    assert client.get(url(draft)).status_code == 404
    assert client.get("/veranstaltungen/freikarten/gibt-es-nicht/").status_code == 404
    assert client.post(url(draft), form_data()).status_code == 404


def test_detail_with_eligibility_questions_renders_each_kind(client, contingent):
    EligibilityQuestionFactory(contingent=contingent)
    EligibilityQuestionFactory(
        contingent=contingent, text="Branche", kind=EligibilityQuestion.Kind.CHOICE, choices="Energie\nHandwerk",
        accepted_answers="", position=1,
    )
    EligibilityQuestionFactory(
        contingent=contingent, text="Was interessiert Sie?", kind=EligibilityQuestion.Kind.TEXT, accepted_answers="",
        required=False, position=2,
    )
    body = text(client.get(url(contingent)))
    assert "Ist Ihr Unternehmen in der Metropolregion ansässig?" in body
    assert 'type="radio"' in body and ">Energie<" in body and "<textarea" in body


def test_claim_post_creates_unconfirmed_claim_with_consents_and_neutral_page(client, contingent):
    response = client.post(url(contingent), form_data(consent_partner="on"))
    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1")
    claim = Claim.objects.get()
    assert claim.status == Status.UNCONFIRMED
    assert set(ClaimConsent.objects.values_list("kind", flat=True)) == {"privacy", "partner"}
    page = client.get(response["Location"])
    assert "Wir haben Ihnen eine E-Mail geschickt" in text(page)
    assert no_cookie(page) and no_cookie(response)


def test_claim_same_address_other_spelling_gives_same_answer_and_nothing_new(client, contingent):
    first = client.post(url(contingent), form_data())
    second = client.post(url(contingent), form_data(email="  ALEX0@Example.ORG "))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert client.get(first["Location"]).content == client.get(second["Location"]).content
    assert Claim.objects.count() == 1


def test_claim_double_submit_creates_one_claim(client, contingent):
    for _ in range(2):
        assert client.post(url(contingent), form_data()).status_code == 302
    assert Claim.objects.count() == 1


def test_claim_without_privacy_consent_is_refused_next_to_field_input_kept(client, contingent):
    response = client.post(url(contingent), form_data(consent_privacy=None))
    body = text(response)
    assert response.status_code == 200
    assert "Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben." in body
    assert 'value="alex0@example.org"' in body
    assert 'aria-invalid="true"' in body
    assert Claim.objects.count() == 0


def test_claim_overlong_and_invalid_input_gives_messages_not_500(client, contingent):
    response = client.post(
        url(contingent), form_data(first_name="A" * 5000, email="keine-adresse", organisation="O" * 300)
    )
    body = text(response)
    assert response.status_code == 200
    assert "höchstens 100 Zeichen" in body and "name@example.de" in body
    assert Claim.objects.count() == 0
    assert client.post(url(contingent), {"consent_privacy": ["x"] * 3, "frage_abc": "x"}).status_code == 200


def test_claim_not_eligible_shows_domain_error_input_kept(client, contingent):
    question = EligibilityQuestionFactory(contingent=contingent)
    response = client.post(url(contingent), form_data(**{f"frage_{question.pk}": "Nein"}))
    body = text(response)
    assert response.status_code == 200
    assert "Nach Ihren Angaben" in body
    assert 'value="Muster0"' in body
    assert Claim.objects.count() == 0
    response = client.post(url(contingent), form_data(**{f"frage_{question.pk}": "Vielleicht"}))
    assert "Bitte antworten Sie mit Ja oder Nein." in text(response)
    assert client.post(url(contingent), form_data(**{f"frage_{question.pk}": "Ja"})).status_code == 302


def test_claim_one_per_organisation_requires_organisation_and_refuses_second(client):
    contingent = ContingentFactory(one_per_organisation=True)
    response = client.post(url(contingent), form_data(organisation=""))
    assert "Bitte geben Sie Ihre Organisation an" in text(response)
    assert client.post(url(contingent), form_data(0, organisation="Muster GmbH")).status_code == 302
    response = client.post(url(contingent), form_data(1, organisation="muster gmbh."))
    assert response.status_code == 200 and "nur ein Ticket pro Organisation" in text(response).replace("Nur", "nur")
    assert Claim.objects.count() == 1


def test_claim_honeypot_answers_like_success_and_creates_nothing(client, contingent):
    response = client.post(url(contingent), form_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1")
    assert Claim.objects.count() == 0 and OutboxMail.objects.count() == 0


def test_claim_rate_limit(client, contingent):
    for n in range(10):
        client.post(url(contingent), form_data(n, consent_privacy=None))
    response = client.post(url(contingent), form_data(99))
    assert response.status_code == 429
    assert "zu oft" in text(response)
    assert Claim.objects.count() == 0


def test_claim_limits_signups_per_client_with_german_message_next_to_the_form(client, settings, contingent):
    settings.SIGNUP_LIMIT_PER_CLIENT = 2
    for n in range(2):
        assert client.post(url(contingent), form_data(n, email=f"erfunden{n}@d{n}.example")).status_code == 302
    response = client.post(url(contingent), form_data(2, email="echt@d2.example"))
    assert response.status_code == 429
    assert "Von Ihrem Anschluss" in text(response)
    assert Claim.objects.count() == 2


def test_claim_cross_site_post_refused(client, contingent):
    response = client.post(url(contingent), form_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Claim.objects.count() == 0


def test_expired_and_future_period_show_text_instead_of_form(client):
    now = timezone.now()
    closed = ContingentFactory(opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1))
    future = ContingentFactory(opens_at=now + datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=9))
    body = text(client.get(url(closed)))
    assert "Der Zeitraum für Anfragen" in body and 'name="first_name"' not in body
    body = text(client.get(url(future)))
    assert "Anfragen sind ab" in body and 'name="first_name"' not in body
    # A form sent after the period ended: the page says so, nothing is created.
    response = client.post(url(closed), form_data())
    assert response.status_code == 200 and "Der Zeitraum für Anfragen" in text(response)
    assert Claim.objects.count() == 0


def test_period_ends_while_form_open_domain_error(client, contingent):
    # The page was open when loaded; the service refuses with its German message if the clock
    # passed the deadline in between (simulated by closing it after the form was rendered).
    client.get(url(contingent))
    close(contingent)
    response = client.post(url(contingent), form_data())
    assert "Der Zeitraum für Anfragen" in text(response)
    assert Claim.objects.count() == 0


def test_empty_contingent_offers_waiting_list_and_confirm_puts_on_it(client, contingent):
    confirmed(contingent, 0)
    confirmed(contingent, 1)
    body = text(client.get(url(contingent)))
    assert "Alle Tickets sind vergeben. Sie können sich auf die Warteliste setzen." in body
    assert "Auf die Warteliste setzen" in body
    assert client.post(url(contingent), form_data(5)).status_code == 302
    token = last_token("alex5@example.org")
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response.status_code == 302 and "erledigt=warteliste" in response["Location"]
    page = text(client.get(response["Location"]))
    assert "Platz 1 der Warteliste" in page
    assert Claim.objects.get(email="alex5@example.org").status == Status.WAITLISTED


def test_detail_query_count_constant(client, count_queries, contingent):
    EligibilityQuestionFactory(contingent=contingent, accepted_answers="", required=False)
    _, few = count_queries(url(contingent))
    for n in range(2):
        confirmed(contingent, n)
    for n in range(2, 8):
        services.claim_create(contingent=contingent, data=claim_input(n))
    for position in range(1, 5):
        EligibilityQuestionFactory(
            contingent=contingent, text=f"Frage {position}", accepted_answers="", required=False, position=position
        )
    response, many = count_queries(url(contingent))
    assert response.status_code == 200
    assert many == few


# ---------------------------------------------------------------------------------------------
# Live count


def test_availability_fragment_204_when_unchanged_and_new_count_when_changed(client, contingent):
    response = client.get(url(contingent, "verfuegbar/") + "?frei=2")
    assert response.status_code == 204 and no_cookie(response)
    confirmed(contingent, 0)
    response = client.get(url(contingent, "verfuegbar/") + "?frei=2")
    assert response.status_code == 200
    assert "noch 1 von 2 Tickets" in text(response) and "frei=1" in text(response)
    assert client.get(url(contingent, "verfuegbar/") + "?frei=abc").status_code == 200
    assert client.get("/veranstaltungen/freikarten/gibt-es-nicht/verfuegbar/").status_code == 404


# ---------------------------------------------------------------------------------------------
# Personal link


def test_personal_page_get_changes_nothing_and_confirm_gives_code(client, contingent):
    client.post(url(contingent), form_data())
    token = last_token("alex0@example.org")
    response = client.get(page_url(token))
    body = text(response)
    assert response.status_code == 200 and no_cookie(response)
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex" and 'name="robots" content="noindex"' in body
    assert "E-Mail-Adresse bestätigen" in body
    assert Claim.objects.get().status == Status.UNCONFIRMED
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response.status_code == 302 and "erledigt=ticket" in response["Location"]
    body = text(client.get(response["Location"]))
    code = TicketCode.objects.get(claim__isnull=False).code
    assert code in body and contingent.partner_url in body
    # Confirming twice changes nothing.
    assert client.post(page_url(token), {"aktion": "bestaetigen"}).status_code == 302
    assert TicketCode.objects.filter(claim__isnull=False).count() == 1


def test_personal_page_tampered_token_is_german_404_with_resend_link(client, contingent):
    assert client.get(page_url("%00")).status_code == 400  # control characters: the site's input rule
    for token in ("x" * 43, "x" * 5000):
        response = client.get(page_url(token))
        assert response.status_code == 404
        assert "Link nicht gültig" in text(response) and RESEND_URL in text(response)
        assert response["Referrer-Policy"] == "no-referrer"
    assert client.post(page_url("x" * 43), {"aktion": "bestaetigen"}).status_code == 404


def test_personal_page_expired_confirmation_says_so(client, contingent):
    services.claim_create(contingent=contingent, data=claim_input(0))
    token = last_token("robin0@example.org")
    Claim.objects.update(hold_until=timezone.now() - datetime.timedelta(minutes=1))
    body = text(client.get(page_url(token)))
    assert "abgelaufen" in body and "E-Mail-Adresse bestätigen" not in body
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response.status_code == 409 and "abgelaufen" in text(response)


def test_personal_page_return_needs_confirmation_step_then_next_moves_up(client, contingent):
    token = confirmed(contingent, 0)
    confirmed(contingent, 1)
    confirmed(contingent, 2)  # waiting list
    response = client.post(page_url(token), {"aktion": "zurueckgeben"})
    assert response.status_code == 400 and "Bitte setzen Sie das Häkchen" in text(response)
    assert Claim.objects.get(email="robin0@example.org").status == Status.ALLOCATED
    response = client.post(page_url(token), {"aktion": "zurueckgeben", "confirm": "on"})
    assert response.status_code == 302 and "erledigt=zurueckgegeben" in response["Location"]
    assert Claim.objects.get(email="robin0@example.org").status == Status.RETURNED
    assert Claim.objects.get(email="robin2@example.org").status == Status.ALLOCATED
    body = text(client.get(response["Location"]))
    assert "zurückgegeben" in body and "Ticket zurückgeben" not in body
    # Twice: nothing changes twice.
    assert client.post(page_url(token), {"aktion": "zurueckgeben", "confirm": "on"}).status_code == 302
    assert Claim.objects.filter(status=Status.ALLOCATED).count() == 2


def test_personal_page_unknown_action_redirects_without_change(client, contingent):
    services.claim_create(contingent=contingent, data=claim_input(0))
    token = last_token("robin0@example.org")
    response = client.post(page_url(token), {"aktion": "hacken"})
    assert response.status_code == 302
    assert Claim.objects.get().status == Status.UNCONFIRMED


def test_personal_page_lottery_pseudonym_offer_accept(client):
    contingent = lottery(applicants=2, size=1)
    token = last_token("robin0@example.org")
    claim = Claim.objects.get(email="robin0@example.org")
    body = text(client.get(page_url(token)))
    assert claim.pseudonym in body and "nimmt an der Verlosung teil" in body
    assert "Bewerbung zurückziehen" in body
    close(contingent)
    protocol = services.lottery_draw(contingent=contingent, actor=StaffFactory())
    winner = Claim.objects.get(pseudonym=protocol.order[0])
    loser = Claim.objects.get(pseudonym=protocol.order[1])
    winner_token, loser_token = last_token(winner.email), last_token(loser.email)
    body = text(client.get(page_url(winner_token)))
    assert "Ticket annehmen" in body and TicketCode.objects.get(claim=winner).code in body
    assert "Losprotokoll" in body
    assert "Platz 1 der Warteliste" in text(client.get(page_url(loser_token)))
    response = client.post(page_url(winner_token), {"aktion": "annehmen"})
    assert response.status_code == 302 and "erledigt=angenommen" in response["Location"]
    winner.refresh_from_db()
    assert winner.status == Status.ALLOCATED
    # Accepting from the loser's page is refused with a German message.
    response = client.post(page_url(loser_token), {"aktion": "annehmen"})
    assert response.status_code == 409 and "im aktuellen Stand" in text(response)


def test_personal_page_rate_limit(client, contingent):
    services.claim_create(contingent=contingent, data=claim_input(0))
    token = last_token("robin0@example.org")
    for _ in range(10):
        client.post(page_url(token), {"aktion": "zurueckgeben"})
    assert client.post(page_url(token), {"aktion": "bestaetigen"}).status_code == 429
    assert Claim.objects.get().status == Status.UNCONFIRMED


# ---------------------------------------------------------------------------------------------
# "Link erneut senden"


def test_resend_link_same_answer_for_known_and_unknown(client, contingent):
    services.claim_create(contingent=contingent, data=claim_input(0))
    old = last_token("robin0@example.org")
    known = client.post(RESEND_URL, {"email": "ROBIN0@example.org", "website": ""})
    unknown = client.post(RESEND_URL, {"email": "niemand@example.org", "website": ""})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    new = last_token("robin0@example.org")
    assert new != old
    # sending a link again never locks the holder out of the link they already have
    assert client.get(page_url(old)).status_code == client.get(page_url(new)).status_code == 200
    assert no_cookie(known) and no_cookie(client.get(RESEND_URL))


def test_resend_link_honeypot_bad_input_rate_limit(client, contingent):
    services.claim_create(contingent=contingent, data=claim_input(0))
    count = OutboxMail.objects.count()
    assert client.post(RESEND_URL, {"email": "robin0@example.org", "website": "x"}).status_code == 302
    assert OutboxMail.objects.count() == count
    response = client.post(RESEND_URL, {"email": "x" * 400})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    for _ in range(9):
        client.post(RESEND_URL, {"email": "nope"})
    assert client.post(RESEND_URL, {"email": "robin0@example.org"}).status_code == 429


# ---------------------------------------------------------------------------------------------
# Draw protocol


def test_protocol_404_before_draw_and_for_first_come(client, contingent):
    assert client.get(url(contingent, "losprotokoll/")).status_code == 404
    pending = lottery(applicants=1)
    assert client.get(url(pending, "losprotokoll/")).status_code == 404


def test_protocol_lets_anyone_recompute_hash_and_order(client):
    contingent = lottery(applicants=5, size=2)
    close(contingent)
    protocol = services.lottery_draw(contingent=contingent, actor=StaffFactory())
    response = client.get(url(contingent, "losprotokoll/"))
    assert response.status_code == 200 and no_cookie(response)
    content = response.content.decode()

    def by_id(name):
        return html_lib.unescape(re.search(rf'id="{name}"[^>]*>(.*?)</', content, re.S).group(1)).strip()

    applications = by_id("protokoll-liste").split("\n")
    seed, published_hash = by_id("protokoll-seed"), by_id("protokoll-hash")
    assert len(applications) == int(by_id("protokoll-bewerbungen")) == 5
    assert hashlib.sha256("\n".join(applications).encode()).hexdigest() == published_hash
    recomputed = sorted(applications, key=lambda p: hashlib.sha256(f"{seed}:{p}".encode()).hexdigest())
    table = re.search(r'id="protokoll-reihenfolge".*?</table>', content, re.S).group(0)
    shown_order = re.findall(r'contingent-pseudonym">([^<]+)</td>', table)
    assert shown_order == recomputed == protocol.order
    winners = re.findall(r"<li>([^<]+)</li>", re.search(r'id="protokoll-gewinner".*?</ol>', content, re.S).group(0))
    assert winners == recomputed[:2]
    assert "SHA-256" in content
    # The contingent page links the protocol once drawn.
    assert url(contingent, "losprotokoll/") in client.get(url(contingent)).content.decode()


def test_draft_protocol_hidden(client):
    contingent = lottery(applicants=1)
    close(contingent)
    services.lottery_draw(contingent=contingent, actor=None)
    Contingent.objects.filter(pk=contingent.pk).update(status=Contingent.Status.DRAFT)
    assert client.get(url(contingent, "losprotokoll/")).status_code == 404


# ---------------------------------------------------------------------------------------------
# Mails


def test_every_mail_has_an_html_variant_with_the_link(contingent):
    confirmed(contingent, 0)
    for mail in OutboxMail.objects.all():
        assert mail.body_html.startswith("<!DOCTYPE html>"), mail.subject
        if LINK.search(mail.body_text):
            assert LINK.search(mail.body_html), mail.subject


# ---------------------------------------------------------------------------------------------
# Rendered parts kept per content generation and live figures (core.fragments)


@pytest.fixture
def fragments_on(settings):
    # tests/conftest.py switches the store off for every other test.
    from revier.core import cache as page_cache
    from revier.core.fragments import forget_fragments

    settings.FRAGMENT_CACHE_SECONDS = 600
    page_cache.forget_local_copies()
    forget_fragments()
    yield
    forget_fragments()


@pytest.fixture
def clock(monkeypatch):
    """The clock of the site, to move on: `clock.move(days=…)`."""

    class Clock:
        now = timezone.now()

        def move(self, **delta):
            self.now += datetime.timedelta(**delta)

    moving = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moving.now)
    return moving


@pytest.fixture
def staff_client():
    from django.test import Client

    staff = Client()
    staff.force_login(StaffFactory(username="redaktion"))
    return staff


def test_kept_list_and_page_follow_every_claim_return_code_import_and_revocation(client, fragments_on):
    contingent = ContingentFactory(title="Offen", size=3)
    with_codes(contingent, 2)
    assert "noch 2 von 2 Tickets" in text(client.get(LIST_URL))
    assert "noch 2 von 2 Tickets" in text(client.get(url(contingent)))
    confirmed(contingent, 0)
    assert "noch 1 von 2 Tickets" in text(client.get(LIST_URL))
    assert "noch 1 von 2 Tickets" in text(client.get(url(contingent)))
    with_codes(contingent, 1, prefix="MEHR")  # the staff import another code
    assert "noch 2 von 3 Tickets" in text(client.get(LIST_URL))
    assert "noch 2 von 3 Tickets" in text(client.get(url(contingent)))
    claim = Claim.objects.get(email="robin0@example.org")
    services.claim_revoke(claim=claim, actor=StaffFactory())  # its code is revoked for good
    assert "noch 2 von 2 Tickets" in text(client.get(LIST_URL))
    confirmed(contingent, 1)
    confirmed(contingent, 2)
    body = text(client.get(url(contingent)))
    assert "Alle Tickets sind vergeben. Sie können sich auf die Warteliste setzen." in body
    assert "Auf die Warteliste setzen" in body
    assert "Warteliste" in text(client.get(LIST_URL))
    services.claim_return(claim=Claim.objects.get(email="robin1@example.org"))
    body = text(client.get(url(contingent)))
    assert "noch 1 von 2 Tickets" in body and "Auf die Warteliste setzen" not in body


def test_kept_list_and_page_follow_the_clock_opening_and_closing(client, fragments_on, clock):
    opens = clock.now + datetime.timedelta(days=1)
    contingent = ContingentFactory(title="Bald offen", opens_at=opens, closes_at=opens + datetime.timedelta(days=2))
    with_codes(contingent, 5)
    assert "Anfragen sind ab" in text(client.get(LIST_URL))
    body = text(client.get(url(contingent)))
    assert "Anfragen sind ab" in body and 'name="first_name"' not in body
    clock.move(days=1, seconds=1)  # nobody writes anything: the period opens by the clock
    assert "noch 5 von 5 Tickets" in text(client.get(LIST_URL))
    body = text(client.get(url(contingent)))
    assert "noch 5 von 5 Tickets" in body and 'name="first_name"' in body
    clock.move(days=2)
    assert "Die Vergabe ist beendet." in text(client.get(LIST_URL))
    body = text(client.get(url(contingent)))
    assert "Der Zeitraum für Anfragen" in body and 'name="first_name"' not in body


def test_kept_pages_follow_the_lottery_deadline_and_draw(client, fragments_on, clock):
    contingent = lottery(applicants=2, size=1)
    assert "Bewerben" in text(client.get(url(contingent)))
    assert ">Gezogen<" not in text(client.get(LIST_URL))
    clock.now = contingent.closes_at + datetime.timedelta(minutes=1)
    body = text(client.get(url(contingent)))
    assert "Der Bewerbungsschluss ist vorbei." in body and url(contingent, "losprotokoll/") not in body
    assert ">Geschlossen<" in text(client.get(LIST_URL))
    protocol = services.lottery_draw(contingent=contingent, actor=StaffFactory())
    body = text(client.get(url(contingent)))
    assert url(contingent, "losprotokoll/") in body
    assert ">Gezogen<" in text(client.get(LIST_URL))
    page = text(client.get(url(contingent, "losprotokoll/")))
    assert protocol.seed in page and protocol.order[0] in page
    assert protocol.seed in text(client.get(url(contingent, "losprotokoll/")))


def test_kept_pages_follow_edits_through_the_services(client, fragments_on):
    contingent = ContingentFactory(title="Alter Titel", description="Alte Bedingungen.")
    other = ContingentFactory(title="Zweites Kontingent", status=Contingent.Status.DRAFT)
    client.get(LIST_URL), client.get(url(contingent))
    contingent.title, contingent.description, contingent.one_per_organisation = "Neuer Titel", "Neue Bedingungen.", True
    services.contingent_save(contingent=contingent, actor=None)
    other.status = Contingent.Status.PUBLISHED
    services.contingent_save(contingent=other, actor=None)
    listed = text(client.get(LIST_URL))
    assert "Neuer Titel" in listed and "Alter Titel" not in listed and "Zweites Kontingent" in listed
    body = text(client.get(url(contingent)))
    assert "Neue Bedingungen." in body and "<title>Neuer Titel" in body
    assert "Es ist nur ein Ticket pro Organisation möglich." in body
    question = services.eligibility_question_save(
        question=EligibilityQuestion(contingent=contingent, text="Sind Sie Mitglied im Netzwerk?", accepted_answers="")
    )
    assert "Sind Sie Mitglied im Netzwerk?" in text(client.get(url(contingent)))
    services.eligibility_question_delete(question=question, actor=None)
    assert "Sind Sie Mitglied im Netzwerk?" not in text(client.get(url(contingent)))
    other.status = Contingent.Status.DRAFT
    services.contingent_save(contingent=other, actor=None)
    assert "Zweites Kontingent" not in text(client.get(LIST_URL))
    services.contingent_delete(contingent=other, actor=None)
    assert client.get(url(other)).status_code == 404


def test_kept_pages_follow_edits_in_the_admin(client, fragments_on, staff_client):
    from tests.events.test_admin import form_values

    contingent = ContingentFactory(title="Alter Titel")
    client.get(LIST_URL), client.get(url(contingent))
    change = reverse("admin:contingents_contingent_change", args=[contingent.pk])
    data = form_values(staff_client.get(change))
    data.update({"title": "Im Admin geändert", "description": "Bedingungen aus dem Admin."})
    data.update({
        "questions-TOTAL_FORMS": "1", "questions-0-text": "Frage aus dem Admin?", "questions-0-kind": "yesno",
        "questions-0-required": "on", "questions-0-position": "0", "questions-0-choices": "",
        "questions-0-accepted_answers": "",
    })
    assert staff_client.post(change, data).status_code == 302
    assert "Im Admin geändert" in text(client.get(LIST_URL))
    body = text(client.get(url(contingent)))
    assert "Bedingungen aus dem Admin." in body and "Frage aus dem Admin?" in body


def test_kept_page_never_keeps_input_or_errors_of_a_post(client, fragments_on, contingent):
    client.get(url(contingent))
    response = client.post(url(contingent), form_data(first_name="Eingabe-Unikat", consent_privacy=None))
    assert "Eingabe-Unikat" in text(response) and "<title>Fehler:" in text(response)
    body = text(client.get(url(contingent)))
    assert "Eingabe-Unikat" not in body and "Fehler" not in body and 'name="first_name"' in body


def test_kept_pages_ask_one_query_whatever_the_number_of_contingents(client, fragments_on, count_queries):
    contingent = ContingentFactory()
    with_codes(contingent, 2)
    EligibilityQuestionFactory(contingent=contingent, accepted_answers="", required=False)
    count_queries(LIST_URL), count_queries(url(contingent))
    assert count_queries(LIST_URL)[1] == 1
    assert count_queries(url(contingent))[1] == 1
    assert count_queries(url(contingent, "verfuegbar/") + "?frei=2")[1] == 1
    for n in range(6):
        other = ContingentFactory(mode=Contingent.Mode.LOTTERY if n % 2 else Contingent.Mode.FIRST_COME)
        with_codes(other, 2, prefix=f"L{n}")
    count_queries(LIST_URL)
    assert count_queries(LIST_URL)[1] == 1


def test_event_page_slot_kept_follows_publishing_a_contingent(client, fragments_on):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory()
    assert "freikarten-title" not in client.get(event.get_absolute_url()).content.decode()
    contingent = ContingentFactory(event=event, partner_event_title="", title="Freikarten Netzwerktag")
    assert contingent.get_absolute_url() in client.get(event.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(event.get_absolute_url())
    assert contingent.get_absolute_url() in response.content.decode()
    assert not [q for q in queries.captured_queries if "contingents_contingent" in q["sql"]]
    contingent.status = Contingent.Status.DRAFT
    services.contingent_save(contingent=contingent, actor=None)
    assert contingent.get_absolute_url() not in client.get(event.get_absolute_url()).content.decode()


def test_kept_page_whole_is_the_page_rendered_fresh(client, fragments_on, settings):
    first, second = ContingentFactory(title="Erstes"), ContingentFactory(title="Zweites")
    with_codes(first, 2), with_codes(second, 1)
    urls = [url(first), url(first) + "?x=1", url(second)]
    kept = [[client.get(address).content for address in urls] for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert kept[0] == kept[1] == [client.get(address).content for address in urls]
    assert b"Erstes" in kept[0][0] and b"Zweites" in kept[0][2] and b"Erstes" not in kept[0][2]
