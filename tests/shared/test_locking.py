"""The platform's lock order, and the check every database test runs against it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import transaction

from aicert.registration.models import Registration
from aicert.scheduling.locks import session_rows_lock
from aicert.shared.locking import LOCK_ORDER, lock_order_problems
from tests.lock_order import lock_order_problems_recorded

SRC = Path(__file__).resolve().parents[2] / "src" / "aicert"


def test_an_order_followed_has_no_problems():
    assert lock_order_problems(["scheduling.session", "registration.registration"]) == []
    # more rows of a table already locked, later on, are allowed
    assert lock_order_problems(["registration.registration", "registration.registration"]) == []


def test_a_parent_after_its_child_and_an_unknown_table_are_problems():
    assert lock_order_problems(["delivery.attempt", "registration.registration"]) == [
        "registration.registration locked after delivery.attempt"
    ]
    assert lock_order_problems(["catalog.level"]) == [
        "catalog.level is not in the platform's lock order"
    ]


def test_the_order_names_real_tables_once():
    from django.apps import apps

    assert len(LOCK_ORDER) == len(set(LOCK_ORDER))
    for label in LOCK_ORDER:
        assert apps.get_model(label) is not None


@pytest.mark.django_db
def test_the_suite_catches_locks_taken_against_the_order():
    registration_ids = list(Registration.objects.values_list("pk", flat=True)[:1]) or [0]
    with transaction.atomic():
        list(Registration.objects.filter(pk__in=registration_ids).select_for_update())
        session_rows_lock(session_ids=[1])
    problems = lock_order_problems_recorded()
    assert problems and problems[0].startswith(
        "scheduling.session locked after registration.registration"
    )


def test_every_row_lock_is_taken_in_a_locks_module():
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "locks.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "select_for_update":
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


@pytest.mark.django_db
def test_the_suite_catches_a_plain_sql_lock_taken_against_the_order():
    from django.db import connection

    from aicert.delivery.locks import attempt_row_lock
    from aicert.delivery.models import Attempt

    if not connection.features.has_select_for_update:
        pytest.skip("SQLite is sent no FOR UPDATE: the plain-SQL locks are recorded on PostgreSQL")
    with transaction.atomic():
        with pytest.raises(Attempt.DoesNotExist):
            attempt_row_lock(pk=0)  # no row, but the lock was asked for
        session_rows_lock(session_ids=[1])
    problems = lock_order_problems_recorded()
    assert problems and problems[0].startswith("scheduling.session locked after delivery.attempt")


def test_plain_sql_locks_are_in_locks_modules_too():
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name not in ("locks.py", "locking.py")  # locking.py: its docstring
        and "migrations" not in path.parts
        and "FOR UPDATE" in path.read_text()
    ]
    assert offenders == []
