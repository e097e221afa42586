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
