"""Public pages: event lists, event page with program, speaker pages, calendar files."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.params import page_number
from revier.events import calendar, selectors
from revier.events.models import Region
from revier.events.permissions import can_manage_event
from revier.events.structured_data import event_json_ld

__all__ = [
    "event_list",
    "event_list_past",
    "events_feed_ics",
    "speaker_detail",
    "event_detail",
    "event_ics",
    "program_item_ics",
]

PAGE_SIZE = getattr(settings, "EVENTS_PAGE_SIZE", 10)


# The query parameters the event lists read (the page cache keys on these alone).
LIST_PARAMS = ("thema", "region", "monat", "page")


def _render_list(request, *, past: bool):
    event_filter = selectors.event_filter_from_params(
        topic_slug=request.GET.get("thema"), region=request.GET.get("region"), month=request.GET.get("monat")
    )
    if request.GET.get("thema") and event_filter.topic is None:
        raise Http404("unknown topic")
    select = selectors.event_list_past if past else selectors.event_list_upcoming
    paginator = Paginator(select(event_filter=event_filter), PAGE_SIZE)
    page_obj = paginator.page(page_number(request.GET.get("page"), num_pages=paginator.num_pages))
    events = list(page_obj.object_list)
    return render(
        request,
        "events/event_list.html",
        {
            "past": past,
            "page_obj": page_obj,
            "events": events,
            "sold_out": selectors.events_sold_out(events=events) if not past else set(),
            "event_filter": event_filter,
            "topics": selectors.topic_list(),
            "regions": Region.choices,
            "months": selectors.event_months(past=past),
        },
    )


# Free seats and "ausgebucht" on these pages may be up to this old (anonymous readers only); the
# registration itself always counts under the lock.
LIVE_PAGE_SECONDS = 10


@require_safe
@cache_public_page(params=LIST_PARAMS, max_seconds=LIVE_PAGE_SECONDS)
def event_list(request):
    return _render_list(request, past=False)


@require_safe
def event_list_past(request):
    return _render_list(request, past=True)


@require_safe
@cache_public_page(max_seconds=LIVE_PAGE_SECONDS)
def event_detail(request, slug):
    event = selectors.event_get_public(slug=slug)
    preview = False
    if event is None and request.user.is_authenticated:
        # Organisers see their draft as it will look (linked from the admin).
        event = selectors.event_get_public(slug=slug, include_drafts=True)
        preview = event is not None and can_manage_event(request.user, event)
        if not preview:
            event = None
    if event is None:
        raise Http404("no such event")
    offers = selectors.event_offers(event=event)
    response = render(
        request,
        "events/event_detail.html",
        {
            "preview": preview,
            "event": event,
            "offers": offers,
            "registration_state": event.registration_state(),
            "program_days": selectors.program_days(list(event.program_items.all())),
            "json_ld": event_json_ld(request=request, event=event, offers=offers),
        },
    )
    if preview:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def speaker_detail(request, slug):
    speaker = selectors.speaker_get_public(slug=slug)
    if speaker is None:
        raise Http404("no such speaker")
    return render(request, "events/speaker_detail.html", {"speaker": speaker})


def _ics_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = selectors.event_get_public(slug=slug, with_details=False)
    if event is None:
        raise Http404("no such event")
    return _ics_response(calendar.event_ics(event), f"{event.slug}.ics")


@require_safe
def program_item_ics(request, slug, pk):
    item = selectors.event_program_item_get(event_slug=slug, pk=pk)
    if item is None:
        raise Http404("no such program item")
    return _ics_response(calendar.program_item_ics(item), f"{item.event.slug}-{item.pk}.ics")


@require_safe
def events_feed_ics(request):
    return _ics_response(calendar.events_feed_ics(selectors.event_feed_items()), "veranstaltungen.ics", inline=True)
