from urllib.parse import urlsplit

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from revier.core import ratelimit
from revier.core.cache import cache_public_page
from revier.core.retention import retention_periods_shown
from revier.core.security import public_form
from revier.pages import selectors, services
from revier.pages.forms import BarrierReportForm, ContactForm
from revier.pages.models import StaffMessage

# Public form POSTs per client and window, for both forms together: enough for a person who
# corrects a few mistakes, too few for a bot.
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 15 * 60


@require_safe
@cache_public_page
def page_detail(request, slug):
    page = selectors.page_text(slug=slug)
    if page is None:
        raise Http404("no such page")
    return render(request, "pages/page_detail.html", {"page": page})


def _same_site_referer(request) -> str:
    """The page a person came from, when it is on this site: the likely place of the barrier."""
    referer = request.headers.get("Referer", "")
    parts = urlsplit(referer)
    if parts.netloc != request.get_host() or parts.path == reverse("pages:report-barrier"):
        return ""
    return referer[:500]


def _handle_form(request, *, form_class, template: str, thanks_url_name: str, extra: dict, initial: dict,
                 retention_key: str):
    """Shows the form; on POST: rate limit, validate, store (unless the honeypot is filled), redirect."""
    status = 200
    rate_limited = False
    if request.method == "POST":
        form = form_class(request.POST)
        if not ratelimit.hit(
            scope="pages-staff-message", request=request, limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS
        ):
            rate_limited, status = True, 429
        elif form.is_valid():
            if not form.is_spam:
                services.staff_message_create(data=form.to_input())
            return redirect(thanks_url_name)
    else:
        form = form_class(initial=initial)
    context = {
        "form": form,
        "rate_limited": rate_limited,
        "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE,
        "retention_days": retention_periods_shown()[retention_key],
    }
    return render(request, template, {**context, **extra}, status=status)


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def report_barrier(request):
    return _handle_form(
        request,
        form_class=BarrierReportForm,
        template="pages/report_barrier.html",
        thanks_url_name="pages:report-barrier-thanks",
        extra={},
        initial={"page_url": _same_site_referer(request)},
        retention_key=services.RETENTION_PERIOD_OF_KIND[StaffMessage.Kind.BARRIER],
    )


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    return _handle_form(
        request,
        form_class=ContactForm,
        template="pages/contact.html",
        thanks_url_name="pages:contact-thanks",
        extra={"page": selectors.page_text(slug="kontakt")},
        initial={},
        retention_key=services.RETENTION_PERIOD_OF_KIND[StaffMessage.Kind.CONTACT],
    )


@require_safe
def report_barrier_thanks(request):
    return render(request, "pages/thanks.html", {"kind": "barrier"})


@require_safe
def contact_thanks(request):
    return render(request, "pages/thanks.html", {"kind": "contact"})
