from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "revier.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from revier.core.cache import register_next_change
        from revier.core.fragments import register_content_models
        from revier.news.models import Article, ArticleLink
        from revier.news.selectors import article_next_publication_at

        # Rendered parts of pages (core.fragments) are kept until one of these changes.
        register_content_models(Article, ArticleLink)

        # Cached pages must not outlive the moment a scheduled article appears.
        register_next_change(article_next_publication_at)

        from revier.core.site_search import register_search_provider
        from revier.news.site_search import NewsSearch

        # The portal's search (core.site_search) finds articles as the news list's search does.
        register_search_provider(NewsSearch())
