import unicodedata

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.fragments import bounded_store, fragment, render_around
from revier.core.params import int_param
from revier.core.security import staff_page
from revier.core.structured_data import json_ld
from revier.core.text import shown_field
from revier.news import rendering, selectors
from revier.news.permissions import can_edit_news
from revier.news.addresses import article_url, news_addresses, topic_feed_url
from revier.news.structured_data import article_json_ld

MORE_NEWS = 3
DESCRIPTION_LENGTH = 300


def _description(teaser: str) -> str:
    """truncatechars:300 of the teaser. Most teasers are shorter: then it is the teaser, NFC
    normalised, which costs a fraction of Truncator's walk over every character."""
    if len(teaser) <= DESCRIPTION_LENGTH:
        return unicodedata.normalize("NFC", teaser)
    return Truncator(teaser).chars(DESCRIPTION_LENGTH)


# The list's pages, kept per address: the keys carry what readers type (a search, the page number),
# so they live in a store of their own (core.fragments.bounded_store).
LIST_PAGES_KEPT = 512
_list_pages = bounded_store("news-list-pages", max_entries=LIST_PAGES_KEPT)


def _list_title(*, query: str, topic, number: int) -> str:
    """The list's <title> before " – Revier" (escaped), as the template wrote it."""
    if query:
        title = escape(gettext("Search results for “%(search_query)s”")).replace("%(search_query)s", escape(query))
    elif topic is not None:
        title = escape(gettext("News on %(topic)s")).replace("%(topic)s", escape(topic.name))
    else:
        title = escape(gettext("News"))
    if number > 1:
        title += " – " + escape(gettext("page %(number)s") % {"number": number})
    return title


@require_safe
@cache_public_page(params=("thema", "q", "page"), unless_param="q")
def article_list(request):
    topics = selectors.topic_index()
    article_filter = selectors.article_filter_from_params(
        topic_slug=request.GET.get("thema"), query=request.GET.get("q"), topics=topics
    )
    topic = article_filter.topic
    if request.GET.get("thema") and topic is None:
        raise Http404("unknown topic")
    addresses = news_addresses()
    topic_feeds = {"rss": topic_feed_url(topic.slug), "atom": topic_feed_url(topic.slug, atom=True)} if topic else None
    number = int_param(request.GET.get("page")) or 1

    def content() -> tuple[int, str]:
        page = selectors.article_list_page(
            article_filter=article_filter, topics=topics, number=number, per_page=settings.NEWS_PAGE_SIZE
        )
        params = [(name, value) for name, value in (("q", article_filter.query), ("thema", topic.slug if topic else "")) if value]
        return page.number, render_to_string("news/includes/list_content.html", {
            "page": page,
            # The same ids make the same teasers until content changes (a rotating list page, a
            # repeated search): kept rendered, so a page from the store reads no rows.
            "teasers": fragment(
                "news:teasers", [addresses["detail_before"], *page.ids], lambda: rendering.teaser_list_html(page.articles)
            ),
            "pagination": rendering.pagination_html(page.number, page.num_pages, params=params),
            "topic_filter": rendering.topic_filter_html(
                topics=topics.topics, current=topic, query=article_filter.query, list_url=addresses["list"]
            ),
            "news_urls": addresses,
            "topic_feeds": topic_feeds,
            "current_topic": topic,
            "search_query": article_filter.query,
        }, request)

    # The content is the same for every reader of the same topic, search and page number; the frame
    # around it for every reader of the same address (the header's search field shows the search).
    shown_number, content_html = fragment(
        "news:list-content", [addresses["list"], topic.slug if topic else "", article_filter.query, number],
        content, store=_list_pages,
    )
    return render_around(
        request, "news/article_list.html",
        {"news_urls": addresses, "topic_feeds": topic_feeds, "current_topic": topic, "search_query": article_filter.query},
        parts={"title_part": _list_title(query=article_filter.query, topic=topic, number=shown_number),
               "content_part": content_html},
        name="news:list", vary=[request.get_full_path()], store=_list_pages,
    )


# The parts of an article page that are the article's own, in the order _article_parts returns them.
_ARTICLE_PARTS = ("title_part", "description_part", "head_part", "crumb_part", "article_part")


def _article_parts(request, page: selectors.ArticlePage, *, preview: bool) -> tuple[str, ...]:
    """The article's own parts of its page (_ARTICLE_PARTS): they depend on the article, the
    language and the address the request came to (scheme and host), nothing else."""
    article = page.article
    absolute_url = request.build_absolute_uri(article_url(article.slug))
    # On /en/ the English title and teaser where editors gave them (core.text.shown_field).
    title, title_lang = shown_field(article, "title")
    description = _description(shown_field(article, "teaser")[0])
    published = article.published_at
    head = rendering.article_head_html(
        article=article,
        topics=page.topics,
        absolute_url=absolute_url,
        description=description,
        origin=f"{request.scheme}://{request.get_host()}",
        site_name=settings.SITE_NAME,
        published_iso=timezone.localtime(published).isoformat() if published else "",
        preview=preview,
    )
    return (
        escape(title),
        escape(description),
        head + "\n  " + json_ld(article_json_ld(request=request, article=article, topics=page.topics, url=absolute_url)),
        # (the frame is the same for every article: a German title's mark goes inside the part)
        f'<span{title_lang}>{escape(title)}</span>' if title_lang else escape(title),
        rendering.article_html(
            article=article,
            topics=page.topics,
            links=page.links,
            published=rendering.long_date(published) if published else "",
            published_attribute=rendering.datetime_attribute(published) if published else "",
        ),
    )


def _render_detail(request, *, article_pk: int, parts: tuple[str, ...], topics: selectors.TopicIndex,
                   preview: bool, article=None):
    """The article page around its own `parts` (_article_parts). Everything around them (header,
    navigation, "more news", footer) is the same for every article and kept as one frame
    (core.fragments.render_around)."""
    addresses = news_addresses()
    # "More news" is the same on every article page but the newest few (which leave themselves
    # out): kept per content generation (core.fragments), its rows fetched only when it is rendered.
    latest = selectors.article_latest_ids(limit=MORE_NEWS + 1)
    others = [pk for pk in latest if pk != article_pk][:MORE_NEWS]
    more_news = SimpleLazyObject(
        lambda: rendering.teaser_list_html(selectors.article_teasers(ids=others, topics=topics), heading="h3")
    )
    more_news_key = article_pk if article_pk in latest else 0
    named = dict(zip(_ARTICLE_PARTS, parts, strict=True))
    context = {"news_urls": addresses, "more_news": more_news, "more_news_key": more_news_key, "preview": preview}
    if preview:
        # Staff only, with the article's state and edit link around it: rendered whole.
        return render(request, "news/article_detail.html",
                      {**context, "article": article, **{name: mark_safe(html) for name, html in named.items()}})
    return render_around(request, "news/article_detail.html", context, parts=named, name="news:detail",
                         vary=[addresses["list"], more_news_key])


@require_safe
@cache_public_page
def article_detail(request, slug):
    topics = selectors.topic_index()

    def read() -> tuple:
        page = selectors.article_page(slug=slug, topics=topics, keep=False)
        if page is None:
            raise Http404("no such article")  # nothing kept for an unknown address
        return (page.article.pk, *_article_parts(request, page, preview=False))

    # A published article's own parts, rendered once per content generation, language and host
    # (core.fragments): a reader's request then runs no query and renders only the frame's marks.
    article_pk, *parts = fragment("news:article", [slug, request.scheme, request.get_host()], read)
    return _render_detail(request, article_pk=article_pk, parts=tuple(parts), topics=topics, preview=False)


@staff_page(allowed=can_edit_news)
@require_safe
def article_preview(request, pk):
    topics = selectors.topic_index()
    page = selectors.article_page(preview_pk=pk, topics=topics)
    if page is None:
        raise Http404("no such article")
    response = _render_detail(request, article_pk=page.article.pk, parts=_article_parts(request, page, preview=True),
                              topics=topics, preview=True, article=page.article)
    response["X-Robots-Tag"] = "noindex"
    return response
