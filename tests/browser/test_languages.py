"""The language switcher in the header (issue 13 §4), as a reader uses it: from a German page to the
same page in English and back, by keyboard, without a cookie."""

import pytest

pytestmark = pytest.mark.browser


def test_language_switcher_leads_to_the_same_page_and_back(page, portal):
    page.goto(portal.page_types["events-list"])
    assert page.locator("html").get_attribute("lang") == "de"
    english = page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English")
    assert english.get_attribute("lang") == "en" and english.get_attribute("hreflang") == "en"
    english.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/veranstaltungen/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Events").count() == 1
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    page.wait_for_url("**/veranstaltungen/")
    assert "/en/" not in page.url and page.locator("html").get_attribute("lang") == "de"
    assert page.context.cookies() == []
