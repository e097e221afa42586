import datetime
import importlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from revier.core.mail import outbox_send_due
from revier.core.models import AuditEntry, OutboxMail
from revier.pages import services
from revier.pages.models import Page, StaffMessage
from tests.factories import PageFactory, StaffFactory, StaffMessageFactory

pytestmark = pytest.mark.django_db


def test_initial_pages_exist_with_rendered_text_and_marked_gaps():
    """The data migration creates the footer pages in every installation, not only in the demo."""
    pages = {page.slug: page for page in Page.objects.all()}
    assert {"impressum", "datenschutz", "barrierefreiheit", "leichte-sprache", "kontakt"} <= set(pages)
    for slug in ["impressum", "datenschutz", "barrierefreiheit", "kontakt"]:
        assert "[Bitte ergänzen:" in pages[slug].body
        assert "<strong>[Bitte ergänzen:" in pages[slug].body_html
    assert "keine Cookies" in pages["datenschutz"].body
    assert "180 Tage nach Eingang" in pages["datenschutz"].body
    assert "180" in str(services.STAFF_MESSAGE_RETENTION_DAYS)
    assert 'href="/barriere-melden/"' in pages["barrierefreiheit"].body_html
    assert "Schlichtungsstelle" in pages["barrierefreiheit"].body
    assert "Revier ist eine Internet-Seite.<br>" in pages["leichte-sprache"].body_html


def test_leichte_sprache_page_does_not_announce_events_as_coming():
    page = Page.objects.get(slug="leichte-sprache")

    assert "Termine für Veranstaltungen" in page.body and "<strong>Veranstaltungen</strong>" in page.body_html
    assert "<strong>Freikarten</strong>" in page.body_html
    coming = page.body.split("Bald finden Sie hier auch:", 1)[1].split("##", 1)[0]
    assert "Veranstaltungen" not in coming and "Ergebnisse von Umfragen" in coming


def test_leichte_sprache_update_keeps_an_editors_own_text():
    from django.apps import apps

    migration = importlib.import_module("revier.pages.migrations.0004_leichte_sprache_events_are_here")
    page = Page.objects.get(slug="leichte-sprache")
    page.body = "Eigener Text. Bald finden Sie hier auch Termine."
    services.page_save(page=page, actor=None)

    migration.events_are_here(apps, None)

    page.refresh_from_db()
    assert page.body == "Eigener Text. Bald finden Sie hier auch Termine."


def test_page_save_renders_sanitised_html_and_writes_audit_entry():
    staff = StaffFactory()
    page = Page.objects.get(slug="impressum")
    page.body = "## Betreiber\n\nMusterstadt <script>alert(1)</script>"
    services.page_save(page=page, actor=staff)
    page.refresh_from_db()
    assert "<h2>Betreiber</h2>" in page.body_html
    assert "<script" not in page.body_html
    entry = AuditEntry.objects.get(action="page_changed", object_id=str(page.pk))
    assert entry.actor == staff


def test_page_save_refuses_duplicate_slug():
    with pytest.raises(ValidationError):
        PageFactory(slug="impressum")


def test_staff_message_create_stores_audits_and_mails_through_the_outbox(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["redaktion@example.org"]
    message = StaffMessageFactory(kind="contact", email="a@example.org", message="Hallo Redaktion")
    assert len(mail.outbox) == 0  # queued in the outbox with the message, sent by the worker
    queued = OutboxMail.objects.get()
    assert queued.to == ["redaktion@example.org"] and queued.reply_to == "a@example.org"
    assert outbox_send_due() == 1
    assert len(mail.outbox) == 1
    assert "Hallo Redaktion" in mail.outbox[0].body
    assert f"/verwaltung/pages/staffmessage/{message.pk}/change/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="staff_message_received")
    assert entry.data == {"kind": "contact"}  # no personal data in the audit log


def test_staff_message_create_with_mail_server_down_keeps_the_mail_for_a_retry(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_backends.DownBackend"
    StaffMessageFactory(message="Hallo Redaktion")
    assert outbox_send_due() == 0
    queued = OutboxMail.objects.get()
    assert queued.status == OutboxMail.Status.PENDING and "SMTPServerDisconnected" in queued.last_error


def test_staff_message_create_rolled_back_sends_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                StaffMessageFactory()
                raise RuntimeError("rollback")
    assert StaffMessage.objects.count() == 0
    assert OutboxMail.objects.count() == 0
    assert outbox_send_due() == 0


def test_staff_message_create_same_message_again_returns_the_stored_one():
    first = StaffMessageFactory(message="Gleicher Text")
    second = StaffMessageFactory(message="Gleicher Text")
    assert first.pk == second.pk
    assert StaffMessage.objects.count() == 1


def test_staff_message_create_same_text_after_ten_minutes_is_a_new_message():
    first = StaffMessageFactory(message="Gleicher Text")
    StaffMessage.objects.filter(pk=first.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    second = StaffMessageFactory(message="Gleicher Text")
    assert first.pk != second.pk


def test_staff_message_create_refuses_too_long_message():
    with pytest.raises(ValidationError):
        StaffMessageFactory(message="x" * 5001)
    assert StaffMessage.objects.count() == 0


def test_staff_message_create_purges_expired_messages():
    old = StaffMessageFactory(message="Alt")
    StaffMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=services.STAFF_MESSAGE_RETENTION_DAYS + 1)
    )
    recent = StaffMessageFactory(message="Neu")
    assert list(StaffMessage.objects.all()) == [recent]
    assert AuditEntry.objects.filter(action="staff_messages_purged").count() == 1


def test_purge_staff_messages_command():
    from io import StringIO

    from django.core.management import call_command

    old = StaffMessageFactory()
    StaffMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=365))
    out = StringIO()
    call_command("purge_staff_messages", stdout=out)
    assert "1 deleted" in out.getvalue()
    assert StaffMessage.objects.count() == 0


def test_staff_message_mark_handled_records_who_and_when():
    staff = StaffFactory()
    message = StaffMessageFactory()
    services.staff_message_mark_handled(message=message, actor=staff)
    message.refresh_from_db()
    assert message.handled and message.handled_at is not None
    assert AuditEntry.objects.get(action="staff_message_handled").actor == staff
    # Marking again changes nothing and writes no second entry.
    services.staff_message_mark_handled(message=message, actor=staff)
    assert AuditEntry.objects.filter(action="staff_message_handled").count() == 1
    services.staff_message_mark_handled(message=message, handled=False, actor=staff)
    message.refresh_from_db()
    assert not message.handled and message.handled_at is None


def test_notification_failure_keeps_the_message(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with django_capture_on_commit_callbacks(execute=True):
        StaffMessageFactory()
    assert StaffMessage.objects.count() == 1


def test_worker_deletes_expired_messages_with_a_protocol():
    """The worker deletes messages past their period even when no new one comes, and writes the
    retention protocol (how many, when; nothing personal)."""
    from django.conf import settings

    from revier.core.retention import PROTOCOL_ACTION

    assert "revier.pages.services.staff_messages_purge_due" in settings.WORKER_TASKS
    old = StaffMessageFactory(name="Roswitha Kleinschmager", message="Die Tabelle auf Seite 3 ist unlesbar")
    kept = StaffMessageFactory(message="Neu")
    now = old.created_at + datetime.timedelta(days=services.STAFF_MESSAGE_RETENTION_DAYS, minutes=1)
    StaffMessage.objects.filter(pk=kept.pk).update(created_at=now)
    assert services.staff_messages_purge_due(now=now - datetime.timedelta(minutes=2)) == 0
    assert services.staff_messages_purge_due(now=now) == 1
    assert list(StaffMessage.objects.all()) == [kept]
    protocol = AuditEntry.objects.get(action=PROTOCOL_ACTION)
    assert (protocol.object_type, protocol.data) == ("pages.staffmessage", {"count": 1, "owners": [], "at": now.isoformat()})
    assert services.staff_messages_purge_due(now=now) == 0
