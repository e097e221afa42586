from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the house: pages that compose several apps (the home page) and the announcements
    of parts still in preparation. Every other app may be imported from here; nothing imports portal."""

    name = "revier.portal"
    label = "portal"
    verbose_name = _("Home page")

    def ready(self):
        from revier.core.slots import register_slot_template

        # The organiser area's start page links the access-request export (for administrators).
        register_slot_template("manage-areas", "portal/manage_area_link.html")
