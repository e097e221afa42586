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


FOCUS_CONTRAST = """() => {
  const el = document.activeElement;
  // Any CSS colour (KERN's tokens are oklch()) to sRGB and alpha, as the browser paints it.
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d", {willReadFrequently: true});
  const parse = (color) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = "rgba(0, 0, 0, 0)";
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return {rgb: [r, g, b], alpha: a / 255};
  };
  const luminance = ([r, g, b]) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  // The outline is drawn around the element, on the background of what lies behind it.
  let background = null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const parsed = parse(getComputedStyle(node).backgroundColor);
    if (parsed && parsed.alpha > 0) { background = parsed.rgb; break; }
  }
  background = background || [255, 255, 255];
  const style = getComputedStyle(el);
  const outline = parse(style.outlineColor);
  if (style.outlineStyle === "none" || !outline) return {style: style.outlineStyle, color: style.outlineColor, ratio: 0};
  const [light, dark] = [luminance(outline.rgb), luminance(background)].sort((a, b) => b - a);
  return {color: style.outlineColor, background: "rgb(" + background.join(", ") + ")",
          width: parseFloat(style.outlineWidth), ratio: (light + 0.05) / (dark + 0.05)};
}"""


@pytest.mark.parametrize(
    "selector",
    [".site-brand", "#site-search-q", "form[role=search] button", ".site-nav__link", "main a.kern-link", ".site-footer a"],
)
def test_focus_indicator_has_3_to_1_contrast_against_its_background(page, portal, selector):
    """WCAG 2.4.11/1.4.11: the focus outline of header, main and footer controls against the
    background it is drawn on, from the computed styles of the focused element."""
    page.goto("/aktuelles/")

    tab_until(page, selector, limit=80)

    focus = page.evaluate(FOCUS_CONTRAST)
    assert focus["ratio"] >= 3 and focus.get("width", 0) >= 2, (selector, focus)
