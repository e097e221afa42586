"""codebook.json: variables with their labels and codes, questions with wording, scale, top-box and
missing codes, and the wave's field periods, mode and universe (docs/monitor.md, "Austauschformat")."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from revier.monitor.importing.base import (
    Codebook,
    QuestionSpec,
    Report,
    UploadedFile,
    clean_text,
    file_name,
    german_date,
    normalise,
    quoted,
)
from revier.monitor.importing.files import read_json

DEMOGRAPHICS = ("district_code", "sex", "age_group", "education")
QUESTION_CODE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")

def _labels(values, *, where: str, report: Report, file: str) -> dict[str, str] | None:
    if not isinstance(values, Mapping):
        report.add("codebook", _(
            "In %(file)s, %(where)s needs „values“ as an object {code: label}. Please complete the codebook."
        ) % {"file": file, "where": where})
        return None
    labels = {}
    for key, label in values.items():
        key = normalise(key)
        if key is None:
            report.add("codebook", _("In %(file)s, %(where)s has an empty code. Please correct the codebook.") % {"file": file, "where": where})
            return None
        labels[key] = clean_text(label, 200)
    return labels


# ---------------------------------------------------------------------------------------------------
# Codebook


def _date(value, *, file: str, year: str, report: Report) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        report.add("codebook", _(
            "In %(file)s, the field period of %(year)s has the date %(value)s; dates are written as YYYY-MM-DD. "
            "Please correct it."
        ) % {"file": file, "year": year, "value": quoted(str(value))})
        return None


def _codes_list(value, *, key: str, where: str, file: str, report: Report) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list) or any(normalise(v) is None for v in value if not isinstance(v, (dict, list))) \
            or any(isinstance(v, (dict, list)) for v in value):
        report.add("codebook", _(
            "In %(file)s, %(where)s has „%(key)s“ that is no list of codes. Please write it as e.g. [1, 2]."
        ) % {"file": file, "where": where, "key": key})
        return None
    return tuple(normalise(v) for v in value)


def _margins_source(data: Mapping) -> str:
    source = clean_text(data.get("margins_source"))
    date = german_date(data.get("reference_date"))
    if source and date and date not in source:
        source += " " + _("(reference date %(date)s)") % {"date": date}
    return source


def read_codebook(upload: UploadedFile, report: Report) -> Codebook | None:
    file = file_name(upload)
    data = read_json(upload, report)
    if data is None:
        return None
    if not isinstance(data, dict):
        report.add("codebook", _("The codebook %(file)s must be a JSON object with „variables“ and „questions“.") % {"file": file})
        return None
    start = len(report.problems)
    variables_in = data.get("variables") or {}
    if not isinstance(variables_in, Mapping):
        report.add("codebook", _("In %(file)s, „variables“ must be an object {name: {label, values}}.") % {"file": file})
        variables_in = {}
    variables: dict[str, dict] = {}
    for name, spec in variables_in.items():
        spec = spec if isinstance(spec, Mapping) else {}
        entry = {"label": clean_text(spec.get("label"), 200), "values": {}}
        if "values" in spec:
            labels = _labels(spec["values"], where=_("the variable %(name)s") % {"name": name}, report=report, file=file)
            entry["values"] = labels or {}
        variables[str(name)] = entry
    for name in DEMOGRAPHICS:
        if not variables.get(name, {}).get("values"):
            report.add("codebook", _(
                "The codebook %(file)s has no codes with labels („values“) for the variable %(name)s. "
                "Please add them: the results are shown by these groups."
            ) % {"file": file, "name": name})
    for code_, label in variables.get("district_code", {}).get("values", {}).items():
        if len(code_) > 8 or len(label) > 120:
            report.add("codebook", _(
                "In %(file)s, the district %(code)s has a key longer than 8 characters or a name longer than 120. "
                "Please use the official district key (AGS)."
            ) % {"file": file, "code": quoted(code_)})
    state_spec = variables_in.get("state") if isinstance(variables_in.get("state"), Mapping) else {}
    states_by_district = {}
    if isinstance(state_spec.get("values_by_district"), Mapping):
        states_by_district = {normalise(k): clean_text(v, 60) for k, v in state_spec["values_by_district"].items() if normalise(k)}
    state_labels = variables.get("state", {}).get("values", {})

    periods_in = data.get("field_periods") or {}
    periods = {}
    if isinstance(periods_in, Mapping):
        for year, span in periods_in.items():
            span = span if isinstance(span, list | tuple) else [span]
            start_date = _date(span[0] if span else None, file=file, year=str(year), report=report)
            end_date = _date(span[1] if len(span) > 1 else None, file=file, year=str(year), report=report)
            periods[str(year).strip()] = (start_date, end_date)

    questions_in = data.get("questions")
    if isinstance(questions_in, Mapping):
        questions_in = [{"id": key, **value} if isinstance(value, Mapping) else {"id": key} for key, value in questions_in.items()]
    if not isinstance(questions_in, list) or not questions_in:
        report.add("codebook", _("The codebook %(file)s lists no questions („questions“). Please add them.") % {"file": file})
        questions_in = []
    questions, seen = [], set()
    for position, spec in enumerate(questions_in, start=1):
        if not isinstance(spec, Mapping):
            report.add("codebook", _("In %(file)s, question no. %(number)s is no object. Please correct the codebook.") % {"file": file, "number": position})
            continue
        code_ = clean_text(spec.get("id") or spec.get("code"))
        if not QUESTION_CODE.match(code_):
            report.add("codebook", _(
                "In %(file)s, question no. %(number)s has the code %(code)s; a question's code consists of at most "
                "60 letters, digits, _ and - (it is its column in the microdata and part of its address)."
            ) % {"file": file, "number": position, "code": quoted(code_)})
            continue
        if code_ in seen:
            report.add("codebook", _("In %(file)s, the question %(code)s is listed twice. Please keep one.") % {"file": file, "code": code_})
            continue
        seen.add(code_)
        where = _("the question %(code)s") % {"code": code_}
        wording = clean_text(spec.get("text") or spec.get("wording"))
        if not wording:
            report.add("codebook", _("In %(file)s, %(where)s has no wording („text“). Please add it.") % {"file": file, "where": where})
        labels = _labels(spec.get("values"), where=where, report=report, file=file)
        top = _codes_list(spec.get("top_box_codes", spec.get("top2_codes")), key="top_box_codes", where=where,
                          file=file, report=report)
        missing = _codes_list(spec.get("missing_codes"), key="missing_codes", where=where, file=file, report=report)
        if labels is None or top is None or missing is None:
            continue
        if not top:
            report.add("codebook", _(
                "In %(file)s, %(where)s names no top-box codes („top_box_codes“, the answers that count as "
                "agreement). Please add them, e.g. [1, 2]."
            ) % {"file": file, "where": where})
        unlabelled = [c for c in (*top, *missing) if c not in labels]
        if unlabelled:
            report.add("codebook", _(
                "In %(file)s, %(where)s counts the codes %(codes)s as top box or missing, but they are not among its "
                "„values“. Please correct the codebook."
            ) % {"file": file, "where": where, "codes": ", ".join(unlabelled)})
        both = sorted(set(top) & set(missing))
        if both:
            report.add("codebook", _(
                "In %(file)s, %(where)s counts the codes %(codes)s both as top box and as missing. Please decide."
            ) % {"file": file, "where": where, "codes": ", ".join(both)})
        scale = spec.get("scale")
        if scale in (None, "") and spec.get("scale_points") not in (None, ""):
            scale = _("%(points)s-point scale") % {"points": clean_text(spec.get("scale_points"))}
        short = clean_text(spec.get("short") or spec.get("short_label"))
        top_label = clean_text(spec.get("top_box_label") or spec.get("top2_label"))
        if len(short) > 120 or len(top_label) > 120 or len(clean_text(scale)) > 60:
            report.add("codebook", _(
                "In %(file)s, %(where)s has a short label or top-box label longer than 120 characters or a scale "
                "longer than 60. Please shorten them."
            ) % {"file": file, "where": where})
        headline = spec.get("headline_position")
        comparable = spec.get("comparable")
        questions.append(QuestionSpec(
            code=code_, wording=wording, short_label=short[:120], scale=clean_text(scale)[:60], answer_labels=labels,
            top_box_codes=top, top_box_label=top_label[:120], missing_codes=missing,
            comparable=comparable if isinstance(comparable, bool) else None,
            headline_position=headline if type(headline) is int and headline >= 0 else None,
            topic=clean_text(spec.get("topic"), 80),
        ))
    if len(report.problems) > start:
        return None
    return Codebook(
        title=clean_text(data.get("title"), 200), synthetic=data.get("synthetic") is True,
        universe=clean_text(data.get("universe")), mode=clean_text(data.get("mode"), 200), quotas=clean_text(data.get("quotas")),
        notes=clean_text(data.get("notes")), margins_source=_margins_source(data),
        field_periods=periods, variables=variables, states_by_district=states_by_district,
        state_labels=state_labels, questions=tuple(questions),
    )

