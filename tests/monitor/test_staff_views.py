"""The Monitor's staff pages: who may open them, the upload form's German errors with the input
kept, size limits, the run's page in its states, publish/unpublish and the downloads, query counts."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from revier.monitor import import_runs
from revier.monitor.import_runs import RunInput
from revier.monitor.models import ImportRun, Survey, Wave
from revier.monitor.permissions import can_manage_monitor
from revier.monitor.staff_forms import UploadForm
from tests.factories import StaffFactory, UserFactory
from tests.monitor.sample import sample_bytes, sample_files

pytestmark = pytest.mark.django_db
Status = ImportRun.Status
SCHEME = ("district_x_sex", "age_group", "education")


@pytest.fixture
def survey():
    return Survey.objects.create(slug="mitteldeutschland-monitor", name="Mitteldeutschland-Monitor")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(username="redaktion"))
    return client


def manager(**extra):
    """Staff (not superuser) given the model permission "Can add wave"."""
    user = UserFactory(is_staff=True, **extra)
    user.user_permissions.add(Permission.objects.get(codename="add_wave", content_type__app_label="monitor"))
    return user


def files(**replace) -> dict:
    uploads = {
        "microdata": SimpleUploadedFile("microdata.csv", sample_bytes("microdata.csv"), "text/csv"),
        "codebook": SimpleUploadedFile("codebook.json", sample_bytes("codebook.json"), "application/json"),
        "margins": SimpleUploadedFile("margins.json", sample_bytes("margins.json"), "application/json"),
    }
    uploads.update(replace)
    return {name: upload for name, upload in uploads.items() if upload is not None}


def form_data(survey=None, **values) -> dict:
    data = {"survey": str(survey.pk) if survey else "", "new_survey_name": "", "new_survey_slug": "", "year": "2024",
            "scheme": "", "bound_lower": "0,2", "bound_upper": "5"}
    data.update(values)
    return data


def make_run(survey, *, checked=False, scheme=SCHEME) -> ImportRun:
    run = import_runs.import_run_create(data=RunInput(year=2024, scheme=scheme, survey=survey), files=sample_files(),
                                        actor=None)
    if checked:
        import_runs.import_runs_due()
    return ImportRun.objects.get(pk=run.pk)


def imported_wave(survey) -> Wave:
    run = make_run(survey, checked=True)
    import_runs.import_run_confirm(run=run, actor=None)
    import_runs.import_runs_due()
    return ImportRun.objects.get(pk=run.pk).wave


def errors_of(response) -> list[str]:
    return re.findall(r'<p class="kern-error" id="id_(\w+)-error">.*?<span class="kern-body">(.*?)</span>',
                      response.content.decode(), re.S)


# ---------------------------------------------------------------------------------------------
# Who may


def test_can_manage_monitor():
    assert not can_manage_monitor(None)
    assert not can_manage_monitor(UserFactory())
    assert not can_manage_monitor(UserFactory(is_staff=True))  # staff without the permission
    assert can_manage_monitor(manager())
    assert not can_manage_monitor(manager(is_active=False))
    user = UserFactory()  # the permission without being staff
    user.user_permissions.add(Permission.objects.get(codename="add_wave", content_type__app_label="monitor"))
    assert not can_manage_monitor(user)
    assert can_manage_monitor(StaffFactory())  # superuser


def staff_urls(survey) -> list[str]:
    run = make_run(survey)
    wave = Wave.objects.create(survey=survey, year=2020)
    return [reverse("monitor:manage-overview"), reverse("monitor:manage-upload"),
            reverse("monitor:manage-run", args=[run.pk]), reverse("monitor:manage-weights", args=[wave.pk]),
            reverse("monitor:manage-estimates", args=[wave.pk])]


def test_anonymous_is_sent_to_the_login(client, survey):
    for url in staff_urls(survey):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/anmelden/?next="), url


def test_without_the_permission_403(client, survey):
    urls = staff_urls(survey)
    for user in (UserFactory(), UserFactory(is_staff=True)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        run = ImportRun.objects.get()
        assert client.post(reverse("monitor:manage-run-cancel", args=[run.pk])).status_code == 403
        assert ImportRun.objects.get().status == Status.QUEUED_CHECK


def test_manager_and_superuser_may(client, survey):
    urls = staff_urls(survey)[:3]
    for user in (manager(), StaffFactory()):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["X-Robots-Tag"] == "noindex"
            assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_organiser_area_links_the_monitor_for_those_who_may(client):
    url = reverse("events:manage-list")
    client.force_login(manager())
    assert reverse("monitor:manage-overview") in client.get(url).content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert reverse("monitor:manage-overview") not in client.get(url).content.decode()


# ---------------------------------------------------------------------------------------------
# Upload form


def test_upload_creates_a_run_and_checks_nothing_in_the_request(staff_client, survey):
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey), **files()})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("monitor:manage-run", args=[run.pk])
    assert run.status == Status.QUEUED_CHECK and run.report == {} and run.survey == survey
    assert run.scheme == ["district_x_sex", "age_group", "education"]  # margins.json's default scheme "B"
    assert (run.bound_lower, run.bound_upper, run.replace, run.year) == (0.2, 5.0, False, 2024)
    assert bytes(run.microdata) == sample_bytes("microdata.csv")
    assert run.created_by.username == "redaktion"


def test_upload_scheme_by_name_or_margins(staff_client, survey):
    staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey, scheme="A"), **files()})
    staff_client.post(reverse("monitor:manage-upload"),
                      {**form_data(survey, scheme=" district_x_sex ,education", bound_lower="0.3", bound_upper="4,5"),
                       **files()})
    first, second = ImportRun.objects.order_by("id")
    assert first.scheme == ["district_x_sex", "district_x_age_group", "district_x_education"]
    assert second.scheme == ["district_x_sex", "education"] and (second.bound_lower, second.bound_upper) == (0.3, 4.5)


def test_upload_with_a_new_survey(staff_client):
    staff_client.post(reverse("monitor:manage-upload"),
                      {**form_data(new_survey_name="Lausitz-Monitor", new_survey_slug="lausitz-monitor"), **files()})
    run = ImportRun.objects.get()
    assert (run.survey, run.new_survey_slug, run.new_survey_name) == (None, "lausitz-monitor", "Lausitz-Monitor")
    assert not Survey.objects.exists()


def test_upload_errors_in_german_next_to_the_fields_input_kept(staff_client, survey):
    Wave.objects.create(survey=survey, year=2023)
    margins_csv = SimpleUploadedFile("margins.csv", sample_bytes("margins.csv"), "text/csv")
    response = staff_client.post(reverse("monitor:manage-upload"), {
        **form_data(survey, year="2023", scheme="district_x_sex,,education", bound_lower="1,5", bound_upper="abc",
                    new_survey_name="Zweite Umfrage"),
        **files(codebook=SimpleUploadedFile("codebook.txt", b"{}", "text/plain"), margins=margins_csv, microdata=None),
    })
    assert response.status_code == 200
    assert not ImportRun.objects.exists()
    errors = dict(errors_of(response))
    assert set(errors) == {"microdata", "codebook", "bound_lower", "bound_upper", "replace", "new_survey_name", "scheme"}
    assert "Mikrodaten" in errors["microdata"] or "microdata" in errors["microdata"]
    assert "JSON" in errors["codebook"]
    assert "2023" in errors["replace"]
    assert "Komma" in errors["scheme"]
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html and "Fehler:" in html
    assert 'value="2023"' in html and 'value="district_x_sex,,education"' in html and 'value="1,5"' in html
    assert f'<option value="{survey.pk}" selected>' in html
    assert "Bitte wählen Sie die Dateien erneut aus" in html or "erneut" in html


def test_upload_new_survey_errors(staff_client, survey):
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(new_survey_slug="Neue Umfrage!"), **files()})
    errors = dict(errors_of(response))
    assert set(errors) == {"new_survey_name", "new_survey_slug"}
    response = staff_client.post(reverse("monitor:manage-upload"),
                                 {**form_data(new_survey_name="X", new_survey_slug=survey.slug), **files()})
    assert "gibt es schon" in dict(errors_of(response))["new_survey_slug"]
    response = staff_client.post(reverse("monitor:manage-upload"),
                                 {**form_data(new_survey_name="X", new_survey_slug="verwalten"), **files()})
    assert "reserviert" in dict(errors_of(response))["new_survey_slug"]
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey="", year="20x4"), **files()})
    assert set(dict(errors_of(response))) >= {"year", "new_survey_name", "new_survey_slug"}
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey), "survey": "999", **files()})
    assert "survey" in dict(errors_of(response))
    assert not ImportRun.objects.exists()


def test_upload_needs_a_scheme_without_margins_json(staff_client, survey):
    margins_csv = SimpleUploadedFile("margins.csv", sample_bytes("margins.csv"), "text/csv")
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey), **files(margins=margins_csv)})
    assert "scheme" in dict(errors_of(response))
    assert not ImportRun.objects.exists()


def test_upload_size_limits(staff_client, survey, settings):
    settings.MONITOR_SMALL_FILE_MAX_BYTES = 5000
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey), **files()})
    errors = dict(errors_of(response))
    assert set(errors) == {"codebook", "margins"}
    assert "größer als" in errors["codebook"]
    settings.MONITOR_SMALL_FILE_MAX_BYTES = 20_000
    settings.MONITOR_MICRODATA_MAX_BYTES = 100_000
    big = SimpleUploadedFile("microdata.csv", sample_bytes("microdata.csv") * 10, "text/csv")  # 3.3 MB
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey), **files(microdata=big)})
    # the whole request is larger than the page takes: refused before it is read
    assert response.status_code == 413
    settings.MONITOR_SMALL_FILE_MAX_BYTES = 2 * 1024 * 1024
    settings.MONITOR_MICRODATA_MAX_BYTES = 320_000  # the request fits, the microdata file does not
    response = staff_client.post(reverse("monitor:manage-upload"), {**form_data(survey), **files()})
    assert set(dict(errors_of(response))) == {"microdata"}
    assert not ImportRun.objects.exists()


def test_upload_page_takes_more_than_other_file_pages(staff_client, survey, settings):
    """50 MB microdata: more than UPLOAD_MAX_BYTES (the admin's limit) passes the body check here."""
    from django.test import RequestFactory

    from revier.core.params import body_too_large

    size = settings.UPLOAD_MAX_BYTES + 1
    upload = RequestFactory().post(reverse("monitor:manage-upload"), CONTENT_LENGTH=str(size))
    upload.META["CONTENT_LENGTH"] = str(size)
    assert not body_too_large(upload)
    other = RequestFactory().post(reverse("admin:index"))
    other.META["CONTENT_LENGTH"] = str(size)
    assert body_too_large(other)


def test_upload_refuses_control_characters_in_a_file_name(staff_client, survey):
    # Django's upload parser drops them already: the name is stored without them.
    staff_client.post(reverse("monitor:manage-upload"), {
        **form_data(survey), **files(microdata=SimpleUploadedFile("micro\x00data\x01.csv", b"resp_id\n1\n", "text/csv"))})
    assert ImportRun.objects.get().microdata_name == "microdata.csv"
    # The form refuses them all the same (a name reaching it another way).
    form = UploadForm(form_data(survey), files(microdata=SimpleUploadedFile("micro\x00data.csv", b"resp_id\n1\n")))
    assert not form.is_valid()
    assert "nicht erlaubte Zeichen" in form.errors["microdata"][0]


def test_upload_refuses_an_empty_file(staff_client, survey):
    response = staff_client.post(reverse("monitor:manage-upload"),
                                 {**form_data(survey), **files(codebook=SimpleUploadedFile("codebook.json", b""))})
    assert "leer" in dict(errors_of(response))["codebook"]


# ---------------------------------------------------------------------------------------------
# The run's page


def test_run_page_while_waiting_no_automatic_reload_unless_chosen(staff_client, survey):
    run = make_run(survey)
    url = reverse("monitor:manage-run", args=[run.pk])
    html = staff_client.get(url).content.decode()
    assert '<progress id="fortschritt" max="100" value="0">' in html
    assert 'http-equiv="refresh"' not in html
    assert f'href="{url}?aktualisieren=1"' in html
    html = staff_client.get(url, {"aktualisieren": "1"}).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert f'href="{url}">Automatisches Neuladen beenden' in html or "beenden" in html
    import_runs.import_runs_due()
    html = staff_client.get(url, {"aktualisieren": "1"}).content.decode()
    assert 'http-equiv="refresh"' not in html  # the check has finished: nothing to wait for


def test_run_page_shows_the_report_and_the_confirm_button(staff_client, survey):
    run = make_run(survey, checked=True)
    html = staff_client.get(reverse("monitor:manage-run", args=[run.pk])).content.decode()
    assert "Keine Probleme gefunden" in html
    assert "2000" in html or "2.000" in html
    assert reverse("monitor:manage-run-confirm", args=[run.pk]) in html
    for margin in SCHEME:
        assert f'<th class="kern-table__header" scope="row">{margin}</th>' in html
    assert "Effektive Stichprobengröße" in html or "effektive" in html.lower()


def test_run_page_groups_problems(staff_client, survey):
    run = make_run(survey, checked=True, scheme=("district_x_sex", "district_x_age_group", "district_x_education"))
    html = staff_client.get(reverse("monitor:manage-run", args=[run.pk])).content.decode()
    assert "Probleme nach Art" in html
    assert reverse("monitor:manage-run-confirm", args=[run.pk]) not in html
    assert reverse("monitor:manage-run-recheck", args=[run.pk]) in html
    assert "<code>B</code>" in html  # the schemes of margins.json offered


def test_confirm_cancel_and_recheck_through_the_page(staff_client, survey):
    run = make_run(survey, checked=True, scheme=("district_x_sex", "district_x_age_group", "district_x_education"))
    url = reverse("monitor:manage-run", args=[run.pk])
    response = staff_client.post(reverse("monitor:manage-run-confirm", args=[run.pk]), follow=True)
    assert "Probleme gefunden" in response.content.decode()  # refused, said in German
    assert ImportRun.objects.get().status == Status.CHECKED
    response = staff_client.post(reverse("monitor:manage-run-recheck", args=[run.pk]),
                                 {"scheme": "", "bound_lower": "0", "bound_upper": "5"})
    assert response.status_code == 200 and set(dict(errors_of(response))) == {"bound_lower"}
    response = staff_client.post(reverse("monitor:manage-run-recheck", args=[run.pk]),
                                 {"scheme": "B", "bound_lower": "0,2", "bound_upper": "5"})
    assert response.status_code == 302 and response["Location"] == url
    run = ImportRun.objects.get()
    assert run.status == Status.QUEUED_CHECK and run.scheme == list(SCHEME)
    import_runs.import_runs_due()
    staff_client.post(reverse("monitor:manage-run-confirm", args=[run.pk]))
    assert ImportRun.objects.get().status == Status.QUEUED_IMPORT
    staff_client.post(reverse("monitor:manage-run-cancel", args=[run.pk]))
    assert ImportRun.objects.get().status == Status.CANCELLED
    assert "gelöscht" in staff_client.get(url).content.decode()


def test_actions_only_by_post(staff_client, survey):
    run = make_run(survey)
    wave = Wave.objects.create(survey=survey, year=2020)
    for url in (reverse("monitor:manage-run-confirm", args=[run.pk]), reverse("monitor:manage-run-cancel", args=[run.pk]),
                reverse("monitor:manage-run-recheck", args=[run.pk]), reverse("monitor:manage-publish", args=[wave.pk]),
                reverse("monitor:manage-unpublish", args=[wave.pk])):
        assert staff_client.get(url).status_code == 405, url
    assert ImportRun.objects.get().status == Status.QUEUED_CHECK


def test_unknown_run_or_wave_404(staff_client):
    assert staff_client.get(reverse("monitor:manage-run", args=[999])).status_code == 404
    assert staff_client.get(reverse("monitor:manage-weights", args=[999])).status_code == 404
    assert staff_client.post(reverse("monitor:manage-publish", args=[999])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Waves: publish, withdraw, downloads


def test_publish_and_unpublish(staff_client, survey):
    wave = imported_wave(survey)
    overview = reverse("monitor:manage-overview")
    html = staff_client.get(overview).content.decode()
    assert reverse("monitor:manage-publish", args=[wave.pk]) in html
    response = staff_client.post(reverse("monitor:manage-publish", args=[wave.pk]))
    assert response.status_code == 302 and response["Location"] == overview
    assert Wave.objects.get().status == Wave.Status.PUBLISHED
    html = staff_client.get(overview).content.decode()
    assert reverse("monitor:manage-unpublish", args=[wave.pk]) in html and "veröffentlicht" in html
    staff_client.post(reverse("monitor:manage-unpublish", args=[wave.pk]))
    assert Wave.objects.get().status == Wave.Status.DRAFT


def test_downloads_weights_and_estimates(staff_client, survey):
    wave = imported_wave(survey)
    response = staff_client.get(reverse("monitor:manage-weights", args=[wave.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "weights.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["resp_id", "weight"] and len(rows) == 2001
    assert abs(sum(float(row[1]) for row in rows[1:]) / 2000 - 1) < 1e-9
    response = staff_client.get(reverse("monitor:manage-estimates", args=[wave.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["question", "group_var", "group_value", "n", "sum_w", "p_unweighted", "p", "n_eff", "deff_kish",
                       "wilson_lo", "wilson_hi"]
    assert {row[1] for row in rows[1:]} == {"all", "district_code", "state", "sex", "age_group", "education"}


# ---------------------------------------------------------------------------------------------
# Query counts


def test_overview_query_count_constant(staff_client, django_assert_max_num_queries):
    def add(n, start):
        for i in range(n):
            survey = Survey.objects.create(slug=f"umfrage-{start + i}", name=f"Umfrage {start + i}")
            for year in (2020, 2021, 2022):
                Wave.objects.create(survey=survey, year=year, n=100)
            make_run(survey)

    add(1, 0)
    url = reverse("monitor:manage-overview")
    staff_client.get(url)
    with django_assert_max_num_queries(9) as small:
        staff_client.get(url)
    add(6, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(url).status_code == 200


def test_run_page_query_count_constant(staff_client, survey, django_assert_max_num_queries):
    run = make_run(survey, checked=True, scheme=("district_x_sex", "district_x_age_group", "district_x_education"))
    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("monitor:manage-run", args=[run.pk])).status_code == 200
