"""Who may manage the contingents: plain functions, used by views and the admin alike."""

from revier.events import selectors as event_selectors

MANAGE_PERMISSION = "contingents.change_contingent"


def can_manage_contingents(user) -> bool:
    """Superusers and people granted "Can change contingent" see every contingent's claims, export
    them, import codes, revoke and re-issue codes and run the draw."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(MANAGE_PERMISSION)


def can_manage_contingent(user, contingent) -> bool:
    """May `user` manage this one contingent (its claims, exports, codes, draw)? Everyone who may
    manage all contingents (the role Kontingentverwaltung), and the team of our event the
    contingent is for (the Veranstaltungsteam; events' own rule, event_get_if_manager). A partner
    event's contingent has no team."""
    if can_manage_contingents(user):
        return True
    if contingent.event_id is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return event_selectors.event_get_if_manager(slug=contingent.event.slug, user=user) is not None
