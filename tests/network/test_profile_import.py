import datetime

import pytest
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail, Topic
from revier.network import errors, services
from revier.network.models import Profile, ProfileLink

pytestmark = pytest.mark.django_db


def _data(**changes):
    values = {"first_name": "Anja", "last_name": "Adler", "organisation": "Saale Gasanlagenbau GmbH", "kind": "kmu",
              "region": "mitteldeutsch", "district": "Zeitz"}
    return services.ProfileInput(**{**values, **changes})


def test_profile_import_creates_a_confirmed_profile_without_mail_or_link():
    topic = Topic.objects.create(name="Testthema Import", slug="testthema-import")
    confirmed_at = timezone.now() - datetime.timedelta(days=3)
    entries = [
        services.EntryInput(direction="offer", title="Prüfung von Elektrolyseuren", text="Im eigenen Prüffeld.",
                            topic_ids=(topic.pk,)),
        services.EntryInput(direction="need", title="Abnehmer für Wasserstoff"),
    ]
    profile = services.profile_import(email="anja.adler@example.org", data=_data(topic_ids=(topic.pk,)), entries=entries,
                                      confirmed_at=confirmed_at, is_synthetic=True)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.CONFIRMED and profile.confirmed_at == confirmed_at
    assert profile.is_synthetic and profile.confirm_until is None
    assert [(e.direction, e.title, [t.slug for t in e.topics.all()]) for e in profile.entries.order_by("position")] == [
        ("offer", "Prüfung von Elektrolyseuren", ["testthema-import"]), ("need", "Abnehmer für Wasserstoff", [])]
    assert "Elektrolyseuren" in profile.search_text
    assert not OutboxMail.objects.exists() and not ProfileLink.objects.exists()
    assert AuditEntry.objects.filter(action="profile_imported", object_id=str(profile.pk)).exists()


def test_profile_import_refuses_a_second_profile_and_bad_input():
    services.profile_import(email="anja.adler@example.org", data=_data(), confirmed_at=timezone.now())
    with pytest.raises(errors.ProfileError):
        services.profile_import(email="Anja.Adler@example.org", data=_data(), confirmed_at=timezone.now())
    with pytest.raises(errors.InvalidInput):
        services.profile_import(email="kein-name", data=_data(), confirmed_at=timezone.now())
    with pytest.raises(errors.InvalidInput):
        services.profile_import(email="b@example.org", data=_data(kind="unbekannt"), confirmed_at=timezone.now())
    assert Profile.objects.count() == 1
