"""Organiser area: registrations table, exports, messages, cancellation, check-in.

Only for logged-in people who may manage the event (permissions.can_manage_event); for everyone
else another event's pages do not exist (404), so that nobody learns which events or registrations
there are. These people have a session, so Django's usual CSRF protection applies."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from revier.core.params import page_number
from revier.core.security import staff_page
from revier.core.services import audit_read
from revier.events import errors, export, selectors, services
from revier.events.models import Registration
from revier.events.organiser_forms import CancelEventForm, CapacityForm, CheckInForm, MessageForm
from revier.events.permissions import can_manage_event

__all__ = [
    "manage_list",
    "manage_registrations",
    "manage_registration_detail",
    "manage_export",
    "manage_message",
    "manage_cancel_event",
    "check_in",
    "check_in_count",
]

PAGE_SIZE = 50
Status = Registration.Status


def _managed_event(request, slug: str):
    """The event in the address, if the person may manage it; 404 otherwise."""
    event = selectors.event_get_for_manager(slug=slug)
    if event is None or not can_manage_event(request.user, event):
        raise Http404("no such event, or not yours")
    return event


# ---------------------------------------------------------------------------------------------
# Lists and table


@staff_page()
@require_safe
def manage_list(request):
    events = list(selectors.event_list_for_manager(user=request.user))
    return render(request, "events/manage/event_list.html", {"events": events, "now": timezone.now()})


def _render_table(request, event, *, capacity_form=None):
    registration_filter = selectors.registration_filter_from_params(event=event, params=request.GET)
    paginator = Paginator(
        selectors.registration_list_for_event(event=event, registration_filter=registration_filter), PAGE_SIZE
    )
    page_obj = paginator.page(page_number(request.GET.get("page"), num_pages=paginator.num_pages))
    # The page's rows are fetched here (the template reuses them) to record who saw which.
    audit_read(actor=request.user, action="registrations_viewed", model=Registration,
               object_ids=[registration.pk for registration in page_obj.object_list], data={"event": event.pk})
    return render(
        request,
        "events/manage/registrations.html",
        {
            "event": event,
            "page_obj": page_obj,
            "registrations": page_obj.object_list,
            "counts": selectors.registration_counts(event=event),
            "registration_filter": registration_filter,
            "statuses": Status.choices,
            "sorts": [("registered", _("Registered (oldest first)")), ("-registered", _("Registered (newest first)")),
                      ("name", _("Name (A–Z)")), ("-name", _("Name (Z–A)")), ("status", _("Status"))],
            "capacity_form": capacity_form or CapacityForm(event=event),
            "export_query": request.GET.urlencode(),
        },
    )


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_registrations(request, slug):
    event = _managed_event(request, slug)
    if request.method != "POST":
        return _render_table(request, event)
    # The one write on this page: a category's capacity.
    form = CapacityForm(request.POST, event=event)
    if not form.is_valid():
        return _render_table(request, event, capacity_form=form)
    category = next(c for c in event.categories.all() if c.pk == form.cleaned_data["category"])
    services.category_set_capacity(category=category, capacity=form.cleaned_data["capacity"], actor=request.user)
    messages.success(request, _("The capacity of “%(category)s” has been changed.") % {"category": category.name})
    return redirect(reverse("events:manage", kwargs={"slug": event.slug}) + "#kapazitaet")


# ---------------------------------------------------------------------------------------------
# Detail and actions


ACTIONS = {
    "approve": (services.registration_approve, gettext_lazy("The registration has been approved; the person has been sent the ticket.")),
    "reject": (services.registration_reject, gettext_lazy("The registration has been rejected; the person has been informed.")),
    "move_up": (services.registration_move_up, gettext_lazy("The person has been moved to the head of the waiting list; with a free seat they have been offered it by mail.")),
    "cancel": (services.registration_cancel, gettext_lazy("The registration has been cancelled; the person has been informed.")),
}


HISTORY_LABELS = {
    "registration_created": gettext_lazy("Registered"),
    "registration_confirmed": gettext_lazy("Confirmed by the person (link in the mail)"),
    "registration_link_resent": gettext_lazy("Personal link sent again"),
    "registration_changed": gettext_lazy("Details changed by the person"),
    "registration_cancelled": gettext_lazy("Registration cancelled"),
    "registration_expired": gettext_lazy("Time to confirm ran out"),
    "registration_hold_lapsed": gettext_lazy("Seat no longer held (not confirmed in time; can still confirm)"),
    "registration_moved_up": gettext_lazy("Moved up from the waiting list, seat offered"),
    "registration_moved_to_head": gettext_lazy("Moved to the head of the waiting list by an organiser"),
    "registration_waitlisted_after_expiry": gettext_lazy("Put on the waiting list (confirmed too late)"),
    "registration_approved": gettext_lazy("Approved"),
    "registration_rejected": gettext_lazy("Rejected"),
    "registration_checked_in": gettext_lazy("Checked in"),
}


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_registration_detail(request, slug, pk):
    event = _managed_event(request, slug)
    registration = selectors.registration_get_for_manager(event=event, pk=pk)
    if registration is None:
        raise Http404("no such registration")
    here = reverse("events:manage-registration", kwargs={"slug": event.slug, "pk": registration.pk})
    allowed = selectors.registration_allowed_actions(event=event, registration=registration)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS or action not in allowed:
            messages.error(request, str(errors.InvalidTransition.message))
            return redirect(here)
        if action == "cancel" and request.POST.get("confirm") != "yes":
            return redirect(here + "?stornieren=1#stornieren")
        service, success = ACTIONS[action]
        try:
            service(registration=registration, actor=request.user)
        except errors.RegistrationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, str(success))
        return redirect(here)
    history = list(selectors.registration_history(registration=registration)[:200])
    for entry in history:
        entry.label = HISTORY_LABELS.get(entry.action, entry.action)
    audit_read(actor=request.user, action="registration_viewed", model=Registration, object_ids=[registration.pk])
    return render(
        request,
        "events/manage/registration_detail.html",
        {
            "event": event,
            "registration": registration,
            "answers": selectors.registration_answer_list(registration=registration, questions=event.questions.all()),
            "history": history,
            "allowed": allowed,
            "confirm_cancel": "cancel" in allowed and request.GET.get("stornieren") == "1",
            "waitlist_position": selectors.waitlist_position(registration=registration),
        },
    )


# ---------------------------------------------------------------------------------------------
# Export


@staff_page()
@require_safe
def manage_export(request, slug, fmt):
    event = _managed_event(request, slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404("unknown format")
    registration_filter = selectors.registration_filter_from_params(event=event, params=request.GET)
    registrations = selectors.registration_list_for_event(
        event=event, registration_filter=registration_filter
    ).prefetch_related("consents")
    rows = export.table(registrations, list(event.questions.all()))
    audit_read(actor=request.user, action="registrations_exported", model=Registration, count=len(rows) - 1,
               data={"event": event.pk, "format": fmt})
    filename = f"anmeldungen-{slugify(event.slug)[:60]}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(export.to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export.to_xlsx(rows, title=_("Registrations")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------
# Message and cancellation


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_message(request, slug):
    event = _managed_event(request, slug)
    recipients = None
    if request.method == "POST":
        form = MessageForm(request.POST, event=event)
        if form.is_valid():
            selected = selectors.registrations_for_message(
                event=event, statuses=form.cleaned_data["statuses"], category_ids=form.cleaned_data["categories"]
            )
            if request.POST.get("action") == "send":
                count = services.registrations_message(
                    event=event, registrations=selected, subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"], actor=request.user,
                )
                messages.success(request, _("Your message is on its way to %(count)d recipients.") % {"count": count})
                return redirect("events:manage", slug=event.slug)
            recipients = selected.count()
    else:
        form = MessageForm(event=event, initial={"statuses": [Status.CONFIRMED]})
    return render(request, "events/manage/message.html", {"event": event, "form": form, "recipients": recipients})


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_cancel_event(request, slug):
    event = _managed_event(request, slug)
    if request.method == "POST" and not event.is_cancelled:
        form = CancelEventForm(request.POST)
        if form.is_valid():
            services.event_cancel(event=event, note=form.cleaned_data["note"], actor=request.user)
            messages.success(request, _("The event has been cancelled. Everyone with an active registration is being informed by mail."))
            return redirect("events:manage", slug=event.slug)
    else:
        form = CancelEventForm()
    active = sum(n for status, _label, n in selectors.registration_counts(event=event).by_status if status in Registration.ACTIVE)
    return render(request, "events/manage/cancel_event.html", {"event": event, "form": form, "active": active})


# ---------------------------------------------------------------------------------------------
# Check-in


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch" or request.headers.get("HX-Request") == "true"


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request, slug):
    event = _managed_event(request, slug)
    result = None
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            result = services.registration_check_in(event=event, code=form.cleaned_data["code"], actor=request.user)
            if not _wants_fragment(request):
                # Without JavaScript: post, redirect, get, so that reloading the page does not scan
                # the ticket again (which would warn "bereits eingecheckt" about this very scan).
                query = {"ergebnis": result.kind}
                if result.registration is not None:
                    query["anmeldung"] = result.registration.pk
                return redirect(f"{request.path}?{urlencode(query)}")
            form = CheckInForm()  # an empty field for the next ticket
    else:
        form = CheckInForm()
        result = selectors.check_in_result(
            event=event, kind=request.GET.get("ergebnis", ""), registration_id=request.GET.get("anmeldung", "")
        )
    if result is not None and result.registration is not None:
        # The result names the ticket's holder.
        audit_read(actor=request.user, action="registration_viewed", model=Registration,
                   object_ids=[result.registration.pk], data={"view": "check_in"})
    checked_in, confirmed = selectors.check_in_count(event=event)
    context = {"event": event, "form": form, "result": result, "checked_in": checked_in, "confirmed": confirmed}
    if _wants_fragment(request):
        return render(request, "events/manage/includes/check_in_result.html", context)
    return render(request, "events/manage/check_in.html", context)


@staff_page()
@require_safe
def check_in_count(request, slug):
    event = _managed_event(request, slug)
    checked_in, confirmed = selectors.check_in_count(event=event)
    return render(request, "events/manage/includes/check_in_count.html", {"checked_in": checked_in, "confirmed": confirmed})
