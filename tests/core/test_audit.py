"""The audit log names people by id only (issue 12 §2): no name, e-mail or other personal value of
a person is copied into any column of an audit entry, while objects without personal data
(events, articles, contingents …) keep a readable name."""

import importlib
import json

import pytest
from django.apps import apps as django_apps

from revier.contingents import services as contingent_services
from revier.core.models import AuditEntry
from revier.core.services import audit_label, audit_log, audit_read
from revier.events import services as event_services
from revier.events.models import Registration
from revier.network import services as network_services
from revier.pages import services as pages_services
from tests.factories import (
    ContingentFactory, EventFactory, StaffFactory, StaffMessageFactory, TicketCategoryFactory, claim_input,
    confirmed_registration, make_profile, make_running_meetings, profile_input, with_codes,
)

pytestmark = pytest.mark.django_db


def _audit_text() -> str:
    """Every column of every audit entry, as one text."""
    rows = AuditEntry.objects.values_list("action", "object_type", "object_id", "object_repr", "data")
    return "\n".join(f"{a} {t} {i} {r} {json.dumps(d, ensure_ascii=False)}" for a, t, i, r, d in rows)


def _assert_no_personal_values(values):
    text = _audit_text().lower()
    leaked = sorted({v for v in values if v and v.lower() in text})
    assert not leaked, leaked


def test_audit_label_keeps_names_only_of_models_that_declare_them():
    event = EventFactory(title="Fachtag Wasserstoff")
    registration = confirmed_registration(event, 1)
    assert audit_label(event) == "Fachtag Wasserstoff"
    assert audit_label(registration) == ""
    entry = audit_log(actor=None, action="x", obj=registration)
    assert (entry.object_type, entry.object_id, entry.object_repr) == ("events.registration", str(registration.pk), "")


def test_personal_models_do_not_declare_a_label():
    """The safe default: every model that holds a person's data leaves its name out of the log."""
    personal = {
        "events.registration", "events.speaker", "events.consent", "contingents.claim", "contingents.ticketcode",
        "contingents.claimconsent", "network.profile", "network.profileentry", "network.topicproposal",
        "network.meeting", "network.meetingrequest", "network.contactrequest", "network.followupinvitation",
        "pages.staffmessage", "auth.user", "monitor.respondent", "core.outboxmail",
    }
    labelled = {m._meta.label_lower for m in django_apps.get_models() if getattr(m, "audit_label", False) is True}
    assert "events.event" in labelled and "contingents.contingent" in labelled
    assert not labelled & personal


def test_audited_actions_on_personal_objects_copy_no_name_or_email():
    staff = StaffFactory(first_name="Greta", last_name="Verwalterin")
    event = EventFactory(title="Fachtag")
    category = TicketCategoryFactory(event=event, capacity=None)
    registration = confirmed_registration(event, 1, category=category)
    confirmed_registration(event, 2, category=category)
    event_services.registration_update(registration=registration, first_name="Bernd", last_name="Hänel",
                                       organisation="Hänel Fenster KG", function="Inhaber", sector="kmu",
                                       answers={})
    event_services.registration_cancel(registration=registration, actor=staff)

    contingent = ContingentFactory()
    with_codes(contingent, 2)
    claim = contingent_services.claim_create(contingent=contingent, data=claim_input(7)).claim
    contingent_services.claim_revoke(claim=claim, actor=staff)

    profile, _token = make_profile(3)
    network_services.profile_update(profile=profile, data=profile_input(3, last_name="Umbenannt",
                                                                        description="Neue Beschreibung"))
    network_services.profile_hide(profile=profile, actor=staff)
    running = make_running_meetings()

    message = StaffMessageFactory(email="hinweis.geberin@example.org")
    pages_services.staff_message_mark_handled(message=message, actor=staff)
    pages_services.staff_message_delete(message=message, actor=staff)

    assert AuditEntry.objects.filter(object_type="events.registration", object_id=str(registration.pk)).count() >= 3
    assert AuditEntry.objects.filter(object_type="network.profile").exists()
    assert AuditEntry.objects.filter(object_type="network.meeting").exists()
    values = {"Bernd", "Hänel", "Umbenannt", "hinweis.geberin", "Greta", "Verwalterin", staff.username, staff.email}
    for r in Registration.objects.all():
        values |= {r.first_name, r.last_name, r.email, r.organisation}
    for model in (django_apps.get_model("contingents", "Claim"), django_apps.get_model("network", "Profile")):
        for obj in model.objects.all():
            values |= {obj.first_name, obj.last_name, obj.email, obj.organisation}
    values |= {p.email for p, _t in running["people"]}
    _assert_no_personal_values(values)
    # Objects without personal data keep their name.
    assert AuditEntry.objects.filter(object_type="events.event", object_repr="Fachtag").exists()
    assert AuditEntry.objects.filter(object_type="contingents.contingent", object_repr=contingent.title).exists()


def test_audit_read_writes_one_entry_with_count_and_ids():
    staff = StaffFactory()
    event = EventFactory()
    registrations = [confirmed_registration(event, n) for n in range(3)]
    entry = audit_read(actor=staff, action="registrations_listed", model=Registration,
                       object_ids=[r.pk for r in registrations])
    assert entry.actor == staff and entry.object_type == "events.registration" and entry.object_repr == ""
    assert entry.data == {"count": 3, "ids": [str(r.pk) for r in registrations]}
    one = audit_read(actor=staff, action="registration_viewed", model=Registration, object_ids=[registrations[0].pk])
    assert one.object_id == str(registrations[0].pk) and one.data == {"count": 1}
    many = audit_read(actor=staff, action="registrations_exported", model=Registration, count=1234, data={"format": "csv"})
    assert many.object_id == "" and many.data == {"count": 1234, "format": "csv"}


def test_migration_blanks_names_of_personal_objects_and_keeps_labels():
    migration = importlib.import_module("revier.core.migrations.0006_audit_no_personal_names")
    AuditEntry.objects.bulk_create([
        AuditEntry(action="registration_created", object_type="events.registration", object_id="1", object_repr="Bernd Hänel"),
        AuditEntry(action="profile_created", object_type="network.profile", object_id="2", object_repr="Profil 2"),
        AuditEntry(action="x", object_type="gone.model", object_id="3", object_repr="Somebody"),
        AuditEntry(action="event_created", object_type="events.event", object_id="4", object_repr="Fachtag"),
        AuditEntry(action="demo_account_created", object_type="auth.user", object_id="5", object_repr="redaktion",
                   data={"username": "redaktion"}),
    ])
    migration.forward(django_apps, None)
    assert dict(AuditEntry.objects.values_list("object_id", "object_repr")) == {
        "1": "", "2": "", "3": "", "4": "Fachtag", "5": "",
    }
    assert AuditEntry.objects.get(object_id="5").data == {}
    assert "redaktion" not in _audit_text()


def test_migration_list_matches_the_models_that_declare_a_label():
    migration = importlib.import_module("revier.core.migrations.0006_audit_no_personal_names")
    labelled = {m._meta.label_lower for m in django_apps.get_models() if getattr(m, "audit_label", False) is True}
    # The migration's list is the labelled models of its day: every one of them still declares its
    # label; models labelled since (core.retentionperiod) came after it and had no entries to blank.
    assert set(migration.LABELLED) <= labelled
    assert labelled - set(migration.LABELLED) <= {"core.retentionperiod"}
