"""The demo accounts (accounts.yaml) and their login file.

Each account is created once with a random password, which is kept in var/demo-login.txt (readable
only by its owner) and printed by every `load_demo`; an existing account is never changed, except
that a staff account without a second factor gets one: an authenticator app whose secret is kept in
the login file too (`manage.py demo_code` shows its current code).
"""

import os
import secrets
import string
from base64 import b32decode, b32encode
from binascii import hexlify, unhexlify
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import default_key

from revier.accounts import services as account_services
from revier.core.keys import Undecryptable
from revier.core.mfa import second_factor_required, totp_device_create_confirmed
from revier.core.models import EncryptedTOTPDevice
from revier.core.services import audit_log
from revier.demo.files import read_yaml

STAFF_USERNAME = "redaktion"
PASSWORD_ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 20
PASSWORD_LINE = "Passwort:"
SECRET_LINE = "TOTP-Schlüssel:"


def demo_accounts() -> dict[str, dict]:
    """username → {title, email, superuser, staff, roles}, in the order of accounts.yaml."""
    return read_yaml("accounts.yaml")


def login_file() -> Path:
    return Path(getattr(settings, "DEMO_LOGIN_FILE", None) or Path(settings.VAR_DIR) / "demo-login.txt")


def _write_login_file(path: Path, *, passwords: dict[str, str], totp_secrets: dict[str, str] | None = None) -> None:
    """Writes a block per account: its password and, for a staff account, its app's secret (the
    secrets already in the file are kept unless `totp_secrets` replaces them)."""
    totp_secrets = {**read_login_lines(path, SECRET_LINE), **(totp_secrets or {})}
    path.parent.mkdir(parents=True, exist_ok=True)
    accounts = demo_accounts()
    order = list(accounts)
    blocks = []
    for username in sorted(passwords, key=lambda name: (order.index(name) if name in order else len(order), name)):
        title = accounts.get(username, {}).get("title", "Demo-Zugang")
        blocks.append(
            f"# {title}, angelegt von `manage.py load_demo`.\n"
            f"Benutzername: {username}\n"
            f"{PASSWORD_LINE} {passwords[username]}\n"
            + (f"{SECRET_LINE} {totp_secrets[username]}\n" if username in totp_secrets else "")
        )
    # Created with mode 0600 from the start, so the passwords are never readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write("\n".join(blocks))
    os.chmod(path, 0o600)


def read_login_lines(path: Path, label: str) -> dict[str, str]:
    """username → the value of the line starting with `label` in every login block of the file (a
    block without a username, as in older files, belongs to the staff account)."""
    values: dict[str, str] = {}
    username = STAFF_USERNAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return values
    for line in lines:
        if line.startswith("Benutzername:"):
            username = line.split(":", 1)[1].strip()
        elif line.startswith(label):
            value = line.split(":", 1)[1].strip()
            if value and username not in values:
                values[username] = value
    return values


def read_passwords(path: Path) -> dict[str, str]:
    """username → password of every login block in the file."""
    return read_login_lines(path, PASSWORD_LINE)


def _secret_text(key_hex: str) -> str:
    secret = b32encode(unhexlify(key_hex)).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _secret_key(text: str) -> str:
    secret = "".join(text.split()).upper()
    return hexlify(b32decode(secret + "=" * (-len(secret) % 8))).decode("ascii")


def demo_totp_secret(user) -> str | None:
    """The secret (base32, as apps take it) of the demo staff account `user`'s authenticator app, as
    kept in the login file, or None if the file does not have it or it is not the app's any more
    (e.g. after a reset in the admin)."""
    text = read_login_lines(login_file(), SECRET_LINE).get(user.get_username())
    if text is None:
        return None
    try:
        key = _secret_key(text)
    except ValueError:
        return None
    # The secret is stored encrypted (core.models.EncryptedTOTPDevice): compared after decryption.
    for device in EncryptedTOTPDevice.objects.filter(user=user, confirmed=True):
        try:
            if device.bin_key == unhexlify(key):
                return text
        except Undecryptable:  # encrypted under another SECRET_KEY: not the file's secret any more
            continue
    return None


def demo_totp_code(username: str) -> str | None:
    """The code that the app of the demo account `username` shows now (django-otp's TOTP, from the
    secret in the login file), or None if the file has no secret for it."""
    text = read_login_lines(login_file(), SECRET_LINE).get(username)
    if text is None:
        return None
    totp = TOTP(unhexlify(_secret_key(text)))
    return f"{totp.token():06d}"


def demo_second_factor_ensure(user) -> None:
    """Gives the demo account `user`, if it needs a second factor and has none, an authenticator
    app whose secret is written to the login file (a secret already there, from another database of
    this checkout, is reused)."""
    if not second_factor_required(user) or EncryptedTOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return
    path = login_file()
    text = read_login_lines(path, SECRET_LINE).get(user.get_username())
    try:
        key = _secret_key(text) if text else default_key()
    except ValueError:
        key = default_key()
    with transaction.atomic():  # no app without its secret in the file
        totp_device_create_confirmed(user=user, key=key)
        _write_login_file(path, passwords=read_passwords(path), totp_secrets={user.get_username(): _secret_text(key)})


def demo_account_ensure(username: str) -> tuple[object, bool]:
    """Creates the demo account `username` of accounts.yaml once, with a random password written to
    the login file in the same transaction (if the file cannot be written, no account is created);
    a password already in the login file is reused. Returns (user, created); an existing account
    is left as it is, except that a staff account gets a second factor if it has none
    (demo_second_factor_ensure)."""
    spec = demo_accounts()[username]
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is not None:
            _roles_ensure(user, spec)
            demo_second_factor_ensure(user)
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
        demo_second_factor_ensure(user)
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
