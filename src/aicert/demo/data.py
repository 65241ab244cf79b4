"""Where the demo's data files are: ``settings.AICERT_DEMO_DATA_DIR`` (the repository's ``demo/``).

The demo's content (the item bank as a QTI 3.0 content package, a sample bank statement) is
data, not code: it lives outside the importable package, so editing an item is editing a file
and the demo loads it the way an operator would load theirs.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def demo_data_path(*parts: str) -> Path:
    """The path of a demo data file or folder; refuses clearly when it is not there.

    A missing file is a broken checkout or a wrong ``AICERT_DEMO_DATA_DIR``: the demo must not
    start half-seeded, so this raises instead of skipping.
    """
    base = Path(settings.AICERT_DEMO_DATA_DIR)
    path = base.joinpath(*parts)
    if not path.exists():
        raise ImproperlyConfigured(
            f"The demo data file {path} is missing. AICERT_DEMO_DATA_DIR ({base}) must point at "
            "the repository's demo/ folder."
        )
    return path


def folder_zip(folder: Path) -> bytes:
    """Every file under ``folder``, zipped in memory with paths relative to it (sorted, so the
    same files give the same archive): a content package kept unzipped in git, as uploaded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
