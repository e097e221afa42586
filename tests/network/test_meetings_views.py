"""Gesprächsbörse pages through HTTP: the participant's page (reached from the personal page), the
page of a request link (a GET changes nothing, the buttons POST), the organiser's page; bad input
gets a German message and changes nothing; query counts do not grow with the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.core.models import OutboxMail
from revier.network.meetings import services
from revier.network.meetings.models import Meeting, MeetingRequest, MeetingSetup, Unavailability
from tests.factories import EventFactory, UserFactory, make_meeting_setup, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(title="Wärmewende-Forum")


@pytest.fixture
def setup(event):
    return make_meeting_setup(event)


@pytest.fixture
def people(event, setup):
    return [make_participant(event, n) for n in range(3)]


def page(token):
    return f"/netzwerk/mein-profil/{token}/gespraechsboerse/"


def request_link(email):
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = re.search(r"/netzwerk/gespraechsanfrage/[A-Za-z0-9_-]+/", mail.body_text)
            if match:
                return match.group(0)
    raise AssertionError("no request link")


def test_personal_page_links_the_gespraechsboerse(client, people):
    _profile, token = people[0]
    html = client.get(f"/netzwerk/mein-profil/{token}/").content.decode()
    assert f'href="{page(token)}"' in html


def test_participant_page_lists_others_without_contact_data(client, people):
    (me, token), (other, _t), _third = people
    response = client.get(page(token))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert other.full_name in html and other.organisation in html
    assert other.email not in html and other.phone not in html and me.full_name not in html.split("Teilnehmende")[-1]


def test_send_accept_through_the_pages(client, people):
    (me, token), (other, other_token), _third = people
    response = client.post(page(token), {"aktion": "anfrage", "recipient": str(other.pk), "message": "Wärmepumpen?"})
    assert response.status_code == 302 and response["Location"].endswith("?erledigt=gesendet#erledigt")
    meeting_request = MeetingRequest.objects.get()
    link = request_link(other.email)
    # Opening the link (a mail scanner) changes nothing.
    assert client.get(link).status_code == 200
    meeting_request.refresh_from_db()
    assert meeting_request.status == "pending"
    response = client.post(link, {"aktion": "annehmen"})
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    # Accepting twice: a German message, nothing changes.
    response = client.post(link, {"aktion": "annehmen"})
    assert response.status_code == 409 and "bereits angenommen" in response.content.decode()
    html = client.get(page(token)).content.decode()
    assert other.email in html  # contact data once both agreed
    assert Meeting.objects.count() == 1


def test_decline_and_withdraw_on_the_page(client, people):
    (me, token), (other, other_token), (third, _t) = people
    services.request_send(setup=MeetingSetup.objects.get(), sender=other, recipient_id=me.pk)
    services.request_send(setup=MeetingSetup.objects.get(), sender=me, recipient_id=third.pk)
    incoming = MeetingRequest.objects.get(sender=other)
    outgoing = MeetingRequest.objects.get(sender=me)
    assert client.post(page(token), {"aktion": "ablehnen", "anfrage": str(incoming.pk)}).status_code == 302
    assert client.post(page(token), {"aktion": "zurueckziehen", "anfrage": str(outgoing.pk)}).status_code == 302
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {"declined", "withdrawn"}
    # Someone else's request cannot be answered from this page.
    services.request_send(setup=MeetingSetup.objects.get(), sender=other, recipient_id=third.pk)
    foreign = MeetingRequest.objects.get(sender=other, recipient=third)
    response = client.post(page(token), {"aktion": "annehmen", "anfrage": str(foreign.pk)})
    assert response.status_code == 409 and MeetingRequest.objects.get(pk=foreign.pk).status == "pending"


@pytest.mark.parametrize("data, message", [
    ({"aktion": "anfrage", "recipient": "self", "message": ""}, "aus der Liste"),
    ({"aktion": "anfrage", "recipient": "", "message": ""}, "Bitte wählen Sie eine teilnehmende Person."),
    ({"aktion": "anfrage", "recipient": "other", "message": "x" * 501}, "höchstens 500 Zeichen"),
])
def test_bad_request_input_gets_a_german_message(client, people, data, message):
    (me, token), (other, _t), _third = people
    data = {**data, "recipient": {"self": str(me.pk), "other": str(other.pk)}.get(data["recipient"], data["recipient"])}
    response = client.post(page(token), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_duplicate_request_on_the_page_gets_a_german_message(client, people):
    (me, token), (other, _t), _third = people
    services.request_send(setup=MeetingSetup.objects.get(), sender=other, recipient_id=me.pk)
    response = client.post(page(token), {"aktion": "anfrage", "recipient": str(other.pk), "message": ""})
    assert response.status_code == 409 and "bereits eine offene" in response.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_unavailable_slots_as_checkboxes(client, setup, people):
    (me, token), _other, _third = people
    slot_ids = list(setup.slots.values_list("pk", flat=True))[:2]
    response = client.post(page(token), {"aktion": "zeiten", "slots": [str(pk) for pk in slot_ids]})
    assert response.status_code == 302
    assert set(Unavailability.objects.values_list("slot_id", flat=True)) == set(slot_ids)
    html = client.get(page(token)).content.decode()
    assert html.count("checked") == 2


def test_a_profile_without_gespraechsboerse_gets_a_page_saying_so(client, event):
    from tests.factories import make_profile

    _profile, token = make_profile(70)
    assert client.get(page(token)).status_code == 404
    assert client.get("/netzwerk/mein-profil/falsch/gespraechsboerse/").status_code == 404


def test_participant_page_queries_do_not_grow(client, event, setup, django_assert_max_num_queries):
    (me, token) = make_participant(event, 0)
    others = [make_participant(event, n)[0] for n in range(1, 4)]
    services.request_send(setup=setup, sender=others[0], recipient_id=me.pk)
    services.request_accept(meeting_request=services.request_send(setup=setup, sender=me, recipient_id=others[1].pk),
                            profile=others[1])
    with CaptureQueriesContext(connection) as small:
        assert client.get(page(token)).status_code == 200
    more = [make_participant(event, n)[0] for n in range(4, 16)]
    for other in more[:5]:
        services.request_send(setup=setup, sender=other, recipient_id=me.pk)
    for other in more[5:8]:
        services.request_accept(meeting_request=services.request_send(setup=setup, sender=me, recipient_id=other.pk),
                                profile=other)
    with django_assert_max_num_queries(len(small)):
        assert client.get(page(token)).status_code == 200


def test_request_link_page_queries_are_few(client, people, django_assert_max_num_queries):
    (me, _t), (other, _t2), _third = people
    services.request_send(setup=MeetingSetup.objects.get(), sender=me, recipient_id=other.pk)
    with django_assert_max_num_queries(4):
        assert client.get(request_link(other.email)).status_code == 200


# --- organiser ----------------------------------------------------------------------------------


@pytest.fixture
def organiser(event):
    user = UserFactory()
    event.managers.add(user)
    return user


def manage_url(event):
    return f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/"


def form_data(event, **overrides):
    day = event.starts_at.astimezone().date().isoformat()
    data = {"enabled": "on", "session_1_date": day, "session_1_start": "10:00", "session_1_end": "12:00",
            "session_2_date": day, "session_2_start": "13:30", "session_2_end": "15:30",
            "slot_minutes": "15", "table_count": "14", "table_names": "7 Fraunhofer IMWS",
            "deadline_date": day, "deadline_time": "08:00", "max_open_requests": "10", "max_meetings": "",
            "aktion": "speichern"}
    data.update(overrides)
    return data


def test_organiser_page_is_only_for_managers(client, event):
    assert client.get(manage_url(event)).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(manage_url(event)).status_code == 404


def test_organiser_saves_the_setup_and_publishes(client, event, organiser):
    client.force_login(organiser)
    assert client.get(manage_url(event)).status_code == 200
    response = client.post(manage_url(event), form_data(event))
    assert response.status_code == 302, response.content.decode()[:3000]
    setup = MeetingSetup.objects.get()
    assert setup.enabled and setup.slots.count() == 16 and setup.tables.count() == 14
    assert setup.tables.get(number=7).name == "Fraunhofer IMWS" and setup.max_meetings == 8
    html = client.get(manage_url(event)).content.decode()
    assert "Überblick" in html and "Gesprächstermine veröffentlichen" in html
    assert client.post(manage_url(event), {"aktion": "veroeffentlichen"}).status_code == 302
    assert MeetingSetup.objects.get().published
    assert f'href="{manage_url(event)}"' in client.get("/veranstaltungen/verwalten/").content.decode()


def test_organiser_bad_input_is_shown_with_the_input_kept(client, event, organiser):
    client.force_login(organiser)
    response = client.post(manage_url(event), form_data(event, session_1_end="09:00", table_names="sieben"))
    html = response.content.decode()
    assert response.status_code == 400 and "nach seinem Beginn enden" in html and "sieben" in html
    response = client.post(manage_url(event), form_data(event, deadline_time="11:00"))
    assert response.status_code == 400 and "vor dem Beginn des ersten" in response.content.decode()
    assert not MeetingSetup.objects.exists()


def test_organiser_page_queries_do_not_grow(client, event, organiser, setup, django_assert_max_num_queries):
    client.force_login(organiser)
    with CaptureQueriesContext(connection) as small:
        assert client.get(manage_url(event)).status_code == 200
    people = [make_participant(event, n)[0] for n in range(8)]
    for i in range(4):
        services.request_send(setup=setup, sender=people[2 * i], recipient_id=people[2 * i + 1].pk)
    with django_assert_max_num_queries(len(small)):
        assert client.get(manage_url(event)).status_code == 200


def test_organiser_starts_planning_in_the_background_and_sees_the_report(client, event, organiser, setup):
    from revier.network.meetings.models import ScheduleRun

    (a, _t), (b, _t2) = make_participant(event, 1), make_participant(event, 2)
    services.request_accept(meeting_request=services.request_send(setup=setup, sender=a, recipient_id=b.pk), profile=b)
    client.force_login(organiser)
    response = client.post(manage_url(event), {"aktion": "einplanen"})
    assert response.status_code == 302 and ScheduleRun.objects.get().status == "queued"
    assert "Wartet auf den Hintergrunddienst" in client.get(manage_url(event)).content.decode()
    assert Meeting.objects.get().status == "unplaced"  # nothing solved in the request
    ScheduleRun.objects.update(time_limit=3)
    services.meeting_schedule_runs_due()
    html = client.get(manage_url(event)).content.decode()
    from revier.network.meetings.models import ScheduleRun as Run
    assert Run.objects.get().status == "done", Run.objects.get().error
    assert "Fertig" in html and "1 / 1" in html
    assert Meeting.objects.get().status == "placed"


def test_participant_downloads_planned_meetings_as_ics(client, setup, people):
    (me, token), (other, _t), _third = people
    services.setup_publish(setup=setup, actor=None)
    services.request_accept(meeting_request=services.request_send(setup=setup, sender=me, recipient_id=other.pk),
                            profile=other)
    html = client.get(page(token)).content.decode()
    assert f'href="{page(token)}termine.ics"' in html
    response = client.get(f"{page(token)}termine.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode().replace("\r\n ", "")  # unfold the 75-octet lines
    assert "BEGIN:VEVENT" in body and other.full_name in body and "Tisch 1" in body and other.email in body
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/netzwerk/mein-profil/falsch/gespraechsboerse/termine.ics").status_code == 404


def test_admin_shows_the_meetings_read_only_without_messages_or_contact_data(client, setup, people):
    from tests.factories import StaffFactory

    (me, _t), (other, _t2), _third = people
    meeting_request = services.request_send(setup=setup, sender=me, recipient_id=other.pk, message="Geheime Nachricht")
    services.request_accept(meeting_request=meeting_request, profile=other)
    services.schedule_run_request(setup=setup, actor=None, time_limit=2)
    client.force_login(StaffFactory())
    for model in ("meetingsetup", "meetingrequest", "meeting", "schedulerun"):
        response = client.get(f"/verwaltung/network/{model}/")
        assert response.status_code == 200, model
        assert client.get(f"/verwaltung/network/{model}/add/").status_code == 403, model
    detail = client.get(f"/verwaltung/network/meetingrequest/{meeting_request.pk}/change/").content.decode()
    assert "Geheime Nachricht" not in detail and other.email not in detail and me.email not in detail


def test_contact_data_only_after_both_agreed(client, setup, people):
    """Before acceptance no page or mail shows another participant's e-mail address: the request,
    reminder, decline and lapse mails, the participant pages and the request link's page."""
    import datetime

    from django.utils import timezone

    (me, token), (other, other_token), (third, _t) = people
    sent_at = timezone.now()
    pending = services.request_send(setup=setup, sender=me, recipient_id=other.pk, message="Hallo", now=sent_at)
    declined = services.request_send(setup=setup, sender=me, recipient_id=third.pk, now=sent_at)
    services.request_decline(meeting_request=declined, profile=third)
    assert services.meeting_requests_remind_due(now=sent_at + datetime.timedelta(hours=49)) == 1
    pages = [client.get(page(token)).content.decode(), client.get(page(other_token)).content.decode(),
             client.get(request_link(other.email)).content.decode()]
    assert services.meeting_requests_lapse_due(now=setup.request_deadline) == 1
    assert me.email not in pages[1] and me.email not in pages[2] and other.email not in pages[0]
    assert third.email not in pages[0]
    for mail in OutboxMail.objects.all():
        foreign = [p.email for p in (me, other, third) if p.email not in mail.to]
        assert not any(email in mail.body_text or email in mail.body_html for email in foreign), mail.subject
    assert MeetingRequest.objects.get(pk=pending.pk).status == "lapsed"


def test_table_plan_per_table_and_person_for_managers_only(client, event, organiser, setup,
                                                           django_assert_max_num_queries):
    url = f"{manage_url(event)}tischplan/"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(organiser)
    people = [make_participant(event, n)[0] for n in range(6)]
    services.setup_publish(setup=setup, actor=None)
    services.request_accept(meeting_request=services.request_send(setup=setup, sender=people[0], recipient_id=people[1].pk),
                            profile=people[1])
    with CaptureQueriesContext(connection) as small:
        html = client.get(url).content.decode()
    assert "Tisch 1" in html and people[0].full_name in html and "Je Person" in html
    assert people[0].email not in html
    for i in (2, 4):
        services.request_accept(
            meeting_request=services.request_send(setup=setup, sender=people[i], recipient_id=people[i + 1].pk),
            profile=people[i + 1])
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
