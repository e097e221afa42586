from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class AccountError(DomainError):
    """Base of the account management's domain errors."""


class AccountExists(AccountError):
    message = _("An account with this e-mail address already exists. You find it in the list of accounts.")


class OwnAccount(AccountError):
    message = _("You cannot deactivate your own account. Another administrator can do it.")


class AlreadyActivated(AccountError):
    message = _("This account already has a password. The person can use “Forgot your password?” on the login page.")
