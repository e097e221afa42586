"""Import of a large Monitor wave (issue 11 §2: 20,000 respondents × 60 questions in < 5 s): a synthetic
wave in the exchange format (docs/monitor.md, "Austauschformat"), then wave_check and wave_import in
process against a real database, timed per stage.

    .venv/bin/python bench/monitor_import.py [--respondents 20000] [--questions 60] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_bench .venv/bin/python bench/monitor_import.py  # an existing database
    .venv/bin/python bench/monitor_import.py --write var/monitor-wave     # only write the three files

Without DATABASE_URL a fresh SQLite file (var/bench-monitor-import.sqlite3) is migrated and used. The
database must be one for benchmarks: the script creates the survey "bench-monitor-import" and deletes it
(with its waves) at the end, unless --keep. The wave is biased like an online panel (young, educated,
urban), weighted by district × sex, age group and education within 0.2–5; questions are 5-point scales
with a "weiß nicht" code 9. Stages are the progress steps of the import (reading, checking, weighting,
estimates, writing); wall-clock and CPU seconds are printed for each (on a shared machine the CPU time
says what an idle one would take).
"""

import argparse
import csv
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SLUG = "bench-monitor-import"
YEAR = 2024
DISTRICTS = {  # AGS: (name, state, population 16+, share in the panel)
    "14713": ("Stadt Leipzig", "Sachsen", 516810, 0.36), "14729": ("Landkreis Leipzig", "Sachsen", 226524, 0.10),
    "14730": ("Nordsachsen", "Sachsen", 172928, 0.07), "15002": ("Stadt Halle (Saale)", "Sachsen-Anhalt", 208750, 0.16),
    "15082": ("Anhalt-Bitterfeld", "Sachsen-Anhalt", 137532, 0.06), "15084": ("Burgenlandkreis", "Sachsen-Anhalt", 155561, 0.06),
    "15087": ("Mansfeld-Südharz", "Sachsen-Anhalt", 115079, 0.04), "15088": ("Saalekreis", "Sachsen-Anhalt", 159563, 0.10),
    "16077": ("Altenburger Land", "Thüringen", 77870, 0.05),
}
SEX = {"1": ("männlich", 0.49, 0.55), "2": ("weiblich", 0.51, 0.45)}  # label, population, panel
AGE = {"1": ("16-29", 0.15, 0.26), "2": ("30-44", 0.23, 0.30), "3": ("45-59", 0.22, 0.22), "4": ("60-74", 0.25, 0.17),
       "5": ("75+", 0.15, 0.05)}
EDUCATION = {"1": ("niedrig", 0.15, 0.07), "2": ("mittel", 0.51, 0.40), "3": ("hoch", 0.34, 0.53)}
ANSWERS = {"1": "stimme voll zu", "2": "stimme eher zu", "3": "teils/teils", "4": "stimme eher nicht zu",
           "5": "stimme gar nicht zu", "9": "weiß nicht / keine Angabe"}


def generate(respondents: int, questions: int, seed: int) -> dict[str, bytes]:
    """microdata.csv, codebook.json and margins.json of one synthetic wave."""
    rng = np.random.default_rng(seed)
    codes = list(DISTRICTS)
    panel = np.array([DISTRICTS[c][3] for c in codes])
    district = rng.choice(len(codes), size=respondents, p=panel / panel.sum())
    sex = rng.choice(2, size=respondents, p=[s[2] for s in SEX.values()])
    age = rng.choice(5, size=respondents, p=[a[2] for a in AGE.values()])
    education = rng.choice(3, size=respondents, p=[e[2] for e in EDUCATION.values()])
    # answers: a latent score that depends on the groups (so that weighting moves the estimates)
    answers = []
    for q in range(questions):
        effects = rng.normal(0, 0.4, size=4)
        latent = (effects[0] * (age - 2) / 2 + effects[1] * (education - 1) + effects[2] * (district < 4)
                  + effects[3] * sex + rng.normal(0, 1, size=respondents) + rng.normal(0, 0.5))
        answer = np.digitize(latent, [-1.0, -0.3, 0.4, 1.1]) + 1
        answer[rng.random(respondents) < 0.04] = 9
        answers.append(answer)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    question_codes = [f"q{q + 1:02d}" for q in range(questions)]
    writer.writerow(["resp_id", "wave", "district_code", "state", "sex", "age_group", "education", *question_codes])
    for i in range(respondents):
        writer.writerow([f"B{YEAR}-{i + 1:06d}", YEAR, codes[district[i]], DISTRICTS[codes[district[i]]][1], sex[i] + 1,
                         age[i] + 1, education[i] + 1, *(a[i] for a in answers)])
    codebook = {
        "title": "Benchmark-Monitor - Codebuch", "synthetic": True, "universe": "Bevölkerung ab 16 Jahren (synthetisch)",
        "mode": "Online-Access-Panel (synthetisch)", "field_periods": {str(YEAR): [f"{YEAR}-03-01", f"{YEAR}-03-21"]},
        "variables": {
            "district_code": {"label": "Kreis", "values": {c: DISTRICTS[c][0] for c in codes}},
            "state": {"label": "Bundesland", "values_by_district": {c: DISTRICTS[c][1] for c in codes}},
            "sex": {"label": "Geschlecht", "values": {k: v[0] for k, v in SEX.items()}},
            "age_group": {"label": "Altersgruppe", "values": {k: v[0] for k, v in AGE.items()}},
            "education": {"label": "Schulbildung", "values": {k: v[0] for k, v in EDUCATION.items()}},
        },
        "questions": [
            {"id": code, "text": f"Aussage {q + 1}: Wie sehr stimmen Sie zu?", "short": f"Aussage {q + 1}", "scale_points": 5,
             "values": ANSWERS, "missing_codes": [9], "top_box_codes": [1, 2], "top_box_label": "stimme (eher) zu"}
            for q, code in enumerate(question_codes)
        ],
    }
    total = sum(d[2] for d in DISTRICTS.values())
    margins = {
        "population": "Bevölkerung ab 16 Jahren (Kreise amtlich, Aufteilung modelliert)", "reference_date": "2023-12-31",
        "schemes": {"B": {"margins": ["district_x_sex", "age_group", "education"]}}, "default_scheme": "B",
        "margins": {
            "district_x_sex": [{"district_code": c, "sex": int(s), "population": DISTRICTS[c][2] * SEX[s][1]}
                               for c in codes for s in SEX],
            "age_group": [{"age_group": int(a), "population": total * AGE[a][1]} for a in AGE],
            "education": [{"education": int(e), "population": total * EDUCATION[e][1]} for e in EDUCATION],
        },
    }
    return {
        "microdata.csv": buffer.getvalue().encode("utf-8"),
        "codebook.json": json.dumps(codebook, ensure_ascii=False).encode("utf-8"),
        "margins.json": json.dumps(margins, ensure_ascii=False).encode("utf-8"),
    }


class Stages:
    """The import's progress calls as stage boundaries, with wall-clock and CPU time."""

    def __init__(self):
        self.marks = [("start", time.perf_counter(), time.process_time())]

    def __call__(self, percent: int, text: str) -> None:
        self.marks.append((f"{percent:3d} % {text}", time.perf_counter(), time.process_time()))

    def report(self, title: str) -> float:
        self.marks.append(("end", time.perf_counter(), time.process_time()))
        total = self.marks[-1][1] - self.marks[0][1]
        cpu = self.marks[-1][2] - self.marks[0][2]
        print(f"{title}: {total:.2f} s (CPU {cpu:.2f} s)")
        for (name, wall, proc), (_next, wall2, proc2) in zip(self.marks, self.marks[1:]):
            print(f"    {name:<48} {wall2 - wall:6.2f} s  (CPU {proc2 - proc:5.2f} s)")
        return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=20_000)
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", help="only write the three files into this folder")
    parser.add_argument("--keep", action="store_true", help="keep the survey and its wave in the database")
    args = parser.parse_args()

    began = time.perf_counter()
    files = generate(args.respondents, args.questions, args.seed)
    print(f"{args.respondents} respondents × {args.questions} questions generated in {time.perf_counter() - began:.1f} s "
          f"(microdata {len(files['microdata.csv']) / 1e6:.1f} MB)")
    if args.write:
        folder = Path(args.write)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)
        print(f"written to {folder}")
        return

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")
    for key, value in (("DEBUG", "true"), ("SECRET_KEY", "bench"), ("SITE_URL", "http://127.0.0.1:8000")):
        os.environ.setdefault(key, value)
    if "DATABASE_URL" not in os.environ:
        path = ROOT / "var" / "bench-monitor-import.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from revier.monitor.importing import UploadedFile, WaveFiles, wave_check
    from revier.monitor.models import Estimate, Respondent, Survey
    from revier.monitor.services import survey_create, wave_import

    settings.DEBUG = False  # no query log in memory
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    wave_files = WaveFiles(*(UploadedFile(name, content) for name, content in files.items()))

    Survey.objects.filter(slug=SLUG).delete()
    stages = Stages()
    check = wave_check(year=YEAR, files=wave_files, scheme=["B"], progress=stages)
    stages.report("wave_check")
    if not check.ok:
        raise SystemExit("\n".join(problem.message for problem in check.problems))
    print(f"    weighting: {check.weighting['sweeps']} iterations, weights {check.weighting['weight_min']:.2f}–"
          f"{check.weighting['weight_max']:.2f}, design effect {check.weighting['deff']:.2f}")

    survey = survey_create(slug=SLUG, name="Benchmark-Monitor", actor=None, synthetic=True)
    stages = Stages()
    wave = wave_import(survey=survey, year=YEAR, files=wave_files, scheme=["B"], actor=None, progress=stages)
    total = stages.report("wave_import")
    print(f"    stored: {Respondent.objects.filter(wave=wave).count()} respondents, "
          f"{Estimate.objects.filter(wave=wave).count()} estimates")
    stages = Stages()
    wave_import(survey=survey, year=YEAR, files=wave_files, scheme=["B"], actor=None, replace=True, progress=stages)
    stages.report("wave_import, replacing the wave")
    budget = "met" if total < 5 else "missed"
    print(f"budget (issue 11: import and weighting < 5 s): {total:.2f} s, {budget}")
    if not args.keep:
        survey.delete()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
