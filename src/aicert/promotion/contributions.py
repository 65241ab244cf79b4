"""What promotion contributes: its permissions and the event reminder job."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.promotion import grants
from aicert.shared.periodic import PeriodicJob, periodic_job_register

# A day before an event, those with a place are reminded by e-mail.
PERIODIC_JOB = PeriodicJob(
    "event_reminders_send", 900, "aicert.promotion.services.event_reminders_send"
)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    periodic_job_register(PERIODIC_JOB)
