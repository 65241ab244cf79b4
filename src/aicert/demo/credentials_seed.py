"""Demo certificates: the graduate and three more holders of the associate level.

Their passes are recorded as level achievements of an earlier programme (``demo:`` source, as
an import of a predecessor scheme's register would be), then the real backfill
(:func:`aicert.credentials.services.certificates_issue_missing`) issues their certificates:

* **graduate@aicert.example**: valid, expiring in about four months, so it is inside the level's
  renewal window (the CPD renewal route shows on its page);
* **holder.active@aicert.example**: valid (for the admin to suspend or revoke in the demo);
* **holder.revoked@aicert.example**: revoked by the admin, with a reason;
* **holder.expired@aicert.example**: passed over three years ago, expired by the periodic job.

The graduate is the past sitting's (:mod:`aicert.demo.sitting_seed`, which knows it has run by
that account): without the sitting the seed leaves the graduate out, unless
``create_graduate`` (tests that need the graduate without seeding a whole sitting).

Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.utils import timezone

from aicert.accounts.models import User
from aicert.catalog.models import Level
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.credentials.services import (
    certificate_renew_by_reexam,
    certificate_status_change,
    certificates_expire_due,
    certificates_issue_missing,
)
from aicert.credentials.validity import add_months
from aicert.demo.people import DEMO_PASSWORD, national_id
from aicert.registration import selectors as registration_selectors
from aicert.registration.models import LevelAchievement
from aicert.registration.services import candidate_profile_save, consent_give

GRADUATE_EMAIL = "graduate@aicert.example"
LEVEL_CODE = "associate"
REVOKE_REASON = "證書持有人以他人代考取得，經基金會調查屬實。"

# email, Chinese name, English name, ID body (check digit added), months since the pass
DEMO_HOLDERS = [
    (GRADUATE_EMAIL, "許雅琪", "HSU, YA-CHI", "F22400001", 32),
    ("holder.active@aicert.example", "陳冠宇", "CHEN, KUAN-YU", "F12400002", 10),
    ("holder.revoked@aicert.example", "林佳蓉", "LIN, CHIA-JUNG", "F22400003", 14),
    ("holder.expired@aicert.example", "張家銘", "CHANG, CHIA-MING", "F12400004", 40),
    # Passed 38 months ago, its certificate lapsed, passed again last month: renewed.
    ("holder.renewed@aicert.example", "黃詩涵", "HUANG, SHIH-HAN", "F22400005", 38),
]


def _holder(email: str, name_zh: str, name_en: str, id_body: str, index: int) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name_zh)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if registration_selectors.profile_get(user=user) is None:
        candidate_profile_save(
            user=user,
            legal_name_zh=name_zh,
            legal_name_en=name_en,
            id_number=national_id(id_body),
            birth_date=dt.date(1990 + index, 4 + index, 12),
            phone=f"0933-200-00{index + 1}",
        )
        consent_give(user=user)
    return user


def credentials_seed(
    *, today: dt.date | None = None, create_graduate: bool = False
) -> dict[str, int]:
    """Record the demo holders' passes, issue their certificates, revoke one, expire one."""
    today = today or timezone.localdate()
    level = Level.objects.filter(code=LEVEL_CODE).order_by("pk").first()
    if level is None:
        return {"certificates_issued": 0}
    for index, (email, name_zh, name_en, id_body, months_ago) in enumerate(DEMO_HOLDERS):
        if (
            email == GRADUATE_EMAIL
            and not create_graduate
            and not User.objects.filter(email=email).exists()
        ):
            continue  # the sitting seed makes the graduate; creating it here would stop that
        user = _holder(email, name_zh, name_en, id_body, index)
        LevelAchievement.objects.get_or_create(
            user=user,
            level=level,
            defaults={
                "achieved_on": add_months(today, -months_ago),
                "source": "demo:earlier-programme",
            },
        )
    issued = certificates_issue_missing()
    revoked = (
        Certificate.objects.filter(holder__email=DEMO_HOLDERS[2][0], level=level)
        .exclude(status=CertificateStatus.REVOKED)
        .first()
    )
    if revoked is not None:
        certificate_status_change(
            certificate=revoked,
            status=CertificateStatus.REVOKED,
            reason=REVOKE_REASON,
            actor=User.objects.get(email="admin@aicert.example"),
        )
    renewed_holder = User.objects.filter(email=DEMO_HOLDERS[4][0]).first()
    if renewed_holder is not None:
        # Through the real renewal (re-exam route): same number, a newer validity period;
        # a second seed run passes the same day again, which changes nothing.
        certificate_renew_by_reexam(
            holder=renewed_holder,
            level=level,
            passed_on=add_months(today, -1),
            basis="demo:re-exam",
            actor=None,
        )
    expired = certificates_expire_due(today=today)
    return {"certificates_issued": issued, "certificates_expired": expired}
