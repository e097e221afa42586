import datetime

import pytest
from django.db import connection
from django.utils import timezone

from revier.core.text import clean_query
from revier.news import selectors
from revier.news.models import Article
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _search(query, topic=None):
    article_filter = selectors.ArticleFilter(topic=topic, query=clean_query(query))
    return list(selectors.article_list(article_filter=article_filter))


def test_article_published_hides_drafts_and_scheduled_until_their_time():
    published = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(selectors.article_published()) == [published]
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert set(selectors.article_published()) == {published, scheduled}


def test_article_list_is_newest_first():
    old = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=10))
    new = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=1))
    assert _search("") == [new, old]


def test_search_finds_inflected_forms():
    hydrogen = ArticleFactory(title="Grüner Wasserstoff für Leuna", body="Elektrolyse im Chemiepark.")
    ArticleFactory(title="Wärmewende in Cottbus", body="Fernwärme aus Großwärmepumpen.")
    assert _search("Wasserstoffs") == [hydrogen]
    assert _search("wasserstoff") == [hydrogen]


def test_search_requires_every_word():
    both = ArticleFactory(title="Fachkräfte und Wasserstoff")
    ArticleFactory(title="Fachkräfte in der Lausitz")
    assert _search("Wasserstoff Fachkräfte") == [both]


def test_search_does_not_find_drafts():
    ArticleFactory(title="Geheimer Wasserstoff", status=Article.Status.DRAFT, published_at=None)
    assert _search("Wasserstoff") == []


def test_search_combines_with_topic_filter():
    topic = TopicFactory(name="Förderaufrufe", slug="foerderaufrufe")
    in_topic = ArticleFactory(title="Förderprogramm für Wasserstoff", topics=[topic])
    ArticleFactory(title="Wasserstoff ohne Thema")
    assert _search("Wasserstoff", topic=topic) == [in_topic]
    topics = selectors.topic_index()
    page = selectors.article_list_page(
        article_filter=selectors.ArticleFilter(topic=topics.by_slug("foerderaufrufe"), query="Wasserstoff"),
        topics=topics,
        number=1,
        per_page=10,
    )
    assert (page.count, [a.pk for a in page.articles]) == (1, [in_topic.pk])


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE news_article; --", "\" OR 1=1 --", "a" * 1000, "!!! ??? ***", "& | ! :*", "<script>"],
)
def test_search_with_odd_input_returns_a_list(query):
    ArticleFactory(title="Wasserstoff")
    assert isinstance(_search(query), list)
    assert Article.objects.count() == 1


def test_latest_excludes_given_article():
    first, second, third, fourth = (ArticleFactory() for _ in range(4))
    latest = selectors.article_list_latest(limit=3, exclude=fourth)
    assert fourth.pk not in [article.pk for article in latest]
    assert len(latest) == 3


def test_search_ranks_title_then_teaser_then_text_newest_first_within():
    """PostgreSQL ranks on title (A) and teaser (B); SQLite lists the hits newest first."""
    now = timezone.now()

    def article(title, teaser, body, days):
        return ArticleFactory(title=title, teaser=teaser, body=body, published_at=now - datetime.timedelta(days=days))

    in_text = article("Netze in Zeitz", "Neue Leitungen.", "Dort fließt bald Wasserstoff.", days=1)
    in_teaser_old = article("Chemiepark Leuna", "Wasserstoff für die Chemie.", "Ein Absatz.", days=4)
    in_teaser = article("Kraftwerk Boxberg", "Wasserstoff statt Kohle.", "Ein Absatz.", days=2)
    in_title = article("Wasserstoff für Cottbus", "Ein Anreißer.", "Ein Absatz.", days=3)
    ArticleFactory(title="Wärmepumpen", teaser="Fernwärme.", body="Nichts davon.")
    found = [a.pk for a in _search("Wasserstoffs")]
    if connection.vendor == "postgresql":
        assert found == [in_title.pk, in_teaser.pk, in_teaser_old.pk, in_text.pk]
    else:
        assert found == [in_text.pk, in_teaser.pk, in_title.pk, in_teaser_old.pk]
    # The list page shows them in the same order, with the number of hits.
    page = selectors.article_list_page(
        article_filter=selectors.ArticleFilter(topic=None, query="Wasserstoffs"),
        topics=selectors.topic_index(),
        number=1,
        per_page=3,
    )
    assert (page.count, page.num_pages, page.number) == (4, 2, 1)
    assert [a.pk for a in page.articles] == found[:3]
    last = selectors.article_list_page(
        article_filter=selectors.ArticleFilter(topic=None, query="Wasserstoffs"),
        topics=selectors.topic_index(),
        number=9,
        per_page=3,
    )
    assert (last.count, last.number, [a.pk for a in last.articles]) == (4, 2, found[3:])


def test_article_table_layout_for_search():
    """PostgreSQL: the ranking vector is a generated column (news/0008) beside the full text's
    (news/0005). SQLite has neither (it searches the stored stems)."""
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "news_article")]
    if connection.vendor != "postgresql":
        assert "rank_vector" not in columns and "search_vector" not in columns
    else:
        assert "rank_vector" in columns and "search_vector" in columns
