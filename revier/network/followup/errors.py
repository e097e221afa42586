"""Domain errors of the follow-up, each with a German message (locale/de)."""

from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class FollowupError(DomainError):
    message = _("Your answers could not be saved.")


class FollowupClosed(FollowupError):
    message = _("Answers can no longer be given or changed: the period for the follow-up has ended.")


class NotYourMeeting(FollowupError):
    message = _("This meeting is not one of yours. Please reload the page and try again.")
