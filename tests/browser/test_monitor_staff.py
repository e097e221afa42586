"""The staff's journey through the Monitor's upload in the browser: log in, open the staff area
from the organiser area, send the upload form empty (the errors), upload the shared sample as a new
survey, let the worker check it (the test calls the worker task), read the report, confirm, let the
worker import it, publish the wave. Every staff page type in each of its states — the overview
(empty and with waves), the upload form (empty and with errors), the run's page (waiting, report
without problems, report with problems, imported) — is checked with axe-core, for CSP violations
and script errors, at 1280 and 320 px, and with the Nu Html Checker."""

import re

import pytest
from django.urls import reverse

from revier.monitor import import_runs
from revier.monitor.import_runs import RunInput
from revier.monitor.models import ImportRun, Survey, Wave
from tests.browser.conftest import assert_clean, log_in, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import StaffFactory
from tests.monitor.sample import sample_files, sample_folder

pytestmark = pytest.mark.browser
WIDTHS = (1280, 320)
INFEASIBLE = ("district_x_sex", "district_x_age_group", "district_x_education")


@pytest.fixture
def staff(live_server):
    return StaffFactory(username="redaktion", first_name="Rita", last_name="Redaktion")


def send_empty(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Hochladen und prüfen").click()


def run_url(run) -> str:
    return reverse("monitor:manage-run", kwargs={"run": run.pk})


def test_staff_uploads_checks_imports_and_publishes_a_wave(page, staff):
    log_in(page, "redaktion", reverse("events:manage-list"))
    page.get_by_role("link", name=re.compile("^Monitor:")).click()
    page.get_by_role("heading", name=re.compile("^Monitor")).wait_for()
    page.get_by_role("link", name="Welle hochladen").click()

    # Sent empty (the form has novalidate): the errors next to the fields, in German.
    send_empty(page)
    summary = page.get_by_role("alert")
    summary.get_by_text("Bitte prüfen Sie Ihre Eingaben").wait_for()
    assert "Bitte wählen Sie die Mikrodaten-Datei" in summary.inner_text()
    assert page.locator("main [aria-invalid=true]").count() >= 4
    assert not ImportRun.objects.exists()

    # The sample as a new survey; the scheme left empty: margins.json's default scheme B.
    folder = sample_folder()
    page.get_by_label(re.compile("^Name der neuen Befragung")).fill("Mitteldeutschland-Monitor (Beispiel)")
    page.get_by_label(re.compile("^Kurzname der neuen Befragung")).fill("beispiel-monitor")
    page.get_by_label(re.compile("^Jahr der Welle")).fill("2024")
    page.get_by_label(re.compile("^Mikrodaten")).set_input_files(folder / "microdata.csv")
    page.get_by_label(re.compile("^Codebuch")).set_input_files(folder / "codebook.json")
    page.get_by_label(re.compile("^Randverteilungen der Bevölkerung")).set_input_files(folder / "margins.json")
    with page.expect_navigation():
        page.get_by_role("button", name="Hochladen und prüfen").click()
    run = ImportRun.objects.get()
    assert page.url.endswith(run_url(run))
    page.get_by_text("Wartet auf die Prüfung").first.wait_for()
    assert page.locator("progress").count() == 1

    # The worker checks it; the report shows after a reload.
    assert import_runs.import_runs_due() == 1
    page.get_by_role("link", name="Neu laden, um den Fortschritt zu sehen").click()
    page.get_by_text("Keine Probleme gefunden").wait_for()
    assert "2000 Befragte und 5 Fragen gelesen" in page.locator("main").inner_text()
    assert page.get_by_role("table", name=re.compile("^Anpassung an jede Randverteilung")).count() == 1

    # Confirm; the worker imports; the wave is there, unpublished.
    with page.expect_navigation():
        page.get_by_role("button", name="Bestätigen und Welle importieren").click()
    page.get_by_text("Der Import ist gestartet").wait_for()
    assert import_runs.import_runs_due() == 1
    page.reload()
    page.get_by_text("Die Welle ist importiert").wait_for()
    wave = Wave.objects.get()
    assert (wave.survey.slug, wave.year, wave.status) == ("beispiel-monitor", 2024, Wave.Status.DRAFT)
    page.get_by_role("link", name="Zur Übersicht der Befragungen und Wellen").click()

    # Publish in the overview.
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Veröffentlichen")).click()
    page.get_by_text("ist veröffentlicht").wait_for()
    assert Wave.objects.get().status == Wave.Status.PUBLISHED
    page.get_by_role("button", name=re.compile("^Zurückziehen")).wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^weights.csv")).click()
    assert download.value.suggested_filename == "beispiel-monitor-2024-weights.csv"


@pytest.fixture
def page_states(staff):
    """A run in each state the run's page shows, and an overview with a survey and its waves."""
    survey = Survey.objects.create(slug="mitteldeutschland-monitor", name="Mitteldeutschland-Monitor")

    def run(*, scheme=("district_x_sex", "age_group", "education"), year=2024):
        return import_runs.import_run_create(data=RunInput(year=year, scheme=scheme, survey=survey),
                                             files=sample_files(), actor=staff)

    imported = run(year=2023)
    import_runs.import_runs_due()
    import_runs.import_run_confirm(run=imported, actor=staff)
    import_runs.import_runs_due()
    checked = run()
    problems = run(scheme=INFEASIBLE)
    import_runs.import_runs_due(limit=2)
    waiting = run()
    return {"waiting": waiting, "checked": checked, "problems": problems, "imported": imported}


def test_staff_pages_are_accessible_at_both_widths_and_valid_html(new_context, page_states, tmp_path):
    documents = {}
    for width in WIDTHS:
        page = open_page(new_context, width)
        log_in(page, "redaktion", reverse("monitor:manage-overview"))
        assert_clean(page, "overview", width)
        documents[f"overview-{width}"] = page.content()
        for state, run in page_states.items():
            response = page.goto(run_url(run))
            assert response.status == 200, state
            assert_clean(page, f"run {state}", width)
            documents[f"run-{state}-{width}"] = page.content()
        page.goto(reverse("monitor:manage-upload"))
        assert_clean(page, "upload form", width)
        documents[f"upload-{width}"] = page.content()
        send_empty(page)
        assert page.locator("main [aria-invalid=true]").count() >= 4
        assert_clean(page, "upload form with errors", width)
        documents[f"upload-errors-{width}"] = page.content()
        # The "check again" form with an error.
        page.goto(run_url(page_states["problems"]))
        page.get_by_label(re.compile("^Untere Gewichtsgrenze")).fill("2")
        with page.expect_navigation():
            page.get_by_role("button", name="Erneut prüfen").click()
        assert page.locator("main [aria-invalid=true]").count() == 1
        assert_clean(page, "check again with errors", width)
        documents[f"recheck-errors-{width}"] = page.content()
    # The page that reloads itself (chosen by the reader): the meta element, nothing else changes.
    page.goto(run_url(page_states["waiting"]) + "?aktualisieren=1")
    assert page.locator('meta[http-equiv="refresh"]').get_attribute("content") == "3"
    assert page.evaluate("() => window.__cspViolations") == []
    assert vnu_errors(documents, tmp_path) == []


def test_empty_overview_is_accessible(new_context, staff):
    for width in WIDTHS:
        page = open_page(new_context, width)
        log_in(page, "redaktion", reverse("monitor:manage-overview"))
        page.get_by_text("Es gibt noch keine Befragung").wait_for()
        assert_clean(page, "empty overview", width)
