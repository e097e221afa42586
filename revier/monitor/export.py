"""The Monitor's CSV exports (docs/monitor.md, "Austauschformat"): a wave's weights and estimates for
staff and analysts, and the public figures of one question over its published waves.

CSV with comma, "." as decimal point, UTF-8 and CRLF line ends (RFC 4180), for statistics software;
numbers with full precision (``repr``), no value left out but the suppressed ones of the public file.
Text cells that a spreadsheet would read as a formula (= + - @ at the start) are neutralised as in
``core.export``."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from revier.core.export import safe_cell
from revier.monitor.models import GROUP_VARS, Estimate, Question, Region, Respondent, Wave

WEIGHTS_COLUMNS = ("resp_id", "weight")
ESTIMATES_COLUMNS = ("question", "group_var", "group_value", "n", "sum_w", "p_unweighted", "p", "n_eff", "deff_kish",
                     "wilson_lo", "wilson_hi")
QUESTION_COLUMNS = ("survey", "question", "year", "group_var", "group_value", "group_label", "n", "suppressed", "p",
                    "wilson_lo", "wilson_hi", "n_eff", "deff_kish")
GROUP_ORDER = {name: i for i, name in enumerate(("all", *GROUP_VARS))}


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _write(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _estimate_order(estimate: Estimate):
    """Groups in the order of GROUP_VARS ("all" first), values as numbers where they are numbers (as
    weighting.estimates orders them)."""
    value = estimate.group_value
    try:
        value_key = (0, float(value), value)
    except ValueError:
        value_key = (1, 0.0, value)
    return (GROUP_ORDER.get(estimate.group_var, len(GROUP_ORDER)), estimate.group_var, value_key)


def weights_csv(wave: Wave) -> str:
    """weights.csv: ``resp_id``, ``weight`` of every respondent of the wave, in the order of the import."""
    rows = Respondent.objects.filter(wave=wave).order_by("pk").values_list("resp_id", "weight")
    return _write(WEIGHTS_COLUMNS, ((safe_cell(resp_id), _number(weight)) for resp_id, weight in rows.iterator(chunk_size=5000)))


def estimates_csv(wave: Wave) -> str:
    """estimates.csv: every stored estimate of the wave (question, group_var – all, district_code, state,
    sex, age_group, education –, group_value, n, sum_w, p_unweighted, p, n_eff, deff_kish, wilson_lo,
    wilson_hi), questions in their order, groups in the order of GROUP_VARS."""
    estimates = sorted(
        Estimate.objects.filter(wave=wave).select_related("question"),
        key=lambda e: (e.question.position, e.question.code, *_estimate_order(e)),
    )
    return _write(ESTIMATES_COLUMNS, (
        (safe_cell(e.question.code), e.group_var, safe_cell(e.group_value), _number(e.n), _number(e.sum_w),
         _number(e.p_unweighted), _number(e.p), _number(e.n_eff), _number(e.deff_kish), _number(e.wilson_lo),
         _number(e.wilson_hi))
        for e in estimates
    ))


def question_csv(question: Question) -> str:
    """The public figures of one question: every published wave (oldest first), overall and by every
    group, with the unweighted n, the weighted top-box share with its 95 % interval, n_eff, the design
    effect and each answer's weighted share of all answers (``share_<code>``). No weights. A cell with
    fewer valid answers than the wave's minimum (``min_cell``) is marked ``suppressed`` = 1 and its
    figures are left blank."""
    codes = list(question.answer_labels)
    estimates = sorted(
        Estimate.objects.filter(question=question, wave__status=Wave.Status.PUBLISHED).select_related("wave"),
        key=lambda e: (e.wave.year, *_estimate_order(e)),
    )
    districts = {}
    if any(e.group_var == "district_code" for e in estimates):
        districts = dict(Region.objects.filter(code__in={e.group_value for e in estimates if e.group_var == "district_code"})
                         .values_list("code", "name"))
    everyone = _("All respondents")
    rows = []
    for e in estimates:
        if e.group_var == "all":
            label = everyone
        elif e.group_var == "district_code":
            label = districts.get(e.group_value, e.group_value)
        else:
            label = (e.wave.variable_labels.get(e.group_var, {}).get("values") or {}).get(e.group_value, e.group_value)
        suppressed = e.n < e.wave.min_cell
        figures = ("", "", "", "", "") if suppressed else (
            _number(e.p), _number(e.wilson_lo), _number(e.wilson_hi), _number(e.n_eff), _number(e.deff_kish))
        shares = ["" if suppressed or code not in e.distribution else _number(e.distribution[code][1]) for code in codes]
        rows.append((safe_cell(question.survey.slug), safe_cell(question.code), _number(e.wave.year), e.group_var,
                     safe_cell(e.group_value), safe_cell(label), _number(e.n), _number(suppressed), *figures, *shares))
    return _write((*QUESTION_COLUMNS, *(f"share_{code}" for code in codes)), rows)
