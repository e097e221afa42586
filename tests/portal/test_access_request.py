"""Staff answer an access request in one step (issue 12 §4): everything under an address as JSON,
for administrators only, audited without the address."""

import json

import pytest
from django.contrib.auth.models import Permission

from revier.core.models import AuditEntry
from revier.events import services
from tests.factories import EventFactory, StaffFactory, TicketCategoryFactory, UserFactory, make_profile, registration_input

pytestmark = pytest.mark.django_db

URL = "/verwaltung/auskunft/"
ADDRESS = "quirinella.vostrikowa@example.org"


@pytest.fixture
def administrator():
    user = UserFactory(username="admina", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    return user


def _register(email, n):
    event = EventFactory()
    category = TicketCategoryFactory(event=event, capacity=10)
    return services.registration_create(event=event, data=registration_input(
        category, n, email=email, first_name=f"Vorname{n}x")).registration


def test_export_for_an_address_has_its_objects_only_and_is_audited(client, administrator):
    mine = _register(ADDRESS, 1)
    _register("someone.else@example.org", 2)
    profile, _ = make_profile(3, email=ADDRESS)
    client.force_login(administrator)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"email": ADDRESS.upper()})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert [r["registration"][0]["id"] for r in data["registrations"]] == [mine.pk]
    assert [p["profile"][0]["id"] for p in data["profiles"]] == [profile.pk]
    assert data["claims"] == []
    assert "Vorname2x" not in response.content.decode()
    entries = AuditEntry.objects.filter(action="access_request_exported", actor=administrator)
    assert {(e.object_type, e.object_id, e.data["count"]) for e in entries} == {
        ("events.registration", str(mine.pk), 1), ("contingents.claim", "", 0), ("network.profile", str(profile.pk), 1)}
    assert not any(ADDRESS in str(e.data) or ADDRESS in e.object_repr for e in entries)


def test_invalid_address_shows_the_error_and_exports_nothing(client, administrator):
    client.force_login(administrator)
    assert client.post(URL, {"email": "kein-at\x00"}).status_code < 500
    response = client.post(URL, {"email": "kein-at"})
    assert response.status_code == 400
    assert "Fehler:" in response.content.decode()
    assert not AuditEntry.objects.filter(action="access_request_exported").exists()


def test_only_administrators(client):
    assert client.get(URL).status_code == 302  # to the login
    client.force_login(UserFactory(username="organiser", is_staff=True))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"email": ADDRESS}).status_code in (403, 404)
    client.force_login(UserFactory(username="plain"))
    assert client.get(URL).status_code == 404
    client.force_login(StaffFactory(username="root"))  # superusers may
    assert client.get(URL).status_code == 200
    assert not AuditEntry.objects.filter(action="access_request_exported").exists()
