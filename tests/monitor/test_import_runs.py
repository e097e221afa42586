"""The staff upload's background run (monitor.import_runs): its states, the worker task, the stored
report, the files deleted when a run ends, runs whose worker died, and the import all or nothing."""

import datetime

import pytest
from django.db import connection, connections
from django.utils import timezone

from revier.core.models import AuditEntry
from revier.monitor import import_runs
from revier.monitor.import_runs import RunInput
from revier.monitor.models import Estimate, ImportRun, Question, Respondent, Survey, Wave
from tests.factories import StaffFactory
from tests.monitor.sample import csv_bytes, sample_files, sample_rows

pytestmark = pytest.mark.django_db
Status = ImportRun.Status
SCHEME = ("district_x_sex", "age_group", "education")


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def survey():
    return Survey.objects.create(slug="mitteldeutschland-monitor", name="Mitteldeutschland-Monitor")


def upload(staff, survey=None, *, year=2024, files=None, scheme=SCHEME, replace=False, **new) -> ImportRun:
    data = RunInput(year=year, scheme=tuple(scheme), replace=replace, survey=survey,
                    new_survey_slug=new.get("slug", ""), new_survey_name=new.get("name", ""))
    return import_runs.import_run_create(data=data, files=files or sample_files(), actor=staff)


def fresh(run: ImportRun) -> ImportRun:
    return ImportRun.objects.get(pk=run.pk)


def with_duplicate_id() -> bytes:
    header, rows = sample_rows()
    rows = [row for row in rows if row[1] == "2024"]
    rows[5][0] = rows[4][0]
    return csv_bytes(header, rows)


def assert_files_deleted(run: ImportRun) -> None:
    run = fresh(run)
    assert (bytes(run.microdata), bytes(run.codebook), bytes(run.margins)) == (b"", b"", b"")
    assert run.files_deleted_at is not None
    assert run.microdata_name == "microdata.csv" and run.microdata_size > 300_000  # name and size stay


# ---------------------------------------------------------------------------------------------
# Upload and check


def test_import_run_create_stores_the_files_and_queues_the_check(staff, survey):
    run = upload(staff, survey)
    run = fresh(run)
    assert run.status == Status.QUEUED_CHECK
    assert bytes(run.microdata) == sample_files().microdata.content
    assert run.codebook_name == "codebook.json" and run.margins_name == "margins.json"
    assert run.offered_schemes["default"] == "B"
    assert run.offered_schemes["schemes"]["A"] == ["district_x_sex", "district_x_age_group", "district_x_education"]
    assert run.report == {} and run.checked_at is None  # nothing read in the request
    assert AuditEntry.objects.filter(action="import_run_created", object_id=str(run.pk), actor=staff).exists()


def test_import_run_create_needs_a_survey_or_a_new_one(staff):
    with pytest.raises(import_runs.ImportRunError):
        upload(staff, None)
    assert not ImportRun.objects.exists()


def test_worker_checks_the_sample_and_stores_the_report(staff, survey):
    run = upload(staff, survey)
    assert import_runs.import_runs_due() == 1
    run = fresh(run)
    assert run.status == Status.CHECKED and run.check_ok
    assert run.progress == 100 and run.progress_text
    assert run.report["n"] == 2000 and run.report["problems"] == [] and run.report["counts"] == {}
    assert len(run.report["questions"]) == 5
    weighting = run.report["weighting"]
    assert weighting["margins"] == list(SCHEME)
    assert 0.2 - 1e-9 <= weighting["weight_min"] <= weighting["weight_max"] <= 5 + 1e-9
    assert 0 < weighting["n_eff"] < 2000 and weighting["deff"] > 1
    assert set(weighting["fit"]) == set(SCHEME) and max(weighting["fit"].values()) < 1e-6
    assert bytes(run.microdata)  # kept until the import
    assert not Wave.objects.exists()  # a check writes nothing
    assert import_runs.import_runs_due() == 0  # nothing else queued


def test_worker_reports_problems_grouped_by_kind(staff, survey):
    run = upload(staff, survey, files=sample_files(microdata=with_duplicate_id()))
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.status == Status.CHECKED and not run.check_ok
    assert run.report["counts"].get("duplicate_id") == 1
    assert any("2024-00005" in p["message"] or "W2024" in p["message"] for p in run.problems)
    with pytest.raises(import_runs.RunHasProblems):
        import_runs.import_run_confirm(run=run, actor=staff)
    assert fresh(run).status == Status.CHECKED


def test_check_reports_an_existing_wave_unless_replaced(staff, survey):
    Wave.objects.create(survey=survey, year=2024)
    run = upload(staff, survey)
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.report["counts"] == {"wave_exists": 1}
    assert "2024" in run.problems[0]["message"]
    # checked again with "replace": no problem left
    import_runs.import_run_recheck(run=run, scheme=SCHEME, bounds=(0.2, 5.0), replace=True, actor=staff)
    assert fresh(run).status == Status.QUEUED_CHECK
    import_runs.import_runs_due()
    assert fresh(run).check_ok


def test_infeasible_scheme_reported_and_checked_again_with_another(staff, survey):
    run = upload(staff, survey, scheme=("district_x_sex", "district_x_age_group", "district_x_education"))
    import_runs.import_runs_due()
    run = fresh(run)
    assert not run.check_ok
    assert set(run.report["counts"]) & {"infeasible", "not_met"}
    import_runs.import_run_recheck(run=run, scheme=SCHEME, bounds=(0.2, 5.0), replace=False, actor=staff)
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.check_ok and run.scheme == list(SCHEME)
    assert AuditEntry.objects.filter(action="import_run_rechecked", object_id=str(run.pk)).exists()


def test_recheck_only_of_a_checked_run(staff, survey):
    run = upload(staff, survey)
    import_runs.import_runs_due()
    import_runs.import_run_cancel(run=run, actor=staff)
    with pytest.raises(import_runs.RunFinished):
        import_runs.import_run_recheck(run=run, scheme=SCHEME, bounds=(0.2, 5.0), replace=False, actor=staff)


# ---------------------------------------------------------------------------------------------
# Confirm and import


def test_confirm_imports_the_wave_and_deletes_the_files(staff, survey):
    run = upload(staff, survey)
    with pytest.raises(import_runs.RunNotChecked):
        import_runs.import_run_confirm(run=run, actor=staff)
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=run, actor=staff)
    import_runs.import_run_confirm(run=run, actor=staff)  # a double click changes nothing
    assert fresh(run).status == Status.QUEUED_IMPORT
    assert AuditEntry.objects.filter(action="import_run_confirmed", object_id=str(run.pk)).count() == 1
    assert import_runs.import_runs_due() == 1
    run = fresh(run)
    assert run.status == Status.DONE and run.progress == 100
    wave = run.wave
    assert (wave.survey, wave.year, wave.status, wave.n) == (survey, 2024, Wave.Status.DRAFT, 2000)
    assert Respondent.objects.filter(wave=wave).count() == 2000
    assert Estimate.objects.filter(wave=wave).exists()
    assert_files_deleted(run)


def test_new_survey_is_made_at_the_import_not_at_the_upload(staff):
    run = upload(staff, slug="lausitz-monitor", name="Lausitz-Monitor")
    import_runs.import_runs_due()
    assert not Survey.objects.exists()
    import_runs.import_run_confirm(run=run, actor=staff)
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.status == Status.DONE
    assert run.survey.slug == "lausitz-monitor" and run.survey.name == "Lausitz-Monitor"
    assert run.wave.survey == run.survey


def test_new_survey_whose_slug_was_taken_meanwhile(staff):
    run = upload(staff, slug="lausitz-monitor", name="Lausitz-Monitor")
    Survey.objects.create(slug="lausitz-monitor", name="Schon da")
    import_runs.import_runs_due()
    assert fresh(run).report["counts"] == {"survey_exists": 1}


def test_import_refused_when_the_wave_appeared_meanwhile(staff, survey):
    """The check passed, then the wave's year was imported by someone else: the import refuses as a
    whole, the run fails with a German message, its files are deleted and no row of it remains."""
    run = upload(staff, survey)
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=run, actor=staff)
    other = Wave.objects.create(survey=survey, year=2024, n=7)
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.status == Status.FAILED and run.error and run.wave is None
    assert run.report["counts"] == {"wave_exists": 1}
    assert list(Wave.objects.all()) == [other] and fresh_wave(other).n == 7
    assert not Respondent.objects.exists() and not Estimate.objects.exists()
    assert_files_deleted(run)


@pytest.fixture
def estimates_refused():
    """The database refuses every estimate row: an import fails halfway, after its questions, wave
    and respondents have been written in its transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("CREATE TRIGGER refuse_estimates BEFORE INSERT ON monitor_estimate "
                           "BEGIN SELECT RAISE(ABORT, 'estimates refused'); END")
        else:
            cursor.execute("CREATE FUNCTION refuse_estimates() RETURNS trigger AS $$ BEGIN "
                           "RAISE EXCEPTION 'estimates refused'; END $$ LANGUAGE plpgsql")
            cursor.execute("CREATE TRIGGER refuse_estimates BEFORE INSERT ON monitor_estimate "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_estimates()")


def test_import_all_or_nothing_when_it_fails_halfway(staff, estimates_refused):
    run = upload(staff, slug="lausitz-monitor", name="Lausitz-Monitor")
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=run, actor=staff)
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.status == Status.FAILED and "unerwarteten Fehler" in run.error
    assert not Wave.objects.exists() and not Respondent.objects.exists() and not Question.objects.exists()
    assert not Survey.objects.exists()  # the survey made for the import goes with it
    assert_files_deleted(run)


def test_failed_import_removes_the_survey_it_made(staff):
    run = upload(staff, slug="lausitz-monitor", name="Lausitz-Monitor")
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=run, actor=staff)
    # the import's own checks fail: the wave's microdata lost their rows meanwhile (stored files spoiled)
    header, _rows = sample_rows()
    ImportRun.objects.filter(pk=run.pk).update(microdata=csv_bytes(header, []))
    import_runs.import_runs_due()
    run = fresh(run)
    assert run.status == Status.FAILED
    assert not Survey.objects.exists() and not Wave.objects.exists()
    assert run.report["problems"]
    assert_files_deleted(run)


def fresh_wave(wave: Wave) -> Wave:
    return Wave.objects.get(pk=wave.pk)


# ---------------------------------------------------------------------------------------------
# Cancel


def test_cancel_deletes_the_files_at_once(staff, survey):
    run = upload(staff, survey)
    import_runs.import_run_cancel(run=run, actor=staff)
    import_runs.import_run_cancel(run=run, actor=staff)  # again: nothing changes
    assert fresh(run).status == Status.CANCELLED
    assert_files_deleted(run)
    assert import_runs.import_runs_due() == 0
    assert AuditEntry.objects.filter(action="import_run_cancelled", object_id=str(run.pk)).count() == 1


def test_cancel_of_a_checked_and_of_a_queued_import(staff, survey):
    for confirm in (False, True):
        run = upload(staff, survey)
        import_runs.import_runs_due()
        if confirm:
            import_runs.import_run_confirm(run=run, actor=staff)
        import_runs.import_run_cancel(run=run, actor=staff)
        assert fresh(run).status == Status.CANCELLED
        assert_files_deleted(run)
    assert import_runs.import_runs_due() == 0
    assert not Wave.objects.exists()


def test_cancel_refused_while_importing_and_after_the_end(staff, survey):
    run = upload(staff, survey)
    ImportRun.objects.filter(pk=run.pk).update(status=Status.IMPORTING)
    with pytest.raises(import_runs.RunAlreadyImporting):
        import_runs.import_run_cancel(run=run, actor=staff)
    ImportRun.objects.filter(pk=run.pk).update(status=Status.DONE)
    with pytest.raises(import_runs.RunFinished):
        import_runs.import_run_cancel(run=run, actor=staff)


def test_cancel_while_checking_drops_the_report(staff, survey):
    run = upload(staff, survey)
    claimed = import_runs._claim_next()
    assert claimed.pk == run.pk and fresh(run).status == Status.CHECKING
    import_runs.import_run_cancel(run=run, actor=staff)
    import_runs._check(claimed)  # the worker finishes its check
    run = fresh(run)
    assert run.status == Status.CANCELLED and run.report == {}
    assert_files_deleted(run)


# ---------------------------------------------------------------------------------------------
# The worker: order, dead workers, forgotten runs


def test_worker_takes_the_oldest_queued_run_one_per_call(staff, survey):
    first, second = upload(staff, survey), upload(staff, survey, year=2023)
    assert import_runs.import_runs_due() == 1
    assert (fresh(first).status, fresh(second).status) == (Status.CHECKED, Status.QUEUED_CHECK)
    assert fresh(first).attempts == 1
    assert import_runs.import_runs_due(limit=5) == 1
    assert fresh(second).status == Status.CHECKED and fresh(second).report["n"] == 2000


def test_run_abandoned_by_a_dead_worker_is_tried_again(staff, survey, settings):
    run = upload(staff, survey)
    claimed = import_runs._claim_next()  # the worker claims it, then dies
    assert claimed.status == Status.CHECKING
    later = timezone.now() + datetime.timedelta(seconds=settings.MONITOR_IMPORT_STALE_SECONDS - 5)
    import_runs.import_runs_due(now=later, limit=0)
    assert fresh(run).status == Status.CHECKING  # not stale yet: maybe still worked on
    later = timezone.now() + datetime.timedelta(seconds=settings.MONITOR_IMPORT_STALE_SECONDS + 5)
    assert import_runs.import_runs_due(now=later) == 1
    run = fresh(run)
    assert run.status == Status.CHECKED and run.attempts == 2
    assert AuditEntry.objects.filter(action="import_run_requeued", object_id=str(run.pk)).exists()


def test_run_abandoned_too_often_fails_and_its_files_go(staff, survey, settings):
    run = upload(staff, survey)
    import_runs._claim_next()
    ImportRun.objects.filter(pk=run.pk).update(attempts=import_runs.MAX_ATTEMPTS)
    later = timezone.now() + datetime.timedelta(seconds=settings.MONITOR_IMPORT_STALE_SECONDS + 5)
    assert import_runs.import_runs_due(now=later) == 0
    run = fresh(run)
    assert run.status == Status.FAILED and "3" in run.error
    assert_files_deleted(run)


def test_abandoned_import_that_had_committed_counts_as_done(staff, survey, settings):
    run = upload(staff, survey)
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=run, actor=staff)
    import_runs._claim_next()
    # the import committed, then the worker died before it could write "done"
    wave = Wave.objects.create(survey=survey, year=2024, imported_at=timezone.now())
    later = timezone.now() + datetime.timedelta(seconds=settings.MONITOR_IMPORT_STALE_SECONDS + 5)
    import_runs.import_runs_due(now=later)
    run = fresh(run)
    assert run.status == Status.DONE and run.wave == wave
    assert_files_deleted(run)


def test_abandoned_import_without_its_wave_is_imported_again(staff, survey, settings):
    run = upload(staff, survey)
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=run, actor=staff)
    import_runs._claim_next()  # dies; its transaction was rolled back
    later = timezone.now() + datetime.timedelta(seconds=settings.MONITOR_IMPORT_STALE_SECONDS + 5)
    assert import_runs.import_runs_due(now=later) == 1
    run = fresh(run)
    assert run.status == Status.DONE and run.wave.n == 2000


def test_checked_run_not_confirmed_in_time_is_cancelled(staff, survey, settings):
    run = upload(staff, survey)
    import_runs.import_runs_due()
    soon = timezone.now() + datetime.timedelta(days=settings.MONITOR_IMPORT_KEEP_DAYS - 1)
    import_runs.import_runs_due(now=soon)
    assert fresh(run).status == Status.CHECKED
    later = timezone.now() + datetime.timedelta(days=settings.MONITOR_IMPORT_KEEP_DAYS, minutes=1)
    import_runs.import_runs_due(now=later)
    run = fresh(run)
    assert run.status == Status.CANCELLED and str(settings.MONITOR_IMPORT_KEEP_DAYS) in run.progress_text
    assert_files_deleted(run)


def test_worker_task_is_registered(settings):
    assert "revier.monitor.import_runs.import_runs_due" in settings.WORKER_TASKS


# ---------------------------------------------------------------------------------------------
# Progress


def test_progress_writer_inside_a_transaction_never_waits(staff, survey):
    """Called inside the import's transaction (here: the test's), the writer neither blocks on the
    transaction's write lock (SQLite) nor on its rows (PostgreSQL: another connection)."""
    run = upload(staff, survey)
    import_runs._claim_next()
    writer = import_runs.ProgressWriter(run.pk, Status.CHECKING)
    writer(40, "Werte prüfen")
    writer(41, "Werte prüfen")  # within the pause: not written again
    writer.close()
    assert fresh(run).progress == 0  # the test's own rows are not visible to another connection


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_to_the_page_while_the_worker_works(staff, survey):
    """Written in short transactions of its own: another connection (the page) sees each step, also
    while the import's transaction is open (PostgreSQL; SQLite has one writer at a time)."""
    run = upload(staff, survey)
    import_runs._claim_next()
    writer = import_runs.ProgressWriter(run.pk, Status.CHECKING)
    writer(40, "Werte prüfen")
    assert _seen_elsewhere(run.pk) == (40, "Werte prüfen")
    if connection.vendor != "sqlite":
        from django.db import transaction

        with transaction.atomic():
            writer(70, "Gewichten")
            assert _seen_elsewhere(run.pk) == (70, "Gewichten")
    writer.close()


def _seen_elsewhere(pk: int) -> tuple[int, str]:
    from concurrent.futures import ThreadPoolExecutor

    def read():
        try:
            return tuple(ImportRun.objects.filter(pk=pk).values_list("progress", "progress_text").get())
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(read).result()
