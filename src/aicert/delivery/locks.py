"""Row locks for delivery, always in one order (DESIGN.md convention 6).

1. the subject row (``subject_lock``) while forms of that subject are numbered and written;
2. a form row (``form_lock``) before its items;
3. an attempt row (``attempt_lock``) before its responses and events -- every attempt service
   takes it, so saves, pauses, submission and auto-submission of one attempt are serialised.

``of=("self",)`` keeps PostgreSQL from locking joined rows; SQLite serialises writers anyway.
"""

from __future__ import annotations

from aicert.catalog.models import Subject
from aicert.delivery.models import Attempt, Form


def subject_lock(*, pk: int) -> Subject:
    """Lock one subject row while its forms are numbered. Needs ``transaction.atomic``."""
    return Subject.objects.select_for_update().get(pk=pk)


def form_lock(*, pk: int) -> Form:
    """Lock one form row and return it fresh. Needs ``transaction.atomic``."""
    return Form.objects.select_for_update(of=("self",)).select_related("subject").get(pk=pk)


def attempt_lock(*, pk: int) -> Attempt:
    """Lock one attempt row and return it fresh (with its form). Needs ``transaction.atomic``."""
    return Attempt.objects.select_for_update(of=("self",)).select_related("form").get(pk=pk)
