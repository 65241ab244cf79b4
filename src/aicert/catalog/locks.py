"""Row locks of the catalogue (order: :mod:`aicert.shared.locking`)."""

from __future__ import annotations

from aicert.catalog.models import Subject


def subject_row_lock(*, pk: int) -> Subject:
    """Lock one subject while its forms or scale versions are numbered (first of all locks).

    Needs ``transaction.atomic``."""
    return Subject.objects.select_for_update().get(pk=pk)
