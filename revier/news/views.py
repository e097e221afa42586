from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from revier.core.cache import cache_public_page
from revier.core.params import page_number
from revier.news import selectors
from revier.news.structured_data import article_json_ld


@require_safe
@cache_public_page(params=("thema", "q", "page"), unless_param="q")
def article_list(request):
    article_filter = selectors.article_filter_from_params(
        topic_slug=request.GET.get("thema"), query=request.GET.get("q")
    )
    if request.GET.get("thema") and article_filter.topic is None:
        raise Http404("unknown topic")
    paginator = selectors.ArticlePaginator(selectors.article_list(article_filter=article_filter), settings.NEWS_PAGE_SIZE)
    page_obj = paginator.page(page_number(request.GET.get("page"), num_pages=paginator.num_pages))
    return render(
        request,
        "news/article_list.html",
        {
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "topics": selectors.topic_list(),
            "current_topic": article_filter.topic,
            "search_query": article_filter.query,
        },
    )


def _render_detail(request, page: selectors.ArticlePage, *, preview: bool):
    return render(
        request,
        "news/article_detail.html",
        {
            "article": page.article,
            "more_news": page.more_news,
            "json_ld": article_json_ld(request=request, article=page.article),
            "preview": preview,
        },
    )


@require_safe
@cache_public_page
def article_detail(request, slug):
    page = selectors.article_page(slug=slug)
    if page is None:
        raise Http404("no such article")
    return _render_detail(request, page, preview=False)


@staff_member_required(login_url="admin:login")
@require_safe
def article_preview(request, pk):
    page = selectors.article_page(preview_pk=pk)
    if page is None:
        raise Http404("no such article")
    response = _render_detail(request, page, preview=True)
    response["X-Robots-Tag"] = "noindex"
    return response
