"""The population margins (margins.csv / .xlsx: one row per cell; margins.json: cells per margin and
named weighting schemes) and the scheme a wave is weighted by."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from revier.monitor import weighting
from revier.monitor.importing.base import Report, UploadedFile, clean_text, file_name, german_date, normalise, quoted
from revier.monitor.importing.files import MAX_SIDE_FILE_BYTES, read_json, read_table

_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")

# ---------------------------------------------------------------------------------------------------
# Margins


@dataclass(frozen=True)
class Margins:
    margins: dict[str, weighting.Margin]
    schemes: dict[str, tuple[str, ...]]
    default_scheme: str
    source: str


def _population(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) and value >= 0 else None
    text = clean_text(value).replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.match(text):
        return None
    number = float(text.replace(",", "."))
    return number if number >= 0 else None


def _build_margins(cells_by_margin: dict[str, list[tuple[dict[str, str], float, str]]], file: str,
                   report: Report) -> dict[str, weighting.Margin]:
    """``cells_by_margin``: name -> [(codes by variable, population, where)]; one set of variables per margin."""
    margins = {}
    for name, cells in cells_by_margin.items():
        variable_sets = {tuple(codes) for codes, _population, _where in cells}
        if len(variable_sets) > 1:
            first, other = sorted(variable_sets, key=len)[:2]
            where = next(where for codes, _p, where in cells if tuple(codes) == other)
            report.add("margin_cells", _(
                "In %(file)s, the margin %(margin)s uses the columns %(first)s in one place and %(other)s in "
                "%(where)s. Every cell of a margin needs the same variables; leave the others empty."
            ) % {"file": file, "margin": name, "first": " × ".join(first) or "–", "other": " × ".join(other) or "–", "where": where})
            continue
        variables = next(iter(variable_sets))
        if not variables:
            report.add("margin_cells", _(
                "In %(file)s, the margin %(margin)s names no variable. Please fill in the columns that define its cells."
            ) % {"file": file, "margin": name})
            continue
        try:
            margins[name] = weighting.Margin.build(name, variables, {
                tuple(codes[v] for v in variables): population for codes, population, _where in cells})
        except ValueError:
            report.add("margin_cells", _(
                "In %(file)s, the margin %(margin)s lists a cell twice. Please keep each cell once."
            ) % {"file": file, "margin": name})
    return margins


def read_margins(upload: UploadedFile, report: Report) -> Margins | None:
    file = file_name(upload)
    start = len(report.problems)
    schemes: dict[str, tuple[str, ...]] = {}
    default_scheme, source = "", ""
    cells_by_margin: dict[str, list] = {}
    if file.lower().endswith(".json"):
        data = read_json(upload, report)
        if data is None:
            return None
        if not isinstance(data, Mapping) or not isinstance(data.get("margins"), Mapping):
            report.add("format", _("The margins file %(file)s needs „margins“: {name: [{variable: code, …, population: number}]}.") % {"file": file})
            return None
        for name, cells in data["margins"].items():
            if not isinstance(cells, list):
                report.add("margin_cells", _("In %(file)s, the margin %(margin)s is no list of cells.") % {"file": file, "margin": name})
                continue
            for number, cell in enumerate(cells, start=1):
                where = _("cell %(number)s") % {"number": number}
                if not isinstance(cell, Mapping) or "population" not in cell:
                    report.add("margin_cells", _(
                        "In %(file)s, cell %(number)s of the margin %(margin)s has no „population“. Please add it."
                    ) % {"file": file, "number": number, "margin": name})
                    continue
                population = _population(cell["population"])
                if population is None:
                    report.add("non_numeric", _(
                        "In %(file)s, cell %(number)s of the margin %(margin)s has the population %(value)s; a number "
                        "of at least 0 is needed."
                    ) % {"file": file, "number": number, "margin": name, "value": quoted(clean_text(cell["population"]))})
                    continue
                codes = {str(k): normalise(v) for k, v in cell.items() if k != "population" and normalise(v) is not None}
                cells_by_margin.setdefault(str(name), []).append((codes, population, where))
        schemes_in = data.get("schemes") or {}
        if isinstance(schemes_in, Mapping):
            for name, spec in schemes_in.items():
                listed = spec.get("margins") if isinstance(spec, Mapping) else spec
                if isinstance(listed, list) and all(isinstance(m, str) for m in listed):
                    schemes[str(name)] = tuple(listed)
                else:
                    report.add("scheme", _("In %(file)s, the scheme %(scheme)s needs „margins“: a list of margin names.") % {"file": file, "scheme": name})
        default_scheme = clean_text(data.get("default_scheme"))
        parts = [clean_text(data.get("population")), clean_text(data.get("source"))]
        if data.get("reference_date"):
            parts.append(_("reference date %(date)s") % {"date": german_date(data.get("reference_date"))})
        source = "; ".join(part for part in parts if part)
    else:
        table = read_table(upload, report, MAX_SIDE_FILE_BYTES)
        if table is None:
            return None
        missing = [column for column in ("margin", "population") if column not in table.header]
        if missing:
            report.add("missing_column", _(
                "The margins file %(file)s lacks the column(s) %(columns)s. It needs „margin“, the variables of the "
                "cells and „population“."
            ) % {"file": file, "columns": ", ".join(missing)})
            return None
        m_index, p_index = table.header.index("margin"), table.header.index("population")
        variables = [(i, column) for i, column in enumerate(table.header) if i not in (m_index, p_index)]
        for row, number in zip(table.rows, table.numbers):
            where = _("row %(row)s") % {"row": number}
            name = row[m_index]
            if not name:
                report.add("margin_cells", _("In %(file)s, row %(row)s has no margin name. Please fill in „margin“.") % {"file": file, "row": number})
                continue
            population = _population(row[p_index])
            if population is None:
                report.add("non_numeric", _(
                    "In %(file)s, row %(row)s has the population %(value)s; a number of at least 0 is needed "
                    "(without thousands separators)."
                ) % {"file": file, "row": number, "value": quoted(row[p_index])})
                continue
            codes = {column: normalise(row[i]) for i, column in variables if normalise(row[i]) is not None}
            cells_by_margin.setdefault(name, []).append((codes, population, where))
    if not cells_by_margin and len(report.problems) == start:
        report.add("empty_file", _("The margins file %(file)s contains no margin. Please choose the file with the population figures.") % {"file": file})
    margins = _build_margins(cells_by_margin, file, report)
    if len(report.problems) > start:
        return None
    return Margins(margins=margins, schemes=schemes, default_scheme=default_scheme, source=source)


def resolve_scheme(requested: Sequence[str], margins: Margins, file: str, report: Report) -> tuple[str, tuple[str, ...]]:
    """The scheme's margin names: each requested name is a scheme of the margins file (expanded) or a
    margin; nothing requested means the file's default scheme."""
    names = [part.strip() for item in requested for part in str(item).split(",") if part.strip()]
    if not names:
        if margins.default_scheme in margins.schemes:
            names = [margins.default_scheme]
        else:
            report.add("scheme", _(
                "No weighting scheme is given. Please name a scheme of %(file)s or the margins to weight by "
                "(available: %(available)s)."
            ) % {"file": file, "available": ", ".join([*margins.schemes, *margins.margins])})
            return "", ()
    expanded: list[str] = []
    for name in names:
        expanded.extend(margins.schemes.get(name, (name,)) if name not in margins.margins else (name,))
    unknown = [name for name in expanded if name not in margins.margins]
    for name in unknown:
        report.add("unknown_margin", _(
            "The weighting scheme names the margin %(margin)s, which %(file)s does not contain (available: "
            "%(available)s). Please correct the scheme or the margins file."
        ) % {"margin": quoted(name), "file": file, "available": ", ".join(margins.margins)})
    twice = sorted(name for name, count in Counter(expanded).items() if count > 1)
    if twice:
        report.add("scheme", _("The weighting scheme names the margin %(margin)s twice. Please name each margin once.") % {"margin": ", ".join(twice)})
    return ",".join(names), tuple(expanded)

