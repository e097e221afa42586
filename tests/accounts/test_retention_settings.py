"""Retention periods set by the Administration in the staff area (issue 12 §3): stored in the
database with the settings as defaults, audited, used by the worker and shown in the forms and on
the privacy page; each event's and contingent's own period is the Administration's too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from revier.contingents.models import Contingent
from revier.core.models import AuditEntry, RetentionPeriod
from revier.core.retention import PERIODS, can_change_retention, retention_period, retention_periods_set
from revier.events.models import Event
from revier.pages.models import StaffMessage
from revier.pages.services import staff_message_purge_expired
from tests.accounts.conftest import with_roles
from tests.factories import ContingentFactory, EventFactory, StaffFactory, StaffMessageFactory

pytestmark = pytest.mark.django_db
URL = "/verwaltung/einstellungen/aufbewahrung/"


def _form(**changes) -> dict:
    data = {period.key: str(period.default()) for period in PERIODS}
    data.update({key: str(value) for key, value in changes.items()})
    return data


def test_defaults_come_from_the_settings(settings):
    settings.NETWORK_PROFILE_RETENTION_DAYS = 400
    settings.RETENTION_DAYS_DEFAULT = 90
    assert retention_period("network_profiles") == 400
    assert retention_period("registrations") == 90 and retention_period("claims") == 90
    assert retention_period("contact_messages") == 180
    assert EventFactory().retention_days == 90 and ContingentFactory().retention_days == 90


def test_only_the_administration_may_change_periods():
    assert can_change_retention(with_roles("administration"))
    assert can_change_retention(StaffFactory())  # a superuser
    for person in (with_roles("redaktion"), with_roles("kontingente"), with_roles(), None):
        assert not can_change_retention(person)
    inactive = with_roles("administration", is_active=False)
    assert not can_change_retention(inactive)


def test_set_stores_audits_and_new_objects_start_with_it():
    admin = with_roles("administration")
    changes = retention_periods_set(days={"registrations": 90, "claims": 120, "network_profiles": 730}, actor=admin)
    assert {(change.key, change.old, change.new) for change in changes} == {("registrations", 180, 90),
                                                                          ("claims", 180, 120)}
    assert dict(RetentionPeriod.objects.values_list("key", "days")) == {"registrations": 90, "claims": 120}
    entries = AuditEntry.objects.filter(action="retention_period_changed").order_by("id")
    assert [(entry.actor_id, entry.data) for entry in entries] == [(admin.pk, {"from": 180, "to": 90}),
                                                                  (admin.pk, {"from": 180, "to": 120})]
    assert EventFactory().retention_days == 90 and ContingentFactory().retention_days == 120
    assert retention_periods_set(days={"registrations": 90}, actor=admin) == []


def test_set_refuses_out_of_range_and_changes_nothing():
    for days in (0, 3651):
        with pytest.raises(ValidationError):
            retention_periods_set(days={"claims": 100, "registrations": days}, actor=None)
    assert not RetentionPeriod.objects.exists()


def test_existing_events_and_contingents_follow_only_when_asked():
    now = timezone.now()
    running = EventFactory()  # ends in the future: its period runs
    own = EventFactory(retention_days=365)  # its own period stays
    over = EventFactory(starts_at=now - datetime.timedelta(days=400), ends_at=now - datetime.timedelta(days=399),
                        registration_opens_at=now - datetime.timedelta(days=500))
    contingent = ContingentFactory()
    retention_periods_set(days={"registrations": 100}, actor=None)
    assert Event.objects.get(pk=running.pk).retention_days == 180
    changes = retention_periods_set(days={"registrations": 60, "claims": 30},
                                    apply_to_existing={"registrations", "claims"}, actor=None)
    # "registrations" changed from 100: no event had 100, so none followed.
    assert {change.key: change.followed for change in changes} == {"registrations": 0, "claims": 1}
    assert Contingent.objects.get(pk=contingent.pk).retention_days == 30
    retention_periods_set(days={"registrations": 180}, actor=None)
    changes = retention_periods_set(days={"registrations": 90}, apply_to_existing={"registrations"}, actor=None)
    assert changes[0].followed == 1
    assert Event.objects.get(pk=running.pk).retention_days == 90
    assert Event.objects.get(pk=own.pk).retention_days == 365
    assert Event.objects.get(pk=over.pk).retention_days == 180  # its period is over: it keeps it
    assert AuditEntry.objects.filter(action="retention_period_changed").order_by("id").last().data == {"from": 180, "to": 90,
                                                                                         "count": 1}


def test_page_for_the_administration_saves_and_audits(client):
    admin = with_roles("administration")
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "Aufbewahrungsfristen" in page and 'value="730"' in page and "Standard: 730" in page
    response = client.post(URL, _form(network_profiles=365, contact_messages=30, follow_registrations="on"),
                           follow=True)
    assert response.redirect_chain[-1][0] == URL
    page = response.content.decode()
    assert "Die Aufbewahrungsfristen sind gespeichert." in page and 'value="365"' in page
    assert retention_period("network_profiles") == 365 and retention_period("contact_messages") == 30
    assert AuditEntry.objects.filter(action="retention_period_changed", actor=admin).count() == 2


def test_account_list_links_the_page_for_the_administration(client):
    client.force_login(with_roles("administration"))
    assert URL in client.get("/verwaltung/konten/").content.decode()


def test_the_warning_before_a_profile_goes_must_be_shorter_than_its_period(client):
    """The days of the warning before a network profile is anonymised (network.retention) are set
    on the same page; fewer than the profiles' period, on the page and in the service."""
    client.force_login(with_roles("administration"))
    page = client.get(URL).content.decode()
    assert "Warnung, bevor ein Netzwerk-Profil anonymisiert wird" in page and 'value="30"' in page
    for warning, profiles in ((400, 400), (500, 400)):
        response = client.post(URL, _form(network_profile_warning=warning, network_profiles=profiles))
        assert response.status_code == 400
        assert ("Bitte geben Sie weniger Tage ein als bei „Netzwerk-Profile mit Angeboten und Gesuchen“ (400)."
                in response.content.decode())
    assert not RetentionPeriod.objects.exists()
    with pytest.raises(ValidationError):
        retention_periods_set(days={"network_profiles": 30}, actor=None)
    assert client.post(URL, _form(network_profile_warning=60, network_profiles=400)).status_code == 302
    assert retention_period("network_profile_warning") == 60


def test_page_errors_are_german_next_to_the_field_and_nothing_changes(client):
    client.force_login(with_roles("administration"))
    response = client.post(URL, _form(claims="0", registrations="zehn"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte geben Sie mindestens 1 Tag ein." in page
    assert "Bitte geben Sie eine ganze Zahl von Tagen ein, z. B. 180." in page
    assert not RetentionPeriod.objects.exists()


def test_page_refuses_other_roles(client):
    for person in (with_roles("redaktion"), with_roles("kontingente"), with_roles()):
        client.force_login(person)
        assert client.get(URL).status_code == 404
        assert client.post(URL, _form(claims=5)).status_code == 404
    assert not RetentionPeriod.objects.exists()


def test_forms_and_privacy_page_show_the_configured_periods(client):
    retention_periods_set(days={"network_profiles": 412, "network_contacts": 77, "contact_messages": 33,
                                "barrier_reports": 44, "registrations": 55, "claims": 66}, actor=None)
    assert "Wenn Sie Ihr Profil 412 Tage lang nicht nutzen" in client.get("/netzwerk/profil-anlegen/").content.decode()
    assert "spätestens nach 33 Tagen" in client.get("/kontakt/").content.decode()
    assert "spätestens nach 44 Tagen" in client.get("/barriere-melden/").content.decode()
    page = client.get("/datenschutz/").content.decode()
    for text in ("55 Tage nach dem Ende der Veranstaltung", "66 Tage nach der Veranstaltung",
                 "412 Tage nach dem letzten Lebenszeichen", "77 Tage nach Antwort", "33 Tage nach Eingang",
                 "44 Tage nach Eingang"):
        assert text in page, text
    event = EventFactory()
    assert event.retention_days == 55


def test_worker_uses_the_configured_periods():
    now = timezone.now()
    contact = StaffMessageFactory(kind=StaffMessage.Kind.CONTACT)
    barrier = StaffMessageFactory(kind=StaffMessage.Kind.BARRIER)
    StaffMessage.objects.filter(pk__in=[contact.pk, barrier.pk]).update(created_at=now - datetime.timedelta(days=20))
    retention_periods_set(days={"contact_messages": 10, "barrier_reports": 30}, actor=None)
    assert staff_message_purge_expired(now=now) == 1
    assert list(StaffMessage.objects.values_list("pk", flat=True)) == [barrier.pk]


def test_event_and_contingent_period_in_the_admin_only_for_the_administration(rf):
    from django.contrib import admin

    event, contingent = EventFactory(), ContingentFactory()
    all_events = with_roles("kontingente")
    for model, obj in ((Event, event), (Contingent, contingent)):
        model_admin = admin.site._registry[model]
        for person, editable in ((with_roles("administration"), True), (StaffFactory(), True), (all_events, False)):
            request = rf.get("/")
            request.user = person
            assert ("retention_days" not in model_admin.get_readonly_fields(request, obj)) is editable, (model, person)
