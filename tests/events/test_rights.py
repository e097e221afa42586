"""The person's rights for a registration (issue 12 §4): everything stored as JSON and as a page,
each consent withdrawn on its own (with time; what depends on it stops), the data deleted now
(anonymised instead where the person was checked in)."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from revier.core.models import AuditEntry, OutboxMail
from revier.events import export, rights, services
from revier.events.models import Consent, Question, Registration
from tests.factories import EventFactory, QuestionFactory, StaffFactory, TicketCategoryFactory, registration_input
from tests.personal_data import tables_holding

pytestmark = pytest.mark.django_db

# The distinctive people of the retention tests, and how a mailed link is found.
from tests.events.test_retention import GONE as PERSON, KEPT as OTHER, _token  # noqa: E402


def _person(event, person, *, consents=frozenset({"photos", "participant_list"}), checked_in_by=None):
    category = event.categories.first()
    question = event.questions.get(kind=Question.Kind.TEXT)
    data = registration_input(category, first_name=person["first_name"], last_name=person["last_name"],
                              email=person["email"], organisation=person["organisation"], function=person["function"],
                              answers={str(question.pk): person["answer"]}, consents=consents)
    services.registration_create(event=event, data=data)
    token = _token(person["email"])
    registration = services.registration_confirm(token=token)
    if checked_in_by is not None:
        services.registration_check_in(event=event, code=registration.ticket_code, actor=checked_in_by)
    registration.refresh_from_db()
    return registration, token


def _event(capacity=5):
    event = EventFactory()
    TicketCategoryFactory(event=event, capacity=capacity)
    QuestionFactory(event=event, text="Essenswuensche", kind=Question.Kind.TEXT)
    return event


@pytest.fixture
def event():
    return _event()


def _strings(person, registration):
    return [person["first_name"], person["last_name"], person["email"], person["organisation"], person["function"],
            person["answer"], registration.ticket_code]


def test_export_has_every_stored_field_of_the_person_and_nothing_of_others(event, client):
    registration, token = _person(event, PERSON)
    other, _ = _person(event, OTHER)
    response = client.get(reverse("events:registration-data-json", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["kind"] == "events.registration"
    row = data["registration"][0]
    stored = Registration.objects.filter(pk=registration.pk).values()[0]
    for field in Registration._meta.concrete_fields:
        assert field.name in row, field.name
        value = stored[field.attname]
        assert row[field.name] == (value.isoformat() if hasattr(value, "isoformat") else value), field.name
    assert {consent["kind"] for consent in data["consents"]} == {"photos", "participant_list"}
    assert all(consent["text"] and consent["given_at"] for consent in data["consents"])
    assert data["personal_links"] and "token_hash" not in json.dumps(data)
    assert any(PERSON["email"] == mail["to"] for mail in data["mails"])
    text = response.content.decode()
    for value in _strings(PERSON, registration):
        assert value in text
    for value in _strings(OTHER, other):
        assert value not in text


def test_readable_page_shows_the_data_and_the_consents(event, client):
    registration, token = _person(event, PERSON)
    response = client.get(reverse("events:registration-data", kwargs={"token": token}))
    assert response.status_code == 200
    page = response.content.decode()
    for value in _strings(PERSON, registration):
        assert value in page
    assert "Einwilligung widerrufen: Foto- und Videoaufnahmen" in page
    # Stored values the German way: statuses by their label, times in local time.
    with translation.override("de"):
        assert f"<dd>{Registration.Status.CONFIRMED.label}</dd>" in page
    assert " Uhr</dd>" in page and "<dd>wartet</dd>" in page  # a mail's status and "+00:00" not in page.split("E-Mails im Postausgang")[0]
    assert reverse("events:registration-data-json", kwargs={"token": token}) in page
    assert response["Referrer-Policy"] == "no-referrer"
    # The self-service page leads there.
    self_service = client.get(reverse("events:registration", kwargs={"token": token})).content.decode()
    assert reverse("events:registration-data", kwargs={"token": token}) in self_service


def test_invalid_link_gets_404_on_every_page(client):
    for name in ("events:registration-data", "events:registration-data-json", "events:registration-erase"):
        assert client.get(reverse(name, kwargs={"token": "x" * 43})).status_code == 404
        assert client.get(reverse(name, kwargs={"token": "x" * 300})).status_code == 404


def test_withdraw_records_the_time_and_stops_what_depends(event, client):
    registration, token = _person(event, PERSON)
    url = reverse("events:registration-data", kwargs={"token": token})
    questions = list(event.questions.all())
    assert export.row(Registration.objects.get(pk=registration.pk), questions).count("ja") >= 2
    before = timezone.now()
    response = client.post(url, {"widerrufen": "participant_list"})
    assert response.status_code == 302 and response["Location"].endswith("?erledigt=widerrufen#erledigt")
    consents = {c.kind: c for c in Consent.objects.filter(registration=registration)}
    assert consents["participant_list"].withdrawn_at >= before
    assert consents["photos"].withdrawn_at is None  # each on its own
    assert AuditEntry.objects.filter(action="consent_withdrawn", object_id=str(registration.pk),
                                     data={"kind": "participant_list"}).count() == 1
    # The organisers' list no longer shows the consent as given.
    header = export.header(questions)
    values = export.row(Registration.objects.prefetch_related("consents").get(pk=registration.pk), questions)
    labels = dict(Consent.Kind.choices)
    kinds = list(labels)
    consent_values = values[-(len(kinds) + len(questions)):len(values) - len(questions)]
    assert dict(zip(kinds, consent_values)) == {"photos": "ja", "participant_list": "nein", "partner_data": "nein"}, header
    page = client.get(url + "?erledigt=widerrufen").content.decode()
    assert "Ihre Einwilligung ist widerrufen" in page and "Widerrufen am" in page
    # A second withdrawal keeps the first time.
    first = consents["participant_list"].withdrawn_at
    client.post(url, {"widerrufen": "participant_list"})
    assert Consent.objects.get(registration=registration, kind="participant_list").withdrawn_at == first


def test_withdraw_of_a_consent_never_given_changes_nothing(event, client):
    registration, token = _person(event, PERSON, consents=frozenset({"photos"}))
    url = reverse("events:registration-data", kwargs={"token": token})
    for kind in ("partner_data", "nonsense", "\x00", "x" * 10000):
        assert client.post(url, {"widerrufen": kind}).status_code in (302, 400)  # NUL: refused by the middleware
    assert Consent.objects.filter(registration=registration).count() == 1
    assert not Consent.objects.filter(withdrawn_at__isnull=False).exists()


def test_delete_needs_the_tick(event, client):
    registration, token = _person(event, PERSON)
    url = reverse("events:registration-erase", kwargs={"token": token})
    page = client.get(url).content.decode()
    assert "Ihre Anmeldung wird zuerst abgemeldet" in page
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Bitte setzen Sie das Häkchen" in response.content.decode()
    assert Registration.objects.filter(pk=registration.pk, first_name=PERSON["first_name"]).exists()


def test_delete_leaves_no_personal_data_and_frees_the_seat(client):
    event = _event(capacity=1)
    registration, token = _person(event, PERSON)
    other = services.registration_create(event=event, data=registration_input(
        event.categories.first(), first_name=OTHER["first_name"], email=OTHER["email"], join_waitlist=True)).registration
    assert Registration.objects.get(pk=other.pk).status == Registration.Status.WAITLISTED
    strings = _strings(PERSON, registration)
    assert {hit[2] for hit in tables_holding(strings)} == set(strings)  # the test can fail

    response = client.post(reverse("events:registration-erase", kwargs={"token": token}), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("personal-data-deleted") + "?ergebnis=geloescht"
    assert tables_holding(strings) == []
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert not Consent.objects.filter(registration_id=registration.pk).exists()
    assert Registration.objects.get(pk=other.pk).status == Registration.Status.OFFERED  # the seat went on
    assert AuditEntry.objects.filter(action="registration_erased", object_id=str(registration.pk),
                                     data={"status": "deleted"}).exists()
    assert client.get(reverse("events:registration", kwargs={"token": token})).status_code == 404
    page = client.get(response["Location"]).content.decode()
    assert "Ihre Anmeldung und alle Angaben darin sind gelöscht" in page


def test_delete_after_check_in_anonymises_instead(event, client):
    staff = StaffFactory()
    registration, token = _person(event, PERSON, checked_in_by=staff)
    assert registration.checked_in_at is not None
    url = reverse("events:registration-erase", kwargs={"token": token})
    assert "beim Einlass erfasst" in client.get(url).content.decode()
    response = client.post(url, {"confirm": "on"})
    assert response["Location"].endswith("?ergebnis=anonymisiert")
    kept = Registration.objects.get(pk=registration.pk)
    assert kept.anonymised_at is not None and kept.checked_in_at == registration.checked_in_at
    assert kept.status == Registration.Status.CONFIRMED  # checked in: it was not cancelled
    assert tables_holding(_strings(PERSON, registration)) == []
    assert "anonymisiert" in client.get(response["Location"]).content.decode()


def test_erase_reuses_the_retention_for_one_registration_only(event):
    registration, _ = _person(event, PERSON)
    other, _ = _person(_event(), OTHER)
    assert rights.registration_erase(registration=registration) == rights.DELETED
    assert Registration.objects.get(pk=other.pk).first_name == OTHER["first_name"]



def test_erase_twice_is_harmless(event):
    registration, _ = _person(event, PERSON)
    stale = Registration.objects.get(pk=registration.pk)
    assert rights.registration_erase(registration=registration) == rights.DELETED
    assert rights.registration_erase(registration=stale) == rights.DELETED  # a second click that saw the row
