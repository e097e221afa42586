"""Netzwerk in the public JSON API (docs/api.md): the public directory of profiles and of all offers
and needs, with the directory's search and filters and paging, and a profile as its public page
shows it. Reads through network.directory, the same reads as the pages: only profiles that every
reader may see (selectors.profile_public_q: confirmed, public, not hidden by staff), loaded with
their public fields only (directory.PUBLIC_PROFILE_FIELDS), so e-mail address and phone are never
read, let alone sent. Profiles visible to an event's participants only never appear."""

from django.http import Http404, QueryDict
from ninja import Field, Path, Query, Router, Schema

from revier.core.api import ERRORS, ERRORS_404, MAX_PAGE, MAX_PER_PAGE, TEXT, PageInfo, english_url_field, page_info, page_urls
from revier.core.params import MAX_DIGITS
from revier.network import directory

router = Router(tags=["Netzwerk"])


class TopicOut(Schema):
    name: str
    slug: str


class _ProfileFields(Schema):
    """What the directory and the profile page both show of a profile."""

    id: int
    full_name: str
    function: str
    organisation: str
    kind: str
    region: str
    district: str
    is_synthetic: bool
    topics: list[TopicOut]
    url: str
    url_en: str = english_url_field()


class ProfileTeaserOut(_ProfileFields):
    offer_titles: list[str]
    need_titles: list[str]


class ProfilePageOut(PageInfo):
    results: list[ProfileTeaserOut]


class ProfileRefOut(Schema):
    id: int
    full_name: str
    organisation: str
    url: str
    url_en: str = english_url_field()


class EntryOut(Schema):
    id: int
    direction: str
    title: str
    text: str
    topics: list[TopicOut]


class EntryWithProfileOut(EntryOut):
    profile: ProfileRefOut


class EntryPageOut(PageInfo):
    results: list[EntryWithProfileOut]


class ProfileOut(_ProfileFields):
    description: str
    offers: list[EntryOut]
    needs: list[EntryOut]


def _topics(topics) -> list[dict]:
    return [{"name": topic.name, "slug": topic.slug} for topic in topics]


def _entry(entry) -> dict:
    return {"id": entry.pk, "direction": entry.direction, "title": entry.title, "text": entry.text,
            "topics": _topics(entry.topics.all())}


def _profile_fields(request, profile, topics) -> dict:
    return {
        "id": profile.pk, "full_name": profile.full_name, "function": profile.function,
        "organisation": profile.organisation, "kind": profile.kind, "region": profile.region,
        "district": profile.district, "is_synthetic": profile.is_synthetic, "topics": _topics(topics),
        **page_urls(request, profile.get_absolute_url()),
    }


def _filter(**params) -> directory.DirectoryFilter:
    query = QueryDict(mutable=True)
    query.update({name: value for name, value in params.items() if value is not None})
    return directory.directory_filter_from_params(query)


class DirectoryQuery(Schema):
    """The directory pages' filters, under their names in the pages' addresses."""

    q: str | None = Field(None, pattern=TEXT, max_length=1000, description="Search words (German stemming).")
    thema: str | None = Field(None, pattern=TEXT, max_length=200, description="Slug of a topic; unknown: ignored.")
    art: str | None = Field(None, pattern=TEXT, max_length=40, description="Kind of organisation (a sector value).")
    region: str | None = Field(None, pattern=TEXT, max_length=40, description="A region value; unknown: ignored.")
    richtung: str | None = Field(None, pattern=TEXT, max_length=20, description="bietet (offers) or sucht (needs).")
    veranstaltung: str | None = Field(None, pattern=TEXT, max_length=200, description="Slug of an event: its participants.")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number; past the end: the last page.")
    per_page: int = Field(directory.PAGE_SIZE, ge=1, le=MAX_PER_PAGE)


def _directory_filter(params: DirectoryQuery) -> directory.DirectoryFilter:
    return _filter(**params.dict(exclude={"page", "per_page"}))


@router.get("/network/profiles", response={200: ProfilePageOut, **ERRORS}, operation_id="profile_list",
            summary="Profile")
def profile_list(request, params: Query[DirectoryQuery]):
    """The public profiles as the directory shows them (best match first with `q`), with the titles
    of their offers and needs."""
    found = directory.profile_directory_page(directory_filter=_directory_filter(params), number=params.page,
                                             per_page=params.per_page)
    results = [
        {**_profile_fields(request, p, p.topics.all()), "offer_titles": p.offer_titles, "need_titles": p.need_titles}
        for p in found.rows
    ]
    return {**page_info(count=found.count, page=found.number, per_page=params.per_page), "results": results}


@router.get("/network/entries", response={200: EntryPageOut, **ERRORS}, operation_id="entry_list",
            summary="Angebote und Gesuche")
def entry_list(request, params: Query[DirectoryQuery]):
    """Every offer and need of the public profiles, as the directory shows them."""
    found = directory.entry_directory_page(directory_filter=_directory_filter(params), number=params.page,
                                           per_page=params.per_page)
    results = [
        {**_entry(entry), "profile": {
            "id": entry.profile.pk, "full_name": entry.profile.full_name, "organisation": entry.profile.organisation,
            **page_urls(request, entry.profile.get_absolute_url()),
        }}
        for entry in found.rows
    ]
    return {**page_info(count=found.count, page=found.number, per_page=params.per_page), "results": results}


@router.get("/network/profiles/{pk}", response={200: ProfileOut, **ERRORS_404}, operation_id="profile_detail",
            summary="Profil")
def profile_detail(request, pk: int = Path(..., ge=1, le=10**MAX_DIGITS - 1)):
    """A public profile as its page shows it, with its offers and needs; 404 for any profile that
    is not public (unconfirmed, for event participants only, hidden by the editorial team)."""
    found = directory.profile_page_get(pk=pk)
    if found is None:
        raise Http404("no such profile")
    profile = found.profile
    return {
        **_profile_fields(request, profile, found.topics),
        "description": profile.description,
        "offers": [_entry(entry) for entry in found.offers],
        "needs": [_entry(entry) for entry in found.needs],
    }
