"""Who may manage staff accounts: plain functions, used by the account pages and services alike."""

MANAGE_PERMISSION = "auth.change_user"


def can_manage_accounts(user) -> bool:
    """Active staff granted "Can change user" (the role Administration), and superusers, list and
    invite accounts, assign roles and event teams, deactivate and reactivate accounts."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(MANAGE_PERMISSION))


def can_manage_account(user, account) -> bool:
    """May `user` change `account`? Administrators may change every account but a superuser's, which
    only a superuser may change (an administrator cannot lock out or reshape the operator)."""
    return can_manage_accounts(user) and (user.is_superuser or not account.is_superuser)
