"""The talent test world: the foundation, an approved employer with a recruiter, a level, and
holders with certificates (valid, revoked) and a county."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from aicert.accounts.roles import OrganisationKind, Role
from aicert.centers.models import County
from aicert.credentials import services as credentials
from aicert.credentials.models import CertificateStatus
from aicert.registration.services import candidate_profile_save
from tests.factories import FoundationFactory, LevelFactory, OrganisationFactory, enrol_totp, person
from tests.scheduling.fixtures import national_id


def holder(name: str, *, zh: str, en: str, county: str, n: int):
    user = person(name)
    candidate_profile_save(
        user=user,
        legal_name_zh=zh,
        legal_name_en=en,
        id_number=national_id(n),
        birth_date=dt.date(1995, 5, 5),
        phone="0912-345-678",
        county=County.objects.get(code=county),
    )
    return user


@pytest.fixture
def tworld(db):
    return build_world()


def build_world():
    foundation = FoundationFactory()
    admin = person("admin", Role.FOUNDATION_ADMIN, foundation)
    enrol_totp(admin)
    employer = OrganisationFactory(
        kind=OrganisationKind.EMPLOYER, slug="acme", name_zh="艾克米公司", name_en="Acme"
    )
    recruiter = person("recruiter", Role.EMPLOYER, employer)
    other_employer = OrganisationFactory(kind=OrganisationKind.EMPLOYER, slug="other")
    other_recruiter = person("other-recruiter", Role.EMPLOYER, other_employer)
    level = LevelFactory(validity_months=36)
    level2 = LevelFactory(certification=level.certification, validity_months=36)
    passed = timezone.localdate() - dt.timedelta(days=30)
    alice = holder("alice", zh="林小美", en="Lin Hsiao-mei", county="tainan-city", n=101)
    bob = holder("bob", zh="陳大文", en="Chen Ta-wen", county="taipei-city", n=102)
    carol = holder("carol", zh="張小華", en="Chang Hsiao-hua", county="tainan-city", n=103)
    cert_a = credentials.certificate_issue(
        holder=alice, level=level, passed_on=passed, basis="test", actor=None
    )
    cert_b = credentials.certificate_issue(
        holder=bob, level=level2, passed_on=passed, basis="test", actor=None
    )
    cert_c = credentials.certificate_issue(
        holder=carol, level=level, passed_on=passed, basis="test", actor=None
    )
    credentials.certificate_status_change(
        certificate=cert_c, status=CertificateStatus.REVOKED, reason="fraud", actor=admin
    )
    return SimpleNamespace(**locals())
