"""The 500 and the outage's 503 (core.views.server_error, core.outage.unavailable_response) share
error_base.html in its bare frame: each shows its own texts, in the active language, and renders
without a single database query (the database may be what failed)."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from revier.core import outage, views

PAGES = {
    "500": (views.server_error, {
        "de": ["Technischer Fehler", "Bei uns ist etwas schiefgegangen. Wir wurden benachrichtigt.", "Fehlercode: 500"],
        "en": ["Technical error", "Something went wrong on our side. We have been notified.", "Error code: 500"],
    }),
    "503": (outage.unavailable_response, {
        "de": ["Vorübergehend nicht erreichbar", "Bitte versuchen Sie es in einer Minute erneut.",
               "Die Website ist kurz nicht erreichbar, zum Beispiel wegen Wartungsarbeiten.", "Fehlercode: 503"],
        "en": ["Temporarily unavailable", "Please try again in a minute.",
               "The site is briefly unavailable, for example during maintenance.", "Error code: 503"],
    }),
}
HOME = {"de": "/", "en": "/en/"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("code", PAGES)
def test_error_page_renders_its_texts_without_database(code, language, django_assert_num_queries):
    handler, texts_by_language = PAGES[code]
    texts = texts_by_language[language]
    with translation.override(language), django_assert_num_queries(0):
        response = handler(RequestFactory().get("/"))
    assert response.status_code == int(code)
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert body.count("<h1") == 1 and f"<title>{texts[0]} – Revier</title>" in body
    for text in texts:
        assert text in body
    assert f'<a class="kern-link" href="{HOME[language]}">' in body
    # The bare frame: none of the whole frame's parts, which need a request (and may read the database).
    assert "site-footer" not in body and "site-nav" not in body


def test_500_page_renders_with_a_urlconf_without_home(settings):
    """Django's own server_error renders 500.html with no context at all, under whatever URLconf is
    active (tests/core/error_urls.py has no "home"): the page still renders, its link goes to /."""
    from django.template import loader

    settings.ROOT_URLCONF = "tests.core.error_urls"
    body = loader.get_template("500.html").render()
    assert "Technischer Fehler" in body and '<a class="kern-link" href="/">' in body
