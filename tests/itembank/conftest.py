"""A small item-bank world: one certification with a level, a subject, two domains, and people."""

from dataclasses import dataclass

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.catalog.models import Certification, CompetencyDomain, Level, Subject
from aicert.itembank import services
from tests.factories import CenterFactory, OrganisationFactory, UserFactory, enrol_totp, grant


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
    foundation = OrganisationFactory(kind=OrganisationKind.FOUNDATION, slug="foundation")
    certification = Certification.objects.create(
        code="aap", name_zh="AI 應用規劃師", name_en="AI Application Planner", issuer=foundation
    )
    level = Level.objects.create(
        certification=certification, code="associate", rank=1, name_zh="初級", name_en="Associate"
    )
    subject = Subject.objects.create(
        level=level,
        code="foundations",
        name_zh="人工智慧基礎概論",
        name_en="AI foundations",
        duration_minutes=75,
        item_count=50,
    )
    domain = CompetencyDomain.objects.create(
        certification=certification, code="2", name_zh="機器學習", name_en="Machine learning"
    )
    other = CompetencyDomain.objects.create(
        certification=certification, code="3", name_zh="生成式 AI", name_en="Generative AI"
    )

    def person(name: str, role: Role | None, organisation=foundation) -> User:
        user = UserFactory(email=f"{name}@example.org", display_name=name)
        if role:
            grant(user, organisation, role)
        return user

    center = CenterFactory()
    return World(
        foundation=foundation,
        level=level,
        subject=subject,
        domain=domain,
        other_domain=other,
        writer=person("writer", Role.ITEM_WRITER),
        co_author=person("co_author", Role.ITEM_WRITER),
        reviewer=person("reviewer", Role.ITEM_REVIEWER),
        reviewer2=person("reviewer2", Role.ITEM_REVIEWER),
        reviewer3=person("reviewer3", Role.ITEM_REVIEWER),
        lead=person("lead", Role.FOUNDATION_ADMIN),
        psychometrician=person("psychometrician", Role.PSYCHOMETRICIAN),
        candidate=person("candidate", None),
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
def login(client):
    """Sign a staff member in (with the authenticator the middleware insists on)."""

    def sign_in(user: User):
        enrol_totp(user)
        client.force_login(user)
        return client

    return sign_in
