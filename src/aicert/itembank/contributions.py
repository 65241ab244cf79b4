"""What the item bank contributes: its permissions and row scopes, the writer's and reviewer's
dashboard panels."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant, row_scopes_register
from aicert.itembank import dashboard as panels
from aicert.itembank import grants
from aicert.shared.dashboard import dashboard


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    for role, scopes in grants.ROW_SCOPES.items():
        row_scopes_register(role, scopes)
    dashboard.panel("item_writer", panels.writer_panel, order=200)
    dashboard.panel("item_reviewer", panels.reviewer_panel, order=300)
