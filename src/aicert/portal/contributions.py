"""What the portal contributes: the role panels of the dashboard (see :mod:`.dashboard`)."""

from __future__ import annotations

from aicert.portal import dashboard


def register() -> None:
    dashboard.register()
