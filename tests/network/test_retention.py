"""Retention of the network (issue 12 §3): meeting requests' messages after their event's retention
period, contact requests' messages after they were answered or lapsed, profiles after their last
sign of life; nothing of the people is left in any table, the Gesprächsbörse's figures stay."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from revier.core.mail import outbox_send_due
from revier.core.models import AuditEntry
from revier.core.retention import PROTOCOL_ACTION
from revier.network import services as network_services
from revier.network.contact import services as contact_services
from revier.network.followup import selectors as followup_selectors
from revier.network.followup import services as followup_services
from revier.network.meetings import services as meeting_services
from revier.network.models import (ContactRequest, ContactRequestLink, FollowupAnswer, FollowupInvitationLink,
                                   MeetingRequest, MeetingRequestLink, Profile, ProfileLink, ProfileRegistration,
                                   TopicProposal)
from revier.network.retention import network_anonymise_due, profile_anonymise, profiles_warn_due
from tests.factories import EventFactory, StaffFactory, make_meeting_setup, make_participant, profile_input
from tests.personal_data import tables_holding
from tests.retention_checks import assert_audit_anonymised, assert_protocol, assert_second_run_changes_nothing

pytestmark = pytest.mark.django_db

# The profile whose period runs out (ASCII values; its address is the one make_participant gives).
GONE = {"first_name": "Wendelgard", "last_name": "Pfitzenmaier", "organisation": "Torfstecherei Uckermuende",
        "function": "Moorvogtin", "district": "Kleinkoschen", "description": "Wir trocknen Schilfrohr fuer Daemmplatten",
        "phone": "+49 35751 987654"}
GONE_EMAIL = "boerse0@example.org"
ENTRY = ("Schilfrohrballen", "Ballenpresse mit Hanfschnur")
PROPOSAL = "Seggenmattenverband"
MEETING_MESSAGE = "Treffen am Fischteich Bernsdorf"
CONTACT_MESSAGE = "Haben Sie Interesse an Seggenmatten aus Zschornegosda"


def _meet(setup, a, b, message=""):
    request = meeting_services.request_send(setup=setup, sender=a, recipient_id=b.pk, message=message)
    return meeting_services.request_accept(meeting_request=request, profile=b)


def _answer(setup, profile, answers, now):
    invitation = setup.followup_invitations.get(profile=profile)
    followup_services.followup_answers_save(invitation=invitation, answers=answers, now=now)


def network_world(*, retention_days=10):
    """An event with a Gesprächsbörse: A (the distinctive person) meets B (with a message) and C,
    B meets D; follow-up answers of A and B; C asks A for contact outside the event, A accepts.
    Returns a dict with event, setup, people (a, b, c, d), after (follow-up time)."""
    event = EventFactory(title="Moorfachtag", retention_days=retention_days)
    setup = make_meeting_setup(event, tables=3)
    a, b, c, d = (make_participant(event, n)[0] for n in range(4))
    a = network_services.profile_update(profile=a, data=profile_input(0, **GONE, topic_proposals=(PROPOSAL,)))
    network_services.profile_entry_add(profile=a, data=network_services.EntryInput(direction="offer", title=ENTRY[0],
                                                                                   text=ENTRY[1]))
    ab = _meet(setup, a, b, MEETING_MESSAGE)
    ac = _meet(setup, a, c)
    _meet(setup, b, d)
    meeting_services.setup_publish(setup=setup, actor=None)
    after = event.ends_at + datetime.timedelta(hours=2)
    followup_services.followup_invitations_send_due(now=after)
    Held, Coop = FollowupAnswer.Held, FollowupAnswer.Cooperation
    _answer(setup, a, [followup_services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.PROJECT),
                       followup_services.AnswerInput(meeting_id=ac.pk, held=Held.NO_SHOW, cooperation=Coop.NO)], after)
    _answer(setup, b, [followup_services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.MAYBE)], after)
    contact = contact_services.contact_request_send(sender=c, recipient_id=a.pk, message=CONTACT_MESSAGE)
    contact = contact_services.contact_request_accept(contact_request=contact)
    outbox_send_due(limit=1000)  # the worker sends (and blanks) the mails that name A to others
    return {"event": event, "setup": setup, "people": (a, b, c, d), "after": after, "contact": contact}


def network_figures(client, event) -> tuple:
    """What the follow-up statistics pages show of the event (its page and the overview, as CSV)."""
    client.force_login(StaffFactory())
    page = client.get(reverse("network:followup-statistics", kwargs={"slug": event.slug}) + "?format=csv")
    overview = client.get(reverse("network:followup-overview") + "?format=csv")
    client.logout()
    assert page.status_code == overview.status_code == 200
    return page.content.decode("utf-8-sig"), overview.content.decode("utf-8-sig")


def profile_period_end(world) -> datetime.datetime:
    """A moment after every profile's period: the last sign of life is now or the event's end."""
    last = max(timezone.now(), world["event"].ends_at)
    return last + datetime.timedelta(days=settings.NETWORK_PROFILE_RETENTION_DAYS, minutes=1)


def warn_before(now: datetime.datetime) -> int:
    """The warning's round the worker ran NETWORK_PROFILE_WARNING_DAYS before `now`: a profile is
    anonymised only that long after its person was warned (tests/network/test_retention_warning.py)."""
    return profiles_warn_due(now=now - datetime.timedelta(days=settings.NETWORK_PROFILE_WARNING_DAYS))


def _strings():
    return [*GONE.values(), GONE_EMAIL, *ENTRY, PROPOSAL]


@pytest.fixture
def world():
    return network_world()


def test_meeting_messages_go_with_the_events_period(world, client):
    event, setup = world["event"], world["setup"]
    assert tables_holding([MEETING_MESSAGE]) != []  # the test can fail
    figures = network_figures(client, event)
    stats = followup_selectors.followup_statistics(setup=setup)
    assert network_anonymise_due(now=event.ends_at + datetime.timedelta(days=9, hours=23)) == 0

    now = event.ends_at + datetime.timedelta(days=10, minutes=1)
    assert network_anonymise_due(now=now) == 3
    assert tables_holding([MEETING_MESSAGE]) == []
    assert not MeetingRequestLink.objects.exists() and not FollowupInvitationLink.objects.exists()
    assert MeetingRequest.objects.filter(anonymised_at=now).count() == 3
    assert followup_selectors.followup_statistics(setup=setup) == stats
    assert network_figures(client, event) == figures
    assert_protocol(MeetingRequest, count=3, owners=[setup.pk], now=now)
    # The profiles' period runs on; the contact request's message too.
    assert not Profile.objects.filter(anonymised_at__isnull=False).exists()
    assert tables_holding([CONTACT_MESSAGE]) != []
    assert_second_run_changes_nothing(network_anonymise_due, MeetingRequest, now=now)


def test_contact_messages_go_after_the_answer(world, settings):
    contact = world["contact"]
    answered = contact.answered_at
    network_anonymise_due(now=answered + datetime.timedelta(days=settings.NETWORK_CONTACT_RETENTION_DAYS - 1))
    assert not ContactRequest.objects.filter(anonymised_at__isnull=False).exists()
    now = answered + datetime.timedelta(days=settings.NETWORK_CONTACT_RETENTION_DAYS, minutes=1)
    assert ContactRequest.objects.filter(pk=contact.pk, anonymised_at__isnull=True).exists()
    network_anonymise_due(now=now)
    contact.refresh_from_db()
    assert (contact.message, contact.anonymised_at, contact.status) == ("", now, ContactRequest.Status.ACCEPTED)
    assert not ContactRequestLink.objects.exists()
    assert tables_holding([CONTACT_MESSAGE]) == []
    assert_protocol(ContactRequest, count=1, owners=[], now=now)


def test_a_lapsed_contact_request_goes_after_its_lapse(settings):
    from tests.factories import make_profile

    (sender, _), (recipient, _) = make_profile(1), make_profile(2)
    contact = contact_services.contact_request_send(sender=sender, recipient_id=recipient.pk, message=CONTACT_MESSAGE)
    lapsed = timezone.now() + datetime.timedelta(days=settings.NETWORK_CONTACT_LAPSE_DAYS, hours=1)
    assert contact_services.contact_requests_lapse_due(now=lapsed) == 1
    closed_at = ContactRequest.objects.get().closed_at
    outbox_send_due(limit=100)  # the mails that quote the message are sent (their bodies blanked)
    assert network_anonymise_due(now=closed_at + datetime.timedelta(days=settings.NETWORK_CONTACT_RETENTION_DAYS - 1)) == 0
    network_anonymise_due(now=closed_at + datetime.timedelta(days=settings.NETWORK_CONTACT_RETENTION_DAYS, minutes=1))
    assert tables_holding([CONTACT_MESSAGE]) == []


def test_profile_goes_after_its_last_sign_of_life_and_the_figures_stay(world, client):
    event, (a, b, c, d) = world["event"], world["people"]
    assert {hit[2] for hit in tables_holding(_strings())} == set(_strings())  # the test can fail
    figures = network_figures(client, event)
    stats = followup_selectors.followup_statistics(setup=world["setup"])
    now = profile_period_end(world)
    # B changed their profile recently: its period runs on.
    Profile.objects.filter(pk=b.pk).update(updated_at=now - datetime.timedelta(days=1))
    assert warn_before(now) == 3
    assert network_anonymise_due(now=now - datetime.timedelta(minutes=2)) == 3 + 1  # only the messages
    assert not Profile.objects.filter(anonymised_at__isnull=False).exists()

    assert network_anonymise_due(now=now) == 3
    assert tables_holding(_strings()) == []
    assert set(Profile.objects.filter(anonymised_at=now).values_list("id", flat=True)) == {a.pk, c.pk, d.pk}
    a.refresh_from_db()
    assert (a.first_name, a.last_name, a.email, a.phone, a.visibility, a.hidden_by_staff, a.status) == (
        "", "anonymisiert", "", "", "hidden", True, "confirmed")
    assert not ProfileLink.objects.filter(profile=a).exists() and not a.entries.exists()
    assert not TopicProposal.objects.filter(name=PROPOSAL).exists()
    assert ProfileRegistration.objects.filter(profile=a).exists()  # counted as a participant
    assert followup_selectors.followup_statistics(setup=world["setup"]) == stats
    assert network_figures(client, event) == figures
    # Gone from the directory and its page.
    assert client.get(reverse("network:profile", kwargs={"pk": a.pk})).status_code == 404
    assert b.last_name in client.get(reverse("network:directory")).content.decode()
    assert_audit_anonymised(a, noted_action="profile_changed", kept={})
    assert_protocol(Profile, count=3, owners=[], now=now)
    assert_second_run_changes_nothing(network_anonymise_due, Profile, now=now)


def test_profile_anonymise_does_one_profile_now(world):
    a = world["people"][0]
    now = timezone.now()
    assert profile_anonymise(profile=a, now=now) is True
    assert tables_holding(_strings()) == []
    assert tables_holding([MEETING_MESSAGE, CONTACT_MESSAGE]) == []  # what A wrote and was written
    assert list(Profile.objects.filter(anonymised_at__isnull=False)) == [a]
    assert profile_anonymise(profile=a, now=now) is False
    assert AuditEntry.objects.filter(action=PROTOCOL_ACTION).count() == 1


def test_an_anonymised_profile_gets_no_mail_and_cannot_be_asked(world):
    a, b, c, d = world["people"]
    profile_anonymise(profile=a)
    from revier.core.models import OutboxMail
    from revier.network.contact import errors as contact_errors

    mails = OutboxMail.objects.count()
    with pytest.raises(contact_errors.ContactError):
        contact_services.contact_request_send(sender=d, recipient_id=a.pk, message="Hallo")
    assert OutboxMail.objects.count() == mails


def test_worker_runs_the_task_and_the_form_names_the_period(client, settings):
    assert "revier.network.retention.network_anonymise_due" in settings.WORKER_TASKS
    settings.NETWORK_PROFILE_RETENTION_DAYS = 365
    page = client.get(reverse("network:create")).content.decode()
    assert "Wenn Sie Ihr Profil 365 Tage lang nicht nutzen" in page
    assert "30 Tage vorher schicken wir Ihnen eine E-Mail mit dem Link, um es zu behalten." in page
    call_command("run_worker", "--once")


@pytest.mark.parametrize("sign_of_life", ["link", "event", "meeting_request", "contact_answered"])
def test_each_sign_of_life_keeps_a_profile(world, sign_of_life):
    """A profile unchanged for the period stays while any other sign of life is younger."""
    a, b, c, d = world["people"]
    now = profile_period_end(world)
    recent = now - datetime.timedelta(days=1)
    Profile.objects.update(updated_at=now - datetime.timedelta(days=3000), confirmed_at=None)
    ProfileLink.objects.update(created_at=now - datetime.timedelta(days=3000))
    ProfileRegistration.objects.update(linked_at=now - datetime.timedelta(days=3000))
    if sign_of_life == "link":
        ProfileLink.objects.filter(profile=a).update(created_at=recent)
    elif sign_of_life == "event":
        from revier.events.models import Event

        Event.objects.filter(pk=world["event"].pk).update(ends_at=recent)
    elif sign_of_life == "meeting_request":
        MeetingRequest.objects.filter(sender=a, recipient=b).update(created_at=recent)
    else:
        ContactRequest.objects.filter(recipient=a).update(answered_at=recent)
    warn_before(now)
    network_anonymise_due(now=now)
    kept = set(Profile.objects.filter(anonymised_at__isnull=True).values_list("id", flat=True))
    expected = {a.pk, b.pk, c.pk, d.pk} if sign_of_life == "event" else {a.pk} | (
        {b.pk} if sign_of_life == "meeting_request" else {c.pk} if sign_of_life == "contact_answered" else set())
    assert kept == expected
