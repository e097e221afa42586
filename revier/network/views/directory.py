"""The public directory (issue 10, section 2): profiles, offers and needs, a profile's page.

The pages are the same for every reader (anonymous readers get them from the page cache, except
searches); staff see no more than anyone else. E-mail addresses and phone numbers are never shown."""

import secrets
from dataclasses import replace
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.choices import Sector
from revier.core.fragments import bounded_store, fragment, kept, render_around
from revier.core.pagination import pagination_html
from revier.core.params import int_param
from revier.network import directory, rendering
from revier.network.models import Region
from revier.network.selectors import topic_list
from revier.network.structured_data import profile_json_ld

__all__ = ["directory_profiles", "directory_entries", "profile_detail"]

# The teasers of a list page, rendered, kept by the page's ids until content changes: in a store of
# their own, so that they do not push out the parts of pages everyone reads.
TEASER_LISTS_KEPT = 1024
_teasers = bounded_store("network-teasers", max_entries=TEASER_LISTS_KEPT)


def _teaser_list_html(page: directory.Page, *, entries: bool) -> str:
    """The page's teasers as list items, kept by the page's ids (like the news teasers): a repeated
    list page, search or filter reads no rows. Otherwise the page's rows are read as values and all
    its teasers written (one teaser costs less to write than to keep and look up on its own)."""
    if not page.ids:
        return ""

    def render() -> str:
        write = rendering.entry_teaser_html if entries else rendering.profile_teaser_html
        parts, rows = rendering.teaser_parts(), page.by_id
        # A row gone between reading the ids and the rows (deleted, hidden) leaves an empty item.
        teasers = [write(rows[pk], parts) if pk in rows else "" for pk in page.ids]
        return "</li>\n      <li>".join(teasers).join(("<li>", "</li>"))

    return fragment("network:teaser-list", (entries, *page.ids), render, store=_teasers)


# Where the search words go in the kept filter box; letters and digits only, so escaping keeps it.
_QUERY_MARK = "q" + secrets.token_hex(16)


def _filter_box_html(*, entries: bool, directory_filter: directory.DirectoryFilter) -> str:
    """The filter box (network/includes/directory_filter.html), kept rendered per view and filter
    (without the search words, which are written into it per request)."""
    query = directory_filter.query
    choices_key = "&".join(f"{k}={v}" for k, v in directory_filter.params() if k != "q")

    def render_box() -> tuple[str, str]:
        shown = replace(directory_filter, query=_QUERY_MARK) if query else directory_filter
        box = render_to_string("network/includes/directory_filter.html", {
            "entries": entries,
            "directory_filter": shown,
            "choices_key": choices_key,
            # Read only when the choices are rendered (not when they are kept).
            "topics": SimpleLazyObject(lambda: fragment("network:topics", (), topic_list)),
            "kinds": Sector.choices,
            "regions": Region.choices,
            "events": SimpleLazyObject(directory.directory_events),
        })
        before, _mark, after = box.partition(_QUERY_MARK)
        return before, after

    before, after = fragment("network:filter-box", (get_script_prefix(), entries, choices_key, bool(query)), render_box)
    return before + escape(query) + after


def _directory_urls() -> tuple[str, str, str]:
    return fragment(
        "network:directory-urls", (get_script_prefix(),),
        lambda: (reverse("network:directory"), reverse("network:entries"), reverse("network:create")),
    )


def _render_list(request, *, entries: bool):
    directory_filter = directory.directory_filter_from_params(request.GET)
    number = int_param(request.GET.get("page")) or 1
    select = directory.entry_directory_page if entries else directory.profile_directory_page
    page = select(directory_filter=directory_filter, number=number, teasers=True)
    # The page's links (pagination, the other list) carry the filter as understood, never the raw input.
    params = directory_filter.params()
    content = rendering.directory_content_html(
        entries=entries,
        urls=_directory_urls(),
        filter_query=urlencode(params),
        filter_box=_filter_box_html(entries=entries, directory_filter=directory_filter),
        is_filtered=directory_filter.is_active,
        count=page.count,
        teasers=_teaser_list_html(page, entries=entries),
        pagination=pagination_html(page.number, page.num_pages, params=params),
    )
    title = rendering.directory_title(entries=entries, query=directory_filter.query, number=page.number)
    # Everything around the title and the content (head, header, breadcrumbs, footer) is kept per
    # address (it carries the script prefix) and whether a filter is active (robots: noindex).
    return render_around(
        request, "network/directory.html", {"entries": entries, "is_filtered": directory_filter.is_active},
        parts={"title_part": title, "content_part": content},
        name="network:directory", vary=[request.path, entries, directory_filter.is_active],
    )


@require_safe
@cache_public_page(params=directory.DIRECTORY_PARAMS, unless_param="q")
def directory_profiles(request):
    """"Profile": every public profile, searched and filtered."""
    return _render_list(request, entries=False)


@require_safe
@cache_public_page(params=directory.DIRECTORY_PARAMS, unless_param="q")
def directory_entries(request):
    """"Angebote und Gesuche": every offer and need of the public profiles, searched and filtered."""
    return _render_list(request, entries=True)


# Profile pages kept whole per address; the keys carry the query string readers may add.
PROFILE_PAGES_KEPT = 1000
_profile_pages = bounded_store("network-profile-pages", max_entries=PROFILE_PAGES_KEPT)


@require_safe
@cache_public_page
def profile_detail(request, pk: int):
    """A profile's public page: only a confirmed, public profile that the editorial team has not
    hidden exists here (404 for every other, also for staff); e-mail and phone are never shown."""
    # The page shows nothing of the reader: kept whole per address (its structured data names the
    # host), so a profile read again costs neither a query nor a template (docs/performance.md). The
    # kept page lasts only while its content generation does: a profile hidden or changed shows at once.
    def context() -> dict:
        page = kept("network:profile-page", [pk], lambda: directory.profile_page_get(pk=pk))
        if page is None:
            raise Http404("no such profile")
        return {"page": page, "profile": page.profile, "json_ld": lambda: profile_json_ld(request=request, page=page)}

    return render_around(
        request, "network/profile_detail.html", context,
        name="network:profile", vary=[request.scheme, request.get_host(), request.get_full_path()], store=_profile_pages,
    )
