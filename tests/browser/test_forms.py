"""Every form of the site, public and staff, as sent empty on a 320 px wide phone: the page shows
its errors without horizontal scrolling (WCAG 1.4.10), focus moves to the error summary whose
links lead to the fields (as in GOV.UK's pattern), axe-core finds no violation and the Nu Html
Checker finds the page valid. Also: buttons that need JavaScript stay hidden until it runs."""

import datetime
from dataclasses import dataclass
import pytest
from django.utils import timezone

from revier.contingents.models import Contingent
from revier.events import services as event_services
from tests.browser.conftest import format_violations, pass_second_factor, run_axe
from tests.browser.test_html_validity import vnu_errors
from tests.browser.test_layout import horizontal_overflow
from tests.contingents.test_services import claim_and_confirm
from tests.contingents.test_services import last_token as last_claim_token
from tests.events.test_services import last_token
from tests.factories import (
    ContingentFactory,
    EligibilityQuestionFactory,
    QuestionFactory,
    StaffFactory,
    TicketCategoryFactory,
    registration_input,
    with_codes,
)

pytestmark = pytest.mark.browser
PASSWORD = "ein-sicheres-Passwort-123"


@dataclass(frozen=True)
class SiteForm:
    name: str
    path: str
    form: str = "main form[method=post]:not([action='/abmelden/'])"  # the form to send
    staff: bool = False


def build_forms() -> list[SiteForm]:
    """One of every form, with the data each needs (an event, a registration, contingents, claims)."""
    category = TicketCategoryFactory(name="Teilnahme vor Ort", capacity=20)
    event = category.event
    TicketCategoryFactory(event=event, name="Online-Teilnahme", capacity=None, position=1)
    QuestionFactory(event=event, text="Was erwarten Sie von der Veranstaltung?", required=True)
    event_services.registration_create(event=event, data=registration_input(category, 1))
    token = last_token("alex1@example.org")
    event_services.registration_confirm(token=token)
    first_come = ContingentFactory(title="Freikarten Zukunftsmesse", size=2)
    with_codes(first_come, 2)
    EligibilityQuestionFactory(contingent=first_come)
    claim_and_confirm(first_come, 1, answers={str(first_come.questions.get().pk): "Ja"})
    claim_token = last_claim_token("robin1@example.org")
    lottery = ContingentFactory(title="Verlosung Fachtagung", mode=Contingent.Mode.LOTTERY, size=1)
    with_codes(lottery, 1, prefix="LOS")
    Contingent.objects.filter(pk=lottery.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=5))
    StaffFactory(username="redaktion")
    own = f"/veranstaltungen/anmeldung/{token}/"
    # Not here: the check-in form, whose answer (also an error) lands in a live region while focus
    # stays in the code field for the next ticket; test_events_organiser covers it.
    return [
        SiteForm("register", f"/veranstaltungen/{event.slug}/anmelden/"),
        SiteForm("resend-link", "/veranstaltungen/link-anfordern/"),
        SiteForm("self-service-change", own + "?aendern=1", form="main form[action$='#angaben-aendern']"),
        SiteForm("self-service-cancel", own, form="main form[action$='#anmeldung-abmelden']"),
        SiteForm("claim", first_come.get_absolute_url()),
        SiteForm("claim-return", f"/veranstaltungen/freikarten/antrag/{claim_token}/", form="main form[action$='#antrag-zurueckgeben']"),
        SiteForm("claim-resend-link", "/veranstaltungen/freikarten/link-anfordern/"),
        SiteForm("contact", "/kontakt/"),
        SiteForm("report-barrier", "/barriere-melden/"),
        SiteForm("login", "/anmelden/"),
        SiteForm("password-reset", "/anmelden/passwort-vergessen/"),
        SiteForm("organiser-capacity", f"/veranstaltungen/verwalten/{event.slug}/", form="main form.manage-inline-form", staff=True),
        SiteForm("organiser-message", f"/veranstaltungen/verwalten/{event.slug}/nachricht/", staff=True),
        SiteForm("organiser-cancel-event", f"/veranstaltungen/verwalten/{event.slug}/absagen/", staff=True),
        SiteForm("contingent-import-codes", f"/veranstaltungen/freikarten/verwalten/{first_come.slug}/codes/", staff=True),
        SiteForm("contingent-draw", f"/veranstaltungen/freikarten/verwalten/{lottery.slug}/auslosen/", staff=True),
    ]


def log_in(page) -> None:
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    pass_second_factor(page, "redaktion")


# Empties every field a person fills in (text, choices, ticks, files) and sends the form past the
# browser's own checks; returns the HTML the server answered with.
EMPTY_FORM = """(form) => {
  form.noValidate = true;
  for (const field of form.querySelectorAll("input, textarea, select")) {
    if (["hidden", "submit", "button"].includes(field.type)) continue;
    if (field.type === "checkbox" || field.type === "radio") field.checked = false;
    else if (field.tagName === "SELECT") field.selectedIndex = -1;
    else field.value = "";
  }
}"""


def send_empty(page, form_selector: str) -> str:
    form = page.locator(form_selector)
    assert form.count() == 1, f"{form_selector}: {form.count()} forms"
    form.evaluate(EMPTY_FORM)
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    return navigation.value.text()


def error_summary_focus(page) -> dict:
    """Where focus is, and whether it is an error summary whose links point at fields of the page."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const links = [...el.querySelectorAll("a[href^='#']")].map((a) => a.getAttribute("href"));
          return {
            focused: el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""),
            is_summary: el.matches(".kern-alert--danger[tabindex='-1']"),
            links: links,
            missing_targets: links.filter((href) => !document.getElementById(decodeURIComponent(href.slice(1)))),
            top: el.getBoundingClientRect().top,
            in_view: el.getBoundingClientRect().top > -1 && el.getBoundingClientRect().top < window.innerHeight,
          };
        }"""
    )


def test_every_form_with_errors_at_320_px(new_context, live_server, tmp_path):
    forms = build_forms()
    context = new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    problems: dict[str, object] = {}
    documents: dict[str, str] = {}
    logged_in = False
    for site_form in forms:
        if site_form.staff and not logged_in:
            log_in(page)
            logged_in = True
        page.goto(site_form.path)
        documents[site_form.name] = send_empty(page, site_form.form)
        found = {}
        if page.locator("main [aria-invalid=true], main .kern-fieldset--error, main .kern-alert--danger").count() == 0:
            found["errors shown"] = "none"
        overflow = horizontal_overflow(page)
        if overflow:
            found["horizontal scrolling"] = overflow
        focus = error_summary_focus(page)
        if not focus["is_summary"] or focus["missing_targets"] or not focus["in_view"]:
            found["focus"] = focus
        violations = run_axe(page)
        if violations:
            found["axe"] = format_violations(violations)
        if page.evaluate("() => window.__cspViolations"):
            found["CSP"] = page.evaluate("() => window.__cspViolations")
        if found:
            problems[site_form.name] = found
    assert page_errors == []
    assert problems == {}, "\n".join(f"{name}: {found}" for name, found in problems.items())

    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


def test_error_summary_link_moves_focus_into_the_field(page, live_server):
    register = build_forms()[0]
    page.goto(register.path)
    send_empty(page, register.form)

    page.locator("[data-error-summary] a", has_text="E-Mail-Adresse").click()

    assert page.evaluate("() => document.activeElement.id") == "id_email"
    assert page.locator("#id_email").evaluate("(el) => el.getBoundingClientRect().top >= 0")


@pytest.mark.parametrize("javascript", [True, False])
def test_buttons_that_need_javascript_are_hidden_until_it_runs(new_context, live_server, javascript):
    """KERN's .kern-btn sets display: flex, which must not override the hidden attribute."""
    forms = {site_form.name: site_form for site_form in build_forms()}
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto(forms["self-service-cancel"].path + "ticket/")
    assert page.get_by_role("button", name="Ticket drucken").is_visible() is javascript
    log_in(page)
    page.goto(forms["organiser-cancel-event"].path.replace("absagen/", "einlass/"))
    page.wait_for_load_state("networkidle")

    assert page.get_by_role("button", name="Kamera ausschalten", include_hidden=True).is_visible() is False
    assert page.get_by_role("button", name="Kamera starten", include_hidden=True).is_visible() is javascript
