import pytest
from django.core import mail
from django.urls import reverse

from revier.core.mail import outbox_send_due
from revier.core.models import AuditEntry
from revier.pages.models import StaffMessage
from revier.pages.views import RATE_LIMIT
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
    "leichte-sprache": "Leichte Sprache",
    "kontakt": "Kontakt",
}


def _barrier(**changes):
    data = {"page_url": "/aktuelles/", "message": "Der Kontrast der Links ist zu schwach.", "name": "", "email": "", "website": ""}
    return {**data, **changes}


def _contact(**changes):
    data = {"message": "Wann ist die nächste Konferenz?", "name": "Erika Muster", "email": "erika@example.org", "website": ""}
    return {**data, **changes}


def _no_cookie(response):
    return not response.cookies and "Set-Cookie" not in response.headers


# --- the pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "title"), FOOTER_PAGES.items())
def test_page_detail_renders_every_footer_page(client, slug, title):
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1 class=\"kern-heading-x-large\">{title}</h1>" in html
    assert _no_cookie(response)


def test_page_detail_unknown_slug_is_404(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_page_detail_query_count(client, django_assert_max_num_queries):
    page = PageFactory(slug="testseite", title="Testseite")
    with django_assert_max_num_queries(1):
        response = client.get(page.get_absolute_url())
    assert response.status_code == 200


def test_page_detail_never_shows_script_from_body(client):
    page = PageFactory(
        slug="mit-skript",
        body='Text <script>alert("x")</script> [klick](javascript:alert(2)) <img src=x onerror="alert(3)">',
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert "alert(" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_page_detail_leichte_sprache_is_marked_german(client):
    html = client.get("/leichte-sprache/").content.decode()
    assert '<div class="article-body kern-body" lang="de">' in html
    assert "Revier ist eine Internet-Seite." in html


def test_footer_links_to_the_forms(client):
    html = client.get("/impressum/").content.decode()
    assert 'href="/barriere-melden/"' in html
    assert 'href="/kontakt/"' in html


# --- forms: showing ---------------------------------------------------------------------------


def test_report_barrier_get_shows_form_without_cookie_or_csrf_token(client):
    response = client.get(reverse("pages:report-barrier"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Barriere melden" in html
    assert "csrfmiddlewaretoken" not in html
    assert 'href="/datenschutz/"' in html  # the privacy note
    assert '<div class="honeypot" aria-hidden="true">' in html
    assert 'tabindex="-1" autocomplete="off"' in html
    assert _no_cookie(response)


def test_report_barrier_prefills_the_page_the_person_came_from(client):
    response = client.get(reverse("pages:report-barrier"), HTTP_REFERER="http://testserver/aktuelles/?q=x")
    assert 'value="http://testserver/aktuelles/?q=x"' in response.content.decode()
    response = client.get(reverse("pages:report-barrier"), HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_contact_shows_editable_text_and_form(client):
    response = client.get(reverse("pages:contact"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "[Bitte ergänzen: Name der Redaktion oder des Betreibers]" in html
    assert 'name="message"' in html and 'name="email"' in html
    assert "Ihre E-Mail-Adresse <span class=\"kern-label__required\">(Pflichtfeld)</span>" in html
    assert _no_cookie(response)


# --- forms: sending ---------------------------------------------------------------------------


def test_report_barrier_happy_path_stores_message_mails_staff_and_redirects(
    client, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["redaktion@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pages:report-barrier"), _barrier(email="leser@example.org"))
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:report-barrier-thanks")
    assert _no_cookie(response)
    message = StaffMessage.objects.get()
    assert message.kind == StaffMessage.Kind.BARRIER
    assert message.page_url == "/aktuelles/"
    assert message.email == "leser@example.org"
    assert not message.handled
    assert outbox_send_due() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["redaktion@example.org"]
    assert "Gemeldete Barriere" in mail.outbox[0].subject
    assert "Der Kontrast der Links ist zu schwach." in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="staff_message_received", object_id=str(message.pk)).count() == 1

    thanks = client.get(response["Location"])
    assert "Vielen Dank für Ihre Nachricht" in thanks.content.decode()
    assert _no_cookie(thanks)


def test_contact_happy_path(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pages:contact"), _contact())
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:contact-thanks")
    message = StaffMessage.objects.get()
    assert (message.kind, message.name, message.email) == ("contact", "Erika Muster", "erika@example.org")
    assert outbox_send_due() == 1
    assert len(mail.outbox) == 1


def test_contact_invalid_email_shows_german_error_next_to_field_and_keeps_input(client):
    response = client.post(reverse("pages:contact"), _contact(email="erika(at)example"))
    assert response.status_code == 200
    html = response.content.decode()
    assert StaffMessage.objects.count() == 0
    assert 'id="id_email-error"' in html
    assert "Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de ein." in html
    assert 'aria-invalid="true" aria-describedby="id_email-hint id_email-error"' in html
    assert 'value="erika(at)example"' in html
    assert "Wann ist die nächste Konferenz?" in html  # the other input is kept too
    assert 'href="#id_email"' in html  # error summary links to the field
    assert "<title>Fehler:" in html
    assert _no_cookie(response)


def test_contact_requires_email(client):
    html = client.post(reverse("pages:contact"), _contact(email="")).content.decode()
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein, damit wir Ihnen antworten können." in html
    assert StaffMessage.objects.count() == 0


def test_report_barrier_email_is_optional_but_message_required(client):
    html = client.post(reverse("pages:report-barrier"), _barrier(message="   ")).content.decode()
    assert "Bitte beschreiben Sie die Barriere." in html
    assert StaffMessage.objects.count() == 0


def test_report_barrier_too_long_message_is_refused_in_german(client):
    response = client.post(reverse("pages:report-barrier"), _barrier(message="x" * 5001))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte kürzen Sie Ihre Eingabe auf höchstens 5000 Zeichen (sie hat 5001)." in html
    assert StaffMessage.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"page_url": "x" * 10_000},
        {"name": "ü" * 300},
        {"email": "a@" + "b" * 300 + ".de"},
        {"message": "'; DROP TABLE pages_staffmessage; --" * 10},
    ],
)
def test_report_barrier_odd_input_never_gives_500(client, changes):
    response = client.post(reverse("pages:report-barrier"), _barrier(**changes))
    assert response.status_code in (200, 302)


def test_report_barrier_accepts_maximum_lengths(client):
    response = client.post(
        reverse("pages:report-barrier"), _barrier(message="ä" * 5000, page_url="/" + "s" * 499, name="n" * 200)
    )
    assert response.status_code == 302
    assert len(StaffMessage.objects.get().message) == 5000


def test_report_barrier_filled_honeypot_stores_nothing_but_thanks(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pages:report-barrier"), _barrier(website="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:report-barrier-thanks")
    assert StaffMessage.objects.count() == 0
    assert len(mail.outbox) == 0


def test_report_barrier_rate_limit_shows_german_message_and_stores_nothing(client):
    for _ in range(RATE_LIMIT):
        client.post(reverse("pages:report-barrier"), _barrier(message=""))  # invalid: counts, stores nothing
    response = client.post(reverse("pages:report-barrier"), _barrier())
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sie haben dieses Formular in kurzer Zeit zu oft abgeschickt." in html
    assert "Der Kontrast der Links ist zu schwach." in html  # input kept
    assert StaffMessage.objects.count() == 0
    # Another client is not affected.
    response = client.post(reverse("pages:report-barrier"), _barrier(), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert StaffMessage.objects.count() == 1


def test_rate_limit_is_shared_by_both_forms(client):
    for _ in range(RATE_LIMIT):
        client.post(reverse("pages:report-barrier"), _barrier(message=""))
    assert client.post(reverse("pages:contact"), _contact()).status_code == 429


@pytest.mark.parametrize("url_name", ["pages:report-barrier", "pages:contact"])
def test_forms_refuse_cross_site_post(client, url_name):
    data = _barrier() if url_name == "pages:report-barrier" else _contact()
    response = client.post(reverse(url_name), data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    response = client.post(reverse(url_name), data, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert StaffMessage.objects.count() == 0


def test_forms_accept_same_origin_post(client):
    response = client.post(
        reverse("pages:contact"), _contact(), HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert _no_cookie(response)


def test_double_submit_of_the_same_form_stores_one_message_and_mails_once(client, django_capture_on_commit_callbacks):
    """A double click or a resent POST within ten minutes is one message; both get the thank-you page."""
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("pages:report-barrier"), _barrier())
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(reverse("pages:report-barrier"), _barrier())
    assert first.status_code == second.status_code == 302
    assert StaffMessage.objects.count() == 1
    assert outbox_send_due() == 1
    assert len(mail.outbox) == 1


def test_thanks_pages_render(client):
    for url_name in ["pages:report-barrier-thanks", "pages:contact-thanks"]:
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        assert "Vielen Dank für Ihre Nachricht" in response.content.decode()


def test_forms_refuse_other_methods(client):
    assert client.put(reverse("pages:contact")).status_code == 405


# --- rendered parts kept per content generation (core.fragments) -------------------------------


@pytest.fixture
def fragments_on(settings):
    # tests/conftest.py switches the store off for every other test.
    from revier.core import cache as page_cache
    from revier.core.fragments import forget_fragments

    settings.FRAGMENT_CACHE_SECONDS = 600
    page_cache.forget_local_copies()
    forget_fragments()
    yield
    forget_fragments()


@pytest.fixture
def staff_client():
    from django.test import Client

    from tests.factories import StaffFactory

    staff = Client()
    staff.force_login(StaffFactory())
    return staff


def test_kept_page_follows_edits_through_the_service_and_the_admin(client, fragments_on, staff_client):
    from revier.pages import services
    from revier.pages.models import Page

    assert client.get("/presse/").status_code == 404
    page = services.page_save(page=Page(title="Presse", slug="presse", body="Erste Fassung."))
    assert "Erste Fassung." in client.get("/presse/").content.decode()
    page.body = "Zweite Fassung."
    services.page_save(page=page)
    assert "Zweite Fassung." in client.get("/presse/").content.decode()
    change = reverse("admin:pages_page_change", args=[page.pk])
    assert staff_client.post(change, {"title": "Pressestelle", "body": "Aus dem Admin."}).status_code == 302
    html = client.get("/presse/").content.decode()
    assert "Aus dem Admin." in html and "<title>Pressestelle" in html
    assert staff_client.post(reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}).status_code == 302
    assert client.get("/presse/").status_code == 404


def test_kept_page_asks_no_query_and_unknown_addresses_are_never_kept(client, fragments_on, django_assert_num_queries):
    client.get("/impressum/")
    with django_assert_num_queries(0):
        assert client.get("/impressum/").status_code == 200
    for _ in range(2):
        # Not kept: addresses nobody published cannot fill the store.
        with django_assert_num_queries(1):
            assert client.get("/gibt-es-nicht/").status_code == 404


def test_kept_contact_text_follows_edits_and_forms_keep_no_input(client, fragments_on, django_assert_num_queries):
    from revier.pages import services
    from revier.pages.models import Page

    client.get(reverse("pages:contact"))
    with django_assert_num_queries(0):
        client.get(reverse("pages:contact"))
    page = Page.objects.get(slug="kontakt")
    page.body = "Neue Kontaktdaten der Redaktion."
    services.page_save(page=page)
    assert "Neue Kontaktdaten der Redaktion." in client.get(reverse("pages:contact")).content.decode()
    response = client.post(reverse("pages:contact"), _contact(message="Eingabe-Unikat", email="kaputt"))
    assert "Eingabe-Unikat" in response.content.decode() and "<title>Fehler:" in response.content.decode()
    html = client.get(reverse("pages:contact")).content.decode()
    assert "Eingabe-Unikat" not in html and "kaputt" not in html and "Fehler" not in html


def test_kept_barrier_form_prefills_each_reader_their_own_page(client, fragments_on):
    url = reverse("pages:report-barrier")
    first = client.get(url, HTTP_REFERER="http://testserver/aktuelles/").content.decode()
    second = client.get(url, HTTP_REFERER="http://testserver/veranstaltungen/").content.decode()
    blank = client.get(url).content.decode()
    assert 'value="http://testserver/aktuelles/"' in first
    assert 'value="http://testserver/veranstaltungen/"' in second and "testserver/aktuelles/" not in second
    assert 'name="page_url"' in blank and "testserver" not in blank
    response = client.post(url, _barrier(message="", page_url="/eingabe-unikat/"))
    assert "/eingabe-unikat/" in response.content.decode()
    assert "/eingabe-unikat/" not in client.get(url).content.decode()
