"""What each role may do in marking, item challenges and appeals.

Candidates act on their own challenges and appeals through ownership checks, not permissions.
"""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

ROLE_GRANTS: dict[str, set[str]] = {
    # The foundation handles appeals, adjudicates and reads marker agreement.
    Role.FOUNDATION_ADMIN: {
        "scoring.adjudicate_response",
        "scoring.view_marking_statistics",
        "scoring.handle_appeal",
        "scoring.view_appeal",
        "scoring.view_rescorerecord",
    }
    | model_perms("scoring", "scoringpolicy", "itemmarkingrule", "markerprofile"),
    # Psychometricians decide item challenges and read marker agreement.
    Role.PSYCHOMETRICIAN: {"scoring.decide_challenge", "scoring.view_marking_statistics"},
    # Markers mark written answers double-blind (the services check the task is theirs; senior
    # markers adjudicate).
    Role.MARKER: {"scoring.mark_response", "scoring.adjudicate_response"},
}
