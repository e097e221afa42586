"""Sitemap sections whose addresses exist in every language (issue 13 §4).

Every public page lies below `i18n_patterns`: German without a prefix, English below /en/ (see
core.context_processors._language_versions, which builds the language switcher's addresses the
same way). A section lists each address once per language, each with `hreflang` alternates for all
languages and `x-default` (the German one), as Django's sitemap does with `i18n = True,
alternates = True, x_default = True`; but the items are read page by page, not all at once (a
section of 10,000 articles would otherwise read every row for each page of the sitemap).
"""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import get_script_prefix
from django.utils import translation


def language_address(path: str, language: str) -> str:
    """The address of the German page `path` (with the script prefix) in `language`."""
    if language == settings.LANGUAGE_CODE:
        return path
    prefix = get_script_prefix()
    return f"{prefix}{language}/{path[len(prefix):]}" if path.startswith(prefix) else path


class _PerLanguage(Sequence):
    """The (item, language) pairs of a section's items, item after item; a slice reads only the
    items it needs (the paginator takes a slice per page)."""

    def __init__(self, items, languages: list[str]):
        self._items = items
        self._languages = languages
        self._length = None

    def __len__(self) -> int:
        if self._length is None:
            items = self._items
            count = items.count() if hasattr(items, "query") else len(items)
            self._length = count * len(self._languages)
        return self._length

    def __getitem__(self, index):
        languages = len(self._languages)
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            first, last = start // languages, -(-stop // languages)
            pairs = [(item, language) for item in self._items[first:last] for language in self._languages]
            offset = start - first * languages
            return pairs[offset : offset + max(stop - start, 0)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return (self._items[index // languages], self._languages[index % languages])


class LanguageSitemap(Sitemap):
    """A section listing its addresses in every language, with hreflang alternates. Subclasses
    write `location` for the German page as usual (or rely on get_absolute_url)."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return _PerLanguage(self.items(), self._languages())

    def _location(self, item, force_lang_code=None):
        obj, language = item
        with translation.override(settings.LANGUAGE_CODE):
            german = self.location(obj)
        return language_address(german, force_lang_code or language)
