"""Reading request parameters: one rule for the whole site.

- A control character (NUL, the other C0 characters but tab, line feed and carriage return, and DEL)
  in the address or in a form field answers the request with 400 (`enforce_input_rule`, run
  for every request by `core.middleware.InputRuleMiddleware`). PostgreSQL refuses NUL in text, and
  nothing a person types or a link of ours carries needs the others.
- A number is ASCII digits of bounded length (`int_param`); anything else counts as absent, so the
  page shows without that filter. ("²" and "١٢" pass `str.isdigit()`, and `int()` takes any length.)
- A page number always gives a page (`page_number`).
- A request body is at most DATA_UPLOAD_MAX_MEMORY_SIZE, unless the page takes files (a view marked
  `accepts_files`, or the admin): then at most UPLOAD_MAX_BYTES or the page's own larger limit
  (the Monitor's wave upload) (`body_too_large`, answered with 413).
  Django limits only the form fields, not the files in a multipart body, which a form without a
  file field would otherwise receive and write to disk all the same.
- The admin's date hierarchy (`…__year`, `…__month`, `…__day`) turns its parameters into a datetime
  without a range check, where a 30-digit or a one-digit year ends in a 500: such a parameter that is
  not a number in range is also answered with 400.
"""

import re
from collections.abc import Callable
from itertools import chain

from django.conf import settings
from django.core.exceptions import BadRequest
from django.urls import Resolver404, resolve

_CONTROL_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL_CHARACTERS = re.compile(f"[{_CONTROL_CLASS}]")
# The same rule as a pattern of a whole value, for schemas (the JSON API's OpenAPI schema).
WITHOUT_CONTROL_CHARACTERS = f"^[^{_CONTROL_CLASS}]*$"
# Ids and counts of ours fit in 18 digits (a bigint holds 19); nothing longer is a number we use.
MAX_DIGITS = 18
_DATE_PARTS = {"__year": (1000, 9998), "__month": (1, 12), "__day": (1, 31)}


def has_control_characters(value: str) -> bool:
    return _CONTROL_CHARACTERS.search(value) is not None


def enforce_input_rule(request) -> None:
    """Raises BadRequest (answered with the 400 page) if the path, a query parameter or a form field
    (name or value; not the content of uploaded files) holds a control character, or a date-part
    parameter is not a number in range."""
    if has_control_characters(request.path_info):
        raise BadRequest("control character in the path")
    for params in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
        # One search over all names and values (joined by a line break, which is allowed): this
        # runs for every request, and a registration form has a dozen fields.
        if params and has_control_characters("\n".join(chain.from_iterable((name, *values) for name, values in params.lists()))):
            raise BadRequest("control character in a parameter")
    for name, values in request.GET.lists():
        if bounds := next((b for suffix, b in _DATE_PARTS.items() if name.endswith(suffix)), None):
            if any(not bounds[0] <= (int_param(value, max_digits=4) or 0) <= bounds[1] for value in values):
                raise BadRequest("date part out of range")


def int_param(value: str | None, *, max_digits: int = MAX_DIGITS) -> int | None:
    """The number in a parameter: ASCII digits only (surrounding blanks allowed), at most
    `max_digits` of them; None for anything else (absent, empty, signs, other scripts' digits, too long)."""
    value = (value or "").strip()
    if not value or len(value) > max_digits or not value.isascii() or not value.isdigit():
        return None
    return int(value)


def page_number(value: str | None, *, num_pages: int) -> int:
    """The page a ?page= value asks for: not a number → the first, past the end → the last."""
    number = int_param(value) or 1
    return min(number, max(num_pages, 1))


def accepts_files(view=None, *, max_bytes: Callable[[], int] | None = None):
    """Marks a view whose form takes files: its requests may be up to UPLOAD_MAX_BYTES, or up to
    `max_bytes()` for a page that takes larger files (read per request, so that settings apply).
    Use as `@accepts_files` or `@accepts_files(max_bytes=...)`."""

    def mark(view):
        view.accepts_files = max_bytes or True
        return view

    return mark if view is None else mark(view)


def _file_limit(request) -> int | None:
    """The largest body the addressed page takes with its files; None for a page without files."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    marked = getattr(match.func, "accepts_files", False)
    if callable(marked):
        return marked()
    return settings.UPLOAD_MAX_BYTES if marked or "admin" in match.namespaces else None


def body_too_large(request) -> bool:
    """Whether the body the request announces is larger than the addressed page takes."""
    length = int_param(request.META.get("CONTENT_LENGTH")) or 0
    if length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return False
    limit = _file_limit(request)
    return limit is None or length > limit
