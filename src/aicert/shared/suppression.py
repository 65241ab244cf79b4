"""Small-cell suppression: counts below the threshold show as "<N", and so does the smallest
other cell of a row whose total is published (else total - others would reveal the hidden one).

Here (not in reports) so every app that shows counts outside the foundation uses one rule:
reports' dashboards and exports, promotion's partner campaign pages."""

from __future__ import annotations

from django.conf import settings


def threshold() -> int:
    return int(getattr(settings, "REPORTS_SUPPRESSION_THRESHOLD", 10))


def suppress(cells: dict[str, int], *, limit: int | None = None) -> dict[str, str]:
    """Suppress one row of cells whose total is published alongside."""
    limit = threshold() if limit is None else limit
    hidden = {k for k, v in cells.items() if 0 < v < limit}
    if len(hidden) == 1 and len(cells) > 1:
        # A single hidden cell is revealed by the total: hide the next smallest too.
        rest = sorted((v, k) for k, v in cells.items() if k not in hidden)
        hidden.add(rest[0][1])
    return {k: (f"<{limit}" if k in hidden else str(v)) for k, v in cells.items()}


def suppress_total(total: int, *, limit: int | None = None) -> str:
    limit = threshold() if limit is None else limit
    return f"<{limit}" if 0 < total < limit else str(total)
