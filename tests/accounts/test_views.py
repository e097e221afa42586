import pytest
from django.contrib.auth import get_user_model

from revier.core.models import AuditEntry, OutboxMail
from tests.accounts.conftest import with_roles
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_account_list_shows_accounts_with_roles_and_audits_the_read(admin_client, administrator):
    editor = with_roles("redaktion", username="erika")
    EventFactory().managers.add(editor)
    response = admin_client.get("/verwaltung/konten/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "erika" in page and "Redaktion" in page and "Administration" in page
    entry = AuditEntry.objects.get(action="accounts_viewed")
    assert entry.actor == administrator and entry.data["count"] == 2


def test_account_list_search(admin_client):
    with_roles("redaktion", username="erika")
    with_roles("monitor", username="manfred")
    page = admin_client.get("/verwaltung/konten/?q=erik").content.decode()
    assert "erika" in page and "manfred" not in page


def test_account_list_query_count_does_not_grow(admin_client, django_assert_max_num_queries):
    for _ in range(3):
        with_roles("redaktion")
    with django_assert_max_num_queries(12):
        admin_client.get("/verwaltung/konten/")
    for _ in range(20):
        EventFactory().managers.add(with_roles("monitor", "kontingente"))
    with django_assert_max_num_queries(12):
        admin_client.get("/verwaltung/konten/")


def test_invite_form_errors_are_german_next_to_the_field_input_kept(admin_client):
    UserFactory(email="da@example.org")
    response = admin_client.post("/verwaltung/konten/einladen/", {"email": "kein-at", "first_name": "Nora"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte geben Sie eine E-Mail-Adresse in der Form name@example.de ein." in page
    assert 'value="Nora"' in page
    response = admin_client.post("/verwaltung/konten/einladen/", {"email": "da@example.org", "roles": ["monitor"]})
    assert response.status_code == 400
    assert "Es gibt bereits ein Konto mit dieser E-Mail-Adresse." in response.content.decode()
    response = admin_client.post("/verwaltung/konten/einladen/", {"email": "x@example.org", "roles": ["chef"]})
    assert response.status_code == 400
    assert not OutboxMail.objects.exists()


def test_invite_creates_account_and_leads_to_its_page(admin_client):
    response = admin_client.post("/verwaltung/konten/einladen/", {"email": "neu@example.org", "roles": ["monitor"]})
    user = User.objects.get(email="neu@example.org")
    assert response.status_code == 302 and response.url == f"/verwaltung/konten/{user.pk}/"
    assert OutboxMail.objects.filter(to=["neu@example.org"]).exists()
    page = admin_client.get(response.url).content.decode()
    assert "Einladung erneut senden" in page


def test_detail_sets_roles_and_teams(admin_client):
    user, event = UserFactory(is_staff=True), EventFactory(title="Wasserstofftag")
    assert admin_client.post(f"/verwaltung/konten/{user.pk}/", {"roles": ["redaktion", "monitor"]}).status_code == 302
    assert set(user.groups.values_list("name", flat=True)) == {"Redaktion", "Monitor-Analyse"}
    assert admin_client.post(f"/verwaltung/konten/{user.pk}/team/", {"event": event.pk}).status_code == 302
    assert list(event.managers.all()) == [user]
    page = admin_client.get(f"/verwaltung/konten/{user.pk}/").content.decode()
    assert "Wasserstofftag" in page
    assert admin_client.post(f"/verwaltung/konten/{user.pk}/team/{event.pk}/entfernen/").status_code == 302
    assert not event.managers.exists()
    assert admin_client.post(f"/verwaltung/konten/{user.pk}/team/{event.pk}/entfernen/").status_code == 404


def test_detail_team_form_without_event_shows_error(admin_client):
    user = UserFactory(is_staff=True)
    response = admin_client.post(f"/verwaltung/konten/{user.pk}/team/", {"event": ""})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Veranstaltung." in response.content.decode()


def test_deactivate_reactivate_and_not_oneself(admin_client, administrator):
    user = UserFactory(is_staff=True)
    admin_client.post(f"/verwaltung/konten/{user.pk}/deaktivieren/")
    user.refresh_from_db()
    assert not user.is_active
    admin_client.post(f"/verwaltung/konten/{user.pk}/reaktivieren/")
    user.refresh_from_db()
    assert user.is_active
    response = admin_client.post(f"/verwaltung/konten/{administrator.pk}/deaktivieren/", follow=True)
    assert "Sie können Ihr eigenes Konto nicht deaktivieren." in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active


def test_administrator_cannot_open_or_change_a_superuser(admin_client):
    boss = StaffFactory()
    for url in (f"/verwaltung/konten/{boss.pk}/", f"/verwaltung/konten/{boss.pk}/deaktivieren/"):
        assert admin_client.post(url, {"roles": []}).status_code == 404
    boss.refresh_from_db()
    assert boss.is_active


@pytest.mark.parametrize("role", ["redaktion", "monitor", "kontingente", None])
def test_account_pages_404_without_the_role(client, role):
    client.force_login(with_roles(role) if role else UserFactory(is_staff=True))
    assert client.get("/verwaltung/konten/").status_code == 404
    assert client.post("/verwaltung/konten/einladen/", {"email": "x@example.org"}).status_code == 404
    assert not User.objects.filter(email="x@example.org").exists()


def test_organiser_area_links_the_account_pages_for_administrators_only(client, administrator):
    client.force_login(administrator)
    assert "/verwaltung/konten/" in client.get("/veranstaltungen/verwalten/").content.decode()
    client.force_login(with_roles("redaktion"))
    assert "/verwaltung/konten/" not in client.get("/veranstaltungen/verwalten/").content.decode()


def test_administrator_resets_the_second_factor_of_an_account_audited(admin_client, administrator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from revier.core.mfa import second_factor_confirm, totp_device_pending
    from revier.core.models import RecoveryCodeDevice
    from tests.factories import totp_code

    account = with_roles("redaktion")
    assert "Zweiten Faktor zurücksetzen" not in admin_client.get(f"/verwaltung/konten/{account.pk}/").content.decode()
    device = totp_device_pending(user=account)
    second_factor_confirm(device=device, code=totp_code(device))
    page = admin_client.get(f"/verwaltung/konten/{account.pk}/").content.decode()
    assert "Zweiten Faktor zurücksetzen" in page

    response = admin_client.post(f"/verwaltung/konten/{account.pk}/zweiter-faktor/")
    assert response.status_code == 302 and response["Location"] == f"/verwaltung/konten/{account.pk}/"
    assert not TOTPDevice.objects.filter(user=account).exists() and not RecoveryCodeDevice.objects.filter(user=account).exists()
    entry = AuditEntry.objects.get(action="second_factor_reset")
    assert entry.actor == administrator and entry.object_id == str(account.pk)
    assert "Der zweite Faktor wurde zurückgesetzt." in admin_client.get(response["Location"]).content.decode()
