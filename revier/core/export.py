"""Tables as spreadsheets (CSV for Excel, XLSX), shared by every app's exports.

CSV: UTF-8 with a byte order mark and ";" as separator, the way a German Excel opens it with umlauts
intact. Both formats guard against formula injection: a cell that begins with = + - @ (or a tab or
carriage return) is prefixed with an apostrophe, so that a spreadsheet shows it as text."""

import csv
import io
import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def answer_text(answers: dict, question) -> str:
    """A stored answer (keyed by the question's pk) as text: multiple choice joined with ", ",
    yes/no as ja/nein."""
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
    """A time the German way in the site's time zone (Europe/Berlin): 23.10.2024 10:00."""
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "d.m.Y H:i")


def safe_table(header: list, rows) -> list[list[str]]:
    """The header and the rows, every cell made safe for spreadsheets."""
    return [[safe_cell(v) for v in header]] + [[safe_cell(v) for v in row] for row in rows]


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
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Export"
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


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(rows: list[list[str]], *, fmt: str, filename: str, title: str):
    """A download of `rows` (already made safe) as CSV or XLSX; fmt must be one of CONTENT_TYPES."""
    from django.http import HttpResponse

    body = to_csv(rows) if fmt == "csv" else to_xlsx(rows, title=title)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
