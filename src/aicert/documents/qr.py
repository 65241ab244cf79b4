"""QR codes for tickets and certificates (segno: pure Python, ISO/IEC 18004)."""

from __future__ import annotations

import io

import segno


def qr_png(data: str, *, scale: int = 6, border: int = 2) -> bytes:
    """A PNG of ``data`` with medium error correction (survives a smudged printout)."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def qr_svg(data: str, *, scale: int = 4, border: int = 2, title: str = "") -> str:
    """An inline SVG of ``data`` for web pages (no image request, works offline)."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(
        buffer,
        kind="svg",
        scale=scale,
        border=border,
        xmldecl=False,
        svgns=True,
        title=title or None,
    )
    return buffer.getvalue().decode()
