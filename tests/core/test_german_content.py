"""German content inside English pages (issue 13 §4): the names of the shared topics (core.Topic: chips,
filters, links) and what people wrote in their network profiles (organisation, description, offers
and needs) exist only in German and are marked lang="de" on /en/ pages; German pages need no mark."""

import pytest

from revier.core.cache import forget_local_copies
from tests.factories import ArticleFactory, EventFactory, TopicFactory, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_caches():
    forget_local_copies()
    yield
    forget_local_copies()


def _html(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def test_german_content_topic_names_marked_on_english_pages(client):
    topic = TopicFactory(name="Wärmewende", slug="waermewende")
    event = EventFactory()
    event.topics.add(topic)
    ArticleFactory(topics=[topic])
    for url, marks in [
        (event.get_absolute_url(), [f'?thema=waermewende" lang="de">Wärmewende</a>']),
        ("/veranstaltungen/", ['<span class="kern-label" lang="de">Wärmewende</span>',
                               '<option value="waermewende" lang="de">Wärmewende</option>']),
        ("/aktuelles/", ['<span class="kern-label" lang="de">Wärmewende</span>',
                         '?thema=waermewende" lang="de">Wärmewende</a>']),
        ("/aktuelles/?thema=waermewende", ['News on <span lang="de">Wärmewende</span>']),
    ]:
        english, german = _html(client.get("/en" + url)), _html(client.get(url))
        for mark in marks:
            assert mark in english, (url, mark)
        assert 'lang="de">Wärmewende' not in german, url
        assert "Wärmewende" in german


def test_german_content_profile_marked_on_english_pages(client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    profile, _token = make_profile(
        1, topics=[topic], organisation="Elektrolyse Zeitz GmbH", description="Wir bauen Elektrolyseure.",
        entries=[])
    from revier.network import services as network_services

    network_services.profile_entry_add(profile=profile, data=network_services.EntryInput(
        direction="offer", title="Prüfstände", text="Bis 1 MW.", topic_ids=(topic.pk,)))
    url = profile.get_absolute_url()
    english, german = _html(client.get("/en" + url)), _html(client.get(url))
    for mark in ['<dd lang="de">Elektrolyse Zeitz GmbH</dd>',
                 '<p class="kern-body profile-page__description" lang="de">Wir bauen Elektrolyseure.</p>',
                 '<h3 class="kern-heading-small" lang="de">Prüfstände</h3>',
                 '<p class="kern-body" lang="de">Bis 1 MW.</p>',
                 '?thema=wasserstoff" lang="de">Wasserstoff</a>']:
        assert mark in english, mark
    article = german.split('<article aria-labelledby="profil-name">', 1)[1].split("</article>", 1)[0]
    assert "Elektrolyse Zeitz GmbH" in article and 'lang="de"' not in article  # a German page needs no mark
    directory = _html(client.get("/en/netzwerk/verzeichnis/"))
    assert '<p class="kern-body" lang="de">Geschäftsführerin, Elektrolyse Zeitz GmbH</p>' in directory
    assert '</strong> <span lang="de">Prüfstände</span></p>' in directory
    assert '<span class="kern-label" lang="de">Wasserstoff</span>' in directory
    entries = _html(client.get("/en/netzwerk/angebote-und-gesuche/"))
    assert '<p class="kern-body" lang="de">Bis 1 MW.</p>' in entries
    assert ', <span lang="de">Elektrolyse Zeitz GmbH</span> · ' in entries
    assert 'lang="de">Prüfstände' not in _html(client.get("/netzwerk/verzeichnis/"))
