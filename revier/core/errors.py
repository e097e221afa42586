from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A domain error with a German message for the person (shown on the form, input kept). Every
    app's errors derive from it (events.errors.RegistrationError, contingents.errors.ClaimError)."""

    message = _("Your request could not be completed.")

    def __init__(self, message=None):
        super().__init__(str(message or self.message))
        self.message = message or self.message
