"""Admin of the Gesprächsbörse: to look things up, read-only. Every change goes through the
services: organisers set up and plan on their page (/netzwerk/verwalten/<event>/gespraechsboerse/),
participants send and answer requests on theirs. Contact data is not shown here."""

from django.contrib import admin

from revier.core.admin_mixins import ReadAuditedAdmin
from revier.network.meetings.models import Meeting, MeetingRequest, MeetingSetup, ScheduleRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingSetup)
class MeetingSetupAdmin(ReadOnlyAdmin):
    list_display = ["event", "enabled", "slot_minutes", "request_deadline", "max_open_requests", "max_meetings",
                    "published"]
    list_filter = ["enabled", "published"]
    list_select_related = ["event"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadAuditedAdmin, ReadOnlyAdmin):
    list_display = ["pk", "setup", "sender", "recipient", "status", "created_at", "answered_at", "reminded_at"]
    list_filter = ["status"]
    list_select_related = ["setup__event", "sender", "recipient"]
    exclude = ["message"]  # between the two people


@admin.register(Meeting)
class MeetingAdmin(ReadAuditedAdmin, ReadOnlyAdmin):
    list_display = ["pk", "setup", "status", "slot", "table", "fixed", "published", "created_at"]
    list_filter = ["status", "fixed", "published"]
    list_select_related = ["setup__event", "slot", "table"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "setup", "status", "accepted", "placed", "breaks", "bound", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["setup__event"]
