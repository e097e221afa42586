"""Reads of the Monitor's staff area: surveys with their waves, the uploads, and an upload's report
made ready for its page (problems grouped by kind, the weighting's summary)."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from revier.monitor.models import ImportRun, Survey, Wave

RECENT_RUNS = 20
_FILES = ("microdata", "codebook", "margins")

# The German heading of each kind of problem (importing.ImportProblem.kind); other kinds show
# under "Other problems".
PROBLEM_KINDS = {
    "encoding": _("Encoding"),
    "delimiter": _("Delimiter"),
    "format": _("File format"),
    "empty_file": _("Empty files"),
    "too_large": _("Files or values too large"),
    "too_long": _("Values too long"),
    "codebook": _("Codebook"),
    "missing_column": _("Missing columns"),
    "duplicate_column": _("Duplicate columns"),
    "wave": _("Wave column"),
    "duplicate_id": _("Duplicate respondent ids"),
    "empty_value": _("Empty values"),
    "non_numeric": _("Values that are not numbers"),
    "unknown_code": _("Codes not in the codebook"),
    "state": _("Federal states"),
    "margin_cells": _("Margin cells"),
    "totals_differ": _("Margins that do not add up to the same total"),
    "empty_cell": _("Margin cells without respondents"),
    "uncovered": _("Respondents in no margin cell"),
    "unknown_margin": _("Margins not in the margins file"),
    "scheme": _("Weighting scheme"),
    "bounds": _("Weight bounds"),
    "infeasible": _("Weighting not possible within the bounds"),
    "not_met": _("Margins not met"),
    "wave_exists": _("Wave exists already"),
    "survey_exists": _("Survey exists already"),
    "too_many": _("Problems not listed"),
}
OTHER_KIND = _("Other problems")


def import_run_get(*, pk: int) -> ImportRun | None:
    """An upload without its files' content (the page never needs it)."""
    return (ImportRun.objects.select_related("survey", "created_by", "wave").defer(*_FILES).filter(pk=pk).first())


def import_runs_recent(*, limit: int = RECENT_RUNS) -> list[ImportRun]:
    """The newest uploads, the running ones first; one query."""
    return list(ImportRun.objects.select_related("survey", "created_by", "wave").defer(*_FILES)
                .order_by("-created_at", "-id")[:limit])


def surveys_with_waves() -> list[Survey]:
    """Every survey with its waves, newest year first; two queries."""
    waves = Wave.objects.order_by("-year").only(
        "id", "survey_id", "year", "status", "n", "imported_at", "bound_lower", "bound_upper")
    return list(Survey.objects.order_by("position", "name").prefetch_related(Prefetch("waves", queryset=waves)))


@dataclass(frozen=True)
class ProblemGroup:
    kind: str
    label: str
    count: int  # all problems of this kind found
    messages: tuple[str, ...]  # those kept in the report (at most import_runs.PROBLEMS_PER_KIND)

    @property
    def more(self) -> int:
        return self.count - len(self.messages)


@dataclass(frozen=True)
class MarginFit:
    margin: str
    deviation: str  # the largest relative deviation of a cell from its target, as German text ("< 0,01 %")


@dataclass(frozen=True)
class WeightingSummary:
    """importing.ImportCheck.weighting for the page; numbers as reported (None where missing)."""

    scheme: str
    margins: tuple[str, ...]
    bounds: tuple | None
    sweeps: int | None
    weight_min: float | None
    weight_max: float | None
    weights_at_lower: int | None
    weights_at_upper: int | None
    n_eff: float | None
    deff: float | None
    fit: tuple[MarginFit, ...]


@dataclass(frozen=True)
class ReportView:
    ok: bool
    n: int
    questions: tuple[str, ...]
    problem_count: int
    groups: tuple[ProblemGroup, ...]
    weighting: WeightingSummary | None
    notes: tuple[str, ...] = ()


def report_view(run: ImportRun) -> ReportView | None:
    """The run's stored report grouped for the page; None while there is none."""
    report = run.report if isinstance(run.report, dict) else {}
    if not report:
        return None
    counts = report.get("counts") if isinstance(report.get("counts"), dict) else {}
    by_kind: dict[str, list[str]] = {}
    for problem in run.problems:
        by_kind.setdefault(str(problem.get("kind", "")), []).append(str(problem.get("message", "")))
    kinds = list(dict.fromkeys([*by_kind, *counts]))
    order = list(PROBLEM_KINDS)
    kinds.sort(key=lambda kind: order.index(kind) if kind in order else len(order))
    groups = tuple(
        ProblemGroup(kind=kind, label=str(PROBLEM_KINDS.get(kind, OTHER_KIND)),
                     count=max(int(counts.get(kind, 0) or 0), len(by_kind.get(kind, ()))),
                     messages=tuple(by_kind.get(kind, ())))
        for kind in kinds
    )
    return ReportView(
        ok=not groups,
        n=int(report.get("n") or 0),
        questions=tuple(str(q) for q in report.get("questions") or ()),
        problem_count=sum(group.count for group in groups),
        groups=groups,
        weighting=_weighting(report.get("weighting")),
        notes=tuple(str(note) for note in report.get("notes") or ()),
    )


def _number(value, kind=float):
    return kind(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _deviation(value) -> str:
    value = _number(value)
    if value is None:
        return "–"
    if abs(value) < 0.0001:
        return "< 0,01 %"
    return f"{value * 100:.2f} %".replace(".", ",")


def _weighting(data) -> WeightingSummary | None:
    if not isinstance(data, dict) or not data:
        return None
    fit = data.get("fit") if isinstance(data.get("fit"), dict) else {}
    bounds = data.get("bounds")
    return WeightingSummary(
        scheme=str(data.get("scheme") or ""),
        margins=tuple(str(m) for m in data.get("margins") or ()),
        bounds=tuple(bounds) if isinstance(bounds, list) and len(bounds) == 2 else None,
        sweeps=_number(data.get("sweeps"), int),
        weight_min=_number(data.get("weight_min")),
        weight_max=_number(data.get("weight_max")),
        weights_at_lower=_number(data.get("weights_at_lower"), int),
        weights_at_upper=_number(data.get("weights_at_upper"), int),
        n_eff=_number(data.get("n_eff")),
        deff=_number(data.get("deff")),
        fit=tuple(MarginFit(margin=str(name), deviation=_deviation(value)) for name, value in fit.items()),
    )
