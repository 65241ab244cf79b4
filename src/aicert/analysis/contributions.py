"""What item analysis contributes: its permissions and the psychometrician's links."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.analysis import dashboard as panels
from aicert.analysis import grants
from aicert.shared.dashboard import dashboard


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    dashboard.links("psychometrician", panels.analysis_links_for_dashboard, order=20)
