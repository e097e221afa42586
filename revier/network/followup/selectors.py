"""Reads of the follow-up: the person's page and the organiser's statistics, each in a fixed number
of queries whatever the number of participants, requests and meetings."""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q

from revier.core.tokens import personal_link_holder
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest, MeetingSetup
from revier.network.meetings.selectors import participants_q
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
    """An event's Gesprächsbörse in figures. A meeting counts as held when the check-in at the
    table or a follow-up answer says so; as a no-show when neither says held and one says "not
    shown up"; cancelled likewise. Cooperations: meetings for which at least one of the two answered
    "yes" (per kind: the meetings with at least one answer of that kind), and "maybe"."""

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

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.requests if self.requests else None

    @property
    def answered_percent(self) -> int | None:
        share = self.answered_share
        return None if share is None else round(share * 100)


def followup_statistics(*, setup: MeetingSetup) -> FollowupStatistics:
    """The figures of one Gesprächsbörse, in six queries."""
    profiles = Profile.objects.filter(participants_q(setup)).count()
    answered_times = list(
        MeetingRequest.objects.filter(setup=setup, answered_at__isnull=False,
                                      status__in=[MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.DECLINED])
        .values_list("created_at", "answered_at")
    )
    requests = MeetingRequest.objects.filter(setup=setup).aggregate(
        total=Count("id"), accepted=Count("id", filter=Q(status=MeetingRequest.Status.ACCEPTED)))
    median = (statistics.median((answered - created) / datetime.timedelta(hours=1)
                                for created, answered in answered_times) if answered_times else None)
    # Per placed meeting: what the check-in and the answers say (one row per participant and answer).
    outcome: dict[int, set[str]] = {}
    for meeting_id, attendance in MeetingParticipant.objects.filter(
            meeting__setup=setup, meeting__status=Meeting.Status.PLACED).values_list("meeting_id", "attendance"):
        outcome.setdefault(meeting_id, set()).add({"held": Held.YES, "no_show": Held.NO_SHOW}.get(attendance, ""))
    cooperation: dict[int, set[str]] = {}
    people = set()
    for meeting_id, profile_id, held, coop in FollowupAnswer.objects.filter(
            meeting__setup=setup, meeting__status=Meeting.Status.PLACED).values_list(
            "meeting_id", "profile_id", "held", "cooperation"):
        outcome.setdefault(meeting_id, set()).add(held)
        cooperation.setdefault(meeting_id, set()).add(coop)
        people.add(profile_id)
    held = sum(1 for said in outcome.values() if Held.YES in said)
    no_shows = sum(1 for said in outcome.values() if Held.YES not in said and Held.NO_SHOW in said)
    cancelled = sum(1 for said in outcome.values()
                    if Held.YES not in said and Held.NO_SHOW not in said and Held.CANCELLED in said)
    planned = [said for said in cooperation.values() if said & set(FollowupAnswer.PLANNED)]
    by_kind = tuple((str(kind), str(kind.label), sum(1 for said in cooperation.values() if kind in said))
                    for kind in FollowupAnswer.PLANNED)
    return FollowupStatistics(
        profiles=profiles,
        requests=requests["total"],
        answered=len(answered_times),
        median_answer_hours=None if median is None else round(median, 1),
        accepted=requests["accepted"],
        placed=len({m for m in outcome}) if outcome else 0,
        held=held,
        no_shows=no_shows,
        cancelled=cancelled,
        invitations=FollowupInvitation.objects.filter(setup=setup).count(),
        followup_answered=len(people),
        cooperation_planned=len(planned),
        cooperation_maybe=sum(1 for said in cooperation.values()
                              if Cooperation.MAYBE in said and not said & set(FollowupAnswer.PLANNED)),
        cooperation_by_kind=by_kind,
    )
