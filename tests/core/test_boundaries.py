"""The apps import only downwards (CONVENTIONS.md, "Boundaries"). Imports are read from the source
with `ast`, so an import inside a function (the usual way to dodge a cycle) counts like any other;
templates count too (include, extends, load of a tag library, static files)."""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "revier"
OUR_APPS = ("core", "pages", "news", "events", "contingents", "network", "monitor", "accounts", "portal", "demo")
DYNAMIC_IMPORTS = {"import_module", "import_string", "__import__"}


def imported_modules(source: str, *, package: str) -> Iterator[tuple[int, str]]:
    """(line, dotted module name) of every import in `source`, at any depth, relative imports
    resolved against `package`; `from a import b` yields both a and a.b (b may be a module). Calls
    of import_module/import_string with a literal name count too."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in DYNAMIC_IMPORTS and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value


# Which of our apps each app may import (CONVENTIONS.md, "Boundaries"); a new app must be placed here.
MAY_IMPORT = {
    "core": set(),
    "pages": {"core"},
    "events": {"core"},
    "news": {"core", "events"},  # an article links its event, never the other way round
    "contingents": {"core", "events"},  # events' public services and selectors only (test below)
    "network": {"core", "events"},  # events' public services and selectors only (test below)
    "monitor": {"core"},  # stands alone on core (CONVENTIONS.md)
    "accounts": {"core", "events"},  # staff accounts and roles: event teams through events' public services
    "portal": set(OUR_APPS),  # the top of the house: the home page composes the apps
    "demo": set(OUR_APPS),  # the demo content is loaded through every app's services
}
EVENTS_PUBLIC = ("revier.events.services", "revier.events.selectors", "revier.events.options")


def our_apps() -> list[str]:
    return sorted(path.parent.name for path in PACKAGE.glob("*/apps.py"))


def app_imports(app: str) -> Iterator[tuple[str, str]]:
    """("revier/<app>/file.py:line", imported module) for every module of one of our apps."""
    for path in sorted((PACKAGE / app).rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rpartition(".")[0]
        for line, imported in imported_modules(path.read_text(encoding="utf-8"), package=package):
            yield f"{path.relative_to(ROOT)}:{line}", imported


def apps_imported(imported: str) -> str | None:
    parts = imported.split(".")
    if len(parts) >= 2 and parts[0] == "revier" and parts[1] in OUR_APPS:
        return parts[1]
    return None


def test_imported_modules_finds_imports_inside_functions_relative_and_dynamic():
    source = (
        "import os\n"
        "from revier import news\n"
        "def page_timeout():\n"
        "    from revier.news.selectors import article_next_publication_at\n"
        "    from ..events import selectors\n"
        "    return import_module('revier.pages.models')\n"
    )
    found = {name for _line, name in imported_modules(source, package="revier.core")}
    assert {"os", "revier.news", "revier.news.selectors", "revier.events.selectors", "revier.pages.models"} <= found


def test_core_imports_no_app():
    """core is the floor every app stands on: what it must learn from an app, the app registers
    (e.g. news' next publication time for the page cache, core.cache.register_next_change)."""
    offending = [f"{where} imports {name}" for where, name in app_imports("core") if apps_imported(name) not in (None, "core")]
    assert offending == []


def test_every_app_has_its_place_in_the_house():
    assert set(our_apps()) <= set(MAY_IMPORT), "place the new app in MAY_IMPORT (and docs/architecture.md)"


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_apps_import_only_downwards(app):
    allowed = MAY_IMPORT[app] | {app}
    offending = [f"{where} imports {name}" for where, name in app_imports(app) if apps_imported(name) not in allowed | {None}]
    assert offending == []


@pytest.mark.parametrize("app", ["contingents", "network", "accounts"])
def test_app_uses_only_events_public_services_and_selectors(app):
    """No ClaimError(RegistrationError), no forms._text, no organiser_forms.KernForm: what both apps
    need lives in core; contingents may call events' services and selectors, never a _private name."""
    offending = [
        f"{where} imports {name}"
        for where, name in app_imports(app)
        if name.startswith("revier.events.")
        and (not name.startswith(EVENTS_PUBLIC) or any(part.startswith("_") for part in name.split(".")))
    ]
    assert offending == []


TEMPLATE_REFERENCE = re.compile(r"""{%\s*(?:include|extends)\s+["']([\w-]+)/|{%\s*static\s+["']([\w-]+)/""")
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def tag_libraries() -> dict[str, str]:
    """{tag library name: app} for our apps' template tag libraries."""
    return {path.stem: path.parent.parent.name for path in PACKAGE.glob("*/templatetags/*.py") if path.stem != "__init__"}


def template_references(app: str) -> Iterator[tuple[str, str]]:
    """("revier/<app>/templates/….html", app referred to) for every template of `app`."""
    libraries = tag_libraries()
    for path in sorted((PACKAGE / app / "templates").rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        for match in TEMPLATE_REFERENCE.finditer(text):
            yield where, match.group(1) or match.group(2)
        for match in TEMPLATE_LOAD.finditer(text):
            for library in match.group(1).split():
                if library in libraries:
                    yield where, libraries[library]


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_templates_refer_only_downwards(app):
    """A lower app's page that shows a higher app's part offers a slot (core.slots) the higher app
    fills, as the event page does for the contingents' free tickets."""
    allowed = MAY_IMPORT[app] | {app}
    offending = [f"{where} refers to {other}" for where, other in template_references(app) if other in OUR_APPS and other not in allowed]
    assert offending == []
