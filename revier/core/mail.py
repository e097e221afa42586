"""The mail outbox: every mail of the platform goes through `mail_queue` and is sent by the worker
(`manage.py run_worker`), never inside a request. A sent mail's body and attachments are blanked
(they hold personal links); its envelope is deleted settings.OUTBOX_RETENTION_DAYS later."""

import base64
import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, override

from revier.core import ratelimit
from revier.core.models import OutboxMail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def mail_language() -> str:
    """The language a mail is written in: that of the page where the action happened (the request's,
    from its address: core.middleware.LanguageFromPathMiddleware), German outside a request (the
    worker, commands). Services write the subject in it too (`translation.override(mail_language())`)."""
    language = get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def written_for(language: str | None) -> override:
    """The language of a mail to one person: the one stored with their registration, claim or
    profile (core.models.person_language_field), German if it is none of settings.LANGUAGES. Wrap
    everything a mail is made of in it (`with written_for(registration.language):`): the subject, the
    links (reverse() gives the /en/ address in English) and the rendering (mail_language() answers
    it inside), so that a mail the worker or another person causes is in the person's language."""
    return override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE)


def mail_queue(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict,
    attachments: list[Attachment] = (),
    reply_to: str = "",
    language: str | None = None,
) -> OutboxMail | None:
    """Stores a mail in the outbox. Call it inside the transaction of the change the mail reports:
    the mail exists exactly when the change is committed. Renders `<template>.txt` and, if present,
    `<template>.html` in `language` (default: `mail_language()`). A mail only to withheld addresses (see `withheld`) is not stored
    (None), and not even rendered."""
    if all(not address or withheld(address) for address in to):  # an anonymised person has no address
        return None
    body_text, body_html = mail_write(template=template, context=context, language=language)
    return mail_store(to=to, subject=subject, body_text=body_text, body_html=body_html, attachments=attachments,
                  reply_to=reply_to)


def mail_write(*, template: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """The plain text and HTML (or "" without `<template>.html`) of a mail, rendered in `language`
    (default: `mail_language()`).
    `mail_queue` writes and stores; a service may write a mail before it takes a lock and store it
    (`mail_store`) under the lock, so that everyone waiting for that lock does not wait for the
    rendering too."""
    with override(language or mail_language()):
        body_text = render_to_string(f"{template}.txt", context, using="text").strip() + "\n"
        try:
            body_html = render_to_string(f"{template}.html", context)
        except Exception as error:  # noqa: BLE001 – no HTML variant is fine
            if error.__class__.__name__ != "TemplateDoesNotExist":
                raise
            body_html = ""
    return body_text, body_html


def withheld(address: str) -> bool:
    """An address of a domain in settings.MAIL_WITHHELD_DOMAINS (the demo's invented people at
    beispiel.example): no mail is ever queued for it."""
    domain = str(address).rpartition("@")[2].strip().lower()
    return domain in {name.lower() for name in settings.MAIL_WITHHELD_DOMAINS}


def mail_store(*, to: list[str], subject: str, body_text: str, body_html: str = "",
               attachments: list[Attachment] = (), reply_to: str = "") -> OutboxMail | None:
    """Stores an already written mail in the outbox (mail_queue renders one from templates).
    Recipients whose address is withheld are left out; with none left nothing is stored (None)."""
    to = [address for address in to if address and not withheld(address)]
    if not to:
        return None
    return OutboxMail.objects.create(
        to=list(to),
        subject=" ".join(str(subject).split())[:300],
        body_text=body_text,
        body_html=body_html,
        attachments=[
            {"filename": a.filename, "content": base64.b64encode(a.content).decode("ascii"), "mimetype": a.mimetype}
            for a in attachments
        ],
        reply_to=reply_to,
        next_attempt_at=timezone.now(),
    )


def self_service_mail_allowed(*, email: str) -> bool:
    """Counts one mail that anyone can have sent to `email` again (a link sent again, a second
    registration or claim with the address) and says whether it may go out: at most
    settings.SELF_SERVICE_MAILS_PER_HOUR an hour per address, counted in the shared cache (as
    core.ratelimit), so that nobody can flood a third party's mailbox through our forms. The caller
    skips such a mail silently and answers as if it was sent."""
    address = " ".join((email or "").split()).lower()  # hit_key stores it as a salted hash only
    return ratelimit.hit_key(scope="self-service-mail", key=address, limit=settings.SELF_SERVICE_MAILS_PER_HOUR,
                             window_seconds=3600)


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 3600))


def message_id(mail: OutboxMail) -> str:
    """The Message-ID header of a mail, the same on every attempt (it is made from the row's id)."""
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "revier.local"
    return f"<outbox-{mail.pk}@{domain}>"


def _message(mail: OutboxMail, mail_connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        reply_to=[mail.reply_to] if mail.reply_to else None,
        connection=mail_connection,
        # The same Message-ID on every attempt lets receivers drop a copy should a send be repeated.
        headers={"Message-ID": message_id(mail), "Auto-Submitted": "auto-generated"},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return message


LEASE = datetime.timedelta(minutes=5)


def _claim_next() -> OutboxMail | None:
    """Claims the next due mail with a compare-and-set on `next_attempt_at`: of two workers only one
    updates the row; the claim is a lease, so a crashed worker's mail is tried again later."""
    now = timezone.now()
    candidates = OutboxMail.objects.filter(status=OutboxMail.Status.PENDING, next_attempt_at__lte=now)
    for mail in candidates.order_by("next_attempt_at", "id")[:5]:
        claimed = OutboxMail.objects.filter(
            pk=mail.pk, status=OutboxMail.Status.PENDING, next_attempt_at=mail.next_attempt_at
        ).update(next_attempt_at=now + LEASE, attempts=mail.attempts + 1)
        if claimed:
            mail.attempts += 1
            return mail
    return None


def outbox_send_due(*, limit: int = 50) -> int:
    """Sends due mails, each claimed first (see _claim_next), sent outside any transaction (no lock is
    held while the mail server answers) and then marked sent. A failure schedules a retry with
    exponential backoff; after MAX_ATTEMPTS the mail is marked failed and stays visible to staff.
    Returns the number of mails sent."""
    sent = 0
    mail_connection = get_connection()
    for _ in range(limit):
        mail = _claim_next()
        if mail is None:
            break
        try:
            _message(mail, mail_connection).send()
        except Exception as error:  # noqa: BLE001 – any failure of the mail server is retried
            logger.warning("mail %s failed (attempt %s): %s", mail.pk, mail.attempts, error)
            failed_for_good = mail.attempts >= MAX_ATTEMPTS
            OutboxMail.objects.filter(pk=mail.pk).update(
                status=OutboxMail.Status.FAILED if failed_for_good else OutboxMail.Status.PENDING,
                next_attempt_at=timezone.now() + _backoff(mail.attempts),
                last_error=f"{error.__class__.__name__}: {error}"[:2000],
            )
        else:
            # The body holds the recipient's personal link: once the mail is out, only the envelope
            # (recipient, subject, status, times; the Message-ID follows from the id) is kept.
            OutboxMail.objects.filter(pk=mail.pk).update(
                status=OutboxMail.Status.SENT, sent_at=timezone.now(), last_error="",
                body_text="", body_html="", attachments=[],
            )
            sent += 1
    return sent


def outbox_purge(*, now: datetime.datetime | None = None) -> int:
    """Worker task: deletes sent mails settings.OUTBOX_RETENTION_DAYS after they were sent, and mails
    that failed for good as long after their last attempt. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    sent, _ = OutboxMail.objects.filter(status=OutboxMail.Status.SENT, sent_at__lt=cutoff).delete()
    failed, _ = OutboxMail.objects.filter(status=OutboxMail.Status.FAILED, next_attempt_at__lt=cutoff).delete()
    return sent + failed


def outbox_retry(*, mail: OutboxMail) -> OutboxMail:
    """Staff: send a failed mail again now."""
    mail.status = OutboxMail.Status.PENDING
    mail.next_attempt_at = timezone.now()
    mail.save(update_fields=["status", "next_attempt_at"])
    return mail
