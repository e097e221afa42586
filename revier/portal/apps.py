from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the house: pages that compose several apps (the home page) and the announcements
    of parts still in preparation. Every other app may be imported from here; nothing imports portal."""

    name = "revier.portal"
    label = "portal"
    verbose_name = _("Home page")
