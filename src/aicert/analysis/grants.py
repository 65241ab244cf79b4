"""Who may run and read item analysis (item content and statistics: foundation roles only)."""

from __future__ import annotations

from aicert.accounts.roles import Role

ANALYSIS = {"analysis.view_analysisrun", "analysis.run_item_analysis"}

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: ANALYSIS,
    Role.PSYCHOMETRICIAN: ANALYSIS,
}
