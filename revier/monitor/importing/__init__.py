"""Reading and checking a survey wave in the exchange format (issue 11 §1, docs/monitor.md
"Austauschformat"): microdata (CSV or XLSX), codebook.json and the population margins (CSV, XLSX or
JSON with schemes). ``wave_check`` reads, validates and weights without writing anything; its report
names, in German, the file, the column, the rows and what to do. ``read_wave`` returns the same check
with everything ``services.wave_import`` stores.

Nothing here trusts the files: sizes, rows and columns are limited, bytes that are no text (NUL,
undecodable, replacement characters) are refused, XLSX is read in read-only mode with its unpacked size
limited. The weighting itself is ``weighting.weight_wave``; margin problems come from
``weighting.margin_problems``.
"""

from revier.monitor.importing.base import (
    CheckedWave,
    Codebook,
    ImportCheck,
    ImportProblem,
    QuestionSpec,
    UploadedFile,
    WaveFiles,
    normalise,
)
from revier.monitor.importing.wave import read_wave, wave_check

__all__ = [
    "CheckedWave", "Codebook", "ImportCheck", "ImportProblem", "QuestionSpec", "UploadedFile", "WaveFiles",
    "normalise", "read_wave", "wave_check",
]
