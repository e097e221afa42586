"""Topic proposals ("Neues Thema vorschlagen" in the profile form): stored with the profile's change,
duplicates merged or refused with a German message, bad input refused and changing nothing; staff
approve (a new core Topic or an existing one, given to every proposing profile, audited) or reject,
in the admin."""

import re

import pytest
from django.db import transaction

from revier.core.models import AuditEntry, OutboxMail, Topic
from revier.network import errors, services
from revier.network.models import Profile, TopicProposal
from tests.factories import StaffFactory, TopicFactory, make_profile, profile_input

pytestmark = pytest.mark.django_db

CHANGELIST = "/verwaltung/network/topicproposal/"


def propose(profile, *names, **overrides):
    """The person saves their details with proposals (as the personal page's form does)."""
    return services.profile_update(profile=profile, data=profile_input(topic_proposals=names, **overrides))


def personal(token):
    return f"/netzwerk/mein-profil/{token}/"


# --- Services: proposing ---------------------------------------------------------------------------


def test_topic_proposal_is_stored_open_with_its_profile_on_create_and_update():
    created, _token = make_profile(topic_proposals=("Grubenwasser-Wärme",))
    proposal = TopicProposal.objects.get()
    assert (proposal.name, proposal.name_key, proposal.status) == ("Grubenwasser-Wärme", "grubenwasser-wärme", "open")
    assert list(proposal.profiles.all()) == [created]
    other, _token = make_profile(1)
    propose(other, "  Bergbau-Folgelandschaften  ")
    assert TopicProposal.objects.get(profiles=other).name == "Bergbau-Folgelandschaften"
    assert AuditEntry.objects.filter(action="topic_proposed", object_id=str(other.pk)).count() == 1


def test_topic_proposal_of_the_same_name_by_another_profile_is_merged():
    first, _ = make_profile()
    second, _ = make_profile(1)
    propose(first, "Grüner Wasserstoff für Glas")
    propose(second, "grüner   WASSERSTOFF für glas")
    proposal = TopicProposal.objects.get()
    assert set(proposal.profiles.all()) == {first, second}
    assert proposal.name == "Grüner Wasserstoff für Glas"


def test_topic_proposal_empty_is_ignored():
    profile, _ = make_profile()
    propose(profile, "", "   ")
    assert not TopicProposal.objects.exists()


@pytest.mark.parametrize("name", ["x" * 81, "Nul\x00Thema", "Zeilen\numbruch\x07"])
def test_topic_proposal_bad_input_is_refused_and_changes_nothing(name):
    profile, _ = make_profile()
    with pytest.raises(errors.InvalidInput):
        propose(profile, name, last_name="Geändert")
    profile.refresh_from_db()
    assert profile.last_name == "Beispiel0" and not TopicProposal.objects.exists()
    with pytest.raises(errors.InvalidInput):
        make_profile(5, topic_proposals=(name,))
    assert not Profile.objects.filter(email="kim5@example.org").exists()


def test_topic_proposal_of_an_existing_topic_is_refused_in_german():
    TopicFactory(name="Wärmewende", slug="waermewende")
    profile, _ = make_profile()
    with pytest.raises(errors.TopicProposalRefused) as refused:
        propose(profile, " WÄRMEWENDE ", last_name="Geändert")
    assert refused.value.message == "Das Thema „Wärmewende“ gibt es schon. Bitte wählen Sie es in der Liste der Themen."
    profile.refresh_from_db()
    assert profile.last_name == "Beispiel0" and not TopicProposal.objects.exists()


def test_topic_proposal_twice_by_the_same_profile_and_more_than_the_limit_are_refused():
    profile, _ = make_profile()
    propose(profile, "Thema A")
    with pytest.raises(errors.TopicProposalRefused, match="bereits vorgeschlagen"):
        propose(profile, "thema a")
    propose(profile, "Thema B")
    propose(profile, "Thema C")
    with pytest.raises(errors.TopicProposalRefused, match="höchstens 3"):
        propose(profile, "Thema D")
    assert TopicProposal.objects.count() == 3


def test_deleting_the_only_proposer_drops_the_open_proposal_another_keeps_it():
    alone, _ = make_profile()
    shared, _ = make_profile(1)
    other, _ = make_profile(2)
    propose(alone, "Nur eines")
    propose(shared, "Gemeinsam")
    propose(other, "Gemeinsam")
    services.profile_delete(profile=alone)
    services.profile_delete(profile=shared)
    assert list(TopicProposal.objects.values_list("name", flat=True)) == ["Gemeinsam"]
    assert list(TopicProposal.objects.get().profiles.all()) == [other]


# --- Services: staff decide ------------------------------------------------------------------------


def test_approve_creates_the_topic_gives_it_to_every_proposer_and_audits():
    staff = StaffFactory()
    first, _ = make_profile()
    second, _ = make_profile(1)
    propose(first, "Grubenwasser-Wärme")
    propose(second, "grubenwasser-wärme")
    proposal = TopicProposal.objects.get()
    topic = services.topic_proposal_approve(proposal=proposal, actor=staff)
    assert (topic.name, topic.slug) == ("Grubenwasser-Wärme", "grubenwasser-waerme")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.topic, proposal.decided_by) == ("approved", topic, staff)
    for profile in (first, second):
        assert topic in profile.topics.all()
        profile.refresh_from_db()
        assert "Grubenwasser-Wärme" in profile.search_text
    actions = set(AuditEntry.objects.filter(actor=staff).values_list("action", flat=True))
    assert actions == {"topic_created", "topic_proposal_approved", "profile_topic_added"}
    with pytest.raises(errors.TopicProposalDecided):
        services.topic_proposal_approve(proposal=proposal, actor=staff)
    with pytest.raises(errors.TopicProposalDecided):
        services.topic_proposal_reject(proposal=proposal, actor=staff)
    assert Topic.objects.filter(name="Grubenwasser-Wärme").count() == 1


def test_approve_maps_to_an_existing_topic_or_one_of_the_same_name_made_meanwhile():
    staff = StaffFactory()
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    profile, _ = make_profile()
    propose(profile, "Wärmepumpen")
    mapped = services.topic_proposal_approve(proposal=TopicProposal.objects.get(), actor=staff, topic=heat)
    assert mapped == heat and heat in profile.topics.all()
    propose(profile, "Geothermie")
    TopicFactory(name="GEOTHERMIE", slug="geothermie")  # staff added it in the topic list meanwhile
    topics = Topic.objects.count()
    same = services.topic_proposal_approve(proposal=TopicProposal.objects.get(status="open"), actor=staff)
    assert same.slug == "geothermie" and Topic.objects.count() == topics


def test_approve_with_a_corrected_name_and_reject():
    staff = StaffFactory()
    profile, _ = make_profile()
    propose(profile, "Wasserstof-Logistik", "Unsinn")
    typo = TopicProposal.objects.get(name="Wasserstof-Logistik")
    topic = services.topic_proposal_approve(proposal=typo, actor=staff, name="Wasserstoff-Logistik")
    assert topic.name == "Wasserstoff-Logistik"
    rejected = services.topic_proposal_reject(proposal=TopicProposal.objects.get(name="Unsinn"), actor=staff)
    assert rejected.status == "rejected" and rejected.topic is None
    assert not profile.topics.filter(name="Unsinn").exists()
    assert AuditEntry.objects.filter(action="topic_proposal_rejected", object_id=str(rejected.pk)).exists()
    propose(profile, "Unsinn")  # a rejected name may be proposed again, as a new proposal
    assert TopicProposal.objects.filter(name="Unsinn").count() == 2


# --- Services: the proposers are told ------------------------------------------------------------


def decision_mails(profile):
    return [mail for mail in OutboxMail.objects.order_by("id")
            if profile.email in mail.to and "Themenvorschlag" in mail.subject]


def test_approve_mails_every_confirmed_proposer_the_decision_with_a_working_personal_link(client):
    staff = StaffFactory()
    first, _ = make_profile(first_name="Alma")
    second, _ = make_profile(1, first_name="Bruno")
    unconfirmed, _ = make_profile(2, confirmed=False, topic_proposals=("Grubenwasser-Waerme",))
    propose(first, "Grubenwasser-Waerme", first_name="Alma")
    propose(second, "grubenwasser-waerme", first_name="Bruno")
    proposal = TopicProposal.objects.get()
    services.topic_proposal_approve(proposal=proposal, actor=staff, name="Grubenwasser-Wärme")
    for profile in (first, second):
        [mail] = decision_mails(profile)
        assert mail.subject == "Ihr Themenvorschlag wurde angenommen"
        assert f"Guten Tag {profile.first_name}," in mail.body_text
        assert "„Grubenwasser-Waerme“" in mail.body_text and "das Thema „Grubenwasser-Wärme“" in mail.body_text
        path = re.search(r"https?://[^/\s]+(/netzwerk/mein-profil/[\w-]+/)", mail.body_text).group(1)
        assert path in mail.body_html and "Ihr Profil öffnen" in mail.body_html
        page = client.get(path)
        assert page.status_code == 200 and "Grubenwasser-Wärme" in page.content.decode()
    # An unconfirmed profile's address is not proven: it gets the topic, but no mail.
    assert decision_mails(unconfirmed) == [] and unconfirmed.topics.filter(name="Grubenwasser-Wärme").exists()
    entry = AuditEntry.objects.get(action="topic_proposal_approved")
    assert (entry.data["profiles"], entry.data["mailed"]) == (3, 2)


def test_reject_mails_every_confirmed_proposer_without_changing_a_profile():
    staff = StaffFactory()
    first, _ = make_profile(first_name="Alma")
    unconfirmed, _ = make_profile(2, confirmed=False, topic_proposals=("Unsinn",))
    propose(first, "Unsinn", first_name="Alma")
    links = first.links.count()
    services.topic_proposal_reject(proposal=TopicProposal.objects.get(), actor=staff)
    [mail] = decision_mails(first)
    assert mail.subject == "Ihr Themenvorschlag wurde nicht übernommen"
    assert "„Unsinn“" in mail.body_text and "/netzwerk/link-anfordern/" in mail.body_text
    assert "/netzwerk/link-anfordern/" in mail.body_html and "/mein-profil/" not in mail.body_text
    assert first.links.count() == links  # no new personal link: the rejection changes no profile
    assert decision_mails(unconfirmed) == []
    assert AuditEntry.objects.get(action="topic_proposal_rejected").data == {"mailed": 1}


@pytest.mark.parametrize("decide", ["approve", "reject"])
def test_decision_mail_exists_only_when_the_decision_is_committed(decide):
    profile, _ = make_profile()
    propose(profile, "Grubenwasser-Wärme")
    proposal = TopicProposal.objects.get()
    mails = OutboxMail.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        getattr(services, f"topic_proposal_{decide}")(proposal=proposal, actor=None)
        assert OutboxMail.objects.count() == mails + 1
        raise RuntimeError("the surrounding transaction fails")
    assert OutboxMail.objects.count() == mails and TopicProposal.objects.get().status == "open"
    with pytest.raises(errors.TopicProposalDecided):  # a decided proposal: refused, nothing mailed again
        getattr(services, f"topic_proposal_{decide}")(proposal=proposal, actor=None)
        getattr(services, f"topic_proposal_{decide}")(proposal=proposal, actor=None)
    assert OutboxMail.objects.count() == mails + 1


# --- Pages -----------------------------------------------------------------------------------------


def test_personal_page_proposes_a_topic_and_lists_it(client):
    profile, token = make_profile()
    data = {"aktion": "aendern", "first_name": "Kim", "last_name": "Beispiel0", "organisation": "Org", "kind": "kmu",
            "region": "mitteldeutsch", "topic_proposal": "Grubenwasser-Wärme"}
    response = client.post(personal(token), data)
    assert response.status_code == 302
    assert TopicProposal.objects.get().name == "Grubenwasser-Wärme"
    html = client.get(personal(token)).content.decode()
    assert "Neues Thema vorschlagen" in html and "Grubenwasser-Wärme" in html


def test_personal_page_refuses_an_existing_or_overlong_topic_next_to_the_field(client):
    TopicFactory(name="Wärmewende", slug="waermewende")
    _profile, token = make_profile()
    data = {"aktion": "aendern", "first_name": "Kim", "last_name": "Neu", "organisation": "Bleibt GmbH",
            "kind": "kmu", "region": "mitteldeutsch"}
    for value, message in (("wärmewende", "Das Thema „Wärmewende“ gibt es schon."),
                           ("x" * 81, "höchstens 80 Zeichen")):
        response = client.post(personal(token), {**data, "topic_proposal": value})
        html = response.content.decode()
        assert "<title>Fehler:" in html and message in html
        assert 'value="Bleibt GmbH"' in html
    assert not TopicProposal.objects.exists()
    assert Profile.objects.get().last_name == "Beispiel0"


def test_personal_page_shows_a_refused_duplicate_of_the_service_next_to_the_field(client):
    profile, token = make_profile()
    propose(profile, "Thema A")
    data = {"aktion": "aendern", "first_name": "Kim", "last_name": "Neu", "organisation": "Bleibt GmbH",
            "kind": "kmu", "region": "mitteldeutsch", "topic_proposal": "THEMA A"}
    response = client.post(personal(token), data)
    html = response.content.decode()
    assert response.status_code == 409 and "bereits vorgeschlagen" in html and 'value="THEMA A"' in html
    assert Profile.objects.get().last_name == "Beispiel0"


def test_create_form_takes_a_topic_proposal(client):
    from tests.network.test_views import form_data

    response = client.post("/netzwerk/profil-anlegen/", form_data(topic_proposal="Grubenwasser-Wärme"))
    assert response.status_code == 302
    assert list(TopicProposal.objects.get().profiles.all()) == [Profile.objects.get()]
    assert "Neues Thema vorschlagen" in client.get("/netzwerk/profil-anlegen/").content.decode()


# --- Admin -----------------------------------------------------------------------------------------


def test_admin_decides_on_the_proposal_page_through_the_services(admin_client):
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    profile, _ = make_profile()
    propose(profile, "Wasserstof-Logistik", "Wärmepumpen", "Unsinn")
    typo, pumps, nonsense = (TopicProposal.objects.get(name=name)
                             for name in ("Wasserstof-Logistik", "Wärmepumpen", "Unsinn"))
    page = admin_client.get(f"{CHANGELIST}{typo.pk}/change/").content.decode()
    assert "Wasserstof-Logistik" in page and "Elektrolyse Zeitz GmbH 0" in page and profile.email not in page
    # Mapping needs a topic: German error, nothing decided.
    response = admin_client.post(f"{CHANGELIST}{pumps.pk}/change/", {"decision": "map", "new_name": ""})
    assert response.status_code == 200 and "Bitte wählen Sie das Thema" in response.content.decode()
    admin_client.post(f"{CHANGELIST}{typo.pk}/change/", {"decision": "approve", "new_name": "Wasserstoff-Logistik"})
    admin_client.post(f"{CHANGELIST}{pumps.pk}/change/", {"decision": "map", "existing_topic": str(heat.pk)})
    admin_client.post(f"{CHANGELIST}{nonsense.pk}/change/", {"decision": "reject"})
    assert set(profile.topics.values_list("name", flat=True)) == {"Wasserstoff-Logistik", "Wärmewende"}
    assert dict(TopicProposal.objects.values_list("name", "status")) == {
        "Wasserstof-Logistik": "approved", "Wärmepumpen": "approved", "Unsinn": "rejected"}
    # A decided proposal is read-only.
    response = admin_client.post(f"{CHANGELIST}{nonsense.pk}/change/", {"decision": "approve", "new_name": "X"})
    assert response.status_code == 403
    assert not Topic.objects.filter(name="X").exists()


def test_admin_list_actions_approve_and_reject(admin_client):
    first, _ = make_profile()
    second, _ = make_profile(1)
    propose(first, "Grubenwasser-Wärme")
    propose(second, "Grubenwasser-wärme", "Unsinn")
    keep, drop = TopicProposal.objects.get(name="Grubenwasser-Wärme"), TopicProposal.objects.get(name="Unsinn")
    assert "Grubenwasser-Wärme" in admin_client.get(CHANGELIST).content.decode()
    admin_client.post(CHANGELIST, {"action": "approve_proposals", "_selected_action": [str(keep.pk)]})
    admin_client.post(CHANGELIST, {"action": "reject_proposals", "_selected_action": [str(drop.pk)]})
    topic = Topic.objects.get(name="Grubenwasser-Wärme")
    assert topic in first.topics.all() and topic in second.topics.all()
    drop.refresh_from_db()
    assert drop.status == "rejected"
    assert AuditEntry.objects.filter(action="topic_proposal_approved", actor__isnull=False).count() == 1
