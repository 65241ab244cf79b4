"""Every test also checks the platform's lock order (:mod:`aicert.shared.locking`).

Each ``SELECT ... FOR UPDATE`` is recorded with the transaction it belongs to (the outermost
atomic block the test itself did not open); after the test, the tables each transaction locked,
in the order of their first lock, must follow ``LOCK_ORDER``. A lock a hot path takes in plain
SQL (``... FOR UPDATE OF "table"``, as :func:`aicert.delivery.locks.attempt_row_lock` does) is
recorded from the statement itself -- on PostgreSQL only, since SQLite takes no row locks and is
sent no ``FOR UPDATE``. A later lock of a table already
locked is a row of one already held or of the same table, which the order allows. The demo
seed's bulk loads are left out: one loader, never run against itself.
"""

from __future__ import annotations

import itertools
import re
import sys
import threading
from collections import defaultdict

import pytest

_RECORDS: list[tuple[int, tuple[int, ...], str, list[str]]] = []
_GUARD = threading.Lock()
_OURS: set[str] = set()


def _callers() -> list[str]:
    """Where in aicert (or its tests) the lock is taken: innermost first."""
    frames = []
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if "/aicert/" in name or "/tests/" in name:
            short = name.split("/src/")[-1].split("/work/main/")[-1]
            frames.append(f"{short}:{frame.f_lineno} {frame.f_code.co_name}")
        frame = frame.f_back
    return frames


def pytest_configure(config):
    from django.db import transaction
    from django.db.models.sql import compiler

    # ``@transaction.atomic`` reuses one Atomic object for every call of a service, so each
    # entry into an atomic block gets its own number here; the test's own blocks are marked.
    numbers = itertools.count(1)
    enter, exit_ = transaction.Atomic.__enter__, transaction.Atomic.__exit__

    def atomic_enter(self):
        connection = transaction.get_connection(self.using)
        stack = connection.__dict__.setdefault("_lock_order_blocks", [])
        stack.append(0 if getattr(self, "_from_testcase", False) else next(numbers))
        try:
            return enter(self)
        except BaseException:
            stack.pop()
            raise

    def atomic_exit(self, exc_type, exc_value, traceback):
        try:
            return exit_(self, exc_type, exc_value, traceback)
        finally:
            transaction.get_connection(self.using).__dict__["_lock_order_blocks"].pop()

    transaction.Atomic.__enter__ = atomic_enter
    transaction.Atomic.__exit__ = atomic_exit
    original = compiler.SQLCompiler.as_sql

    def as_sql(self, *args, **kwargs):
        if self.query.select_for_update:
            callers = _callers()
            if not any("/aicert/demo/" in c or c.startswith("aicert/demo/") for c in callers):
                from django.db import connections

                connection = connections[self.using]
                blocks = tuple(n for n in connection.__dict__.get("_lock_order_blocks", ()) if n)
                label = self.query.model._meta.label_lower
                with _GUARD:
                    _RECORDS.append((id(connection), blocks, label, callers))
        return original(self, *args, **kwargs)

    compiler.SQLCompiler.as_sql = as_sql

    from django.db.backends import utils

    original_execute = utils.CursorWrapper._execute

    def _execute(self, sql, params, *ignored_wrapper_args):
        match = _RAW_LOCK.search(sql) if isinstance(sql, str) else None
        if match and not _compiled_by_orm():
            label = _label_of_table(match.group(1))
            if label:
                connection = self.db
                blocks = tuple(n for n in connection.__dict__.get("_lock_order_blocks", ()) if n)
                with _GUARD:
                    _RECORDS.append((id(connection), blocks, label, _callers()))
        return original_execute(self, sql, params, *ignored_wrapper_args)

    utils.CursorWrapper._execute = _execute


# ``FOR UPDATE OF "delivery_attempt"`` (the quoted table name, as the plain-SQL locks write it).
_RAW_LOCK = re.compile(r'FOR UPDATE OF "([a-z0-9_]+)"')


def _compiled_by_orm() -> bool:
    """Whether the statement being sent comes from the ORM's compiler (recorded by as_sql)."""
    frame = sys._getframe(2)
    while frame is not None:
        if (
            frame.f_code.co_name == "execute_sql"
            and "django/db/models/sql" in frame.f_code.co_filename
        ):
            return True
        frame = frame.f_back
    return False


def _label_of_table(table: str) -> str | None:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.db_table == table:
            return model._meta.label_lower
    return None


def lock_order_problems_recorded() -> list[str]:
    """The lock-order problems of the locks recorded since the test began (and forget them)."""
    from aicert.shared.locking import lock_order_problems

    with _GUARD:
        records = list(_RECORDS)
        _RECORDS.clear()
    transactions: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    where: dict[tuple[int, int, str], list[str]] = {}
    for connection_id, blocks, label, callers in records:
        if label.split(".")[0] not in _OURS:
            continue
        if blocks:
            key = (connection_id, blocks[0], "")
        else:
            # A service without an atomic block of its own, called by the test inside the test's
            # transaction (in production, inside its caller's): one call site, one transaction.
            site = next((c for c in callers if c.startswith("tests/")), "")
            key = (connection_id, 0, site)
        if label not in transactions[key]:
            transactions[key].append(label)
            where.setdefault(key, []).append(f"  {label}: " + " < ".join(callers[:4]))
    return sorted(
        {
            f"{p} (locks: {' > '.join(seq)})\n" + "\n".join(where[key])
            for key, seq in transactions.items()
            for p in lock_order_problems(seq)
        }
    )


@pytest.fixture(autouse=True)
def _lock_order_followed(request):
    if request.node.get_closest_marker("django_db") is None and not {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames):
        yield
        return
    from django.apps import apps

    if not _OURS:
        _OURS.update(c.label for c in apps.get_app_configs() if c.name.startswith("aicert."))
    with _GUARD:
        _RECORDS.clear()
    yield
    problems = lock_order_problems_recorded()
    assert not problems, "Lock order broken:\n" + "\n".join(problems)
