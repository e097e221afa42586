"""The global roles of the staff: Django groups with model permissions, made and kept in step by
`roles_sync` after every migrate. The permission functions of each app (events/permissions.py,
contingents/permissions.py, monitor/permissions.py, news/permissions.py, accounts/permissions.py)
check these permissions and stay the one place that decides; a group only grants them.

The event team (Veranstaltungsteam) of one event is no group: it is per event, Event.managers,
assigned on the account page (events.services.event_team_add / event_team_remove). The team of all
events is a group (ALL_EVENTS, the permission events.manage_all_events).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Role:
    key: str
    group: str  # the group's name: the German word of the role, the same in every language
    label: str
    description: str
    permissions: tuple[str, ...]


def _model(app_model: str, *actions: str) -> tuple[str, ...]:
    app, model = app_model.split(".")
    return tuple(f"{app}.{action}_{model}" for action in actions or ("add", "change", "delete", "view"))


EDITORIAL = Role(
    key="redaktion", group="Redaktion", label=pgettext_lazy("role", "Editorial team"),
    description=_("News, pages, topics, staff notices, the partner sites that may embed the widget; curates the "
                  "network (hides and merges profiles, decides topic proposals)."),
    permissions=(
        *_model("news.article"), *_model("pages.page"), *_model("pages.staffmessage"), *_model("core.topic"),
        *_model("core.embedorigin"),
        *_model("network.profile", "change", "view"), *_model("network.profileentry", "change", "view"),
        *_model("network.topicproposal", "change", "view"),
    ),
)
CONTINGENTS = Role(
    key="kontingente", group="Kontingentverwaltung", label=pgettext_lazy("role", "Contingent management"),
    description=_("Every contingent: claims, exports, codes, the draw."),
    permissions=(
        *_model("contingents.contingent"), *_model("contingents.claim", "change", "view"),
        *_model("contingents.ticketcode"), *_model("contingents.drawprotocol", "view"),
    ),
)
MONITOR = Role(
    key="monitor", group="Monitor-Analyse", label=pgettext_lazy("role", "Monitor analysis"),
    description=_("The Monitor: uploads and imports of waves, publishing, weights and estimates."),
    permissions=(
        *_model("monitor.survey"), *_model("monitor.region"), *_model("monitor.question"),
        *_model("monitor.wave"), *_model("monitor.importrun", "view"),
    ),
)
ADMINISTRATION = Role(
    key="administration", group="Administration", label=pgettext_lazy("role", "Administration"),
    description=_("Accounts and roles, the audit log, the mail outbox and the retention periods."),
    permissions=(
        *_model("auth.user", "add", "change", "view"), *_model("auth.group", "view"),
        *_model("core.auditentry", "view"), *_model("core.outboxmail", "view"),
        *_model("core.retentionperiod", "change", "view"),
    ),
)

ALL_EVENTS = Role(
    key="alle_veranstaltungen", group="Veranstaltungsteam (alle Veranstaltungen)",
    label=pgettext_lazy("role", "Event team (all events)"),
    description=_("Every event as its team would: registrations, check-in, messages, Gesprächsbörse, the "
                  "contingents for our events; the events in the administration."),
    permissions=("events.manage_all_events",),
)

ROLES: tuple[Role, ...] = (EDITORIAL, CONTINGENTS, MONITOR, ADMINISTRATION, ALL_EVENTS)
ROLE_BY_KEY = {role.key: role for role in ROLES}


def roles_sync(*, using: str = "default") -> None:
    """Makes the group of every role and grants it the role's permissions (those that exist). Only
    adds: a permission an administrator granted a group on top stays. Idempotent."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.group)
        wanted = set()
        for name in role.permissions:
            app_label, codename = name.split(".")
            wanted.add((app_label, codename))
        permissions = [
            permission for permission in
            Permission.objects.using(using).filter(codename__in={codename for _app, codename in wanted})
            .select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.add(*permissions)


def roles_sync_after_migrate(sender, using="default", **kwargs) -> None:
    # Once per migrate, after the last app (every permission exists by then).
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if not with_models or sender is not with_models[-1]:
        return
    roles_sync(using=using)
