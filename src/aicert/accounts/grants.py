"""What each role may do with accounts, organisations and the audit trail."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("accounts", "organisation", "membership")
    | {"accounts.view_user", "accounts.change_user"}
    # The audit trail sits below accounts (it knows no roles): its reader is granted here.
    | {"audit.view_auditevent"},
}
