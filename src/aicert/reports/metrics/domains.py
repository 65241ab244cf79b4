"""Domain strengths of candidates per region: from the domain sub-scores of *released* score
reports, per month x region x county (of the venue) x level x subject x top-level competency
domain, two additive counts:

* ``domain_scored``: released results with a score in the domain (a candidate who sat the
  subject twice in the period counts twice, as in "results released");
* ``domain_met``: of those, the results whose domain percent reaches the **domain standard**.

The figure shown is the share meeting the standard (``domain_met / domain_scored``), which a
foundation officer reads like a pass rate ("62% of the southern candidates reached the standard
in Machine learning"). A mean percent would not be additive over cells and could not be
suppressed with the other counts; two counts can.

The domain standard is the subject minimum of the level's pass rule recorded on the result
(``Result.subject_min``) — the red line the candidate's score report draws across its domain
profile — or :data:`DOMAIN_STANDARD_DEFAULT` where no rule was recorded.

Only top-level domains are counted (a domain's score rolls up its subtree, so they cover every
item; sub-domains would make a chart nobody can read). Withdrawn and unreleased results never
count. One grouped query.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from aicert.reports.metrics.base import FactRow
from aicert.results.models import DomainScore, ResultStatus

#: The standard where a result records no subject minimum (the talent search's middle band).
DOMAIN_STANDARD_DEFAULT = Decimal("60")

_VENUE = "result__session__room__venue__"


class DomainStrengthsFamily:
    name = "domains"

    def rows(self) -> Iterator[FactRow]:
        standard = Coalesce(F("result__subject_min"), Value(DOMAIN_STANDARD_DEFAULT))
        grouped = (
            DomainScore.objects.filter(
                result__status=ResultStatus.RELEASED, domain__parent__isnull=True
            )
            .values(
                "result__session__starts_at",
                _VENUE + "center__region__code",
                _VENUE + "county__code",
                "result__subject__level__code",
                "result__subject__code",
                "domain__certification__code",
                "domain__code",
            )
            .annotate(
                scored=Count("pk"),
                met=Count("pk", filter=Q(percent__gte=standard)),
            )
            .order_by()
        )
        counts: dict[tuple[str, ...], list[int]] = {}
        for g in grouped:
            # Sessions are grouped by their start; the month is Asia/Taipei's.
            period = timezone.localtime(g["result__session__starts_at"]).strftime("%Y-%m")
            cell = (
                period,
                g[_VENUE + "center__region__code"] or "",
                g[_VENUE + "county__code"] or "",
                g["result__subject__level__code"] or "",
                g["result__subject__code"] or "",
                f"{g['domain__certification__code']}:{g['domain__code']}",
            )
            total = counts.setdefault(cell, [0, 0])
            total[0] += g["scored"]
            total[1] += g["met"]
        for (period, region, county, level, subject, domain), (scored, met) in counts.items():
            common = {
                "period": period,
                "region_code": region,
                "county_code": county,
                "level_code": level,
                "subject_code": subject,
                "domain_code": domain,
            }
            yield FactRow(metric="domain_scored", value=scored, **common)
            if met:
                yield FactRow(metric="domain_met", value=met, **common)
