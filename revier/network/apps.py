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

        # Rendered parts of public pages (core.fragments) are kept until a confirmed profile or its
        # entries change: an unconfirmed profile (anyone can make one) shows nowhere.
        confirmed = models.Profile.Status.CONFIRMED
        register_content_models(models.Profile, when=lambda profile: profile.status == confirmed)
        register_content_models(
            models.ProfileEntry,
            when=lambda entry: models.Profile.objects.filter(pk=entry.profile_id, status=confirmed).exists(),
        )
        from revier.core.slots import register_slot_template

        # The organiser area's event list links each event's Gesprächsbörse.
        register_slot_template("manage-event-links", "network/meetings/includes/manage_link.html")
