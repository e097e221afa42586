"""Reads of the contingents app. Public pages see published contingents only; the staff area adds
its own selectors below."""

import datetime
import functools
import time
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from revier.contingents.models import TICKETS, Claim, Contingent, DrawProtocol, TicketCode
from revier.core import capacity
from revier.core.capacity import Availability
from revier.core.tokens import personal_link_q

# ---------------------------------------------------------------------------------------------
# Public pages


@dataclass(frozen=True)
class ContingentOffer:
    """A published contingent as the public pages show it. What changes without a content write
    (the period's state by the clock, the tickets taken, whether it was drawn) is read fresh for
    every request; `contingent` itself is loaded only when a page renders more than that (see
    contingent_offers_public)."""

    pk: int
    contingent: Contingent
    availability: Availability
    state: str  # "not_yet", "open" or "closed"
    drawn: bool

    @property
    def is_lottery(self) -> bool:
        return self.contingent.mode == Contingent.Mode.LOTTERY

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def offers_waitlist(self) -> bool:
        """First come and all tickets taken: the form puts people on the waiting list."""
        return self.is_open and not self.is_lottery and self.availability.is_full

    @property
    def live_key(self) -> tuple:
        """What the public pages show of this offer that changes without a content write: the
        period's state (the clock passes opening and closing) and the tickets taken and available
        (claims, returns, imported or revoked codes). Rendered parts of the pages (core.fragments)
        vary on it, so none outlives such a change; every other change is a content write and
        starts a new content generation (models registered in ContingentsConfig.ready)."""
        return (self.pk, self.state, self.availability.capacity, self.availability.taken, self.drawn)


def contingent_state(contingent: Contingent, *, now: datetime.datetime | None = None) -> str:
    """'not_yet', 'open' or 'closed': the period for claims (lottery: the application period)."""
    return _state(contingent.opens_at, contingent.closes_at, now=now or timezone.now())


def _state(opens_at: datetime.datetime, closes_at: datetime.datetime, *, now: datetime.datetime) -> str:
    if now < opens_at:
        return "not_yet"
    if now >= closes_at:
        return "closed"
    return "open"


def _availability(contingent: Contingent, *, taken: int, codes: int) -> Availability:
    return _tickets(size=contingent.size, uses_codes=contingent.uses_codes, taken=taken, codes=codes)


def _tickets(*, size: int, uses_codes: bool, taken: int, codes: int) -> Availability:
    # With partner codes, a contingent can also run out of codes before it reaches its size: the
    # smaller limit counts.
    return Availability(capacity=min(size, codes) if uses_codes else size, taken=taken)


def contingent_availability(*, contingent: Contingent, now: datetime.datetime | None = None) -> Availability:
    """Tickets taken by the capacity rule (models.TICKETS): handed out or offered, of the size or
    of the unrevoked codes, whichever is smaller. For a decision, call it under the contingent lock."""
    now = now or timezone.now()
    taken = capacity.count_taken(TICKETS, owner_id=contingent.pk, now=now)
    codes = TicketCode.objects.filter(contingent=contingent, revoked=False).count() if contingent.uses_codes else 0
    return _availability(contingent, taken=taken, codes=codes)


def waitlist_position(*, claim: Claim) -> int | None:
    """1 for the next in line; None for a claim not on the waiting list. Drawn people (lottery)
    come in drawn order before anyone who joined later without a draw position; otherwise the
    order of joining."""
    return capacity.waitlist_position(TICKETS, holder=claim)


@functools.cache
def _figures_sql() -> str:
    # Written out rather than built by the ORM: compiling the same query with two counting
    # subqueries costs the ORM about 4,900 Python function calls, the query itself under 200, and
    # the public pages ask it on every request (docs/performance.md, "Fragments"). Tickets taken
    # follow the capacity rule as core.capacity writes it in SQL (its placeholders come first).
    return f"""
        SELECT c.id, c.opens_at, c.closes_at, c.size, c.uses_codes,
            (SELECT COUNT(*) FROM {Claim._meta.db_table} WHERE contingent_id = c.id AND {TICKETS.holds_sql()}) AS taken,
            (SELECT COUNT(*) FROM {TicketCode._meta.db_table} t WHERE t.contingent_id = c.id AND NOT t.revoked) AS codes,
            EXISTS (SELECT 1 FROM {DrawProtocol._meta.db_table} d WHERE d.contingent_id = c.id) AS drawn
        FROM {Contingent._meta.db_table} c
        WHERE c.status = %s"""


def _aware(value: datetime.datetime) -> datetime.datetime:
    # SQLite gives naive datetimes in the connection's time zone (UTC); PostgreSQL aware ones.
    return timezone.make_aware(value, connection.timezone) if timezone.is_naive(value) else value


# {slug or None: (time.monotonic() of the reading, the figure rows)}, this process's readings.
_figures: dict[str | None, tuple[float, list[tuple]]] = {}
_FIGURES_MAX_ENTRIES = 1000


def _figure_rows(*, slug: str | None, now: datetime.datetime, remember: bool) -> list[tuple]:
    """The rows of _figures_sql for the published contingents (or the one with `slug`), as read at
    most settings.SEAT_COUNT_SECONDS ago in this process when `remember` (one query otherwise): the
    list and the contingent pages ask on every request, and the counting cost about a quarter of
    such a request. A claim, code or contingent saved in this process forgets them at once
    (forget_ticket_figures); another process's is seen within SEAT_COUNT_SECONDS. Nothing relies on
    them for capacity: a claim is counted again under the contingent's lock (core.capacity)."""
    seconds = settings.SEAT_COUNT_SECONDS
    remember = remember and seconds > 0
    if remember:
        remembered = _figures.get(slug)
        if remembered is not None and time.monotonic() - remembered[0] < seconds:
            return remembered[1]
    read_at = time.monotonic()
    sql, params = _figures_sql(), [*TICKETS.holds_params(now), str(Contingent.Status.PUBLISHED)]
    if slug is not None:
        sql, params = sql + " AND c.slug = %s", [*params, slug]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if remember:
        if len(_figures) >= _FIGURES_MAX_ENTRIES:
            _figures.clear()
        _figures[slug] = (read_at, rows)
    return rows


def forget_ticket_figures(**_signal) -> None:
    """Drops this process's remembered figures (a claim, code, draw or contingent was saved or deleted)."""
    _figures.clear()


def contingent_offers_public(*, slug: str | None = None, now: datetime.datetime | None = None) -> list[ContingentOffer]:
    """Published contingents (or the one with `slug`): open ones first (closing soonest first),
    then upcoming ones (opening soonest first), then closed ones (most recently closed first).

    One query, whatever the number, reads what changes without a content write (state, tickets
    taken of the capacity rule models.TICKETS, codes, draw). The contingents themselves are read
    in one more query when a page first asks for one of them: a page whose rendered parts are
    kept (core.fragments) asks only the first query, and within SEAT_COUNT_SECONDS of the last
    reading in this process not even that one (_figure_rows; not when `now` is given)."""
    rows = _figure_rows(slug=slug, now=now or timezone.now(), remember=now is None)
    now = now or timezone.now()
    pks = [row[0] for row in rows]

    @functools.cache
    def contingents() -> dict[int, Contingent]:
        queryset = _published().filter(pk__in=pks)
        if slug is None:
            queryset = queryset.defer("description", "description_html")
        return {contingent.pk: contingent for contingent in queryset}

    def contingent(pk: int) -> Contingent | None:
        # A contingent withdrawn between the two queries renders empty, kept only under the
        # content generation its withdrawal ends.
        return contingents().get(pk)

    offers = []
    for pk, opens_at, closes_at, size, uses_codes, taken, codes, drawn in rows:
        opens_at, closes_at = _aware(opens_at), _aware(closes_at)
        state = _state(opens_at, closes_at, now=now)
        order = {"open": (0, closes_at, pk), "not_yet": (1, opens_at, pk), "closed": (2, -closes_at.timestamp(), -pk)}
        offer = ContingentOffer(
            pk=pk,
            contingent=SimpleLazyObject(partial(contingent, pk)),
            availability=_tickets(size=size, uses_codes=bool(uses_codes), taken=taken, codes=codes),
            state=state,
            drawn=bool(drawn),
        )
        offers.append((order[state], offer))
    return [offer for _, offer in sorted(offers, key=lambda item: item[0])]


def contingent_get_public(*, slug: str, now: datetime.datetime | None = None) -> ContingentOffer | None:
    """A published contingent's offer (contingent_offers_public); None for drafts and unknown
    slugs. Its eligibility questions are read when asked for (the claim form)."""
    offers = contingent_offers_public(slug=slug, now=now)
    return offers[0] if offers else None


def contingent_availability_public(*, slug: str) -> Availability | None:
    """Only the numbers, for the live count on the contingent page (polled every few seconds): one query."""
    offer = contingent_get_public(slug=slug)
    return None if offer is None else offer.availability


def _published():
    # The public pages show neither the draw's lists (only the protocol page does) nor the event's
    # description: they are left out of the joined rows.
    return (
        Contingent.objects.filter(status=Contingent.Status.PUBLISHED)
        .select_related("event", "draw")
        .defer(*_PUBLIC_DEFERRED)
    )


_PUBLIC_DEFERRED = (
    "draw__applications", "draw__order", "event__description", "event__description_html", "event__cancellation_note",
    "event__description_en", "event__description_en_html",
)
_EVENT_DEFERRED_FROM_CONTINGENT = (
    "contingent__event__description", "contingent__event__description_html", "contingent__event__cancellation_note",
    "contingent__event__description_en", "contingent__event__description_en_html",
)


def draw_protocol_get_public(*, slug: str) -> DrawProtocol | None:
    """The draw protocol of a published contingent, without its lists (draw_protocol_lists); None
    before the draw."""
    return (
        DrawProtocol.objects.select_related("contingent", "contingent__event")
        .defer("applications", "order", "contingent__description", "contingent__description_html",
               *_EVENT_DEFERRED_FROM_CONTINGENT)
        .filter(contingent__slug=slug, contingent__status=Contingent.Status.PUBLISHED)
        .first()
    )


@dataclass(frozen=True)
class DrawProtocolLists:
    """The lists of a draw protocol as its page shows them."""

    rows: list[tuple[int, str, bool]]  # (position, pseudonym, drawn for a ticket) in drawn order
    winners: list[str]
    applications: list[str]  # the pseudonyms of the valid applications in application order, as hashed

    @property
    def applications_text(self) -> str:
        return "\n".join(self.applications)


def draw_protocol_lists(*, protocol: DrawProtocol) -> DrawProtocolLists:
    """The drawn order and the applications in application order, as stored with the protocol by
    services.lottery_draw (one query)."""
    applications, order = DrawProtocol.objects.filter(pk=protocol.pk).values_list("applications", "order").get()
    return DrawProtocolLists(
        rows=[(position, pseudonym, position <= protocol.winners) for position, pseudonym in enumerate(order, 1)],
        winners=order[: protocol.winners],
        applications=list(applications),
    )


def contingents_for_event(*, event) -> list[Contingent]:
    """Published contingents of one of our own events (linked from the event page)."""
    return list(Contingent.objects.filter(event=event, status=Contingent.Status.PUBLISHED).order_by("opens_at", "id"))


# ---------------------------------------------------------------------------------------------
# Staff area


def contingent_list_for_staff(*, event_ids=None):
    """Every contingent (with `event_ids`: only those for these events of ours), the latest first,
    with its claims per status as `count_<status>` and `count_total` — one aggregate query for all
    (plus the joined event and draw protocol)."""
    from django.db.models import Q

    per_status = {
        f"count_{status}": Count("claims", filter=Q(claims__status=status))
        for status in Claim.Status.values
    }
    qs = Contingent.objects.all() if event_ids is None else Contingent.objects.filter(event_id__in=event_ids)
    return (
        qs.select_related("event", "draw")
        .defer("description", "description_html", "event__description", "event__description_html", "event__description_en",
               "event__description_en_html")
        .annotate(count_total=Count("claims"), **per_status)
        .order_by("-opens_at", "-id")
    )


def contingent_get_for_staff(*, slug: str) -> Contingent | None:
    """A contingent of the staff area with its event, draw protocol and questions (permission is
    checked by the view); drafts included."""
    return (
        Contingent.objects.select_related("event", "draw")
        .prefetch_related("questions")
        .filter(slug=slug[:200])
        .first()
    )


CLAIM_SORTS = {
    "claimed": ("created_at", "id"),
    "-claimed": ("-created_at", "-id"),
    "name": ("last_name", "first_name", "id"),
    "-name": ("-last_name", "-first_name", "-id"),
    "status": ("status", "created_at", "id"),
    "draw": ("draw_position", "created_at", "id"),
}
DEFAULT_CLAIM_SORT = "claimed"
CLAIM_SEARCH_MAX_LENGTH = 200


@dataclass(frozen=True)
class ClaimFilter:
    """The staff table's search, status filter and sort, as read from the query string."""

    query: str = ""
    status: str = ""
    sort: str = DEFAULT_CLAIM_SORT

    @property
    def is_active(self) -> bool:
        return bool(self.query or self.status)


def claim_filter_from_params(*, params) -> ClaimFilter:
    """Anything that is not a known status or a whitelisted sort key is ignored; the search is cut
    to 200 characters."""
    status = params.get("status") or ""
    sort = params.get("sortierung") or ""
    return ClaimFilter(
        query=(params.get("q") or "").strip()[:CLAIM_SEARCH_MAX_LENGTH],
        status=status if status in Claim.Status.values else "",
        sort=sort if sort in CLAIM_SORTS else DEFAULT_CLAIM_SORT,
    )


def claim_list_for_contingent(*, contingent: Contingent, claim_filter: ClaimFilter | None = None):
    """The contingent's claims as the staff table shows them (with the code): searched by name,
    e-mail and organisation, filtered by status, sorted."""
    from django.db.models import Q

    claim_filter = claim_filter or ClaimFilter()
    qs = Claim.objects.filter(contingent=contingent).select_related("ticket_code")
    for word in claim_filter.query.split()[:10]:
        qs = qs.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__icontains=word)
        )
    if claim_filter.status:
        qs = qs.filter(status=claim_filter.status)
    return qs.order_by(*CLAIM_SORTS[claim_filter.sort])


@dataclass(frozen=True)
class CodeCounts:
    total: int
    unused: int
    handed_out: int
    revoked: int


@dataclass(frozen=True)
class ContingentOverview:
    """The staff's view of a contingent: claims per status, tickets taken of the capacity, codes."""

    total: int
    by_status: list[tuple[str, str, int]]  # (status, label, count) in the order of Claim.Status
    availability: Availability
    codes: CodeCounts

    def count(self, status: str) -> int:
        return next((n for value, _label, n in self.by_status if value == status), 0)


def code_counts(*, contingent: Contingent) -> CodeCounts:
    """Imported codes: unused, handed out (linked to a claim) and revoked — one query."""
    from django.db.models import Q

    row = TicketCode.objects.filter(contingent=contingent).aggregate(
        total=Count("id"),
        unused=Count("id", filter=Q(claim__isnull=True, revoked=False)),
        handed_out=Count("id", filter=Q(claim__isnull=False)),
        revoked=Count("id", filter=Q(revoked=True)),
    )
    return CodeCounts(**row)


def contingent_overview(*, contingent: Contingent) -> ContingentOverview:
    """Claims per status (one aggregate query) and the codes (another); tickets taken follow
    the capacity rule (models.TICKETS)."""
    rows = Claim.objects.filter(contingent=contingent).order_by().values_list("status").annotate(n=Count("id"))
    counts = dict(rows)
    codes = code_counts(contingent=contingent)
    taken = sum(counts.get(status, 0) for status in TICKETS.seated)  # TICKETS holds nothing by time
    return ContingentOverview(
        total=sum(counts.values()),
        by_status=[(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices],
        availability=_availability(contingent, taken=taken, codes=codes.total - codes.revoked),
        codes=codes,
    )


def claim_get_for_staff(*, contingent: Contingent, pk: int) -> Claim | None:
    """One claim of `contingent` with its code and consents; None for another contingent's claim."""
    from django.db.models import Prefetch

    from revier.contingents.models import ClaimConsent

    return (
        Claim.objects.filter(contingent=contingent, pk=pk)
        .select_related("ticket_code")
        .prefetch_related(Prefetch("consents", queryset=ClaimConsent.objects.order_by("kind")))
        .first()
    )


def claim_allowed_actions(*, contingent: Contingent, claim: Claim) -> set[str]:
    """What staff may do with the claim in its current state ("revoke", "reissue"); the services
    check the state again under the contingent lock."""
    allowed = set()
    if claim.status in Claim.ACTIVE:
        allowed.add("revoke")
    if claim.status in Claim.HOLDING and contingent.uses_codes:
        allowed.add("reissue")
    return allowed


def claim_history(*, claim: Claim):
    """The audit entries of a claim, the newest first."""
    from revier.core.selectors import audit_history

    return audit_history(obj=claim)


def claim_answer_list(*, claim: Claim, questions) -> list[tuple[object, str]]:
    """(question, answer as text) for every question of the contingent, in its order."""
    from revier.core.export import answer_text

    return [(question, answer_text(claim.answers, question)) for question in questions]


def claims_for_export(*, contingent: Contingent, claim_filter: ClaimFilter | None = None):
    """The claims of a contingent with code and consents (two queries): all in claim order, or,
    with an active filter, those the staff table shows, in its order."""
    if claim_filter is not None and claim_filter.is_active:
        return claim_list_for_contingent(contingent=contingent, claim_filter=claim_filter).prefetch_related("consents")
    return (
        Claim.objects.filter(contingent=contingent)
        .select_related("ticket_code")
        .prefetch_related("consents")
        .order_by("created_at", "id")
    )


def claims_for_partner(*, contingent: Contingent):
    """The people the partner puts on its guest list: tickets handed out and offered, by name,
    with their consents (to decide whether the e-mail address may be passed on)."""
    return (
        Claim.objects.filter(contingent=contingent, status__in=Claim.HOLDING)
        .select_related("ticket_code")
        .prefetch_related("consents")
        .order_by("last_name", "first_name", "id")
    )



def claim_get_by_token(*, token: str, now: datetime.datetime | None = None) -> Claim | None:
    """The claim a personal link opens, or None for an unknown or expired link: one query on the
    link's unique hash (plus the consents)."""
    return (
        Claim.objects.select_related("contingent", "contingent__event", "ticket_code")
        .prefetch_related("consents")
        .filter(personal_link_q(token, now=now))
        .first()
    )
