"""What the registration services share: status shorthand and the candidate's notice e-mail."""

from __future__ import annotations

from django.db import transaction

from aicert.registration import tasks
from aicert.registration.models import (
    Registration,
    RegistrationStatus,
)

S = RegistrationStatus


def _notify(registration: Registration, kind: str) -> None:
    """Email the candidate about ``kind`` once the transaction has committed."""

    pk = registration.pk
    transaction.on_commit(
        lambda: tasks.registration_email_send.enqueue(registration_id=pk, kind=kind)
    )
