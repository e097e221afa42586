"""`manage.py load_demo`: the demo content of every app and a demo staff account.

Idempotent: a second run changes nothing. Each app that has demo content provides
`revier/<app>/demo.py` with `load(stdout)`; add it to DEMO_LOADERS below, after the apps whose
demo content it refers to. The staff account "redaktion" is created once with a random password,
which is kept in var/demo-login.txt (readable only by its owner) and printed at every run.
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
    "revier.news.demo.load",
]

DEMO_USERNAME = "redaktion"
PASSWORD_ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 20


def login_file() -> Path:
    return Path(getattr(settings, "DEMO_LOGIN_FILE", None) or Path(settings.VAR_DIR) / "demo-login.txt")


def _write_login_file(path: Path, *, username: str, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created with mode 0600 from the start, so the password is never readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(
            "# Demo-Zugang zur Verwaltung von Revier, angelegt von `manage.py load_demo`.\n"
            f"Benutzername: {username}\n"
            f"Passwort: {password}\n"
        )
    os.chmod(path, 0o600)


def _read_password(path: Path) -> str | None:
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Passwort:"):
                return line.split(":", 1)[1].strip() or None
    except OSError:
        return None
    return None


def demo_staff_ensure() -> tuple[object, bool]:
    """Creates the demo staff account once, with a random password written to the login file in
    the same transaction (if the file cannot be written, no account is created); a password already
    in the login file is reused. Returns
    (user, created); an existing account is left exactly as it is."""
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=DEMO_USERNAME).first()
        if user is not None:
            return user, False
        # A login file left by another database of this checkout (SQLite and PostgreSQL) keeps its
        # password, so the printed login stays valid for both.
        password = _read_password(login_file()) or "".join(
            secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH)
        )
        user = User.objects.create_superuser(
            username=DEMO_USERNAME, email="redaktion@revier.example", password=password
        )
        audit_log(actor=None, action="demo_staff_created", obj=user, data={"username": DEMO_USERNAME})
        _write_login_file(login_file(), username=DEMO_USERNAME, password=password)
    return user, True


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
        path = login_file()
        self.stdout.write("")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo-Zugang „{DEMO_USERNAME}“ angelegt."))
        self.stdout.write(f"Verwaltung:   {admin_url}")
        self.stdout.write(f"Benutzername: {DEMO_USERNAME}")
        password = _read_password(path)
        if password is None:
            self.stdout.write(
                self.style.WARNING(
                    f"Passwort:     nicht mehr bekannt – die Datei {path} fehlt.\n"
                    f"Ein neues Passwort setzen Sie mit: .venv/bin/python manage.py changepassword {DEMO_USERNAME}"
                )
            )
        elif not user.check_password(password):
            self.stdout.write(
                self.style.WARNING(
                    f"Passwort:     wurde geändert und steht nicht mehr in {path}.\n"
                    f"Ein neues Passwort setzen Sie mit: .venv/bin/python manage.py changepassword {DEMO_USERNAME}"
                )
            )
        else:
            self.stdout.write(f"Passwort:     {password}  (gespeichert in {path})")
