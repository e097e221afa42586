"""Sessions of logged-in people end after settings.SESSION_IDLE_MINUTES without a request
(core.middleware.SessionIdleTimeoutMiddleware); anonymous readers still get no cookie."""

import pytest

from revier.core import middleware
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
STAFF_PAGE = "/veranstaltungen/verwalten/"


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    return now


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_session_ends_after_the_idle_time(client, clock):
    client.force_login(UserFactory(username="orga"))  # with the second factor (tests/conftest.py)
    assert client.get(STAFF_PAGE).status_code == 200

    clock[0] += 60 * 60 + 1
    response = client.get(STAFF_PAGE)

    assert response.status_code == 302 and response["Location"].startswith("/anmelden/?next=")
    assert not _logged_in(client)


def test_session_stays_while_the_person_works(client, clock):
    client.force_login(UserFactory())
    for _ in range(8):  # four hours, a request every half hour
        clock[0] += 30 * 60
        assert client.get(STAFF_PAGE).status_code == 200
    assert _logged_in(client)


def test_session_idle_time_is_a_setting(client, clock, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(UserFactory())
    assert client.get(STAFF_PAGE).status_code == 200
    clock[0] += 4 * 60
    assert client.get(STAFF_PAGE).status_code == 200
    clock[0] += 5 * 60 + 1
    assert client.get(STAFF_PAGE).status_code == 302


def test_session_last_seen_is_written_at_most_once_a_minute(client, clock):
    client.force_login(UserFactory())
    client.get(STAFF_PAGE)
    first = client.session[middleware.SessionIdleTimeoutMiddleware.LAST_SEEN]
    clock[0] += 30
    response = client.get(STAFF_PAGE)
    assert client.session[middleware.SessionIdleTimeoutMiddleware.LAST_SEEN] == first
    assert "sessionid" not in response.cookies  # nothing written, no cookie sent again
    clock[0] += 31
    client.get(STAFF_PAGE)
    assert client.session[middleware.SessionIdleTimeoutMiddleware.LAST_SEEN] == first + 61


def test_session_idle_check_sets_no_cookie_for_anonymous_readers(client, clock):
    for path in ("/", "/veranstaltungen/", "/anmelden/passwort-vergessen/gesendet/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies and "Set-Cookie" not in response.headers, path
        assert "Cookie" not in response.get("Vary", ""), path


def test_session_idle_time_starts_with_the_login(client, clock):
    """Stored with the login: the first page after it writes nothing (staff pages' query counts)."""
    client.force_login(UserFactory())
    assert client.session[middleware.SessionIdleTimeoutMiddleware.LAST_SEEN] == clock[0]
    clock[0] += 60 * 60 + 1
    assert client.get(STAFF_PAGE).status_code == 302
