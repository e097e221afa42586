"""Aktuelles in the API: what the list page and the article page show, no drafts or scheduled
articles, the list's filters and paging, constant query counts."""

import datetime

import pytest
from django.utils import timezone

from revier.news.models import Article
from tests.factories import ArticleFactory, ArticleLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return [TopicFactory(name="Wasserstoff", slug="wasserstoff"), TopicFactory(name="Wärmewende", slug="waermewende")]


def _slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def test_article_list_shows_what_the_list_page_shows(client, topics):
    now = timezone.now()
    old = ArticleFactory(title="Ältere Meldung", published_at=now - datetime.timedelta(days=2), topics=topics[:1])
    new = ArticleFactory(title="Neue Meldung", published_at=now - datetime.timedelta(hours=1))
    draft = ArticleFactory(title="Entwurf", status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(title="Geplant", published_at=now + datetime.timedelta(days=1))
    response = client.get("/api/v1/news")
    body = response.json()
    assert _slugs(response) == [new.slug, old.slug]
    assert body["count"] == 2 and body["page"] == 1 and body["num_pages"] == 1
    item = body["results"][1]
    assert item["title"] == "Ältere Meldung"
    assert item["topics"] == [{"name": "Wasserstoff", "slug": "wasserstoff"}]
    assert item["url"] == f"http://testserver{old.get_absolute_url()}"
    assert item["url_en"] == f"http://testserver/en{old.get_absolute_url()}"
    assert client.get(item["url_en"]).status_code == 200
    page = client.get("/aktuelles/").content.decode()
    for article in (old, new):
        assert article.title in page
    for hidden in (draft, scheduled):
        assert hidden.title not in page
        assert hidden.slug not in response.content.decode()


def test_article_list_filters_by_topic_and_words(client, topics):
    water = ArticleFactory(title="Wasserstoff im Hafen", topics=topics[:1])
    ArticleFactory(title="Wärmepumpen im Quartier", topics=topics[1:])
    assert _slugs(client.get("/api/v1/news?thema=wasserstoff")) == [water.slug]
    assert _slugs(client.get("/api/v1/news?q=Hafen")) == [water.slug]
    assert _slugs(client.get("/api/v1/news?q=Hafen&thema=waermewende")) == []
    assert client.get("/api/v1/news?thema=gibt-es-nicht").status_code == 404


def test_article_list_pages(client):
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - datetime.timedelta(hours=n + 1)) for n in range(5)]
    body = client.get("/api/v1/news?per_page=2&page=2").json()
    assert [a["slug"] for a in body["results"]] == [articles[2].slug, articles[3].slug]
    assert (body["count"], body["page"], body["num_pages"], body["per_page"]) == (5, 2, 3, 2)
    past_end = client.get("/api/v1/news?per_page=2&page=99").json()
    assert past_end["page"] == 3 and [a["slug"] for a in past_end["results"]] == [articles[4].slug]
    assert client.get("/api/v1/news?per_page=101").status_code == 422


def test_article_detail_shows_the_article_page(client, topics):
    article = ArticleFactory(title="Die Meldung", topics=topics)
    ArticleLinkFactory(article=article, label="Mehr dazu", url="https://example.org/mehr")
    body = client.get(f"/api/v1/news/{article.slug}").json()
    assert body["title"] == "Die Meldung"
    assert "<strong>fettem</strong>" in body["body_html"]
    assert body["links"] == [{"label": "Mehr dazu", "url": "https://example.org/mehr"}]
    assert [t["slug"] for t in body["topics"]] == ["wasserstoff", "waermewende"]
    assert body["image"] is None


def test_article_detail_hides_drafts_and_scheduled(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    for article in (draft, scheduled):
        assert client.get(f"/api/v1/news/{article.slug}").status_code == 404
        assert client.get(article.get_absolute_url()).status_code == 404


def test_topic_list_is_the_portal_taxonomy_in_its_order(client, topics):
    from revier.core.models import Topic

    expected = [{"name": t.name, "slug": t.slug} for t in Topic.objects.order_by("position", "name")]
    assert client.get("/api/v1/topics").json() == expected
    assert {"name": "Wärmewende", "slug": "waermewende"} in expected


@pytest.mark.parametrize("url", ["/api/v1/news", "/api/v1/news?thema=wasserstoff&per_page=5",
                                 "/api/v1/news?q=Revier", "/api/v1/topics", "/api/v1/news/{slug}"])
def test_news_api_query_count_does_not_grow(count_queries, topics, url):
    def add(n, start):
        for i in range(n):
            article = ArticleFactory(title=f"Revier Meldung {start + i}", topics=topics[: i % 2 + 1],
                                     published_at=timezone.now() - datetime.timedelta(hours=start + i + 1))
            ArticleLinkFactory(article=article)
        return article

    article = add(3, 0)
    response, small = count_queries(url.format(slug=article.slug))
    assert response.status_code == 200
    add(30, 100)
    TopicFactory(name="Fachkräfte", slug="fachkraefte")
    response, large = count_queries(url.format(slug=article.slug))
    assert response.status_code == 200
    assert large == small, (url, small, large)
