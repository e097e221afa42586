"""Who may answer a person's access request (issue 12 §4): plain functions, as in every app."""

ACCESS_REQUEST_PERMISSION = "core.view_auditentry"


def can_answer_access_requests(user) -> bool:
    """Administrators (the role Administration, which sees the audit log) and superusers export
    everything stored under an e-mail address (/verwaltung/auskunft/)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(ACCESS_REQUEST_PERMISSION))
