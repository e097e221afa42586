import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from revier.accounts import services
from revier.accounts.errors import AccountExists, AlreadyActivated, OwnAccount
from revier.core.models import AuditEntry, OutboxMail
from revier.events import services as event_services
from tests.accounts.conftest import with_roles
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _invite(actor, email="neu@example.org", roles=("redaktion",)):
    return services.account_invite(email=email, first_name="Nora", last_name="Neumann", role_keys=roles, actor=actor)


def test_account_invite_creates_staff_account_without_password_with_roles_and_mail(administrator, client):
    user = _invite(administrator, email="Neu@Example.org ")
    assert (user.username, user.email, user.is_staff, user.is_active) == ("neu@example.org", "neu@example.org", True, True)
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktion"]
    mail = OutboxMail.objects.get()
    assert mail.to == ["neu@example.org"]
    link = re.search(r"http://\S+/anmelden/neues-passwort/\S+/", mail.body_text).group(0)
    # The link is core.auth's password-reset link: it sets the first password.
    response = client.get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    response = client.post(response.redirect_chain[-1][0], {"new_password1": "ein-langes-Passwort-42", "new_password2": "ein-langes-Passwort-42"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("ein-langes-Passwort-42")


def test_account_invite_is_audited_by_id_without_name_or_address(administrator):
    user = _invite(administrator)
    entry = AuditEntry.objects.get(action="account_invited")
    assert (entry.actor, entry.object_id, entry.object_repr, entry.data) == (administrator, str(user.pk), "", {"roles": ["redaktion"]})
    assert "neu@example.org" not in str(entry.data) and "Neumann" not in str(entry.data)


def test_account_invite_refuses_an_existing_address_in_any_case(administrator):
    UserFactory(email="da@example.org")
    with pytest.raises(AccountExists):
        _invite(administrator, email="DA@example.org")
    assert not OutboxMail.objects.exists()
    assert not AuditEntry.objects.filter(action="account_invited").exists()


def test_account_invite_resend_only_until_the_password_is_set(administrator):
    user = _invite(administrator)
    services.account_invite_resend(user=user, actor=administrator)
    assert OutboxMail.objects.count() == 2
    user.set_password("gesetzt-123456")
    user.save()
    with pytest.raises(AlreadyActivated):
        services.account_invite_resend(user=user, actor=administrator)


def test_account_roles_set_adds_and_removes_only_roles_and_audits(administrator):
    user = with_roles("redaktion")
    other = Group.objects.create(name="Eigene Gruppe")
    user.groups.add(other)
    added, removed = services.account_roles_set(user=user, role_keys=["monitor", "kontingente"], actor=administrator)
    assert (added, removed) == (["kontingente", "monitor"], ["redaktion"])
    assert set(user.groups.values_list("name", flat=True)) == {"Eigene Gruppe", "Kontingentverwaltung", "Monitor-Analyse"}
    entry = AuditEntry.objects.get(action="account_roles_changed")
    assert entry.data == {"added": ["kontingente", "monitor"], "removed": ["redaktion"]} and entry.object_id == str(user.pk)
    assert services.account_roles_set(user=user, role_keys=["monitor", "kontingente"], actor=administrator) == ([], [])
    assert AuditEntry.objects.filter(action="account_roles_changed").count() == 1


def test_account_deactivate_and_reactivate_audited_not_own_account(administrator):
    user = UserFactory(is_staff=True)
    services.account_deactivate(user=user, actor=administrator)
    user.refresh_from_db()
    assert not user.is_active
    services.account_reactivate(user=user, actor=administrator)
    user.refresh_from_db()
    assert user.is_active
    assert list(AuditEntry.objects.filter(object_id=str(user.pk)).order_by("pk").values_list("action", flat=True)) == [
        "account_deactivated", "account_reactivated"]
    with pytest.raises(OwnAccount):
        services.account_deactivate(user=administrator, actor=administrator)


def test_deactivated_account_loses_its_session(administrator, client):
    user = with_roles("redaktion")
    client.force_login(user)
    services.account_deactivate(user=user, actor=administrator)
    assert client.get("/verwaltung/").status_code == 302


def test_event_team_add_and_remove_audited_on_the_event_with_the_account_id(administrator):
    event, user = EventFactory(), UserFactory(is_staff=True)
    assert event_services.event_team_add(event=event, user=user, actor=administrator)
    assert not event_services.event_team_add(event=event, user=user, actor=administrator)
    assert list(event.managers.all()) == [user]
    assert event_services.event_team_remove(event=event, user=user, actor=administrator)
    assert not event.managers.exists()
    entries = AuditEntry.objects.filter(object_type="events.event", object_id=str(event.pk),
                                        action__startswith="event_team").order_by("pk")
    assert [(e.action, e.data) for e in entries] == [("event_team_added", {"user_id": user.pk}),
                                                     ("event_team_removed", {"user_id": user.pk})]
