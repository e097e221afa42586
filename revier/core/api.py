"""What every part of the public JSON API (`/api/v1/`, docs/api.md) shares: the error and paging
shapes, and `api_view`, which every API address goes through.

`api_view` gives each answer what a public read needs and nothing personal:
- CORS for reading from any site: `Access-Control-Allow-Origin: *`, never with credentials; a
  preflight (OPTIONS) is answered here for GET and the two conditional headers.
- The rate limit per client (`core.ratelimit`, API_LIMIT_PER_CLIENT per minute), answered with 429.
- A weak `ETag` from the answer's bytes and a `Last-Modified` (when this server first sent those bytes
  for this address), with 304 on `If-None-Match` / `If-Modified-Since`. From the bytes rather than
  from the content generation alone: free seats change without a content edit, and a scheduled
  article appears without one; the reads themselves are the pages' selectors, which keep their
  parts per content generation (core.fragments).
- No cookie: the API reads no session and asks for no CSRF token; `api_view` drops any cookie all the
  same, so that no change elsewhere can make an API answer personal.
"""

import hashlib
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext
from ninja import Field, Schema

from revier.core import ratelimit
from revier.core.params import WITHOUT_CONTROL_CHARACTERS
from revier.core.sitemaps import language_address

# Every text parameter: control characters are refused with 400 for the whole site (core.params).
TEXT = WITHOUT_CONTROL_CHARACTERS

PREFIX = "/api/"
RATE_WINDOW_SECONDS = 60
# How long the time a given answer was first sent is remembered (its Last-Modified).
FIRST_SENT_SECONDS = 7 * 24 * 3600
MAX_PER_PAGE = 100
MAX_PAGE = 10**6
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}


class Error(Schema):
    """Every error answer: a German sentence, or for invalid parameters the list of problems."""

    detail: str | list[dict[str, Any]]


# The error answers every operation may give (documented in the schema, so that clients and the
# schema test know them): 400 for a control character in the address (core.params), 422 for a
# parameter of the wrong type or range, 429 for too many requests.
ERRORS: dict[int, type[Schema]] = {400: Error, 422: Error, 429: Error}
ERRORS_404: dict[int, type[Schema]] = {**ERRORS, 404: Error}


class PageInfo(Schema):
    count: int
    page: int
    num_pages: int
    per_page: int


def english_url_field():
    """The schema field `url_en` beside a page's `url` (a field of its own in each schema)."""
    return Field(..., description="The English version of the page at `url` (below /en/), absolute like `url`.")


def page_urls(request, path: str) -> dict[str, str]:
    """`url` and `url_en` of one of our pages: the absolute address of the German page `path` (with the
    script prefix, as reverse() gives it) and of its English version. Every public page exists in both
    languages (i18n_patterns), so the English address is the German one with /en/, no reverse()."""
    return {"url": request.build_absolute_uri(path),
            "url_en": request.build_absolute_uri(language_address(path, "en"))}


def page_info(*, count: int, page: int, per_page: int) -> dict:
    """The paging fields of a list answer: the page asked for, or the last one past the end (as
    the pages do)."""
    num_pages = max(1, math.ceil(count / per_page))
    return {"count": count, "page": min(max(page, 1), num_pages), "num_pages": num_pages, "per_page": per_page}


def is_api_request(request) -> bool:
    return request.path_info.startswith(PREFIX)


def error_response(request, *, status: int, detail: str) -> HttpResponse:
    """An error answer of the API's shape (for core's 400/404 handlers, which answer API
    addresses in JSON)."""
    return _with_cors(JsonResponse({"detail": detail}, status=status))


def _with_cors(response: HttpResponse) -> HttpResponse:
    for name, value in CORS_HEADERS.items():
        response[name] = value
    # Readable by other sites' scripts (through CORS): the site's default is same-origin.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return _with_cors(response)


def _too_many() -> HttpResponse:
    response = JsonResponse(
        {"detail": gettext("You have sent too many requests in a short time. Please wait a minute and then try again.")},
        status=429,
    )
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def _first_sent(path: str, etag: str) -> float:
    """When this answer (its ETag) was first sent for this address: its Last-Modified."""
    key = "api:first-sent:" + hashlib.sha256(f"{path}\x1f{etag}".encode()).hexdigest()
    now = float(math.floor(time.time()))
    cache.add(key, now, timeout=FIRST_SENT_SECONDS)
    return cache.get(key) or now


def api_view(view: Callable) -> Callable:
    """Wraps a view of the API (see the module docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _preflight()
        if not ratelimit.hit(scope="api", request=request, limit=settings.API_LIMIT_PER_CLIENT,
                             window_seconds=RATE_WINDOW_SECONDS):
            return _with_cors(_too_many())
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
        response.cookies.clear()
        if response.status_code == 200 and not response.streaming:
            etag = 'W/"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            last_modified = _first_sent(request.get_full_path(), etag)
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            # Stored, but asked again every time (free seats are live): the ETag makes that cheap.
            response["Cache-Control"] = "public, no-cache"
            conditional = get_conditional_response(request, etag=etag, last_modified=int(last_modified), response=response)
            if conditional is not response:
                conditional.cookies.clear()
                response = conditional
        if head:
            response.content = b""
        return _with_cors(response)

    return wrapped
