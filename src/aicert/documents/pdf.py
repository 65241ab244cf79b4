"""PDFs with Traditional Chinese text that render on any reader.

fpdf2 embeds only the glyphs a document uses (a subset of Noto Sans CJK TC, a few kB), so a
ticket printed at a test center or opened on a phone shows the candidate's Chinese name, not
empty boxes, whatever fonts that device has. The font comes from Debian's ``fonts-noto-cjk``
(installed by ``scripts/test`` and ``scripts/demo``); settings may point elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF

FONT_FAMILY = "NotoSansTC"


@dataclass(frozen=True)
class FontFile:
    """One face of the CJK font: a file and, for a font collection (.ttc), which font in it."""

    path: Path
    collection_index: int = 0


# Debian's fonts-noto-cjk ships collections; index 3 is the Traditional Chinese (TC) face.
_DEFAULT_FONTS = {
    "": [
        FontFile(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 3),
        FontFile(Path("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"), 3),
    ],
    "B": [
        FontFile(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"), 3),
        FontFile(Path("/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc"), 3),
    ],
}


def cjk_font_files() -> dict[str, FontFile]:
    """The regular ("") and bold ("B") font files, from settings or the Debian locations.

    ``AICERT_CJK_FONTS = {"": ("/path/Regular.ttc", 3), "B": ("/path/Bold.ttc", 3)}`` overrides.
    """
    configured = getattr(settings, "AICERT_CJK_FONTS", None)
    if configured:
        return {
            style: FontFile(Path(path), int(index)) for style, (path, index) in configured.items()
        }
    found: dict[str, FontFile] = {}
    for style, candidates in _DEFAULT_FONTS.items():
        for candidate in candidates:
            if candidate.path.exists():
                found[style] = candidate
                break
        else:
            raise ImproperlyConfigured(
                "No Traditional Chinese font for PDFs: install Debian's fonts-noto-cjk "
                "(scripts/demo and scripts/test do) or set AICERT_CJK_FONTS."
            )
    return found


class CjkPdf(FPDF):
    """An A4 portrait PDF (millimetres) with the CJK font registered as ``FONT_FAMILY``.

    Regular and bold faces are available (``set_font(FONT_FAMILY, "B", 12)``); the font covers
    Latin text too, so one family serves both languages of a bilingual document.
    """

    def __init__(self, *, title: str, subject: str = "", language: str = "zh-Hant") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, font in cjk_font_files().items():
            self.add_font(
                FONT_FAMILY, style, str(font.path), collection_font_number=font.collection_index
            )
        self.set_title(title)
        self.set_subject(subject or title)
        self.set_author(getattr(settings, "AICERT_PROGRAM_NAME", "aicert"))
        self.set_creator("aicert")
        self.set_lang(language)
        self.set_creation_date(dt.datetime.now(dt.UTC))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_font(FONT_FAMILY, size=11)

    def pdf_bytes(self) -> bytes:
        """The finished document."""
        return bytes(self.output())
