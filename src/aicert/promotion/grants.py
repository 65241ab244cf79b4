"""What each role may do with announcements, events and partner campaigns.

A partner school's contact person holds no role: they see their own school's campaigns as the
contact of its group codes (:func:`aicert.promotion.campaign_selectors.campaigns_visible`)."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

# The foundation writes for every region; a center manager for their own center's region only
# (the services check the region: these models belong to a region, not to one center).
ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms(
        "promotion", "announcement", "event", "eventrsvp", "partnercampaign"
    )
    | {"promotion.view_subscription", "promotion.view_mailing"},
    Role.CENTER_MANAGER: model_perms("promotion", "announcement", "event")
    | model_perms("promotion", "partnercampaign", actions=("view", "add", "change"))
    | {"promotion.view_eventrsvp"},
}
