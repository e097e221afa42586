"""The Monitor's staff area (/monitor/verwalten/): surveys and waves with publish/unpublish and the
downloads of weights and estimates, the wave upload, and the page of an upload's background run
(progress, the German report, confirm, check again, cancel).

Logged-in people only (else to the login); those who may not manage the Monitor
(permissions.can_manage_monitor) get 403. These people have a session, so Django's CSRF protection
applies. Every change goes through a service; a file is never checked in the request."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from revier.core.errors import DomainError
from revier.core.params import accepts_files
from revier.core.security import staff_page
from revier.core.services import audit_read
from revier.monitor import export, import_runs, services, staff_selectors
from revier.monitor.import_runs import ImportRunError, RunInput
from revier.monitor.models import ImportRun, Respondent, Wave
from revier.monitor.permissions import can_manage_monitor
from revier.monitor.staff_forms import RecheckForm, UploadForm

__all__ = ["manage_overview", "manage_upload", "manage_run", "manage_run_confirm", "manage_run_cancel",
           "manage_run_recheck", "manage_publish", "manage_unpublish", "manage_weights", "manage_estimates"]

# ?aktualisieren=1 on the run's page: the page reloads itself every few seconds while the run works
# (a choice of the reader: a page that reloads on its own is a time limit, WCAG 2.2.1).
REFRESH_SECONDS = 3


def monitor_staff_page(view):
    """Logged in (else the login), allowed to manage the Monitor (else 403), never cached or indexed."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not can_manage_monitor(request.user):
            raise PermissionDenied("may not manage the monitor")
        return view(request, *args, **kwargs)

    return staff_page()(checked)


def _upload_max_bytes() -> int:
    # The three files and the form's few short fields around them.
    return settings.MONITOR_MICRODATA_MAX_BYTES + 2 * settings.MONITOR_SMALL_FILE_MAX_BYTES + 64 * 1024


def _run(pk: int) -> ImportRun:
    run = staff_selectors.import_run_get(pk=pk)
    if run is None:
        raise Http404("no such upload")
    return run


def _wave(pk: int) -> Wave:
    wave = Wave.objects.select_related("survey").filter(pk=pk).first()
    if wave is None:
        raise Http404("no such wave")
    return wave


@monitor_staff_page
@require_safe
def manage_overview(request):
    return render(request, "monitor/manage/overview.html", {
        "surveys": staff_selectors.surveys_with_waves(),
        "runs": staff_selectors.import_runs_recent(),
    })


@accepts_files(max_bytes=_upload_max_bytes)
@monitor_staff_page
@require_http_methods(["GET", "HEAD", "POST"])
def manage_upload(request):
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = import_runs.import_run_create(
                    data=RunInput(year=data["year"], scheme=tuple(data["margins_scheme"]), bounds=form.bounds,
                                  replace=data["replace"], survey=data["survey"],
                                  new_survey_slug=data["new_survey_slug"], new_survey_name=data["new_survey_name"]),
                    files=form.files_input(), actor=request.user)
            except ImportRunError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The files have been uploaded. The background service checks them now; "
                                            "this page shows how far it is."))
                return redirect("monitor:manage-run", run=run.pk)
    else:
        form = UploadForm()
    return render(request, "monitor/manage/upload.html", {
        "form": form, "files_lost": request.method == "POST" and bool(request.FILES)})


@monitor_staff_page
@require_safe
def manage_run(request, run):
    run = _run(run)
    auto_refresh = request.GET.get("aktualisieren") == "1" and run.is_active
    schemes = run.offered_schemes.get("schemes", {}) if isinstance(run.offered_schemes, dict) else {}
    recheck = None
    if run.status == ImportRun.Status.CHECKED:
        recheck = RecheckForm(initial={"scheme": ", ".join(run.scheme), "replace": run.replace,
                                       "bound_lower": _decimal(run.bound_lower), "bound_upper": _decimal(run.bound_upper)})
    return render(request, "monitor/manage/run.html", {
        "run": run,
        "report": staff_selectors.report_view(run),
        "auto_refresh": auto_refresh,
        "refresh_seconds": REFRESH_SECONDS,
        "recheck": recheck,
        "schemes": schemes,
    })


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _service_action(request, run_pk, action, success: str):
    run = _run(run_pk)
    try:
        action(run=run, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect("monitor:manage-run", run=run.pk)


@monitor_staff_page
@require_POST
def manage_run_confirm(request, run):
    return _service_action(request, run, import_runs.import_run_confirm,
                           _("The import has been started. The background service imports the wave now; it stays "
                             "unpublished until you publish it."))


@monitor_staff_page
@require_POST
def manage_run_cancel(request, run):
    return _service_action(request, run, import_runs.import_run_cancel,
                           _("The upload has been cancelled and its files deleted."))


@monitor_staff_page
@require_POST
def manage_run_recheck(request, run):
    run = _run(run)
    form = RecheckForm(request.POST)
    schemes = run.offered_schemes.get("schemes", {}) if isinstance(run.offered_schemes, dict) else {}
    default = run.offered_schemes.get("default", "") if isinstance(run.offered_schemes, dict) else ""
    if form.is_valid():
        form.resolve(schemes, default)
    if form.is_valid():
        try:
            import_runs.import_run_recheck(run=run, scheme=form.cleaned_data["margins_scheme"], bounds=form.bounds,
                                           replace=form.cleaned_data["replace"], actor=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The files are checked again with your changes."))
        return redirect("monitor:manage-run", run=run.pk)
    return render(request, "monitor/manage/run.html", {
        "run": run, "report": staff_selectors.report_view(run), "auto_refresh": False,
        "refresh_seconds": REFRESH_SECONDS, "recheck": form, "schemes": schemes,
    }, status=200)


def _wave_action(request, wave_pk, action, success: str):
    wave = _wave(wave_pk)
    try:
        action(wave=wave, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success % {"wave": str(wave)})
    return redirect("monitor:manage-overview")


@monitor_staff_page
@require_POST
def manage_publish(request, wave):
    return _wave_action(request, wave, services.wave_publish,
                        _("%(wave)s has been published: everyone can read its results now."))


@monitor_staff_page
@require_POST
def manage_unpublish(request, wave):
    return _wave_action(request, wave, services.wave_unpublish,
                        _("%(wave)s has been withdrawn: its results no longer show on the public pages."))


def _csv(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@monitor_staff_page
@require_safe
def manage_weights(request, wave):
    wave = _wave(wave)
    body = export.weights_csv(wave)
    # Microdata: one row per respondent (header and CRLF line ends, core of export._write).
    audit_read(actor=request.user, action="respondents_exported", model=Respondent, count=body.count("\r\n") - 1,
               data={"wave": wave.pk, "file": "weights"})
    return _csv(body, f"{wave.survey.slug}-{wave.year}-weights.csv")


@monitor_staff_page
@require_safe
def manage_estimates(request, wave):
    wave = _wave(wave)
    return _csv(export.estimates_csv(wave), f"{wave.survey.slug}-{wave.year}-estimates.csv")

