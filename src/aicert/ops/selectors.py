"""Reads for operations: is this server ready to serve, and how long is the task queue."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

_migrated: set[str] = set()  # databases seen fully migrated (a migration never un-applies)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


def _database_check(alias: str) -> Check:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return Check(f"database:{alias}", False, type(exc).__name__)
    return Check(f"database:{alias}", True)


def _migrations_check(alias: str) -> Check:
    if alias not in _migrated:
        executor = MigrationExecutor(connections[alias])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return Check("migrations", False, f"{len(pending)} not applied")
        _migrated.add(alias)
    return Check("migrations", True)


def readiness_checks() -> list[Check]:
    """What must hold before a load balancer sends this server traffic: every database answers
    (the primary and any replica) and the primary's schema is fully migrated."""
    checks = [_database_check(alias) for alias in settings.DATABASES]
    if checks[0].ok:
        checks.append(_migrations_check("default"))
    return checks


def task_queue_depth() -> int | None:
    """Tasks waiting in the database queue (None when tasks run at once, as in development)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return None
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
