"""The Monitor's public pages in the browser: every page type (start page, a question's results in
three views, the methods page, the reading guide, an article with an embedded result) with axe-core
(zero violations), no CSP violation and no horizontal scrolling at 1280 and 320 px; the view chosen by
keyboard alone and without JavaScript; and the Nu Html Checker on every page type."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_clean, live_host, open_page
from tests.browser.portal import build_monitor
from tests.browser.test_html_validity import vnu_errors
from tests.browser.test_keyboard import tab_until
from tests.factories import ArticleFactory


def build_pages() -> dict[str, str]:
    build_monitor()
    article = ArticleFactory(
        title="6. Mitteldeutschland-Monitor: Zufriedenheit auf hohem Niveau",
        body="Die Menschen im Revier sind zufrieden.\n\n[monitor:mdm/q1_zufriedenheit]\n\nMehr im Monitor.",
    )
    return {
        "start": "/monitor/",
        "survey": "/monitor/mdm/",
        "question": "/monitor/mdm/q1_zufriedenheit/",
        "question-by-age-2024": "/monitor/mdm/q2_zukunft/?welle=2024&gruppe=age_group",
        "question-not-comparable": "/monitor/mdm/q3_strukturwandel/?gruppe=state",
        "question-unknown-view": "/monitor/mdm/q1_zufriedenheit/?welle=1999&gruppe=religion",
        "methods": "/monitor/mdm/methode/2025/",
        "methods-without-report": "/monitor/mdm/methode/2023/",
        "reading": "/monitor/lesehilfe/",
        "article-with-result": article.get_absolute_url(),
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_monitor_page_types_are_accessible(new_context, live_server, width):
    pages = build_pages()
    page = open_page(new_context, width)
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        assert_clean(page, f"{name} at {width} px", width)
        foreign = [u for u in page.visit.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != live_host(live_server)]
        assert foreign == [], name
    assert page.visit.failed_responses == []
    assert page.context.cookies() == []


@pytest.mark.browser
def test_view_chosen_by_keyboard(new_context, live_server):
    build_pages()
    page = open_page(new_context, 1280)
    page.goto("/monitor/mdm/q1_zufriedenheit/")
    tab_until(page, "select#welle")
    page.keyboard.press("End")  # the oldest wave
    tab_until(page, "select#gruppe", limit=3)
    page.keyboard.press("ArrowDown")  # from the districts to the states
    tab_until(page, "form.monitor-filter button[type=submit]", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/monitor/mdm/q1_zufriedenheit/?welle=2023&gruppe=state")
    assert "„(sehr) zufrieden“ nach Bundesland, 2023" in page.inner_text("main")
    # The links do the same: the first group link is reached and followed by keyboard.
    tab_until(page, ".monitor-choices a[href*='gruppe=district_code']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("?welle=2023&gruppe=district_code")


@pytest.mark.browser
def test_view_chosen_without_javascript(new_context, live_server):
    build_pages()
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/monitor/mdm/q2_zukunft/")
    page.get_by_label("Welle", exact=True).select_option("2024")
    page.get_by_label("Ergebnisse nach", exact=True).select_option("education")
    page.locator("form.monitor-filter").get_by_role("button", name="Anzeigen").click()
    assert page.url.endswith("?welle=2024&gruppe=education")
    main = page.inner_text("main")
    assert "„(sehr) optimistisch“ nach Schulbildung, 2024" in main
    assert "niedrig" in main and "hoch" in main


@pytest.mark.django_db
def test_monitor_page_types_are_valid_html(client, tmp_path):
    documents = {}
    for name, path in build_pages().items():
        response = client.get(path)
        assert response.status_code == 200, name
        documents[name] = response.content.decode()
    assert vnu_errors(documents, tmp_path) == []
