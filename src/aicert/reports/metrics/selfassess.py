"""Self-assessment participation per month (finished practice tests and the people who took
them), from the self-assessment app's own report selector. Practice tests have no exam venue,
so their facts carry no region: only the foundation's dashboard shows them."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from aicert.reports.metrics.base import FactRow
from aicert.selfassess.selectors import participation_by_month


class SelfAssessmentFamily:
    name = "selfassess"

    def rows(self) -> Iterator[FactRow]:
        for row in participation_by_month():
            month = row["month"]
            if month is None:
                continue
            period = (
                timezone.localtime(month).strftime("%Y-%m")
                if timezone.is_aware(month)
                else month.strftime("%Y-%m")
            )
            yield FactRow(
                metric="selfassess_attempts", period=period, region_code="", value=row["attempts"]
            )
            # People are distinct within a month only: never summed over months.
            yield FactRow(
                metric="selfassess_people", period=period, region_code="", value=row["people"]
            )
