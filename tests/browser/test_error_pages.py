"""The designed error pages 400, 403, 413, 500 and the database outage's 503 (404 is a page type of its own): axe and the Nu Html
Checker. A browser cannot provoke them on purpose, so the handlers' HTML is rendered directly and
shown in the browser on the live server's origin (its stylesheets load from there)."""

import pytest
from django.test import RequestFactory

from revier.core import outage, views
from tests.browser.conftest import format_violations, run_axe
from tests.browser.test_html_validity import run_vnu

HANDLERS = {
    "400": lambda request: views.bad_request(request),
    "403": lambda request: views.permission_denied(request),
    "413": lambda request: views.request_too_large(request),
    "500": lambda request: views.server_error(request),
    "503": lambda request: outage.unavailable_response(request),
}


def error_html(code: str) -> str:
    response = HANDLERS[code](RequestFactory().get("/"))
    assert response.status_code == int(code)
    return response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", HANDLERS)
def test_error_page_is_accessible(page, live_server, code):
    html = error_html(code)
    page.goto(live_server.url + "/robots.txt")
    page.set_content(html, wait_until="networkidle")
    assert page.locator("h1").count() == 1
    assert format_violations(run_axe(page)) == ""


@pytest.mark.django_db
def test_error_pages_are_valid_html(tmp_path):
    files = []
    for code in HANDLERS:
        file = tmp_path / f"{code}.html"
        file.write_text(error_html(code), encoding="utf-8")
        files.append(file)
    errors = [m for m in run_vnu(files) if m.get("type") == "error"]
    assert errors == [], "\n".join(f"{m.get('url')}: {m.get('message')}" for m in errors)
