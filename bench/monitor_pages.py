"""Server time of the Monitor's results pages at 20,000 respondents (issue 11 §5: < 50 ms per page).

    .venv/bin/python bench/monitor_pages.py [--respondents 20000] [--questions 60] [--requests 50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_bench_monitor .venv/bin/python bench/monitor_pages.py

Two waves (2023 and 2024) of bench/monitor_import.py's synthetic survey are imported through
monitor.services.wave_import (a fresh SQLite file var/bench-monitor-pages.sqlite3 without
DATABASE_URL; with it, the database is migrated and the survey "bench-monitor-import" replaced) and
published. Each page is then requested through Django's whole middleware stack in this process
(settings as in production: DEBUG off, no page cache, PAGE_CACHE_SECONDS=0), first with the kept
parts switched off (FRAGMENT_CACHE_SECONDS=0: every request renders everything and reads every
figure, the worst case) and then with them on (the default): two warm-up requests, then
`--requests` timed. Printed per page: the median and the slowest server time (wall clock) and CPU
per request, and the SQL statements per request. Query counts do not depend on the number of
respondents: the pages read the estimates stored at import, never the respondents.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=20_000)
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    os.environ.update(DJANGO_SETTINGS_MODULE="revier.settings", DEBUG="false", PAGE_CACHE_SECONDS="0",
                      ALLOWED_HOSTS="testserver,127.0.0.1", LOG_LEVEL="WARNING", REDIS_URL="",
                      STATIC_ROOT=str(ROOT / "var" / "bench-static-monitor"))  # manifest static files, as served
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 40)
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    if "DATABASE_URL" not in os.environ:
        path = ROOT / "var" / "bench-monitor-pages.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from monitor_import import SLUG, generate
    from revier.core.fragments import forget_fragments
    from revier.monitor.importing import UploadedFile, WaveFiles
    from revier.monitor.models import Question, Respondent, Survey
    from revier.monitor.services import survey_create, wave_import, wave_publish

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    Survey.objects.filter(slug=SLUG).delete()
    survey = survey_create(slug=SLUG, name="Benchmark-Monitor", actor=None, synthetic=True)
    began = time.perf_counter()
    for year, seed in ((2023, 2), (2024, 1)):
        files = generate(args.respondents, args.questions, seed)
        files["microdata.csv"] = files["microdata.csv"].replace(b",2024,", f",{year},".encode())
        wave_files = WaveFiles(*(UploadedFile(name, content) for name, content in files.items()))
        wave = wave_import(survey=survey, year=year, files=wave_files, scheme=["B"], actor=None)
        wave_publish(wave=wave, actor=None)
    print(f"database: {connection.vendor}; 2 waves of {Respondent.objects.filter(wave__survey=survey).count() // 2} "
          f"respondents × {args.questions} questions imported and published in {time.perf_counter() - began:.1f} s")

    question = Question.objects.filter(survey=survey).order_by("position", "code").first()
    pages = [
        ("survey start page", reverse("monitor:survey", args=[SLUG])),
        ("question (by district)", reverse("monitor:question", args=[SLUG, question.code])),
        ("question by age group", reverse("monitor:question", args=[SLUG, question.code]) + "?gruppe=age_group"),
        ("question, earlier wave", reverse("monitor:question", args=[SLUG, question.code]) + "?welle=2023&gruppe=education"),
        ("methods page", reverse("monitor:methods", args=[SLUG, 2024])),
        ("CSV of a question", reverse("monitor:question-csv", args=[SLUG, question.code])),
    ]
    client = Client()
    print()
    print("| page | kept parts | server ms / request (median) | slowest ms | CPU ms / request | SQL statements | budget < 50 ms |")
    print("|---|---|---:|---:|---:|---:|---|")
    for kept in (False, True):
        settings.FRAGMENT_CACHE_SECONDS = 300 if kept else 0
        forget_fragments()
        for name, url in pages:
            for _ in range(2):
                assert client.get(url).status_code == 200, url
            walls, cpus = [], []
            for _ in range(args.requests):
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                assert response.status_code == 200
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            median = statistics.median(walls)
            print(f"| {name} `{url}` | {'on' if kept else 'off'} | {median:.1f} | {max(walls):.1f} | "
                  f"{statistics.median(cpus):.1f} | {len(queries)} | {'met' if median < 50 else 'MISSED'} |")
    print(f"\nload average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
