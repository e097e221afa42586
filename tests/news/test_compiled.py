"""Queries the ORM writes once and that run again with new values (revier.news.compiled)."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from revier.news.compiled import CompiledQuery
from revier.news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_compiled_query_runs_again_with_new_values_and_converts_results():
    now = timezone.now()
    articles = [ArticleFactory(title=f"Meldung {n}", published_at=now - datetime.timedelta(days=n)) for n in range(4)]
    query = CompiledQuery(
        lambda ids, since, title: Article.objects.filter(pk__in=ids, published_at__gte=since)
        .exclude(title=title)
        .order_by("pk")
        .values_list("pk", "published_at", "title")
    )
    ids = [a.pk for a in articles]
    rows = query.rows(ids=ids, since=now - datetime.timedelta(days=2, hours=1), title="Meldung 1")
    assert [tuple(row) for row in rows] == [(a.pk, a.published_at, a.title) for a in (articles[0], articles[2])]
    # Another shape (two ids) and other values; the results are aware datetimes on both databases.
    rows = query.rows(ids=ids[2:], since=now - datetime.timedelta(days=9), title="")
    assert [row[0] for row in rows] == ids[2:]
    assert all(timezone.is_aware(row[1]) for row in rows)


def test_compiled_query_refuses_a_value_the_query_does_not_use():
    query = CompiledQuery(lambda slug: Article.objects.annotate(x=F("title")).values_list("pk"))
    with pytest.raises(RuntimeError, match="slug"):
        query.rows(slug="wasserstoff")
