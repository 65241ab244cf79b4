"""What scheduling contributes: its permissions, the center's sessions panel and the
invigilator's duties panel."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.accounts.roles import Role
from aicert.scheduling import dashboard as panels
from aicert.scheduling import grants
from aicert.shared.dashboard import DashboardPanel, dashboard


def _sessions_panel(*, user) -> DashboardPanel | None:
    return (
        panels.dashboard_panel_for_center_manager(user=user)
        if Role.CENTER_MANAGER in user.roles
        else None
    )


def _duties_panel(*, user) -> DashboardPanel | None:
    return (
        panels.dashboard_panel_for_invigilator(user=user)
        if Role.INVIGILATOR in user.roles
        else None
    )


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    dashboard.panel("sessions", _sessions_panel, order=650)
    dashboard.panel("invigilator", _duties_panel, order=700)
