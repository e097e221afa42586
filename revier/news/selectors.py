from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, Func, Prefetch, QuerySet
from django.utils import timezone

from revier.core.text import german_stems
from revier.news.models import Article, ArticleLink, Topic

MAX_QUERY_LENGTH = 200


class GermanDocument(Func):
    """to_tsvector('german', search_text): the very expression the GIN index of migration 0002
    is built on, so PostgreSQL uses the index."""

    template = "to_tsvector('german'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def article_published() -> QuerySet[Article]:
    """Published articles whose time has come: scheduled ones appear by themselves, no cron job."""
    return Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


def _for_listing(qs: QuerySet[Article]) -> QuerySet[Article]:
    return qs.defer("body", "body_html", "search_text", "search_stems").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name"))
    )


def topic_list() -> list[Topic]:
    return list(Topic.objects.all())


def clean_query(raw: str | None) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def article_search(*, query: str, qs: QuerySet[Article]) -> QuerySet[Article]:
    """Full-text search in German. PostgreSQL: the `german` configuration with an index, ranked.
    SQLite: every word's German stem must begin a word stem of the article, newest first."""
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, config="german", search_type="websearch")
        return (
            qs.annotate(document=GermanDocument(F("search_text")))
            .filter(document=ts_query)
            .annotate(rank=SearchRank(GermanDocument(F("search_text")), ts_query))
            .order_by("-rank", "-published_at", "-id")
        )
    stems = [s for s in german_stems(query) if s]
    if not stems:
        return qs.none()
    for stem in dict.fromkeys(stems):
        qs = qs.filter(search_stems__contains=f" {stem}")
    return qs


@dataclass(frozen=True)
class ArticleFilter:
    topic: Topic | None
    query: str


def article_filter_from_params(*, topic_slug: str | None, query: str | None) -> ArticleFilter:
    topic = Topic.objects.filter(slug=topic_slug).first() if topic_slug else None
    return ArticleFilter(topic=topic, query=clean_query(query))


def article_list(*, article_filter: ArticleFilter) -> QuerySet[Article]:
    qs = article_published()
    if article_filter.topic:
        qs = qs.filter(topics=article_filter.topic)
    if article_filter.query:
        qs = article_search(query=article_filter.query, qs=qs)
    else:
        qs = qs.order_by("-published_at", "-id")
    return _for_listing(qs)


def article_list_latest(*, limit: int, exclude: Article | None = None) -> list[Article]:
    qs = article_published().order_by("-published_at", "-id")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(_for_listing(qs)[:limit])


def _with_details(qs: QuerySet[Article]) -> QuerySet[Article]:
    return qs.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
        Prefetch("links", queryset=ArticleLink.objects.select_related("event").order_by("position", "id")),
    )


def article_get_published(*, slug: str) -> Article | None:
    return _with_details(article_published().filter(slug=slug)).first()


def article_get_for_preview(*, pk: int) -> Article | None:
    return _with_details(Article.objects.filter(pk=pk)).first()


def article_feed_items(*, topic: Topic | None = None, limit: int = 20) -> list[Article]:
    qs = article_published()
    if topic:
        qs = qs.filter(topics=topic)
    return list(_for_listing(qs.order_by("-published_at", "-id"))[:limit])
