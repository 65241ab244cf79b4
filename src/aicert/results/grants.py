"""What each role may do with results, scales and releases."""

from __future__ import annotations

from aicert.accounts.roles import Role

# Psychometricians see and export scores and publish scale transformations.
ANALYST = {
    "results.view_result",
    "results.export_result",
    "results.view_session_summary",
    "results.view_scaletransform",
    "results.add_scaletransform",
}

ROLE_GRANTS: dict[str, set[str]] = {
    # The foundation releases results and sees every score.
    Role.FOUNDATION_ADMIN: ANALYST | {"results.release_result"},
    Role.PSYCHOMETRICIAN: ANALYST,
    # Only aggregate counts of their own center's sessions (Session.center_scope), never scores.
    Role.CENTER_MANAGER: {"results.view_session_summary"},
}
