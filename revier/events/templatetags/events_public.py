"""Dates, times and availability the German way, for the events' public pages."""

from django import template
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from revier.core.dates import local_format

register = template.Library()


def _date(value) -> str:
    return local_format(value, "DATE_FORMAT")  # "23. Oktober 2024" / "23 October 2024" (core.dates)


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


@register.simple_tag
def category_choices(field, offers):
    """The registration form's ticket categories (its `category` field) as radio buttons, each
    with its description and free seats (`offers`: selectors.RegistrationFormData.offers). Written
    in Python: a refused post in a rush renders it again, and through template nodes it cost as
    much as the rest of the form's fields (docs/performance.md)."""
    errors, field_id, name = field.errors, conditional_escape(field.auto_id), conditional_escape(field.html_name)
    chosen = str(field.value())
    radio_class = "kern-form-check__radio" + (" kern-form-check__radio--error" if errors else "")
    choices = []
    for number, offer in enumerate(offers):
        category = offer.category
        choice_id = f"{field_id}_{number}"
        description = f"{conditional_escape(category.description)} – " if category.description else ""
        choices.append(
            "\n          <div class=\"kern-form-check\">\n"
            f'            <input class="{radio_class}" type="radio" name="{name}" id="{choice_id}" '
            f'value="{category.pk}"{" checked" if chosen == str(category.pk) else ""} '
            f'aria-describedby="{choice_id}-availability">\n'
            f'            <label class="kern-label" for="{choice_id}">{conditional_escape(category.name)}</label>\n'
            f'            <div class="kern-hint check-hint" id="{choice_id}-availability">{description}'
            f"{conditional_escape(availability_text(offer, 'open'))}</div>\n"
            "          </div>\n          "
        )
    error = ""
    if errors:
        joined = conditional_escape(" ").join(conditional_escape(message) for message in errors)
        error = (f'<p class="kern-error" id="{field_id}-error"><span class="kern-icon kern-icon--danger '
                 f'kern-icon--default" aria-hidden="true"></span><span class="kern-body">{joined}</span></p>')
    described_by = f' aria-describedby="{field_id}-error"' if errors else ""
    required = conditional_escape(_("required"))
    return mark_safe(
        f'\n      <fieldset class="kern-fieldset{" kern-fieldset--error" if errors else ""}" id="{field_id}"'
        f"{described_by}>\n"
        f'        <legend class="kern-label">{conditional_escape(field.label)} <span class="kern-label__required">'
        f"({required})</span></legend>\n"
        f"        {error}\n"
        '        <div class="kern-fieldset__body">\n'
        f"          {''.join(choices)}\n"
        "        </div>\n"
        "      </fieldset>\n      "
    )
