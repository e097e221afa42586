import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, get_language_info
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
def _frame_urls(script_prefix: str, urlconf: str, language: str) -> tuple[dict[str, str], tuple[str, ...]]:
    # The frame's URLs depend only on the URL configuration and the script prefix: reversed once
    # per process and language instead of 14 times per page (about 0.5 ms of every page,
    # docs/performance.md). The language is an argument: reverse() adds /en/ in English.
    links = {key: reverse(name, args=args, urlconf=urlconf) for key, (name, args) in FRAME_LINKS.items()}
    navigation = tuple(reverse(url_name, urlconf=urlconf) for _key, _label, url_name in MAIN_NAVIGATION)
    return links, navigation


def portal(request):
    """The frame every page needs: site name, its links, and the main navigation with the current
    section marked."""
    path = request.path
    language = get_language()
    links, urls = _frame_urls(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, language)
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
    return {"site_name": settings.SITE_NAME, "main_navigation": navigation, "frame_urls": links, "frame_section": section,
            "page_language": language, "language_versions": _language_versions(request, language)}


@functools.lru_cache(maxsize=4)
def _origin(site_url: str) -> str:
    parts = urlsplit(site_url)
    return f"{parts.scheme}://{parts.netloc}"


def language_versions(request) -> list[dict]:
    """The current page's address in every language (core.fragments writes them into kept frames)."""
    return _language_versions(request, get_language() or settings.LANGUAGE_CODE)


def _language_versions(request, language: str) -> list[dict]:
    """The page's address in each language (the switcher in the header, hreflang in the head): the
    same address with the language's prefix (/en/…) or without (German), the query kept. Computed from
    the address, no reverse(): every page below i18n_patterns exists in every language."""
    prefix = get_script_prefix().rstrip("/")
    path = request.path_info
    if language != settings.LANGUAGE_CODE and (path == f"/{language}" or path.startswith(f"/{language}/")):
        path = path[len(language) + 1:] or "/"
    query = request.GET.urlencode()
    # The site's own address (SITE_URL), not the request's host: kept frames (core.fragments.render_around)
    # vary on the path only, and the page for a bad Host header (400) must not read it.
    origin = _origin(settings.SITE_URL)
    versions = []
    for code, _name in settings.LANGUAGES:
        address = prefix + ("" if code == settings.LANGUAGE_CODE else f"/{code}") + path
        if query:
            address += "?" + query
        versions.append({"code": code, "name": get_language_info(code)["name_local"], "url": address,
                         "absolute_url": origin + address, "current": code == language})
    return versions
