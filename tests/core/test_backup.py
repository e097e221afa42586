"""`manage.py backup` / `restore` (core.backup): dump → restore into an emptied database → the same
content, table by table (row counts and checksums), media included."""

import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from revier.contingents import services as contingent_services
from revier.core.backup import media_fingerprints, table_fingerprints
from tests.factories import (
    ArticleFactory,
    ContingentFactory,
    EventFactory,
    MonitorQuestionFactory,
    MonitorSurveyFactory,
    StaffFactory,
    TicketCategoryFactory,
    claim_input,
    confirmed_registration,
    make_monitor_wave,
    with_codes,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _site():
    StaffFactory(username="redakteurin")
    ArticleFactory(title="Strukturwandel in der Lausitz")
    category = TicketCategoryFactory(event=EventFactory(title="Fachtag"), capacity=5)
    confirmed_registration(category.event, 1, category=category)
    contingent = ContingentFactory()
    with_codes(contingent, 3)
    contingent_services.claim_create(contingent=contingent, data=claim_input(0))
    survey = MonitorSurveyFactory()
    make_monitor_wave(survey=survey, year=2025, questions=[MonitorQuestionFactory(survey=survey)])
    media = Path(settings.MEDIA_ROOT)
    (media / "news").mkdir(parents=True, exist_ok=True)
    (media / "news" / "bild.jpg").write_bytes(bytes(range(256)) * 40)
    (media / "speakers" / "a").mkdir(parents=True, exist_ok=True)
    (media / "speakers" / "a" / "portrait.png").write_bytes(b"\x89PNG portrait")


def _empty_site():
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    for file in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        file.unlink() if file.is_file() else file.rmdir()


def test_backup_and_restore_give_the_same_content(tmp_path, capsys):
    _site()
    tables, media = table_fingerprints(), media_fingerprints()
    assert tables["events_registration"]["rows"] == 1 and tables["monitor_wave"]["rows"] == 1
    assert len(media) == 2
    path = tmp_path / "sicherung.tar.gz"
    call_command("backup", str(path))
    assert "Sicherung geschrieben" in capsys.readouterr().out
    _empty_site()
    assert table_fingerprints()["events_registration"]["rows"] == 0 and media_fingerprints() == {}

    call_command("restore", str(path), "--yes")
    assert "alle Tabellen stimmen" in capsys.readouterr().out
    assert table_fingerprints() == tables
    assert media_fingerprints() == media
    ArticleFactory(title="Nach der Wiederherstellung")  # new rows get new keys (PostgreSQL's sequences were reset)


def test_restore_reports_a_backup_whose_data_does_not_match_its_manifest(tmp_path):
    _site()
    path = tmp_path / "sicherung.tar.gz"
    call_command("backup", str(path))
    # A damaged backup: one article fewer in the data than the manifest counted.
    with tarfile.open(path) as archive:
        data = json.loads(archive.extractfile("data.json").read())
        manifest = archive.extractfile("manifest.json").read()
    data = [row for row in data if row["model"] != "news.article"]
    damaged = tmp_path / "beschaedigt.tar.gz"
    with tarfile.open(damaged, "w:gz") as archive:
        for name, raw in (("data.json", json.dumps(data).encode()), ("manifest.json", manifest)):
            file = tmp_path / name
            file.write_bytes(raw)
            archive.add(file, arcname=name)
    with pytest.raises(CommandError, match="weichen von der Sicherung ab"):
        call_command("restore", str(damaged), "--yes")
