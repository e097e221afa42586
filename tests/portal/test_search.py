"""The portal's one search (issue 13 §1): every kind, public rows only, German stems, highlighted
and escaped, a next step when nothing is found, a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from revier.core.site_search import StemIndex, SearchDocument, SearchHit, Vocabulary, excerpt, highlight, suggestion
from revier.events.models import Event
from revier.network import services as network_services
from revier.network.services import EntryInput
from tests.factories import (
    ArticleFactory, ContingentFactory, EventFactory, MonitorQuestionFactory, MonitorSurveyFactory, PageFactory,
    ProgramItemFactory, SpeakerFactory, make_monitor_wave, make_profile,
)

pytestmark = pytest.mark.django_db


def _one_of_each(word: str = "Wasserstoff", n: int = 0):
    """One public row of every kind that mentions `word` somewhere (not always in the title)."""
    ArticleFactory(title=f"{word} für die Lausitz {n}")
    event = EventFactory(title=f"Fachtag Energie {n}")
    speaker = SpeakerFactory(name=f"Dr. Kim Elektro {n}", bio=f"Forscht zu {word} und Netzen.")
    item = ProgramItemFactory(event=event, title=f"Elektrolyseure im Revier {n}", description=f"{word} aus Zeitz")
    item.speakers.set([speaker])
    ContingentFactory(title=f"Freikarten Messe {n}", partner_event_title=f"{word}-Messe Leipzig {n}")
    make_profile(n, organisation=f"Netzwerk GmbH {n}", entries=(EntryInput(direction="offer", title=f"{word}-Speicher {n}"),))
    survey = MonitorSurveyFactory(name=f"Monitor {n}")
    question = MonitorQuestionFactory(survey=survey, wording=f"Wie wichtig ist {word} für die Region? {n}")
    make_monitor_wave(survey=survey, year=2025, questions=[question])
    PageFactory(title=f"Seite {n}", body=f"Hier steht etwas über {word}.")


def _counts(html: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'href="\?art=([a-z]+)&amp;q=[^"]*"[^>]*>[^<(]+\((\d+)\)', html))


def test_search_first_view_shows_the_field_and_the_lists(client):
    html = client.get("/suche/").content.decode()
    assert "Revier durchsuchen" in html and 'id="suche-q"' in html
    for href in ('href="/aktuelles/"', 'href="/veranstaltungen/"', 'href="/veranstaltungen/freikarten/"',
                 'href="/netzwerk/verzeichnis/"', 'href="/monitor/"'):
        assert href in html


def test_header_search_goes_to_the_portal_search(client):
    html = client.get("/").content.decode()
    assert 'action="/suche/"' in html and "Revier durchsuchen" in html


def test_search_finds_every_kind_grouped_with_counts(client):
    _one_of_each()
    html = client.get("/suche/", {"q": "Wasserstoff"}).content.decode()
    assert _counts(html) == {
        "aktuelles": "1", "veranstaltungen": "1", "referierende": "1", "freikarten": "1", "netzwerk": "1",
        "monitor": "1", "seiten": "1",
    }
    assert "7 Treffer" in html
    assert "Fachtag Energie 0" in html  # found through its program item
    assert "Dr. Kim Elektro 0" in html and "Freikarten Messe 0" in html and "Kim Beispiel0" in html
    assert "Wie wichtig ist <mark>Wasserstoff</mark>" in html
    assert "Monitor 0 · 2025: 60\u00a0% (sehr) zufrieden" in html  # the latest published wave's share
    assert '<meta name="robots" content="noindex">' in html


def test_search_uses_german_stems(client):
    _one_of_each()
    # "Elektrolyseur" (singular) finds the program item's "Elektrolyseure"; "Speichern" finds "Speicher".
    html = client.get("/suche/", {"q": "Elektrolyseur"}).content.decode()
    assert "Fachtag Energie 0" in html
    html = client.get("/suche/", {"q": "Wasserstoff-Speichern"}).content.decode()
    assert "Kim Beispiel0" in html


def test_search_leaves_out_what_is_not_public(client):
    ArticleFactory(title="Wasserstoff Entwurf", status="draft", published_at=None)
    ArticleFactory(title="Wasserstoff geplant", published_at=timezone.now() + datetime.timedelta(days=3))
    EventFactory(title="Wasserstoff Entwurfstag", status=Event.Status.DRAFT)
    draft_event = EventFactory(title="Anderer Tag", status=Event.Status.DRAFT)
    item = ProgramItemFactory(event=draft_event, title="Wasserstoff im Entwurf")
    item.speakers.set([SpeakerFactory(name="Geheim Sprecherin", bio="Wasserstoff")])
    ContingentFactory(title="Wasserstoff Freikarten Entwurf", status="draft")
    make_profile(1, confirmed=False, organisation="Wasserstoff unbestätigt")
    make_profile(2, organisation="Wasserstoff versteckt", visibility="hidden")
    hidden, _token = make_profile(3, organisation="Wasserstoff gesperrt")
    network_services.profile_hide(profile=hidden, actor=None)
    survey = MonitorSurveyFactory()
    question = MonitorQuestionFactory(survey=survey, wording="Wasserstoff noch nicht veröffentlicht?")
    make_monitor_wave(survey=survey, year=2025, questions=[question], status="draft")
    html = client.get("/suche/", {"q": "Wasserstoff"}).content.decode()
    assert "Keine Treffer" in html and 'class="teaser"' not in html
    for text in ("Entwurf", "geplant", "Geheim", "unbestätigt", "versteckt", "gesperrt", "veröffentlicht", "example.org"):
        assert text not in html, text


def test_search_escapes_what_it_highlights(client):
    ArticleFactory(title='<img src=x onerror="alert(1)"> Wasserstoff & Co', teaser="<b>fett</b> Wasserstoffs")
    html = client.get("/suche/", {"q": "<b>Wasserstoff</b>"}).content.decode()
    assert "<b>Wasserstoff</b>" not in html and "„&lt;b&gt;Wasserstoff&lt;/b&gt;“" in html
    html = client.get("/suche/", {"q": "Wasserstoff"}).content.decode()
    assert "<img src=x" not in html and "<b>fett</b>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>Wasserstoff</mark> &amp; Co" in html
    assert "&lt;b&gt;fett&lt;/b&gt; <mark>Wasserstoffs</mark>" in html


def test_search_with_nothing_found_suggests_and_links_the_lists(client):
    _one_of_each()
    # The beginning of a word finds it ("Wasserstof" finds "Wasserstoff"); a misspelt one is suggested.
    assert "Keine Treffer" not in client.get("/suche/", {"q": "Wasserstof"}).content.decode()
    html = client.get("/suche/", {"q": "Wasserstuff"}).content.decode()
    assert "Keine Treffer für „Wasserstuff“" in html
    assert 'Meinten Sie <a class="kern-link" href="?q=wasserstoff">wasserstoff</a>?' in html
    assert 'href="/aktuelles/"' in html and 'href="/netzwerk/verzeichnis/"' in html
    html = client.get("/suche/", {"q": "Qxzyv"}).content.decode()
    assert "Meinten Sie" not in html and "Keine Treffer" in html and 'href="/veranstaltungen/"' in html


def test_search_filter_by_kind_pages_through_its_hits(client):
    for n in range(12):
        ArticleFactory(title=f"Wasserstoff Meldung {n}")
    EventFactory(title="Wasserstofftag")
    html = client.get("/suche/", {"q": "Wasserstoff"}).content.decode()
    assert html.count('class="teaser"') == 3 + 1  # three articles and the event
    assert "Alle 12 Treffer in Aktuelles anzeigen" in html
    html = client.get("/suche/", {"q": "Wasserstoff", "art": "aktuelles"}).content.decode()
    assert "12 Treffer in Aktuelles" in html and html.count('class="teaser"') == 10
    assert 'aria-current="page">Aktuelles (12)' in html and "Veranstaltungen (1)" in html
    assert "Wasserstofftag" not in html
    assert "?page=2&amp;art=aktuelles&amp;q=Wasserstoff" in html
    html = client.get("/suche/", {"q": "Wasserstoff", "art": "aktuelles", "page": "9"}).content.decode()
    assert html.count('class="teaser"') == 2  # past the end: the last page
    # An unknown kind counts as all kinds.
    html = client.get("/suche/", {"q": "Wasserstoff", "art": "gibtsnicht"}).content.decode()
    assert html.count('class="teaser"') == 4


@pytest.mark.parametrize("query", ["Wasserstoff", "Wasserstuff", "Wasserstoff -Lausitz", '"Wasserstoff für"', "a" * 300, "%_\\'"])
def test_search_answers_any_words(client, query):
    _one_of_each()
    assert client.get("/suche/", {"q": query}).status_code == 200
    assert client.get("/suche/", {"q": query, "art": "netzwerk", "page": "x"}).status_code == 200


def test_search_queries_do_not_grow_with_the_data(client, django_assert_max_num_queries):
    _one_of_each()
    for path in ("/suche/?q=Wasserstoff", "/suche/?q=Wasserstoff&art=veranstaltungen", "/suche/?q=Wasserstuff"):
        client.get(path)
    small = {}
    for path in ("/suche/?q=Wasserstoff", "/suche/?q=Wasserstoff&art=netzwerk", "/suche/?q=Wasserstuff"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        small[path] = len(queries)
    for n in range(1, 6):
        _one_of_each(n=n)
    for path, count in small.items():
        with django_assert_max_num_queries(count):
            client.get(path)


def test_stem_index_matches_word_beginnings_title_first():
    documents = [
        SearchDocument(hit=SearchHit(title="Netze", url="/a"), text="Wasserstoffnetze im Revier", order=(1,)),
        SearchDocument(hit=SearchHit(title="Wasserstoff heute", url="/b"), text="", order=(2,)),
        SearchDocument(hit=SearchHit(title="Kohle", url="/c"), text="Braunkohle", order=(0,)),
    ]
    index = StemIndex(documents)
    found = index.search("Wasserstoff", number=1, per_page=10)
    assert found.count == 2 and [hit.url for hit in found.hits] == ["/b", "/a"]
    assert index.search("Wasserstoff Revier", number=1, per_page=10).count == 1
    assert index.search("Kohle", number=1, per_page=10).count == 1  # "Braunkohle" does not begin with it
    assert index.search("", number=1, per_page=10).count == 0
    assert index.search("Wasserstoff", number=5, per_page=1).number == 2


def test_highlight_and_excerpt():
    assert highlight("Die <Wasserstoff>-Netze", "wasserstoffs") == "Die &lt;<mark>Wasserstoff</mark>&gt;-Netze"
    text = "Anfang " * 100 + "hier kommt Wasserstoff vor " + "Ende " * 100
    cut = excerpt(text, "Wasserstoff", length=80)
    assert "Wasserstoff" in cut and cut.startswith("… ") and cut.endswith(" …") and len(cut) <= 84
    assert excerpt("kurz", "x") == "kurz"


def test_suggestion_replaces_unknown_words_only():
    vocabulary = Vocabulary(["Wasserstoff für die Lausitz", "Elektrolyse"])
    assert suggestion("Wasserstof Lausitz", vocabulary) == "wasserstoff Lausitz"
    assert suggestion("Lausitz", vocabulary) is None
    assert suggestion("Zzzz", vocabulary) is None


def test_search_shows_the_latest_published_share_of_a_monitor_question(client):
    survey = MonitorSurveyFactory(name="Lausitz-Monitor")
    question = MonitorQuestionFactory(survey=survey, wording="Wie wichtig ist Wasserstoff?")
    make_monitor_wave(survey=survey, year=2024, questions=[question], shares={question.code: 0.41})
    make_monitor_wave(survey=survey, year=2025, questions=[question], shares={question.code: 0.83}, status="draft")
    html = client.get("/suche/", {"q": "Wasserstoff"}).content.decode()
    assert "Lausitz-Monitor · 2024: 41\u00a0% (sehr) zufrieden" in html and "83\u00a0%" not in html


@pytest.fixture
def fragments_on(settings):
    from revier.core import cache as page_cache
    from revier.core.fragments import forget_fragments

    settings.FRAGMENT_CACHE_SECONDS = 600
    page_cache.forget_local_copies()
    forget_fragments()
    yield
    forget_fragments()


def test_search_index_is_kept_until_content_changes(client, fragments_on, django_assert_max_num_queries):
    from revier.events import services as event_services

    event = EventFactory(title="Wasserstofftag")
    client.get("/suche/", {"q": "Geothermie"})  # builds the kept indexes
    from django.db import connection

    # Only the news search (one query on PostgreSQL, count and ids on SQLite) and the directory's ids,
    # new words for both (on PostgreSQL each in its planning transaction: savepoint, SET LOCAL, query,
    # release); the kinds of the StemIndex read nothing.
    with django_assert_max_num_queries(8 if connection.vendor == "postgresql" else 3):
        html = client.get("/suche/", {"q": "Wasserstoff", "art": "veranstaltungen"}).content.decode()
    assert "1 Treffer in Veranstaltungen" in html
    event.status = Event.Status.DRAFT
    event_services.event_save(event=event)
    html = client.get("/suche/", {"q": "Wasserstoff", "art": "veranstaltungen"}).content.decode()
    assert "Wasserstofftag" not in html


def test_search_pages_in_the_kept_frame_are_the_pages_rendered_fresh(client, settings, fragments_on):
    """With search words the page is written into one frame kept for every search
    (portal.views.search): each address shows its own words in the header's field, title and
    results, exactly as rendered without the store, in German and English, escaped. The index of
    the small kinds is kept per language (its hits carry addresses and dates: an English reader
    after a German one got the German ones)."""
    _one_of_each()
    urls = ["/suche/?q=Wasserstoff", "/suche/?q=%3Cb%3E%22x%27", "/en/suche/?q=Wasserstoff", "/suche/?q=Wasserstuff",
            "/suche/?q=Wasserstoff&art=aktuelles", "/suche/", "/en/suche/"]
    kept = [[client.get(url).content.decode() for url in urls] for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh = [client.get(url).content.decode() for url in urls]
    assert kept[0] == kept[1] == fresh
    assert len(set(fresh)) == len(urls)
    assert 'id="site-search-q" name="q" value="&lt;b&gt;&quot;x&#x27;"' in fresh[1]
    assert 'id="site-search-q" name="q" value="Wasserstoff"' in fresh[0]


def test_english_search_shows_english_versions_and_marks_german_content(client, fragments_on):
    """On /en/suche/ a hit shows the English title and text editors gave, else the German ones
    marked lang="de" (issue 13 §4); what exists only in German (profiles, free tickets, Monitor
    questions) is marked too. English words find the English versions; German pages are unchanged."""
    _one_of_each()
    ArticleFactory(title="Wasserstoff-Tankstelle in Leuna", title_en="Hydrogen filling station in Leuna",
                   teaser="Eine neue Tankstelle.", teaser_en="A new filling station.")
    EventFactory(title="Wasserstoff-Werkstatt", title_en="Hydrogen workshop", subtitle="Für Betriebe",
                 subtitle_en="For companies")
    html = client.get("/en/suche/?q=Wasserstoff").content.decode()
    assert '<h3 class="kern-heading-small teaser__title"><a class="kern-link" href="/en/aktuelles/' in html
    assert "filling station in Leuna</a></h3>" in html and '<p class="kern-body">A new filling station.</p>' in html
    assert 'teaser__title" lang="de"><a class="kern-link" href="/en/aktuelles/' in html  # the German-only article
    assert "Hydrogen workshop</a></h3>" in html
    assert 'teaser__title" lang="de"><a class="kern-link" href="/en/veranstaltungen/freikarten/' in html
    assert '<p class="kern-body" lang="de">' in html  # a profile's offers, a Monitor question
    english = client.get("/en/suche/?q=hydrogen").content.decode()
    assert "<mark>Hydrogen</mark> workshop</a></h3>" in english
    assert "<mark>Hydrogen</mark> filling station in Leuna</a></h3>" in english
    german = client.get("/suche/?q=Wasserstoff").content.decode()
    assert 'lang="de"' not in german.split("<main", 1)[1].split("</main>")[0] and "<mark>Wasserstoff</mark>-Werkstatt</a>" in german
