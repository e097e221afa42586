"""The profiles' admin: read-only forms, hiding, showing again, merging and deleting through the
services (audited), and no e-mail address or phone number on its pages."""

import pytest

from revier.core.models import AuditEntry
from revier.network.models import Profile, ProfileEntry
from revier.network.services import EntryInput
from tests.factories import make_profile

pytestmark = pytest.mark.django_db
CHANGELIST = "/verwaltung/network/profile/"


def act(admin_client, action, profiles):
    return admin_client.post(CHANGELIST, {"action": action, "_selected_action": [str(p.pk) for p in profiles]},
                             follow=True)


def test_hide_and_show_again_through_the_services(admin_client):
    profile, _ = make_profile()
    act(admin_client, "hide_profiles", [profile])
    profile.refresh_from_db()
    assert profile.hidden_by_staff
    act(admin_client, "unhide_profiles", [profile])
    profile.refresh_from_db()
    assert not profile.hidden_by_staff
    actions = list(AuditEntry.objects.filter(object_id=str(profile.pk), actor__isnull=False)
                   .exclude(action__startswith="admin_")  # the lists seen after each action (reads)
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["profile_hidden", "profile_unhidden"]


def test_merge_keeps_the_older_profile_with_all_entries(admin_client):
    older, _ = make_profile(entries=[EntryInput(direction="offer", title="A")])
    newer, _ = make_profile(1, entries=[EntryInput(direction="need", title="B")])
    response = act(admin_client, "merge_profiles", [older, newer])
    assert "zusammengeführt" in response.content.decode()
    assert list(Profile.objects.all()) == [older]
    assert sorted(ProfileEntry.objects.values_list("title", flat=True)) == ["A", "B"]


def test_merge_needs_exactly_two(admin_client):
    profiles = [make_profile(n)[0] for n in range(3)]
    response = act(admin_client, "merge_profiles", profiles)
    assert "genau zwei Profile" in response.content.decode()
    assert Profile.objects.count() == 3


def test_delete_selected_goes_through_the_service(admin_client):
    profiles = [make_profile(n)[0] for n in range(2)]
    admin_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [str(p.pk) for p in profiles],
                                   "post": "yes"})
    assert not Profile.objects.exists()
    assert AuditEntry.objects.filter(action="profile_deleted", actor__isnull=False).count() == 2


def test_change_form_is_read_only_and_there_is_no_add(admin_client):
    profile, _ = make_profile()
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    response = admin_client.get(f"{CHANGELIST}{profile.pk}/change/")
    assert response.status_code == 200
    assert 'name="organisation"' not in response.content.decode()
    admin_client.post(f"{CHANGELIST}{profile.pk}/change/", {"organisation": "Anders"})
    profile.refresh_from_db()
    assert profile.organisation != "Anders"


def test_profile_shows_the_persons_language_read_only_and_filters_by_it(admin_client):
    german, _ = make_profile(0)
    english, _ = make_profile(1)
    Profile.objects.filter(pk=english.pk).update(language="en")
    change = admin_client.get(f"{CHANGELIST}{english.pk}/change/").content.decode()
    assert "field-language" in change and "English" in change
    assert 'name="language"' not in change
    assert list(admin_client.get(f"{CHANGELIST}?language=en").context["cl"].result_list) == [english]
    assert list(admin_client.get(f"{CHANGELIST}?language=de").context["cl"].result_list) == [german]
