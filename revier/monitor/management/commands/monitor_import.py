"""`manage.py monitor_import --survey SLUG --wave YEAR --microdata F --codebook F --margins F --scheme NAME[,NAME…]
[--bounds 0.2,5] [--replace] [--survey-name NAME] [--check]`: imports a wave in the exchange format
(docs/monitor.md, "Austauschformat") the way the staff upload does, through importing and
services.wave_import. Prints the German report; exit code 1 when the files have problems (nothing is
then written). A survey that does not exist yet is created, once the files have passed the check."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from revier.monitor.importing import UploadedFile, WaveFiles, wave_check
from revier.monitor.importing.files import MAX_SIDE_FILE_BYTES
from revier.monitor.importing.wave import MAX_MICRODATA_BYTES
from revier.monitor.models import Estimate, Survey
from revier.monitor.services import SurveyInvalid, WaveImportInvalid, survey_create, wave_import


def _decimal(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


class Command(BaseCommand):
    help = "Imports a survey wave from microdata, codebook and margins files (docs/monitor.md, Austauschformat)."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True, help="short name (slug) of the survey; created when missing")
        parser.add_argument("--survey-name", default="", help="name of a survey that is created (default: the codebook's title)")
        parser.add_argument("--wave", required=True, type=int, help="year of the wave")
        parser.add_argument("--microdata", required=True, help="microdata file (.csv or .xlsx)")
        parser.add_argument("--codebook", required=True, help="codebook.json")
        parser.add_argument("--margins", required=True, help="margins file (.csv, .xlsx or .json)")
        parser.add_argument("--scheme", default="", help="a scheme of margins.json or margin names, comma-separated "
                                                         "(default: the margins file's default scheme)")
        parser.add_argument("--bounds", default="0.2,5", help="lower and upper weight bound relative to the mean (default 0.2,5)")
        parser.add_argument("--replace", action="store_true", help="replace an existing wave of that year")
        parser.add_argument("--check", action="store_true", help="only check and weight, write nothing")

    def _read(self, path: str, limit: int) -> UploadedFile:
        try:
            with open(path, "rb") as handle:
                content = handle.read(limit + 1)  # one byte more: the check then says the file is too large
        except OSError as error:
            raise CommandError(_("The file %(path)s cannot be read: %(error)s") % {"path": path, "error": error.strerror})
        return UploadedFile(name=Path(path).name, content=content)

    def _report(self, problems, notes=()) -> None:
        for note in notes:
            self.stdout.write(note)
        self.stderr.write(_("The wave was not imported:"))
        for problem in problems:
            self.stderr.write(f"- {problem.message}")

    def handle(self, *args, **options):
        try:
            lower, upper = (float(part.replace(",", ".")) for part in options["bounds"].split(",", 1))
        except ValueError:
            raise CommandError(_("Please give the weight bounds as two numbers separated by a comma, e.g. --bounds 0.2,5."))
        files = WaveFiles(
            microdata=self._read(options["microdata"], MAX_MICRODATA_BYTES),
            codebook=self._read(options["codebook"], MAX_SIDE_FILE_BYTES),
            margins=self._read(options["margins"], MAX_SIDE_FILE_BYTES),
        )
        scheme = [part for part in options["scheme"].split(",") if part.strip()]
        year, slug = options["wave"], options["survey"]
        survey = Survey.objects.filter(slug=slug).first()
        if options["check"] or survey is None:
            check = wave_check(year=year, files=files, scheme=scheme, bounds=(lower, upper))
            if not check.ok:
                self._report(check.problems, check.notes)
                raise CommandError(_("Please correct the files and run the import again."), returncode=1)
            if options["check"]:
                for note in check.notes:
                    self.stdout.write(note)
                self.stdout.write(_("The files of wave %(year)s are in order (%(n)s respondents, %(questions)s questions); "
                                    "nothing was written.") % {"year": year, "n": check.n, "questions": len(check.questions)})
                self._weighting(check.weighting)
                return
        if survey is None:
            try:
                title = str(json.loads(files.codebook.content.decode("utf-8-sig")).get("title") or "")
            except (ValueError, AttributeError, UnicodeDecodeError):
                title = ""
            name = options["survey_name"] or title.split(" - ")[0].split(" – ")[0] or slug
            try:
                survey = survey_create(slug=slug, name=name[:200], actor=None)
            except SurveyInvalid as error:
                raise CommandError(str(error))
            self.stdout.write(_("Survey „%(name)s“ (%(slug)s) created.") % {"name": survey.name, "slug": survey.slug})
        try:
            wave = wave_import(survey=survey, year=year, files=files, scheme=scheme, bounds=(lower, upper), actor=None,
                               replace=options["replace"])
        except WaveImportInvalid as error:
            self._report(error.problems)
            raise CommandError(_("Please correct the files and run the import again."), returncode=1)
        self.stdout.write(_("Wave %(year)s of „%(survey)s“ imported: %(n)s respondents, %(questions)s questions, "
                            "%(estimates)s results. It is not published yet.") % {
            "year": wave.year, "survey": survey.name, "n": wave.n,
            "questions": Estimate.objects.filter(wave=wave, group_var="all").count(),
            "estimates": Estimate.objects.filter(wave=wave).count()})
        self._weighting(wave.weighting_report)

    def _weighting(self, report: dict) -> None:
        self.stdout.write(_("Weighting by %(scheme)s (%(margins)s): %(sweeps)s iterations, weights %(low)s to %(high)s "
                            "(%(upper)s at the upper bound), n_eff %(n_eff)s, design effect %(deff)s.") % {
            "scheme": report["scheme"], "margins": ", ".join(report["margins"]), "sweeps": report["sweeps"],
            "low": _decimal(report["weight_min"]), "high": _decimal(report["weight_max"]),
            "upper": report["weights_at_upper"], "n_eff": _decimal(report["n_eff"], 0), "deff": _decimal(report["deff"])})
