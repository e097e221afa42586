import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Expression, F, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from revier.core.models import Topic
from revier.core.text import german_stems
from revier.news.models import Article, ArticleLink

MAX_QUERY_LENGTH = 200


class SearchVectorColumn(Expression):
    """The column news_article.search_vector: to_tsvector('german', search_text), stored and
    GIN-indexed by migration 0005 (PostgreSQL only). The model does not declare it because
    PostgreSQL generates it; this expression names it under whatever alias the query gives the
    table (also inside subqueries)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('search_vector')}", []


def article_published() -> QuerySet[Article]:
    """Published articles whose time has come: scheduled ones appear by themselves, no cron job."""
    return Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


def article_next_publication_at(*, now: datetime.datetime) -> datetime.datetime | None:
    """When the next scheduled article appears (None: none is scheduled). Uses the listing index."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


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
            qs.alias(document=SearchVectorColumn())
            .filter(document=ts_query)
            .annotate(rank=SearchRank(F("document"), ts_query))
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


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    more_news: list[Article]


def article_page(*, slug: str | None = None, preview_pk: int | None = None, more: int = 3) -> ArticlePage | None:
    """An article page: the published article with `slug` (or any article by `preview_pk`, for
    the staff preview) with its links, and the `more` latest other published articles. Four
    queries whatever the number of articles: article, links, the others, and the topics of all of
    them in one (the article page is what every reader coming from a search engine pays)."""
    qs = article_published().filter(slug=slug) if preview_pk is None else Article.objects.filter(pk=preview_pk)
    article = qs.prefetch_related(
        Prefetch("links", queryset=ArticleLink.objects.select_related("event").order_by("position", "id"))
    ).first()
    if article is None:
        return None
    others = article_published().order_by("-published_at", "-id").exclude(pk=article.pk)
    more_news = list(others.defer("body", "body_html", "search_text", "search_stems")[:more])
    prefetch_related_objects([article, *more_news], Prefetch("topics", queryset=Topic.objects.order_by("position", "name")))
    return ArticlePage(article=article, more_news=more_news)


def article_feed_items(*, topic: Topic | None = None, limit: int = 20) -> list[Article]:
    qs = article_published()
    if topic:
        qs = qs.filter(topics=topic)
    return list(_for_listing(qs.order_by("-published_at", "-id"))[:limit])


class ArticlePaginator(Paginator):
    """Fetches a page in two steps: the ids of its rows first (for the plain list an index-only
    scan of news_article_listing), then those rows with their topics. Deep pages such as
    ?page=500 then skip over 5,000 index entries instead of sorting every article with all its
    columns. Same rows, same order as the plain Paginator."""

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.prefetch_related(None).values_list("pk", flat=True)[bottom:top])
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)
