import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("news", _("News"), "news:list"),
    ("events", _("Events"), "events:list"),
    ("free-tickets", _("Free tickets"), "contingents:list"),
    ("network", _("Network"), "network:index"),
    ("monitor", _("Monitor"), "monitor:home"),
]


# The frame's other links (base.html): name → (URL name, arguments).
FRAME_LINKS = {
    "home": ("home", ()),
    "search": ("search", ()),  # the portal's search (revier.portal.search)
    "legal_notice": ("pages:detail", ("impressum",)),
    "privacy": ("pages:detail", ("datenschutz",)),
    "my_data": ("my-data", ()),
    "accessibility": ("pages:detail", ("barrierefreiheit",)),
    "report_barrier": ("pages:report-barrier", ()),
    "easy_language": ("pages:detail", ("leichte-sprache",)),
    "contact": ("pages:contact", ()),
}


@functools.lru_cache(maxsize=16)
def _frame_urls(script_prefix: str, urlconf: str) -> tuple[dict[str, str], tuple[str, ...]]:
    # The frame's URLs depend only on the URL configuration and the script prefix: reversed once
    # per process instead of 14 times per page (about 0.5 ms of every page, docs/performance.md).
    links = {key: reverse(name, args=args, urlconf=urlconf) for key, (name, args) in FRAME_LINKS.items()}
    navigation = tuple(reverse(url_name, urlconf=urlconf) for _key, _label, url_name in MAIN_NAVIGATION)
    return links, navigation


def portal(request):
    """The frame every page needs: site name, its links, and the main navigation with the current
    section marked."""
    path = request.path
    links, urls = _frame_urls(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    navigation = [
        {"key": key, "label": label, "url": url, "current": False}
        for (key, label, _url_name), url in zip(MAIN_NAVIGATION, urls, strict=True)
    ]
    # One section is current: the longest that the path lies in (free tickets live below events).
    sections = [item for item in navigation if path.startswith(item["url"])]
    section = ""
    if sections:
        current = max(sections, key=lambda item: len(item["url"]))
        current["current"] = True
        section = current["key"]
    # `frame_section` is what the frame's cached header (core.fragments) varies on.
    return {"site_name": settings.SITE_NAME, "main_navigation": navigation, "frame_urls": links, "frame_section": section}
