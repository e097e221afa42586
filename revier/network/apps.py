from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Netzwerk (issue 10): profiles with offers and needs (models, services, the personal page), and
    the meeting scheduler of the Gesprächsbörse (the package scheduling/, command `meetings_schedule`)."""

    name = "revier.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self):
        from revier.core.fragments import register_content_models
        from revier.network import models

        # Rendered parts of public pages (core.fragments) are kept until a profile or entry changes.
        register_content_models(models.Profile, models.ProfileEntry)
        from revier.core.slots import register_slot_template

        # The organiser area's event list links each event's Gesprächsbörse.
        register_slot_template("manage-event-links", "network/meetings/includes/manage_link.html")
