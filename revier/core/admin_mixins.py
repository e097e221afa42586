from django.db import transaction

from revier.core.cache import content_changed
from revier.core.services import audit_log


class AuditedAdmin:
    """Admin mixin: every save and delete from the admin is written to the audit log in the same
    transaction. Apps with a service for their model override save_model to call it."""

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
