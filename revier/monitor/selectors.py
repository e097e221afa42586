"""Every read of the Monitor's public pages (issue 11 §3).

Pages read the estimates stored when a wave was weighted (`Estimate` rows), never the respondents:
the number of queries of a page does not depend on the number of respondents nor of waves. Changes
between waves are computed from the stored figures with `weighting.change`.

`include_drafts`: waves not published yet count only for people who manage the Monitor
(`permissions.can_manage_monitor`); for everyone else they do not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from revier.monitor import weighting
from revier.monitor.models import GROUP_VARS, Estimate, Question, Region, Survey, Wave

HEADLINES_WHEN_NONE_CHOSEN = 4
DEFAULT_GROUP = "district_code"

GROUP_LABELS = {
    "all": _("Overall"),
    "district_code": _("District or city"),
    "state": _("Federal state"),
    "sex": _("Sex"),
    "age_group": _("Age group"),
    "education": _("School education"),
}
# Labels of the exchange format's codes of the group variables, for waves whose codebook named none
# (a wave's own labels, Wave.variable_labels, come first); districts are named by the Region table,
# states by their name in the data.
VALUE_LABELS = {
    "sex": {"1": _("Men"), "2": _("Women")},
    "age_group": {
        "1": _("16 to 29 years"), "2": _("30 to 44 years"), "3": _("45 to 59 years"), "4": _("60 to 74 years"),
        "5": _("75 years and older"),
    },
    "education": {"1": _("low"), "2": _("middle"), "3": _("high")},
}
# Only what the pages show: the wave's JSON columns (margins, weighting report) stay in the database.
WAVE_LIST_FIELDS = ("id", "survey_id", "year", "status", "field_start", "field_end", "mode", "n", "min_cell", "variable_labels")
ESTIMATE_FIELDS = (
    "wave_id", "question_id", "group_var", "group_value", "n", "sum_w", "p_unweighted", "p", "n_eff", "deff_kish",
    "wilson_lo", "wilson_hi",
)


# ---------------------------------------------------------------------------------------------------
# Surveys and waves


def wave_visible_q(*, include_drafts: bool) -> Q:
    return Q() if include_drafts else Q(status=Wave.Status.PUBLISHED)


def survey_list(*, include_drafts: bool = False) -> list[Survey]:
    """The surveys with at least one wave the reader may see, in their order."""
    waves = Wave.objects.filter(wave_visible_q(include_drafts=include_drafts), survey=OuterRef("pk"))
    return list(Survey.objects.filter(Exists(waves)))


def survey_get(*, slug: str) -> Survey | None:
    return Survey.objects.filter(slug=slug).first()


def waves_visible(*, survey: Survey, include_drafts: bool = False) -> tuple[Wave, ...]:
    """The survey's waves the reader may see, oldest first (JSON columns left out: `wave_get` has them)."""
    waves = Wave.objects.filter(wave_visible_q(include_drafts=include_drafts), survey=survey)
    return tuple(waves.only(*WAVE_LIST_FIELDS).order_by("year"))


def wave_get(*, survey: Survey, year: int, include_drafts: bool = False) -> Wave | None:
    """One wave with everything the methods page shows, or None if the reader may not see it."""
    return Wave.objects.filter(wave_visible_q(include_drafts=include_drafts), survey=survey, year=year).first()


def region_names() -> dict[str, str]:
    return dict(Region.objects.values_list("code", "name"))


def group_value_label(group_var: str, value: str, *, regions: dict[str, str], labels: dict | None = None) -> str:
    """The German name of a group: the district's name; else the label the wave's codebook gave the
    code (`labels`: Wave.variable_labels), else the exchange format's, else the code itself."""
    if group_var == "all":
        return str(GROUP_LABELS["all"])
    if group_var == "district_code" and value in regions:
        return regions[value]
    variable = (labels or {}).get(group_var)
    label = (variable.get("values") or {}).get(value) if isinstance(variable, dict) else None
    if label is None:
        label = VALUE_LABELS.get(group_var, {}).get(value)
    return str(label) if label is not None else value


def group_vars() -> tuple[tuple[str, str], ...]:
    """(variable, German label) of the groups a question's results can be shown by, in page order."""
    return tuple((var, str(GROUP_LABELS.get(var, var))) for var in GROUP_VARS)


# ---------------------------------------------------------------------------------------------------
# Figures


@dataclass(frozen=True)
class Figure:
    """One stored estimate as the public pages show it: a group's top-box share in one wave."""

    year: int
    group_var: str
    group_value: str
    label: str
    n: int  # valid answers, unweighted
    p: float | None
    lo: float | None
    hi: float | None
    n_eff: float | None
    deff: float | None
    suppressed: bool  # fewer valid answers than the wave's minimum: no share is shown
    estimate: weighting.Estimate

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.p is not None


def figure_from_row(row: Estimate, *, year: int, min_cell: int, label: str) -> Figure:
    estimate = weighting.Estimate(
        group_var=row.group_var, group_value=row.group_value, n=row.n, sum_w=row.sum_w,
        p_unweighted=row.p_unweighted, p=row.p, n_eff=row.n_eff, deff_kish=row.deff_kish,
        wilson_lo=row.wilson_lo, wilson_hi=row.wilson_hi, suppressed=row.n < min_cell,
    )
    return Figure(
        year=year, group_var=row.group_var, group_value=row.group_value, label=label, n=row.n, p=row.p,
        lo=row.wilson_lo, hi=row.wilson_hi, n_eff=row.n_eff, deff=row.deff_kish,
        suppressed=estimate.suppressed or row.p is None, estimate=estimate,
    )


def figure_change(earlier: Figure | None, later: Figure | None) -> weighting.Change | None:
    """The change between two waves' shares with its 95 % interval; None unless both are shown."""
    if earlier is None or later is None or not earlier.shown or not later.shown:
        return None
    return weighting.change(earlier.estimate, later.estimate)


@dataclass(frozen=True)
class TrendRow:
    """One wave of a trend, with the change from the wave before it (None for the first, and when
    either share is not shown)."""

    figure: Figure
    previous_year: int | None
    change: weighting.Change | None


def trend_rows(figures: Sequence[Figure]) -> tuple[TrendRow, ...]:
    rows, previous = [], None
    for figure in figures:
        rows.append(TrendRow(
            figure=figure, previous_year=previous.year if previous else None, change=figure_change(previous, figure)
        ))
        previous = figure
    return tuple(rows)


def _overall_rows(questions: Iterable[Question], waves: Sequence[Wave]) -> QuerySet[Estimate]:
    return Estimate.objects.filter(question__in=list(questions), wave__in=list(waves), group_var="all").only(*ESTIMATE_FIELDS)


# ---------------------------------------------------------------------------------------------------
# A survey's start page


@dataclass(frozen=True)
class Headline:
    """A headline indicator on the start page: the latest wave's share, its change from the wave
    before (if the question is comparable across waves) and the trend over the waves."""

    question: Question
    latest: Figure
    previous: Figure | None
    change: weighting.Change | None
    trend: tuple[Figure, ...]


@dataclass(frozen=True)
class TopicQuestions:
    topic: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class SurveyOverview:
    survey: Survey
    waves: tuple[Wave, ...]  # visible, oldest first
    latest: Wave
    headlines: tuple[Headline, ...]
    topics: tuple[TopicQuestions, ...]


def _questions_with_results(survey: Survey, waves: Sequence[Wave]) -> list[Question]:
    """The survey's questions with a stored result in one of `waves`, in their order, topic joined."""
    results = Estimate.objects.filter(question=OuterRef("pk"), wave__in=list(waves), group_var="all")
    questions = list(
        Question.objects.filter(survey=survey).filter(Exists(results)).select_related("topic").order_by("position", "code")
    )
    for question in questions:
        question.survey = survey  # their addresses name it: no query per question
    return questions


def survey_overview(*, survey: Survey, include_drafts: bool = False) -> SurveyOverview | None:
    """The start page of a survey: headline indicators of its latest wave (the questions with a
    headline position; if none has one, the first four), and every question by topic. None when the
    reader may see no wave of it. Four queries, whatever the number of waves and respondents."""
    waves = waves_visible(survey=survey, include_drafts=include_drafts)
    if not waves:
        return None
    latest = waves[-1]
    questions = _questions_with_results(survey, waves)
    chosen = sorted((q for q in questions if q.headline_position is not None), key=lambda q: (q.headline_position, q.position, q.code))
    if not chosen:
        chosen = questions[:HEADLINES_WHEN_NONE_CHOSEN]
    by_key = {(row.question_id, row.wave_id): row for row in _overall_rows(chosen, waves)}
    headlines = []
    for question in chosen:
        figures = []
        for wave in waves:
            row = by_key.get((question.pk, wave.pk))
            if row is not None:
                figures.append(figure_from_row(row, year=wave.year, min_cell=wave.min_cell, label=str(GROUP_LABELS["all"])))
        if not figures or figures[-1].year != latest.year:
            continue  # not asked in the latest wave: no headline
        latest_figure = figures[-1]
        if question.comparable:
            previous = figures[-2] if len(figures) > 1 else None
            trend = tuple(figures)
        else:
            previous, trend = None, (latest_figure,)
        headlines.append(Headline(
            question=question, latest=latest_figure, previous=previous, change=figure_change(previous, latest_figure), trend=trend,
        ))
    return SurveyOverview(
        survey=survey, waves=waves, latest=latest, headlines=tuple(headlines), topics=_by_topic(questions),
    )


def _by_topic(questions: Sequence[Question]) -> tuple[TopicQuestions, ...]:
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.topic.name if question.topic else "", []).append(question)
    named = [TopicQuestions(topic=name, questions=tuple(items)) for name, items in groups.items() if name]
    if "" in groups:
        named.append(TopicQuestions(topic=str(_("Further questions")) if named else "", questions=tuple(groups[""])))
    return tuple(named)


# ---------------------------------------------------------------------------------------------------
# A question's page


@dataclass(frozen=True)
class AnswerShare:
    """One answer of a question in one wave: its unweighted count and weighted share of all answers
    (missing codes included), and the side it takes in a diverging chart."""

    code: str
    label: str
    n: int
    share: float
    side: str  # "positive" | "neutral" | "negative" | "missing"


def answer_sides(question: Question) -> dict[str, str]:
    """The side of each answer code: top-box codes "positive", missing codes "missing"; of the other
    valid codes the middle one of an odd scale "neutral" when it is not top box, the rest "negative"."""
    top = {str(c) for c in question.top_box_codes}
    missing = {str(c) for c in question.missing_codes}
    valid = [str(c) for c in question.answer_labels if str(c) not in missing]
    middle = valid[len(valid) // 2] if len(valid) % 2 == 1 and len(valid) >= 3 else None
    sides = {}
    for code in question.answer_labels:
        code = str(code)
        if code in missing:
            sides[code] = "missing"
        elif code in top:
            sides[code] = "positive"
        elif code == middle:
            sides[code] = "neutral"
        else:
            sides[code] = "negative"
    return sides


def distribution(question: Question, stored: dict) -> tuple[AnswerShare, ...]:
    """The answers in scale order (codes of the codebook first, any others after them)."""
    sides = answer_sides(question)
    labels = {str(code): label for code, label in question.answer_labels.items()}
    codes = list(labels) + [code for code in stored if code not in labels]
    answers = []
    for code in codes:
        n, share = (stored.get(code) or (0, 0.0))[:2]
        answers.append(AnswerShare(code=code, label=labels.get(code, code), n=int(n), share=float(share or 0.0),
                                   side=sides.get(code, "neutral")))
    return tuple(answers)


@dataclass(frozen=True)
class QuestionResults:
    """A question's page: the chosen wave and group, the overall share and the groups' shares in that
    wave, all answers, and the trend over the waves (only for a question comparable across waves)."""

    survey: Survey
    question: Question
    waves: tuple[Wave, ...]  # visible waves with a result for this question, oldest first
    wave: Wave
    group_var: str
    year_unknown: bool  # a wave was asked for that the reader may not see: the latest is shown
    group_unknown: bool  # a group was asked for that does not exist: the default is shown
    overall: Figure | None
    groups: tuple[Figure, ...]
    answers: tuple[AnswerShare, ...]
    answers_n: int  # every answer in the wave, missing codes included
    previous: Figure | None  # the overall share of the wave before the chosen one
    change: weighting.Change | None
    trend: tuple[TrendRow, ...]

    @property
    def any_suppressed(self) -> bool:
        return any(f.suppressed for f in (self.overall, *self.groups) if f is not None)


def question_get(*, survey: Survey, code: str) -> Question | None:
    question = Question.objects.filter(survey=survey, code=code).select_related("topic").first()
    if question is not None:
        question.survey = survey
    return question


def question_published(*, question: Question) -> bool:
    """Whether the question has a result in a published wave (its public CSV has rows)."""
    return Estimate.objects.filter(question=question, wave__status=Wave.Status.PUBLISHED, group_var="all").exists()


def question_results(
    *, survey: Survey, code: str, year: int | None = None, group_var: str | None = None, include_drafts: bool = False,
) -> QuestionResults | None:
    """The figures of one question's page, or None when the question does not exist or has no result
    in a wave the reader may see. An unknown `year` or `group_var` falls back to the latest wave and
    the district, with the flag set. Four queries, whatever the number of waves and respondents."""
    question = question_get(survey=survey, code=code)
    if question is None:
        return None
    waves_all = waves_visible(survey=survey, include_drafts=include_drafts)
    rows = list(Estimate.objects.filter(question=question, wave__in=list(waves_all)))
    with_results = {row.wave_id for row in rows}
    waves = tuple(wave for wave in waves_all if wave.pk in with_results)
    if not waves:
        return None
    by_year = {wave.year: wave for wave in waves}
    wave = by_year.get(year) if year is not None else None
    year_unknown = year is not None and wave is None
    wave = wave or waves[-1]
    group_unknown = group_var is not None and group_var not in GROUP_VARS
    group_var = group_var if group_var in GROUP_VARS else DEFAULT_GROUP
    regions = region_names() if group_var == "district_code" else {}
    overall_label = str(GROUP_LABELS["all"])
    overall_by_wave: dict[int, Figure] = {}
    overall_row, group_rows = None, []
    wave_by_pk = {w.pk: w for w in waves}
    for row in rows:
        row_wave = wave_by_pk[row.wave_id]
        if row.group_var == "all":
            overall_by_wave[row_wave.year] = figure_from_row(row, year=row_wave.year, min_cell=row_wave.min_cell, label=overall_label)
            if row.wave_id == wave.pk:
                overall_row = row
        elif row.wave_id == wave.pk and row.group_var == group_var:
            group_rows.append(row)
    groups = sorted(
        (figure_from_row(row, year=wave.year, min_cell=wave.min_cell,
                         label=group_value_label(group_var, row.group_value, regions=regions, labels=wave.variable_labels))
         for row in group_rows),
        key=lambda figure: _value_order(figure.group_value),
    )
    overall = overall_by_wave.get(wave.year)
    earlier = [year for year in sorted(overall_by_wave) if year < wave.year]
    previous = overall_by_wave[earlier[-1]] if earlier and question.comparable else None
    if question.comparable:
        trend = trend_rows([overall_by_wave[year] for year in sorted(overall_by_wave)])
    else:
        trend = trend_rows([overall]) if overall else ()
    stored = overall_row.distribution if overall_row is not None else {}
    return QuestionResults(
        survey=survey, question=question, waves=waves, wave=wave, group_var=group_var, year_unknown=year_unknown,
        group_unknown=group_unknown, overall=overall, groups=tuple(groups),
        answers=distribution(question, stored) if overall is not None and overall.shown else (),
        answers_n=sum(int((value or (0,))[0]) for value in stored.values()),
        previous=previous, change=figure_change(previous, overall), trend=trend,
    )


def _value_order(value: str):
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value)


# ---------------------------------------------------------------------------------------------------
# A wave's methods page


@dataclass(frozen=True)
class MarginCell:
    label: str
    population: float
    share: float


@dataclass(frozen=True)
class MarginTable:
    name: str
    variables: tuple[str, ...]  # German labels
    cells: tuple[MarginCell, ...]


@dataclass(frozen=True)
class WaveMethods:
    survey: Survey
    wave: Wave
    waves: tuple[Wave, ...]  # visible waves, for links to their methods pages
    margins: tuple[MarginTable, ...]  # the scheme's margins, in raking order
    weight_min: float | None
    weight_max: float | None
    n_eff: float | None
    deff: float | None
    iterations: int | None
    missing_labels: tuple[str, ...]  # the labels of the missing codes across the wave's questions


def _first(report: dict, *keys):
    for key in keys:
        value = report.get(key)
        if value is not None:
            return value
    return None


def _number(value) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def margin_tables(wave: Wave, *, regions: dict[str, str]) -> tuple[MarginTable, ...]:
    """The scheme's margins from the wave's stored JSON ({name: {"variables": [...], "cells": [[codes..., population], ...]}}),
    each cell named and with its share of the margin's total. Malformed entries are left out."""
    margins = wave.margins if isinstance(wave.margins, dict) else {}
    names = [name for name in (wave.scheme or []) if name in margins] or list(margins)
    tables = []
    for name in names:
        margin = margins.get(name) or {}
        variables = [str(v) for v in margin.get("variables") or []]
        cells = []
        for cell in margin.get("cells") or []:
            if not isinstance(cell, list | tuple) or len(cell) != len(variables) + 1:
                continue
            population = _number(cell[-1])
            if population is None:
                continue
            label = " × ".join(
                group_value_label(var, str(code), regions=regions, labels=wave.variable_labels)
                for var, code in zip(variables, cell[:-1], strict=True)
            )
            cells.append((label, population))
        total = sum(population for _label, population in cells) or 1.0
        tables.append(MarginTable(
            name=str(name), variables=tuple(str(GROUP_LABELS.get(var, var)) for var in variables),
            cells=tuple(MarginCell(label=label, population=population, share=population / total) for label, population in cells),
        ))
    return tuple(tables)


def wave_methods(*, survey: Survey, year: int, include_drafts: bool = False) -> WaveMethods | None:
    wave = wave_get(survey=survey, year=year, include_drafts=include_drafts)
    if wave is None:
        return None
    waves = waves_visible(survey=survey, include_drafts=include_drafts)
    report = wave.weighting_report if isinstance(wave.weighting_report, dict) else {}
    missing_labels = []
    for question in Question.objects.filter(survey=survey, estimates__wave=wave, estimates__group_var="all").only(
        "answer_labels", "missing_codes"
    ):
        for code in question.missing_codes:
            label = question.answer_labels.get(str(code))
            if label and label not in missing_labels:
                missing_labels.append(label)
    iterations = _first(report, "sweeps", "iterations")
    return WaveMethods(
        survey=survey, wave=wave, waves=waves, margins=margin_tables(wave, regions=region_names()),
        weight_min=_number(_first(report, "weight_min", "min_weight")),
        weight_max=_number(_first(report, "weight_max", "max_weight")),
        n_eff=_number(_first(report, "n_eff", "n_effective")),
        deff=_number(_first(report, "deff", "deff_kish", "design_effect")),
        iterations=int(iterations) if isinstance(iterations, int | float) else None,
        missing_labels=tuple(missing_labels),
    )


# ---------------------------------------------------------------------------------------------------
# Sitemap


def sitemap_paths() -> list[tuple[str, str]]:
    """(survey slug, question code) of every question with a result in a published wave; code "" for
    the survey's start page. Two queries."""
    published = Wave.objects.filter(status=Wave.Status.PUBLISHED)
    surveys = Survey.objects.filter(Exists(published.filter(survey=OuterRef("pk"))))
    results = Estimate.objects.filter(question=OuterRef("pk"), wave__status=Wave.Status.PUBLISHED, group_var="all")
    questions = (
        Question.objects.filter(Exists(results)).order_by("survey__position", "survey__name", "position", "code")
        .values_list("survey__slug", "code")
    )
    return [(slug, "") for slug in surveys.values_list("slug", flat=True)] + list(questions)


def published_wave_paths() -> list[tuple[str, int]]:
    """(survey slug, year) of every published wave."""
    return list(
        Wave.objects.filter(status=Wave.Status.PUBLISHED).order_by("survey__position", "survey__name", "-year")
        .values_list("survey__slug", "year")
    )
