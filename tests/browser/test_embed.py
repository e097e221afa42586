"""The widget on a partner's site, in the browser: a page of another origin frames it with the code
copied from /einbetten/; the frame shows only where the site is listed (frame-ancestors), its links
open Revier in a new tab, and the widget pages pass axe at 320 and 1280 px."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from revier.core.models import EmbedOrigin
from tests.browser.conftest import assert_clean, open_page

pytestmark = pytest.mark.browser


@pytest.fixture
def partner():
    """The partner's site: a server of its own on 127.0.0.1 (the live server is at localhost, another
    origin). Its page is the code it was given. On the loopback address because chromium refuses a
    public page's frame of a local server (Local Network Access); so the listed origin is written
    to the table directly, as http: the admin accepts only https (tests/core/test_framing.py)."""

    class Partner(BaseHTTPRequestHandler):
        code = ""

        def do_GET(self):
            body = (f'<!DOCTYPE html><html lang="de"><head><title>Partner</title></head>'
                    f"<body><h1>Partner</h1>{Partner.code}</body></html>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Partner.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield Partner
    server.shutdown()
    server.server_close()


def partner_page(new_context, partner, code: str):
    partner.code = code
    page = new_context().new_page()
    page.goto(f"{partner.url}/")
    page.wait_for_load_state("networkidle")
    return page


def copied_code(new_context, portal, textarea: str) -> str:
    page = new_context().new_page()
    page.goto(f"/einbetten/?thema=wasserstoff&veranstaltung={portal.event.slug}")
    return page.locator(textarea).input_value()


@pytest.mark.parametrize("listed", [True, False])
def test_partner_site_shows_the_widget_only_when_listed(new_context, portal, live_server, settings, partner, listed):
    settings.SITE_URL = live_server.url
    EmbedOrigin.objects.create(partner="Andere", origin="https://andere.example")
    if listed:
        EmbedOrigin.objects.create(partner="Partner", origin=partner.url)
    code = copied_code(new_context, portal, "#embed-seats-code")
    assert code.startswith(f'<iframe src="{live_server.url}/einbetten/veranstaltungen/{portal.event.slug}/plaetze/"')
    page = partner_page(new_context, partner, code)
    frame = next(f for f in page.frames if f != page.main_frame)
    if not listed:
        assert portal.event.title not in frame.content()
        return
    assert page.locator("iframe").get_attribute("title").startswith("Anmeldung: ")
    heading = frame.locator("h1 a")
    assert heading.inner_text() == portal.event.title
    with page.context.expect_page() as opened:
        heading.click()
    revier = opened.value
    revier.wait_for_load_state()
    assert revier.url == f"{live_server.url}{portal.event.get_absolute_url()}"
    assert page.url == f"{partner.url}/"  # the partner's page stays


def test_partner_site_list_widget_from_the_copied_code(new_context, portal, live_server, settings, partner):
    settings.SITE_URL = live_server.url
    EmbedOrigin.objects.create(partner="Partner", origin=partner.url)
    page = partner_page(new_context, partner, copied_code(new_context, portal, "#embed-list-code"))
    frame = next(f for f in page.frames if f != page.main_frame)
    assert frame.locator("h1").inner_text() == "Veranstaltungen: Wasserstoff"
    assert frame.locator(f'a[href="{portal.event.get_absolute_url()}"]').count() == 1


@pytest.mark.parametrize("width", [320, 1280])
def test_widget_pages_are_accessible_at_320_and_1280_px(new_context, portal, width):
    for path in ["/einbetten/", f"/einbetten/?thema=wasserstoff&veranstaltung={portal.event.slug}",
                 "/einbetten/veranstaltungen/?thema=wasserstoff", f"/einbetten/veranstaltungen/{portal.event.slug}/plaetze/"]:
        page = open_page(new_context, width)
        assert page.goto(path).status == 200
        assert_clean(page, path, width)
        page.close()
