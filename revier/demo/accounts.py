"""The demo accounts (accounts.yaml) and their login file.

Each account is created once with a random password, which is kept in var/demo-login.txt (readable
only by its owner) and printed by every `load_demo`; an existing account is never changed.
"""

import os
import secrets
import string
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from revier.accounts import services as account_services
from revier.core.services import audit_log
from revier.demo.files import read_yaml

STAFF_USERNAME = "redaktion"
PASSWORD_ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 20


def demo_accounts() -> dict[str, dict]:
    """username → {title, email, superuser, staff, roles}, in the order of accounts.yaml."""
    return read_yaml("accounts.yaml")


def login_file() -> Path:
    return Path(getattr(settings, "DEMO_LOGIN_FILE", None) or Path(settings.VAR_DIR) / "demo-login.txt")


def _write_login_file(path: Path, *, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    accounts = demo_accounts()
    order = list(accounts)
    blocks = []
    for username in sorted(passwords, key=lambda name: (order.index(name) if name in order else len(order), name)):
        title = accounts.get(username, {}).get("title", "Demo-Zugang")
        blocks.append(
            f"# {title}, angelegt von `manage.py load_demo`.\n"
            f"Benutzername: {username}\n"
            f"Passwort: {passwords[username]}\n"
        )
    # Created with mode 0600 from the start, so the passwords are never readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write("\n".join(blocks))
    os.chmod(path, 0o600)


def read_passwords(path: Path) -> dict[str, str]:
    """username → password of every login block in the file (a block without a username, as in
    older files, belongs to the staff account)."""
    passwords: dict[str, str] = {}
    username = STAFF_USERNAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return passwords
    for line in lines:
        if line.startswith("Benutzername:"):
            username = line.split(":", 1)[1].strip()
        elif line.startswith("Passwort:"):
            password = line.split(":", 1)[1].strip()
            if password and username not in passwords:
                passwords[username] = password
    return passwords


def demo_account_ensure(username: str) -> tuple[object, bool]:
    """Creates the demo account `username` of accounts.yaml once, with a random password written to
    the login file in the same transaction (if the file cannot be written, no account is created);
    a password already in the login file is reused. Returns (user, created); an existing account
    is left exactly as it is."""
    spec = demo_accounts()[username]
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is not None:
            _roles_ensure(user, spec)
            return user, False
        # A login file left by another database of this checkout (SQLite and PostgreSQL) keeps its
        # password, so the printed login stays valid for both.
        passwords = read_passwords(login_file())
        password = passwords.get(username) or "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        create = User.objects.create_superuser if spec["superuser"] else User.objects.create_user
        user = create(username=username, email=spec["email"], password=password,
                      **({} if spec["superuser"] else {"is_staff": bool(spec.get("staff"))}))
        audit_log(actor=None, action="demo_account_created", obj=user)
        _roles_ensure(user, spec)
        _write_login_file(login_file(), passwords={**passwords, username: password})
    return user, True


def _roles_ensure(user, spec: dict) -> None:
    """Gives the account the roles of accounts.yaml it lacks (audited); takes none away."""
    wanted = set(spec.get("roles", []))
    current = set(account_services.account_role_keys(user))
    if not wanted <= current:
        account_services.account_roles_set(user=user, role_keys=current | wanted, actor=None)


def demo_accounts_ensure() -> list[tuple[object, bool]]:
    """Every account of accounts.yaml (demo_account_ensure), in its order."""
    return [demo_account_ensure(username) for username in demo_accounts()]
