"""The pieces every part of the import shares: the interface's dataclasses, what a checked wave holds,
the problem report and the way codes and places are written in messages."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
from django.utils.translation import ngettext

from revier.monitor import weighting

MAX_PROBLEMS = 40
EXAMPLES = 5  # rows named per problem


# ---------------------------------------------------------------------------------------------------
# The interface (docs/monitor.md; services.wave_import and the staff upload use it)


@dataclass(frozen=True)
class UploadedFile:
    name: str  # file name; ".xlsx" -> Excel, else CSV (encoding and delimiter detected); ".json" for the margins
    content: bytes


@dataclass(frozen=True)
class WaveFiles:
    microdata: UploadedFile
    codebook: UploadedFile  # codebook.json
    margins: UploadedFile  # margins.csv / margins.xlsx / margins.json (JSON may name schemes)


@dataclass(frozen=True)
class ImportProblem:
    kind: str  # encoding, delimiter, format, empty_file, too_large, missing_column, unknown_code, ...
    message: str  # German: where (file, column, rows) and what to do


@dataclass(frozen=True)
class ImportCheck:
    """What reading and weighting a wave found. ``weighting`` (when it ran) holds: scheme (its name),
    margins (the scheme's margin names in order), method, sweeps, tolerance, bounds [lower, upper],
    weight_min, weight_max, weights_at_lower, weights_at_upper, n_eff, deff, fit {margin: largest
    relative deviation}. ``notes`` are facts that do not stop the import (rows of other waves skipped)."""

    problems: tuple[ImportProblem, ...]
    n: int
    questions: tuple[str, ...]
    weighting: dict | None
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


# ---------------------------------------------------------------------------------------------------
# What a checked wave holds (for services.wave_import)


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    wording: str
    short_label: str
    scale: str
    answer_labels: Mapping[str, str]  # code -> label, in scale order, missing codes included
    top_box_codes: tuple[str, ...]
    top_box_label: str
    missing_codes: tuple[str, ...]
    comparable: bool | None  # None: not given in the codebook
    headline_position: int | None
    topic: str = ""  # a topic's slug or name (core.Topic), when the codebook gives one


@dataclass(frozen=True)
class Codebook:
    title: str
    synthetic: bool
    universe: str
    mode: str
    quotas: str
    notes: str
    margins_source: str
    field_periods: Mapping[str, tuple[datetime.date | None, datetime.date | None]]
    variables: Mapping[str, dict]  # name -> {"label": str, "values": {code: label}}
    states_by_district: Mapping[str, str]
    state_labels: Mapping[str, str]  # state code -> name, when the codebook labels a state column's codes
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class CheckedWave:
    check: ImportCheck
    year: int
    codebook: Codebook | None = None
    margins: Mapping[str, weighting.Margin] = field(default_factory=dict)
    margins_source: str = ""
    scheme_name: str = ""
    scheme: tuple[str, ...] = ()
    bounds: tuple[float, float] = (0.2, 5.0)
    resp_ids: tuple[str, ...] = ()
    characteristics: Mapping[str, tuple] = field(default_factory=dict)  # group and weighting variables, codes as text
    answers: Mapping[str, tuple] = field(default_factory=dict)  # question code -> one code (or None) per respondent
    regions: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # district code -> (name, state)
    weights: np.ndarray | None = None


# ---------------------------------------------------------------------------------------------------
# Problems


class Report:
    def __init__(self):
        self.problems: list[ImportProblem] = []
        self.notes: list[str] = []

    def add(self, kind: str, message: str) -> None:
        self.problems.append(ImportProblem(kind=kind, message=message))

    def result(self) -> tuple[ImportProblem, ...]:
        if len(self.problems) <= MAX_PROBLEMS:
            return tuple(self.problems)
        more = len(self.problems) - MAX_PROBLEMS
        return tuple(self.problems[:MAX_PROBLEMS]) + (ImportProblem(kind="too_many", message=ngettext(
            "There is %(count)s more problem. Please correct the ones listed first and check the files again.",
            "There are %(count)s more problems. Please correct the ones listed first and check the files again.",
            more,
        ) % {"count": number_text(more)}),)


def number_text(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def decimal(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def rows_text(numbers: Sequence[int], total: int) -> str:
    shown = ", ".join(str(number) for number in numbers[:EXAMPLES])
    return shown + (" …" if total > EXAMPLES else "")


def quoted(value: str) -> str:
    value = value if len(value) <= 40 else value[:40] + "…"
    return f"„{value}“"


def file_name(upload: UploadedFile) -> str:
    name = PurePath(str(upload.name).replace("\\", "/")).name or "?"
    return re.sub(r"[\x00-\x1f]", "", name)[:100]


# ---------------------------------------------------------------------------------------------------
# Codes and texts


_INTEGRAL_FLOAT = re.compile(r"^(-?\d+)\.0+$")


def normalise(value) -> str | None:
    """A code as text, the way ``weighting.code`` compares codes; also "1.0" -> "1"."""
    result = weighting.code(value)
    if result is None:
        return None
    match = _INTEGRAL_FLOAT.match(result)
    return match.group(1) if match else result


def clean_text(value, limit: int | None = None) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text[:limit] if limit else text


def german_date(value) -> str:
    """An ISO date as 31.12.2023; any other text as it is."""
    value = clean_text(value)
    try:
        return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
    except ValueError:
        return value
