"""Writes for registration, split by context, one module each:

* :mod:`.profile`: the candidate profile, consent and data rights (export, deletion);
* :mod:`.registrations`: registering, the waiting list, cancellation, transfer, group
  bookings, and a registration's exam-day states (checked in, absent, sat);
* :mod:`.accommodations`: requests, documents and decisions;
* :mod:`.tickets`: seats, admission tickets and their e-mails, exam reminders.

Every service that touches seats runs in one transaction and locks in the platform's order
(:mod:`aicert.shared.locking`: sessions in pk order, then group booking, then registrations),
counts seats only under the session lock, and sends its emails after commit. Import the
services from here; the names are the same as before the split.
"""

from __future__ import annotations

from aicert.registration.services.accommodations import (
    accommodation_document_open,
    accommodation_request_create,
    accommodation_request_decide,
    accommodation_request_withdraw,
)
from aicert.registration.services.profile import (
    candidate_profile_save,
    consent_give,
    deletion_request_create,
    deletion_request_process,
)
from aicert.registration.services.registrations import (
    group_booking_create,
    registration_accept_offer,
    registration_cancel,
    registration_check_in,
    registration_confirm_payment,
    registration_create,
    registration_mark_absent,
    registration_mark_sat,
    registration_transfer,
    waitlist_expire_offers,
)
from aicert.registration.services.tickets import (
    REMINDER_DAYS_BEFORE,
    SeatAssignment,
    exam_reminders_send,
    session_seats_assign,
    tickets_release_due,
)

__all__ = [
    "REMINDER_DAYS_BEFORE",
    "SeatAssignment",
    "accommodation_document_open",
    "accommodation_request_create",
    "accommodation_request_decide",
    "accommodation_request_withdraw",
    "candidate_profile_save",
    "consent_give",
    "deletion_request_create",
    "deletion_request_process",
    "exam_reminders_send",
    "group_booking_create",
    "registration_accept_offer",
    "registration_cancel",
    "registration_check_in",
    "registration_confirm_payment",
    "registration_create",
    "registration_mark_absent",
    "registration_mark_sat",
    "registration_transfer",
    "session_seats_assign",
    "tickets_release_due",
    "waitlist_expire_offers",
]
