"""Registrations as a spreadsheet (CSV for Excel, XLSX) for the organiser area.

CSV: UTF-8 with a byte order mark and ";" as separator, the way a German Excel opens it with umlauts
intact. Both formats guard against formula injection: a cell that begins with = + - @ (or a tab or
carriage return) is prefixed with an apostrophe, so that a spreadsheet shows it as text."""

import csv
import io
import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from revier.events.consents import CONSENTS
from revier.events.models import Consent, Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def answer_text(answers: dict, question) -> str:
    """A stored answer as text: multiple choice joined with ", ", yes/no as ja/nein."""
    answers = answers or {}
    value = answers.get(str(question.pk), answers.get(question.pk))
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    text = CONTROL_CHARACTERS.sub("", text)  # XLSX cannot store them; nobody typed them on purpose
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_time(value) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "d.m.Y H:i")


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
    return [[safe_cell(v) for v in header(questions)]] + [
        [safe_cell(v) for v in row(registration, questions)] for registration in registrations
    ]


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[str]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    # Sheet titles: at most 31 characters, none of []:*?/\
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Anmeldungen"
    for values in rows:
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index in range(1, len(rows[0]) + 1):
        longest = max((len(r[index - 1]) for r in rows if index - 1 < len(r)), default=10)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
