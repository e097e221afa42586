"""One profile linked to registrations of several events: a person who registers for a second event
with the same address and ticks "Ich möchte an der Gesprächsbörse teilnehmen" gets the profile they
have linked to that registration too (no second profile, one mail per submission), and takes part in
both events' Gesprächsbörsen: participants, pages, requests, directory filter, suggestions' visibility."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.events import services as event_services
from revier.events.models import Registration
from revier.network import directory, services
from revier.network.meetings import selectors as meeting_selectors
from revier.network.meetings import services as meeting_services
from revier.network.models import Profile, ProfileRegistration
from revier.network.registration_option import KEY, invite_value
from revier.network.suggestions.selectors import visible_to_q
from tests.factories import (
    EventFactory,
    TicketCategoryFactory,
    make_meeting_setup,
    make_participant,
    make_profile,
)

pytestmark = pytest.mark.django_db
BOX = f"option_{KEY}"
EMAIL = "kim.zeitz@example.org"


def _event(title, days):
    starts = (timezone.localtime() + datetime.timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = EventFactory(title=title, region="mitteldeutsch", starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))
    TicketCategoryFactory(event=event, name="Vor Ort", capacity=None)
    make_meeting_setup(event)
    return event


@pytest.fixture
def first():
    return _event("Wasserstoff-Werkstatt", 30)


@pytest.fixture
def second():
    return _event("Wärmewende-Forum", 60)


def mails_to(address):
    return list(OutboxMail.objects.filter(to__icontains=address).order_by("id"))


def network_mails(address):
    return [mail for mail in mails_to(address) if "Gesprächsbörse" in mail.subject or "Netzwerk" in mail.subject]


def register_and_confirm(client, event, capture, **extra) -> Registration:
    """The registration form with the box ticked, then the link from the mail (as a person does)."""
    data = {"first_name": "Kim", "last_name": "Zeitz", "email": EMAIL, "sector": "kmu",
            "organisation": "Zeitzer Anlagenbau GmbH", "function": "Geschäftsführerin",
            "category": str(event.categories.get().pk), BOX: "on", **extra}
    with capture(execute=True):
        assert client.post(reverse("events:register", args=[event.slug]), data).status_code == 302
    token = re.search(r"/anmeldung/([\w-]+)/", mails_to(EMAIL)[-1].body_text).group(1)
    with capture(execute=True):
        event_services.registration_confirm(token=token)
    return Registration.objects.get(email=EMAIL, event=event)


def personal_token(address=EMAIL):
    for mail in reversed(mails_to(address)):
        if match := re.search(r"/netzwerk/mein-profil/([A-Za-z0-9_-]+)/", mail.body_text):
            return match.group(1)
    raise AssertionError("no personal link")


# --- Linking -------------------------------------------------------------------------------------


def test_second_registration_links_the_existing_profile_with_one_mail(client, first, second,
                                                                     django_capture_on_commit_callbacks):
    profile, _token = make_profile(email=EMAIL)
    before = len(network_mails(EMAIL))
    one = register_and_confirm(client, first, django_capture_on_commit_callbacks)
    assert len(network_mails(EMAIL)) == before + 1
    two = register_and_confirm(client, second, django_capture_on_commit_callbacks)
    assert len(network_mails(EMAIL)) == before + 2  # one per submission
    assert "Wärmewende-Forum" in network_mails(EMAIL)[-1].body_text
    assert Profile.objects.count() == 1
    assert set(profile.registrations.all()) == {one, two}
    assert AuditEntry.objects.filter(action="profile_linked_to_registration", object_id=str(profile.pk)).count() == 2
    # Called again for the same registration (a repeated confirmation): nothing new, no mail.
    assert services.profile_invite_for_registration(registration_id=two.pk) == "kept"
    assert len(network_mails(EMAIL)) == before + 2


def test_invitation_link_of_the_second_event_links_the_profile_made_for_the_first(client, first, second,
                                                                                 django_capture_on_commit_callbacks):
    one = register_and_confirm(client, first, django_capture_on_commit_callbacks)
    data = {"first_name": "Kim", "last_name": "Zeitz", "email": EMAIL, "organisation": "Zeitzer Anlagenbau GmbH",
            "kind": "kmu", "region": "mitteldeutsch", "visibility": "participants"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:create"), {**data, "anmeldung": invite_value(one.pk)})
    profile = Profile.objects.get()
    # The second event's invitation link is used although a profile exists (e.g. the mail came first).
    two = event_services.registration_import(
        event=second, registered_at=timezone.now(), data=event_services.RegistrationInput(
            category_id=second.categories.get().pk, first_name="Kim", last_name="Zeitz", email=EMAIL, sector="kmu",
            organisation="Zeitzer Anlagenbau GmbH", function="", answers={}, consents=frozenset()))
    mails = len(mails_to(EMAIL))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("network:create"), {**data, "anmeldung": invite_value(two.pk)}).status_code == 302
    assert Profile.objects.count() == 1 and set(profile.registrations.all()) == {one, two}
    assert len(mails_to(EMAIL)) == mails + 1


def test_invitation_link_confirms_and_links_an_unconfirmed_profile_of_the_address(client, first,
                                                                                 django_capture_on_commit_callbacks):
    profile, _token = make_profile(email=EMAIL, confirmed=False)
    one = register_and_confirm(client, first, django_capture_on_commit_callbacks)  # mails the invitation
    data = {"first_name": "Kim", "last_name": "Zeitz", "email": EMAIL, "organisation": "Zeitzer Anlagenbau GmbH",
            "kind": "kmu", "region": "mitteldeutsch", "visibility": "participants", "anmeldung": invite_value(one.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:create"), data)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.CONFIRMED and list(profile.registrations.all()) == [one]


def test_merge_keeps_the_registrations_of_both(first, second):
    keep, _ = make_participant(first, 1)
    duplicate, _ = make_participant(second, 2)
    services.profile_merge(keep=keep, duplicate=duplicate, actor=None)
    assert {r.event for r in keep.registrations.all()} == {first, second}


def test_registration_link_is_unique_per_profile_and_registration(first):
    profile, _ = make_participant(first, 1)
    registration = profile.registrations.get()
    assert services._link_registration(profile, registration.pk) is False
    assert ProfileRegistration.objects.count() == 1


# --- Both Gesprächsbörsen ------------------------------------------------------------------------


@pytest.fixture
def both(first, second):
    """Kim, linked to confirmed registrations of both events, and one other participant in each."""
    kim, token = make_participant(first, 1)
    registration = event_services.registration_import(
        event=second, registered_at=timezone.now(), data=event_services.RegistrationInput(
            category_id=second.categories.get().pk, first_name="Kim", last_name="X", email="boerse1@example.org",
            sector="kmu", organisation="O", function="", answers={}, consents=frozenset()))
    assert services.profile_invite_for_registration(registration_id=registration.pk) == "linked"
    return kim, token, make_participant(first, 2)[0], make_participant(second, 3)[0]


def test_a_profile_of_two_events_is_a_participant_of_both(first, second, both):
    kim, _token, at_first, at_second = both
    setups = [first.meeting_setup, second.meeting_setup]
    for setup, other in zip(setups, (at_first, at_second), strict=True):
        participants = list(Profile.objects.filter(meeting_selectors.participants_q(setup)))
        assert sorted(p.pk for p in participants) == sorted([kim.pk, other.pk])  # each once
        assert meeting_selectors.setup_overview(setup=setup).participants == 2
        page = meeting_selectors.participant_page_get(setup=setup, profile=kim)
        assert page.is_participant and page.others == [other]
        sent = meeting_services.request_send(setup=setup, sender=kim, recipient_id=other.pk, message="Gern")
        assert sent.setup == setup
    # Not a participant across: the first event's other person cannot be asked in the second.
    with pytest.raises(meeting_services.errors.MeetingError):
        meeting_services.request_send(setup=second.meeting_setup, sender=kim, recipient_id=at_first.pk)
    # The next event first; by slug each.
    assert meeting_selectors.setups_for_profile(profile=kim) == setups
    assert meeting_selectors.setup_for_profile(profile=kim) == setups[0]
    assert meeting_selectors.setup_for_profile(profile=kim, event_slug=second.slug) == setups[1]
    assert meeting_selectors.setup_for_profile(profile=kim, event_slug="gibt-es-nicht") is None


def test_a_cancelled_registration_ends_only_that_participation(first, second, both):
    kim, _token, _a, _b = both
    registration = kim.registrations.get(event=first)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    assert not Profile.objects.filter(meeting_selectors.participants_q(first.meeting_setup), pk=kim.pk).exists()
    assert Profile.objects.filter(meeting_selectors.participants_q(second.meeting_setup), pk=kim.pk).exists()
    assert meeting_selectors.setups_for_profile(profile=kim) == [second.meeting_setup]


def test_pages_lead_to_each_gespraechsboerse(client, first, second, both):
    kim, token, at_first, at_second = both
    personal = client.get(reverse("network:personal", kwargs={"token": token})).content.decode()
    first_url = reverse("network:meetings-event", kwargs={"token": token, "event": first.slug})
    second_url = reverse("network:meetings-event", kwargs={"token": token, "event": second.slug})
    assert first_url in personal and second_url in personal
    default = client.get(reverse("network:meetings", kwargs={"token": token}))
    assert default.status_code == 200 and "Wasserstoff-Werkstatt" in default.content.decode()
    page = client.get(second_url).content.decode()
    assert "Wärmewende-Forum" in page and at_second.organisation in page and at_first.organisation not in page
    assert first_url in page  # "Ihre weiteren Gesprächsbörsen"
    # A form on the second event's page acts on the second event and comes back to it.
    slot = second.meeting_setup.slots.first()
    response = client.post(second_url, {"aktion": "zeiten", "slots": [str(slot.pk)]})
    assert response.status_code == 302 and response["Location"].startswith(second_url)
    assert list(kim.unavailabilities.values_list("slot_id", flat=True)) == [slot.pk]
    ics = client.get(reverse("network:meetings-event-ics", kwargs={"token": token, "event": second.slug}))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    other = reverse("network:meetings-event", kwargs={"token": token, "event": "gibt-es-nicht"})
    assert client.get(other).status_code == 404


def test_directory_event_filter_and_suggestions_see_both_events(first, second, both):
    kim, _token, at_first, at_second = both
    for event in (first, second):
        found = directory.directory_filter_from_params({"veranstaltung": event.slug})
        assert found.event == event
        ids = list(Profile.objects.filter(directory._profile_fields_q(found)).values_list("pk", flat=True))
        assert ids.count(kim.pk) == 1
    Profile.objects.filter(pk__in=[at_first.pk, at_second.pk]).update(visibility=Profile.Visibility.PARTICIPANTS)
    visible = set(Profile.objects.filter(visible_to_q(kim, prefix="")).values_list("pk", flat=True))
    assert {at_first.pk, at_second.pk} <= visible
    alone, _ = make_profile(9)
    assert not {at_first.pk, at_second.pk} & set(
        Profile.objects.filter(visible_to_q(alone, prefix="")).values_list("pk", flat=True))


def test_cancelling_a_meeting_of_the_second_event_finds_its_gespraechsboerse(client, first, second, both):
    kim, token, _at_first, at_second = both
    sent = meeting_services.request_send(setup=second.meeting_setup, sender=kim, recipient_id=at_second.pk)
    meeting_services.request_accept(meeting_request=sent, profile=at_second)
    page = client.get(reverse("network:meetings-event", kwargs={"token": token, "event": second.slug})).content.decode()
    cancel = reverse("network:meeting-cancel", kwargs={"token": token, "pk": sent.pk})
    assert cancel in page
    assert client.get(cancel).status_code == 200
    response = client.post(cancel)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("network:meetings-event", kwargs={"token": token,
                                                                                   "event": second.slug}))
    sent.refresh_from_db()
    assert sent.status == "cancelled"
