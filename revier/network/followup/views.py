"""Pages of the follow-up.

- The page of the follow-up link from the mail (no login, no cookie): GET shows the person's
  meetings with the two questions (never changes anything: mail scanners open links), POST saves.
- The organiser's statistics next to the Gesprächsbörse page (same permission), as CSV or XLSX too.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from revier.core import export, ratelimit
from revier.core.security import personal_link_response, public_form, staff_page
from revier.events import selectors as event_selectors
from revier.network.followup import errors, selectors, services
from revier.network.followup.forms import FollowupForm
from revier.network.meetings import selectors as meeting_selectors


def _invalid_link(request):
    response = render(request, "network/invalid_link.html", {"resend_url": reverse("network:resend-link")}, status=404)
    return personal_link_response(response)


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def followup_page(request, token):
    invitation = selectors.invitation_get_by_token(token=token)
    if invitation is None:
        return _invalid_link(request)
    rows = selectors.followup_rows(invitation=invitation)
    status, error, form = 200, None, None
    if request.method == "POST":
        form = FollowupForm(request.POST, rows=rows)
        if not ratelimit.within_public_form_limit(request, scope="network-followup"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif form.is_valid():
            try:
                services.followup_answers_save(invitation=invitation, answers=form.answers())
            except errors.FollowupError as domain_error:
                status, error = 409, domain_error.message
            else:
                here = reverse("network:followup", kwargs={"token": token})
                return redirect(f"{here}?erledigt=1#erledigt")
        else:
            status = 400
    context = {
        "invitation": invitation,
        "event": invitation.setup.event,
        "profile": invitation.profile,
        "form": form or FollowupForm(rows=rows),
        "error": error,
        "done_message": (_("Thank you. Your answers have been saved; you can change them until the date shown.")
                         if request.method != "POST" and request.GET.get("erledigt") == "1" else None),
    }
    return personal_link_response(render(request, "network/followup/page.html", context, status=status))


def _statistics_rows(stats) -> list[tuple[str, str]]:
    """(label, value) per figure: the table, the chart's text alternative and the export."""
    percent = "–" if stats.answered_percent is None else f"{stats.answered_percent} %"
    median = "–" if stats.median_answer_hours is None else f"{stats.median_answer_hours:.1f}".replace(".", ",")
    rows = [
        (_("Profiles (participants)"), stats.profiles),
        (_("Meeting requests"), stats.requests),
        (_("Requests answered"), stats.answered),
        (_("Share of requests answered"), percent),
        (_("Median time to answer (hours)"), median),
        (_("Accepted"), stats.accepted),
        (_("Cancelled before the meeting"), stats.cancelled_before),
        (_("Placed"), stats.placed),
        (_("Held"), stats.held),
        (_("No-shows"), stats.no_shows),
        (_("Cancelled (follow-up answers)"), stats.cancelled),
        (_("Follow-up mails sent"), stats.invitations),
        (_("People who answered the follow-up"), stats.followup_answered),
        (_("Meetings with a planned cooperation"), stats.cooperation_planned),
    ]
    rows += [(_("Planned cooperation: %(kind)s") % {"kind": label}, count)
             for _value, label, count in stats.cooperation_by_kind]
    rows.append((_("Meetings with a possible cooperation (maybe)"), stats.cooperation_maybe))
    return [(str(label), str(value)) for label, value in rows]


# The bars of the chart: the way from a request to a cooperation.
CHART_WIDTH, BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 640, 28, 10, 0


def _chart(stats) -> dict:
    bars = [
        (_("Meeting requests"), stats.requests, "requests"),
        (_("Accepted"), stats.accepted, "accepted"),
        (_("Placed"), stats.placed, "placed"),
        (_("Held"), stats.held, "held"),
        (_("No-shows"), stats.no_shows, "no-show"),
        (_("Meetings with a planned cooperation"), stats.cooperation_planned, "cooperation"),
    ]
    top = max((value for _label, value, _kind in bars), default=0) or 1
    usable = CHART_WIDTH - 60
    drawn = []
    for index, (label, value, kind) in enumerate(bars):
        y = index * (BAR_HEIGHT * 2 + BAR_GAP)
        drawn.append({"label": label, "value": value, "kind": kind, "label_y": y + 18, "bar_y": y + 24,
                      "width": max(round(usable * value / top), 1 if value else 0),
                      "value_x": max(round(usable * value / top), 0) + 6, "value_y": y + 24 + 20})
    return {"bars": drawn, "width": CHART_WIDTH, "height": len(bars) * (BAR_HEIGHT * 2 + BAR_GAP),
            "bar_height": BAR_HEIGHT}


@staff_page()
@require_http_methods(["GET", "HEAD"])
def manage_statistics(request, slug):
    """The organiser's figures of the event's Gesprächsbörse (?format=csv or xlsx: the download)."""
    event = event_selectors.event_get_if_manager(slug=slug, user=request.user)
    if event is None:
        raise Http404("no such event, or not yours")
    setup = meeting_selectors.setup_for_event(event_id=event.pk)
    if setup is None:
        return render(request, "network/followup/statistics.html", {"event": event, "setup": None})
    stats = selectors.followup_statistics(setup=setup)
    rows = _statistics_rows(stats)
    fmt = request.GET.get("format", "")
    if fmt in export.CONTENT_TYPES:
        table = export.safe_table([_("Figure"), _("Value")], rows)
        return export.spreadsheet_response(table, fmt=fmt, filename=f"gespraechsboerse-{event.slug}",
                                           title=_("Gesprächsbörse"))
    context = {"event": event, "setup": setup, "stats": stats, "rows": rows, "chart": _chart(stats)}
    return render(request, "network/followup/statistics.html", context)


def _overview_columns():
    return [_("Event"), _("Date"), _("Profiles (participants)"), _("Meeting requests"),
            _("Share of requests answered"), _("Median time to answer (hours)"), _("Accepted"), _("Placed"),
            _("Held"), _("No-shows"), _("Meetings with a planned cooperation")]


def _overview_row(setup, stats) -> list[str]:
    percent = "–" if stats.answered_percent is None else f"{stats.answered_percent} %"
    median = "–" if stats.median_answer_hours is None else f"{stats.median_answer_hours:.1f}".replace(".", ",")
    return [setup.event.title, date_format(timezone.localtime(setup.event.starts_at), "d.m.Y"), str(stats.profiles),
            str(stats.requests), percent, median, str(stats.accepted), str(stats.placed), str(stats.held),
            str(stats.no_shows), str(stats.cooperation_planned)]


@staff_page()
@require_http_methods(["GET", "HEAD"])
def manage_statistics_overview(request):
    """The figures of every Gesprächsbörse the user may manage, one row per event in time order
    (over time), as a table and CSV/XLSX; a fixed number of queries whatever the number of events."""
    event_ids = list(event_selectors.event_list_for_manager(user=request.user).values_list("pk", flat=True))
    setups = selectors.setups_for_events(event_ids=event_ids)
    figures = selectors.followup_statistics_many(setups=setups)
    rows = [(setup, _overview_row(setup, figures[setup.pk])) for setup in setups]
    fmt = request.GET.get("format", "")
    if fmt in export.CONTENT_TYPES:
        table = export.safe_table(_overview_columns(), [row for _setup, row in rows])
        return export.spreadsheet_response(table, fmt=fmt, filename="gespraechsboersen", title=_("Gesprächsbörse"))
    return render(request, "network/followup/overview.html", {"columns": _overview_columns(), "rows": rows})
