import pytest
from django.core.cache import cache
from django.test import RequestFactory

from revier.core import ratelimit


def _request(address="192.0.2.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_hit_allows_up_to_the_limit_then_refuses():
    request = _request()
    results = [ratelimit.hit(scope="test", request=request, limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_hit_counts_per_client_and_scope():
    for _ in range(2):
        ratelimit.hit(scope="a", request=_request("192.0.2.1"), limit=2, window_seconds=60)
    assert not ratelimit.hit(scope="a", request=_request("192.0.2.1"), limit=2, window_seconds=60)
    assert ratelimit.hit(scope="a", request=_request("2001:db8::1"), limit=2, window_seconds=60)
    assert ratelimit.hit(scope="b", request=_request("192.0.2.1"), limit=2, window_seconds=60)


def test_hit_starts_a_new_window(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    request = _request()
    assert ratelimit.hit(scope="w", request=request, limit=1, window_seconds=60)
    assert not ratelimit.hit(scope="w", request=request, limit=1, window_seconds=60)
    now[0] += 60
    assert ratelimit.hit(scope="w", request=request, limit=1, window_seconds=60)


def test_hit_keeps_no_plain_address_in_the_cache():
    ratelimit.hit(scope="p", request=_request("198.51.100.7"), limit=1, window_seconds=60)
    keys = list(cache._cache.keys()) if hasattr(cache, "_cache") else []
    assert keys and not any("198.51.100.7" in key for key in keys)


def test_hit_without_remote_addr_still_works():
    request = RequestFactory().post("/")
    request.META.pop("REMOTE_ADDR", None)
    assert ratelimit.hit(scope="n", request=request, limit=1, window_seconds=60)


@pytest.mark.django_db
def test_message_is_german():
    from django.utils import translation

    with translation.override("de"):
        assert str(ratelimit.TOO_MANY_REQUESTS_MESSAGE).startswith("Sie haben dieses Formular")


def test_hit_allows_everything_when_switched_off_for_benchmarks(settings):
    settings.RATELIMIT_ENABLED = False
    request = _request("192.0.2.99")
    assert all(ratelimit.hit(scope="off", request=request, limit=1, window_seconds=60) for _ in range(5))
