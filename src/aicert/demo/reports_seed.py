"""Reports in the demo: the pre-aggregated facts built from whatever the demo seeded."""

from __future__ import annotations

from aicert.reports.services import facts_refresh


def reports_seed() -> dict[str, int]:
    return {"report_facts": int(facts_refresh()["facts"])}
