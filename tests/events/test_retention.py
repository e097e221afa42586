"""Retention of registrations (issue 12 §3): an event's `retention_days` after its end the worker
anonymises its registrations; nothing of the people is left in any table, the numbers stay."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.core.retention import PROTOCOL_ACTION
from revier.core.services import audit_log
from revier.events import errors, selectors, services
from revier.events.models import Consent, Event, Question, Registration, RegistrationLink
from revier.events.retention import registration_anonymise, registrations_anonymise_due
from tests.factories import EventFactory, QuestionFactory, StaffFactory, TicketCategoryFactory, mailed_link, registration_input
from tests.personal_data import tables_holding
from tests.retention_checks import (assert_audit_anonymised, assert_nothing_before_the_end, assert_protocol,
                                    assert_second_run_changes_nothing, other_person)

pytestmark = pytest.mark.django_db

# Distinctive (ASCII) values of the person whose event's retention runs out, and of one whose does not.
GONE = {"first_name": "Quirinella", "last_name": "Vostrikowa", "email": "quirinella.vostrikowa@example.org",
        "organisation": "Zinkwerk Oberhollabrunn", "function": "Schmelzmeisterin", "answer": "Sauerteigbrot mit Kuemmelkruste"}
KEPT = {"first_name": "Bartholomaeus", "last_name": "Wrzesniewski", "email": "bartholomaeus.wrzesniewski@example.org",
        "organisation": "Kupferhuette Gramzow", "function": "Leitstandfahrer", "answer": "Linsensuppe ohne Speckwuerfel"}


def _token(email):
    return mailed_link(email, re.compile(r"/veranstaltungen/anmeldung/([A-Za-z0-9_-]+)/")).split("/")[-2]


def _person(event, person, *, checked_in_by=None):
    """A confirmed registration with the person's values, a text answer and a consent; checked in
    by `checked_in_by` when given. Returns (registration, personal-link token)."""
    category = event.categories.first()
    question = event.questions.get(kind=Question.Kind.TEXT)
    data = registration_input(category, first_name=person["first_name"], last_name=person["last_name"],
                              email=person["email"], organisation=person["organisation"], function=person["function"],
                              answers={str(question.pk): person["answer"]}, consents=frozenset({"photos"}))
    services.registration_create(event=event, data=data)
    token = _token(person["email"])
    registration = services.registration_confirm(token=token)
    if checked_in_by is not None:
        assert services.registration_check_in(event=event, code=registration.ticket_code, actor=checked_in_by).kind == "checked_in"
    registration.refresh_from_db()
    return registration, token


def _event(retention_days):
    event = EventFactory(retention_days=retention_days)
    TicketCategoryFactory(event=event, capacity=10)
    QuestionFactory(event=event, text="Essenswuensche", kind=Question.Kind.TEXT)
    return event


def _after(event, **delta):
    """A moment after the event's end, counted in UTC (as the task counts: a period over a change
    to summer time is as long in hours)."""
    return event.ends_at.astimezone(datetime.timezone.utc) + datetime.timedelta(**delta)


def _numbers(event):
    counts = selectors.registration_counts(event=event)
    return (counts.total, counts.by_status, [(c.category.pk, c.count, c.availability.taken) for c in counts.categories],
            selectors.check_in_count(event=event),
            list(Registration.objects.filter(event=event).order_by("id").values_list("status", "sector", "category_id", "checked_in_at")),
            list(Consent.objects.filter(registration__event=event).order_by("id").values_list("kind", "given_at")))


def _strings(person, registration):
    return [person["first_name"], person["last_name"], person["email"], person["organisation"], person["function"],
            person["answer"], registration.ticket_code]


@pytest.fixture
def world():
    """Two events on the same day: one keeps its registrations 10 days, the other 180."""
    staff = StaffFactory(username="einlass")
    short, long = _event(10), _event(180)
    gone, gone_token = _person(short, GONE, checked_in_by=staff)
    also_gone, _ = _person(short, other_person(GONE))
    kept, kept_token = _person(long, KEPT, checked_in_by=staff)
    # An older audit entry still naming the person, and one whose details hold a personal value.
    AuditEntry.objects.filter(object_type="events.registration", object_id=str(gone.pk)).update(
        object_repr=f"{GONE['first_name']} {GONE['last_name']}")
    audit_log(actor=None, action="registration_noted", obj=gone, data={"status": "confirmed", "note": GONE["organisation"]})
    # A message of the organisers, still waiting in the outbox.
    services.registrations_message(event=short, registrations=[gone], subject="Danke", body="Bis bald", actor=staff)
    return {"staff": staff, "short": short, "long": long, "gone": gone, "gone_token": gone_token,
            "also_gone": also_gone, "kept": kept, "kept_token": kept_token}


def test_retention_days_default_comes_from_the_setting(settings):
    settings.RETENTION_DAYS_DEFAULT = 42
    assert EventFactory().retention_days == 42


def test_anonymise_leaves_nothing_of_the_people_in_any_table_and_the_numbers_unchanged(world, client):
    short, long, gone = world["short"], world["long"], world["gone"]
    gone_strings = _strings(GONE, gone)
    kept_strings = _strings(KEPT, world["kept"])
    assert {hit[2] for hit in tables_holding(gone_strings)} == set(gone_strings)  # the test can fail
    before = {short.pk: _numbers(short), long.pk: _numbers(long)}
    kept_rows = list(Registration.objects.filter(event=long).values())

    now = _after(short, days=10, minutes=1)
    assert registrations_anonymise_due(now=now) == 2

    assert tables_holding(gone_strings) == []
    assert tables_holding([value + "zwei" for value in (GONE["first_name"], GONE["organisation"], GONE["answer"])]) == []
    assert {hit[2] for hit in tables_holding(kept_strings)} == set(kept_strings)
    assert list(Registration.objects.filter(event=long).values()) == kept_rows
    assert {short.pk: _numbers(short), long.pk: _numbers(long)} == before

    gone.refresh_from_db()
    assert (gone.first_name, gone.last_name, gone.email, gone.organisation, gone.function, gone.answers) == (
        "", "anonymisiert", "", "", "", {})
    assert gone.anonymised_at == now and gone.checked_in_at is not None and gone.checked_in_by is None
    assert gone.status == Registration.Status.CONFIRMED and gone.sector == "kmu"
    assert not RegistrationLink.objects.filter(registration__event=short).exists()
    assert RegistrationLink.objects.filter(registration__event=long).exists()
    # The personal link is invalid now (it would have worked for 90 days after the event).
    assert selectors.registration_get_by_token(token=world["gone_token"], now=now) is None
    assert client.get(reverse("events:registration", kwargs={"token": world["gone_token"]})).status_code == 404
    assert client.get(reverse("events:registration", kwargs={"token": world["kept_token"]})).status_code == 200
    # What the audit log keeps of the person: who acted, what, when, the status; not the name, not the note.
    assert_audit_anonymised(gone, noted_action="registration_noted", kept={"status": "confirmed"})
    assert_protocol(Registration, count=2, owners=[short.pk], now=now)


def test_anonymise_twice_changes_nothing(world):
    now = _after(world["short"], days=11)
    assert registrations_anonymise_due(now=now) == 2
    assert_second_run_changes_nothing(registrations_anonymise_due, Registration, now=now)


def test_nothing_is_anonymised_before_the_period_ends(world):
    assert_nothing_before_the_end(registrations_anonymise_due, Registration, now=_after(world["short"], days=9, hours=23))


def test_registration_anonymise_does_one_registration_now(world):
    """What a person's "delete my data now" calls: one registration, whatever its event's period."""
    kept, now = world["kept"], timezone.now()
    assert registration_anonymise(registration=kept, now=now) is True
    assert tables_holding(_strings(KEPT, kept)) == []
    assert Registration.objects.filter(anonymised_at__isnull=False).get() == kept
    assert_audit_anonymised(kept, noted_action="registration_checked_in", kept={})
    assert_protocol(Registration, count=1, owners=[world["long"].pk], now=now)
    assert registration_anonymise(registration=kept, now=now) is False
    assert AuditEntry.objects.filter(action=PROTOCOL_ACTION).count() == 1


def test_the_long_period_ends_too(world):
    long = world["long"]
    assert registrations_anonymise_due(now=_after(long, days=180, seconds=1)) == 3
    assert tables_holding(_strings(KEPT, world["kept"])) == []


def test_mails_to_an_address_still_registered_elsewhere_are_kept(world):
    """The address of an anonymised registration that has another, living registration keeps its
    mails: they may be about that one."""
    later = _event(180)
    shared = dict(KEPT, email=GONE["email"], first_name="Ottilie")
    _person(later, shared)
    assert registrations_anonymise_due(now=_after(world["short"], days=11)) == 2
    assert OutboxMail.objects.filter(to__icontains=GONE["email"]).exists()
    assert not OutboxMail.objects.filter(to__icontains="quirinellazwei").exists()


def test_an_anonymised_registration_cannot_be_changed_or_messaged(world):
    short, gone = world["short"], world["gone"]
    registrations_anonymise_due(now=_after(short, days=11))
    with pytest.raises(errors.InvalidTransition):
        services.registration_update(registration=gone, first_name="Neu", last_name="Name", organisation="",
                                     function="", sector="kmu", answers={})
    assert not selectors.registrations_for_message(event=short, statuses=["confirmed"], category_ids=[]).exists()
    mails = OutboxMail.objects.count()
    services.registration_cancel(registration=gone, actor=world["staff"])
    assert OutboxMail.objects.count() == mails  # nobody to write to


def test_worker_runs_the_task(world):
    assert "revier.events.retention.registrations_anonymise_due" in settings.WORKER_TASKS
    short = world["short"]
    Event.objects.filter(pk=short.pk).update(starts_at=timezone.now() - datetime.timedelta(days=12),
                                             ends_at=timezone.now() - datetime.timedelta(days=11))
    call_command("run_worker", "--once")
    assert Registration.objects.filter(event=short, anonymised_at__isnull=False).count() == 2
    assert not Registration.objects.filter(event=world["long"], anonymised_at__isnull=False).exists()


def test_registration_form_names_the_retention_period(client):
    event = _event(30)
    page = client.get(reverse("events:register", kwargs={"slug": event.slug})).content.decode()
    assert "Ihre Angaben werden 30 Tage nach der Veranstaltung gelöscht" in page
