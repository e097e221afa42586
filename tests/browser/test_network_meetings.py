"""Gesprächsbörse in the browser: every new page type (the participant's page, the page of a
request link, the page for a profile without Gesprächsbörse, the organiser's page) with axe-core
(zero violations) at 1280 and 320 px, without horizontal scrolling at 320 px, also with errors; a
person sends and accepts a request with the buttons; the Nu Html Checker validates the pages."""

import re

import pytest

from revier.network.meetings import services
from revier.network.meetings.models import Meeting, MeetingRequest
from tests.browser.conftest import assert_clean, log_in, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import EventFactory, UserFactory, mailed_link, make_meeting_setup, make_participant, make_profile
REQUEST_LINK = re.compile(r"/netzwerk/gespraechsanfrage/[A-Za-z0-9_-]+/")


def request_link(email):
    return mailed_link(email, REQUEST_LINK)


def build():
    event = EventFactory(title="Wasserstoff-Fachtag Leuna")
    setup = make_meeting_setup(event, sessions=((10, 0, 11, 0), (13, 30, 14, 0)))
    (kim, kim_token), (jo, jo_token), (alex, _t), (sam, _t2) = [
        make_participant(event, n, organisation=name, description="Komponenten für Elektrolyseure und Prüfstände.")
        for n, name in enumerate(["Elektrolyse Zeitz GmbH", "Fraunhofer IMWS", "Stadtwerke Leuna", "Chemiepark AG"])
    ]
    services.request_send(setup=setup, sender=jo, recipient_id=kim.pk, message="Prüfstände für Stacks?")
    accepted = services.request_send(setup=setup, sender=kim, recipient_id=alex.pk)
    services.request_accept(meeting_request=accepted, profile=alex)
    services.request_send(setup=setup, sender=kim, recipient_id=sam.pk)
    services.setup_publish(setup=setup, actor=None)
    services.request_accept(meeting_request=services.request_send(setup=setup, sender=jo, recipient_id=alex.pk),
                            profile=alex)
    services.schedule_run_request(setup=setup, actor=None, time_limit=2)
    services.meeting_schedule_runs_due()  # the report on the organiser's page
    _lonely, lonely_token = make_profile(40)
    organiser = UserFactory(username="orga")
    event.managers.add(organiser)
    return {
        "participant": f"/netzwerk/mein-profil/{kim_token}/gespraechsboerse/",
        "participant-other": f"/netzwerk/mein-profil/{jo_token}/gespraechsboerse/",
        "request-link": request_link(kim.email),
        "none": f"/netzwerk/mein-profil/{lonely_token}/gespraechsboerse/",
        "manage": f"/netzwerk/verwalten/{event.slug}/gespraechsboerse/",
    }


EXPECTED = {"none": 404}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_meeting_page_types_are_accessible(new_context, live_server, width):
    pages = build()
    page = open_page(new_context, width)
    for name in ("participant", "participant-other", "request-link", "none"):
        response = page.goto(pages[name])
        assert response.status == EXPECTED.get(name, 200), name
        assert page.locator("h1").count() == 1, name
        assert_clean(page, f"{name} at {width} px", width)
    # The request form sent empty: the error next to the field.
    page.goto(pages["participant-other"])
    page.get_by_role("button", name="Anfrage senden").click()
    assert "Bitte wählen Sie eine teilnehmende Person." in page.inner_text("main")
    assert_clean(page, f"participant with errors at {width} px", width)
    assert page.context.cookies() == []
    # The organiser's page, also with errors.
    log_in(page, "orga", pages["manage"])
    assert_clean(page, f"manage at {width} px", width)
    page.get_by_label("Anzahl der Tische").fill("")
    page.get_by_role("button", name="Gesprächsbörse speichern").click()
    assert "Bitte geben Sie eine Zahl ein." in page.inner_text("main")
    assert_clean(page, f"manage with errors at {width} px", width)
    page.goto(pages["manage"] + "tischplan/")
    assert_clean(page, f"table plan at {width} px", width)


@pytest.mark.browser
def test_a_participant_sends_and_the_other_accepts_from_the_mail(page, live_server):
    event = EventFactory(title="Wärmewende-Forum")
    make_meeting_setup(event)
    (kim, kim_token), (jo, _jo_token) = make_participant(event, 1), make_participant(event, 2, first_name="Jo")
    page.goto(f"/netzwerk/mein-profil/{kim_token}/")
    page.get_by_role("link", name="Ihre Gesprächsbörse bei der Veranstaltung: Anfragen und Termine").click()
    page.get_by_label("Mit wem möchten Sie sprechen?").select_option(str(jo.pk))
    page.get_by_role("textbox", name="Kurze Nachricht").fill("Wärmepumpen im Quartier?")
    page.get_by_role("button", name="Anfrage senden").click()
    assert "Ihre Anfrage wurde gesendet." in page.inner_text("main")
    page.goto(request_link(jo.email))
    assert "Wärmepumpen im Quartier?" in page.inner_text("main")
    assert MeetingRequest.objects.get().status == "pending"
    page.get_by_role("button", name="Annehmen").click()
    assert "Sie haben die Anfrage angenommen." in page.inner_text("main")
    assert Meeting.objects.count() == 1
    page.goto(f"/netzwerk/mein-profil/{kim_token}/gespraechsboerse/")
    assert jo.email in page.inner_text("main")
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_meeting_page_types_are_valid_html(client, tmp_path):
    pages = build()
    documents = {}
    for name in ("participant", "participant-other", "request-link", "none"):
        response = client.get(pages[name])
        assert response.status_code == EXPECTED.get(name, 200), name
        documents[name] = response.content.decode()
    documents["participant-with-errors"] = client.post(pages["participant-other"], {"aktion": "anfrage"}).content.decode()
    client.force_login(UserFactory._meta.model.objects.get(username="orga"))
    documents["manage"] = client.get(pages["manage"]).content.decode()
    documents["table-plan"] = client.get(pages["manage"] + "tischplan/").content.decode()
    documents["manage-with-errors"] = client.post(pages["manage"], {"aktion": "speichern"}).content.decode()
    for name in [n for n in documents if n.endswith("-with-errors")]:
        assert 'aria-invalid="true"' in documents[name], name
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


# --- on the day: check-in, live board, cancelling -----------------------------------------------


def build_day():
    """A Gesprächsbörse running now (tests.factories.make_running_meetings) with an organiser."""
    from tests.factories import make_running_meetings

    world = make_running_meetings(title="Wärmewende-Forum heute")
    organiser = UserFactory(username="orga-tag")
    world["event"].managers.add(organiser)
    (_a, token_a), _b, (_c, token_c), _d = world["people"]
    base = f"/netzwerk/verwalten/{world['event'].slug}/gespraechsboerse/"
    return world, {
        "agenda": f"/netzwerk/mein-profil/{token_a}/gespraechsboerse/",
        "agenda-other": f"/netzwerk/mein-profil/{token_c}/gespraechsboerse/",
        "cancel": f"/netzwerk/mein-profil/{token_a}/gespraechsboerse/absagen/{world['meetings']['ad'].request_id}/",
        "cancel-too-late": f"/netzwerk/mein-profil/{token_a}/gespraechsboerse/absagen/{world['meetings']['ac'].request_id}/",
        "check-in": f"{base}einchecken/",
        "check-in-next": f"{base}einchecken/?zeitfenster={world['slots'][2].pk}",
        "board": f"{base}live/",
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_meeting_day_pages_are_accessible(new_context, live_server, width):
    world, pages = build_day()
    page = open_page(new_context, width)
    for name in ("agenda", "cancel", "cancel-too-late"):
        response = page.goto(pages[name])
        assert response.status == (409 if name == "cancel-too-late" else 200), name
        assert page.locator("h1").count() == 1, name
        assert_clean(page, f"{name} at {width} px", width)
    # A person records that the other did not show up: the answer on the page, still clean.
    page.goto(pages["agenda-other"])
    a = world["people"][0][0]
    page.get_by_role("button", name=re.compile(f"Nicht erschienen.*{a.full_name}")).click()
    assert "Die andere Person ist nicht erschienen." in page.inner_text("main")
    assert_clean(page, f"agenda after check-in at {width} px", width)
    assert page.context.cookies() == []
    log_in(page, "orga-tag", pages["check-in"])
    assert_clean(page, f"check-in at {width} px", width)
    page.get_by_role("button", name=re.compile("Hat stattgefunden.*Tisch 2")).click()
    assert "Tisch 2: Das Gespräch hat stattgefunden." in page.inner_text("main")
    assert_clean(page, f"check-in after a click at {width} px", width)
    page.goto(pages["check-in-next"])
    assert_clean(page, f"check-in of a slot not begun at {width} px", width)
    page.goto(pages["board"])
    assert "Jetzt:" in page.inner_text("main")
    assert_clean(page, f"live board at {width} px", width)


@pytest.mark.browser
def test_a_participant_cancels_a_meeting_after_confirming(page, live_server):
    world, pages = build_day()
    d = world["people"][3][0]
    page.goto(pages["agenda"])
    page.get_by_role("link", name=re.compile(f"Termin absagen.*{d.full_name}")).click()
    assert "wirklich absagen" in page.inner_text("main")
    page.get_by_role("link", name="Nein, Termin behalten").click()
    assert Meeting.objects.filter(pk=world["meetings"]["ad"].pk).exists()
    page.get_by_role("link", name=re.compile(f"Termin absagen.*{d.full_name}")).click()
    page.get_by_role("button", name="Ja, Termin absagen").click()
    assert "Der Gesprächstermin wurde abgesagt." in page.inner_text("main")
    assert not Meeting.objects.filter(pk=world["meetings"]["ad"].pk).exists()
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_meeting_day_pages_are_valid_html(client, tmp_path):
    world, pages = build_day()
    documents = {}
    for name in ("agenda", "cancel", "cancel-too-late"):
        documents[name] = client.get(pages[name]).content.decode()
    documents["agenda-with-errors"] = client.post(pages["agenda"], {"aktion": "stattgefunden",
                                                                    "termin": world["meetings"]["ad"].pk}).content.decode()
    client.force_login(UserFactory._meta.model.objects.get(username="orga-tag"))
    for name in ("check-in", "check-in-next", "board"):
        documents[name] = client.get(pages[name]).content.decode()
    documents["check-in-with-errors"] = client.post(pages["check-in"], {"aktion": "stattgefunden",
                                                                       "termin": world["meetings"]["ad"].pk}).content.decode()
    for name in [n for n in documents if n.endswith("-with-errors")]:
        assert 'role="alert"' in documents[name] and "noch nicht begonnen" in documents[name], name
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
