"""The Monitor's reads for its public pages: stored figures only, published waves only for the public,
changes as weighting.change computes them, and as many queries for six waves and many respondents as
for two waves and a few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.monitor import selectors, weighting
from revier.monitor.models import Wave
from tests.factories import MonitorQuestionFactory, MonitorSurveyFactory, WaveFactory, make_monitor_wave

pytestmark = pytest.mark.django_db


def build(*, years=(2024, 2025), questions=5, respondents=0, shares=None, **survey):
    survey = MonitorSurveyFactory(slug="mdm", name="Mitteldeutschland-Monitor", **survey)
    items = [MonitorQuestionFactory(survey=survey, code=f"q{i}") for i in range(questions)]
    for year in years:
        make_monitor_wave(survey=survey, year=year, questions=items, shares=(shares or {}).get(year), respondents=respondents)
    return survey, items


def test_survey_overview_headlines_are_the_chosen_questions_in_their_order():
    survey, items = build()
    items[3].headline_position = 1
    items[3].save()
    items[1].headline_position = 2
    items[1].save()
    overview = selectors.survey_overview(survey=survey)
    assert [h.question.code for h in overview.headlines] == ["q3", "q1"]
    assert overview.latest.year == 2025


def test_survey_overview_without_chosen_headlines_shows_the_first_four():
    survey, _items = build(questions=6)
    overview = selectors.survey_overview(survey=survey)
    assert [h.question.code for h in overview.headlines] == ["q0", "q1", "q2", "q3"]
    assert [q.code for group in overview.topics for q in group.questions] == [f"q{i}" for i in range(6)]


def test_headline_change_is_weighting_change_of_the_stored_figures():
    survey, _items = build(shares={2024: {"q0": 0.73, "q1": 0.60}, 2025: {"q0": 0.68, "q1": 0.61}})
    headline = selectors.survey_overview(survey=survey).headlines[0]
    earlier = Wave.objects.get(year=2024).estimates.get(question__code="q0", group_var="all")
    later = Wave.objects.get(year=2025).estimates.get(question__code="q0", group_var="all")

    def as_estimate(row):
        return weighting.Estimate(row.group_var, row.group_value, row.n, row.sum_w, row.p_unweighted, row.p, row.n_eff,
                                  row.deff_kish, row.wilson_lo, row.wilson_hi, False)

    assert headline.change == weighting.change(as_estimate(earlier), as_estimate(later))
    assert headline.change.difference == pytest.approx(-0.05)
    assert headline.change.clear  # 2,000 answers each (n_eff 1,538): five points are more than chance
    assert not selectors.survey_overview(survey=survey).headlines[1].change.clear  # one point is not
    assert [f.year for f in headline.trend] == [2024, 2025]


def test_question_not_comparable_has_no_change_and_no_trend():
    survey, items = build(years=(2023, 2024, 2025))
    items[0].comparable = False
    items[0].save()
    results = selectors.question_results(survey=survey, code="q0")
    assert results.previous is None and results.change is None
    assert [row.figure.year for row in results.trend] == [2025]
    headline = selectors.survey_overview(survey=survey).headlines[0]
    assert headline.change is None and len(headline.trend) == 1


def test_draft_waves_exist_only_for_people_who_manage_the_monitor():
    survey, items = build(years=(2024,))
    make_monitor_wave(survey=survey, year=2025, questions=items, status=Wave.Status.DRAFT)
    assert selectors.survey_overview(survey=survey).latest.year == 2024
    assert selectors.survey_overview(survey=survey, include_drafts=True).latest.year == 2025
    assert selectors.question_results(survey=survey, code="q0", year=2025).year_unknown
    assert selectors.question_results(survey=survey, code="q0", year=2025, include_drafts=True).wave.year == 2025
    assert selectors.wave_methods(survey=survey, year=2025) is None
    assert selectors.wave_methods(survey=survey, year=2025, include_drafts=True).wave.year == 2025


def test_survey_with_draft_waves_only_is_not_listed():
    survey = MonitorSurveyFactory()
    make_monitor_wave(survey=survey, year=2025, questions=[MonitorQuestionFactory(survey=survey)], status=Wave.Status.DRAFT)
    assert selectors.survey_list() == []
    assert selectors.survey_overview(survey=survey) is None
    assert selectors.survey_list(include_drafts=True) == [survey]


def test_question_results_unknown_wave_or_group_fall_back_with_the_flag_set():
    survey, _items = build()
    results = selectors.question_results(survey=survey, code="q0", year=1999, group_var="religion")
    assert results.year_unknown and results.group_unknown
    assert results.wave.year == 2025 and results.group_var == "district_code"
    assert [g.label for g in results.groups][:2] == ["Stadt Leipzig", "Landkreis Leipzig"]
    chosen = selectors.question_results(survey=survey, code="q0", year=2024, group_var="sex")
    assert not chosen.year_unknown and not chosen.group_unknown
    assert [g.label for g in chosen.groups] == ["Männer", "Frauen"]
    assert selectors.question_results(survey=survey, code="gibt-es-nicht") is None


def test_small_group_is_suppressed_but_keeps_its_n():
    survey = MonitorSurveyFactory()
    question = MonitorQuestionFactory(survey=survey)
    make_monitor_wave(survey=survey, year=2025, questions=[question], small_district="16077")
    results = selectors.question_results(survey=survey, code=question.code)
    altenburg = next(g for g in results.groups if g.group_value == "16077")
    assert altenburg.suppressed and not altenburg.shown and altenburg.n == 12
    assert results.any_suppressed
    assert not any(g.suppressed for g in results.groups if g.group_value != "16077")


def test_answer_sides_of_rating_scales():
    five = MonitorQuestionFactory.build()
    assert selectors.answer_sides(five) == {"1": "positive", "2": "positive", "3": "neutral", "4": "negative",
                                            "5": "negative", "9": "missing"}
    grades = MonitorQuestionFactory.build(answer_labels={str(i): f"Note {i}" for i in range(1, 7)},
                                          top_box_codes=["1", "2", "3"], missing_codes=[])
    assert list(selectors.answer_sides(grades).values()) == ["positive"] * 3 + ["negative"] * 3


def test_distribution_in_scale_order_with_stored_counts():
    survey, _items = build(years=(2025,))
    results = selectors.question_results(survey=survey, code="q0")
    assert [a.code for a in results.answers] == ["1", "2", "3", "4", "5", "9"]
    assert results.answers[-1].side == "missing"
    assert sum(a.share for a in results.answers) == pytest.approx(1.0)
    assert results.answers_n == sum(a.n for a in results.answers)


def test_margin_tables_name_cells_and_give_shares():
    survey = MonitorSurveyFactory()
    MonitorQuestionFactory(survey=survey)
    from tests.factories import RegionFactory

    RegionFactory(code="14713", name="Stadt Leipzig")
    wave = WaveFactory(survey=survey, scheme=["district_x_sex", "age_group"], margins={
        "district_x_sex": {"variables": ["district_code", "sex"], "cells": [["14713", "1", 300], ["14713", "2", 100]]},
        "age_group": {"variables": ["age_group"], "cells": [["1", 1], ["5", 3], ["bad"]]},
        "unused": {"variables": ["education"], "cells": [["1", 5]]},
    })
    tables = selectors.margin_tables(wave, regions=selectors.region_names())
    assert [t.name for t in tables] == ["district_x_sex", "age_group"]
    assert [(c.label, c.population, c.share) for c in tables[0].cells] == [
        ("Stadt Leipzig × Männer", 300, 0.75), ("Stadt Leipzig × Frauen", 100, 0.25),
    ]
    assert [c.label for c in tables[1].cells] == ["16 bis 29 Jahre", "75 Jahre und älter"]


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


@pytest.mark.parametrize("read", ["overview", "question", "methods"])
def test_query_count_does_not_grow_with_waves_or_respondents(read):
    small, _items = build(years=(2024, 2025), questions=3, respondents=5)
    large = MonitorSurveyFactory(slug="gross")
    items = [MonitorQuestionFactory(survey=large, code=f"g{i}") for i in range(8)]
    for year in range(2020, 2026):
        make_monitor_wave(survey=large, year=year, questions=items, respondents=200)
    reads = {
        "overview": lambda survey, code: selectors.survey_overview(survey=survey),
        "question": lambda survey, code: selectors.question_results(survey=survey, code=code, year=2024, group_var="sex"),
        "methods": lambda survey, code: selectors.wave_methods(survey=survey, year=2024),
    }
    assert _queries(lambda: reads[read](small, "q0")) == _queries(lambda: reads[read](large, "g0")) <= 5


def test_sitemap_paths_only_published_results():
    survey, items = build(years=(2025,), questions=2)
    hidden = MonitorSurveyFactory(slug="entwurf")
    make_monitor_wave(survey=hidden, year=2025, questions=[MonitorQuestionFactory(survey=hidden, code="x")], status="draft")
    assert selectors.sitemap_paths() == [("mdm", ""), ("mdm", "q0"), ("mdm", "q1")]
    assert selectors.published_wave_paths() == [("mdm", 2025)]
