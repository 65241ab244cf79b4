"""Concurrent refreshes and a release racing a late result (PostgreSQL only)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from aicert.centers.services import reference_data_load
from aicert.delivery.models import Attempt, Response
from aicert.results import services
from aicert.results.models import Result, ResultStatus
from tests.results.conftest import now_after, sit

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks; SQLite serialises every write, so there is no race",
    ),
]

WORKERS = 8


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Transactional tests flush every table, the migrated regions and counties included."""
    reference_data_load()


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data(django_db_blocker):
    """Put the regions and counties back after the last flush, for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        reference_data_load()


def test_races(rworld):
    """One world for both races: a transactional test flushes the reference data after it."""
    _concurrent_refreshes_make_one_result(rworld)
    _late_marking_racing_the_release_is_never_left_hidden(rworld)


def _concurrent_refreshes_make_one_result(rworld):
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    start = threading.Barrier(WORKERS)

    def refresh(_):
        try:
            start.wait(timeout=30)
            return services.result_refresh(attempt=Attempt(pk=attempt.pk), reason="race").pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        pks = list(pool.map(refresh, range(WORKERS)))
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
    start = threading.Barrier(2)

    def release():
        try:
            start.wait(timeout=30)
            services.result_release_schedule(
                actor=rworld.admin,
                session=rworld.session_a,
                release_at=now_after(rworld.session_a),
                now=now_after(rworld.session_a),
            )
        finally:
            connections.close_all()

    def marked():
        try:
            start.wait(timeout=30)
            services.result_refresh(attempt=Attempt(pk=late.pk), reason="marked")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(release), pool.submit(marked)]
        for f in futures:
            f.result()
    assert Result.objects.count() == 3  # with the first race's attempt, same session
    assert set(Result.objects.values_list("status", flat=True)) == {ResultStatus.RELEASED}
