"""Pages for partner sites (issue 13 §3): a partner (a fair, a chamber, a university) shows Revier's
upcoming events of a topic or region, or one event's free seats, on its own site.

- As an `<iframe>`: the framable pages (core.framing: `frame-ancestors` 'self' and the sites staff
  allow) are small documents of their own, styled by one stylesheet of ours, without script, cookie
  or request to another host; every link opens Revier in a new tab.
- As a script-free HTML snippet: the same list as plain HTML with absolute addresses and no class
  that needs our stylesheet, to copy from the page for partners or to include on the partner's
  server from `liste.html` (kept fresh there).

The builder page (`/einbetten/`) lets a partner pick topic, region, number and event and shows the
code to copy with a preview. Every page is cached for anonymous readers like the lists
(core.cache); the seat figures are as live as on the event page (LIVE_CACHED_PAGE_SECONDS).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.fragments import kept
from revier.core.framing import framable
from revier.core.params import int_param
from revier.events import selectors
from revier.events.models import Region
from revier.events.selectors import EventFilter
from revier.events.views.public import LIVE_CACHED_PAGE_SECONDS

__all__ = ["embed_index", "embed_event_list", "embed_event_list_html", "embed_seats"]

# The query parameters of the list widget (the page cache keys on these alone).
LIST_PARAMS = ("thema", "region", "anzahl")
DEFAULT_COUNT = 5
MAX_COUNT = 20
COUNT_CHOICES = (3, 5, 10, 20)
# How many upcoming events the builder offers for the seats box.
BUILDER_EVENTS = 100


@dataclass(frozen=True)
class ListChoice:
    """What a list widget shows: the events of a topic and/or region, at most `count`."""

    event_filter: EventFilter
    count: int

    def params(self) -> dict[str, str]:
        params = self.event_filter.params()
        if self.count != DEFAULT_COUNT:
            params["anzahl"] = str(self.count)
        return params

    @property
    def query(self) -> str:
        return urlencode(self.params())

    @property
    def list_query(self) -> str:
        """The address of Revier's own list with this topic and region."""
        return urlencode(self.event_filter.params())

    @property
    def label(self) -> str:
        return ", ".join(part for part in (self.event_filter.topic.name if self.event_filter.topic else "",
                                           self.event_filter.region_label) if part)


def _list_choice(request) -> ListChoice:
    """Topic, region and number from the address; an unknown topic or region is a 404 (a partner's
    typing error must not show every event under its heading)."""
    topic_slug = (request.GET.get("thema") or "")[:80]
    region = request.GET.get("region") or ""
    topic = kept("events:topic", [topic_slug], lambda: selectors.topic_get(slug=topic_slug)) if topic_slug else None
    if (topic_slug and topic is None) or (region and region not in Region.values):
        raise Http404("unknown topic or region")
    count = int_param(request.GET.get("anzahl"), max_digits=3) or DEFAULT_COUNT
    event_filter = selectors.event_filter_from_params(topic=topic, region=region, month=None)
    return ListChoice(event_filter=event_filter, count=min(max(count, 1), MAX_COUNT))


def _list_context(choice: ListChoice) -> dict:
    events = list(selectors.event_list_upcoming(event_filter=choice.event_filter)[: choice.count])
    return {
        "choice": choice,
        "events": events,
        "sold_out": selectors.events_sold_out(events=events),
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def _widget_response(response):
    # A copy of Revier's pages in a partner's frame is no page of its own for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@framable
@cache_public_page(params=LIST_PARAMS, max_seconds=LIVE_CACHED_PAGE_SECONDS)
def embed_event_list(request):
    """The list widget: the next upcoming events of the topic and region, for an `<iframe>`."""
    choice = _list_choice(request)
    return _widget_response(render(request, "events/embed/event_list.html", _list_context(choice)))


@require_safe
@cache_public_page(params=LIST_PARAMS)
def embed_event_list_html(request):
    """The script-free snippet: the list as an HTML fragment with absolute addresses, for a partner
    to include on its server. Nothing live (no "ausgebucht"): a copied snippet does not change."""
    choice = _list_choice(request)
    response = render(request, "events/embed/snippet.html", _list_context(choice))
    response["Access-Control-Allow-Origin"] = "*"  # public content, no cookie: like the JSON API
    return _widget_response(response)


@require_safe
@framable
@cache_public_page(max_seconds=LIVE_CACHED_PAGE_SECONDS)
def embed_seats(request, slug):
    """The seats box of one event: its ticket categories with the free seats and "Jetzt anmelden"."""
    event = kept("events:event", [slug], lambda: selectors.event_get_public(slug=slug))
    if event is None:
        raise Http404("no such event")
    return _widget_response(render(request, "events/embed/seats.html", {
        "event": event,
        "registration_state": event.registration_state(),
        "offers": selectors.event_offers(event=event),
    }))


@require_safe
@cache_public_page(params=(*LIST_PARAMS, "veranstaltung"))
def embed_index(request):
    """The page for partners: choose what to show, preview it, copy the code."""
    choice = _list_choice(request)
    upcoming = list(selectors.event_list_upcoming(event_filter=EventFilter()).only("slug", "title", "starts_at")
                    .prefetch_related(None)[:BUILDER_EVENTS])
    chosen_slug = (request.GET.get("veranstaltung") or "")[:200]
    chosen_event = next((event for event in upcoming if event.slug == chosen_slug), None)
    site_url = settings.SITE_URL.rstrip("/")
    list_url = site_url + reverse("embed:event-list") + (f"?{choice.query}" if choice.query else "")
    context = {
        **_list_context(choice),
        "topics": selectors.topic_list(),
        "regions": Region.choices,
        "count_choices": COUNT_CHOICES,
        "upcoming": upcoming,
        "chosen_event": chosen_event,
        "list_url": list_url,
        "list_path": reverse("embed:event-list") + (f"?{choice.query}" if choice.query else ""),
        "snippet_url": site_url + reverse("embed:event-list-html") + (f"?{choice.query}" if choice.query else ""),
    }
    if chosen_event is not None:
        context["seats_path"] = reverse("embed:seats", kwargs={"slug": chosen_event.slug})
        context["seats_url"] = site_url + context["seats_path"]
    return render(request, "events/embed/index.html", context)
