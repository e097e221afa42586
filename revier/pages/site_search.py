"""The editable pages (Impressum, Datenschutz, Barrierefreiheit, …) in the portal's search
(core.site_search): every page, read in one query once per content generation into a StemIndex."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from revier.core.site_search import IndexedProvider, SearchDocument, SearchHit
from revier.core.text import plain_text
from revier.pages.models import Page


def page_documents() -> list[SearchDocument]:
    documents = []
    for pk, slug, title, body_html in Page.objects.order_by("title", "id").values_list("id", "slug", "title", "body_html"):
        text = plain_text(body_html)
        documents.append(SearchDocument(
            hit=SearchHit(title=title, url=reverse("pages:detail", kwargs={"slug": slug}), text=text),
            text=text, order=(title.lower(), pk),
        ))
    return documents


page_search = IndexedProvider(
    kind="seiten", label=_("Pages"), list_url_name="pages:contact", position=70, documents=page_documents,
)
