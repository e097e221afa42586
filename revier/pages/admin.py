from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from revier.core.admin_mixins import DeleteEachAdmin, ReadAuditedAdmin
from revier.pages import services
from revier.pages.models import Page, StaffMessage


@admin.register(Page)
class PageAdmin(DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at", "view_link"]
    search_fields = ["title", "body"]
    readonly_fields = ["view_link", "rendered", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("English (optional)"), {"fields": ["title_en", "body_en"]}),
        (_("Preview"), {"fields": ["view_link", "rendered", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The footer and the forms link to these addresses: they stay fixed once a page exists.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields

    @admin.display(description=_("on the website"))
    def view_link(self, obj):
        if not obj.pk:
            return _("Save the page to see it on the website.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Show page")
        )

    @admin.display(description=_("saved text as it appears"))
    def rendered(self, obj):
        # body_html is sanitised by services.page_save, so it is safe to show here.
        return mark_safe(obj.body_html) if obj.pk else "–"  # noqa: S308

    def save_model(self, request, obj, form, change):
        services.page_save(page=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.page_delete(page=obj, actor=request.user)


class HandledFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "erledigt"

    def lookups(self, request, model_admin):
        return [("nein", _("Open")), ("ja", _("Handled"))]

    def queryset(self, request, queryset):
        if self.value() == "nein":
            return queryset.filter(handled=False)
        if self.value() == "ja":
            return queryset.filter(handled=True)
        return queryset


@admin.register(StaffMessage)
class StaffMessageAdmin(ReadAuditedAdmin, DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "short_message", "email", "handled"]
    list_display_links = ["created_at", "short_message"]
    list_filter = [HandledFilter, "kind"]
    search_fields = ["message", "email", "name", "page_url"]
    date_hierarchy = "created_at"
    fields = ["kind", "created_at", "name", "email", "page_url", "message", "handled", "handled_at"]
    readonly_fields = ["kind", "created_at", "name", "email", "page_url", "message", "handled_at"]
    actions = ["mark_handled", "mark_open"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("message"))
    def short_message(self, obj):
        return obj.message if len(obj.message) <= 80 else obj.message[:79] + "…"

    def save_model(self, request, obj, form, change):
        # Only `handled` is editable here; the service records who changed it.
        services.staff_message_mark_handled(message=obj, handled=obj.handled, actor=request.user)

    def delete_model(self, request, obj):
        services.staff_message_delete(message=obj, actor=request.user)

    def _mark(self, request, queryset, *, handled: bool):
        changed = 0
        for message in queryset:
            if message.handled != handled:
                services.staff_message_mark_handled(message=message, handled=handled, actor=request.user)
                changed += 1
        return changed

    @admin.action(description=_("Mark selected messages as handled"))
    def mark_handled(self, request, queryset):
        count = self._mark(request, queryset, handled=True)
        self.message_user(
            request, ngettext("%d message marked as handled.", "%d messages marked as handled.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Mark selected messages as open again"))
    def mark_open(self, request, queryset):
        count = self._mark(request, queryset, handled=False)
        self.message_user(
            request, ngettext("%d message marked as open.", "%d messages marked as open.", count) % count, messages.SUCCESS
        )
