"""Reads of the public directory (issue 10, section 2): the profiles every reader may see and all
their offers and needs, searched (network.search) and filtered by topic, kind, region, "bietet" /
"sucht" and event; a profile's public page.

Only `selectors.profile_public_q()` profiles appear here: confirmed, public, not hidden by staff.
Profiles visible to the participants of an event only never appear, also not under the event's
filter. E-mail address and phone are never read: the rows are loaded with their public fields only.
"""

import functools
import math
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Window

from revier.core.choices import Sector
from revier.core.fragments import bounded_store, fragment, kept
from revier.core.models import Topic
from revier.core.text import clean_query
from revier.events.selectors import event_public
from revier.network import search
from revier.network.models import Profile, ProfileEntry, ProfileRegistration, Region
from revier.network.selectors import profile_public_q

PAGE_SIZE = 20
# The ids and the number of hits of a list page (the same filter, search words and page) are kept
# for the content generation, at most this many, in a store of their own (core.fragments.bounded_store):
# what readers type cannot push out the parts of pages everyone reads.
RESULTS_KEPT = 512
_results = bounded_store("network-directory", max_entries=RESULTS_KEPT)
# The direction filter's values in addresses ("bietet" / "sucht") and what they mean.
DIRECTIONS = {"bietet": ProfileEntry.Direction.OFFER, "sucht": ProfileEntry.Direction.NEED}
# A profile's teaser in the list names at most this many of its offers and of its needs.
TEASER_ENTRIES = 3

# What the public pages read of a profile and an entry (never email, phone, the search fields).
PUBLIC_PROFILE_FIELDS = (
    "id", "first_name", "last_name", "function", "organisation", "kind", "region", "district", "description",
    "is_synthetic", "updated_at",
)
PUBLIC_ENTRY_FIELDS = ("id", "profile_id", "direction", "title", "text", "position", "created_at")

# The registrations a profile is linked to (events.Registration, through the network's own relation:
# network reads events only through its public selectors and services).
_ACTIVE_REGISTRATION = ProfileRegistration._meta.get_field("registration").related_model.ACTIVE
_ProfileTopic = Profile.topics.through
_EntryTopic = ProfileEntry.topics.through


@dataclass(frozen=True)
class DirectoryFilter:
    query: str = ""
    topic: Topic | None = None
    kind: str = ""
    region: str = ""
    direction: str = ""  # ProfileEntry.Direction value, or "" for both
    event: object | None = None  # an events.Event from events.selectors.event_public()

    @property
    def is_active(self) -> bool:
        return bool(self.query or self.topic or self.kind or self.region or self.direction or self.event)

    def params(self) -> list[tuple[str, str]]:
        """The filter as query parameters, as the page's links carry it (never the raw input)."""
        by_direction = {value: name for name, value in DIRECTIONS.items()}
        values = [
            ("q", self.query),
            ("thema", self.topic.slug if self.topic else ""),
            ("art", self.kind),
            ("region", self.region),
            ("richtung", by_direction.get(self.direction, "")),
            ("veranstaltung", self.event.slug if self.event else ""),
        ]
        return [(name, value) for name, value in values if value]


# The query parameters the directory's pages read (the page cache keys on these alone).
DIRECTORY_PARAMS = ("q", "thema", "art", "region", "richtung", "veranstaltung", "page")


def _linked_to_event_q(event, profile_ref: str) -> Q:
    """The profile (`profile_ref`, an OuterRef name) is linked to an active registration of `event`
    (an event's id or an OuterRef): as a subquery, so that a profile linked to several
    registrations is one row."""
    return Q(Exists(ProfileRegistration.objects.filter(
        profile_id=OuterRef(profile_ref), registration__event=event,
        registration__status__in=_ACTIVE_REGISTRATION,
    )))


def directory_events() -> list:
    """The events under the event filter: public events with at least one public profile of a
    participant (a profile linked to an active registration), the latest first; kept per content
    generation."""
    linked = Profile.objects.filter(profile_public_q(), registrations__status__in=_ACTIVE_REGISTRATION,
                                    registrations__event=OuterRef("pk"))
    return fragment(
        "network:events", (),
        lambda: list(
            event_public().filter(Exists(linked)).order_by("-starts_at", "-id").only("id", "slug", "title", "starts_at")
        ),
    )


def directory_filter_from_params(params) -> DirectoryFilter:
    """The filter a request asks for; values that name nothing (an unknown topic, kind, event) are
    left out, so that the page shows what it says it shows."""
    topic_slug = (params.get("thema") or "").strip()[:80]
    event_slug = (params.get("veranstaltung") or "").strip()[:200]
    kind = params.get("art") or ""
    region = params.get("region") or ""
    topic = kept("network:topic", [topic_slug], lambda: Topic.objects.filter(slug=topic_slug).first()) if topic_slug else None
    event = None
    if event_slug:
        event = kept(
            "network:event", [event_slug],
            lambda: event_public().filter(slug=event_slug).only("id", "slug", "title", "starts_at").first(),
        )
    return DirectoryFilter(
        query=clean_query(params.get("q")),
        topic=topic,
        kind=kind if kind in Sector.values else "",
        region=region if region in Region.values else "",
        direction=DIRECTIONS.get(params.get("richtung") or "", ""),
        event=event,
    )


def _profile_topic_q(topic: Topic, profile_ref: str) -> Q:
    """The profile or one of its entries has the topic."""
    return Q(Exists(_ProfileTopic.objects.filter(profile_id=OuterRef(profile_ref), topic_id=topic.pk))) | Q(
        Exists(_EntryTopic.objects.filter(profileentry__profile_id=OuterRef(profile_ref), topic_id=topic.pk))
    )


def _entry_topic_q(topic: Topic) -> Q:
    """The entry or its profile has the topic."""
    return Q(Exists(_EntryTopic.objects.filter(profileentry_id=OuterRef("pk"), topic_id=topic.pk))) | Q(
        Exists(_ProfileTopic.objects.filter(profile_id=OuterRef("profile_id"), topic_id=topic.pk))
    )


def _profile_fields_q(directory_filter: DirectoryFilter, prefix: str = "") -> Q:
    q = Q()
    if directory_filter.kind:
        q &= Q(**{f"{prefix}kind": directory_filter.kind})
    if directory_filter.region:
        q &= Q(**{f"{prefix}region": directory_filter.region})
    if directory_filter.event:
        q &= _linked_to_event_q(directory_filter.event.pk, f"{prefix.removesuffix('__')}_id" if prefix else "pk")
    return q


def _entries(directory_filter: DirectoryFilter, *, of_public_profiles: bool = True) -> QuerySet[ProfileEntry]:
    """Offers and needs (of public profiles) matching the filter, unordered."""
    qs = ProfileEntry.objects.filter(_profile_fields_q(directory_filter, "profile__"))
    if of_public_profiles:
        qs = qs.filter(
            profile__status=Profile.Status.CONFIRMED, profile__visibility=Profile.Visibility.PUBLIC,
            profile__hidden_by_staff=False,
        )
    if directory_filter.direction:
        qs = qs.filter(direction=directory_filter.direction)
    if directory_filter.topic:
        qs = qs.filter(_entry_topic_q(directory_filter.topic))
    return qs


def profile_directory(directory_filter: DirectoryFilter) -> QuerySet[Profile]:
    """The public profiles matching the filter, best match first when searching, else by
    organisation and name. With "bietet" or "sucht" a profile needs an offer (a need) that matches
    the search words and the topic itself: "Wer bietet Elektrolyse an?"."""
    qs = Profile.objects.filter(profile_public_q(), _profile_fields_q(directory_filter))
    if directory_filter.direction:
        entries = _entries(
            DirectoryFilter(direction=directory_filter.direction, topic=directory_filter.topic), of_public_profiles=False
        )
        if directory_filter.query:
            entries = search.matching(entries, query=directory_filter.query)
        qs = qs.filter(Exists(entries.filter(profile_id=OuterRef("pk"))))
    elif directory_filter.topic:
        qs = qs.filter(_profile_topic_q(directory_filter.topic, "pk"))
    order = ("organisation", "last_name", "id")
    if directory_filter.query:
        # A profile's text holds all its entries': it matches whenever one of them does.
        return search.ranked(qs, query=directory_filter.query, then=order)
    return qs.order_by(*order)


def entry_directory(directory_filter: DirectoryFilter) -> QuerySet[ProfileEntry]:
    """The offers and needs of public profiles matching the filter, best match first when
    searching, else newest first."""
    qs = _entries(directory_filter)
    order = ("-created_at", "-id")
    if directory_filter.query:
        return search.ranked(qs, query=directory_filter.query, then=order)
    return qs.order_by(*order)


class Page:
    """One page of a directory list: its number (a page that exists), the number of pages, all hits,
    the ids of the page's rows and (fetched when first asked for, in a fixed number of queries: a page
    whose teasers are all kept rendered needs none) the rows."""

    def __init__(self, *, number: int, num_pages: int, count: int, ids: list[int], fetch):
        self.number, self.num_pages, self.count, self.ids, self._fetch = number, num_pages, count, ids, fetch

    @cached_property
    def by_id(self) -> dict:
        return {row.pk: row for row in self._fetch(self.ids)} if self.ids else {}

    @cached_property
    def rows(self) -> list:
        return [self.by_id[pk] for pk in self.ids if pk in self.by_id]


def _page_ids(qs: QuerySet, *, number: int, per_page: int) -> tuple[int, int, list[int]]:
    """(number of hits, page number, ids of the page's rows) in one query (the number of hits as a
    window over the same query), planned for a search (search.search_planning); a number past the
    end gives the last page."""
    with search.search_planning():
        return _page_ids_planned(qs, number=max(number, 1), per_page=per_page)


def _page_ids_planned(qs: QuerySet, *, number: int, per_page: int) -> tuple[int, int, list[int]]:
    def read(number: int) -> list[tuple[int, int]]:
        first = (number - 1) * per_page
        return list(qs.annotate(total=Window(Count("*"))).values_list("pk", "total")[first : first + per_page])

    rows = read(number)
    if rows:
        return rows[0][1], number, [pk for pk, _total in rows]
    count = qs.count() if number > 1 else 0
    if count == 0:
        return 0, 1, []
    number = max(1, math.ceil(count / per_page))
    return count, number, [pk for pk, _total in read(number)]


def _kept_page(kind: str, directory_filter: DirectoryFilter, qs_for, *, number: int, per_page: int, fetch) -> Page:
    vary = (kind, *(f"{name}={value}" for name, value in directory_filter.params()), number, per_page)
    count, number, ids = fragment(
        "network:directory-ids", vary, lambda: _page_ids(qs_for(directory_filter), number=number, per_page=per_page),
        store=_results,
    )
    return Page(number=number, num_pages=max(1, math.ceil(count / per_page)), count=count, ids=ids, fetch=fetch)


class ProfileTeaser(NamedTuple):
    """What a profile's teaser in the list shows, read as plain values (a tuple: a page builds 20 of
    them, and model instances with their topics and entries cost several times as much to build)."""

    pk: int
    first_name: str
    last_name: str
    function: str
    organisation: str
    kind: str
    region: str
    district: str
    is_synthetic: bool
    offer_titles: list[str]  # in the profile's order (position, id)
    need_titles: list[str]
    topics: list[str]  # the names of its topics, in the topic list's order (position, name)


class EntryTeaser(NamedTuple):
    """What the teaser of an offer or a need shows, with its profile's public fields, as values."""

    pk: int
    direction: str
    title: str
    text: str
    profile_id: int
    first_name: str
    last_name: str
    organisation: str
    kind: str
    region: str
    is_synthetic: bool
    topics: list[str]


@dataclass(frozen=True)
class _TeaserQueries:
    """The SQL of the teasers' rows, with `{ids}` where the ids' placeholders go."""

    profiles: str
    profile_topics: str
    profile_entries: str
    entries: str
    entry_topics: str


@functools.cache
def _teaser_queries(vendor: str) -> _TeaserQueries:
    """Written once per process from the models' tables and columns: the ORM's compiling of these
    five queries (with the model instances it builds) cost more than reading and writing the teasers
    themselves. The orders are the models' (ProfileEntry: direction, position, id; Topic: position,
    name), as the prefetches read them."""
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def columns(model, alias: str, names) -> str:
        return ", ".join(f"{alias}.{quote(model._meta.get_field(name).column)}" for name in names)

    def topic_names(relation) -> str:
        through, field = relation.through, relation.field
        owner, topic = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        return (f"SELECT r.{owner}, t.{quote('name')} FROM {table(through)} r INNER JOIN {table(Topic)} t "
                f"ON t.{quote('id')} = r.{topic} WHERE r.{owner} IN ({{ids}}) "
                f"ORDER BY {columns(Topic, 't', ('position', 'name'))}")

    profile_fields = ("id", "first_name", "last_name", "function", "organisation", "kind", "region", "district",
                      "is_synthetic")
    entry_profile_fields = ("first_name", "last_name", "organisation", "kind", "region", "is_synthetic")
    profile_id = quote(ProfileEntry._meta.get_field("profile").column)
    return _TeaserQueries(
        profiles=f"SELECT {columns(Profile, 'p', profile_fields)} FROM {table(Profile)} p WHERE p.{quote('id')} IN ({{ids}})",
        profile_topics=topic_names(Profile.topics),
        profile_entries=(
            f"SELECT {columns(ProfileEntry, 'e', ('profile', 'direction', 'title'))} FROM {table(ProfileEntry)} e "
            f"WHERE e.{profile_id} IN ({{ids}}) ORDER BY {columns(ProfileEntry, 'e', ('direction', 'position', 'id'))}"
        ),
        entries=(
            f"SELECT {columns(ProfileEntry, 'e', ('id', 'direction', 'title', 'text', 'profile'))}, "
            f"{columns(Profile, 'p', entry_profile_fields)} FROM {table(ProfileEntry)} e INNER JOIN {table(Profile)} p "
            f"ON p.{quote('id')} = e.{profile_id} WHERE e.{quote('id')} IN ({{ids}})"
        ),
        entry_topics=topic_names(ProfileEntry.topics),
    )


def _rows(sql: str, ids: list[int]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), ids)
        return cursor.fetchall()


def _names_by_owner(rows: list[tuple]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for owner, name in rows:
        names.setdefault(owner, []).append(name)
    return names


def _profile_rows(ids: list[int]) -> list[ProfileTeaser]:
    queries = _teaser_queries(connection.vendor)
    topics = _names_by_owner(_rows(queries.profile_topics, ids))
    titles: dict[tuple[int, str], list[str]] = {}
    for profile_id, direction, title in _rows(queries.profile_entries, ids):
        titles.setdefault((profile_id, direction), []).append(title)
    offer, need = ProfileEntry.Direction.OFFER.value, ProfileEntry.Direction.NEED.value
    # bool(): SQLite returns a boolean column as 0 or 1.
    return [
        ProfileTeaser(pk, first, last, function, organisation, kind, region, district, bool(synthetic),
                      titles.get((pk, offer), []), titles.get((pk, need), []), topics.get(pk, []))
        for pk, first, last, function, organisation, kind, region, district, synthetic in _rows(queries.profiles, ids)
    ]


def _entry_rows(ids: list[int]) -> list[EntryTeaser]:
    queries = _teaser_queries(connection.vendor)
    topics = _names_by_owner(_rows(queries.entry_topics, ids))
    return [
        EntryTeaser(*row[:-1], bool(row[-1]), topics.get(row[0], []))
        for row in _rows(queries.entries, ids)
    ]


def _profile_instances(ids: list[int]) -> list[Profile]:
    """The profiles as model instances with their topics and the titles of their offers and needs
    (`offer_titles`, `need_titles`): for the API (network.api), which writes them with the models'
    display names."""
    rows = list(
        Profile.objects.filter(pk__in=ids).only(*PUBLIC_PROFILE_FIELDS).prefetch_related(
            "topics",
            Prefetch("entries", queryset=ProfileEntry.objects.only("id", "profile_id", "direction", "title", "position")),
        )
    )
    for profile in rows:
        entries = list(profile.entries.all())
        profile.offer_titles = [e.title for e in entries if e.direction == ProfileEntry.Direction.OFFER]
        profile.need_titles = [e.title for e in entries if e.direction == ProfileEntry.Direction.NEED]
    return rows


def _entry_instances(ids: list[int]) -> list[ProfileEntry]:
    profile_fields = [f"profile__{name}" for name in PUBLIC_PROFILE_FIELDS]
    return list(
        ProfileEntry.objects.filter(pk__in=ids).select_related("profile").only(*PUBLIC_ENTRY_FIELDS, *profile_fields)
        .prefetch_related("topics")
    )


def profile_directory_page(*, directory_filter: DirectoryFilter, number: int, per_page: int = PAGE_SIZE,
                           teasers: bool = False) -> Page:
    """A page of profiles: one query for the ids and the number of hits (kept for repeated
    requests, RESULTS_KEPT), and three for the rows with their topics and the titles of their offers
    and needs when they are first needed, whatever the data. The rows are Profile instances, or with
    `teasers` plain values (ProfileTeaser), what the directory's pages write their teasers from."""
    return _kept_page("profiles", directory_filter, profile_directory, number=number, per_page=per_page,
                      fetch=_profile_rows if teasers else _profile_instances)


def entry_directory_page(*, directory_filter: DirectoryFilter, number: int, per_page: int = PAGE_SIZE,
                         teasers: bool = False) -> Page:
    """A page of offers and needs: as profile_directory_page, two queries for the rows (with their
    topics and their profile's public fields; with `teasers` as EntryTeaser values)."""
    return _kept_page("entries", directory_filter, entry_directory, number=number, per_page=per_page,
                      fetch=_entry_rows if teasers else _entry_instances)


@dataclass(frozen=True)
class ProfilePage:
    """What a profile's public page shows."""

    profile: Profile
    topics: list[Topic]
    offers: list[ProfileEntry]
    needs: list[ProfileEntry]


def profile_page_get(*, pk: int) -> ProfilePage | None:
    """A public profile (confirmed, public, not hidden by staff) with its topics, offers and needs
    (each with its topics), in four queries whatever their number; None for any other profile."""
    profile = Profile.objects.filter(profile_public_q(), pk=pk).only(*PUBLIC_PROFILE_FIELDS).first()
    if profile is None:
        return None
    entries = list(
        ProfileEntry.objects.filter(profile_id=profile.pk).only(*PUBLIC_ENTRY_FIELDS).prefetch_related("topics")
    )
    return ProfilePage(
        profile=profile,
        topics=list(profile.topics.all()),
        offers=[entry for entry in entries if entry.direction == ProfileEntry.Direction.OFFER],
        needs=[entry for entry in entries if entry.direction == ProfileEntry.Direction.NEED],
    )


def profile_sitemap_rows() -> QuerySet:
    """(id, updated_at) of every public profile, for the sitemap."""
    return Profile.objects.filter(profile_public_q()).order_by("id").values_list("id", "updated_at")
