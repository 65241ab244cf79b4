"""Writes of reports: the pre-aggregated facts are rebuilt in one transaction."""

from __future__ import annotations

import time

from django.db import transaction

from aicert.reports.metrics import FAMILIES
from aicert.reports.models import ReportFact
from aicert.shared.clock import aware_now


def facts_refresh() -> dict[str, float | int]:
    started = time.perf_counter()
    now = aware_now()
    facts = [
        ReportFact(refreshed_at=now, **row.__dict__) for family in FAMILIES for row in family.rows()
    ]
    with transaction.atomic():
        ReportFact.objects.all().delete()
        ReportFact.objects.bulk_create(facts, batch_size=2000)
    return {"facts": len(facts), "seconds": round(time.perf_counter() - started, 3)}
