"""Who may see and manage certificates. A holder sees their own without any permission; anyone
may check one by number and name (the public verification page)."""

from __future__ import annotations

from aicert.accounts.roles import Role

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: {
        "credentials.view_certificate",
        "credentials.change_certificate_status",
        "credentials.review_cpdrecord",
        "credentials.view_cpdrecord",
        # The reminder offsets are data the foundation edits (Django admin).
        "credentials.view_reminderoffset",
        "credentials.add_reminderoffset",
        "credentials.change_reminderoffset",
        "credentials.view_certificateevent",
    },
}
