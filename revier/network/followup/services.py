"""Every write of the follow-up after a Gesprächsbörse (issue 10, section 4).

- followup_invitations_send_due (worker task): after the event, each participant with at least one
  planned meeting gets one mail with one personal link. Setup by setup under the setup's lock
  (core.capacity.lock_capacity_owner), the unique (setup, profile) of FollowupInvitation behind it:
  however often the task runs, nobody gets a second mail.
- followup_answers_save: the person's answers per meeting, changeable until `answer_until`, under
  the invitation's lock; one row per meeting and person (unique constraint).
Both write an audit entry in their transaction and queue mails in the outbox (core.mail)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.capacity import lock_capacity_owner
from revier.core.mail import mail_queue, written_for
from revier.core.services import audit_log
from revier.core.tokens import personal_link_issue
from revier.network.followup import errors
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingSetup
from revier.network.models import Profile

SUBJECT = _("After the Gesprächsbörse: how did your meetings go? (%(event)s)")
# Invitations written per setup and round of the worker (the next round continues).
BATCH = 200


def answer_days() -> int:
    return settings.NETWORK_FOLLOWUP_ANSWER_DAYS


def followup_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("network:followup", kwargs={"token": token})


def followup_invitations_send_due(*, now: datetime.datetime | None = None) -> int:
    """Worker task: for every enabled Gesprächsbörse whose event has ended (and whose answer period
    has not), each participant with at least one planned meeting who has no invitation yet gets one:
    a FollowupInvitation, a personal link valid until the end of the answer period, one mail.
    Idempotent. Returns how many were sent."""
    now = now or timezone.now()
    period = datetime.timedelta(days=answer_days())
    # Only setups with someone still to invite: a finished setup is not locked again every round.
    invited = FollowupInvitation.objects.filter(setup_id=OuterRef("meeting__setup_id"), profile_id=OuterRef("profile_id"))
    setup_ids = sorted(set(
        MeetingParticipant.objects.filter(
            meeting__status=Meeting.Status.PLACED, meeting__setup__enabled=True,
            meeting__setup__event__ends_at__lte=now, meeting__setup__event__ends_at__gt=now - period,
        ).exclude(meeting__setup__event__status="cancelled").filter(~Exists(invited))
        .values_list("meeting__setup_id", flat=True).distinct()
    ))
    sent = 0
    for setup_id in setup_ids:
        with transaction.atomic(durable=True):
            setup = lock_capacity_owner(MeetingSetup.objects.filter(pk=setup_id).select_related("event"))
            answer_until = setup.event.ends_at + period
            profile_ids = list(
                MeetingParticipant.objects.filter(meeting__setup=setup, meeting__status=Meeting.Status.PLACED)
                .filter(~Exists(invited))
                .order_by("profile_id").values_list("profile_id", flat=True).distinct()[:BATCH]
            )
            for profile in Profile.objects.filter(pk__in=profile_ids).order_by("pk"):
                invitation = FollowupInvitation.objects.create(setup=setup, profile=profile, sent_at=now,
                                                               answer_until=answer_until)
                token = personal_link_issue(invitation.links, expires_at=answer_until)
                audit_log(actor=None, action="followup_invitation_sent", obj=invitation)
                with written_for(profile.language):
                    mail_queue(to=[profile.email], subject=str(SUBJECT) % {"event": setup.event.title},
                               template="network/followup/mail/invitation",
                               context={"profile": profile, "event": setup.event, "link": followup_url(token),
                                        "answer_until": answer_until, "site_name": settings.SITE_NAME,
                                        "site_url": settings.SITE_URL})
                sent += 1
    return sent


@dataclass(frozen=True)
class AnswerInput:
    meeting_id: int
    held: str
    cooperation: str


def followup_answers_save(*, invitation: FollowupInvitation, answers: Sequence[AnswerInput],
                          now: datetime.datetime | None = None) -> int:
    """Saves the person's answers, one row per meeting and person (created or changed). Refuses
    after `answer_until` (FollowupClosed) and for a meeting that is not one of the person's planned
    meetings of this Gesprächsbörse (NotYourMeeting); then nothing is saved. Locks the invitation.
    Returns how many answers were created or changed."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        invitation = lock_capacity_owner(FollowupInvitation.objects.filter(pk=invitation.pk))
        if now >= invitation.answer_until:
            raise errors.FollowupClosed()
        own = set(MeetingParticipant.objects.filter(
            profile_id=invitation.profile_id, meeting__setup_id=invitation.setup_id,
            meeting__status=Meeting.Status.PLACED).values_list("meeting_id", flat=True))
        for answer in answers:
            if answer.meeting_id not in own:
                raise errors.NotYourMeeting()
            if (answer.held not in FollowupAnswer.Held.values
                    or answer.cooperation not in FollowupAnswer.Cooperation.values):
                raise errors.FollowupError()
        existing = {row.meeting_id: row for row in FollowupAnswer.objects.filter(
            profile_id=invitation.profile_id, meeting_id__in=[a.meeting_id for a in answers])}
        changed = 0
        for answer in answers:
            row = existing.get(answer.meeting_id)
            if row is None:
                FollowupAnswer.objects.create(meeting_id=answer.meeting_id, profile_id=invitation.profile_id,
                                              held=answer.held, cooperation=answer.cooperation,
                                              answered_at=now, changed_at=now)
            elif (row.held, row.cooperation) != (answer.held, answer.cooperation):
                row.held, row.cooperation, row.changed_at = answer.held, answer.cooperation, now
                row.save(update_fields=["held", "cooperation", "changed_at"])
            else:
                continue
            changed += 1
        if changed:
            audit_log(actor=None, action="followup_answered", obj=invitation,
                      data={"meetings": sorted(a.meeting_id for a in answers)})
    return changed
