"""The staff upload of a wave (issue 11 §1): services and the worker task of its background run.

Staff upload the three files (import_run_create); the worker checks them (importing.wave_check:
reads, validates, weights, writes nothing) and stores the German report; staff confirm
(import_run_confirm) and the worker imports the wave, all or nothing (services.wave_import). A large
file is never read, checked or weighted in the request. The files live in the database only while
the run needs them: when the run ends (imported, failed, cancelled — also a checked run nobody
confirmed within MONITOR_IMPORT_KEEP_DAYS) their content is emptied.

The worker writes its progress in short transactions of their own so the run's page shows it while
it works; they also tell a run still worked on from one whose worker died (the machine restarted,
the process was killed): a run without a sign of life for MONITOR_IMPORT_STALE_SECONDS is queued
again (a check writes nothing; an import is one transaction, rolled back with the dead connection),
at most three times in all, then it fails with a German message. An import whose transaction had
committed just before its worker died is found by its wave and counts as done.
"""

import json
import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from revier.core.errors import DomainError
from revier.core.services import audit_log
from revier.monitor import importing, services
from revier.monitor.models import ImportRun, Survey, Wave

logger = logging.getLogger(__name__)

Status = ImportRun.Status
MAX_ATTEMPTS = 3
# The report keeps at most this many problems of one kind (and the count of all): a file with a
# wrong code in every row must not make a report of 20,000 sentences.
PROBLEMS_PER_KIND = 100


class ImportRunError(DomainError):
    message = gettext_lazy("The upload could not be processed.")


class RunNotChecked(ImportRunError):
    message = gettext_lazy("The files have not been checked yet. Please wait until the check has finished.")


class RunHasProblems(ImportRunError):
    message = gettext_lazy(
        "The check found problems, so this wave cannot be imported. Please correct the files and upload them again."
    )


class RunAlreadyImporting(ImportRunError):
    message = gettext_lazy("The import is already running and can no longer be cancelled. Please wait until it has finished.")


class RunFinished(ImportRunError):
    message = gettext_lazy("This upload has already been finished. Please upload the files again to start anew.")


@dataclass(frozen=True)
class RunInput:
    """What staff chose for an upload: an existing survey or a new one (slug and name), the wave's
    year, the margins the raking visits in order, the weight bounds and whether an existing wave of
    that year is replaced."""

    year: int
    scheme: tuple[str, ...]
    bounds: tuple[float, float] = (0.2, 5.0)
    replace: bool = False
    survey: Survey | None = None
    new_survey_slug: str = ""
    new_survey_name: str = ""


# ---------------------------------------------------------------------------------------------
# Services of the staff pages


@transaction.atomic(durable=True)
def import_run_create(*, data: RunInput, files: importing.WaveFiles, actor) -> ImportRun:
    """Stores the upload and queues its check for the worker; nothing is read or checked here."""
    if data.survey is None and not (data.new_survey_slug and data.new_survey_name):
        raise ImportRunError(_("Please choose a survey or enter the short name and the name of a new one."))
    run = ImportRun.objects.create(
        survey=data.survey,
        new_survey_slug="" if data.survey else data.new_survey_slug,
        new_survey_name="" if data.survey else data.new_survey_name,
        year=data.year,
        scheme=list(data.scheme),
        bound_lower=data.bounds[0],
        bound_upper=data.bounds[1],
        replace=data.replace,
        microdata_name=files.microdata.name,
        microdata=files.microdata.content,
        microdata_size=len(files.microdata.content),
        codebook_name=files.codebook.name,
        codebook=files.codebook.content,
        codebook_size=len(files.codebook.content),
        margins_name=files.margins.name,
        margins=files.margins.content,
        margins_size=len(files.margins.content),
        offered_schemes=dict(zip(("schemes", "default"), schemes_in(files.margins), strict=True)),
        created_by=actor if getattr(actor, "pk", None) else None,
        progress_text=_("Waiting for the background service."),
    )
    audit_log(actor=actor, action="import_run_created", obj=run,
              data={"year": run.year, "scheme": run.scheme, "survey": run.survey_id or run.new_survey_slug,
                    "files": [run.microdata_name, run.codebook_name, run.margins_name]})
    return run


@transaction.atomic(durable=True)
def import_run_recheck(*, run: ImportRun, scheme: Sequence[str], bounds: tuple[float, float], replace: bool,
                       actor) -> ImportRun:
    """A checked run checked again with another scheme, other bounds or the replace flag changed
    (the files stay): e.g. when the report says a margin cannot be met within the bounds."""
    run = _lock(run.pk)
    if run.status in (Status.QUEUED_CHECK, Status.CHECKING):
        return run
    if run.status != Status.CHECKED:
        raise RunFinished()
    run.scheme, run.bound_lower, run.bound_upper, run.replace = list(scheme), bounds[0], bounds[1], replace
    run.status, run.report, run.checked_at, run.attempts = Status.QUEUED_CHECK, {}, None, 0
    run.progress, run.progress_text = 0, _("Waiting for the background service.")
    run.save(update_fields=["scheme", "bound_lower", "bound_upper", "replace", "status", "report", "checked_at",
                            "attempts", "progress", "progress_text"])
    audit_log(actor=actor, action="import_run_rechecked", obj=run,
              data={"scheme": run.scheme, "bounds": [run.bound_lower, run.bound_upper], "replace": replace})
    return run


@transaction.atomic(durable=True)
def import_run_confirm(*, run: ImportRun, actor) -> ImportRun:
    """Staff confirm a run checked without problems: the worker imports it. Confirming again (a
    double click) changes nothing."""
    run = _lock(run.pk)
    if run.status in (Status.QUEUED_IMPORT, Status.IMPORTING, Status.DONE):
        return run
    if run.status in (Status.QUEUED_CHECK, Status.CHECKING):
        raise RunNotChecked()
    if run.status != Status.CHECKED:
        raise RunFinished()
    if not run.check_ok:
        raise RunHasProblems()
    run.status, run.attempts, run.progress = Status.QUEUED_IMPORT, 0, 0
    run.progress_text = _("Waiting for the background service.")
    run.save(update_fields=["status", "attempts", "progress", "progress_text"])
    audit_log(actor=actor, action="import_run_confirmed", obj=run)
    return run


@transaction.atomic(durable=True)
def import_run_cancel(*, run: ImportRun, actor) -> ImportRun:
    """Cancels a run that is not being imported; its files are deleted at once. A check under way
    finishes in the worker but its report is dropped. Cancelling again changes nothing."""
    run = _lock(run.pk)
    if run.status == Status.CANCELLED:
        return run
    if run.status == Status.IMPORTING:
        raise RunAlreadyImporting()
    if run.status in ImportRun.FINISHED:
        raise RunFinished()
    _finish(run, Status.CANCELLED, progress_text=_("Cancelled; the uploaded files have been deleted."))
    audit_log(actor=actor, action="import_run_cancelled", obj=run)
    return run


def _lock(pk: int) -> ImportRun:
    """The run, its row locked until the caller's transaction ends (the worker claims runs under the
    same lock, so a run is never both cancelled and claimed)."""
    assert connection.in_atomic_block
    return ImportRun.objects.select_for_update().defer("microdata", "codebook", "margins").get(pk=pk)


def _finish(run: ImportRun, status: str, **values) -> None:
    """Ends `run` (locked by the caller) with `status` and empties its files."""
    now = timezone.now()
    values = {"status": status, "finished_at": now, "files_deleted_at": now, "microdata": b"", "codebook": b"",
              "margins": b"", **values}
    for name, value in values.items():
        setattr(run, name, value)
    run.save(update_fields=list(values))


# ---------------------------------------------------------------------------------------------
# The worker


def import_runs_due(*, limit: int = 1, now=None) -> int:
    """Worker task: first takes care of abandoned and forgotten runs (see the module's docstring),
    then claims the oldest queued run (select_for_update with skip_locked, so two workers never take
    the same one) and checks or imports it outside any transaction of its own, writing its progress.
    Returns how many runs it worked on."""
    now = now or timezone.now()
    _recover_abandoned(now=now)
    _cancel_forgotten(now=now)
    done = 0
    for _i in range(limit):
        run = _claim_next()
        if run is None:
            break
        if run.status == Status.CHECKING:
            _check(run)
        else:
            _import(run)
        done += 1
    return done


def _claim_next() -> ImportRun | None:
    with transaction.atomic(durable=True):
        run = (ImportRun.objects.select_for_update(skip_locked=True)
               .filter(status__in=[Status.QUEUED_CHECK, Status.QUEUED_IMPORT]).order_by("id")
               .defer("microdata", "codebook", "margins").first())
        if run is None:
            return None
        now = timezone.now()
        checking = run.status == Status.QUEUED_CHECK
        run.status = Status.CHECKING if checking else Status.IMPORTING
        run.started_at = run.heartbeat_at = now
        run.attempts += 1
        run.progress, run.error = 0, ""
        run.progress_text = _("Reading the files.") if checking else _("Importing the wave.")
        run.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "progress", "progress_text", "error"])
        return run


def _files(run_id: int) -> importing.WaveFiles:
    names = ImportRun.objects.filter(pk=run_id).values(
        "microdata_name", "microdata", "codebook_name", "codebook", "margins_name", "margins").get()

    def file(kind: str) -> importing.UploadedFile:
        return importing.UploadedFile(name=names[f"{kind}_name"], content=bytes(names[kind]))

    return importing.WaveFiles(microdata=file("microdata"), codebook=file("codebook"), margins=file("margins"))


def _check(run: ImportRun) -> None:
    progress = ProgressWriter(run.pk, Status.CHECKING)
    try:
        result = importing.wave_check(year=run.year, files=_files(run.pk), scheme=run.scheme,
                                      bounds=(run.bound_lower, run.bound_upper), progress=progress)
        extra = _survey_problems(run)
    except Exception:  # a bug must end the run with a German message, not leave it "being checked"
        logger.exception("monitor import run %s: the check failed", run.pk)
        _fail(run.pk, Status.CHECKING, _("The check stopped with an unexpected error. Nothing has been imported. "
                                         "Please try again; if it happens again, tell the technical team."))
        return
    finally:
        progress.close()
    report = build_report(problems=tuple(result.problems) + extra, n=result.n, questions=result.questions,
                          weighting=result.weighting, notes=getattr(result, "notes", ()))
    now = timezone.now()
    with transaction.atomic(durable=True):
        updated = ImportRun.objects.filter(pk=run.pk, status=Status.CHECKING).update(
            status=Status.CHECKED, report=report, checked_at=now, heartbeat_at=now, progress=100,
            progress_text=_("Check finished."))
        if updated:
            audit_log(actor=None, action="import_run_checked", obj=run,
                      data={"problems": sum(report["counts"].values()), "n": report["n"]})


def _survey_problems(run: ImportRun) -> tuple[importing.ImportProblem, ...]:
    """What the files cannot show: the wave exists already (and is not to be replaced), or the new
    survey's short name has been taken since the upload."""
    problems = []
    if run.survey_id is None and Survey.objects.filter(slug=run.new_survey_slug).exists():
        problems.append(importing.ImportProblem(kind="survey_exists", message=_(
            "A survey with the short name “%(slug)s” exists already. Please upload the files again and "
            "choose that survey, or give the new survey another short name.") % {"slug": run.new_survey_slug}))
    if run.survey_id and not run.replace and Wave.objects.filter(survey_id=run.survey_id, year=run.year).exists():
        problems.append(importing.ImportProblem(kind="wave_exists", message=_(
            "The survey already has a wave %(year)s. Choose “Replace the existing wave” below and check again "
            "to replace it, or upload the files with another year.") % {"year": run.year}))
    return tuple(problems)


def _import(run: ImportRun) -> None:
    progress = ProgressWriter(run.pk, Status.IMPORTING)
    survey = None
    try:
        survey = _survey_for(run)
        wave = services.wave_import(survey=survey, year=run.year, files=_files(run.pk), scheme=run.scheme,
                                    bounds=(run.bound_lower, run.bound_upper), actor=run.created_by,
                                    replace=run.replace, progress=progress)
    except services.WaveImportInvalid as error:
        _drop_new_survey(run, survey)
        report = build_report(problems=tuple(error.problems), n=run.report.get("n", 0),
                              questions=run.report.get("questions", ()), weighting=run.report.get("weighting"),
                              notes=run.report.get("notes", ()))
        _fail(run.pk, Status.IMPORTING, _("Nothing has been imported: the files did not pass the checks of the import. "
                                          "Please correct them and upload them again."), report=report)
        return
    except DomainError as error:  # the new survey's short name taken or not valid
        _drop_new_survey(run, survey)
        _fail(run.pk, Status.IMPORTING, str(error.message))
        return
    except Exception:  # a bug must end the run with a German message, not leave it "being imported"
        logger.exception("monitor import run %s: the import failed", run.pk)
        _drop_new_survey(run, survey)
        _fail(run.pk, Status.IMPORTING, _("The import stopped with an unexpected error. Nothing has been imported. "
                                          "Please try again; if it happens again, tell the technical team."))
        return
    finally:
        progress.close()
    _done(run.pk, wave)


def _survey_for(run: ImportRun) -> Survey:
    """The run's survey; a new one is made here, just before the import (not at the upload: a run
    that is cancelled or fails leaves no survey behind). A short name taken since the check is
    refused: the wave must not land in another survey."""
    if run.survey_id:
        return run.survey
    if Survey.objects.filter(slug=run.new_survey_slug).exists():
        raise ImportRunError(_("A survey with the short name “%(slug)s” exists already. Nothing has been imported. "
                               "Please upload the files again and choose that survey.") % {"slug": run.new_survey_slug})
    survey = services.survey_create(slug=run.new_survey_slug, name=run.new_survey_name, actor=run.created_by)
    ImportRun.objects.filter(pk=run.pk).update(survey=survey)
    return survey


def _drop_new_survey(run: ImportRun, survey: Survey | None) -> None:
    """The survey made for a failed import goes again, unless a wave or another upload has come
    into it meanwhile."""
    if survey is None or run.survey_id:
        return
    with transaction.atomic(durable=True):
        if not (Wave.objects.filter(survey=survey).exists()
                or ImportRun.objects.filter(survey=survey).exclude(pk=run.pk).exists()):
            ImportRun.objects.filter(pk=run.pk).update(survey=None)
            audit_log(actor=None, action="survey_deleted", obj=survey, data={"import_run": run.pk})
            survey.delete()


@transaction.atomic(durable=True)
def _done(run_id: int, wave: Wave) -> None:
    run = _lock(run_id)
    if run.status != Status.IMPORTING:
        return
    _finish(run, Status.DONE, wave=wave, survey=wave.survey, progress=100, heartbeat_at=timezone.now(),
            progress_text=_("Imported. The wave is not published yet."))
    audit_log(actor=None, action="import_run_done", obj=run, data={"wave": wave.pk})


@transaction.atomic(durable=True)
def _fail(run_id: int, status: str, message: str, **values) -> None:
    run = _lock(run_id)
    if run.status != status:  # cancelled meanwhile
        return
    _finish(run, Status.FAILED, error=message, progress_text=message[:200], heartbeat_at=timezone.now(), **values)
    audit_log(actor=None, action="import_run_failed", obj=run, data={"during": status})


def _recover_abandoned(*, now) -> None:
    """Runs whose worker gave no sign of life for MONITOR_IMPORT_STALE_SECONDS: queued again, or
    failed after MAX_ATTEMPTS; an import that committed before its worker died is done."""
    stale = now - timedelta(seconds=settings.MONITOR_IMPORT_STALE_SECONDS)
    ids = list(ImportRun.objects.filter(status__in=[Status.CHECKING, Status.IMPORTING], heartbeat_at__lt=stale)
               .order_by("id").values_list("pk", flat=True))
    for run_id in ids:
        with transaction.atomic(durable=True):
            run = _lock(run_id)
            if run.status not in (Status.CHECKING, Status.IMPORTING) or run.heartbeat_at >= stale:
                continue
            importing_run = run.status == Status.IMPORTING
            wave = (Wave.objects.filter(survey_id=run.survey_id, year=run.year, imported_at__gte=run.started_at).first()
                    if importing_run and run.survey_id else None)
            if wave is not None:
                _finish(run, Status.DONE, wave=wave, progress=100,
                        progress_text=_("Imported. The wave is not published yet."))
                audit_log(actor=None, action="import_run_done", obj=run, data={"wave": wave.pk, "recovered": True})
            elif run.attempts >= MAX_ATTEMPTS:
                message = _("The background service stopped %(count)d times while working on this upload. Nothing has "
                            "been imported. Please tell the technical team; the files may be too large for the "
                            "server.") % {"count": run.attempts}
                _finish(run, Status.FAILED, error=message, progress_text=message[:200])
                audit_log(actor=None, action="import_run_failed", obj=run, data={"abandoned": run.attempts})
            else:
                run.status = Status.QUEUED_IMPORT if importing_run else Status.QUEUED_CHECK
                run.progress = 0
                run.progress_text = _("The background service was interrupted; the upload waits for another try.")
                run.save(update_fields=["status", "progress", "progress_text"])
                audit_log(actor=None, action="import_run_requeued", obj=run, data={"attempts": run.attempts})


def _cancel_forgotten(*, now) -> None:
    """Checked runs nobody confirmed within MONITOR_IMPORT_KEEP_DAYS are cancelled, their files deleted."""
    before = now - timedelta(days=settings.MONITOR_IMPORT_KEEP_DAYS)
    for run_id in (ImportRun.objects.filter(status=Status.CHECKED, checked_at__lt=before)
                   .order_by("id").values_list("pk", flat=True)):
        with transaction.atomic(durable=True):
            run = _lock(run_id)
            if run.status != Status.CHECKED:
                continue
            _finish(run, Status.CANCELLED, progress_text=_(
                "Cancelled automatically: not confirmed within %(days)d days. The uploaded files have been deleted."
            ) % {"days": settings.MONITOR_IMPORT_KEEP_DAYS})
            audit_log(actor=None, action="import_run_cancelled", obj=run, data={"forgotten": True})


class ProgressWriter:
    """The progress callback of wave_check and wave_import: writes percent and German text to the
    run in a short transaction of its own, at most every PAUSE seconds unless the text changes.

    Called outside a transaction it writes on this thread's connection (autocommit). Called inside
    one (the import's), it writes on a second connection, from a thread of its own, so the page
    sees it before the import commits; on SQLite, where the import's transaction holds the only
    write lock, it waits for the end of the transaction instead (the page shows the last progress
    written before it)."""

    PAUSE = 0.5

    def __init__(self, run_id: int, status: str):
        self.run_id, self.status = run_id, status
        self.written: tuple[int, str] | None = None
        self.written_at = 0.0
        self.pool: ThreadPoolExecutor | None = None

    def __call__(self, percent: int, text: str) -> None:
        values = (max(0, min(100, int(percent))), str(text)[:200])
        moment = time.monotonic()
        if values == self.written or (self.written and values[1] == self.written[1] and moment - self.written_at < self.PAUSE):
            return
        if connection.in_atomic_block:
            if connection.vendor == "sqlite":
                return
            self.pool = self.pool or ThreadPoolExecutor(max_workers=1)
            self.pool.submit(self._write, *values).result()
        else:
            self._write(*values)
        self.written, self.written_at = values, moment

    def _write(self, percent: int, text: str) -> None:
        ImportRun.objects.filter(pk=self.run_id, status=self.status).update(
            progress=percent, progress_text=text, heartbeat_at=timezone.now())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.submit(connections.close_all).result()
            self.pool.shutdown()
            self.pool = None


# ---------------------------------------------------------------------------------------------
# The schemes a margins.json offers, and the report


def schemes_in(margins: importing.UploadedFile) -> tuple[dict[str, list[str]], str]:
    """The schemes a margins.json names ({name: [margin, …]}) and its default scheme; nothing for a
    CSV or XLSX file or a file that is no such JSON (the check in the worker says what is wrong)."""
    if not margins.name.lower().endswith(".json"):
        return {}, ""
    try:
        data = json.loads(margins.content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}, ""
    schemes = data.get("schemes") if isinstance(data, dict) else None
    if not isinstance(schemes, dict):
        return {}, ""
    found = {}
    for name, scheme in schemes.items():
        names = scheme.get("margins") if isinstance(scheme, dict) else scheme
        if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
            found[str(name)] = list(names)
    default = data.get("default_scheme")
    return found, default if isinstance(default, str) and default in found else ""


def build_report(*, problems: Sequence, n: int, questions: Sequence[str], weighting: dict | None,
                 notes: Sequence[str] = ()) -> dict:
    """The report stored with a run (JSON): the problems (at most PROBLEMS_PER_KIND per kind, with
    the count of each kind), how many respondents and which questions were read, the weighting's
    summary when it ran, and notes that do not stop the import (rows of other waves skipped)."""
    counts: dict[str, int] = {}
    kept = []
    for problem in problems:
        kind, message = (problem["kind"], problem["message"]) if isinstance(problem, dict) else (problem.kind, problem.message)
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= PROBLEMS_PER_KIND:
            kept.append({"kind": str(kind), "message": str(message)})
    return {"problems": kept, "counts": counts, "n": int(n or 0), "questions": list(questions or ()),
            "weighting": weighting or None, "notes": [str(note) for note in notes or ()]}
