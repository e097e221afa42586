from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from revier.core.admin_mixins import AuditedAdmin, LabelledListEditableAdmin
from revier.core.mail import message_id, outbox_retry
from revier.core.models import AuditEntry, OutboxMail, Topic

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


@admin.register(Topic)
class TopicAdmin(LabelledListEditableAdmin, AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
