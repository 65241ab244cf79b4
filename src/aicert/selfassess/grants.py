"""Who may see and curate the practice bank. Taking a practice test needs only a sign-in."""

from __future__ import annotations

from aicert.accounts.roles import Role

ROLE_GRANTS: dict[str, set[str]] = {
    Role.PSYCHOMETRICIAN: {"selfassess.view_practiceitem", "selfassess.manage_practice_bank"},
    Role.FOUNDATION_ADMIN: {"selfassess.view_practiceitem"},
}
