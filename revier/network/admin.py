"""Admin of the network's profiles. A profile belongs to its person, who changes it on the personal
page: the editorial team looks profiles up, hides and shows them again, merges duplicates and
deletes them, each through the services (audited). E-mail address and phone number are not shown
here either (they are the person's; the personal page is the one place that shows them)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from revier.core.admin_mixins import DeleteEachAdmin
from revier.network import errors, services
from revier.network.models import Profile, ProfileEntry

PRIVATE_FIELDS = ["email", "email_normalized", "phone"]


class ProfileEntryInline(admin.TabularInline):
    model = ProfileEntry
    extra = 0
    fields = ["direction", "title", "text", "position"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChangeOnlyByActionsAdmin:
    """The change form is read-only; the list's actions (which need the change permission) are the
    ways to change a row, each through a service."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)


@admin.register(Profile)
class ProfileAdmin(ChangeOnlyByActionsAdmin, DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["organisation", "full_name", "kind", "region", "status", "visibility", "hidden_by_staff",
                    "is_synthetic", "created_at"]
    list_filter = ["status", "visibility", "hidden_by_staff", "kind", "region", "is_synthetic"]
    search_fields = ["organisation", "first_name", "last_name", "function", "district"]
    exclude = PRIVATE_FIELDS
    readonly_fields = ["first_name", "last_name", "function", "organisation", "kind", "region", "district", "topics",
                       "description", "visibility", "status", "confirm_until", "confirmed_at", "hidden_by_staff",
                       "registration", "is_synthetic", "created_at", "updated_at"]
    inlines = [ProfileEntryInline]
    actions = ["hide_profiles", "unhide_profiles", "merge_profiles"]
    date_hierarchy = "created_at"

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj):
        return obj.full_name

    def delete_model(self, request, obj):
        services.profile_delete(profile=obj, actor=request.user)

    @admin.action(description=_("Hide selected profiles"), permissions=["change"])
    def hide_profiles(self, request, queryset):
        for profile in queryset:
            services.profile_hide(profile=profile, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%(count)d profile is hidden.", "%(count)d profiles are hidden.", count)
                          % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show selected profiles again"), permissions=["change"])
    def unhide_profiles(self, request, queryset):
        for profile in queryset:
            services.profile_unhide(profile=profile, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%(count)d profile is shown again.", "%(count)d profiles are shown again.",
                                            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Merge two selected duplicates (into the older one)"), permissions=["change"])
    def merge_profiles(self, request, queryset):
        profiles = list(queryset.order_by("created_at", "id")[:3])
        if len(profiles) != 2:
            self.message_user(request, _("Please select exactly two profiles to merge."), messages.ERROR)
            return
        keep, duplicate = profiles
        try:
            services.profile_merge(keep=keep, duplicate=duplicate, actor=request.user)
        except errors.ProfileError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request,
            _("The profiles have been merged into profile %(id)d; its offers, needs and topics now include the "
              "duplicate's.") % {"id": keep.pk},
            messages.SUCCESS,
        )


@admin.register(ProfileEntry)
class ProfileEntryAdmin(ChangeOnlyByActionsAdmin, DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["title", "direction", "profile", "position"]
    list_filter = ["direction"]
    search_fields = ["title", "text", "profile__organisation"]
    list_select_related = ["profile"]
    readonly_fields = ["profile", "direction", "title", "text", "topics", "position", "created_at", "updated_at"]

    def delete_model(self, request, obj):
        services.profile_entry_delete(profile=obj.profile, entry_id=obj.pk, actor=request.user)


# The partner suggestions' weights (network/suggestions/admin.py).
from revier.network.suggestions import admin as suggestions_admin  # noqa: E402,F401

# The Gesprächsbörse's admin (read-only) lives with its models.
from revier.network.meetings import admin as meetings_admin  # noqa: E402,F401
