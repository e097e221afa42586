import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from revier.news.models import Article
from tests.factories import ArticleFactory, ArticleLinkFactory, StaffFactory, TopicFactory, png_upload

pytestmark = pytest.mark.django_db


def _articles(n, **kwargs):
    now = timezone.now()
    return [ArticleFactory(published_at=now - datetime.timedelta(hours=i + 1), **kwargs) for i in range(n)]


def test_list_pages_ten_newest_first(client):
    articles = _articles(12)
    html = client.get("/aktuelles/").content.decode()
    positions = [html.index(a.title + "<") for a in articles[:10]]
    assert positions == sorted(positions)
    assert articles[10].title + "<" not in html
    second = client.get("/aktuelles/?page=2").content.decode()
    assert articles[10].title + "<" in second and articles[11].title + "<" in second


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "1.5", "%00", "9" * 40])
def test_list_with_odd_page_gives_a_page(client, page):
    _articles(12)
    response = client.get("/aktuelles/", {"page": page})
    assert response.status_code == 200
    assert b'aria-current="page"' in response.content


def test_list_page_past_end_shows_last_page(client):
    articles = _articles(12)
    html = client.get("/aktuelles/?page=50").content.decode()
    assert articles[-1].title + "<" in html


def test_list_filters_by_topic(client):
    topic = TopicFactory(name="Kreislaufwirtschaft", slug="kreislauf")
    inside = ArticleFactory(title="Recycling in Bitterfeld", topics=[topic])
    outside = ArticleFactory(title="Radwege in Zeitz")
    html = client.get("/aktuelles/?thema=kreislauf").content.decode()
    assert inside.title in html and outside.title not in html


def test_list_with_unknown_topic_is_404(client):
    response = client.get("/aktuelles/?thema=gibt-es-nicht")
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["Wasserstoffs", "x" * 1000, "' OR 1=1; --", "<script>alert(1)</script>", "   "])
def test_search_page_answers_any_input(client, query):
    ArticleFactory(title="Wasserstoff aus Leuna")
    response = client.get("/aktuelles/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_search_page_shows_hits_and_marks_noindex(client):
    hit = ArticleFactory(title="Wasserstoff aus Leuna")
    miss = ArticleFactory(title="Wärmepumpen in Jülich")
    html = client.get("/aktuelles/", {"q": "Wasserstoffs"}).content.decode()
    assert hit.title in html and miss.title not in html
    assert '<meta name="robots" content="noindex">' in html


def test_detail_shows_article_with_more_news(client):
    others = _articles(4)
    article = ArticleFactory(
        title="Innovationskonferenz in Leuna",
        body="Erster Absatz.\n\nZweiter <script>alert(1)</script> Absatz.",
        image=png_upload(),
        image_alt="Eine Grafik",
        image_credit="Revier",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    ArticleLinkFactory(article=article, label="Programm und Anmeldung", url="/veranstaltungen/")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1" in html and article.title in html
    assert "<script>alert(1)" not in html
    assert 'alt="Eine Grafik"' in html
    assert "Programm und Anmeldung" in html
    more = html[html.index('id="more-news-title"'):]
    assert [o.title in more for o in others] == [True, True, True, False]


def test_detail_has_json_ld_and_open_graph(client):
    article = ArticleFactory(title="Wasserstoff </script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"].startswith(str(article.published_at.astimezone(datetime.timezone.utc).year))
    assert '<meta property="og:type" content="article">' in html
    assert "<script>alert(1)" not in html


def test_detail_unknown_slug_is_designed_404(client):
    response = client.get("/aktuelles/gibt-es-nicht/")
    assert response.status_code == 404
    assert b"<main" in response.content


@pytest.mark.parametrize("status,published_in", [(Article.Status.DRAFT, None), (Article.Status.PUBLISHED, 3600)])
def test_detail_of_unpublished_article_is_404(client, status, published_in):
    at = timezone.now() + datetime.timedelta(seconds=published_in) if published_in else None
    article = ArticleFactory(status=status, published_at=at)
    assert client.get(f"/aktuelles/{article.slug}/").status_code == 404


def test_preview_for_staff_only(client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, title="Noch geheim")
    url = f"/aktuelles/vorschau/{article.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(StaffFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert "Noch geheim" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_rss_and_atom_feeds(client):
    article = ArticleFactory(title="Wasserstoff & Wärme")
    ArticleFactory(title="Entwurf", status=Article.Status.DRAFT, published_at=None)
    rss = ET.fromstring(client.get("/aktuelles/feed/rss/").content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    assert [i.findtext("title") for i in rss.iter("item")] == [article.title]
    atom_response = client.get("/aktuelles/feed/atom/")
    assert atom_response["Content-Type"].startswith("application/atom+xml")
    atom = ET.fromstring(atom_response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == [article.title]


def test_topic_feed_only_has_topic_articles(client):
    topic = TopicFactory(name="Kreislaufwirtschaft", slug="kreislauf")
    inside = ArticleFactory(title="Recycling", topics=[topic])
    ArticleFactory(title="Anderes")
    rss = ET.fromstring(client.get("/aktuelles/thema/kreislauf/feed/rss/").content)
    assert [i.findtext("title") for i in rss.iter("item")] == [inside.title]
    assert client.get("/aktuelles/thema/unbekannt/feed/rss/").status_code == 404


def test_list_announces_feeds(client):
    html = client.get("/aktuelles/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/aktuelles/",
        "/aktuelles/?page=2",
        "/aktuelles/?thema=wasserstoff",
        "/aktuelles/?q=Wasserstoff",
        "/aktuelles/feed/rss/",
        "/aktuelles/feed/atom/",
        "/",
        "DETAIL",
    ],
)
def test_query_count_does_not_grow_with_articles(count_queries, url):
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    extra = TopicFactory(name="Kreislaufwirtschaft", slug="kreislauf")
    _articles(10, topics=[topic, extra], teaser="Wasserstoff im Revier")
    target = Article.objects.order_by("id").first()
    ArticleLinkFactory(article=target)
    path = target.get_absolute_url() if url == "DETAIL" else url
    response, small = count_queries(path)
    assert response.status_code == 200
    _articles(190, topics=[topic, extra], teaser="Wasserstoff im Revier")
    response, large = count_queries(path)
    assert response.status_code == 200
    assert large == small
