"""News pages with the parts kept per content generation switched on (core.fragments): a change
made through the services or the admin shows on the next request, time-based changes (a scheduled
article falls due) show when due, and the queries per page stay the same whatever the data."""

import datetime
import time
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from revier.core.fragments import forget_fragments
from revier.news import selectors, services
from revier.news.models import Article
from tests.factories import ArticleFactory, ArticleLinkFactory, EventFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(fragments_on):
    pass  # tests/conftest.py: switched off for every other test
    yield
    forget_fragments()


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(StaffFactory())
    return client


def _articles(n, *, hours=0, **kwargs):
    now = timezone.now()
    return [
        ArticleFactory(title=f"Meldung {hours + i}", published_at=now - datetime.timedelta(hours=hours + i + 1), **kwargs)
        for i in range(n)
    ]


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_list_shows_a_saved_article_and_loses_a_withdrawn_one_at_once(client):
    old = _articles(12)
    assert "Meldung 0<" in _html(client, "/aktuelles/")
    assert "13 Artikel" not in _html(client, "/aktuelles/")
    new = ArticleFactory(title="Neu im Revier", published_at=timezone.now())
    listing = _html(client, "/aktuelles/")
    assert "Neu im Revier<" in listing and "13 Artikel" in listing
    assert "Meldung 9<" not in listing  # pushed to page 2
    assert "Meldung 9<" in _html(client, "/aktuelles/?page=2")
    services.article_unpublish(article=new)
    assert "Neu im Revier" not in _html(client, "/aktuelles/")
    old[0].title = "Meldung null, neu betitelt"
    services.article_save(article=old[0])
    assert "Meldung null, neu betitelt<" in _html(client, "/aktuelles/")


def test_list_and_article_page_follow_the_admin(client, staff_client):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    first, second = _articles(2, topics=[topic])
    assert "Meldung 0<" in _html(client, "/aktuelles/?thema=wasserstoff")
    assert "Meldung 0<" in _html(client, second.get_absolute_url())  # more news
    response = staff_client.post(
        reverse("admin:news_article_changelist"), {"action": "unpublish_selected", "_selected_action": [first.pk]}
    )
    assert response.status_code == 302
    assert "Meldung 0<" not in _html(client, "/aktuelles/?thema=wasserstoff")
    assert "Meldung 0<" not in _html(client, second.get_absolute_url())
    response = staff_client.post(
        reverse("admin:core_topic_change", args=[topic.pk]), {"name": "Grüner Wasserstoff", "slug": "wasserstoff", "position": 1}
    )
    assert response.status_code == 302
    listing = _html(client, "/aktuelles/")
    assert ">Grüner Wasserstoff</a>" in listing  # the topic filter
    assert '<span class="kern-label">Grüner Wasserstoff</span>' in listing  # the teaser's topics
    assert "Grüner Wasserstoff" in _html(client, second.get_absolute_url())


def test_list_shows_a_scheduled_article_when_it_is_due(client, monkeypatch):
    _articles(3)
    due = ArticleFactory(title="Termingerecht", published_at=timezone.now() + datetime.timedelta(seconds=10))
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    assert "Termingerecht" not in _html(client, "/aktuelles/")
    # Its time comes without a write of content (the page is rendered from what is kept)...
    Article.objects.filter(pk=due.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "Termingerecht" not in _html(client, "/aktuelles/")
    assert "4 Artikel" not in _html(client, "/aktuelles/")
    # ...and nothing kept outlives the moment it was due.
    clock[0] += 11
    listing = _html(client, "/aktuelles/")
    assert "Termingerecht<" in listing and "4 Artikel" in listing
    assert "Termingerecht" in _html(client, _articles(1, hours=50)[0].get_absolute_url())


def test_article_page_more_news_leaves_out_the_article_itself(client):
    articles = _articles(5)
    newest = _html(client, articles[0].get_absolute_url())
    more = newest[newest.index('id="more-news-title"') :]
    assert [f"Meldung {i}<" in more for i in range(5)] == [False, True, True, True, False]
    older = _html(client, articles[4].get_absolute_url())
    more = older[older.index('id="more-news-title"') :]
    assert [f"Meldung {i}<" in more for i in range(5)] == [True, True, True, False, False]
    ArticleFactory(title="Frisch", published_at=timezone.now())
    older = _html(client, articles[4].get_absolute_url())
    assert "Frisch<" in older[older.index('id="more-news-title"') :]


def test_feeds_follow_content_and_host(client):
    article = ArticleFactory(title="Erste Meldung")
    rss = ET.fromstring(client.get("/aktuelles/feed/rss/").content)
    assert [item.findtext("title") for item in rss.iter("item")] == ["Erste Meldung"]
    assert rss.find("channel/item/link").text == "http://testserver" + article.get_absolute_url()
    other_host = ET.fromstring(client.get("/aktuelles/feed/rss/", HTTP_HOST="127.0.0.1").content)
    assert other_host.find("channel/item/link").text == "http://127.0.0.1" + article.get_absolute_url()
    ArticleFactory(title="Zweite Meldung")
    rss = ET.fromstring(client.get("/aktuelles/feed/rss/").content)
    assert [item.findtext("title") for item in rss.iter("item")] == ["Zweite Meldung", "Erste Meldung"]
    response = client.get("/aktuelles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml") and "Last-Modified" in response
    assert b"Zweite Meldung" in response.content
    assert client.get("/aktuelles/thema/unbekannt/feed/rss/").status_code == 404


def test_search_results_are_kept_per_content_generation(client, count_queries):
    ArticleFactory(title="Wasserstoff aus Leuna")
    assert "1 Artikel" in _html(client, "/aktuelles/?q=Wasserstoff")
    response, queries = count_queries("/aktuelles/?q=Wasserstoff")
    assert queries == 0  # ids, number of hits and the teasers rendered are kept
    ArticleFactory(title="Wasserstoff für Zeitz")
    html = _html(client, "/aktuelles/?q=Wasserstoff")
    assert "2 Artikel" in html and "Wasserstoff für Zeitz<" in html


def test_search_results_kept_are_bounded(client, monkeypatch):
    ArticleFactory(title="Wasserstoff aus Leuna")
    for n in range(selectors.SEARCH_RESULTS_KEPT * 2):
        client.get("/aktuelles/", {"q": f"Wasserstoff {n}"})
    assert len(selectors._search_results._cache) <= selectors.SEARCH_RESULTS_KEPT


def test_search_past_the_last_page_shows_the_last_page(client):
    _articles(12, teaser="Wasserstoff im Revier")
    html = _html(client, "/aktuelles/?q=Wasserstoff&page=7")
    assert "Seite 2 von 2" in html and "12 Artikel" in html
    assert "Meldung 11<" in html


@pytest.mark.parametrize(
    "url,expected",
    [
        ("/aktuelles/", 0),
        ("/aktuelles/?page=2", 0),
        ("/aktuelles/?thema=wasserstoff", 0),
        ("/aktuelles/?q=Wasserstoff", 0),
        ("/aktuelles/?q=Wasserstoff&thema=wasserstoff&page=2", 0),
        ("/aktuelles/feed/rss/", 0),
        ("/aktuelles/thema/wasserstoff/feed/atom/", 0),
        ("ARTICLE", 0),
    ],
)
def test_query_count_with_kept_parts_does_not_grow(count_queries, url, expected):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    articles = _articles(25, topics=[topic], teaser="Wasserstoff im Revier")
    path = articles[12].get_absolute_url() if url == "ARTICLE" else url
    count_queries(path)
    response, small = count_queries(path)
    assert response.status_code == 200
    _articles(60, hours=100, topics=[topic], teaser="Wasserstoff im Revier")
    count_queries(path)
    response, large = count_queries(path)
    assert response.status_code == 200
    assert small == large == expected, (small, large)


def test_list_page_reads_rows_only_when_its_teasers_are_not_kept(client, count_queries):
    """A list page whose articles were rendered before (the same ids in this generation) reads no
    rows; another page does; an edit of an article shows at once."""
    articles = _articles(25, teaser="Wasserstoff im Revier")
    count_queries("/aktuelles/?page=2")
    _response, first_page = count_queries("/aktuelles/")
    assert first_page == 1  # page 1's rows (the list's ids are kept from page 2)
    response, again = count_queries("/aktuelles/")
    assert again == 0 and response.content.decode().count('class="teaser"') == 10
    newest = articles[0]
    newest.title = "Wasserstoff neu betitelt"
    newest.save()
    assert "Wasserstoff neu betitelt<" in _html(client, "/aktuelles/")


def test_first_search_asks_for_its_hits_and_rows_only(client):
    """A search not kept yet: on PostgreSQL one query for the page's ids and the number of hits
    (after a SET LOCAL that keeps the planner on the index; SQLite: a count and the ids), one for
    the rows. When the next scheduled article appears is asked once per content generation
    (core.cache.remembered_per_generation), not on every search."""
    _articles(3, teaser="Wasserstoff und Wärme")
    ArticleFactory(title="Wärme allein")
    ArticleFactory(title="Später", published_at=timezone.now() + datetime.timedelta(days=1))
    client.get("/aktuelles/?q=Leuna")
    # Two searches with different hits (the same hits would find their teasers kept).
    for url in ("/aktuelles/?q=Wärme", "/aktuelles/?q=Wasserstoff+Wärme"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # Without the savepoints of the test's own transaction (a request runs in autocommit).
        sqls = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
        assert len(sqls) == 3
        if connection.vendor == "postgresql":
            assert sqls[0] == "SET LOCAL enable_seqscan = off"
        assert not any('"published_at" >' in sql for sql in sqls)


def test_article_page_kept_follows_edits_unpublishing_and_deletion_at_once(client, count_queries):
    article = _articles(1)[0]
    url = article.get_absolute_url()
    assert "Meldung 0<" in _html(client, url)
    assert count_queries(url)[1] == 0  # kept: no query
    # Its topics and links, read for all articles at once, follow at once too.
    link = ArticleLinkFactory(article=article, label="Weiterlesen", url="/impressum/")
    article.topics.add(TopicFactory(name="Wärme", slug="waerme"))
    page = _html(client, url)
    assert "Weiterlesen" in page and "?thema=waerme" in page
    link.delete()
    article.topics.clear()
    page = _html(client, url)
    assert "Weiterlesen" not in page and "?thema=waerme" not in page
    article.title = "Meldung null, neu betitelt"
    services.article_save(article=article)
    assert "Meldung null, neu betitelt<" in _html(client, url)
    services.article_unpublish(article=article)
    assert client.get(url).status_code == 404
    services.article_publish(article=article)
    assert client.get(url).status_code == 200
    services.article_delete(article=article)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("urls", [
    ["/aktuelles/?q=Wasserstoff", "/aktuelles/?q=Leuna", "/aktuelles/?q=Wasserstoff&thema=energie"],
    ["/aktuelles/?thema=energie", "/aktuelles/?thema=energie&page=2", "/aktuelles/?page=2", "/aktuelles/"],
    ["/aktuelles/?q=%3Cb%3E", "/aktuelles/?q=nichts+da", "/aktuelles/?q=Wasserstoff&page=99"],
])
def test_list_pages_kept_are_the_pages_rendered_fresh(client, settings, urls):
    """Title, content and frame of the list are kept per address (core.fragments.render_around): each
    address shows its own search words, topic and page, exactly as rendered without the store."""
    energy = TopicFactory(name="Energie", slug="energie")
    for n in range(2 * settings.NEWS_PAGE_SIZE + 2):  # a second page for the topic too
        ArticleFactory(title=f"Wasserstoff aus Leuna {n}", published_at=timezone.now() - datetime.timedelta(hours=n + 1),
                       topics=[energy] if n % 2 else [])
    kept = [[_html(client, url) for url in urls] for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh = [_html(client, url) for url in urls]
    assert kept[0] == kept[1] == fresh
    assert len(set(fresh)) == len(urls)


def test_article_pages_in_the_kept_frame_are_the_pages_rendered_fresh(client, settings):
    """Every article is written into one frame kept for all articles (news.views._render_detail):
    each page shows its own title, description, head, breadcrumb and text, exactly as rendered
    without the store, the newest (whose "more news" leaves itself out) and older ones, in German
    and English, with markup in the title escaped."""
    energy, region = TopicFactory(name="Energie", slug="energie"), TopicFactory(name="Region", slug="region")
    articles = [ArticleFactory(title=f"Wasserstoff <b>&</b> Leuna {n}", teaser=f"Kurztext {n} für \"alle\"",
                               published_at=timezone.now() - datetime.timedelta(hours=n + 1),
                               topics=[[], [energy], [energy, region]][n % 3])
                for n in range(6)]
    # Related links (read once per content generation while the store is on): to an event and to an address.
    event = EventFactory()
    ArticleLinkFactory(article=articles[1], label="Programm", url="", event=event, position=1)
    ArticleLinkFactory(article=articles[1], label="Mehr dazu", url="https://example.org/mehr", position=0)
    ArticleLinkFactory(article=articles[4], label="Nur einer", url="/impressum/")
    urls = [path for article in articles for path in (f"/aktuelles/{article.slug}/", f"/en/aktuelles/{article.slug}/")]
    kept = [[_html(client, url) for url in urls] for _ in range(2)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh = [_html(client, url) for url in urls]
    assert kept[0] == kept[1] == fresh
    assert len(set(fresh)) == len(urls)
    assert fresh[2].index("Mehr dazu") < fresh[2].index("Programm")  # in their order
    assert f'href="{event.get_absolute_url()}"' in fresh[2] and "/en/veranstaltungen/" in fresh[3]
    assert "Nur einer" in fresh[8] and "Nur einer" not in fresh[0]
    assert "?thema=region" in fresh[4] and "?thema=region" not in fresh[2]
    for article, page in zip(articles, fresh[::2], strict=True):
        others = [other for other in articles if other.pk != article.pk]
        title = f"Wasserstoff &lt;b&gt;&amp;&lt;/b&gt; Leuna {article.title.rsplit(' ', 1)[1]}"
        assert page.count(title) >= 3  # <title>, breadcrumb, heading
        assert f'<span aria-current="page">{title}</span>' in page
        assert not any(f'<span aria-current="page">Wasserstoff &lt;b&gt;&amp;&lt;/b&gt; Leuna {other.title.rsplit(" ", 1)[1]}</span>' in page for other in others)
