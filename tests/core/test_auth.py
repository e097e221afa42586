"""The one staff login (core.auth): throttled per account and per client, also for the admin."""

import pytest
from django.contrib.auth.signals import user_login_failed

from revier.core import ratelimit
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
THROTTLED = "Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten oder setzen Sie Ihr Passwort zurück."


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The rate limits' clock, stopped in the middle of a window: a test's attempts never straddle
    the end of one (the windows are fixed, see core.ratelimit). Move it with clock[0] += seconds."""
    now = [1_800_000_450.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    return now


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


def test_admin_login_leads_to_the_admin(client):
    StaffFactory(username="admin")
    response = _post(client, "admin", PASSWORD, next="/verwaltung/")
    assert response.status_code == 302 and response["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200
