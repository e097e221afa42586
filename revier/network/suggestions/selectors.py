"""Reads of the partner suggestions: the engine's input from the database, and a profile's stored
suggestions as the person may see them."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q

from revier.core.models import Topic
from revier.network import matching
from revier.network.models import Profile, ProfileEntry, ProfileRegistration
from revier.network.suggestions.models import Suggestion

# A registration counts for "the same event" once it is confirmed (as in the Gesprächsbörse).
REGISTRATION_CONFIRMED = "confirmed"
# The public fields of a suggested profile: never e-mail or phone.
PUBLIC_FIELDS = ("id", "first_name", "last_name", "function", "organisation", "kind", "region", "district",
                 "description", "visibility", "status", "hidden_by_staff")


def suggestible_q(prefix: str = "") -> Q:
    """The one condition for a profile that takes part in the suggestions (as the one suggested and
    the one who gets suggestions): confirmed, not hidden by staff, visible to everyone or to the
    participants of its event. A profile its person hid takes no part."""
    return Q(**{
        f"{prefix}status": Profile.Status.CONFIRMED,
        f"{prefix}hidden_by_staff": False,
        f"{prefix}visibility__in": [Profile.Visibility.PUBLIC, Profile.Visibility.PARTICIPANTS],
    })


def engine_profiles(*, ids=None) -> list[matching.Profile]:
    """The suggestible profiles (all, or those of `ids`) as the engine's input, in three queries
    whatever their number: profiles, their topics, their offers and needs."""
    queryset = Profile.objects.filter(suggestible_q()).only("id", "kind", "region", "organisation")
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    queryset = queryset.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.only("id", "name")),
        Prefetch("entries", queryset=ProfileEntry.objects.only("id", "profile_id", "direction", "title", "text")
                 .order_by("position", "id")),
    ).order_by("pk")
    result = []
    for profile in queryset:
        entries = list(profile.entries.all())
        result.append(matching.Profile(
            id=str(profile.pk),
            kind=profile.kind if profile.kind in matching.KINDS else "sonstiges",
            region=profile.region or None,
            topics=tuple(topic.name for topic in profile.topics.all()),
            offers=tuple(matching.Item(title=e.title, text=e.text) for e in entries
                         if e.direction == ProfileEntry.Direction.OFFER),
            needs=tuple(matching.Item(title=e.title, text=e.text) for e in entries
                        if e.direction == ProfileEntry.Direction.NEED),
            name=profile.organisation,
        ))
    return result


def _events_of(profile: Profile) -> list[int]:
    """The events the profile takes part in (a confirmed registration linked to it, one per event;
    a person may be registered for several); one query."""
    return list(ProfileRegistration.objects.filter(profile_id=profile.pk, registration__status=REGISTRATION_CONFIRMED)
                .values_list("registration__event_id", flat=True).distinct())


def visible_to_q(viewer: Profile, *, prefix: str = "other__") -> Q:
    """Which profiles `viewer` may have suggested: suggestible ones visible to everyone, and those
    visible to participants when both take part in the same event (a confirmed registration each,
    of any of the viewer's events)."""
    condition = Q(**{f"{prefix}visibility": Profile.Visibility.PUBLIC})
    event_ids = _events_of(viewer)
    if event_ids:
        condition |= Q(**{f"{prefix}visibility": Profile.Visibility.PARTICIPANTS}) & Q(Exists(
            ProfileRegistration.objects.filter(
                profile_id=OuterRef(f"{prefix.removesuffix('__')}_id" if prefix else "pk"),
                registration__event_id__in=event_ids, registration__status=REGISTRATION_CONFIRMED,
            )))
    return suggestible_q(prefix) & condition


@dataclass(frozen=True)
class ShownSuggestion:
    """One suggestion as the page shows it: the other's public data only, with the reasons."""

    other: Profile
    topics: list[str]
    score: float
    reasons: list[str]
    rank: int
    # the state of an open or accepted contact request between the two ("pending", "accepted"), if any
    contact: str = ""


def viewer_takes_part(profile: Profile) -> bool:
    return (profile.status == Profile.Status.CONFIRMED and not profile.hidden_by_staff
            and profile.visibility != Profile.Visibility.HIDDEN)


def suggestion_list_for(*, profile: Profile, limit: int | None = None) -> list[ShownSuggestion]:
    """The profile's stored suggestions that its person may see, best first, in at most three
    queries whatever their number (the viewer's event, the suggestions with the others' public
    fields, their topics). A profile that takes no part (unconfirmed, hidden) sees none."""
    if not viewer_takes_part(profile):
        return []
    queryset = (
        Suggestion.objects.filter(profile=profile).filter(visible_to_q(profile))
        .select_related("other").only("id", "score", "reasons", "rank", "profile_id",
                                      *(f"other__{name}" for name in PUBLIC_FIELDS))
        .prefetch_related(Prefetch("other__topics", queryset=Topic.objects.only("id", "name", "position")))
        .order_by("rank")
    )
    if limit is not None:
        queryset = queryset[:limit]
    return [
        ShownSuggestion(other=row.other, topics=[topic.name for topic in row.other.topics.all()], score=row.score,
                        reasons=list(row.reasons), rank=row.rank)
        for row in queryset
    ]
