"""Credentials' links on the dashboard: the foundation's certificate pages, the holder's own."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can


def foundation_links_for_dashboard(*, user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    if user_can(user, "credentials.view_certificate"):
        links.append((_("Certificates"), reverse("credentials:manage_list")))
    if user_can(user, "credentials.review_cpdrecord"):
        links.append((_("Training hours to review"), reverse("credentials:cpd_queue")))
    return links


def holder_links_for_dashboard(*, user: Any) -> list[tuple[str, str]]:
    if user.is_anonymous:
        return []
    return [(_("My certificates"), reverse("credentials:mine"))]
