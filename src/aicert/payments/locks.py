"""Row locks of payments (order: :mod:`aicert.shared.locking`): a bank statement's lines come
after the sessions and registrations they pay for."""

from __future__ import annotations

from aicert.payments.models import StatementLine


def statement_line_row_lock(*, pk: int) -> StatementLine:
    """Lock one bank statement line (a refund sent from it). Needs ``atomic``."""
    return StatementLine.objects.select_for_update(of=("self",)).get(pk=pk)
