"""Every non-trivial read of the network app."""

from django.db.models import Q, QuerySet

from revier.network.models import Profile


def profile_public_q() -> Q:
    """The one condition for a profile every reader may see: confirmed, public, not hidden by staff."""
    return Q(status=Profile.Status.CONFIRMED, visibility=Profile.Visibility.PUBLIC, hidden_by_staff=False)


def profile_public_list() -> QuerySet[Profile]:
    return Profile.objects.filter(profile_public_q())


def profile_public_get(*, pk: int) -> Profile | None:
    return profile_public_list().filter(pk=pk).first()
