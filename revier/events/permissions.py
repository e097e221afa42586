"""Who may do what with an event: plain functions, used by views and services alike."""

from revier.events.models import Event

MANAGE_ALL_PERMISSION = "events.manage_all_events"


def can_manage_all_events(user) -> bool:
    """Superusers and people granted "Can manage all events" see every event's registrations."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(MANAGE_ALL_PERMISSION)


def can_manage_event(user, event: Event) -> bool:
    """May `user` see and manage the registrations of `event`? Superusers, people with the
    "manage all events" permission, and the event's own organisers (Event.managers)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if can_manage_all_events(user):
        return True
    return event.managers.filter(pk=user.pk).exists()
