"""What promotion contributes: its permissions, the event reminder job and the mailings job."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.promotion import dashboard as panels
from aicert.promotion import grants
from aicert.shared.dashboard import Section, dashboard
from aicert.shared.periodic import PeriodicJob, periodic_job_register

# A day before an event, those with a place are reminded by e-mail.
PERIODIC_JOB = PeriodicJob(
    "event_reminders_send", 900, "aicert.promotion.services.event_reminders_send"
)

# Subscribers hear of announcements that became visible and of sessions whose registration
# opened; stalled mailings are enqueued again.
MAILINGS_JOB = PeriodicJob(
    "promotion_mailings_open", 300, "aicert.promotion.subscription_services.mailings_open_due"
)

# Addresses that never confirmed are forgotten once their link has expired.
PURGE_JOB = PeriodicJob(
    "promotion_subscriptions_purge",
    86400,
    "aicert.promotion.subscription_services.subscriptions_purge_unconfirmed",
)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    periodic_job_register(PERIODIC_JOB)
    periodic_job_register(MAILINGS_JOB)
    periodic_job_register(PURGE_JOB)
    dashboard.links("foundation_admin", panels.staff_links, order=80, section=Section.CONTENT)
    dashboard.links("center_manager", panels.staff_links, order=40)
    dashboard.links("my_registrations", panels.person_links, order=40)
