"""Registrations and attendance by cell (one aggregate query, grouped in the database)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count
from django.utils import timezone

from aicert.registration.models import Registration, RegistrationStatus
from aicert.reports.metrics.base import FactRow, age_band

_BASE = "session__room__venue__"


class RegistrationsFamily:
    name = "registrations"

    def rows(self) -> Iterable[FactRow]:
        grouped = (
            Registration.objects.exclude(status=RegistrationStatus.TRANSFERRED)
            .values(
                "status",
                "session__starts_at",
                _BASE + "center__region__code",
                _BASE + "county__code",
                "subject__code",
                "subject__level__code",
                "candidate__candidate_profile__gender",
                "candidate__candidate_profile__birth_date",
            )
            .annotate(n=Count("pk"))
        )
        counts: Counter[FactRow] = Counter()
        for g in grouped:
            local = timezone.localtime(g["session__starts_at"])
            common = {
                "period": local.strftime("%Y-%m"),
                "region_code": g[_BASE + "center__region__code"] or "",
                "county_code": g[_BASE + "county__code"] or "",
                "subject_code": g["subject__code"] or "",
                "level_code": g["subject__level__code"] or "",
                "sitting": local.date().isoformat(),
                "gender": g["candidate__candidate_profile__gender"] or "",
                "age_band": age_band(g["candidate__candidate_profile__birth_date"], local.date()),
            }
            counts[FactRow(metric="registrations", **common)] += g["n"]
            if g["status"] == RegistrationStatus.SAT:
                counts[FactRow(metric="attended", **common)] += g["n"]
            elif g["status"] == RegistrationStatus.ABSENT:
                counts[FactRow(metric="absent", **common)] += g["n"]
        for row, n in counts.items():
            yield FactRow(**{**row.__dict__, "value": n})
