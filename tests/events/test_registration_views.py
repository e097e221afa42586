"""Registration and self-service through HTTP: the form, the personal page, the ticket, "Link erneut
senden"; the unhappy paths (closed, cancelled, expired, tampered, double submit, bad input, rate
limit, honeypot) and that no page leaks whether an address is registered."""

import base64
import datetime
import re

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from django.utils import timezone

from revier.core.models import OutboxMail
from revier.events import services
from revier.events.models import Consent, Event, Question, Registration
from tests.factories import EventFactory, QuestionFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db
Status = Registration.Status
LINK = re.compile(r"/veranstaltungen/anmeldung/([A-Za-z0-9_-]+)/")


def last_token(email):
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = LINK.search(mail.body_text)
            if match:
                return match.group(1)
    raise AssertionError(f"no link mailed to {email}")


def no_cookie(response):
    return not response.cookies and "Set-Cookie" not in response.headers


def form_data(cat, n=0, **overrides):
    data = {
        "first_name": "Alex",
        "last_name": f"Muster{n}",
        "email": f"alex{n}@example.org",
        "organisation": "Muster GmbH",
        "function": "Inhaberin",
        "sector": "kmu",
        "category": str(cat.pk),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def category():
    return TicketCategoryFactory(capacity=2)


@pytest.fixture
def event(category):
    return category.event


def register_url(event):
    return f"/veranstaltungen/{event.slug}/anmelden/"


def page_url(token):
    return f"/veranstaltungen/anmeldung/{token}/"


def registered(category, n=0, **kwargs):
    services.registration_create(event=category.event, data=registration_input(category, n, **kwargs))
    return last_token(f"alex{n}@example.org")


# ---------------------------------------------------------------------------------------------
# The form


def test_register_get_shows_form_with_unticked_consents_and_privacy_note(client, event):
    response = client.get(register_url(event))
    html = response.content.decode()
    assert response.status_code == 200
    assert no_cookie(response)
    assert 'name="csrfmiddlewaretoken"' not in html
    for kind in ("photos", "participant_list", "partner_data"):
        tag = re.search(rf'<input[^>]*name="consent_{kind}"[^>]*>', html).group(0)
        assert "checked" not in tag
    assert "Fotos und Videoaufnahmen" in html or "Foto" in html
    assert "/datenschutz/" in html
    assert 'name="join_waitlist"' in html
    assert "noch 2 von 2 Plätzen" in html


def test_register_post_creates_registration_and_redirects_to_neutral_page(client, event, category):
    response = client.post(register_url(event), form_data(category))
    assert response.status_code == 302
    assert response["Location"].endswith("?gesendet=1")
    registration = Registration.objects.get()
    assert registration.status == Status.UNCONFIRMED
    page = client.get(response["Location"])
    assert "Wir haben Ihnen eine E-Mail geschickt" in page.content.decode()
    assert no_cookie(page) and no_cookie(response)


def test_register_existing_address_gives_the_same_page_as_new_and_creates_nothing(client, event, category):
    first = client.post(register_url(event), form_data(category))
    # Back button and send again: the same data once more (a double submission, no second mail) …
    second = client.post(register_url(event), form_data(category))
    # … and someone else with the same address: its link goes to the address again.
    third = client.post(register_url(event), form_data(category, first_name="Kim"))
    assert first.status_code == second.status_code == third.status_code == 302
    assert first["Location"] == second["Location"] == third["Location"]
    assert Registration.objects.count() == 1
    assert client.get(first["Location"]).content == client.get(third["Location"]).content
    subjects = list(OutboxMail.objects.order_by("id").values_list("subject", flat=True))
    assert len(subjects) == 2
    assert subjects[0].startswith("Bitte bestätigen") and subjects[1].startswith("Ihre Anmeldung")


def test_register_waitlisted_looks_exactly_like_created_and_existing(client, event, category):
    services.registration_create(event=event, data=registration_input(category, 1))
    services.registration_create(event=event, data=registration_input(category, 2))
    waiting = client.post(register_url(event), form_data(category, 3, join_waitlist="on"))
    existing = client.post(register_url(event), form_data(category, 1, join_waitlist="on"))
    assert waiting.status_code == existing.status_code == 302
    assert waiting["Location"] == existing["Location"]
    assert Registration.objects.get(email="alex3@example.org").status == Status.WAITLISTED


def test_register_full_category_without_waitlist_box_asks_for_it_with_input_kept(client, event, category):
    services.registration_create(event=event, data=registration_input(category, 1))
    services.registration_create(event=event, data=registration_input(category, 2))
    response = client.post(register_url(event), form_data(category, 3, organisation="Kohle & Co"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ausgebucht" in html and "Warteliste" in html
    assert 'value="Kohle &amp; Co"' in html
    assert Registration.objects.count() == 2


def test_register_refused_post_keeps_the_chosen_one_of_several_categories(client, event, category):
    online = TicketCategoryFactory(event=event, name="Online & mehr", description="Per <Video>", capacity=None)
    services.registration_create(event=event, data=registration_input(category, 1))
    services.registration_create(event=event, data=registration_input(category, 2))
    html = client.post(register_url(event), form_data(category, 3)).content.decode()
    radios = re.findall(r'<input class="kern-form-check__radio" type="radio" name="category"[^>]*>', html)
    assert [(f'value="{pk}"' in radio, " checked " in radio) for radio, pk in zip(radios, (category.pk, online.pk))] == [
        (True, True), (True, False)]
    assert "ausgebucht – Warteliste möglich" in html
    assert "Online &amp; mehr</label>" in html and "Per &lt;Video&gt; – unbegrenzt" in html
    # No category chosen: the error next to the legend, the radios marked, nothing checked.
    html = client.post(register_url(event), form_data(category, 4, category=None)).content.decode()
    assert 'class="kern-fieldset kern-fieldset--error" id="id_category" aria-describedby="id_category-error"' in html
    assert "Bitte wählen Sie eine Ticketkategorie." in html
    assert html.count("kern-form-check__radio kern-form-check__radio--error") == 2 and " checked " not in html
    assert f'value="{online.pk}"' in html


def test_register_page_parts_kept_per_content_generation_are_the_same_and_follow_edits(client, event, category, settings):
    """The parts of the registration page without input (core.fragments) give the same page as
    rendering everything, and an edit of the event shows at once."""
    url = register_url(event)
    refused = form_data(category, 3, organisation="Kohle & Co")
    services.registration_create(event=event, data=registration_input(category, 1))
    services.registration_create(event=event, data=registration_input(category, 2))
    plain = [client.get(url).content, client.post(url, refused).content]
    settings.FRAGMENT_CACHE_SECONDS = 600
    for _ in range(2):
        assert [client.get(url).content, client.post(url, refused).content] == plain
    event.title = "Ganz neuer Titel"
    services.event_save(event=event)
    html = client.post(url, refused).content.decode()
    assert html.count("Ganz neuer Titel") == 3  # title, breadcrumb, heading; nothing of the old one
    assert "Fachtag" not in html


def test_register_full_category_no_leak_for_registered_address(client, event, category):
    """Without the waiting-list box, a full category is refused by the form for everybody,
    registered or not: the answer does not tell whether the address is registered."""
    services.registration_create(event=event, data=registration_input(category, 1))
    services.registration_create(event=event, data=registration_input(category, 2))
    known = client.post(register_url(event), form_data(category, 1))
    unknown = client.post(register_url(event), form_data(category, 9))
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.content.decode())  # noqa: E731
    assert strip(known) == strip(unknown)


@pytest.mark.parametrize(
    "overrides, field_message",
    [
        ({"email": "keine-adresse"}, "name@example.de"),
        ({"email": ""}, "Bitte geben Sie Ihre E-Mail-Adresse ein"),
        ({"first_name": "   "}, "Bitte geben Sie Ihren Vornamen ein"),
        ({"last_name": "x" * 101}, "höchstens 100 Zeichen"),
        ({"organisation": "x" * 5000}, "höchstens 200 Zeichen"),
        ({"sector": "erfunden"}, "Bitte wählen Sie einen der genannten Bereiche"),
        ({"category": "abc"}, "Bitte wählen Sie eine der genannten Ticketkategorien"),
        ({"category": "999999"}, "Bitte wählen Sie eine der genannten Ticketkategorien"),
        ({"category": None}, "Bitte wählen Sie eine Ticketkategorie"),
    ],
)
def test_register_bad_input_gives_german_field_errors_with_input_kept(client, event, category, overrides, field_message):
    response = client.post(register_url(event), form_data(category, **{"organisation": "Behalten AG", **overrides}))
    html = response.content.decode()
    assert response.status_code == 200
    assert field_message in html, html[:3000]
    assert 'aria-invalid="true"' in html or "kern-fieldset--error" in html
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    if "organisation" not in overrides:
        assert 'value="Behalten AG"' in html
    assert Registration.objects.count() == 0


def test_register_category_of_another_event_is_refused(client, event, category):
    other = TicketCategoryFactory()
    response = client.post(register_url(event), form_data(category, category=str(other.pk)))
    assert response.status_code == 200
    assert "Ticketkategorien" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_questions_required_and_stored_as_answers(client, event, category):
    text = QuestionFactory(event=event, text="Was erwarten Sie?", kind=Question.Kind.TEXT, required=True)
    single = QuestionFactory(event=event, text="Mittagessen?", kind=Question.Kind.SINGLE, choices="Vegetarisch\nVegan")
    multiple = QuestionFactory(event=event, text="Workshops", kind=Question.Kind.MULTIPLE, choices="A\nB\nC")
    yes_no = QuestionFactory(event=event, text="Parkplatz?", kind=Question.Kind.YES_NO, required=True)
    missing = client.post(register_url(event), form_data(category))
    html = missing.content.decode()
    assert html.count("Bitte beantworten Sie diese Frage.") >= 2
    too_long = client.post(register_url(event), form_data(category, **{f"frage_{text.pk}": "x" * 1001}))
    assert "höchstens 1000 Zeichen" in too_long.content.decode()
    bad_choice = client.post(register_url(event), form_data(category, **{f"frage_{single.pk}": "Fleisch"}))
    assert "angebotenen Antworten" in bad_choice.content.decode()
    assert Registration.objects.count() == 0
    data = form_data(category, **{f"frage_{text.pk}": " Austausch ", f"frage_{single.pk}": "Vegan",
                                  f"frage_{yes_no.pk}": "Ja"})
    data[f"frage_{multiple.pk}"] = ["A", "C"]
    assert client.post(register_url(event), data).status_code == 302
    assert Registration.objects.get().answers == {
        str(text.pk): "Austausch", str(single.pk): "Vegan", str(multiple.pk): ["A", "C"], str(yes_no.pk): "Ja"
    }


def test_register_stores_only_the_ticked_consents_with_text_and_version(client, event, category):
    client.post(register_url(event), form_data(category, consent_photos="on"))
    consents = list(Consent.objects.all())
    assert [c.kind for c in consents] == ["photos"]
    assert consents[0].text_version and "Foto" in consents[0].text


def test_register_honeypot_pretends_success_and_stores_nothing(client, event, category):
    response = client.post(register_url(event), form_data(category, website="http://spam.example"))
    assert response.status_code == 302
    assert Registration.objects.count() == 0 and OutboxMail.objects.count() == 0


def test_register_rate_limited_with_german_message_and_input_kept(client, event, category):
    for _ in range(10):
        client.post(register_url(event), form_data(category, email="kaputt"))
    response = client.post(register_url(event), form_data(category, organisation="Noch da GmbH"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "zu oft" in html
    assert 'value="Noch da GmbH"' in html
    assert Registration.objects.count() == 0


def test_register_limits_signups_per_client_with_german_message_next_to_the_form(client, settings, event, category):
    """Against seat squatting: few sign-ups per client address within the seat hold, whatever the address."""
    settings.SIGNUP_LIMIT_PER_CLIENT = 3
    category.capacity = 20
    category.save()
    for n in range(3):
        assert client.post(register_url(event), form_data(category, n, email=f"erfunden{n}@d{n}.example")).status_code == 302
    response = client.post(register_url(event), form_data(category, 3, email="echt@d3.example", organisation="Noch da GmbH"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Von Ihrem Anschluss" in html
    assert 'value="Noch da GmbH"' in html
    assert Registration.objects.count() == 3


@pytest.mark.parametrize(
    "changes, text",
    [
        ({"status": Event.Status.CANCELLED}, "abgesagt"),
        ({"registration_closes_at": "past"}, "geschlossen"),
        ({"registration_opens_at": "future"}, "noch nicht"),
    ],
)
def test_register_closed_states_show_a_clear_page_instead_of_the_form(client, event, category, changes, text):
    now = timezone.now()
    values = {
        k: (now - datetime.timedelta(hours=1) if v == "past" else now + datetime.timedelta(days=2) if v == "future" else v)
        for k, v in changes.items()
    }
    Event.objects.filter(pk=event.pk).update(**values)
    for response in (client.get(register_url(event)), client.post(register_url(event), form_data(category))):
        html = response.content.decode()
        assert response.status_code == 200
        assert text in html
        assert 'name="first_name"' not in html
    assert Registration.objects.count() == 0


def test_register_event_without_categories_or_draft(client):
    event = EventFactory()
    assert "keine Online-Anmeldung" in client.get(register_url(event)).content.decode()
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(register_url(draft)).status_code == 404
    assert client.get("/veranstaltungen/gibt-es-nicht/anmelden/").status_code == 404


def test_register_cross_site_post_is_refused(client, event, category):
    response = client.post(register_url(event), form_data(category), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Registration.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# Mails


def test_confirmation_request_mail_has_text_and_html_and_a_working_link(client, event, category):
    client.post(register_url(event), form_data(category))
    mail = OutboxMail.objects.get()
    assert mail.body_html.startswith("<!DOCTYPE html>") and 'lang="de"' in mail.body_html
    token = last_token("alex0@example.org")
    assert f"/veranstaltungen/anmeldung/{token}/" in mail.body_html
    assert "Alex," in mail.body_text and "Alex," in mail.body_html
    response = client.get(page_url(token))
    assert response.status_code == 200
    assert "Anmeldung bestätigen" in response.content.decode()


def test_confirmed_mail_links_ticket_and_carries_ics(client, event, category):
    token = registered(category)
    client.post(page_url(token), {"aktion": "bestaetigen"})
    mail = OutboxMail.objects.order_by("-id").first()
    registration = Registration.objects.get()
    assert registration.ticket_code in mail.body_text and registration.ticket_code in mail.body_html
    assert f"/anmeldung/{token}/ticket/" in mail.body_text and f"/anmeldung/{token}/ticket/" in mail.body_html
    assert mail.attachments[0]["filename"].endswith(".ics")
    assert client.get(f"/veranstaltungen/anmeldung/{token}/ticket/").status_code == 200


def test_every_mail_has_an_html_variant(event, category):
    registered(category, 1)
    registered(category, 2)
    registered(category, 3, join_waitlist=True)
    services.registration_confirm(token=last_token("alex1@example.org"))
    services.registration_cancel(registration=Registration.objects.get(email="alex1@example.org"))
    services.registration_resend_links(email="alex2@example.org")
    services.event_cancel(event=event, note="Wegen Sturm.", actor=None)
    assert OutboxMail.objects.count() >= 7
    for mail in OutboxMail.objects.all():
        assert mail.body_html.startswith("<!DOCTYPE html>"), mail.subject
        assert "<h1" in mail.body_html and 'lang="de"' in mail.body_html


# ---------------------------------------------------------------------------------------------
# Self-service


def test_self_service_get_does_not_confirm(client, event, category):
    token = registered(category)
    response = client.get(page_url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert Registration.objects.get().status == Status.UNCONFIRMED
    assert "Warten auf Bestätigung" in html or "Bestätigung" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert no_cookie(response)


def test_self_service_confirm_by_post_and_redirect_with_fixed_message(client, event, category):
    token = registered(category)
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response.status_code == 302 and response["Location"].endswith("?erledigt=bestaetigt#erledigt")
    assert no_cookie(response)
    assert Registration.objects.get().status == Status.CONFIRMED
    html = client.get(response["Location"]).content.decode()
    assert "Bestätigung ist eingegangen" in html
    assert f"/anmeldung/{token}/ticket/" in html and f"/anmeldung/{token}/kalender.ics" in html
    # Confirming twice changes nothing.
    assert client.post(page_url(token), {"aktion": "bestaetigen"}).status_code == 302
    assert Registration.objects.get().status == Status.CONFIRMED


def test_self_service_done_message_is_never_echoed(client, event, category):
    token = registered(category)
    html = client.get(page_url(token) + "?erledigt=<script>alert(1)</script>").content.decode()
    assert "alert(1)" not in html


def test_self_service_online_access_shown_when_confirmed(client, category):
    Event.objects.filter(pk=category.event_id).update(online_url="https://meet.example.org/revier")
    token = registered(category)
    assert "https://meet.example.org/revier" not in client.get(page_url(token)).content.decode()
    client.post(page_url(token), {"aktion": "bestaetigen"})
    assert "https://meet.example.org/revier" in client.get(page_url(token)).content.decode()


def test_self_service_expired_hold_then_confirm_gives_seat_if_free(client, event, category):
    token = registered(category)
    Registration.objects.update(hold_until=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response["Location"].endswith("?erledigt=bestaetigt#erledigt")
    assert Registration.objects.get().status == Status.CONFIRMED


def test_self_service_expired_hold_then_confirm_when_full_goes_to_waitlist(client, event, category):
    token = registered(category, 1)
    Registration.objects.update(hold_until=timezone.now() - datetime.timedelta(minutes=1))
    registered(category, 2)
    registered(category, 3)
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response["Location"].endswith("?erledigt=warteliste#erledigt")
    assert Registration.objects.get(email="alex1@example.org").status == Status.WAITLISTED
    html = client.get(response["Location"]).content.decode()
    assert "Warteliste" in html and "Platz 1" in html


def test_self_service_expired_registration_cannot_be_confirmed(client, event, category):
    token = registered(category)
    # the seat hold ran out long ago, and so did the event's hours to confirm
    Registration.objects.update(hold_until=timezone.now() - datetime.timedelta(minutes=1),
                                created_at=timezone.now() - datetime.timedelta(hours=event.hold_hours + 1))
    services.registrations_expire_due()
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "nicht möglich" in html
    assert "abgelaufen" in html


def test_self_service_confirm_of_cancelled_event_explains(client, event, category):
    token = registered(category)
    services.event_cancel(event=event, note="", actor=None)
    response = client.post(page_url(token), {"aktion": "bestaetigen"})
    assert response.status_code == 409
    assert "abgesagt" in response.content.decode()


def test_self_service_waitlist_shows_position(client, event, category):
    registered(category, 1)
    registered(category, 2)
    registered(category, 3, join_waitlist=True)
    token = registered(category, 4, join_waitlist=True)
    html = client.get(page_url(token)).content.decode()
    assert "Platz 2 der Warteliste" in html


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 5000, "äöü<b>"])
def test_self_service_tampered_token_gives_german_404_with_resend_link(client, event, category, token):
    registered(category)
    for url in (page_url(token), page_url(token) + "ticket/", page_url(token) + "kalender.ics"):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "nicht gültig" in html and "/veranstaltungen/link-anfordern/" in html
        assert response["Referrer-Policy"] == "no-referrer"
    assert client.post(page_url(token), {"aktion": "bestaetigen"}).status_code == 404
    assert client.get(page_url(token) + "ticket/qr.svg").status_code == 404


def test_self_service_change_details_and_answers(client, event, category):
    question = QuestionFactory(event=event, text="Was erwarten Sie?", required=True)
    token = registered(category, answers={str(question.pk): "Vorträge"})
    html = client.get(page_url(token)).content.decode()
    assert "Vorträge" in html
    bad = client.post(page_url(token), {"aktion": "aendern", "first_name": "", "last_name": "Neu", "sector": "kmu",
                                        f"frage_{question.pk}": "y" * 1001})
    bad_html = bad.content.decode()
    assert bad.status_code == 200
    assert "Bitte geben Sie Ihren Vornamen ein" in bad_html and "höchstens 1000 Zeichen" in bad_html
    assert 'value="Neu"' in bad_html
    response = client.post(page_url(token), {
        "aktion": "aendern", "first_name": "Kim", "last_name": "Neu", "organisation": "Neu AG", "function": "",
        "sector": "wissenschaft", f"frage_{question.pk}": "Austausch",
    })
    assert response["Location"].endswith("?erledigt=geaendert#erledigt")
    registration = Registration.objects.get()
    assert (registration.first_name, registration.organisation, registration.sector) == ("Kim", "Neu AG", "wissenschaft")
    assert registration.answers == {str(question.pk): "Austausch"}
    assert registration.email == "alex0@example.org"


def test_self_service_cancel_needs_the_checkbox_and_frees_the_seat_for_the_waitlist(client, event, category):
    token = registered(category, 1)
    registered(category, 2)
    registered(category, 3, join_waitlist=True)
    refused = client.post(page_url(token), {"aktion": "abmelden"})
    assert refused.status_code == 200
    assert "Bitte setzen Sie das Häkchen" in refused.content.decode()
    assert Registration.objects.get(email="alex1@example.org").status == Status.UNCONFIRMED
    response = client.post(page_url(token), {"aktion": "abmelden", "confirm": "on"})
    assert response["Location"].endswith("?erledigt=abgemeldet#erledigt")
    assert Registration.objects.get(email="alex1@example.org").status == Status.CANCELLED
    assert Registration.objects.get(email="alex3@example.org").status == Status.OFFERED
    mail = [m for m in OutboxMail.objects.order_by("-id") if "alex3@example.org" in m.to][0]
    assert "Ein Platz ist frei" in mail.subject
    html = client.get(response["Location"]).content.decode()
    assert "abgemeldet" in html and 'name="confirm"' not in html


def test_self_service_unknown_action_redirects(client, event, category):
    token = registered(category)
    response = client.post(page_url(token), {"aktion": "<b>x</b>"})
    assert response.status_code == 302
    assert Registration.objects.get().status == Status.UNCONFIRMED


def test_self_service_shows_consents_given(client, event, category):
    token = registered(category, consents=frozenset({"participant_list"}))
    html = client.get(page_url(token)).content.decode()
    assert "Teilnehmendenliste" in html or "Teilnehmerliste" in html


def test_self_service_post_is_rate_limited(client, event, category):
    token = registered(category)
    for _ in range(10):
        client.post(page_url(token), {"aktion": "abmelden"})
    response = client.post(page_url(token), {"aktion": "abmelden", "confirm": "on"})
    assert response.status_code == 429
    assert "zu oft" in response.content.decode()
    assert Registration.objects.get().status == Status.UNCONFIRMED


def test_self_service_page_reads_one_query_and_the_event_from_its_setup(count_queries, event, category):
    """The registration with its consents in one query; the event, the category and the questions
    come from the event's setup (selectors.registration_setup_for_event) while it is current."""
    QuestionFactory(event=event, text="Welche Themen?")
    token = registered(category, 0, consents=frozenset({"photos", "participant_list"}), answers={})
    count_queries(page_url(token))
    response, queries = count_queries(page_url(token))
    html = response.content.decode()
    assert queries == 1
    assert event.title in html and category.name in html and "Welche Themen?" in html
    assert "Foto" in html and "Teilnehmendenliste" in html


def test_self_service_page_parts_kept_per_content_generation_are_the_same_and_follow_edits(
        client, event, category, settings):
    QuestionFactory(event=event, text="Welche Themen?")
    token = registered(category, 0, consents=frozenset({"photos"}), answers={})
    other = registered(category, 1, organisation="Andere & Co")
    plain = [client.get(page_url(token)).content, client.get(page_url(other)).content]
    settings.FRAGMENT_CACHE_SECONDS = 600
    for _ in range(2):
        assert [client.get(page_url(token)).content, client.get(page_url(other)).content] == plain
    event.title = "Ganz neuer Titel"
    services.event_save(event=event)
    html = client.get(page_url(token)).content.decode()
    assert "Ganz neuer Titel" in html and "Fachtag" not in html


def test_self_service_page_of_an_event_that_is_no_longer_public(client, event, category):
    QuestionFactory(event=event, text="Welche Themen?")
    token = registered(category, 0)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    html = client.get(page_url(token)).content.decode()
    assert event.title in html and category.name in html and "Welche Themen?" in html


def test_self_service_query_count_does_not_grow(count_queries, event, category):
    for n in range(3):
        QuestionFactory(event=event, text=f"Frage {n}")
    big = TicketCategoryFactory(event=event, capacity=None)
    token = registered(big, 0, consents=frozenset({"photos", "partner_data"}), join_waitlist=True)
    response, small = count_queries(page_url(token))
    assert response.status_code == 200
    for n in range(1, 40):
        services.registration_create(event=event, data=registration_input(big, n))
    for n in range(3, 10):
        QuestionFactory(event=event, text=f"Frage {n}")
    response, large = count_queries(page_url(token))
    assert response.status_code == 200
    assert large == small


def test_self_service_waitlist_query_count_does_not_grow(count_queries, event, category):
    registered(category, 1)
    registered(category, 2)
    token = registered(category, 3, join_waitlist=True)
    count_queries(page_url(token))  # the event's setup is read once (selectors.registration_setup_get)
    _, small = count_queries(page_url(token))
    for n in range(4, 30):
        services.registration_create(event=event, data=registration_input(category, n, join_waitlist=True))
    _, large = count_queries(page_url(token))
    assert large == small


def _post_queries(client, url, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.post(url, data)
    return response, [q["sql"].upper() for q in context.captured_queries]


def test_register_post_counts_seats_once_and_does_not_grow_with_the_waiting_list(client, event, category):
    """In a rush every query of the POST is paid by everyone: the seats are counted once, under the
    category lock (the form asks whether the category is full only for someone who has not ticked
    the waiting-list box), and the number of queries does not depend on how many are waiting."""
    registered(category, 1)
    registered(category, 2)
    client.get(register_url(event))  # the event's setup is read once (selectors.registration_setup_get)
    response, few = _post_queries(client, register_url(event), form_data(category, 3, join_waitlist="on"))
    assert response.status_code == 302
    for n in range(4, 40):
        services.registration_create(event=event, data=registration_input(category, n, join_waitlist=True))
    response, many = _post_queries(client, register_url(event), form_data(category, 40, join_waitlist="on"))
    assert response.status_code == 302
    assert len(few) == len(many), (few, many)
    assert sum("COUNT(" in sql for sql in many) == 1
    assert Registration.objects.get(email="alex40@example.org").status == Status.WAITLISTED

    response, without_box = _post_queries(client, register_url(event), form_data(category, 41))
    assert response.status_code == 200  # the form asks for the box
    assert sum("COUNT(" in sql for sql in without_box) == 1
    assert not Registration.objects.filter(email="alex41@example.org").exists()


# ---------------------------------------------------------------------------------------------
# Ticket, QR code, calendar


def test_ticket_only_for_confirmed_registrations(client, event, category):
    token = registered(category)
    response = client.get(f"/veranstaltungen/anmeldung/{token}/ticket/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ein Ticket gibt es nur" in html
    assert "qr.svg" not in html
    assert client.get(f"/veranstaltungen/anmeldung/{token}/ticket/qr.svg").status_code == 404


def test_ticket_page_and_qr_svg_for_confirmed(client, event, category):
    token = registered(category)
    client.post(page_url(token), {"aktion": "bestaetigen"})
    registration = Registration.objects.get()
    response = client.get(f"/veranstaltungen/anmeldung/{token}/ticket/")
    html = response.content.decode()
    assert registration.ticket_code in html and "Alex Muster0" in html and category.name in html
    assert re.search(r'<img[^>]*alt="QR-Code des Tickets[^"]*"', html)
    assert response["Referrer-Policy"] == "no-referrer" and no_cookie(response)
    qr = client.get(f"/veranstaltungen/anmeldung/{token}/ticket/qr.svg")
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.lstrip().startswith(b"<svg")


@pytest.mark.parametrize("online_url", ["https://video.example.org/raum", ""])
def test_online_participant_gets_access_information_not_an_entry_ticket(client, event, online_url):
    Event.objects.filter(pk=event.pk).update(online_url=online_url)
    online = TicketCategoryFactory(event=event, name="Online-Teilnahme", capacity=None, is_online=True)
    token = registered(online)
    client.post(page_url(token), {"aktion": "bestaetigen"})
    registration = Registration.objects.get()
    mail = OutboxMail.objects.order_by("-id").first()
    access = online_url or "Die Veranstalter schicken Ihnen die Zugangsdaten vor der Veranstaltung."

    for body in (mail.body_text, mail.body_html):
        assert access in body
        assert event.city not in body and event.street not in body
        assert registration.ticket_code not in body and "Eingang" not in body
    html = client.get(f"/veranstaltungen/anmeldung/{token}/ticket/").content.decode()
    assert "<title>Zugangsdaten: " in html and access in html
    assert "qr.svg" not in html and registration.ticket_code not in html and event.city not in html
    assert client.get(f"/veranstaltungen/anmeldung/{token}/ticket/qr.svg").status_code == 404
    assert "Ihre Zugangsdaten" in client.get(page_url(token)).content.decode()
    # The calendar entries, attached and on the personal page, name the access, not the venue.
    for ics in (base64.b64decode(mail.attachments[0]["content"]), client.get(page_url(token) + "kalender.ics").content):
        location = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]["LOCATION"]
        assert location == (online_url or "Online")


def test_qr_code_carries_the_ticket_code(client, event, category):
    import segno

    token = registered(category)
    client.post(page_url(token), {"aktion": "bestaetigen"})
    registration = Registration.objects.get()
    expected = segno.make(registration.ticket_code, error="m")
    svg = client.get(f"/veranstaltungen/anmeldung/{token}/ticket/qr.svg").content.decode()
    # Same symbol version and size as a QR code made from the ticket code itself.
    assert f'width="{(expected.symbol_size(scale=8, border=4))[0]}"' in svg


def test_registration_ics(client, event, category):
    token = registered(category)
    response = client.get(f"/veranstaltungen/anmeldung/{token}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and event.title.encode() in response.content


# ---------------------------------------------------------------------------------------------
# Link erneut senden


def test_resend_link_same_answer_for_known_and_unknown_address(client, event, category):
    old = registered(category)
    known = client.post("/veranstaltungen/link-anfordern/", {"email": "alex0@example.org"})
    unknown = client.post("/veranstaltungen/link-anfordern/", {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    page = client.get(known["Location"])
    assert "Falls es zu dieser Adresse Anmeldungen gibt, haben wir Ihnen eine E-Mail geschickt." in page.content.decode()
    assert no_cookie(page) and no_cookie(known)
    new = last_token("alex0@example.org")
    assert new != old
    # sending a link again never locks the holder out of the link they already have
    assert client.get(page_url(old)).status_code == 200
    assert client.get(page_url(new)).status_code == 200


def test_mail_bombing_a_third_party_through_the_forms_sends_at_most_the_hourly_limit(client, event, category, settings):
    """Issue 9: POSTs from three clients (resend link, registration with the victim's address) sent
    a mail each, and every resend killed the victim's earlier link. Now: at most
    SELF_SERVICE_MAILS_PER_HOUR mails, the same answers as a success, the first link keeps working."""
    settings.SELF_SERVICE_MAILS_PER_HOUR = 3
    first = registered(category)
    answers = set()
    for client_address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        for _ in range(5):
            resend = client.post("/veranstaltungen/link-anfordern/", {"email": "alex0@example.org"},
                                 REMOTE_ADDR=client_address)
            answers.add((resend.status_code, resend["Location"]))
        again = client.post(register_url(event), form_data(category), REMOTE_ADDR=client_address)
        answers.add((again.status_code, again["Location"]))
    unknown = client.post("/veranstaltungen/link-anfordern/", {"email": "niemand@example.org"}, REMOTE_ADDR="192.0.2.9")
    new = client.post(register_url(event), form_data(category, 1), REMOTE_ADDR="192.0.2.9")
    assert answers == {(unknown.status_code, unknown["Location"]), (new.status_code, new["Location"])}
    assert OutboxMail.objects.filter(to=["alex0@example.org"]).count() == 1 + 3  # the first mail and three more
    assert client.get(page_url(first)).status_code == 200


def test_resend_link_invalid_address_and_honeypot_and_rate_limit(client, event, category):
    invalid = client.post("/veranstaltungen/link-anfordern/", {"email": "kein@"})
    assert invalid.status_code == 200 and "name@example.de" in invalid.content.decode()
    assert 'value="kein@"' in invalid.content.decode()
    registered(category)
    mails = OutboxMail.objects.count()
    spam = client.post("/veranstaltungen/link-anfordern/", {"email": "alex0@example.org", "website": "x"})
    assert spam.status_code == 302 and OutboxMail.objects.count() == mails
    for _ in range(8):
        client.post("/veranstaltungen/link-anfordern/", {"email": "niemand@example.org"})
    limited = client.post("/veranstaltungen/link-anfordern/", {"email": "alex0@example.org"})
    assert limited.status_code == 429 and "zu oft" in limited.content.decode()
    assert OutboxMail.objects.count() == mails


def test_resend_link_get_has_no_cookie(client):
    response = client.get("/veranstaltungen/link-anfordern/")
    assert response.status_code == 200 and no_cookie(response)
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_self_service_form_posts_from_no_referrer_page_are_accepted(client, event, category):
    """A page sent with `Referrer-Policy: no-referrer` makes the browser post with `Origin: null`;
    `Sec-Fetch-Site: same-origin`, which no script can forge, says the form is our own."""
    token = registered(category)
    response = client.post(page_url(token), {"aktion": "bestaetigen"}, HTTP_ORIGIN="null",
                           HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302
    forged = client.post(page_url(token), {"aktion": "abmelden", "confirm": "on"}, HTTP_ORIGIN="null")
    assert forged.status_code == 403
    cross = client.post(page_url(token), {"aktion": "abmelden", "confirm": "on"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 403
    assert Registration.objects.get().status == Status.CONFIRMED


def test_self_service_page_links_to_the_change_form_which_shows_the_current_details(client, event, category):
    token = registered(category, 0, organisation="Muster & Söhne")
    html = client.get(page_url(token)).content.decode()
    assert f'href="{page_url(token)}?aendern=1#angaben-aendern"' in html and 'name="first_name"' not in html
    assert "Muster &amp; Söhne" in html
    editing = client.get(page_url(token) + "?aendern=1").content.decode()
    assert 'id="angaben-aendern"' in editing and 'value="Alex"' in editing and 'value="Muster &amp; Söhne"' in editing
    assert 'name="aktion" value="aendern"' in editing
    # a post with an error shows the form again, input kept; a good one saves and leads back
    response = client.post(page_url(token), {"aktion": "aendern", "first_name": "", "last_name": "Neu",
                                             "sector": "kmu"})
    assert response.status_code == 200 and 'value="Neu"' in response.content.decode()
    response = client.post(page_url(token), {"aktion": "aendern", "first_name": "Kim", "last_name": "Neu",
                                             "sector": "kmu"})
    assert response.status_code == 302 and Registration.objects.get().first_name == "Kim"
    assert 'name="first_name"' not in client.get(response["Location"]).content.decode()


TYPED = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12) | st.sampled_from(
    ["", " ", "Kohle & Co", '"><script>x</script>', "O'Brien", "&amp;", "ß\u00a0é"]
)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first_name=TYPED, organisation=TYPED, email=TYPED, answer=TYPED, sector=st.sampled_from(["kmu", "", "x"]),
       consent=st.booleans(), join=st.sampled_from([None, "", "on"]))
def test_register_refused_post_from_its_kept_shape_is_the_plain_form(
    client, settings, event, category, first_name, organisation, email, answer, sector, consent, join,
):
    """A form shown again (a refused post) is written from its kept shape (core.fragments.
    bound_form_html) exactly as rendering it gives, whatever was typed, the first time and again."""
    if not Question.objects.filter(event=event).exists():
        QuestionFactory(event=event, kind=Question.Kind.TEXT, text="Ihre Frage?")
        for n in (1, 2):
            services.registration_create(event=event, data=registration_input(category, n))
    question = Question.objects.get(event=event)
    data = form_data(category, 9, first_name=first_name, organisation=organisation, email=email, sector=sector,
                     join_waitlist=join, **{f"frage_{question.pk}": answer})
    if consent:
        data["consent_photos"] = "on"
    settings.RATELIMIT_ENABLED = False  # forty examples of three posts each from one address
    settings.FRAGMENT_CACHE_SECONDS = 0
    plain = client.post(register_url(event), data)
    assert plain.status_code == 200 or plain.status_code == 302
    settings.FRAGMENT_CACHE_SECONDS = 600
    for _ in range(2):
        kept = client.post(register_url(event), data)
        assert (kept.status_code, kept.content) == (plain.status_code, plain.content)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_self_service_pages_kept_frame_shows_no_other_persons_link(client, event, category, settings, prefix):
    """The frame around a personal page is kept per event (core.fragments.render_around), but its
    language links and hreflang addresses are each reader's own: never another person's token."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    first, second = registered(category, 1), registered(category, 2)
    client.get(prefix + page_url(first))
    html = client.get(prefix + page_url(second)).content.decode()
    assert first not in html
    assert html.count(second) >= 3  # the language link, the hreflang addresses and the forms
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert client.get(prefix + page_url(second)).content.decode() == html
