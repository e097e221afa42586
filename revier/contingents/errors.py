from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class ClaimError(DomainError):
    """A domain error of the contingents with a German message for the person."""

    message = _("Your request could not be completed.")


class ContingentNotOpen(ClaimError):
    message = _("Tickets from this contingent cannot be requested at the moment.")


class ContingentClosed(ClaimError):
    message = _("The period for requesting tickets from this contingent has ended.")


class NotEligible(ClaimError):
    message = _("According to your answers you are not eligible for this contingent. Please check your answers.")


class OrganisationHasTicket(ClaimError):
    message = _("Your organisation has already requested a ticket from this contingent. Only one ticket per organisation is possible.")


class LinkExpired(ClaimError):
    message = _("This confirmation link has expired. Please request a ticket again.")


class AlreadyDrawn(ClaimError):
    message = _("The lottery for this contingent has already been drawn. It cannot be drawn twice.")


class DrawTooEarly(ClaimError):
    message = _("The application period has not ended yet. The draw is possible after the deadline.")


class NoCodeLeft(ClaimError):
    message = _("There is no unused code left. Please import more codes first.")


class TooManyUnconfirmed(ClaimError):
    message = _(
        "Many ticket requests with addresses of this e-mail domain are waiting for confirmation right now. "
        "Please confirm those first or try again later."
    )


class TooManySignups(ClaimError):
    message = _(
        "Many ticket requests have been sent from your connection in a short time. Please confirm them first "
        "with the link in the e-mail or try again later."
    )


class InvalidClaimState(ClaimError):
    message = _("This is not possible in the current state of the request.")


class LinkInvalid(ClaimError):
    message = _("This link is not valid (any more). Please request a new link.")
