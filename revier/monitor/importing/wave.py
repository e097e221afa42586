"""The microdata of a wave checked against the codebook and the margins, then weighted: ``read_wave``
and ``wave_check`` (the package's interface, see its docstring)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from revier.monitor import weighting
from revier.monitor.importing.base import (
    EXAMPLES,
    CheckedWave,
    Codebook,
    ImportCheck,
    ImportProblem,
    Report,
    WaveFiles,
    decimal,
    file_name,
    normalise,
    number_text,
    quoted,
    rows_text,
)
from revier.monitor.importing.codebook import DEMOGRAPHICS, read_codebook
from revier.monitor.importing.files import read_table
from revier.monitor.importing.margins import read_margins, resolve_scheme

MAX_MICRODATA_BYTES = 50 * 1024 * 1024
# Every respondent needs these; the weighting scheme's variables come on top.
REQUIRED_COLUMNS = ("resp_id", "district_code", "sex", "age_group", "education")
RESP_ID_LENGTH = 40

# The first two digits of a district key (AGS) are its state's key: the fallback when neither the
# codebook nor the microdata name the state of a district.
STATES_BY_KEY = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen", "05": "Nordrhein-Westfalen",
    "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg", "09": "Bayern", "10": "Saarland",
    "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

# ---------------------------------------------------------------------------------------------------
# Microdata


def _normalised(values) -> list:
    """``normalise`` of every value, each distinct value once."""
    mapping = {raw: normalise(raw) for raw in set(values)}
    return [mapping[raw] for raw in values]


def _check_codes(values: list, *, column: str, file: str, allowed: Mapping[str, str], rows: list[int],
                 report: Report, required: bool) -> list:
    """The column's codes normalised (None for empty); problems for empty (when required), non-numeric,
    out-of-range and unlabelled codes, each with its count and first rows."""
    mapping = {raw: normalise(raw) for raw in set(values)}
    if any(raw != normalised for raw, normalised in mapping.items()):
        values = [mapping[raw] for raw in values]
    distinct = set(mapping.values())
    numeric = [int(c) for c in allowed if re.fullmatch(r"-?\d+", c)]
    low, high = (min(numeric), max(numeric)) if numeric else (None, None)
    bad = {"empty": set(), "non_numeric": set(), "out_of_range": set(), "unknown_code": set()}
    for value in distinct:
        if value is None:
            if required:
                bad["empty"].add(None)
        elif value in allowed:
            continue
        elif not re.fullmatch(r"-?\d+", value):
            bad["non_numeric"].add(value)
        elif low is not None and not low <= int(value) <= high:
            bad["out_of_range"].add(value)
        else:
            bad["unknown_code"].add(value)
    listed = ", ".join(list(allowed)[:12]) + (" …" if len(allowed) > 12 else "")
    for kind, found in bad.items():
        if not found:
            continue
        where = [rows[i] for i, value in enumerate(values) if value in found]
        count = len(where)
        examples = ", ".join(quoted(value) for value in sorted(v for v in found if v is not None)[:EXAMPLES])
        params = {"file": file, "column": column, "count": number_text(count), "rows": rows_text(where, count),
                  "examples": examples, "allowed": listed, "low": low, "high": high}
        if kind == "empty":
            message = ngettext(
                "In %(file)s, column %(column)s is empty in %(count)s row (row %(rows)s). Every respondent needs a value.",
                "In %(file)s, column %(column)s is empty in %(count)s rows (rows %(rows)s). Every respondent needs a value.",
                count) % params
            kind = "empty_value"
        elif kind == "non_numeric":
            message = ngettext(
                "In %(file)s, column %(column)s has %(count)s value that is no code number (%(examples)s, row %(rows)s). "
                "Please use the codes of the codebook (%(allowed)s).",
                "In %(file)s, column %(column)s has %(count)s values that are no code numbers (%(examples)s, rows %(rows)s). "
                "Please use the codes of the codebook (%(allowed)s).",
                count) % params
        elif kind == "out_of_range":
            message = ngettext(
                "In %(file)s, column %(column)s has %(count)s value outside %(low)s to %(high)s (%(examples)s, row %(rows)s). "
                "Please correct it or add the code to the codebook.",
                "In %(file)s, column %(column)s has %(count)s values outside %(low)s to %(high)s (%(examples)s, rows %(rows)s). "
                "Please correct them or add the codes to the codebook.",
                count) % params
        else:
            message = ngettext(
                "In %(file)s, column %(column)s has %(count)s code that is not in the codebook (%(examples)s, row %(rows)s; "
                "known: %(allowed)s). Please correct it or add the code to the codebook.",
                "In %(file)s, column %(column)s has %(count)s codes that are not in the codebook (%(examples)s, rows %(rows)s; "
                "known: %(allowed)s). Please correct them or add the codes to the codebook.",
                count) % params
        report.add(kind, message)
    return values


def _state_map(codebook: Codebook, file: str, state_column, districts: list, report: Report) -> dict[str, str]:
    """Each district's state: the codebook's ``state.values_by_district``, else the microdata's ``state``
    column (its codes labelled by the codebook's ``state`` values, or names), else the state key of the AGS."""
    present = sorted({d for d in districts if d is not None})
    states = {}
    if codebook.states_by_district:
        states = {d: codebook.states_by_district[d] for d in present if d in codebook.states_by_district}
    elif state_column is not None:
        seen: dict[str, set[str]] = {}
        for district, state in set(zip(districts, _normalised(state_column))):
            if district is not None and state is not None:
                seen.setdefault(district, set()).add(codebook.state_labels.get(state, state))
        for district, names in seen.items():
            if len(names) > 1:
                report.add("state", _(
                    "In %(file)s, the district %(district)s lies in several states (%(states)s, column state). "
                    "Please correct the column."
                ) % {"file": file, "district": district, "states": ", ".join(sorted(names))})
            states[district] = sorted(names)[0][:60]
    for district in present:
        if district not in states and len(district) >= 2 and district[:2] in STATES_BY_KEY:
            states[district] = STATES_BY_KEY[district[:2]]
    unknown = [d for d in present if d not in states]
    if unknown:
        report.add("state", _(
            "The state of the district(s) %(districts)s is unknown. Please give it in the codebook "
            "(state → values_by_district) or in a column state of the microdata."
        ) % {"districts": ", ".join(unknown[:EXAMPLES])})
    return states


def _weighting_report(result: weighting.Weighting, scheme_name: str, scheme: tuple[str, ...]) -> dict:
    report = result.report
    return {
        "scheme": scheme_name, "margins": list(scheme), "method": report.method, "sweeps": report.iterations,
        "tolerance": report.tolerance,
        "bounds": [report.bounds.lower, report.bounds.upper] if report.bounds else None,
        "weight_min": report.weight_min, "weight_max": report.weight_max,
        "weights_at_lower": report.weights_at_lower, "weights_at_upper": report.weights_at_upper,
        "n_eff": report.n_eff, "deff": report.deff_kish,
        "fit": {fit.margin: fit.max_relative_deviation for fit in report.margins},
    }


def _margin_problem(problem: weighting.MarginProblem, file: str) -> ImportProblem:
    message = f"{file}: {problem.message}"
    if problem.kind == "uncovered" and problem.cell:
        message += " " + _("Please add the cell to the margins file or correct the microdata.")
    return ImportProblem(kind=problem.kind, message=message)


def read_wave(*, year: int, files: WaveFiles, scheme: Sequence[str], bounds: tuple[float, float] = (0.2, 5.0),
              progress: Callable[[int, str], None] | None = None) -> CheckedWave:
    """Reads and checks the three files of a wave and weights it; writes nothing. The result's ``check``
    lists every problem; when it is ok, the result holds what ``services.wave_import`` stores."""
    report = Report()
    say = progress or (lambda percent, text: None)

    def done(**kwargs) -> CheckedWave:
        check = ImportCheck(problems=report.result(), n=kwargs.pop("n", 0), questions=kwargs.pop("questions", ()),
                            weighting=kwargs.pop("weighting_report", None), notes=tuple(report.notes))
        return CheckedWave(check=check, year=year, **kwargs)

    say(5, _("Reading the files"))
    codebook = read_codebook(files.codebook, report)
    margins = read_margins(files.margins, report)
    table = read_table(files.microdata, report, MAX_MICRODATA_BYTES)
    scheme_name, scheme_margins = "", ()
    if margins is not None:
        scheme_name, scheme_margins = resolve_scheme(scheme, margins, file_name(files.margins), report)
    try:
        scheme_bounds = weighting.Bounds(float(bounds[0]), float(bounds[1]))
    except (ValueError, TypeError, IndexError):
        report.add("bounds", _(
            "The weight bounds %(bounds)s are not possible: the lower bound must lie between 0 and 1, the upper "
            "above 1 (e.g. 0.2 and 5)."
        ) % {"bounds": ", ".join(str(b) for b in bounds) if isinstance(bounds, Sequence) else str(bounds)})
        scheme_bounds = None
    if table is None:
        return done()
    file = table.name
    question_codes = tuple(q.code for q in codebook.questions) if codebook else ()

    say(20, _("Checking the values"))
    scheme_variables = []
    if margins is not None:
        for name in scheme_margins:
            for variable in margins.margins[name].variables if name in margins.margins else ():
                if variable not in scheme_variables:
                    scheme_variables.append(variable)
    required = list(REQUIRED_COLUMNS) + [v for v in scheme_variables if v not in REQUIRED_COLUMNS]
    missing = [column for column in required if column not in table.header]
    if missing:
        report.add("missing_column", ngettext(
            "The microdata %(file)s lack the column %(columns)s. Please add it (required: %(required)s).",
            "The microdata %(file)s lack the columns %(columns)s. Please add them (required: %(required)s).",
            len(missing),
        ) % {"file": file, "columns": ", ".join(missing), "required": ", ".join(required)})
    missing_questions = [code_ for code_ in question_codes if code_ not in table.header]
    if missing_questions:
        report.add("missing_column", ngettext(
            "The codebook lists the question %(columns)s, which has no column in %(file)s. Please add the column or "
            "remove the question from the codebook.",
            "The codebook lists the questions %(columns)s, which have no column in %(file)s. Please add the columns or "
            "remove the questions from the codebook.",
            len(missing_questions),
        ) % {"file": file, "columns": ", ".join(missing_questions[:EXAMPLES]) + (" …" if len(missing_questions) > EXAMPLES else "")})

    # Rows of the wave: a column "wave" selects them (a file may hold several waves); without it, all rows.
    keep = list(range(len(table.rows)))
    if "wave" in table.header:
        j = table.header.index("wave")
        waves = _normalised([row[j] for row in table.rows])
        wanted = str(year)
        not_years = [i for i, value in enumerate(waves) if value is None or not re.fullmatch(r"\d{4}", value)]
        if not_years:
            report.add("wave", ngettext(
                "In %(file)s, column wave has %(count)s value that is no year (row %(rows)s). Please write the "
                "wave's year, e.g. %(year)s.",
                "In %(file)s, column wave has %(count)s values that are no year (rows %(rows)s). Please write the "
                "wave's year, e.g. %(year)s.",
                len(not_years),
            ) % {"file": file, "count": number_text(len(not_years)), "rows": rows_text([table.numbers[i] for i in not_years], len(not_years)), "year": year})
        keep = [i for i, value in enumerate(waves) if value == wanted]
        others = Counter(value for value in waves if value != wanted and value is not None and re.fullmatch(r"\d{4}", value))
        if table.rows and not keep and not not_years:
            report.add("wave", _(
                "The microdata %(file)s contain no row of the wave %(year)s (column wave: %(found)s). Please choose "
                "the right file or year."
            ) % {"file": file, "year": year, "found": ", ".join(sorted(others)) or "–"})
        elif others:
            report.notes.append(ngettext(
                "%(count)s row of other waves (%(years)s) in %(file)s is not imported.",
                "%(count)s rows of other waves (%(years)s) in %(file)s are not imported.",
                sum(others.values()),
            ) % {"count": number_text(sum(others.values())), "years": ", ".join(sorted(others)), "file": file})
    if not table.rows:
        report.add("empty_file", _("The microdata %(file)s contain only the header, no respondent.") % {"file": file})
    numbers = [table.numbers[i] for i in keep]
    kept = table.rows if len(keep) == len(table.rows) else [table.rows[i] for i in keep]
    columns = dict(zip(table.header, zip(*kept))) if kept else {}
    if missing or missing_questions or not keep or codebook is None:
        return done(n=len(keep), questions=question_codes)

    resp_ids = [value.strip() for value in columns["resp_id"]]
    empty_ids = [numbers[i] for i, value in enumerate(resp_ids) if not value]
    if empty_ids:
        report.add("empty_value", ngettext(
            "In %(file)s, resp_id is empty in %(count)s row (row %(rows)s). Every respondent needs an id.",
            "In %(file)s, resp_id is empty in %(count)s rows (rows %(rows)s). Every respondent needs an id.",
            len(empty_ids),
        ) % {"file": file, "count": number_text(len(empty_ids)), "rows": rows_text(empty_ids, len(empty_ids))})
    long_ids = [numbers[i] for i, value in enumerate(resp_ids) if len(value) > RESP_ID_LENGTH]
    if long_ids:
        report.add("too_long", _(
            "In %(file)s, resp_id is longer than %(limit)s characters in row %(rows)s. Please shorten the ids."
        ) % {"file": file, "limit": RESP_ID_LENGTH, "rows": rows_text(long_ids, len(long_ids))})
    counts = Counter(resp_ids)
    duplicates = [value for value, count in counts.items() if count > 1 and value]
    if duplicates:
        first = duplicates[0]
        rows_of_first = [numbers[i] for i, value in enumerate(resp_ids) if value == first]
        report.add("duplicate_id", ngettext(
            "In %(file)s, %(count)s resp_id appears more than once: %(id)s in rows %(rows)s. Every respondent needs "
            "an id of their own.",
            "In %(file)s, %(count)s resp_ids appear more than once, e.g. %(id)s in rows %(rows)s. Every respondent "
            "needs an id of their own.",
            len(duplicates),
        ) % {"file": file, "count": number_text(len(duplicates)), "id": quoted(first), "rows": rows_text(rows_of_first, len(rows_of_first))})

    characteristics = {}
    for variable in required[1:]:
        allowed = codebook.variables.get(variable, {}).get("values") or {}
        if not allowed:
            if variable not in DEMOGRAPHICS:  # the codebook check named the demographic ones already
                report.add("codebook", _(
                    "The codebook has no codes with labels („values“) for the weighting variable %(name)s. Please add them."
                ) % {"name": variable})
            continue
        characteristics[variable] = _check_codes(columns[variable], column=variable, file=file, allowed=allowed,
                                                 rows=numbers, report=report, required=True)
    answers = {}
    for question in codebook.questions:
        answers[question.code] = _check_codes(columns[question.code], column=question.code, file=file,
                                              allowed=question.answer_labels, rows=numbers, report=report, required=False)
    states = _state_map(codebook, file, columns.get("state"), characteristics.get("district_code", []), report) \
        if "district_code" in characteristics else {}
    if report.problems or margins is None or scheme_bounds is None:
        return done(n=len(keep), questions=question_codes)

    # Margins against the respondents (margin_problems: empty cells, uncovered respondents, totals), then weighting.
    margins_file = file_name(files.margins)
    unknown_cells = []
    for name in scheme_margins:
        margin = margins.margins[name]
        for cell in margin.populations:
            for variable, value in zip(margin.variables, cell):
                labels = codebook.variables.get(variable, {}).get("values") or {}
                if value not in labels:
                    unknown_cells.append((name, variable, value))
    for name, variable, value in unknown_cells[:EXAMPLES]:
        report.add("unknown_code", _(
            "In %(file)s, the margin %(margin)s has a cell with %(variable)s = %(value)s, a code the codebook does not "
            "know. Please correct the margins file or the codebook."
        ) % {"file": margins_file, "margin": name, "variable": variable, "value": quoted(value)})
    if report.problems:
        return done(n=len(keep), questions=question_codes)
    say(40, _("Weighting"))
    sample = weighting.Sample.from_columns({variable: characteristics[variable] for variable in scheme_variables})
    scheme_list = [margins.margins[name] for name in scheme_margins]
    for problem in weighting.margin_problems(sample, scheme_list):
        report.problems.append(_margin_problem(problem, margins_file))
    if report.problems:
        return done(n=len(keep), questions=question_codes)
    try:
        result = weighting.weight_wave(sample, margins.margins, weighting.Scheme(scheme_name, scheme_margins, scheme_bounds))
    except weighting.MarginsInvalid as error:
        for problem in error.problems:
            report.problems.append(_margin_problem(problem, margins_file))
        return done(n=len(keep), questions=question_codes)
    except weighting.WeightingError as error:
        kind = "infeasible" if isinstance(error, weighting.WeightingInfeasible) else "not_converged"
        cells = error.problems[:10]
        intro = _(
            "The weighting scheme %(scheme)s cannot be met with weights between %(lower)s and %(upper)s:"
        ) % {"scheme": scheme_name, "lower": decimal(scheme_bounds.lower), "upper": decimal(scheme_bounds.upper)}
        for number, problem in enumerate(cells):
            message = problem.message if number else f"{intro} {problem.message}"
            if number == len(cells) - 1:
                if len(error.problems) > len(cells):
                    message += " " + ngettext("(%(count)s more cell.)", "(%(count)s more cells.)",
                                              len(error.problems) - len(cells)) % {"count": len(error.problems) - len(cells)}
                message += " " + error.advice
            report.add(kind, message)
        return done(n=len(keep), questions=question_codes)

    say(60, _("Weighting done"))
    state_column = tuple(states.get(d) for d in characteristics["district_code"])
    stored = {variable: tuple(values) for variable, values in characteristics.items()}
    stored["state"] = state_column
    district_labels = codebook.variables["district_code"]["values"]
    regions = {d: (district_labels.get(d, d)[:120], states[d]) for d in sorted(set(characteristics["district_code"]))}
    return done(
        n=len(keep), questions=question_codes, weighting_report=_weighting_report(result, scheme_name, scheme_margins),
        codebook=codebook, margins=margins.margins, margins_source=codebook.margins_source or margins.source,
        scheme_name=scheme_name, scheme=scheme_margins, bounds=(scheme_bounds.lower, scheme_bounds.upper),
        resp_ids=tuple(resp_ids), characteristics=stored,
        answers={code_: tuple(values) for code_, values in answers.items()}, regions=regions, weights=result.weights,
    )


def wave_check(*, year: int, files: WaveFiles, scheme: Sequence[str], bounds: tuple[float, float] = (0.2, 5.0),
               progress: Callable[[int, str], None] | None = None) -> ImportCheck:
    """Reads, validates and weights a wave; writes nothing. ``ok`` when it can be imported as it is."""
    return read_wave(year=year, files=files, scheme=scheme, bounds=bounds, progress=progress).check
