from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "revier.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from revier.core.fragments import register_content_models
        from revier.core.middleware import SessionIdleTimeoutMiddleware
        from revier.core.models import EmbedOrigin, RetentionPeriod, Topic

        register_content_models(Topic, RetentionPeriod, EmbedOrigin)
        user_logged_in.connect(SessionIdleTimeoutMiddleware.logged_in, dispatch_uid="revier-session-idle")
