"""manage.py monitor_import / monitor_export (issue 11 §1, §2): the German report, exit code 1 on
problems with nothing written, the survey created when missing, --replace, --check, the export files."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from revier.core.models import AuditEntry
from revier.monitor.models import Estimate, Respondent, Survey, Wave
from tests.monitor.sample import csv_bytes, sample_folder, sample_rows

pytestmark = pytest.mark.django_db


def run_import(*extra, **files):
    folder = sample_folder()
    arguments = {"microdata": folder / "microdata.csv", "codebook": folder / "codebook.json",
                 "margins": folder / "margins.json", **files}
    out, err = io.StringIO(), io.StringIO()
    args = ["monitor_import", "--survey", "mdm", *extra]
    for name, path in arguments.items():
        args += [f"--{name}", str(path)]
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        return error, out.getvalue(), err.getvalue()
    return None, out.getvalue(), err.getvalue()


def test_monitor_import_creates_the_survey_and_imports_the_wave():
    error, out, _err = run_import("--wave", "2024", "--scheme", "B")
    assert error is None
    survey = Survey.objects.get(slug="mdm")
    assert survey.name == "Synthetischer Monitor (Mitteldeutsches Revier)" and survey.synthetic
    wave = Wave.objects.get(survey=survey, year=2024)
    assert wave.status == Wave.Status.DRAFT and Respondent.objects.filter(wave=wave).count() == 2000
    assert "Befragung „Synthetischer Monitor (Mitteldeutsches Revier)“ (mdm) angelegt." in out
    assert "Welle 2024 von „Synthetischer Monitor (Mitteldeutsches Revier)“ importiert: 2000 Befragte, 5 Fragen, 115 Ergebnisse." in out
    assert "Gewichtung nach B (district_x_sex, age_group, education)" in out and "Designeffekt 1,58" in out
    assert AuditEntry.objects.filter(action="survey_created").count() == 1


def test_monitor_import_with_a_name_scheme_as_margins_and_bounds(tmp_path):
    error, out, _err = run_import("--wave", "2023", "--survey-name", "Mitteldeutschland-Monitor", "--scheme",
                                  "district_x_sex,age_group,education", "--bounds", "0.1,20",
                                  margins=sample_folder() / "margins.csv")
    assert error is None, out
    wave = Wave.objects.get(survey__name="Mitteldeutschland-Monitor", year=2023)
    assert (wave.bound_lower, wave.bound_upper) == (0.1, 20.0)


def test_monitor_import_reports_problems_with_exit_code_1_and_writes_nothing(tmp_path):
    header, rows = sample_rows()
    rows[5][0] = rows[4][0]
    bad = tmp_path / "microdata.csv"
    bad.write_bytes(csv_bytes(header, rows))
    error, _out, err = run_import("--wave", "2023", "--scheme", "B", microdata=bad)
    assert error is not None and error.returncode == 1
    assert "Korrigieren Sie die Dateien" in str(error)
    assert err.startswith("Die Welle wurde nicht importiert:\n- In microdata.csv kommt 1 resp_id mehrfach vor")
    assert not Survey.objects.exists() and not Wave.objects.exists()


def test_monitor_import_infeasible_scheme_into_an_existing_survey():
    Survey.objects.create(slug="mdm", name="MDM")
    error, _out, err = run_import("--wave", "2024", "--scheme", "A")
    assert error.returncode == 1 and "Das Gewichtungsschema A lässt sich" in err
    assert not Wave.objects.exists()


def test_monitor_import_refuses_an_existing_wave_unless_replace():
    assert run_import("--wave", "2024", "--scheme", "B")[0] is None
    error, _out, err = run_import("--wave", "2024", "--scheme", "B")
    assert error.returncode == 1 and "hat bereits eine Welle 2024" in err
    error, out, _err = run_import("--wave", "2024", "--scheme", "B", "--replace")
    assert error is None and "importiert" in out
    assert Wave.objects.count() == 1 and Respondent.objects.count() == 2000


def test_monitor_import_check_writes_nothing():
    error, out, _err = run_import("--wave", "2024", "--check")
    assert error is None
    assert "Die Dateien der Welle 2024 sind in Ordnung (2000 Befragte, 5 Fragen); nichts wurde gespeichert." in out
    assert "2.000 Zeilen anderer Wellen (2023)" in out
    assert not Survey.objects.exists() and not Wave.objects.exists()


@pytest.mark.parametrize("extra", [["--bounds", "viel"], ["--survey-name", "x"]])
def test_monitor_import_bad_arguments(extra, tmp_path):
    if extra[0] == "--survey-name":
        error, _out, _err = run_import("--wave", "2024", *extra, microdata=tmp_path / "fehlt.csv")
        assert "fehlt.csv kann nicht gelesen werden" in str(error)
    else:
        error, _out, _err = run_import("--wave", "2024", *extra)
        assert "Grenzen der Gewichte" in str(error)
    assert not Survey.objects.exists()


def test_monitor_export_writes_weights_and_estimates(tmp_path):
    run_import("--wave", "2024", "--scheme", "B")
    out = io.StringIO()
    call_command("monitor_export", "--survey", "mdm", "--wave", "2024", "--out", str(tmp_path / "export"), stdout=out)
    weights = list(csv.reader((tmp_path / "export" / "weights.csv").open(encoding="utf-8", newline="")))
    estimates = list(csv.reader((tmp_path / "export" / "estimates.csv").open(encoding="utf-8", newline="")))
    assert weights[0] == ["resp_id", "weight"] and len(weights) == 2001
    assert estimates[0][:4] == ["question", "group_var", "group_value", "n"] and len(estimates) == 1 + Estimate.objects.count()
    assert "in " + str(tmp_path / "export") + " geschrieben" in out.getvalue()
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == ["estimates.csv", "weights.csv"]


def test_monitor_export_unknown_survey_or_wave(tmp_path):
    with pytest.raises(CommandError, match="keine Befragung mit dem Kurznamen nix"):
        call_command("monitor_export", "--survey", "nix", "--wave", "2024", "--out", str(tmp_path))
    run_import("--wave", "2024", "--scheme", "B")
    with pytest.raises(CommandError, match=r"keine Welle 2020 \(Wellen: 2024\)"):
        call_command("monitor_export", "--survey", "mdm", "--wave", "2020", "--out", str(tmp_path))
