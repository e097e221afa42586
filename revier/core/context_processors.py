from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("news", _("News"), "news:list"),
    ("events", _("Events"), "events:list"),
    ("free-tickets", _("Free tickets"), "contingents:list"),
    ("network", _("Network"), "network-coming-soon"),
    ("monitor", _("Monitor"), "monitor-coming-soon"),
]


def portal(request):
    """The frame every page needs: site name and main navigation with the current section marked."""
    path = request.path
    navigation = [
        {"key": key, "label": label, "url": reverse(url_name), "current": False} for key, label, url_name in MAIN_NAVIGATION
    ]
    # One section is current: the longest that the path lies in (free tickets live below events).
    sections = [item for item in navigation if path.startswith(item["url"])]
    if sections:
        max(sections, key=lambda item: len(item["url"]))["current"] = True
    return {"site_name": settings.SITE_NAME, "main_navigation": navigation}
