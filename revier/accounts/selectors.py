"""The reads of the account management."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.contrib.auth.models import Group

User = get_user_model()
SEARCH_MAX_LENGTH = 100


def account_list(*, search: str = "") -> QuerySet:
    """Every account, active ones first, then by user name, with its groups and its number of event
    teams (`team_count`); `search` narrows to user name, name or address containing it."""
    qs = User.objects.all()
    search = " ".join(search.split())[:SEARCH_MAX_LENGTH]
    if search:
        qs = qs.filter(Q(username__icontains=search) | Q(email__icontains=search)
                       | Q(first_name__icontains=search) | Q(last_name__icontains=search))
    return (
        qs.only("pk", "username", "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser",
                "password", "last_login")
        .annotate(team_count=Count("managed_events", distinct=True))
        .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        .order_by("-is_active", "username", "pk")
    )


def account_get(*, pk: int):
    return User.objects.prefetch_related("groups").filter(pk=pk).first()
