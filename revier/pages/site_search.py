"""The editable pages (Impressum, Datenschutz, Barrierefreiheit, …) in the portal's search
(core.site_search): every page, read in one query once per content generation into a StemIndex."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from revier.core.site_search import IndexedProvider, SearchDocument, SearchHit
from revier.core.text import plain_text, shown_text
from revier.pages.models import Page


def page_documents() -> list[SearchDocument]:
    documents = []
    rows = Page.objects.order_by("title", "id").values_list("id", "slug", "title", "body_html", "title_en", "body_en_html")
    for pk, slug, title, body_html, title_en, body_en_html in rows:
        text, english = plain_text(body_html), plain_text(body_en_html)
        shown_title, title_lang = shown_text(title, title_en)
        shown_body, text_lang = shown_text(text, english)
        documents.append(SearchDocument(
            hit=SearchHit(title=shown_title, url=reverse("pages:detail", kwargs={"slug": slug}), text=shown_body,
                          lang=title_lang, text_lang=text_lang),
            text=f"{text} {english}", title_text=f"{title} {title_en}", order=(title.lower(), pk),
        ))
    return documents


page_search = IndexedProvider(
    kind="seiten", label=_("Pages"), list_url_name="pages:contact", position=70, documents=page_documents,
)
