from django.contrib import admin
from django.contrib.auth import admin as auth_admin  # registers User now, so that it can be replaced below
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401  registered now, removed below
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _totp_admin  # noqa: F401  registered now, removed below
from django_otp.plugins.otp_totp.models import TOTPDevice

from revier.core.admin_mixins import AuditedAdmin, LabelledListEditableAdmin, ReadAuditedAdmin
from revier.core.mail import message_id, outbox_retry
from revier.core.mfa import second_factor_reset
from revier.core.models import AuditEntry, EmbedOrigin, OutboxMail, Topic
from revier.core.services import audit_log

admin.site.site_header = _("Revier administration")
admin.site.site_title = _("Revier administration")
admin.site.index_title = _("Content and settings")

# Links typed without a scheme ("www.iwh-halle.de") become https:// links (Django 6's default).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class ActorFilter(admin.SimpleListFilter):
    """The staff accounts that appear in the log (a person named in an entry is never an actor)."""

    title = _("person")
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        actor_ids = AuditEntry.objects.filter(actor__isnull=False).values("actor_id").distinct()
        users = get_user_model().objects.filter(pk__in=actor_ids).order_by(get_user_model().USERNAME_FIELD)
        return [(str(user.pk), user.get_username()) for user in users]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(actor_id=value) if value.isdigit() else queryset.none()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only for everyone (no add, change or delete permission, superusers
    included): entries are only ever removed by the retention job. Administrators see it
    (superusers, and staff given the permission "view audit entry"); nobody else."""

    list_display = ["at", "actor", "action", "object_type", "object_id", "object_repr", "details"]
    list_filter = ["action", "object_type", ActorFilter, "at"]
    search_fields = ["object_id", "object_repr", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    @admin.display(description=_("details"))
    def details(self, obj):
        text = ", ".join(f"{key}: {value}" for key, value in obj.data.items())
        return text if len(text) <= 120 else text[:119] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadAuditedAdmin, admin.ModelAdmin):
    """Staff see whether and when a mail went out, never what it says: a body may hold a personal
    link, and whoever opens that link can change or cancel the registration or claim. So neither
    the body nor the attachments are shown, and only subject and recipient are searchable."""

    list_display = ["created_at", "subject", "recipients", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    fields = readonly_fields = [
        "created_at", "recipients", "subject", "reply_to", "status", "attempts", "next_attempt_at", "sent_at",
        "message_id", "last_error",
    ]

    @admin.display(description=_("recipients"))
    def recipients(self, obj):
        return ", ".join(obj.to)

    @admin.display(description="Message-ID")
    def message_id(self, obj):
        return message_id(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again now"), permissions=["view"])
    def retry_now(self, request, queryset):
        for mail in queryset.exclude(status=OutboxMail.Status.SENT):
            outbox_retry(mail=mail)
        self.message_user(request, _("The selected mails will be sent again."))


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)

# django-otp's own admin pages would show the secrets and change devices without an audit entry:
# second factors are reset by the action on accounts below (core.mfa.second_factor_reset).
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


@admin.register(User)
class UserAdmin(ReadAuditedAdmin, auth_admin.UserAdmin):
    """Django's account admin. Lists and opened accounts are recorded in the audit log, and so is
    every change (instead of Django's admin history, which copies the user name): which fields
    changed, never their values."""

    actions = ["reset_second_factor"]

    def log_addition(self, request, obj, message):
        audit_log(actor=request.user, action="user_created", obj=obj)

    def has_reset_second_factor_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Reset the second factor (the person sets up the app again)"),
                  permissions=["reset_second_factor"])
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor_reset(user=user, actor=request.user)
        self.message_user(request, ngettext(
            "The second factor of %(count)d account was reset. At the next login it sets up the app again.",
            "The second factors of %(count)d accounts were reset. At the next login they set up the app again.",
            len(queryset)) % {"count": len(queryset)})

    def log_change(self, request, obj, message):
        fields = sorted({str(f) for part in message if isinstance(part, dict)
                         for f in part.get("changed", {}).get("fields", [])}) if isinstance(message, list) else []
        audit_log(actor=request.user, action="user_changed", obj=obj, data={"fields": fields} if fields else None)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_log(actor=request.user, action="user_deleted", obj=obj)
        return []


@admin.register(Topic)
class TopicAdmin(LabelledListEditableAdmin, AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(EmbedOrigin)
class EmbedOriginAdmin(AuditedAdmin, admin.ModelAdmin):
    """The partner sites that may show the widget (core.framing): kept by the editorial team, every
    change audited. The address is checked and written the way browsers compare it (https, host,
    port; core.validators.normalise_embed_origin)."""

    list_display = ["partner", "origin", "created_at"]
    search_fields = ["partner", "origin"]
    fields = ["partner", "origin"]
