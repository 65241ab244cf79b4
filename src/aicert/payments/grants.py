"""What each role may do with fees, bank statements, waivers and refunds."""

from __future__ import annotations

from aicert.accounts.roles import Role

# Only the foundation (its finance staff) reconciles bank statements, waives fees, records
# payments received outside the bank and refunds sent; centers and candidates never reach these.
ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: {
        "payments.view_bankstatement",
        "payments.reconcile_statement",
        "payments.view_virtualaccount",
        "payments.view_feewaiver",
        "payments.grant_waiver",
        "payments.view_manualpayment",
        "payments.record_payment",
        "payments.view_statementline",
        "payments.view_refundpayout",
        "payments.record_refund",
    },
}
