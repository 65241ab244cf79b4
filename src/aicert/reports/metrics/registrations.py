"""Registrations and attendance by cell (one aggregate query, grouped in the database)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count

from aicert.registration.models import Registration, RegistrationStatus
from aicert.reports.metrics.base import SESSION_CELL_FIELDS, FactRow, counted_rows, session_cell


class RegistrationsFamily:
    name = "registrations"

    def rows(self) -> Iterable[FactRow]:
        grouped = (
            Registration.objects.exclude(status=RegistrationStatus.TRANSFERRED)
            .values("status", *SESSION_CELL_FIELDS)
            .annotate(n=Count("pk"))
        )
        counts: Counter[FactRow] = Counter()
        for g in grouped:
            cell = session_cell(g)
            counts[FactRow(metric="registrations", **cell)] += g["n"]
            if g["status"] == RegistrationStatus.SAT:
                counts[FactRow(metric="attended", **cell)] += g["n"]
            elif g["status"] == RegistrationStatus.ABSENT:
                counts[FactRow(metric="absent", **cell)] += g["n"]
        return counted_rows(counts)
