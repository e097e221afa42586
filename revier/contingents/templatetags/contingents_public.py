"""Dates (in the page's language, core.dates) and ticket counts of the contingents."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from revier.core.dates import local_format

register = template.Library()


def _day(value) -> str:
    return local_format(value, "DATE_FORMAT")


@register.simple_tag
def partner_dates(contingent) -> str:
    """"24. September 2025" or "24. bis 25. September 2025" / "24 to 25 September 2025" (our own events:
    from their times)."""
    if contingent.event_id:
        start, end = timezone.localtime(contingent.event.starts_at).date(), timezone.localtime(contingent.event.ends_at).date()
    else:
        start, end = contingent.partner_event_starts_on, contingent.partner_event_ends_on or contingent.partner_event_starts_on
    if start is None:
        return ""
    if end is None or end == start:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return _("%(first_day)s to %(last_day)s") % {"first_day": local_format(start, "DAY_FORMAT"), "last_day": _day(end)}
    if start.year == end.year:
        return _("%(first_day)s to %(last_day)s") % {"first_day": local_format(start, "MONTH_DAY_FORMAT"), "last_day": _day(end)}
    return _("%(first_day)s to %(last_day)s") % {"first_day": _day(start), "last_day": _day(end)}


@register.simple_tag
def partner_place(contingent) -> str:
    if contingent.event_id:
        event = contingent.event
        return getattr(event, "address_line", "") or event.city
    return contingent.partner_event_place


@register.simple_tag
def tickets_left(availability) -> str:
    """"noch 12 von 50 Tickets"; "Alle Tickets sind vergeben"."""
    if availability.is_full:
        return _("All tickets are handed out")
    return ngettext(
        "%(free)s of %(capacity)s ticket left", "%(free)s of %(capacity)s tickets left", availability.capacity
    ) % {"free": availability.free, "capacity": availability.capacity}


@register.simple_tag
def event_contingents(event):
    """The published contingents of one of our events, for a link on the event page."""
    from revier.contingents.selectors import contingents_for_event

    return contingents_for_event(event=event)
