"""Every page type is valid HTML per the Nu Html Checker (vnu.jar from npm, on the system's Java).

All documents go to one run of the checker: starting the JVM takes longer than checking a page.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.portal import EXPECTED_STATUS, FORM_PAGE_TYPES, build_portal

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: the Nu Html Checker needs it (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci`")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    if not result.stdout.strip():
        pytest.fail(f"the Nu Html Checker gave no report (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)["messages"]


def vnu_errors(documents: dict[str, str], folder: Path) -> list[str]:
    """Writes each document to `folder`/<name>.html, checks them in one run and returns the errors
    (warnings left out), each as "name:line: message [extract]"."""
    files = {}
    for name, html in documents.items():
        file = folder / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files[file.resolve().as_uri()] = name
    return [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in run_vnu(list(folder.glob("*.html")))
        if m.get("type") != "info"
    ]


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    portal = build_portal()
    documents: dict[str, str] = {}
    wrong_status = {}  # reported after validation, so that one run shows everything
    for page_type, path in portal.page_types.items():
        response = client.get(path)
        if response.status_code != EXPECTED_STATUS.get(page_type, 200):
            wrong_status[page_type] = response.status_code
        documents[page_type] = response.content.decode()
    for page_type in FORM_PAGE_TYPES:
        response = client.post(portal.page_types[page_type], {})
        if response.status_code != 200 or 'aria-invalid="true"' not in response.content.decode():
            wrong_status[f"{page_type}-with-errors"] = f"{response.status_code}, no field marked invalid?"
        documents[f"{page_type}-with-errors"] = response.content.decode()

    files = {}
    for page_type, html in documents.items():
        file = tmp_path / f"{page_type}.html"
        file.write_text(html, encoding="utf-8")
        files[file.resolve().as_uri()] = page_type
    messages = run_vnu(list(tmp_path.glob("*.html")))

    def describe(message):
        page_type = files.get(message.get("url"), message.get("url"))
        line = message.get("lastLine", "?")
        extract = message.get("extract", "").strip().replace("\n", " ")
        return f"{page_type}:{line}: {message['message']}  [{extract}]"

    warnings = [m for m in messages if m.get("type") == "info"]
    errors = [m for m in messages if m.get("type") != "info"]
    if warnings:
        print("Nu Html Checker warnings:\n" + "\n".join(map(describe, warnings)))
    assert errors == [], "Nu Html Checker errors:\n" + "\n".join(map(describe, errors))
    assert wrong_status == {}
    assert len(documents) == len(files) >= 20
