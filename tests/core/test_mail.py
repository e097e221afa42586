import datetime
import threading

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from revier.core.mail import Attachment, mail_queue, outbox_send_due
from revier.core.models import OutboxMail
from tests.core import mail_backends


def _queue(n=1):
    return [
        mail_queue(
            to=[f"person{i}@example.org"],
            subject="Test",
            template="core/mail/test",
            context={"name": f"Person {i}"},
            attachments=[Attachment("termin.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
        for i in range(n)
    ]


@pytest.mark.django_db
def test_mail_of_a_rolled_back_change_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the change fails")
    assert OutboxMail.objects.count() == 0
    assert outbox_send_due() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_outbox_sends_once_with_attachment_and_marks_sent():
    _queue()
    assert outbox_send_due() == 1
    assert outbox_send_due() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["person0@example.org"]
    assert "Hallo Person 0" in message.body
    assert message.attachments[0][0] == "termin.ics"
    stored = OutboxMail.objects.get()
    assert stored.status == OutboxMail.Status.SENT and stored.attempts == 1


@pytest.mark.django_db
def test_mail_server_down_keeps_mail_and_retries_later(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_backends.DownBackend"
    _queue()
    assert outbox_send_due() == 0
    stored = OutboxMail.objects.get()
    assert stored.status == OutboxMail.Status.PENDING
    assert stored.attempts == 1
    assert "SMTPServerDisconnected" in stored.last_error
    assert stored.next_attempt_at > timezone.now()
    assert outbox_send_due() == 0  # not due yet: backoff
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    assert outbox_send_due() == 1
    assert len(mail.outbox) == 1
    assert OutboxMail.objects.get().status == OutboxMail.Status.SENT


@pytest.mark.django_db
def test_mail_fails_for_good_after_max_attempts(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_backends.DownBackend"
    _queue()
    for _ in range(8):
        OutboxMail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
        outbox_send_due()
    assert OutboxMail.objects.get().status == OutboxMail.Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_a_mail_twice(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_backends.CountingBackend"
    mail_backends.delivered.clear()
    _queue(30)
    errors = []

    def worker():
        from django.db import connection

        try:
            outbox_send_due(limit=100)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    recipients = sorted(m.to[0] for m in mail_backends.delivered)
    assert recipients == sorted(f"person{i}@example.org" for i in range(30))
    assert OutboxMail.objects.filter(status=OutboxMail.Status.SENT).count() == 30


@pytest.mark.django_db
def test_worker_command_runs_once(settings):
    from django.core.management import call_command

    _queue(2)
    call_command("run_worker", "--once")
    assert len(mail.outbox) == 2
