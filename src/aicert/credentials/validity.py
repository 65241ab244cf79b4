"""How long a certificate is valid: calendar months from its ``valid_from`` (the level's rule)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(valid_from: dt.date, validity_months: int | None) -> dt.date | None:
    """The last day a certificate valid from ``valid_from`` is valid (None: never expires)."""
    if not validity_months:
        return None
    return add_months(valid_from, validity_months) - dt.timedelta(days=1)
