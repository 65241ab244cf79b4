"""What promotion adds to dashboards: writing for a region, partner campaigns, subscriptions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.promotion.campaign_selectors import campaigns_visible


def staff_links(*, user: Any) -> list[tuple[str, str]]:
    """A center manager's or the foundation's links to write news and follow partners."""
    links: list[tuple[str, str]] = []
    if user_can(user, "promotion.add_announcement"):
        links.append((_("New announcement"), reverse("promotion:announcement_create")))
    if user_can(user, "promotion.add_event"):
        links.append((_("New event"), reverse("promotion:event_create")))
    if user_can(user, "promotion.view_partnercampaign"):
        links.append((_("Partner campaigns"), reverse("promotion:campaigns")))
    return links


def person_links(*, user: Any) -> list[tuple[str, str]]:
    """Anybody's subscriptions; a partner school's contact person's campaigns."""
    if user.is_anonymous:
        return []
    links = [(_("My subscriptions"), reverse("promotion:subscriptions"))]
    if (
        not user_can(user, "promotion.view_partnercampaign")
        and campaigns_visible(user=user).exists()
    ):
        links.append((_("Partner campaigns"), reverse("promotion:campaigns")))
    return links
