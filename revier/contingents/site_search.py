"""Free tickets in the portal's search (core.site_search): published contingents with their partner
event (or our event's title), read in one query once per content generation into a StemIndex."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from revier.contingents.models import Contingent
from revier.core.site_search import IndexedProvider, SearchDocument, SearchHit
from revier.core.text import german_content_lang, plain_text


def contingent_documents() -> list[SearchDocument]:
    rows = Contingent.objects.filter(status=Contingent.Status.PUBLISHED).order_by().values_list(
        "id", "slug", "title", "description_html", "partner_event_title", "partner_event_place", "partner_name",
        "event__title", "event__city", "closes_at",
    )
    now = timezone.now()
    documents = []
    for pk, slug, title, description_html, partner_event, place, partner, event_title, event_city, closes_at in rows:
        description = plain_text(description_html)
        event = partner_event or event_title or ""
        documents.append(SearchDocument(
            hit=SearchHit(title=title, url=reverse("contingents:detail", kwargs={"slug": slug}), text=description,
                          meta=" · ".join(part for part in (event, place or event_city or "", partner) if part),
                          lang=german_content_lang(), text_lang=german_content_lang()),
            text=" ".join(part or "" for part in (description, event, place, partner, event_city)),
            # Open ones first (the next deadline first), then closed ones (the latest first).
            order=(0, closes_at.timestamp(), pk) if closes_at >= now else (1, -closes_at.timestamp(), -pk),
        ))
    return documents


contingent_search = IndexedProvider(
    kind="freikarten", label=_("Free tickets"), list_url_name="contingents:list", position=40,
    documents=contingent_documents,
)
