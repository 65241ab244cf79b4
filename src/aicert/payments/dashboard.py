"""What payments shows on the foundation's dashboard."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can


def statement_links(*, user: Any) -> list[tuple[str, str]]:
    if not user_can(user, "payments.view_bankstatement"):
        return []
    return [(_("Bank statements and fees"), reverse("payments:statement_list"))]
