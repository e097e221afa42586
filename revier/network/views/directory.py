"""The public directory (issue 10, section 2): profiles, offers and needs, a profile's page.

The pages are the same for every reader (anonymous readers get them from the page cache, except
searches); staff see no more than anyone else. E-mail addresses and phone numbers are never shown."""

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.choices import Sector
from revier.core.fragments import bounded_store, fragment, kept
from revier.core.params import int_param
from revier.network import directory, rendering
from revier.network.models import Region
from revier.network.selectors import topic_list
from revier.network.structured_data import profile_json_ld

__all__ = ["directory_profiles", "directory_entries", "profile_detail"]

# Rendered teasers, by row, kept until content changes: in a store of their own (one entry per
# profile and per offer or need), so that they do not push out the parts of pages everyone reads.
TEASERS_KEPT = 4000
_teasers = bounded_store("network-teasers", max_entries=TEASERS_KEPT)


def _teaser_html(page: directory.Page, *, entries: bool) -> list[str]:
    """The page's teasers, each kept rendered: a page whose teasers all come from the store
    fetches no rows."""
    render = rendering.entry_teaser_html if entries else rendering.profile_teaser_html

    def render_one(pk: int) -> str:
        row = page.by_id.get(pk)
        return render(row) if row is not None else ""

    return [fragment("network:teaser", (entries, pk), lambda pk=pk: render_one(pk), store=_teasers) for pk in page.ids]


def _render_list(request, *, entries: bool):
    directory_filter = directory.directory_filter_from_params(request.GET)
    number = int_param(request.GET.get("page")) or 1
    select = directory.entry_directory_page if entries else directory.profile_directory_page
    page = select(directory_filter=directory_filter, number=number)
    # The page's links (pagination, the other list) carry the filter as understood, never the raw input.
    request.GET = QueryDict(mutable=True)
    request.GET.update(directory_filter.params())
    request.GET._mutable = False
    return render(
        request,
        "network/directory.html",
        {
            "entries": entries,
            "page": page,
            "page_obj": _page_obj(page),
            "teasers": _teaser_html(page, entries=entries),
            # The filter box's choices, kept rendered per filter (without the search words, which
            # are written around it).
            "choices_key": "&".join(f"{k}={v}" for k, v in directory_filter.params() if k != "q"),
            "directory_filter": directory_filter,
            "filter_query": request.GET.urlencode(),
            # Read only when the filter box is rendered (not when it is kept).
            "topics": SimpleLazyObject(lambda: fragment("network:topics", (), topic_list)),
            "kinds": Sector.choices,
            "regions": Region.choices,
            "events": SimpleLazyObject(directory.directory_events),
        },
    )


def _page_obj(page: directory.Page):
    """A Django page for core/includes/pagination.html (the rows come from the selector)."""
    paginator = Paginator((), directory.PAGE_SIZE)
    paginator.count = page.count
    return paginator.page(page.number)


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


@require_safe
@cache_public_page
def profile_detail(request, pk: int):
    """A profile's public page: only a confirmed, public profile that the editorial team has not
    hidden exists here (404 for every other, also for staff); e-mail and phone are never shown."""
    # The profile with its entries is kept per content generation (a confirmed profile's change
    # starts a new one), and so is the rendered page around the parts that name the host.
    page = kept("network:profile-page", [pk], lambda: directory.profile_page_get(pk=pk))
    if page is None:
        raise Http404("no such profile")
    return render(
        request,
        "network/profile_detail.html",
        {"page": page, "profile": page.profile, "json_ld": lambda: profile_json_ld(request=request, page=page)},
    )
