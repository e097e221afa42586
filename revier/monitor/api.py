"""Monitor in the public JSON API (docs/api.md): the aggregates the public Monitor pages show, and
nothing more. Reads through monitor.selectors, the same reads as the pages, so only published waves
appear, a cell with fewer valid answers than the wave's minimum has no share (suppressed), and
neither respondents (microdata) nor weights are ever read: only the stored estimates."""

import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Path, Query, Router, Schema

from revier.core.api import ERRORS, ERRORS_404, TEXT, english_url_field, page_urls
from revier.core.params import int_param
from revier.monitor import selectors
from revier.monitor.models import GROUP_VARS

router = Router(tags=["Monitor"])


class SurveyRefOut(Schema):
    slug: str
    name: str
    description: str
    publisher: str
    synthetic: bool
    url: str
    url_en: str = english_url_field()


class WaveOut(Schema):
    year: int
    n: int
    field_start: datetime.date | None
    field_end: datetime.date | None
    mode: str


class ChangeOut(Schema):
    difference: float
    lo: float
    hi: float
    clear: bool


class FigureOut(Schema):
    """A group's top-box share in one wave: the unweighted number of valid answers always; the
    weighted share with its 95 % interval, effective n and design effect unless suppressed."""

    year: int
    group_var: str
    group_value: str
    label: str
    n: int
    suppressed: bool
    p: float | None
    lo: float | None
    hi: float | None
    n_eff: float | None
    deff: float | None


class QuestionRefOut(Schema):
    code: str
    label: str
    wording: str
    topic: str | None
    url: str
    url_en: str = english_url_field()


class HeadlineOut(Schema):
    question: QuestionRefOut
    latest: FigureOut
    change: ChangeOut | None
    trend: list[FigureOut]


class SurveyOut(SurveyRefOut):
    waves: list[WaveOut]
    headlines: list[HeadlineOut]
    questions: list[QuestionRefOut]


class AnswerOut(Schema):
    code: str
    label: str
    n: int
    share: float


class TrendRowOut(Schema):
    figure: FigureOut
    change: ChangeOut | None


class QuestionResultsOut(Schema):
    survey: str
    question: QuestionRefOut
    top_box_label: str
    comparable: bool
    wave: WaveOut
    waves: list[int]
    group_var: str
    overall: FigureOut | None
    groups: list[FigureOut]
    answers: list[AnswerOut]
    trend: list[TrendRowOut]
    change: ChangeOut | None


def _survey_ref(request, survey) -> dict:
    return {"slug": survey.slug, "name": survey.name, "description": survey.description, "publisher": survey.publisher,
            "synthetic": survey.synthetic,
            **page_urls(request, reverse("monitor:survey", kwargs={"survey": survey.slug}))}


def _wave(wave) -> dict:
    return {"year": wave.year, "n": wave.n, "field_start": wave.field_start, "field_end": wave.field_end, "mode": wave.mode}


def _figure(figure) -> dict:
    shown = figure.shown
    return {
        "year": figure.year, "group_var": figure.group_var, "group_value": figure.group_value, "label": figure.label,
        "n": figure.n, "suppressed": not shown,
        **{name: (getattr(figure, name) if shown else None) for name in ("p", "lo", "hi", "n_eff", "deff")},
    }


def _change(change) -> dict | None:
    return None if change is None else {"difference": change.difference, "lo": change.lo, "hi": change.hi,
                                        "clear": change.clear}


def _question(request, question) -> dict:
    return {"code": question.code, "label": str(question), "wording": question.wording,
            "topic": question.topic.name if question.topic_id else None,
            **page_urls(request, question.get_absolute_url())}


def _visible_survey(slug: str):
    survey = selectors.survey_get(slug=slug)
    if survey is None:
        raise Http404("no such survey")
    return survey


@router.get("/monitor/surveys", response={200: list[SurveyRefOut], **ERRORS}, operation_id="survey_list",
            summary="Befragungen")
def survey_list(request):
    """The surveys with a published wave, in their order (the Monitor's start page)."""
    return [_survey_ref(request, survey) for survey in selectors.survey_list()]


@router.get("/monitor/surveys/{slug}", response={200: SurveyOut, **ERRORS_404}, operation_id="survey_detail",
            summary="Befragung")
def survey_detail(request, slug: str = Path(..., pattern=TEXT, max_length=80)):
    """A survey's page: its published waves, the headline indicators of the latest wave with their
    change and trend, and every question with a published result."""
    survey = _visible_survey(slug)
    overview = selectors.survey_overview(survey=survey)
    if overview is None:
        raise Http404("no published wave")
    return {
        **_survey_ref(request, survey),
        "waves": [_wave(wave) for wave in overview.waves],
        "headlines": [
            {"question": _question(request, h.question), "latest": _figure(h.latest), "change": _change(h.change),
             "trend": [_figure(f) for f in h.trend]}
            for h in overview.headlines
        ],
        "questions": [_question(request, q) for group in overview.topics for q in group.questions],
    }


@router.get("/monitor/surveys/{slug}/questions/{code}", response={200: QuestionResultsOut, **ERRORS_404},
            operation_id="question_results", summary="Frage")
def question_results(
    request,
    slug: str = Path(..., pattern=TEXT, max_length=80),
    code: str = Path(..., pattern=TEXT, max_length=60),
    welle: str | None = Query(None, pattern=TEXT, max_length=20, description="Year of a published wave; else the latest."),
    gruppe: str | None = Query(None, pattern=TEXT, max_length=40,
                               description=f"Grouping: one of {', '.join(GROUP_VARS)}; else by district."),
):
    """A question's page: the chosen wave's share overall and by group, every answer's share, and the
    trend over the waves (comparable questions only)."""
    survey = _visible_survey(slug)
    results = selectors.question_results(survey=survey, code=code, year=int_param(welle) if welle else None,
                                         group_var=(gruppe or "").strip() or None)
    if results is None:
        raise Http404("no such question or no published result")
    question = results.question
    return {
        "survey": survey.slug,
        "question": _question(request, question),
        "top_box_label": question.top_box_label,
        "comparable": question.comparable,
        "wave": _wave(results.wave),
        "waves": [wave.year for wave in results.waves],
        "group_var": results.group_var,
        "overall": _figure(results.overall) if results.overall else None,
        "groups": [_figure(f) for f in results.groups],
        "answers": [{"code": a.code, "label": a.label, "n": a.n, "share": a.share} for a in results.answers],
        "trend": [{"figure": _figure(row.figure), "change": _change(row.change)} for row in results.trend],
        "change": _change(results.change),
    }
