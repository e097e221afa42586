"""Profiles through HTTP: the landing page, "Profil anlegen", the personal page with its forms, the
entry page, "Link erneut senden"; the unhappy paths (bad input, honeypot, rate limit, tampered links,
NUL bytes) and privacy: e-mail and phone appear only on the owner's personal page."""

import datetime

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from revier.core.models import OutboxMail
from revier.network import services
from revier.network.models import Profile, ProfileEntry, ProfileLink
from tests.factories import TopicFactory, make_profile, profile_token

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "geheim.adresse@example.org", "+49 3441 987654"


def form_data(**overrides):
    data = {
        "first_name": "Kim", "last_name": "Beispiel", "email": EMAIL, "phone": PHONE, "function": "Leiterin",
        "organisation": "Elektrolyse Zeitz GmbH", "kind": "kmu", "region": "mitteldeutsch", "district": "Zeitz",
        "description": "Komponenten für Elektrolyseure.", "visibility": "public",
        "offer_title": "Prüfung von Elektrolyse-Komponenten", "offer_text": "Prüfstände bis 1 MW.",
        "need_title": "", "need_text": "", "website": "",
    }
    data.update(overrides)
    return data


def no_cookie(response):
    return not response.cookies and "Set-Cookie" not in response.headers


def personal(token):
    return f"/netzwerk/mein-profil/{token}/"


def test_navigation_leads_to_the_network_page(client):
    html = client.get("/").content.decode()
    assert 'href="/netzwerk/"' in html
    response = client.get("/netzwerk/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "In Vorbereitung" not in page
    assert 'href="/netzwerk/profil-anlegen/"' in page and 'href="/netzwerk/link-anfordern/"' in page


def test_create_form_makes_an_unconfirmed_profile_and_mails_the_link(client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    assert client.get("/netzwerk/profil-anlegen/").status_code == 200
    response = client.post("/netzwerk/profil-anlegen/", form_data(topics=[str(topic.pk)]))
    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1")
    assert no_cookie(response)
    profile = Profile.objects.get()
    assert profile.status == "unconfirmed" and list(profile.topics.all()) == [topic]
    assert list(profile.entries.values_list("direction", "title")) == [("offer", "Prüfung von Elektrolyse-Komponenten")]
    done = client.get(response["Location"])
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in done.content.decode()
    assert OutboxMail.objects.get().subject == "Bitte bestätigen Sie Ihr Netzwerk-Profil"


def test_create_with_a_known_address_shows_the_same_page_and_creates_nothing(client):
    make_profile(email=EMAIL)
    response = client.post("/netzwerk/profil-anlegen/", form_data(first_name="Jemand"))
    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1")
    assert Profile.objects.count() == 1


def test_create_form_shows_german_errors_next_to_fields_and_keeps_input(client):
    response = client.post("/netzwerk/profil-anlegen/", form_data(
        first_name="", email="kaputt", kind="piraten", description="x" * 1001, offer_title="", offer_text="Nur Text"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fehler:" in html
    assert "Bitte geben Sie Ihren Vornamen ein." in html
    assert "Bitte geben Sie eine E-Mail-Adresse in der Form name@example.de ein." in html
    assert "Bitte wählen Sie eine der aufgeführten Arten." in html
    assert "Bitte kürzen Sie Ihre Eingabe auf höchstens 1000 Zeichen" in html
    assert "Bitte geben Sie dem Eintrag einen Titel" in html
    assert 'value="Elektrolyse Zeitz GmbH"' in html and "Nur Text" in html
    assert Profile.objects.count() == 0


def test_create_form_honeypot_answers_as_done_and_creates_nothing(client):
    response = client.post("/netzwerk/profil-anlegen/", form_data(website="https://spam.example"))
    assert response.status_code == 302
    assert Profile.objects.count() == 0 and OutboxMail.objects.count() == 0


def test_create_form_is_rate_limited_per_client(client, settings):
    settings.SIGNUP_LIMIT_PER_CLIENT = 2
    for n in range(2):
        assert client.post("/netzwerk/profil-anlegen/", form_data(email=f"p{n}@example.org")).status_code == 302
    response = client.post("/netzwerk/profil-anlegen/", form_data(email="p9@example.org"))
    assert response.status_code == 429
    assert "in kurzer Zeit viele Profile angelegt" in response.content.decode()
    assert Profile.objects.count() == 2


def test_cross_site_post_is_refused(client):
    response = client.post("/netzwerk/profil-anlegen/", form_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Profile.objects.count() == 0


@pytest.mark.parametrize("path", ["/netzwerk/profil-anlegen/", "/netzwerk/link-anfordern/"])
def test_nul_bytes_get_the_german_400_page(client, path):
    response = client.post(path, form_data(organisation="Nul\x00GmbH", email="a@example.org"))
    assert response.status_code == 400
    assert Profile.objects.count() == 0


def test_personal_page_confirms_with_a_post_only(client):
    make_profile(email=EMAIL, confirmed=False)
    token = profile_token(EMAIL)
    response = client.get(personal(token))
    assert response.status_code == 200
    assert Profile.objects.get().status == "unconfirmed"  # opening the link changes nothing
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert "Profil bestätigen" in response.content.decode()
    response = client.post(personal(token), {"aktion": "bestaetigen"})
    assert response.status_code == 302 and "erledigt=bestaetigt" in response["Location"]
    assert Profile.objects.get().status == "confirmed"
    assert "Ihr Profil ist bestätigt" in client.get(response["Location"]).content.decode()


def test_personal_page_of_an_unconfirmed_profile_refuses_changes(client):
    _profile, token = make_profile(email=EMAIL, confirmed=False)
    response = client.post(personal(token), {"aktion": "sichtbarkeit", "visibility": "hidden"})
    assert response.status_code == 409
    assert Profile.objects.get().visibility == "public"


def test_an_unconfirmed_profile_can_be_deleted_by_its_link(client):
    _profile, token = make_profile(email=EMAIL, confirmed=False)
    response = client.post(personal(token), {"aktion": "loeschen", "confirm": "on"})
    assert response.status_code == 302
    assert not Profile.objects.exists()


@pytest.mark.parametrize("token", ["falsch", "x" * 43, "y" * 500])
def test_tampered_links_get_the_invalid_link_page(client, token):
    make_profile()
    response = client.get(personal(token))
    assert response.status_code == 404
    assert "Link nicht gültig" in response.content.decode()


def test_expired_link_gets_the_invalid_link_page(client):
    _profile, token = make_profile()
    ProfileLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(personal(token)).status_code == 404


def test_personal_page_changes_details_and_visibility(client):
    profile, token = make_profile(email=EMAIL)
    data = {"aktion": "aendern", "first_name": "Kim", "last_name": "Neu", "organisation": "Neu GmbH", "kind": "wissenschaft",
            "region": "lausitz", "district": "Cottbus", "function": "", "description": "", "phone": ""}
    response = client.post(personal(token), data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.last_name, profile.organisation, profile.kind, profile.phone) == ("Neu", "Neu GmbH", "wissenschaft", "")
    assert profile.email == EMAIL  # not changeable here
    response = client.post(personal(token), {"aktion": "sichtbarkeit", "visibility": "participants"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.visibility == "participants"


def test_personal_page_form_errors_are_german_and_keep_input(client):
    _profile, token = make_profile(email=EMAIL)
    response = client.post(personal(token), {"aktion": "aendern", "first_name": "", "last_name": "L",
                                             "organisation": "Bleibt GmbH", "kind": "kmu", "region": "mars"})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Fehler:" in html
    assert "Bitte geben Sie Ihren Vornamen ein." in html and "Bitte wählen Sie eine der aufgeführten Regionen." in html
    assert 'value="Bleibt GmbH"' in html


def test_personal_page_adds_changes_and_removes_entries(client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    profile, token = make_profile(email=EMAIL)
    response = client.post(personal(token), {"aktion": "eintrag-neu", "neu-direction": "need", "neu-title": "Fachkräfte",
                                             "neu-text": "Zwei Elektriker", "neu-topics": [str(topic.pk)]})
    assert response.status_code == 302
    entry = profile.entries.get()
    assert (entry.direction, entry.title, list(entry.topics.all())) == ("need", "Fachkräfte", [topic])
    page = client.get(personal(token)).content.decode()
    assert "Fachkräfte" in page and "Zwei Elektriker" in page
    entry_url = f"{personal(token)}eintrag/{entry.pk}/"
    assert client.get(entry_url).status_code == 200
    bad = client.post(entry_url, {"direction": "offer", "title": "", "text": "x"})
    assert bad.status_code == 200 and "Bitte geben Sie einen Titel ein." in bad.content.decode()
    response = client.post(entry_url, {"direction": "offer", "title": "Elektriker-Ausbildung", "text": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.direction, entry.title) == ("offer", "Elektriker-Ausbildung")
    response = client.post(personal(token), {"aktion": "eintrag-loeschen", "eintrag": str(entry.pk)})
    assert response.status_code == 302
    assert not ProfileEntry.objects.exists()


def test_entry_page_of_another_profile_is_not_found(client):
    _mine, token = make_profile(email=EMAIL)
    other, _ = make_profile(1, entries=[services.EntryInput(direction="offer", title="Fremd")])
    entry = other.entries.get()
    assert client.get(f"{personal(token)}eintrag/{entry.pk}/").status_code == 404
    response = client.post(personal(token), {"aktion": "eintrag-loeschen", "eintrag": str(entry.pk)})
    assert response.status_code == 409
    assert other.entries.exists()


def test_delete_needs_the_confirming_tick_and_then_deletes_everything(client):
    _profile, token = make_profile(email=EMAIL, entries=[services.EntryInput(direction="offer", title="A")])
    response = client.post(personal(token), {"aktion": "loeschen"})
    assert response.status_code == 200
    assert "Bitte setzen Sie das Häkchen" in response.content.decode()
    assert Profile.objects.exists()
    response = client.post(personal(token), {"aktion": "loeschen", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/netzwerk/profil-geloescht/"
    assert not Profile.objects.exists() and not ProfileEntry.objects.exists()
    assert client.get("/netzwerk/profil-geloescht/").status_code == 200
    assert client.get(personal(token)).status_code == 404


def test_resend_link_page_never_tells_whether_an_address_exists(client):
    make_profile(email=EMAIL)
    known = client.post("/netzwerk/link-anfordern/", {"email": EMAIL, "website": ""})
    unknown = client.post("/netzwerk/link-anfordern/", {"email": "niemand@example.org", "website": ""})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len([m for m in OutboxMail.objects.all() if EMAIL in m.to]) == 3  # confirm, confirmed, link again
    assert "Falls es zu dieser Adresse ein Profil gibt" in client.get(known["Location"]).content.decode()


def test_public_profile_placeholder_shows_only_confirmed_public_unhidden_profiles(client):
    profile, _ = make_profile(email=EMAIL)
    assert client.get(profile.get_absolute_url()).status_code == 200
    for visibility in ("participants", "hidden"):
        services.profile_set_visibility(profile=profile, visibility=visibility)
        assert client.get(profile.get_absolute_url()).status_code == 404
    services.profile_set_visibility(profile=profile, visibility="public")
    services.profile_hide(profile=profile, actor=None)
    assert client.get(profile.get_absolute_url()).status_code == 404
    waiting, _ = make_profile(1, confirmed=False)
    assert client.get(waiting.get_absolute_url()).status_code == 404


def test_email_and_phone_appear_only_on_the_owners_personal_page(client, admin_client):
    profile, token = make_profile(email=EMAIL, phone=PHONE, entries=[services.EntryInput(direction="offer", title="A")])
    entry = profile.entries.get()
    owner_pages = [personal(token), f"{personal(token)}eintrag/{entry.pk}/"]
    owner = client.get(personal(token)).content.decode()
    assert EMAIL in owner and PHONE in owner
    for url in ["/", "/netzwerk/", "/netzwerk/profil-anlegen/", "/netzwerk/link-anfordern/",
                "/netzwerk/link-anfordern/?gesendet=1", "/netzwerk/profil-anlegen/?gesendet=1",
                profile.get_absolute_url(), owner_pages[1]]:
        html = client.get(url).content.decode()
        assert EMAIL not in html and PHONE not in html, url
    for url in ["/verwaltung/network/profile/", f"/verwaltung/network/profile/{profile.pk}/change/",
                "/verwaltung/network/profileentry/", f"/verwaltung/network/profileentry/{entry.pk}/change/"]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert EMAIL not in html and PHONE not in html, url


def test_personal_page_query_count_does_not_grow_with_entries(client):
    topics = [TopicFactory(slug=f"t{n}", name=f"Thema {n}") for n in range(5)]
    _small, small_token = make_profile(email="klein@example.org", entries=[
        services.EntryInput(direction="offer", title="A", topic_ids=(topics[0].pk,))])
    _large, large_token = make_profile(1, email="gross@example.org", topics=topics, entries=[
        services.EntryInput(direction=("offer", "need")[n % 2], title=f"E{n}", topic_ids=tuple(t.pk for t in topics))
        for n in range(services.ENTRIES_MAX)])

    def count(token):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(personal(token)).status_code == 200
        return len(ctx.captured_queries)

    small, large = count(small_token), count(large_token)
    assert small == large
    assert large <= 9  # incl. the open topic proposals and the Gesprächsbörsen of the profile's events
