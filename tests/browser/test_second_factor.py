"""The second factor of staff logins as a person walks it, at 320 px and 1280 px: the admin leads to
the login, the password to setting up the authenticator app (first view, a wrong code), the recovery
codes, the admin; the page "Sicherheit"; the next login's code step (first view, a wrong code, too
many wrong codes) and a login with a recovery code. Every page: no axe-core or CSP violation, no
script error, no horizontal scrolling, valid HTML (Nu Html Checker), and no request to another host."""

import re
from urllib.parse import urlsplit

import pytest

from revier.core.models import EncryptedTOTPDevice
from tests.browser.conftest import assert_clean, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import PASSWORD, StaffFactory, totp_code

pytestmark = pytest.mark.browser


def _submit(page, selector: str = "main form[method=post] button[type=submit]") -> str:
    with page.expect_navigation() as navigation:
        page.locator(selector).first.click()
    page.wait_for_load_state("networkidle")
    return navigation.value.text()


def _password_step(page, username: str) -> None:
    page.goto("/verwaltung/")
    assert "/anmelden/?next=" in page.url
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    _submit(page)


def _wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def _walk(new_context, width: int, username: str, documents: dict, host: str) -> None:
    user = StaffFactory(username=username)
    page = open_page(new_context, width)
    _password_step(page, username)
    assert "/anmelden/zweiter-faktor/einrichten/?next=" in page.url
    documents[f"setup-{width}"] = page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Zweiten Faktor einrichten"
    assert page.get_by_role("img", name="QR-Code für die Authenticator-App").is_visible()
    assert_clean(page, f"setup at {width}", width)

    device = EncryptedTOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Code").fill(_wrong(totp_code(device)))
    documents[f"setup-wrong-{width}"] = _submit(page)
    assert "Der Code stimmt nicht." in page.locator("main .kern-error").inner_text()
    assert page.get_by_label("Code").input_value() == _wrong(totp_code(device))  # kept
    assert page.get_by_label("Code").get_attribute("aria-invalid") == "true"
    assert_clean(page, f"setup with a wrong code at {width}", width)

    page.get_by_label("Code").fill(totp_code(device, fresh=True))
    documents[f"recovery-codes-{width}"] = _submit(page)
    codes = page.locator("main .recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert_clean(page, f"recovery codes at {width}", width)
    page.get_by_role("link", name="Ich habe die Codes aufbewahrt – weiter").click()
    page.wait_for_url("**/verwaltung/")
    assert page.get_by_role("heading", level=1).count() >= 1

    page.goto("/konto/sicherheit/")
    documents[f"security-{width}"] = page.content()
    assert "Sie haben noch 10 unbenutzte Wiederherstellungscodes." in page.locator("main").inner_text()
    assert_clean(page, f"security page at {width}", width)
    hosts = {urlsplit(url).netloc for url in page.visit.requests if url.startswith("http")}
    assert hosts == {host}, hosts

    # The next login, in a fresh browser: the code step, a wrong code, a recovery code.
    page = open_page(new_context, width)
    _password_step(page, username)
    assert "/anmelden/zweiter-faktor/?next=" in page.url
    documents[f"code-{width}"] = page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Anmeldung bestätigen"
    assert_clean(page, f"code step at {width}", width)

    page.get_by_label("Code").fill("123 456" if totp_code(device) != "123456" else "654 321")
    documents[f"code-wrong-{width}"] = _submit(page)
    assert "Der Code stimmt nicht." in page.locator("main .kern-error").inner_text()
    assert page.title().startswith("Fehler:")
    assert_clean(page, f"code step with a wrong code at {width}", width)

    page.get_by_label("Code").fill(codes[0])
    _submit(page)
    page.wait_for_url("**/verwaltung/")
    page.goto("/konto/sicherheit/")
    assert "Sie haben noch 9 unbenutzte Wiederherstellungscodes." in page.locator("main").inner_text()

    # Too many wrong codes (LOGIN_FAILURES_PER_ACCOUNT = 2; one failure counted above): 429, the field says so.
    page = open_page(new_context, width)
    _password_step(page, username)
    for attempt in range(2):
        page.get_by_label("Code").fill(f"99999{attempt}")
        html = _submit(page)
    documents[f"code-throttled-{width}"] = html
    assert "Zu viele falsche Codes." in page.locator("main .kern-error").inner_text()
    assert_clean(page, f"code step throttled at {width}", width)


def test_second_factor_setup_and_login_pages(new_context, live_server, settings, tmp_path):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    documents = {}
    host = urlsplit(live_server.url).netloc
    for width, username in ((320, "schmal"), (1280, "breit")):
        _walk(new_context, width, username, documents, host)

    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
