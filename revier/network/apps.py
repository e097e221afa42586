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
        # A profile linked to another event's registration shows under that event's directory filter.
        register_content_models(
            models.ProfileRegistration,
            when=lambda link: models.Profile.objects.filter(pk=link.profile_id, status=confirmed).exists(),
        )
        # The box "Ich möchte an der Gesprächsbörse teilnehmen" in the registration form of an event
        # with a Gesprächsbörse; an enabled or disabled Gesprächsbörse shows in the form at once.
        from revier.events.options import register_registration_option
        from revier.network import registration_option, services
        from revier.network.meetings.models import MeetingSetup

        register_registration_option(registration_option.option(
            confirmed=lambda registration_id: services.profile_invite_for_registration(registration_id=registration_id)
        ))
        register_content_models(MeetingSetup)
        from revier.core.slots import register_slot_template

        # The organiser area's event list links each event's Gesprächsbörse.
        register_slot_template("manage-event-links", "network/meetings/includes/manage_link.html")
        # … and the statistics of its Gesprächsbörse (network/followup/).
        register_slot_template("manage-event-links", "network/followup/includes/manage_link.html")
        # Outbox mails to an address a living profile uses survive another app's anonymisation.
        from revier.core.retention import register_address_check
        from revier.network.retention import profile_addresses_in_use
        register_address_check("network.profile", profile_addresses_in_use)

        from revier.core.site_search import register_search_provider
        from revier.network.site_search import ProfileSearch

        # What the portal's search (core.site_search) finds of this app.
        register_search_provider(ProfileSearch())
