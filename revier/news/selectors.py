import datetime
import math
from array import array
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import Aggregate, CharField, Exists, Expression, OuterRef, QuerySet, Subquery
from django.utils import timezone

from revier.core.cache import remembered_per_generation
from revier.core.fragments import bounded_store, fragment, fragment_seconds, kept
from revier.core.models import Topic
from revier.core.site_search import kept_per_generation
from revier.events.models import Event
from revier.core.text import clean_query, german_stems
from revier.news.addresses import article_url
from revier.news.compiled import CompiledQuery
from revier.news.models import Article, ArticleLink

# Repeated searches (the same words, topic and page) within one content generation reuse the ids
# and the number of hits of the first: at most this many, in a store of their own, so that what
# readers type cannot push out the parts of pages everyone reads (core.fragments.bounded_store).
SEARCH_RESULTS_KEPT = 256
_search_results = bounded_store("news-search", max_entries=SEARCH_RESULTS_KEPT)


class _GeneratedColumn(Expression):
    """A column PostgreSQL generates and the model does not declare (Django must never write it),
    named under whatever alias the query gives the table (also inside subqueries)."""

    output_field = SearchVectorField()
    column = ""

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.column)}", []


class SearchVectorColumn(_GeneratedColumn):
    """news_article.search_vector: to_tsvector('german', search_text), stored and GIN-indexed by
    migration 0005 (PostgreSQL only). What a search matches."""

    column = "search_vector"


class RankVectorColumn(_GeneratedColumn):
    """news_article.rank_vector: title (weight A) and teaser (weight B), stored by migration 0008
    (PostgreSQL only). What a search ranks on: small enough to stay in the row."""

    column = "rank_vector"


class _GroupConcat(Aggregate):
    function = "GROUP_CONCAT"
    output_field = CharField()


def article_published() -> QuerySet[Article]:
    """Published articles whose time has come: scheduled ones appear by themselves, no cron job."""
    return Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


@remembered_per_generation
def article_next_publication_at(*, now: datetime.datetime) -> datetime.datetime | None:
    """When the next scheduled article appears (None: none is scheduled). Uses the listing index;
    asked once per content generation until that moment has come (core asks on every store of a
    page or a kept part)."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


class TopicRef(NamedTuple):
    """A topic as the news pages show it (kept per content generation as a plain tuple)."""

    pk: int
    name: str
    slug: str


class TopicIndex:
    """The topic list in its order (position, name), with lookups by slug and id."""

    def __init__(self, topics: tuple[TopicRef, ...]):
        self.topics = topics
        self._by_slug = {topic.slug: topic for topic in topics}
        self._position = {topic.pk: (n, topic) for n, topic in enumerate(topics)}

    def by_slug(self, slug: str | None) -> TopicRef | None:
        return self._by_slug.get(slug) if slug else None

    def of(self, ids) -> tuple[TopicRef, ...]:
        """The topics with these ids, in the list's order ("1,3" from SQLite's GROUP_CONCAT too)."""
        if isinstance(ids, str):
            ids = [int(pk) for pk in ids.split(",")]
        found = sorted(self._position[pk] for pk in ids or () if pk in self._position)
        return tuple(topic for _n, topic in found)


def topic_index() -> TopicIndex:
    """Every topic, kept per content generation (a topic's save starts a new one)."""
    rows = fragment("news:topics", (), lambda: tuple(Topic.objects.values_list("pk", "name", "slug")))
    return TopicIndex(tuple(TopicRef(*row) for row in rows))


def topic_list() -> list[TopicRef]:
    return list(topic_index().topics)


@dataclass(frozen=True, slots=True)
class ArticleTeaser:
    """What lists, feeds and "more news" show of an article."""

    pk: int
    title: str
    slug: str
    teaser: str
    published_at: datetime.datetime
    updated_at: datetime.datetime | None  # read for the feeds only
    topics: tuple[TopicRef, ...]
    title_en: str = ""  # the optional English versions (core.text.shown_field)
    teaser_en: str = ""

    def get_absolute_url(self) -> str:
        return article_url(self.slug)


_TEASER_FIELDS = ("pk", "title", "slug", "teaser", "published_at", "updated_at")


def _with_topic_ids(qs: QuerySet[Article]) -> QuerySet[Article]:
    """Adds `topic_ids`, the ids of the article's topics, in the same query (instead of a second
    query that prefetches them): a list on PostgreSQL, "1,3" on SQLite."""
    links = Article.topics.through.objects.filter(article_id=OuterRef("pk"))
    if connection.vendor == "postgresql":
        return qs.annotate(topic_ids=ArraySubquery(links.values("topic_id")))
    return qs.annotate(
        topic_ids=Subquery(links.order_by().values("article_id").annotate(ids=_GroupConcat("topic_id")).values("ids"))
    )


def _teasers(qs: QuerySet[Article], topics: TopicIndex) -> list[ArticleTeaser]:
    rows = _with_topic_ids(qs).values_list(*_TEASER_FIELDS, "title_en", "teaser_en", "topic_ids")
    return [ArticleTeaser(*row[:6], topics=topics.of(row[-1]), title_en=row[6], teaser_en=row[7]) for row in rows]


_TEASERS_BY_IDS = CompiledQuery(
    lambda ids: _with_topic_ids(Article.objects.filter(pk__in=ids).order_by()).values_list(
        "pk", "title", "slug", "teaser", "published_at", "title_en", "teaser_en", "topic_ids"
    )
)


def article_teasers(*, ids: list[int], topics: TopicIndex) -> list[ArticleTeaser]:
    """The articles with these ids, in this order, in one query (compiled once per number of ids,
    news.compiled)."""
    if not ids:
        return []
    found = {
        row[0]: ArticleTeaser(*row[:5], None, topics.of(row[-1]), title_en=row[5], teaser_en=row[6])
        for row in _TEASERS_BY_IDS.rows(ids=ids)
    }
    return [found[pk] for pk in ids if pk in found]


def _ts_query(query: str) -> SearchQuery:
    return SearchQuery(query, config="german", search_type="websearch")


def article_search(*, query: str, qs: QuerySet[Article]) -> QuerySet[Article]:
    """Full-text search in German. PostgreSQL: the `german` configuration on the full text with an
    index, ranked on title and teaser (a title match first, then a teaser match, then the rest),
    newest first within a rank. SQLite: every word's German stem must begin a word stem of the
    article, newest first."""
    if connection.vendor == "postgresql":
        ts_query = _ts_query(query)
        return (
            qs.alias(document=SearchVectorColumn())
            .filter(document=ts_query)
            .annotate(rank=SearchRank(RankVectorColumn(), ts_query))
            .order_by("-rank", "-published_at", "-id")
        )
    stems = [s for s in german_stems(query) if s]
    if not stems:
        return qs.none()
    for stem in dict.fromkeys(stems):
        qs = qs.filter(search_stems__contains=f" {stem}")
    return qs.order_by("-published_at", "-id")


@dataclass(frozen=True)
class ArticleFilter:
    topic: TopicRef | None
    query: str


def article_filter_from_params(*, topic_slug: str | None, query: str | None, topics: TopicIndex) -> ArticleFilter:
    return ArticleFilter(topic=topics.by_slug(topic_slug), query=clean_query(query))


def _filtered(article_filter: ArticleFilter) -> QuerySet[Article]:
    qs = article_published()
    if article_filter.topic:
        qs = qs.filter(topics__id=article_filter.topic.pk)
    return qs


def article_list(*, article_filter: ArticleFilter) -> QuerySet[Article]:
    qs = _filtered(article_filter)
    if article_filter.query:
        return article_search(query=article_filter.query, qs=qs)
    return qs.order_by("-published_at", "-id")


@dataclass(frozen=True)
class ArticleListPage:
    """One page of a list of articles: its number (a page that exists), the number of pages, all
    articles of the list, the ids of the page's articles, and (fetched when first asked for, in one
    query: a page whose teasers are kept rendered needs no rows) the page's articles."""

    number: int
    num_pages: int
    count: int
    ids: tuple[int, ...]
    topics: "TopicIndex"

    @cached_property
    def articles(self) -> list[ArticleTeaser]:
        return article_teasers(ids=list(self.ids), topics=self.topics)


def _num_pages(count: int, per_page: int) -> int:
    return max(1, math.ceil(count / per_page))


def _search_ids(article_filter: ArticleFilter, *, offset: int, limit: int) -> tuple[int | None, list[int]]:
    """(number of hits, ids of the hits offset…offset+limit in rank order) in one query on PostgreSQL
    (compiled once, news.compiled). With no row in the range its number of hits is unknown:
    (None, [])."""
    if connection.vendor != "postgresql":
        qs = article_search(query=article_filter.query, qs=_filtered(article_filter))
        return qs.count(), list(qs.values_list("pk", flat=True)[offset : offset + limit])
    query = _SEARCH_IN_TOPIC if article_filter.topic else _SEARCH
    values = {"topic_ids": [article_filter.topic.pk]} if article_filter.topic else {}
    # For a word in most articles PostgreSQL's estimates make reading the whole table look as
    # cheap as the GIN index, but matching each row then reads its full-text vector out of line:
    # "Revier" (6,059 of 9,738 articles) 55 ms instead of 16 ms through the index. The search
    # therefore runs in a transaction of its own that leaves the planner the index.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        rows = query.rows(words=article_filter.query, now=timezone.now(), extra=(limit, offset), **values)
    return (rows[0][1] if rows else None), [row[0] for row in rows]


def _ranked(qs: QuerySet[Article], words: str) -> QuerySet:
    ts_query = _ts_query(words)
    return (
        qs.alias(document=SearchVectorColumn())
        .filter(document=ts_query)
        .annotate(rank=SearchRank(RankVectorColumn(), ts_query))
        .order_by()
        .values_list("id", "published_at", "rank")
    )


def _with_rank_order(sql: str) -> str:
    # The ranks are computed in the subquery; the window count then runs over (id, date, rank)
    # only, instead of carrying each match's rank vector through it.
    return (
        f"SELECT ranked.id, COUNT(*) OVER () FROM ({sql} OFFSET 0) ranked "
        "ORDER BY ranked.rank DESC, ranked.published_at DESC, ranked.id DESC LIMIT %s OFFSET %s"
    )


_SEARCH = CompiledQuery(
    lambda words, now: _ranked(Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now), words),
    wrap=_with_rank_order,
)
_SEARCH_IN_TOPIC = CompiledQuery(
    lambda words, now, topic_ids: _ranked(
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now, topics__id__in=topic_ids), words
    ),
    wrap=_with_rank_order,
)


def _search_page(article_filter: ArticleFilter, *, number: int, per_page: int) -> tuple[int, int, list[int]]:
    count, ids = _search_ids(article_filter, offset=(number - 1) * per_page, limit=per_page)
    if not ids and number > 1:
        # Past the last page (rare): the number of hits first, then the last page.
        if count is None:
            count, _ids = _search_ids(article_filter, offset=0, limit=1)
        number = _num_pages(count or 0, per_page)
        count, ids = _search_ids(article_filter, offset=(number - 1) * per_page, limit=per_page)
    return count or 0, number, ids


def article_list_page(
    *, article_filter: ArticleFilter, topics: TopicIndex, number: int, per_page: int
) -> ArticleListPage:
    """A page of the list (newest first) or of the search results (best first). A number past the
    end gives the last page.

    Queries: the plain and the topic list read their articles' ids once per content generation
    (`_listing_ids`), then one query per page (its rows with their topics). A search takes one query for the page's ids and the number of hits, kept for repeated
    searches (at most SEARCH_RESULTS_KEPT), and one for the rows."""
    if article_filter.query:
        vary = (article_filter.query, article_filter.topic.pk if article_filter.topic else 0, number, per_page)
        count, number, ids = fragment(
            "news:search",
            vary,
            lambda: _search_page(article_filter, number=number, per_page=per_page),
            store=_search_results,
        )
        return ArticleListPage(number, _num_pages(count, per_page), count, tuple(ids), topics)
    ids = _listing_ids(article_filter)
    num_pages = _num_pages(len(ids), per_page)
    number = min(max(number, 1), num_pages)
    offset = (number - 1) * per_page
    page_ids = ids[offset : offset + per_page].tolist()
    return ArticleListPage(number, num_pages, len(ids), tuple(page_ids), topics)


_LISTING = CompiledQuery(
    lambda now: Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
    .order_by("-published_at", "-id")
    .values_list("pk")
)
_LISTING_IN_TOPIC = CompiledQuery(
    lambda now, topic_ids: Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__lte=now, topics__id__in=topic_ids
    )
    .order_by("-published_at", "-id")
    .values_list("pk")
)


def _listing_ids(article_filter: ArticleFilter) -> memoryview:
    """The ids of the list's articles (all, or a topic's), newest first, kept per content
    generation as 8 bytes each (80 kB for 10,000 articles): a page is a slice of them, so that
    neither its count nor deep pages (?page=900: OFFSET 9,000) cost PostgreSQL a scan per request."""

    def load() -> bytes:
        if article_filter.topic:
            rows = _LISTING_IN_TOPIC.rows(now=timezone.now(), topic_ids=[article_filter.topic.pk])
        else:
            rows = _LISTING.rows(now=timezone.now())
        return array("q", [row[0] for row in rows]).tobytes()

    vary = (article_filter.topic.pk if article_filter.topic else 0,)
    return memoryview(fragment("news:listing-ids", vary, load)).cast("q")


def article_latest_ids(*, limit: int) -> list[int]:
    """The ids of the `limit` newest published articles, kept per content generation."""
    return fragment(
        "news:latest",
        (limit,),
        lambda: list(article_published().order_by("-published_at", "-id").values_list("pk", flat=True)[:limit]),
    )


def article_list_latest(*, limit: int, exclude: Article | None = None, topics: TopicIndex | None = None) -> list[ArticleTeaser]:
    """The `limit` newest published articles (but `exclude`), newest first."""
    ids = [pk for pk in article_latest_ids(limit=limit + 1) if exclude is None or pk != exclude.pk][:limit]
    return article_teasers(ids=ids, topics=topics or topic_index())


@dataclass(frozen=True)
class LinkRef:
    """A related link as the article page shows it: its text and where it leads."""

    label: str
    href: str


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    topics: tuple[TopicRef, ...]
    links: list[LinkRef]


# The article page's columns: all but the Markdown sources and the search fields.
_PAGE_FIELDS = tuple(
    field.attname for field in Article._meta.concrete_fields
    if field.attname not in ("body", "body_en", "search_text", "search_stems")
)


def _article_page_query(qs: QuerySet[Article]) -> QuerySet:
    qs = qs.annotate(has_links=Exists(ArticleLink.objects.filter(article=OuterRef("pk"))))
    return _with_topic_ids(qs).order_by().values_list(*_PAGE_FIELDS, "has_links", "topic_ids")[:1]


_LINKS = CompiledQuery(
    lambda article_id: ArticleLink.objects.filter(article_id__in=article_id)
    .order_by("position", "id")
    .values_list("label", "url", "event_id", "event__slug")
)

_ARTICLE_BY_SLUG = CompiledQuery(
    lambda slug, now: _article_page_query(
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now, slug=slug)
    )
)

# The same without the topics and links: those come from _article_relations.
_ARTICLE_ROW_BY_SLUG = CompiledQuery(
    lambda slug, now: Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now, slug=slug)
    .order_by().values_list(*_PAGE_FIELDS)[:1]
)


@dataclass(frozen=True)
class _ArticleRelations:
    topic_ids: dict[int, tuple[int, ...]]
    links: dict[int, tuple[LinkRef, ...]]


def _article_relations_read() -> _ArticleRelations:
    """Every article's topic ids and related links (two queries; a few rows per article)."""
    topic_ids: dict[int, list[int]] = {}
    for article_id, topic_id in Article.topics.through.objects.values_list("article_id", "topic_id"):
        topic_ids.setdefault(article_id, []).append(topic_id)
    links: dict[int, list[LinkRef]] = {}
    rows = ArticleLink.objects.order_by("article_id", "position", "id").values_list(
        "article_id", "label", "url", "event_id", "event__slug")
    for article_id, label, url, event_id, event_slug in rows:
        # ArticleLink.href: the event's page when an event is chosen, else the address.
        href = Event(pk=event_id, slug=event_slug).get_absolute_url() if event_id is not None else url
        links.setdefault(article_id, []).append(LinkRef(label, href))
    return _ArticleRelations({pk: tuple(ids) for pk, ids in topic_ids.items()},
                             {pk: tuple(refs) for pk, refs in links.items()})


# Kept per content generation and language (the links to events are addresses in the page's
# language) in each process, not pickled: an article's topics and links are saved with it or its
# links (news.apps registers both), and that starts a new generation.
_article_relations = kept_per_generation(_article_relations_read)


def article_page(*, slug: str | None = None, preview_pk: int | None = None, topics: TopicIndex,
                 keep: bool = True) -> ArticlePage | None:
    """An article page: the published article with `slug` (or any article by `preview_pk`, for
    the staff preview) with its topics, in one query (compiled once, news.compiled), and its links
    in a second one if it has any (the article page is what every reader coming from a search
    engine pays). A published article's page data is kept per content generation (core.fragments.
    kept: a scheduled article's publication ends the generation), so a reader's request runs no
    query; an unknown slug is never kept. "More news" is `article_latest_ids`, kept the same way.
    `keep=False`: read now, not kept (the article page keeps what it renders of it instead); while
    the fragment store is on, in one query of the article's own columns, its topics and links from
    every article's, read once per content generation (_article_relations: a page that is not kept
    pays neither the two subqueries nor a second query for its links)."""
    if preview_pk is None and not keep:
        if fragment_seconds() <= 0:  # nothing kept: the topics and links in the same query
            return _article_page(_ARTICLE_BY_SLUG.rows(slug=slug, now=timezone.now()), topics)
        rows = _ARTICLE_ROW_BY_SLUG.rows(slug=slug, now=timezone.now())
        if not rows:
            return None
        relations = _article_relations()
        article = Article.from_db("default", _PAGE_FIELDS, rows[0])
        return ArticlePage(article=article, topics=topics.of(relations.topic_ids.get(article.pk, ())),
                           links=list(relations.links.get(article.pk, ())))
    if preview_pk is None:
        return kept("news:article-page", [slug], lambda: _article_page(
            _ARTICLE_BY_SLUG.rows(slug=slug, now=timezone.now()), topics))
    return _article_page(list(_article_page_query(Article.objects.filter(pk=preview_pk))), topics)


def _article_page(rows: list, topics: TopicIndex) -> ArticlePage | None:
    if not rows:
        return None
    *values, has_links, topic_ids = rows[0]
    article = Article.from_db("default", _PAGE_FIELDS, values)
    links = []
    if has_links:
        links = [
            # ArticleLink.href: the event's page when an event is chosen, else the address.
            LinkRef(label, Event(pk=event_id, slug=event_slug).get_absolute_url() if event_id is not None else url)
            for label, url, event_id, event_slug in _LINKS.rows(article_id=[article.pk])
        ]
    return ArticlePage(article=article, topics=topics.of(topic_ids), links=links)


def article_feed_items(*, topic: TopicRef | None = None, limit: int = 20, topics: TopicIndex) -> list[ArticleTeaser]:
    qs = article_published()
    if topic:
        qs = qs.filter(topics__id=topic.pk)
    return _teasers(qs.order_by("-published_at", "-id")[:limit], topics)
