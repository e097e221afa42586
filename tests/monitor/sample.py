"""The shared sample (../shared/monitor-sample, two synthetic waves in the exchange format) as uploads,
and helpers to spoil it for the bad-input tests."""

import csv
import io
import json
from pathlib import Path

from openpyxl import Workbook

from revier.monitor.importing import UploadedFile, WaveFiles

ROOT = Path(__file__).resolve().parents[2]


def sample_folder() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "monitor-sample"
        if (folder / "microdata.csv").exists():
            return folder
    # CI and `make test` run with ../shared beside the checkout: its absence is an error, not a skip.
    raise AssertionError("../shared/monitor-sample is not beside this checkout")


def sample_bytes(name: str) -> bytes:
    return (sample_folder() / name).read_bytes()


def sample_files(*, microdata: bytes | None = None, codebook: bytes | None = None, margins: bytes | None = None,
                 microdata_name="microdata.csv", margins_name="margins.json") -> WaveFiles:
    return WaveFiles(
        microdata=UploadedFile(microdata_name, sample_bytes("microdata.csv") if microdata is None else microdata),
        codebook=UploadedFile("codebook.json", sample_bytes("codebook.json") if codebook is None else codebook),
        margins=UploadedFile(margins_name, sample_bytes(margins_name) if margins is None else margins),
    )


def sample_rows(name="microdata.csv") -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(sample_bytes(name).decode("utf-8"))))
    return rows[0], rows[1:]


def csv_bytes(header, rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header, rows, *, numbers=True) -> bytes:
    """A workbook with the table on its first sheet; codes as numbers (the way Excel keeps them)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([int(value) if numbers and value.isdigit() and not value.startswith("0") else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def codebook_data() -> dict:
    return json.loads(sample_bytes("codebook.json"))


def margins_data() -> dict:
    return json.loads(sample_bytes("margins.json"))


def truth() -> dict:
    return json.loads(sample_bytes("truth.json"))["waves"]
