"""The site's one input rule (core.params)."""

import pytest

from revier.core.params import int_param, page_number

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, expected",
    [("7", 7), (" 42 ", 42), ("007", 7), ("9" * 18, int("9" * 18)), (None, None), ("", None), ("²", None),
     ("١٢", None), ("-1", None), ("+1", None), ("1_000", None), ("1e3", None), ("9" * 19, None), ("4\x00", None)],
)
def test_int_param_takes_ascii_digits_of_bounded_length_only(value, expected):
    assert int_param(value) == expected


@pytest.mark.parametrize("value, expected", [(None, 1), ("2", 2), ("0", 1), ("99", 3), ("²", 1), ("9" * 30, 1)])
def test_page_number_always_gives_a_page(value, expected):
    assert page_number(value, num_pages=3) == expected
    assert page_number(value, num_pages=0) == 1


@pytest.mark.parametrize(
    "url", ["/aktuelles/?q=%00", "/aktuelles/?thema=%00", "/veranstaltungen/?thema=a%00", "/?%00=1",
            "/veranstaltungen/vergangene/?thema=%1F", "/aktuelles/%00/", "/veranstaltungen/anmeldung/%00/",
            "/verwaltung/?q=%7F"],
)
def test_control_characters_in_the_address_get_the_designed_400_page(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert '<html lang="de">' in response.content.decode()
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response


def test_control_characters_in_a_form_field_get_400_but_line_breaks_and_tabs_pass(client):
    assert client.post("/kontakt/", {"message": "Hallo\x00"}).status_code == 400
    assert client.post("/kontakt/", {"mess\x1bage": "Hallo"}).status_code == 400
    assert client.post("/kontakt/", {"message": ["Hallo", "Welt\x7f"]}).status_code == 400
    assert client.post("/kontakt/", {"message": "Hallo\r\n\tWelt"}).status_code != 400


@pytest.mark.parametrize("value", ["1", "12345", "²", "-2024", "9" * 30])
def test_admin_date_hierarchy_parts_out_of_range_get_400(admin_client, value):
    assert admin_client.get("/verwaltung/core/auditentry/", {"at__year": value}).status_code == 400


def test_admin_date_hierarchy_in_range_works(admin_client):
    assert admin_client.get("/verwaltung/core/auditentry/", {"at__year": "2026", "at__month": "2"}).status_code == 200


def test_organiser_table_ignores_a_category_in_other_digits(client, django_user_model):
    from tests.factories import TicketCategoryFactory

    category = TicketCategoryFactory()
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "x" * 12))
    response = client.get(f"/veranstaltungen/verwalten/{category.event.slug}/", {"kategorie": "²"})
    assert response.status_code == 200


def _file(megabytes: float):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("gross.bin", b"x" * int(megabytes * 1024 * 1024), content_type="application/octet-stream")


def test_a_30_mb_upload_to_a_public_form_gets_the_german_413_page(client):
    response = client.post("/kontakt/", {"message": "Hallo", "anhang": _file(30)})
    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="de">' in html and "Zu viele Daten gesendet" in html
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("url", ["/barriere-melden/", "/veranstaltungen/link-anfordern/", "/veranstaltungen/freikarten/link-anfordern/"])
def test_public_forms_take_no_body_over_the_form_limit(client, url, settings):
    response = client.post(url, {"anhang": _file(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024 + 0.1)})
    assert response.status_code == 413


def test_the_staff_code_import_still_takes_its_file(client, django_user_model):
    from tests.factories import ContingentFactory

    contingent = ContingentFactory()
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "x" * 12))
    url = f"/veranstaltungen/freikarten/verwalten/{contingent.slug}/codes/"
    response = client.post(url, {"file": _file(3)})  # over the form limit: reaches the form, which says why
    assert response.status_code == 200
    assert "größer als 1 MB" in response.content.decode()


def test_the_admin_still_takes_uploads_but_not_over_the_upload_limit(admin_client, settings):
    assert admin_client.post("/verwaltung/news/article/add/", {"image": _file(3)}).status_code == 200
    settings.UPLOAD_MAX_BYTES = 4 * 1024 * 1024
    assert admin_client.post("/verwaltung/news/article/add/", {"image": _file(5)}).status_code == 413


@pytest.mark.parametrize("url", ["/kontakt/", "/aktuelles/", "/verwaltung/login/"])
@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data; boundary=xyz", b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'),
        ("multipart/form-data", b"garbage"),
        ("application/x-www-form-urlencoded", b"a=%ZZ&b=\xff\xfe"),
        ("multipart/form-data; boundary=xyz", b'--xyz\r\nContent-Disposition: form-data; name="a\x00"\r\n\r\nb\r\n--xyz--'),
    ],
)
def test_malformed_bodies_never_give_500(client, url, content_type, body):
    """The middleware reads every POST's fields before the view: a body Django cannot parse is a 4xx."""
    client.raise_request_exception = False
    response = client.generic("POST", url, body, content_type=content_type, HTTP_ORIGIN="http://testserver")
    assert response.status_code < 500
