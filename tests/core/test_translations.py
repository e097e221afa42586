"""The German and the English catalogue are complete: every text in code and templates has a
translation in both, none is fuzzy. Runs Django's makemessages on a copy of each app and asks gettext's
msgattrib. (The message ids are English already; the English catalogue is where a text gets its final
English wording, and a missing entry there is as much a mistake as in German.)"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent.name for p in (ROOT / "revier").glob("*/apps.py"))


LANGUAGES = ("de", "en")
LANGUAGE_NAMES = {"de": "German", "en": "English"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_catalogue_is_complete(app, language, tmp_path):
    copy = tmp_path / app
    shutil.copytree(ROOT / "revier" / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    po = copy / "locale" / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"revier/{app} has no {LANGUAGE_NAMES[language]} catalogue: run `make messages`"
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "--locale", language, "--no-obsolete", "-v0"],
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
    assert not missing, (f"revier/{app}: texts without {LANGUAGE_NAMES[language]} translation (run `make messages` "
                         "and translate):\n" + "\n".join(missing))
    assert not fuzzy_ids, f"revier/{app}: fuzzy {LANGUAGE_NAMES[language]} translations:\n" + "\n".join(fuzzy_ids)


GETTEXT_FUNCTIONS = {"gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
                     "npgettext", "npgettext_lazy"}


def _gettext_names(tree: ast.Module) -> set[str]:
    """The names under which a module imports django.utils.translation's gettext functions (`_` among them)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in GETTEXT_FUNCTIONS}
    return names


def _is_gettext_call(node: ast.AST, names: set[str]) -> bool:
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Name):
        return node.func.id in names
    return isinstance(node.func, ast.Attribute) and node.func.attr in GETTEXT_FUNCTIONS


def test_no_gettext_around_or_inside_f_strings():
    """makemessages (xgettext) reads neither an f-string given to gettext nor a gettext call inside an
    f-string's braces: such a text never reaches the catalogue. Interpolate with
    gettext("… %(name)s …") % {...}, and call gettext before the f-string."""
    found = []
    for path in sorted((ROOT / "revier").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        names = _gettext_names(tree)
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if _is_gettext_call(node, names) and any(isinstance(arg, ast.JoinedStr) for arg in node.args):
                found.append(f"{where}:{node.lineno}: f-string given to {ast.unparse(node.func)}")
            if isinstance(node, ast.JoinedStr):
                found += [f"{where}:{call.lineno}: {ast.unparse(call)} inside an f-string"
                          for call in ast.walk(node) if _is_gettext_call(call, names)]
    assert not found, "texts makemessages cannot see:\n" + "\n".join(found)


def _catalogue(path: Path) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """A .po file's entries: (msgctxt, msgid) -> its msgstr (each plural form), obsolete ones left out."""
    entries, entry, key = {}, {}, None

    def close():
        if entry.get("msgid"):
            entries[(entry.get("msgctxt"), entry["msgid"])] = tuple(
                entry[k] for k in sorted(entry) if k.startswith("msgstr"))
        entry.clear()

    for line in path.read_text().splitlines() + [""]:
        line = line.strip()
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        elif line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            if key in ("msgctxt", "msgid") and "msgstr" in "".join(entry):
                close()
            entry[key] = ast.literal_eval(value)
        elif not line:
            close()
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_text_has_one_translation_across_the_apps(language):
    """Django merges the apps' catalogues into one, where the first app in INSTALLED_APPS wins: a text
    translated differently in two apps reads the same everywhere, just not as the losing app meant.
    Where the meaning differs, give the text a context (pgettext)."""
    translations: dict[tuple[str | None, str], dict[tuple[str, ...], list[str]]] = {}
    for app in APPS:
        po = ROOT / "revier" / app / "locale" / language / "LC_MESSAGES" / "django.po"
        if po.exists():
            for key, msgstr in _catalogue(po).items():
                translations.setdefault(key, {}).setdefault(msgstr, []).append(app)
    conflicts = [
        f"{msgid!r}" + (f" (context {context!r})" if context else "") + ": "
        + "; ".join(f"{' / '.join(msgstr)!r} in {', '.join(apps)}" for msgstr, apps in variants.items())
        for (context, msgid), variants in translations.items() if len(variants) > 1
    ]
    assert not conflicts, "texts translated differently by the apps:\n" + "\n".join(conflicts)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_catalogue_passes_msgfmt_check(app, language):
    """msgfmt --check: a header with Plural-Forms (ngettext needs it), placeholders the same in msgid
    and msgstr. compilemessages checks only the placeholders."""
    po = ROOT / "revier" / app / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, f"revier/{app} ({language}): msgfmt --check fails:\n{result.stderr}"
