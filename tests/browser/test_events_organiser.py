"""The organiser's journey in the browser: log in, see the registrations, download the CSV, check a
ticket in by typing its code (and see the warning on the second try). Every page type of the
organiser area is checked with axe-core (zero violations), for CSP violations and console errors,
and with the Nu Html Checker."""

import csv
import io
import re

import pytest
from django.urls import reverse

from revier.events import services
from revier.events.models import Question, Registration
from tests.browser.conftest import format_violations, log_in as log_in_as, run_axe
from tests.browser.test_html_validity import run_vnu
from tests.events.test_services import last_token
from tests.factories import EventFactory, QuestionFactory, TicketCategoryFactory, UserFactory, registration_input

pytestmark = pytest.mark.browser


def _confirmed(category, n, **kwargs):
    registration = services.registration_create(event=category.event, data=registration_input(category, n, **kwargs)).registration
    return services.registration_confirm(token=last_token(registration.email))


@pytest.fixture
def organiser_event(live_server):
    event = EventFactory(title="Wärmewende im Mittelstand")
    onsite = TicketCategoryFactory(event=event, name="Teilnahme vor Ort", capacity=3)
    TicketCategoryFactory(event=event, name="Online-Teilnahme", capacity=None, position=1)
    question = QuestionFactory(event=event, text="Welche Themen interessieren Sie?", kind=Question.Kind.MULTIPLE,
                               choices="Wasserstoff\nWärme", position=0)
    joerg = _confirmed(onsite, 1, first_name="Jörg", last_name="Größer", organisation="Müller & Söhne GmbH",
                       answers={str(question.pk): ["Wasserstoff", "Wärme"]}, consents=frozenset({"photos"}))
    _confirmed(onsite, 2)
    _confirmed(onsite, 3)
    services.registration_create(event=event, data=registration_input(onsite, 4, join_waitlist=True))
    organiser = UserFactory(username="orga", first_name="Olga", last_name="Organisiert")
    event.managers.add(organiser)
    return event, joerg


def log_in(page):
    """The organiser logs in (password, then the second factor every account needs)."""
    log_in_as(page, "orga", "/veranstaltungen/verwalten/")


def assert_clean(page, label: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label
    assert [m for m in page.visit.console_errors if "status of 404" not in m] == [], label


def test_organiser_logs_in_exports_and_checks_in(page, organiser_event, tmp_path):
    event, joerg = organiser_event
    log_in(page)
    assert page.url.endswith("/veranstaltungen/verwalten/")
    page.get_by_role("link", name="Wärmewende im Mittelstand", exact=True).click()
    table = page.get_by_role("region", name=re.compile("Anmeldungen, Seite 1"))
    table.get_by_role("link", name="Größer, Jörg").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Alle Anmeldungen als CSV (Excel) exportieren").click()
    path = tmp_path / "export.csv"
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Welche Themen interessieren Sie?"
    joerg_row = next(row for row in rows if "Größer" in row)
    assert "Müller & Söhne GmbH" in joerg_row and joerg_row[-1] == "Wasserstoff, Wärme"

    page.get_by_role("link", name="Einlass", exact=True).click()
    code_field = page.get_by_label("Ticketcode")
    code_field.fill(joerg.ticket_code.lower())
    code_field.press("Enter")
    result = page.locator("#checkin-result")
    result.get_by_text("Eingecheckt", exact=True).wait_for()
    assert "Jörg Größer" in result.inner_text()
    page.locator("#checkin-count").get_by_text("Eingecheckt: 1 von 3").wait_for()
    assert code_field.input_value() == ""
    code_field.fill(joerg.ticket_code)
    page.get_by_role("button", name="Einchecken").click()
    result.get_by_text(re.compile(r"Bereits eingecheckt um \d\d:\d\d")).wait_for()
    page.get_by_label("Ticketcode").fill("GIBT-ESNI-CHT0")
    page.get_by_label("Ticketcode").press("Enter")
    result.get_by_text("Ticket nicht gefunden").wait_for()
    assert Registration.objects.get(pk=joerg.pk).checked_in_at is not None


def test_check_in_works_without_javascript(new_context, organiser_event):
    event, joerg = organiser_event
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page)
    page.goto(reverse("events:check-in", kwargs={"slug": event.slug}))
    page.get_by_label("Ticketcode").fill(joerg.ticket_code)
    with page.expect_navigation():
        page.get_by_role("button", name="Einchecken").click()
    assert "Eingecheckt" in page.locator("#checkin-result").inner_text()
    assert "Jörg Größer" in page.locator("#checkin-result").inner_text()
    page.reload()  # the result page came from a redirect: reloading scans nothing again
    result = page.locator("#checkin-result").inner_text()
    assert "Eingecheckt" in result and "Bereits" not in result
    assert page.locator("#checkin-count").inner_text().strip().startswith("Eingecheckt: 1 von")


def test_camera_without_device_says_so_in_german(page, organiser_event):
    event, _joerg = organiser_event
    log_in(page)
    page.goto(reverse("events:check-in", kwargs={"slug": event.slug}))
    start = page.get_by_role("button", name="Kamera starten")
    start.wait_for()
    start.click()
    status = page.locator("#kamera-status")
    # no camera (or no permission) in headless chromium: the page says to type the code
    status.get_by_text(re.compile("Ticketcode")).wait_for()
    assert start.is_visible() and start.is_enabled()


def test_organiser_pages_are_accessible_and_valid_html(page, organiser_event, tmp_path):
    event, joerg = organiser_event
    documents = {}
    response = page.goto("/anmelden/")
    documents["login"] = response.text()
    assert_clean(page, "login")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    documents["login-with-errors"] = page.content()
    assert page.locator("main [role=alert]").count() == 1
    assert_clean(page, "login with errors")

    log_in(page)
    slug = event.slug
    pages = {
        "manage-list": reverse("events:manage-list"),
        "manage-table": reverse("events:manage", kwargs={"slug": slug}),
        "manage-table-filtered": reverse("events:manage", kwargs={"slug": slug}) + "?q=Gr%C3%B6%C3%9Fer&status=confirmed&sortierung=name",
        "manage-detail": reverse("events:manage-registration", kwargs={"slug": slug, "pk": joerg.pk}),
        "manage-detail-cancel": reverse("events:manage-registration", kwargs={"slug": slug, "pk": joerg.pk}) + "?stornieren=1",
        "manage-message": reverse("events:manage-message", kwargs={"slug": slug}),
        "manage-cancel": reverse("events:manage-cancel", kwargs={"slug": slug}),
        "check-in": reverse("events:check-in", kwargs={"slug": slug}),
    }
    for label, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, label
        documents[label] = response.text()
        assert_clean(page, label)

    # forms re-shown with errors, and the message's recipient preview
    page.goto(pages["manage-message"])
    page.get_by_role("button", name="Empfänger zählen").click()
    page.wait_for_load_state()
    assert page.locator("main [aria-invalid=true]").count() > 0
    documents["manage-message-with-errors"] = page.content()
    assert_clean(page, "message with errors")
    page.get_by_label("Betreff").fill("Anreise")
    page.get_by_role("textbox", name=re.compile("^Nachricht")).fill("Bitte nutzen Sie den Bus.")
    page.get_by_role("button", name="Empfänger zählen").click()
    page.get_by_text("3 Empfängerinnen und Empfänger").wait_for()
    documents["manage-message-preview"] = page.content()
    assert_clean(page, "message preview")
    page.goto(pages["manage-cancel"])
    page.get_by_role("button", name="Veranstaltung absagen").click()
    page.wait_for_load_state()
    documents["manage-cancel-with-errors"] = page.content()
    assert_clean(page, "cancel with errors")
    page.goto(pages["check-in"])
    page.get_by_label("Ticketcode").fill(joerg.ticket_code)
    page.get_by_label("Ticketcode").press("Enter")
    page.locator("#checkin-result [data-result]").wait_for()
    documents["check-in-result"] = page.content()
    assert_clean(page, "check-in with result")

    for label, html in documents.items():
        (tmp_path / f"{label}.html").write_text(html, encoding="utf-8")
    messages = run_vnu(sorted(tmp_path.glob("*.html")))
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") != "info"]
    assert errors == [], "\n".join(errors)


def test_table_and_check_in_fit_a_320px_screen(new_context, organiser_event):
    event, _joerg = organiser_event
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    log_in(page)
    for path in (reverse("events:manage", kwargs={"slug": event.slug}), reverse("events:check-in", kwargs={"slug": event.slug})):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: page is {width}px wide"
    # the table scrolls inside its own container, reachable by keyboard
    page.goto(reverse("events:manage", kwargs={"slug": event.slug}))
    scroller = page.get_by_role("region", name=re.compile("Anmeldungen, Seite 1"))
    assert scroller.get_attribute("tabindex") == "0"
    assert scroller.evaluate("(el) => el.scrollWidth > el.clientWidth")


def _qr_video(path, text: str) -> None:
    """A short Y4M video (Chromium's fake camera plays it in a loop) showing the QR code of `text`."""
    import segno
    from PIL import Image

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=4)
    qr = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    with open(path, "wb") as video:
        video.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            video.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def test_camera_scanner_reads_the_ticket_qr_code(browser, organiser_event, live_server, tmp_path):
    """Chromium's fake camera shows the ticket's QR code: the scanner (BarcodeDetector where the
    browser has one, jsQR from our static files otherwise) reads it and checks the person in."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    event, joerg = organiser_event
    video = tmp_path / "ticket.y4m"
    _qr_video(video, joerg.ticket_code)
    args = [*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"]
    # A second chromium with a fake camera, started by the session's Playwright.
    camera_browser = browser.browser_type.launch(executable_path=CHROMIUM, args=args, headless=True)
    try:
        context = camera_browser.new_context(base_url=live_server.url, locale="de-DE")
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page)
        page.goto(reverse("events:check-in", kwargs={"slug": event.slug}))
        page.get_by_role("button", name="Kamera starten").click()
        page.locator("#checkin-result [data-result=checked_in]").wait_for()
        assert "Jörg Größer" in page.locator("#checkin-result").inner_text()
        page.get_by_role("button", name="Kamera ausschalten").click()
        assert page.locator("#kamera-status").inner_text() == "Die Kamera ist aus."
    finally:
        camera_browser.close()
    assert Registration.objects.get(pk=joerg.pk).checked_in_at is not None


def test_registrations_table_at_360_px_says_that_it_scrolls(new_context, organiser_event):
    event, _ = organiser_event
    page = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    log_in(page)
    page.goto(reverse("events:manage", kwargs={"slug": event.slug}))
    table = page.get_by_role("region", name=re.compile("Anmeldungen, Seite 1"))

    assert table.evaluate("(el) => el.scrollWidth > el.clientWidth")  # only the first columns show
    hint_id = table.get_attribute("aria-describedby")
    hint = page.locator(f"#{hint_id}")
    assert hint.is_visible() and "seitwärts" in hint.inner_text()
    assert hint.bounding_box()["y"] < table.bounding_box()["y"]
