"""Registration journeys in the browser, as a person walks them: register → link from the mail →
confirm → ticket; full category → waiting list → someone cancels → moved up → confirm from the mail.
Every page type of registration and self-service is checked with axe-core (zero violations) and
the Nu Html Checker."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from revier.core.models import OutboxMail
from revier.events import services
from revier.events.models import Event, Question, Registration
from tests.browser.conftest import assert_clean, format_violations, live_host, open_page, run_axe, submit_empty_form
from tests.browser.test_html_validity import vnu_errors
from tests.factories import QuestionFactory, TicketCategoryFactory, registration_input

Status = Registration.Status
LINK = re.compile(r"https?://[^\s\"<>]*/veranstaltungen/anmeldung/[A-Za-z0-9_-]+/")


def mailed_path(email: str, subject_start: str = "") -> str:
    """The path of the personal link in the newest mail to `email` (whose subject starts so)."""
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to and mail.subject.startswith(subject_start):
            return urlsplit(LINK.search(mail.body_text).group(0)).path
    raise AssertionError(f"no mail “{subject_start}…” to {email}")


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def build_event(capacity=5):
    category = TicketCategoryFactory(name="Teilnahme vor Ort", capacity=capacity)
    event = category.event
    TicketCategoryFactory(event=event, name="Online-Teilnahme", capacity=None, position=1)
    QuestionFactory(event=event, text="Was erwarten Sie von der Veranstaltung?", required=True, position=0)
    QuestionFactory(event=event, text="Essen", kind=Question.Kind.SINGLE, choices="Vegetarisch\nVegan", position=1)
    QuestionFactory(event=event, text="Workshops", kind=Question.Kind.MULTIPLE, choices="Wasserstoff\nWärme", position=2)
    QuestionFactory(event=event, text="Brauchen Sie einen Parkplatz?", kind=Question.Kind.YES_NO, position=3)
    return event, category


def fill_registration(page, *, first="Kim", last="Beispiel", email="kim@example.org", category="Teilnahme vor Ort"):
    page.get_by_role("textbox", name="Vorname").fill(first)
    page.get_by_role("textbox", name="Nachname").fill(last)
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(email)
    page.get_by_role("textbox", name="Organisation").fill("Beispiel GmbH")
    page.get_by_role("combobox", name="Bereich").select_option("kmu")
    page.get_by_role("radio", name=category, exact=True).check()
    page.get_by_role("textbox", name="Was erwarten Sie von der Veranstaltung?").fill("Austausch mit Betrieben")


def assert_accessible(page, label: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label


@pytest.mark.browser
def test_register_confirm_from_mail_and_ticket_shows_qr(page, live_server):
    event, category = build_event()
    page.goto(f"/veranstaltungen/{event.slug}/anmelden/")
    fill_registration(page)
    page.get_by_label("Vegan").check()
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**?gesendet=1")
    assert "Wir haben Ihnen eine E-Mail geschickt" in page.inner_text("main")

    path = mailed_path("kim@example.org", "Bitte bestätigen")
    page.goto(path)
    assert Registration.objects.get().status == Status.UNCONFIRMED  # opening the link confirms nothing
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    page.wait_for_url("**?erledigt=bestaetigt#erledigt")
    assert "Bestätigung ist eingegangen" in page.inner_text("main")
    assert Registration.objects.get().status == Status.CONFIRMED

    page.get_by_role("link", name="Ihr Ticket mit QR-Code").click()
    page.wait_for_url("**/ticket/")
    registration = Registration.objects.get()
    assert registration.ticket_code in page.inner_text("main")
    qr = page.get_by_role("img", name=re.compile("QR-Code des Tickets"))
    assert qr.evaluate("(img) => img.complete && img.naturalWidth > 0")
    assert page.get_by_role("button", name="Ticket drucken").is_visible()
    context_cookies = page.context.cookies()
    assert context_cookies == []


@pytest.mark.browser
def test_waitlist_moved_up_after_cancellation_and_confirmed_from_mail(new_context, live_server):
    event, category = build_event(capacity=1)
    services.registration_create(event=event, data=registration_input(category, 1))
    first_path = mailed_path("alex1@example.org")
    services.registration_confirm(token=token_of(first_path))

    waiting = new_context().new_page()
    waiting.goto(f"/veranstaltungen/{event.slug}/anmelden/")
    assert "ausgebucht" in waiting.inner_text("main")
    fill_registration(waiting, email="wartend@example.org")
    waiting.get_by_role("button", name="Anmelden").click()
    # Without the waiting-list box the full category is refused, input kept.
    assert "Die gewählte Kategorie ist ausgebucht" in waiting.inner_text("main")
    assert waiting.get_by_role("textbox", name="E-Mail-Adresse").input_value() == "wartend@example.org"
    waiting.get_by_label("Auf die Warteliste setzen, falls ausgebucht").check()
    waiting.get_by_role("button", name="Anmelden").click()
    waiting.wait_for_url("**?gesendet=1")
    waiting.goto(mailed_path("wartend@example.org", "Warteliste"))
    assert "Platz 1 der Warteliste" in waiting.inner_text("main")

    cancelling = new_context().new_page()
    cancelling.goto(first_path)
    cancelling.get_by_label("Ja, ich möchte mich abmelden").check()
    cancelling.get_by_role("button", name="Abmelden").click()
    cancelling.wait_for_url("**?erledigt=abgemeldet#erledigt")

    moved_up = OutboxMail.objects.filter(subject__startswith="Ein Platz ist frei").get()
    assert moved_up.to == ["wartend@example.org"]
    waiting.goto(urlsplit(LINK.search(moved_up.body_text).group(0)).path)
    waiting.get_by_role("button", name="Anmeldung bestätigen").click()
    waiting.wait_for_url("**?erledigt=bestaetigt#erledigt")
    assert Registration.objects.get(email="wartend@example.org").status == Status.CONFIRMED


def registration_pages(event, category) -> dict[str, str]:
    """One personal page in every state, the ticket (valid and not yet), and the invalid link."""
    pages = {}
    now = timezone.now()

    def make(n, **kwargs):
        services.registration_create(event=event, data=registration_input(category, n, **kwargs))
        return mailed_path(f"alex{n}@example.org")

    pages["self-service-unconfirmed"] = make(1, consents=frozenset({"photos"}))
    pages["self-service-changing-details"] = pages["self-service-unconfirmed"] + "?aendern=1"
    confirmed = make(2)
    services.registration_confirm(token=token_of(confirmed))
    pages["self-service-confirmed"] = confirmed
    pages["ticket"] = confirmed + "ticket/"
    pages["ticket-not-confirmed"] = pages["self-service-unconfirmed"] + "ticket/"
    pages["self-service-waitlisted"] = make(3, join_waitlist=True)
    offered = make(4, join_waitlist=True)
    cancelled = make(5, join_waitlist=True)
    services.registration_cancel(registration=Registration.objects.get(email="alex5@example.org"))
    pages["self-service-cancelled"] = cancelled
    Registration.objects.filter(email="alex4@example.org").update(status=Status.OFFERED, hold_until=now + datetime.timedelta(hours=4))
    pages["self-service-offered"] = offered
    pages["invalid-link"] = "/veranstaltungen/anmeldung/gibt-es-nicht/"
    return pages


def build_pages():
    event, category = build_event(capacity=2)
    closed = TicketCategoryFactory(event__registration_opens_at=timezone.now() + datetime.timedelta(days=3)).event
    pages = {
        "register": f"/veranstaltungen/{event.slug}/anmelden/",
        "register-done": f"/veranstaltungen/{event.slug}/anmelden/?gesendet=1",
        "register-not-open": f"/veranstaltungen/{closed.slug}/anmelden/",
        "resend-link": "/veranstaltungen/link-anfordern/",
        "resend-link-done": "/veranstaltungen/link-anfordern/?gesendet=1",
        **registration_pages(event, category),
    }
    return event, pages


EXPECTED = {"invalid-link": 404}
FORMS = ("register", "resend-link")


@pytest.mark.browser
def test_registration_page_types_are_accessible(page, live_server):
    _, pages = build_pages()
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == EXPECTED.get(name, 200), name
        assert page.locator("h1").count() == 1, name
        assert_accessible(page, name)
        foreign = [u for u in page.visit.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != live_host(live_server)]
        assert foreign == [], name
    for name in FORMS:
        page.goto(pages[name])
        submit_empty_form(page)
        assert page.locator("main [aria-invalid=true], main .kern-fieldset--error").count() > 0, name
        assert_accessible(page, f"{name} with errors")
    # The self-service forms with errors: change form emptied, cancel without the checkbox.
    page.goto(pages["self-service-unconfirmed"])
    page.get_by_role("link", name="Angaben ändern").click()
    page.get_by_role("textbox", name="Vorname").fill("")
    page.get_by_role("button", name="Änderungen speichern").click()
    assert page.locator("main [aria-invalid=true]").count() > 0
    assert_accessible(page, "self-service change with errors")
    page.get_by_role("button", name="Abmelden").click()
    assert "Bitte setzen Sie das Häkchen" in page.inner_text("main")
    assert_accessible(page, "self-service cancel with errors")


@pytest.mark.browser
def test_self_service_pages_at_320_px_in_every_state(new_context, live_server):
    """The personal page at 320 px: every state, the form to change one's details, and both forms
    with their errors (axe, CSP, no horizontal scrolling)."""
    _, pages = build_pages()
    page = open_page(new_context, 320)
    for name in [name for name in pages if name.startswith("self-service")]:
        page.goto(pages[name])
        assert_clean(page, f"{name} at 320 px", 320)
    page.goto(pages["self-service-changing-details"])
    page.get_by_role("textbox", name="Vorname").fill("")
    page.get_by_role("button", name="Änderungen speichern").click()
    assert page.locator("main [aria-invalid=true]").count() > 0
    assert_clean(page, "self-service change with errors at 320 px", 320)
    page.get_by_role("button", name="Abmelden").click()
    assert "Bitte setzen Sie das Häkchen" in page.inner_text("main")
    assert_clean(page, "self-service cancel with errors at 320 px", 320)


@pytest.mark.browser
def test_registration_form_at_320_px_has_no_horizontal_scroll(new_context, live_server):
    event, _ = build_event()
    page = new_context(viewport={"width": 320, "height": 700}).new_page()
    page.goto(f"/veranstaltungen/{event.slug}/anmelden/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


@pytest.mark.django_db
def test_registration_page_types_are_valid_html(client, tmp_path):
    event, pages = build_pages()
    documents = {}
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == EXPECTED.get(name, 200), name
        documents[name] = response.content.decode()
    documents["register-with-errors"] = client.post(pages["register"], {}).content.decode()
    documents["resend-link-with-errors"] = client.post(pages["resend-link"], {"email": "x"}).content.decode()
    documents["self-service-with-errors"] = client.post(
        pages["self-service-unconfirmed"], {"aktion": "aendern", "first_name": "", "sector": "x"}
    ).content.decode()
    documents["self-service-cancel-with-errors"] = client.post(
        pages["self-service-unconfirmed"], {"aktion": "abmelden"}
    ).content.decode()
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    documents["register-cancelled"] = client.get(pages["register"]).content.decode()
    for mail in OutboxMail.objects.exclude(body_html=""):
        documents[f"mail-{mail.pk}"] = mail.body_html
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
