from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class ProfileError(DomainError):
    """A domain error of the network's profiles with a German message for the person."""

    message = _("The profile could not be saved.")


class LinkInvalid(ProfileError):
    message = _("This link is not valid (any more). Please request a new link.")


class ConfirmationExpired(ProfileError):
    message = _(
        "The time to confirm this profile has run out. Please create the profile again; we will send you a new link."
    )


class NotConfirmed(ProfileError):
    message = _("Please confirm your profile first with the button on this page.")


class InvalidInput(ProfileError):
    """An entry that a form would have refused (the services check it again for every caller)."""


class TooManyEntries(ProfileError):
    message = _("A profile can have at most %(limit)d offers and needs. Please remove one before adding another.")


class TooManySignups(ProfileError):
    message = _(
        "Many profiles have been created from your connection in a short time. Please confirm them first "
        "with the link in the e-mail or try again later."
    )


class MergeNotPossible(ProfileError):
    message = _("A profile cannot be merged with itself.")


class TopicProposalRefused(InvalidInput):
    """A proposed topic that cannot be taken: it exists already, the profile proposed it already, or
    the profile has too many open proposals. Shown next to the field "Neues Thema vorschlagen"."""

    message = _("The topic could not be proposed.")


class TopicProposalDecided(ProfileError):
    message = _("This topic proposal has already been decided.")
