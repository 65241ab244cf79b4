"""Demo payments: candidates awaiting payment with fixed virtual accounts, matching the sample
bank statement ``demo/bank_statement_sample.csv`` (a data file, see :mod:`aicert.demo.data`)
that the demo admin uploads on the "Bank
statements" page (dashboard → Bank statements and fees).

The sample's lines, once uploaded: 王小明 pays exactly (confirmed), 李美玲 pays part (underpaid),
張家豪 pays too much (overpaid, refund flagged), 陳怡君 pays a registration she cancelled
(refund flagged), one transfer to an unknown account, and one line repeated (duplicate).
林志偉 stays unpaid, to try a waiver on. 黃淑芬 paid at the counter and then cancelled for a
documented reason, so the "Refunds" page has a refund due before any statement is uploaded
(nothing is recorded as sent: that is for the demo admin to try). Idempotent.
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.utils import timezone

from aicert.accounts.models import User
from aicert.centers.models import County
from aicert.demo.data import demo_data_path
from aicert.demo.people import DEMO_PASSWORD, national_id
from aicert.payments.models import VirtualAccount
from aicert.payments.providers import virtual_account_number
from aicert.payments.services import payment_record_manual
from aicert.registration.models import Registration
from aicert.registration.services import (
    candidate_profile_save,
    consent_give,
    registration_cancel,
    registration_create,
)

SAMPLE_STATEMENT = demo_data_path("bank_statement_sample.csv")

# A candidate who paid and then cancelled: a refund is due (not yet sent) in the fresh demo.
# Her email does not start with "payer": she is not part of the sample statement's payers.
DEMO_REFUND = ("refund1@aicert.example", "黃淑芬", "HUANG, SHU-FEN", "D22000006")

# email, Chinese name, English name, national ID body (check digit added), serial, cancelled
DEMO_PAYERS = [
    ("payer1@aicert.example", "王小明", "WANG, HSIAO-MING", "D12000001", 900000001, False),
    ("payer2@aicert.example", "李美玲", "LEE, MEI-LING", "D22000002", 900000002, False),
    ("payer3@aicert.example", "張家豪", "CHANG, CHIA-HAO", "D12000003", 900000003, False),
    ("payer4@aicert.example", "陳怡君", "CHEN, YI-CHUN", "D22000004", 900000004, True),
    ("payer5@aicert.example", "林志偉", "LIN, CHIH-WEI", "D12000005", 900000005, False),
]


def payments_seed(sessions: list) -> int:
    """Register the demo payers for the first open associate session of the southern center and
    pin their virtual accounts to the sample statement's numbers; returns how many were created.

    Pinning rewrites the number the service derived from the primary key (demo only: real
    numbers are never edited) so the committed sample file matches any fresh database.
    """

    open_south = [
        s
        for s in sessions
        if s.room.venue.center.organisation.slug == "center-south"
        and s.subject.level.code == "associate"
        and s.registration_open()
    ]
    if not open_south:
        return 0
    session = open_south[-1]
    created = 0
    for email, name_zh, name_en, id_body, serial, cancelled in DEMO_PAYERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name_zh)
            candidate_profile_save(
                user=user,
                legal_name_zh=name_zh,
                legal_name_en=name_en,
                id_number=national_id(id_body),
                birth_date=dt.date(1998, 3, 14),
                phone="0912-000-000",
                county=County.objects.filter(code="tainan-city").first(),
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        consent_give(user=user)
        if Registration.objects.filter(candidate=user).exists():
            continue
        registration = registration_create(candidate=user, session=session)
        VirtualAccount.objects.filter(registration=registration).update(
            number=virtual_account_number(serial)
        )
        if cancelled:
            registration_cancel(actor=user, registration=registration, reason="")
        created += 1
    created += _refund_due_seed(session)
    return created


def _refund_due_seed(session) -> int:
    """黃淑芬 pays in full at the counter, then cancels with a medical certificate: the refund
    policy owes her money back, which shows on the foundation's "Refunds" page as due."""

    admin = User.objects.filter(email="admin@aicert.example").first()
    email, name_zh, name_en, id_body = DEMO_REFUND
    user = User.objects.filter(email=email).first()
    if admin is None or (user is not None and Registration.objects.filter(candidate=user).exists()):
        return 0
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name_zh)
        candidate_profile_save(
            user=user,
            legal_name_zh=name_zh,
            legal_name_en=name_en,
            id_number=national_id(id_body),
            birth_date=dt.date(1997, 8, 2),
            phone="0912-000-000",
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    consent_give(user=user)
    registration = registration_create(candidate=user, session=session)
    if registration.status != "pending_payment" or registration.fee_amount <= 0:
        return 1
    payment_record_manual(
        actor=admin,
        registration=registration,
        amount=registration.fee_amount,
        paid_at=timezone.now(),
        reason="Paid in cash at the southern center's counter (demo).",
        reference="DEMO-CASH-0001",
    )
    registration.refresh_from_db()
    registration_cancel(
        actor=user,
        registration=registration,
        documented=True,
        reason="Hospitalised on the exam week; medical certificate sent by email (demo).",
    )
    return 1
