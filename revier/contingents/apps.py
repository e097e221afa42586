from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContingentsConfig(AppConfig):
    name = "revier.contingents"
    label = "contingents"
    verbose_name = _("Ticket contingents")

    def ready(self):
        from revier.core.slots import register_slot_template

        # Events may not know contingents: their pages offer slots, contingents fill them.
        register_slot_template("event-detail", "contingents/includes/event_contingents.html")
        register_slot_template("event-list-aside", "contingents/includes/events_list_link.html")
