from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "revier.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from revier.core.cache import register_next_change
        from revier.core.fragments import register_content_models
        from revier.events import models
        from revier.events.selectors import event_next_change_at

        # Rendered parts of pages (core.fragments) are kept until one of these changes.
        register_content_models(
            models.Organisation, models.Speaker, models.Event, models.ProgramItem, models.TicketCategory, models.Question
        )

        # Neither cached pages nor fragments outlive the moment an event starts or ends, or its
        # registration opens or closes.
        register_next_change(event_next_change_at)
