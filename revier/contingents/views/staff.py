"""Staff area: claims, exports, code import, revoke/re-issue, the lottery draw.

Only for logged-in people who may manage the contingent (permissions.can_manage_contingent: the
Kontingentverwaltung every contingent, an event's team the contingents of its event); others are sent
to the login (not logged in) or get a 404 (logged in without the permission), so that nobody learns
which contingents or claims there are. These people have a session, so Django's usual
CSRF protection applies."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from revier.contingents import errors, export, selectors, services
from revier.contingents.models import Claim, ClaimConsent, Contingent
from revier.contingents.permissions import can_manage_contingent, can_manage_contingents
from revier.contingents.staff_forms import CodeImportForm, DrawForm
from revier.core.export import spreadsheet_response
from revier.core.params import accepts_files, page_number
from revier.core.security import staff_page
from revier.core.services import audit_read
from revier.events import selectors as event_selectors

__all__ = [
    "manage_list",
    "manage_claims",
    "manage_claim_detail",
    "manage_export",
    "partner_export",
    "import_codes",
    "draw",
]

PAGE_SIZE = 50
FORMATS = ("csv", "xlsx")
Status = Claim.Status


def _contingent(request, slug: str) -> Contingent:
    contingent = selectors.contingent_get_for_staff(slug=slug)
    if contingent is None or not can_manage_contingent(request.user, contingent):
        raise Http404("no such contingent")
    return contingent


def _here(contingent: Contingent) -> str:
    return reverse("contingents:manage", kwargs={"slug": contingent.slug})


# ---------------------------------------------------------------------------------------------
# List and table


@staff_page()
@require_safe
def manage_list(request):
    if can_manage_contingents(request.user):
        contingents = list(selectors.contingent_list_for_staff())
    else:  # an event's team: the contingents of its events, and no page at all without one
        event_ids = list(event_selectors.event_list_for_manager(user=request.user).values_list("pk", flat=True))
        contingents = list(selectors.contingent_list_for_staff(event_ids=event_ids))
        if not contingents:
            raise Http404("no contingent to manage")
    return render(request, "contingents/manage/contingent_list.html", {"contingents": contingents, "now": timezone.now()})


SORTS = [
    ("claimed", gettext_lazy("Claimed (oldest first)")),
    ("-claimed", gettext_lazy("Claimed (newest first)")),
    ("name", gettext_lazy("Name (A–Z)")),
    ("-name", gettext_lazy("Name (Z–A)")),
    ("status", gettext_lazy("Status")),
    ("draw", gettext_lazy("Position in the draw")),
]


@staff_page()
@require_safe
def manage_claims(request, slug):
    contingent = _contingent(request, slug)
    claim_filter = selectors.claim_filter_from_params(params=request.GET)
    paginator = Paginator(selectors.claim_list_for_contingent(contingent=contingent, claim_filter=claim_filter), PAGE_SIZE)
    page_obj = paginator.page(page_number(request.GET.get("page"), num_pages=paginator.num_pages))
    # The page's rows are fetched here (the template reuses them) to record who saw which.
    audit_read(actor=request.user, action="claims_viewed", model=Claim,
               object_ids=[claim.pk for claim in page_obj.object_list], data={"contingent": contingent.pk})
    return render(
        request,
        "contingents/manage/claims.html",
        {
            "contingent": contingent,
            "page_obj": page_obj,
            "claims": page_obj.object_list,
            "overview": selectors.contingent_overview(contingent=contingent),
            "claim_filter": claim_filter,
            "export_query": urlencode({"q": claim_filter.query, "status": claim_filter.status, "sortierung": claim_filter.sort})
            if claim_filter.is_active else "",
            "statuses": Status.choices,
            "sorts": SORTS,
            "is_lottery": contingent.mode == Contingent.Mode.LOTTERY,
        },
    )


# ---------------------------------------------------------------------------------------------
# Detail and actions


ACTIONS = {
    "revoke": (services.claim_revoke, gettext_lazy("The ticket has been revoked; its code is never handed out again. The person has been informed, and the next person in line has moved up.")),
    "reissue": (services.claim_reissue_code, gettext_lazy("A new code has been assigned and sent to the person; the old code is revoked.")),
}

HISTORY_LABELS = {
    "claim_created": gettext_lazy("Requested (e-mail not yet confirmed)"),
    "claim_applied": gettext_lazy("E-mail confirmed, application counts for the draw"),
    "claim_waitlisted": gettext_lazy("E-mail confirmed, put on the waiting list"),
    "claim_allocated": gettext_lazy("Ticket handed out"),
    "claim_offered": gettext_lazy("Ticket offered, waiting for acceptance"),
    "claim_accepted": gettext_lazy("Ticket accepted by the person"),
    "claim_returned": gettext_lazy("Given back by the person"),
    "claim_link_resent": gettext_lazy("Personal link sent again"),
    "claim_offer_expired": gettext_lazy("Offer not accepted in time"),
    "claim_revoked": gettext_lazy("Revoked by staff"),
    "claim_code_reissued": gettext_lazy("New code issued by staff"),
    "claim_imported": gettext_lazy("Imported"),
    "claim_expired_for_organisation": gettext_lazy("Expired unconfirmed: another person of the organisation requested a ticket"),
}


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_claim_detail(request, slug, pk):
    contingent = _contingent(request, slug)
    claim = selectors.claim_get_for_staff(contingent=contingent, pk=pk)
    if claim is None:
        raise Http404("no such claim")
    here = reverse("contingents:manage-claim", kwargs={"slug": contingent.slug, "pk": claim.pk})
    allowed = selectors.claim_allowed_actions(contingent=contingent, claim=claim)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS or action not in allowed:
            messages.error(request, str(errors.InvalidClaimState.message))
            return redirect(here)
        if request.POST.get("confirm") != "yes":
            return redirect(f"{here}?bestaetigen={action}#bestaetigen")
        service, success = ACTIONS[action]
        try:
            service(claim=claim, actor=request.user)
        except errors.ClaimError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, str(success))
        return redirect(here)
    history = list(selectors.claim_history(claim=claim)[:200])
    for entry in history:
        entry.label = HISTORY_LABELS.get(entry.action, entry.action)
    confirming = request.GET.get("bestaetigen", "")
    audit_read(actor=request.user, action="claim_viewed", model=Claim, object_ids=[claim.pk])
    return render(
        request,
        "contingents/manage/claim_detail.html",
        {
            "contingent": contingent,
            "claim": claim,
            "code": getattr(claim, "ticket_code", None),
            "answers": selectors.claim_answer_list(claim=claim, questions=contingent.questions.all()),
            "history": history,
            "allowed": allowed,
            "confirming": confirming if confirming in allowed else "",
            "waitlist_position": selectors.waitlist_position(claim=claim),
            "partner_consent": any(c.kind == ClaimConsent.Kind.PARTNER for c in claim.consents.all()),
        },
    )


# ---------------------------------------------------------------------------------------------
# Exports


def _filename(prefix: str, contingent: Contingent) -> str:
    return f"{prefix}-{slugify(contingent.slug)[:60]}-{timezone.localdate():%Y-%m-%d}"


@staff_page()
@require_safe
def manage_export(request, slug, fmt):
    contingent = _contingent(request, slug)
    if fmt not in FORMATS:
        raise Http404("unknown format")
    claim_filter = selectors.claim_filter_from_params(params=request.GET)
    rows = export.claims_table(
        contingent,
        selectors.claims_for_export(contingent=contingent, claim_filter=claim_filter),
        list(contingent.questions.all()),
    )
    audit_read(actor=request.user, action="claims_exported", model=Claim, count=len(rows) - 1,
               data={"contingent": contingent.pk, "format": fmt})
    return spreadsheet_response(rows, fmt=fmt, filename=_filename("antraege", contingent), title=_("Claims"))


@staff_page()
@require_safe
def partner_export(request, slug, fmt):
    contingent = _contingent(request, slug)
    if fmt not in FORMATS:
        raise Http404("unknown format")
    rows = export.partner_table(contingent, selectors.claims_for_partner(contingent=contingent))
    audit_read(actor=request.user, action="claims_exported", model=Claim, count=len(rows) - 1,
               data={"contingent": contingent.pk, "format": fmt, "list": "partner"})
    return spreadsheet_response(rows, fmt=fmt, filename=_filename("partnerliste", contingent), title=_("Guest list"))


# ---------------------------------------------------------------------------------------------
# Codes


@accepts_files
@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def import_codes(request, slug):
    contingent = _contingent(request, slug)
    report = None
    if request.method == "POST" and contingent.uses_codes:
        form = CodeImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = services.codes_import(contingent=contingent, text=form.cleaned_data["codes"], actor=request.user)
            if report.ok and report.added:
                messages.success(
                    request,
                    ngettext("%(count)d code has been imported.", "%(count)d codes have been imported.", report.added)
                    % {"count": report.added},
                )
                return redirect("contingents:import-codes", slug=contingent.slug)
            if report.ok:
                form.add_error("text", _("The list contains no code. Please paste the codes or choose a CSV file."))
                report = None
    else:
        form = CodeImportForm()
    return render(
        request,
        "contingents/manage/import_codes.html",
        {
            "contingent": contingent,
            "form": form,
            "report": report,
            "overview": selectors.contingent_overview(contingent=contingent),
        },
    )


# ---------------------------------------------------------------------------------------------
# Lottery


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def draw(request, slug):
    contingent = _contingent(request, slug)
    if contingent.mode != Contingent.Mode.LOTTERY:
        raise Http404("no lottery")
    here = reverse("contingents:draw", kwargs={"slug": contingent.slug})
    form = DrawForm()
    if request.method == "POST":
        form = DrawForm(request.POST)
        if getattr(contingent, "draw", None) is not None:
            # A second draw (or the second click of a double submit): nothing changes.
            messages.error(request, str(errors.AlreadyDrawn.message))
            return redirect(here)
        if form.is_valid():
            try:
                services.lottery_draw(contingent=contingent, actor=request.user)
            except errors.ClaimError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("The draw is done. The winners have been offered their ticket by mail; everyone else has been told their place on the waiting list."))
            return redirect(here)
    now = timezone.now()
    overview = selectors.contingent_overview(contingent=contingent)
    return render(
        request,
        "contingents/manage/draw.html",
        {
            "contingent": contingent,
            "form": form,
            "protocol": getattr(contingent, "draw", None),
            "too_early": now < contingent.closes_at,
            "applications": overview.count(Status.APPLIED),
            "overview": overview,
            "unconfirmed": overview.count(Status.UNCONFIRMED),
        },
    )
