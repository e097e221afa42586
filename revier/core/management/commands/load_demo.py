"""`manage.py load_demo`: the demo content of every app and a demo staff account.

Idempotent: a second run changes nothing. Each app that has demo content provides
`revier/<app>/demo.py` with `load(stdout)`; add it to DEMO_LOADERS below, after the apps whose
demo content it refers to. The staff account "redaktion" is created once with a random password,
which is kept in var/demo-login.txt (readable only by its owner) and printed at every run; app
demos create further accounts the same way (demo_account_ensure), e.g. the events demo's organiser.
"""

import os
import secrets
import string
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils.module_loading import import_string

from revier.core.services import audit_log

# In the order in which they load: an app's demo may refer to the demo content of an earlier one.
DEMO_LOADERS = [
    "revier.events.demo.load",  # before news: the seed article links to the demo conference
    "revier.news.demo.load",
    "revier.contingents.demo.load",  # the seed article's "Freikarten" link points at its contingent
]

DEMO_USERNAME = "redaktion"
PASSWORD_ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 20


def login_file() -> Path:
    return Path(getattr(settings, "DEMO_LOGIN_FILE", None) or Path(settings.VAR_DIR) / "demo-login.txt")


# Login blocks in the file, in this order; an account not listed here is not written to it.
ACCOUNT_TITLES = {
    DEMO_USERNAME: "Demo-Zugang zur Verwaltung von Revier",
    "organisation": "Demo-Zugang für Veranstalter (verwaltet eine Veranstaltung, Anmeldung unter /anmelden/)",
}


def _write_login_file(path: Path, *, accounts: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = []
    order = list(ACCOUNT_TITLES)
    for username in sorted(accounts, key=lambda name: (order.index(name) if name in order else len(order), name)):
        title = ACCOUNT_TITLES.get(username, "Demo-Zugang")
        blocks.append(
            f"# {title}, angelegt von `manage.py load_demo`.\n"
            f"Benutzername: {username}\n"
            f"Passwort: {accounts[username]}\n"
        )
    # Created with mode 0600 from the start, so the passwords are never readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write("\n".join(blocks))
    os.chmod(path, 0o600)


def _read_accounts(path: Path) -> dict[str, str]:
    """username → password of every login block in the file (a block without a username, as in
    older files, belongs to the staff account)."""
    accounts: dict[str, str] = {}
    username = DEMO_USERNAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return accounts
    for line in lines:
        if line.startswith("Benutzername:"):
            username = line.split(":", 1)[1].strip()
        elif line.startswith("Passwort:"):
            password = line.split(":", 1)[1].strip()
            if password and username not in accounts:
                accounts[username] = password
    return accounts


def _read_password(path: Path, username: str = DEMO_USERNAME) -> str | None:
    return _read_accounts(path).get(username)


def demo_account_ensure(*, username: str, email: str, superuser: bool) -> tuple[object, bool]:
    """Creates a demo account once, with a random password written to the login file in the same
    transaction (if the file cannot be written, no account is created); a password already in the
    login file is reused. Returns (user, created); an existing account is left exactly as it is."""
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is not None:
            return user, False
        # A login file left by another database of this checkout (SQLite and PostgreSQL) keeps its
        # password, so the printed login stays valid for both.
        accounts = _read_accounts(login_file())
        password = accounts.get(username) or "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if superuser:
            user = User.objects.create_superuser(username=username, email=email, password=password)
        else:
            user = User.objects.create_user(username=username, email=email, password=password)
        audit_log(actor=None, action="demo_account_created", obj=user, data={"username": username})
        _write_login_file(login_file(), accounts={**accounts, username: password})
    return user, True


def demo_staff_ensure() -> tuple[object, bool]:
    """The demo staff account "redaktion" (superuser), see demo_account_ensure."""
    return demo_account_ensure(username=DEMO_USERNAME, email="redaktion@revier.example", superuser=True)


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte aller Bereiche und legt einmalig einen Demo-Zugang für die Verwaltung an."

    def handle(self, *args, **options):
        for dotted_path in DEMO_LOADERS:
            import_string(dotted_path)(stdout=self.stdout)
        user, created = demo_staff_ensure()
        self._print_login(user, created)

    def _print_login(self, user, created: bool) -> None:
        port = os.environ.get("PORT") or "8000"
        admin_url = f"http://127.0.0.1:{port}{reverse('admin:index')}"
        self.stdout.write("")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo-Zugang „{DEMO_USERNAME}“ angelegt."))
        self.stdout.write(f"Verwaltung:   {admin_url}")
        self._print_account(user)
        # Accounts that app demos created (e.g. the organiser of the events demo).
        for username in ACCOUNT_TITLES:
            other = get_user_model().objects.filter(username=username).exclude(username=DEMO_USERNAME).first()
            if other is not None:
                self.stdout.write("")
                self.stdout.write(f"{ACCOUNT_TITLES[username]}:")
                self.stdout.write(f"Anmelden:     http://127.0.0.1:{port}/anmelden/")
                self._print_account(other)

    def _print_account(self, user) -> None:
        path = login_file()
        username = user.get_username()
        self.stdout.write(f"Benutzername: {username}")
        password = _read_password(path, username)
        if password is None:
            self.stdout.write(
                self.style.WARNING(
                    f"Passwort:     nicht mehr bekannt – die Datei {path} fehlt.\n"
                    f"Ein neues Passwort setzen Sie mit: .venv/bin/python manage.py changepassword {username}"
                )
            )
        elif not user.check_password(password):
            self.stdout.write(
                self.style.WARNING(
                    f"Passwort:     wurde geändert und steht nicht mehr in {path}.\n"
                    f"Ein neues Passwort setzen Sie mit: .venv/bin/python manage.py changepassword {username}"
                )
            )
        else:
            self.stdout.write(f"Passwort:     {password}  (gespeichert in {path})")
