from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.events import selectors as event_selectors
from revier.news import rendering as news_rendering
from revier.news import selectors as news_selectors

LATEST_NEWS = 4
UPCOMING_EVENTS = 3
# How long the home page's list of upcoming events is kept (core.fragments): an event that has
# ended leaves it within this time (the page cache lets anonymous readers see the whole page up
# to PAGE_CACHE_SECONDS old). Edits of events show at once (a new content generation).
UPCOMING_EVENTS_SECONDS = 60

COMING_SOON = {
    "network": {
        "title": _("Network"),
        "text": _(
            "Soon you will find companies, universities and institutions of the coal regions here, with "
            "their offers and needs, and you will be able to arrange meetings."
        ),
    },
    "monitor": {
        "title": _("Monitor"),
        "text": _(
            "Soon you will find the results of the representative population survey "
            "“Mitteldeutschland-Monitor” here, with accessible charts."
        ),
    },
}


@require_safe
@cache_public_page
def home(request):
    # Both lists are parts kept per content generation (core.fragments): fetched only when rendered.
    return render(
        request,
        "portal/home.html",
        {
            "news": SimpleLazyObject(
                lambda: news_rendering.teaser_list_html(news_selectors.article_list_latest(limit=LATEST_NEWS), heading="h3")
            ),
            "events": SimpleLazyObject(
                lambda: list(event_selectors.event_list_upcoming(event_filter=event_selectors.EventFilter())[:UPCOMING_EVENTS])
            ),
            "events_seconds": UPCOMING_EVENTS_SECONDS,
        },
    )


@require_safe
def coming_soon(request, section):
    return render(request, "portal/coming_soon.html", COMING_SOON[section])
