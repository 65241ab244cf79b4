"""Concurrent approvals of CPD hours renew a certificate once (PostgreSQL only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from aicert.credentials import services
from aicert.credentials.models import Certificate, CpdRecord
from aicert.credentials.validity import add_months
from tests.credentials.test_issue import named, pass_level  # noqa: F401 - fixture
from tests.race import RACE, run_together

pytestmark = RACE


def test_concurrent_cpd_approvals_renew_once(named):  # noqa: F811
    level = named.level
    level.validity_months, level.renewal_window_months, level.renewal_cpd_hours = 12, 6, 10
    level.save()
    certificate = pass_level(named)
    day = add_months(certificate.expires_on, -2)
    now = dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)
    records = [
        services.cpd_record_submit(
            certificate=certificate,
            hours=Decimal(6),
            activity=f"課程 {i}",
            provider="學校",
            completed_on=day,
            actor=named.candidate,
            now=now,
        )
        for i in range(3)
    ]

    def approve(pk):
        return lambda: services.cpd_record_review(
            record=CpdRecord.objects.get(pk=pk), approve=True, note="", actor=named.admin, now=now
        )

    run_together([approve(r.pk) for r in records])
    renewed = Certificate.objects.get(pk=certificate.pk)
    assert [e.kind for e in renewed.events.all()] == ["issued", "renewed"]
    assert renewed.valid_from == certificate.expires_on + dt.timedelta(days=1)
