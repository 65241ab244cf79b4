"""A form of 24 items (20 single choice, one of each other objective type) in a 300-seat session,
with the people who analyse it and those who must never see the analysis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.catalog.models import BlueprintEntry, Certification, CompetencyDomain, Level, Subject
from aicert.delivery import services as delivery_services
from aicert.delivery.models import Form, FormItem
from aicert.itembank.models import Item, ItemStatus, ItemVersion
from aicert.scheduling.models import Session, SessionStatus
from tests.factories import OrganisationFactory, RoomFactory, UserFactory, grant

T0 = dt.datetime(2026, 5, 16, 1, 0, tzinfo=dt.UTC)  # 09:00 in Taipei


def choice(stem: str, key: int, n: int = 4) -> dict:
    return {
        "stem": stem,
        "options": [
            {"text": f"{stem} 選項{i}", "rationale": f"理由{i}", "correct": i == key}
            for i in range(n)
        ],
    }


OTHER_TYPES = {
    "multiple_response": {
        "stem": "複選題：下列哪些是分類模型？",
        "options": [
            {"text": "邏輯斯迴歸", "correct": True},
            {"text": "K-means", "correct": False},
            {"text": "決策樹", "correct": True},
            {"text": "主成分分析", "correct": False},
        ],
    },
    "true_false": {"stem": "是非題：過度擬合會降低訓練誤差。", "key": True},
    "numeric": {"stem": "數值題：0.25 的平方根？", "value": 0.5, "tolerance": 0.01},
    "short_text": {"stem": "簡答題：以縮寫寫出大型語言模型。", "answers": ["LLM"]},
}


@dataclass
class AnalysisWorld:
    foundation: Organisation
    subject: Subject
    form: Form
    session: Session
    admin: User
    psychometrician: User
    writer: User
    center_manager: User
    invigilator: User
    employer: User
    candidate: User


def _person(name: str, role: Role | None, organisation) -> User:
    user = UserFactory(email=f"{name}@example.org", display_name=name)
    if role:
        grant(user, organisation, role)
    return user


@pytest.fixture
def aworld(db) -> AnalysisWorld:
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
        duration_minutes=60,
        item_count=24,
    )
    domain = CompetencyDomain.objects.create(
        certification=certification, code="1.1", name_zh="機器學習", name_en="Machine learning"
    )
    BlueprintEntry.objects.create(
        subject=subject, domain=domain, weight_percent=Decimal(100), item_count=24
    )
    room = RoomFactory()
    center = room.venue.center
    admin = _person("admin", Role.FOUNDATION_ADMIN, foundation)
    psychometrician = _person("psychometrician", Role.PSYCHOMETRICIAN, foundation)
    writer = _person("writer", Role.ITEM_WRITER, foundation)
    employer_org = OrganisationFactory(kind=OrganisationKind.EMPLOYER)
    world_people = {
        "center_manager": _person("manager", Role.CENTER_MANAGER, center.organisation),
        "invigilator": _person("invigilator", Role.INVIGILATOR, center.organisation),
        "employer": _person("employer", Role.EMPLOYER, employer_org),
        "candidate": _person("candidate", None, None),
    }
    difficulties = ["easy", "medium", "hard"]
    contents = [
        ("single_choice", choice(f"題目 {k}：下列何者正確？", key=k % 4)) for k in range(20)
    ]
    contents += list(OTHER_TYPES.items())
    form = Form.objects.create(
        subject=subject,
        code="foundations-001",
        assembly_batch="00000000-0000-0000-0000-000000000001",
        created_by=psychometrician,
    )
    for position, (item_type, content) in enumerate(contents, start=1):
        item = Item.objects.create(
            level=level,
            subject=subject,
            domain=domain,
            cognitive_level="understand",
            difficulty=difficulties[position % 3],
            author=writer,
            status=ItemStatus.ACTIVE,
        )
        version = ItemVersion.objects.create(
            item=item, number=1, item_type=item_type, content_zh=content, created_by=writer
        )
        FormItem.objects.create(form=form, item_version=version, position=position)
    delivery_services.form_lock(actor=psychometrician, form=form, now=T0 - dt.timedelta(days=2))
    delivery_services.form_publish(actor=psychometrician, form=form, now=T0 - dt.timedelta(days=2))
    form.refresh_from_db()
    session = Session.objects.create(
        subject=subject,
        room=room,
        starts_at=T0,
        duration_minutes=60,
        capacity=300,
        registration_opens_at=T0 - dt.timedelta(days=30),
        registration_closes_at=T0 - dt.timedelta(days=7),
        ticket_release_on=(T0 - dt.timedelta(days=3)).date(),
        status=SessionStatus.PUBLISHED,
    )
    return AnalysisWorld(
        foundation=foundation,
        subject=subject,
        form=form,
        session=session,
        admin=admin,
        psychometrician=psychometrician,
        writer=writer,
        **world_people,
    )
