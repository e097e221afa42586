"""The German catalogue is complete: every text in code and templates has a German translation,
none is fuzzy. Runs Django's makemessages on a copy of each app and asks gettext's msgattrib."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent.name for p in (ROOT / "revier").glob("*/apps.py"))


@pytest.mark.parametrize("app", APPS)
def test_german_catalogue_is_complete(app, tmp_path):
    copy = tmp_path / app
    shutil.copytree(ROOT / "revier" / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    po = copy / "locale" / "de" / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"revier/{app} has no German catalogue: run `make messages`"
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "--locale", "de", "--no-obsolete", "-v0"],
        cwd=copy, check=True,
    )
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    fuzzy_ids = [line for line in fuzzy.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    assert not missing, f"revier/{app}: untranslated texts (run `make messages` and translate):\n" + "\n".join(missing)
    assert not fuzzy_ids, f"revier/{app}: fuzzy translations:\n" + "\n".join(fuzzy_ids)
