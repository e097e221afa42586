"""Retention of the network's personal data (issue 12 §3, docs/security.md "Aufbewahrung und
Anonymisierung"), run by the worker (`network_anonymise_due`), with the shared steps of
core.retention (audit entries blanked, outbox mails forgotten, one protocol row per kind and run):

- a profile NETWORK_PROFILE_RETENTION_DAYS after its last sign of life (`profile_anonymise`), but
  never before its person was warned NETWORK_PROFILE_WARNING_DAYS before by one mail
  (`profiles_warn_due`, a worker task of its own): when the warning went out late, the removal
  waits for the warning's days;
- the messages of a Gesprächsbörse's meeting requests, its request and follow-up links, when its
  event's retention period (`Event.retention_days` after the end) is over;
- the message and the links of a contact request NETWORK_CONTACT_RETENTION_DAYS after it was
  answered or lapsed.

What the statistics count stays: the profile row (status, kind, region, its links to
registrations), the requests (status, times), meetings, their participants' check-in and the
follow-up answers, so the follow-up statistics show the same figures."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
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
from revier.network.services import _audit, _issue_link, _mail
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


def _signs_of_life(since) -> list:
    """The signs of life of a profile (OuterRef "pk") after `since` (a moment, or an expression of the
    profile such as its warning's time): a personal link sent (again), but not the warning's own
    link; a linked event ending or the link made; a meeting or contact request sent or received
    (sent or answered)."""
    recent = [
        ProfileLink.objects.filter(profile_id=OuterRef("pk"), sign_of_life=True, created_at__gt=since),
        ProfileRegistration.objects.filter(profile_id=OuterRef("pk")).filter(
            Q(linked_at__gt=since) | Q(registration__event__ends_at__gt=since)),
    ]
    for model in (MeetingRequest, ContactRequest):
        for side in ("sender", "recipient"):
            recent.append(model.objects.filter(**{side: OuterRef("pk")}).filter(
                Q(created_at__gt=since) | Q(answered_at__gt=since)))
    return recent


def _inactive(rows, *, since: datetime.datetime | None = None):
    """Those of the profiles `rows` without a sign of life after `since` (a change, the confirmation
    and _signs_of_life); since their own warning (`retention_warned_at`) when `since` is None."""
    own, inner = (F("retention_warned_at"), OuterRef("retention_warned_at")) if since is None else (since, since)
    rows = rows.filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lte=own), updated_at__lte=own)
    for recent in _signs_of_life(inner):
        rows = rows.exclude(Exists(recent))
    return rows


def _living():
    return Profile.objects.filter(status=Profile.Status.CONFIRMED, anonymised_at__isnull=True)


def _due_profiles(now: datetime.datetime) -> list[int]:
    """The confirmed profiles not anonymised without a sign of life for the period (no change, no
    confirmation, no personal link sent (again), no linked event ending, no meeting or contact
    request sent or received (sent or answered) since the cutoff) whose person was warned at least
    the warning's days ago and showed no sign of life since. One query (the worker runs it every
    round), at most BATCH_SIZE ids."""
    cutoff = now - datetime.timedelta(days=retention_period("network_profiles"))
    warned_before = now - datetime.timedelta(days=retention_period("network_profile_warning"))
    due = _inactive(_inactive(_living(), since=cutoff).filter(retention_warned_at__lte=warned_before))
    return list(due.order_by("id").values_list("id", flat=True)[:BATCH_SIZE])


def profiles_warn_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: the confirmed profiles whose period ends within the warning's days (setting
    "network_profile_warning", retention_period) and whose person was not warned since the last
    sign of life get one mail (profile_retention_warn). Unconfirmed profiles get none (the worker
    deletes them when their time to confirm is over); hidden ones do (they are anonymised too).
    Returns how many were warned; safe when it runs twice or in two workers at once."""
    now = now or timezone.now()
    period = retention_period("network_profiles")
    days = retention_period("network_profile_warning")
    cutoff = now + datetime.timedelta(days=days) - datetime.timedelta(days=period)
    still_warned = _inactive(Profile.objects.filter(retention_warned_at__isnull=False)).values("pk")
    candidates = (_inactive(_living(), since=cutoff).exclude(pk__in=still_warned).order_by("id")
                  .values_list("id", "retention_warned_at")[:BATCH_SIZE])
    return sum(profile_retention_warn(profile_id=pk, warned_before=warned, days=days, now=now)
               for pk, warned in candidates)


def profile_retention_warn(*, profile_id: int, warned_before: datetime.datetime | None, days: int,
                           now: datetime.datetime) -> bool:
    """Warns one profile's person that it will be anonymised in `days` days: marks it
    `retention_warned_at=now` with a conditional UPDATE (only if its mark is still `warned_before`:
    of two workers, one wins and the other changes nothing) and, in the same transaction, queues
    the mail (in the profile's language; with a new personal link that is no sign of life) and an audit entry. Returns whether this call warned."""
    with transaction.atomic(durable=True):
        rows = Profile.objects.filter(pk=profile_id, status=Profile.Status.CONFIRMED, anonymised_at__isnull=True)
        rows = rows.filter(retention_warned_at=warned_before) if warned_before else rows.filter(
            retention_warned_at__isnull=True)
        if rows.update(retention_warned_at=now) != 1:
            return False
        profile = Profile.objects.get(pk=profile_id)
        removal_at = now + datetime.timedelta(days=days)
        # Valid as long as any personal link, and at least until the removal (links go with it).
        token = _issue_link(profile, now=now, sign_of_life=False, expires_at=max(
            now + datetime.timedelta(days=settings.NETWORK_LINK_DAYS), removal_at + datetime.timedelta(days=1)))
        _mail(profile, "retention_warning", token=token, extra={"removal_at": removal_at, "days": days})
        _audit(actor=None, action="profile_retention_warned", profile=profile)
    return True


def profile_removal_at(*, profile: Profile) -> datetime.datetime | None:
    """When the profile will be anonymised for inactivity if its person was warned and showed no
    sign of life since (the personal page says so and offers to keep it); else None."""
    if profile.retention_warned_at is None or profile.anonymised_at is not None:
        return None
    if not _inactive(Profile.objects.filter(pk=profile.pk)).exists():
        return None
    return profile.retention_warned_at + datetime.timedelta(days=retention_period("network_profile_warning"))


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
    for NETWORK_PROFILE_RETENTION_DAYS whose person was warned (profiles_warn_due) at least
    NETWORK_PROFILE_WARNING_DAYS ago (`profile_anonymise`). Idempotent; returns how many objects
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
