"""`manage.py monitor_export --survey SLUG --wave YEAR --out DIR`: writes the wave's weights.csv
(resp_id, weight) and estimates.csv (docs/monitor.md, "Austauschformat") into DIR (created when
missing). Each file is written beside its target and renamed: never a half-written file."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from revier.monitor.export import estimates_csv, weights_csv
from revier.monitor.models import Survey, Wave


class Command(BaseCommand):
    help = "Writes weights.csv and estimates.csv of a survey wave."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True, help="short name (slug) of the survey")
        parser.add_argument("--wave", required=True, type=int, help="year of the wave")
        parser.add_argument("--out", required=True, help="folder to write the files into")

    def handle(self, *args, **options):
        survey = Survey.objects.filter(slug=options["survey"]).first()
        if survey is None:
            raise CommandError(_("There is no survey with the short name %(slug)s.") % {"slug": options["survey"]})
        wave = Wave.objects.filter(survey=survey, year=options["wave"]).first()
        if wave is None:
            years = ", ".join(str(y) for y in Wave.objects.filter(survey=survey).order_by("year").values_list("year", flat=True))
            raise CommandError(_("%(survey)s has no wave %(year)s (waves: %(years)s).") % {
                "survey": survey.name, "year": options["wave"], "years": years or "–"})
        out = Path(options["out"])
        try:
            out.mkdir(parents=True, exist_ok=True)
            for name, text in (("weights.csv", weights_csv(wave)), ("estimates.csv", estimates_csv(wave))):
                with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=out, delete=False, suffix=".tmp") as handle:
                    handle.write(text)
                os.replace(handle.name, out / name)
        except OSError as error:
            raise CommandError(_("The folder %(path)s cannot be written: %(error)s") % {"path": out, "error": error.strerror})
        if options["verbosity"] >= 1:
            self.stdout.write(_("weights.csv and estimates.csv of wave %(year)s written to %(path)s.") % {
                "year": wave.year, "path": out})
