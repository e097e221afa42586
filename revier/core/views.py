import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from revier.core import api, outage, ratelimit
from revier.core.forms import EraseForm, ResendLinkForm
from revier.core.health import readiness
from revier.core.personal_data import PersonalData, json_bytes
from revier.core.security import personal_link_response, public_form

logger = logging.getLogger(__name__)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /verwaltung/\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def _error(request, template, status):
    # error_base.html in the site's whole frame (base.html); 500 and 503 keep its default, the bare
    # error_frame.html (no request, no database).
    return render(request, template, {"status": status, "error_frame": "base.html"}, status=status)


def bad_request(request, exception=None):
    if api.is_api_request(request):
        return api.error_response(request, status=400, detail=gettext("The address contains characters that are not allowed."))
    return _error(request, "400.html", 400)


def request_too_large(request):
    """A body larger than the page takes (core.params.body_too_large, answered by the middleware)."""
    return _error(request, "413.html", 413)


def permission_denied(request, exception=None):
    return _error(request, "403.html", 403)


def page_not_found(request, exception=None):
    if api.is_api_request(request):
        return api.error_response(request, status=404, detail=gettext("Not found."))
    return _error(request, "404.html", 404)


def server_error(request):
    """Renders the 500 page without a context processor or database, which may be what failed. An
    error of a database that is away (raised in a middleware, core.outage) gets the outage's 503."""
    error = sys.exc_info()[1]
    if outage.is_database_unavailable(error):
        return outage.unavailable_response(request)
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


@require_safe
def ready(request):
    """Readiness for a load balancer (core.health): 200 when the database, the cache, the worker's
    heartbeat and the mail outbox are fine, else 503; the JSON body names every check's result."""
    result = readiness()
    response = JsonResponse({"ready": result.ready, "checks": result.checks}, status=200 if result.ready else 503)
    response["Cache-Control"] = "no-store"
    return response


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


# What a deleting did (the outcome an app's erase returns) → the page after it.
ERASE_OUTCOMES = {"deleted": "geloescht", "anonymised": "anonymisiert"}


def personal_data_deleted_url(outcome: str) -> str:
    return f"{reverse('personal-data-deleted')}?ergebnis={ERASE_OUTCOMES[outcome]}"


@require_safe
def personal_data_deleted(request):
    """The page after "delete my data now": what happened (deleted, or kept anonymised)."""
    anonymised = request.GET.get("ergebnis") == ERASE_OUTCOMES["anonymised"]
    return render(request, "core/personal_data_deleted.html", {"anonymised": anonymised})


@dataclass(frozen=True)
class ConsentRow:
    """A consent as the person's data page lists it, with a button to withdraw it while it holds."""

    kind: str
    label: str
    text: str
    given_at: object
    withdrawn_at: object = None
    withdrawable: bool = True


@dataclass(frozen=True)
class PersonalDataPages:
    """What an app gives core.views.personal_data_views for one kind of object with a personal
    link (a registration, a claim, a profile). Every callable takes the object (`holder`)."""

    holder_get: Callable[[str], object | None]  # the object the token opens, or None
    data_get: Callable[[object], PersonalData]
    erase: Callable[[object], str]  # "deleted" or "anonymised"
    back_url: Callable[[str], str]  # the personal page of the token
    invalid_link: Callable[..., HttpResponse]  # (request) → the app's "link invalid" page
    done_url: Callable[[str], str]  # (outcome) → the page after deleting
    scope: str  # of the rate limit for posts
    consents_get: Callable[[object], list[ConsentRow]] = lambda holder: []
    consent_withdraw: Callable[[object, str], object] | None = None
    withdraw_errors: tuple[type[Exception], ...] = ()
    erase_note: Callable[[object], str] = lambda holder: ""  # what is kept (anonymised) and why
    filename: str = "daten"


def personal_data_views(pages: PersonalDataPages):
    """The three pages of the person's rights under a personal link (docs/security.md "Rechte der
    Person"): the readable page of everything stored with a button per consent to withdraw it
    (…/daten/), the same as a JSON file (…/daten.json, Art. 20 DSGVO) and the confirm step that
    deletes (…/daten/loeschen/). Pages with a personal link send no referrer and are not stored."""

    def _holder_or_invalid(request, token):
        holder = pages.holder_get(token) if token and len(token) <= 100 else None
        return holder, (None if holder is not None else pages.invalid_link(request))

    @public_form
    @require_http_methods(["GET", "HEAD", "POST"])
    def data_page(request, token):
        holder, invalid = _holder_or_invalid(request, token)
        if invalid:
            return invalid
        status, error = 200, None
        if request.method == "POST":
            kind = request.POST.get("widerrufen", "")
            consents = {row.kind: row for row in pages.consents_get(holder)}
            if not ratelimit.within_public_form_limit(request, scope=pages.scope):
                status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
            elif pages.consent_withdraw is None or kind not in consents or not consents[kind].withdrawable:
                return redirect(request.path)
            else:
                try:
                    pages.consent_withdraw(holder, kind)
                except pages.withdraw_errors as domain_error:
                    status, error = 409, getattr(domain_error, "message", str(domain_error))
                else:
                    return redirect(f"{request.path}?erledigt=widerrufen#erledigt")
        context = {
            "data": pages.data_get(holder),
            "consents": pages.consents_get(holder),
            "can_withdraw": pages.consent_withdraw is not None,
            "back_url": pages.back_url(token),
            "json_url": pages.back_url(token) + "daten.json",
            "erase_url": request.path + "loeschen/",
            "withdrawn": request.method != "POST" and request.GET.get("erledigt") == "widerrufen",
            "error": error,
        }
        return personal_link_response(render(request, "core/personal_data.html", context, status=status))

    @require_safe
    def data_json(request, token):
        holder, invalid = _holder_or_invalid(request, token)
        if invalid:
            return invalid
        response = HttpResponse(json_bytes(pages.data_get(holder).as_json()),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{pages.filename}.json"'
        return personal_link_response(response)

    @public_form
    @require_http_methods(["GET", "HEAD", "POST"])
    def erase_page(request, token):
        holder, invalid = _holder_or_invalid(request, token)
        if invalid:
            return invalid
        status, rate_limited = 200, False
        if request.method == "POST":
            form = EraseForm(request.POST)
            if not ratelimit.within_public_form_limit(request, scope=pages.scope):
                status, rate_limited = 429, True
            elif form.is_valid():
                return redirect(pages.done_url(pages.erase(holder)))
        else:
            form = EraseForm()
        context = {
            "form": form, "rate_limited": rate_limited, "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE,
            "note": pages.erase_note(holder), "data_url": pages.back_url(token) + "daten/",
            "title": pages.data_get(holder).title,
        }
        return personal_link_response(render(request, "core/personal_data_erase.html", context, status=status))

    return data_page, data_json, erase_page
