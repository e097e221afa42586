"""revier/monitor/services.py: importing a wave all or nothing, its stored weights and estimates,
replacing, publishing (issue 11 §1, §2, §5). Runs on SQLite and PostgreSQL (DATABASE_URL)."""

import json
import math
from collections import defaultdict

import numpy as np
import pytest

from revier.core.models import AuditEntry
from revier.monitor import weighting
from revier.monitor.importing import UploadedFile, WaveFiles
from revier.monitor.models import GROUP_VARS, Estimate, Question, Region, Respondent, Survey, Wave
from revier.monitor.services import (
    SurveyInvalid, WaveImportInvalid, survey_create, wave_import, wave_publish, wave_unpublish,
)
from tests.factories import StaffFactory
from tests.monitor.sample import (
    codebook_data,
    csv_bytes,
    margins_data,
    sample_bytes,
    sample_files,
    sample_rows,
    truth,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return Survey.objects.create(slug="mdm", name="Mitteldeutschland-Monitor")


@pytest.fixture
def staff():
    return StaffFactory()


def import_sample(survey, year, *, actor=None, scheme=("B",), **kwargs):
    return wave_import(survey=survey, year=year, files=kwargs.pop("files", None) or sample_files(), scheme=list(scheme),
                       actor=actor, **kwargs)


def counts():
    return {model.__name__: model.objects.count() for model in (Wave, Respondent, Estimate, Question, Region, AuditEntry)}


def stored_columns(wave):
    respondents = list(Respondent.objects.filter(wave=wave).order_by("pk"))
    weights = np.array([r.weight for r in respondents])
    return respondents, weights


# --- the sample, imported ---------------------------------------------------------------------------


def test_wave_import_stores_the_sample_wave_with_weights_meeting_the_margins(survey, staff):
    steps = []
    wave = import_sample(survey, 2024, actor=staff, progress=lambda percent, text: steps.append(percent))
    wave.refresh_from_db()
    assert wave.status == Wave.Status.DRAFT and wave.n == 2000
    assert (wave.field_start.isoformat(), wave.field_end.isoformat()) == ("2024-03-22", "2024-04-05")
    assert wave.mode.startswith("Online-Access-Panel") and wave.universe.startswith("Wohnbevölkerung ab 16")
    assert "Stichtag 31.12.2023" in wave.margins_source
    assert wave.scheme == ["district_x_sex", "age_group", "education"]
    assert (wave.bound_lower, wave.bound_upper) == (0.2, 5.0)
    assert wave.weighting_report["scheme"] == "B" and wave.weighting_report["deff"] > 1
    assert wave.variable_labels["sex"] == {"label": "Geschlecht", "values": {"1": "männlich", "2": "weiblich"}}
    assert wave.variable_labels["state"]["values"] == {"Sachsen": "Sachsen", "Sachsen-Anhalt": "Sachsen-Anhalt", "Thüringen": "Thüringen"}
    assert wave.imported_at is not None
    assert steps == sorted(steps) and steps[-1] == 100
    survey.refresh_from_db()
    assert survey.synthetic  # the codebook says so

    respondents, weights = stored_columns(wave)
    assert len(respondents) == 2000
    assert respondents[0].resp_id == "W2024-00001"
    assert respondents[0].characteristics == {"district_code": "14713", "sex": "2", "age_group": "3", "education": "2",
                                              "state": "Sachsen"}
    assert respondents[0].answers["q1_lebenszufriedenheit"] == "2"
    # the stored JSON is JSON to the database too (key lookups), with its umlauts
    in_thuringia = Respondent.objects.filter(wave=wave, characteristics__state="Thüringen")
    assert in_thuringia.count() == Respondent.objects.filter(wave=wave, characteristics__district_code="16077").count() > 0
    assert Respondent.objects.filter(wave=wave, answers__q3_energiewende="9").count() == sum(
        1 for r in respondents if r.answers.get("q3_energiewende") == "9")
    assert set(respondents[0].answers) == {q.code for q in Question.objects.filter(survey=survey)}
    assert weights.mean() == pytest.approx(1, abs=1e-12)
    assert weights.min() >= 0.2 - 1e-12 and weights.max() <= 5 + 1e-12
    # every margin of the scheme is met to 1e-6 by the stored weights
    for name in wave.scheme:
        margin = wave.margins[name]
        total = math.fsum(cell[-1] for cell in margin["cells"])
        sums = defaultdict(float)
        for respondent, weight in zip(respondents, weights):
            sums[tuple(respondent.characteristics[v] for v in margin["variables"])] += weight
        for *cell, population in margin["cells"]:
            target = population / total * wave.n
            assert abs(sums[tuple(cell)] - target) <= 1e-6 * target, (name, cell)

    assert Region.objects.get(code="15002").state == "Sachsen-Anhalt"
    assert Region.objects.count() == 9
    question = Question.objects.get(survey=survey, code="q1_lebenszufriedenheit")
    assert question.top_box_codes == ["1", "2"] and question.missing_codes == ["9"]
    assert list(question.answer_labels) == ["1", "2", "3", "4", "5", "9"]
    assert question.top_box_label == "(sehr) zufrieden" and question.short_label == "Persönliche Zufriedenheit"
    entry = AuditEntry.objects.get(action="wave_imported")
    assert entry.actor == staff and entry.object_id == str(wave.pk)
    assert entry.data["n"] == 2000 and entry.data["scheme"] == wave.scheme


def test_stored_estimates_equal_weighting_estimates_from_the_stored_weights(survey):
    wave = import_sample(survey, 2023)
    respondents, weights = stored_columns(wave)
    groups = {var: [r.characteristics.get(var) for r in respondents] for var in GROUP_VARS}
    stored = {(e.question.code, e.group_var, e.group_value): e for e in Estimate.objects.filter(wave=wave).select_related("question")}
    questions = list(Question.objects.filter(survey=survey))
    expected_rows = 0
    for question in questions:
        answers = [r.answers.get(question.code) for r in respondents]
        for estimate in weighting.estimates(answers, weights, top_box=question.top_box_codes,
                                            missing=question.missing_codes, groups=groups):
            expected_rows += 1
            row = stored[(question.code, estimate.group_var, estimate.group_value or "")]
            assert row.n == estimate.n
            for name in ("sum_w", "p_unweighted", "p", "n_eff", "deff_kish", "wilson_lo", "wilson_hi"):
                assert getattr(row, name) == pytest.approx(getattr(estimate, name), rel=1e-12, abs=1e-15), (question.code, name)
            # the distribution: counts of every code, weighted shares of all answers of the group (missing included)
            in_group = [i for i, r in enumerate(respondents)
                        if estimate.group_var == "all" or r.characteristics.get(estimate.group_var) == estimate.group_value]
            answered = [i for i in in_group if answers[i] is not None]
            total = sum(weights[i] for i in answered)
            for code, (n, share) in row.distribution.items():
                chosen = [i for i in answered if answers[i] == code]
                assert n == len(chosen)
                assert share == pytest.approx(sum(weights[i] for i in chosen) / total, rel=1e-12)
            valid = sum(share for code, (n, share) in row.distribution.items() if code not in question.missing_codes)
            top = sum(share for code, (n, share) in row.distribution.items() if code in question.top_box_codes)
            assert row.p == pytest.approx(top / valid, rel=1e-12)
    assert Estimate.objects.filter(wave=wave).count() == expected_rows == 5 * (1 + 9 + 3 + 2 + 5 + 3)
    assert set(Estimate.objects.filter(wave=wave, group_var="state").values_list("group_value", flat=True)) == {
        "Sachsen", "Sachsen-Anhalt", "Thüringen"}
    assert Estimate.objects.get(wave=wave, question__code="q1_lebenszufriedenheit", group_var="all").group_value == ""


def test_weighted_estimates_land_closer_to_the_truth_than_unweighted(survey):
    known = truth()
    closer = farther = 0
    for year in (2023, 2024):
        wave = import_sample(survey, year)
        for estimate in Estimate.objects.filter(wave=wave, group_var="all").select_related("question"):
            true = known[str(year)][estimate.question.code]["all"]
            if abs(estimate.p - true) < abs(estimate.p_unweighted - true):
                closer += 1
            else:
                farther += 1
            assert estimate.wilson_lo < estimate.p < estimate.wilson_hi
    assert (closer, farther) == (10, 0)
    assert Wave.objects.filter(survey=survey).count() == 2 and Respondent.objects.count() == 4000


def test_xlsx_microdata_import(survey):
    header, rows = sample_rows()
    rows = [row for row in rows if row[1] == "2024"]
    files = WaveFiles(
        microdata=UploadedFile("welle-2024.xlsx", xlsx_bytes(header, rows)),
        codebook=UploadedFile("codebook.json", sample_bytes("codebook.json")),
        margins=UploadedFile("margins.csv", sample_bytes("margins.csv")),
    )
    wave = wave_import(survey=survey, year=2024, files=files, scheme=["district_x_sex", "age_group", "education"], actor=None)
    assert wave.n == 2000 and Respondent.objects.filter(wave=wave).count() == 2000
    by_csv = Survey.objects.create(slug="csv", name="CSV")
    other = import_sample(by_csv, 2024)
    assert Estimate.objects.get(wave=wave, question__code="q3_energiewende", group_var="all").p == pytest.approx(
        Estimate.objects.get(wave=other, question__code="q3_energiewende", group_var="all").p, rel=1e-12)


# --- all or nothing ----------------------------------------------------------------------------------


def _spoiled(case):
    header, rows = sample_rows()
    rows = [row for row in rows if row[1] == "2024"]
    if case == "encoding":
        return sample_files(microdata=sample_bytes("microdata.csv").decode().encode("utf-16")), ["B"]
    if case == "delimiter":
        return sample_files(microdata=csv_bytes(header, rows, delimiter="|")), ["B"]
    if case == "missing_column":
        j = header.index("education")
        return sample_files(microdata=csv_bytes(header[:j] + header[j + 1:], [r[:j] + r[j + 1:] for r in rows])), ["B"]
    if case == "unknown_code":
        j = header.index("q5_lebensqualitaet_region")
        rows[-1][j] = "6"
        return sample_files(microdata=csv_bytes(header, rows)), ["B"]
    if case == "duplicate_id":
        rows[-1][0] = rows[0][0]
        return sample_files(microdata=csv_bytes(header, rows)), ["B"]
    if case == "wave":
        rows[-1][1] = "2025x"
        return sample_files(microdata=csv_bytes(header, rows)), ["B"]
    if case == "empty_cell":
        d, s = header.index("district_code"), header.index("sex")
        return sample_files(microdata=csv_bytes(header, [r for r in rows if (r[d], r[s]) != ("15087", "1")])), ["B"]
    if case == "totals_differ":
        margins = margins_data()
        margins["margins"]["education"][1]["population"] *= 2
        return sample_files(margins=json.dumps(margins).encode()), ["B"]
    if case == "unknown_margin":
        return sample_files(), ["district_x_sex", "bildung"]
    if case == "infeasible":
        return sample_files(), ["A"]
    if case == "empty_file":
        return sample_files(microdata=b""), ["B"]
    if case == "codebook":
        codebook = codebook_data()
        del codebook["variables"]["sex"]["values"]
        return sample_files(codebook=json.dumps(codebook).encode()), ["B"]
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["encoding", "delimiter", "missing_column", "unknown_code", "duplicate_id", "wave",
                                  "empty_cell", "totals_differ", "unknown_margin", "infeasible", "empty_file", "codebook"])
def test_bad_files_import_nothing_and_say_why(survey, case):
    before = counts()
    files, scheme = _spoiled(case)
    with pytest.raises(WaveImportInvalid) as raised:
        wave_import(survey=survey, year=2024, files=files, scheme=scheme, actor=None)
    kinds = {problem.kind for problem in raised.value.problems}
    assert case in kinds, raised.value.problems
    assert all(problem.message for problem in raised.value.problems)
    assert counts() == before
    assert "Dateien" in str(raised.value)


def test_infeasible_scheme_names_the_cell(survey):
    with pytest.raises(WaveImportInvalid) as raised:
        import_sample(survey, 2023, scheme=["A"])
    first = raised.value.problems[0].message
    assert first.startswith("Das Gewichtungsschema A lässt sich mit Gewichten zwischen 0,2 und 5,0 nicht erfüllen: Die Zelle ")
    assert "der Vorgabe district_x_" in first


# --- replace, publish --------------------------------------------------------------------------------


def test_an_existing_wave_is_refused_unless_replaced(survey, staff):
    wave = import_sample(survey, 2024)
    wave_publish(wave=wave, actor=staff)
    before = counts()
    with pytest.raises(WaveImportInvalid) as raised:
        import_sample(survey, 2024)
    (problem,) = raised.value.problems
    assert problem.kind == "wave_exists" and "„ersetzen“" in problem.message and "2024" in problem.message
    assert counts() == before

    header, rows = sample_rows()
    rows = [row for i, row in enumerate(row for row in rows if row[1] == "2024") if i % 4]
    new = import_sample(survey, 2024, actor=staff, replace=True, files=sample_files(microdata=csv_bytes(header, rows)))
    assert new.pk != wave.pk and not Wave.objects.filter(pk=wave.pk).exists()
    assert new.status == Wave.Status.DRAFT and new.n == 1500
    assert Respondent.objects.count() == 1500
    assert Estimate.objects.filter(wave=new).count() == before["Estimate"]
    entry = AuditEntry.objects.get(action="wave_replaced")
    assert entry.data["replaced"]["n"] == 2000 and entry.data["replaced"]["status"] == "published"


def test_replacing_with_bad_files_keeps_the_old_wave(survey):
    wave = import_sample(survey, 2024)
    before = counts()
    files, scheme = _spoiled("duplicate_id")
    with pytest.raises(WaveImportInvalid):
        wave_import(survey=survey, year=2024, files=files, scheme=scheme, actor=None, replace=True)
    assert counts() == before and Wave.objects.get(pk=wave.pk).n == 2000


def test_an_older_wave_does_not_overwrite_the_newer_codebook(survey):
    codebook = codebook_data()
    codebook["questions"][0]["text"] = "Neuer Wortlaut?"
    import_sample(survey, 2024, files=sample_files(codebook=json.dumps(codebook).encode()))
    import_sample(survey, 2023)
    assert Question.objects.get(survey=survey, code="q1_lebenszufriedenheit").wording == "Neuer Wortlaut?"
    import_sample(survey, 2024, replace=True)
    assert Question.objects.get(survey=survey, code="q1_lebenszufriedenheit").wording.startswith("Wie zufrieden")


def test_publish_and_unpublish_with_audit_entries(survey, staff):
    wave = import_sample(survey, 2024)
    wave = wave_publish(wave=wave, actor=staff)
    assert Wave.objects.get(pk=wave.pk).status == Wave.Status.PUBLISHED
    wave_publish(wave=wave, actor=staff)  # again: nothing changes
    assert AuditEntry.objects.filter(action="wave_published", object_id=str(wave.pk)).count() == 1
    wave = wave_unpublish(wave=wave, actor=staff)
    assert Wave.objects.get(pk=wave.pk).status == Wave.Status.DRAFT
    wave_unpublish(wave=wave, actor=staff)
    entries = AuditEntry.objects.filter(action="wave_unpublished")
    assert entries.count() == 1 and entries.get().actor == staff


@pytest.mark.parametrize("slug", ["verwalten", "lesehilfe", "Gross", "mit leerzeichen", "-x"])
def test_survey_create_refuses_short_names_that_no_address_could_reach(slug):
    with pytest.raises(SurveyInvalid) as refused:
        survey_create(slug=slug, name="Eine Befragung", actor=None)
    assert "Kurzname" in refused.value.message or "Kurzname" in str(refused.value)
    assert not Survey.objects.exists()
