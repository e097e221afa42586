"""Every page type in the browser, in German and English, at 1280 and 320 px: axe-core finds no
violation of WCAG 2.0/2.1 A and AA, nothing is loaded from another host, and there is no console
error or CSP violation.

All findings of a visit are reported together, so one run shows everything that is wrong.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import format_violations, live_host, open_page, run_axe, submit_empty_form
from tests.browser.portal import (
    DATA_PAGE_TYPES,
    ENGLISH_PAGE_TYPES,
    EXPECTED_STATUS,
    FORM_PAGE_TYPES,
    STATIC_PAGE_TYPES,
)

pytestmark = pytest.mark.browser

PAGE_TYPES = [*STATIC_PAGE_TYPES, *DATA_PAGE_TYPES, *(f"en-{name}" for name in ENGLISH_PAGE_TYPES)]


def foreign_requests(urls: list[str], host: str) -> list[str]:
    # data: URLs (inline images in KERN's CSS) are decoded in the browser and leave no host.
    return [url for url in urls if urlsplit(url).scheme != "data" and urlsplit(url).netloc != host]


def own_status_error(status: int | None, message: str) -> bool:
    """Chromium logs a non-2xx status of the document itself as a console error; for the 404
    page that status is the point, not a fault."""
    return status is not None and message.startswith(
        f"Failed to load resource: the server responded with a status of {status}"
    )


def findings(page, host: str, *, expected_status: int | None = None) -> dict[str, object]:
    page.wait_for_load_state("networkidle")
    visit = page.visit
    document = f"{expected_status} {page.url}"
    found = {
        "failed responses": [r for r in visit.failed_responses if r != document],
        "axe violations": format_violations(run_axe(page)),
        "requests to other hosts": foreign_requests(visit.requests, host),
        "console errors": [m for m in visit.console_errors if not own_status_error(expected_status, m)],
        "script errors": visit.page_errors,
        "CSP violations": page.evaluate("() => window.__cspViolations"),
    }
    return {name: value for name, value in found.items() if value}


def report(page_type: str, found: dict[str, object]) -> str:
    lines = [f"{page_type}:"]
    for name, value in found.items():
        lines.append(f"{name}:")
        lines.append(value if isinstance(value, str) else "\n".join(f"- {item}" for item in value))
    return "\n".join(lines)


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible_and_self_contained(new_context, portal, live_server, page_type, width):
    page = open_page(new_context, width)
    expected_status = EXPECTED_STATUS.get(page_type)
    response = page.goto(portal.page_types[page_type])
    assert response.status == (expected_status or 200)
    assert page.visit.requests, "no request recorded"

    found = findings(page, live_host(live_server), expected_status=expected_status)

    assert found == {}, report(page_type, found)


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("page_type", FORM_PAGE_TYPES)
def test_form_with_validation_errors_is_accessible_and_self_contained(new_context, portal, live_server, page_type, width):
    page = open_page(new_context, width)
    page.goto(portal.page_types[page_type])
    submit_empty_form(page)
    assert page.locator("main [aria-invalid=true]").count() > 0, "no validation error shown"

    found = findings(page, live_host(live_server))

    assert found == {}, report(f"{page_type} with errors", found)
