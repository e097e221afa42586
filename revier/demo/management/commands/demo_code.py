"""`manage.py demo_code [BENUTZERNAME]`: the code that the authenticator app of a demo staff account
shows now, computed from the secret in the demo's login file (var/demo-login.txt), so that the demo
can be tried without a phone. It reads nothing from the database: for an account that the demo did
not create there is no secret in the file and no code."""

from django.core.management.base import BaseCommand, CommandError

from revier.demo.accounts import STAFF_USERNAME, demo_totp_code, login_file


class Command(BaseCommand):
    help = "Zeigt den aktuellen Code der Authenticator-App eines Demo-Zugangs (aus der Datei mit den Demo-Zugängen)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default=STAFF_USERNAME)

    def handle(self, *args, username, **options):
        code = demo_totp_code(username)
        if code is None:
            raise CommandError(f"Für „{username}“ steht kein Schlüssel in {login_file()}.")
        self.stdout.write(code)
