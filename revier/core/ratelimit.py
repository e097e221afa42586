"""A small rate limit for public POSTs (feedback forms, later registrations), kept in Django's cache.

Fixed window per client and scope: the first hit of a window creates the counter with `cache.add`
(atomic: only one request wins), every further hit uses `cache.incr` (atomic in Redis and in the
local-memory cache). The client is REMOTE_ADDR; behind a reverse proxy, the proxy must pass the
client's address as REMOTE_ADDR (e.g. gunicorn `--forwarded-allow-ips` with a PROXY-aware setup),
otherwise all clients share one counter. The address is hashed so the cache holds no plain IP.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
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


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR") or "unknown"
    return hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:32]


def hit(*, scope: str, request, limit: int, window_seconds: int) -> bool:
    """Counts one request of this client in `scope` and says whether it is still within `limit`
    requests per window of `window_seconds`. Every call counts, also the refused ones. With
    settings.RATELIMIT_ENABLED false (load benchmarks only) every request is allowed."""
    return hit_key(scope=scope, key=client_key(request), limit=limit, window_seconds=window_seconds)


def hit_key(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """The same for any key: a recipient's hashed address, or one key for the whole site."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return True
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{key}:{window}"
    # The counter outlives its window a little; the window number in the key starts a new one.
    if cache.add(key, 1, timeout=window_seconds + 5):
        return 1 <= limit
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this hit opens the counter again
        cache.add(key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit


def signup_hit(*, scope: str, request) -> bool:
    """Against seat squatting: counts one sign-up (a registration, a ticket request) of this client
    and says whether it is within settings.SIGNUP_LIMIT_PER_CLIENT per SIGNUP_HOLD_MINUTES, the time
    a new sign-up holds its place."""
    return hit(scope=scope, request=request, limit=settings.SIGNUP_LIMIT_PER_CLIENT,
               window_seconds=settings.SIGNUP_HOLD_MINUTES * 60)
