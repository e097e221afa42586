"""Aktuelles in the portal's search (core.site_search): the same German full-text search as the news
list's own search (news.selectors.article_list_page: PostgreSQL's `german` configuration ranked on
title and teaser, German stems on SQLite), its ids and number of hits kept for repeated searches
as there."""

from django.utils.translation import gettext_lazy as _

from revier.core.site_search import SearchHit, SearchResults
from revier.core.text import shown_text
from revier.news import selectors
from revier.news.addresses import article_url
from revier.news.rendering import long_date


class NewsSearch:
    kind = "aktuelles"
    label = _("News")
    list_url_name = "news:list"
    position = 10

    def search(self, *, query: str, number: int, per_page: int, with_hits: bool = True) -> SearchResults:
        topics = selectors.topic_index()
        page = selectors.article_list_page(
            article_filter=selectors.ArticleFilter(topic=None, query=query), topics=topics, number=number,
            per_page=per_page,
        )
        hits = []
        for article in page.articles if with_hits else ():
            title, title_lang = shown_text(article.title, article.title_en)
            teaser, teaser_lang = shown_text(article.teaser, article.teaser_en)
            hits.append(SearchHit(title=title, url=article_url(article.slug), text=teaser, meta=long_date(article.published_at),
                                  lang=title_lang, text_lang=teaser_lang))
        return SearchResults(page.count, page.number, tuple(hits))

    def vocabulary(self):
        return selectors.article_published().values_list("title", flat=True)
