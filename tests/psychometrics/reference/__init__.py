"""Published psychometric data sets for the reference tests (sources and citations: README.md).

The files are part of the test tree, so every clone runs the reference tests: a missing file is
an error naming its path, never a skip.
"""

from __future__ import annotations

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
FILES = ("lsat7_patterns.csv", "science_grm.csv", "verbal_dif.tsv", "README.md")


def reference_file(name: str) -> Path:
    """The path of reference file ``name``; raises ``FileNotFoundError`` when it is absent."""
    path = DIRECTORY / name
    if not path.is_file():
        raise FileNotFoundError(f"reference data file missing: {path} (see {DIRECTORY}/README.md)")
    return path
