"""The audit log in the admin (issue 12 §2): read-only for everyone, superusers included; filters by
action, object type, person and date; seen by administrators only."""

import datetime
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from revier.core.models import AuditEntry
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    alice, bob = UserFactory(username="alice", is_staff=True), UserFactory(username="bob", is_staff=True)
    old = AuditEntry.objects.create(actor=alice, action="registration_viewed", object_type="events.registration",
                                    object_id="7", data={"count": 1})
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=40))
    new = AuditEntry.objects.create(actor=bob, action="claims_exported", object_type="contingents.claim",
                                    data={"count": 12})
    return {"alice": alice, "bob": bob, "old": old, "new": new}


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _listed(response) -> set[int]:
    return {entry.pk for entry in response.context["cl"].result_list}


def test_superuser_sees_the_log_but_cannot_add_change_or_delete(client, entries):
    _login(client, StaffFactory())
    url = reverse("admin:core_auditentry_changelist")
    response = client.get(url)
    assert response.status_code == 200 and _listed(response) == {entries["old"].pk, entries["new"].pk}
    assert response.context["action_form"] is None  # no actions, so no "delete selected" either
    change = reverse("admin:core_auditentry_change", args=[entries["old"].pk])
    assert client.get(change).status_code == 200  # view only
    assert client.post(change, {"action": "geändert"}).status_code == 403
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:core_auditentry_delete", args=[entries["old"].pk]), {"post": "yes"}).status_code == 403
    assert client.post(url, {"action": "delete_selected", "_selected_action": [entries["old"].pk], "post": "yes"}).status_code in (200, 302)
    assert AuditEntry.objects.filter(pk=entries["old"].pk, action="registration_viewed").exists()


@pytest.mark.parametrize("query, expected", [
    ("action=claims_exported", {"new"}),
    ("object_type=events.registration", {"old"}),
    ("actor={alice}", {"old"}),
    ("actor={bob}", {"new"}),
    ("actor=x", set()),
    ("at__gte={week_ago}", {"new"}),
])
def test_log_filters(client, entries, query, expected):
    _login(client, StaffFactory())
    week_ago = quote(str(timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
                         - datetime.timedelta(days=7)))  # as the admin's date filter writes it
    query = query.format(alice=entries["alice"].pk, bob=entries["bob"].pk, week_ago=week_ago)
    response = client.get(reverse("admin:core_auditentry_changelist") + "?" + query)
    assert response.status_code == 200
    assert _listed(response) == {entries[name].pk for name in expected}


def test_the_actor_filter_offers_only_people_who_acted(client, entries):
    UserFactory(username="zuschauer", is_staff=True)
    _login(client, StaffFactory(username="admin"))
    response = client.get(reverse("admin:core_auditentry_changelist"))
    spec = next(spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "actor")
    assert [title for _value, title in spec.lookup_choices] == ["alice", "bob"]


def test_staff_without_the_view_permission_do_not_see_the_log(client, entries):
    editor = UserFactory(is_staff=True)
    _login(client, editor)
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 403
    assert client.get(reverse("admin:core_auditentry_change", args=[entries["old"].pk])).status_code == 403


def test_staff_with_the_view_permission_see_it_read_only(client, entries):
    auditor = UserFactory(is_staff=True)
    auditor.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    # Even "change" and "delete" granted by mistake do not make the log editable.
    auditor.user_permissions.add(*Permission.objects.filter(codename__in=["change_auditentry", "delete_auditentry"]))
    _login(client, auditor)
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    change = reverse("admin:core_auditentry_change", args=[entries["old"].pk])
    assert client.post(change, {"action": "x"}).status_code == 403
    assert client.post(reverse("admin:core_auditentry_delete", args=[entries["old"].pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.count() == 2
