"""The one race harness of the PostgreSQL race tests (after Saleor's ``tests/race_condition.py``).

A race test marks its module with ``pytestmark = RACE`` (or a function with :func:`postgres_race`)
and runs the competing calls with :func:`run_together`: each call in a thread of its own, so on a
database connection of its own, all released at once by a barrier so that their transactions
overlap. SQLite serialises every write, so there is nothing to race there and the tests skip; on
PostgreSQL they must pass.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections

NO_RACE_ON_SQLITE = "needs PostgreSQL row locks; SQLite serialises every write, so there is no race"
BARRIER_TIMEOUT = 30  # seconds the first thread waits for the last one

RACE = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason=NO_RACE_ON_SQLITE),
    pytest.mark.usefixtures("reference_data_after_module"),  # tests/conftest.py
]


def postgres_race(test):
    """Mark one test function as a race (the module-level form is ``pytestmark = RACE``)."""
    for mark in reversed(RACE):
        test = mark(test)
    return test


def run_together(
    jobs: Sequence[Callable[[], Any]],
    *,
    returning: type[BaseException] | tuple[type[BaseException], ...] = (),
) -> list[Any]:
    """Run ``jobs`` at the same moment, one thread and connection each; their results in order.

    An exception of a type in ``returning`` becomes that job's result (the test looks at who lost
    the race and how); any other exception propagates and fails the test.
    """
    start = threading.Barrier(len(jobs))

    def run(job: Callable[[], Any]) -> Any:
        try:
            start.wait(timeout=BARRIER_TIMEOUT)
            return job()
        except returning as error:
            return error
        finally:
            connections.close_all()  # each thread opened its own connection

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))
