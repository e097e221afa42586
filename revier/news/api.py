"""Aktuelles in the public JSON API (docs/api.md): the article list with the list page's filters
(topic, search words) and paging, an article, and the topics. Reads through news.selectors, the
same reads the pages make."""

import datetime

from django.conf import settings
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from revier.core.api import (
    ERRORS,
    ERRORS_404,
    MAX_PAGE,
    MAX_PER_PAGE,
    TEXT,
    PageInfo,
    english_url_field,
    page_info,
    page_urls,
)
from revier.news import selectors
from revier.news.addresses import article_url

router = Router(tags=["Aktuelles"])


class TopicOut(Schema):
    name: str
    slug: str


class ArticleTeaserOut(Schema):
    title: str
    slug: str
    teaser: str
    published_at: datetime.datetime
    topics: list[TopicOut]
    url: str
    url_en: str = english_url_field()
    title_en: str | None = Field(None, description="The English title, where editors gave one.")
    teaser_en: str | None = Field(None, description="The English teaser, where editors gave one.")


class ArticlePageOut(PageInfo):
    results: list[ArticleTeaserOut]


class ImageOut(Schema):
    url: str
    alt: str
    credit: str
    width: int | None
    height: int | None


class LinkOut(Schema):
    label: str
    url: str


class ArticleOut(ArticleTeaserOut):
    body_html: str
    body_en_html: str | None = Field(None, description="The English text as sanitised HTML, where editors gave one.")
    image: ImageOut | None
    links: list[LinkOut]


def _topics(topics) -> list[dict]:
    return [{"name": topic.name, "slug": topic.slug} for topic in topics]


@router.get("/topics", response={200: list[TopicOut], **ERRORS}, operation_id="topic_list",
            summary="Themen")
def topic_list(request):
    """Every topic of the portal (news, events and the network share them), in their order."""
    return _topics(selectors.topic_index().topics)


@router.get("/news", response={200: ArticlePageOut, **ERRORS_404}, operation_id="article_list",
            summary="Artikel")
def article_list(
    request,
    thema: str | None = Query(None, pattern=TEXT, max_length=200, description="Slug of a topic (an unknown one: 404)."),
    q: str | None = Query(None, pattern=TEXT, max_length=1000, description="Search words (German stemming), best match first."),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="Page number; past the end: the last page."),
    per_page: int = Query(settings.NEWS_PAGE_SIZE, ge=1, le=MAX_PER_PAGE),
):
    """Published articles, newest first (with `q`: best match first), as the list page shows them."""
    topics = selectors.topic_index()
    article_filter = selectors.article_filter_from_params(topic_slug=thema, query=q, topics=topics)
    if thema and article_filter.topic is None:
        raise Http404("unknown topic")
    result = selectors.article_list_page(article_filter=article_filter, topics=topics, number=page, per_page=per_page)
    return {
        **page_info(count=result.count, page=result.number, per_page=per_page),
        "results": [_teaser(request, article) for article in result.articles],
    }


def _teaser(request, article, topics=None) -> dict:
    return {
        "title": article.title,
        "slug": article.slug,
        "teaser": article.teaser,
        "published_at": article.published_at,
        "topics": _topics(article.topics if topics is None else topics),
        **page_urls(request, article_url(article.slug)),
        "title_en": article.title_en or None,
        "teaser_en": article.teaser_en or None,
    }


@router.get("/news/{slug}", response={200: ArticleOut, **ERRORS_404}, operation_id="article_detail",
            summary="Artikel")
def article_detail(request, slug: str = Path(..., pattern=TEXT, max_length=200)):
    """A published article as its page shows it: text as sanitised HTML, image, topics, links."""
    topics = selectors.topic_index()
    found = selectors.article_page(slug=slug[:200], topics=topics)
    if found is None:
        raise Http404("no such article")
    article = found.article
    image = None
    if article.image:
        image = {"url": request.build_absolute_uri(article.image.url), "alt": article.image_alt,
                 "credit": article.image_credit, "width": article.image_width, "height": article.image_height}
    return {
        **_teaser(request, article, found.topics),
        "body_html": article.body_html,
        "body_en_html": article.body_en_html or None,
        "image": image,
        "links": [{"label": link.label, "url": request.build_absolute_uri(link.href)} for link in found.links],
    }
