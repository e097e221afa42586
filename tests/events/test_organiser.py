"""Organiser area: permissions on every URL, the registrations table, detail and actions, exports,
messages, cancelling the event, and check-in (also two devices at the same moment)."""

import csv
import datetime
import io
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.core.tokens import new_code
from revier.events import selectors, services
from revier.events.models import Event, Question, Registration
from tests.events.test_services import last_token
from tests.factories import (
    EventFactory,
    QuestionFactory,
    StaffFactory,
    TicketCategoryFactory,
    UserFactory,
    registration_input,
)

Status = Registration.Status
PASSWORD = "ein-sicheres-Passwort-123"


# ---------------------------------------------------------------------------------------------
# Data


def register(category, n, **kwargs):
    return services.registration_create(event=category.event, data=registration_input(category, n, **kwargs)).registration


def confirmed(category, n, **kwargs):
    registration = register(category, n, **kwargs)
    return services.registration_confirm(token=last_token(registration.email))


@pytest.fixture
def event():
    return EventFactory(title="Wärmewende im Mittelstand")


@pytest.fixture
def onsite(event):
    return TicketCategoryFactory(event=event, name="Teilnahme vor Ort", capacity=2, position=0)


@pytest.fixture
def online(event):
    return TicketCategoryFactory(event=event, name="Online-Teilnahme", capacity=None, position=1)


@pytest.fixture
def questions(event):
    topics = QuestionFactory(event=event, text="Welche Themen interessieren Sie?", kind=Question.Kind.MULTIPLE,
                             choices="Wasserstoff\nWärme\nFachkräfte", position=0)
    diet = QuestionFactory(event=event, text="Essenswünsche", kind=Question.Kind.TEXT, position=1)
    return topics, diet


@pytest.fixture
def organiser(event):
    user = UserFactory(username="orga")
    event.managers.add(user)
    return user


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def other_event():
    other = EventFactory(title="Fremde Veranstaltung")
    category = TicketCategoryFactory(event=other, capacity=5)
    registration = confirmed(category, 900)
    return other, registration


def manage_url(event):
    return reverse("events:manage", kwargs={"slug": event.slug})


# ---------------------------------------------------------------------------------------------
# Login and the list of events


@pytest.mark.django_db
def test_login_page_is_german_and_logs_organiser_in(client, organiser):
    response = client.get("/anmelden/")
    assert response.status_code == 200
    assert "Anmelden" in response.content.decode()
    response = client.post("/anmelden/", {"username": "orga", "password": PASSWORD})
    # on to the second factor (set up on the first login), then to the organiser area
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/zweiter-faktor/?next=%2Fveranstaltungen%2Fverwalten%2F"
    client.logout()
    response = client.post("/anmelden/", {"username": "orga", "password": "falsch"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_login_page_title_names_the_site_not_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["revier.example"]
    html = client.get("/anmelden/", HTTP_HOST="revier.example").content.decode()

    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "Anmelden – Revier"
    assert "revier.example" not in html.split("<main", 1)[0]


@pytest.mark.django_db
def test_logout_ends_session(organiser_client):
    response = organiser_client.post("/abmelden/")
    assert response.status_code == 302
    assert organiser_client.get("/veranstaltungen/verwalten/").status_code == 302


@pytest.mark.django_db
def test_manage_list_without_login_redirects_to_login(client):
    response = client.get("/veranstaltungen/verwalten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=/veranstaltungen/verwalten/")


@pytest.mark.django_db
def test_manage_list_shows_own_events_with_counts(organiser_client, event, onsite, online, other_event):
    confirmed(onsite, 1)
    register(onsite, 2)
    register(onsite, 3, join_waitlist=True)
    response = organiser_client.get("/veranstaltungen/verwalten/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wärmewende im Mittelstand" in html and "Fremde Veranstaltung" not in html
    event_row = response.context["events"][0]
    assert (event_row.count_total, event_row.count_confirmed, event_row.count_unconfirmed, event_row.count_waitlisted) == (3, 1, 1, 1)


@pytest.mark.django_db
def test_manage_list_without_events_explains(client, event):
    client.force_login(UserFactory())
    response = client.get("/veranstaltungen/verwalten/")
    assert response.status_code == 200
    assert response.context["events"] == []
    assert "noch keinen Zugang" in response.content.decode()


@pytest.mark.django_db
def test_manage_list_superuser_sees_every_event(client, event, other_event):
    client.force_login(StaffFactory())
    titles = {e.title for e in client.get("/veranstaltungen/verwalten/").context["events"]}
    assert {"Wärmewende im Mittelstand", "Fremde Veranstaltung"} <= titles


# ---------------------------------------------------------------------------------------------
# Permissions on every URL


def _urls(event, registration):
    slug = event.slug
    return [
        ("get", reverse("events:manage", kwargs={"slug": slug}), {}),
        ("post", reverse("events:manage", kwargs={"slug": slug}), {"category": registration.category_id, "capacity": "99"}),
        ("get", reverse("events:manage-registration", kwargs={"slug": slug, "pk": registration.pk}), {}),
        ("post", reverse("events:manage-registration", kwargs={"slug": slug, "pk": registration.pk}), {"action": "cancel", "confirm": "yes"}),
        ("get", reverse("events:manage-export", kwargs={"slug": slug, "fmt": "csv"}), {}),
        ("get", reverse("events:manage-export", kwargs={"slug": slug, "fmt": "xlsx"}), {}),
        ("get", reverse("events:manage-message", kwargs={"slug": slug}), {}),
        ("post", reverse("events:manage-message", kwargs={"slug": slug}), {"subject": "Hallo", "body": "Text", "statuses": ["confirmed"], "action": "send"}),
        ("get", reverse("events:manage-cancel", kwargs={"slug": slug}), {}),
        ("post", reverse("events:manage-cancel", kwargs={"slug": slug}), {"note": "Abgesagt", "confirm": "on"}),
        ("get", reverse("events:check-in", kwargs={"slug": slug}), {}),
        ("post", reverse("events:check-in", kwargs={"slug": slug}), {"code": registration.ticket_code}),
        ("get", reverse("events:check-in-count", kwargs={"slug": slug}), {}),
    ]


@pytest.mark.django_db
def test_organiser_of_one_event_gets_404_on_every_url_of_another(organiser_client, event, other_event):
    other, registration = other_event
    for method, url, data in _urls(other, registration):
        response = getattr(organiser_client, method)(url, data)
        assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
    registration.refresh_from_db()
    other.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.checked_in_at is None
    assert other.status == Event.Status.PUBLISHED and registration.category.capacity == 5
    assert not OutboxMail.objects.filter(subject="Hallo").exists()


@pytest.mark.django_db
def test_organiser_area_without_login_redirects_on_every_url(client, other_event):
    other, registration = other_event
    for method, url, data in _urls(other, registration):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/anmelden/"), url


@pytest.mark.django_db
def test_registration_of_another_event_is_404_under_own_event(organiser_client, event, onsite, other_event):
    _other, foreign = other_event
    url = reverse("events:manage-registration", kwargs={"slug": event.slug, "pk": foreign.pk})
    assert organiser_client.get(url).status_code == 404
    assert organiser_client.post(url, {"action": "cancel", "confirm": "yes"}).status_code == 404
    assert organiser_client.get(reverse("events:manage-registration", kwargs={"slug": event.slug, "pk": 99999999})).status_code == 404


@pytest.mark.django_db
def test_manage_all_events_permission_opens_every_event(client, other_event):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="manage_all_events"))
    client.force_login(user)
    other, _registration = other_event
    assert client.get(manage_url(other)).status_code == 200


# ---------------------------------------------------------------------------------------------
# The registrations table


@pytest.mark.django_db
def test_manage_registrations_counts_per_status_and_category(organiser_client, event, onsite, online):
    confirmed(onsite, 1)
    register(onsite, 2)
    register(onsite, 3, join_waitlist=True)
    confirmed(online, 4)
    response = organiser_client.get(manage_url(event))
    counts = response.context["counts"]
    by_status = {status: n for status, _label, n in counts.by_status}
    assert counts.total == 4
    assert by_status[Status.CONFIRMED] == 2 and by_status[Status.UNCONFIRMED] == 1 and by_status[Status.WAITLISTED] == 1
    overview = {c.category.name: c for c in counts.categories}
    assert overview["Teilnahme vor Ort"].availability.taken == 2 and overview["Teilnahme vor Ort"].availability.capacity == 2
    assert overview["Teilnahme vor Ort"].count == 3
    assert overview["Online-Teilnahme"].availability.capacity is None and overview["Online-Teilnahme"].count == 1
    html = response.content.decode()
    assert 'tabindex="0"' in html and "<caption" in html


@pytest.mark.django_db
def test_manage_registrations_search_filter_and_sort(organiser_client, event, onsite, online):
    confirmed(onsite, 1, last_name="Zander", organisation="Stadtwerke Leuna")
    register(onsite, 2, last_name="Bäcker", email="baecker@example.org")
    confirmed(online, 3, last_name="Adler")
    url = manage_url(event)

    def names(**params):
        return [r.last_name for r in organiser_client.get(url, params).context["registrations"]]

    assert names() == ["Zander", "Bäcker", "Adler"]
    assert names(sortierung="name") == ["Adler", "Bäcker", "Zander"]
    assert names(sortierung="-name") == ["Zander", "Bäcker", "Adler"]
    assert names(sortierung="-registered") == ["Adler", "Bäcker", "Zander"]
    assert names(sortierung="email; DROP TABLE") == ["Zander", "Bäcker", "Adler"]  # unknown key → default
    assert names(q="stadtwerke") == ["Zander"]
    assert names(q="baecker@") == ["Bäcker"]
    assert names(status="confirmed") == ["Zander", "Adler"]
    assert names(kategorie=str(online.pk)) == ["Adler"]
    assert names(status="nonsense", kategorie="abc") == ["Zander", "Bäcker", "Adler"]
    assert names(kategorie="999999") == ["Zander", "Bäcker", "Adler"]
    assert organiser_client.get(url, {"q": "x" * 5000, "page": "abc"}).status_code == 200
    assert organiser_client.get(url, {"q": "Nirgendwer"}).context["page_obj"].paginator.count == 0


@pytest.mark.django_db
def test_manage_registrations_paginates_by_50(organiser_client, event, online):
    _bulk_registrations(online, 120)
    response = organiser_client.get(manage_url(event), {"page": "3"})
    assert response.status_code == 200
    assert len(response.context["registrations"]) == 20
    assert organiser_client.get(manage_url(event), {"page": "99"}).context["page_obj"].number == 3


def _bulk_registrations(category, count, status=Status.CONFIRMED, start=0):
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            event=category.event, category=category, status=status, first_name="Kim", last_name=f"Massen{n:04d}",
            email=f"kim{n}@example.org", email_normalized=f"kim{n}@example.org", sector="kmu",
            organisation="Viele GmbH", ticket_code=new_code(), confirmed_at=now,
            answers={},
        )
        for n in range(start, start + count)
    )


@pytest.mark.django_db
def test_manage_registrations_query_count_does_not_grow(organiser_client, count_queries, event, onsite, online, questions):
    _bulk_registrations(online, 10)
    url = manage_url(event)
    response, small = count_queries(url)
    assert response.status_code == 200
    _bulk_registrations(online, 990, start=10)
    response, large = count_queries(url)
    assert response.status_code == 200 and response.context["counts"].total == 1000
    assert large == small
    _response, filtered = count_queries(url + "?q=Massen&status=confirmed&sortierung=name&page=5")
    assert filtered == small


@pytest.mark.django_db
def test_capacity_change_offers_seat_to_waiting_list(organiser_client, event, onsite):
    confirmed(onsite, 1)
    confirmed(onsite, 2)
    waiting = register(onsite, 3, join_waitlist=True)
    response = organiser_client.post(manage_url(event), {"category": onsite.pk, "capacity": "3"})
    assert response.status_code == 302
    onsite.refresh_from_db()
    waiting.refresh_from_db()
    assert onsite.capacity == 3 and waiting.status == Status.OFFERED
    assert "geändert" in organiser_client.get(response["Location"]).content.decode()
    response = organiser_client.post(manage_url(event), {"category": onsite.pk, "capacity": ""})
    onsite.refresh_from_db()
    assert onsite.capacity is None


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{"category": "x", "capacity": "3"}, {"capacity": "-1"}, {"capacity": "viele"}, {"capacity": "9" * 30}])
def test_capacity_change_with_bad_input_shows_german_error(organiser_client, event, onsite, data):
    data = {"category": onsite.pk, **data}
    response = organiser_client.post(manage_url(event), data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode() and "Bitte" in response.content.decode()
    onsite.refresh_from_db()
    assert onsite.capacity == 2


# ---------------------------------------------------------------------------------------------
# Detail and actions


def detail_url(registration):
    return reverse("events:manage-registration", kwargs={"slug": registration.event.slug, "pk": registration.pk})


@pytest.mark.django_db
def test_detail_shows_answers_consents_and_history(organiser_client, event, onsite, questions):
    topics, diet = questions
    registration = confirmed(onsite, 1, answers={str(topics.pk): ["Wasserstoff", "Wärme"], str(diet.pk): "vegetarisch"},
                             consents=frozenset({"photos"}))
    response = organiser_client.get(detail_url(registration))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welche Themen interessieren Sie?" in html and "Wasserstoff, Wärme" in html and "vegetarisch" in html
    assert "Fotos" in html and "2026-11" in html
    assert "Angemeldet" in html and "Bestätigt durch die Person" in html
    assert registration.ticket_code in html
    # "Status" once: as the term in the list, not also as the heading above it.
    assert len(re.findall(r">\s*Status\s*<", html)) == 1


@pytest.mark.django_db
def test_detail_shows_the_language_the_person_registered_in(organiser_client, event, onsite):
    registration = confirmed(onsite, 1)
    Registration.objects.filter(pk=registration.pk).update(language="en")
    html = organiser_client.get(detail_url(registration)).content.decode()
    assert re.search(r">Sprache</dt><dd[^>]*>English</dd>", html)


@pytest.mark.django_db
def test_detail_cancel_needs_confirmation_then_cancels_and_moves_up(organiser_client, organiser, event, onsite):
    registration = confirmed(onsite, 1)
    confirmed(onsite, 2)
    waiting = register(onsite, 3, join_waitlist=True)
    response = organiser_client.post(detail_url(registration), {"action": "cancel"})
    assert response.status_code == 302 and "stornieren=1" in response["Location"]
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    page = organiser_client.get(response["Location"]).content.decode()
    assert "Anmeldung wirklich stornieren?" in page
    response = organiser_client.post(detail_url(registration), {"action": "cancel", "confirm": "yes"})
    assert response.status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Status.CANCELLED and waiting.status == Status.OFFERED
    assert AuditEntry.objects.filter(action="registration_cancelled", actor=organiser).exists()
    # a second submit (back button) is not possible any more, and says so
    response = organiser_client.post(detail_url(registration), {"action": "cancel", "confirm": "yes"}, follow=True)
    assert response.status_code == 200 and "aktuellen Stand der Anmeldung nicht möglich" in response.content.decode()


@pytest.mark.django_db
def test_detail_approve_and_reject_when_approval_is_on(organiser_client, event, onsite):
    Event.objects.filter(pk=event.pk).update(requires_approval=True)
    first = confirmed(onsite, 1)
    second = confirmed(onsite, 2)
    assert first.status == Status.PENDING_APPROVAL
    assert "Freigeben" in organiser_client.get(detail_url(first)).content.decode()
    organiser_client.post(detail_url(first), {"action": "approve"})
    organiser_client.post(detail_url(second), {"action": "reject"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CONFIRMED and second.status == Status.REJECTED
    response = organiser_client.post(detail_url(first), {"action": "approve"}, follow=True)
    assert response.status_code == 200 and "aktuellen Stand der Anmeldung nicht möglich" in response.content.decode()


@pytest.mark.django_db
def test_detail_refuses_approve_without_approval_and_unknown_actions(organiser_client, event, onsite):
    registration = confirmed(onsite, 1)
    html = organiser_client.get(detail_url(registration)).content.decode()
    assert "Freigeben" not in html
    for action in ("approve", "reject", "move_up", "delete", "", "x" * 1000):
        response = organiser_client.post(detail_url(registration), {"action": action}, follow=True)
        assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.django_db
def test_detail_move_up_from_waiting_list(organiser_client, event, onsite):
    confirmed(onsite, 1)
    confirmed(onsite, 2)
    first = register(onsite, 3, join_waitlist=True)
    last = register(onsite, 4, join_waitlist=True)
    response = organiser_client.post(detail_url(last), {"action": "move_up"}, follow=True)
    assert "Warteliste" in response.content.decode()
    assert selectors.waitlist_position(registration=Registration.objects.get(pk=last.pk)) == 1
    assert selectors.waitlist_position(registration=Registration.objects.get(pk=first.pk)) == 2


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_history(organiser_client, count_queries, event, onsite, questions):
    registration = confirmed(onsite, 1, consents=frozenset({"photos", "participant_list"}))
    _response, small = count_queries(detail_url(registration))
    for _ in range(30):
        services.registration_update(registration=registration, first_name="Alex", last_name="Muster1", organisation="",
                                     function="", sector="kmu", answers={})
    response, large = count_queries(detail_url(registration))
    assert response.status_code == 200 and large == small


# ---------------------------------------------------------------------------------------------
# Export


def export_url(event, fmt, **params):
    url = reverse("events:manage-export", kwargs={"slug": event.slug, "fmt": fmt})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.fixture
def export_data(event, onsite, online, questions):
    topics, diet = questions
    confirmed(onsite, 1, first_name="Jörg", last_name="Größer", organisation="Müller & Söhne GmbH", sector="kammer",
              answers={str(topics.pk): ["Wasserstoff", "Wärme"], str(diet.pk): "=HYPERLINK(\"http://böse.example\")"},
              consents=frozenset({"photos"}))
    register(online, 2, first_name="@Mallory", last_name="-Minus", organisation="+49 Firma")
    return topics, diet


@pytest.mark.django_db
def test_export_csv_is_excel_ready_with_umlauts_questions_and_no_formulas(organiser_client, event, export_data):
    response = organiser_client.get(export_url(event, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:8] == ["Status", "Ticketkategorie", "Vorname", "Nachname", "E-Mail", "Organisation", "Funktion", "Bereich"]
    assert header[-2:] == ["Welche Themen interessieren Sie?", "Essenswünsche"]
    by_name = {row[3]: dict(zip(header, row)) for row in rows[1:]}
    joerg = by_name["Größer"]
    assert joerg["Vorname"] == "Jörg" and joerg["Organisation"] == "Müller & Söhne GmbH"
    assert joerg["Bereich"] == "Kammer/Verband"
    assert joerg["Status"] == "Bestätigt"
    assert joerg["Welche Themen interessieren Sie?"] == "Wasserstoff, Wärme"
    assert joerg["Essenswünsche"].startswith("'=HYPERLINK")
    assert joerg["Einwilligung: Foto- und Videoaufnahmen"] == "ja"
    assert joerg["Einwilligung: Nennung auf der Teilnehmendenliste"] == "nein"
    assert len(joerg["Angemeldet"]) == 16 and joerg["Angemeldet"][2] == "."  # 23.10.2024 10:00
    mallory = by_name["'-Minus"]
    assert mallory["Vorname"] == "'@Mallory" and mallory["Organisation"] == "'+49 Firma"
    assert mallory["Bestätigt"] == ""


@pytest.mark.django_db
def test_export_xlsx_has_bold_header_question_columns_and_text_cells(organiser_client, event, export_data):
    from openpyxl import load_workbook

    response = organiser_client.get(export_url(event, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert sheet.cell(row=1, column=1).font.bold
    assert "Essenswünsche" in header and "Welche Themen interessieren Sie?" in header
    joerg = next(dict(zip(header, row)) for row in rows[1:] if row[3] == "Größer")
    assert joerg["Organisation"] == "Müller & Söhne GmbH"
    assert joerg["Welche Themen interessieren Sie?"] == "Wasserstoff, Wärme"
    assert joerg["Essenswünsche"].startswith("'=")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.column_dimensions["A"].width >= 10


@pytest.mark.django_db
def test_export_follows_the_current_filter(organiser_client, event, onsite, online, export_data):
    response = organiser_client.get(export_url(event, "csv", status="confirmed"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[3] for row in rows[1:]] == ["Größer"]


@pytest.mark.django_db
def test_export_unknown_format_is_404(organiser_client, event):
    assert organiser_client.get(export_url(event, "pdf")).status_code == 404


# ---------------------------------------------------------------------------------------------
# Message and cancellation


@pytest.mark.django_db
def test_message_counts_recipients_then_sends_through_outbox(organiser_client, event, onsite, online):
    confirmed(onsite, 1)
    confirmed(online, 2)
    register(onsite, 3)
    url = reverse("events:manage-message", kwargs={"slug": event.slug})
    response = organiser_client.get(url)
    assert response.context["form"]["statuses"].value() == [Status.CONFIRMED]
    data = {"subject": "Anreise nach Leuna", "body": "Bitte nutzen Sie den Bus ab Merseburg.", "statuses": ["confirmed"]}
    response = organiser_client.post(url, {**data, "action": "preview"})
    assert response.status_code == 200 and response.context["recipients"] == 2
    assert not OutboxMail.objects.filter(subject="Anreise nach Leuna").exists()
    response = organiser_client.post(url, {**data, "categories": [onsite.pk], "action": "preview"})
    assert response.context["recipients"] == 1
    response = organiser_client.post(url, {**data, "action": "send"})
    assert response.status_code == 302
    sent = OutboxMail.objects.filter(subject="Anreise nach Leuna")
    assert sent.count() == 2 and "Bus ab Merseburg" in sent.first().body_text


@pytest.mark.django_db
@pytest.mark.parametrize("data", [
    {},
    {"subject": "  ", "body": "Text", "statuses": ["confirmed"]},
    {"subject": "Hallo", "body": "Text", "statuses": ["gibtsnicht"]},
    {"subject": "Hallo", "body": "Text", "statuses": ["confirmed"], "categories": ["abc"]},
    {"subject": "x" * 500, "body": "Text", "statuses": ["confirmed"]},
])
def test_message_bad_input_shows_german_errors(organiser_client, event, onsite, data):
    response = organiser_client.post(reverse("events:manage-message", kwargs={"slug": event.slug}), {**data, "action": "send"})
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre" in response.content.decode()
    assert OutboxMail.objects.count() == 0


@pytest.mark.django_db
def test_cancel_event_needs_note_and_confirmation_then_mails_everyone(organiser_client, event, onsite):
    confirmed(onsite, 1)
    register(onsite, 2)
    url = reverse("events:manage-cancel", kwargs={"slug": event.slug})
    response = organiser_client.post(url, {"note": "Der Saal ist nicht verfügbar."})
    assert response.status_code == 200 and "Bitte bestätigen Sie" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    response = organiser_client.post(url, {"note": "Der Saal ist nicht verfügbar.", "confirm": "on"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert OutboxMail.objects.filter(subject__startswith="Abgesagt").count() == 2
    again = organiser_client.post(url, {"note": "Nochmal", "confirm": "on"})
    assert again.status_code == 200 and OutboxMail.objects.filter(subject__startswith="Abgesagt").count() == 2


# ---------------------------------------------------------------------------------------------
# Check-in


def check_in_url(event):
    return reverse("events:check-in", kwargs={"slug": event.slug})


@pytest.mark.django_db
def test_check_in_by_typed_code_then_warns_with_time(organiser_client, event, onsite):
    registration = confirmed(onsite, 1, first_name="Jörg", last_name="Größer")
    response = organiser_client.get(check_in_url(event))
    assert response.status_code == 200 and "Eingecheckt: 0 von 1" in response.content.decode()
    response = organiser_client.post(check_in_url(event), {"code": registration.ticket_code.lower()})
    assert response.status_code == 302  # without JavaScript: reloading the result page scans nothing again
    result_url = response["Location"]
    for _ in range(2):
        response = organiser_client.get(result_url)
        html = response.content.decode()
        assert response.status_code == 200 and 'data-result="checked_in"' in html and "Jörg Größer" in html
        assert "Eingecheckt: 1 von 1" in html
    assert AuditEntry.objects.filter(action="registration_checked_in").count() == 1
    registration.refresh_from_db()
    local = timezone.localtime(registration.checked_in_at)
    response = organiser_client.post(check_in_url(event), {"code": registration.ticket_code}, HTTP_X_REQUESTED_WITH="fetch")
    html = response.content.decode()
    assert f"Bereits eingecheckt um {local:%H:%M}" in html and "<html" not in html


@pytest.mark.django_db
def test_check_in_shows_berlin_time(organiser_client, event, onsite):
    registration = confirmed(onsite, 1)
    moment = datetime.datetime(2024, 10, 23, 7, 12, tzinfo=datetime.timezone.utc)  # 09:12 in Leuna
    services.registration_check_in(event=event, code=registration.ticket_code, actor=None, now=moment)
    response = organiser_client.post(check_in_url(event), {"code": registration.ticket_code}, follow=True)
    assert "Bereits eingecheckt um 09:12" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["NOPE", "x" * 64, "'; DROP TABLE", "ÄÖÜ"])
def test_check_in_unknown_code_says_not_found(organiser_client, event, onsite, code):
    response = organiser_client.post(check_in_url(event), {"code": code}, follow=True)
    assert response.status_code == 200 and "Ticket nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_check_in_bad_input_gives_german_error(organiser_client, event):
    for code in ("", "x" * 500):
        response = organiser_client.post(check_in_url(event), {"code": code}, HTTP_X_REQUESTED_WITH="fetch")
        assert response.status_code == 200 and "Bitte" in response.content.decode()


@pytest.mark.django_db
def test_check_in_of_unconfirmed_ticket_is_not_valid(organiser_client, event, onsite, other_event):
    registration = register(onsite, 1)
    response = organiser_client.post(check_in_url(event), {"code": registration.ticket_code}, follow=True)
    assert "Ticket nicht gültig (Status: Wartet auf Bestätigung per E-Mail)" in response.content.decode()
    _other, foreign = other_event
    response = organiser_client.post(check_in_url(event), {"code": foreign.ticket_code}, follow=True)
    assert "Ticket nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_check_in_result_address_shows_only_what_the_database_says(organiser_client, event, onsite, other_event):
    waiting = register(onsite, 1)
    present = confirmed(onsite, 2)
    _other, foreign = other_event
    services.registration_check_in(event=foreign.event, code=foreign.ticket_code, actor=None)
    for query in (
        f"ergebnis=checked_in&anmeldung={waiting.pk}",  # not confirmed
        f"ergebnis=checked_in&anmeldung={present.pk}",  # confirmed, not checked in
        f"ergebnis=already&anmeldung={foreign.pk}",  # another event's ticket
        f"ergebnis=not_valid&anmeldung={present.pk}",
        "ergebnis=checked_in&anmeldung=x",
        "ergebnis=<script>&anmeldung=1",
    ):
        response = organiser_client.get(f"{check_in_url(event)}?{query}")
        html = response.content.decode()
        assert response.status_code == 200 and "data-result" not in html, query
        assert foreign.full_name not in html
    response = organiser_client.get(f"{check_in_url(event)}?ergebnis=not_valid&anmeldung={waiting.pk}")
    assert 'data-result="not_valid"' in response.content.decode()


@pytest.mark.django_db
def test_check_in_count_fragment(organiser_client, event, onsite):
    confirmed(onsite, 1)
    registration = confirmed(onsite, 2)
    services.registration_check_in(event=event, code=registration.ticket_code, actor=None)
    response = organiser_client.get(reverse("events:check-in-count", kwargs={"slug": event.slug}))
    assert response.status_code == 200 and response.content.decode().strip() == "Eingecheckt: 1 von 2"


@pytest.mark.django_db(transaction=True)
def test_check_in_from_two_devices_at_once_counts_once():
    event = EventFactory()
    category = TicketCategoryFactory(event=event, capacity=10)
    registration = confirmed(category, 1)
    organisers = [UserFactory(), UserFactory()]
    for user in organisers:
        event.managers.add(user)
    url = check_in_url(event)
    start = threading.Barrier(2)
    results, failures = [], []

    def scan(user):
        try:
            device = Client()
            device.force_login(user)
            start.wait(timeout=10)
            response = device.post(url, {"code": registration.ticket_code}, HTTP_X_REQUESTED_WITH="fetch")
            results.append(response.content.decode())
        except Exception as error:  # noqa: BLE001 – asserted below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan, args=(user,)) for user in organisers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    kinds = sorted("checked_in" if 'data-result="checked_in"' in html else "already" if 'data-result="already"' in html else html
                   for html in results)
    assert kinds == ["already", "checked_in"]
    assert AuditEntry.objects.filter(action="registration_checked_in").count() == 1


def test_check_in_scanner_files_are_served_from_our_static_files():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/jsqr/jsQR.js")
    assert finders.find("events/checkin.js") and finders.find("events/manage.css")
