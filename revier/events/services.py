"""Every write of the events app. Capacity rule (CONVENTIONS 4): a service that can take or free a
seat locks the category row (core.capacity.lock_capacity_owner) before it counts and writes, and
then moves people up from the waiting list while seats are free."""

import dataclasses
import datetime
import functools
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from revier.core.cache import content_changed
from revier.core import capacity
from revier.core.capacity import Availability, lock_capacity_owner_row
from revier.core.mail import Attachment, mail_language, mail_queue, mail_store, mail_write, self_service_mail_allowed, withheld, written_for
from revier.core.services import audit_log, audited_delete
from revier.core.text import render_markdown, unique_slug
from revier.core.tokens import link_expires_at, new_code, new_token, normalize_code, personal_link_issue
from revier.events import errors
from revier.events.consents import consent_text
from revier.events.options import registration_option
from revier.events.models import (
    Consent,
    Event,
    Organisation,
    ProgramItem,
    Question,
    SEATS,
    Registration,
    Speaker,
    TicketCategory,
)
from revier.events.selectors import CheckInResult, category_availability, registration_get_by_token

Status = Registration.Status


# ---------------------------------------------------------------------------------------------
# Helpers


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def manage_url(token: str) -> str:
    return absolute_url(reverse("events:registration", kwargs={"token": token}))


def _ics_attachment(registration: Registration) -> Attachment:
    from revier.events.calendar import event_ics

    event = registration.event
    ics = event_ics(event, online=registration.category.is_online)
    return Attachment(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8")


SUBJECTS = {
    "confirm_request": _("Please confirm your registration: %(title)s"),
    "waitlisted": _("Waiting list: %(title)s"),
    "link_again": _("Your registration: %(title)s"),
    "moved_up": _("A seat is free for you: %(title)s"),
    "confirmed": _("Registration confirmed: %(title)s"),
    "pending_approval": _("Registration received: %(title)s"),
    "cancelled": _("Registration cancelled: %(title)s"),
    "offer_expired": _("Offer expired: %(title)s"),
    "rejected": _("Your registration: %(title)s"),
    "event_cancelled": _("Cancelled: %(title)s"),
}


def _subject(template: str, event: Event) -> str:
    with translation.override(mail_language()):
        return str(SUBJECTS[template]) % {"title": event.title}


def _mail_context(registration: Registration, *, token: str | None, extra=None) -> dict:
    return {
        "registration": registration,
        "event": registration.event,
        "manage_url": manage_url(token) if token else None,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **(extra or {}),
    }


def _mail(registration: Registration, template: str, subject: str | None = None, *, token: str | None = None,
          extra=None, with_ics: bool = False) -> None:
    """Queues one of the registration mails (plain text and HTML) in the outbox, in the language the
    person registered in (core.mail.written_for); nothing for an anonymised registration (there is
    nobody to write to)."""
    if registration.anonymised_at is not None:
        return
    with written_for(registration.language):
        mail_queue(
            to=[registration.email],
            subject=subject if subject is not None else _subject(template, registration.event),
            template=f"events/mail/{template}",
            context=_mail_context(registration, token=token, extra=extra),
            attachments=[_ics_attachment(registration)] if with_ics else [],
        )


def _issue_link(registration: Registration, *, made: tuple[str, str] | None = None) -> str:
    """A new personal link to the registration, for one mail; the links mailed before keep working
    until they expire with the event (core.tokens.link_expires_at). `made`: a token and its hash
    made beforehand (core.tokens.new_token)."""
    return personal_link_issue(registration.links, expires_at=link_expires_at(registration.event.ends_at), made=made)


def _lock_category(category_id: int) -> TicketCategory:
    return lock_capacity_owner_row(TicketCategory, category_id, related="event")


# ---------------------------------------------------------------------------------------------
# Waiting list


def _promote_waitlist(*, category: TicketCategory, now: datetime.datetime,
                      availability: Availability | None = None) -> list[Registration]:
    """Moves the first people in line up while seats are free (core.capacity.promote): each gets an
    offer held for the event's `hold_hours` and a mail. The caller holds the category lock;
    `availability`, if given, was counted under it at `now`."""
    if category.capacity is None:
        free = None
    else:
        free = (availability or category_availability(category=category, now=now)).free

    def move_up(registration: Registration) -> None:
        registration.status = Status.OFFERED
        registration.hold_until = now + datetime.timedelta(hours=category.event.hold_hours)
        registration.save(update_fields=["status", "hold_until"])
        audit_log(actor=None, action="registration_moved_up", obj=registration,
                  data={"hold_until": registration.hold_until.isoformat()})
        _mail(registration, "moved_up", token=_issue_link(registration))

    return capacity.promote(SEATS, owner_id=category.pk, free=free, move_up=move_up, related=["event"])


# ---------------------------------------------------------------------------------------------
# Registration


@dataclass(frozen=True)
class RegistrationInput:
    category_id: int
    first_name: str
    last_name: str
    email: str
    sector: str
    organisation: str = ""
    function: str = ""
    answers: dict = field(default_factory=dict)
    consents: frozenset = frozenset()
    join_waitlist: bool = False
    options: frozenset = frozenset()  # keys of the boxes other apps offer (events.options)


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    # "created": seat held, confirmation mail sent; "waitlisted": on the waiting list;
    # "existing": the address had a registration already, its link was sent again.
    kind: str


def _check_open(event: Event, now) -> None:
    state = event.registration_state(now)
    if state == "cancelled":
        raise errors.EventCancelled()
    if state == "not_yet":
        raise errors.RegistrationNotYetOpen()
    if state != "open":
        raise errors.RegistrationClosed()


def _send_link_again(registration: Registration) -> bool:
    """Mails the registration a new link (the earlier ones keep working), unless its address has had
    as many such mails as core.mail.self_service_mail_allowed allows: then nothing is sent, silently.
    Says whether the mail was queued."""
    if not self_service_mail_allowed(email=registration.email_normalized):
        return False
    _mail(registration, "link_again", token=_issue_link(registration))
    audit_log(actor=None, action="registration_link_resent", obj=registration)
    return True


# The same registration submitted again within this time is a double submission (a double click,
# a reload): the registration made a moment ago is returned without a second mail.
REPEAT_WINDOW = datetime.timedelta(minutes=2)


def _resend_existing(existing: Registration, *, data: RegistrationInput,
                     now: datetime.datetime) -> RegistrationOutcome:
    repeat = (
        existing.category_id == data.category_id
        and (existing.first_name, existing.last_name) == (data.first_name.strip(), data.last_name.strip())
        and existing.created_at >= now - REPEAT_WINDOW
    )
    if not repeat:
        _send_link_again(existing)
    return RegistrationOutcome(registration=existing, kind="existing")


def _count(*, category: TicketCategory, now: datetime.datetime) -> tuple[Availability, capacity.LineCounts]:
    """Seats and waiting list of the category in one query over the category's rows
    (core.capacity.count_line). It runs under the category lock, so every query is paid by everyone
    in a rush. A newcomer who joins the waiting list at `now` stands right behind `ahead` (the
    order of waitlist_position)."""
    counts = capacity.count_line(SEATS, owner_id=category.pk, now=now)
    return Availability(capacity=category.capacity, taken=counts.taken), counts


def _unconfirmed_from_domain(*, event: Event, domain: str, now: datetime.datetime) -> int:
    """Unconfirmed registrations of the event that still hold a seat, from the e-mail domain (the
    squatting limit). Asked only when a sign-up would take a seat: in a rush most posts find the
    category full and are spared this query (index events_reg_event_status)."""
    return Registration.objects.filter(
        event=event, status=Status.UNCONFIRMED, hold_until__gt=now, email_normalized__endswith=f"@{domain}"
    ).count()


def signup_hold(now: datetime.datetime) -> datetime.datetime:
    """Until when a new, unconfirmed sign-up holds its place (settings.SIGNUP_HOLD_MINUTES)."""
    return now + datetime.timedelta(minutes=settings.SIGNUP_HOLD_MINUTES)


# Stands for the waiting-list position in a mail written before the lock (which alone knows the
# position): letters and digits, unchanged by HTML escaping, never typed by anyone.
_POSITION_MARK = f"position{secrets.token_hex(12)}"


@dataclass(frozen=True)
class _Prepared:
    """What a sign-up needs that does not depend on the count under the category lock, made before
    the lock is taken: everyone waiting for the lock in a rush waits only for the count and the
    writes, not for random tokens or the rendering of a mail."""

    token: tuple[str, str]  # the personal link's token and its hash
    ticket_code: str
    hold_until: datetime.datetime  # for a seat held unconfirmed
    mail_kind: str = ""  # the outcome ("created" or "waitlisted") the mail below was written for
    mail_subject: str = ""
    mail_text: str = ""
    mail_html: str = ""
    category: TicketCategory | None = None  # as the form read it (the mail's), if it is the data's
    seat_likely: bool = False  # its seats seen were free: the seat is written before the lock


def _prepare(*, event: Event, data: RegistrationInput, category: TicketCategory | None,
             seats_seen: Availability | None, now: datetime.datetime | None) -> _Prepared:
    token = new_token()
    hold_until = signup_hold(now or timezone.now())
    prepared = _Prepared(token=token, ticket_code=new_code(), hold_until=hold_until)
    if (category is None or category.pk != data.category_id or category.event_id != event.pk
            or withheld(data.email.strip())):
        return prepared
    # With the waiting-list box ticked a place on the list is likely unless the seats seen were free.
    likely_full = seats_seen.is_full if seats_seen is not None else True
    kind = "waitlisted" if data.join_waitlist and category.capacity is not None and likely_full else "created"
    template = "waitlisted" if kind == "waitlisted" else "confirm_request"
    draft = Registration(event=event, category=category, first_name=data.first_name.strip(), hold_until=hold_until)
    text, html = mail_write(
        template=f"events/mail/{template}",
        context=_mail_context(draft, token=token[0], extra={"position": _POSITION_MARK} if kind == "waitlisted" else None),
    )
    return dataclasses.replace(prepared, mail_kind=kind, mail_subject=_subject(template, event), mail_text=text,
                               mail_html=html, category=category, seat_likely=seats_seen is not None and not seats_seen.is_full)


def _mail_prepared(email: str, prepared: _Prepared, *, kind: str, position: int) -> bool:
    """Stores the mail written before the lock if it was written for this outcome (True)."""
    if prepared.mail_kind != kind:
        return False
    mark = str(position)
    mail_store(to=[email], subject=prepared.mail_subject,
               body_text=prepared.mail_text.replace(_POSITION_MARK, mark),
               body_html=prepared.mail_html.replace(_POSITION_MARK, mark))
    return True


class _CheckFirst(Exception):
    """An attempt that skipped the lookup of the address's earlier registration must be repeated
    with it (registration_create)."""


def registration_create(*, event: Event, data: RegistrationInput, now: datetime.datetime | None = None,
                        category: TicketCategory | None = None,
                        seats_seen: Availability | None = None) -> RegistrationOutcome:
    """Registers a person for a category of an event. Guarantees: the category is never overbooked
    (category row locked while counting and writing); one active registration per e-mail and event
    (a partial unique constraint): a second attempt sends the existing link again and creates
    nothing, the same registration again within REPEAT_WINDOW (a double submission) not even a mail;
    people already waiting come before newcomers; the mail goes out only if this transaction
    commits. Against seat squatting: a new, unconfirmed registration holds its seat for
    SIGNUP_HOLD_MINUTES only (the mail says until when), and at most SIGNUP_LIMIT_PER_DOMAIN
    unconfirmed registrations of one e-mail domain may hold seats of the event at a time
    (TooManyUnconfirmed): only unconfirmed ones within their hold count, so the many real users of
    gmx.de, web.de or gmail.com who confirm are not limited. The per-client limit is the view's
    (core.ratelimit.signup_hit).

    Everything under the category lock is paid by everyone in a rush, so a new address (the common
    case) is inserted without looking for an earlier registration first: when the unique
    constraint refuses the insert, or a refusal is about to be given to an address that is
    registered already, the attempt is rolled back and repeated with the lookup first. The same
    happens when the address was registered at the same moment in another category of the event
    (another lock): the constraint refuses the insert once the other transaction has committed.

    `category`: the category of `data.category_id` as the form read it, `seats_seen` its seats as
    the form saw them, if known. With the category the mail of the likely outcome (a waiting-list
    place if the box was ticked and the seats seen were not free, else a seat) is written before
    the lock is taken; it decides nothing (under the lock another outcome writes its own mail). When
    the seats seen were free, the seat itself, its link, consents, audit entry and mail are written
    before the lock too, and under it only counted (_seat_written_first): in a rush the accepted
    posts pass the lock one after the other, and each held it for all its writes."""
    check_existing = False
    prepared = _prepare(event=event, data=data, category=category, seats_seen=seats_seen, now=now)
    for attempt in range(3):
        try:
            return _registration_create(event=event, data=data, now=now, check_existing=check_existing,
                                        prepared=prepared)
        except (IntegrityError, _CheckFirst):
            if attempt == 2:
                raise
            check_existing = True
    raise AssertionError("unreachable")


def _existing_id(*, event: Event, email: str) -> int | None:
    return (
        Registration.objects.filter(event=event, email_normalized=email, status__in=Registration.ACTIVE)
        .values_list("id", flat=True)
        .first()
    )


@transaction.atomic(durable=True)
def _registration_create(*, event: Event, data: RegistrationInput, now: datetime.datetime | None,
                         check_existing: bool, prepared: _Prepared) -> RegistrationOutcome:
    if prepared.seat_likely and not check_existing:
        before = transaction.savepoint()
        outcome = _seat_written_first(event=event, data=data, now=now, prepared=prepared)
        if outcome is not None:
            return outcome
        transaction.savepoint_rollback(before)  # releases the lock too: the path below takes it again
    # Without the waiting-list box the outcome is a seat or a refusal (which rolls everything back):
    # the seat's mail is stored before the lock, one write less for everyone waiting for it. Not
    # when repeating an attempt, which may end in sending an existing link again.
    stored_early = not check_existing and not data.join_waitlist and _mail_prepared(
        data.email.strip(), prepared, kind="created", position=0)
    category = _lock_category(data.category_id)
    # Read the clock under the lock: the waiting list is ordered by `waitlisted_at`, which must
    # follow the order in which registrations take the lock (and get their ids).
    now = now or timezone.now()
    if category.event_id != event.pk:
        raise errors.RegistrationError()
    event = category.event  # as read under the lock: a cancellation a moment ago counts
    _check_open(event, now)
    email = normalize_email(data.email)

    if check_existing and (existing_id := _existing_id(event=event, email=email)) is not None:
        existing = Registration.objects.select_related("event", "category").get(pk=existing_id)
        if existing.status in Registration.HELD and (existing.hold_until is None or existing.hold_until <= now):
            _expire(existing, now=now)
        else:
            return _resend_existing(existing, data=data, now=now)

    # People already waiting come first: move them up while seats are free. One count when nobody
    # can move up; none without a limit (it is never full, and nobody waits: setting a category to
    # unlimited moves everyone up in the same transaction, category_set_capacity).
    ahead = 0
    if category.capacity is None:
        availability = Availability(capacity=None, taken=0)
    else:
        availability, counts = _count(category=category, now=now)
        if availability.free and counts.waiting and _promote_waitlist(
            category=category, now=now, availability=availability
        ):
            availability, counts = _count(category=category, now=now)
        ahead = counts.ahead
    refusal = None
    if availability.is_full and not data.join_waitlist:
        refusal = errors.CapacityExhausted
    elif not availability.is_full and category.capacity is not None and _unconfirmed_from_domain(
        event=event, domain=email.rpartition("@")[2], now=now
    ) >= settings.SIGNUP_LIMIT_PER_DOMAIN:
        refusal = errors.TooManyUnconfirmed
    if refusal is not None:
        # Someone registered already gets their link again, not the refusal.
        if not check_existing and _existing_id(event=event, email=email) is not None:
            raise _CheckFirst()
        raise refusal()
    if availability.is_full:  # after moving people up, free seats mean nobody is waiting
        status, hold_until, waitlisted_at = Status.WAITLISTED, None, now
    else:
        status, hold_until, waitlisted_at = Status.UNCONFIRMED, prepared.hold_until, None

    registration, token = _registration_write(event=event, category=category, data=data, status=status,
                                              hold_until=hold_until, waitlisted_at=waitlisted_at, prepared=prepared,
                                              now=now)
    if status == Status.WAITLISTED:
        if not _mail_prepared(registration.email, prepared, kind="waitlisted", position=ahead + 1):
            _mail(registration, "waitlisted", token=token, extra={"position": ahead + 1})
        return RegistrationOutcome(registration=registration, kind="waitlisted")
    if not stored_early and not _mail_prepared(registration.email, prepared, kind="created", position=0):
        _mail(registration, "confirm_request", token=token)
    return RegistrationOutcome(registration=registration, kind="created")


def _seat_written_first(*, event: Event, data: RegistrationInput, now: datetime.datetime | None,
                        prepared: _Prepared) -> RegistrationOutcome | None:
    """A sign-up that saw free seats (the common case until a category is full): the seat, its
    link, consents, audit entry and mail are written before the category lock is taken, so the lock
    is held only for the count and the commit. Under the lock the count includes this transaction's
    own row (the others' rows are counted once committed, and each committed under the lock):
    within the capacity and nobody waiting, the seat stands. A full category or a domain over its
    limit refuses (the insert passed the unique constraint: the address has no registration to send
    again). With someone waiting, or the category full and the waiting-list box ticked, None: the
    caller rolls the writes back and decides under the lock as usual. An address registered
    already fails the insert (IntegrityError) before the lock, and registration_create repeats the
    attempt with the lookup first."""
    email = normalize_email(data.email)
    registration, _token = _registration_write(
        event=event, category=prepared.category, data=data,
        status=Status.UNCONFIRMED, hold_until=prepared.hold_until, waitlisted_at=None, prepared=prepared,
        now=now or timezone.now(),
    )
    _mail_prepared(registration.email, prepared, kind="created", position=0)
    category = _lock_category(data.category_id)
    now = now or timezone.now()
    if category.event_id != event.pk:
        raise errors.RegistrationError()
    _check_open(category.event, now)
    if category.capacity is None:
        return RegistrationOutcome(registration=registration, kind="created")
    availability, counts = _count(category=category, now=now)  # this row included
    if counts.waiting:
        return None
    if availability.taken > category.capacity:
        if data.join_waitlist:
            return None
        raise errors.CapacityExhausted()
    if _unconfirmed_from_domain(event=event, domain=email.rpartition("@")[2], now=now) > settings.SIGNUP_LIMIT_PER_DOMAIN:
        raise errors.TooManyUnconfirmed()
    return RegistrationOutcome(registration=registration, kind="created")


def _registration_write(*, event: Event, category: TicketCategory, data: RegistrationInput, status: str,
                        hold_until: datetime.datetime | None, waitlisted_at: datetime.datetime | None,
                        prepared: _Prepared, now: datetime.datetime) -> tuple[Registration, str]:
    """Writes a new registration with its personal link, consents and audit entry; returns it and
    the link's token."""
    registration = Registration.objects.create(
        event=event,
        category=category,
        status=status,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        email_normalized=normalize_email(data.email),
        language=mail_language(),  # the page's: every later mail to the person is written in it
        organisation=data.organisation.strip(),
        function=data.function.strip(),
        sector=data.sector,
        answers=data.answers,
        options=sorted(key for key in data.options if registration_option(key) is not None),
        hold_until=hold_until,
        waitlisted_at=waitlisted_at,
        ticket_code=prepared.ticket_code,
    )
    token = _issue_link(registration, made=prepared.token)
    Consent.objects.bulk_create(
        Consent(registration=registration, kind=kind, text=consent_text(kind)[1], text_version=consent_text(kind)[0], given_at=now)
        for kind in sorted(data.consents)
    )
    audit_log(actor=None, action="registration_created", obj=registration, data={"status": status, "category": category.pk})
    return registration, token


def _seat_confirmed(registration: Registration, *, now) -> None:
    event = registration.event
    registration.status = Status.PENDING_APPROVAL if event.requires_approval else Status.CONFIRMED
    registration.hold_until = None
    registration.confirmed_at = now
    registration.save(update_fields=["status", "hold_until", "confirmed_at"])
    audit_log(actor=None, action="registration_confirmed", obj=registration, data={"status": registration.status})
    # The e-mail address is confirmed now: the apps whose boxes were ticked take over (after the commit).
    for key in registration.options or ():
        if (option := registration_option(key)) is not None:
            transaction.on_commit(functools.partial(option.confirmed, registration.pk))


@transaction.atomic(durable=True)
def registration_confirm(*, token: str, now: datetime.datetime | None = None) -> Registration:
    """Double opt-in: the person confirms with the link from the mail. A confirmed registration keeps
    its seat (or waits for approval). If the hold has run out, the seat is given if one is free,
    otherwise the person goes on the waiting list. Confirming twice changes nothing."""
    found = registration_get_by_token(token=token)
    if found is None:
        raise errors.LinkInvalid()
    category = _lock_category(found.category_id)
    now = now or timezone.now()  # under the lock, as in registration_create (waiting-list order)
    registration = Registration.objects.select_related("event", "category").get(pk=found.pk)
    if registration.status in (Status.CONFIRMED, Status.PENDING_APPROVAL):
        return registration
    if registration.event.is_cancelled:
        raise errors.EventCancelled()
    if registration.status not in Registration.HELD:
        raise errors.InvalidTransition()
    if registration.hold_until is None or registration.hold_until <= now:
        # The hold ran out: give the seat only if nobody else is waiting for a free one.
        _promote_waitlist(category=category, now=now)
        others = category_availability(category=category, now=now)
        if others.is_full:
            registration.status = Status.WAITLISTED
            registration.hold_until = None
            registration.waitlisted_at = now
            registration.save(update_fields=["status", "hold_until", "waitlisted_at"])
            audit_log(actor=None, action="registration_waitlisted_after_expiry", obj=registration)
            return registration
    _seat_confirmed(registration, now=now)
    if registration.status == Status.CONFIRMED:
        _mail(registration, "confirmed", token=token, with_ics=True)
    else:
        _mail(registration, "pending_approval", token=token)
    return registration


def _expire(registration: Registration, *, now) -> None:
    registration.status = Status.EXPIRED
    registration.save(update_fields=["status"])
    audit_log(actor=None, action="registration_expired", obj=registration)


@transaction.atomic(durable=True)
def registration_cancel(*, registration: Registration, actor: User | None = None,
                        now: datetime.datetime | None = None) -> Registration:
    """Cancels a registration (by the person or an organiser); the seat is free at once and the
    first person on the waiting list is moved up in the same transaction."""
    now = now or timezone.now()
    category = _lock_category(registration.category_id)
    registration = Registration.objects.select_related("event", "category").get(pk=registration.pk)
    if not registration.is_active:
        return registration
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.hold_until = None
    registration.save(update_fields=["status", "cancelled_at", "hold_until"])
    audit_log(actor=actor, action="registration_cancelled", obj=registration)
    _mail(registration, "cancelled",
          extra={"by_organiser": actor is not None})
    _promote_waitlist(category=category, now=now)
    return registration


@transaction.atomic(durable=True)
def registration_update(*, registration: Registration, first_name: str, last_name: str, organisation: str,
                        function: str, sector: str, answers: dict) -> Registration:
    """Self-service: the person changes name, organisation, function, sector and answers (not the e-mail
    address, which the registration is bound to)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active or registration.is_anonymised:
        raise errors.InvalidTransition()
    registration.first_name = first_name.strip()
    registration.last_name = last_name.strip()
    registration.organisation = organisation.strip()
    registration.function = function.strip()
    registration.sector = sector
    registration.answers = answers
    registration.save(update_fields=["first_name", "last_name", "organisation", "function", "sector", "answers"])
    audit_log(actor=None, action="registration_changed", obj=registration)
    return registration


@transaction.atomic(durable=True)
def registration_resend_links(*, email: str, now: datetime.datetime | None = None) -> int:
    """"Link erneut senden": every active registration of the address for an event that has not
    ended gets a new link by mail (the links sent before keep working), within the limit of
    core.mail.self_service_mail_allowed. Says nothing to the requester about whether registrations
    exist or mails were withheld; returns how many mails were queued."""
    now = now or timezone.now()
    registrations = list(
        Registration.objects.select_related("event", "category")
        .filter(email_normalized=normalize_email(email), status__in=Registration.ACTIVE, event__ends_at__gte=now)
        .order_by("event__starts_at")
    )
    return sum(_send_link_again(registration) for registration in registrations)


# ---------------------------------------------------------------------------------------------
# Worker task


def _confirm_window_over(registration: Registration, now: datetime.datetime) -> bool:
    # The link of an unconfirmed registration stays valid for the event's `hold_hours`; its seat is
    # held only for SIGNUP_HOLD_MINUTES of them.
    return registration.created_at + datetime.timedelta(hours=registration.event.hold_hours) <= now


def registrations_expire_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task, category by category under its lock (core.capacity.expire_due): an offer not
    confirmed in time expires (with a mail); an unconfirmed registration whose seat hold ran out
    keeps its link until the event's `hold_hours` are over, but holds no seat any more
    (`hold_until` cleared): confirmed later, it gets a seat only if one is free, otherwise a place
    on the waiting list. Freed seats go to the waiting list. Afterwards, unconfirmed registrations
    whose link ran out expire. Capacity never depends on this task (a hold that ran out does not
    count anyway); it only sends the offers sooner. Returns the registrations whose hold ended."""
    now = now or timezone.now()

    def expire(registration: Registration) -> None:
        if registration.status == Status.UNCONFIRMED and not _confirm_window_over(registration, now):
            registration.hold_until = None
            registration.save(update_fields=["hold_until"])
            audit_log(actor=None, action="registration_hold_lapsed", obj=registration)
            return
        was_offer = registration.status == Status.OFFERED
        _expire(registration, now=now)
        if was_offer:
            _mail(registration, "offer_expired")

    ended = capacity.expire_due(
        SEATS, now=now, lock=_lock_category, expire=expire,
        after=lambda category: _promote_waitlist(category=category, now=now), related=["event"],
    )
    # Unconfirmed without a hold take no seat: no lock needed; the status condition keeps a
    # confirmation of the same moment.
    lapsed = Registration.objects.select_related("event").filter(
        status=Status.UNCONFIRMED, hold_until__isnull=True, created_at__lte=now - datetime.timedelta(hours=1)
    )
    for registration in lapsed:
        if not _confirm_window_over(registration, now):
            continue
        with transaction.atomic(durable=True):
            if Registration.objects.filter(
                pk=registration.pk, status=Status.UNCONFIRMED, hold_until__isnull=True
            ).update(status=Status.EXPIRED):
                audit_log(actor=None, action="registration_expired", obj=registration)
    return ended


# ---------------------------------------------------------------------------------------------
# Organiser actions


@transaction.atomic(durable=True)
def registration_approve(*, registration: Registration, actor: User | None) -> Registration:
    """An organiser approves a registration that waits for approval: it keeps its seat, is confirmed,
    and the person gets the ticket mail with a new personal link."""
    registration = Registration.objects.select_for_update().select_related("event", "category").get(pk=registration.pk)
    if registration.status != Status.PENDING_APPROVAL:
        raise errors.InvalidTransition()
    registration.status = Status.CONFIRMED
    registration.save(update_fields=["status"])
    audit_log(actor=actor, action="registration_approved", obj=registration)
    _mail(registration, "confirmed", token=_issue_link(registration), with_ics=True)
    return registration


@transaction.atomic(durable=True)
def registration_reject(*, registration: Registration, actor: User | None,
                        now: datetime.datetime | None = None) -> Registration:
    """An organiser rejects a registration that waits for approval: the person is told, the seat is
    free at once and goes to the first in line (category lock held)."""
    now = now or timezone.now()
    category = _lock_category(registration.category_id)
    registration = Registration.objects.select_related("event", "category").get(pk=registration.pk)
    if registration.status != Status.PENDING_APPROVAL:
        raise errors.InvalidTransition()
    registration.status = Status.REJECTED
    registration.save(update_fields=["status"])
    audit_log(actor=actor, action="registration_rejected", obj=registration)
    _mail(registration, "rejected")
    _promote_waitlist(category=category, now=now)
    return registration


@transaction.atomic(durable=True)
def registration_move_up(*, registration: Registration, actor: User | None,
                         now: datetime.datetime | None = None) -> Registration:
    """An organiser moves a person on the waiting list up by hand. With a free seat the person gets
    the offer at once; without one, the person goes to the head of the line and gets the next seat.
    Never more seats than the capacity."""
    now = now or timezone.now()
    category = _lock_category(registration.category_id)
    registration = Registration.objects.select_related("event", "category").get(pk=registration.pk)
    if registration.status != Status.WAITLISTED:
        raise errors.InvalidTransition()
    first = (
        Registration.objects.filter(category=category, status=Status.WAITLISTED)
        .exclude(pk=registration.pk)
        .order_by("waitlisted_at", "id")
        .values_list("waitlisted_at", flat=True)
        .first()
    )
    if first is not None and first <= registration.waitlisted_at:
        registration.waitlisted_at = first - datetime.timedelta(microseconds=1)
        registration.save(update_fields=["waitlisted_at"])
    audit_log(actor=actor, action="registration_moved_to_head", obj=registration)
    _promote_waitlist(category=category, now=now)
    registration.refresh_from_db()
    return registration


@transaction.atomic
def category_set_capacity(*, category: TicketCategory, capacity: int | None, actor: User | None,
                          now: datetime.datetime | None = None) -> TicketCategory:
    """Changes a category's capacity; raised capacity is offered to the waiting list at once.
    Lowering it below the seats taken takes no seat away; nobody new gets one until it is free."""
    now = now or timezone.now()
    category = _lock_category(category.pk)
    old = category.capacity
    category.capacity = capacity
    category.save(update_fields=["capacity"])
    audit_log(actor=actor, action="category_capacity_changed", obj=category, data={"from": old, "to": capacity})
    _promote_waitlist(category=category, now=now)
    return category


def registration_check_in(*, event: Event, code: str, actor: User | None,
                          now: datetime.datetime | None = None) -> CheckInResult:
    """Checks a ticket in once. The conditional UPDATE is atomic on both databases: of two devices
    scanning the same ticket at the same moment exactly one succeeds, the other sees "already"."""
    now = now or timezone.now()
    normalized = normalize_code(code)
    registration = Registration.objects.select_related("category").filter(event=event, ticket_code=normalized).first()
    if registration is None:
        return CheckInResult(kind="not_found")
    if registration.status != Status.CONFIRMED:
        return CheckInResult(kind="not_valid", registration=registration)
    with transaction.atomic(durable=True):
        won = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=now, checked_in_by=actor
        )
        if won:
            audit_log(actor=actor, action="registration_checked_in", obj=registration)
    registration.refresh_from_db(fields=["checked_in_at", "checked_in_by"])
    return CheckInResult(kind="checked_in" if won else "already", registration=registration)


@transaction.atomic(durable=True)
def registrations_message(*, event: Event, registrations: Iterable[Registration], subject: str, body: str,
                          actor: User | None) -> int:
    """Sends an organiser's message to the given registrations through the outbox (one mail each,
    queued in this transaction, sent after commit) with one audit entry; returns how many."""
    count = 0
    for registration in registrations:
        _mail(registration, "organiser_message", subject, extra={"body": body})
        count += 1
    audit_log(actor=actor, action="registrations_messaged", obj=event, data={"count": count, "subject": subject})
    return count


# ---------------------------------------------------------------------------------------------
# Events


@transaction.atomic
def event_save(*, event: Event, actor: User | None = None) -> Event:
    """Saves an event with its rendered, sanitised description and an audit entry."""
    created = event.pk is None
    if not event.slug:
        event.slug = unique_slug(model=Event, title=event.title, pk=event.pk, fallback="x")
    event.description_html = render_markdown(event.description)
    event.description_en_html = render_markdown(event.description_en) if event.description_en.strip() else ""
    event.full_clean(exclude=["organisers", "topics", "managers"])
    event.save()
    audit_log(actor=actor, action="event_created" if created else "event_changed", obj=event)
    content_changed()  # the home page and news pages may show events later
    return event


@transaction.atomic
def event_cancel(*, event: Event, note: str, actor: User | None) -> Event:
    """Cancels an event: it stays visible with a notice, registration closes, and everyone with an
    active registration is told by mail."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        return event
    event.status = Event.Status.CANCELLED
    event.cancellation_note = note
    event.save(update_fields=["status", "cancellation_note", "updated_at"])
    audit_log(actor=actor, action="event_cancelled", obj=event)
    for registration in Registration.objects.select_related("event", "category").filter(
        event=event, status__in=Registration.ACTIVE
    ):
        _mail(registration, "event_cancelled", extra={"note": note})
    return event


@transaction.atomic
def event_team_add(*, event: Event, user: User, actor: User | None) -> bool:
    """Makes `user` a member of the event's team (Veranstaltungsteam, Event.managers: its
    registrations, check-in, messages, meetings). Audited on the event with the account's id only.
    Returns False if the account already was in the team (nothing written)."""
    if event.managers.filter(pk=user.pk).exists():
        return False
    event.managers.add(user)
    audit_log(actor=actor, action="event_team_added", obj=event, data={"user_id": user.pk})
    return True


@transaction.atomic
def event_team_remove(*, event: Event, user: User, actor: User | None) -> bool:
    """Takes `user` out of the event's team; audited like event_team_add. False if not in it."""
    if not event.managers.filter(pk=user.pk).exists():
        return False
    event.managers.remove(user)
    audit_log(actor=actor, action="event_team_removed", obj=event, data={"user_id": user.pk})
    return True


# ---------------------------------------------------------------------------------------------
# Organisations, speakers, program, categories, questions (used by the demo and organiser forms)


def _save_checked(obj, *, action: str, actor, exclude=()) -> None:
    created = obj.pk is None
    obj.full_clean(exclude=list(exclude))
    obj.save()
    audit_log(actor=actor, action=f"{action}_{'created' if created else 'changed'}", obj=obj)


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor: User | None = None) -> Organisation:
    """Saves an organiser (name, link, logo with alt text) after validation, with an audit entry."""
    _save_checked(organisation, action="organisation", actor=actor)
    return organisation


@transaction.atomic
def speaker_save(*, speaker: Speaker, actor: User | None = None) -> Speaker:
    """Saves a speaker after validation; a blank slug is made from the name."""
    if not speaker.slug:
        speaker.slug = unique_slug(model=Speaker, title=speaker.name, pk=speaker.pk, fallback="x")
    _save_checked(speaker, action="speaker", actor=actor)
    return speaker


@transaction.atomic
def program_item_save(*, item: ProgramItem, speakers: list[Speaker] | None = None,
                      actor: User | None = None) -> ProgramItem:
    """Saves a program item after validation; `speakers` (if given) replaces its speakers."""
    _save_checked(item, action="program_item", actor=actor)
    if speakers is not None:
        item.speakers.set(speakers)
    return item


@transaction.atomic
def program_item_delete(*, item: ProgramItem, actor: User | None = None) -> None:
    """Deletes a program item, with an audit entry naming its event."""
    audited_delete(obj=item, actor=actor, action="program_item_deleted", data={"event": item.event_id})
    content_changed()


@transaction.atomic
def event_delete(*, event: Event, actor: User | None) -> None:
    """Deletes an event without registrations (the database refuses the others: PROTECT) with its
    program, categories and questions, in one transaction with an audit entry."""
    audited_delete(obj=event, actor=actor, action="event_deleted")
    content_changed()


@transaction.atomic
def ticket_category_delete(*, category: TicketCategory, actor: User | None) -> None:
    """Deletes a ticket category nobody registered for (PROTECT refuses the others), with an audit
    entry naming its event."""
    audited_delete(obj=category, actor=actor, action="category_deleted", data={"event": category.event_id})
    content_changed()


@transaction.atomic
def question_delete(*, question: Question, actor: User | None) -> None:
    """Deletes a registration question (answers already given stay in the registrations), with an
    audit entry naming its event."""
    audited_delete(obj=question, actor=actor, action="question_deleted", data={"event": question.event_id})


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: User | None) -> None:
    """Deletes an organisation (events lose it from their organisers), with an audit entry."""
    audited_delete(obj=organisation, actor=actor, action="organisation_deleted")
    content_changed()


@transaction.atomic
def speaker_delete(*, speaker: Speaker, actor: User | None) -> None:
    """Deletes a speaker (program items lose them), with an audit entry."""
    audited_delete(obj=speaker, actor=actor, action="speaker_deleted")
    content_changed()


@transaction.atomic
def ticket_category_save(*, category: TicketCategory, actor: User | None = None) -> TicketCategory:
    """Creates a ticket category or changes its name, description and position. A capacity change
    of an existing category goes through category_set_capacity (it may move people up)."""
    if category.pk is not None:
        stored = TicketCategory.objects.get(pk=category.pk)
        if stored.capacity != category.capacity:
            raise errors.InvalidTransition()
    _save_checked(category, action="category", actor=actor)
    return category


@transaction.atomic
def question_save(*, question: Question, actor: User | None = None) -> Question:
    """Saves a registration question of an event after validation, with an audit entry."""
    _save_checked(question, action="question", actor=actor)
    return question


@transaction.atomic
def registration_import(*, event: Event, data: RegistrationInput, registered_at: datetime.datetime,
                        checked_in_at: datetime.datetime | None = None, actor: User | None = None) -> Registration:
    """Adds a registration that was confirmed elsewhere (a list from an earlier tool, the demo):
    confirmed at `registered_at`, without opt-in mail. Capacity holds as for every registration
    (category row locked while counting; CapacityExhausted when full); an address with an active
    registration for the event raises RegistrationError, nothing is created twice."""
    category = _lock_category(data.category_id)
    if category.event_id != event.pk:
        raise errors.RegistrationError()
    email = normalize_email(data.email)
    if Registration.objects.filter(event=event, email_normalized=email, status__in=Registration.ACTIVE).exists():
        raise errors.RegistrationError()
    if category_availability(category=category, now=timezone.now()).is_full:
        raise errors.CapacityExhausted()
    registration = Registration.objects.create(
        event=event,
        category=category,
        status=Status.CONFIRMED,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        email_normalized=normalize_email(data.email),
        organisation=data.organisation.strip(),
        function=data.function.strip(),
        sector=data.sector,
        answers=data.answers,
        ticket_code=new_code(),
        confirmed_at=registered_at,
        checked_in_at=checked_in_at,
    )
    # created_at is set on insert (auto_now_add); the import keeps the original time.
    Registration.objects.filter(pk=registration.pk).update(created_at=registered_at)
    registration.created_at = registered_at
    Consent.objects.bulk_create(
        Consent(registration=registration, kind=kind, text=consent_text(kind)[1], text_version=consent_text(kind)[0],
                given_at=registered_at)
        for kind in sorted(data.consents)
    )
    audit_log(actor=actor, action="registration_imported", obj=registration, data={"category": category.pk})
    return registration
