"""What the catalogue contributes: its permissions, and figures and links on dashboards."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.catalog import dashboard as panels
from aicert.catalog import grants
from aicert.shared.dashboard import Section, dashboard


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    dashboard.figures("foundation_admin", panels.program_figures, order=10)
    dashboard.figures("foundation_admin", panels.course_figures, order=30)
    dashboard.links("foundation_admin", panels.catalogue_links, order=20, section=Section.CONTENT)
    dashboard.links("candidate", panels.candidate_links, order=10)
