"""What payments contributes: its permissions and periodic job, a payment opened for every
registration awaiting one, the fee facts registration's rules need, and the payment due on the
candidate's "My registrations" page and e-mails."""

from __future__ import annotations

from typing import Any

from aicert.accounts.permissions import permissions_grant
from aicert.payments import dashboard as panels
from aicert.payments import grants, selectors, services
from aicert.registration import extensions
from aicert.registration.events import RegistrationAwaitingPayment
from aicert.shared.dashboard import Section, dashboard
from aicert.shared.events import IN_TRANSACTION, event_subscribe
from aicert.shared.periodic import PeriodicJob, periodic_job_register

# Registrations unpaid by their payment deadline release their seat to the waiting list.
PERIODIC_JOB = PeriodicJob(
    "payment_deadlines_enforce", 900, "aicert.payments.services.payment_deadlines_enforce"
)


class FeeAdjustments:
    """Registration's fee rules, answered from the waivers and bank lines this app keeps."""

    def waived(self, *, registration_ids: list[int]) -> int:
        return selectors.fee_waived_total(registration_ids=registration_ids)

    def overpaid(self, *, registration_ids: list[int]) -> int:
        return selectors.overpaid_total(registration_ids=registration_ids)


def _payment_open(event: RegistrationAwaitingPayment) -> None:
    services.payment_open(registration=event.registration, now=event.now, new=event.new)


def _annotate_payments(*, user: Any, registrations: list[Any]) -> None:
    due = selectors.payment_instructions_for_candidate(user=user)
    for registration in registrations:
        registration.payment = due.get(registration.pk)


def _notice_instructions(*, registration: Any, kind: str) -> dict:
    # How to pay goes with the e-mails that leave a seat awaiting payment.
    if kind not in ("registered", "transferred"):
        return {"instructions": None}
    return {"instructions": selectors.payment_instructions(registration=registration)}


def register() -> None:
    permissions_grant(grants.ROLE_GRANTS)
    periodic_job_register(PERIODIC_JOB)
    event_subscribe(RegistrationAwaitingPayment, _payment_open, phase=IN_TRANSACTION)
    extensions.fee_adjustments_register(FeeAdjustments())
    extensions.my_registrations_annotator_register(_annotate_payments)
    extensions.fragment_register(extensions.SLOT_REFUND, "payments/_my_registration_refund.html")
    extensions.fragment_register(extensions.SLOT_STATUS, "payments/_my_registration_payment.html")
    extensions.notice_context_register(_notice_instructions)
    extensions.fragment_register(extensions.SLOT_NOTICE, "payments/email/_registration_notice.txt")
    dashboard.links("foundation_admin", panels.statement_links, order=30, section=Section.SESSIONS)
