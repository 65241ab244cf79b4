"""A small item-bank world: one certification with a level, a subject, two domains, and people."""

from dataclasses import dataclass

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import Role
from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.itembank import services
from tests.factories import (
    CenterFactory,
    CompetencyDomainFactory,
    FoundationFactory,
    person,
    planner_subject,
)


@dataclass
class World:
    foundation: Organisation
    level: Level
    subject: Subject
    domain: CompetencyDomain
    other_domain: CompetencyDomain
    writer: User
    co_author: User
    reviewer: User
    reviewer2: User
    reviewer3: User
    lead: User
    psychometrician: User
    candidate: User
    manager: User


def single_choice(stem="下列何者是監督式學習？", key=1, **extra) -> dict:
    texts = ["K-means 分群", "線性迴歸", "主成分分析", "關聯規則"]
    return {
        "stem": stem,
        "options": [
            {"text": t, "rationale": f"說明 {i}", "correct": i == key} for i, t in enumerate(texts)
        ],
        "feedback": "",
        **extra,
    }


def single_choice_en(key=1) -> dict:
    texts = ["K-means clustering", "Linear regression", "PCA", "Association rules"]
    return {
        "stem": "Which is supervised learning?",
        "options": [{"text": t, "rationale": "", "correct": i == key} for i, t in enumerate(texts)],
    }


ALL_TICKED = {
    "key_correct": True,
    "single_best_answer": True,
    "no_cueing": True,
    "fairness_and_bias": True,
    "language": True,
    "domain_alignment": True,
}


@pytest.fixture
def world(db) -> World:
    foundation = FoundationFactory()
    subject = planner_subject(foundation, duration_minutes=75, item_count=50)
    certification = subject.level.certification
    domain = CompetencyDomainFactory(
        certification=certification, code="2", name_zh="機器學習", name_en="Machine learning"
    )
    other = CompetencyDomainFactory(
        certification=certification, code="3", name_zh="生成式 AI", name_en="Generative AI"
    )
    center = CenterFactory()

    def staff(name: str, role: Role | None) -> User:
        return person(name, role, foundation if role else None)

    return World(
        foundation=foundation,
        level=subject.level,
        subject=subject,
        domain=domain,
        other_domain=other,
        writer=staff("writer", Role.ITEM_WRITER),
        co_author=staff("co_author", Role.ITEM_WRITER),
        reviewer=staff("reviewer", Role.ITEM_REVIEWER),
        reviewer2=staff("reviewer2", Role.ITEM_REVIEWER),
        reviewer3=staff("reviewer3", Role.ITEM_REVIEWER),
        lead=staff("lead", Role.FOUNDATION_ADMIN),
        psychometrician=staff("psychometrician", Role.PSYCHOMETRICIAN),
        candidate=staff("candidate", None),
        manager=person("manager", Role.CENTER_MANAGER, center.organisation),
    )


@pytest.fixture
def make_item(world):
    def make(author=None, **overrides):
        data = {
            "level": world.level,
            "subject": world.subject,
            "domain": world.domain,
            "cognitive_level": "understand",
            "difficulty": "medium",
            "item_type": "single_choice",
            "content_zh": single_choice(),
            "content_en": single_choice_en(),
        }
        data.update(overrides)
        return services.item_create(actor=author or world.writer, **data)

    return make


@pytest.fixture
def in_review(world, make_item):
    """An item submitted and assigned to reviewer and reviewer2."""
    item = make_item()
    services.item_submit(actor=world.writer, item=item)
    services.review_assign(actor=world.lead, item=item, reviewer=world.reviewer)
    services.review_assign(actor=world.lead, item=item, reviewer=world.reviewer2)
    return item


@pytest.fixture
def login(staff_login):
    """Sign a staff member in (the root conftest's ``staff_login``)."""
    return staff_login
