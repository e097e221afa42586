"""The staff login's new pages as a person walks them, at 320 px and 1280 px: "Passwort vergessen?"
(request, request with errors, sent, the link from the mail, the new password with errors, done, a
used link) and the login refused by the throttle. Every page: no axe-core or CSP violation, no
horizontal scrolling, valid HTML (Nu Html Checker)."""

import re

import pytest

from revier.core.models import OutboxMail
from tests.browser.conftest import assert_clean, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Grubenwasser-Waerme-2031"


def _submit(page) -> str:
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    return navigation.value.text()


def _walk(page, width: int, username: str, documents: dict) -> None:
    email = f"{username}@example.org"
    UserFactory(username=username, email=email)

    page.goto("/anmelden/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    page.wait_for_url("**/anmelden/passwort-vergessen/")
    documents[f"reset-{width}"] = page.content()
    assert_clean(page, f"reset request at {width}", width)

    page.get_by_label("E-Mail-Adresse").fill("keine-adresse")
    documents[f"reset-errors-{width}"] = _submit(page)
    assert page.locator("main [aria-invalid=true]").count() == 1
    assert_clean(page, f"reset request with errors at {width}", width)

    page.get_by_label("E-Mail-Adresse").fill(email)
    documents[f"reset-sent-{width}"] = _submit(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Bitte sehen Sie in Ihr Postfach"
    assert_clean(page, f"reset sent at {width}", width)

    body = OutboxMail.objects.get(to=[email]).body_text
    link = re.search(r"(http://\S+/anmelden/neues-passwort/\S+/)", body).group(1)
    page.goto(link)
    assert page.url.endswith("/set-password/")
    documents[f"reset-confirm-{width}"] = page.content()
    assert_clean(page, f"new password at {width}", width)

    page.locator("#id_new_password1").fill("kurz")
    page.locator("#id_new_password2").fill("kurz")
    documents[f"reset-confirm-errors-{width}"] = _submit(page)
    assert page.locator("main [aria-invalid=true]").count() >= 1
    assert_clean(page, f"new password with errors at {width}", width)

    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    documents[f"reset-complete-{width}"] = _submit(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Passwort gespeichert"
    assert_clean(page, f"password saved at {width}", width)

    page.goto(link)  # used once: no longer works
    documents[f"reset-link-used-{width}"] = page.content()
    assert page.locator("main [role=alert]").inner_text().startswith("Dieser Link funktioniert nicht mehr")
    assert_clean(page, f"used link at {width}", width)

    page.get_by_role("link", name="Anmelden").last.click()
    for attempt in range(3):  # LOGIN_FAILURES_PER_ACCOUNT = 2
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(f"falsch-{attempt}")
        html = _submit(page)
    documents[f"login-throttled-{width}"] = html
    alert = page.locator("main [role=alert]").inner_text()
    assert "Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten oder setzen Sie Ihr Passwort zurück." in alert
    assert page.get_by_label("Benutzername").input_value() == username
    assert_clean(page, f"login throttled at {width}", width)


def test_password_reset_and_throttled_login_pages(new_context, live_server, settings, tmp_path):
    settings.SITE_URL = live_server.url  # the mail's link leads to this server
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    documents = {}
    for width, username in ((320, "schmal"), (1280, "breit")):
        _walk(open_page(new_context, width), width, username, documents)

    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
