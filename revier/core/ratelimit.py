"""A small rate limit for public POSTs (feedback forms, later registrations), kept in Django's cache.

Fixed window per client and scope: the first hit of a window creates the counter with `cache.add`
(atomic: only one request wins), every further hit uses `cache.incr` (atomic in Redis and in the
local-memory cache). The client is REMOTE_ADDR; behind a reverse proxy, the proxy must pass the
client's address as REMOTE_ADDR (e.g. gunicorn `--forwarded-allow-ips` with a PROXY-aware setup),
otherwise all clients share one counter. An IPv6 client counts by its /64 network (`client_address`).

Every key (an address, an e-mail address, a user name) is stored only as a salted hash (`hashed`:
an HMAC with SECRET_KEY), so the cache holds nothing personal in plain, and nobody who reads it can
find an address by hashing all 2^32 IPv4 addresses.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

TOO_MANY_REQUESTS_MESSAGE = _(
    "You have sent this form too often in a short time. Please wait a few minutes and then try again."
)


# POSTs of one public form (registration, claim, personal-link page, "Link erneut senden") per client
# and window: enough for a person who corrects a few mistakes, too few for a bot trying addresses or tokens.
PUBLIC_FORM_LIMIT = 10
PUBLIC_FORM_WINDOW_SECONDS = 10 * 60


def within_public_form_limit(request, *, scope: str) -> bool:
    """Counts one POST of the public form `scope` (see PUBLIC_FORM_LIMIT) and says whether it may
    be handled; the view answers 429 with TOO_MANY_REQUESTS_MESSAGE otherwise."""
    return hit(scope=scope, request=request, limit=PUBLIC_FORM_LIMIT, window_seconds=PUBLIC_FORM_WINDOW_SECONDS)


def client_address(request) -> str:
    """The client as the rate limits count it: an IPv4 address, or the /64 network of an IPv6
    address. A subscriber usually gets a whole /64 (often more) and can pick any address in it, so
    counting single IPv6 addresses would give one client 2^64 counters. An IPv4 address written as
    IPv6 (::ffff:192.0.2.1) counts as the IPv4 address."""
    raw = (request.META.get("REMOTE_ADDR") or "").strip()
    try:
        address = ipaddress.ip_address(raw.partition("%")[0])  # without an IPv6 zone ("%eth0")
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def hashed(value: str) -> str:
    """The salted hash under which a key is counted: an HMAC of `value` with SECRET_KEY."""
    return salted_hmac("revier.core.ratelimit", value, algorithm="sha256").hexdigest()[:32]


def hit(*, scope: str, request, limit: int, window_seconds: int) -> bool:
    """Counts one request of this client in `scope` and says whether it is still within `limit`
    requests per window of `window_seconds`. Every call counts, also the refused ones. With
    settings.RATELIMIT_ENABLED false (load benchmarks only) every request is allowed."""
    return hit_key(scope=scope, key=client_address(request), limit=limit, window_seconds=window_seconds)


def _cache_key(scope: str, key: str, window_seconds: int) -> str:
    window = int(time.time() // window_seconds)
    # The scope is part of the hashed value too: the same person has unrelated hashes in two scopes.
    return f"ratelimit:{scope}:{hashed(f'{scope}:{key}')}:{window}"


def hit_key(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """The same for any key: a recipient's address, a user name, or one key for the whole site.
    The key is stored only as a salted hash."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return True
    key = _cache_key(scope, key, window_seconds)
    # The counter outlives its window a little; the window number in the key starts a new one.
    if cache.add(key, 1, timeout=window_seconds + 5):
        return 1 <= limit
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this hit opens the counter again
        cache.add(key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit


def unhit_key(*, scope: str, key: str, window_seconds: int) -> None:
    """Takes one hit of the current window back (a login that succeeded was no failed attempt).
    Nothing happens if the window has no counter (it ended meanwhile)."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return
    try:
        cache.decr(_cache_key(scope, key, window_seconds))
    except ValueError:
        pass


def clear_key(*, scope: str, key: str, window_seconds: int) -> None:
    """Forgets the current window's counter of `key` (a new password ends an account's lock)."""
    cache.delete(_cache_key(scope, key, window_seconds))


def signup_hit(*, scope: str, request) -> bool:
    """Against seat squatting: counts one sign-up (a registration, a ticket request) of this client
    and says whether it is within settings.SIGNUP_LIMIT_PER_CLIENT per SIGNUP_HOLD_MINUTES, the time
    a new sign-up holds its place."""
    return hit(scope=scope, request=request, limit=settings.SIGNUP_LIMIT_PER_CLIENT,
               window_seconds=settings.SIGNUP_HOLD_MINUTES * 60)
