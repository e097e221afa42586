"""Kontingente (free tickets) in the public JSON API (docs/api.md): the published contingents in the
list page's order with their availability, and one contingent as its page shows it. Reads through
contingents.selectors (contingent_offers_public: the tickets taken by the capacity rule
models.TICKETS, the same count the claims use); drafts never, claims and codes never."""

import datetime

from django.http import Http404
from ninja import Path, Router, Schema

from revier.contingents import selectors
from revier.core.api import ERRORS, ERRORS_404, TEXT, english_url_field, page_urls

router = Router(tags=["Kontingente"])


class AvailabilityOut(Schema):
    capacity: int | None
    free: int | None
    is_full: bool


class EventRefOut(Schema):
    title: str
    slug: str
    starts_at: datetime.datetime
    url: str
    url_en: str = english_url_field()


class PartnerEventOut(Schema):
    title: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    place: str
    partner_name: str
    url: str


class ContingentOut(Schema):
    title: str
    slug: str
    mode: str
    state: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    size: int
    one_per_organisation: bool
    drawn: bool
    availability: AvailabilityOut
    event: EventRefOut | None
    partner_event: PartnerEventOut | None
    url: str
    url_en: str = english_url_field()


class ContingentDetailOut(ContingentOut):
    description_html: str


def _offer(request, offer) -> dict:
    contingent = offer.contingent
    event = contingent.event if contingent.event_id else None
    return {
        "title": contingent.title,
        "slug": contingent.slug,
        "mode": contingent.mode,
        "state": offer.state,
        "opens_at": contingent.opens_at,
        "closes_at": contingent.closes_at,
        "size": contingent.size,
        "one_per_organisation": contingent.one_per_organisation,
        "drawn": offer.drawn,
        "availability": {"capacity": offer.availability.capacity, "free": offer.availability.free,
                         "is_full": offer.availability.is_full},
        "event": None if event is None else {
            "title": event.title, "slug": event.slug, "starts_at": event.starts_at,
            **page_urls(request, event.get_absolute_url()),
        },
        "partner_event": None if event is not None else {
            "title": contingent.partner_event_title, "starts_on": contingent.partner_event_starts_on,
            "ends_on": contingent.partner_event_ends_on, "place": contingent.partner_event_place,
            "partner_name": contingent.partner_name, "url": contingent.partner_url,
        },
        **page_urls(request, contingent.get_absolute_url()),
    }


@router.get("/contingents", response={200: list[ContingentOut], **ERRORS}, operation_id="contingent_list",
            summary="Kontingente")
def contingent_list(request):
    """Published contingents as the list page orders them: open ones (closing soonest first), then
    upcoming ones, then closed ones; with the tickets still free (live)."""
    return [_offer(request, offer) for offer in selectors.contingent_offers_public()]


@router.get("/contingents/{slug}", response={200: ContingentDetailOut, **ERRORS_404}, operation_id="contingent_detail",
            summary="Kontingent")
def contingent_detail(request, slug: str = Path(..., pattern=TEXT, max_length=200)):
    """A published contingent with its conditions (sanitised HTML) and its tickets still free (live)."""
    offer = selectors.contingent_get_public(slug=slug)
    if offer is None:
        raise Http404("no such contingent")
    return {**_offer(request, offer), "description_html": offer.contingent.description_html}
