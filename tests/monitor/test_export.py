"""revier/monitor/export.py: weights.csv, estimates.csv (full precision, columns as issue 11 §2 says) and
the public CSV of a question (published waves only, no weights, suppressed cells blank)."""

import csv
import io

import pytest

from revier.monitor.export import ESTIMATES_COLUMNS, estimates_csv, question_csv, weights_csv
from revier.monitor.models import GROUP_VARS, Estimate, Question, Respondent, Survey, Wave
from revier.monitor.services import wave_import, wave_publish
from tests.monitor.sample import csv_bytes, sample_files, sample_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return Survey.objects.create(slug="mdm", name="Mitteldeutschland-Monitor")


def imported(survey, year, files=None):
    return wave_import(survey=survey, year=year, files=files or sample_files(), scheme=["B"], actor=None)


def table(text):
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_weights_csv_has_every_respondent_with_the_stored_weight_in_full_precision(survey):
    wave = imported(survey, 2024)
    header, rows = table(weights_csv(wave))
    assert header == ["resp_id", "weight"]
    stored = list(Respondent.objects.filter(wave=wave).order_by("pk").values_list("resp_id", "weight"))
    assert [(resp_id, float(weight)) for resp_id, weight in rows] == stored
    assert rows[0][0] == "W2024-00001"


def test_estimates_csv_columns_order_and_precision(survey):
    wave = imported(survey, 2023)
    header, rows = table(estimates_csv(wave))
    assert header == ["question", "group_var", "group_value", "n", "sum_w", "p_unweighted", "p", "n_eff", "deff_kish",
                      "wilson_lo", "wilson_hi"] == list(ESTIMATES_COLUMNS)
    assert len(rows) == Estimate.objects.filter(wave=wave).count() == 5 * 23
    # questions in codebook order, "all" first, then the groups in GROUP_VARS order, values as numbers
    assert rows[0][:3] == ["q1_lebenszufriedenheit", "all", ""]
    q1 = [row for row in rows if row[0] == "q1_lebenszufriedenheit"]
    assert [row[1] for row in q1] == ["all"] + ["district_code"] * 9 + ["state"] * 3 + ["sex"] * 2 + ["age_group"] * 5 + ["education"] * 3
    assert [row[2] for row in q1 if row[1] == "age_group"] == ["1", "2", "3", "4", "5"]
    assert list(dict.fromkeys(row[1] for row in q1)) == ["all", *GROUP_VARS]
    for row in rows:
        stored = Estimate.objects.get(wave=wave, question__code=row[0], group_var=row[1], group_value=row[2])
        assert int(row[3]) == stored.n
        for column, value in zip(header[4:], row[4:]):
            assert float(value) == getattr(stored, column), (row[:3], column)  # exact: repr round-trips


def test_export_cells_that_would_be_formulas_are_neutralised(survey):
    header, rows = sample_rows()
    rows = [row for row in rows if row[1] == "2024"]
    rows[0][0] = "=HYPERLINK(1)"
    rows[1][0] = "@SUM(A1)"
    wave = imported(survey, 2024, sample_files(microdata=csv_bytes(header, rows)))
    _header, exported = table(weights_csv(wave))
    assert exported[0][0] == "'=HYPERLINK(1)" and exported[1][0] == "'@SUM(A1)"


def test_question_csv_shows_published_waves_only_without_weights_and_blanks_suppressed_cells(survey, django_assert_max_num_queries):
    older = imported(survey, 2023)
    newer = imported(survey, 2024)
    question = Question.objects.get(survey=survey, code="q3_energiewende")
    header, rows = table(question_csv(question))
    assert rows == []  # nothing published yet
    wave_publish(wave=older, actor=None)
    wave_publish(wave=newer, actor=None)
    Wave.objects.filter(pk=newer.pk).update(min_cell=150)
    with django_assert_max_num_queries(3):
        header, rows = table(question_csv(question))
    assert header == ["survey", "question", "year", "group_var", "group_value", "group_label", "n", "suppressed", "p",
                      "wilson_lo", "wilson_hi", "n_eff", "deff_kish", "share_1", "share_2", "share_3", "share_4", "share_9"]
    assert not any("weight" in column or column == "sum_w" for column in header)
    assert [row[2] for row in rows] == ["2023"] * 23 + ["2024"] * 23
    by_key = {(row[2], row[3], row[4]): dict(zip(header, row)) for row in rows}
    everyone = by_key[("2024", "all", "")]
    stored = Estimate.objects.get(wave=newer, question=question, group_var="all")
    assert everyone["group_label"] == "Alle Befragten" and everyone["suppressed"] == "0"
    assert float(everyone["p"]) == stored.p and float(everyone["wilson_hi"]) == stored.wilson_hi
    assert sum(float(everyone[f"share_{code}"]) for code in ("1", "2", "3", "4", "9")) == pytest.approx(1)
    assert by_key[("2024", "district_code", "14713")]["group_label"] == "Stadt Leipzig"
    assert by_key[("2024", "sex", "2")]["group_label"] == "weiblich"
    assert by_key[("2024", "state", "Thüringen")]["group_label"] == "Thüringen"
    small = [row for key, row in by_key.items() if key[0] == "2024" and int(row["n"]) < 150]
    assert small, "the test needs cells below the minimum"
    for row in small:
        assert row["suppressed"] == "1" and row["n"] != ""
        assert all(row[column] == "" for column in ("p", "wilson_lo", "wilson_hi", "n_eff", "deff_kish", "share_1", "share_9"))
    # the older wave keeps its minimum of 30: the same district shown there
    assert by_key[("2023", "district_code", "16077")]["suppressed"] == "0"
