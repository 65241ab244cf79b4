"""What credentials contributes: permissions, the expiry job, and a certificate for every pass."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.credentials import dashboard as panels
from aicert.credentials import grants, selectors, services
from aicert.registration.extensions import levels_withdrawn_register
from aicert.results.events import LevelAchieved, LevelAchievementWithdrawn, LevelPassedAgain
from aicert.shared.dashboard import Section, dashboard
from aicert.shared.events import IN_TRANSACTION, event_subscribe
from aicert.shared.periodic import PeriodicJob, periodic_job_register

PERIODIC_JOBS = (
    # Certificates past their expiry date become expired (audited, in their history).
    PeriodicJob(
        "credentials_expire_due", 3600, "aicert.credentials.services.certificates_expire_due"
    ),
    # Holders whose certificate expires in 90/30/7 days (ReminderOffset rows) are reminded once.
    PeriodicJob(
        "credentials_reminders_send",
        3600,
        "aicert.credentials.services.certificate_reminders_send",
    ),
)


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    # A revoked or suspended certificate's level is no prerequisite a holder meets.
    levels_withdrawn_register(selectors.levels_withdrawn)
    for job in PERIODIC_JOBS:
        periodic_job_register(job)
    # In the pass's own transaction: a pass and its certificate stand or fall together.
    event_subscribe(LevelAchieved, services.on_level_achieved, phase=IN_TRANSACTION)
    # A holder passing again renews (re-exam route) in the same transaction.
    event_subscribe(LevelPassedAgain, services.on_level_passed_again, phase=IN_TRANSACTION)
    event_subscribe(
        LevelAchievementWithdrawn, services.on_level_achievement_withdrawn, phase=IN_TRANSACTION
    )
    dashboard.links(
        "foundation_admin", panels.foundation_links_for_dashboard, order=70, section=Section.RESULTS
    )
    dashboard.links("my_registrations", panels.holder_links_for_dashboard, order=30)
