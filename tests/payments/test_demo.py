"""The demo's payers and sample bank statement reconcile to every outcome."""

import pytest

from aicert.demo.payments_seed import SAMPLE_STATEMENT
from aicert.payments.models import LineOutcome
from aicert.payments.services import statement_upload
from aicert.registration.models import Registration

pytestmark = pytest.mark.django_db


def test_sample_statement_reconciles_against_the_demo(demo, demo_user):
    from aicert.demo.seed import demo_seed

    pending = Registration.objects.filter(candidate__email__startswith="payer")
    assert pending.filter(status="pending_payment").count() == 4
    demo_seed(items=False)  # idempotent
    assert pending.count() == 5
    statement = statement_upload(
        actor=demo_user("admin@aicert.example"),
        file_name=SAMPLE_STATEMENT.name,
        data=SAMPLE_STATEMENT.read_bytes(),
    )
    assert list(statement.lines.order_by("line_number").values_list("outcome", flat=True)) == [
        LineOutcome.CONFIRMED,
        LineOutcome.UNDERPAID,
        LineOutcome.OVERPAID,
        LineOutcome.NOT_PAYABLE,
        LineOutcome.UNKNOWN_ACCOUNT,
        LineOutcome.DUPLICATE,
    ]
    status = dict(pending.values_list("candidate__email", "status"))
    assert status == {
        "payer1@aicert.example": "confirmed",
        "payer2@aicert.example": "pending_payment",
        "payer3@aicert.example": "confirmed",
        "payer4@aicert.example": "cancelled",
        "payer5@aicert.example": "pending_payment",
    }


def test_the_demo_has_a_refund_due_and_none_sent(demo):
    from aicert.demo.seed import demo_seed
    from aicert.payments.models import RefundPayout
    from aicert.payments.selectors import refunds_due

    due = refunds_due()
    assert [(r.kind, r.registration.candidate.email) for r in due] == [
        ("registration", "refund1@aicert.example")
    ]
    assert due[0].amount > 0
    assert not RefundPayout.objects.exists()
    demo_seed(items=False)  # idempotent
    assert len(refunds_due()) == 1
