"""The staff's journey through the contingents in the browser: log in, import the partner's codes
(first a list with a duplicate: the report; then the clean list), run the lottery with its
confirmation step and follow the link to the published protocol. Every staff page type is checked
with axe-core (zero violations), for CSP violations and console errors, with the Nu Html Checker,
and at 320 px."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from revier.contingents.models import Claim, Contingent, DrawProtocol, TicketCode
from tests.browser.conftest import format_violations, pass_second_factor, run_axe
from tests.browser.test_html_validity import run_vnu
from tests.contingents.test_services import claim_and_confirm
from tests.factories import ContingentFactory, EligibilityQuestionFactory, StaffFactory, with_codes

pytestmark = pytest.mark.browser
PASSWORD = "ein-sicheres-Passwort-123"


@pytest.fixture
def staff_data(live_server):
    StaffFactory(username="redaktion", first_name="Rita", last_name="Redaktion")
    first_come = ContingentFactory(title="Freikarten Zukunftsmesse", size=3)
    question = EligibilityQuestionFactory(contingent=first_come)
    with_codes(first_come, 1, prefix="ALT")
    joerg = claim_and_confirm(first_come, 1, first_name="Jörg", last_name="Größer", organisation="Müller & Söhne GmbH",
                              answers={str(question.pk): "Ja"}, partner_consent=True)
    claim_and_confirm(first_come, 2, answers={str(question.pk): "Ja"})  # waits: only one code so far
    lottery = ContingentFactory(title="Verlosung Fachtagung", mode=Contingent.Mode.LOTTERY, size=2)
    with_codes(lottery, 2, prefix="LOS")
    for n in range(10, 15):
        claim_and_confirm(lottery, n)
    Contingent.objects.filter(pk=lottery.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=5))
    return first_come, lottery, joerg


def log_in(page, next_url="/veranstaltungen/freikarten/verwalten/"):
    page.goto(f"/anmelden/?next={next_url}")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    pass_second_factor(page, "redaktion")


def assert_clean(page, label: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label
    assert [m for m in page.visit.console_errors if "status of 404" not in m] == [], label


def test_staff_imports_codes_and_runs_the_draw(page, staff_data):
    first_come, lottery, _joerg = staff_data
    log_in(page)
    assert page.url.endswith("/veranstaltungen/freikarten/verwalten/")
    page.get_by_role("link", name="Freikarten Zukunftsmesse", exact=True).click()
    page.get_by_text("1 von 1 vergeben").wait_for()
    page.get_by_role("navigation", name="Dieses Kontingent verwalten").get_by_role("link", name="Codes importieren").click()

    # A list with a blank line, a duplicate and a code imported before: the report, nothing imported.
    page.get_by_label(re.compile("^Codes einfügen")).fill("NEU-1\nNEU-2\n\nNEU-1\nALT-0000\n")
    page.get_by_role("button", name="Codes importieren").click()
    report = page.get_by_role("alert")
    report.get_by_text("Es wurde nichts importiert").wait_for()
    text = report.inner_text()
    assert "Zeile 3" in text and "Zeile 4" in text and "NEU-1" in text and "ALT-0000" in text
    assert TicketCode.objects.filter(contingent=first_come).count() == 1
    assert page.get_by_label(re.compile("^Codes einfügen")).input_value().startswith("NEU-1\nNEU-2")

    # The clean list: imported; the person waiting gets a code at once.
    page.get_by_label(re.compile("^Codes einfügen")).fill("NEU-1\nNEU-2\n")
    page.get_by_role("button", name="Codes importieren").click()
    page.get_by_text("2 Codes wurden importiert.").wait_for()
    assert TicketCode.objects.filter(contingent=first_come).count() == 3
    assert Claim.objects.filter(contingent=first_come, status=Claim.Status.ALLOCATED).count() == 2

    # The draw: the confirmation step first.
    page.goto(reverse("contingents:manage-list"))
    page.locator(".manage-events__item", has_text="Verlosung Fachtagung").get_by_role("link", name=re.compile("^Auslosung")).click()
    numbers = page.locator(".draw-numbers").inner_text()
    assert "5" in numbers and "2" in numbers
    page.get_by_role("button", name="Jetzt auslosen").click()
    page.get_by_role("alert").get_by_text("Bitte bestätigen Sie").first.wait_for()
    assert DrawProtocol.objects.count() == 0
    page.get_by_label(re.compile("^Ich habe geprüft")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt auslosen").click()
    page.get_by_text("Die Auslosung ist erfolgt").wait_for()
    assert DrawProtocol.objects.get().application_count == 5
    assert Claim.objects.filter(contingent=lottery, status=Claim.Status.OFFERED).count() == 2
    page.get_by_role("link", name="Öffentliches Losprotokoll").click()
    assert page.url.endswith(reverse("contingents:protocol", kwargs={"slug": lottery.slug}))


def test_staff_pages_are_accessible_and_valid_html(page, staff_data, tmp_path):
    first_come, lottery, joerg = staff_data
    log_in(page)
    pages = {
        "staff-list": reverse("contingents:manage-list"),
        "staff-claims": reverse("contingents:manage", kwargs={"slug": first_come.slug}),
        "staff-claims-filtered": reverse("contingents:manage", kwargs={"slug": first_come.slug}) + "?q=gr%C3%B6%C3%9Fer&status=allocated&sortierung=name",
        "staff-claims-empty-search": reverse("contingents:manage", kwargs={"slug": first_come.slug}) + "?q=niemand",
        "staff-claims-lottery": reverse("contingents:manage", kwargs={"slug": lottery.slug}),
        "staff-claim": reverse("contingents:manage-claim", kwargs={"slug": first_come.slug, "pk": joerg.pk}),
        "staff-claim-confirm-revoke": reverse("contingents:manage-claim", kwargs={"slug": first_come.slug, "pk": joerg.pk}) + "?bestaetigen=revoke",
        "staff-claim-confirm-reissue": reverse("contingents:manage-claim", kwargs={"slug": first_come.slug, "pk": joerg.pk}) + "?bestaetigen=reissue",
        "staff-codes": reverse("contingents:import-codes", kwargs={"slug": first_come.slug}),
        "staff-draw": reverse("contingents:draw", kwargs={"slug": lottery.slug}),
    }
    documents = {}
    for label, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, label
        documents[label] = response.text()
        assert_clean(page, label)

    # Forms with errors and the import report.
    page.goto(pages["staff-codes"])
    page.get_by_role("button", name="Codes importieren").click()
    page.wait_for_load_state()
    assert page.locator("main [aria-invalid=true]").count() > 0
    documents["staff-codes-with-errors"] = page.content()
    assert_clean(page, "codes with errors")
    page.get_by_label(re.compile("^Codes einfügen")).fill("A\nA\n\nB\n")
    page.get_by_role("button", name="Codes importieren").click()
    page.get_by_text("Es wurde nichts importiert").wait_for()
    documents["staff-codes-report"] = page.content()
    assert_clean(page, "codes report")
    page.goto(pages["staff-draw"])
    page.get_by_role("button", name="Jetzt auslosen").click()
    page.wait_for_load_state()
    documents["staff-draw-with-errors"] = page.content()
    assert_clean(page, "draw with errors")
    page.get_by_label(re.compile("^Ich habe geprüft")).check()
    page.get_by_role("button", name="Jetzt auslosen").click()
    page.get_by_text("Die Auslosung ist erfolgt").wait_for()
    documents["staff-draw-done"] = page.content()
    assert_clean(page, "draw done")
    page.goto(pages["staff-claim"])
    page.get_by_role("button", name="Ticket widerrufen").click()
    page.get_by_role("button", name="Ja, Ticket widerrufen").click()
    page.get_by_text("Das Ticket wurde widerrufen").wait_for()
    documents["staff-claim-after-action"] = page.content()
    assert_clean(page, "claim after an action")

    for label, html in documents.items():
        (tmp_path / f"{label}.html").write_text(html, encoding="utf-8")
    messages = run_vnu(sorted(tmp_path.glob("*.html")))
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") != "info"]
    assert errors == [], "\n".join(errors)


def test_staff_pages_fit_a_320px_screen(new_context, staff_data):
    first_come, lottery, joerg = staff_data
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    log_in(page)
    for path in (
        reverse("contingents:manage-list"),
        reverse("contingents:manage", kwargs={"slug": first_come.slug}),
        reverse("contingents:manage-claim", kwargs={"slug": first_come.slug, "pk": joerg.pk}),
        reverse("contingents:import-codes", kwargs={"slug": first_come.slug}),
        reverse("contingents:draw", kwargs={"slug": lottery.slug}),
    ):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: page is {width}px wide"
    page.goto(reverse("contingents:manage", kwargs={"slug": first_come.slug}))
    scroller = page.get_by_role("region", name=re.compile("Anträge, Seite 1"))
    assert scroller.get_attribute("tabindex") == "0"
