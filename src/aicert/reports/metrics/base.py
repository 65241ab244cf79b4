from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict

from django.utils import timezone


@dataclass(frozen=True)
class FactRow:
    metric: str
    period: str
    region_code: str
    county_code: str = ""
    level_code: str = ""
    subject_code: str = ""
    sitting: str = ""
    gender: str = ""
    age_band: str = ""
    domain_code: str = ""
    value: int = 0


class Cell(TypedDict):
    """Where a fact sits: every field of :class:`FactRow` but the metric and the count."""

    period: str
    region_code: str
    county_code: str
    level_code: str
    subject_code: str
    sitting: str
    gender: str
    age_band: str


class MetricFamily(Protocol):
    name: str

    def rows(self) -> Iterable[FactRow]: ...


def age_band(birth: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return ""
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 20:
        return "<20"
    if age >= 60:
        return "60+"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


_VENUE = "session__room__venue__"

#: The ``values()`` that place a session-based row in its cell (see :func:`session_cell`).
SESSION_CELL_FIELDS = (
    "session__starts_at",
    _VENUE + "center__region__code",
    _VENUE + "county__code",
    "subject__code",
    "subject__level__code",
    "candidate__candidate_profile__gender",
    "candidate__candidate_profile__birth_date",
)


def session_cell(grouped: Mapping[str, Any]) -> Cell:
    """The cell of a row grouped by :data:`SESSION_CELL_FIELDS`: the sitting's month and date
    (Asia/Taipei), the venue's region and county, level, subject, gender and age band then."""
    local = timezone.localtime(grouped["session__starts_at"])
    return {
        "period": local.strftime("%Y-%m"),
        "region_code": grouped[_VENUE + "center__region__code"] or "",
        "county_code": grouped[_VENUE + "county__code"] or "",
        "level_code": grouped["subject__level__code"] or "",
        "subject_code": grouped["subject__code"] or "",
        "sitting": local.date().isoformat(),
        "gender": grouped["candidate__candidate_profile__gender"] or "",
        "age_band": age_band(grouped["candidate__candidate_profile__birth_date"], local.date()),
    }


def counted_rows(counts: Counter[FactRow]) -> Iterator[FactRow]:
    """The counted cells as fact rows carrying their count."""
    for row, n in counts.items():
        yield FactRow(**{**row.__dict__, "value": n})
