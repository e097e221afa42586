import logging

import pytest
from django.core import mail

from revier.core.mail import outbox_send_due
from revier.core.models import OutboxMail

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.core.error_urls")
def test_errors_mail_the_admins_only_through_the_outbox_and_at_most_n_an_hour(client, settings):
    settings.ADMINS = [("Revier", "admin@example.org")]
    settings.ERROR_MAILS_PER_HOUR = 2
    client.raise_request_exception = False
    for _ in range(5):
        assert client.get("/fehler/").status_code == 500
    assert mail.outbox == []  # nothing is sent inside the failing request
    queued = OutboxMail.objects.all()
    assert len(queued) == 2
    assert queued[0].to == ["admin@example.org"] and "RuntimeError" in queued[0].body_text
    assert outbox_send_due() == 2


@pytest.mark.urls("tests.core.error_urls")
def test_errors_without_admins_are_only_logged(client, settings, caplog):
    settings.ADMINS = []
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert client.get("/fehler/").status_code == 500
    assert "a defect" in caplog.text
    assert OutboxMail.objects.count() == 0 and mail.outbox == []
