"""The network's HTML mails as whole documents: every kind (made through the services by
tests.network.test_mail_html.make_every_network_mail) is valid HTML for the Nu Html Checker and has
no axe-core violation when opened as a page in chromium."""

import pytest

from revier.core.models import OutboxMail
from tests.browser.conftest import format_violations, run_axe
from tests.browser.test_html_validity import vnu_errors
from tests.network.test_mail_html import NETWORK_MAIL_SUBJECTS, make_every_network_mail


@pytest.mark.django_db
def test_network_mails_are_valid_html(tmp_path):
    make_every_network_mail()
    documents = {f"mail-{mail.pk}": mail.body_html for mail in OutboxMail.objects.exclude(body_html="")}
    assert len(documents) >= len(NETWORK_MAIL_SUBJECTS)
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_network_mails_have_no_axe_violations(page):
    make_every_network_mail()
    found = {}
    for mail in OutboxMail.objects.exclude(body_html="").order_by("id"):
        page.set_content(mail.body_html, wait_until="load")
        violations = run_axe(page)
        if violations:
            found[mail.subject] = format_violations(violations)
    assert page.visit.requests == []  # nothing loaded from anywhere
    assert found == {}, "\n".join(f"{subject}:\n{text}" for subject, text in found.items())
