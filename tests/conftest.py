import os

import pytest
from django.core.cache import cache

from revier.core.cache import forget_local_copies
from revier.core.fragments import forget_fragments


@pytest.fixture(autouse=True)
def _test_environment(settings, tmp_path):
    """Plain static storage (no collectstatic needed), uploads in a temporary folder, an empty cache."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Off by default so that query counts measure the views; tests/core/test_cache.py switches it on.
    settings.PAGE_CACHE_SECONDS = 0
    # The same for rendered parts of pages; tests/core/test_fragments.py switches it on.
    # TEST_FRAGMENT_CACHE_SECONDS=300 runs the whole suite with them kept, as in production: a page
    # that shows stale content after a write through the services then fails its test.
    settings.FRAGMENT_CACHE_SECONDS = int(os.environ.get("TEST_FRAGMENT_CACHE_SECONDS", "0"))
    # The registration form's seats counted for every request (tests/events/test_seat_counts.py: remembered).
    settings.SEAT_COUNT_SECONDS = 0
    cache.clear()
    forget_local_copies()
    forget_fragments()
    yield
    cache.clear()
    forget_local_copies()
    forget_fragments()


@pytest.fixture
def fragments_on(settings):
    """Rendered parts of pages kept as in production (the environment above starts and ends each
    test with an empty store)."""
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def count_queries(client):
    """Returns a function that GETs a URL and returns (response, number of SQL queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(url, **extra):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, **extra)
        return response, len(ctx.captured_queries)

    return get


@pytest.fixture(autouse=True)
def _test_logins_pass_the_second_factor(monkeypatch):
    """client.force_login() and client.login() stand for a complete login, with the second factor
    that staff accounts need (core.mfa): the session gets django-otp's mark, as after a code. The
    tests of the second factor itself log in through the login form (tests/core/test_mfa.py), or
    with client._login_password_only(user) (the password step alone)."""
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY

    login = ClientMixin._login

    def login_with_second_factor(self, user, backend=None):
        login(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = "tests.conftest"
        session.save()

    monkeypatch.setattr(ClientMixin, "_login", login_with_second_factor)
    monkeypatch.setattr(ClientMixin, "_login_password_only", login, raising=False)
