"""The network directory in the browser: every page type (profiles, offers and needs, search with
and without hits, filters, a second page, a public profile) with axe-core (zero violations) at 1280
and 320 px, without horizontal scrolling at 320 px, nothing from other hosts, no cookie; the
filter form used without JavaScript; and the Nu Html Checker on every page type."""

from urllib.parse import urlsplit

import pytest

from revier.events import services as event_services
from revier.network import services
from revier.network.directory import PAGE_SIZE
from revier.network.models import Profile
from revier.network.services import EntryInput
from tests.browser.conftest import format_violations, live_host, run_axe, watch
from tests.browser.test_html_validity import run_vnu
from tests.factories import (
    EventFactory,
    TicketCategoryFactory,
    TopicFactory,
    make_profile,
    profile_input,
    profile_token,
    registration_input,
)


def build_pages() -> dict[str, str]:
    """One of every page type of the directory, by name: path."""
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    profile, _ = make_profile(
        1, first_name="Kim", last_name="Zeitz", organisation="Elektrolyse Zeitz GmbH mit einem sehr langen Namen",
        function="Leiterin Technik und Qualitätssicherung", district="Burgenlandkreis", topics=[hydrogen, heat],
        description="Wir entwickeln und prüfen Komponenten für Elektrolyseure im Chemiepark Zeitz.\nSeit 2019.",
        entries=[
            EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten",
                       text="Prüfstände für Stacks bis 1 MW, auch kurzfristig.", topic_ids=(hydrogen.pk,)),
            EntryInput(direction="offer", title="Beratung zur Wasserstofferzeugung"),
            EntryInput(direction="offer", title="Schulungen für Fachkräfte"),
            EntryInput(direction="offer", title="Messtechnik zur Ausleihe"),
            EntryInput(direction="need", title="Partner für eine Elektrolyse-Pilotanlage",
                       text="Wir suchen Betreiber mit Flächen im Chemiepark.", topic_ids=(hydrogen.pk, heat.pk)),
        ],
    )
    event = EventFactory(title="Innovationskonferenz Lausitz")
    category = TicketCategoryFactory(event=event, capacity=100)
    registration = event_services.registration_create(event=event, data=registration_input(category, 1)).registration
    created = services.profile_create(
        email="teilnahme@example.org", data=profile_input(50, region="lausitz", kind="wissenschaft", organisation="Hochschule Lausitz",
                           description="Forschung zur Wärmewende."),
        registration_id=registration.pk,
        entries=[EntryInput(direction="need", title="Fernwärme aus Abwärme", topic_ids=(heat.pk,))],
    ).profile
    services.profile_confirm(token=profile_token("teilnahme@example.org"))
    Profile.objects.filter(pk=created.pk).update(is_synthetic=True)
    for n in range(PAGE_SIZE):
        make_profile(100 + n, region="rheinisch", organisation=f"Maschinenbau Düren {n}", description="Ein Beispiel.",
                     entries=[EntryInput(direction="offer", title=f"Angebot {n}")])
    return {
        "directory": "/netzwerk/verzeichnis/",
        "directory-page-2": "/netzwerk/verzeichnis/?page=2",
        "directory-search": "/netzwerk/verzeichnis/?q=Elektrolyseure",
        "directory-no-results": "/netzwerk/verzeichnis/?q=Quantenkaffeemaschine",
        "directory-filtered": f"/netzwerk/verzeichnis/?thema=wasserstoff&art=kmu&region=mitteldeutsch&richtung=bietet&veranstaltung={event.slug}",
        "entries": "/netzwerk/angebote-und-gesuche/",
        "entries-search": "/netzwerk/angebote-und-gesuche/?q=Elektrolyse&richtung=sucht",
        "entries-no-results": "/netzwerk/angebote-und-gesuche/?q=Quantenkaffeemaschine",
        "profile": profile.get_absolute_url(),
        "profile-synthetic": created.get_absolute_url(),
        "landing": "/netzwerk/",
    }


def assert_accessible(page, label: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label
    assert page.visit.console_errors == [], label


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_directory_page_types_are_accessible(new_context, live_server, width):
    pages = build_pages()
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.visit = watch(page)
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        assert_accessible(page, f"{name} at {width} px")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{name} scrolls at {width} px"
        foreign = [u for u in page.visit.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != live_host(live_server)]
        assert foreign == [], name
    assert page.context.cookies() == []


@pytest.mark.browser
def test_a_reader_searches_and_filters_without_javascript(new_context, live_server):
    build_pages()
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/netzwerk/")
    page.get_by_role("searchbox", name="Im Netzwerk suchen").fill("Elektrolyseure")
    page.locator("main").get_by_role("button", name="Suchen").click()
    assert "/netzwerk/verzeichnis/?q=Elektrolyseure" in page.url
    assert "1 Profil" in page.get_by_role("status").inner_text()
    # The filter box is open when a filter is active, also without JavaScript.
    page.get_by_label("Suchbegriffe").fill("Pilotanlage")
    page.get_by_label("Angebote oder Gesuche").select_option("sucht")
    page.get_by_label("Region").select_option("mitteldeutsch")
    page.locator("main").get_by_role("button", name="Suchen").click()
    assert "richtung=sucht" in page.url and "region=mitteldeutsch" in page.url
    assert "Kim Zeitz" in page.inner_text("main")
    page.get_by_role("link", name="Angebote und Gesuche").first.click()
    assert "/netzwerk/angebote-und-gesuche/" in page.url and "richtung=sucht" in page.url
    assert "Partner für eine Elektrolyse-Pilotanlage" in page.inner_text("main")
    page.get_by_role("link", name="Partner für eine Elektrolyse-Pilotanlage").click()
    assert page.locator("h1").inner_text() == "Kim Zeitz"
    assert "kim1@example.org" not in page.content()
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_directory_page_types_are_valid_html(client, tmp_path):
    documents = {}
    for name, path in build_pages().items():
        response = client.get(path)
        assert response.status_code == 200, name
        documents[name] = response.content.decode()
    assert "Keine Profile gefunden" in documents["directory-no-results"]
    assert "Kim Zeitz" in documents["directory-search"]
    files = {}
    for name, html in documents.items():
        file = tmp_path / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files[file.resolve().as_uri()] = name
    messages = run_vnu(list(tmp_path.glob("*.html")))
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") != "info"
    ]
    assert errors == [], "\n".join(errors)
