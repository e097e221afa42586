"""Every write of the contingents app. Capacity rule (CONVENTIONS 4), the same mechanism as the
events: a service that hands out or frees a ticket locks the contingent row
(core.capacity.lock_capacity_owner) before it counts and writes; the unique one-to-one link of a code
to a claim and the partial unique constraints on active claims back it up in the database."""

import csv
import datetime
import hashlib
import io
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.contingents import errors
from revier.contingents.consents import consent_text
from revier.contingents.models import (
    TICKETS,
    Claim,
    ClaimConsent,
    Contingent,
    DrawProtocol,
    EligibilityQuestion,
    TicketCode,
)
from revier.contingents.selectors import claim_get_by_token, contingent_availability, waitlist_position
from revier.core.cache import content_changed
from revier.core import capacity
from revier.core.capacity import lock_capacity_owner
from revier.core.mail import mail_language, mail_queue, self_service_mail_allowed, written_for
from revier.core.services import audit_log, audited_delete
from revier.core.text import render_markdown, unique_slug
from revier.core.tokens import link_expires_at, new_code, personal_link_issue, personal_link_q

Status = Claim.Status


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def normalize_organisation(name: str) -> str:
    return " ".join((name or "").lower().replace(".", " ").replace(",", " ").split())


def claim_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("contingents:claim", kwargs={"token": token})


# ---------------------------------------------------------------------------------------------
# Mails

SUBJECTS = {
    "confirm_request": _("Please confirm your e-mail address: %(title)s"),
    "link_again": _("Your ticket request: %(title)s"),
    "allocated": _("Your free ticket: %(title)s"),
    "offered": _("A free ticket for you: please accept – %(title)s"),
    "waitlisted": _("Waiting list: %(title)s"),
    "applied": _("Your application: %(title)s"),
    "not_drawn": _("Lottery result: %(title)s"),
    "returned": _("Ticket given back: %(title)s"),
    "offer_expired": _("Offer expired: %(title)s"),
    "revoked": _("Your ticket was withdrawn: %(title)s"),
    "code_reissued": _("Your new ticket code: %(title)s"),
}


def _mail(claim: Claim, template: str, *, token: str | None = None, extra=None) -> None:
    if claim.anonymised_at is not None:
        return  # nobody to write to
    contingent = claim.contingent
    with written_for(claim.language):
        subject = str(SUBJECTS[template]) % {"title": contingent.target_title}
        code = getattr(claim, "_code", None)
        mail_queue(
            to=[claim.email],
            subject=subject,
            template=f"contingents/mail/{template}",
            context={
                "claim": claim,
                "contingent": contingent,
                "code": code,
                "claim_url": claim_url(token) if token else None,
                "site_name": settings.SITE_NAME,
                "site_url": settings.SITE_URL,
                **(extra or {}),
            },
        )


def _issue_link(claim: Claim) -> str:
    """A new personal link to the claim, for one mail; the links mailed before keep working until
    they expire with the event the tickets are for (core.tokens.link_expires_at)."""
    return personal_link_issue(claim.links, expires_at=link_expires_at(claim.contingent.target_ends_at))


def _lock(contingent_id: int) -> Contingent:
    return lock_capacity_owner(Contingent.objects.select_related("event").filter(pk=contingent_id))


# ---------------------------------------------------------------------------------------------
# Handing out


def _take_code(contingent: Contingent, claim: Claim) -> TicketCode | None:
    """Assigns the next unused code to the claim. The caller holds the contingent lock; the unique
    one-to-one column would refuse a second assignment of the same code anyway."""
    if not contingent.uses_codes:
        return None
    code = TicketCode.objects.filter(contingent=contingent, claim__isnull=True, revoked=False).order_by("id").first()
    if code is None:
        raise errors.NoCodeLeft()
    code.claim = claim
    code.save(update_fields=["claim"])
    claim._code = code.code
    return code


def _release_code(claim: Claim, *, revoke: bool = False) -> None:
    TicketCode.objects.filter(claim=claim).update(claim=None, revoked=revoke) if revoke else TicketCode.objects.filter(
        claim=claim
    ).update(claim=None)


def _hand_out(contingent: Contingent, claim: Claim, *, now, offer: bool) -> None:
    """Gives the claim a ticket: handed out at once (first come) or offered with a deadline to
    accept (lottery winners and those moved up in a lottery)."""
    _take_code(contingent, claim)
    if offer:
        claim.status = Status.OFFERED
        claim.hold_until = now + datetime.timedelta(hours=contingent.accept_hours)
    else:
        claim.status = Status.ALLOCATED
        claim.hold_until = None
        claim.allocated_at = now
    claim.save(update_fields=["status", "hold_until", "allocated_at"])
    audit_log(actor=None, action="claim_offered" if offer else "claim_allocated", obj=claim)


def _promote(contingent: Contingent, *, now: datetime.datetime) -> list[Claim]:
    """Hands free tickets to the waiting list in order (core.capacity.promote): handed out at once
    (first come) or offered with a deadline to accept (lottery). The caller holds the contingent lock."""
    offer = contingent.mode == Contingent.Mode.LOTTERY

    def move_up(claim: Claim) -> None:
        _hand_out(contingent, claim, now=now, offer=offer)
        _mail(claim, "offered" if offer else "allocated", token=_issue_link(claim))

    free = contingent_availability(contingent=contingent).free or 0
    return capacity.promote(TICKETS, owner_id=contingent.pk, free=free, move_up=move_up, related=["contingent"])


# ---------------------------------------------------------------------------------------------
# Claims


@dataclass(frozen=True)
class ClaimInput:
    first_name: str
    last_name: str
    email: str
    organisation: str = ""
    answers: dict = field(default_factory=dict)
    privacy_consent: bool = False
    partner_consent: bool = False


@dataclass(frozen=True)
class ClaimOutcome:
    claim: Claim
    kind: str  # "created" or "existing" (the address had a claim: its link was sent again)


def _check_period(contingent: Contingent, now) -> None:
    if contingent.status != Contingent.Status.PUBLISHED or now < contingent.opens_at:
        raise errors.ContingentNotOpen()
    if now >= contingent.closes_at:
        raise errors.ContingentClosed()


def _check_eligibility(contingent: Contingent, answers: dict) -> None:
    for question in contingent.questions.all():
        answer = str(answers.get(str(question.pk), "")).strip()
        if question.required and not answer:
            raise errors.NotEligible()
        accepted = question.accepted_list
        if accepted and answer not in accepted:
            raise errors.NotEligible()


def _send_link_again(claim: Claim) -> bool:
    """Mails the claim a new link (the earlier ones keep working), unless its address has had as
    many such mails as core.mail.self_service_mail_allowed allows: then nothing is sent, silently.
    Says whether the mail was queued."""
    if not self_service_mail_allowed(email=claim.email_normalized):
        return False
    _mail(claim, "link_again", token=_issue_link(claim))
    audit_log(actor=None, action="claim_link_resent", obj=claim)
    return True


# The same claim submitted again within this time is a double submission (a double click, a
# reload): the claim made a moment ago is returned without a second mail.
REPEAT_WINDOW = datetime.timedelta(minutes=2)


def _resend(existing: Claim, *, data: ClaimInput, now: datetime.datetime) -> ClaimOutcome:
    repeat = (
        (existing.first_name, existing.last_name) == (data.first_name.strip(), data.last_name.strip())
        and existing.created_at >= now - REPEAT_WINDOW
    )
    if not repeat:
        _send_link_again(existing)
    return ClaimOutcome(claim=existing, kind="existing")


def _signup_hold() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.SIGNUP_HOLD_MINUTES)


def _free_organisation(holder: Claim | None, *, now: datetime.datetime) -> None:
    """One ticket per organisation: an active claim of the organisation blocks a new one, but an
    unconfirmed one only for SIGNUP_HOLD_MINUTES (against squatting with an organisation's name);
    after that it expires in favour of the newcomer."""
    if holder is None:
        return
    if holder.status != Status.UNCONFIRMED or holder.created_at > now - _signup_hold():
        raise errors.OrganisationHasTicket()
    holder.status = Status.EXPIRED
    holder.save(update_fields=["status"])
    audit_log(actor=None, action="claim_expired_for_organisation", obj=holder)


@transaction.atomic(durable=True)
def claim_create(*, contingent: Contingent, data: ClaimInput,
                 now: datetime.datetime | None = None) -> ClaimOutcome:
    """Records a claim (first come) or an application (lottery) and mails the confirmation link.
    Nothing is held before the address is confirmed. One active claim per address (compared case-
    insensitively) and, if the contingent says so, per organisation — checked here and by
    database constraints; a second claim of the same address sends the existing link again (the same
    claim again within REPEAT_WINDOW, a double submission, not even that). Against
    squatting: an unconfirmed claim blocks its organisation for SIGNUP_HOLD_MINUTES only, and at most
    SIGNUP_LIMIT_PER_DOMAIN claims of one e-mail domain made within that time may be unconfirmed
    (counted without a lock: a limit against floods, not an exact one; real users of big free-mail
    domains who confirm do not count)."""
    now = now or timezone.now()
    contingent = Contingent.objects.select_related("event").prefetch_related("questions").get(pk=contingent.pk)
    _check_period(contingent, now)
    if not data.privacy_consent:
        raise errors.ClaimError(_("Please confirm that you have read the privacy notice."))
    _check_eligibility(contingent, data.answers)
    email = normalize_email(data.email)
    active = Claim.objects.select_related("contingent__event").filter(contingent=contingent, status__in=Claim.ACTIVE)
    existing = active.filter(email_normalized=email).first()
    if existing is not None and existing.status == Status.UNCONFIRMED and existing.hold_until <= now:
        existing.status = Status.EXPIRED
        existing.save(update_fields=["status"])
        existing = None
    if existing is not None:
        return _resend(existing, data=data, now=now)
    organisation_key = normalize_organisation(data.organisation) if contingent.one_per_organisation else ""
    if organisation_key:
        _free_organisation(active.filter(organisation_key=organisation_key).first(), now=now)
    domain = email.rpartition("@")[2]
    if Claim.objects.filter(
        contingent=contingent, status=Status.UNCONFIRMED, created_at__gt=now - _signup_hold(),
        email_normalized__endswith=f"@{domain}",
    ).count() >= settings.SIGNUP_LIMIT_PER_DOMAIN:
        raise errors.TooManyUnconfirmed()

    claim = Claim(
        contingent=contingent,
        status=Status.UNCONFIRMED,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        email_normalized=email,
        language=mail_language(),  # the page's: every later mail to the person is written in it
        organisation=data.organisation.strip(),
        organisation_key=organisation_key,
        answers=data.answers,
        pseudonym=new_code(groups=2, size=4),
        hold_until=now + datetime.timedelta(hours=contingent.hold_hours),
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        existing = active.filter(email_normalized=email).first()
        if existing is not None:
            return _resend(existing, data=data, now=now)
        raise errors.OrganisationHasTicket() from None
    consents = [("privacy", True), ("partner", data.partner_consent)]
    ClaimConsent.objects.bulk_create(
        ClaimConsent(claim=claim, kind=kind, text=consent_text(kind)[1], text_version=consent_text(kind)[0], given_at=now)
        for kind, given in consents
        if given
    )
    audit_log(actor=None, action="claim_created", obj=claim)
    _mail(claim, "confirm_request", token=_issue_link(claim))
    return ClaimOutcome(claim=claim, kind="created")


@transaction.atomic(durable=True)
def claim_confirm(*, token: str, now: datetime.datetime | None = None) -> Claim:
    """Double opt-in. First come: a ticket is handed out at once if one is left, otherwise the
    person joins the waiting list. Lottery: the application counts for the draw. Confirming
    twice changes nothing."""
    found = Claim.objects.filter(personal_link_q(token)).only("id", "contingent_id").first()
    if found is None:
        raise errors.LinkInvalid()
    contingent = _lock(found.contingent_id)
    # Read the clock under the lock: the waiting list is ordered by `waitlisted_at`, which must
    # follow the order in which confirmations take the lock (found by bench/claims.sh).
    now = now or timezone.now()
    claim = Claim.objects.get(pk=found.pk)
    claim.contingent = contingent  # as read under the lock
    if claim.status == Status.EXPIRED:
        raise errors.LinkExpired()
    if claim.status != Status.UNCONFIRMED:
        return claim
    if claim.hold_until and claim.hold_until <= now:
        raise errors.LinkExpired()
    claim.confirmed_at = now
    if contingent.mode == Contingent.Mode.LOTTERY:
        if now >= contingent.closes_at:
            raise errors.ContingentClosed()
        claim.status = Status.APPLIED
        claim.hold_until = None
        claim.save(update_fields=["status", "hold_until", "confirmed_at"])
        audit_log(actor=None, action="claim_applied", obj=claim)
        _mail(claim, "applied", token=token)
        return claim
    # The lock is held until commit, so every query here limits the rate of confirmations under a
    # rush: while anyone waits, a newcomer cannot get a ticket, and the tickets need not be counted.
    waiting = TICKETS.waiting_line(contingent.pk).exists()
    if not waiting and (contingent_availability(contingent=contingent).free or 0) > 0:
        _hand_out(contingent, claim, now=now, offer=False)
        claim.confirmed_at = now
        claim.save(update_fields=["confirmed_at"])
        _mail(claim, "allocated", token=token)
        return claim
    claim.status = Status.WAITLISTED
    claim.hold_until = None
    claim.waitlisted_at = now
    claim.save(update_fields=["status", "hold_until", "waitlisted_at", "confirmed_at"])
    audit_log(actor=None, action="claim_waitlisted", obj=claim)
    _mail(claim, "waitlisted", token=token, extra={"position": waitlist_position(claim=claim)})
    return claim


@transaction.atomic(durable=True)
def claim_accept(*, token: str, now: datetime.datetime | None = None) -> Claim:
    """A lottery winner (or someone moved up) accepts the offered ticket before the deadline."""
    now = now or timezone.now()
    found = claim_get_by_token(token=token)
    if found is None:
        raise errors.LinkInvalid()
    _lock(found.contingent_id)
    claim = Claim.objects.select_related("contingent").get(pk=found.pk)
    if claim.status == Status.ALLOCATED:
        return claim
    if claim.status != Status.OFFERED or (claim.hold_until and claim.hold_until <= now):
        raise errors.InvalidClaimState()
    claim.status = Status.ALLOCATED
    claim.allocated_at = now
    claim.hold_until = None
    claim.save(update_fields=["status", "allocated_at", "hold_until"])
    audit_log(actor=None, action="claim_accepted", obj=claim)
    return claim


@transaction.atomic(durable=True)
def claim_return(*, claim: Claim, now: datetime.datetime | None = None) -> Claim:
    """The person gives the ticket back (or withdraws the application or waiting-list place). A
    given-back code returns to the pool and goes to the next in line at once."""
    now = now or timezone.now()
    contingent = _lock(claim.contingent_id)
    claim = Claim.objects.select_related("contingent").get(pk=claim.pk)
    if claim.status not in Claim.ACTIVE:
        return claim
    _release_code(claim)
    claim.status = Status.RETURNED
    claim.hold_until = None
    claim.save(update_fields=["status", "hold_until"])
    audit_log(actor=None, action="claim_returned", obj=claim)
    _mail(claim, "returned")
    _promote(contingent, now=now)
    return claim


@transaction.atomic(durable=True)
def claim_resend_links(*, email: str) -> int:
    """"Link erneut senden": every active claim of the address gets a new link by mail (the links
    sent before keep working), within the limit of core.mail.self_service_mail_allowed. Says nothing
    to the requester about whether claims exist or mails were withheld; returns how many mails
    were queued."""
    claims = list(
        Claim.objects.select_related("contingent__event")
        .filter(email_normalized=normalize_email(email), status__in=Claim.ACTIVE)
    )
    return sum(_send_link_again(claim) for claim in claims)


def claims_expire_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: unconfirmed claims past their confirmation time expire (nothing was held);
    offers not accepted in time expire, their code returns to the pool and the next in line gets it
    (core.capacity.expire_due, contingent by contingent under its lock). Returns the offers expired."""
    now = now or timezone.now()
    Claim.objects.filter(status=Status.UNCONFIRMED, hold_until__lte=now).update(status=Status.EXPIRED)

    def expire(claim: Claim) -> None:
        _release_code(claim)
        claim.status = Status.EXPIRED
        claim.save(update_fields=["status"])
        audit_log(actor=None, action="claim_offer_expired", obj=claim)
        _mail(claim, "offer_expired")

    return capacity.expire_due(
        TICKETS, now=now, lock=_lock, expire=expire, after=lambda contingent: _promote(contingent, now=now),
        related=["contingent"],
    )


# ---------------------------------------------------------------------------------------------
# Lottery


def applications_hash(pseudonyms: list[str]) -> str:
    return hashlib.sha256("\n".join(pseudonyms).encode()).hexdigest()


def draw_order(pseudonyms: list[str], seed: str) -> list[str]:
    """The drawn order: applications sorted by SHA-256(seed + ":" + pseudonym). Anyone can repeat
    it from the published protocol with any SHA-256 tool; the same input gives the same order."""
    return sorted(pseudonyms, key=lambda p: hashlib.sha256(f"{seed}:{p}".encode()).hexdigest())


@transaction.atomic(durable=True)
def lottery_draw(*, contingent: Contingent, actor: User | None, now: datetime.datetime | None = None,
                 seed: str | None = None) -> DrawProtocol:
    """Draws the lottery once, after the deadline: the first in drawn order get a ticket offer with
    a deadline to accept, the others are told and wait in drawn order. A second draw is refused
    (lock on the contingent plus the one-to-one protocol row)."""
    now = now or timezone.now()
    contingent = _lock(contingent.pk)
    if contingent.mode != Contingent.Mode.LOTTERY:
        raise errors.InvalidClaimState()
    if DrawProtocol.objects.filter(contingent=contingent).exists():
        raise errors.AlreadyDrawn()
    if now < contingent.closes_at:
        raise errors.DrawTooEarly()
    applications = list(Claim.objects.select_related("contingent").filter(contingent=contingent, status=Status.APPLIED).order_by("id"))
    pseudonyms = [c.pseudonym for c in applications]
    seed = seed or secrets.token_hex(32)
    order = draw_order(pseudonyms, seed)
    position = {p: n for n, p in enumerate(order, start=1)}
    free = contingent_availability(contingent=contingent).free or 0
    protocol = DrawProtocol.objects.create(
        contingent=contingent,
        drawn_at=now,
        application_count=len(applications),
        applications_hash=applications_hash(pseudonyms),
        applications=pseudonyms,
        seed=seed,
        order=order,
        winners=min(free, len(order)),
        drawn_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for claim in sorted(applications, key=lambda c: position[c.pseudonym]):
        claim.draw_position = position[claim.pseudonym]
        if claim.draw_position <= protocol.winners:
            claim.save(update_fields=["draw_position"])
            _hand_out(contingent, claim, now=now, offer=True)
            _mail(claim, "offered", token=_issue_link(claim))
        else:
            claim.status = Status.WAITLISTED
            claim.waitlisted_at = now
            claim.save(update_fields=["draw_position", "status", "waitlisted_at"])
            _mail(claim, "not_drawn", token=_issue_link(claim), extra={"position": claim.draw_position - protocol.winners})
    audit_log(actor=actor, action="lottery_drawn", obj=contingent, data={"applications": len(order), "seed": seed})
    content_changed()
    return protocol


# ---------------------------------------------------------------------------------------------
# Staff


@transaction.atomic(durable=True)
def claim_revoke(*, claim: Claim, actor: User | None, now: datetime.datetime | None = None) -> Claim:
    """Staff withdraw a ticket (e.g. misuse): its code is revoked for good, the claim ends and the
    next in line moves up."""
    now = now or timezone.now()
    contingent = _lock(claim.contingent_id)
    claim = Claim.objects.select_related("contingent").get(pk=claim.pk)
    if claim.status not in Claim.ACTIVE:
        raise errors.InvalidClaimState()
    _release_code(claim, revoke=True)
    claim.status = Status.REVOKED
    claim.hold_until = None
    claim.save(update_fields=["status", "hold_until"])
    audit_log(actor=actor, action="claim_revoked", obj=claim)
    _mail(claim, "revoked")
    _promote(contingent, now=now)
    return claim


@transaction.atomic(durable=True)
def claim_reissue_code(*, claim: Claim, actor: User | None) -> Claim:
    """Staff replace a person's code (e.g. lost or leaked): the old code is revoked for good, the
    next unused one is assigned and mailed."""
    contingent = _lock(claim.contingent_id)
    claim = Claim.objects.select_related("contingent").get(pk=claim.pk)
    if claim.status not in Claim.HOLDING or not contingent.uses_codes:
        raise errors.InvalidClaimState()
    _release_code(claim, revoke=True)
    _take_code(contingent, claim)
    audit_log(actor=actor, action="claim_code_reissued", obj=claim)
    _mail(claim, "code_reissued", token=_issue_link(claim))
    return claim


@dataclass(frozen=True)
class CodeImportReport:
    added: int
    blank_lines: list[int]
    duplicate_lines: list[tuple[int, str]]
    already_present: list[str]

    @property
    def ok(self) -> bool:
        return not (self.blank_lines or self.duplicate_lines or self.already_present)


def parse_codes(text: str) -> tuple[list[str], list[int], list[tuple[int, str]]]:
    """Codes from a pasted list or a CSV export (first column, optional header "code"); returns the
    codes, the numbers of blank lines between codes and the duplicates with their line numbers."""
    rows = list(csv.reader(io.StringIO((text or "").replace("\r\n", "\n").replace(";", ","))))
    codes, blanks, duplicates, seen = [], [], [], set()
    last = max((n for n, row in enumerate(rows, 1) if row and row[0].strip()), default=0)
    for number, row in enumerate(rows, 1):
        value = row[0].strip() if row else ""
        if number == 1 and value.lower() in ("code", "codes", "ticketcode"):
            continue
        if not value:
            if number < last:
                blanks.append(number)
            continue
        if value in seen:
            duplicates.append((number, value))
            continue
        seen.add(value)
        codes.append(value)
    return codes, blanks, duplicates


@transaction.atomic
def codes_import(*, contingent: Contingent, text: str, actor: User | None) -> CodeImportReport:
    """Imports the partner's codes. A list with blank lines, duplicates or codes already present is
    refused as a whole with a report, so that staff fix the list and nothing is half imported."""
    contingent = _lock(contingent.pk)
    codes, blanks, duplicates = parse_codes(text)
    present = sorted(set(TicketCode.objects.filter(contingent=contingent, code__in=codes).values_list("code", flat=True)))
    report = CodeImportReport(added=0, blank_lines=blanks, duplicate_lines=duplicates, already_present=present)
    if not report.ok or not codes:
        return report
    TicketCode.objects.bulk_create(TicketCode(contingent=contingent, code=code) for code in codes)
    audit_log(actor=actor, action="codes_imported", obj=contingent, data={"count": len(codes)})
    _promote(contingent, now=timezone.now())
    return CodeImportReport(added=len(codes), blank_lines=[], duplicate_lines=[], already_present=[])


@transaction.atomic
def contingent_save(*, contingent: Contingent, actor: User | None = None) -> Contingent:
    """Saves a contingent with its rendered description; a raised size is handed to the waiting list."""
    created = contingent.pk is None
    if not contingent.slug:
        contingent.slug = unique_slug(model=Contingent, title=contingent.title, pk=contingent.pk, fallback="kontingent")
    contingent.description_html = render_markdown(contingent.description)
    contingent.full_clean()
    if not created:
        _lock(contingent.pk)
    contingent.save()
    audit_log(actor=actor, action="contingent_created" if created else "contingent_changed", obj=contingent)
    if not created and contingent.mode == Contingent.Mode.FIRST_COME:
        _promote(contingent, now=timezone.now())
    content_changed()
    return contingent


@transaction.atomic
def eligibility_question_save(*, question: EligibilityQuestion,
                              actor: User | None = None) -> EligibilityQuestion:
    """Saves an eligibility question of a contingent (validated like a form would)."""
    created = question.pk is None
    question.full_clean()
    question.save()
    audit_log(actor=actor, action="eligibility_question_created" if created else "eligibility_question_changed",
              obj=question.contingent, data={"question": question.pk})
    content_changed()
    return question


@transaction.atomic
def contingent_delete(*, contingent: Contingent, actor: User | None) -> None:
    """Deletes a contingent nobody has claimed from (PROTECT refuses the others) with its questions
    and codes, in one transaction with an audit entry."""
    audited_delete(obj=contingent, actor=actor, action="contingent_deleted")
    content_changed()


@transaction.atomic
def eligibility_question_delete(*, question: EligibilityQuestion, actor: User | None) -> None:
    """Deletes an eligibility question, with an audit entry on its contingent."""
    audited_delete(obj=question, actor=actor, action="eligibility_question_deleted", data={"contingent": question.contingent_id})


@transaction.atomic
def claim_import(*, contingent: Contingent, data: ClaimInput, status: str, claimed_at: datetime.datetime,
                 actor: User | None = None) -> Claim:
    """Adds a claim that was handled elsewhere (a list from an earlier tool, the demo): confirmed at
    `claimed_at`, without mails and without a period check. ALLOCATED takes the next unused code
    under the contingent lock, as a confirmation would (InvalidClaimState when no ticket is left,
    NoCodeLeft when no code is); APPLIED counts for a lottery's draw. An address with an active
    claim raises ClaimError: nothing is created twice."""
    contingent = _lock(contingent.pk)
    if status not in (Status.ALLOCATED, Status.APPLIED):
        raise errors.InvalidClaimState()
    if (status == Status.APPLIED) != (contingent.mode == Contingent.Mode.LOTTERY):
        raise errors.InvalidClaimState()
    email = normalize_email(data.email)
    active = Claim.objects.filter(contingent=contingent, status__in=Claim.ACTIVE)
    if active.filter(email_normalized=email).exists():
        raise errors.ClaimError()
    organisation_key = normalize_organisation(data.organisation) if contingent.one_per_organisation else ""
    if organisation_key and active.filter(organisation_key=organisation_key).exists():
        raise errors.OrganisationHasTicket()
    if status == Status.ALLOCATED and not contingent_availability(contingent=contingent).free:
        raise errors.InvalidClaimState()
    claim = Claim.objects.create(
        contingent=contingent,
        status=status,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        email_normalized=email,
        organisation=data.organisation.strip(),
        organisation_key=organisation_key,
        answers=data.answers,
        pseudonym=new_code(groups=2, size=4),
        confirmed_at=claimed_at,
        allocated_at=claimed_at if status == Status.ALLOCATED else None,
    )
    # created_at is set on insert (auto_now_add); the import keeps the original time.
    Claim.objects.filter(pk=claim.pk).update(created_at=claimed_at)
    claim.created_at = claimed_at
    if status == Status.ALLOCATED:
        _take_code(contingent, claim)
    consents = [("privacy", data.privacy_consent), ("partner", data.partner_consent)]
    ClaimConsent.objects.bulk_create(
        ClaimConsent(claim=claim, kind=kind, text=consent_text(kind)[1], text_version=consent_text(kind)[0],
                     given_at=claimed_at)
        for kind, given in consents
        if given
    )
    audit_log(actor=actor, action="claim_imported", obj=claim, data={"status": status})
    return claim
