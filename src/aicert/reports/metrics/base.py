from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


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
    value: int = 0


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
