"""Pages of the Gesprächsbörse.

- The participant's page, reached from the profile's personal page (same personal link): the other
  participants, the request form, requests in and out with their buttons, unavailable slots, own
  meetings. No account, no cookie (core.security.public_form); results after a POST travel as a
  fixed keyword (`?erledigt=…`) that selects one of our own texts.
- The page of a request link from the mail: GET shows the request with the buttons, POST accepts or
  declines (mail scanners open links: a GET never changes anything).
- Cancelling an agreed meeting: a confirmation page behind the same personal link.
- The organiser's pages in the organiser area (login, events' permission can_manage_event): the
  setup, the table plan, the check-in at the table per slot and the live board.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from revier.core import ratelimit
from revier.core.params import int_param
from revier.core.security import personal_link_response, public_form, staff_page
from revier.core.services import audit_read
from revier.events import selectors as event_selectors
from revier.network import selectors as profile_selectors
from revier.network.meetings import errors, selectors, services
from revier.network.meetings.forms import (
    FixedTableForm,
    MeetingFixForm,
    MeetingSessionForm,
    RequestForm,
    SetupForm,
    UnavailabilityForm,
    slot_label,
)
from revier.network.meetings.models import MeetingRequest
from revier.network.models import Profile

DONE_MESSAGES = {
    "gesendet": gettext_lazy("Your request has been sent. The person gets a mail and can answer with one click."),
    "angenommen": gettext_lazy("You have accepted the request. You both got each other's contact details by mail."),
    "abgelehnt": gettext_lazy("You have declined the request. The sender has been informed."),
    "zurueckgezogen": gettext_lazy("Your request has been withdrawn."),
    "zeiten": gettext_lazy("Your unavailable time slots have been saved."),
    "stattgefunden": gettext_lazy("Saved: the meeting took place."),
    "nicht-erschienen": gettext_lazy("Saved: the other person did not show up."),
    "abgesagt": gettext_lazy("The meeting has been cancelled. The other person has been informed by mail; the time is free again."),
}

# The check-in buttons' keywords and what they record (MeetingParticipant.Attendance).
ATTENDANCE_ACTIONS = {"stattgefunden": "held", "nicht-erschienen": "no_show"}
# How often the live board reloads itself.
BOARD_REFRESH_SECONDS = 30


def _invalid_link(request):
    response = render(request, "network/invalid_link.html", {"resend_url": reverse("network:resend-link")}, status=404)
    return personal_link_response(response)


def _own_request(page, pk: int | None) -> MeetingRequest | None:
    return next((r for r in page.incoming + page.outgoing if r.pk == pk), None)


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def participant_page(request, token, event=None):
    """The participant's page of one Gesprächsbörse: of the event `event` (a slug; a person may take
    part in the Gesprächsbörsen of several events), without it of the next event's."""
    profile = profile_selectors.profile_get_by_token(token=token)
    if profile is None:
        return _invalid_link(request)
    setups = selectors.setups_for_profile(profile=profile)
    setup = selectors.setup_for_profile(profile=profile, event_slug=event)
    if setup is None or not setup.enabled or profile.status != profile.Status.CONFIRMED:
        response = render(request, "network/meetings/none.html", {"profile": profile, "token": token}, status=404)
        return personal_link_response(response)
    page = selectors.participant_page_get(setup=setup, profile=profile)
    here = (reverse("network:meetings-event", kwargs={"token": token, "event": event}) if event
            else reverse("network:meetings", kwargs={"token": token}))
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
                elif action in ATTENDANCE_ACTIONS:
                    row = next((r for r in page.meetings if r.meeting.pk == int_param(request.POST.get("termin"))), None)
                    if row is None:
                        raise errors.NotYourMeeting()
                    services.meeting_attendance_report(meeting=row.meeting, profile=profile,
                                                       attendance=ATTENDANCE_ACTIONS[action])
                    done = action
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
        "event_slug": event,
        # The person's other Gesprächsbörsen (registered for several events), enabled ones only.
        "other_setups": [other for other in setups if other.pk != setup.pk and other.enabled],
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
    latest_run = selectors.schedule_run_latest(setup=setup) if setup else None
    if latest_run is not None and (latest_run.unplaced or latest_run.moves):
        # The run's report names the two people of each unplaced or moved meeting.
        audit_read(actor=request.user, action="profiles_viewed", model=Profile,
                   count=2 * (len(latest_run.unplaced) + len(latest_run.moves)),
                   data={"view": "schedule_run", "event": event.pk, "run": latest_run.run.pk})
    context = {
        "event": event,
        "setup": setup,
        "form": form,
        "error": error,
        "overview": selectors.setup_overview(setup=setup) if setup else None,
        "latest_run": latest_run,
        "statuses": MeetingRequest.Status.choices,
    }
    return render(request, "network/meetings/manage.html", context, status=400 if form.errors or error else 200)


@require_http_methods(["GET", "HEAD"])
def participant_ics(request, token, event=None):
    """The participant's planned meetings (of the event `event`, or the next event's) as a calendar file."""
    from revier.network.meetings.calendar import meetings_ics

    profile = profile_selectors.profile_get_by_token(token=token)
    setup = selectors.setup_for_profile(profile=profile, event_slug=event) if profile is not None else None
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
    event, setup = _managed_setup(request, slug)
    plan = selectors.table_plan(setup=setup)
    _audit_people(request, "table_plan", setup, [person.pk for person, _meetings in plan.by_person])
    context = {"event": event, "setup": setup, "plan": plan}
    return render(request, "network/meetings/table_plan.html", context)


def _setup_of_participant(profile, *, request_id: int | None = None):
    """The profile's enabled Gesprächsbörse, or None (then the page says there is none): the one the
    person's request `request_id` belongs to (a person may take part in several events'), else the
    next event's. With it whether it is the next event's (whose page needs no event in its address)."""
    setups = selectors.setups_for_profile(profile=profile)
    setup = selectors.setup_of_request(setups=setups, request_id=request_id) or (setups[0] if setups else None)
    if setup is None or not setup.enabled or profile.status != profile.Status.CONFIRMED:
        return None, False
    return setup, setup == setups[0]


def _cancel_refusal(own, setup, now):
    """Why this meeting cannot be cancelled (the message the service would give), or None."""
    if own.meeting_request.status == MeetingRequest.Status.CANCELLED:
        return errors.AlreadyCancelled.message
    if own.meeting is None:
        return errors.NotAgreed.message
    if now >= (own.meeting.slot.starts_at if own.meeting.slot_id else setup.event.ends_at):
        return errors.TooLateToCancel.message
    return None


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_page(request, token, pk):
    """Cancelling an agreed meeting from the participant's page: GET asks to confirm (and changes
    nothing), the button POSTs; afterwards back to the Gesprächsbörse page."""
    profile = profile_selectors.profile_get_by_token(token=token)
    if profile is None:
        return _invalid_link(request)
    setup, is_next = _setup_of_participant(profile, request_id=int_param(pk))
    if setup is None:
        response = render(request, "network/meetings/none.html", {"profile": profile, "token": token}, status=404)
        return personal_link_response(response)
    own = selectors.own_meeting_get(setup=setup, profile=profile, request_id=int_param(pk))
    back = (reverse("network:meetings", kwargs={"token": token}) if is_next
            else reverse("network:meetings-event", kwargs={"token": token, "event": setup.event.slug}))
    status, error = 200, None
    if own is None:
        status, error = 404, errors.NotYourMeeting.message
    elif request.method == "POST":
        if not ratelimit.within_public_form_limit(request, scope="network-meetings"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        else:
            try:
                services.meeting_cancel(meeting_request=own.meeting_request, profile=profile)
            except errors.MeetingError as domain_error:
                status, error = 409, domain_error.message
                own = selectors.own_meeting_get(setup=setup, profile=profile, request_id=int_param(pk)) or own
            else:
                return redirect(f"{back}?erledigt=abgesagt#erledigt")
    elif (refusal := _cancel_refusal(own, setup, timezone.now())) is not None:
        status, error = 409, refusal
    context = {"profile": profile, "token": token, "setup": setup, "event": setup.event, "own": own,
               "error": error, "back": back, "can_cancel": error is None}
    return personal_link_response(render(request, "network/meetings/cancel.html", context, status=status))


# --- The organiser's planning by hand: fixed tables, fixed meetings, sessions ----------------------


def _managed_setup(request, slug):
    event = event_selectors.event_get_if_manager(slug=slug, user=request.user)
    setup = selectors.setup_for_event(event_id=event.pk) if event is not None else None
    if setup is None:
        raise Http404("no such event, or not yours, or no Gesprächsbörse")
    return event, setup


def _audit_people(request, view: str, setup, profile_ids) -> None:
    """Records that the organiser saw these participants' names (issue 12 §2): one entry per page."""
    audit_read(actor=request.user, action="profiles_viewed", model=Profile, object_ids=sorted(set(profile_ids)),
               data={"view": view, "event": setup.event_id})


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_planning(request, slug):
    """The organiser's list of meetings with their state, and the fixed tables (give, free)."""
    event, setup = _managed_setup(request, slug)
    here = reverse("network:meetings-planning", kwargs={"slug": event.slug})
    page = selectors.planning_page(setup=setup)
    form, error = None, None
    if request.method == "POST":
        try:
            if request.POST.get("aktion") == "tisch-freigeben":
                table_id = int_param(request.POST.get("tisch"))
                if table_id is None:
                    raise errors.PlanningRefused(_("Please choose one of the listed tables."))
                services.table_fixed_set(setup=setup, table_id=table_id, profile_id=None, actor=request.user)
                messages.success(request, _("The table is no longer fixed for anyone."))
                return redirect(f"{here}#feste-tische")
            form = FixedTableForm(request.POST, participants=page.participants, tables=page.tables)
            if form.is_valid():
                services.table_fixed_set(setup=setup, table_id=form.cleaned_data["table"],
                                         profile_id=form.cleaned_data["person"], actor=request.user)
                messages.success(request, _("The fixed table has been saved. Placing after publishing uses it at "
                                            "once; meetings already planned move there at the next “Alle einplanen”."))
                return redirect(f"{here}#feste-tische")
        except errors.MeetingError as domain_error:
            error = domain_error.message
        page = selectors.planning_page(setup=setup)
    _audit_people(request, "planning", setup, [person.pk for person in page.participants])
    context = {
        "event": event, "setup": setup, "page": page, "error": error,
        "form": form or FixedTableForm(participants=page.participants, tables=page.tables),
        "fixed_tables": [table for table in page.tables if table.fixed_profile_id],
    }
    status = 400 if error or (form is not None and form.errors) else 200
    return render(request, "network/meetings/planning.html", context, status=status)


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_meeting(request, slug, pk):
    """One meeting for the organiser: fix it to a slot and table or release it; restrict it to a
    session."""
    event, setup = _managed_setup(request, slug)
    detail = selectors.meeting_detail(setup=setup, meeting_id=pk)
    if detail is None:
        raise Http404("no such meeting")
    here = reverse("network:meetings-meeting", kwargs={"slug": event.slug, "pk": pk})
    fix_form = session_form = None
    error = None
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        try:
            if action == "freigeben":
                services.meeting_release(setup=setup, meeting_id=pk, actor=request.user)
                messages.success(request, _("The meeting is no longer fixed. It stays where it is until the next "
                                            "“Alle einplanen”."))
                return redirect(here)
            if action == "sitzung":
                session_form = MeetingSessionForm(request.POST, sessions=detail.sessions)
                if session_form.is_valid():
                    services.meeting_session_set(setup=setup, meeting_id=pk, actor=request.user,
                                                 session_id=session_form.cleaned_data["session"])
                    messages.success(request, _("The session of the meeting has been saved. Planning places it "
                                                "accordingly from now on."))
                    return redirect(here)
            else:
                fix_form = MeetingFixForm(request.POST, slots=detail.slots, tables=detail.tables)
                if fix_form.is_valid():
                    services.meeting_fix(setup=setup, meeting_id=pk, slot_id=fix_form.cleaned_data["slot"],
                                         table_id=fix_form.cleaned_data["table"], actor=request.user)
                    messages.success(request, _("The meeting is fixed to this time and table. “Alle einplanen” "
                                                "keeps it there."))
                    return redirect(here)
        except errors.MeetingError as domain_error:
            error = domain_error.message
        detail = selectors.meeting_detail(setup=setup, meeting_id=pk)
        if detail is None:
            raise Http404("no such meeting")
    meeting = detail.meeting
    _audit_people(request, "meeting", setup, [person.pk for person in detail.people])
    context = {
        "event": event, "setup": setup, "detail": detail, "meeting": meeting, "error": error,
        "fix_form": fix_form or MeetingFixForm(slots=detail.slots, tables=detail.tables,
                                               initial={"slot": meeting.slot_id, "table": meeting.table_id}),
        "session_form": session_form or MeetingSessionForm(sessions=detail.sessions,
                                                           initial={"session": meeting.session_id}),
        "slot_notes": [
            (slot, detail.unavailable.get(slot.pk, []), detail.busy.get(slot.pk, [])) for slot in detail.slots
            if slot.pk in detail.unavailable or slot.pk in detail.busy
        ],
    }
    forms_invalid = (fix_form is not None and fix_form.errors) or (session_form is not None and session_form.errors)
    return render(request, "network/meetings/meeting.html", context, status=400 if error or forms_invalid else 200)


# --- On the day: check-in at the tables, the live board -------------------------------------------


@staff_page()
@require_http_methods(["GET", "HEAD", "POST"])
def manage_check_in(request, slug):
    """Check-in at the table, one slot at a time: per meeting one button "Hat stattgefunden" and one
    "Nicht erschienen" (POST, then back to the same slot: works without JavaScript)."""
    event, setup = _managed_setup(request, slug)
    here = reverse("network:meetings-check-in", kwargs={"slug": event.slug})
    slot_id = int_param(request.POST.get("zeitfenster") if request.method == "POST" else request.GET.get("zeitfenster"))
    error = None
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        meeting = selectors.meeting_get(setup=setup, meeting_id=int_param(request.POST.get("termin")))
        try:
            if meeting is None:
                raise errors.MeetingGone()
            if action not in ATTENDANCE_ACTIONS:
                raise errors.InvalidInput(_("Please choose “took place” or “did not show up”."))
            meeting = services.meeting_attendance_record(meeting=meeting, attendance=ATTENDANCE_ACTIONS[action],
                                                         actor=request.user)
        except errors.MeetingError as domain_error:
            error = domain_error.message
        else:
            text = (_("Table %(table)d: the meeting took place.") if action == "stattgefunden"
                    else _("Table %(table)d: not shown up."))
            messages.success(request, text % {"table": meeting.table.number})
            return redirect(f"{here}?zeitfenster={meeting.slot_id}#termin-{meeting.pk}")
    check_in = selectors.slot_check_in(setup=setup, slot_id=slot_id)
    _audit_people(request, "check_in", setup, [row.profile_id for entry in (check_in.board.entries if check_in.board else [])
                                               for row in entry.people])
    context = {"event": event, "setup": setup, "error": error, "check_in": check_in,
               "slot_choices": [(slot.pk, slot_label(slot)) for slot in check_in.slots],
               "board_label": slot_label(check_in.board.slot) if check_in.board else ""}
    return render(request, "network/meetings/check_in.html", context, status=409 if error else 200)


@staff_page()
@require_http_methods(["GET", "HEAD"])
def manage_board(request, slug):
    """The live board: the slot running now and the next, per table who meets whom and the
    check-in. With JavaScript, htmx fetches the board's content every BOARD_REFRESH_SECONDS (the
    same address; an htmx request gets the fragment); `?anhalten=1` stops it (WCAG 2.2.2: a way
    to pause what updates itself); without JavaScript a link reloads the page."""
    event, setup = _managed_setup(request, slug)
    board = selectors.live_board(setup=setup)
    _audit_people(request, "board", setup, [row.profile_id for part in (board.current, board.following) if part
                                            for entry in part.entries for row in entry.people])
    context = {"event": event, "setup": setup, "board": board, "refresh": BOARD_REFRESH_SECONDS,
               "paused": request.GET.get("anhalten") == "1",
               "parts": [(key, title, part, slot_label(part.slot)) for key, title, part in (
                   ("jetzt", _("Now"), board.current), ("als-naechstes", _("Next"), board.following)) if part]}
    fragment = request.headers.get("HX-Request") == "true"
    response = render(request, "network/meetings/includes/board_parts.html" if fragment else "network/meetings/board.html",
                      context)
    patch_vary_headers(response, ["HX-Request"])
    return response
