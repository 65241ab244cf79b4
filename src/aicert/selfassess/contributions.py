"""What self-assessment contributes: its permissions per role, and its dashboard links."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.selfassess import dashboard as panels
from aicert.selfassess import grants
from aicert.shared.dashboard import Section, dashboard


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    dashboard.links("candidate", panels.candidate_links, order=15)
    dashboard.links("psychometrician", panels.bank_links, order=50)
    dashboard.links("foundation_admin", panels.bank_links, order=35, section=Section.CONTENT)
    dashboard.links("foundation_admin", panels.course_links, order=36, section=Section.CONTENT)
    dashboard.links("center_manager", panels.course_links, order=45)
