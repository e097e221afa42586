from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from revier.core.models import AuditEntry

admin.site.site_header = _("Revier administration")
admin.site.site_title = _("Revier administration")
admin.site.index_title = _("Content and settings")


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
