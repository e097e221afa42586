from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.events import selectors as event_selectors
from revier.news import selectors as news_selectors

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
    upcoming = event_selectors.event_list_upcoming(event_filter=event_selectors.EventFilter())[:3]
    return render(
        request,
        "portal/home.html",
        {"articles": news_selectors.article_list_latest(limit=4), "events": list(upcoming)},
    )


@require_safe
def coming_soon(request, section):
    return render(request, "portal/coming_soon.html", COMING_SOON[section])
