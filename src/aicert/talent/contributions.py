"""What talent contributes: its permissions and its dashboard links."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.shared.dashboard import Section, dashboard
from aicert.talent import dashboard as panels
from aicert.talent import grants


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    dashboard.links("employer", panels.employer_links, order=10)
    dashboard.links(
        "foundation_admin", panels.foundation_links, order=70, section=Section.ADMINISTRATION
    )
    dashboard.links("candidate", panels.holder_links, order=30)
