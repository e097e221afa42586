import datetime
from html import escape

from django.conf import settings

from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.fragments import fragment, render_around
from revier.core.params import int_param
from revier.core.personal_data import json_bytes
from revier.core.security import staff_page
from revier.core.services import audit_read
from revier.core.text import clean_query
from revier.core.views import resend_link_view
from django.views.decorators.http import require_http_methods
from revier.contingents.models import Claim
from revier.events.models import Registration
from revier.network.models import Profile
from django.utils.translation import gettext_lazy as _
from revier.portal import selectors as portal_selectors
from revier.portal.api import api_operations, schema_url
from revier.portal import services as portal_services
from revier.portal.forms import AccessRequestForm
from revier.portal.permissions import can_answer_access_requests
from revier.events import selectors as event_selectors
from revier.news import rendering as news_rendering
from revier.news import selectors as news_selectors
from revier.monitor.sitemaps import MonitorSitemap
from revier.network.sitemaps import NetworkIndexSitemap, ProfileSitemap
from revier.news.sitemaps import ArticleSitemap, NewsIndexSitemap
from revier.pages.sitemaps import PageSitemap

from revier.core.pagination import pagination_html
from revier.portal import search as portal_search

LATEST_NEWS = 4
UPCOMING_EVENTS = 3

@require_safe
@cache_public_page
def home(request):
    # Both lists are parts kept per content generation (core.fragments), fetched only when rendered.
    # Neither outlives the next moment content changes by itself: a scheduled article appears
    # (news' next-change hook), an event ends and leaves the upcoming ones (events' hook).
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
        },
    )


# The sitemap: an index at /sitemap.xml and one page per section and thousand addresses
# (/sitemap-articles.xml?p=2). Index and pages are the same for every reader until public content
# changes: each is kept per content generation (core.fragments), per scheme and host (its
# addresses are absolute; the host is one of ALLOWED_HOSTS), and per page of a section that exists.
SITEMAPS = {
    "news-index": NewsIndexSitemap,
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "network": NetworkIndexSitemap,
    "profiles": ProfileSitemap,
    "monitor": MonitorSitemap,
}


def _kept_sitemap(request, name: str, vary: tuple, render_view) -> HttpResponse:
    def render_response():
        response = render_view()
        if hasattr(response, "render"):
            response.render()
        return response.content, list(response.items())

    content, headers = fragment(f"sitemap:{name}", (request.scheme, request.get_host(), *vary), render_response)
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    return response


def _lastmod(value) -> str:
    # What sitemap.xml's {{ url.lastmod|date:"Y-m-d" }} writes.
    return (timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value).isoformat()


def _sitemap_page(request, section: str, number: int) -> HttpResponse:
    """A page of a section: the XML of Django's sitemap view (sitemap.xml) for the same URLs,
    written in Python (1,000 addresses through the template cost about 70 ms, here a tenth)."""
    site = SITEMAPS[section]()
    urls = site.get_urls(page=number, site=get_current_site(request), protocol=request.scheme)
    parts = []
    for url in urls:
        lastmod = f"<lastmod>{_lastmod(url['lastmod'])}</lastmod>" if url["lastmod"] else ""
        changefreq = f"<changefreq>{escape(url['changefreq'])}</changefreq>" if url["changefreq"] else ""
        priority = f"<priority>{escape(url['priority'])}</priority>" if url["priority"] else ""
        # Each address's versions in every language and x-default (core.sitemaps.LanguageSitemap).
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" href="{escape(alternate["location"])}"/>'
            for alternate in url["alternates"]
        )
        parts.append(f"<url><loc>{escape(url['location'])}</loc>{lastmod}{changefreq}{priority}{alternates}</url>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "".join(parts)
        + "\n</urlset>\n"
    )
    response = HttpResponse(content, content_type="application/xml")
    latest = getattr(site, "latest_lastmod", None)
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def sitemap_index(request):
    return _kept_sitemap(
        request, "index", (), lambda: sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
    )


@require_safe
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404("no such sitemap section")
    number = int_param(request.GET["p"]) if "p" in request.GET else 1
    # Checked before the page is looked up, so that only pages that exist become keys.
    num_pages = fragment("sitemap:num-pages", (section,), lambda: SITEMAPS[section]().paginator.num_pages)
    if number is None or not 1 <= number <= num_pages:
        raise Http404("no such sitemap page")
    return _kept_sitemap(request, "section", (section, number), lambda: _sitemap_page(request, section, number))


# "Meine Daten": one mail with a link to every object of an address (portal.services.my_data_links_send);
# the same answer whatever the address, limited per client here and per address in the service.
my_data = resend_link_view(
    send_links=portal_services.my_data_links_send,
    scope="my-data",
    template="portal/my_data.html",
    done_template="portal/my_data_sent.html",
    email_help_text=_("The address you used for registrations, free tickets or your network profile."),
)


@staff_page(allowed=can_answer_access_requests)
@require_http_methods(["GET", "HEAD", "POST"])
def access_request(request):
    """Answers a person's access request in one step: everything stored under an address as one JSON
    file. Audited per kind of object (ids and counts, never the address)."""
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = portal_selectors.personal_data_for_address(email=form.cleaned_data["email"])
        for model, ids in ((Registration, found.registration_ids), (Claim, found.claim_ids),
                           (Profile, found.profile_ids)):
            audit_read(actor=request.user, action="access_request_exported", model=model, object_ids=ids)
        response = HttpResponse(json_bytes(found.export), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="auskunft.json"'
        return response
    return render(request, "portal/access_request.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
@cache_public_page
def api_docs(request):
    """The API's documentation, written on the server from its OpenAPI schema (portal.api): no
    script, nothing from another host (django-ninja's own docs page loads Swagger UI from a CDN)."""
    return render(request, "portal/api_docs.html", {
        "operations": api_operations(), "schema_url": schema_url(), "limit": settings.API_LIMIT_PER_CLIENT,
    })


@require_safe
@cache_public_page(params=("q", "art", "page"), unless_param="q")
def search(request):
    """Revier durchsuchen (issue 13 §1): every app's public content, grouped by kind
    (portal.search). Without words: the search field and the lists of every kind."""
    query = clean_query(request.GET.get("q"))
    context = {"search_query": query, "kinds": portal_search.search_kinds(), "list_links": portal_search.list_links()}
    if query:
        result = portal_search.search_page(
            query=query, kind=request.GET.get("art") or "", number=int_param(request.GET.get("page")) or 1,
        )
        context["result"] = result
        current = next((group for group in result.groups if group.kind == result.kind), None)
        context["current_group"] = current
        if current is not None:
            context["pagination"] = pagination_html(current.number, current.num_pages, params=[("q", query), ("art", current.kind)])
    parts = {
        "title_part": render_to_string("portal/includes/search_title.html", context, request),
        "content_part": render_to_string("portal/includes/search_content.html", context, request),
    }
    if not query:
        return render(request, "portal/search.html", {**context, **parts})
    # Everything around the title and the results is the same for every search but the words in the
    # header's search field: one frame, kept, with the words as a part of their own.
    return render_around(request, "portal/search.html", {}, parts={**parts, "search_query": escape(query)},
                         name="portal:search", vary=[])
