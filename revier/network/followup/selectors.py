"""Reads of the follow-up: the person's page and the organiser's statistics, each in a fixed number
of queries whatever the number of participants, requests and meetings."""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q

from revier.core.tokens import personal_link_holder
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest, MeetingSetup
from revier.network.meetings.selectors import HELD, NO_SHOW, REGISTRATION_CONFIRMED, meeting_outcome
from revier.network.models import Profile

Held, Cooperation = FollowupAnswer.Held, FollowupAnswer.Cooperation
Attendance = MeetingParticipant.Attendance


def invitation_get_by_token(*, token: str) -> FollowupInvitation | None:
    """The invitation a mailed link opens (not expired), with setup, event and profile."""
    if not token or len(token) > 100:
        return None
    found = personal_link_holder(FollowupInvitation, token)
    if found is None:
        return None
    return FollowupInvitation.objects.select_related("setup__event", "profile").get(pk=found.pk)


@dataclass(frozen=True)
class FollowupRow:
    meeting: Meeting
    partner: Profile  # shown by name, function and organisation only
    answer: FollowupAnswer | None


def followup_rows(*, invitation: FollowupInvitation) -> list[FollowupRow]:
    """The person's planned meetings of this Gesprächsbörse in time order, each with the partner
    and the person's own answer (never the partner's). Three queries."""
    meetings = list(
        Meeting.objects.filter(setup_id=invitation.setup_id, status=Meeting.Status.PLACED,
                               participants__profile_id=invitation.profile_id)
        .select_related("slot", "table").order_by("slot__starts_at", "table__number", "id")
    )
    partners = {
        row.meeting_id: row.profile
        for row in MeetingParticipant.objects.filter(meeting__in=[m.pk for m in meetings])
        .exclude(profile_id=invitation.profile_id)
        .select_related("profile").only("meeting_id", "profile__first_name", "profile__last_name",
                                        "profile__function", "profile__organisation")
    }
    answers = {a.meeting_id: a for a in FollowupAnswer.objects.filter(
        profile_id=invitation.profile_id, meeting__in=[m.pk for m in meetings])}
    return [FollowupRow(meeting=m, partner=partners[m.pk], answer=answers.get(m.pk))
            for m in meetings if m.pk in partners]


# ---------------------------------------------------------------------------------------------
# The organiser's statistics


@dataclass(frozen=True)
class FollowupStatistics:
    """An event's Gesprächsbörse in figures. Whether a placed meeting was held: the check-in at the
    table decides where it says held or no-show (meetings.selectors.meeting_outcome: the organiser's
    record, or the two people's own records when they agree); otherwise the follow-up answers: held
    when one of the two answered "yes", a no-show when none said "yes" and one "did not show up",
    cancelled when one said "cancelled" and none of the others. Accepted: requests accepted, also
    those whose meeting was cancelled before it began (`cancelled_before`). Cooperations: meetings
    for which at least one of the two answered "yes" (per kind: the meetings with at least one
    answer of that kind), and "maybe"."""

    profiles: int
    requests: int
    answered: int  # requests accepted or declined
    median_answer_hours: float | None
    accepted: int
    placed: int
    held: int
    no_shows: int
    cancelled: int
    invitations: int
    followup_answered: int  # people who answered for at least one meeting
    cooperation_planned: int
    cooperation_maybe: int
    cooperation_by_kind: tuple[tuple[str, str, int], ...]  # (value, label, meetings)
    cancelled_before: int = 0  # agreed meetings one of the two cancelled before they began

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.requests if self.requests else None

    @property
    def answered_percent(self) -> int | None:
        share = self.answered_share
        return None if share is None else round(share * 100)


def followup_statistics(*, setup: MeetingSetup) -> FollowupStatistics:
    """The figures of one Gesprächsbörse, in six queries."""
    return followup_statistics_many(setups=[setup])[setup.pk]


def followup_statistics_many(*, setups: list[MeetingSetup]) -> dict[int, FollowupStatistics]:
    """The figures of several Gesprächsbörsen (by setup id), in six queries whatever their number."""
    ids = [setup.pk for setup in setups]
    event_of = {setup.pk: setup.event_id for setup in setups}
    profiles = dict(
        Profile.objects.filter(status=Profile.Status.CONFIRMED, registrations__status=REGISTRATION_CONFIRMED,
                               registrations__event_id__in=list(event_of.values()))
        .values_list("registrations__event_id").annotate(n=Count("id", distinct=True))
    )
    agreed = [MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.CANCELLED]
    requests = {row["setup_id"]: row for row in MeetingRequest.objects.filter(setup_id__in=ids).values("setup_id")
                .annotate(total=Count("id"), accepted=Count("id", filter=Q(status__in=agreed)),
                          cancelled=Count("id", filter=Q(status=MeetingRequest.Status.CANCELLED)))}
    answered_times: dict[int, list[float]] = {pk: [] for pk in ids}
    for setup_id, created, answered in MeetingRequest.objects.filter(
            setup_id__in=ids, answered_at__isnull=False,
            status__in=[*agreed, MeetingRequest.Status.DECLINED]).values_list(
            "setup_id", "created_at", "answered_at"):
        answered_times[setup_id].append((answered - created) / datetime.timedelta(hours=1))
    # Per placed meeting: what the check-in says (its two rows), and what the answers say.
    check_in: dict[int, dict[int, list[str]]] = {pk: {} for pk in ids}
    for setup_id, meeting_id, attendance in MeetingParticipant.objects.filter(
            meeting__setup_id__in=ids, meeting__status=Meeting.Status.PLACED).values_list(
            "meeting__setup_id", "meeting_id", "attendance"):
        check_in[setup_id].setdefault(meeting_id, []).append(attendance)
    answers_said: dict[int, dict[int, set[str]]] = {pk: {} for pk in ids}
    cooperation: dict[int, dict[int, set[str]]] = {pk: {} for pk in ids}
    people: dict[int, set[int]] = {pk: set() for pk in ids}
    for setup_id, meeting_id, profile_id, held, coop in FollowupAnswer.objects.filter(
            meeting__setup_id__in=ids, meeting__status=Meeting.Status.PLACED).values_list(
            "meeting__setup_id", "meeting_id", "profile_id", "held", "cooperation"):
        answers_said[setup_id].setdefault(meeting_id, set()).add(held)
        cooperation[setup_id].setdefault(meeting_id, set()).add(coop)
        people[setup_id].add(profile_id)
    invitations = dict(FollowupInvitation.objects.filter(setup_id__in=ids).values_list("setup_id")
                       .annotate(n=Count("id")))
    planned_kinds = set(FollowupAnswer.PLANNED)
    result = {}
    for pk in ids:
        held_per_meeting = [_held(meeting_outcome(attendances), answers_said[pk].get(meeting_id, set()))
                            for meeting_id, attendances in check_in[pk].items()]
        coop = cooperation[pk].values()
        times = answered_times[pk]
        result[pk] = FollowupStatistics(
            profiles=profiles.get(event_of[pk], 0),
            requests=requests.get(pk, {}).get("total", 0),
            answered=len(times),
            median_answer_hours=round(statistics.median(times), 1) if times else None,
            accepted=requests.get(pk, {}).get("accepted", 0),
            placed=len(check_in[pk]),
            held=held_per_meeting.count(Held.YES),
            no_shows=held_per_meeting.count(Held.NO_SHOW),
            cancelled=held_per_meeting.count(Held.CANCELLED),
            invitations=invitations.get(pk, 0),
            followup_answered=len(people[pk]),
            cooperation_planned=sum(1 for said in coop if said & planned_kinds),
            cooperation_maybe=sum(1 for said in coop if Cooperation.MAYBE in said and not said & planned_kinds),
            cooperation_by_kind=tuple((str(kind), str(kind.label), sum(1 for said in coop if kind in said))
                                      for kind in FollowupAnswer.PLANNED),
            cancelled_before=requests.get(pk, {}).get("cancelled", 0),
        )
    return result


def _held(check_in: str, answers: set[str]) -> str:
    """Whether one placed meeting was held (a FollowupAnswer.Held value, "" when unknown): the
    check-in where it says held or no-show, else the follow-up answers (yes before no-show before
    cancelled)."""
    if check_in == HELD:
        return Held.YES
    if check_in == NO_SHOW:
        return Held.NO_SHOW
    return next((value for value in (Held.YES, Held.NO_SHOW, Held.CANCELLED) if value in answers), "")


def setups_for_events(*, event_ids: list[int]) -> list[MeetingSetup]:
    """The Gesprächsbörsen of these events, the earliest event first (one query)."""
    return list(MeetingSetup.objects.filter(event_id__in=event_ids).select_related("event")
                .order_by("event__starts_at", "event_id"))
