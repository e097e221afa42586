from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Netzwerk: for now the meeting scheduler of the Gesprächsbörse (the package scheduling/) and its command
    `meetings_schedule`; profiles, directory and meeting requests follow (issue 10)."""

    name = "revier.network"
    label = "network"
    verbose_name = _("Network")
