"""The same profile posted from several clients at once (a double click, a reload, a script): one
profile, one mail, no server error. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import pytest

from revier.core.models import OutboxMail
from revier.network.models import Profile
from tests.concurrent import post_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_profile_posted_at_once_is_created_and_mailed_once():
    data = {
        "first_name": "Kim", "last_name": "Beispiel", "email": "kim@example.org", "organisation": "Zeitz GmbH",
        "kind": "kmu", "region": "mitteldeutsch", "visibility": "public", "website": "",
    }
    assert post_at_once("/netzwerk/profil-anlegen/", data, times=4) == [302] * 4
    assert Profile.objects.count() == 1
    assert OutboxMail.objects.count() == 1

