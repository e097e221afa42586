"""A person's language (issue 13 §4): a registration, a free-ticket claim and a network profile keep
the language of the page where the person submitted the form, and every later mail to that person
— one the worker sends or another person or staff cause, in a German context — is written in it,
with links to the pages in it."""

import datetime
import re

import pytest
from django.utils import timezone

from revier.contingents import services as contingent_services
from revier.contingents.models import Claim
from revier.core.models import OutboxMail
from revier.events import services as event_services
from revier.events.models import Registration
from revier.network import services as network_services
from revier.network.contact import services as contact_services
from revier.network.models import Profile
from tests.factories import ContingentFactory, TicketCategoryFactory, make_profile, registration_input, with_codes

pytestmark = pytest.mark.django_db

PAGES = [("/en", "en"), ("", "de")]


def mails_to(email: str) -> list[OutboxMail]:
    return [mail for mail in OutboxMail.objects.order_by("id") if email in mail.to]


def token_in(mail: OutboxMail, path: str) -> str:
    return re.search(rf"{path}([A-Za-z0-9_-]+)/", mail.body_text).group(1)


def assert_written_in(mail: OutboxMail, language: str, path: str) -> None:
    """English: /en/ links only and no German; German: no /en/ link."""
    links = re.findall(r"https?://[^\s\"<]+", mail.body_text + mail.body_html)
    own = [link for link in links if path in link]
    assert own, mail.body_text
    if language == "en":
        assert all("/en/" in link for link in own), own
        assert "Guten Tag" not in mail.body_text and "Ihre" not in mail.subject
    else:
        assert not any("/en/" in link for link in links), links


@pytest.mark.parametrize("prefix, language", PAGES)
def test_registration_language_kept_for_staff_and_worker_mails(client, prefix, language):
    category = TicketCategoryFactory(capacity=5, event__requires_approval=True)
    event = category.event
    email = "ada@example.org"
    data = {"first_name": "Ada", "last_name": "Lovelace", "email": email, "organisation": "Muster GmbH",
            "function": "Inhaberin", "sector": "kmu", "category": str(category.pk), "website": ""}
    response = client.post(f"{prefix}/veranstaltungen/{event.slug}/anmelden/", data)
    assert response.status_code == 302
    registration = Registration.objects.get(email=email)
    assert registration.language == language
    first = mails_to(email)[-1]
    assert_written_in(first, language, "/veranstaltungen/anmeldung/")
    event_services.registration_confirm(token=token_in(first, "/veranstaltungen/anmeldung/"))
    # Staff approve on their (German) pages: the mail is still in the person's language.
    registration.refresh_from_db()
    event_services.registration_approve(registration=registration, actor=None)
    approved = mails_to(email)[-1]
    assert approved.subject.startswith("Registration confirmed" if language == "en" else "Anmeldebestätigung")
    assert_written_in(approved, language, "/veranstaltungen/anmeldung/")
    # The event is cancelled by staff: the same.
    event_services.event_cancel(event=event, note="Sturm", actor=None)
    cancelled = mails_to(email)[-1]
    assert cancelled.subject.startswith("Cancelled:" if language == "en" else "Abgesagt:")


@pytest.mark.parametrize("prefix, language", PAGES)
def test_registration_moved_up_when_another_cancels_in_the_persons_language(client, prefix, language):
    category = TicketCategoryFactory(capacity=1)
    holder = event_services.registration_create(
        event=category.event, data=registration_input(category, 1, email="holder@example.org")).registration
    email = "grace@example.org"
    data = {"first_name": "Grace", "last_name": "Hopper", "email": email, "organisation": "Muster GmbH",
            "function": "Inhaberin", "sector": "kmu", "category": str(category.pk), "join_waitlist": "on",
            "website": ""}
    assert client.post(f"{prefix}/veranstaltungen/{category.event.slug}/anmelden/", data).status_code == 302
    assert Registration.objects.get(email=email).status == Registration.Status.WAITLISTED
    event_services.registration_cancel(registration=holder, actor=None)  # the seat holder, on a German page
    moved_up = mails_to(email)[-1]
    assert moved_up.subject.startswith("A seat is free for you" if language == "en" else "Ein Platz ist frei")
    assert_written_in(moved_up, language, "/veranstaltungen/anmeldung/")
    # "We hold the seat for you until …": the date written the person's way (core.dates).
    english_date = re.search(r"until \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d\.", moved_up.body_text)
    german_date = re.search(r"bis \d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4}, \d\d:\d\d Uhr", moved_up.body_text)
    assert (english_date, german_date)[language == "de"] is not None, moved_up.body_text


@pytest.mark.parametrize("prefix, language", PAGES)
def test_claim_language_kept_for_staff_mails(client, prefix, language):
    contingent = ContingentFactory()
    with_codes(contingent, 3)
    email = "robin@example.org"
    data = {"first_name": "Robin", "last_name": "Beispiel", "email": email, "organisation": "Muster GmbH",
            "consent_privacy": "on", "website": ""}
    response = client.post(f"{prefix}/veranstaltungen/freikarten/{contingent.slug}/", data)
    assert response.status_code == 302
    claim = Claim.objects.get(email=email)
    assert claim.language == language
    contingent_services.claim_confirm(token=token_in(mails_to(email)[-1], "/veranstaltungen/freikarten/antrag/"))
    claim.refresh_from_db()
    contingent_services.claim_reissue_code(claim=claim, actor=None)
    reissued = mails_to(email)[-1]
    assert reissued.subject.startswith("Your new ticket code" if language == "en" else "Ihr neuer")
    assert_written_in(reissued, language, "/veranstaltungen/freikarten/antrag/")


@pytest.mark.parametrize("prefix, language", PAGES)
def test_profile_language_kept_for_mails_another_person_causes(client, prefix, language):
    email = "kim@example.org"
    data = {"first_name": "Kim", "last_name": "Beispiel", "email": email, "function": "Leiterin",
            "organisation": "Elektrolyse Zeitz GmbH", "kind": "kmu", "region": "mitteldeutsch", "district": "Zeitz",
            "description": "Komponenten für Elektrolyseure.", "visibility": "public", "offer_title": "",
            "offer_text": "", "need_title": "", "need_text": "", "website": ""}
    response = client.post(f"{prefix}/netzwerk/profil-anlegen/", data)
    assert response.status_code == 302
    profile = Profile.objects.get(email=email)
    assert profile.language == language
    network_services.profile_confirm(token=token_in(mails_to(email)[-1], "/netzwerk/mein-profil/"))
    sender, _token = make_profile(1, email="alice@example.org")  # a German profile
    assert sender.language == "de"
    contact_services.contact_request_send(sender=sender, recipient_id=profile.pk, message="Wir suchen einen Partner.")
    received = mails_to(email)[-1]
    assert_written_in(received, language, "/netzwerk/kontaktanfrage/")
    request = profile.contact_requests_received.get()
    contact_services.contact_request_decline(contact_request=request)
    # The decline goes to the German sender: German, whoever caused it.
    declined = mails_to("alice@example.org")[-1]
    assert "/en/" not in declined.body_text and declined.subject.startswith("Ihre Kontaktanfrage")
