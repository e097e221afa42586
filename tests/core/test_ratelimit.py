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


def test_client_address_groups_ipv6_by_64_network():
    same = ["2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:DB8:1:2:0:0:0:99%eth0"]
    assert {ratelimit.client_address(_request(a)) for a in same} == {"2001:db8:1:2::/64"}
    assert ratelimit.client_address(_request("2001:db8:1:3::1")) == "2001:db8:1:3::/64"
    assert ratelimit.client_address(_request("::ffff:192.0.2.7")) == "192.0.2.7"
    assert ratelimit.client_address(_request("192.0.2.7")) == "192.0.2.7"


def test_hit_counts_a_whole_ipv6_64_as_one_client():
    for n in range(2):
        assert ratelimit.hit(scope="v6", request=_request(f"2001:db8:0:1::{n + 1}"), limit=2, window_seconds=60)
    # another address of the same /64 is the same client …
    assert not ratelimit.hit(scope="v6", request=_request("2001:db8:0:1:abcd::1"), limit=2, window_seconds=60)
    # … the next /64 is another one
    assert ratelimit.hit(scope="v6", request=_request("2001:db8:0:2::1"), limit=2, window_seconds=60)


def _cache_keys():
    return [str(key) for key in cache._cache.keys()]


def test_keys_are_salted_hashes(settings):
    import hashlib

    ratelimit.hit_key(scope="salt", key="person@example.org", limit=1, window_seconds=60)
    ratelimit.hit(scope="salt", request=_request("198.51.100.7"), limit=1, window_seconds=60)
    keys = " ".join(_cache_keys())
    for value in ("person@example.org", "198.51.100.7"):
        assert value not in keys
        for plain in (value, f"salt:{value}"):  # an unsalted hash could be found by trying every value
            assert hashlib.sha256(plain.encode()).hexdigest()[:32] not in keys
    first = ratelimit.hashed("198.51.100.7")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert ratelimit.hashed("198.51.100.7") != first


def test_unhit_key_takes_one_hit_back_and_clear_key_forgets_the_window():
    for _ in range(2):
        ratelimit.hit_key(scope="u", key="k", limit=2, window_seconds=60)
    ratelimit.unhit_key(scope="u", key="k", window_seconds=60)
    assert ratelimit.hit_key(scope="u", key="k", limit=2, window_seconds=60)
    assert not ratelimit.hit_key(scope="u", key="k", limit=2, window_seconds=60)
    ratelimit.clear_key(scope="u", key="k", window_seconds=60)
    assert ratelimit.hit_key(scope="u", key="k", limit=1, window_seconds=60)
    ratelimit.unhit_key(scope="none", key="k", window_seconds=60)  # no counter: nothing happens
