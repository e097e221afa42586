"""Nachbereitung: the worker task (one mail per person, idempotent), the answers (own meetings
only, deadline, changeable), the page (privacy, GET changes nothing), the organiser's statistics
on a constructed case, the CSV export, query counts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.network.followup import errors, selectors, services
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.meetings import services as meeting_services
from revier.network.meetings.models import Meeting, MeetingParticipant
from tests.factories import EventFactory, make_meeting_setup, make_participant

pytestmark = pytest.mark.django_db
Held, Coop = FollowupAnswer.Held, FollowupAnswer.Cooperation


def meet(setup, a, b):
    request = meeting_services.request_send(setup=setup, sender=a, recipient_id=b.pk)
    return meeting_services.request_accept(meeting_request=request, profile=b)


@pytest.fixture
def world():
    """Five participants; A meets B and C, B meets D; E has no meeting; one request from E open."""
    event = EventFactory(title="Wasserstoff-Fachtag")
    setup = make_meeting_setup(event, tables=3)
    a, b, c, d, e = (make_participant(event, n)[0] for n in range(5))
    meetings = [meet(setup, a, b), meet(setup, a, c), meet(setup, b, d)]
    meeting_services.request_send(setup=setup, sender=e, recipient_id=a.pk)
    meeting_services.setup_publish(setup=setup, actor=None)
    after = event.ends_at + datetime.timedelta(hours=2)
    return {"event": event, "setup": setup, "people": (a, b, c, d, e), "meetings": meetings, "after": after}


def followup_mails():
    return [m for m in OutboxMail.objects.order_by("id") if "/netzwerk/nachbereitung/" in m.body_text]


def token_for(profile):
    for mail in reversed(followup_mails()):
        if profile.email in mail.to:
            return re.search(r"/netzwerk/nachbereitung/([A-Za-z0-9_-]+)/", mail.body_text).group(1)
    raise AssertionError("no follow-up mail")


def invitation_of(world, profile):
    return FollowupInvitation.objects.get(setup=world["setup"], profile=profile)


# --- the worker task ----------------------------------------------------------------------------


def test_send_due_nothing_before_the_event_ends(world):
    assert services.followup_invitations_send_due(now=world["event"].ends_at - datetime.timedelta(minutes=1)) == 0
    assert followup_mails() == []


def test_send_due_one_mail_per_participant_with_a_meeting_and_idempotent(world):
    a, b, c, d, e = world["people"]
    assert services.followup_invitations_send_due(now=world["after"]) == 4
    mails = followup_mails()
    assert sorted(m.to[0] for m in mails) == sorted(p.email for p in (a, b, c, d))
    assert all(mail.body_text.count("/netzwerk/nachbereitung/") == 1 for mail in mails)
    # Again, later: nothing more.
    assert services.followup_invitations_send_due(now=world["after"] + datetime.timedelta(hours=1)) == 0
    assert len(followup_mails()) == 4
    assert FollowupInvitation.objects.count() == 4
    assert AuditEntry.objects.filter(action="followup_invitation_sent").count() == 4


def test_send_due_not_after_the_answer_period(world, settings):
    late = world["event"].ends_at + datetime.timedelta(days=settings.NETWORK_FOLLOWUP_ANSWER_DAYS, minutes=1)
    assert services.followup_invitations_send_due(now=late) == 0


def test_link_is_stored_hashed_only(world):
    services.followup_invitations_send_due(now=world["after"])
    token = token_for(world["people"][0])
    invitation = invitation_of(world, world["people"][0])
    assert token not in invitation.links.get().token_hash
    assert selectors.invitation_get_by_token(token=token) == invitation
    assert selectors.invitation_get_by_token(token=token + "x") is None


# --- answers ------------------------------------------------------------------------------------


def test_answers_saved_per_meeting_and_changeable(world):
    a = world["people"][0]
    ab, ac, _bd = world["meetings"]
    services.followup_invitations_send_due(now=world["after"])
    invitation = invitation_of(world, a)
    answers = [services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.PROJECT),
               services.AnswerInput(meeting_id=ac.pk, held=Held.NO_SHOW, cooperation=Coop.NO)]
    assert services.followup_answers_save(invitation=invitation, answers=answers, now=world["after"]) == 2
    changed = [services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.FUNDING)]
    assert services.followup_answers_save(invitation=invitation, answers=changed, now=world["after"]) == 1
    assert services.followup_answers_save(invitation=invitation, answers=changed, now=world["after"]) == 0
    row = FollowupAnswer.objects.get(meeting=ab, profile=a)
    assert (row.held, row.cooperation) == (Held.YES, Coop.FUNDING)
    assert FollowupAnswer.objects.count() == 2


def test_answers_refused_for_a_meeting_of_others(world):
    a = world["people"][0]
    bd = world["meetings"][2]
    services.followup_invitations_send_due(now=world["after"])
    with pytest.raises(errors.NotYourMeeting):
        services.followup_answers_save(invitation=invitation_of(world, a), now=world["after"], answers=[
            services.AnswerInput(meeting_id=bd.pk, held=Held.YES, cooperation=Coop.NO)])
    assert FollowupAnswer.objects.count() == 0


def test_answers_refused_after_the_deadline(world):
    a = world["people"][0]
    services.followup_invitations_send_due(now=world["after"])
    invitation = invitation_of(world, a)
    with pytest.raises(errors.FollowupClosed) as raised:
        services.followup_answers_save(invitation=invitation, now=invitation.answer_until, answers=[
            services.AnswerInput(meeting_id=world["meetings"][0].pk, held=Held.YES, cooperation=Coop.NO)])
    assert "nicht mehr" in str(raised.value.message)
    assert FollowupAnswer.objects.count() == 0


# --- statistics ---------------------------------------------------------------------------------


def test_statistics_on_a_constructed_case(world):
    a, b, c, d, _e = world["people"]
    ab, ac, bd = world["meetings"]
    services.followup_invitations_send_due(now=world["after"])
    now = world["after"]
    # ab: A says held + project, B says held + contract; ac: C says no-show; bd: check-in says held.
    services.followup_answers_save(invitation=invitation_of(world, a), now=now, answers=[
        services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.PROJECT)])
    services.followup_answers_save(invitation=invitation_of(world, b), now=now, answers=[
        services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.CONTRACT),
        services.AnswerInput(meeting_id=bd.pk, held=Held.YES, cooperation=Coop.MAYBE)])
    services.followup_answers_save(invitation=invitation_of(world, c), now=now, answers=[
        services.AnswerInput(meeting_id=ac.pk, held=Held.NO_SHOW, cooperation=Coop.NO)])
    MeetingParticipant.objects.filter(meeting=bd).update(attendance="held")  # the check-in service: test_meetings_checkin.py
    stats = selectors.followup_statistics(setup=world["setup"])
    assert stats.profiles == 5
    assert stats.requests == 4
    assert stats.answered == 3
    assert stats.answered_percent == 75
    assert stats.accepted == 3
    assert stats.placed == 3
    assert (stats.held, stats.no_shows, stats.cancelled) == (2, 1, 0)
    assert stats.invitations == 4
    assert stats.followup_answered == 3
    assert stats.cooperation_planned == 1
    assert stats.cooperation_maybe == 1
    assert dict((v, n) for v, _l, n in stats.cooperation_by_kind) == {
        "project": 1, "contract": 1, "funding": 0, "other": 0}
    assert stats.median_answer_hours is not None and stats.median_answer_hours >= 0


def test_statistics_median_answer_time(world):
    from revier.network.meetings.models import MeetingRequest

    base = timezone.now()
    for hours, request in zip((1, 3, 8), MeetingRequest.objects.filter(status="accepted").order_by("id")):
        MeetingRequest.objects.filter(pk=request.pk).update(created_at=base, answered_at=base + datetime.timedelta(hours=hours))
    assert selectors.followup_statistics(setup=world["setup"]).median_answer_hours == 3.0


# --- pages --------------------------------------------------------------------------------------


def test_page_shows_own_meetings_and_partner_names_only(world, client):
    a, b, c, d, _e = world["people"]
    services.followup_invitations_send_due(now=world["after"])
    response = client.get(reverse("network:followup", kwargs={"token": token_for(c)}))
    assert response.status_code == 200
    html = response.content.decode()
    assert a.last_name in html and a.organisation in html
    for other in (b, d):
        assert other.last_name not in html
    for profile in (a, c):
        assert profile.email not in html and profile.phone not in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert FollowupAnswer.objects.count() == 0 and not response.cookies


def test_page_post_saves_and_errors_keep_input(world, client):
    a = world["people"][0]
    ab, ac, _bd = world["meetings"]
    services.followup_invitations_send_due(now=world["after"])
    url = reverse("network:followup", kwargs={"token": token_for(a)})
    response = client.post(url, {f"held_{ab.pk}": "yes", f"cooperation_{ab.pk}": "project", f"held_{ac.pk}": "cancelled"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte geben Sie an, ob Sie eine Zusammenarbeit planen." in html
    assert 'value="project" checked' in html
    assert FollowupAnswer.objects.count() == 0
    response = client.post(url, {f"held_{ab.pk}": "yes", f"cooperation_{ab.pk}": "project",
                                 f"held_{ac.pk}": "cancelled", f"cooperation_{ac.pk}": "no"})
    assert response.status_code == 302
    assert FollowupAnswer.objects.filter(profile=a).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "gespeichert" in page and 'value="cancelled" checked' in page


def test_page_invalid_token(client, db):
    assert client.get(reverse("network:followup", kwargs={"token": "nichts"})).status_code == 404


def test_page_query_count_constant(world, client, django_assert_max_num_queries):
    a = world["people"][0]
    services.followup_invitations_send_due(now=world["after"])
    url = reverse("network:followup", kwargs={"token": token_for(a)})
    with django_assert_max_num_queries(8):
        client.get(url)
    setup, event = world["setup"], world["event"]
    for n in range(10, 13):
        meet(setup, a, make_participant(event, n)[0])  # placed at once: the setup is published
    assert Meeting.objects.filter(participants__profile=a, status="placed").count() == 5
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


# --- the organiser's statistics -----------------------------------------------------------------


@pytest.fixture
def organiser(world):
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    world["event"].managers.add(user)
    return user


def stats_url(world):
    return reverse("network:followup-statistics", kwargs={"slug": world["event"].slug})


def answer_some(world):
    a, b, c, _d, _e = world["people"]
    ab, ac, _bd = world["meetings"]
    services.followup_invitations_send_due(now=world["after"])
    services.followup_answers_save(invitation=invitation_of(world, a), now=world["after"], answers=[
        services.AnswerInput(meeting_id=ab.pk, held=Held.YES, cooperation=Coop.FUNDING)])
    services.followup_answers_save(invitation=invitation_of(world, c), now=world["after"], answers=[
        services.AnswerInput(meeting_id=ac.pk, held=Held.NO_SHOW, cooperation=Coop.NO)])


def test_statistics_page_only_for_managers(world, client):
    from tests.factories import UserFactory

    assert client.get(stats_url(world)).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get(stats_url(world)).status_code == 404


def test_statistics_page_table_and_chart(world, client, organiser):
    answer_some(world)
    client.force_login(organiser)
    response = client.get(stats_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gespräche mit geplanter Zusammenarbeit" in html
    assert "Geplante Zusammenarbeit: Ja: Förderantrag" in html
    assert '<svg class="followup-chart__svg"' in html and 'aria-hidden="true"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    for person in world["people"]:
        assert person.email not in html and person.last_name not in html


def test_statistics_csv_export(world, client, organiser):
    answer_some(world)
    client.force_login(organiser)
    response = client.get(stats_url(world) + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="gespraechsboerse-' in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    lines = body.split("\r\n")
    assert lines[0] == "Kennzahl;Wert"
    assert "Gesprächsanfragen;4" in lines
    assert "Anteil beantworteter Anfragen;75 %" in lines
    assert "Angenommen;3" in lines or any(line.endswith(";3") and line.startswith("Angenommen") for line in lines)
    assert "Eingeplant;3" in lines
    assert "Stattgefunden;1" in lines
    assert "Nicht erschienen;1" in lines
    assert "Gespräche mit geplanter Zusammenarbeit;1" in lines
    assert "Geplante Zusammenarbeit: Ja: Förderantrag;1" in lines
    assert "@" not in body
    xlsx = client.get(stats_url(world) + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_statistics_without_setup(client, db):
    from tests.factories import UserFactory

    event = EventFactory()
    user = UserFactory(is_staff=True)
    event.managers.add(user)
    client.force_login(user)
    response = client.get(reverse("network:followup-statistics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert "noch keine Gesprächsbörse" in response.content.decode()


def test_statistics_query_count_constant(world, client, organiser, django_assert_max_num_queries):
    answer_some(world)
    client.force_login(organiser)
    with django_assert_max_num_queries(16) as small:
        client.get(stats_url(world))
    setup, event = world["setup"], world["event"]
    d = world["people"][3]
    for n in range(20, 23):
        meet(setup, d, make_participant(event, n)[0])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(stats_url(world)).status_code == 200


# --- over time ----------------------------------------------------------------------------------


def test_overview_one_row_per_managed_event_and_csv(world, client, organiser, django_assert_max_num_queries):
    answer_some(world)
    other_event = EventFactory(title="Wärmewende-Forum")
    make_meeting_setup(other_event)
    not_mine = EventFactory(title="Fremde Veranstaltung")
    make_meeting_setup(not_mine)
    other_event.managers.add(organiser)
    client.force_login(organiser)
    url = reverse("network:followup-overview")
    with django_assert_max_num_queries(16) as counted:
        html = client.get(url).content.decode()
    few_events = len(counted.captured_queries)
    assert "Wasserstoff-Fachtag" in html and "Wärmewende-Forum" in html and "Fremde Veranstaltung" not in html
    lines = client.get(url + "?format=csv").content.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Veranstaltung;Datum;Profile (Teilnehmende);Gesprächsanfragen")
    row = next(line for line in lines if line.startswith("Wasserstoff-Fachtag;"))
    assert row.split(";")[2:] == ["5", "4", "75 %", row.split(";")[5], "3", "3", "1", "1", "1"]
    assert any(line.startswith("Wärmewende-Forum;") and line.endswith(";0;0;0;0;0") for line in lines)
    for n in range(3):
        event = EventFactory(title=f"Weitere {n}")
        make_meeting_setup(event)
        event.managers.add(organiser)
    with django_assert_max_num_queries(few_events):
        assert client.get(url).status_code == 200
