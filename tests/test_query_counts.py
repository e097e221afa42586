"""Every public page type makes as many SQL queries with a lot of data as with a little
(issue 9, section 4: query counts constant in data size). The page cache is off in the tests, so
these count what every cache miss, logged-in staff and personal links pay. Pages with such a test
elsewhere: event page and event lists (tests/events/test_public.py), contingent list and page
(tests/contingents/test_public.py), self-service page (tests/events/test_registration_views.py),
footer pages (tests/pages/test_views.py)."""

import datetime

import pytest
from django.utils import timezone

from tests.events.test_public import add_registrations
from tests.factories import (
    ArticleFactory,
    ArticleLinkFactory,
    EventFactory,
    ProgramItemFactory,
    QuestionFactory,
    SpeakerFactory,
    TicketCategoryFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _articles(n, *, start, topics):
    now = timezone.now()
    for i in range(n):
        article = ArticleFactory(
            title=f"Wasserstoff im Revier {start + i}",
            published_at=now - datetime.timedelta(hours=start + i + 1),
            topics=topics[: (i % len(topics)) + 1],
        )
        if i % 3 == 0:
            ArticleLinkFactory(article=article)
            ArticleLinkFactory(article=article, label="Mehr", url="https://example.org/mehr")


def _events(n, *, start, topic):
    now = timezone.now()
    for i in range(n):
        event = EventFactory(starts_at=now + datetime.timedelta(days=start + i + 2))
        event.topics.set([topic])
        category = TicketCategoryFactory(event=event, capacity=5)
        add_registrations(category, 3, start=1000 * (start + i))


@pytest.fixture
def topics():
    return [TopicFactory(name="Wasserstoff", slug="wasserstoff"), TopicFactory(name="Wärmewende", slug="waermewende"),
            TopicFactory(name="Fachkräfte", slug="fachkraefte")]


PAGE_URLS = [
    "/",
    "/aktuelles/",
    "/aktuelles/?page=2",
    "/aktuelles/?thema=wasserstoff",
    "/aktuelles/?q=Wasserstoff",
    "/aktuelles/?q=Wasserstoff&thema=waermewende",
    "/aktuelles/feed/rss/",
    "/aktuelles/feed/atom/",
    "/aktuelles/thema/wasserstoff/feed/rss/",
    "/sitemap.xml",
    "/veranstaltungen/freikarten/",
    "/kontakt/",
    "/barriere-melden/",
    "/netzwerk/",
    "/netzwerk/profil-anlegen/",
    "/netzwerk/link-anfordern/",
]


@pytest.mark.parametrize("url", PAGE_URLS)
def test_pages_query_count_does_not_grow(count_queries, topics, url):
    _articles(12, start=0, topics=topics)
    _events(1, start=0, topic=topics[0])
    response, small = count_queries(url)
    assert response.status_code == 200

    _articles(40, start=100, topics=topics)
    _events(4, start=10, topic=topics[0])
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large == small, (url, small, large)


def test_article_page_query_count_does_not_grow(count_queries, topics):
    _articles(3, start=0, topics=topics)
    article = ArticleFactory(title="Das gemessene Stück", topics=topics[:1])
    ArticleLinkFactory(article=article)
    response, small = count_queries(article.get_absolute_url())
    assert response.status_code == 200

    _articles(40, start=100, topics=topics)
    article.topics.set(topics)
    for n in range(5):
        ArticleLinkFactory(article=article, label=f"Link {n}", url=f"https://example.org/{n}")
    response, large = count_queries(article.get_absolute_url())
    assert response.status_code == 200
    assert "Link 4" in response.content.decode()
    assert large == small


def test_article_page_queries(count_queries, topics, settings):
    """Without kept parts: the topics, the article with its topics, its links, the ids of the
    newest articles and the rows of "more news". With them (any reader after the first): none,
    the article is kept too; an article not read before: the article with its topics (and its
    links if it has any)."""
    _articles(5, start=0, topics=topics)
    article = ArticleFactory(title="Das gemessene Stück", topics=topics)
    ArticleLinkFactory(article=article)
    plain = ArticleFactory(title="Ohne Links", published_at=timezone.now() - datetime.timedelta(days=3))
    response, queries = count_queries(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('property="article:tag"') == 3
    assert queries == 5
    settings.FRAGMENT_CACHE_SECONDS = 600
    count_queries(article.get_absolute_url())
    assert count_queries(article.get_absolute_url())[1] == 0
    response, queries = count_queries(plain.get_absolute_url())
    assert 'id="more-news-title"' in response.content.decode()  # "more news", kept
    assert queries == 1


def _program(event, speakers, n, offset):
    for i in range(n):
        item = ProgramItemFactory(event=event, starts_at=event.starts_at + datetime.timedelta(minutes=30 * (i + offset)))
        item.speakers.set(speakers[: i % 3 + 1])


def test_speaker_page_query_count_does_not_grow(count_queries):
    speakers = [SpeakerFactory() for _ in range(3)]
    event = EventFactory()
    _program(event, speakers, 2, 0)
    response, small = count_queries(speakers[0].get_absolute_url())
    assert response.status_code == 200

    for _ in range(5):
        _program(EventFactory(), speakers, 6, 0)
    response, large = count_queries(speakers[0].get_absolute_url())
    assert response.status_code == 200
    assert large == small


def test_calendar_files_query_count_does_not_grow(count_queries):
    speakers = [SpeakerFactory() for _ in range(3)]
    event = EventFactory()
    _program(event, speakers, 2, 0)
    item = event.program_items.order_by("pk").first()
    category = TicketCategoryFactory(event=event)
    urls = [f"{event.get_absolute_url()}kalender.ics", f"{event.get_absolute_url()}programm/{item.pk}.ics"]
    small = [count_queries(url) for url in urls]
    assert all(response.status_code == 200 for response, _ in small)

    _program(event, speakers, 30, 2)
    add_registrations(category, 200)
    large = [count_queries(url) for url in urls]
    assert [n for _, n in large] == [n for _, n in small]


def test_registration_form_query_count_does_not_grow(count_queries):
    event = EventFactory()
    categories = [TicketCategoryFactory(event=event, capacity=100), TicketCategoryFactory(event=event, name="Online", capacity=None)]
    QuestionFactory(event=event)
    url = f"{event.get_absolute_url()}anmelden/"
    response, small = count_queries(url)
    assert response.status_code == 200

    for category in categories:
        add_registrations(category, 60, start=1000 * category.pk)
    QuestionFactory(event=event, text="Noch eine Frage?", kind="text")
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large == small
