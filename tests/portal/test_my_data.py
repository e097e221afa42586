""""Meine Daten" (issue 12 §4): one mail to the address typed, with a personal link to every object
of it, or saying that nothing is stored; the same answer whatever the address; limited per client
and per address; hostile input answered without a 5xx."""

import re

import pytest
from django.urls import reverse

from revier.core.models import OutboxMail
from revier.events import services
from revier.events.models import Registration
from tests.factories import EventFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db

URL = "/meine-daten/"
ADDRESS = "quirinella.vostrikowa@example.org"


def _register(email=ADDRESS, n=0):
    event = EventFactory(title=f"Fachtag Strukturwandel {n}")
    category = TicketCategoryFactory(event=event, capacity=10)
    return services.registration_create(event=event, data=registration_input(category, n, email=email)).registration


def _mails(address):
    return [mail for mail in OutboxMail.objects.order_by("id") if address in mail.to]


def test_page_and_footer_link(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "Meine Daten" in page
    assert 'name="website"' in page  # the honeypot
    assert not response.cookies  # no cookie for anonymous readers
    assert f'href="{URL}"' in client.get(reverse("pages:contact")).content.decode()


def test_one_mail_with_a_link_to_every_registration(client):
    first, second = _register(n=1), _register(n=2)
    _register(email="someone.else@example.org", n=3)
    before = OutboxMail.objects.count()
    response = client.post(URL, {"email": ADDRESS.upper()})
    assert response.status_code == 302 and response["Location"] == f"{URL}?gesendet=1"
    assert OutboxMail.objects.count() == before + 1
    mail = OutboxMail.objects.order_by("-id").first()
    assert mail.to == [ADDRESS.upper()]
    tokens = re.findall(r"/veranstaltungen/anmeldung/([A-Za-z0-9_-]+)/daten/", mail.body_text)
    assert len(tokens) == 2
    assert "Fachtag Strukturwandel 1" in mail.body_text and "Fachtag Strukturwandel 3" not in mail.body_text
    pages = [client.get(reverse("events:registration-data", kwargs={"token": token})) for token in tokens]
    assert [page.status_code for page in pages] == [200, 200]
    assert {first.ticket_code in page.content.decode() for page in pages} == {True, False}
    assert {second.ticket_code in page.content.decode() for page in pages} == {True, False}
    assert "Anfrage erhalten" in client.get(response["Location"]).content.decode()


def test_unknown_address_gets_the_same_answer_and_a_mail_saying_nothing_is_stored(client):
    _register()
    known = client.post(URL, {"email": ADDRESS})
    unknown = client.post(URL, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    [mail] = _mails("nobody@example.org")
    assert "keine Anmeldung, keinen Freikarten-Antrag und kein Netzwerk-Profil" in mail.body_text
    assert "/veranstaltungen/anmeldung/" not in mail.body_text


def test_anonymised_registrations_are_not_listed(client):
    registration = _register()
    Registration.objects.filter(pk=registration.pk).update(anonymised_at=registration.created_at)
    client.post(URL, {"email": ADDRESS})
    [mail] = _mails(ADDRESS)[-1:]
    assert "/veranstaltungen/anmeldung/" not in mail.body_text


def test_limited_per_address(client, settings):
    settings.SELF_SERVICE_MAILS_PER_HOUR = 2
    for _ in range(4):
        assert client.post(URL, {"email": "flooded@example.org"}).status_code == 302
    assert len(_mails("flooded@example.org")) == 2


def test_limited_per_client(client):
    for n in range(10):
        assert client.post(URL, {"email": f"p{n}@example.org"}).status_code == 302
    response = client.post(URL, {"email": "p99@example.org"})
    assert response.status_code == 429
    assert "Zu viele" in response.content.decode()
    assert 'value="p99@example.org"' in response.content.decode()  # the input is kept
    assert not _mails("p99@example.org")


def test_honeypot_sends_nothing(client):
    response = client.post(URL, {"email": ADDRESS, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not _mails(ADDRESS)


def test_errors_next_to_the_field(client):
    response = client.post(URL, {"email": "kein-at-zeichen"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fehler:" in page and 'aria-invalid="true"' in page and 'value="kein-at-zeichen"' in page
    assert not OutboxMail.objects.exists()


@pytest.mark.parametrize("body", [
    {"email": "a\x00b@example.org"}, {"email": "x" * 100_000 + "@example.org"}, {"email": ["a@example.org", "b@example.org"]},
    {},
])
def test_hostile_input_never_5xx(client, body):
    assert client.post(URL, body).status_code < 500


def test_invalid_encoding_and_huge_body_never_5xx(client):
    for raw in (b"email=%ff%fe%00@example.org", b"email=" + b"a" * 3_000_000):
        response = client.generic("POST", URL, raw, content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500


def test_cross_site_post_refused(client):
    assert client.post(URL, {"email": ADDRESS}, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert not _mails(ADDRESS)


def test_one_mail_lists_registration_claim_and_profile(client):
    from tests.contingents.test_retention import _contingent
    from revier.contingents import services as contingent_services
    from tests.factories import claim_input, make_profile

    _register()
    contingent = _contingent(180)
    contingent_services.claim_create(contingent=contingent, data=claim_input(
        email=ADDRESS, answers={str(contingent.questions.get().pk): "Wir bauen Speicher"}))
    make_profile(5, email=ADDRESS)
    before = OutboxMail.objects.count()
    client.post(URL, {"email": ADDRESS})
    assert OutboxMail.objects.count() == before + 1
    body = OutboxMail.objects.order_by("-id").first().body_text
    paths = re.findall(r"http://[^/\s]+(/\S+/daten/)", body)
    assert len(paths) == 3
    assert {path.split("/")[1] for path in paths} == {"veranstaltungen", "netzwerk"}
    assert any("/freikarten/antrag/" in path for path in paths)
    for path in paths:
        assert client.get(path).status_code == 200
