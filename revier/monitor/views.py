"""The Monitor's public pages (issue 11 §3): the surveys, a survey's start page with its headline
indicators, a question's results, a wave's methods and the reading guide. Every figure comes from the
stored estimates (selectors); people who manage the Monitor also see waves not published yet."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.fragments import bounded_store, fragment
from revier.core.params import int_param
from revier.monitor import export, presentation, selectors
from revier.monitor.permissions import can_manage_monitor


def _include_drafts(request) -> bool:
    return can_manage_monitor(request.user)


# Rendered Monitor pages, kept per content generation (a wave imported, published or withdrawn, a
# question edited: core.fragments): the figures change only then, and rendering a question's charts
# and tables costs 15–20 ms. In a store of their own, since the keys carry the view asked for.
PAGES_KEPT = 500
_pages = bounded_store("monitor-pages", max_entries=PAGES_KEPT)


def _kept_page(request, name: str, render_page, *, params: tuple[str, ...] = ()) -> HttpResponse:
    """The page `render_page()` renders, kept for every reader of the same address (host, path and
    query; `params`: the ones the page reads) who sees the same waves (drafts only for those who manage the Monitor). The
    pages show nothing else of the reader. A 404 is never kept."""
    # The whole address: the page's language links carry its query string (core.context_processors).
    vary = [request.scheme, request.get_host(), request.get_full_path(), _include_drafts(request)]
    body = fragment(f"monitor:{name}", vary, lambda: render_page().content.decode(), store=_pages)
    return HttpResponse(body)


def _survey_or_404(slug: str):
    survey = selectors.survey_get(slug=slug)
    if survey is None:
        raise Http404("no such survey")
    return survey


@require_safe
@cache_public_page
def home(request):
    """One survey: its start page; several: the list of them."""
    def render_page():
        include_drafts = _include_drafts(request)
        surveys = selectors.survey_list(include_drafts=include_drafts)
        if len(surveys) == 1:
            return _survey_page(request, surveys[0], include_drafts=include_drafts, is_home=True)
        return render(request, "monitor/home.html", {"surveys": surveys})

    return _kept_page(request, "home", render_page)


@require_safe
@cache_public_page
def survey(request, survey):
    return _kept_page(request, "survey", lambda: _survey_page(
        request, _survey_or_404(survey), include_drafts=_include_drafts(request), is_home=False))


def _survey_page(request, survey, *, include_drafts: bool, is_home: bool):
    overview = selectors.survey_overview(survey=survey, include_drafts=include_drafts)
    if overview is None:
        raise Http404("no wave to show")
    cards = [
        {
            "headline": headline,
            "share": presentation.percent(headline.latest.p) if headline.latest.shown else "–",
            "interval": presentation.interval(headline.latest.lo, headline.latest.hi) if headline.latest.shown else "",
            "points": presentation.points(headline.change) if headline.change else "",
            "summary": presentation.summary_sentence(
                question=headline.question, figure=headline.latest, previous=headline.previous,
                change=headline.change, min_cell=overview.latest.min_cell,
            ),
            "label": presentation.top_box_label(headline.question),
            "sparkline": presentation.sparkline_svg(
                headline.trend, id_prefix=f"verlauf-{headline.question.code}",
                title=gettext("%(question)s: share “%(label)s”, %(first)s to %(last)s") % {
                    "question": headline.question, "label": presentation.top_box_label(headline.question),
                    "first": headline.trend[0].year, "last": headline.trend[-1].year,
                },
            ) if len(headline.trend) > 1 else "",
        }
        for headline in overview.headlines
    ]
    return render(request, "monitor/survey.html", {
        "overview": overview,
        "survey": survey,
        "latest": overview.latest,
        "cards": cards,
        "is_home": is_home,
        "latest_n": presentation.thousands(overview.latest.n),
        "wave_rows": [(wave, presentation.thousands(wave.n)) for wave in reversed(overview.waves)],
    })


@require_safe
@cache_public_page(params=("welle", "gruppe"))
def question(request, survey, question):
    return _kept_page(request, "question", lambda: _question_page(request, survey, question), params=("welle", "gruppe"))


def _question_page(request, survey, question):
    survey = _survey_or_404(survey)
    raw_year = request.GET.get("welle", "").strip()
    raw_group = request.GET.get("gruppe", "").strip()
    year = int_param(raw_year) if raw_year else None
    results = selectors.question_results(
        survey=survey, code=question, year=year, group_var=raw_group or None, include_drafts=_include_drafts(request),
    )
    if results is None:
        raise Http404("no such question or no result to show")
    wave, q = results.wave, results.question
    group_label = dict(selectors.group_vars())[results.group_var]
    permalink = request.build_absolute_uri(
        reverse("monitor:question", kwargs={"survey": survey.slug, "question": q.code})
        + f"?welle={wave.year}&gruppe={results.group_var}"
    )
    trend_shown = q.comparable and len(results.trend) > 1
    label = presentation.top_box_label(q)
    group_summary = presentation.group_summary(question=q, groups=results.groups, group_label=group_label, year=wave.year)
    share_title = presentation.share_title(label=label, group=group_label, year=wave.year)
    answers_summary = presentation.answers_summary(results.answers)
    answers_title = presentation.answers_title(year=wave.year)
    trend_summary = presentation.trend_summary(question=q, rows=results.trend) if trend_shown else ""
    trend_title = presentation.trend_title(
        label=label, first=results.trend[0].figure.year, last=results.trend[-1].figure.year,
    ) if trend_shown else ""
    return render(request, "monitor/question.html", {
        "survey": survey,
        "results": results,
        "year_unknown": results.year_unknown or (bool(raw_year) and year is None),
        "question": q,
        "wave": wave,
        "group_label": group_label,
        "group_choices": selectors.group_vars(),
        "permalink": permalink,
        "label": label,
        "summary": presentation.summary_sentence(
            question=q, figure=results.overall, previous=results.previous, change=results.change, min_cell=wave.min_cell,
        ),
        "group_summary": group_summary,
        "share_title": share_title,
        "bars_svg": presentation.bars_svg(
            [f for f in (results.overall, *results.groups) if f is not None], title=share_title,
            description=group_summary, id_prefix="anteil-grafik",
        ),
        "answers_title": answers_title,
        "diverging_svg": presentation.diverging_svg(
            results.answers, row_label=str(wave.year), title=answers_title, description=answers_summary,
            id_prefix="antworten-grafik",
        ) if results.answers else "",
        "trend_summary": trend_summary,
        "trend_title": trend_title,
        "trend_svg": presentation.trend_svg(
            results.trend, title=trend_title, description=trend_summary, id_prefix="entwicklung-grafik",
        ) if trend_shown else "",
        "trend_shown": trend_shown,
        "trend_suppressed": any(row.figure.suppressed for row in results.trend),
        "group_rows": [presentation.figure_row(figure) for figure in results.groups],
        "overall_row": presentation.figure_row(results.overall) if results.overall else None,
        "answer_rows": [
            {"answer": answer, "n": presentation.thousands(answer.n), "share": presentation.percent(answer.share)}
            for answer in results.answers
        ],
        "answers_summary": answers_summary,
        "answers_n": presentation.thousands(results.answers_n),
        "trend_rows": [
            {**presentation.figure_row(row.figure), "points": presentation.points(row.change) if row.change else "",
             "clear": bool(row.change and row.change.clear)}
            for row in results.trend
        ],
        "citation": presentation.citation(survey=survey, wave=wave),
        "csv_url": reverse("monitor:question-csv", kwargs={"survey": survey.slug, "question": q.code}),
    })


@require_safe
@cache_public_page
def question_csv(request, survey, question):
    """The question's aggregated figures of all published waves (no weights, suppressed cells blank)."""
    survey = _survey_or_404(survey)
    found = selectors.question_get(survey=survey, code=question)
    if found is None or not selectors.question_published(question=found):
        raise Http404("no such question with published results")
    response = HttpResponse(export.question_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-{found.code}.csv"'
    return response


@require_safe
@cache_public_page
def methods(request, survey, year):
    return _kept_page(request, "methods", lambda: _methods_page(request, survey, year))


def _methods_page(request, survey, year):
    survey = _survey_or_404(survey)
    page = selectors.wave_methods(survey=survey, year=year, include_drafts=_include_drafts(request))
    if page is None:
        raise Http404("no such wave")
    wave = page.wave
    return render(request, "monitor/methods.html", {
        "survey": survey,
        "page": page,
        "wave": wave,
        "n": presentation.thousands(wave.n),
        "n_eff": presentation.thousands(page.n_eff) if page.n_eff is not None else "",
        "deff": presentation.thousands(page.deff, 2) if page.deff is not None else "",
        "weight_min": presentation.thousands(page.weight_min, 2) if page.weight_min is not None else "",
        "weight_max": presentation.thousands(page.weight_max, 2) if page.weight_max is not None else "",
        "bound_lower": presentation.decimal(wave.bound_lower),
        "bound_upper": presentation.decimal(wave.bound_upper),
        "margins": [
            {"table": table, "cells": [
                {"cell": cell, "population": presentation.thousands(cell.population),
                 "share": presentation.thousands(cell.share * 100, 1)} for cell in table.cells
            ]}
            for table in page.margins
        ],
    })


@require_safe
@cache_public_page
def reading(request):
    """"Wie lesen Sie diese Zahlen?" – the plain-language reading guide."""
    return render(request, "monitor/reading.html")
