"""The apps import only downwards (CONVENTIONS.md, "Boundaries"). Imports are read from the source
with `ast`, so an import inside a function (the usual way to dodge a cycle) counts like any other."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "revier"
OUR_APPS = ("core", "pages", "news", "events", "contingents", "network", "monitor", "portal", "demo")
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
