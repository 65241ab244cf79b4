"""Writes for delivery: assembling, locking and publishing forms; running attempts.

Forms: draft -> locked -> published -> retired (a draft may also be discarded). Only a draft
may change; the database refuses changes to a locked form's items as well.

Attempts: ready -> in_progress <-> paused -> submitted | auto_submitted; any -> voided. The
clock is the server's: services take ``now`` (default: the current time) so the arithmetic is
testable, and store the deadline they compute. Every service that touches an attempt locks its
row first (:mod:`aicert.delivery.locks`).

Every state change of a form or an attempt is written to the audit trail
(:func:`aicert.audit.services.audit_record`) and, for attempts, to the attempt's own event log.
Saves of answers are logged only in the attempt's event log (with the answer and its sequence
number): one audit row per keystroke-driven save would drown the audit trail, and the event log
is the append-only record a dispute about an answer needs.

The writes are split by context, one module each: :mod:`.forms` (assembling, locking,
publishing forms), :mod:`.attempts` (an attempt's life and its saved answers) and :mod:`.room`
(the exam-day room: forms of a session, check-in, authorising, incidents). Import them from
here; the names are the same as before the split.
"""

from __future__ import annotations

from aicert.delivery.services.attempts import (
    MAX_EXTENSION_SECONDS,
    MAX_SAVES_PER_BATCH,
    SAVE_GRACE_SECONDS,
    SaveIn,
    SaveReceipt,
    SaveRefusal,
    attempt_authorize,
    attempt_auto_submit,
    attempt_claim_device,
    attempt_extend,
    attempt_pause,
    attempt_release_device,
    attempt_resume,
    attempt_start,
    attempt_submit,
    attempt_void,
    attempts_auto_submit_expired,
    response_save,
    responses_save,
)
from aicert.delivery.services.forms import (
    form_assemble,
    form_discard,
    form_item_replace,
    form_lock,
    form_publish,
    form_retire,
)
from aicert.delivery.services.room import (
    check_in_mark_absent,
    check_in_record,
    incident_report,
    session_absentees_mark,
    session_attempts_pause,
    session_attempts_resume,
    session_authorize_attempts,
    session_form_attach,
    session_form_detach,
    sessions_absentees_mark_ended,
)

__all__ = [
    "MAX_EXTENSION_SECONDS",
    "MAX_SAVES_PER_BATCH",
    "SAVE_GRACE_SECONDS",
    "SaveIn",
    "SaveReceipt",
    "SaveRefusal",
    "attempt_authorize",
    "attempt_auto_submit",
    "attempt_claim_device",
    "attempt_extend",
    "attempt_pause",
    "attempt_release_device",
    "attempt_resume",
    "attempt_start",
    "attempt_submit",
    "attempt_void",
    "attempts_auto_submit_expired",
    "check_in_mark_absent",
    "check_in_record",
    "form_assemble",
    "form_discard",
    "form_item_replace",
    "form_lock",
    "form_publish",
    "form_retire",
    "incident_report",
    "response_save",
    "responses_save",
    "session_absentees_mark",
    "session_attempts_pause",
    "session_attempts_resume",
    "session_authorize_attempts",
    "session_form_attach",
    "session_form_detach",
    "sessions_absentees_mark_ended",
]
