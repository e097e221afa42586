from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContingentsConfig(AppConfig):
    name = "revier.contingents"
    label = "contingents"
    verbose_name = _("Ticket contingents")

    def ready(self):
        from revier.contingents import models
        from revier.core.fragments import register_content_models
        from revier.core.slots import register_slot_template

        # Rendered parts of pages (core.fragments) are kept until one of these changes.
        register_content_models(models.Contingent, models.EligibilityQuestion, models.DrawProtocol)
        # The tickets' figures this process remembers for a second (selectors._figure_rows) are
        # forgotten when one of these is saved or deleted here.
        from django.db.models.signals import post_delete, post_save
        from revier.contingents.selectors import forget_ticket_figures

        for model in (models.Contingent, models.Claim, models.TicketCode, models.DrawProtocol):
            post_save.connect(forget_ticket_figures, sender=model, dispatch_uid=f"ticket-figures-save-{model.__name__}")
            post_delete.connect(forget_ticket_figures, sender=model, dispatch_uid=f"ticket-figures-delete-{model.__name__}")

        # Events may not know contingents: their pages offer slots, contingents fill them.
        register_slot_template("event-detail", "contingents/includes/event_contingents.html")
        register_slot_template("event-list-aside", "contingents/includes/events_list_link.html")
        # Outbox mails to an address a living claim uses survive another app's anonymisation.
        from revier.core.retention import register_address_check
        from revier.contingents.retention import claim_addresses_in_use
        register_address_check("contingents.claim", claim_addresses_in_use)

        from revier.core.site_search import register_search_provider
        from revier.contingents.site_search import contingent_search

        # What the portal's search (core.site_search) finds of this app.
        register_search_provider(contingent_search)
        # An administrator's new default period reaches the objects that still have the old one.
        from revier.core.retention import register_period_follower
        from revier.contingents.retention import contingents_follow_default
        register_period_follower("claims", contingents_follow_default)
