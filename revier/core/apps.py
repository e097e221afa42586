from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "revier.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from revier.core.fragments import register_content_models
        from revier.core.models import Topic

        register_content_models(Topic)
