import datetime
import threading

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from revier.core.mail import Attachment, mail_queue, mail_store, message_id, outbox_purge, outbox_send_due
from revier.core.models import OutboxMail
from tests.core import mail_backends
from tests.factories import StaffFactory


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


@pytest.mark.django_db
def test_outbox_send_due_blanks_body_and_attachments_once_sent():
    queued = _queue()[0]
    assert outbox_send_due() == 1
    assert "Hallo Person 0" in mail.outbox[0].body
    stored = OutboxMail.objects.get()
    assert (stored.body_text, stored.body_html, stored.attachments) == ("", "", [])
    assert stored.to == ["person0@example.org"] and stored.subject == "Test"
    assert stored.status == OutboxMail.Status.SENT and stored.sent_at is not None
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id(queued)


@pytest.mark.django_db
def test_outbox_purge_deletes_sent_and_failed_mails_after_the_retention_time(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old_sent, recent_sent, old_failed, pending = _queue(4)
    now = timezone.now()
    OutboxMail.objects.filter(pk=old_sent.pk).update(status=OutboxMail.Status.SENT, sent_at=now - datetime.timedelta(days=31))
    OutboxMail.objects.filter(pk=recent_sent.pk).update(status=OutboxMail.Status.SENT, sent_at=now - datetime.timedelta(days=29))
    OutboxMail.objects.filter(pk=old_failed.pk).update(
        status=OutboxMail.Status.FAILED, next_attempt_at=now - datetime.timedelta(days=31)
    )
    OutboxMail.objects.filter(pk=pending.pk).update(created_at=now - datetime.timedelta(days=40))
    assert outbox_purge() == 2
    assert set(OutboxMail.objects.values_list("pk", flat=True)) == {recent_sent.pk, pending.pk}
    assert "revier.core.mail.outbox_purge" in settings.WORKER_TASKS


@pytest.mark.django_db
def test_outbox_admin_never_shows_a_personal_link(client):
    """Whoever can view the outbox must not be able to open someone's registration."""
    link = "http://127.0.0.1:8000/veranstaltungen/anmeldung/GEHEIMER-TOKEN/"
    waiting = mail_store(to=["person@example.org"], subject="Ihre Anmeldung", body_text=f"Ihr Link: {link}",
                         body_html=f'<a href="{link}">Ihr Link</a>')
    client.force_login(StaffFactory())
    change = client.get(reverse("admin:core_outboxmail_change", args=[waiting.pk]))
    assert change.status_code == 200
    html = change.content.decode()
    assert "person@example.org" in html and "Ihre Anmeldung" in html
    assert "GEHEIMER-TOKEN" not in html
    found = client.get(reverse("admin:core_outboxmail_changelist"), {"q": "GEHEIMER-TOKEN"})
    assert "Ihre Anmeldung" not in found.content.decode()
    assert "Ihre Anmeldung" in client.get(reverse("admin:core_outboxmail_changelist"), {"q": "person@"}).content.decode()


@pytest.mark.django_db
def test_mail_queue_withholds_addresses_of_the_demo_domain(settings):
    settings.MAIL_WITHHELD_DOMAINS = ["beispiel.example"]
    only_demo = mail_queue(to=["anja.adler@Beispiel.example"], subject="Test", template="core/mail/test",
                           context={"name": "Anja"})
    mixed = mail_store(to=["anja.adler@beispiel.example", "person@example.org"], subject="Test", body_text="Hallo")
    assert only_demo is None
    assert list(OutboxMail.objects.values_list("to", flat=True)) == [["person@example.org"]]
    assert mixed.to == ["person@example.org"]
