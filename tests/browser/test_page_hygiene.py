"""The article page shows all its parts (so the page-type checks cover them), and anonymous
readers get no cookie at all."""

import pytest

from tests.browser.conftest import submit_empty_form
from tests.browser.portal import FORM_PAGE_TYPES

pytestmark = pytest.mark.browser


def test_article_detail_shows_image_topics_links_and_more_news(page, portal):
    page.goto(portal.article.get_absolute_url(), wait_until="networkidle")

    image = page.locator("main figure.article-figure img")
    assert image.get_attribute("alt") == portal.article.image_alt
    assert image.evaluate("(img) => img.complete && img.naturalWidth") > 0
    assert page.locator("main figure.article-figure figcaption").inner_text().endswith("Revier-Redaktion")
    # the body's embed line shows the Monitor's result (build_monitor)
    assert page.locator("main .article-body figure.monitor-embed svg[role=img]").count() == 1
    assert sorted(page.locator("main article header .topic-list a").all_inner_texts()) == ["Wasserstoff", "Wärmewende"]
    assert page.locator("main .related-links a").all_inner_texts() == ["Weitere Informationen", "Programm und Anmeldung"]
    assert page.locator("#more-news-title").is_visible()
    assert page.locator("section[aria-labelledby=more-news-title] .teaser").count() == 3


def test_anonymous_reader_gets_no_cookie(context, portal):
    page = context.new_page()
    for page_type, path in portal.page_types.items():
        page.goto(path)
        assert context.cookies() == [], f"cookie set by {page_type} ({path})"
    for page_type in FORM_PAGE_TYPES:
        page.goto(portal.page_types[page_type])
        submit_empty_form(page)
        assert context.cookies() == [], f"cookie set by sending {page_type} empty"
