"""Public pages: contingent list and page with the claim form, live count, personal link, "Link
erneut senden", draw protocol.

As for registrations (events/views/registration.py): anonymous people get no cookie
(core.security.public_form), so results after a POST travel as a fixed keyword in the query string
(`?erledigt=angenommen`) that selects one of our own texts; pages reached with a personal link are
not indexed and send no referrer.
"""

from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from revier.contingents import errors, rights, selectors, services
from revier.contingents.forms import ClaimForm, ReturnForm
from revier.contingents.models import Claim, Contingent
from revier.core import ratelimit
from revier.core.fragments import bounded_store, render_around
from revier.core.security import public_form, personal_link_response
from revier.core.views import ConsentRow, PersonalDataPages, personal_data_deleted_url, personal_data_views, resend_link_view

Status = Claim.Status

__all__ = ["contingent_list", "contingent_detail", "contingent_availability", "claim_page", "resend_link", "draw_protocol",
           "claim_data", "claim_data_json", "claim_erase"]

MAX_TOKEN_LENGTH = 100
# Rendered only where a page shows it (the contingent page keeps it in its fragment).
RESEND_URL = reverse_lazy("contingents:resend-link")

DONE_MESSAGES = {
    "ticket": _("Thank you, your e-mail address is confirmed. Your ticket is shown below; we have also sent it to you by e-mail."),
    "warteliste": _(
        "Thank you, your e-mail address is confirmed. All tickets are handed out at the moment, so you are on "
        "the waiting list. If a ticket is given back, it goes to you automatically and we write to you."
    ),
    "beworben": _("Thank you, your e-mail address is confirmed. Your application takes part in the lottery."),
    "angenommen": _("You have accepted the ticket. Have a good time at the event!"),
    "zurueckgegeben": _("Done. Your ticket or request has been given back; someone else can now use it."),
}


# ---------------------------------------------------------------------------------------------
# List and contingent page


@require_safe
def contingent_list(request):
    offers = selectors.contingent_offers_public()
    # contingent_list.html keeps the list as a fragment per content generation and live figures.
    context = {"offers": offers, "live_key": [offer.live_key for offer in offers]}
    return render(request, "contingents/contingent_list.html", context)


# Contingent pages kept whole per address and live figures; the keys carry the query string readers may add.
DETAIL_PAGES_KEPT = 500
_detail_pages = bounded_store("contingent-pages", max_entries=DETAIL_PAGES_KEPT)


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def contingent_detail(request, slug):
    offer = selectors.contingent_get_public(slug=slug)
    if offer is None:
        raise Http404("no such contingent")
    context = {"offer": offer, "contingent": offer.contingent, "resend_url": RESEND_URL}
    if request.method != "POST" and request.GET.get("gesendet") == "1":
        return render(request, "contingents/claim_sent.html", context)

    status, rate_limited, domain_error, form = 200, False, None, None
    # A page without a bound form is the same for every reader (contingent_detail.html keeps it as
    # a fragment): the blank form is built, with its eligibility questions, only if it is rendered.
    keep_page = request.method != "POST"
    if offer.is_open:
        if request.method == "POST":
            form = ClaimForm(request.POST, contingent=offer.contingent)
            if not ratelimit.within_public_form_limit(request, scope="contingents-claim"):
                rate_limited, status = True, 429
            elif form.is_valid():
                if form.is_spam:
                    return redirect(f"{request.path}?gesendet=1")
                try:
                    if not ratelimit.signup_hit(scope="contingents-signup", request=request):
                        raise errors.TooManySignups()
                    services.claim_create(contingent=offer.contingent, data=form.to_input())
                except errors.TooManySignups as error:
                    domain_error, status = error.message, 429
                except errors.ClaimError as error:
                    domain_error = error.message
                else:
                    # The same page for a new request and for an address that had one already:
                    # the page must not tell anyone which it was.
                    return redirect(f"{request.path}?gesendet=1")
        else:
            form = SimpleLazyObject(partial(ClaimForm, contingent=offer.contingent))
    context.update(
        form=form,
        keep_page=keep_page,
        has_errors=rate_limited or domain_error is not None or (not keep_page and form is not None and bool(form.errors)),
        rate_limited=rate_limited,
        rate_limit_message=ratelimit.TOO_MANY_REQUESTS_MESSAGE,
        domain_error=domain_error,
    )
    if keep_page:
        # A page without a bound form shows nothing of the reader: kept whole per address while the
        # content and the offer's live figures stay as they are (docs/performance.md).
        return render_around(request, "contingents/contingent_detail.html", context, name="contingents:detail",
                             vary=[request.get_full_path(), offer.live_key], store=_detail_pages)
    return render(request, "contingents/contingent_detail.html", context, status=status)


@require_safe
def contingent_availability(request, slug):
    """The live count, polled by the contingent page (htmx). `?frei=` is the number the page shows:
    when it is still right, 204 and nothing changes on the page (screen readers stay quiet)."""
    availability = selectors.contingent_availability_public(slug=slug)
    if availability is None:
        raise Http404("no such contingent")
    if request.GET.get("frei", "") == str(availability.free):
        response = HttpResponse(status=204)
    else:
        response = render(
            request, "contingents/includes/availability.html", {"availability": availability, "slug": slug}
        )
    response["Cache-Control"] = "no-cache"
    return response


# ---------------------------------------------------------------------------------------------
# Personal link


def _claim_or_none(token: str) -> Claim | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return selectors.claim_get_by_token(token=token)


def _invalid_link(request):
    response = render(
        request, "contingents/invalid_link.html", {"resend_url": reverse("contingents:resend-link")}, status=404
    )
    return personal_link_response(response)


def _return_label(claim: Claim):
    if claim.status in Claim.HOLDING:
        return _("Yes, I want to give the ticket back")
    if claim.contingent.mode == Contingent.Mode.LOTTERY:
        return _("Yes, I want to withdraw my application")
    return _("Yes, I want to withdraw my request")


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def claim_page(request, token):
    claim = _claim_or_none(token)
    if claim is None:
        return _invalid_link(request)
    here = reverse("contingents:claim", kwargs={"token": token})
    status, error, return_form = 200, None, None

    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if not ratelimit.within_public_form_limit(request, scope="contingents-claim-page"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif action == "bestaetigen":
            try:
                confirmed = services.claim_confirm(token=token)
            except errors.ClaimError as domain_error:
                status, error = 409, domain_error.message
            else:
                done = {Status.ALLOCATED: "ticket", Status.WAITLISTED: "warteliste", Status.APPLIED: "beworben"}
                return redirect(f"{here}?erledigt={done.get(confirmed.status, 'beworben')}#erledigt")
        elif action == "annehmen":
            try:
                services.claim_accept(token=token)
            except errors.ClaimError as domain_error:
                status, error = 409, domain_error.message
            else:
                return redirect(f"{here}?erledigt=angenommen#erledigt")
        elif action == "zurueckgeben":
            return_form = ReturnForm(request.POST, label=_return_label(claim))
            if return_form.is_valid():
                services.claim_return(claim=claim)
                return redirect(f"{here}?erledigt=zurueckgegeben#erledigt")
            status = 400
        else:
            return redirect(here)
        claim = _claim_or_none(token) or claim

    code = getattr(getattr(claim, "ticket_code", None), "code", None)
    context = {
        "claim": claim,
        "contingent": claim.contingent,
        "is_lottery": claim.contingent.mode == Contingent.Mode.LOTTERY,
        "code": code if claim.status in Claim.HOLDING else None,
        "position": selectors.waitlist_position(claim=claim),
        "link_expired": claim.status == Status.UNCONFIRMED and claim.hold_until is not None
        and claim.hold_until <= timezone.now(),
        "is_active": claim.status in Claim.ACTIVE,
        "return_form": return_form or ReturnForm(label=_return_label(claim)),
        "error": error,
        "done_message": DONE_MESSAGES.get(request.GET.get("erledigt", "")) if request.method != "POST" else None,
        "consents": list(claim.consents.all()),
    }
    return personal_link_response(render(request, "contingents/claim_page.html", context, status=status))


# ---------------------------------------------------------------------------------------------
# "Link erneut senden"


resend_link = resend_link_view(
    send_links=services.claim_resend_links,
    scope="contingents-resend-link",
    template="contingents/resend.html",
    done_template="contingents/resend_done.html",
    email_help_text=_("The address you requested a ticket with."),
)


# ---------------------------------------------------------------------------------------------
# Draw protocol


@require_safe
def draw_protocol(request, slug):
    protocol = selectors.draw_protocol_get_public(slug=slug)
    if protocol is None:
        raise Http404("not drawn yet")
    context = {
        "protocol": protocol,
        "contingent": protocol.contingent,
        # Read only when the page's fragment is rendered (draw_protocol.html).
        "lists": SimpleLazyObject(partial(selectors.draw_protocol_lists, protocol=protocol)),
    }
    return render(request, "contingents/draw_protocol.html", context)


# ---------------------------------------------------------------------------------------------
# The person's rights: everything stored, the partner consent, delete now (core.views.personal_data_views)


def _consent_rows(claim: Claim) -> list[ConsentRow]:
    return [
        ConsentRow(kind=consent.kind, label=consent.get_kind_display(), text=consent.text, given_at=consent.given_at,
                   withdrawn_at=consent.withdrawn_at, withdrawable=consent.kind in rights.WITHDRAWABLE)
        for consent in sorted(claim.consents.all(), key=lambda consent: consent.kind)
    ]


def _erase_note(claim: Claim) -> str:
    if rights.claim_keeps_anonymised(claim):
        return gettext(
            "Your ticket was handed out for an event that is over. So that the contingent's numbers stay right, "
            "the claim is kept without your details (anonymised): status and times. Nothing in it names you any more."
        )
    if claim.status in Claim.ACTIVE:
        return gettext("Your request is withdrawn first; a ticket you hold goes to the next person at once.")
    return ""


claim_data, claim_data_json, claim_erase = personal_data_views(PersonalDataPages(
    holder_get=lambda token: selectors.claim_get_by_token(token=token),
    data_get=lambda claim: rights.claim_personal_data(claim=claim),
    erase=lambda claim: rights.claim_erase(claim=claim),
    back_url=lambda token: reverse("contingents:claim", kwargs={"token": token}),
    invalid_link=_invalid_link,
    done_url=personal_data_deleted_url,
    scope="contingents-claim-page",
    consents_get=_consent_rows,
    consent_withdraw=lambda claim, kind: rights.claim_consent_withdraw(claim=claim, kind=kind),
    withdraw_errors=(errors.ClaimError,),
    erase_note=_erase_note,
    filename="freikarten-antrag",
))
