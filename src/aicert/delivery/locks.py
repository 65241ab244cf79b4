"""Row locks of delivery (order: :mod:`aicert.shared.locking`).

A form before its items; an attempt after its registration and before its responses and
events -- every attempt service takes it, so saves, pauses, submission and auto-submission of
one attempt are serialised. ``of=("self",)`` keeps PostgreSQL from locking joined rows.
"""

from __future__ import annotations

from django.db.models import QuerySet

from aicert.delivery.models import Attempt, Form


def form_row_lock(*, pk: int) -> Form:
    """Lock one form row and return it fresh (not to be confused with the ``form_lock``
    service, which makes a form immutable). Needs ``transaction.atomic``."""
    return Form.objects.select_for_update(of=("self",)).select_related("subject").get(pk=pk)


def attempt_row_lock(*, pk: int) -> Attempt:
    """Lock one attempt row and return it fresh (with its form). Needs ``transaction.atomic``."""
    return Attempt.objects.select_for_update(of=("self",)).select_related("form").get(pk=pk)


def attempt_rows_lock(*, queryset: QuerySet[Attempt]) -> list[Attempt]:
    """Lock the attempts ``queryset`` selects, in pk order (a rescore of a whole form)."""
    return list(queryset.order_by("pk").select_for_update(of=("self",)))
