"""What each role may do with announcements and events."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

# The foundation writes for every region; a center manager for their own center's region only
# (the services check the region: these models belong to a region, not to one center).
ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("promotion", "announcement", "event", "eventrsvp"),
    Role.CENTER_MANAGER: model_perms("promotion", "announcement", "event")
    | {"promotion.view_eventrsvp"},
}
