"""Contact requests outside events: the service's guarantees (who may ask whom, one open request
per pair, the daily limit, German refusals), contact data only after acceptance (in mails, never
on a page), reminder and lapse by the worker, and the pages through HTTP with their query counts."""

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from revier.core.models import OutboxMail
from revier.network import services as network_services
from revier.network.contact import errors, services
from revier.network.contact.models import ContactRequest
from tests.factories import EventFactory, make_participant, make_profile

pytestmark = pytest.mark.django_db

MESSAGE = "Wir suchen einen Partner für eine Pilotanlage und würden gern mit Ihnen sprechen."


@pytest.fixture
def alice():
    return make_profile(1, email="alice@example.org", phone="+49 341 111111")


@pytest.fixture
def bob():
    return make_profile(2, email="bob@example.org", phone="+49 341 222222", organisation="Institut Bob")


def mails_to(email):
    return [mail for mail in OutboxMail.objects.order_by("id") if email in mail.to]


def link_in(mail):
    return re.search(r"/netzwerk/kontaktanfrage/([A-Za-z0-9_-]+)/", mail.body_text).group(1)


def send(sender, recipient, message=MESSAGE, **kwargs):
    return services.contact_request_send(sender=sender, recipient_id=recipient.pk, message=message, **kwargs)


def test_send_mails_the_recipient_a_link_without_the_senders_contact_data(alice, bob):
    request = send(alice[0], bob[0])
    assert request.status == "pending" and (request.pair_low, request.pair_high) == (alice[0].pk, bob[0].pk)
    [mail] = mails_to("bob@example.org")[-1:]
    assert MESSAGE in mail.body_text and alice[0].organisation in mail.body_text and link_in(mail)
    assert "alice@example.org" not in mail.body_text and "+49 341 111111" not in mail.body_text


def test_accept_mails_both_the_others_contact_data(alice, bob, client):
    send(alice[0], bob[0])
    token = link_in(mails_to("bob@example.org")[-1])
    url = f"/netzwerk/kontaktanfrage/{token}/"
    page = client.get(url).content.decode()
    assert MESSAGE in page and "alice@example.org" not in page and "+49 341 111111" not in page
    assert ContactRequest.objects.get().status == "pending"  # GET changes nothing
    response = client.post(url, {"aktion": "annehmen"})
    assert response.status_code == 302
    assert ContactRequest.objects.get().status == "accepted"
    to_alice, to_bob = mails_to("alice@example.org")[-1], mails_to("bob@example.org")[-1]
    assert "bob@example.org" in to_alice.body_text and "+49 341 222222" in to_alice.body_text
    assert "alice@example.org" in to_bob.body_text and "+49 341 111111" in to_bob.body_text
    page = client.get(url).content.decode()  # after acceptance: still no contact data on the page
    assert "alice@example.org" not in page and "+49 341 111111" not in page
    response = client.post(url, {"aktion": "annehmen"})
    assert response.status_code == 409 and "bereits angenommen" in response.content.decode()


def test_decline_passes_nothing_on(alice, bob, client):
    send(alice[0], bob[0])
    token = link_in(mails_to("bob@example.org")[-1])
    client.post(f"/netzwerk/kontaktanfrage/{token}/", {"aktion": "ablehnen"})
    assert ContactRequest.objects.get().status == "declined"
    declined = mails_to("alice@example.org")[-1]
    assert "abgelehnt" in declined.body_text and "bob@example.org" not in declined.body_text
    assert not any("alice@example.org" in mail.body_text for mail in mails_to("bob@example.org"))
    with pytest.raises(errors.AlreadyAnswered):
        services.contact_request_accept(contact_request=ContactRequest.objects.get())


def test_refusals(alice, bob):
    with pytest.raises(errors.ToOneself):
        send(alice[0], alice[0])
    with pytest.raises(errors.MessageRequired):
        send(alice[0], bob[0], message="  ")
    with pytest.raises(errors.MessageTooLong):
        send(alice[0], bob[0], message="x" * 501)
    send(alice[0], bob[0])
    with pytest.raises(errors.DuplicateRequest):
        send(alice[0], bob[0])
    with pytest.raises(errors.DuplicateRequest):  # either direction
        send(bob[0], alice[0])
    assert ContactRequest.objects.count() == 1


@pytest.mark.parametrize("how", ["hidden", "staff", "unconfirmed"])
def test_no_request_to_hidden_or_unconfirmed_profiles(alice, how):
    other, _ = make_profile(3, confirmed=how != "unconfirmed")
    if how == "hidden":
        network_services.profile_set_visibility(profile=other, visibility="hidden")
    elif how == "staff":
        network_services.profile_hide(profile=other, actor=None)
    with pytest.raises(errors.RecipientHidden):
        send(alice[0], other)


def test_sender_must_be_confirmed_and_visible(bob):
    unconfirmed, _ = make_profile(4, confirmed=False)
    with pytest.raises(errors.SenderNotConfirmed):
        send(unconfirmed, bob[0])
    hidden, _ = make_profile(5, visibility="hidden")
    with pytest.raises(errors.SenderHidden):
        send(hidden, bob[0])


def test_participants_only_profile_only_from_the_same_event(alice):
    event = EventFactory()
    guarded, _ = make_participant(event, 1, visibility="participants")
    fellow, _ = make_participant(event, 2)
    with pytest.raises(errors.RecipientHidden):
        send(alice[0], guarded)
    send(fellow, guarded)


@override_settings(NETWORK_CONTACT_REQUESTS_PER_DAY=2)
def test_limit_per_sender_and_day(alice):
    others = [make_profile(10 + n)[0] for n in range(3)]
    now = timezone.now()
    send(alice[0], others[0], now=now)
    send(alice[0], others[1], now=now)
    with pytest.raises(errors.TooManyToday) as refused:
        send(alice[0], others[2], now=now)
    assert "2 Kontaktanfragen" in refused.value.message
    send(alice[0], others[2], now=now + datetime.timedelta(days=1))  # the next day again


def test_reminder_once_and_lapse_after_14_days(alice, bob):
    sent_at = timezone.now() - datetime.timedelta(days=8)
    request = send(alice[0], bob[0], now=sent_at)
    before = len(mails_to("bob@example.org"))
    assert services.contact_requests_remind_due() == 1
    assert services.contact_requests_remind_due() == 0
    reminder = mails_to("bob@example.org")[-1]
    assert len(mails_to("bob@example.org")) == before + 1 and "Erinnerung" in reminder.subject and link_in(reminder)
    assert services.contact_requests_lapse_due() == 0
    later = sent_at + datetime.timedelta(days=14, minutes=1)
    assert services.contact_requests_lapse_due(now=later) == 1
    request.refresh_from_db()
    assert request.status == "lapsed"
    lapsed = mails_to("alice@example.org")[-1]
    assert "verfallen" in lapsed.subject and "bob@example.org" not in lapsed.body_text
    with pytest.raises(errors.AlreadyAnswered):
        services.contact_request_accept(contact_request=request)
    send(alice[0], bob[0])  # a lapsed request does not block a new one


def test_contact_form_page(alice, bob, client):
    url = f"/netzwerk/mein-profil/{alice[1]}/kontakt/{bob[0].pk}/"
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kontakt aufnehmen" in text and "bob@example.org" not in text and "+49 341 222222" not in text
    response = client.post(url, {"message": ""})
    assert response.status_code == 400 and "Bitte schreiben Sie eine kurze Nachricht" in response.content.decode()
    response = client.post(url, {"message": MESSAGE})
    assert response.status_code == 302 and response["Location"].endswith("?erledigt=kontakt#erledigt")
    response = client.post(url, {"message": MESSAGE})
    assert response.status_code == 409 and "schon eine offene" in response.content.decode()
    assert MESSAGE in response.content.decode()  # input kept
    assert client.get(f"/netzwerk/mein-profil/{alice[1]}/kontakt/{alice[0].pk}/").status_code == 404
    assert client.get(f"/netzwerk/mein-profil/falsch/kontakt/{bob[0].pk}/").status_code == 404
    hidden, _ = make_profile(6, visibility="hidden")
    assert client.get(f"/netzwerk/mein-profil/{alice[1]}/kontakt/{hidden.pk}/").status_code == 404


def test_contact_pages_queries_do_not_grow(alice, bob, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    send(alice[0], bob[0])
    token = link_in(mails_to("bob@example.org")[-1])
    urls = [f"/netzwerk/mein-profil/{alice[1]}/kontakt/{bob[0].pk}/", f"/netzwerk/kontaktanfrage/{token}/"]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        counts[url] = len(small)
    for n in range(20, 32):
        other, _ = make_profile(n)
        send(other, alice[0])
    for url, budget in counts.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_contact_from_a_public_profile_page_mails_only_the_visitors_own_profile(alice, bob, client):
    profile_page = client.get(bob[0].get_absolute_url()).content.decode()
    url = f"/netzwerk/kontakt/{bob[0].pk}/"
    assert url in profile_page
    assert client.get(url).status_code == 200
    before = OutboxMail.objects.count()
    response = client.post(url, {"email": "niemand@example.org"})
    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1")
    assert OutboxMail.objects.count() == before  # an unknown address: nothing mailed, the same answer
    response = client.post(url, {"email": "ALICE@example.org"})
    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1")
    mail = mails_to("alice@example.org")[-1]
    assert not mails_to("bob@example.org")[-1:] or "Kontakt" not in mails_to("bob@example.org")[-1].subject
    form_url = re.search(r"/netzwerk/mein-profil/[\w-]+/kontakt/\d+/", mail.body_text).group(0)
    assert form_url.endswith(f"/kontakt/{bob[0].pk}/") and client.get(form_url).status_code == 200
    assert "Link" in client.get(url + "?gesendet=1").content.decode()
    assert not ContactRequest.objects.exists()  # only the link: the request is written on the form


def test_contact_start_only_for_public_profiles(client):
    event = EventFactory()
    guarded, _ = make_participant(event, 1, visibility="participants")
    assert client.get(f"/netzwerk/kontakt/{guarded.pk}/").status_code == 404
    assert client.get("/netzwerk/kontakt/999999/").status_code == 404


def test_contact_start_queries_do_not_grow(bob, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/netzwerk/kontakt/{bob[0].pk}/"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(40, 50):
        make_profile(n)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_suggestions_page_lists_own_requests_without_contact_data(alice, bob, client):
    send(alice[0], bob[0])
    sent_page = client.get(f"/netzwerk/mein-profil/{alice[1]}/partner/").content.decode()
    assert "Ihre Kontaktanfragen" in sent_page and bob[0].organisation in sent_page and "Offen" in sent_page
    received_page = client.get(f"/netzwerk/mein-profil/{bob[1]}/partner/").content.decode()
    assert alice[0].organisation in received_page
    services.contact_request_accept(contact_request=ContactRequest.objects.get())
    for token, other_email, other_phone in ((alice[1], "bob@example.org", "+49 341 222222"),
                                            (bob[1], "alice@example.org", "+49 341 111111")):
        page = client.get(f"/netzwerk/mein-profil/{token}/partner/").content.decode()
        assert "Angenommen" in page and other_email not in page and other_phone not in page
