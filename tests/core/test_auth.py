"""The one staff login (core.auth): throttled per account and per client, also for the admin."""

import pytest
from django.contrib.auth.signals import user_login_failed
from django.test import Client

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]  # the rate limits' (conftest.py)
THROTTLED = "Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten oder setzen Sie Ihr Passwort zurück."


@pytest.fixture
def password_checks():
    """How often a password was checked and found wrong (Django's user_login_failed signal)."""
    failed = []

    def receiver(**kwargs):
        failed.append(kwargs["credentials"]["username"])

    user_login_failed.connect(receiver)
    yield failed
    user_login_failed.disconnect(receiver)


def _post(client, username, password, address="192.0.2.10", path="/anmelden/", **data):
    return client.post(path, {"username": username, "password": password, **data}, REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_forty_wrong_passwords_are_refused_after_the_limit(client, password_checks):
    UserFactory(username="orga")
    statuses = [_post(client, "orga", f"falsch-{n}").status_code for n in range(40)]

    assert statuses == [200] * 5 + [429] * 35
    assert len(password_checks) == 5  # the password was not even checked after the limit
    response = _post(client, "orga", "falsch-41")
    html = response.content.decode()
    assert THROTTLED in html and 'role="alert"' in html
    assert 'value="orga"' in html  # the user name is kept
    assert "<title>Fehler: Anmelden" in html


def test_login_throttled_correct_password_does_not_log_in(client, password_checks):
    UserFactory(username="orga")
    for n in range(5):
        _post(client, "orga", f"falsch-{n}")

    response = _post(client, "orga", PASSWORD)

    assert response.status_code == 429 and THROTTLED in response.content.decode()
    assert not _logged_in(client)
    assert len(password_checks) == 5


def test_login_account_throttled_from_another_client_too(client, password_checks):
    UserFactory(username="orga")
    for n in range(5):
        _post(client, "orga", f"falsch-{n}", address="192.0.2.10")

    # another address, another IPv6 network, another spelling of the name: still the same account
    for address, name in (("198.51.100.20", "orga"), ("2001:db8:9::1", "Orga "), ("203.0.113.5", "ORGA")):
        response = _post(client, name, PASSWORD, address=address)
        assert response.status_code == 429, address
        assert not _logged_in(client)
    assert len(password_checks) == 5
    # another account from the first client is not locked by the first account's failures
    UserFactory(username="redaktion")
    assert _post(client, "redaktion", PASSWORD, address="192.0.2.10").status_code == 302


def test_login_client_throttled_across_accounts(client, settings, password_checks):
    UserFactory(username="orga")
    for n in range(20):  # 20 names, one attempt each: no account reaches its limit
        assert _post(client, f"person-{n}", "falsch", address="2001:db8:1:2::1").status_code == 200

    # the same /64 network is the same client, for every account
    response = _post(client, "orga", PASSWORD, address="2001:db8:1:2::ffff")
    assert response.status_code == 429 and not _logged_in(client)
    assert len(password_checks) == 20
    # another client logs in
    assert _post(client, "orga", PASSWORD, address="2001:db8:1:3::1").status_code == 302


def test_login_success_does_not_reset_the_client_counter(client, settings):
    settings.LOGIN_FAILURES_PER_CLIENT = 3
    for name in ("a", "b", "c"):
        UserFactory(username=name)
    _post(client, "x", "falsch")
    _post(client, "y", "falsch")
    assert _post(client, "a", PASSWORD).status_code == 302  # a success is no failure …
    client.logout()
    assert _post(client, "z", "falsch").status_code == 200  # … so the third failure is still checked
    # … and the failures before the success still count: the limit is reached
    assert _post(client, "b", PASSWORD).status_code == 429
    assert not _logged_in(client)


def test_login_throttle_ends_with_the_window(client, clock):
    UserFactory(username="orga")
    for n in range(6):
        _post(client, "orga", f"falsch-{n}")
    assert _post(client, "orga", PASSWORD).status_code == 429

    clock[0] += 15 * 60
    assert _post(client, "orga", PASSWORD).status_code == 302


def test_login_limits_are_settings(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    settings.LOGIN_WINDOW_MINUTES = 1
    UserFactory(username="orga")
    assert [_post(client, "orga", "falsch").status_code for _ in range(3)] == [200, 200, 429]
    assert "Bitte warten Sie 1 Minute oder" in _post(client, "orga", "falsch").content.decode()


def test_admin_login_is_the_throttled_staff_login(client, password_checks):
    StaffFactory(username="admin")
    response = client.get("/verwaltung/")
    assert response.status_code == 302 and response["Location"] == "/verwaltung/login/?next=/verwaltung/"
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == "/anmelden/?next=%2Fverwaltung%2F"

    # a password sent to the admin's login address is not checked there
    response = _post(client, "admin", PASSWORD, path="/verwaltung/login/?next=/verwaltung/")
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/")
    assert not _logged_in(client)
    for n in range(5):
        _post(client, "admin", f"falsch-{n}", path="/verwaltung/login/")
    assert password_checks == []

    for n in range(5):
        _post(client, "admin", f"falsch-{n}", next="/verwaltung/")
    assert _post(client, "admin", PASSWORD, next="/verwaltung/").status_code == 429


def test_admin_login_leads_to_the_admin_through_the_second_factor(client):
    StaffFactory(username="admin")
    response = _post(client, "admin", PASSWORD, next="/verwaltung/")
    # the admin follows once the second factor is set up or entered (tests/core/test_mfa.py)
    assert response.status_code == 302 and response["Location"] == "/anmelden/zweiter-faktor/?next=%2Fverwaltung%2F"
    assert client.get("/verwaltung/")["Location"] == "/anmelden/zweiter-faktor/?next=%2Fverwaltung%2F"


def test_login_without_staff_rights_goes_on_to_the_second_factor(client):
    UserFactory(username="orga")
    response = _post(client, "orga", PASSWORD, next="/veranstaltungen/verwalten/")
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/zweiter-faktor/")


# ---------------------------------------------------------------------------------------------
# Password reset by mail

import re  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail as django_mail  # noqa: E402

from revier.core.models import AuditEntry, OutboxMail  # noqa: E402

RESET = "/anmelden/passwort-vergessen/"
NEW_PASSWORD = "Grubenwasser-Waerme-2031"


def _ask_reset(client, email, address="192.0.2.30"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def _reset_link(mail: OutboxMail) -> str:
    return re.search(r"(https?://\S+/anmelden/neues-passwort/\S+/)", mail.body_text).group(1)


def test_login_page_links_to_password_reset(client):
    html = client.get("/anmelden/").content.decode()
    assert f'href="{RESET}">Passwort vergessen?</a>' in html


def test_password_reset_queues_a_german_mail_with_a_link_on_site_url(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    UserFactory(username="orga", email="Orga@Example.org")

    response = _ask_reset(client, "orga@example.org")

    assert response.status_code == 302 and response["Location"] == "/anmelden/passwort-vergessen/gesendet/"
    assert django_mail.outbox == []  # nothing sent in the request: the worker sends the outbox
    (mail,) = OutboxMail.objects.all()
    assert mail.to == ["Orga@Example.org"]
    assert mail.subject == "Neues Passwort für Revier festlegen"
    assert mail.body_text.startswith("Guten Tag orga,")
    assert _reset_link(mail).startswith("http://127.0.0.1:8123/anmelden/neues-passwort/")
    assert "Der Link gilt 60 Minuten und nur einmal." in mail.body_text
    assert AuditEntry.objects.filter(action="password_reset_requested").count() == 1
    done = client.get(response["Location"]).content.decode()
    assert "Wenn zu dieser Adresse ein Konto gehört" in done


def test_password_reset_answers_the_same_for_an_unknown_address(client):
    UserFactory(username="orga", email="orga@example.org")
    UserFactory(username="alt", email="alt@example.org", is_active=False)
    no_password = UserFactory(username="ohne", email="ohne@example.org")
    no_password.set_unusable_password()
    no_password.save()

    known = _ask_reset(client, "orga@example.org")
    answers = [_ask_reset(client, email) for email in ("niemand@example.org", "alt@example.org", "ohne@example.org")]

    for response in answers:
        assert (response.status_code, response["Location"]) == (known.status_code, known["Location"])
    assert [mail.to for mail in OutboxMail.objects.all()] == [["orga@example.org"]]


def test_password_reset_full_flow(client):
    user = UserFactory(username="orga", email="orga@example.org")
    other_device = Client()
    other_device.force_login(user)
    _ask_reset(client, "orga@example.org")
    link = _reset_link(OutboxMail.objects.get())
    path = link.removeprefix("http://127.0.0.1:8000")

    response = client.get(path)  # the token moves from the address into the session
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    form_page = client.get(response["Location"])
    assert form_page.status_code == 200 and "no-store" in form_page["Cache-Control"]
    assert "Neues Passwort festlegen" in form_page.content.decode()
    # the new password is checked by AUTH_PASSWORD_VALIDATORS
    refused = client.post(response["Location"], {"new_password1": "kurz", "new_password2": "kurz"})
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    assert "zu kurz" in refused.content.decode()
    done = client.post(response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/anmelden/neues-passwort/fertig/"
    assert "Ihr neues Passwort ist gespeichert" in client.get(done["Location"]).content.decode()

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="password_reset", object_id=str(user.pk)).count() == 1
    assert other_device.get("/veranstaltungen/verwalten/").status_code == 302  # other sessions end
    assert _post(client, "orga", NEW_PASSWORD).status_code == 302
    # the link works once
    client.logout()
    used = client.get(path)
    assert used.status_code == 200 and "Dieser Link funktioniert nicht mehr" in used.content.decode()


def test_password_reset_link_with_a_wrong_token_does_not_work(client):
    user = UserFactory(username="orga", email="orga@example.org")
    _ask_reset(client, "orga@example.org")
    path = _reset_link(OutboxMail.objects.get()).removeprefix("http://127.0.0.1:8000")
    forged = path.rstrip("/").rsplit("/", 1)[0] + "/abc-0123456789abcdef/"
    response = client.get(forged)
    assert response.status_code == 200 and "Dieser Link funktioniert nicht mehr" in response.content.decode()
    assert client.get(path.rsplit("/", 2)[0] + "/set-password/").content.decode().count("new_password1") == 0
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_is_limited_per_client(client):
    UserFactory(username="orga", email="orga@example.org")
    answers = [_ask_reset(client, f"person{n}@example.org").status_code for n in range(5)]
    assert answers == [302] * 5

    response = _ask_reset(client, "orga@example.org")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Sie haben dieses Formular in kurzer Zeit zu oft abgeschickt" in html and 'value="orga@example.org"' in html
    assert not OutboxMail.objects.exists()
    assert _ask_reset(client, "orga@example.org", address="2001:db8:5::1").status_code == 302  # another client


def test_password_reset_is_limited_per_address(client, settings):
    UserFactory(username="orga", email="orga@example.org")
    for n in range(settings.SELF_SERVICE_MAILS_PER_HOUR + 2):  # from ever new clients
        assert _ask_reset(client, "orga@example.org", address=f"198.51.100.{n + 1}").status_code == 302
    assert OutboxMail.objects.count() == settings.SELF_SERVICE_MAILS_PER_HOUR


def test_password_reset_ends_the_login_lock_of_the_account(client):
    user = UserFactory(username="orga", email="orga@example.org")
    for n in range(6):
        _post(client, "orga", f"falsch-{n}", address="198.51.100.1")
    assert _post(client, "orga", PASSWORD, address="198.51.100.1").status_code == 429

    _ask_reset(client, "orga@example.org")
    session_path = client.get(_reset_link(OutboxMail.objects.get()).removeprefix("http://127.0.0.1:8000"))["Location"]
    client.post(session_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert _post(client, "orga", NEW_PASSWORD, address="198.51.100.2").status_code == 302
    assert get_user_model().objects.get(pk=user.pk).check_password(NEW_PASSWORD)
