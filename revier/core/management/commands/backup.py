from pathlib import Path

from django.core.management.base import BaseCommand

from revier.core.backup import backup_create


class Command(BaseCommand):
    help = "Writes a backup of the database and the uploaded files into one tar.gz file (docs/deployment.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. /var/backups/revier/2026-11-26.tar.gz")

    def handle(self, *args, path, **options):
        manifest = backup_create(path=Path(path))
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"Sicherung geschrieben: {path} ({len(manifest['tables'])} Tabellen, {rows} Zeilen)")
