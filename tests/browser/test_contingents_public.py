"""Free-ticket journeys in the browser, as a person walks them: claim → link from the mail → confirm
→ code shown; apply for a lottery → the draw (the staff's service) → the winner accepts from the
mail. Every public page type of the contingents is checked with axe-core (zero violations), and the
Nu Html Checker validates them and the mails."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from revier.contingents import services
from revier.contingents.models import Claim, Contingent, EligibilityQuestion, TicketCode
from revier.core.models import OutboxMail
from tests.browser.conftest import format_violations, live_host, run_axe, submit_empty_form
from tests.browser.test_html_validity import vnu_errors
from tests.factories import ContingentFactory, EligibilityQuestionFactory, StaffFactory, claim_input, with_codes

Status = Claim.Status
LINK = re.compile(r"https?://[^\s\"<>]*/veranstaltungen/freikarten/antrag/[A-Za-z0-9_-]+/")


def mailed_path(email: str, subject_start: str = "") -> str:
    """The path of the personal link in the newest mail to `email` (whose subject starts so)."""
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to and mail.subject.startswith(subject_start):
            return urlsplit(LINK.search(mail.body_text).group(0)).path
    raise AssertionError(f"no mail “{subject_start}…” to {email}")


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def assert_accessible(page, label: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label


def first_come(size=2, title="Freikarten Zukunftsmesse", **kwargs):
    contingent = ContingentFactory(
        title=title, size=size, description="Für **Unternehmen** aus der Region.", **kwargs
    )
    with_codes(contingent, size)
    EligibilityQuestionFactory(contingent=contingent)
    EligibilityQuestionFactory(
        contingent=contingent, text="Branche", kind=EligibilityQuestion.Kind.CHOICE, choices="Energie\nHandwerk",
        accepted_answers="", position=1,
    )
    return contingent


def lottery(size=1, title="Verlosung Fachtagung", **kwargs):
    contingent = ContingentFactory(title=title, mode=Contingent.Mode.LOTTERY, size=size, **kwargs)
    with_codes(contingent, size, prefix="LOS")
    return contingent


def fill_claim(page, *, email="kim@example.org"):
    page.get_by_role("textbox", name="Vorname").fill("Kim")
    page.get_by_role("textbox", name="Nachname").fill("Beispiel")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(email)
    page.get_by_role("textbox", name="Organisation").fill("Beispiel GmbH")
    page.get_by_label("Ich habe die Datenschutzhinweise gelesen", exact=False).check()


def close(contingent):
    Contingent.objects.filter(pk=contingent.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=10), closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    contingent.refresh_from_db()


def answers_for(contingent):
    questions = list(contingent.questions.all())
    return {str(q.pk): ("Ja" if q.kind == EligibilityQuestion.Kind.YES_NO else "Energie") for q in questions}


# ---------------------------------------------------------------------------------------------
# Journeys


@pytest.mark.browser
def test_claim_confirm_from_mail_shows_code(page, live_server):
    contingent = first_come()
    page.goto("/veranstaltungen/freikarten/")
    page.get_by_role("link", name="Freikarten Zukunftsmesse").click()
    assert "noch 2 von 2 Tickets" in page.inner_text("main")
    fill_claim(page)
    page.get_by_role("group", name=re.compile("Metropolregion")).get_by_label("Ja").check()
    page.get_by_label("Energie").check()
    page.get_by_role("button", name="Ticket anfragen").click()
    page.wait_for_url("**?gesendet=1")
    assert "Wir haben Ihnen eine E-Mail geschickt" in page.inner_text("main")

    path = mailed_path("kim@example.org", "Bitte bestätigen")
    page.goto(path)
    assert Claim.objects.get().status == Status.UNCONFIRMED  # opening the link confirms nothing
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    page.wait_for_url("**?erledigt=ticket#erledigt")
    code = TicketCode.objects.get(claim__isnull=False).code
    assert code in page.inner_text("main")
    assert Claim.objects.get().status == Status.ALLOCATED
    assert page.context.cookies() == []


@pytest.mark.browser
def test_apply_draw_and_winner_accepts_from_mail(new_context, live_server):
    contingent = lottery(size=1)
    services.claim_create(contingent=contingent, data=claim_input(1))
    services.claim_confirm(token=token_of(mailed_path("robin1@example.org")))

    page = new_context().new_page()
    page.goto(contingent.get_absolute_url())
    assert "Bewerbung bis" in page.inner_text("main")
    fill_claim(page, email="kim@example.org")
    page.get_by_role("button", name="Bewerben").click()
    page.wait_for_url("**?gesendet=1")
    page.goto(mailed_path("kim@example.org", "Bitte bestätigen"))
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    page.wait_for_url("**?erledigt=beworben#erledigt")
    pseudonym = Claim.objects.get(email="kim@example.org").pseudonym
    assert pseudonym in page.inner_text("main")

    close(contingent)
    # Make Kim the winner whatever the random seed: try seeds until Kim is drawn first.
    pseudonyms = list(Claim.objects.filter(status=Status.APPLIED).order_by("id").values_list("pseudonym", flat=True))
    seed = next(f"seed{n}" for n in range(100) if services.draw_order(pseudonyms, f"seed{n}")[0] == pseudonym)
    services.lottery_draw(contingent=contingent, actor=StaffFactory(), seed=seed)

    page.goto(mailed_path("kim@example.org", "Eine Freikarte für Sie"))
    assert "LOS-0000" in page.inner_text("main")
    page.get_by_role("button", name="Ticket annehmen").click()
    page.wait_for_url("**?erledigt=angenommen#erledigt")
    assert Claim.objects.get(email="kim@example.org").status == Status.ALLOCATED
    page.get_by_role("link", name="Losprotokoll").click()
    assert pseudonym in page.inner_text("main")
    assert Claim.objects.get(email="robin1@example.org").status == Status.WAITLISTED


@pytest.mark.browser
def test_live_count_updates_without_reload(page, live_server):
    contingent = first_come(size=3)
    page.goto(contingent.get_absolute_url())
    region = page.locator("#verfuegbar")
    assert region.get_attribute("aria-live") == "polite"
    assert "noch 3 von 3 Tickets" in region.inner_text()
    services.claim_create(contingent=contingent, data=claim_input(1, answers=answers_for(contingent)))
    services.claim_confirm(token=token_of(mailed_path("robin1@example.org")))
    page.wait_for_function(
        "() => document.querySelector('#verfuegbar').innerText.includes('noch 2 von 3')", timeout=15_000
    )
    assert page.evaluate("() => window.__cspViolations") == []


# ---------------------------------------------------------------------------------------------
# Every page type: axe-core and the Nu Html Checker


def build_pages() -> dict[str, str]:
    now = timezone.now()
    pages = {"list": "/veranstaltungen/freikarten/", "resend-link": "/veranstaltungen/freikarten/link-anfordern/"}
    pages["resend-link-done"] = pages["resend-link"] + "?gesendet=1"

    open_ = first_come(size=2)
    pages["contingent-open"] = open_.get_absolute_url()
    pages["claim-sent"] = open_.get_absolute_url() + "?gesendet=1"

    def claim(contingent, n, **extra):
        services.claim_create(
            contingent=contingent, data=claim_input(n, answers=answers_for(contingent), partner_consent=True, **extra)
        )
        return mailed_path(f"robin{n}@example.org")

    pages["personal-unconfirmed"] = claim(open_, 1)
    allocated = claim(open_, 2)
    services.claim_confirm(token=token_of(allocated))
    pages["personal-allocated"] = allocated
    returned = claim(open_, 3)
    services.claim_confirm(token=token_of(returned))
    services.claim_return(claim=Claim.objects.get(email="robin3@example.org"))
    pages["personal-returned"] = returned
    expired = claim(open_, 5)
    Claim.objects.filter(email="robin5@example.org").update(hold_until=now - datetime.timedelta(minutes=1))
    pages["personal-confirmation-expired"] = expired

    full = first_come(size=1, title="Ausgebucht")
    services.claim_create(contingent=full, data=claim_input(20, answers=answers_for(full)))
    services.claim_confirm(token=token_of(mailed_path("robin20@example.org")))
    pages["contingent-full-waiting-list"] = full.get_absolute_url()
    waitlisted = claim(full, 21)
    services.claim_confirm(token=token_of(waitlisted))
    pages["personal-waitlisted"] = waitlisted

    closed = ContingentFactory(title="Vorbei", opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1))
    pages["contingent-closed"] = closed.get_absolute_url()
    upcoming = ContingentFactory(title="Bald", opens_at=now + datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=9))
    pages["contingent-not-yet-open"] = upcoming.get_absolute_url()

    open_lottery = lottery(size=2)
    pages["contingent-lottery"] = open_lottery.get_absolute_url()
    applied = claim(open_lottery, 30)
    services.claim_confirm(token=token_of(applied))
    pages["personal-applied"] = applied

    drawn = lottery(size=1, title="Ausgelost")
    for n in (40, 41, 42):
        services.claim_create(contingent=drawn, data=claim_input(n))
        services.claim_confirm(token=token_of(mailed_path(f"robin{n}@example.org")))
    close(drawn)
    protocol = services.lottery_draw(contingent=drawn, actor=None)
    winner = Claim.objects.get(pseudonym=protocol.order[0])
    loser = Claim.objects.get(pseudonym=protocol.order[1])
    pages["personal-offered"] = mailed_path(winner.email)
    pages["personal-not-drawn"] = mailed_path(loser.email)
    pages["contingent-drawn"] = drawn.get_absolute_url()
    pages["draw-protocol"] = drawn.get_absolute_url() + "losprotokoll/"
    pages["invalid-link"] = "/veranstaltungen/freikarten/antrag/gibt-es-nicht/"
    return pages


EXPECTED = {"invalid-link": 404}
FORMS = ("contingent-open", "resend-link")


@pytest.mark.browser
def test_contingent_page_types_are_accessible(page, live_server):
    pages = build_pages()
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == EXPECTED.get(name, 200), name
        assert page.locator("h1").count() == 1, name
        assert_accessible(page, name)
        foreign = [u for u in page.visit.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != live_host(live_server)]
        assert foreign == [], name
    for name in FORMS:
        page.goto(pages[name])
        submit_empty_form(page)
        assert page.locator("main [aria-invalid=true], main .kern-fieldset--error").count() > 0, name
        assert_accessible(page, f"{name} with errors")
    # The give-back step without the checkbox.
    page.goto(pages["personal-allocated"])
    page.get_by_role("button", name="Ticket zurückgeben").click()
    assert "Bitte setzen Sie das Häkchen" in page.inner_text("main")
    assert_accessible(page, "give back with errors")
    assert page.context.cookies() == []


@pytest.mark.browser
def test_contingent_page_at_320_px_has_no_horizontal_scroll(new_context, live_server):
    pages = build_pages()
    page = new_context(viewport={"width": 320, "height": 700}).new_page()
    for name in ("contingent-open", "personal-allocated", "draw-protocol", "list"):
        page.goto(pages[name])
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, name


@pytest.mark.django_db
def test_contingent_page_types_are_valid_html(client, tmp_path):
    pages = build_pages()
    documents = {}
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == EXPECTED.get(name, 200), name
        documents[name] = response.content.decode()
    # Each page is in the state its name says.
    for name, phrase in {
        "personal-unconfirmed": "E-Mail-Adresse bestätigen",
        "personal-allocated": "Ihr Ticketcode",
        "personal-waitlisted": "Platz 1 der Warteliste",
        "personal-applied": "nimmt an der Verlosung teil",
        "personal-offered": "Ticket annehmen",
        "personal-not-drawn": "nicht gezogen",
        "personal-returned": "zurückgegeben",
        "personal-confirmation-expired": "abgelaufen",
        "contingent-full-waiting-list": "Alle Tickets sind vergeben. Sie können sich auf die Warteliste setzen.",
        "contingent-open": "noch 1 von 2 Tickets",
        "contingent-closed": "Der Zeitraum für Anfragen",
        "contingent-not-yet-open": "Anfragen sind ab",
        "contingent-drawn": "Losprotokoll",
    }.items():
        assert phrase in documents[name], name
    documents["contingent-with-errors"] = client.post(pages["contingent-open"], {}).content.decode()
    documents["resend-link-with-errors"] = client.post(pages["resend-link"], {"email": "x"}).content.decode()
    documents["give-back-with-errors"] = client.post(pages["personal-allocated"], {"aktion": "zurueckgeben"}).content.decode()
    slug = pages["contingent-open"].rstrip("/").rsplit("/", 1)[-1]
    documents["availability-fragment"] = (
        "<!DOCTYPE html><html lang=de><title>x</title><p>"
        + client.get(f"/veranstaltungen/freikarten/{slug}/verfuegbar/").content.decode()
        + "</p></html>"
    )
    for mail in OutboxMail.objects.exclude(body_html=""):
        documents[f"mail-{mail.pk}"] = mail.body_html
    assert OutboxMail.objects.exclude(body_html="").count() >= 8
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
