"""Models of the follow-up after a Gesprächsbörse. Imported by revier/network/models.py, so they
belong to the network app. Every write goes through network.followup.services."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from revier.core.models import PersonalLink

__all__ = ["FollowupInvitation", "FollowupInvitationLink", "FollowupAnswer"]


class FollowupInvitation(models.Model):
    """One per participant and Gesprächsbörse: the follow-up mail was sent (its unique constraint
    makes the worker task idempotent). Holds the personal link to the follow-up page."""

    setup = models.ForeignKey("network.MeetingSetup", on_delete=models.CASCADE, related_name="followup_invitations")
    profile = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="followup_invitations")
    sent_at = models.DateTimeField(_("sent"))
    answer_until = models.DateTimeField(_("answers possible until"))

    class Meta:
        verbose_name = _("follow-up invitation")
        verbose_name_plural = _("follow-up invitations")
        constraints = [
            models.UniqueConstraint(fields=["setup", "profile"], name="network_followup_one_invitation"),
        ]

    def __str__(self):
        return f"Nachbereitung {self.pk}"


class FollowupInvitationLink(PersonalLink):
    """The personal link in the follow-up mail (SHA-256 hash only)."""

    invitation = models.ForeignKey(FollowupInvitation, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("follow-up link")
        verbose_name_plural = _("follow-up links")


class FollowupAnswer(models.Model):
    """A participant's answer about one meeting: did it take place, is a cooperation planned.
    One per meeting and person; changeable until the invitation's `answer_until`."""

    class Held(models.TextChoices):
        YES = "yes", _("Yes")
        NO_SHOW = "no_show", _("No – did not show up")
        CANCELLED = "cancelled", _("No – cancelled")

    class Cooperation(models.TextChoices):
        NO = "no", _("No")
        MAYBE = "maybe", _("Maybe")
        PROJECT = "project", _("Yes: project")
        CONTRACT = "contract", _("Yes: contract")
        FUNDING = "funding", _("Yes: funding application")
        OTHER = "other", _("Yes: other")

    # The answers that mean "yes, a cooperation is planned".
    PLANNED = [Cooperation.PROJECT, Cooperation.CONTRACT, Cooperation.FUNDING, Cooperation.OTHER]

    meeting = models.ForeignKey("network.Meeting", on_delete=models.CASCADE, related_name="followup_answers")
    profile = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="followup_answers")
    held = models.CharField(_("did the meeting take place?"), max_length=20, choices=Held.choices)
    cooperation = models.CharField(_("is a cooperation planned?"), max_length=20, choices=Cooperation.choices,
                                   blank=True, default="")
    answered_at = models.DateTimeField(_("answered"))
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("follow-up answer")
        verbose_name_plural = _("follow-up answers")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "profile"], name="network_followup_one_answer"),
        ]

    def __str__(self):
        return f"Antwort {self.pk}"
