"""Reads every app shares."""

from django.db import models
from django.db.models import QuerySet

from revier.core.models import AuditEntry


def audit_history(*, obj: models.Model) -> QuerySet[AuditEntry]:
    """The audit entries of one object, the newest first, with the person who made each change."""
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
