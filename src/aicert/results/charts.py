"""Server-rendered SVG charts (no JavaScript): the domain profile and a score histogram.

Every chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` and one ``<title>``
per bar, and every page that shows one also shows the same numbers in a table, so screen
readers and printouts lose nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def domain_profile_svg(
    rows: Sequence[tuple[str, str, Decimal, int]],
    *,
    title: str,
    description: str,
    cut: Decimal | None = None,
    cut_label: str = "",
) -> SafeString:
    """Horizontal bars, one per domain: ``(code, name, percent, depth)``, 0-100 %.

    A dashed line marks ``cut`` (e.g. the subject minimum) when given.
    """
    label_w, bar_w, row_h, top = 260, 300, 26, 24
    width = label_w + bar_w + 60
    height = top + row_h * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="dp-title dp-desc" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px">',
        f'<title id="dp-title">{escape(title)}</title>',
        f'<desc id="dp-desc">{escape(description)}</desc>',
    ]
    for tick in range(0, 101, 25):
        x = label_w + bar_w * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 20}" '
            f'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top - 10}" font-size="10" text-anchor="middle" '
            f'fill="#555">{tick}%</text>'
        )
    for i, (code, name, percent, depth) in enumerate(rows):
        y = top + i * row_h
        w = bar_w * float(percent) / 100
        indent = 8 + 12 * depth
        label = f"{code} {name}"
        if len(label) > 24:
            label = label[:23] + "…"
        colour = "#2b6cb0" if depth == 0 else "#63a4e0"
        parts.append(
            f"<g><title>{escape(code)} {escape(name)}: {percent}%</title>"
            f'<text x="{indent}" y="{y + 17}" font-size="12" fill="#222">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 17}" font-size="11" fill="#222">'
            f"{percent}%</text></g>"
        )
    if cut is not None:
        x = label_w + bar_w * float(cut) / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 20}" '
            f'stroke="#c53030" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{x:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" '
            f'fill="#c53030">{escape(cut_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def histogram_svg(bins: Sequence[tuple[str, int]], *, title: str, description: str) -> SafeString:
    """Vertical bars of counts per score band."""
    bar, gap, height, top, bottom = 36, 6, 160, 16, 30
    width = len(bins) * (bar + gap) + 20
    peak = max((n for _, n in bins), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="h-title h-desc" viewBox="0 0 {width} {height + top + bottom}" '
        f'width="100%" style="max-width:{width}px">',
        f'<title id="h-title">{escape(title)}</title>',
        f'<desc id="h-desc">{escape(description)}</desc>',
    ]
    for i, (label, n) in enumerate(bins):
        h = height * n / peak
        x = 10 + i * (bar + gap)
        y = top + height - h
        parts.append(
            f"<g><title>{escape(label)}: {n}</title>"
            f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="#2b6cb0"/>'
            f'<text x="{x + bar / 2}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">'
            f"{n}</text>"
            f'<text x="{x + bar / 2}" y="{top + height + 14}" font-size="9" '
            f'text-anchor="middle">{escape(label)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
