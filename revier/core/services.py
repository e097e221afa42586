from collections.abc import Iterable

from django.db import models

from revier.core.models import AuditEntry


def audit_label(obj: models.Model) -> str:
    """What the audit log may keep of an object's name. Only models that declare
    `audit_label = True` (their `__str__` names no person: events, articles, topics, contingents,
    surveys …) are named; every other object, and any model that does not say, is kept by type and
    id alone, so that no personal data is copied into the log (issue 12 §2)."""
    return str(obj)[:200] if getattr(type(obj), "audit_label", False) is True else ""


def _actor(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def audit_log(*, actor, action: str, obj: models.Model, data: dict | None = None) -> AuditEntry:
    """Writes one audit entry. Call it inside the transaction that makes the change, so that the
    change and its record are committed together or not at all. `data` must not hold personal
    values (names, addresses, free text of the person): record which fields changed, and ids."""
    return AuditEntry.objects.create(
        actor=_actor(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=audit_label(obj),
        data=data or {},
    )


def audit_read(*, actor, action: str, model: type[models.Model], object_ids: Iterable | None = None,
               count: int | None = None, data: dict | None = None) -> AuditEntry:
    """Records that a staff member saw personal data: who (`actor`), what (`action`, the model and
    the ids of the records, or only their number for long lists and exports), when. One INSERT; call
    it from the view that shows or sends the data. `data["count"]` is the number of records seen."""
    ids = [str(pk) for pk in object_ids] if object_ids is not None else None
    if count is None:
        count = len(ids) if ids is not None else 0
    details = {"count": count, **(data or {})}
    if ids is not None and 1 < len(ids) <= 200:
        details["ids"] = ids
    return AuditEntry.objects.create(
        actor=_actor(actor),
        action=action,
        object_type=model._meta.label_lower,
        object_id=ids[0] if ids is not None and len(ids) == 1 else "",
        object_repr="",
        data=details,
    )


def audited_delete(*, obj: models.Model, actor, action: str, data: dict | None = None) -> None:
    """Writes the audit entry `action` (which keeps the object's id, and its name where
    audit_label allows) and deletes `obj`. For the `<entity>_delete` services: call it inside their
    transaction."""
    audit_log(actor=actor, action=action, obj=obj, data=data)
    obj.delete()
