import pytest
from django.contrib.auth.models import Permission

from revier.contingents.permissions import can_manage_contingent, can_manage_contingents
from tests.factories import ContingentFactory, EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_can_manage_contingent_kontingentverwaltung_every_contingent():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_contingent"))
    assert can_manage_contingents(user)
    assert can_manage_contingent(user, ContingentFactory())
    assert can_manage_contingent(StaffFactory(), ContingentFactory())


def test_can_manage_contingent_event_team_only_the_contingents_of_its_event():
    team, event, other_event = UserFactory(), EventFactory(), EventFactory()
    event.managers.add(team)
    own = ContingentFactory(event=event, partner_event_title="")
    assert can_manage_contingent(team, own)
    assert not can_manage_contingent(team, ContingentFactory(event=other_event, partner_event_title=""))
    assert not can_manage_contingent(team, ContingentFactory())  # a partner event's: no team
    assert not can_manage_contingents(team)


def test_can_manage_contingent_refuses_anonymous_and_inactive_team_members():
    from django.contrib.auth.models import AnonymousUser

    event = EventFactory()
    inactive = UserFactory(is_active=False)
    event.managers.add(inactive)
    contingent = ContingentFactory(event=event, partner_event_title="")
    assert not can_manage_contingent(AnonymousUser(), contingent)
    assert not can_manage_contingent(inactive, contingent)


def test_team_sees_its_event_contingents_in_the_staff_list_only(client):
    team, event = UserFactory(), EventFactory()
    event.managers.add(team)
    own = ContingentFactory(event=event, partner_event_title="", title="Eigene Freikarten")
    ContingentFactory(title="Fremde Freikarten")
    client.force_login(team)
    page = client.get("/veranstaltungen/freikarten/verwalten/").content.decode()
    assert "Eigene Freikarten" in page and "Fremde Freikarten" not in page
    assert client.get(f"/veranstaltungen/freikarten/verwalten/{own.slug}/").status_code == 200
    client.force_login(UserFactory())
    assert client.get("/veranstaltungen/freikarten/verwalten/").status_code == 404
