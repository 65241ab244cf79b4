"""What each role may do on exam day and with forms, and the invigilators' roster scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q

from aicert.accounts.permissions import ExtraScope, model_perms
from aicert.accounts.roles import Role
from aicert.scheduling.selectors import session_rostered_q

# Psychometricians assemble, lock and see the keys of forms.
FORMS_PSYCHOMETRICIAN = {
    "delivery.view_form",
    "delivery.assemble_form",
    "delivery.lock_form",
    "delivery.view_form_key",
    "delivery.attach_session_form",
    "delivery.view_sessionform",
}
# The exam-day room (check-in, incidents, the console) and the attempts in it: invigilators and
# center managers of their own center (Attempt.center_scope, CheckIn.center_scope, ...).
ROOM = {
    "delivery.view_attempt",
    "delivery.authorize_attempt",
    "delivery.invigilate_attempt",
    "delivery.view_checkin",
    "delivery.check_in_candidate",
    "delivery.view_incident",
    "delivery.add_incident",
    "delivery.view_sessionform",
}
# Managers also admit late candidates after the cut-off and void attempts.
ROOM_MANAGER = ROOM | {"delivery.override_check_in_cutoff", "delivery.void_attempt"}

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: ROOM_MANAGER
    | {"delivery.view_form", "delivery.attach_session_form"}
    | model_perms("delivery", "checkinpolicy"),
    Role.CENTER_MANAGER: ROOM_MANAGER,
    Role.INVIGILATOR: ROOM,
    Role.PSYCHOMETRICIAN: FORMS_PSYCHOMETRICIAN,
}


def session_path(model: type[Model]) -> str | None:
    """ORM path from a row of ``model`` to its exam session ("" for a session), or None."""
    if model._meta.label_lower == "scheduling.session":
        return ""
    parts = (getattr(model, "center_scope", "") or "").split("__")
    if "session" not in parts:
        return None
    return "__".join(parts[: parts.index("session") + 1])


def _rostered(path: str, user: Any) -> Q:
    return session_rostered_q(path=path, user=user)


# An invigilator acts on exam day only in the sessions they are rostered for, not in every room
# of their center: the roster is how the center decides who watches which room. Center managers
# keep the whole center.
INVIGILATOR_ROSTER_SCOPE = ExtraScope(
    role=Role.INVIGILATOR, app_label="delivery", path_of=session_path, q=_rostered
)
