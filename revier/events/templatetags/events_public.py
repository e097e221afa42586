"""Dates, times and availability the German way, for the events' public pages."""

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _date(value) -> str:
    return dateformat.format(timezone.localtime(value), "j. F Y")


def _time(value) -> str:
    return dateformat.format(timezone.localtime(value), "H:i")


@register.filter
def when(value) -> str:
    """A date and time: "23. Oktober 2024, 10:00 Uhr"."""
    if not value:
        return ""
    return _("%(date)s, %(time)s") % {"date": _date(value), "time": _time(value)}


@register.simple_tag
def time_range(start, end, with_date: bool = True) -> str:
    """"23. Oktober 2024, 10:00 bis 17:00 Uhr", across days with both dates; without the date:
    "10:00 bis 10:30 Uhr"."""
    start_local, end_local = timezone.localtime(start), timezone.localtime(end)
    if not with_date:
        return _("%(start)s to %(end)s") % {"start": _time(start), "end": _time(end)}
    if start_local.date() == end_local.date():
        return _("%(date)s, %(start)s to %(end)s") % {"date": _date(start), "start": _time(start), "end": _time(end)}
    return _("%(start)s until %(end)s") % {"start": when(start), "end": when(end)}


@register.simple_tag
def availability_text(offer, registration_state: str) -> str:
    """"noch 12 von 120 Plätzen", "unbegrenzt", "ausgebucht – Warteliste möglich"."""
    availability = offer.availability
    if availability.capacity is None:
        return _("Unlimited places")
    if availability.is_full:
        if registration_state == "open":
            return _("Fully booked – waiting list possible")
        return _("Fully booked")
    return ngettext(
        "%(free)s of %(capacity)s place left", "%(free)s of %(capacity)s places left", availability.capacity
    ) % {"free": availability.free, "capacity": availability.capacity}
