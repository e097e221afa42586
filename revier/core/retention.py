"""Retention of personal data (issue 12 §3, docs/security.md "Aufbewahrung und Anonymisierung").

An app whose objects hold personal data gives each owner (an event, a contingent) a retention period
in days, counted from the owner's end; its worker task anonymises the objects whose period is over.
What the apps share lives here: the default period, when a period ends, blanking the audit entries
and the outbox mails of anonymised people, and the protocol of a run. Callers hold the transaction
of the anonymisation they report (these helpers write, they do not open one)."""

import datetime
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.models import AuditEntry, OutboxMail, RetentionPeriod
from revier.core.services import audit_log

# What replaces a name where a field must say something.
ANONYMISED = "anonymisiert"
# The action of the protocol rows (one per run and kind of object that anonymised anything).
PROTOCOL_ACTION = "retention_anonymised"
# Longest period staff may set (ten years); at least one day.
RETENTION_VALIDATORS = [MinValueValidator(1), MaxValueValidator(3650)]
# Audit details that never hold a person's values (statuses, ids, counts): kept when an entry's
# object is anonymised; every other detail of such an entry is removed.
_HARMLESS_DETAILS = frozenset({"status", "category", "count", "ids", "from", "to", "kind"})


@dataclass(frozen=True)
class Period:
    """A kind of personal data whose retention period administrators set in the staff area
    (`/verwaltung/einstellungen/aufbewahrung/`): its key (stored in core.RetentionPeriod), its
    label, what the days count from, and its default (a setting, or a number)."""

    key: str
    label: str
    counted_from: str
    default_setting: str = ""
    default_days: int = 0
    # The key of a period this one must be shorter than ("" for none): a warning before the end.
    shorter_than: str = ""

    def default(self) -> int:
        return int(getattr(settings, self.default_setting)) if self.default_setting else self.default_days


PERIODS: tuple[Period, ...] = (
    Period("registrations", _("Registrations (with waiting list, answers, check-in) and meeting requests"),
           _("after the end of the event; the default of new events, each event may have its own"),
           default_setting="RETENTION_DAYS_DEFAULT"),
    Period("claims", _("Free-ticket claims"),
           _("after the event the tickets are for; the default of new contingents, each contingent may have its own"),
           default_setting="RETENTION_DAYS_DEFAULT"),
    Period("network_profiles", _("Network profiles with offers and needs"),
           _("after the profile's last sign of life (a change, an event, a request)"),
           default_setting="NETWORK_PROFILE_RETENTION_DAYS"),
    Period("network_profile_warning", _("Warning before a network profile is anonymised"),
           _("before a network profile's period ends: its person gets one mail with the link to keep the profile "
             "or delete it now; fewer days than the network profiles' period"),
           default_setting="NETWORK_PROFILE_WARNING_DAYS", shorter_than="network_profiles"),
    Period("network_contacts", _("Contact requests in the network outside events"),
           _("after they were answered or lapsed"), default_setting="NETWORK_CONTACT_RETENTION_DAYS"),
    Period("contact_messages", _("Messages through the contact form"), _("after arrival"), default_days=180),
    Period("barrier_reports", _("Reported barriers"), _("after arrival"), default_days=180),
)
PERIOD_BY_KEY = {period.key: period for period in PERIODS}
# The permission of the role Administration that lets staff change retention periods (here and on
# each event and contingent).
CHANGE_PERMISSION = "core.change_retentionperiod"


def can_change_retention(user) -> bool:
    """Active staff with the role Administration (CHANGE_PERMISSION), and superusers, set the
    retention periods: the defaults here and each event's or contingent's own."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(CHANGE_PERMISSION))


def retention_periods() -> dict[str, int]:
    """Every period's days by key: the administrators' value, else the default. One query."""
    days = {period.key: period.default() for period in PERIODS}
    days.update({key: value for key, value in RetentionPeriod.objects.filter(key__in=days).values_list("key", "days")})
    return days


def retention_period(key: str) -> int:
    """The days of one period (PERIODS): the administrators' value, else the default. One query."""
    value = RetentionPeriod.objects.filter(key=key).values_list("days", flat=True).first()
    return PERIOD_BY_KEY[key].default() if value is None else value


def retention_periods_shown() -> dict[str, int]:
    """retention_periods() for pages and forms: kept per content generation (core.fragments;
    RetentionPeriod is a content model, so a change shows at once), no query while nothing changes."""
    import json

    from revier.core.fragments import fragment

    return json.loads(fragment("core:retention-periods", [], lambda: json.dumps(retention_periods())))


# What follows a default when an administrator changes it: each app that copies a default into its
# objects (events, contingents) registers a function (old days, new days, now) -> how many objects
# that still had the old default now have the new one (core imports no app).
PeriodFollower = Callable[[int, int, datetime.datetime], int]
_followers: dict[str, PeriodFollower] = {}


def register_period_follower(key: str, follower: PeriodFollower) -> None:
    _followers[key] = follower


def period_has_followers(key: str) -> bool:
    return key in _followers


@dataclass(frozen=True)
class PeriodChange:
    key: str
    old: int
    new: int
    followed: int | None  # objects that took the new default (None: not asked)


def retention_periods_check(days: dict[str, int]) -> dict[str, str]:
    """The periods of `days` (every key of PERIODS) that are not shorter than the period they warn
    before (Period.shorter_than), with a German message each; empty when all is well."""
    problems = {}
    for period in PERIODS:
        if period.shorter_than and days[period.key] >= days[period.shorter_than]:
            problems[period.key] = str(_("Please enter fewer days than for “%(other)s” (%(days)d).") % {
                "other": PERIOD_BY_KEY[period.shorter_than].label, "days": days[period.shorter_than]})
    return problems


def retention_periods_set(*, days: dict[str, int], apply_to_existing: Iterable[str] = (), actor) -> list[PeriodChange]:
    """Sets the periods named in `days` (key: 1 to 3650 days; ValidationError otherwise, nothing
    changed; also when a warning would not come before its period's end, retention_periods_check) in
    one transaction, each change audited as retention_period_changed with the old and
    new days. For the keys in `apply_to_existing` that an app follows (register_period_follower:
    events, contingents), the objects that still have the old period and whose period has not ended
    yet get the new one too; their number is in the audit entry. Returns the changes."""
    for key, value in days.items():
        PERIOD_BY_KEY[key]  # KeyError for an unknown kind
        for validator in RETENTION_VALIDATORS:
            validator(value)
    apply_to_existing = set(apply_to_existing)
    changes = []
    now = timezone.now()
    with transaction.atomic(durable=True):
        rows = {row.key: row for row in RetentionPeriod.objects.select_for_update().filter(key__in=days)}
        problems = retention_periods_check({**retention_periods(), **days})
        if problems:
            raise ValidationError(problems)
        for key, value in days.items():
            row = rows.get(key)
            old = row.days if row is not None else PERIOD_BY_KEY[key].default()
            if old == value:
                continue
            if row is None:
                row = RetentionPeriod.objects.create(key=key, days=value)
            else:
                row.days = value
                row.save(update_fields=["days", "changed_at"])
            follower = _followers.get(key) if key in apply_to_existing else None
            followed = follower(old, value, now) if follower is not None else None
            data = {"from": old, "to": value}
            if followed is not None:
                data["count"] = followed
            audit_log(actor=actor, action="retention_period_changed", obj=row, data=data)
            changes.append(PeriodChange(key=key, old=old, new=value, followed=followed))
    return changes


def default_retention_days() -> int:
    """settings.RETENTION_DAYS_DEFAULT: the default the events' and contingents' first migrations
    name (they run before core.RetentionPeriod exists). Models use the two functions below."""
    return settings.RETENTION_DAYS_DEFAULT


def registration_retention_default() -> int:
    """The period a new event starts with: the administrators' period "registrations"."""
    return retention_period("registrations")


def claim_retention_default() -> int:
    """The period a new contingent starts with: the administrators' period "claims"."""
    return retention_period("claims")


def retention_ends_at(end: datetime.datetime, days: int) -> datetime.datetime:
    """When the personal data of something that ended at `end` is anonymised."""
    return end + datetime.timedelta(days=days)


def _harmless(key: str, value) -> bool:
    if key not in _HARMLESS_DETAILS:
        return False
    if isinstance(value, (list, tuple)):
        return all(isinstance(item, (int, float, bool)) or (isinstance(item, str) and item.isdigit()) for item in value)
    return value is None or isinstance(value, (int, float, bool)) or (key == "status" and isinstance(value, str))


def audit_entries_anonymise(*, model: type[models.Model], object_ids: Iterable[int]) -> int:
    """Blanks what the audit entries of the anonymised objects `object_ids` of `model` could still
    say about the person: the object's name (object_repr, kept by older entries) and every detail
    but statuses, ids and counts. Who acted, what and when stay. Returns how many entries changed;
    one read and one bulk write per call."""
    ids = [str(pk) for pk in object_ids]
    if not ids:
        return 0
    changed = []
    for entry in AuditEntry.objects.filter(object_type=model._meta.label_lower, object_id__in=ids).only(
        "id", "object_repr", "data"
    ):
        data = entry.data if isinstance(entry.data, dict) else {}
        kept = {key: value for key, value in data.items() if _harmless(key, value)}
        if entry.object_repr or kept != entry.data:
            entry.object_repr, entry.data = "", kept
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["object_repr", "data"], batch_size=500)
    return len(changed)


# "Is this address still used?": one check per app that keeps people's addresses (registered in
# its AppConfig.ready; core imports no app). A check gets lower-case addresses and returns those a
# living (not anonymised) object of its app still uses.
AddressCheck = Callable[[set[str]], set[str]]
_address_checks: dict[str, AddressCheck] = {}


def register_address_check(name: str, check: AddressCheck) -> None:
    """Registers (or replaces, by `name`) an app's check for addresses still in use."""
    _address_checks[name] = check


def addresses_in_use(addresses: Iterable[str]) -> set[str]:
    """Those of `addresses` (compared without case) that a living object of any app still uses."""
    wanted = {address.strip().lower() for address in addresses if address and address.strip()}
    used: set[str] = set()
    for check in _address_checks.values():
        if not wanted - used:
            break
        used |= {address.lower() for address in check(wanted - used)}
    return used


def outbox_forget(*, addresses: Iterable[str]) -> int:
    """Deletes every outbox mail (waiting, failed or sent, whose envelope still names the address)
    addressed to one of `addresses` (compared without case) that no living object of any app uses
    any more (`addresses_in_use`: a claim, a profile or a registration of another event may still
    be waiting for a mail to that address). Call it after the objects themselves were anonymised.
    Returns how many mails were deleted."""
    wanted = {address.strip().lower() for address in addresses if address and address.strip()}
    wanted -= addresses_in_use(wanted)
    if not wanted:
        return 0
    # A first cut in the database (the recipients' JSON text contains one of the addresses), the
    # exact test in Python: the outbox holds a month of mails at most (core.mail.outbox_purge).
    condition = Q()
    for address in wanted:
        condition |= Q(to__icontains=address)
    doomed = [
        pk for pk, to in OutboxMail.objects.filter(condition).values_list("id", "to")
        if any(str(recipient).strip().lower() in wanted for recipient in (to or []))
    ]
    if not doomed:
        return 0
    return OutboxMail.objects.filter(pk__in=doomed).delete()[0]


def retention_protocol(*, model: type[models.Model], count: int, owners: Iterable[int], now: datetime.datetime) -> AuditEntry:
    """Writes the protocol row of one run for one kind of object: what (`model`), how many
    (`count`), of which owners (ids of events, contingents), when. No personal data."""
    assert connection.in_atomic_block, "write the protocol in the anonymisation's transaction"
    return AuditEntry.objects.create(
        actor=None,
        action=PROTOCOL_ACTION,
        object_type=model._meta.label_lower,
        object_id="",
        object_repr="",
        data={"count": count, "owners": sorted(set(owners)), "at": now.isoformat()},
    )


def anonymised_marker():
    """A value of its own per row ("anonymisiert-17") for a unique column (an address, a ticket
    code): no typed or scanned value can match it (core.tokens.normalize_code keeps only upper-case
    code characters)."""
    return Concat(Value(f"{ANONYMISED}-"), Cast("id", output_field=CharField()), output_field=CharField())


@dataclass(frozen=True)
class RetentionKind:
    """What an app tells `anonymise_due` and `anonymise_one` about one kind of object: its model
    (with a nullable `anonymised_at`), the field naming its owner (an event, a contingent; "" for
    none: the protocol then lists no owners), the field of its normalised address ("" for none) and
    `blank(ids, now)`, which replaces the personal values of the rows `ids` (and deletes their
    personal links), marking them `anonymised_at=now`."""

    model: type[models.Model]
    blank: Callable[[list[int], datetime.datetime], None]
    owner_field: str = ""
    address_field: str = ""


def _anonymise_locked(kind: RetentionKind, rows: models.QuerySet, *, now: datetime.datetime, limit: int | None) -> int:
    fields = ["id", kind.owner_field or "id", kind.address_field or "id"]
    found = list(rows.select_for_update().filter(anonymised_at__isnull=True).order_by("id").values_list(*fields)[:limit])
    if not found:
        return 0
    ids = [pk for pk, _, _ in found]
    kind.blank(ids, now)
    audit_entries_anonymise(model=kind.model, object_ids=ids)
    if kind.address_field:
        outbox_forget(addresses={address for _, _, address in found})
    retention_protocol(model=kind.model, count=len(ids), owners=[owner for _, owner, _ in found] if kind.owner_field else [],
                       now=now)
    return len(ids)


def anonymise_due(kind: RetentionKind, *, rows: models.QuerySet, now: datetime.datetime, batch_size: int = 1000) -> int:
    """Worker task body: anonymises at most `batch_size` of `rows` (the objects whose period is
    over) not anonymised yet, in one durable transaction with the rows locked: `kind.blank`, their
    audit entries blanked (audit_entries_anonymise), the outbox mails to addresses no living
    object uses any more deleted (outbox_forget), one protocol row (retention_protocol) when it
    anonymised anything. Idempotent: a marked row is never touched again. Returns how many."""
    with transaction.atomic(durable=True):
        return _anonymise_locked(kind, rows, now=now, limit=batch_size)


def anonymise_one(kind: RetentionKind, *, pk: int, now: datetime.datetime) -> bool:
    """The same for one object, now (a person's "delete my data now"): in the caller's transaction
    or one of its own. Returns False when it was anonymised already."""
    with transaction.atomic():
        return _anonymise_locked(kind, kind.model.objects.filter(pk=pk), now=now, limit=None) == 1


# Editable pages (the privacy statement) name a period as "[[retention:registrations]]": replaced by
# the configured days whenever the page is shown, so the text never states an outdated period.
_TOKEN = re.compile(r"\[\[retention:([a-z_]+)\]\]")


def retention_tokens_fill(text: str) -> str:
    """`text` with every "[[retention:KEY]]" of a known period replaced by its days (one query when
    there is any; unknown keys stay as they are, so that an editor sees the mistake)."""
    if "[[retention:" not in text:
        return text
    days = retention_periods()
    return _TOKEN.sub(lambda match: str(days[match.group(1)]) if match.group(1) in days else match.group(0), text)
