"""The contact form under real concurrency: real threads with their own connections and transactions."""

import pytest
from django.urls import reverse

from revier.core.models import OutboxMail
from revier.pages.models import StaffMessage
from tests.concurrent import post_at_once
from tests.pages.test_views import _contact

pytestmark = pytest.mark.django_db(transaction=True)


def test_contact_form_posted_twice_at_once_is_stored_and_mailed_once(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["redaktion@example.org"]
    assert post_at_once(reverse("pages:contact"), _contact(), times=2) == [302, 302]
    assert StaffMessage.objects.count() == 1
    assert OutboxMail.objects.count() == 1
