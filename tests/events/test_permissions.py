import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from revier.events.permissions import can_manage_event
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_can_manage_event_superuser_may_manage_every_event():
    assert can_manage_event(StaffFactory(), EventFactory())


def test_can_manage_event_permission_manage_all_events_grants_every_event():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_all_events", content_type__app_label="events"))
    assert can_manage_event(user, EventFactory())


def test_can_manage_event_organiser_only_their_own_event():
    organiser = UserFactory()
    own, other = EventFactory(), EventFactory()
    own.managers.add(organiser)
    assert can_manage_event(organiser, own)
    assert not can_manage_event(organiser, other)


def test_can_manage_event_refuses_anonymous_plain_and_inactive_users():
    event = EventFactory()
    inactive = UserFactory(is_active=False)
    event.managers.add(inactive)
    assert not can_manage_event(AnonymousUser(), event)
    assert not can_manage_event(None, event)
    assert not can_manage_event(UserFactory(), event)
    assert not can_manage_event(UserFactory(is_staff=True), event)
    assert not can_manage_event(inactive, event)
