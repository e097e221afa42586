"""Events, with their program and speakers, in the portal's search (core.site_search): published and
cancelled events (the public ones, events.selectors.event_public) with the titles, descriptions
and speakers of their program items; and the speakers of their programs, who have pages of their
own. Read in four queries once per content generation into a core.site_search.StemIndex."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy as _

from revier.core.site_search import IndexedProvider, SearchDocument, SearchHit
from revier.core.text import german_content_lang, plain_text, shown_text
from revier.events.models import Event, ProgramItem, Speaker
from revier.events.selectors import PUBLIC_STATUSES, event_public


def _date(value) -> str:
    return date_format(timezone.localtime(value), "DATE_FORMAT")


def _program_texts() -> dict[int, list[str]]:
    """The titles, descriptions and speakers' names of the public events' program items, by event
    (two queries)."""
    speaker_names: dict[int, list[str]] = {}
    links = ProgramItem.speakers.through.objects.filter(programitem__event__status__in=PUBLIC_STATUSES)
    for item_id, name in links.values_list("programitem_id", "speaker__name"):
        speaker_names.setdefault(item_id, []).append(name)
    texts: dict[int, list[str]] = {}
    items = ProgramItem.objects.filter(event__status__in=PUBLIC_STATUSES).order_by()
    for item_id, event_id, title, description in items.values_list("id", "event_id", "title", "description"):
        texts.setdefault(event_id, []).extend([title, description, *speaker_names.get(item_id, ())])
    return texts


def event_documents() -> list[SearchDocument]:
    program = _program_texts()
    now = timezone.now()
    cancelled = gettext("Cancelled")
    documents = []
    rows = event_public().order_by().values_list(
        "id", "slug", "title", "subtitle", "starts_at", "ends_at", "venue_name", "city", "description_html", "status",
        "title_en", "subtitle_en", "description_en_html",
    )
    for (pk, slug, title, subtitle, starts_at, ends_at, venue, city, description_html, status,
         title_en, subtitle_en, description_en_html) in rows:
        description = plain_text(description_html)
        english = " ".join(part for part in (title_en, subtitle_en, plain_text(description_en_html)) if part)
        shown_title, title_lang = shown_text(title, title_en)
        shown_description, text_lang = shown_text(" ".join(part for part in (subtitle, description) if part),
                                                  " ".join(part for part in (subtitle_en, plain_text(description_en_html)) if part))
        place = ", ".join(part for part in (venue, city) if part)
        meta = " · ".join(part for part in (_date(starts_at), place, cancelled if status == Event.Status.CANCELLED else "") if part)
        upcoming = ends_at >= now
        documents.append(SearchDocument(
            hit=SearchHit(title=shown_title, url=reverse("events:detail", kwargs={"slug": slug}),
                          text=shown_description, meta=meta, lang=title_lang, text_lang=text_lang),
            # The English version is searched too: a reader of the English pages may search in English.
            text=" ".join([subtitle, description, venue, city, *program.get(pk, ()), english]),
            title_text=f"{title} {subtitle} {title_en} {subtitle_en}",
            # Upcoming events first (the next first), then past ones (the latest first).
            order=(0, starts_at.timestamp(), pk) if upcoming else (1, -starts_at.timestamp(), -pk),
        ))
    return documents


def speaker_documents() -> list[SearchDocument]:
    """Speakers in the program of a public event (who have a page: events.selectors.speaker_get_public)."""
    public_items = ProgramItem.objects.filter(speakers=OuterRef("pk"), event__status__in=PUBLIC_STATUSES)
    documents = []
    rows = Speaker.objects.filter(Exists(public_items)).order_by().values_list(
        "id", "slug", "name", "academic_title", "function", "organisation", "bio"
    )
    for pk, slug, name, academic_title, function, organisation, bio in rows:
        display_name = f"{academic_title} {name}".strip()
        documents.append(SearchDocument(
            hit=SearchHit(title=display_name, url=reverse("events:speaker", kwargs={"slug": slug}), text=bio,
                          meta=", ".join(part for part in (function, organisation) if part), text_lang=german_content_lang()),
            text=f"{function} {organisation} {bio}",
            order=(name.lower(), pk),
        ))
    return documents


event_search = IndexedProvider(
    kind="veranstaltungen", label=_("Events"), list_url_name="events:list", position=20, documents=event_documents,
)
speaker_search = IndexedProvider(
    kind="referierende", label=_("Speakers"), list_url_name="events:list", position=30, documents=speaker_documents,
)
