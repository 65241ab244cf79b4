"""Row locks of credentials (order: :mod:`aicert.shared.locking`): a certificate is locked after
the exam rows of the result that earned it (issued and revoked inside results' transactions)."""

from __future__ import annotations

from aicert.credentials.models import Certificate, CpdRecord


def certificate_row_lock(*, pk: int) -> Certificate:
    """Lock one certificate (a status change, a renewal). Needs ``atomic``."""
    return Certificate.objects.select_for_update(of=("self",)).get(pk=pk)


def cpd_record_row_lock(*, pk: int) -> CpdRecord:
    """Lock one CPD record (its review). After :func:`certificate_row_lock` of its certificate."""
    return CpdRecord.objects.select_for_update(of=("self",)).get(pk=pk)
