"""Concurrent refreshes and a release racing a late result (PostgreSQL only)."""

from aicert.delivery.models import Attempt, Response
from aicert.results import services
from aicert.results.models import Result, ResultStatus
from tests.race import RACE, run_together
from tests.results.conftest import now_after, sit

pytestmark = RACE

WORKERS = 8


def test_races(rworld):
    """One world for both races: a transactional test flushes the reference data after it."""
    _concurrent_refreshes_make_one_result(rworld)
    _late_marking_racing_the_release_is_never_left_hidden(rworld)


def _concurrent_refreshes_make_one_result(rworld):
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])

    def refresh():
        return services.result_refresh(attempt=Attempt(pk=attempt.pk), reason="race").pk

    pks = run_together([refresh] * WORKERS)
    assert len(set(pks)) == 1
    result = Result.objects.get()
    assert result.revision == 1 and result.domain_scores.count() == 4
    result.domain_scores.all().delete()
    result.delete()


def _late_marking_racing_the_release_is_never_left_hidden(rworld):
    sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 0])
    late = sit(
        rworld,
        candidate=rworld.other_candidate,
        session=rworld.session_a,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    Response.objects.filter(attempt=late).update(points=1, score_status="scored")
    Attempt.objects.filter(pk=late.pk).update(needs_marking=False)

    def release():
        services.result_release_schedule(
            actor=rworld.admin,
            session=rworld.session_a,
            release_at=now_after(rworld.session_a),
            now=now_after(rworld.session_a),
        )

    def marked():
        services.result_refresh(attempt=Attempt(pk=late.pk), reason="marked")

    run_together([release, marked])  # either raising fails the test
    assert Result.objects.count() == 3  # with the first race's attempt, same session
    assert set(Result.objects.values_list("status", flat=True)) == {ResultStatus.RELEASED}
