"""The network's mails in HTML: every kind of mail of the Gesprächsbörse, the contact requests and the
follow-up, made through its service as the text tests make it, has an HTML part built like the
profile mails (network/mail/_layout.html) with the text part's links as <a> (the same absolute
addresses under settings.SITE_URL, with its port), the person's name, no template left over, and the
people's own text (organisation, message, table name, event title) escaped."""

import datetime
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.utils import timezone

from revier.core.models import OutboxMail
from revier.network import services as network_services
from revier.network.contact import services as contact_services
from revier.network.followup import services as followup_services
from revier.network.meetings import services
from revier.network.models import TopicProposal
from tests.factories import EventFactory, make_participant, make_profile, meeting_setup_input, profile_input

pytestmark = pytest.mark.django_db

TRICKY = "<b>Kohle & Co</b>"
TRICKY_ESCAPED = "&lt;b&gt;Kohle &amp; Co&lt;/b&gt;"
MESSAGE = "<i>Elektrolyse?</i> & mehr\nZweite Zeile"
MESSAGE_ESCAPED = "&lt;i&gt;Elektrolyse?&lt;/i&gt; &amp; mehr<br>Zweite Zeile"
TABLE_NAME = "Stand <Süd> & Nord"
TEXT_URL = re.compile(r"https?://[^\s<>\"]+")
HREF = re.compile(r'href="([^"]*)"')
TEMPLATES = Path(__file__).resolve().parents[2] / "revier" / "network" / "templates"


@pytest.fixture(params=["http://127.0.0.1:8000", "https://revier.example:8443"], ids=["env", "port"])
def site_url(request, settings):
    """Every mail once with the site address of the test environment and once with another host and
    port: the links must follow settings.SITE_URL as the text's do."""
    settings.SITE_URL = request.param
    return request.param


def mails_to(profile, template_word=""):
    return [mail for mail in OutboxMail.objects.order_by("id")
            if profile.email in mail.to and template_word in mail.subject]


def last_mail(profile, subject_word=""):
    found = mails_to(profile, subject_word)
    assert found, f"no mail to {profile.email} with “{subject_word}”"
    return found[-1]


def check_html(mail, *, first_name, shows_tricky=False, mailto=None):
    """The HTML part of `mail`: a whole German document with a heading, the text part's web links as
    <a> (and no others, none to another host), the greeting with the person's first name, no
    template syntax left, user text escaped, nothing loaded from elsewhere."""
    text, body = mail.body_text, mail.body_html
    assert body.startswith("<!DOCTYPE html>"), mail.subject
    assert '<html lang="de">' in body and "<h1" in body and "<title>" in body, mail.subject
    hrefs = [html.unescape(href) for href in HREF.findall(body)]
    web_links = {href for href in hrefs if not href.startswith("mailto:")}
    assert web_links == set(TEXT_URL.findall(text)), mail.subject
    assert all(link.startswith(settings.SITE_URL) for link in web_links), (mail.subject, web_links)
    assert {href for href in hrefs if href.startswith("mailto:")} == ({f"mailto:{mailto}"} if mailto else set())
    assert f"Guten Tag {first_name}," in text and f"Guten Tag {first_name}," in body, mail.subject
    for leftover in ("{{", "}}", "{%", "%}"):
        assert leftover not in body and leftover not in text, (mail.subject, leftover)
    for loaded in ("<img", "<script", "<link", "<iframe", "src=", "url("):
        assert loaded not in body, (mail.subject, loaded)
    assert "<b>" not in body and "<i>" not in body  # user text never becomes markup
    if shows_tricky:
        assert TRICKY in text and TRICKY_ESCAPED in body, mail.subject


# --- Gesprächsbörse -------------------------------------------------------------------------------


@pytest.fixture
def event():
    return EventFactory(title="Wasserstoff & Wärme")


@pytest.fixture
def setup(event):
    data = meeting_setup_input(event)
    data = data.__class__(**{**data.__dict__, "tables": (services.TableInput(number=1, name=TABLE_NAME),
                                                         services.TableInput(number=2))})
    return services.setup_save(event=event, data=data, actor=None)


@pytest.fixture
def people(event, setup):
    """Alma of the organisation TRICKY, then Bruno, Carla, Dario."""
    names = ["Alma", "Bruno", "Carla", "Dario"]
    return [make_participant(event, n, first_name=name, organisation=TRICKY if n == 0 else f"Institut {name}")[0]
            for n, name in enumerate(names)]


def test_meeting_request_mails_in_html(site_url, setup, people):
    alma, bruno, carla, dario = people
    sent_at = timezone.now()
    meeting_request = services.request_send(setup=setup, sender=alma, recipient_id=bruno.pk, message=MESSAGE,
                                            now=sent_at)
    received = last_mail(bruno, "Gesprächsanfrage")
    check_html(received, first_name="Bruno", shows_tricky=True)
    assert "/netzwerk/gespraechsanfrage/" in received.body_html and MESSAGE_ESCAPED in received.body_html
    assert "Wasserstoff &amp; Wärme" in received.body_html and "Gesprächsanfrage öffnen" in received.body_html

    assert services.meeting_requests_remind_due(now=sent_at + datetime.timedelta(hours=49)) == 1
    reminder = last_mail(bruno, "Erinnerung")
    check_html(reminder, first_name="Bruno", shows_tricky=True)
    assert "/netzwerk/gespraechsanfrage/" in reminder.body_html

    services.request_accept(meeting_request=meeting_request, profile=bruno)
    to_bruno, to_alma = last_mail(bruno, "vereinbart"), last_mail(alma, "vereinbart")
    check_html(to_bruno, first_name="Bruno", shows_tricky=True, mailto=alma.email)
    check_html(to_alma, first_name="Alma", mailto=bruno.email)
    assert alma.phone in to_bruno.body_html and bruno.full_name in to_alma.body_html

    declined = services.request_send(setup=setup, sender=carla, recipient_id=alma.pk)
    services.request_decline(meeting_request=declined, profile=alma)
    mail = last_mail(carla, "abgelehnt")
    check_html(mail, first_name="Carla")
    assert alma.full_name in mail.body_html and "abgelehnt" in mail.body_html

    services.request_send(setup=setup, sender=dario, recipient_id=alma.pk)
    assert services.meeting_requests_lapse_due(now=setup.request_deadline) == 1
    mail = last_mail(dario, "verfallen")
    check_html(mail, first_name="Dario")
    assert alma.full_name in mail.body_html and "verfallen" in mail.body_html


def test_meeting_placed_moved_and_cancelled_mails_in_html(site_url, setup, people):
    alma, bruno = people[:2]
    meeting_request = services.request_send(setup=setup, sender=alma, recipient_id=bruno.pk)
    meeting = services.request_accept(meeting_request=meeting_request, profile=bruno)
    services.setup_publish(setup=setup, actor=None)
    placed = last_mail(bruno, "Zeit und Tisch")
    check_html(placed, first_name="Bruno", shows_tricky=True)
    assert "Tisch: 1 (Stand <Süd> & Nord)" in placed.body_text
    assert "Stand &lt;Süd&gt; &amp; Nord" in placed.body_html and "Zeit:" in placed.body_html

    last_slot = setup.slots.order_by("-starts_at").first()
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=last_slot.pk,
                         table_id=setup.tables.get(number=2).pk, actor=None)
    moved = last_mail(bruno, "verlegt")
    check_html(moved, first_name="Bruno", shows_tricky=True)
    check_html(last_mail(alma, "verlegt"), first_name="Alma")
    assert "Vorher:" in moved.body_html and "Jetzt:" in moved.body_html and "Tisch 1" in moved.body_text

    services.meeting_cancel(meeting_request=meeting_request, profile=alma)
    cancelled = last_mail(bruno, "abgesagt")
    check_html(cancelled, first_name="Bruno", shows_tricky=True)
    assert "Tisch: 2" in cancelled.body_text and "abgesagt" in cancelled.body_html


# --- contact requests -----------------------------------------------------------------------------


@pytest.fixture
def alma():
    return make_profile(1, email="alma@example.org", first_name="Alma", organisation=TRICKY)[0]


@pytest.fixture
def bruno():
    return make_profile(2, email="bruno@example.org", first_name="Bruno", organisation="Institut Bruno")[0]


def test_contact_request_mails_in_html(site_url, alma, bruno):
    carla = make_profile(3, email="carla@example.org", first_name="Carla")[0]
    dario = make_profile(4, email="dario@example.org", first_name="Dario")[0]
    sent_at = timezone.now() - datetime.timedelta(days=8)
    request = contact_services.contact_request_send(sender=alma, recipient_id=bruno.pk, message=MESSAGE, now=sent_at)
    received = last_mail(bruno, "Kontaktanfrage")
    check_html(received, first_name="Bruno", shows_tricky=True)
    assert "/netzwerk/kontaktanfrage/" in received.body_html and MESSAGE_ESCAPED in received.body_html
    assert alma.email not in received.body_html and alma.phone not in received.body_html

    assert contact_services.contact_requests_remind_due() == 1
    reminder = last_mail(bruno, "Erinnerung")
    check_html(reminder, first_name="Bruno", shows_tricky=True)
    assert MESSAGE_ESCAPED in reminder.body_html

    contact_services.contact_request_accept(contact_request=request)
    to_alma, to_bruno = last_mail(alma, "angenommen"), last_mail(bruno, "angenommen")
    check_html(to_bruno, first_name="Bruno", shows_tricky=True, mailto=alma.email)
    check_html(to_alma, first_name="Alma", mailto=bruno.email)
    assert bruno.phone in to_alma.body_html and "hat Ihre Kontaktanfrage angenommen" in to_alma.body_html

    declined = contact_services.contact_request_send(sender=carla, recipient_id=alma.pk, message="Hallo")
    contact_services.contact_request_decline(contact_request=declined)
    mail = last_mail(carla, "abgelehnt")
    check_html(mail, first_name="Carla", shows_tricky=True)
    assert alma.email not in mail.body_html

    contact_services.contact_request_send(sender=dario, recipient_id=alma.pk, message="Hallo",
                                          now=timezone.now() - datetime.timedelta(days=15))
    assert contact_services.contact_requests_lapse_due() == 1
    mail = last_mail(dario, "verfallen")
    check_html(mail, first_name="Dario", shows_tricky=True)
    assert f"{settings.NETWORK_CONTACT_LAPSE_DAYS} Tagen" in mail.body_html


def test_contact_link_mail_in_html(site_url, alma, bruno):
    assert contact_services.contact_link_send(email="bruno@example.org", recipient_id=alma.pk) == 1
    mail = last_mail(bruno, "Link")
    check_html(mail, first_name="Bruno", shows_tricky=True)
    assert f"/kontakt/{alma.pk}/" in mail.body_html and "Kontaktformular öffnen" in mail.body_html


# --- follow-up ------------------------------------------------------------------------------------


def test_followup_invitation_mail_in_html(site_url, event, setup, people):
    alma, bruno = people[:2]
    meeting_request = services.request_send(setup=setup, sender=alma, recipient_id=bruno.pk)
    services.request_accept(meeting_request=meeting_request, profile=bruno)
    services.setup_publish(setup=setup, actor=None)
    after = event.ends_at + datetime.timedelta(hours=2)
    assert followup_services.followup_invitations_send_due(now=after) == 2
    mail = last_mail(alma, "Nach der Gesprächsbörse")
    check_html(mail, first_name="Alma")
    assert "/netzwerk/nachbereitung/" in mail.body_html and "Wasserstoff &amp; Wärme" in mail.body_html


# --- topic proposals ------------------------------------------------------------------------------


def test_topic_decision_mails_in_html(site_url):
    alma, _token = make_profile(1, first_name="Alma")
    network_services.profile_update(profile=alma, data=profile_input(
        1, first_name="Alma", topic_proposals=(TRICKY, "Grubenwasser & Wärme")))
    network_services.topic_proposal_approve(proposal=TopicProposal.objects.get(name="Grubenwasser & Wärme"),
                                            actor=None)
    network_services.topic_proposal_reject(proposal=TopicProposal.objects.get(name=TRICKY), actor=None)
    approved, rejected = last_mail(alma, "angenommen"), last_mail(alma, "nicht übernommen")
    check_html(approved, first_name="Alma")
    assert "/netzwerk/mein-profil/" in approved.body_html and "Grubenwasser &amp; Wärme" in approved.body_html
    check_html(rejected, first_name="Alma", shows_tricky=True)
    assert "/netzwerk/link-anfordern/" in rejected.body_html


def test_retention_warning_mail_in_html(site_url):
    """The warning before the anonymisation (network.retention.profiles_warn_due): the links to keep
    the profile and to delete it now, in both parts, under SITE_URL."""
    from revier.network.models import Profile, ProfileLink
    from revier.network.retention import profiles_warn_due

    alma, _token = make_profile(1, first_name="Alma", organisation=TRICKY)
    long_ago = timezone.now() - datetime.timedelta(days=settings.NETWORK_PROFILE_RETENTION_DAYS)
    Profile.objects.update(updated_at=long_ago, confirmed_at=long_ago)
    ProfileLink.objects.update(created_at=long_ago)
    assert profiles_warn_due() == 1
    mail = last_mail(alma, "bald gelöscht")
    check_html(mail, first_name="Alma")
    for anchor in ("#profil-behalten", "#profil-loeschen"):
        assert f"{site_url}/netzwerk/mein-profil/" in mail.body_html and anchor in mail.body_html


def make_every_network_mail() -> None:
    """Makes one mail of every kind the network sends (profiles, Gesprächsbörse, contact requests,
    follow-up, topic decisions) through the services, with user text that needs escaping; for the
    checks of the whole documents (tests/browser/test_network_mails.py)."""
    event = EventFactory(title="Wasserstoff & Wärme")
    data = meeting_setup_input(event)
    setup = services.setup_save(event=event, data=data.__class__(**{
        **data.__dict__, "tables": (services.TableInput(number=1, name=TABLE_NAME), services.TableInput(number=2))}),
        actor=None)
    alma, bruno, carla, dario = (
        make_participant(event, n, first_name=name, organisation=TRICKY if n == 0 else f"Institut {name}")[0]
        for n, name in enumerate(["Alma", "Bruno", "Carla", "Dario"]))
    sent_at = timezone.now()
    agreed = services.request_send(setup=setup, sender=alma, recipient_id=bruno.pk, message=MESSAGE, now=sent_at)
    services.meeting_requests_remind_due(now=sent_at + datetime.timedelta(hours=49))
    meeting = services.request_accept(meeting_request=agreed, profile=bruno)
    services.request_decline(meeting_request=services.request_send(setup=setup, sender=carla, recipient_id=alma.pk),
                             profile=alma)
    services.setup_publish(setup=setup, actor=None)
    services.meeting_fix(setup=setup, meeting_id=meeting.pk, slot_id=setup.slots.order_by("-starts_at").first().pk,
                         table_id=setup.tables.get(number=2).pk, actor=None)
    services.request_send(setup=setup, sender=dario, recipient_id=alma.pk)
    services.meeting_requests_lapse_due(now=setup.request_deadline)
    services.meeting_cancel(meeting_request=agreed, profile=alma)
    # A meeting placed at once after publishing, so that the follow-up has someone to invite.
    services.request_accept(meeting_request=services.request_send(setup=setup, sender=carla, recipient_id=dario.pk),
                            profile=dario)
    followup_services.followup_invitations_send_due(now=event.ends_at + datetime.timedelta(hours=2))
    sent_at = timezone.now() - datetime.timedelta(days=8)
    contact = contact_services.contact_request_send(sender=alma, recipient_id=bruno.pk, message=MESSAGE, now=sent_at)
    contact_services.contact_requests_remind_due()
    contact_services.contact_request_accept(contact_request=contact)
    contact_services.contact_request_decline(contact_request=contact_services.contact_request_send(
        sender=carla, recipient_id=alma.pk, message="Hallo"))
    contact_services.contact_request_send(sender=dario, recipient_id=alma.pk, message="Hallo",
                                          now=timezone.now() - datetime.timedelta(days=15))
    contact_services.contact_requests_lapse_due()
    contact_services.contact_link_send(email=bruno.email, recipient_id=alma.pk)
    network_services.profile_update(profile=alma, data=profile_input(
        0, first_name="Alma", organisation=TRICKY, topic_proposals=(TRICKY, "Grubenwasser & Wärme")))
    network_services.topic_proposal_approve(proposal=TopicProposal.objects.get(name="Grubenwasser & Wärme"),
                                            actor=None)
    network_services.topic_proposal_reject(proposal=TopicProposal.objects.get(name=TRICKY), actor=None)


NETWORK_MAIL_SUBJECTS = [  # one of every kind (the profiles' own are checked in test_network_profiles)
    "Neue Gesprächsanfrage", "Erinnerung: Eine Gesprächsanfrage", "Gesprächstermin vereinbart",
    "Ihre Gesprächsanfrage wurde abgelehnt", "Ihre Gesprächsanfrage ist verfallen",
    "Ihr Gesprächstermin: Zeit und Tisch",
    "Ihr Gesprächstermin wurde verlegt", "Gesprächstermin abgesagt", "Nach der Gesprächsbörse",
    "Kontaktanfrage im Netzwerk", "Erinnerung: Kontaktanfrage", "Kontaktanfrage angenommen",
    "Ihre Kontaktanfrage wurde abgelehnt", "Ihre Kontaktanfrage ist verfallen", "Ihr Link zur Kontaktaufnahme",
    "Ihr Themenvorschlag wurde angenommen", "Ihr Themenvorschlag wurde nicht übernommen",
]


def test_make_every_network_mail_makes_every_kind_with_an_html_part():
    make_every_network_mail()
    subjects = list(OutboxMail.objects.values_list("subject", flat=True))
    missing = [start for start in NETWORK_MAIL_SUBJECTS if not any(s.startswith(start) for s in subjects)]
    assert not missing
    assert not OutboxMail.objects.filter(body_html="").exists()


# --- the templates themselves ---------------------------------------------------------------------


def _source_with_includes(name: str) -> str:
    """A template's source followed by the sources of the templates it includes."""
    source = engines["django"].get_template(name).template.source
    for included in re.findall(r'{% include "([^"]+)"', source):
        source += _source_with_includes(included)
    return source


@pytest.mark.parametrize("text_template", sorted(
    str(path.relative_to(TEMPLATES)) for path in TEMPLATES.glob("network/**/mail/*.txt")
    if not path.name.startswith("_")))
def test_every_network_text_mail_has_an_html_variant_with_its_variables(text_template):
    html_template = text_template.removesuffix(".txt") + ".html"
    assert (TEMPLATES / html_template).exists(), f"{text_template} has no HTML variant"
    text_source = _source_with_includes(text_template)
    html_source = _source_with_includes(html_template) + _source_with_includes("network/mail/_layout.html")
    used = set(re.findall(r"{{\s*([\w.]+)", text_source)) | set(re.findall(r"\w+=([a-z_][\w.]*)", text_source))
    assert used, text_template
    missing = sorted(name for name in used if name not in html_source)
    assert not missing, f"{html_template} lacks {missing}"
