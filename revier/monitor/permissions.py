"""Who may do what in the Monitor (plain functions, CONVENTIONS.md "Where rules live")."""


def can_manage_monitor(user) -> bool:
    """Staff with the Monitor's model permission: they see waves that are not published yet (public
    pages and the staff area alike)."""
    return bool(user.is_active and user.is_staff and user.has_perm("monitor.view_wave"))
