"""Text helpers every app shares: Markdown rendered safely, plain text, German word stems, slugs, search words."""

import re
from collections.abc import Callable
from functools import lru_cache

import markdown
import nh3
import snowballstemmer
from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.text import slugify

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
    "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
WORD = re.compile(r"\w+", re.UNICODE)
# The longest search kept, as long as the search fields' maxlength (core/includes/site_header.html).
MAX_QUERY_LENGTH = 200


def render_markdown(source: str) -> str:
    """Markdown to HTML that is safe to show: only the tags above survive, scripts and event
    handlers are removed, links get rel="noopener noreferrer"."""
    html = markdown.markdown(source or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(html or "", tags=set())).strip()


def clean_query(raw: str | None) -> str:
    """The words of a search as typed (the news list's, the network directory's, the portal's),
    blanks collapsed, at most MAX_QUERY_LENGTH characters."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


def german_stems(text: str) -> list[str]:
    """The German Snowball stems of the words in a text, in order, lower-cased."""
    words = [w.lower() for w in WORD.findall(text or "")]
    # The pure-Python stemmer is slow and texts repeat their words: stem each distinct word once.
    distinct = list(dict.fromkeys(words))
    stems = dict(zip(distinct, _stemmer().stemWords(distinct)))
    return [stems[w] for w in words]


@lru_cache(maxsize=65536)
def word_stem(word: str) -> str:
    """The German Snowball stem of one lower-cased word, remembered: the portal search stems the
    words of every hit it shows (core.site_search), and most words come again and again."""
    return _stemmer().stemWord(word)


def stem_document(text: str) -> str:
    """The distinct stems of a text, each framed by spaces, for a `contains " stem"` lookup."""
    stems = dict.fromkeys(german_stems(text))
    return " " + " ".join(stems) + " " if stems else ""


def unique_slug(*, model: type[models.Model], title: str, pk=None, fallback: str, max_length: int = 180) -> str:
    """The short name in addresses for `title` ("Wärmewende in Leuna" → "waermewende-in-leuna"),
    unique among `model`'s slugs except the row `pk`'s own: "-2", "-3", … are appended as needed."""
    base = slugify(title.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))[:max_length] or fallback
    taken = set(model.objects.filter(slug__startswith=base).exclude(pk=pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# Texts already translated, per language (remembered_gettext).
_REMEMBERED_TEXTS: dict[str | None, dict[str, str]] = {}


def remembered_gettext() -> Callable[[str], str]:
    """gettext for the active language that remembers each text it translated: a page written in
    Python with many texts (a personal link's page) asks for the language once, not per text. The
    catalogues do not change while a process runs. Bind it to the name `gettext` inside a function,
    so that makemessages still finds the texts."""
    texts = _REMEMBERED_TEXTS.setdefault(get_language(), {})

    def translated(message: str) -> str:
        text = texts.get(message)
        if text is None:
            text = texts[message] = gettext(message)
        return text

    return translated


def german_content_lang() -> str:
    """` lang="de"` on a page in another language, else nothing: for an element that holds what
    editors and participants wrote in German (a title, a text, a profile) inside an English page, so
    that a screen reader reads it in German (WCAG 3.1.2). Marks the element, never the frame's texts."""
    if get_language() == settings.LANGUAGE_CODE:
        return ""
    return f' lang="{settings.LANGUAGE_CODE}"'


def english_name(field: str) -> str:
    """The name of a field's optional English version: title → title_en, body_html → body_en_html."""
    if field.endswith("_html"):
        return field[: -len("_html")] + "_en_html"
    return field + "_en"


def shown_text(german: str, english: str) -> tuple[str, str]:
    """What a page in the current language shows of a text editors may give in English too (issue 13
    §4: articles, events, pages): on an English page the English text where one is given, else the
    German one; and the element's mark, ` lang="de"` for German text inside an English page (as
    german_content_lang), else nothing."""
    if get_language() == settings.LANGUAGE_CODE:
        return german, ""
    if english and english.strip():
        return english, ""
    return german, f' lang="{settings.LANGUAGE_CODE}"'


def shown_field(obj, field: str) -> tuple[str, str]:
    """shown_text for the field `field` of `obj` and its English version (english_name). An object
    without an English version of the field shows the German one, marked on English pages."""
    return shown_text(getattr(obj, field), getattr(obj, english_name(field), ""))


def shown_language(obj, field: str) -> str:
    """The language code of what shown_field shows of `obj`'s field on the current page."""
    language = get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE and shown_field(obj, field)[1]:
        return settings.LANGUAGE_CODE
    return language


# Open Graph's locale of a page whose title is in this language.
OG_LOCALES = {"de": "de_DE", "en": "en_GB"}
