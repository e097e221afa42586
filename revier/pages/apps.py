from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "revier.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from revier.core.fragments import register_content_models
        from revier.pages.models import Page

        register_content_models(Page)

        from revier.core.site_search import register_search_provider
        from revier.pages.site_search import page_search

        # What the portal's search (core.site_search) finds of this app.
        register_search_provider(page_search)
