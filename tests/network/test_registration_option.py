"""The box "Ich möchte an der Gesprächsbörse teilnehmen" in an event's registration form
(events.options, network.registration_option): shown only where the event has a Gesprächsbörse,
stored with the registration, and after the confirmation a mail with a prefilled "Profil anlegen"
link that makes a confirmed profile linked to the registration, i.e. a participant."""

import re

import pytest
from django.urls import reverse

from revier.core.models import OutboxMail
from revier.events import services as event_services
from revier.events.models import Registration
from revier.network.meetings import selectors as meeting_selectors  # noqa: F401 (the app's public reads)
from revier.network.models import Profile
from revier.network.registration_option import KEY, invite_value, registration_id_from_invite
from tests.factories import EventFactory, TicketCategoryFactory, make_meeting_setup, make_profile, registration_input

pytestmark = pytest.mark.django_db
BOX = f"option_{KEY}"


@pytest.fixture
def event():
    event = EventFactory(title="Innovationskonferenz", region="mitteldeutsch")
    TicketCategoryFactory(event=event, name="Vor Ort", capacity=None)
    return event


@pytest.fixture
def with_meetings(event):
    return make_meeting_setup(event)


def form_data(event, **extra):
    return {
        "first_name": "Kim", "last_name": "Zeitz", "email": "kim.zeitz@example.org", "sector": "kmu",
        "organisation": "Zeitzer Anlagenbau GmbH", "function": "Geschäftsführerin",
        "category": str(event.categories.get().pk), **extra,
    }


def register_and_confirm(client, event, django_capture_on_commit_callbacks, **extra) -> Registration:
    url = reverse("events:register", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form_data(event, **extra)).status_code == 302
    registration = Registration.objects.get(email="kim.zeitz@example.org")
    token = re.search(r"/anmeldung/([\w-]+)/", mails_to("kim.zeitz@example.org")[-1].body_text).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_confirm(token=token)
    return registration


def mails_to(address: str) -> list[OutboxMail]:
    return [mail for mail in OutboxMail.objects.order_by("id") if address in mail.to]


def invitation(registration) -> OutboxMail | None:
    return next((mail for mail in mails_to(registration.email) if "Gesprächsbörse" in mail.subject), None)


def test_box_only_for_an_event_with_a_gespraechsboerse(client, event):
    url = reverse("events:register", args=[event.slug])
    assert BOX not in client.get(url).content.decode()
    make_meeting_setup(event)  # a content change: the form's setup is read again
    page = client.get(url).content.decode()
    assert f'name="{BOX}"' in page and "Ich möchte an der Gesprächsbörse teilnehmen" in page


def test_ticked_box_is_stored_and_invites_after_the_confirmation(client, event, with_meetings,
                                                                  django_capture_on_commit_callbacks):
    registration = register_and_confirm(client, event, django_capture_on_commit_callbacks, **{BOX: "on"})
    assert Registration.objects.get(pk=registration.pk).options == [KEY]
    mail = invitation(registration)
    assert mail is not None and "Sie möchten an der Gesprächsbörse von „Innovationskonferenz“ teilnehmen" in mail.body_text
    link = re.search(r"https?://\S+/netzwerk/profil-anlegen/\?anmeldung=\S+", mail.body_text).group(0)
    assert registration_id_from_invite(link.split("anmeldung=")[1]) == registration.pk


def test_no_box_no_invitation(client, event, with_meetings, django_capture_on_commit_callbacks):
    registration = register_and_confirm(client, event, django_capture_on_commit_callbacks)
    assert Registration.objects.get(pk=registration.pk).options == []
    assert invitation(registration) is None


def test_invitation_link_prefills_and_makes_a_confirmed_linked_profile(client, event, with_meetings,
                                                                       django_capture_on_commit_callbacks):
    registration = register_and_confirm(client, event, django_capture_on_commit_callbacks, **{BOX: "on"})
    url = f"{reverse('network:create')}?anmeldung={invite_value(registration.pk)}"
    page = client.get(url).content.decode()
    assert 'value="Zeitzer Anlagenbau GmbH"' in page and 'value="kim.zeitz@example.org"' in page
    assert 'name="anmeldung"' in page and "Mit derselben E-Mail-Adresse ist Ihr Profil sofort bestätigt" in page
    data = {
        "first_name": "Kim", "last_name": "Zeitz", "email": "kim.zeitz@example.org", "organisation": "Zeitzer Anlagenbau GmbH",
        "kind": "kmu", "region": "mitteldeutsch", "visibility": "participants", "anmeldung": invite_value(registration.pk),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("network:create"), data).status_code == 302
    profile = Profile.objects.get(email="kim.zeitz@example.org")
    assert profile.status == Profile.Status.CONFIRMED and list(profile.registrations.all()) == [registration]
    assert any("bestätigt" in mail.subject for mail in mails_to("kim.zeitz@example.org"))


def test_invitation_with_another_address_needs_its_own_confirmation(client, event, with_meetings,
                                                                    django_capture_on_commit_callbacks):
    registration = register_and_confirm(client, event, django_capture_on_commit_callbacks, **{BOX: "on"})
    data = {
        "first_name": "Kim", "last_name": "Zeitz", "email": "kim@anders.example.org", "organisation": "Zeitzer",
        "kind": "kmu", "region": "mitteldeutsch", "visibility": "participants", "anmeldung": invite_value(registration.pk),
    }
    assert client.post(reverse("network:create"), data).status_code == 302
    profile = Profile.objects.get(email="kim@anders.example.org")
    assert profile.status == Profile.Status.UNCONFIRMED and not profile.registrations.exists()


@pytest.mark.parametrize("value", ["", "x", "1", "tampered", "a" * 500], ids=["empty", "x", "1", "tampered", "long"])
def test_forged_invitation_prefills_nothing_and_links_nothing(client, event, value):
    if value == "tampered":
        value = invite_value(10**9) + "x"  # made here: a signed value carries its time (the same on every worker)
    page = client.get(reverse("network:create"), {"anmeldung": value}).content.decode()
    assert 'name="anmeldung"' not in page
    assert registration_id_from_invite(value) is None


def test_someone_with_a_profile_gets_it_linked(client, event, with_meetings, django_capture_on_commit_callbacks):
    profile, _token = make_profile(email="kim.zeitz@example.org")
    registration = register_and_confirm(client, event, django_capture_on_commit_callbacks, **{BOX: "on"})
    profile.refresh_from_db()
    assert list(profile.registrations.all()) == [registration]
    mail = invitation(registration)
    assert mail is not None and "/netzwerk/mein-profil/" in mail.body_text and "profil-anlegen" not in mail.body_text
    assert "Ihr Netzwerk-Profil gehört jetzt zu Ihrer Anmeldung" in mail.body_text


def test_unknown_option_keys_are_dropped(event):
    registration = event_services.registration_create(
        event=event, data=registration_input(event.categories.get(), options=frozenset({KEY, "unbekannt"}))
    ).registration
    # Only keys an app registered are stored (the form offers the box only where the event has a
    # Gesprächsbörse: a forged field of another event's form is no field of this form).
    assert registration.options == [KEY]
