"""Partner suggestions on the site: the engine's input from the database, the worker's rebuild and
queued updates, the visibility rules of what a person sees, the weights in the admin, the pages and
their query counts."""

import datetime

import pytest
from django.utils import timezone

from revier.core.models import AuditEntry
from revier.network import services as network_services
from revier.network.matching import ProfileError
from revier.network.services import EntryInput
from revier.network.suggestions import services
from revier.network.suggestions.models import Suggestion, SuggestionQueue, SuggestionWeights
from revier.network.suggestions.selectors import engine_profiles, suggestion_list_for
from tests.factories import EventFactory, StaffFactory, make_participant, make_profile

pytestmark = pytest.mark.django_db

NEED = EntryInput(direction="need", title="Partner für die Elektrolyse im Chemiepark",
                  text="Wir wollen Wasserstoffelektrolyse in unsere Anlagen einbinden.")
OFFER = EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten",
                   text="Wir messen Membranen und Elektroden für die Elektrolyse von Wasserstoff.")
NEED_2 = EntryInput(direction="need", title="Hersteller für Druckbehälter",
                    text="Für eine Pilotanlage brauchen wir eine Firma, die Druckbehälter fertigt.")
OFFER_2 = EntryInput(direction="offer", title="Druckbehälter und Rohrleitungen aus Edelstahl",
                     text="Wir fertigen Druckbehälter und Rohrleitungen für Chemieanlagen.")


def seeker(n=0, **kwargs):
    return make_profile(n, entries=[NEED, OFFER_2], **kwargs)


def provider(n=1, **kwargs):
    return make_profile(n, entries=[OFFER, NEED_2], kind="wissenschaft", phone="+49 30 7777", **kwargs)


def shown(profile):
    return [s.other.pk for s in suggestion_list_for(profile=profile)]


def test_engine_profiles_only_suggestible_and_constant_queries(django_assert_num_queries):
    a, _ = seeker(0)
    b, _ = provider(1, visibility="participants")
    make_profile(2, entries=[NEED], visibility="hidden")
    make_profile(3, entries=[NEED], confirmed=False)
    d, _ = make_profile(4, entries=[NEED])
    network_services.profile_hide(profile=d, actor=None)
    with django_assert_num_queries(3):
        profiles = engine_profiles()
    assert sorted(int(p.id) for p in profiles) == sorted([a.pk, b.pk])
    mine = next(p for p in profiles if p.id == str(a.pk))
    assert [item.title for item in mine.needs] == [NEED.title]
    assert mine.name == a.organisation and mine.kind == "kmu" and mine.region == "mitteldeutsch"


def test_rebuild_stores_ranked_suggestions_with_german_reasons():
    a, _ = seeker(0)
    b, _ = provider(1)
    services.suggestions_worker()
    row = Suggestion.objects.get(profile=a)
    assert (row.other_id, row.rank) == (b.pk, 1)
    assert any(reason.startswith("Sie suchen: „Partner für die Elektrolyse") for reason in row.reasons)
    assert Suggestion.objects.get(profile=b).other_id == a.pk
    weights = SuggestionWeights.objects.get()
    assert not weights.rebuild_due and weights.build_id and weights.built_at


def test_profile_change_is_queued_in_its_transaction_and_updated_by_the_worker():
    a, _ = seeker(0)
    services.suggestions_worker()
    assert not Suggestion.objects.exists()
    b, _ = provider(1)
    assert SuggestionQueue.objects.filter(profile_id=b.pk).exists()  # queued by the confirmation
    services.suggestions_worker()
    assert not SuggestionQueue.objects.exists()
    assert shown(a) == [b.pk] and shown(b) == [a.pk]
    # the need goes: nothing fits any more
    for entry in list(b.entries.all()):
        network_services.profile_entry_delete(profile=b, entry_id=entry.pk)
    network_services.profile_entry_add(profile=b, data=EntryInput(direction="offer", title="Catering für Tagungen"))
    services.suggestions_worker()
    assert shown(a) == []


def test_rolled_back_change_queues_nothing():
    a, _ = seeker(0)
    services.suggestions_worker()
    with pytest.raises(Exception):  # noqa: B017
        network_services.profile_update(profile=a, data=network_services.ProfileInput(
            first_name="", last_name="x", organisation="y", kind="kmu", region="mitteldeutsch"))
    assert not SuggestionQueue.objects.exists()


@pytest.mark.parametrize("how", ["hidden", "staff", "deleted"])
def test_hidden_or_deleted_profile_leaves_the_lists(how):
    a, _ = seeker(0)
    b, _ = provider(1)
    services.suggestions_worker()
    assert shown(a) == [b.pk]
    if how == "hidden":
        network_services.profile_set_visibility(profile=b, visibility="hidden")
    elif how == "staff":
        network_services.profile_hide(profile=b, actor=None)
    else:
        network_services.profile_delete(profile=b)
    assert shown(a) == []  # at once, before the worker ran: visibility is checked when reading
    services.suggestions_worker()
    assert not Suggestion.objects.filter(other_id=b.pk).exists()
    assert not Suggestion.objects.filter(profile_id=b.pk).exists()


def test_hidden_viewer_sees_no_suggestions():
    a, _ = seeker(0)
    provider(1)
    services.suggestions_worker()
    network_services.profile_set_visibility(profile=a, visibility="hidden")
    a.refresh_from_db()
    assert shown(a) == []


def test_participants_only_profile_is_suggested_only_to_participants_of_the_same_event():
    event, other_event = EventFactory(), EventFactory()
    b, _ = make_participant(event, 1, visibility="participants")
    for entry in (OFFER, NEED_2):
        network_services.profile_entry_add(profile=b, data=entry)
    same, _ = make_participant(event, 2)
    elsewhere, _ = make_participant(other_event, 3)
    outsider, _ = seeker(4)
    for person in (same, elsewhere):
        for entry in (NEED, OFFER_2):
            network_services.profile_entry_add(profile=person, data=entry)
    services.suggestions_worker()
    for person in (same, elsewhere, outsider):
        assert Suggestion.objects.filter(profile=person, other=b).exists()  # stored for all …
    assert b.pk in shown(same)  # … shown only to the participant of the same event
    assert b.pk not in shown(elsewhere)
    assert b.pk not in shown(outsider)


def test_unconfirmed_profile_never_suggested():
    a, _ = seeker(0)
    b, _ = provider(1, confirmed=False)
    services.suggestions_worker()
    assert shown(a) == [] and not Suggestion.objects.filter(other=b).exists()


def test_weights_change_triggers_rebuild():
    a, _ = seeker(0)
    provider(1)
    services.suggestions_worker()
    before = SuggestionWeights.objects.get()
    values = {name: getattr(before, name) for name in services.WEIGHT_FIELDS} | {"kinds": []}
    values["topics"] = 0.5
    services.suggestion_weights_save(values=values, actor=StaffFactory())
    row = SuggestionWeights.objects.get()
    assert row.rebuild_due and row.topics == 0.5
    assert AuditEntry.objects.filter(action="suggestion_weights_changed").exists()
    services.suggestions_worker()
    row.refresh_from_db()
    assert not row.rebuild_due and row.build_id != before.build_id


def test_weights_refused_when_invalid():
    values = {name: 0.1 for name in services.WEIGHT_FIELDS} | {"kinds": [], "kind": 0.8, "region": 0.5, "title": 2}
    with pytest.raises(ProfileError):
        services.suggestion_weights_save(values=values, actor=None)


def test_nightly_rebuild():
    seeker(0)
    services.suggestions_worker()
    row = SuggestionWeights.objects.get()
    later = timezone.localtime(row.built_at).replace(hour=4) + datetime.timedelta(days=1)
    services.suggestions_worker(now=later)
    assert SuggestionWeights.objects.get().build_id != row.build_id


def test_worker_without_index_adopts_the_stored_lists():
    a, _ = seeker(0)
    services.suggestions_worker()
    services._held.index, services._held.build_id = None, ""  # a new worker process
    b, _ = provider(1)
    services.suggestions_worker()
    assert shown(a) == [b.pk]


def test_admin_weights_form_validates_and_rebuilds(admin_client):
    services.weights_row()
    url = "/verwaltung/network/suggestionweights/1/change/"
    assert admin_client.get(url).status_code == 200
    data = {"text": "0.8", "topics": "-1", "reciprocity": "0.5", "kind": "0.2", "region": "0.1", "ngrams": "0.3", "concepts": "0.3",
            "title": "2", "min_similarity": "0.08", "kinds": "[]"}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "0" in response.content.decode()
    SuggestionWeights.objects.filter(pk=1).update(rebuild_due=False)
    response = admin_client.post(url, {**data, "topics": "0.4"})
    assert response.status_code == 302
    row = SuggestionWeights.objects.get()
    assert row.topics == 0.4 and row.rebuild_due


def test_personal_page_shows_suggestions_without_contact_data(client):
    a, token = seeker(0)
    b, _ = provider(1)
    services.suggestions_worker()
    body = client.get(f"/netzwerk/mein-profil/{token}/").content.decode()
    assert "Passende Partner" in body and b.organisation in body and "Sie suchen" in body
    assert b.email not in body and b.phone not in body
    page = client.get(f"/netzwerk/mein-profil/{token}/partner/")
    assert page.status_code == 200
    text = page.content.decode()
    assert b.organisation in text and b.email not in text and b.phone not in text
    assert client.get("/netzwerk/mein-profil/falsch/partner/").status_code == 404


def _queries(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_suggestion_pages_queries_do_not_grow(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a, token = seeker(0)
    provider(1)
    services.suggestions_worker()
    counts = {}
    for url in (f"/netzwerk/mein-profil/{token}/partner/", f"/netzwerk/mein-profil/{token}/"):
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small)
    for n in range(2, 14):
        provider(n)
    services.suggestions_worker()
    assert len(shown(a)) > 5
    for url, budget in counts.items():
        _queries(client, url, django_assert_max_num_queries, budget)


def test_worker_round_without_profiles(django_assert_max_num_queries):
    assert services.suggestions_worker() == 0
    with django_assert_max_num_queries(3):  # an idle round: the weights row and the empty queue
        assert services.suggestions_worker() == 0
