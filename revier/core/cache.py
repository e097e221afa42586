"""Whole-page cache for anonymous readers.

Anonymous readers get no cookie, so every one of them sees the same page for the same address:
such pages can be rendered once and served from Django's cache (local memory, or Redis when
`REDIS_URL` is set). Two rules keep cached pages correct:

- Edits show at once. Every entry is stored with the "content generation" token kept in the
  cache and is only served while that token is current; `content_changed()`, called by every
  service that writes public content, replaces the token, so all earlier entries are stale at once.
  With Redis, each process also keeps copies of the pages it served and trusts the token it last
  read for GENERATION_CHECK_SECONDS (1 s), since a round trip to Redis costs several times what
  serving the page does: an edit is seen at once by the process that made it and within a second
  by all others.
- Scheduled articles appear on time without a cron job. An entry never lives past the next time
  at which public content changes by itself (`page_timeout`): each app with content on a timer
  tells core when that is through `register_next_change` (news does so for scheduled articles in
  its AppConfig.ready), so core imports no app.

With the local-memory cache every worker process has its own cache and generation: an edit made
in one process reaches the others only when their entries expire (PAGE_CACHE_SECONDS). A
deployment with more than one process sets REDIS_URL (docs/deployment.md).

People with a session (staff) and requests that carry a messages cookie always get a fresh page;
a response that sets a cookie or is not a plain 200 is never stored.
"""

import hashlib
import math
import secrets
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import get_language

DEFAULT_SECONDS = 300
GENERATION_KEY = "page-cache:generation"
# Headers the view sets itself; everything the middleware adds (CSP, security headers) is added
# again on every request, cached page or not.
_SKIPPED_HEADERS = {"set-cookie", "content-length"}
GENERATION_CHECK_SECONDS = 1.0
# This process's copies of pages from the shared cache, and the generation token it last read.
_local = LocMemCache("revier-page-cache", {"OPTIONS": {"MAX_ENTRIES": 1000}})
_seen = {"generation": None, "at": 0.0}


def _shared_cache_is_remote() -> bool:
    return not isinstance(caches["default"], LocMemCache)


def forget_local_copies() -> None:
    """Drops this process's copies and remembered token (for tests that clear the shared cache)."""
    _local.clear()
    _seen.update(generation=None, at=0.0)


def page_cache_seconds() -> int:
    """The longest time a page stays cached; 0 switches the cache off (the tests' default)."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


def content_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _new_generation() -> None:
    # A fresh random token rather than a counter: if the key is ever evicted, a new start can never
    # reuse the token of an earlier generation whose pages may still be in the cache.
    generation = secrets.token_hex(8)
    cache.set(GENERATION_KEY, generation, timeout=None)
    _seen.update(generation=generation, at=time.monotonic())


def current_generation() -> str:
    """The content generation as this process last read it, trusted for GENERATION_CHECK_SECONDS (a
    read of the shared cache is a round trip to Redis): what per-process stores of public content
    key their entries on (core.fragments, the registration setup)."""
    now = time.monotonic()
    if _seen["generation"] is None or now - _seen["at"] >= GENERATION_CHECK_SECONDS:
        _seen.update(generation=content_generation(), at=now)
    return _seen["generation"]


def content_changed() -> None:
    """Makes every cached page stale. Called by the services that write public content.

    Bumped at once (the writer's next request sees the change) and again after the commit: a
    reader between the two could otherwise cache the old content from before the commit."""
    _new_generation()
    transaction.on_commit(_new_generation)


NextChange = Callable[..., datetime | None]
_next_change_hooks: list[NextChange] = []


def register_next_change(hook: NextChange) -> None:
    """Registers `hook(*, now) -> datetime | None`: the next time after `now` at which an app's
    public content changes without a write (a scheduled article appears), or None. Apps call it in
    their AppConfig.ready; registering the same hook twice has no effect."""
    if hook not in _next_change_hooks:
        _next_change_hooks.append(hook)


def remembered_per_generation(hook: NextChange) -> NextChange:
    """A next-change hook whose answer is kept while the content generation lasts and the moment
    it named has not come: the hook runs once after each edit instead of on every store of a page
    or fragment. Only for hooks whose answer depends on nothing but public content (models
    registered with core.fragments.register_content_models, whose every write starts a new
    generation) and the time."""
    remembered: dict[str, tuple] = {}

    @wraps(hook)
    def remembering(*, now: datetime) -> datetime | None:
        generation = current_generation()  # before the query: a write during it starts another
        entry = remembered.get("entry")
        if entry is not None:
            kept_generation, since, next_at = entry
            if kept_generation == generation and since <= now and (next_at is None or now < next_at):
                return next_at
        next_at = hook(now=now)
        remembered["entry"] = (generation, now, next_at)
        return next_at

    return remembering


def page_timeout(*, now: datetime | None = None) -> int:
    """Seconds a page rendered now may be kept: PAGE_CACHE_SECONDS, but never past the next time a
    registered app's content changes by itself (for news: one query on the listing index)."""
    return seconds_until_next_change(page_cache_seconds(), now=now)


def seconds_until_next_change(seconds: int, *, now: datetime | None = None) -> int:
    """`seconds`, or fewer if a registered app's content changes by itself before then."""
    now = now or timezone.now()
    for hook in _next_change_hooks:
        next_at = hook(now=now)
        if next_at is not None:
            seconds = min(seconds, max(1, math.ceil((next_at - now).total_seconds())))
    return seconds


def _bypass(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGES_COOKIE_NAME", "messages") in cookies
    )


def _keep_only(request, params: tuple[str, ...]) -> None:
    """Leaves the request only the query parameters the page reads (in a fixed order), so that the
    page rendered, its links included, depends on nothing the cache key leaves out."""
    if any(name not in params for name in request.GET) or list(request.GET) != sorted(request.GET):
        query = QueryDict(mutable=True)
        for name in sorted(params):
            if name in request.GET:
                query.setlist(name, request.GET.getlist(name))
        query._mutable = False
        request.GET = query


def _key(request) -> str:
    # Scheme and host are part of the page (absolute URLs in feeds, sitemap, JSON-LD, Open Graph);
    # of the query only the parameters the page reads (`_keep_only`): `?utm_x=<random>` is the same page.
    # The language comes from the address (/en/…), and is named too: a page is never served in another.
    address = get_language() + " " + request.build_absolute_uri(request.path) + "?" + request.GET.urlencode()
    return f"page-cache:{hashlib.sha256(address.encode()).hexdigest()}"


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


def cache_public_page(
    view=None, *, params: tuple[str, ...] = (), unless_param: str | None = None, max_seconds: int | None = None
):
    """Caches the page a view renders for anonymous readers (see the module docstring).

    `params`: the query parameters the page reads. The view sees only these (for every reader, cached
    or not), and only they make up the cache key: any other parameter neither changes the page nor
    stores another copy of it.
    `unless_param`: requests with a non-blank value for this query parameter are never cached
    (the search: arbitrary input would fill the cache and push out the pages everyone reads).
    `max_seconds`: a shorter lifetime for pages that show live figures such as free seats, which
    change without a content edit (a registration does not start a new content generation)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            _keep_only(request, params)
            if (
                page_cache_seconds() <= 0
                or _bypass(request)
                or (unless_param and request.GET.get(unless_param, "").strip())
            ):
                return view(request, *args, **kwargs)
            key = _key(request)
            remote = _shared_cache_is_remote()
            if remote:
                generation = current_generation()
                cached = _local.get(key)
                if cached is None or cached[0] != generation:
                    cached = cache.get(key)
                    if cached is not None and cached[0] == generation:
                        _local.set(key, cached, timeout=max(1, math.ceil(cached[1] - time.time())))
            else:
                found = cache.get_many([GENERATION_KEY, key])
                generation = found.get(GENERATION_KEY) or content_generation()
                cached = found.get(key)
            if cached is not None and cached[0] == generation:
                _, _, status, headers, content = cached
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if request.method == "GET":

                def store(response):
                    # Checked after rendering: a template may ask for a CSRF token while it renders.
                    if _storable(request, response):
                        headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS]
                        timeout = page_timeout() if max_seconds is None else min(page_timeout(), max_seconds)
                        entry = (generation, time.time() + timeout, response.status_code, headers, response.content)
                        cache.set(key, entry, timeout)
                        if remote:
                            _local.set(key, entry, timeout)

                if getattr(response, "is_rendered", True) is False:
                    response.add_post_render_callback(store)
                else:
                    store(response)
            return response

        return wrapped

    return decorator(view) if view is not None else decorator
