"""Veranstaltungen in the public JSON API (docs/api.md): the upcoming and past events with the list
pages' filters (topic, region, month) and paging, and an event as its page shows it, with program,
speakers, and ticket categories with their free seats. Reads through events.selectors, the same
reads the pages make: the free seats are events.selectors.event_offers, the one count of the
capacity rule (models.SEATS). Drafts never appear; the online access address never (the page only
says that one can take part online)."""

import datetime

from django.conf import settings
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from revier.core.api import ERRORS_404, MAX_PAGE, MAX_PER_PAGE, TEXT, PageInfo, english_url_field, page_info, page_urls
from revier.events import selectors
from revier.events.models import Region

router = Router(tags=["Veranstaltungen"])


class TopicOut(Schema):
    name: str
    slug: str


class EventTeaserOut(Schema):
    title: str
    slug: str
    subtitle: str
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    region: str
    venue_name: str
    city: str
    online: bool
    topics: list[TopicOut]
    sold_out: bool
    url: str
    url_en: str = english_url_field()
    title_en: str | None = Field(None, description="The English title, where editors gave one.")
    subtitle_en: str | None = Field(None, description="The English subtitle, where editors gave one.")


class EventPageOut(PageInfo):
    results: list[EventTeaserOut]


class SpeakerOut(Schema):
    name: str
    slug: str
    academic_title: str
    function: str
    organisation: str
    url: str
    url_en: str = english_url_field()


class ProgramItemOut(Schema):
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    description: str
    speakers: list[SpeakerOut]


class CategoryOut(Schema):
    name: str
    description: str
    is_online: bool
    capacity: int | None
    free: int | None
    is_full: bool


class OrganisationOut(Schema):
    name: str
    url: str


class EventOut(EventTeaserOut):
    description_html: str
    description_en_html: str | None = Field(
        None, description="The English description as sanitised HTML, where editors gave one.")
    cancellation_note: str
    street: str
    postcode: str
    registration_state: str
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime | None
    organisers: list[OrganisationOut]
    categories: list[CategoryOut]
    program: list[ProgramItemOut]


def _topics(topics) -> list[dict]:
    return [{"name": topic.name, "slug": topic.slug} for topic in topics]


def _teaser(request, event, *, sold_out: bool) -> dict:
    return {
        "title": event.title,
        "slug": event.slug,
        "subtitle": event.subtitle,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "region": event.region,
        "venue_name": event.venue_name,
        "city": event.city,
        "online": bool(event.online_url),
        "topics": _topics(event.topics.all()),
        "sold_out": sold_out,
        **page_urls(request, event.get_absolute_url()),
        "title_en": event.title_en or None,
        "subtitle_en": event.subtitle_en or None,
    }


@router.get("/events", response={200: EventPageOut, **ERRORS_404}, operation_id="event_list", summary="Veranstaltungen")
def event_list(
    request,
    thema: str | None = Query(None, pattern=TEXT, max_length=200, description="Slug of a topic (an unknown one: 404)."),
    region: str | None = Query(None, pattern=TEXT, max_length=40, description=f"One of {', '.join(Region.values)}; others are ignored."),
    monat: str | None = Query(None, pattern=TEXT, max_length=20, description="A month, YYYY-MM: events that take place in it."),
    vergangen: bool = Query(False, description="The past events (latest first) instead of the upcoming ones."),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="Page number; past the end: the last page."),
    per_page: int = Query(getattr(settings, "EVENTS_PAGE_SIZE", 10), ge=1, le=MAX_PER_PAGE),
):
    """Published (and cancelled) events as the list pages show them: upcoming ones next first, or
    past ones latest first. `sold_out`: every category with a limit is full (upcoming events only)."""
    topic = None
    if thema:
        topic = selectors.topic_get(slug=thema)
        if topic is None:
            raise Http404("unknown topic")
    event_filter = selectors.event_filter_from_params(topic=topic, region=region, month=monat)
    select = selectors.event_list_past if vergangen else selectors.event_list_upcoming
    info = page_info(count=select(event_filter=event_filter).count(), page=page, per_page=per_page)
    first = (info["page"] - 1) * per_page
    events = list(select(event_filter=event_filter)[first:first + per_page])
    sold_out = set() if vergangen else selectors.events_sold_out(events=events)
    return {**info, "results": [_teaser(request, event, sold_out=event.pk in sold_out) for event in events]}


@router.get("/events/{slug}", response={200: EventOut, **ERRORS_404}, operation_id="event_detail", summary="Veranstaltung")
def event_detail(request, slug: str = Path(..., pattern=TEXT, max_length=200)):
    """A published or cancelled event as its page shows it, with its program, speakers and ticket
    categories with free seats (live: the count the registration uses)."""
    event = selectors.event_get_public(slug=slug[:200])
    if event is None:
        raise Http404("no such event")
    selectors.event_prefetch_listed(event=event)
    offers = selectors.event_offers(event=event)
    program = selectors.event_program(event=event)
    categories = [
        {
            "name": offer.category.name,
            "description": offer.category.description,
            "is_online": offer.category.is_online,
            "capacity": offer.availability.capacity,
            "free": offer.availability.free,
            "is_full": offer.availability.is_full,
        }
        for offer in offers
    ]
    return {
        **_teaser(request, event, sold_out=bool(categories) and all(c["is_full"] for c in categories)),
        "description_html": event.description_html,
        "description_en_html": event.description_en_html or None,
        "cancellation_note": event.cancellation_note if event.status == event.Status.CANCELLED else "",
        "street": event.street,
        "postcode": event.postcode,
        "registration_state": event.registration_state(),
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "organisers": [{"name": o.name, "url": o.url} for o in event.organisers.all()],
        "categories": categories,
        "program": [
            {
                "title": item.title,
                "kind": item.kind,
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "room": item.room,
                "description": item.description,
                "speakers": [
                    {"name": s.name, "slug": s.slug, "academic_title": s.academic_title, "function": s.function,
                     "organisation": s.organisation, **page_urls(request, s.get_absolute_url())}
                    for s in item.speakers.all()
                ],
            }
            for item in program
        ],
    }
