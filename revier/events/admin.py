"""Admin of events, program, ticket categories, questions, organisations and speakers.

Every write goes through the events services. Organisers (staff without "Can manage all events")
see and edit only the events they are organisers of (Event.managers); see permissions.py.
"""

from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from revier.core.admin import HTTPS_LINKS
from revier.core.admin_mixins import DeleteEachAdmin, LabelledTabularInline
from revier.core.cache import content_changed
from revier.core.retention import can_change_retention
from revier.events import services
from revier.events.models import Event, Organisation, ProgramItem, Question, Speaker, TicketCategory
from revier.events.permissions import can_manage_all_events, can_manage_event


def _manages_any_event(user) -> bool:
    return user.is_active and user.is_staff and (can_manage_all_events(user) or user.managed_events.exists())


class EventChildInline:
    """Inlines of an event: whoever may change the event may change its program, categories and
    questions, also an organiser without model permissions."""

    def _may(self, request, obj, fallback) -> bool:
        if obj is not None and can_manage_event(request.user, obj):
            return True
        return fallback

    def get_queryset(self, request):
        # InlineModelAdmin empties the queryset for people without model permissions; here the
        # event admin has checked the event already, and the formset keeps to the event's rows.
        return admin.options.BaseModelAdmin.get_queryset(self, request)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj, super().has_view_permission(request, obj))

    def has_add_permission(self, request, obj=None):
        return self._may(request, obj, super().has_add_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj, super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj, super().has_delete_permission(request, obj))


class ProgramItemInline(EventChildInline, admin.StackedInline):
    model = ProgramItem
    extra = 0
    fields = [("starts_at", "ends_at"), ("title", "kind", "room"), "speakers", "description"]
    autocomplete_fields = ["speakers"]


class TicketCategoryInline(EventChildInline, LabelledTabularInline):
    model = TicketCategory
    # Deleting a category with registrations is refused by the admin itself (PROTECT), with a message.
    extra = 0
    fields = ["name", "description", "capacity", "is_online", "position"]


class QuestionInline(EventChildInline, admin.StackedInline):
    model = Question
    extra = 0
    fields = [("text", "kind", "required", "position"), "help_text", "choices"]


@admin.register(Event)
class EventAdmin(DeleteEachAdmin, admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "starts_at", "status", "region", "view_link"]
    list_filter = ["status", "region", "topics"]
    search_fields = ["title", "subtitle", "city"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisers", "topics", "managers"]
    inlines = [TicketCategoryInline, ProgramItemInline, QuestionInline]
    readonly_fields = ["view_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "subtitle", "status", "view_link", "cancellation_note"]}),
        (_("Date and place"), {"fields": [("starts_at", "ends_at"), "venue_name", "street", ("postcode", "city"), "online_url"]}),
        (_("Content"), {"fields": ["description", "organisers", "topics", "region"]}),
        (_("English (optional)"), {"fields": ["title_en", "subtitle_en", "description_en"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_credit"]}),
        (_("Registration"), {"fields": [("registration_opens_at", "registration_closes_at"), "requires_approval", "hold_hours"]}),
        (_("Privacy"), {"fields": ["retention_days"]}),
        (_("Access"), {"fields": ["managers"]}),
        (_("Other"), {"fields": ["is_generated", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    # --- who sees what -------------------------------------------------------------------------

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if can_manage_all_events(request.user):
            return qs
        return qs.filter(managers=request.user)

    def has_module_permission(self, request):
        return super().has_module_permission(request) or _manages_any_event(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return can_manage_event(request.user, obj) and request.user.is_staff
        return super().has_view_permission(request) or _manages_any_event(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return can_manage_event(request.user, obj) and request.user.is_staff
        return super().has_change_permission(request) or _manages_any_event(request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_manage_event(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if not can_manage_all_events(request.user):
            # Only staff who manage all events grant access to an event.
            fields += ["managers"]
        if not can_change_retention(request.user):
            # How long its registrations are kept is the Administration's setting (issue 12 §3).
            fields += ["retention_days"]
        if obj is not None and obj.is_cancelled:
            fields += ["status", "cancellation_note"]
        return fields

    @admin.display(description=_("on the website"))
    def view_link(self, obj):
        if not obj.pk:
            return _("Save the event to see it on the website.")
        label = _("Preview") if obj.status == Event.Status.DRAFT else _("Show on the website")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    # --- writes through the services ----------------------------------------------------------

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        cancelling = change and "status" in form.changed_data and obj.status == Event.Status.CANCELLED
        if cancelling:
            # Cancelling tells every registrant by mail: that is event_cancel's job.
            obj.status = form.initial.get("status", Event.Status.PUBLISHED)
        services.event_save(event=obj, actor=request.user)
        if cancelling:
            services.event_cancel(event=obj, note=obj.cancellation_note, actor=request.user)
            obj.refresh_from_db()
        content_changed()

    def delete_model(self, request, obj):
        services.event_delete(event=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        # Many-to-many fields of the event itself (organisers, topics, managers).
        form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        actor = request.user
        for obj in formset.deleted_objects:
            if isinstance(obj, ProgramItem):
                services.program_item_delete(item=obj, actor=actor)
            elif isinstance(obj, TicketCategory):
                services.ticket_category_delete(category=obj, actor=actor)
            elif isinstance(obj, Question):
                services.question_delete(question=obj, actor=actor)
        for subform in formset.forms:
            obj = subform.instance
            if obj not in saved:
                continue
            if isinstance(obj, ProgramItem):
                services.program_item_save(item=obj, speakers=list(subform.cleaned_data.get("speakers", [])), actor=actor)
            elif isinstance(obj, TicketCategory):
                self._save_category(obj, subform, actor)
            elif isinstance(obj, Question):
                services.question_save(question=obj, actor=actor)

    @staticmethod
    def _save_category(category: TicketCategory, subform, actor) -> None:
        """A changed capacity goes through category_set_capacity: raised capacity moves people up
        from the waiting list at once."""
        if category.pk is not None and "capacity" in subform.changed_data:
            services.category_set_capacity(category=category, capacity=category.capacity, actor=actor)
        services.ticket_category_save(category=category, actor=actor)


@admin.register(Organisation)
class OrganisationAdmin(DeleteEachAdmin, admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["name", "url"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj, actor=request.user)
        content_changed()

    def delete_model(self, request, obj):
        services.organisation_delete(organisation=obj, actor=request.user)


@admin.register(Speaker)
class SpeakerAdmin(DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["name", "academic_title", "organisation", "view_link"]
    search_fields = ["name", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["view_link"]

    # Organisers add and edit the speakers of their program (speakers are shared between events).
    def has_module_permission(self, request):
        return super().has_module_permission(request) or _manages_any_event(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or _manages_any_event(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) or _manages_any_event(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or _manages_any_event(request.user)

    @admin.display(description=_("on the website"))
    def view_link(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', reverse("events:speaker", args=[obj.slug]),
            _("Show on the website"),
        )

    def save_model(self, request, obj, form, change):
        services.speaker_save(speaker=obj, actor=request.user)
        content_changed()

    def delete_model(self, request, obj):
        services.speaker_delete(speaker=obj, actor=request.user)
