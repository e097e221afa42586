"""Pages of the Gesprächsbörse.

- The participant's page, reached from the profile's personal page (same personal link): the other
  participants, the request form, requests in and out with their buttons, unavailable slots, own
  meetings. No account, no cookie (core.security.public_form); results after a POST travel as a
  fixed keyword (`?erledigt=…`) that selects one of our own texts.
- The page of a request link from the mail: GET shows the request with the buttons, POST accepts or
  declines (mail scanners open links: a GET never changes anything).
- The organiser's page in the organiser area (login, events' permission can_manage_event).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from revier.core import ratelimit
from revier.core.params import int_param
from revier.core.security import personal_link_response, public_form, staff_page
from revier.events import selectors as event_selectors
from revier.network import selectors as profile_selectors
from revier.network.meetings import errors, selectors, services
from revier.network.meetings.forms import RequestForm, SetupForm, UnavailabilityForm, slot_label
from revier.network.meetings.models import MeetingRequest

DONE_MESSAGES = {
    "gesendet": gettext_lazy("Your request has been sent. The person gets a mail and can answer with one click."),
    "angenommen": gettext_lazy("You have accepted the request. You both got each other's contact details by mail."),
    "abgelehnt": gettext_lazy("You have declined the request. The sender has been informed."),
    "zurueckgezogen": gettext_lazy("Your request has been withdrawn."),
    "zeiten": gettext_lazy("Your unavailable time slots have been saved."),
}


def _invalid_link(request):
    response = render(request, "network/invalid_link.html", {"resend_url": reverse("network:resend-link")}, status=404)
    return personal_link_response(response)


def _own_request(page, pk: int | None) -> MeetingRequest | None:
    return next((r for r in page.incoming + page.outgoing if r.pk == pk), None)


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def participant_page(request, token):
    profile = profile_selectors.profile_get_by_token(token=token)
    if profile is None:
        return _invalid_link(request)
    setup = selectors.setup_for_profile(profile=profile)
    if setup is None or not setup.enabled or profile.status != profile.Status.CONFIRMED:
        response = render(request, "network/meetings/none.html", {"profile": profile, "token": token}, status=404)
        return personal_link_response(response)
    page = selectors.participant_page_get(setup=setup, profile=profile)
    here = reverse("network:meetings", kwargs={"token": token})
    status, error = 200, None
    request_form = unavailability_form = None
    if request.method == "POST" and page.is_participant:
        action = request.POST.get("aktion", "")
        done = None
        if not ratelimit.within_public_form_limit(request, scope="network-meetings"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        else:
            try:
                if action == "anfrage":
                    request_form = RequestForm(request.POST, others=page.others)
                    if request_form.is_valid():
                        services.request_send(setup=setup, sender=profile,
                                              recipient_id=request_form.cleaned_data["recipient"],
                                              message=request_form.cleaned_data["message"])
                        done = "gesendet"
                elif action == "zeiten":
                    unavailability_form = UnavailabilityForm(request.POST, slots=page.slots)
                    if unavailability_form.is_valid():
                        services.unavailability_set(setup=setup, profile=profile,
                                                    slot_ids=unavailability_form.cleaned_data["slots"])
                        done = "zeiten"
                elif action in ("annehmen", "ablehnen", "zurueckziehen"):
                    found = _own_request(page, int_param(request.POST.get("anfrage")))
                    if found is None:
                        raise errors.AlreadyAnswered()
                    service = {"annehmen": services.request_accept, "ablehnen": services.request_decline,
                               "zurueckziehen": services.request_withdraw}[action]
                    service(meeting_request=found, profile=profile)
                    done = {"annehmen": "angenommen", "ablehnen": "abgelehnt", "zurueckziehen": "zurueckgezogen"}[action]
                else:
                    return redirect(here)
            except errors.MeetingError as domain_error:
                status, error = 409, domain_error.message
            if done:
                return redirect(f"{here}?erledigt={done}#erledigt")
            if status == 200:
                status = 400
        page = selectors.participant_page_get(setup=setup, profile=profile)
    context = {
        "profile": profile,
        "token": token,
        "setup": setup,
        "event": setup.event,
        "page": page,
        "request_form": request_form or RequestForm(others=[o for o in page.others if o.pk not in page.blocked_ids]),
        "unavailability_form": unavailability_form or UnavailabilityForm(
            slots=page.slots, initial={"slots": [str(pk) for pk in page.unavailable]}),
        "error": error,
        "done_message": DONE_MESSAGES.get(request.GET.get("erledigt", "")) if request.method != "POST" else None,
        "slot_label": slot_label,
        "has_placed": any(row.meeting.slot_id for row in page.meetings),
    }
    return personal_link_response(render(request, "network/meetings/participant.html", context, status=status))


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def request_page(request, token):
    """The link from the mail: shows the request; the buttons accept or decline it (POST)."""
    meeting_request = selectors.request_get_by_token(token=token)
    if meeting_request is None:
        return _invalid_link(request)
    status, error, done = 200, None, None
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if not ratelimit.within_public_form_limit(request, scope="network-meetings"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif action in ("annehmen", "ablehnen"):
            service = services.request_accept if action == "annehmen" else services.request_decline
            try:
                service(meeting_request=meeting_request, profile=meeting_request.recipient)
            except errors.MeetingError as domain_error:
                status, error = 409, domain_error.message
            else:
                here = reverse("network:meeting-request", kwargs={"token": token})
                return redirect(f"{here}?erledigt={'angenommen' if action == 'annehmen' else 'abgelehnt'}#erledigt")
        meeting_request = selectors.request_get_by_token(token=token) or meeting_request
    else:
        done = DONE_MESSAGES.get(request.GET.get("erledigt", ""))
    context = {"meeting_request": meeting_request, "sender": meeting_request.sender, "setup": meeting_request.setup,
               "event": meeting_request.setup.event, "error": error, "done_message": done}
    return personal_link_response(render(request, "network/meetings/request.html", context, status=status))


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_setup(request, slug):
    """The organiser's setup of the event's Gesprächsbörse, with the counts; publishing."""
    event = event_selectors.event_get_if_manager(slug=slug, user=request.user)
    if event is None:
        raise Http404("no such event, or not yours")
    setup = selectors.setup_for_event(event_id=event.pk)
    here = reverse("network:meetings-manage", kwargs={"slug": event.slug})
    error, form = None, None
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if action == "einplanen" and setup is not None:
            services.schedule_run_request(setup=setup, actor=request.user)
            messages.success(request, _("Planning has started in the background. Reload this page to see its progress."))
            return redirect(f"{here}#einplanen")
        if action == "veroeffentlichen" and setup is not None:
            placed = services.setup_publish(setup=setup, actor=request.user)
            messages.success(request, _("The meetings are published; %(placed)d meetings have been planned.")
                             % {"placed": placed})
            return redirect(here)
        form = SetupForm(request.POST)
        if form.is_valid():
            fixed = {t.number: t.fixed_profile_id for t in setup.tables.all()} if setup else {}
            try:
                setup = services.setup_save(event=event, data=form.to_input(fixed=fixed), actor=request.user)
            except errors.MeetingError as domain_error:
                error = domain_error.message
            else:
                messages.success(request, _("The Gesprächsbörse has been saved."))
                return redirect(here)
    form = form or SetupForm(initial=SetupForm.initial_from(setup, event))
    context = {
        "event": event,
        "setup": setup,
        "form": form,
        "error": error,
        "overview": selectors.setup_overview(setup=setup) if setup else None,
        "latest_run": selectors.schedule_run_latest(setup=setup) if setup else None,
        "statuses": MeetingRequest.Status.choices,
    }
    return render(request, "network/meetings/manage.html", context, status=400 if form.errors or error else 200)


@require_http_methods(["GET", "HEAD"])
def participant_ics(request, token):
    """The participant's planned meetings as a calendar file."""
    from revier.network.meetings.calendar import meetings_ics

    profile = profile_selectors.profile_get_by_token(token=token)
    setup = selectors.setup_for_profile(profile=profile) if profile is not None else None
    if setup is None or not setup.enabled:
        return _invalid_link(request)
    page = selectors.participant_page_get(setup=setup, profile=profile)
    response = HttpResponse(meetings_ics(event=setup.event, rows=page.meetings), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gespraechstermine.ics"'
    return personal_link_response(response)


@staff_page()
@require_http_methods(["GET", "HEAD"])
def manage_table_plan(request, slug):
    """The printable table plan: per table and per person (placed meetings)."""
    event = event_selectors.event_get_if_manager(slug=slug, user=request.user)
    setup = selectors.setup_for_event(event_id=event.pk) if event is not None else None
    if setup is None:
        raise Http404("no such event, or not yours")
    context = {"event": event, "setup": setup, "plan": selectors.table_plan(setup=setup)}
    return render(request, "network/meetings/table_plan.html", context)
