"""Domain errors of the Gesprächsbörse, each with a German message for the person (views show it
on the page, input kept). Message ids are English; the German catalogue is in locale/de."""

from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class MeetingError(DomainError):
    message = _("Your request about meetings could not be completed.")


class NotEnabled(MeetingError):
    message = _("This event has no Gesprächsbörse (any more).")


class NotParticipant(MeetingError):
    message = _(
        "Only participants of the event with a confirmed registration and a confirmed profile can take part "
        "in its Gesprächsbörse."
    )


class ToOneself(MeetingError):
    message = _("You cannot send a meeting request to yourself.")


class RecipientHidden(MeetingError):
    message = _("This profile is not visible, so it cannot receive meeting requests.")


class RecipientNotParticipant(MeetingError):
    message = _("This person does not take part in the event's Gesprächsbörse. Please choose someone from the list.")


class DeadlinePassed(MeetingError):
    message = _("The deadline for meeting requests of this event has passed. Requests can no longer be sent or answered.")


class TooManyOpenRequests(MeetingError):
    message = _(
        "You already have %(limit)d open requests. Please wait for answers or withdraw a request before sending another."
    )


class DuplicateRequest(MeetingError):
    message = _("There already is an open or accepted request between you and this person.")


class AlreadyAccepted(MeetingError):
    message = _("This request has already been accepted. You find the meeting on your Gesprächsbörse page.")


class AlreadyAnswered(MeetingError):
    message = _("This request has already been answered or is no longer open.")


class NotYours(MeetingError):
    message = _("This request is not yours to answer.")


class TooManyMeetingsSelf(MeetingError):
    message = _(
        "You already have the maximum of %(limit)d meetings at this event. To accept this request, a meeting "
        "would have to be cancelled first."
    )


class TooManyMeetingsOther(MeetingError):
    message = _("The other person already has the maximum of %(limit)d meetings at this event, so this request cannot be accepted.")


class InvalidInput(MeetingError):
    """Input a form would have refused; the services check it again for every caller."""


class SlotInUse(MeetingError):
    message = _(
        "Time slots that already have planned meetings cannot be removed: %(slots)s. Please keep these times in "
        "the sessions or move the meetings first."
    )


class TableInUse(MeetingError):
    message = _("Tables that already have planned meetings cannot be removed: %(tables)s.")


class ScheduleChanged(MeetingError):
    message = _("The meetings changed while the plan was being computed. Please press “Alle einplanen” again.")


# --- The organiser's planning by hand (fixed tables, fixed meetings, sessions) ---------------


class PlanningRefused(MeetingError):
    """A change of the organiser's plan that cannot be made; the message says why, naming the
    table, the time or the person."""


class SessionInUse(MeetingError):
    message = _(
        "Sessions to which meetings are restricted cannot be removed: %(sessions)s. Please keep these sessions "
        "or lift the restriction of the meetings first."
    )


# --- On the day: check-in at the table, cancelling an agreed meeting ---------------------------


class NotOrganiser(MeetingError):
    message = _("Only the organisers of the event can record the check-in for everyone.")


class NotYourMeeting(MeetingError):
    message = _("This meeting is not one of yours.")


class NotAgreed(MeetingError):
    message = _("This is not an agreed meeting (any more), so it cannot be cancelled.")


class AlreadyCancelled(MeetingError):
    message = _("This meeting has already been cancelled.")


class MeetingGone(MeetingError):
    message = _("This meeting does not exist any more; it has probably been cancelled.")


class TooLateToCancel(MeetingError):
    message = _(
        "This meeting has already begun or is over, so it can no longer be cancelled. If you cannot come, please "
        "tell the other person or the organisers."
    )


class NotPublished(MeetingError):
    message = _("The check-in is possible only for meetings that have been planned and published with time and table.")


class CheckInTooEarly(MeetingError):
    message = _("The meeting has not begun yet. Whether it took place can be recorded from %(start)s on.")


class CheckInClosed(MeetingError):
    message = _(
        "The event is over, so this can no longer be recorded here. Please answer the follow-up questions you "
        "receive by mail after the event."
    )


class RecordedByOrganiser(MeetingError):
    message = _(
        "The organisers have already recorded at the table whether this meeting took place. If that is wrong, "
        "please contact them."
    )
