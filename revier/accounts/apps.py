from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts and their roles (issue 12 §1): the global roles as Django groups kept in step
    with roles.ROLES after every migrate, the per-event team as Event.managers, and the
    administrators' account pages below /verwaltung/konten/."""

    name = "revier.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from revier.accounts.roles import roles_sync_after_migrate

        # After every migrate (and every flush of a test database): permissions only exist once
        # Django's own post_migrate has made them, so a data migration could not grant them.
        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="revier.accounts.roles_sync")

        from revier.core.slots import register_slot_template

        # The organiser area's start page links the account pages (for administrators).
        register_slot_template("manage-areas", "accounts/manage_area_link.html")
