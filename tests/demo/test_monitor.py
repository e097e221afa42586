"""The Monitor's demo survey in the database: six waves imported through the Monitor's own import,
published, with the published headline shares, and a second run that changes nothing."""

import pytest

from revier.core.models import AuditEntry
from revier.demo.monitor.generate import generate_wave, load_spec
from revier.demo.monitor.load import load_monitor
from revier.monitor.importing import UploadedFile, WaveFiles, wave_check
from revier.monitor.models import Estimate, Question, Region, Respondent, Wave

YEARS = [2020, 2021, 2022, 2023, 2024, 2025]


@pytest.fixture(scope="module")
def spec():
    return load_spec()


def snapshot():
    return {
        "waves": list(Wave.objects.order_by("year").values_list("id", "year", "status", "n", "imported_at", "weighting_report")),
        "respondents": Respondent.objects.count(),
        "estimates": list(Estimate.objects.order_by("id").values_list("id", "p", "n")),
        "questions": list(Question.objects.order_by("id").values_list("id", "code", "topic_id", "headline_position")),
        "audit": AuditEntry.objects.count(),
    }


def test_every_generated_wave_passes_the_import_check_without_a_problem(spec):
    for year in YEARS:
        generated = generate_wave(spec, year)
        files = WaveFiles(
            microdata=UploadedFile(name="microdata.csv", content=generated.microdata),
            codebook=UploadedFile(name="codebook.json", content=generated.codebook),
            margins=UploadedFile(name="margins.csv", content=generated.margins),
        )
        check = wave_check(year=year, files=files, scheme=generated.scheme, bounds=generated.bounds)
        assert check.ok, [problem.message for problem in check.problems]
        assert check.problems == ()
        assert check.n == spec["waves"][year]["n"]
        assert set(check.questions) == {q["code"] for q in spec["questions"]}


@pytest.mark.django_db
def test_load_monitor_imports_and_publishes_six_synthetic_waves(spec, capsys):
    result = load_monitor()
    survey = result.survey
    assert result.imported == 6 and result.unchanged == 0
    assert survey.name == "Mitteldeutschland-Monitor (Demo)" and survey.synthetic
    assert "Synthetische Beispieldaten" in survey.description

    waves = list(survey.waves.order_by("year"))
    assert [wave.year for wave in waves] == YEARS
    assert all(wave.status == Wave.Status.PUBLISHED for wave in waves)
    by_year = {wave.year: wave for wave in waves}
    assert 950 <= by_year[2020].n <= 1050 and by_year[2024].n == 2003
    assert (by_year[2024].field_start.isoformat(), by_year[2024].field_end.isoformat()) == ("2024-03-22", "2024-04-05")
    assert "modelliert" in by_year[2024].margins_source and "31.12.2023" in by_year[2024].margins_source
    assert "Synthetische Beispieldaten" in by_year[2024].notes
    assert list(by_year[2024].scheme) == ["district_x_sex", "age_group", "education"]
    assert Respondent.objects.filter(wave__survey=survey).count() == sum(wave.n for wave in waves)

    regions = {region.code: (region.name, region.state) for region in Region.objects.all()}
    assert regions["14713"] == ("Stadt Leipzig", "Sachsen")
    assert regions["15088"] == ("Saalekreis", "Sachsen-Anhalt")
    assert regions["16077"] == ("Altenburger Land", "Thüringen")
    assert len(regions) == 9

    headline = list(survey.questions.exclude(headline_position=None).order_by("headline_position").values_list("code", flat=True))
    assert headline == ["persoenliche_situation", "lebensqualitaet_region", "zukunft_region", "energiewende"]
    grades = survey.questions.get(code="persoenliche_situation")
    assert grades.top_box_codes in (["1", "2", "3"], [1, 2, 3]) and grades.topic.slug == "lebensqualitaet"
    assert grades.answer_labels["9"] == "weiß nicht / keine Angabe"


@pytest.mark.django_db
def test_the_stored_weighted_shares_meet_the_published_figures(spec):
    survey = load_monitor().survey
    estimates = {(e.question.code, e.wave.year): e for e in
                 Estimate.objects.filter(wave__survey=survey, group_var="all").select_related("question", "wave")}
    checked = 0
    for question in spec["questions"]:
        for year, source in question.get("published", {}).items():
            estimate = estimates[(question["code"], year)]
            assert abs(estimate.p * 100 - question["shares"][year]) <= 2, (question["code"], year, estimate.p, source)
            checked += 1
    assert checked >= 20
    # The figures the issue names, and weighting matters: unweighted, the panel over-states support.
    energiewende = {year: estimates[("energiewende", year)] for year in YEARS}
    assert [round(energiewende[year].p * 100) for year in (2020, 2021, 2022)] == [61, 55, 52]
    assert all(e.p_unweighted - e.p > 0.04 for e in energiewende.values())
    assert [round(estimates[("persoenliche_situation", year)].p * 100) for year in (2024, 2025)] == [73, 72]
    # The district rows are there too (the Leipzig city sample is large, Altenburger Land small but shown).
    assert Estimate.objects.filter(wave__survey=survey, wave__year=2024, question__code="energiewende",
                                   group_var="district_code").count() == 9


@pytest.mark.django_db
def test_load_monitor_second_run_changes_nothing(capsys):
    load_monitor()
    before = snapshot()
    result = load_monitor()
    assert result.unchanged == 6 and result.imported == result.replaced == result.published == 0
    assert snapshot() == before


@pytest.mark.django_db
def test_load_monitor_publishes_a_draft_and_reimports_a_changed_wave_only(capsys):
    load_monitor()
    survey_waves = Wave.objects.order_by("year")
    untouched = dict(survey_waves.values_list("year", "imported_at"))
    Wave.objects.filter(year=2022).update(status=Wave.Status.DRAFT)
    Respondent.objects.filter(wave__year=2023).order_by("id").first().delete()

    result = load_monitor()

    assert (result.published, result.replaced, result.unchanged) == (1, 1, 4)
    assert all(wave.status == Wave.Status.PUBLISHED for wave in survey_waves)
    after = dict(survey_waves.values_list("year", "imported_at"))
    assert after[2023] > untouched[2023]
    assert {y: t for y, t in after.items() if y != 2023} == {y: t for y, t in untouched.items() if y != 2023}
    assert Respondent.objects.filter(wave__year=2023).count() == Wave.objects.get(year=2023).n
