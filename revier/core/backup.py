"""Backup and restore of the whole site (`manage.py backup` / `manage.py restore`, docs/deployment.md).

A backup is one tar.gz file: `data.json` (every table through Django's JSON serializer, times kept
to the microsecond: `dumpdata` of all apps, content types and permissions included, with their
primary keys), `manifest.json` (row count
and checksum of every table, the migrations applied) and `media/` (the uploaded files).

Why JSON through Django rather than `pg_dump`: it works the same on SQLite and PostgreSQL (and from
one to the other), needs no client program of the server's version, and the restore can check the
result against the manifest. Its price is speed and memory on very large databases; there a
`pg_dump -Fc` beside it is the faster path (docs/deployment.md, "Backups").
"""

import datetime
import decimal
import hashlib
import io
import json
import tarfile
import tempfile
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.serializers import json as django_json
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
SERIALIZER = "revier-backup"  # settings.SERIALIZATION_MODULES: this module's Serializer below


class _LosslessEncoder(django_json.DjangoJSONEncoder):
    """Django's JSON encoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    """Django's JSON serializer with times to the microsecond (`dumpdata --format revier-backup`)."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = _LosslessEncoder


Deserializer = django_json.Deserializer


def _plain(value):
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID, datetime.timedelta)):
        return str(value)
    return value


def table_fingerprints() -> dict[str, dict]:
    """Every table of every model (many-to-many tables included): {table: {"rows": n, "sha256": …}},
    the checksum over all rows in primary-key order (a many-to-many table's: its pairs, in order),
    values made plain (bytes as hex, times as ISO)."""
    result = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [field.attname for field in model._meta.concrete_fields]
        order = ["pk"]
        if model._meta.auto_created:
            # A many-to-many table's own ids are not content: the backup keeps the pairs (as lists on
            # the models), and a restore writes them with new ids (PostgreSQL's sequences go on).
            fields = order = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
        digest, rows = hashlib.sha256(), 0
        for row in model._base_manager.order_by(*order).values_list(*fields).iterator(chunk_size=2000):
            digest.update(json.dumps([_plain(value) for value in row], sort_keys=True, default=str).encode())
            digest.update(b"\n")
            rows += 1
        result[model._meta.db_table] = {"rows": rows, "sha256": digest.hexdigest()}
    return dict(sorted(result.items()))


def _applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def backup_create(*, path: Path) -> dict:
    """Writes the backup file; returns its manifest. Reads in one transaction (a consistent snapshot
    on PostgreSQL with REPEATABLE READ is not needed for a quiet site; writes during the backup may
    or may not be in it)."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data.json"
        with transaction.atomic():
            call_command("dumpdata", format=SERIALIZER, indent=None, output=str(data), verbosity=0)
            manifest = {"format": FORMAT, "created": datetime.datetime.now(datetime.UTC).isoformat(),
                        "vendor": connection.vendor, "migrations": _applied_migrations(),
                        "tables": table_fingerprints()}
        with tarfile.open(path, "w:gz") as archive:
            archive.add(data, arcname="data.json")
            raw = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
    return manifest


class RestoreRefused(Exception):
    pass


def restore(*, path: Path) -> dict:
    """Restores a backup into this site's database and MEDIA_ROOT: migrates, empties every table,
    loads the data, unpacks the media and compares every table's row count and checksum with the
    manifest. Returns {table: (expected, found)} of the tables that differ (empty: identical)."""
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
        archive.extractall(folder, filter="data")
        manifest = json.loads((Path(folder) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise RestoreRefused(f"unknown backup format {manifest.get('format')}")
        call_command("migrate", interactive=False, verbosity=0)
        missing = sorted(set(manifest["migrations"]) - set(_applied_migrations()))
        if missing:
            raise RestoreRefused(f"the backup has migrations this code does not know: {', '.join(missing[:5])}")
        # Empty, with no post-migrate handler refilling it (content types, permissions, roles): the
        # backup holds those rows with their keys, and everything points at them.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(Path(folder) / "data.json"), verbosity=0)  # read as plain JSON
        media = Path(folder) / "media"
        if media.is_dir():
            target = Path(settings.MEDIA_ROOT)
            for source in media.rglob("*"):
                destination = target / source.relative_to(media)
                if source.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                else:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(source.read_bytes())
    found = table_fingerprints()
    return {table: (expected, found.get(table)) for table, expected in manifest["tables"].items()
            if found.get(table) != expected}


def media_fingerprints() -> dict[str, str]:
    """{relative path: sha256} of every file under MEDIA_ROOT (for the tests and the restore's report)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {str(file.relative_to(root)): hashlib.sha256(file.read_bytes()).hexdigest()
            for file in sorted(root.rglob("*")) if file.is_file()}
