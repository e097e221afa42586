"""The person's rights in the browser (issue 12 §4), at 320 px and 1280 px: from a registration's
personal page to its data page, the JSON download, withdrawing a consent, the delete step (with and
without the tick, after a check-in: anonymised), the page after deleting; "Meine Daten" (first view,
errors, sent). Every page: no axe-core or CSP violation, no horizontal scrolling, valid HTML (Nu Html
Checker)."""

import json

import pytest

from revier.events import services
from revier.events.models import Consent, Registration
from tests.browser.conftest import assert_clean, open_page
from tests.browser.test_events_registration import build_event, mailed_path, token_of
from tests.browser.test_html_validity import vnu_errors
from tests.factories import StaffFactory, registration_input

pytestmark = pytest.mark.browser


def _registration(event, n: int, *, check_in=False) -> tuple[Registration, str]:
    category = event.categories.get(name="Teilnahme vor Ort")
    question = event.questions.get(position=0)
    email = f"person{n}@example.org"
    services.registration_create(event=event, data=registration_input(
        category, n, email=email, first_name=f"Hyazintha{n}", answers={str(question.pk): "Gute Gespräche"},
        consents=frozenset({"photos", "participant_list"})))
    path = mailed_path(email)
    registration = services.registration_confirm(token=token_of(path))
    if check_in:
        services.registration_check_in(event=event, code=registration.ticket_code, actor=StaffFactory())
    return registration, path


def _submit(page, button: str) -> str:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button).click()
    page.wait_for_load_state("networkidle")
    return navigation.value.text()


def _walk(page, width: int, event, n: int, documents: dict) -> None:
    registration, path = _registration(event, n)
    page.goto(path)
    page.get_by_role("link", name="Ihre Daten: ansehen, herunterladen, löschen").click()
    page.wait_for_url(f"**{path}daten/")
    documents[f"data-{width}"] = page.content()
    assert f"Hyazintha{n}" in page.locator("main").inner_text()
    assert_clean(page, f"data page at {width}", width)

    download = page.request.get(page.get_by_role("link", name="Ihre Daten herunterladen (JSON-Datei)").get_attribute("href"))
    assert download.status == 200
    data = json.loads(download.body())
    assert data["registration"][0]["first_name"] == f"Hyazintha{n}"

    documents[f"data-withdrawn-{width}"] = _submit(page, "Einwilligung widerrufen: Foto- und Videoaufnahmen")
    assert "Ihre Einwilligung ist widerrufen" in page.locator("main [role=status]").inner_text()
    assert Consent.objects.get(registration=registration, kind="photos").withdrawn_at is not None
    assert_clean(page, f"consent withdrawn at {width}", width)

    page.get_by_role("link", name="Ihre Daten jetzt löschen").click()
    page.wait_for_url(f"**{path}daten/loeschen/")
    documents[f"erase-{width}"] = page.content()
    assert_clean(page, f"erase step at {width}", width)

    documents[f"erase-errors-{width}"] = _submit(page, "Daten jetzt löschen")
    assert page.locator("main [aria-invalid=true]").count() == 1
    assert_clean(page, f"erase step with errors at {width}", width)

    page.get_by_label("Ja, meine Daten jetzt löschen").check()
    documents[f"erased-{width}"] = _submit(page, "Daten jetzt löschen")
    assert page.get_by_role("heading", level=1).inner_text() == "Ihre Daten sind gelöscht"
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert_clean(page, f"deleted at {width}", width)

    # Checked in: the step says what stays, the row stays anonymised.
    checked_in, path = _registration(event, n + 1, check_in=True)
    page.goto(f"{path}daten/loeschen/")
    documents[f"erase-checked-in-{width}"] = page.content()
    assert "beim Einlass erfasst" in page.locator("main").inner_text()
    assert_clean(page, f"erase step after check-in at {width}", width)
    page.get_by_label("Ja, meine Daten jetzt löschen").check()
    documents[f"anonymised-{width}"] = _submit(page, "Daten jetzt löschen")
    assert "anonymisiert" in page.locator("main").inner_text()
    assert Registration.objects.get(pk=checked_in.pk).anonymised_at is not None
    assert_clean(page, f"anonymised at {width}", width)

    # Meine Daten: first view, errors, sent.
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Meine Daten").click()
    page.wait_for_url("**/meine-daten/")
    documents[f"my-data-{width}"] = page.content()
    assert_clean(page, f"Meine Daten at {width}", width)
    page.get_by_label("E-Mail-Adresse").fill("keine-adresse")
    documents[f"my-data-errors-{width}"] = _submit(page, "Links zusenden")
    assert page.locator("main [aria-invalid=true]").count() == 1
    assert page.get_by_label("E-Mail-Adresse").input_value() == "keine-adresse"
    assert_clean(page, f"Meine Daten with errors at {width}", width)
    page.get_by_label("E-Mail-Adresse").fill(f"person{n + 1}@example.org")
    documents[f"my-data-sent-{width}"] = _submit(page, "Links zusenden")
    assert "Anfrage erhalten" in page.locator("main [role=status]").inner_text()
    assert_clean(page, f"Meine Daten sent at {width}", width)


def test_export_withdraw_delete_and_my_data(new_context, live_server, tmp_path):
    event, _ = build_event(capacity=10)
    documents = {}
    for width, n in ((320, 1), (1280, 11)):
        _walk(open_page(new_context, width), width, event, n, documents)
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
