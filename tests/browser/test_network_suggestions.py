"""Partner suggestions and contact requests in the browser: every new page type (the personal page
with "Passende Partner", the suggestions page, the contact form also with errors, the recipient's
request page) with axe-core (zero violations) at 1280 and 320 px, without horizontal scrolling and
without cookies; a person asks for contact from the suggestions and the other accepts from the
mail; the Nu Html Checker validates the pages."""

import re

import pytest

from revier.network.contact.models import ContactRequest
from revier.network.services import EntryInput
from revier.network.suggestions import services
from tests.browser.conftest import assert_clean, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import mailed_link, make_profile

REQUEST_LINK = re.compile(r"/netzwerk/kontaktanfrage/[A-Za-z0-9_-]+/")


def request_link(email):
    return mailed_link(email, REQUEST_LINK)


def build():
    kim, kim_token = make_profile(1, organisation="Behälterbau Zeitz GmbH", entries=[
        EntryInput(direction="need", title="Partner für die Elektrolyse im Chemiepark",
                   text="Wir wollen Wasserstoffelektrolyse in unsere Anlagen einbinden."),
        EntryInput(direction="offer", title="Druckbehälter und Rohrleitungen aus Edelstahl",
                   text="Wir fertigen Druckbehälter und Rohrleitungen für Chemieanlagen."),
    ])
    jo, jo_token = make_profile(2, organisation="Institut für Werkstoffprüfung Halle mit einem sehr langen Namen",
                                kind="wissenschaft", first_name="Jo", email="jo@example.org", entries=[
        EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten",
                   text="Wir messen Membranen und Elektroden für die Elektrolyse von Wasserstoff."),
        EntryInput(direction="need", title="Hersteller für Druckbehälter",
                   text="Für eine Pilotanlage brauchen wir eine Firma, die Druckbehälter fertigt."),
    ])
    make_profile(3, organisation="Stadtwerke Leuna", visibility="participants", entries=[
        EntryInput(direction="offer", title="Elektrolyse-Wasserstoff für Partner im Chemiepark")])
    _alone, alone_token = make_profile(4, organisation="Catering Merseburg", entries=[
        EntryInput(direction="offer", title="Verpflegung für Tagungen")])
    services.suggestions_worker()
    return {
        "personal": f"/netzwerk/mein-profil/{kim_token}/",
        "suggestions": f"/netzwerk/mein-profil/{kim_token}/partner/",
        "suggestions-empty": f"/netzwerk/mein-profil/{alone_token}/partner/",
        "contact": f"/netzwerk/mein-profil/{kim_token}/kontakt/{jo.pk}/",
        "start": f"/netzwerk/kontakt/{jo.pk}/",
        "start-sent": f"/netzwerk/kontakt/{jo.pk}/?gesendet=1",
        "jo": jo, "kim": kim, "jo_token": jo_token,
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_suggestion_and_contact_page_types_are_accessible(new_context, live_server, width):
    pages = build()
    page = open_page(new_context, width)
    for name in ("personal", "suggestions", "suggestions-empty", "contact", "start", "start-sent"):
        response = page.goto(pages[name])
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        assert_clean(page, f"{name} at {width} px", width)
    page.goto(pages["contact"])
    page.get_by_role("button", name="Kontaktanfrage senden").click()
    assert "Bitte schreiben Sie eine kurze Nachricht" in page.inner_text("main")
    assert_clean(page, f"contact with errors at {width} px", width)
    page.goto(pages["start"])
    page.get_by_role("button", name="Link zusenden").click()
    assert_clean(page, f"start with errors at {width} px", width)
    page.goto(pages["contact"])
    page.get_by_label("Ihre Nachricht").fill("Wir brauchen Prüfungen für unsere Elektrolyse.")
    page.get_by_role("button", name="Kontaktanfrage senden").click()
    assert "Ihre Kontaktanfrage wurde gesendet." in page.inner_text("main")
    assert_clean(page, f"suggestions after sending at {width} px", width)
    page.goto(request_link("jo@example.org"))
    assert_clean(page, f"request link at {width} px", width)
    assert page.context.cookies() == []


@pytest.mark.browser
def test_contact_from_the_suggestions_and_accept_from_the_mail(page, live_server):
    pages = build()
    page.goto(pages["personal"])
    page.get_by_role("link", name="Alle passenden Partner, und Kontakt aufnehmen").click()
    page.get_by_role("link", name=re.compile("^Kontakt aufnehmen mit Institut")).click()
    page.get_by_label("Ihre Nachricht").fill("Wir brauchen Prüfungen für unsere Elektrolyse.")
    page.get_by_role("button", name="Kontaktanfrage senden").click()
    assert "Kontaktanfrage offen" in page.inner_text("main")
    page.goto(request_link("jo@example.org"))
    assert "Wir brauchen Prüfungen" in page.inner_text("main")
    assert pages["kim"].email not in page.inner_text("main")
    page.get_by_role("button", name="Annehmen").click()
    assert "Sie haben die Anfrage angenommen." in page.inner_text("main")
    assert ContactRequest.objects.get().status == "accepted"
    assert pages["kim"].email not in page.inner_text("main")
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_suggestion_and_contact_page_types_are_valid_html(client, tmp_path):
    pages = build()
    documents = {}
    for name in ("personal", "suggestions", "suggestions-empty", "contact", "start", "start-sent"):
        response = client.get(pages[name])
        assert response.status_code == 200, name
        documents[name] = response.content.decode()
    documents["contact-with-errors"] = client.post(pages["contact"], {"message": ""}).content.decode()
    documents["start-with-errors"] = client.post(pages["start"], {"email": "kein-at"}).content.decode()
    assert 'aria-invalid="true"' in documents["start-with-errors"]
    assert 'aria-invalid="true"' in documents["contact-with-errors"]
    client.post(pages["contact"], {"message": "Wir brauchen Prüfungen."})
    documents["suggestions-after-sending"] = client.get(pages["suggestions"] + "?erledigt=kontakt").content.decode()
    documents["request-link"] = client.get(request_link("jo@example.org")).content.decode()
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
