"""The second factor of staff logins (core.mfa, core.mfa_views, core.middleware.SecondFactorMiddleware):
setting up the app, the code after the password (TOTP codes computed with django-otp's own
functions), recovery codes used once, wrong codes throttled, the admin closed before the second
factor, the reset by an administrator, and the audit entries."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from revier.core.mfa import second_factor_required
from revier.core.models import AuditEntry, EncryptedTOTPDevice, RecoveryCode, RecoveryCodeDevice
from tests.core.second_factor import ADDRESS, SECOND_FACTOR, SETUP, WRONG, log_in_with_password, send_code
from tests.factories import StaffFactory, UserFactory, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def audit_actions(user) -> list[str]:
    return list(AuditEntry.objects.filter(object_type="auth.user", object_id=str(user.pk))
                .order_by("pk").values_list("action", flat=True))


def test_second_factor_required_for_every_account():
    assert second_factor_required(StaffFactory(is_superuser=False))
    assert second_factor_required(StaffFactory())
    assert second_factor_required(UserFactory())  # an event team without the staff flag
    assert not second_factor_required(AnonymousUser())


def test_staff_without_app_is_sent_to_set_it_up_and_cannot_reach_the_admin(client):
    StaffFactory(username="chefin")
    response = log_in_with_password(client, "chefin")
    assert response["Location"] == f"{SECOND_FACTOR}?next=%2Fverwaltung%2F"
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next=%2Fverwaltung%2F"

    for path in ("/verwaltung/", "/verwaltung/auth/user/", "/veranstaltungen/verwalten/", "/konto/sicherheit/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{SECOND_FACTOR}?next="), path
    assert client.post("/verwaltung/auth/user/add/", {"username": "neu"}).status_code == 302


def test_setup_shows_qr_code_and_secret_and_confirms_with_a_code(client):
    user = StaffFactory(username="chefin")
    log_in_with_password(client, "chefin")
    response = client.get(f"{SETUP}?next=/verwaltung/")
    html = response.content.decode()
    device = EncryptedTOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert 'src="data:image/svg+xml' in html and "alt=\"QR-Code" in html
    secret = re.search(r'id="schluessel">([A-Z2-7 ]+)<', html).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]
    assert client.get(SETUP).content.decode().count(secret) == 1  # a reload keeps the same secret
    assert EncryptedTOTPDevice.objects.filter(user=user).count() == 1

    response = send_code(client, "000000" if totp_code(device) != "000000" else "111111", path=SETUP)
    html = response.content.decode()
    assert response.status_code == 200 and "Der Code stimmt nicht." in html and 'aria-invalid="true"' in html
    assert not EncryptedTOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/verwaltung/").status_code == 302

    response = send_code(client, totp_code(device), path=SETUP)
    html = response.content.decode()
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "nur dieses eine Mal" in html and 'href="/verwaltung/"' in html
    assert EncryptedTOTPDevice.objects.get(pk=device.pk).confirmed
    assert RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count() == 10
    assert client.get("/verwaltung/").status_code == 200
    assert audit_actions(user) == ["second_factor_confirmed"]


def test_login_with_a_code_from_the_app(client, staff_with_app):
    user, device, _ = staff_with_app(username="chefin")
    response = log_in_with_password(client, "chefin")
    assert response["Location"] == f"{SECOND_FACTOR}?next=%2Fverwaltung%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()
    assert client.get("/verwaltung/").status_code == 302
    assert client.get(SETUP).status_code == 302  # no second app without the code
    assert EncryptedTOTPDevice.objects.filter(user=user).count() == 1

    code = totp_code(device)
    response = send_code(client, f"{code[:3]} {code[3:]}")
    assert response.status_code == 302 and response["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200
    assert client.get(SECOND_FACTOR).status_code == 302


def test_the_same_app_code_works_once(client, staff_with_app):
    _, device, _ = staff_with_app(username="chefin")
    code = totp_code(device)
    log_in_with_password(client, "chefin")
    assert send_code(client, code).status_code == 302

    other = Client()
    log_in_with_password(other, "chefin")
    response = send_code(other, code)
    assert response.status_code == 200 and WRONG in response.content.decode()
    assert other.get("/verwaltung/").status_code == 302


def test_recovery_code_works_once_and_is_audited(client, staff_with_app):
    user, _, codes = staff_with_app(username="chefin")
    log_in_with_password(client, "chefin")
    response = send_code(client, f"{codes[3][:4]}-{codes[3][4:]}".upper())
    assert response.status_code == 302 and response["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200
    assert RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count() == 9
    entry = AuditEntry.objects.get(action="recovery_code_used")
    assert entry.actor == user and entry.data == {"left": 9}

    again = Client()
    log_in_with_password(again, "chefin")
    response = send_code(again, codes[3])
    assert response.status_code == 200 and WRONG in response.content.decode()
    assert send_code(again, codes[4]).status_code == 302


def test_wrong_codes_are_throttled_per_account_and_client(client, settings, staff_with_app):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    _, device, _ = staff_with_app(username="chefin")
    log_in_with_password(client, "chefin")
    statuses = [send_code(client, "12345" + str(n)).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = send_code(client, totp_code(device))  # even the right code is not checked now
    html = response.content.decode()
    assert response.status_code == 429
    assert "Zu viele falsche Codes. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut." in html
    assert 'aria-invalid="true"' in html and "Fehler:" in html
    assert client.get("/verwaltung/").status_code == 302

    # the account is locked for other clients too (its password step counts the same failures)
    other = Client()
    assert log_in_with_password(other, "chefin", address="198.51.100.7").status_code == 429


def test_wrong_codes_count_for_the_client_across_accounts(client, settings, staff_with_app):
    settings.LOGIN_FAILURES_PER_CLIENT = 3
    staff_with_app(username="erste")
    _, device, _ = staff_with_app(username="zweite")
    log_in_with_password(client, "erste")
    for n in range(3):
        send_code(client, "65432" + str(n))
    other = Client()
    log_in_with_password(other, "zweite", address="198.51.100.7")
    assert send_code(other, totp_code(device), address=ADDRESS).status_code == 429
    assert send_code(other, totp_code(device), address="198.51.100.7").status_code == 302


def test_a_new_password_login_asks_for_the_code_again(client, staff_with_app):
    staff_with_app(username="chefin")
    client.force_login(StaffFactory._meta.model.objects.get(username="chefin"))
    assert client.get("/verwaltung/").status_code == 200
    log_in_with_password(client, "chefin")
    assert client.get("/verwaltung/").status_code == 302


def test_a_session_with_the_password_only_reaches_no_staff_page(client):
    user = StaffFactory()
    client._login_password_only(user)
    response = client.get("/verwaltung/")
    assert response.status_code == 302 and response["Location"] == f"{SECOND_FACTOR}?next=%2Fverwaltung%2F"
    assert client.get("/veranstaltungen/verwalten/").status_code == 302
    assert client.get("/anmelden/passwort-vergessen/").status_code == 200
    assert client.post("/abmelden/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_force_login_in_tests_counts_as_the_complete_login(client):
    client.force_login(StaffFactory())
    assert client.get("/verwaltung/").status_code == 200


def test_an_event_team_without_the_staff_flag_needs_the_second_factor_too(client):
    """An organiser sees the registrations of the event (names, addresses): the same protection as staff."""
    UserFactory(username="orga")
    response = log_in_with_password(client, "orga", next_url="/veranstaltungen/verwalten/")
    assert response["Location"].startswith("/anmelden/zweiter-faktor/")
    assert client.get("/veranstaltungen/verwalten/")["Location"].startswith("/anmelden/zweiter-faktor/")


def test_second_factor_pages_need_the_password_first(client):
    for path in (SECOND_FACTOR, SETUP):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/anmelden/?next=")
    assert not EncryptedTOTPDevice.objects.exists()


def test_next_address_of_another_site_is_not_followed(client, staff_with_app):
    _, device, _ = staff_with_app(username="chefin")
    log_in_with_password(client, "chefin")
    response = send_code(client, totp_code(device), next_url="https://example.com/")
    assert response.status_code == 302 and response["Location"] == "/veranstaltungen/verwalten/"


def test_security_page_shows_codes_left_and_makes_new_ones(client, staff_with_app):
    user, device, codes = staff_with_app(username="chefin")
    RecoveryCodeDevice.objects.get(user=user).verify_token(codes[0])
    client.force_login(user)
    html = client.get("/konto/sicherheit/").content.decode()
    assert "Sie haben noch 9 unbenutzte Wiederherstellungscodes." in html

    response = client.post("/konto/sicherheit/")
    new_codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", response.content.decode())
    assert len(new_codes) == 10
    assert "Ihre bisherigen Wiederherstellungscodes funktionieren nicht mehr." in response.content.decode()
    assert "Sie haben noch 10 unbenutzte" in client.get("/konto/sicherheit/").content.decode()
    assert not RecoveryCodeDevice.objects.get(user=user).verify_token(codes[1])
    assert RecoveryCodeDevice.objects.get(user=user).verify_token(new_codes[1].replace("-", ""))
    assert audit_actions(user)[-1] == "recovery_codes_renewed"


def test_security_page_is_for_logged_in_accounts_only(client):
    assert Client().get("/konto/sicherheit/").status_code == 302
    client.force_login(UserFactory())  # an event team without the staff flag has an app too
    assert client.get("/konto/sicherheit/").status_code == 200


def test_superuser_resets_the_second_factor_audited(client, staff_with_app):
    admin = StaffFactory(username="admin")
    user, device, _ = staff_with_app(username="verlorenes-telefon")
    client.force_login(admin)
    response = client.post("/verwaltung/auth/user/", {"action": "reset_second_factor", "_selected_action": [user.pk]})
    assert response.status_code == 302
    assert not EncryptedTOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCodeDevice.objects.filter(user=user).exists()
    entry = AuditEntry.objects.get(action="second_factor_reset")
    assert entry.actor == admin and entry.object_id == str(user.pk)

    person = Client()
    log_in_with_password(person, "verlorenes-telefon")
    assert person.get(SECOND_FACTOR)["Location"].startswith(f"{SETUP}?next=")


def test_reset_is_not_offered_to_staff_without_superuser_rights(client, staff_with_app):
    from django.contrib.auth.models import Permission

    clerk = StaffFactory(is_superuser=False)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    user, _, _ = staff_with_app()
    client.force_login(clerk)
    page = client.get("/verwaltung/auth/user/")
    assert page.status_code == 200 and "reset_second_factor" not in page.content.decode()
    client.post("/verwaltung/auth/user/", {"action": "reset_second_factor", "_selected_action": [user.pk]})
    assert EncryptedTOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not AuditEntry.objects.filter(action="second_factor_reset").exists()


def test_devices_have_no_admin_pages_of_their_own(client):
    client.force_login(StaffFactory())
    assert client.get("/verwaltung/otp_totp/totpdevice/").status_code == 404
    assert client.get("/verwaltung/otp_static/staticdevice/").status_code == 404
    assert client.get("/verwaltung/core/encryptedtotpdevice/").status_code == 404
    assert client.get("/verwaltung/core/recoverycodedevice/").status_code == 404
    assert client.get("/verwaltung/core/recoverycode/").status_code == 404
