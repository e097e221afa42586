"""Logging of the platform (settings.LOGGING). Loaded before the apps are ready: no model import at
module level."""

from django.conf import settings
from django.db import transaction
from django.utils.log import AdminEmailHandler

from revier.core import ratelimit


class OutboxAdminEmailHandler(AdminEmailHandler):
    """Django's `mail_admins` handler, but through the outbox and rate-limited: at most
    settings.ERROR_MAILS_PER_HOUR error mails an hour for the whole site (counted in the shared
    cache), queued for the worker instead of sent inside the failing request. A flood of errors
    is in the log, never in the admins' mailboxes; the text only, no HTML page of local variables."""

    def send_mail(self, subject, message, *args, **kwargs):
        recipients = [admin if isinstance(admin, str) else admin[1] for admin in settings.ADMINS]
        if not recipients:
            return
        if not ratelimit.hit_key(scope="error-mail", key="site", limit=settings.ERROR_MAILS_PER_HOUR,
                                 window_seconds=3600):
            return
        from revier.core.mail import mail_store

        try:
            # In its own transaction where possible; inside a failing atomic block it may roll back
            # with the change, which loses only the mail (the log line is written anyway).
            with transaction.atomic():
                mail_store(to=recipients, subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}", body_text=message)
        except Exception:  # noqa: BLE001 – logging must never raise; the record is on the console
            pass
