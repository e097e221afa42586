from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from revier.core.mail import outbox_retry
from revier.core.models import AuditEntry, OutboxMail

admin.site.site_header = _("Revier administration")
admin.site.site_title = _("Revier administration")
admin.site.index_title = _("Content and settings")

# Links typed without a scheme ("www.iwh-halle.de") become https:// links (Django 6's default).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "recipients", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    readonly_fields = [f.name for f in OutboxMail._meta.fields]

    @admin.display(description=_("recipients"))
    def recipients(self, obj):
        return ", ".join(obj.to)

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
