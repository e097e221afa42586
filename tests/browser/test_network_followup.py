"""Nachbereitung in the browser: the follow-up page (also with errors) and the organiser's
statistics with axe-core (zero violations) at 1280 and 320 px, without horizontal scrolling, no
CSP violation, no cookie on the follow-up page; a person answers with the radio buttons; the Nu Html
Checker validates the pages."""

import datetime
import re

import pytest

from revier.network.followup import services as followup_services
from revier.network.followup.models import FollowupAnswer
from revier.network.meetings import services
from tests.browser.conftest import assert_clean, log_in, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import EventFactory, UserFactory, mailed_link, make_meeting_setup, make_participant

LINK = re.compile(r"/netzwerk/nachbereitung/[A-Za-z0-9_-]+/")


def build():
    event = EventFactory(title="Wasserstoff-Fachtag Leuna")
    setup = make_meeting_setup(event)
    kim, jo, alex = (make_participant(event, n, organisation=name)[0]
                     for n, name in enumerate(["Elektrolyse Zeitz GmbH", "Fraunhofer IMWS", "Stadtwerke Leuna"]))
    for sender, recipient in ((kim, jo), (kim, alex)):
        request = services.request_send(setup=setup, sender=sender, recipient_id=recipient.pk)
        services.request_accept(meeting_request=request, profile=recipient)
    services.setup_publish(setup=setup, actor=None)
    followup_services.followup_invitations_send_due(now=event.ends_at + datetime.timedelta(hours=1))
    jo_link = mailed_link(jo.email, LINK)
    invitation = jo.followup_invitations.get()
    meeting = invitation.setup.meetings.get(participants__profile=jo)
    followup_services.followup_answers_save(invitation=invitation, answers=[
        followup_services.AnswerInput(meeting_id=meeting.pk, held="yes", cooperation="project")])
    organiser = UserFactory(username="orga")
    event.managers.add(organiser)
    return {
        "followup": mailed_link(kim.email, LINK),
        "followup-answered": jo_link,
        "statistics": f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/auswertung/",
        "overview": "/netzwerk/verwalten/gespraechsboersen/auswertung/",
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_followup_page_types_are_accessible(new_context, live_server, width):
    pages = build()
    page = open_page(new_context, width)
    for name in ("followup", "followup-answered"):
        assert page.goto(pages[name]).status == 200, name
        assert page.locator("h1").count() == 1, name
        assert_clean(page, f"{name} at {width} px", width)
    # Sent empty: the errors next to the questions, then answered.
    page.goto(pages["followup"])
    page.get_by_role("button", name="Antworten speichern").click()
    assert "Bitte geben Sie an, ob das Gespräch stattgefunden hat." in page.inner_text("main")
    assert_clean(page, f"followup with errors at {width} px", width)
    for group in page.get_by_role("group", name=re.compile("Hat das Gespräch stattgefunden")).all():
        group.get_by_label("Ja", exact=True).check()
    for group in page.get_by_role("group", name=re.compile("Planen Sie eine Zusammenarbeit")).all():
        group.get_by_label("Ja: Förderantrag").check()
    page.get_by_role("button", name="Antworten speichern").click()
    assert "Ihre Antworten wurden gespeichert" in page.inner_text("main")
    assert FollowupAnswer.objects.filter(cooperation="funding").count() == 2
    assert page.context.cookies() == []
    # The organiser's statistics.
    log_in(page, "orga", pages["statistics"])
    assert "Geplante Zusammenarbeit: Ja: Förderantrag" in page.inner_text("main")
    assert_clean(page, f"statistics at {width} px", width)
    page.get_by_role("link", name="Alle Gesprächsbörsen im Zeitverlauf").click()
    assert page.url.endswith(pages["overview"])
    assert "Wasserstoff-Fachtag Leuna" in page.inner_text("main")
    assert_clean(page, f"overview at {width} px", width)


@pytest.mark.django_db
def test_followup_page_types_are_valid_html(client, tmp_path):
    pages = build()
    documents = {name: client.get(pages[name]).content.decode() for name in ("followup", "followup-answered")}
    documents["followup-with-errors"] = client.post(pages["followup"], {}).content.decode()
    client.force_login(UserFactory._meta.model.objects.get(username="orga"))
    documents["statistics"] = client.get(pages["statistics"]).content.decode()
    documents["overview"] = client.get(pages["overview"]).content.decode()
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
