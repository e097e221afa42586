"""Reading the uploaded files: text (encoding detected), CSV (separator detected), XLSX (read-only,
its unpacked size limited) and JSON, each refusing what is no such file with a German problem."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import zipfile
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from revier.monitor.importing.base import EXAMPLES, Report, UploadedFile, file_name, number_text, quoted, rows_text

MAX_SIDE_FILE_BYTES = 5 * 1024 * 1024  # codebook and margins
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 2_000

# ---------------------------------------------------------------------------------------------------
# Reading text, tables and JSON


def decode(upload: UploadedFile, report: Report, limit: int) -> str | None:
    """The file's text: UTF-8 (with or without byte order mark), else Windows-1252 (which Excel writes in
    Germany; for letters the same as Latin-1). None, with a problem, for what is no text."""
    name = file_name(upload)
    content = upload.content
    if len(content) > limit:
        report.add("too_large", _(
            "The file %(file)s is larger than %(limit)s MB. Please split it or remove columns that are not needed."
        ) % {"file": name, "limit": limit // (1024 * 1024)})
        return None
    if not content.strip():
        report.add("empty_file", _("The file %(file)s is empty. Please choose the file with the data.") % {"file": name})
        return None
    if b"\x00" in content:
        report.add("encoding", _(
            "The file %(file)s contains null bytes: it is no text file, or it is saved as UTF-16. "
            "Please save it as CSV (UTF-8)."
        ) % {"file": name})
        return None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            line = content[:error.start].count(b"\n") + 1
            report.add("encoding", _(
                "The file %(file)s cannot be read as text: line %(line)s contains bytes that are neither UTF-8 "
                "nor Windows-1252. Please save it as CSV (UTF-8)."
            ) % {"file": name, "line": line})
            return None
    if "\ufffd" in text:
        line = text[:text.index("\ufffd")].count("\n") + 1
        report.add("encoding", _(
            "The file %(file)s contains the replacement character � in line %(line)s: characters were lost "
            "when it was saved. Please export it again as CSV (UTF-8) from the original data."
        ) % {"file": name, "line": line})
        return None
    return text


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[list[str]]
    numbers: list[int]  # the row number in the file (header is row 1)


def read_table(upload: UploadedFile, report: Report, limit: int) -> Table | None:
    if file_name(upload).lower().endswith(".xlsx"):
        return _read_xlsx(upload, report, limit)
    return _read_csv(upload, report, limit)


def _delimiter(header_line: str) -> str | None:
    """The separator that splits the header into the most columns (comma, semicolon or tab)."""
    best, most = None, 1
    for candidate in (",", ";", "\t"):
        fields = next(csv.reader([header_line], delimiter=candidate), [])
        if len(fields) > most:
            best, most = candidate, len(fields)
    return best


def _too_many_columns(name: str, header: list[str], report: Report) -> bool:
    if len(header) <= MAX_COLUMNS:
        return False
    report.add("too_large", _(
        "The file %(file)s has %(count)s columns; at most %(limit)s are possible."
    ) % {"file": name, "count": number_text(len(header)), "limit": number_text(MAX_COLUMNS)})
    return True


def _too_many_rows(name: str, rows: list, report: Report) -> bool:
    """True (and the problem reported) when `rows` is full and another row comes."""
    if len(rows) < MAX_ROWS:
        return False
    report.add("too_large", _(
        "The file %(file)s has more than %(limit)s rows. Please import one wave per file."
    ) % {"file": name, "limit": number_text(MAX_ROWS)})
    return True


def _read_csv(upload: UploadedFile, report: Report, limit: int) -> Table | None:
    name = file_name(upload)
    text = decode(upload, report, limit)
    if text is None:
        return None
    first_line = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
    delimiter = _delimiter(first_line)
    if delimiter is None:
        report.add("delimiter", _(
            "The file %(file)s has only one column (header %(header)s): its separator is not a comma, semicolon "
            "or tab. Please save it as CSV with one of these separators."
        ) % {"file": name, "header": quoted(first_line)})
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header, rows, numbers = None, [], []
    bad_lengths: list[int] = []
    bad_count = 0
    try:
        for fields in reader:
            if not any(fields):  # an empty line, or one of empty fields only (Excel writes such rows)
                continue
            if header is None:
                header = [value.strip() for value in fields]
                if _too_many_columns(name, header, report):
                    return None
                continue
            if _too_many_rows(name, rows, report):
                return None
            if len(fields) != len(header):
                bad_count += 1
                if len(bad_lengths) < EXAMPLES:
                    bad_lengths.append(reader.line_num)
                continue
            rows.append(fields)  # values are stripped where they are read (codes are normalised once per value)
            numbers.append(reader.line_num)
    except csv.Error as error:
        report.add("format", _(
            "The file %(file)s cannot be read from line %(line)s on (%(error)s). Please check quotation marks "
            "and save it again as CSV."
        ) % {"file": name, "line": reader.line_num, "error": str(error)})
        return None
    if bad_count:
        report.add("delimiter", ngettext(
            "In the file %(file)s, %(count)s row has a different number of fields than the header (row %(rows)s). "
            "Please check the separator (%(separator)s) and the quotation marks.",
            "In the file %(file)s, %(count)s rows have a different number of fields than the header (rows %(rows)s). "
            "Please check the separator (%(separator)s) and the quotation marks.",
            bad_count,
        ) % {"file": name, "count": number_text(bad_count), "rows": rows_text(bad_lengths, bad_count),
             "separator": {",": _("comma"), ";": _("semicolon"), "\t": _("tab")}[delimiter]})
    return _table(name, header or [], rows, numbers, report)


def _xlsx_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(upload: UploadedFile, report: Report, limit: int) -> Table | None:
    from openpyxl import load_workbook

    name = file_name(upload)
    if len(upload.content) > limit:
        report.add("too_large", _(
            "The file %(file)s is larger than %(limit)s MB. Please split it or remove columns that are not needed."
        ) % {"file": name, "limit": limit // (1024 * 1024)})
        return None
    if not upload.content:
        report.add("empty_file", _("The file %(file)s is empty. Please choose the file with the data.") % {"file": name})
        return None
    unreadable = _("The file %(file)s is no valid Excel file (.xlsx). Please save it again in Excel as "
                   "“Excel-Arbeitsmappe (.xlsx)” or as CSV (UTF-8).") % {"file": name}
    try:
        with zipfile.ZipFile(io.BytesIO(upload.content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        report.add("format", unreadable)
        return None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        report.add("too_large", _(
            "The Excel file %(file)s unpacks to more than %(limit)s MB. Please split it or save it as CSV."
        ) % {"file": name, "limit": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)})
        return None
    header, rows, numbers = None, [], []
    try:
        workbook = load_workbook(io.BytesIO(upload.content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                texts = [_xlsx_value(value) for value in values]
                if not any(texts):
                    continue
                if header is None:
                    while texts and not texts[-1]:
                        texts.pop()
                    header = texts
                    if _too_many_columns(name, header, report):
                        return None
                    continue
                if _too_many_rows(name, rows, report):
                    return None
                texts = (texts + [""] * len(header))[:len(header)] if len(texts) != len(header) else texts
                rows.append(texts)
                numbers.append(number)
        finally:
            workbook.close()
    except Exception:  # openpyxl raises many kinds of errors on damaged files; none may reach the person
        report.add("format", unreadable)
        return None
    if header is None:
        report.add("empty_file", _("The file %(file)s is empty. Please choose the file with the data.") % {"file": name})
        return None
    return _table(name, header, rows, numbers, report)


def _table(name: str, header: list[str], rows: list[list[str]], numbers: list[int], report: Report) -> Table | None:
    if any(character in "".join(header) for character in "\x00\ufffd"):
        report.add("encoding", _(
            "The header of %(file)s contains characters that are no text. Please save it as CSV (UTF-8)."
        ) % {"file": name})
        return None
    # Columns without a name and without a value (a spreadsheet's stray formatting) are left out.
    unnamed = [j for j, column in enumerate(header) if not column]
    blank = [j for j in unnamed if not any(row[j].strip() for row in rows)]
    if blank:
        keep = [j for j in range(len(header)) if j not in set(blank)]
        header = [header[j] for j in keep]
        rows = [[row[j] for j in keep] for row in rows]
    empty = [j + 1 for j in unnamed if j not in blank]
    if empty:
        report.add("missing_column", _(
            "In the file %(file)s, column %(columns)s has no name in the header. Please name every column."
        ) % {"file": name, "columns": ", ".join(str(i) for i in empty[:EXAMPLES])})
    twice = sorted(column for column, count in Counter(header).items() if column and count > 1)
    if twice:
        report.add("duplicate_column", _(
            "In the file %(file)s, the column %(columns)s appears more than once. Please keep one of each."
        ) % {"file": name, "columns": ", ".join(twice[:EXAMPLES])})
    if empty or twice:
        return None
    return Table(name=name, header=header, rows=rows, numbers=numbers)


def read_json(upload: UploadedFile, report: Report) -> object | None:
    name = file_name(upload)
    text = decode(upload, report, MAX_SIDE_FILE_BYTES)
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        report.add("format", _(
            "The file %(file)s is no valid JSON: line %(line)s, column %(column)s (%(error)s). Please correct it."
        ) % {"file": name, "line": error.lineno, "column": error.colno, "error": error.msg})
    except RecursionError:
        report.add("format", _("The file %(file)s is nested too deeply to be read. Please check it.") % {"file": name})
    return None

