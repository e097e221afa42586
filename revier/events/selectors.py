"""Reads of the events app: lists, pages, availability. Several parts of the app append here."""

import datetime
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.utils import timezone

from revier.core import capacity
from revier.core.cache import current_generation, remembered_per_generation
from revier.core.capacity import Availability
from revier.core.models import Topic
from revier.core.params import int_param
from revier.core.retention import retention_ends_at
from revier.core.tokens import personal_link_holder, personal_link_holder_with, personal_link_q
from revier.events.models import (
    SEATS,
    Consent,
    Event,
    Organisation,
    ProgramItem,
    Question,
    Region,
    Registration,
    Speaker,
    TicketCategory,
)
from revier.events.options import registration_options

# ---------------------------------------------------------------------------------------------
# Public pages

PUBLIC_STATUSES = [Event.Status.PUBLISHED, Event.Status.CANCELLED]


def event_public() -> QuerySet[Event]:
    """Events anyone may see: published and cancelled ones (a cancelled event keeps its page with
    a notice); drafts never."""
    return Event.objects.filter(status__in=PUBLIC_STATUSES)


@dataclass(frozen=True)
class EventFilter:
    topic: Topic | None = None
    region: str = ""
    month: datetime.date | None = None  # the first day of the month

    @property
    def is_active(self) -> bool:
        return bool(self.topic or self.region or self.month)

    @property
    def region_label(self) -> str:
        return str(Region(self.region).label) if self.region else ""

    def params(self) -> dict[str, str]:
        """The filter as the query parameters of its links."""
        params = {}
        if self.topic:
            params["thema"] = self.topic.slug
        if self.region:
            params["region"] = self.region
        if self.month:
            params["monat"] = self.month.strftime("%Y-%m")
        return params


def parse_month(raw: str | None) -> datetime.date | None:
    """'2026-12' → 1 December 2026; anything else → None."""
    raw = (raw or "").strip()
    if len(raw) != 7 or raw[4] != "-":
        return None
    year, month = int_param(raw[:4]), int_param(raw[5:])
    if year is None or month is None or not (1900 <= year <= 2200 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def topic_get(*, slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug[:80]).first()


def event_filter_from_params(*, topic: Topic | None, region: str | None, month: str | None) -> EventFilter:
    """Filter values from the query string; unknown regions and malformed months are ignored (the
    view looks the topic up with topic_get and answers an unknown one with 404, as the news list does)."""
    region = region if region in Region.values else ""
    return EventFilter(topic=topic, region=region, month=parse_month(month))


def _month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=tz)
    following = datetime.datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=tz)
    return start, following


def _for_listing(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.defer("description", "description_html", "description_en", "description_en_html").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
        Prefetch("categories", queryset=TicketCategory.objects.order_by("position", "id")),
    )


def _filtered(qs: QuerySet[Event], event_filter: EventFilter) -> QuerySet[Event]:
    if event_filter.topic:
        qs = qs.filter(topics=event_filter.topic)
    if event_filter.region:
        qs = qs.filter(region=event_filter.region)
    if event_filter.month:
        start, following = _month_bounds(event_filter.month)
        # Every event that takes place in the month, also one that began in the month before.
        qs = qs.filter(starts_at__lt=following, ends_at__gte=start)
    return qs


def event_list_upcoming(*, event_filter: EventFilter, now=None) -> QuerySet[Event]:
    """Events that have not ended, the next first."""
    now = now or timezone.now()
    qs = _filtered(event_public().filter(ends_at__gte=now), event_filter)
    return _for_listing(qs.order_by("starts_at", "id"))


def event_list_past(*, event_filter: EventFilter, now=None) -> QuerySet[Event]:
    """Events that have ended, the latest first."""
    now = now or timezone.now()
    qs = _filtered(event_public().filter(ends_at__lt=now), event_filter)
    return _for_listing(qs.order_by("-starts_at", "-id"))


def topic_list() -> list[Topic]:
    return list(Topic.objects.all())


def event_months(*, past: bool, now=None) -> list[datetime.date]:
    """The months (first days) in which upcoming or past events start, for the month filter."""
    now = now or timezone.now()
    qs = event_public().filter(ends_at__lt=now) if past else event_public().filter(ends_at__gte=now)
    months = qs.datetimes("starts_at", "month", order="DESC" if past else "ASC")
    return [month.date() for month in months]


def event_get_public(*, slug: str, include_drafts: bool = False) -> Event | None:
    """An event anyone may see, its row only (one query); `include_drafts` for the organisers'
    preview (the caller checks the permission). What its page shows is fetched by the parts that
    show it: event_prefetch_listed, event_program, event_offers."""
    qs = Event.objects.all() if include_drafts else event_public()
    return qs.filter(slug=slug).first()


def event_prefetch_listed(*, event: Event) -> None:
    """Fetches the event's topics and organisers in their order onto `event` (two queries, once)."""
    prefetch_related_objects(
        [event],
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
        Prefetch("organisers", queryset=Organisation.objects.order_by("name")),
    )


def event_program(*, event: Event) -> list[ProgramItem]:
    """The event's program items in time order with their speakers (two queries, whatever the size)."""
    return list(
        ProgramItem.objects.filter(event=event)
        .order_by("starts_at", "room", "id")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("name")))
    )


# What changes an event's page and the lists by time: it starts (registration closes at the start
# unless it closes earlier), ends (it moves to the past events), its registration opens or closes.
_MOMENTS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


@remembered_per_generation
def event_next_change_at(*, now: datetime.datetime) -> datetime.datetime | None:
    """The next moment after `now` at which the events' public pages change without a write (see
    _MOMENTS), or None. Drafts count too (their preview). One query of four "next after now"
    lookups, each on its column's index; kept until the next edit of public content or until the
    moment has come (core.cache.remembered_per_generation): core asks on every store of a page or
    fragment."""
    next_of = {
        f"next_{field}": Subquery(Event.objects.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1])
        for field in _MOMENTS
    }
    row = Event.objects.order_by().annotate(**next_of).values_list(*next_of)[:1]
    moments = [moment for moment in next(iter(row), ()) if moment is not None]
    return min(moments, default=None)


def event_program_item_get(*, event_slug: str, pk: int) -> ProgramItem | None:
    """A program item of a public event, only if it belongs to the event in the address."""
    return (
        ProgramItem.objects.select_related("event")
        .filter(pk=pk, event__slug=event_slug, event__status__in=PUBLIC_STATUSES)
        .first()
    )


def event_feed_items(*, event_filter: EventFilter | None = None, limit: int = 500) -> list[Event]:
    """The subscribable calendar: published events (and cancelled ones, so that calendars learn of
    the cancellation), the latest 500 by start; with `event_filter` only those of its topic and
    region (the per-topic and per-region subscriptions; a month is not a subscription)."""
    qs = event_public()
    if event_filter is not None:
        qs = _filtered(qs, EventFilter(topic=event_filter.topic, region=event_filter.region))
    return list(
        qs.defer("description", "description_html", "description_en", "description_en_html").order_by("-starts_at", "-id")[:limit]
    )


def speaker_get_public(*, slug: str) -> Speaker | None:
    """A speaker in the program of a published or cancelled event, in one query (a speaker who
    appears only in drafts has no page); their program items: speaker_program_items."""
    public_items = ProgramItem.objects.filter(speakers=OuterRef("pk"), event__status__in=PUBLIC_STATUSES)
    return Speaker.objects.filter(slug=slug[:200]).filter(Exists(public_items)).first()


def speaker_program_items(*, speaker: Speaker) -> list[ProgramItem]:
    """The speaker's program items of published or cancelled events, in time order, with their event."""
    return list(
        ProgramItem.objects.filter(speakers=speaker, event__status__in=PUBLIC_STATUSES)
        .select_related("event")
        .order_by("starts_at", "id")
    )


# ---------------------------------------------------------------------------------------------
# Availability


def category_availability(*, category: TicketCategory, now: datetime.datetime | None = None) -> Availability:
    """Seats taken in one category by the capacity rule (models.SEATS): confirmed or awaiting
    approval, plus unexpired holds of unconfirmed people and people moved up. An expired hold frees
    its seat at once, without waiting for the worker. For a decision, call it under the category lock."""
    now = now or timezone.now()
    return Availability(capacity=category.capacity, taken=capacity.count_taken(SEATS, owner_id=category.pk, now=now))


def waitlist_position(*, registration: Registration) -> int | None:
    """1 for the next in line; None for a registration that is not on the waiting list."""
    return capacity.waitlist_position(SEATS, holder=registration)


def category_availabilities(*, event: Event, now=None) -> dict[int, Availability]:
    """Availability of every ticket category of the event in one aggregate query, keyed by
    category id."""
    now = now or timezone.now()
    rows = (
        TicketCategory.objects.filter(event=event)
        .annotate(taken=Count("registrations", filter=SEATS.holds_q(now, prefix="registrations__")))
        .values_list("pk", "capacity", "taken")
    )
    return {pk: Availability(capacity=capacity, taken=taken) for pk, capacity, taken in rows}


@dataclass(frozen=True)
class CategoryOffer:
    """A ticket category as the event page shows it."""

    category: TicketCategory
    availability: Availability

    @property
    def waitlist_possible(self) -> bool:
        return self.availability.is_full


def event_offers(*, event: Event, now=None) -> list[CategoryOffer]:
    """The event's ticket categories in their order with their availability, in one query."""
    now = now or timezone.now()
    categories = (
        TicketCategory.objects.filter(event=event)
        .order_by("position", "id")
        .annotate(taken=Count("registrations", filter=SEATS.holds_q(now, prefix="registrations__")))
    )
    return [
        CategoryOffer(category=category, availability=Availability(capacity=category.capacity, taken=category.taken))
        for category in categories
    ]


def events_sold_out(*, events: list[Event], now=None) -> set[int]:
    """Ids of the events among `events` whose every category with a capacity is full and that have
    no unlimited category: for the "ausgebucht" badge of lists, in one query."""
    now = now or timezone.now()
    ids = [event.pk for event in events]
    if not ids:
        return set()
    rows = (
        TicketCategory.objects.filter(event_id__in=ids)
        .annotate(taken=Count("registrations", filter=SEATS.holds_q(now, prefix="registrations__")))
        .values_list("event_id", "capacity", "taken")
    )
    has_room: set[int] = set()
    has_category: set[int] = set()
    for event_id, capacity, taken in rows:
        has_category.add(event_id)
        if capacity is None or taken < capacity:
            has_room.add(event_id)
    return has_category - has_room


MAX_ROOM_COLUMNS = 6


def program_days(items: list[ProgramItem]) -> list[dict]:
    """The timetable: items grouped by their local day, each day into time slots (items starting
    at the same time). A day with several rooms has parallel tracks: on wide screens each room gets
    its column (`column`, 1-based; 0 for items without a room, which span all columns)."""
    days: dict[datetime.date, dict] = {}
    for item in items:
        start = timezone.localtime(item.starts_at)
        day = days.setdefault(start.date(), {"date": start.date(), "slots": {}, "rooms": []})
        day["slots"].setdefault(start, []).append(item)
        if item.room and item.room not in day["rooms"]:
            day["rooms"].append(item.room)
    result = []
    for day in days.values():
        rooms = day["rooms"]
        parallel = 1 < len(rooms) <= MAX_ROOM_COLUMNS
        for slot_items in day["slots"].values():
            for item in slot_items:
                item.column = rooms.index(item.room) + 1 if parallel and item.room else 0
        result.append({
            "date": day["date"],
            "rooms": rooms,
            "parallel": parallel,
            "slots": [{"starts_at": start, "items": slot_items} for start, slot_items in day["slots"].items()],
        })
    return result


# ---------------------------------------------------------------------------------------------
# Organiser area


def event_list_for_manager(*, user) -> QuerySet[Event]:
    """The events `user` may manage (every event for superusers and people with the "manage all
    events" permission), the latest first, each with its number of registrations per status as
    `count_<status>` and `count_total` — one query for all."""
    from revier.events.permissions import can_manage_all_events

    qs = Event.objects.all() if can_manage_all_events(user) else Event.objects.filter(managers=user)
    per_status = {
        f"count_{status}": Count("registrations", filter=Q(registrations__status=status))
        for status in Registration.Status.values
    }
    return (
        qs.defer("description", "description_html", "description_en", "description_en_html")
        .annotate(count_total=Count("registrations"), **per_status)
        .order_by("-starts_at", "-id")
    )


def event_get_for_manager(*, slug: str) -> Event | None:
    """An event of the organiser area with its categories and questions (permission checked by the view)."""
    return (
        Event.objects.filter(slug=slug[:200])
        .prefetch_related(
            Prefetch("categories", queryset=TicketCategory.objects.order_by("position", "id")),
            "questions",
        )
        .first()
    )



def event_list_for_team_choice() -> QuerySet[Event]:
    """Every event, the latest first, with only what a choice list shows (title, start): for
    assigning event teams on the account pages."""
    return Event.objects.only("pk", "title", "slug", "starts_at").order_by("-starts_at", "-id")


def event_list_of_team_member(*, user) -> QuerySet[Event]:
    """The events whose team (Event.managers) `user` belongs to, the latest first."""
    return Event.objects.filter(managers=user).only("pk", "title", "slug", "starts_at").order_by("-starts_at", "-id")


def event_get_if_manager(*, slug: str, user) -> Event | None:
    """The event of the organiser area if `user` may manage it (permissions.can_manage_event), else
    None: for the other apps' organiser pages (the network's Gesprächsbörse), which may not import
    events' permissions."""
    from revier.events.permissions import can_manage_event

    event = Event.objects.filter(slug=slug[:200]).first()
    return event if event is not None and can_manage_event(user, event) else None

REGISTRATION_SORTS = {
    "name": ("last_name", "first_name", "id"),
    "-name": ("-last_name", "-first_name", "-id"),
    "registered": ("created_at", "id"),
    "-registered": ("-created_at", "-id"),
    "status": ("status", "created_at", "id"),
    "-status": ("-status", "-created_at", "-id"),
}
DEFAULT_REGISTRATION_SORT = "registered"
SEARCH_MAX_LENGTH = 200


@dataclass(frozen=True)
class RegistrationFilter:
    """The organiser table's search, filters and sort, as read from the query string."""

    query: str = ""
    status: str = ""
    category_id: int | None = None
    sort: str = DEFAULT_REGISTRATION_SORT

    @property
    def is_active(self) -> bool:
        return bool(self.query or self.status or self.category_id)


def registration_filter_from_params(*, event: Event, params) -> RegistrationFilter:
    """Anything that is not a known status, one of the event's categories or a whitelisted sort key
    is ignored; the search is cut to 200 characters."""
    status = params.get("status") or ""
    category_id = None
    if (wanted := int_param(params.get("kategorie"))) is not None:
        category_id = next((c.pk for c in event.categories.all() if c.pk == wanted), None)
    sort = params.get("sortierung") or ""
    return RegistrationFilter(
        query=(params.get("q") or "").strip()[:SEARCH_MAX_LENGTH],
        status=status if status in Registration.Status.values else "",
        category_id=category_id,
        sort=sort if sort in REGISTRATION_SORTS else DEFAULT_REGISTRATION_SORT,
    )


def registration_list_for_event(*, event: Event, registration_filter: RegistrationFilter | None = None) -> QuerySet[Registration]:
    """The event's registrations as the organiser table and the exports show them: searched by
    name, e-mail and organisation, filtered by status and category, sorted."""
    registration_filter = registration_filter or RegistrationFilter()
    qs = Registration.objects.filter(event=event).select_related("category")
    if registration_filter.query:
        for word in registration_filter.query.split()[:10]:
            qs = qs.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(organisation__icontains=word)
            )
    if registration_filter.status:
        qs = qs.filter(status=registration_filter.status)
    if registration_filter.category_id:
        qs = qs.filter(category_id=registration_filter.category_id)
    return qs.order_by(*REGISTRATION_SORTS[registration_filter.sort])


@dataclass(frozen=True)
class CategoryOverview:
    category: TicketCategory
    availability: Availability
    count: int  # registrations in any state


@dataclass(frozen=True)
class RegistrationCounts:
    total: int
    by_status: list[tuple[str, str, int]]  # (status, label, count) in the order of Registration.Status
    categories: list[CategoryOverview]


def registration_counts(*, event: Event, now=None) -> RegistrationCounts:
    """Registrations per status and per category in one aggregate query, with each category's
    seats taken by the capacity rule (models.SEATS) in another. Categories as prefetched."""
    rows = (
        Registration.objects.filter(event=event)
        .order_by()
        .values_list("status", "category_id")
        .annotate(n=Count("id"))
    )
    by_status: dict[str, int] = {}
    by_category: dict[int, int] = {}
    total = 0
    for status, category_id, n in rows:
        by_status[status] = by_status.get(status, 0) + n
        by_category[category_id] = by_category.get(category_id, 0) + n
        total += n
    availabilities = category_availabilities(event=event, now=now)
    return RegistrationCounts(
        total=total,
        by_status=[(value, label, by_status.get(value, 0)) for value, label in Registration.Status.choices],
        categories=[
            CategoryOverview(
                category=category,
                availability=availabilities.get(category.pk, Availability(category.capacity, 0)),
                count=by_category.get(category.pk, 0),
            )
            for category in event.categories.all()
        ],
    )


def registration_get_for_manager(*, event: Event, pk: int) -> Registration | None:
    """One registration of `event` with its consents; None for another event's registration."""
    from revier.events.models import Consent

    return (
        Registration.objects.filter(event=event, pk=pk)
        .select_related("category", "checked_in_by")
        .prefetch_related(Prefetch("consents", queryset=Consent.objects.order_by("kind")))
        .first()
    )


def registration_allowed_actions(*, event: Event, registration: Registration) -> set[str]:
    """What an organiser may do with the registration in its current state ("approve", "reject",
    "move_up", "cancel"); the services check the state again under their lock."""
    allowed = set()
    if registration.status == Registration.Status.PENDING_APPROVAL and event.requires_approval:
        allowed |= {"approve", "reject"}
    if registration.status == Registration.Status.WAITLISTED:
        allowed.add("move_up")
    if registration.is_active:
        allowed.add("cancel")
    return allowed


def registration_history(*, registration: Registration) -> QuerySet:
    """The audit entries of a registration, the newest first."""
    from revier.core.selectors import audit_history

    return audit_history(obj=registration)


def registration_answer_list(*, registration: Registration, questions) -> list[tuple[object, str]]:
    """(question, answer as text) for every question of the event, in the event's order."""
    from revier.events.export import answer_text

    return [(question, answer_text(registration.answers, question)) for question in questions]


def check_in_count(*, event: Event) -> tuple[int, int]:
    """(checked in, confirmed) for the entrance's live count, in one query."""
    row = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).aggregate(
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)), confirmed=Count("id")
    )
    return row["checked_in"], row["confirmed"]


@dataclass(frozen=True)
class CheckInResult:
    kind: str  # "checked_in", "already", "not_found", "not_valid"
    registration: Registration | None = None


def check_in_result(*, event: Event, kind: str, registration_id: str) -> CheckInResult | None:
    """The result of a check-in shown again after the redirect (check-in without JavaScript), read
    from the database: "eingecheckt" only for a ticket of this event that is checked in. None for
    anything else in the address."""
    if kind == "not_found":
        return CheckInResult(kind=kind)
    if kind not in ("checked_in", "already", "not_valid") or (pk := int_param(registration_id)) is None:
        return None
    registration = Registration.objects.select_related("category").filter(event=event, pk=pk).first()
    if registration is None:
        return None
    valid = registration.status == Registration.Status.CONFIRMED
    if kind == "not_valid" and valid or kind != "not_valid" and not (valid and registration.checked_in_at):
        return None  # the address does not match the ticket (any more)
    return CheckInResult(kind=kind, registration=registration)


def registrations_for_message(*, event: Event, statuses: list[str], category_ids: list[int]) -> QuerySet[Registration]:
    """The recipients of an organiser's message: registrations in the chosen states (and
    categories; none chosen means all); anonymised ones have no address any more."""
    qs = Registration.objects.filter(event=event, status__in=statuses, anonymised_at__isnull=True).select_related(
        "event", "category")
    if category_ids:
        qs = qs.filter(category_id__in=category_ids)
    return qs.order_by("id")


# ---------------------------------------------------------------------------------------------
# Registration form and self-service


@dataclass(frozen=True)
class RegistrationSetup:
    """What the registration form of a public event is built from and what is the same for every
    request until the content changes: the event, its ticket categories and its own questions, in
    their order. Shared between requests (registration_setup_get): read it, never change it."""

    event: Event
    categories: tuple[TicketCategory, ...]
    questions: tuple[Question, ...]
    # The boxes other apps offer in this event's form (events.options), e.g. the Gesprächsbörse.
    options: tuple = ()


# A setup is reused while the content generation (core.cache) is the one it was read in: every save
# and delete of an event, a category or a question starts a new one (events.apps registers them
# with core.fragments.register_content_models). With the
# local-memory cache each process has its own generation and does not see another process's edit,
# so a setup is also read again after SETUP_MAX_SECONDS (the live figures of the event pages may
# be as old: views.public.LIVE_PAGE_SECONDS). Capacity is never decided on it: the services read
# the category again under its lock.
SETUP_MAX_SECONDS = 10.0
_SETUP_MAX_ENTRIES = 256
# Setups by slug and by event id: (generation, valid until, setup).
_setups: dict[str | int, tuple[str, float, RegistrationSetup]] = {}
_clock = time.monotonic


def _registration_setup_read(**lookup) -> RegistrationSetup | None:
    event = (
        event_public()
        .filter(**lookup)
        .defer("description", "description_html", "description_en", "description_en_html")
        .prefetch_related(
            Prefetch("categories", queryset=TicketCategory.objects.order_by("position", "id")),
            Prefetch("questions", queryset=Question.objects.order_by("position", "id")),
        )
        .first()
    )
    if event is None:
        return None
    return RegistrationSetup(
        event=event, categories=tuple(event.categories.all()), questions=tuple(event.questions.all()),
        options=tuple(option for option in registration_options() if option.offered_for(event.pk)),
    )


def _registration_setup(key: str | int, **lookup) -> RegistrationSetup | None:
    generation = current_generation()  # before the rows: a change after this starts a new one
    clock = _clock()
    entry = _setups.get(key)
    if entry is not None and entry[0] == generation and entry[1] > clock:
        return entry[2]
    setup = _registration_setup_read(**lookup)
    if setup is None:
        _setups.pop(key, None)
        return None
    if len(_setups) >= _SETUP_MAX_ENTRIES:
        _setups.clear()
    entry = (generation, clock + SETUP_MAX_SECONDS, setup)
    _setups[setup.event.slug] = _setups[setup.event.pk] = entry
    return setup


def registration_setup_get(*, slug: str) -> RegistrationSetup | None:
    """The setup of the public event `slug` (None for an unknown or draft event): three queries when
    it is read, none while the content generation is unchanged (at most SETUP_MAX_SECONDS)."""
    return _registration_setup(slug, slug=slug)


def registration_setup_for_event(*, event_id: int) -> RegistrationSetup | None:
    """The same by the event's id (a registration knows its event's id)."""
    return _registration_setup(event_id, pk=event_id)


# {category ids: (time.monotonic() of the count, {category id: seats taken})}, this process's counts.
_seat_counts: dict[tuple[int, ...], tuple[float, dict[int, int]]] = {}
_SEAT_COUNTS_MAX_ENTRIES = 1000


def seats_taken_recently(*, category_ids: tuple[int, ...], now: datetime.datetime | None = None) -> dict[int, int]:
    """Seats taken per category, as counted at most settings.SEAT_COUNT_SECONDS ago in this process
    (one query otherwise). What the registration form shows and checks before it posts: in a rush
    every refused post would count again, and the count cost as much PostgreSQL time as the rest
    of the request (docs/performance.md). A registration saved in this process forgets the counts
    at once (forget_seat_counts); another process's is seen within SEAT_COUNT_SECONDS. Nothing
    relies on it for capacity: the service counts again under the category's lock before it writes."""
    seconds = settings.SEAT_COUNT_SECONDS
    if seconds > 0 and now is None:
        remembered = _seat_counts.get(category_ids)
        if remembered is not None and time.monotonic() - remembered[0] < seconds:
            return remembered[1]
    counted_at = time.monotonic()
    taken = capacity.count_taken_per_owner(SEATS, owner_ids=category_ids, now=now or timezone.now())
    if seconds > 0 and now is None:
        if len(_seat_counts) >= _SEAT_COUNTS_MAX_ENTRIES:
            _seat_counts.clear()
        _seat_counts[category_ids] = (counted_at, taken)
    return taken


def seats_taken_remembered(*, category_ids: tuple[int, ...]) -> dict[int, int] | None:
    """The seats taken per category as this process counted them within settings.SEAT_COUNT_SECONDS
    (seats_taken_recently), or None; never a query."""
    remembered = _seat_counts.get(category_ids)
    if remembered is None or time.monotonic() - remembered[0] >= settings.SEAT_COUNT_SECONDS:
        return None
    return remembered[1]


def forget_seat_counts(**_signal) -> None:
    """Drops this process's remembered counts (a registration or a category was saved or deleted)."""
    _seat_counts.clear()


@dataclass(frozen=True)
class RegistrationFormData:
    """What the registration form of an event needs: its setup (RegistrationSetup) and the
    categories' availability, counted in one query only when asked for: a page that shows the form
    needs it, a valid POST does not (the service counts again under the category lock)."""

    setup: RegistrationSetup
    now: datetime.datetime | None = None

    @property
    def event(self) -> Event:
        return self.setup.event

    @property
    def categories(self) -> tuple[TicketCategory, ...]:
        return self.setup.categories

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.setup.questions

    @property
    def options(self) -> tuple:
        return self.setup.options

    @cached_property
    def offers(self) -> list[CategoryOffer]:
        """The categories with their seats taken, counted in one query (core.capacity) at most
        SEAT_COUNT_SECONDS ago (seats_taken_recently)."""
        taken = seats_taken_recently(category_ids=tuple(category.pk for category in self.categories), now=self.now)
        return [
            CategoryOffer(category=category, availability=Availability(category.capacity, taken.get(category.pk, 0)))
            for category in self.categories
        ]

    def availabilities(self) -> dict[int, Availability]:
        return {offer.category.pk: offer.availability for offer in self.offers}

    def availability_known(self, category_id: int) -> Availability | None:
        """The category's seats if counted for this form or remembered by this process, else None:
        never a query (a guess for what is likely, never for what is decided)."""
        if "offers" in self.__dict__:
            return self.availabilities().get(category_id)
        taken = seats_taken_remembered(category_ids=tuple(category.pk for category in self.categories))
        category = next((c for c in self.categories if c.pk == category_id), None)
        if taken is None or category is None:
            return None
        return Availability(category.capacity, taken.get(category_id, 0))


def registration_form_get(*, slug: str, now=None) -> RegistrationFormData | None:
    """The registration form's data of the public event `slug`, None for an unknown or draft event."""
    setup = registration_setup_get(slug=slug)
    return None if setup is None else RegistrationFormData(setup=setup, now=now)


@dataclass(frozen=True)
class RegistrationPage:
    """What the self-service page of a personal link shows: the registration (with its event and
    category), the event's questions and the consents given."""

    registration: Registration
    questions: list
    consents: list


def registration_page_get(*, token: str, now: datetime.datetime | None = None) -> RegistrationPage | None:
    """The self-service page of the personal link `token`, None for an unknown or expired link. One
    query: the registration on the link's unique hash with its consents
    (core.tokens.personal_link_holder_with); the event, the category
    and the questions come from the event's setup (registration_setup_for_event) while it is public
    and current, otherwise with the registration."""
    found = personal_link_holder_with(Registration, token, children="consents", now=now)
    if found is None:
        return None
    registration, consents = found
    setup = registration_setup_for_event(event_id=registration.event_id)
    category = next((c for c in setup.categories if c.pk == registration.category_id), None) if setup else None
    if category is None:  # the event is not public (any more): everything from the database
        registration = Registration.objects.select_related("event", "category").get(pk=registration.pk)
        questions = list(Question.objects.filter(event_id=registration.event_id).order_by("position", "id"))
    else:
        registration.event, registration.category, questions = setup.event, category, list(setup.questions)
    return RegistrationPage(
        registration=registration, questions=questions,
        consents=consents,
    )


def registration_get(*, registration_id: int) -> Registration | None:
    """A registration with its event, by id (for the apps that a registration's options hand it to,
    events.options), or None."""
    return Registration.objects.select_related("event").filter(pk=registration_id).first()


def registration_get_by_token(*, token: str, now: datetime.datetime | None = None) -> Registration | None:
    """The registration a personal link opens, or None for an unknown or expired link: one query on
    the link's unique hash (plus the consents)."""
    return (
        Registration.objects.select_related("event", "category")
        .prefetch_related("consents")
        .filter(personal_link_q(token, now=now))
        .first()
    )


def event_ids_past_retention(*, now: datetime.datetime) -> list[int]:
    """The events whose retention period (`retention_days` after the end) is over: their
    registrations (events.retention) and their Gesprächsbörse's messages (network.retention) are
    anonymised. The period is at least a day, so only events that ended a day ago are read (a few
    columns each); the periods differ per event, so the comparison is made here rather than in SQL
    date arithmetic that differs between the databases."""
    rows = Event.objects.filter(ends_at__lte=now - datetime.timedelta(days=1)).values_list("id", "ends_at", "retention_days")
    return [pk for pk, ends_at, days in rows if retention_ends_at(ends_at, days) <= now]
