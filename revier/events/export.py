"""Registrations as a spreadsheet (CSV for Excel, XLSX) for the organiser area; the writing itself
(BOM, ";", formula-injection guard) is revier.core.export.

CSV: UTF-8 with a byte order mark and ";" as separator, the way a German Excel opens it with umlauts
intact. Both formats guard against formula injection: a cell that begins with = + - @ (or a tab or
carriage return) is prefixed with an apostrophe, so that a spreadsheet shows it as text."""

from django.utils.translation import gettext as _

from revier.core.export import answer_text, local_time, safe_cell, safe_table, to_csv, to_xlsx  # noqa: F401
from revier.events.consents import CONSENTS
from revier.events.models import Consent, Registration


def header(questions) -> list[str]:
    consent_labels = dict(Consent.Kind.choices)
    return [
        _("Status"),
        _("Ticket category"),
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Organisation"),
        _("Function"),
        _("Sector"),
        _("Registered"),
        _("Confirmed"),
        _("Checked in"),
        *[_("Consent: %(kind)s") % {"kind": consent_labels[kind]} for kind in CONSENTS],
        *[question.text for question in questions],
    ]


def row(registration: Registration, questions) -> list[str]:
    given = {c.kind for c in registration.consents.all() if c.withdrawn_at is None}
    return [
        registration.get_status_display(),
        registration.category.name,
        registration.first_name,
        registration.last_name,
        registration.email,
        registration.organisation,
        registration.function,
        registration.get_sector_display(),
        local_time(registration.created_at),
        local_time(registration.confirmed_at),
        local_time(registration.checked_in_at),
        *[_("yes") if kind in given else _("no") for kind in CONSENTS],
        *[answer_text(registration.answers, question) for question in questions],
    ]


def table(registrations, questions) -> list[list[str]]:
    """The header and one row per registration, every cell made safe for spreadsheets."""
    return safe_table(header(questions), (row(registration, questions) for registration in registrations))
