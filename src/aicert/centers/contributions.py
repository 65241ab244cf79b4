"""What the centers app contributes: its permissions, and figures and links on dashboards."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.centers import dashboard as panels
from aicert.centers import grants
from aicert.shared.dashboard import dashboard


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    dashboard.figures("foundation_admin", panels.center_figures, order=20)
    dashboard.figures("center_manager", panels.manager_figures, order=10)
    dashboard.links("center_manager", panels.manager_links, order=10)
    dashboard.links("candidate", panels.candidate_links, order=20)
