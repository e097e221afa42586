"""Protection for public forms without cookies.

Anonymous readers get no cookie, so public forms cannot use Django's CSRF cookie. A forged
cross-site POST is only possible from a browser, and every current browser sends `Origin` (and
`Sec-Fetch-Site`) with a POST: those are checked instead. Staff forms keep Django's CSRF check.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.views.decorators.csrf import csrf_exempt


def is_same_origin_post(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return False
    if fetch_site == "same-origin":
        # Set by the browser alone (no script can forge it). Needed for pages sent with
        # `Referrer-Policy: no-referrer` (personal links): their forms post with `Origin: null`.
        return True
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        host = urlsplit(origin).netloc
        return host == request.get_host()
    if origin == "null":
        return False
    return True


def public_form(view):
    """Marks a view whose POST anonymous people may send: no CSRF cookie, Origin check instead."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin_post(request):
            raise PermissionDenied("cross-site form submission")
        return view(request, *args, **kwargs)

    return wrapped


def personal_link_response(response):
    """Headers of every page reached with a personal link (registrations, ticket claims): the token
    in the address never leaves in a Referer, the page is not stored or indexed."""
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
