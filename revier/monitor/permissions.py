"""Who may manage the Monitor: a plain function, used by the staff pages, the staff navigation and
the services' callers alike."""

MANAGE_PERMISSION = "monitor.add_wave"


def can_manage_monitor(user) -> bool:
    """Active staff members granted "Can add wave", and superusers, upload and import waves, publish
    and unpublish them and download their weights and estimates. Everyone else reads the published
    results only."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(MANAGE_PERMISSION))
