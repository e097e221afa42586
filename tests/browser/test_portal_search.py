"""The portal's search in the browser (issue 13 §1): its states (first view, results of every kind,
no results with "Meinten Sie …", one kind filtered with a second page) with axe-core (zero
violations) at 1280 and 320 px, without horizontal scrolling, nothing from other hosts, no cookie; a
reader searching from the header without JavaScript; and the Nu Html Checker on every state."""

from urllib.parse import urlsplit

import pytest

from revier.network.services import EntryInput
from tests.browser.conftest import assert_clean, live_host, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import (
    ArticleFactory, ContingentFactory, EventFactory, MonitorQuestionFactory, MonitorSurveyFactory, PageFactory,
    ProgramItemFactory, SpeakerFactory, make_monitor_wave, make_profile,
)


def build_pages() -> dict[str, str]:
    """Something of every kind about hydrogen, and the search's states, by name: path."""
    for n in range(12):
        ArticleFactory(title=f"Wasserstoff für die Lausitz, Teil {n}",
                       teaser="Ein sehr langer Anreißer über Elektrolyseure, Speicher und Netze im Revier " * 3)
    event = EventFactory(title="Fachtag Energie im Revier mit einem sehr langen Titel, der umbrechen muss")
    speaker = SpeakerFactory(name="Dr. Kim Elektrolyse", bio="Forscht zu Wasserstoff und Netzen.")
    item = ProgramItemFactory(event=event, title="Elektrolyseure im Revier", description="Wasserstoff aus Zeitz")
    item.speakers.set([speaker])
    ContingentFactory(title="Freikarten für die Wasserstoff-Messe", partner_event_title="Wasserstoff-Messe Leipzig")
    make_profile(1, organisation="Elektrolyse Zeitz GmbH",
                 entries=(EntryInput(direction="offer", title="Wasserstoff-Speicher zur Miete"),))
    survey = MonitorSurveyFactory(name="Revier-Monitor")
    question = MonitorQuestionFactory(survey=survey, wording="Wie wichtig ist Wasserstoff für die Region?")
    make_monitor_wave(survey=survey, year=2025, questions=[question])
    PageFactory(title="Wasserstoff-Glossar", body="Was Wasserstoff ist.")
    return {
        "search-first": "/suche/",
        "search-results": "/suche/?q=Wasserstoff",
        "search-no-results": "/suche/?q=Wasserstuff",
        "search-filtered": "/suche/?q=Wasserstoff&art=aktuelles&page=2",
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_search_states_are_accessible(new_context, live_server, width):
    pages = build_pages()
    page = open_page(new_context, width)
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        assert_clean(page, f"{name} at {width} px", width)
        foreign = [u for u in page.visit.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != live_host(live_server)]
        assert foreign == [], name
    assert page.context.cookies() == []


@pytest.mark.browser
def test_a_reader_searches_from_the_header_without_javascript(new_context, live_server):
    build_pages()
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    page.get_by_role("searchbox", name="Revier durchsuchen").fill("Wasserstuff")
    page.locator("header").get_by_role("button", name="Suchen").click()
    assert "/suche/?q=Wasserstuff" in page.url
    assert "Keine Treffer" in page.inner_text("main")
    page.get_by_role("link", name="wasserstoff").click()
    assert page.get_by_role("status").inner_text() == "18 Treffer"
    assert page.locator("mark").first.inner_text().lower().startswith("wasserstoff")
    page.get_by_role("link", name="Aktuelles (12)").click()
    assert "12 Treffer in Aktuelles" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name="Nächste Seite").click()
    assert "page=2" in page.url
    page.get_by_role("link", name="Veranstaltungen (1)").click()
    page.get_by_role("link", name="Fachtag Energie im Revier", exact=False).click()
    assert "/veranstaltungen/" in page.url
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_search_states_are_valid_html(client, tmp_path):
    documents = {}
    for name, path in build_pages().items():
        response = client.get(path)
        assert response.status_code == 200, name
        documents[name] = response.content.decode()
    assert "Meinten Sie" in documents["search-no-results"]
    assert "<mark>Wasserstoff</mark>" in documents["search-results"]
    assert vnu_errors(documents, tmp_path) == []
