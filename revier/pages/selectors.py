import json
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from revier.core.fragments import fragment
from revier.core.retention import retention_tokens_fill
from revier.pages.models import Page


def page_get(*, slug: str) -> Page | None:
    """The page with this slug, or None. One query; only the fields a page view shows."""
    return Page.objects.only("title", "slug", "body_html", "title_en", "body_en_html", "updated_at").filter(
        slug=slug).first()


@dataclass(frozen=True)
class PageText:
    title: str
    body_html: str  # rendered and sanitised by services.page_save
    title_lang: str = ""  # "de" on an English page without an English title: the element is marked
    body_lang: str = settings.LANGUAGE_CODE  # the language of body_html


class _NoSuchPage(Exception):
    pass


def page_text(*, slug: str) -> PageText | None:
    """The title and text of the page with this slug in the page's language, or None: on an English
    page the English title and text where editors gave them, else the German ones, marked (title_lang,
    body_lang). Kept per content generation and language
    (core.fragments; Page is registered in PagesConfig.ready): while no page changes, no query.
    Only pages that exist are kept, so that addresses nobody published cannot fill the store."""

    def read() -> str:
        page = page_get(slug=slug)
        if page is None:
            raise _NoSuchPage
        german = settings.LANGUAGE_CODE
        # The periods the administrators set, wherever the text names one ("[[retention:claims]]").
        if get_language() == german:
            return json.dumps([page.title, retention_tokens_fill(page.body_html), "", german])
        title = [page.title_en, ""] if page.title_en.strip() else [page.title, german]
        body = [page.body_en_html, get_language()] if page.body_en_html else [page.body_html, german]
        return json.dumps([title[0], retention_tokens_fill(body[0]), title[1], body[1]])

    try:
        title, body_html, title_lang, body_lang = json.loads(fragment("pages:text", [slug], read))
    except _NoSuchPage:
        return None
    return PageText(title=title, body_html=body_html, title_lang=title_lang, body_lang=body_lang)
