"""What the accounts app contributes to the platform (registered from ``AccountsConfig.ready``)."""

from __future__ import annotations

from aicert.accounts import grants
from aicert.accounts.permissions import permissions_grant


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
