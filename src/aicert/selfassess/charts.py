"""Server-rendered SVG charts (no script): the domain profile with error bars, the history."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_LO, _HI = -3.0, 3.0


def _x(theta: float, left: float, width: float) -> float:
    t = min(max(theta, _LO), _HI)
    return left + (t - _LO) / (_HI - _LO) * width


def profile_svg(domains: list[dict]) -> SafeString:
    """One row per domain: estimate ± 1.96 SE as a bar, the pass standard as a tick."""
    left, width, row = 180.0, 380.0, 34
    height = 30 + row * len(domains)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="profile-chart" '
        f'viewBox="0 0 600 {height}" width="600" height="{height}">'
    ]
    for i, d in enumerate(domains):
        y = 20 + i * row
        lo = _x(d["theta"] - 1.96 * d["se"], left, width)
        hi = _x(d["theta"] + 1.96 * d["se"], left, width)
        cx = _x(d["theta"], left, width)
        cut = _x(d["cut"], left, width)
        colour = (
            "#b3261e" if d["p_below"] >= 0.8 else ("#1b6e20" if d["p_below"] <= 0.2 else "#8a6d00")
        )
        parts.append(
            f'<g class="domain-row" data-domain="{escape(d["code"])}">'
            f'<text x="4" y="{y + 4}" font-size="13">{escape(d["name"])}</text>'
            f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#ddd"/>'
            f'<line class="error-bar" x1="{lo:.1f}" y1="{y}" x2="{hi:.1f}" y2="{y}" '
            f'stroke="{colour}" stroke-width="4"/>'
            f'<circle cx="{cx:.1f}" cy="{y}" r="6" fill="{colour}"/>'
            f'<line class="cut" x1="{cut:.1f}" y1="{y - 9}" x2="{cut:.1f}" y2="{y + 9}" '
            f'stroke="#000" stroke-dasharray="2,2"/></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def history_svg(attempts: list) -> SafeString:
    """Overall ability ± 1.96 SE of each finished attempt, oldest first."""
    if not attempts:
        return mark_safe("")
    width, height, top = 600.0, 200.0, 10.0
    step = (width - 60) / max(len(attempts) - 1, 1)

    def y(theta: float) -> float:
        t = min(max(theta, _LO), _HI)
        return top + (_HI - t) / (_HI - _LO) * (height - 2 * top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="history-chart" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">'
    ]
    points = []
    for i, a in enumerate(attempts):
        x = 30 + i * step
        points.append(f"{x:.1f},{y(a.theta):.1f}")
        parts.append(
            f'<line class="error-bar" x1="{x:.1f}" y1="{y(a.theta - 1.96 * a.se):.1f}" '
            f'x2="{x:.1f}" y2="{y(a.theta + 1.96 * a.se):.1f}" stroke="#1a5fb4" stroke-width="3"/>'
            f'<circle class="history-point" cx="{x:.1f}" cy="{y(a.theta):.1f}" r="5" '
            f'fill="#1a5fb4"/>'
            f'<text x="{x:.1f}" y="{height - 1:.0f}" font-size="11" text-anchor="middle">'
            f"{a.finished_at:%m/%d}</text>"
        )
    parts.append(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="#1a5fb4" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers only
