"""Row locks of registration (order: :mod:`aicert.shared.locking`).

A registration's session comes first (``aicert.scheduling.locks.session_rows_lock``), then its
group booking, then the registrations; seat counts are read only after the session lock, so two
transactions racing for the last seat of a session queue on its row and the second one counts
the first one's seat. A person's own records (profile, deletion request, accommodation
requests) are locked on their own, never together with session rows.
"""

from __future__ import annotations

from django.db.models import QuerySet

from aicert.accounts.models import User
from aicert.registration.models import (
    AccommodationRequest,
    CandidateProfile,
    DeletionRequest,
    GroupBooking,
    Registration,
)


def group_booking_row_lock(*, code: str) -> GroupBooking | None:
    """Lock a group booking by code (after the session). Needs ``atomic``."""
    return GroupBooking.objects.select_for_update().filter(code=code).first()


def registration_row_lock(*, pk: int) -> Registration:
    """Lock one registration (after its session, before its attempt). Needs ``atomic``."""
    return (
        Registration.objects.select_for_update(of=("self",)).select_related("candidate").get(pk=pk)
    )


def registration_rows_lock(
    *, queryset: QuerySet[Registration], limit: int | None = None
) -> list[Registration]:
    """Lock the registrations ``queryset`` selects (the first ``limit``), in its order (default:
    pk), after their sessions -- whose locks already serialise everyone who locks registrations
    of a session."""
    if not queryset.ordered:
        queryset = queryset.order_by("pk")
    queryset = queryset.select_for_update(of=("self",))
    return list(queryset if limit is None else queryset[:limit])


def candidate_profile_row_lock(*, user: User) -> CandidateProfile | None:
    """Lock a candidate's profile (None: they have none yet). Needs ``atomic``."""
    return CandidateProfile.objects.select_for_update().filter(user=user).first()


def deletion_request_row_lock(*, pk: int) -> DeletionRequest:
    return DeletionRequest.objects.select_for_update().get(pk=pk)


def accommodation_request_row_lock(*, pk: int) -> AccommodationRequest:
    """Lock one accommodation request (no session lock involved). Needs ``atomic``."""
    return AccommodationRequest.objects.select_for_update().get(pk=pk)


def accommodation_request_rows_lock(
    *, queryset: QuerySet[AccommodationRequest]
) -> list[AccommodationRequest]:
    """Lock a candidate's accommodation requests ``queryset`` selects, in pk order."""
    return list(queryset.order_by("pk").select_for_update())
