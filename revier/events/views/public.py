"""Public pages: event lists, event page with program, speaker pages, calendar files.

What these pages show is kept rendered in parts (core.fragments) for every reader: the program,
speakers, organisers, lists and calendar files until public content changes or an event starts,
ends, or its registration opens or closes (selectors.event_next_change_at); the parts with free
seats and "ausgebucht" for LIVE_PART_SECONDS. The views fetch only what the page's status depends
on (the event, the speaker, the topic of the filter; the rows kept as well, core.fragments.kept);
everything else is fetched lazily, by the part that shows it, so a part from the store runs no query.
"""

from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.fragments import fragment, kept
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

# Free seats and "ausgebucht" may be up to LIVE_PAGE_SECONDS old (the registration itself always
# counts under the lock): the parts that show them are rendered again after LIVE_PART_SECONDS, and
# anonymous readers' cached pages (made of such parts) live for the rest of it.
LIVE_PAGE_SECONDS = 10
LIVE_PART_SECONDS = LIVE_PAGE_SECONDS // 2
LIVE_CACHED_PAGE_SECONDS = LIVE_PAGE_SECONDS - LIVE_PART_SECONDS

# The query parameters the event lists read (the page cache keys on these alone).
LIST_PARAMS = ("thema", "region", "monat", "page")


class _Listing:
    """One page of an event list, fetched when the list's part is rendered."""

    def __init__(self, select, event_filter, page_obj, *, past: bool):
        self.select, self.event_filter, self.page_obj, self.past = select, event_filter, page_obj, past

    @cached_property
    def events(self) -> list:
        first = (self.page_obj.number - 1) * PAGE_SIZE
        return list(self.select(event_filter=self.event_filter)[first:first + PAGE_SIZE])

    @cached_property
    def sold_out(self) -> set[int]:
        return set() if self.past else selectors.events_sold_out(events=self.events)

    @cached_property
    def topics(self) -> list:
        return selectors.topic_list()


def _event_months(*, past: bool) -> list:
    """The months of the month filter, kept like the lists (they change by content and time)."""
    text = fragment("events:months", [past], lambda: " ".join(m.isoformat() for m in selectors.event_months(past=past)))
    return [selectors.parse_month(month[:7]) for month in text.split()]


def _render_list(request, *, past: bool):
    page = request.GET.get("page")
    topic_slug = (request.GET.get("thema") or "")[:80]  # as the selector reads it: one entry per topic
    topic = kept("events:topic", [topic_slug], lambda: selectors.topic_get(slug=topic_slug)) if topic_slug else None
    if topic_slug and topic is None:
        raise Http404("unknown topic")
    event_filter = selectors.event_filter_from_params(
        topic=topic, region=request.GET.get("region"), month=request.GET.get("monat")
    )
    # The page's links (pagination) carry the filter as understood, never the raw input: the kept
    # part is the same for every address that means the same list.
    request.GET = QueryDict(mutable=True)
    request.GET.update(event_filter.params())
    request.GET._mutable = False
    months = _event_months(past=past)
    # A month without events shows an (almost) empty list: not kept, so that arbitrary months in
    # the address cannot push out what everyone reads.
    keep = event_filter.month is None or event_filter.month in months
    filter_key = request.GET.urlencode()
    select = selectors.event_list_past if past else selectors.event_list_upcoming
    # The number of events changes with content and time only, like the list; the page's events are
    # fetched when the list's part is rendered.
    count = fragment("events:count", [past, filter_key], lambda: str(select(event_filter=event_filter).count()),
                     max_seconds=None if keep else 0)
    paginator = Paginator((), PAGE_SIZE)
    paginator.count = int(count)
    page_obj = paginator.page(page_number(page, num_pages=paginator.num_pages))
    return render(
        request,
        "events/event_list.html",
        {
            "past": past,
            "page_obj": page_obj,
            "listing": _Listing(select, event_filter, page_obj, past=past),
            "list_key": f"{filter_key}&page={page_obj.number}",
            # The upcoming list shows "ausgebucht"; the past list nothing live.
            "list_seconds": 0 if not keep else None if past else LIVE_PART_SECONDS,
            "event_filter": event_filter,
            # The subscription of the list's topic and region (a month is no subscription).
            "feed_query": urlencode({k: v for k, v in event_filter.params().items() if k in ("thema", "region")}),
            "regions": Region.choices,
            "months": months,
        },
    )


@require_safe
@cache_public_page(params=LIST_PARAMS, max_seconds=LIVE_CACHED_PAGE_SECONDS)
def event_list(request):
    return _render_list(request, past=False)


@require_safe
def event_list_past(request):
    return _render_list(request, past=True)


class _EventPage:
    """What the event page shows beyond the event's row, fetched when a part that shows it is
    rendered (a part from the store runs no query)."""

    def __init__(self, request, event):
        self.request, self.event = request, event

    @cached_property
    def topics(self) -> list:
        selectors.event_prefetch_listed(event=self.event)
        return list(self.event.topics.all())

    @cached_property
    def organisers(self) -> list:
        selectors.event_prefetch_listed(event=self.event)
        return list(self.event.organisers.all())

    @cached_property
    def program_days(self) -> list[dict]:
        return selectors.program_days(selectors.event_program(event=self.event))

    @cached_property
    def registration_state(self) -> str:
        return self.event.registration_state()

    @cached_property
    def offers(self) -> list:
        return selectors.event_offers(event=self.event)

    @cached_property
    def json_ld(self) -> dict:
        selectors.event_prefetch_listed(event=self.event)
        return event_json_ld(request=self.request, event=self.event, offers=self.offers)


@require_safe
@cache_public_page(max_seconds=LIVE_CACHED_PAGE_SECONDS)
def event_detail(request, slug):
    event = kept("events:event", [slug], lambda: selectors.event_get_public(slug=slug))
    preview = False
    if event is None and request.user.is_authenticated:
        # Organisers see their draft as it will look (linked from the admin).
        event = selectors.event_get_public(slug=slug, include_drafts=True)
        preview = event is not None and can_manage_event(request.user, event)
        if not preview:
            event = None
    if event is None:
        raise Http404("no such event")
    page = _EventPage(request, event)
    response = render(
        request,
        "events/event_detail.html",
        {"preview": preview, "event": event, "page": page, "live_seconds": LIVE_PART_SECONDS},
    )
    if preview:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def speaker_detail(request, slug):
    slug = slug[:200]  # as the selector reads it: one entry per speaker
    speaker = kept("events:speaker", [slug], lambda: selectors.speaker_get_public(slug=slug))
    if speaker is None:
        raise Http404("no such speaker")
    items = SimpleLazyObject(lambda: selectors.speaker_program_items(speaker=speaker))
    return render(request, "events/speaker_detail.html", {"speaker": speaker, "items": items})


def _ics_response(content: str, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content.encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


# Calendar files are kept like the pages (their DTSTAMP is when the file was made).


@require_safe
def event_ics(request, slug):
    event = kept("events:event", [slug], lambda: selectors.event_get_public(slug=slug))
    if event is None:
        raise Http404("no such event")
    content = fragment("events:ics", [event.pk], lambda: calendar.event_ics(event).decode())
    return _ics_response(content, f"{event.slug}.ics")


@require_safe
def program_item_ics(request, slug, pk):
    item = kept("events:item", [slug, pk], lambda: selectors.event_program_item_get(event_slug=slug, pk=pk))
    if item is None:
        raise Http404("no such program item")
    content = fragment("events:item-ics", [item.pk], lambda: calendar.program_item_ics(item).decode())
    return _ics_response(content, f"{item.event.slug}-{item.pk}.ics")


@require_safe
def events_feed_ics(request):
    """Every public event, or those of one topic (`?thema=`) and/or region (`?region=`), the
    parameters of the list it is linked from. A subscription to an unknown topic or region is a 404,
    not the whole calendar: a mistyped address must not look like a working subscription."""
    topic_slug = (request.GET.get("thema") or "")[:80]
    region = request.GET.get("region") or ""
    topic = kept("events:topic", [topic_slug], lambda: selectors.topic_get(slug=topic_slug)) if topic_slug else None
    if (topic_slug and topic is None) or (region and region not in Region.values):
        raise Http404("unknown topic or region")
    event_filter = selectors.event_filter_from_params(topic=topic, region=region, month=None)
    subtitle = ", ".join(part for part in (topic.name if topic else "", event_filter.region_label) if part)

    def render() -> str:
        events = selectors.event_feed_items(event_filter=event_filter)
        return calendar.events_feed_ics(events, subtitle=subtitle).decode()

    content = fragment("events:feed-ics", [topic_slug, region], render)
    filename = "-".join([pgettext("calendar file name", "events"), *event_filter.params().values()]) + ".ics"
    return _ics_response(content, filename, inline=True)
