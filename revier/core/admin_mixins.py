from django.db import transaction

from revier.core.cache import content_changed
from revier.core.services import audit_log


class DeleteEachAdmin:
    """Admin mixin: the "delete selected" action deletes object by object through delete_model, all
    in one transaction, so that a bulk delete calls the model's delete service (and writes its
    audit entry) for every object, as deleting one does. Override delete_model to call the service."""

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class AuditedAdmin(DeleteEachAdmin):
    """Admin mixin for models without services of their own (topics): every save and delete from
    the admin, one by one or selected, is written to the audit log in the same transaction."""

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(actor=request.user, action="changed" if change else "created", obj=obj)
        content_changed()

    @transaction.atomic
    def delete_model(self, request, obj):
        audit_log(actor=request.user, action="deleted", obj=obj)
        super().delete_model(request, obj)
        content_changed()
