import json
from dataclasses import dataclass

from revier.core.fragments import fragment
from revier.core.retention import retention_tokens_fill
from revier.pages.models import Page


def page_get(*, slug: str) -> Page | None:
    """The page with this slug, or None. One query; only the fields a page view shows."""
    return Page.objects.only("title", "slug", "body_html", "updated_at").filter(slug=slug).first()


@dataclass(frozen=True)
class PageText:
    title: str
    body_html: str  # rendered and sanitised by services.page_save


class _NoSuchPage(Exception):
    pass


def page_text(*, slug: str) -> PageText | None:
    """The title and text of the page with this slug, or None. Kept per content generation
    (core.fragments; Page is registered in PagesConfig.ready): while no page changes, no query.
    Only pages that exist are kept, so that addresses nobody published cannot fill the store."""

    def read() -> str:
        page = page_get(slug=slug)
        if page is None:
            raise _NoSuchPage
        # The periods the administrators set, wherever the text names one ("[[retention:claims]]").
        return json.dumps([page.title, retention_tokens_fill(page.body_html)])

    try:
        title, body_html = json.loads(fragment("pages:text", [slug], read))
    except _NoSuchPage:
        return None
    return PageText(title=title, body_html=body_html)
