"""`manage.py load_demo`: the demo content (revier/demo/) and the demo accounts.

Idempotent: a second run changes nothing. The staff account "redaktion" and the other accounts of
accounts.yaml are created once with a random password, which is kept in var/demo-login.txt
(readable only by its owner) and printed at every run; so is the secret of each staff account's
authenticator app (its second factor; `manage.py demo_code` shows the current code). At the end it
prints fresh personal links of two synthetic participants of the demo's Gesprächsbörse (their profile page, "Passende Partner" and
the Gesprächsbörse with their agenda), on settings.SITE_URL.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from revier.core.mfa import second_factor_required
from revier.demo.accounts import (
    STAFF_USERNAME,
    demo_account_ensure,
    demo_accounts,
    demo_accounts_ensure,
    demo_totp_secret,
    login_file,
    read_passwords,
)
from revier.demo.loader import demo_participant_links, load


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte aller Bereiche und legt einmalig einen Demo-Zugang für die Verwaltung an."

    def handle(self, *args, **options):
        load(stdout=self.stdout)
        demo_accounts_ensure()  # the accounts with roles but no event of their own
        user, created = demo_account_ensure(STAFF_USERNAME)
        self._print_login(user, created)
        self._print_participant_links()

    def _print_participant_links(self) -> None:
        """Fresh personal links of synthetic participants (their pages have no login; the links are
        stored hashed, so every run prints new ones and the earlier ones keep working)."""
        links = demo_participant_links()
        if not links:
            return
        self.stdout.write("")
        self.stdout.write("Netzwerk aus Sicht von Teilnehmenden (synthetische Beispiele, persönliche Links, "
                          "bei jedem Start neu ausgestellt):")
        for link in links:
            self.stdout.write(f"{link.name} ({link.organisation}), {link.meetings} eingeplante Gespräche:")
            self.stdout.write(f"  Profil:           {link.profile_url}")
            self.stdout.write(f"  Passende Partner: {link.suggestions_url}")
            self.stdout.write(f"  Gesprächsbörse:   {link.meetings_url}")

    def _print_login(self, user, created: bool) -> None:
        port = os.environ.get("PORT") or "8000"
        admin_url = f"http://127.0.0.1:{port}{reverse('admin:index')}"
        self.stdout.write("")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo-Zugang „{STAFF_USERNAME}“ angelegt."))
        self.stdout.write(f"Verwaltung:   {admin_url}")
        self._print_account(user)
        # The other accounts the demo created (e.g. the organiser of an event).
        for username, spec in demo_accounts().items():
            other = get_user_model().objects.filter(username=username).exclude(username=STAFF_USERNAME).first()
            if other is not None:
                self.stdout.write("")
                self.stdout.write(f"{spec['title']}:")
                self.stdout.write(f"Anmelden:     http://127.0.0.1:{port}/anmelden/")
                self._print_account(other)

    def _print_account(self, user) -> None:
        path = login_file()
        username = user.get_username()
        self.stdout.write(f"Benutzername: {username}")
        password = read_passwords(path).get(username)
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
        if second_factor_required(user):
            secret = demo_totp_secret(user)
            if secret is None:
                self.stdout.write(self.style.WARNING(
                    "Zweiter Faktor: Schlüssel nicht mehr bekannt – mit einem Wiederherstellungscode anmelden "
                    "oder den zweiten Faktor in der Verwaltung zurücksetzen lassen."))
            else:
                self.stdout.write(f"Zweiter Faktor: Authenticator-App mit dem Schlüssel {secret} (zeitbasiert, 6 Stellen)")
                self.stdout.write(f"                oder den aktuellen Code anzeigen: .venv/bin/python manage.py demo_code {username}")
