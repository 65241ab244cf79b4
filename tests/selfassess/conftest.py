import numpy as np
import pytest
from django.utils import timezone

from aicert.selfassess import services
from tests.factories.accounts import UserFactory
from tests.factories.catalog import (
    BlueprintEntryFactory,
    CompetencyDomainFactory,
    PassRuleFactory,
    SubjectFactory,
)
from tests.factories.itembank import ItemVersionFactory

KEY = 2  # the factory's single-choice content has option 2 correct


@pytest.fixture
def practice_world(db):
    """One level, two subjects, three domains, 60 calibrated practice items per domain (a bank deep enough for exposure control)."""
    rng = np.random.default_rng(7)
    subject = SubjectFactory()
    level = subject.level
    other = SubjectFactory(level=level, code="s2", position=2)
    PassRuleFactory(level=level)
    flagger = UserFactory()
    domains = []
    for i, (zh, en) in enumerate(
        [("資料處理", "Data"), ("模型評估", "Model evaluation"), ("倫理", "Ethics")]
    ):
        dom = CompetencyDomainFactory(
            certification=level.certification, code=f"{i + 1}", name_zh=zh, name_en=en
        )
        domains.append(dom)
    BlueprintEntryFactory(subject=subject, domain=domains[0], weight_percent=60, item_count=6)
    BlueprintEntryFactory(subject=subject, domain=domains[1], weight_percent=40, item_count=4)
    BlueprintEntryFactory(subject=other, domain=domains[2], weight_percent=100, item_count=10)
    now = timezone.now()
    for dom in domains:
        for _ in range(60):
            version = ItemVersionFactory(item__subject=subject, item__domain=dom)
            a = float(rng.uniform(1.6, 2.4))
            b = float(rng.normal(0.0, 1.1))
            services.practice_item_flag(actor=flagger, version=version, a=a, d=-a * b, now=now)
    return {"level": level, "subject": subject, "domains": domains, "flagger": flagger}


@pytest.fixture
def calibrated_practice_world(practice_world):
    """The practice world with Sympson–Hetter parameters calibrated by simulation (seconds)."""
    services.practice_exposure_calibrate(
        actor=practice_world["flagger"], level=practice_world["level"]
    )
    return practice_world
