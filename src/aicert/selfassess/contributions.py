"""What self-assessment contributes: its permissions per role."""

from __future__ import annotations

from aicert.accounts.permissions import permissions_grant
from aicert.selfassess import grants


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
