from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A domain error with a German message for the person (shown on the form, input kept). Every
    app's errors derive from it (events.errors.RegistrationError, contingents.errors.ClaimError)."""

    message = _("Your request could not be completed.")

    def __init__(self, message=None, **params):
        """`params` fill the message's placeholders: TooManyEntries(limit=20) says "at most 20"."""
        if "%(" in str(type(self).message) and not params:
            # TooManyEntries(20) would show "20" as the whole message
            raise TypeError(f"{type(self).__name__} takes the values of its message as keyword arguments")
        message = message or self.message
        if params:
            message = str(message) % params
        super().__init__(str(message))
        self.message = message
