"""The person's rights for a network profile (issue 12 §4): everything stored as JSON and as a page,
the publication withdrawn (the profile hidden, with time), the data deleted now (the network's delete)."""

import json

import pytest
from django.urls import reverse

from revier.network.models import Profile
from tests.factories import make_profile
from tests.personal_data import tables_holding

pytestmark = pytest.mark.django_db

PERSON = {"first_name": "Hyazintha", "last_name": "Pflaumbaum", "organisation": "Glasblaeserei Uebigau",
          "email": "hyazintha.pflaumbaum@example.org", "description": "Wir bauen Wasserstoffspeicher aus Basalt"}
OTHER = {"first_name": "Leberecht", "last_name": "Quastenflosser", "organisation": "Dampfmuehle Zschornewitz",
         "email": "leberecht.quastenflosser@example.org", "description": "Wir reparieren Turbinen"}


def _profile(person, n):
    return make_profile(n, email=person["email"], **{k: v for k, v in person.items() if k != "email"})


def test_export_has_every_stored_field_of_the_person_and_nothing_of_others(client):
    profile, token = _profile(PERSON, 1)
    _profile(OTHER, 2)
    response = client.get(reverse("network:profile-data-json", kwargs={"token": token}))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    row = data["profile"][0]
    stored = Profile.objects.filter(pk=profile.pk).values()[0]
    for field in Profile._meta.concrete_fields:
        if field.name in ("search_text", "search_stems", "search_vector"):
            continue
        value = stored[field.attname]
        assert row[field.name] == (value.isoformat() if hasattr(value, "isoformat") else value), field.name
    text = response.content.decode()
    assert all(value in text for value in PERSON.values())
    assert not any(value in text for value in OTHER.values())
    assert "entries" in data and "personal_links" in data and "token_hash" not in text
    page = client.get(reverse("network:profile-data", kwargs={"token": token})).content.decode()
    assert PERSON["description"] in page
    assert reverse("network:profile-data", kwargs={"token": token}) in client.get(
        reverse("network:personal", kwargs={"token": token})).content.decode()


def test_withdraw_publication_hides_the_profile_with_time(client):
    profile, token = _profile(PERSON, 1)
    assert client.get(profile.get_absolute_url()).status_code == 200
    url = reverse("network:profile-data", kwargs={"token": token})
    assert client.post(url, {"widerrufen": "publication"}).status_code == 302
    profile.refresh_from_db()
    assert profile.visibility == Profile.Visibility.HIDDEN
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert "Widerrufen am" in client.get(url).content.decode()


def test_delete_leaves_no_personal_data(client):
    profile, token = _profile(PERSON, 1)
    strings = list(PERSON.values())
    assert {hit[2] for hit in tables_holding(strings)} >= {PERSON["first_name"], PERSON["description"]}
    url = reverse("network:profile-erase", kwargs={"token": token})
    assert client.post(url, {}).status_code == 200
    response = client.post(url, {"confirm": "on"})
    assert response["Location"].endswith("?ergebnis=geloescht")
    assert not Profile.objects.filter(pk=profile.pk).exists()
    # The network's delete sends one last mail without a link (network.services.profile_delete);
    # nothing else of the person is left.
    left = [hit for hit in tables_holding(strings) if hit[0] != "core_outboxmail"]
    assert left == []


def test_erase_twice_is_harmless():
    from revier.network import rights

    profile, _ = _profile(PERSON, 1)
    stale = Profile.objects.get(pk=profile.pk)
    assert rights.profile_erase(profile=profile) == rights.DELETED
    assert rights.profile_erase(profile=stale) == rights.DELETED


def test_delete_anonymises_a_profile_the_gespraechsboerse_counts(client):
    """A profile that met people (or is linked to a registration, asked, answered the follow-up) is
    anonymised, not deleted: the Gesprächsbörse's figures stay, nothing names the person (issue 12 §4)."""
    from revier.network.meetings.models import Meeting, MeetingParticipant
    from revier.network.rights import profile_needed_for_statistics
    from tests.factories import make_running_meetings

    running = make_running_meetings()
    profile, token = running["people"][0]
    strings = [profile.last_name, profile.email, profile.organisation]  # the first name is everyone's "Kim"
    assert all(Profile.objects.filter(**{field: value}).count() == 1
               for field, value in zip(("last_name", "email", "organisation"), strings))
    assert profile_needed_for_statistics(profile)
    meetings, participations = Meeting.objects.count(), MeetingParticipant.objects.filter(profile=profile).count()
    url = reverse("network:profile-erase", kwargs={"token": token})
    page = client.post(url, {}).content.decode()
    assert "ohne Ihre Angaben" in page and "anonymisiert" in page  # said before confirming
    response = client.post(url, {"confirm": "on"})
    assert response["Location"].endswith("?ergebnis=anonymisiert")
    assert "an der Gesprächsbörse teilgenommen" in client.get(response["Location"]).content.decode()
    profile.refresh_from_db()
    assert profile.anonymised_at is not None and profile.first_name == ""
    assert Meeting.objects.count() == meetings
    assert MeetingParticipant.objects.filter(profile=profile).count() == participations
    assert [hit for hit in tables_holding(strings) if hit[0] != "core_outboxmail"] == []
    assert client.get(reverse("network:personal", kwargs={"token": token})).status_code == 404
    from revier.core.models import AuditEntry
    assert AuditEntry.objects.filter(action="profile_erased", object_id=str(profile.pk),
                                     data__status="anonymised").exists()


def test_delete_removes_a_profile_nobody_counts():
    from revier.network import rights

    profile, _ = _profile(PERSON, 1)
    assert not rights.profile_needed_for_statistics(profile)
    assert rights.profile_erase_note(profile) == ""
    assert rights.profile_erase(profile=profile) == rights.DELETED
    assert not Profile.objects.filter(pk=profile.pk).exists()
