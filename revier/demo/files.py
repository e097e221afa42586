"""Reading the demo's data files: YAML, and Markdown with YAML front matter."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.conf import settings

DEMO_DIR = Path(__file__).resolve().parent
BERLIN = ZoneInfo("Europe/Berlin")


def demo_dir() -> Path:
    """This folder, or the one the setting DEMO_DIR names (another set of demo content)."""
    return Path(getattr(settings, "DEMO_DIR", None) or DEMO_DIR)


# libyaml's loader where PyYAML has it (ten times faster on the network's 200 profiles).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str):
    with open(demo_dir() / name, encoding="utf-8") as file:
        return yaml.load(file, Loader=SafeLoader)  # noqa: S506 – a safe loader


def read_markdown_folder(name: str) -> list[dict]:
    """Every `<slug>.md` of the folder, sorted by name: its front matter (between two `---` lines)
    with `slug` (the file name) and `body` (the Markdown after the front matter) added."""
    documents = []
    for path in sorted((demo_dir() / name).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        documents.append({**yaml.safe_load(front), "slug": path.stem, "body": body.strip()})
    return documents


def at(value: str | None) -> datetime.datetime | None:
    """'2024-10-17 10:00' (Berlin time) as an aware datetime; None stays None."""
    if value is None:
        return None
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)
