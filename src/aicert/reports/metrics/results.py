"""Released results and passes by cell (pass rate = passed / results).

A withdrawn result (its attempt voided after release) is kept for the audit trail but is no longer
a result: the session statistics leave it out, and so do the reports (and the domain strengths
family, so a domain count never exceeds its county's results)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count

from aicert.reports.metrics.base import SESSION_CELL_FIELDS, FactRow, counted_rows, session_cell
from aicert.results.models import Result, ResultStatus


class ResultsFamily:
    name = "results"

    def rows(self) -> Iterable[FactRow]:
        grouped = (
            Result.objects.filter(status=ResultStatus.RELEASED)
            .values("passed", *SESSION_CELL_FIELDS)
            .annotate(n=Count("pk"))
        )
        counts: Counter[FactRow] = Counter()
        for g in grouped:
            cell = session_cell(g)
            counts[FactRow(metric="results", **cell)] += g["n"]
            if g["passed"]:
                counts[FactRow(metric="passed", **cell)] += g["n"]
        return counted_rows(counts)
