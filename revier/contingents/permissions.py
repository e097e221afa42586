"""Who may manage the contingents: a plain function, used by views and the admin alike."""

MANAGE_PERMISSION = "contingents.change_contingent"


def can_manage_contingents(user) -> bool:
    """Superusers and people granted "Can change contingent" see every contingent's claims, export
    them, import codes, revoke and re-issue codes and run the draw."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(MANAGE_PERMISSION)
