import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from revier.core.cache import content_changed
from revier.core.capacity import lock_key
from revier.core.mail import mail_queue
from revier.core.retention import audit_entries_anonymise, retention_periods, retention_protocol
from revier.core.services import audit_log, audited_delete
from revier.core.text import render_markdown
from revier.pages.models import Page, StaffMessage

# The default of both kinds' periods (the privacy page shows the configured ones).
STAFF_MESSAGE_RETENTION_DAYS = 180
# The administrators' retention period (core.retention.PERIODS) of each kind of message; its default
# is STAFF_MESSAGE_RETENTION_DAYS.
RETENTION_PERIOD_OF_KIND = {StaffMessage.Kind.CONTACT: "contact_messages", StaffMessage.Kind.BARRIER: "barrier_reports"}
# A second identical message within this time is taken for a double submission.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)


@transaction.atomic
def page_save(*, page: Page, actor=None) -> Page:
    """Saves a page with its body rendered and sanitised (no script from the Markdown reaches a
    page) and records the change in the audit log."""
    created = page.pk is None
    page.body_html = render_markdown(page.body)
    page.body_en_html = render_markdown(page.body_en) if page.body_en.strip() else ""
    page.full_clean()
    page.save()
    audit_log(actor=actor, action="page_created" if created else "page_changed", obj=page)
    content_changed()
    return page


@dataclass(frozen=True)
class StaffMessageInput:
    kind: str
    message: str
    name: str = ""
    email: str = ""
    page_url: str = ""


def _notify_staff(message: StaffMessage) -> None:
    """Queues the mail to the editorial team in the outbox, in the transaction that stores the
    message: a mail server that is down delays the mail, it never loses it or fails the form."""
    if not settings.STAFF_NOTIFICATION_EMAILS:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{settings.SITE_NAME}] {message.get_kind_display()}"
    mail_queue(
        to=list(settings.STAFF_NOTIFICATION_EMAILS),
        subject=subject,
        template="pages/mail/staff_message",
        context={"message": message, "site_url": settings.SITE_URL},
        reply_to=message.email,
        language=settings.LANGUAGE_CODE,  # for the editorial team, whatever the page's language
    )


def staff_message_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Deletes the messages older than their kind's retention period (the administrators' periods
    "contact_messages" and "barrier_reports", by default STAFF_MESSAGE_RETENTION_DAYS after arrival) with what their audit entries could say about the sender (core.retention), and writes
    the retention protocol (how many, when) when it deleted any. Runs in the caller's transaction:
    with every new message, in the worker (`staff_messages_purge_due`) and in `manage.py
    purge_staff_messages`."""
    now = now or timezone.now()
    periods = retention_periods()
    expired = Q()
    for kind, key in RETENTION_PERIOD_OF_KIND.items():
        expired |= Q(kind=kind, created_at__lt=now - datetime.timedelta(days=periods[key]))
    doomed = list(StaffMessage.objects.filter(expired).values_list("id", flat=True))
    if not doomed:
        return 0
    audit_entries_anonymise(model=StaffMessage, object_ids=doomed)
    deleted, _ = StaffMessage.objects.filter(pk__in=doomed).delete()
    retention_protocol(model=StaffMessage, count=deleted, owners=[], now=now)
    return deleted


@transaction.atomic(durable=True)
def staff_messages_purge_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task (settings.WORKER_TASKS): `staff_message_purge_expired` in a transaction of its
    own, so that messages go on time even when no new one comes."""
    return staff_message_purge_expired(now=now)


@transaction.atomic
def staff_message_create(*, data: StaffMessageInput) -> StaffMessage:
    """Stores a message from the public and queues a mail to the editorial team in the outbox (sent
    by the worker after commit).

    The same message (kind, e-mail, text) sent again within ten minutes is a double submission:
    the stored one is returned and nobody is mailed twice. Expired messages are purged on the way.
    """
    # Two submissions at the same moment: the second waits until the first has committed, then
    # finds it.
    lock_key(f"staff-message:{data.kind}:{data.email}")
    recent = timezone.now() - DUPLICATE_WINDOW
    existing = (
        StaffMessage.objects.filter(
            kind=data.kind, email=data.email, message=data.message, page_url=data.page_url, created_at__gte=recent
        )
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    message = StaffMessage(
        kind=data.kind, name=data.name, email=data.email, page_url=data.page_url, message=data.message
    )
    message.full_clean()
    message.save()
    # No personal data in the audit log: the message itself is the record.
    audit_log(actor=None, action="staff_message_received", obj=message, data={"kind": message.kind})
    purged = staff_message_purge_expired()
    if purged:
        audit_log(actor=None, action="staff_messages_purged", obj=message, data={"count": purged})
    _notify_staff(message)
    return message


@transaction.atomic
def staff_message_mark_handled(*, message: StaffMessage, handled: bool = True, actor=None) -> StaffMessage:
    """Marks a message as handled (or open again) and records who did it. Compares with the stored
    row (locked), so a form that already set `handled` on the object still counts as a change."""
    stored = StaffMessage.objects.select_for_update().get(pk=message.pk)
    if stored.handled == handled:
        message.handled, message.handled_at = stored.handled, stored.handled_at
        return message
    message.handled = handled
    message.handled_at = timezone.now() if handled else None
    message.save(update_fields=["handled", "handled_at"])
    audit_log(actor=actor, action="staff_message_handled" if handled else "staff_message_reopened", obj=message)
    return message


@transaction.atomic
def page_delete(*, page: Page, actor=None) -> None:
    """Deletes a page with an audit entry in one transaction; cached pages no longer link it."""
    audited_delete(obj=page, actor=actor, action="page_deleted")
    content_changed()


@transaction.atomic
def staff_message_delete(*, message: StaffMessage, actor=None) -> None:
    """Deletes a message to the staff (personal data) with an audit entry that keeps no content."""
    audited_delete(obj=message, actor=actor, action="staff_message_deleted")
