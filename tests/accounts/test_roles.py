import pytest
from django.contrib.auth.models import Group, Permission

from revier.accounts.permissions import can_manage_account, can_manage_accounts
from revier.accounts.roles import ROLES, roles_sync
from revier.contingents.permissions import can_manage_contingents
from revier.events.permissions import can_manage_all_events, can_manage_event
from revier.monitor.permissions import can_manage_monitor
from revier.news.permissions import can_edit_news
from tests.accounts.conftest import with_roles
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_sync_every_role_is_a_group_with_all_its_permissions():
    for role in ROLES:
        group = Group.objects.get(name=role.group)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert set(role.permissions) <= granted, role.key


def test_roles_sync_every_declared_permission_exists():
    existing = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}
    assert {name for role in ROLES for name in role.permissions} - existing == set()


def test_roles_sync_restores_removed_permissions_and_keeps_extra_ones():
    group = Group.objects.get(name="Redaktion")
    extra = Permission.objects.get(codename="view_auditentry")
    group.permissions.clear()
    group.permissions.add(extra)
    roles_sync()
    names = set(group.permissions.values_list("codename", flat=True))
    assert {"change_article", "view_auditentry"} <= names


@pytest.mark.parametrize("role,allowed", [
    ("redaktion", {"news"}),
    ("kontingente", {"contingents"}),
    ("monitor", {"monitor"}),
    ("administration", {"accounts"}),
])
def test_each_role_grants_exactly_its_area(role, allowed):
    user = with_roles(role)
    decisions = {
        "news": can_edit_news(user),
        "contingents": can_manage_contingents(user),
        "monitor": can_manage_monitor(user),
        "accounts": can_manage_accounts(user),
        "all_events": can_manage_all_events(user),
        "event": can_manage_event(user, EventFactory()),
    }
    assert {area for area, ok in decisions.items() if ok} == allowed


def test_roles_need_an_active_staff_account():
    assert not can_manage_accounts(with_roles("administration", is_active=False))
    assert not can_manage_accounts(with_roles("administration", is_staff=False))
    assert not can_edit_news(with_roles("redaktion", is_active=False))
    assert not can_edit_news(with_roles("redaktion", is_staff=False))
    assert not can_manage_monitor(with_roles("monitor", is_staff=False))


def test_can_manage_account_administrator_may_not_change_a_superuser():
    administrator = with_roles("administration")
    assert can_manage_account(administrator, UserFactory())
    assert not can_manage_account(administrator, StaffFactory())
    assert can_manage_account(StaffFactory(), StaffFactory())
