"""What a page does besides showing itself: nothing from another host, no console error or
CSP violation, and no cookie for anonymous readers."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import live_host, submit_empty_form
from tests.browser.portal import EXPECTED_STATUS, FORM_PAGE_TYPES, STATIC_PAGE_TYPES

pytestmark = pytest.mark.browser

PAGE_TYPES = [*STATIC_PAGE_TYPES, "article-detail"]


def foreign_requests(urls: list[str], host: str) -> list[str]:
    # data: URLs (inline images in KERN's CSS) are decoded in the browser and leave no host.
    return [url for url in urls if urlsplit(url).scheme != "data" and urlsplit(url).netloc != host]


def own_status_error(page_type: str, message: str) -> bool:
    """Chromium logs a non-2xx status of the document itself as a console error; for the 404
    page that status is the point, not a fault."""
    status = EXPECTED_STATUS.get(page_type)
    return status is not None and message.startswith(f"Failed to load resource: the server responded with a status of {status}")


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_loads_only_from_own_host_without_errors(page, portal, live_server, page_type):
    response = page.goto(portal.page_types[page_type], wait_until="networkidle")
    assert response.status == EXPECTED_STATUS.get(page_type, 200)

    visit = page.visit
    assert visit.requests, "no request recorded"
    assert foreign_requests(visit.requests, live_host(live_server)) == []
    console_errors = [m for m in visit.console_errors if not own_status_error(page_type, m)]
    assert console_errors == []
    assert visit.page_errors == []
    assert page.evaluate("() => window.__cspViolations") == []


def test_article_image_is_shown(page, portal):
    page.goto(portal.article.get_absolute_url(), wait_until="networkidle")

    image = page.locator("main figure img")
    assert image.get_attribute("alt") == portal.article.image_alt
    assert image.evaluate("(img) => img.complete && img.naturalWidth") > 0


@pytest.mark.parametrize("page_type", FORM_PAGE_TYPES)
def test_form_with_errors_loads_only_from_own_host_without_errors(page, portal, live_server, page_type):
    page.goto(portal.page_types[page_type])
    submit_empty_form(page)
    page.wait_for_load_state("networkidle")

    visit = page.visit
    assert foreign_requests(visit.requests, live_host(live_server)) == []
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert page.evaluate("() => window.__cspViolations") == []


def test_anonymous_reader_gets_no_cookie(context, portal):
    page = context.new_page()
    for page_type, path in portal.page_types.items():
        page.goto(path)
        assert context.cookies() == [], f"cookie set by {page_type} ({path})"
    for page_type in FORM_PAGE_TYPES:
        page.goto(portal.page_types[page_type])
        submit_empty_form(page)
        assert context.cookies() == [], f"cookie set by sending {page_type} empty"

    assert context.cookies() == []
