"""Retention of the network's personal data (issue 12 §3, docs/security.md "Aufbewahrung und
Anonymisierung"), run by the worker (`network_anonymise_due`), with the shared steps of
core.retention (audit entries blanked, outbox mails forgotten, one protocol row per kind and run):

- a profile NETWORK_PROFILE_RETENTION_DAYS after its last sign of life (`profile_anonymise`);
- the messages of a Gesprächsbörse's meeting requests, its request and follow-up links, when its
  event's retention period (`Event.retention_days` after the end) is over;
- the message and the links of a contact request NETWORK_CONTACT_RETENTION_DAYS after it was
  answered or lapsed.

What the statistics count stays: the profile row (status, kind, region, its links to
registrations), the requests (status, times), meetings, their participants' check-in and the
follow-up answers, so the follow-up statistics show the same figures."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from revier.core.cache import content_changed
from revier.core.retention import (
    ANONYMISED,
    RetentionKind,
    anonymise_due,
    anonymise_one,
    anonymised_marker,
    retention_period,
)
from revier.events import selectors as event_selectors
from revier.network.models import (
    ContactRequest,
    ContactRequestLink,
    FollowupInvitationLink,
    MeetingRequest,
    MeetingRequestLink,
    Profile,
    ProfileEntry,
    ProfileLink,
    ProfileRegistration,
    Suggestion,
    SuggestionQueue,
    TopicProposal,
    Unavailability,
)

# Objects of one kind anonymised in one run (one transaction); the worker's next round goes on.
BATCH_SIZE = 1000


# ---------------------------------------------------------------------------------------------
# Profiles


def _due_profiles(now: datetime.datetime) -> list[int]:
    """The confirmed profiles not anonymised without a sign of life for the period: no change, no
    confirmation, no personal link sent (again), no linked event ending, no meeting or contact
    request sent or received (sent or answered) since the cutoff. One query (the worker runs it
    every round), at most BATCH_SIZE ids."""
    cutoff = now - datetime.timedelta(days=retention_period("network_profiles"))
    recent = [
        ProfileLink.objects.filter(profile_id=OuterRef("pk"), created_at__gt=cutoff),
        ProfileRegistration.objects.filter(profile_id=OuterRef("pk")).filter(
            Q(linked_at__gt=cutoff) | Q(registration__event__ends_at__gt=cutoff)),
    ]
    for model in (MeetingRequest, ContactRequest):
        for side in ("sender", "recipient"):
            recent.append(model.objects.filter(**{side: OuterRef("pk")}).filter(
                Q(created_at__gt=cutoff) | Q(answered_at__gt=cutoff)))
    due = Profile.objects.filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lte=cutoff),
                                 status=Profile.Status.CONFIRMED, anonymised_at__isnull=True, updated_at__lte=cutoff)
    for rows in recent:
        due = due.exclude(Exists(rows))
    return list(due.order_by("id").values_list("id", flat=True)[:BATCH_SIZE])


def _blank_profiles(ids: list[int], now: datetime.datetime) -> None:
    Profile.objects.filter(pk__in=ids).update(
        first_name="", last_name=ANONYMISED, function="", organisation=ANONYMISED, district="", description="",
        email="", email_normalized=anonymised_marker(), phone="", search_text="", search_stems="",
        visibility=Profile.Visibility.HIDDEN, hidden_by_staff=True, anonymised_at=now,
    )
    ProfileEntry.objects.filter(profile_id__in=ids).delete()
    ProfileLink.objects.filter(profile_id__in=ids).delete()
    Profile.topics.through.objects.filter(profile_id__in=ids).delete()
    TopicProposal.profiles.through.objects.filter(profile_id__in=ids).delete()
    TopicProposal.objects.filter(status=TopicProposal.Status.OPEN, profiles__isnull=True).delete()
    Suggestion.objects.filter(Q(profile_id__in=ids) | Q(other_id__in=ids)).delete()
    SuggestionQueue.objects.filter(profile_id__in=ids).delete()
    Unavailability.objects.filter(profile_id__in=ids).delete()
    FollowupInvitationLink.objects.filter(invitation__profile_id__in=ids).delete()
    # What they wrote to others and others wrote to them.
    _blank_meeting_requests(list(MeetingRequest.objects.filter(Q(sender_id__in=ids) | Q(recipient_id__in=ids))
                                 .values_list("id", flat=True)), now, mark=False)
    _blank_contact_requests(list(ContactRequest.objects.filter(Q(sender_id__in=ids) | Q(recipient_id__in=ids))
                                 .values_list("id", flat=True)), now, mark=False)
    # A public profile leaves the directory: no cached page may show it any more.
    content_changed()


PROFILES = RetentionKind(model=Profile, blank=_blank_profiles, address_field="email_normalized")


def profile_anonymise(*, profile: Profile, now: datetime.datetime | None = None) -> bool:
    """Anonymises one profile now, whatever its last activity. Name, function, organisation,
    district, description, e-mail address (and its normalised form), phone and the search text are
    replaced by neutral values; the offers and needs, topics, personal links, partner suggestions
    (also where it is the suggested partner), unavailable slots and follow-up links are deleted;
    the messages of its meeting and contact requests (sent and received) are emptied; the profile
    is hidden from everyone. Its audit entries lose the name and every detail but statuses and ids,
    and the outbox mails to its address are deleted unless a living object of any app uses it. The
    row stays (status confirmed, kind, region, its links to registrations), with its requests,
    meetings, check-ins and follow-up answers, so the Gesprächsbörse's statistics stay the same.
    Marks the row `anonymised_at`, writes a protocol row. Returns False (and changes nothing) when
    it was anonymised already. Runs in the caller's transaction or its own."""
    return anonymise_one(PROFILES, pk=profile.pk, now=now or timezone.now())


def profile_addresses_in_use(addresses: set[str]) -> set[str]:
    """Those of `addresses` a profile not yet anonymised still uses (core.retention.outbox_forget
    keeps their mails); registered in the app's ready()."""
    return set(Profile.objects.filter(email_normalized__in=addresses, anonymised_at__isnull=True)
               .values_list("email_normalized", flat=True))


# ---------------------------------------------------------------------------------------------
# Meeting and contact requests


def _blank_meeting_requests(ids: list[int], now: datetime.datetime, *, mark: bool = True) -> None:
    MeetingRequest.objects.filter(pk__in=ids).update(message="", **({"anonymised_at": now} if mark else {}))
    MeetingRequestLink.objects.filter(request_id__in=ids).delete()
    if mark:
        # The follow-up page of a Gesprächsbörse past its period opens no more.
        setups = MeetingRequest.objects.filter(pk__in=ids).values("setup_id")
        FollowupInvitationLink.objects.filter(invitation__setup_id__in=setups).delete()


def _blank_contact_requests(ids: list[int], now: datetime.datetime, *, mark: bool = True) -> None:
    ContactRequest.objects.filter(pk__in=ids).update(message="", **({"anonymised_at": now} if mark else {}))
    ContactRequestLink.objects.filter(request_id__in=ids).delete()


MEETING_REQUESTS = RetentionKind(model=MeetingRequest, blank=_blank_meeting_requests, owner_field="setup_id")
CONTACT_REQUESTS = RetentionKind(model=ContactRequest, blank=_blank_contact_requests)


def _due_contact_requests(now: datetime.datetime):
    cutoff = now - datetime.timedelta(days=retention_period("network_contacts"))
    return ContactRequest.objects.filter(
        Q(status__in=[ContactRequest.Status.ACCEPTED, ContactRequest.Status.DECLINED], answered_at__lte=cutoff)
        | Q(status=ContactRequest.Status.LAPSED, closed_at__lte=cutoff)
    )


def network_anonymise_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: anonymises what of the network is past its period, kind by kind (each kind at
    most BATCH_SIZE in one transaction, core.retention.anonymise_due): the meeting requests of
    events past their retention period (message emptied, links deleted), contact requests answered
    or lapsed NETWORK_CONTACT_RETENTION_DAYS ago (the same), and profiles without a sign of life
    for NETWORK_PROFILE_RETENTION_DAYS (`profile_anonymise`). Idempotent; returns how many objects
    it anonymised."""
    now = now or timezone.now()
    done = 0
    event_ids = event_selectors.event_ids_past_retention(now=now)
    if event_ids:
        done += anonymise_due(MEETING_REQUESTS, rows=MeetingRequest.objects.filter(setup__event_id__in=event_ids),
                              now=now, batch_size=BATCH_SIZE)
    done += anonymise_due(CONTACT_REQUESTS, rows=_due_contact_requests(now), now=now, batch_size=BATCH_SIZE)
    profile_ids = _due_profiles(now)
    if profile_ids:
        done += anonymise_due(PROFILES, rows=Profile.objects.filter(pk__in=profile_ids), now=now, batch_size=BATCH_SIZE)
    return done
