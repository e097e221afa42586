"""Domain errors of the contact requests outside events, each with a German message (message ids
English; the German catalogue is in locale/de)."""

from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class ContactError(DomainError):
    message = _("Your contact request could not be completed.")


class SenderNotConfirmed(ContactError):
    message = _("Please confirm your profile first; then you can ask others for contact.")


class SenderHidden(ContactError):
    message = _("Your profile is hidden. Others can only be asked for contact from a visible profile.")


class ToOneself(ContactError):
    message = _("You cannot send a contact request to yourself.")


class RecipientHidden(ContactError):
    message = _("This profile is not visible to you, so it cannot receive contact requests.")


class DuplicateRequest(ContactError):
    message = _("There already is an open or accepted contact request between you and this person.")


class TooManyToday(ContactError):
    message = _("You have already sent %(limit)d contact requests today. Please try again tomorrow.")


class MessageRequired(ContactError):
    message = _("Please write a short message: who you are and why you would like to get in touch.")


class MessageTooLong(ContactError):
    message = _("The message may have at most %(limit)d characters (it has %(length)d).")


class InvalidMessage(ContactError):
    message = _("The message contains characters that are not allowed.")


class AlreadyAccepted(ContactError):
    message = _("This contact request has already been accepted. You have both received the contact details by mail.")


class AlreadyAnswered(ContactError):
    message = _("This contact request has already been answered or is no longer open.")
