import logging
from collections.abc import Callable

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from revier.core import ratelimit
from revier.core.forms import ResendLinkForm
from revier.core.security import public_form

logger = logging.getLogger(__name__)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /verwaltung/\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def _error(request, template, status):
    return render(request, template, {"status": status}, status=status)


def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


def request_too_large(request):
    """A body larger than the page takes (core.params.body_too_large, answered by the middleware)."""
    return _error(request, "413.html", 413)


def permission_denied(request, exception=None):
    return _error(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def server_error(request):
    """Renders the 500 page without a context processor or database, which may be what failed."""
    try:
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"status": 500}))
    except Exception:  # the error page must never fail itself
        logger.exception("500 page could not be rendered")
        return HttpResponseServerError(
            "<!DOCTYPE html><html lang=de><title>Fehler</title><h1>Ein Fehler ist aufgetreten</h1>"
            "<p>Bitte versuchen Sie es später noch einmal.</p></html>"
        )


@require_safe
def health(request):
    """Liveness check for load balancers; touches no database. The benchmarks use it as the
    ceiling: the fastest a Django view can answer on the same server."""
    return HttpResponse("ok", content_type="text/plain")


def resend_link_view(
    *,
    send_links: Callable[..., object],
    scope: str,
    template: str,
    done_template: str,
    email_help_text,
):
    """The "Link erneut senden" page of an app with personal links (registrations, claims).

    `send_links(email=…)` is the app's service; it runs only for a valid submission that is not
    spam and within the client's rate limit (`scope`). The answer never says whether the address
    is known: after every valid POST the person is sent to `?gesendet=1`, which shows `done_template`.
    """

    @public_form
    @require_http_methods(["GET", "HEAD", "POST"])
    def resend_link(request):
        if request.method != "POST" and request.GET.get("gesendet") == "1":
            return render(request, done_template)
        status, rate_limited = 200, False
        if request.method == "POST":
            form = ResendLinkForm(request.POST, help_text=email_help_text)
            if not ratelimit.within_public_form_limit(request, scope=scope):
                rate_limited, status = True, 429
            elif form.is_valid():
                if not form.is_spam:
                    send_links(email=form.cleaned_data["email"])
                return redirect(f"{request.path}?gesendet=1")
        else:
            form = ResendLinkForm(help_text=email_help_text)
        context = {"form": form, "rate_limited": rate_limited, "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE}
        return render(request, template, context, status=status)

    return resend_link
