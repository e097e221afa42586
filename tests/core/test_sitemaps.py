"""core.sitemaps: each address once per language, read page by page."""

import pytest
from django.urls import set_script_prefix

from revier.core.sitemaps import _PerLanguage, language_address


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 7])
def test_per_language_pages_cover_every_pair_once(limit):
    items = ["a", "b", "c", "d", "e"]
    pairs = _PerLanguage(items, ["de", "en"])
    assert len(pairs) == 10
    every = [(item, language) for item in items for language in ("de", "en")]
    pages = [pairs[start:start + limit] for start in range(0, len(pairs), limit)]
    assert [pair for page in pages for pair in page] == every
    assert [pairs[n] for n in range(10)] == every and pairs[-1] == ("e", "en")
    with pytest.raises(IndexError):
        pairs[10]


def test_language_address_keeps_the_script_prefix():
    assert language_address("/aktuelles/x/", "de") == "/aktuelles/x/"
    assert language_address("/aktuelles/x/", "en") == "/en/aktuelles/x/"
    set_script_prefix("/revier/")
    try:
        assert language_address("/revier/aktuelles/", "en") == "/revier/en/aktuelles/"
    finally:
        set_script_prefix("/")
