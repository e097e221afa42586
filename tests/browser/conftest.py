"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

One browser for the whole session (starting chromium is the slow part); a fresh context, and
so a fresh cookie jar, for every test. Every test gets the portal's page types freshly built
(the live server needs a transactional database, which is emptied after each test).
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from revier.core.models import EncryptedTOTPDevice
from tests.browser.portal import Portal, build_portal
from tests.factories import PASSWORD, totp_code

# Playwright's sync API runs an event loop in this thread; Django would then refuse database
# access from the test (SynchronousOnlyOperation) although nothing here is asynchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Records CSP violations the page reports to itself, in addition to the console message.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def portal(live_server) -> Portal:
    return build_portal()


@dataclass
class Visit:
    """What the browser saw while a test ran: every request, failed responses, console errors."""

    requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def new_context(browser, live_server):
    """Opens browser contexts on the live server (German locale); all are closed after the test."""
    contexts = []

    def open_context(**options):
        options = {"base_url": live_server.url, "locale": "de-DE", "viewport": {"width": 1280, "height": 900}, **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


def watch(page) -> Visit:
    visit = Visit()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on(
        "response",
        lambda response: visit.failed_responses.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    page.on("console", lambda msg: visit.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    return visit


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.visit = watch(page)
    return page


def open_page(new_context, width: int):
    """A watched page (page.visit) in a fresh context `width` px wide."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.visit = watch(page)
    return page


def assert_clean(page, label: str, width: int) -> None:
    """Once the page has settled: no axe-core violation, no CSP violation, no script error, and no
    horizontal scrolling at `width` px."""
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{label} scrolls at {width} px"


def log_in(page, username: str, target: str) -> None:
    """Logs `username` (a UserFactory user) in through the login form, which leads on to `target`."""
    page.goto(f"/anmelden/?next={target}")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    pass_second_factor(page, username)
    assert page.url.endswith(target)


def pass_second_factor(page, username: str) -> None:
    """After the password step: if the login asks for the second factor (staff accounts), does
    what the person does with their authenticator app (the code computed with django-otp's TOTP):
    on the first login sets the app up and goes on past the recovery codes, later enters a code.
    tests/browser/test_second_factor.py checks these pages themselves."""
    if "/anmelden/zweiter-faktor/" not in page.url:
        return
    setup = "/einrichten/" in page.url
    device = EncryptedTOTPDevice.objects.filter(user__username=username, confirmed=not setup).latest("pk")
    page.locator("main input[name=code]").fill(totp_code(device, fresh=True))
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    if setup:
        with page.expect_navigation():
            page.locator("main .recovery-codes ~ p a").click()


def live_host(live_server) -> str:
    return urlsplit(live_server.url).netloc


def run_axe(page) -> list[dict]:
    """Runs axe-core on the current page for WCAG 2.0/2.1 A and AA and returns the violations.

    page.add_script_tag() would insert axe as an inline <script>, which our Content-Security-Policy
    (script-src 'self') rightly blocks. page.evaluate() runs in the page through the DevTools
    protocol, which CSP does not govern, so axe checks the page with its real policy in force and
    no context needs bypass_csp.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"],
          });
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
          }));
        }"""
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}: {node['html'][:300]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def submit_empty_form(page) -> None:
    """Sends the form in <main> empty, past the browser's own checks of `required`, so the
    server's validation errors are shown as a reader without client-side validation sees them."""
    form = page.locator("main form[method=post]")
    form.evaluate("(form) => { form.noValidate = true; }")
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").last.click()
