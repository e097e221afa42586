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

        # The seats a registration form shows are counted again after a registration or a category
        # changed in this process (events.selectors.seats_taken_recently).
        from django.db.models.signals import post_delete, post_save

        from revier.events.selectors import forget_seat_counts

        for model in (models.Registration, models.TicketCategory):
            post_save.connect(forget_seat_counts, sender=model, dispatch_uid=f"seat-counts-save-{model.__name__}")
            post_delete.connect(forget_seat_counts, sender=model, dispatch_uid=f"seat-counts-delete-{model.__name__}")

        # Neither cached pages nor fragments outlive the moment an event starts or ends, or its
        # registration opens or closes.
        register_next_change(event_next_change_at)
        # Outbox mails to an address a living registration uses survive another app's anonymisation.
        from revier.core.retention import register_address_check
        from revier.events.retention import registration_addresses_in_use
        register_address_check("events.registration", registration_addresses_in_use)

        from revier.core.site_search import register_search_provider
        from revier.events.site_search import event_search, speaker_search

        # What the portal's search (core.site_search) finds of this app.
        register_search_provider(event_search)
        register_search_provider(speaker_search)
        # An administrator's new default period reaches the objects that still have the old one.
        from revier.core.retention import register_period_follower
        from revier.events.retention import events_follow_default
        register_period_follower("registrations", events_follow_default)
