import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

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
