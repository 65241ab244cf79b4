import datetime as dt
from dataclasses import dataclass

import pytest

# The results test world (two subjects, a pass rule, one candidate) is where passes come from.
from tests.results.conftest import rworld  # noqa: F401


@pytest.fixture(autouse=True)
def signing_key_file(settings, tmp_path):
    """Each test signs with its own key, generated into a temporary file on first use."""
    settings.AICERT_SIGNING_KEY = ""
    settings.AICERT_SIGNING_KEY_FILE = str(tmp_path / "signing-key.multikey")
    settings.AICERT_SITE_URL = "https://aicert.test"
    return tmp_path / "signing-key.multikey"


@dataclass
class CertWorld:
    level: object
    holder: object
    other: object
    admin: object


@pytest.fixture
def cworld(db) -> CertWorld:
    """A level with its pass rule, a named holder, another candidate and the foundation admin."""
    from decimal import Decimal

    from aicert.accounts.roles import Role
    from aicert.registration.services import candidate_profile_save
    from tests.factories import FoundationFactory, PassRuleFactory, person, planner_subject
    from tests.scheduling.fixtures import national_id

    foundation = FoundationFactory()
    level = planner_subject(foundation).level
    level.validity_months = 36
    level.save(update_fields=["validity_months"])
    PassRuleFactory(level=level, average_min=Decimal(70), subject_min=Decimal(60))
    holder = person("holder")
    candidate_profile_save(
        user=holder,
        legal_name_zh="王小明",
        legal_name_en="Wang Hsiao-ming",
        id_number=national_id(4243),
        birth_date=dt.date(2000, 1, 1),
        phone="0912-000-001",
    )
    return CertWorld(
        level=level,
        holder=holder,
        other=person("other"),
        admin=person("admin", Role.FOUNDATION_ADMIN, foundation),
    )


def issue(world: CertWorld, *, holder=None, passed_on: dt.date | None = None):
    from django.utils import timezone

    from aicert.credentials import services

    return services.certificate_issue(
        holder=holder or world.holder,
        level=world.level,
        passed_on=passed_on or timezone.localdate(),
        basis="test",
        actor=None,
    )
