"""Contact requests outside events ("Kontakt aufnehmen", issue 10 section 2).

Who may ask: only a person with a confirmed, visible profile, acting through their own personal
link (the form lives behind it). So the sender's address is confirmed (double opt-in) and known to
us, and nobody can make the site mail a stranger in someone else's name; a request is limited per
sender and day (settings.NETWORK_CONTACT_REQUESTS_PER_DAY), one open or accepted request per pair
(a partial unique index backs it). The recipient gets a mail with a personal link (SHA-256 hash
stored) to a page that shows the request and buttons to accept or decline (GET changes nothing).
Contact data (e-mail, phone) leave the site only on acceptance, by mail to the two people, never
on a page. Unanswered requests get one reminder (NETWORK_CONTACT_REMIND_DAYS) and lapse after
NETWORK_CONTACT_LAPSE_DAYS (worker tasks). Every change is atomic, audited (requests by number
only), and its mails are queued in the outbox in the same transaction."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.capacity import lock_key
from revier.core.mail import mail_queue, self_service_mail_allowed, written_for
from revier.core.services import audit_log
from revier.core.tokens import personal_link_issue
from revier.network.contact import errors
from revier.network.contact.models import CONTACT_MESSAGE_MAX, ContactRequest
from revier.network.models import Profile
from revier.network.suggestions.selectors import suggestible_q, viewer_takes_part, visible_to_q

Status = ContactRequest.Status

SUBJECTS = {
    "received": _("Contact request in the network"),
    "reminder": _("Reminder: contact request in the network"),
    "accepted": _("Contact request accepted: contact details"),
    "declined": _("Your contact request was declined"),
    "lapsed": _("Your contact request has lapsed"),
    "link": _("Your link to get in touch"),
}


def request_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("network:contact-request", kwargs={"token": token})


def _mail(to: Profile, template: str, *, link: Callable[[], str] | None = None, **context) -> None:
    """Queues a mail to one person in the language of their profile (core.mail.written_for); `link`
    makes the mail's personal link, in that language."""
    with written_for(to.language):
        if link is not None:
            context["link"] = link()
        mail_queue(to=[to.email], subject=str(SUBJECTS[template]), template=f"network/contact/mail/{template}",
                   context={"profile": to, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
                            "lapse_days": settings.NETWORK_CONTACT_LAPSE_DAYS, **context})


def _issue_link(contact_request: ContactRequest) -> str:
    """A link for the recipient's mail; it works a little longer than the request stays open."""
    return personal_link_issue(
        contact_request.links,
        expires_at=contact_request.created_at + datetime.timedelta(days=settings.NETWORK_CONTACT_LAPSE_DAYS + 30),
    )


def _message(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise errors.MessageRequired()
    if len(value) > CONTACT_MESSAGE_MAX:
        raise errors.MessageTooLong(limit=CONTACT_MESSAGE_MAX, length=len(value))
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise errors.InvalidMessage()
    return value


def day_start(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@transaction.atomic(durable=True)
def contact_request_send(*, sender: Profile, recipient_id: int, message: str,
                         now: datetime.datetime | None = None) -> ContactRequest:
    """The sender (their own confirmed, visible profile, from behind its personal link) asks the
    recipient for contact; the recipient gets a mail with a link to accept or decline. Refused with
    a German message, nothing changed: an unconfirmed or hidden sender, a request to oneself, to a
    profile the sender may not see (hidden, unconfirmed, participants-only of another event), a
    pair with an open or accepted request (either direction), more than
    NETWORK_CONTACT_REQUESTS_PER_DAY today, an empty or too long message. Requests of one pair and
    of one sender are serialised by locks (core.capacity.lock_key: the pair, then the sender), so
    the daily limit and the one open request per pair hold under concurrent posts."""
    now = now or timezone.now()
    message = _message(message)
    if sender.pk == recipient_id:
        raise errors.ToOneself()
    # The pair first, then the sender, always in this order: A→B and B→A wait for each other here
    # instead of deadlocking on the pair's unique index; one sender's posts are serialised for the limit.
    pair = sorted([sender.pk, int(recipient_id)])
    lock_key(f"network-contact-pair:{pair[0]}:{pair[1]}")
    lock_key(f"network-contact:{sender.pk}")
    sender = Profile.objects.select_for_update().filter(pk=sender.pk).first()
    if sender is None or sender.status != Profile.Status.CONFIRMED:
        raise errors.SenderNotConfirmed()
    if not viewer_takes_part(sender):
        raise errors.SenderHidden()
    recipient = Profile.objects.filter(visible_to_q(sender, prefix=""), pk=recipient_id).first()
    if recipient is None:
        raise errors.RecipientHidden()
    low, high = sorted([sender.pk, recipient.pk])
    if ContactRequest.objects.filter(pair_low=low, pair_high=high, status__in=ContactRequest.BLOCKING).exists():
        raise errors.DuplicateRequest()
    limit = settings.NETWORK_CONTACT_REQUESTS_PER_DAY
    if ContactRequest.objects.filter(sender=sender, created_at__gte=day_start(now)).count() >= limit:
        raise errors.TooManyToday(limit=limit)
    try:
        with transaction.atomic():
            contact_request = ContactRequest.objects.create(sender=sender, recipient=recipient, pair_low=low,
                                                            pair_high=high, message=message, created_at=now)
    except IntegrityError:
        raise errors.DuplicateRequest() from None
    token = _issue_link(contact_request)
    audit_log(actor=None, action="contact_request_sent", obj=contact_request,
              data={"sender": sender.pk, "recipient": recipient.pk})
    _mail(recipient, "received", contact_request=contact_request, sender=sender, link=lambda: request_url(token))
    return contact_request


def _lock_open(request_id: int) -> ContactRequest:
    found = (ContactRequest.objects.select_for_update().filter(pk=request_id).first())
    if found is None:
        raise errors.AlreadyAnswered()
    if found.status == Status.ACCEPTED:
        raise errors.AlreadyAccepted()
    if found.status != Status.PENDING:
        raise errors.AlreadyAnswered()
    return found


@transaction.atomic(durable=True)
def contact_request_accept(*, contact_request: ContactRequest, now: datetime.datetime | None = None) -> ContactRequest:
    """The recipient accepts (the button on the page of the mail's link): both get the other's
    contact data (e-mail, phone if given) by mail, the only way they leave the site. Refused:
    accepting twice (AlreadyAccepted), a request declined or lapsed (AlreadyAnswered)."""
    now = now or timezone.now()
    contact_request = _lock_open(contact_request.pk)
    contact_request.status = Status.ACCEPTED
    contact_request.answered_at = now
    contact_request.save(update_fields=["status", "answered_at"])
    sender = Profile.objects.get(pk=contact_request.sender_id)
    recipient = Profile.objects.get(pk=contact_request.recipient_id)
    audit_log(actor=None, action="contact_request_accepted", obj=contact_request)
    _mail(sender, "accepted", partner=recipient, contact_request=contact_request, asked=True)
    _mail(recipient, "accepted", partner=sender, contact_request=contact_request, asked=False)
    return contact_request


@transaction.atomic(durable=True)
def contact_request_decline(*, contact_request: ContactRequest, now: datetime.datetime | None = None) -> ContactRequest:
    """The recipient declines: the sender gets a short mail without any of the recipient's data
    beyond the name they saw already."""
    now = now or timezone.now()
    contact_request = _lock_open(contact_request.pk)
    contact_request.status = Status.DECLINED
    contact_request.answered_at = now
    contact_request.save(update_fields=["status", "answered_at"])
    sender = Profile.objects.get(pk=contact_request.sender_id)
    recipient = Profile.objects.only("id", "first_name", "last_name", "organisation").get(pk=contact_request.recipient_id)
    audit_log(actor=None, action="contact_request_declined", obj=contact_request)
    _mail(sender, "declined", partner=recipient, contact_request=contact_request)
    return contact_request


def contact_requests_remind_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: an open request unanswered for NETWORK_CONTACT_REMIND_DAYS gets one reminder to
    the recipient with a new link; `reminded_at` under the row's lock makes it one."""
    now = now or timezone.now()
    remind_before = now - datetime.timedelta(days=settings.NETWORK_CONTACT_REMIND_DAYS)
    lapse_before = now - datetime.timedelta(days=settings.NETWORK_CONTACT_LAPSE_DAYS)
    due = list(ContactRequest.objects.filter(status=Status.PENDING, reminded_at__isnull=True,
                                             created_at__lte=remind_before, created_at__gt=lapse_before)
               .order_by("pk").values_list("pk", flat=True)[:500])
    sent = 0
    for pk in due:
        with transaction.atomic(durable=True):
            contact_request = ContactRequest.objects.select_for_update().filter(
                pk=pk, status=Status.PENDING, reminded_at__isnull=True).first()
            if contact_request is None:
                continue
            contact_request.reminded_at = now
            contact_request.save(update_fields=["reminded_at"])
            token = _issue_link(contact_request)
            audit_log(actor=None, action="contact_request_reminded", obj=contact_request)
            _mail(contact_request.recipient, "reminder", contact_request=contact_request,
                  sender=contact_request.sender, link=lambda: request_url(token))
            sent += 1
    return sent


def contact_requests_lapse_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: requests open for NETWORK_CONTACT_LAPSE_DAYS lapse; the sender gets a mail."""
    now = now or timezone.now()
    lapse_before = now - datetime.timedelta(days=settings.NETWORK_CONTACT_LAPSE_DAYS)
    due = list(ContactRequest.objects.filter(status=Status.PENDING, created_at__lte=lapse_before)
               .order_by("pk").values_list("pk", flat=True)[:500])
    lapsed = 0
    for pk in due:
        with transaction.atomic(durable=True):
            contact_request = ContactRequest.objects.select_for_update().filter(pk=pk, status=Status.PENDING).first()
            if contact_request is None:
                continue
            contact_request.status = Status.LAPSED
            contact_request.closed_at = now
            contact_request.save(update_fields=["status", "closed_at"])
            audit_log(actor=None, action="contact_request_lapsed", obj=contact_request)
            _mail(contact_request.sender, "lapsed", contact_request=contact_request,
                  partner=Profile.objects.only("id", "first_name", "last_name", "organisation")
                  .get(pk=contact_request.recipient_id))
            lapsed += 1
    return lapsed


def contact_link_send(*, email: str, recipient_id: int, now: datetime.datetime | None = None) -> int:
    """"Kontakt aufnehmen" from a public profile page: a visitor enters their own address; if it
    belongs to a confirmed, visible profile that may contact the recipient, that profile gets a
    new personal link by mail that leads straight to the contact form. Nothing else is mailed to
    anyone, and at most core.mail.self_service_mail_allowed such mails an hour per address (as
    "Link erneut senden"), so the form cannot be used to mail strangers. The answer must not say
    whether a mail was sent; returns how many were queued (0 or 1)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        sender = Profile.objects.filter(email_normalized=(email or "").strip().lower()).first()
        if sender is None or not viewer_takes_part(sender) or sender.pk == recipient_id:
            return 0
        recipient = Profile.objects.filter(visible_to_q(sender, prefix=""), pk=recipient_id).first()
        if recipient is None or not self_service_mail_allowed(email=sender.email_normalized):
            return 0
        token = personal_link_issue(sender.links, expires_at=now + datetime.timedelta(days=settings.NETWORK_LINK_DAYS))
        audit_log(actor=None, action="contact_link_sent", obj=sender, data={"recipient": recipient.pk})
        _mail(sender, "link", partner=recipient, link=lambda: settings.SITE_URL.rstrip("/") + reverse(
            "network:contact-new", kwargs={"token": token, "pk": recipient.pk}))
    return 1
