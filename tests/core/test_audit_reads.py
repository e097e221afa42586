"""Every staff read of personal data writes one audit entry (issue 12 §2): who, what (the model and
the records' ids, or their number), when. One matrix over the staff pages, exports and admin pages
that show people's data, with the number of records each entry must name."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from revier.contingents import services as contingent_services
from revier.core.models import AuditEntry, OutboxMail
from revier.events import services as event_services
from revier.pages.models import StaffMessage
from tests.factories import (
    PASSWORD, ContingentFactory, EventFactory, MonitorQuestionFactory, MonitorSurveyFactory, StaffFactory,
    StaffMessageFactory, TicketCategoryFactory, claim_input, confirmed_registration, make_monitor_wave,
    make_profile, make_running_meetings, with_codes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffFactory(username="verwaltung")
    client.login(username=user.username, password=PASSWORD)
    return user


@pytest.fixture
def world():
    """Three confirmed registrations of an event, two claims of a contingent, a running
    Gesprächsbörse with four people, a Monitor wave with five respondents, two profiles, two
    messages to the editorial team."""
    event = EventFactory(title="Fachtag Lesen")
    category = TicketCategoryFactory(event=event, capacity=None)
    registrations = [confirmed_registration(event, n, category=category) for n in range(3)]
    contingent = ContingentFactory()
    with_codes(contingent, 5)
    claims = []
    for n in range(2):
        claims.append(contingent_services.claim_create(contingent=contingent, data=claim_input(n)).claim)
    running = make_running_meetings()
    survey = MonitorSurveyFactory()
    wave = make_monitor_wave(survey=survey, year=2024, questions=[MonitorQuestionFactory(survey=survey)], respondents=5)
    profiles = [make_profile(10 + n)[0] for n in range(2)]
    messages = [StaffMessageFactory(), StaffMessageFactory()]
    return {"event": event, "registrations": registrations, "contingent": contingent, "claims": claims,
            "running": running, "wave": wave, "profiles": profiles, "messages": messages}


def _cases(w):
    """(address, action, object type, number of records seen)."""
    event, contingent, running = w["event"], w["contingent"], w["running"]
    registration, claim = w["registrations"][0], w["claims"][0]
    meetings_event = running["event"].slug
    meeting = running["meetings"]["ab"]
    return [
        (reverse("events:manage", kwargs={"slug": event.slug}), "registrations_viewed", "events.registration", 3),
        (reverse("events:manage-registration", kwargs={"slug": event.slug, "pk": registration.pk}),
         "registration_viewed", "events.registration", 1),
        (reverse("events:manage-export", kwargs={"slug": event.slug, "fmt": "csv"}),
         "registrations_exported", "events.registration", 3),
        (reverse("events:manage-export", kwargs={"slug": event.slug, "fmt": "xlsx"}),
         "registrations_exported", "events.registration", 3),
        (reverse("contingents:manage", kwargs={"slug": contingent.slug}), "claims_viewed", "contingents.claim", 2),
        (reverse("contingents:manage-claim", kwargs={"slug": contingent.slug, "pk": claim.pk}),
         "claim_viewed", "contingents.claim", 1),
        (reverse("contingents:manage-export", kwargs={"slug": contingent.slug, "fmt": "csv"}),
         "claims_exported", "contingents.claim", 2),
        (reverse("contingents:partner-export", kwargs={"slug": contingent.slug, "fmt": "csv"}),
         "claims_exported", "contingents.claim", 0),  # nobody has confirmed a ticket yet
        (reverse("network:meetings-table-plan", kwargs={"slug": meetings_event}), "profiles_viewed", "network.profile", 4),
        (reverse("network:meetings-planning", kwargs={"slug": meetings_event}), "profiles_viewed", "network.profile", 4),
        (reverse("network:meetings-meeting", kwargs={"slug": meetings_event, "pk": meeting.pk}),
         "profiles_viewed", "network.profile", 2),
        (reverse("network:meetings-check-in", kwargs={"slug": meetings_event}), "profiles_viewed", "network.profile", 4),
        (reverse("network:meetings-board", kwargs={"slug": meetings_event}), "profiles_viewed", "network.profile", 4),
        (reverse("monitor:manage-weights", kwargs={"wave": w["wave"].pk}), "respondents_exported", "monitor.respondent", 5),
    ]


def _admin_cases(w):
    profile_count = len(w["running"]["people"]) + len(w["profiles"])
    claim, profile, message = w["claims"][0], w["profiles"][0], w["messages"][0]
    meeting_request = w["running"]["meetings"]["ab"].request
    cases = [
        (reverse("admin:contingents_claim_changelist"), "admin_list_viewed", "contingents.claim", 2),
        (reverse("admin:contingents_claim_change", args=[claim.pk]), "admin_object_viewed", "contingents.claim", 1),
        (reverse("admin:network_profile_changelist"), "admin_list_viewed", "network.profile", profile_count),
        (reverse("admin:network_profile_change", args=[profile.pk]), "admin_object_viewed", "network.profile", 1),
        (reverse("admin:network_meeting_changelist"), "admin_list_viewed", "network.meeting", 5),
        (reverse("admin:network_meetingrequest_changelist"), "admin_list_viewed", "network.meetingrequest", 5),
        (reverse("admin:pages_staffmessage_changelist"), "admin_list_viewed", "pages.staffmessage", 2),
        (reverse("admin:pages_staffmessage_change", args=[message.pk]), "admin_object_viewed", "pages.staffmessage", 1),
        (reverse("admin:core_outboxmail_changelist"), "admin_list_viewed", "core.outboxmail",
         min(OutboxMail.objects.count(), 100)),
        (reverse("admin:auth_user_changelist"), "admin_list_viewed", "auth.user", get_user_model().objects.count()),
        (reverse("admin:auth_user_change", args=[get_user_model().objects.first().pk]), "admin_object_viewed", "auth.user", 1),
        (reverse("admin:network_meetingrequest_change", args=[meeting_request.pk]),
         "admin_object_viewed", "network.meetingrequest", 1),
    ]
    return cases


def test_every_staff_read_of_personal_data_writes_one_entry_with_its_count(client, staff, world):
    for url, action, object_type, count in _cases(world) + _admin_cases(world):
        AuditEntry.objects.all().delete()
        response = client.get(url)
        assert response.status_code == 200, url
        entries = list(AuditEntry.objects.all())
        assert len(entries) == 1, (url, [(e.action, e.object_type) for e in entries])
        entry = entries[0]
        assert (entry.action, entry.object_type, entry.data["count"], entry.actor) == (action, object_type, count, staff), url
        if count == 1:
            assert entry.object_id, url


def test_read_entries_name_the_records_seen(client, staff, world):
    event = world["event"]
    client.get(reverse("events:manage", kwargs={"slug": event.slug}))
    entry = AuditEntry.objects.get(action="registrations_viewed")
    assert sorted(entry.data["ids"]) == sorted(str(r.pk) for r in world["registrations"])
    assert entry.data["event"] == event.pk
    registration = world["registrations"][1]
    client.get(reverse("events:manage-registration", kwargs={"slug": event.slug, "pk": registration.pk}))
    assert AuditEntry.objects.get(action="registration_viewed").object_id == str(registration.pk)


def test_the_check_in_result_that_names_a_person_is_a_read(client, staff, world):
    event, registration = world["event"], world["registrations"][0]
    url = reverse("events:check-in", kwargs={"slug": event.slug})
    client.get(url)
    assert not AuditEntry.objects.filter(action="registration_viewed").exists()  # no result, no name shown
    event_services.registration_check_in(event=event, code=registration.ticket_code, actor=staff)
    client.get(f"{url}?ergebnis=checked_in&anmeldung={registration.pk}")
    entry = AuditEntry.objects.get(action="registration_viewed")
    assert entry.object_id == str(registration.pk) and entry.data == {"count": 1, "view": "check_in"}


def test_posts_and_refused_reads_write_no_read_entry(client, world):
    """Someone who may not see the page leaves no read entry (nothing was seen)."""
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    client.login(username=user.username, password=PASSWORD)
    for url, *_rest in _cases(world):
        client.get(url)
    assert not AuditEntry.objects.filter(actor=user).exists()


def test_admin_changes_of_personal_objects_leave_no_name_in_django_admin_history(client, staff, world):
    from django.contrib.admin.models import LogEntry

    message = world["messages"][0]
    response = client.post(reverse("admin:pages_staffmessage_change", args=[message.pk]),
                           {"handled": "on", "_save": "Sichern"})
    assert response.status_code == 302
    assert StaffMessage.objects.get(pk=message.pk).handled
    assert not LogEntry.objects.exists()
    assert AuditEntry.objects.filter(action="staff_message_handled", object_id=str(message.pk)).exists()


def test_admin_user_changes_are_audited_by_field_names_only(client, staff):
    user = get_user_model().objects.create_user(username="bernd.haenel", email="bernd@example.org", password=PASSWORD)
    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), {
        "username": "bernd.haenel", "email": "b.haenel@example.org", "first_name": "Bernd", "last_name": "Hänel",
        "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00", "_save": "Sichern",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="user_changed")
    assert entry.object_id == str(user.pk) and entry.object_repr == "" and entry.actor == staff
    text = f"{entry.object_repr} {entry.data}"
    assert "Bernd" not in text and "haenel" not in text.lower() and "Hänel" not in text and "example.org" not in text
    assert entry.data["fields"]
