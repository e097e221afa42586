from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class RegistrationError(DomainError):
    """A domain error of the registrations with a German message for the person."""

    message = _("The registration could not be completed.")


class EventCancelled(RegistrationError):
    message = _("This event has been cancelled. Registration is no longer possible.")


class RegistrationClosed(RegistrationError):
    message = _("Registration for this event is closed.")


class RegistrationNotYetOpen(RegistrationError):
    message = _("Registration for this event has not opened yet.")


class CapacityExhausted(RegistrationError):
    message = _("This category is fully booked. You can put yourself on the waiting list.")


class TooManyUnconfirmed(RegistrationError):
    message = _(
        "Many registrations with addresses of this e-mail domain are waiting for confirmation right now. "
        "Please confirm those first or try again later."
    )


class TooManySignups(RegistrationError):
    message = _(
        "Many registrations have been sent from your connection in a short time. Please confirm them first "
        "with the link in the e-mail or try again later."
    )


class InvalidTransition(RegistrationError):
    message = _("This is not possible in the registration's current state.")


class LinkInvalid(RegistrationError):
    message = _("This link is not valid (any more). Please request a new link.")


class NoOnlineRegistration(RegistrationError):
    message = _("There is no online registration for this event.")


# What the registration page says instead of the form, by Event.registration_state().
CLOSED_MESSAGES = {
    "cancelled": EventCancelled.message,
    "not_yet": RegistrationNotYetOpen.message,
    "closed": RegistrationClosed.message,
    "none": NoOnlineRegistration.message,
}
