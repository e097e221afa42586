from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from revier.core.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = ("Restores a backup of `manage.py backup` into this site's database (every table is emptied "
            "first) and MEDIA_ROOT, and checks every table's row count and checksum (docs/deployment.md).")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="Do not ask: the database's content is replaced.")

    def handle(self, *args, path, yes=False, **options):
        if not yes and input("Der gesamte Inhalt der Datenbank wird ersetzt. Fortfahren? [ja/nein] ").strip() != "ja":
            raise CommandError("Abgebrochen.")
        try:
            differences = restore(path=Path(path))
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        if differences:
            for table, (expected, found) in differences.items():
                self.stderr.write(f"{table}: erwartet {expected}, vorgefunden {found}")
            raise CommandError(f"Wiederhergestellt, aber {len(differences)} Tabellen weichen von der Sicherung ab.")
        self.stdout.write("Wiederhergestellt; alle Tabellen stimmen mit der Sicherung überein (Zeilen und Prüfsummen).")
