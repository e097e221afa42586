"""Narrow screens and zoom: from 320 px wide on, nothing needs horizontal scrolling (WCAG 1.4.10)."""

import pytest

pytestmark = pytest.mark.browser

NARROW_PAGE_TYPES = [
    "home", "news-list", "search-results", "article-detail", "page-datenschutz", "report-barrier",
    "events-list", "event-detail", "speaker", "api-docs", "embed-index-event", "embed-list", "embed-seats",
    "en-home", "en-article-detail", "en-event-detail", "en-events-list",
]


def horizontal_overflow(page) -> dict | None:
    """None when the page fits its width; otherwise the widths and the elements sticking out."""
    return page.evaluate(
        """() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return null;
          const wide = [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
            .slice(0, 8)
            .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "")
                         + " right=" + Math.round(el.getBoundingClientRect().right));
          return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, sticking_out: wide};
        }"""
    )


@pytest.fixture
def narrow_page(new_context):
    return new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True, has_touch=True).new_page()


@pytest.fixture
def zoomed_page(new_context):
    # 200 % zoom on a 1280 px wide window leaves 640 CSS pixels; the device scale factor of 2
    # renders each of them with two device pixels, as the zoomed browser does.
    return new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2).new_page()


@pytest.mark.parametrize("page_type", NARROW_PAGE_TYPES)
def test_no_horizontal_scrolling_at_320_px(narrow_page, portal, page_type):
    narrow_page.goto(portal.page_types[page_type])

    assert horizontal_overflow(narrow_page) is None


@pytest.mark.parametrize("page_type", NARROW_PAGE_TYPES)
def test_no_horizontal_scrolling_at_200_percent_zoom(zoomed_page, portal, page_type):
    zoomed_page.goto(portal.page_types[page_type])

    assert horizontal_overflow(zoomed_page) is None


@pytest.mark.parametrize("viewport_page", ["narrow_page", "zoomed_page"])
def test_main_navigation_reachable_when_narrow_or_zoomed(request, portal, viewport_page):
    page = request.getfixturevalue(viewport_page)
    page.goto(portal.article.get_absolute_url())
    width = page.viewport_size["width"]

    links = page.locator("nav.site-nav a")
    assert links.count() == 5
    for index in range(links.count()):
        link = links.nth(index)
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (link.inner_text(), box)

    # …and by keyboard: Tab reaches every entry of the main navigation.
    reached = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.matches('nav.site-nav a') && document.activeElement.getAttribute('href')")
        if href:
            reached.add(href)
    assert reached == {links.nth(i).get_attribute("href") for i in range(links.count())}

    links.first.click()
    assert page.url.endswith("/aktuelles/")


@pytest.mark.parametrize(
    ("path", "summary", "list_selector", "field"),
    [
        ("/veranstaltungen/", "Veranstaltungen filtern", ".event-list", "#filter-thema"),
        ("/aktuelles/", "Themen", ".teaser-list", "a[href='?thema=wasserstoff']"),
    ],
)
@pytest.mark.parametrize("javascript", [True, False])
def test_filters_come_before_the_list_on_phones_and_fold_away(new_context, portal, path, summary, list_selector, field, javascript):
    page = new_context(viewport={"width": 320, "height": 640}, is_mobile=True, java_script_enabled=javascript).new_page()
    page.goto(path)
    toggle = page.locator("main details summary", has_text=summary)
    first_in_list = page.locator(f"main {list_selector} a").first

    assert toggle.bounding_box()["y"] < first_in_list.bounding_box()["y"]
    assert toggle.evaluate("(el, other) => !!(el.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING)", first_in_list.element_handle())
    # Folded on the phone, so the list is near the top; opens by keyboard, without JavaScript too.
    assert not page.locator(f"main {field}").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"main {field}").is_visible()


def test_filters_are_open_where_there_is_room(page, portal):
    page.goto("/veranstaltungen/")

    assert page.locator("#filter-thema").is_visible()
    box = page.locator("main details").bounding_box()
    assert box["x"] + box["width"] <= page.locator("main .event-list").bounding_box()["x"]
