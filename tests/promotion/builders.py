"""A candidate's registration with a group code, and (when ``passed`` is given) their attempt
and released result: what a partner campaign counts."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from aicert.results.models import Result, ResultStatus
from tests.factories import AttemptFactory, RegistrationFactory


def sitting(session, group, *, status="sat", passed=None, form=None):
    registration = RegistrationFactory(session=session, group=group, status=status)
    if passed is not None:
        attempt = AttemptFactory(registration=registration, form=form, submitted=True)
        score = Decimal("80") if passed else Decimal("40")
        now = timezone.now()
        Result.objects.create(
            attempt=attempt,
            candidate=registration.candidate,
            subject=registration.subject,
            session=session,
            raw_points=score,
            raw_max=Decimal("100"),
            percent=score,
            scaled_score=score,
            passed=passed,
            status=ResultStatus.RELEASED,
            released_at=now,
            computed_at=now,
        )
    return registration
