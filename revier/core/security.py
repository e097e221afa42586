"""Protection for public forms without cookies.

Anonymous readers get no cookie, so public forms cannot use Django's CSRF cookie. A forged
cross-site POST is only possible from a browser, and every current browser sends `Origin` (and
`Sec-Fetch-Site`) with a POST: those are checked instead. Staff forms keep Django's CSRF check.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.cache import never_cache
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


def staff_page(*, allowed: Callable[..., bool] | None = None):
    """Decorates a page of the organisers' or staff area: logged in (else to the login), allowed
    (`allowed(user)`, else 404, so that nobody learns what there is), never cached, never indexed.
    Without `allowed` the view itself checks what the person may see (e.g. per event)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if allowed is not None and not allowed(request.user):
                raise Http404("not for you")
            response = view(request, *args, **kwargs)
            response["X-Robots-Tag"] = "noindex"
            return response

        return login_required(never_cache(wrapped))

    return decorate
