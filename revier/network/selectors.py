"""Every non-trivial read of the network app."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from revier.core.models import Topic
from revier.core.tokens import personal_link_holder
from revier.network.models import Profile, ProfileEntry, TopicProposal


def profile_public_q() -> Q:
    """The one condition for a profile every reader may see: confirmed, public, not hidden by staff."""
    return Q(status=Profile.Status.CONFIRMED, visibility=Profile.Visibility.PUBLIC, hidden_by_staff=False)


def profile_public_list() -> QuerySet[Profile]:
    return Profile.objects.filter(profile_public_q())


def profile_public_get(*, pk: int) -> Profile | None:
    return profile_public_list().filter(pk=pk).first()


def profile_get_by_token(*, token: str) -> Profile | None:
    """The profile a personal link opens (not expired), or None; one query."""
    if not token or len(token) > 100:
        return None
    return personal_link_holder(Profile, token)


@dataclass(frozen=True)
class PersonalPage:
    """What the personal page shows: the profile with its topics, offers and needs (each with
    its topics), and the topics to choose from."""

    profile: Profile
    topic_ids: frozenset[int]
    offers: list[ProfileEntry]
    needs: list[ProfileEntry]
    topics: list[Topic]


def profile_personal_page_get(*, token: str) -> PersonalPage | None:
    """The personal page's data in a fixed number of queries, whatever the number of entries."""
    profile = profile_get_by_token(token=token)
    if profile is None:
        return None
    entries = list(ProfileEntry.objects.filter(profile=profile).prefetch_related("topics"))
    return PersonalPage(
        profile=profile,
        topic_ids=frozenset(profile.topics.values_list("pk", flat=True)),
        offers=[entry for entry in entries if entry.direction == ProfileEntry.Direction.OFFER],
        needs=[entry for entry in entries if entry.direction == ProfileEntry.Direction.NEED],
        topics=topic_list(),
    )


def topic_list() -> list[Topic]:
    """The shared topics, in their order, to choose from."""
    return list(Topic.objects.all())


def topic_proposals_open_for(*, profile: Profile) -> list[TopicProposal]:
    """The profile's proposed topics that staff have not decided yet (its personal page); one query."""
    return list(TopicProposal.objects.filter(profiles=profile, status=TopicProposal.Status.OPEN).order_by("created_at", "id"))
