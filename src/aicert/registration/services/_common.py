"""What the registration services share: status shorthand and the candidate's notice e-mail."""

from __future__ import annotations

from django.db import transaction
from django_tasks_db import DatabaseBackend

from aicert.registration import tasks
from aicert.registration.models import (
    Registration,
    RegistrationStatus,
)

S = RegistrationStatus


def _notify(registration: Registration, kind: str) -> None:
    """Email the candidate about ``kind`` once the transaction has committed.

    With the database queue (production's ``django_tasks_db``) the task row is written inside
    the transaction: it becomes visible to the worker at the commit and is rolled back with the
    registration, so no e-mail is lost between the commit and the enqueue, and a registration
    costs one commit instead of two. Any other backend (the immediate one of the demo and the
    tests, which sends at once) is called after the commit.
    """

    pk = registration.pk

    def enqueue() -> None:
        tasks.registration_email_send.enqueue(registration_id=pk, kind=kind)

    connection = transaction.get_connection()
    if connection.in_atomic_block and isinstance(
        tasks.registration_email_send.get_backend(), DatabaseBackend
    ):
        enqueue()
    else:
        transaction.on_commit(enqueue)
