"""Pre-aggregated facts written directly, for the readers of facts (pages, exports, PDF): the
refresh that makes them from registrations and results is tested in test_reports.py."""

from __future__ import annotations

from django.utils import timezone

from aicert.reports.models import ReportFact

#: county -> (region, registrations per month); Chiayi County has 7 registrations, in June.
COUNTIES = {
    "tainan-city": ("south", 40),
    "kaohsiung-city": ("south", 55),
    "chiayi-county": ("south", 4),
    "taipei-city": ("north", 80),
    "taichung-city": ("central", 60),
}


def facts_of_a_year(year: int = 2026) -> None:
    now = timezone.now()
    rows = []
    for month in range(1, 13):
        period = f"{year}-{month:02d}"
        for county, (region, n) in COUNTIES.items():
            registrations = n + month
            if county == "chiayi-county":
                if month != 6:
                    continue
                registrations = 7
            attended = registrations * 9 // 10
            passed = attended * (50 + month) // 100
            for gender, share in (("female", 2), ("male", 3)):
                for metric, value in (
                    ("registrations", registrations),
                    ("attended", attended),
                    ("results", attended),
                    ("passed", passed),
                ):
                    part = value * share // 5 if gender == "male" else value - value * 3 // 5
                    rows.append(
                        ReportFact(
                            metric=metric,
                            period=period,
                            region_code=region,
                            county_code=county,
                            level_code="associate" if month % 3 else "professional",
                            subject_code="s1",
                            sitting=f"{period}-14",
                            gender=gender,
                            age_band="20-29",
                            value=part,
                            refreshed_at=now,
                        )
                    )
    ReportFact.objects.bulk_create(rows)
