"""The item writer's and the item reviewer's dashboard panels."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.roles import Role
from aicert.shared.dashboard import DashboardPanel


def writer_panel(*, user: Any) -> DashboardPanel | None:
    if Role.ITEM_WRITER not in user.roles:
        return None
    return DashboardPanel(
        "item_writer",
        _("My items"),
        _("Items you write, with their review status, will appear here."),
        links=[
            (_("Item bank"), reverse("itembank:item_list")),
            (_("Write a new item"), reverse("itembank:item_create")),
        ],
    )


def reviewer_panel(*, user: Any) -> DashboardPanel | None:
    if Role.ITEM_REVIEWER not in user.roles:
        return None
    return DashboardPanel(
        "item_reviewer",
        _("My review queue"),
        _("Items assigned to you for review will appear here."),
        links=[(_("My review queue"), reverse("itembank:review_queue"))],
    )
