"""Keyboard only: the skip link comes first, the search works, focus is always visible."""

import pytest

pytestmark = pytest.mark.browser


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.textContent || "").trim()};
        }"""
    )


def tab_until(page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def test_skip_link_is_first_visible_and_moves_focus_to_main(page, portal):
    page.goto(portal.article.get_absolute_url())
    skip_link = page.locator("a.skip-link")
    assert not skip_link.is_visible() or skip_link.bounding_box()["y"] + skip_link.bounding_box()["height"] <= 0

    page.keyboard.press("Tab")

    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')"), focused(page)
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box["y"] >= 0 and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert skip_link.is_visible()

    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.matches('main#inhalt')"), focused(page)
    # The next Tab continues inside the content, not at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main#inhalt').contains(document.activeElement)"), focused(page)


def test_search_by_keyboard(page, portal):
    page.goto("/")

    tab_until(page, "#site-search-q")
    page.keyboard.type("Wasserstoffs")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "q=Wasserstoffs" in page.url
    assert page.locator("main .teaser-list a", has_text=portal.article.title).count() == 1


def test_search_button_reachable_by_keyboard(page, portal):
    page.goto("/")

    tab_until(page, "#site-search-q")
    page.keyboard.type("Strukturwandel")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('form[role=search] button[type=submit]')"), focused(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "q=Strukturwandel" in page.url


@pytest.mark.parametrize(
    "selector",
    [
        ".skip-link",
        ".site-brand",
        "#site-search-q",
        "form[role=search] button",
        ".site-nav__link",
        ".breadcrumbs a",
        "main a.kern-link",
        ".pagination a",
        ".site-footer a",
    ],
)
def test_focus_indicator_is_visible(page, portal, selector):
    page.goto("/aktuelles/")

    tab_until(page, selector, limit=80)

    style = page.evaluate(
        """() => {
          const s = getComputedStyle(document.activeElement);
          return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }"""
    )
    assert style["style"] != "none" and style["width"] >= 2, (selector, style)
