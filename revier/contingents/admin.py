"""Admin of the contingents: the contingent with its eligibility questions (written through the
services); claims, codes and draw protocols are read-only here — claims are changed in the staff
area (revoke, new code), codes are imported there, and a draw is never edited."""

from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from revier.contingents import services
from revier.contingents.models import Claim, Contingent, DrawProtocol, EligibilityQuestion, TicketCode
from revier.core.admin import HTTPS_LINKS
from revier.core.admin_mixins import DeleteEachAdmin, ReadAuditedAdmin
from revier.core.retention import can_change_retention


def _staff_link(url: str, label) -> str:
    return format_html('<a href="{}">{}</a>', url, label)


class EligibilityQuestionInline(admin.StackedInline):
    model = EligibilityQuestion
    extra = 0
    fields = [("text", "kind", "required", "position"), "choices", "accepted_answers"]


@admin.register(Contingent)
class ContingentAdmin(DeleteEachAdmin, admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "target_title", "mode", "size", "status", "opens_at", "closes_at", "staff_links"]
    list_filter = ["status", "mode", "uses_codes"]
    search_fields = ["title", "partner_event_title", "partner_name"]
    date_hierarchy = "opens_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["event"]
    inlines = [EligibilityQuestionInline]
    readonly_fields = ["staff_links", "view_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "staff_links", "view_link", "description"]}),
        (_("Event"), {"fields": [
            "event", "partner_event_title", ("partner_event_starts_on", "partner_event_ends_on"),
            "partner_event_place", "partner_name", "partner_url",
        ]}),
        (_("Tickets"), {"fields": ["size", "mode", "uses_codes", "one_per_organisation"]}),
        (_("Period"), {"fields": [("opens_at", "closes_at"), "hold_hours", "accept_hours"]}),
        (_("Privacy"), {"fields": ["retention_days"]}),
        (_("Other"), {"fields": ["is_generated", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_change_retention(request.user):
            # How long its claims are kept is the Administration's setting (issue 12 §3).
            fields.append("retention_days")
        return fields

    @admin.display(description=_("staff area"))
    def staff_links(self, obj):
        if not obj.pk:
            return _("Save the contingent to manage its claims.")
        links = [
            (reverse("contingents:manage", kwargs={"slug": obj.slug}), _("Claims")),
            (reverse("contingents:manage-export", kwargs={"slug": obj.slug, "fmt": "xlsx"}), _("Export")),
        ]
        if obj.uses_codes:
            links.append((reverse("contingents:import-codes", kwargs={"slug": obj.slug}), _("Import codes")))
        if obj.mode == Contingent.Mode.LOTTERY:
            links.append((reverse("contingents:draw", kwargs={"slug": obj.slug}), _("Draw")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description=_("on the website"))
    def view_link(self, obj):
        if not obj.pk or obj.status != Contingent.Status.PUBLISHED:
            return "–"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Show on the website"))

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        services.contingent_save(contingent=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.contingent_delete(contingent=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.eligibility_question_delete(question=obj, actor=request.user)
        for obj in saved:
            services.eligibility_question_save(question=obj, actor=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists to look things up; every change goes through the staff area and its services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ReadAuditedAdmin, ReadOnlyAdmin):
    list_display = ["__str__", "email", "organisation", "contingent", "status", "created_at", "staff_link"]
    # The language the person chose (their mails are written in it): shown and filtered, never changed here.
    list_filter = ["status", "contingent", "language"]
    search_fields = ["first_name", "last_name", "email", "organisation", "pseudonym"]
    list_select_related = ["contingent"]
    exclude = ["email_normalized", "organisation_key"]
    readonly_fields = ["staff_link", "language"]

    @admin.display(description=_("staff area"))
    def staff_link(self, obj):
        url = reverse("contingents:manage-claim", kwargs={"slug": obj.contingent.slug, "pk": obj.pk})
        return _staff_link(url, _("Open in the staff area"))


@admin.register(TicketCode)
class TicketCodeAdmin(ReadAuditedAdmin, ReadOnlyAdmin):
    list_display = ["code", "contingent", "claim", "revoked", "imported_at"]
    list_filter = ["revoked", "contingent"]
    search_fields = ["code"]
    list_select_related = ["contingent", "claim"]


@admin.register(DrawProtocol)
class DrawProtocolAdmin(ReadOnlyAdmin):
    list_display = ["contingent", "drawn_at", "application_count", "winners", "protocol_link"]
    list_select_related = ["contingent"]
    readonly_fields = ["protocol_link"]

    @admin.display(description=_("protocol"))
    def protocol_link(self, obj):
        return _staff_link(reverse("contingents:protocol", kwargs={"slug": obj.contingent.slug}), _("Public draw protocol"))
