"""The public network directory (issue 10, section 2): what anonymous readers see per visibility
level (lists, search, profile page, sitemap), the German search on both databases, the filters,
pagination and query counts that do not grow with the data.

Run on PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_dir pytest tests/network/test_directory.py
"""

import json
import re

import pytest
from django.db import connection

from revier.events import services as event_services
from revier.network import services
from revier.network.directory import PAGE_SIZE
from revier.network.models import Profile
from revier.network.services import EntryInput
from tests.factories import (
    EventFactory,
    StaffFactory,
    TicketCategoryFactory,
    TopicFactory,
    make_profile,
    profile_input,
    profile_token,
    registration_input,
)

pytestmark = pytest.mark.django_db

DIRECTORY = "/netzwerk/verzeichnis/"
ENTRIES = "/netzwerk/angebote-und-gesuche/"
SECRET_PHONE = "+49 3441 998877"


def offer(title, text="", topics=()):
    return EntryInput(direction="offer", title=title, text=text, topic_ids=tuple(t.pk for t in topics))


def need(title, text="", topics=()):
    return EntryInput(direction="need", title=title, text=text, topic_ids=tuple(t.pk for t in topics))


def profile_at_event(n, registration, **overrides):
    """A confirmed profile made with an event registration (as "Gesprächsbörse" in the registration)."""
    email = f"teilnahme{n}@example.org"
    entries = overrides.pop("entries", ())
    profile = services.profile_create(
        email=email, data=profile_input(n, phone=SECRET_PHONE, **overrides), entries=entries,
        registration_id=registration.pk,
    ).profile
    services.profile_confirm(token=profile_token(email))
    return Profile.objects.get(pk=profile.pk)


def register(event, n):
    category = event.categories.first() or TicketCategoryFactory(event=event, capacity=100)
    return event_services.registration_create(event=event, data=registration_input(category, n)).registration


def page_text(response) -> str:
    return response.content.decode()


def listed_names(response) -> list[str]:
    html = page_text(response)
    return re.findall(r'class="kern-link" href="/netzwerk/profile/\d+/(?:#eintrag-\d+)?">([^<]+)</a>', html)


@pytest.fixture
def hydrogen():
    return TopicFactory(name="Wasserstoff", slug="wasserstoff")


@pytest.fixture
def heat():
    return TopicFactory(name="Wärmewende", slug="waermewende")


@pytest.fixture
def levels(hydrogen):
    """One profile per visibility level, all offering electrolysis; returns name → profile."""
    entries = [offer("Prüfung von Elektrolyseuren", "Prüfstände für Stacks", topics=[hydrogen])]
    public, _ = make_profile(1, last_name="Öffentlich", phone=SECRET_PHONE, entries=entries, topics=[hydrogen])
    participants, _ = make_profile(2, last_name="Teilnehmend", visibility="participants", entries=entries)
    hidden, _ = make_profile(3, last_name="Verborgen", visibility="hidden", entries=entries)
    unconfirmed, _ = make_profile(4, last_name="Unbestätigt", confirmed=False, entries=entries)
    staff_hidden, _ = make_profile(5, last_name="Gesperrt", entries=entries)
    services.profile_hide(profile=staff_hidden, actor=StaffFactory())
    return {"public": public, "participants": participants, "hidden": hidden, "unconfirmed": unconfirmed,
            "staff_hidden": staff_hidden}


# --- privacy per visibility level ------------------------------------------------------------


@pytest.mark.parametrize("url", [DIRECTORY, ENTRIES, DIRECTORY + "?q=Elektrolyseure", ENTRIES + "?q=Elektrolyseure",
                                 DIRECTORY + "?thema=wasserstoff&richtung=bietet", ENTRIES + "?richtung=bietet"])
def test_directory_shows_anonymous_readers_only_public_profiles(client, levels, url):
    response = client.get(url)
    assert response.status_code == 200
    html = page_text(response)
    assert "Öffentlich" in html
    for hidden in ("Teilnehmend", "Verborgen", "Unbestätigt", "Gesperrt"):
        assert hidden not in html
    assert "@example.org" not in html and SECRET_PHONE not in html


def test_directory_is_the_same_for_staff(client, levels):
    client.force_login(StaffFactory())
    html = page_text(client.get(DIRECTORY))
    assert "Öffentlich" in html and "Teilnehmend" not in html and "Gesperrt" not in html


def test_profile_page_exists_only_for_public_profiles(client, levels):
    assert client.get(levels["public"].get_absolute_url()).status_code == 200
    for name in ("participants", "hidden", "unconfirmed", "staff_hidden"):
        assert client.get(levels[name].get_absolute_url()).status_code == 404, name


def test_profile_page_shows_public_fields_and_never_contact_data(client, hydrogen, heat):
    profile, _ = make_profile(
        1, first_name="Kim", last_name="Zeitz", function="Leiterin Technik", organisation="Elektrolyse Zeitz GmbH",
        kind="kmu", region="mitteldeutsch", district="Burgenlandkreis", phone=SECRET_PHONE,
        description="Wir bauen Komponenten für Elektrolyseure.", topics=[hydrogen],
        entries=[offer("Prüfung von Elektrolyse-Komponenten", "Prüfstände bis 1 MW", topics=[hydrogen]),
                 need("Partner für eine Pilotanlage", "Flächen im Chemiepark", topics=[heat])],
    )
    response = client.get(profile.get_absolute_url())
    html = page_text(response)
    for shown in ("Kim Zeitz", "Leiterin Technik", "Elektrolyse Zeitz GmbH", "Burgenlandkreis", "Wasserstoff",
                  "Wärmewende", "Wir bauen Komponenten", "Prüfung von Elektrolyse-Komponenten", "Prüfstände bis 1 MW",
                  "Partner für eine Pilotanlage", "Mitteldeutsches Revier"):
        assert shown in html, shown
    assert "kim1@example.org" not in html and SECRET_PHONE not in html
    assert "example.org" not in html.split("<main", 1)[1].split("</main>")[0]


def test_profile_page_json_ld_is_an_organization_with_its_member_and_no_contact_data(client, hydrogen):
    profile, _ = make_profile(1, first_name="Kim", last_name="Zeitz", function="Leiterin Technik",
                              organisation="Elektrolyse <Zeitz> & Co", phone=SECRET_PHONE, topics=[hydrogen],
                              entries=[offer("Prüfstände"), need("Fachkräfte </script>")])
    html = page_text(client.get(profile.get_absolute_url()))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "</" not in blocks[0]  # nothing in the data can close the element
    data = json.loads(blocks[0])
    assert data["@type"] == "Organization" and data["name"] == "Elektrolyse <Zeitz> & Co"
    assert data["member"] == [{"@type": "Person", "name": "Kim Zeitz", "url": f"http://testserver{profile.get_absolute_url()}",
                               "jobTitle": "Leiterin Technik"}]
    assert data["knowsAbout"] == ["Wasserstoff"]
    assert data["makesOffer"][0]["itemOffered"]["name"] == "Prüfstände"
    assert data["seeks"][0]["itemOffered"]["name"] == "Fachkräfte </script>"
    assert "@" not in json.dumps({k: v for k, v in data.items() if k != "@context" and k != "@type"}).replace('"@type"', "")
    assert SECRET_PHONE not in blocks[0] and "telephone" not in blocks[0] and "email" not in blocks[0]


def test_profile_page_no_script_tag_inline_but_json_ld(client):
    profile, _ = make_profile(1)
    html = page_text(client.get(profile.get_absolute_url()))
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert scripts == [' type="application/ld+json"']


def test_sitemap_lists_public_profiles_only(client, levels):
    index = page_text(client.get("/sitemap.xml"))
    assert "sitemap-profiles.xml" in index and "sitemap-network.xml" in index
    xml = page_text(client.get("/sitemap-profiles.xml"))
    assert f"/netzwerk/profile/{levels['public'].pk}/" in xml
    for name in ("participants", "hidden", "unconfirmed", "staff_hidden"):
        assert f"/netzwerk/profile/{levels[name].pk}/" not in xml, name
    network = page_text(client.get("/sitemap-network.xml"))
    assert "/netzwerk/verzeichnis/" in network and "/netzwerk/angebote-und-gesuche/" in network


def test_event_filter_never_shows_participant_only_profiles(client):
    event = EventFactory(title="Innovationskonferenz Lausitz")
    public = profile_at_event(1, register(event, 1), last_name="Sichtbar")
    profile_at_event(2, register(event, 2), last_name="Nurgast", visibility="participants")
    other = EventFactory(title="Werkstattgespräch")
    profile_at_event(3, register(other, 3), last_name="Anderswo")
    html = page_text(client.get(DIRECTORY, {"veranstaltung": event.slug}))
    assert "Sichtbar" in html and "Nurgast" not in html and "Anderswo" not in html
    assert public.full_name in html
    # The event with only a participants-only profile is not offered, nor is a draft's.
    lone = EventFactory(title="Nur für Teilnehmende")
    profile_at_event(4, register(lone, 4), visibility="participants")
    html = page_text(client.get(DIRECTORY))
    assert "Innovationskonferenz Lausitz" in html and "Nur für Teilnehmende" not in html
    entries_html = page_text(client.get(ENTRIES, {"veranstaltung": event.slug}))
    assert "Nurgast" not in entries_html


def test_event_filter_leaves_out_cancelled_registrations(client):
    event = EventFactory(title="Innovationskonferenz Lausitz")
    registration = register(event, 1)
    profile_at_event(1, registration, last_name="Abgemeldet")
    registration.status = registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    html = page_text(client.get(DIRECTORY, {"veranstaltung": event.slug}))
    assert "Abgemeldet" not in html


# --- search on both databases ----------------------------------------------------------------


@pytest.fixture
def corpus(hydrogen, heat):
    make_profile(1, last_name="Elektro", organisation="Fraunhofer-Gruppe Zeitz", kind="wissenschaft",
                 entries=[offer("Prüfung von Elektrolyseuren", "Prüfstände für Wasserstoffanlagen", topics=[hydrogen])])
    make_profile(2, last_name="Waerme", organisation="Stadtwerke Cottbus", kind="verwaltung", region="lausitz",
                 description="Wir planen die kommunale Wärmeplanung.",
                 entries=[need("Partner für Fernwärme", "Großwärmepumpen gesucht", topics=[heat])])
    make_profile(3, last_name="Fachkraft", organisation="Maschinenbau Düren", region="rheinisch",
                 entries=[need("Elektrolyseur für die Produktion", "Wir suchen eine Anlage zur Wasserstofferzeugung"),
                          offer("Ausbildungsplätze", "Fachkräfte für Metallberufe")])


def test_search_finds_inflected_german_words(client, corpus):
    names = listed_names(client.get(DIRECTORY, {"q": "Elektrolyseure"}))
    assert set(names) == {"Kim Elektro", "Kim Fachkraft"}
    assert listed_names(client.get(DIRECTORY, {"q": "Wärmeplanungen"})) == ["Kim Waerme"]
    assert listed_names(client.get(DIRECTORY, {"q": "Fraunhofer"})) == ["Kim Elektro"]


def test_search_matches_words_across_profile_and_entries(client, corpus):
    assert listed_names(client.get(DIRECTORY, {"q": "Stadtwerke Großwärmepumpen"})) == ["Kim Waerme"]
    assert listed_names(client.get(DIRECTORY, {"q": "Stadtwerke Elektrolyseur"})) == []


def test_search_of_entries_finds_titles_and_texts(client, corpus):
    titles = listed_names(client.get(ENTRIES, {"q": "Elektrolyseur"}))
    assert set(titles) == {"Prüfung von Elektrolyseuren", "Elektrolyseur für die Produktion"}
    assert listed_names(client.get(ENTRIES, {"q": "Metallberufe"})) == ["Ausbildungsplätze"]


def test_search_with_direction_needs_a_matching_entry_of_that_direction(client, corpus):
    assert listed_names(client.get(DIRECTORY, {"q": "Elektrolyseur", "richtung": "bietet"})) == ["Kim Elektro"]
    assert listed_names(client.get(DIRECTORY, {"q": "Elektrolyseur", "richtung": "sucht"})) == ["Kim Fachkraft"]
    assert listed_names(client.get(ENTRIES, {"q": "Elektrolyseur", "richtung": "sucht"})) == ["Elektrolyseur für die Produktion"]


def test_search_ranks_name_matches_first_on_postgresql(client, hydrogen):
    if connection.vendor != "postgresql":
        pytest.skip("ranking: PostgreSQL only (SQLite orders by name)")
    make_profile(1, last_name="Anders", organisation="Aachener Technik", description="Auch etwas zur Photonik.")
    make_profile(2, last_name="Zuletzt", organisation="Photonik Jena GmbH")
    assert listed_names(client.get(DIRECTORY, {"q": "Photonik"})) == ["Kim Zuletzt", "Kim Anders"]


def _common_word_entries(profile, *, n: int, every: int) -> None:
    """`n` offers of `profile` written directly (the search text as network.search writes it: title,
    text, the organisation), every `every`-th with "Pilotprojekt" in its text and the first of these
    with it in its title too; then ANALYZE, as on a live database, so the planner knows the numbers."""
    from django.db import connection

    from revier.core.text import stem_document
    from revier.network.models import ProfileEntry

    rows = []
    for i in range(n):
        title = "Pilotprojekt Wasserstoff" if i == 0 else f"Angebot {i}"
        # About as long as real offers (three sentences): the rows' width decides between the index and
        # a sequential scan.
        text = (f"Wir bieten Beratung {i} für Unternehmen in der Region an. Unser Labor unterstützt bei "
                f"Messtechnik {i} mit Prüfständen und Personal. Erfahrung aus zehn Projekten im Mittelstand"
                + (", auch in einem Pilotprojekt." if i % every == 0 else "."))
        search_text = f"{title} {text} {profile.organisation}"
        rows.append(ProfileEntry(profile=profile, direction="offer", position=i, title=title, text=text,
                                 search_text=search_text, search_stems=stem_document(search_text)))
    ProfileEntry.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE network_profileentry, network_profile")


def test_search_of_a_common_word_uses_the_index_and_keeps_count_and_order_on_postgresql():
    """A word in a tenth of 5,000 entries: PostgreSQL's default costs chose a sequential scan that
    tests every row's vector; under search_planning the GIN index finds the hits (issue 10's budget).
    The count and the title match first stay as they were."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans: PostgreSQL only")
    from django.db.models import Count, Window

    from revier.network import search
    from revier.network.directory import DirectoryFilter, entry_directory, entry_directory_page

    profile, _token = make_profile(1, organisation="Netzwerk Zeitz")
    _common_word_entries(profile, n=5000, every=10)
    directory_filter = DirectoryFilter(query="Pilotprojekte")
    page_query = entry_directory(directory_filter).annotate(total=Window(Count("*"))).values_list("pk", "total")[:PAGE_SIZE]
    with search.search_planning():
        plan = page_query.explain()
    assert "network_profileentry_search_vector" in plan, plan
    assert "Seq Scan on network_profileentry" not in plan, plan
    page = entry_directory_page(directory_filter=directory_filter, number=1)
    assert page.count == 500
    assert page.rows[0].title == "Pilotprojekt Wasserstoff"


def test_search_vector_is_kept_in_the_row_on_postgresql():
    """Migration 0013: the vectors stay in their rows (storage "main") instead of the TOAST table,
    where every match and rank fetched them again."""
    if connection.vendor != "postgresql":
        pytest.skip("storage: PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attstorage FROM pg_attribute WHERE attname = 'search_vector' "
            "AND attrelid IN ('network_profile'::regclass, 'network_profileentry'::regclass) ORDER BY 1"
        )
        assert cursor.fetchall() == [("network_profile", "m"), ("network_profileentry", "m")]


def test_search_planning_changes_nothing_on_sqlite_and_counts_pages_on_both(client, corpus):
    """The directory's pages under search_planning: the same hits and count on both databases, also
    for a page past the end (the last page)."""
    response = client.get(DIRECTORY, {"q": "Elektrolyseur", "page": "7"})
    assert set(listed_names(response)) == {"Kim Elektro", "Kim Fachkraft"}
    assert listed_names(client.get(ENTRIES, {"q": "Elektrolyseur", "richtung": "bietet"})) == ["Prüfung von Elektrolyseuren"]


def test_search_follows_changes_of_profiles_and_entries(client, corpus):
    profile = Profile.objects.get(last_name="Waerme")
    entry = profile.entries.get()
    services.profile_entry_update(profile=profile, entry_id=entry.pk, data=need("Partner für Solarthermie"))
    assert listed_names(client.get(DIRECTORY, {"q": "Großwärmepumpen"})) == []
    assert listed_names(client.get(DIRECTORY, {"q": "Solarthermie"})) == ["Kim Waerme"]
    services.profile_entry_add(profile=profile, data=offer("Beratung zur Geothermie"))
    assert listed_names(client.get(ENTRIES, {"q": "Geothermie"})) == ["Beratung zur Geothermie"]
    services.profile_update(profile=profile, data=profile_input(2, last_name="Waerme", organisation="Energieversorger Spremberg"))
    assert listed_names(client.get(DIRECTORY, {"q": "Spremberg"})) == ["Kim Waerme"]
    assert listed_names(client.get(DIRECTORY, {"q": "Cottbus"})) == []
    services.profile_entry_delete(profile=profile, entry_id=entry.pk)
    assert listed_names(client.get(DIRECTORY, {"q": "Solarthermie"})) == []


def test_search_with_hostile_input_answers(client, corpus):
    for query in ["", " ", "''", "\"Elektrolyseur", "a | b & !c", "(", ":*", "-", "x" * 500, "ä", "😀", "OR"]:
        response = client.get(DIRECTORY, {"q": query})
        assert response.status_code == 200, query
        assert client.get(ENTRIES, {"q": query}).status_code == 200, query


# --- filters and pages -----------------------------------------------------------------------


def test_filters_by_topic_kind_region_and_direction(client, corpus):
    assert set(listed_names(client.get(DIRECTORY, {"thema": "wasserstoff"}))) == {"Kim Elektro"}
    assert listed_names(client.get(DIRECTORY, {"art": "verwaltung"})) == ["Kim Waerme"]
    assert listed_names(client.get(DIRECTORY, {"region": "rheinisch"})) == ["Kim Fachkraft"]
    assert set(listed_names(client.get(DIRECTORY, {"richtung": "sucht"}))) == {"Kim Waerme", "Kim Fachkraft"}
    assert listed_names(client.get(ENTRIES, {"thema": "waermewende"})) == ["Partner für Fernwärme"]
    assert set(listed_names(client.get(ENTRIES, {"richtung": "bietet"}))) == {"Prüfung von Elektrolyseuren", "Ausbildungsplätze"}
    assert listed_names(client.get(ENTRIES, {"region": "rheinisch", "richtung": "bietet"})) == ["Ausbildungsplätze"]


def test_topic_of_a_profile_filters_its_entries_too(client, hydrogen):
    make_profile(1, last_name="Thema", topics=[hydrogen], entries=[offer("Beratung ohne eigenes Thema")])
    assert listed_names(client.get(ENTRIES, {"thema": "wasserstoff"})) == ["Beratung ohne eigenes Thema"]


def test_unknown_filter_values_are_left_out(client, corpus):
    response = client.get(DIRECTORY, {"thema": "gibt-es-nicht", "art": "x", "region": "mond", "richtung": "y",
                                      "veranstaltung": "nix"})
    assert response.status_code == 200
    assert len(listed_names(response)) == 3
    assert 'name="robots" content="noindex"' not in page_text(response)


def test_count_is_a_status_and_empty_state_is_explained(client, corpus):
    html = page_text(client.get(DIRECTORY, {"q": "Quantenkaffeemaschine"}))
    assert re.search(r'role="status">\s*0 Profile \(gefiltert\)', html)
    assert "Keine Profile gefunden" in html
    html = page_text(client.get(DIRECTORY))
    assert re.search(r'role="status">\s*3 Profile\s', html)


def test_filter_form_is_a_plain_get_form(client, corpus):
    html = page_text(client.get(DIRECTORY))
    form = re.search(r'<form class="event-filter" method="get" action="/netzwerk/verzeichnis/"', html)
    assert form
    for name in ("q", "thema", "art", "region", "richtung"):
        assert f'name="{name}"' in html


def test_pagination_with_page_number_parsing(client):
    for n in range(PAGE_SIZE + 3):
        make_profile(n, organisation=f"Firma {n:03d}")
    first = listed_names(client.get(DIRECTORY))
    second = client.get(DIRECTORY, {"page": "2"})
    assert len(first) == PAGE_SIZE and len(listed_names(second)) == 3
    assert listed_names(client.get(DIRECTORY, {"page": "999"})) == listed_names(second)
    for bad in ["²", "-1", "0", "9" * 30, "abc"]:
        response = client.get(DIRECTORY, {"page": bad})
        assert response.status_code == 200 and listed_names(response) == first, bad
    assert 'href="?page=2"' in page_text(client.get(DIRECTORY))


def test_pagination_links_keep_the_filter_as_understood(client):
    for n in range(PAGE_SIZE + 1):
        make_profile(n, region="lausitz")
    html = page_text(client.get(DIRECTORY, {"region": "lausitz", "utm_source": "x", "art": "quatsch"}))
    assert 'href="?page=2&amp;region=lausitz"' in html
    assert 'href="/netzwerk/angebote-und-gesuche/?region=lausitz"' in html


def test_landing_page_leads_into_the_directory(client):
    html = page_text(client.get("/netzwerk/"))
    assert 'action="/netzwerk/verzeichnis/"' in html and 'href="/netzwerk/angebote-und-gesuche/"' in html


# --- query counts ----------------------------------------------------------------------------


def _many(n, start, topics):
    for i in range(start, start + n):
        make_profile(i, topics=topics, entries=[offer(f"Elektrolyse {i}", topics=topics), need(f"Wasserstoff {i}", topics=topics),
                                                offer(f"Beratung {i}")])


@pytest.mark.parametrize("url", [DIRECTORY, DIRECTORY + "?q=Elektrolyse", DIRECTORY + "?thema=wasserstoff&richtung=bietet&region=mitteldeutsch",
                                 ENTRIES, ENTRIES + "?q=Wasserstoff&richtung=sucht", ENTRIES + "?page=2",
                                 # the JSON API reads the same (tests/api/test_network.py for what it shows)
                                 "/api/v1/network/profiles", "/api/v1/network/profiles?q=Elektrolyse",
                                 "/api/v1/network/entries?q=Wasserstoff&richtung=sucht&page=2"])
def test_directory_query_count_does_not_grow(count_queries, hydrogen, heat, url):
    event = EventFactory()
    profile_at_event(900, register(event, 900))
    _many(3, 0, [hydrogen])
    response, small = count_queries(url)
    assert response.status_code == 200
    _many(30, 100, [hydrogen, heat])
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large <= small


def test_profile_page_query_count_does_not_grow(count_queries, hydrogen, heat):
    few, _ = make_profile(1, topics=[hydrogen], entries=[offer("Eins", topics=[hydrogen])])
    many, _ = make_profile(2, topics=[hydrogen, heat],
                           entries=[offer(f"Angebot {i}", topics=[hydrogen, heat]) for i in range(10)]
                           + [need(f"Gesuch {i}", topics=[heat]) for i in range(10)])
    for url in ("{}", "/api/v1/network/profiles/{}"):  # the page and the JSON API
        _response, small = count_queries(url.format(few.get_absolute_url() if url == "{}" else few.pk))
        response, large = count_queries(url.format(many.get_absolute_url() if url == "{}" else many.pk))
        assert response.status_code == 200
        assert large <= small, url


def test_profile_sitemap_query_count_does_not_grow(count_queries):
    make_profile(1)
    response, small = count_queries("/sitemap-profiles.xml")
    assert response.status_code == 200
    for n in range(2, 30):
        make_profile(n)
    response, large = count_queries("/sitemap-profiles.xml")
    # Each profile in German and English (core.sitemaps.LanguageSitemap), each with three alternates.
    assert response.content.count(b"<loc>") == 29 * 2 and response.content.count(b"/netzwerk/profile/") == 29 * 2 * 4
    assert large <= small


def test_profile_page_kept_shows_an_edit_and_a_hiding_at_once(client, fragments_on, django_assert_num_queries):
    from revier.network import services as profile_services

    profile, _token = make_profile(90, organisation="Kept GmbH")
    url = profile.get_absolute_url()
    assert "Kept GmbH" in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200  # everything from the store
    data = profile_services.ProfileInput(first_name=profile.first_name, last_name=profile.last_name,
                                         organisation="Neu GmbH", kind=profile.kind, region=profile.region)
    profile_services.profile_update(profile=profile, data=data)
    assert "Neu GmbH" in client.get(url).content.decode()
    profile_services.profile_set_visibility(profile=profile, visibility="hidden")
    assert client.get(url).status_code == 404


def test_profile_page_kept_whole_is_the_page_rendered_fresh(client, fragments_on, settings):
    profile, _token = make_profile(91, organisation="Ganz GmbH")
    other, _token = make_profile(92, organisation="Andere GmbH")
    urls = [profile.get_absolute_url(), profile.get_absolute_url() + "?x=1", other.get_absolute_url()]
    kept = [[client.get(url).content for url in urls] for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert kept[0] == kept[1] == [client.get(url).content for url in urls]
    assert b"Ganz GmbH" in kept[0][0] and b"Andere GmbH" in kept[0][2] and b"Ganz GmbH" not in kept[0][2]


def test_directory_kept_frame_links_each_search_to_its_own_english_address(client, fragments_on):
    """The directory's frame is kept per path (render_around); its language link is the reader's own."""
    make_profile(93, organisation="Wasser GmbH")
    client.get("/netzwerk/verzeichnis/?q=Wasser")
    html = client.get("/netzwerk/verzeichnis/?q=Kohle").content.decode()
    assert 'href="/en/netzwerk/verzeichnis/?q=Kohle"' in html
    assert "q=Wasser" not in html
