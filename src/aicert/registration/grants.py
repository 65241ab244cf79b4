"""What each role may do with registrations, candidate profiles, accommodations and tickets."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

REGISTRATION_MODELS = (
    "registration",
    "candidateprofile",
    "consentrecord",
    "deletionrequest",
    "levelachievement",
    "refundpolicy",
    "groupbooking",
)
# Accommodations hold health data: only foundation admins review them (and the candidate sees
# their own). Center managers only assign seats and print tickets for their own center's
# sessions, seeing the resulting needs, never the details or documents.
ACCOMMODATION_REVIEW = {
    "registration.view_accommodationrequest",
    "registration.decide_accommodationrequest",
}
SEATS = {"registration.assign_seats", "registration.print_tickets"}

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("registration", *REGISTRATION_MODELS)
    | ACCOMMODATION_REVIEW
    | SEATS,
    # Their own center's candidates' places (Registration.center_scope).
    Role.CENTER_MANAGER: {"registration.view_registration"} | SEATS,
}
