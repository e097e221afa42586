from django.db import models

from revier.core.models import AuditEntry


def audit_log(*, actor, action: str, obj: models.Model, data: dict | None = None) -> AuditEntry:
    """Writes one audit entry. Call it inside the transaction that makes the change, so that the
    change and its record are committed together or not at all."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )


def audited_delete(*, obj: models.Model, actor, action: str, data: dict | None = None) -> None:
    """Writes the audit entry `action` (which keeps the object's id and name) and deletes `obj`.
    For the `<entity>_delete` services: call it inside their transaction."""
    audit_log(actor=actor, action=action, obj=obj, data=data)
    obj.delete()
