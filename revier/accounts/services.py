"""Every write of the account management (issue 12 §1). Each service is atomic and writes an audit
entry on the account with its id only (no name or address is copied into the log: audit_label of a
user is empty, and `data` holds role keys and ids)."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from revier.accounts import errors
from revier.accounts.roles import ROLE_BY_KEY, ROLES
from revier.core.auth import password_reset_url
from revier.core.mail import mail_language, mail_queue
from revier.core.services import audit_log

User = get_user_model()


def _invite_mail(user) -> None:
    with translation.override(mail_language()):
        subject = _("Your account at %(site_name)s") % {"site_name": settings.SITE_NAME}
    mail_queue(
        to=[user.email], subject=subject, template="accounts/mail/invite",
        context={
            "user": user, "set_password_url": password_reset_url(user),
            "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
            "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
            "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
        },
    )


def _groups(role_keys: Iterable[str]) -> list[Group]:
    names = [ROLE_BY_KEY[key].group for key in role_keys]
    return list(Group.objects.filter(name__in=names))


@transaction.atomic(durable=True)
def account_invite(*, email: str, first_name: str, last_name: str, role_keys: Iterable[str], actor) -> User:
    """Creates a staff account for `email` (its user name) without a usable password, with the
    given roles, and queues a mail with a link to set the password (core.auth's password-reset
    link, valid settings.PASSWORD_RESET_TIMEOUT, once). Raises AccountExists if an account has the
    address (any case) or the user name already. Audited as account_invited."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists() or User.objects.filter(username__iexact=email).exists():
        raise errors.AccountExists()
    user = User(username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip(),
                is_staff=True, is_active=True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    role_keys = sorted(set(role_keys))
    user.groups.add(*_groups(role_keys))
    audit_log(actor=actor, action="account_invited", obj=user, data={"roles": role_keys})
    _invite_mail(user)
    return user


@transaction.atomic(durable=True)
def account_invite_resend(*, user, actor) -> None:
    """Sends the invitation again (a new link; the old one stays valid until it expires), for an
    account that has not set its password yet; else AlreadyActivated. Audited."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.has_usable_password():
        raise errors.AlreadyActivated()
    audit_log(actor=actor, action="account_invite_resent", obj=user)
    _invite_mail(user)


def account_role_keys(user) -> list[str]:
    """The keys of the global roles (roles.ROLES) `user` has, in the order of ROLES."""
    names = {group.name for group in user.groups.all()}
    return [role.key for role in ROLES if role.group in names]


@transaction.atomic
def account_roles_set(*, user, role_keys: Iterable[str], actor) -> tuple[list[str], list[str]]:
    """Gives `user` exactly the global roles `role_keys` (groups outside roles.ROLES stay as they
    are). Audited as account_roles_changed with the roles added and removed, if any changed.
    Returns (added, removed)."""
    wanted = set(role_keys)
    current = set(account_role_keys(user))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if added:
        user.groups.add(*_groups(added))
    if removed:
        user.groups.remove(*_groups(removed))
    if added or removed:
        audit_log(actor=actor, action="account_roles_changed", obj=user, data={"added": added, "removed": removed})
    return added, removed


@transaction.atomic(durable=True)
def account_deactivate(*, user, actor) -> None:
    """Deactivates `user`: no login any more, and open sessions end with their next request
    (Django's backend refuses inactive accounts). Roles and teams stay for a reactivation. An
    administrator cannot deactivate their own account (OwnAccount). Audited."""
    if actor is not None and user.pk == actor.pk:
        raise errors.OwnAccount()
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_log(actor=actor, action="account_deactivated", obj=user)


@transaction.atomic(durable=True)
def account_reactivate(*, user, actor) -> None:
    """Lets a deactivated account log in again, with its roles and teams as before. Audited."""
    if user.is_active:
        return
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_log(actor=actor, action="account_reactivated", obj=user)
