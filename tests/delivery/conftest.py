"""A small delivery world: a subject with a two-domain blueprint, a bank of every item type,
the people who assemble and sit forms, and checked-in registrations at one center."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.catalog.models import BlueprintEntry, Certification, CompetencyDomain, Level, Subject
from aicert.centers.models import Center
from aicert.delivery import services
from aicert.delivery.models import Attempt, Form, FormItem, FormStatus
from aicert.itembank.models import Item, ItemStatus, ItemVersion
from aicert.registration.models import Registration, RegistrationStatus
from aicert.scheduling.models import Session, SessionStatus
from tests.factories import OrganisationFactory, RoomFactory, UserFactory, grant

T0 = dt.datetime(2026, 5, 16, 9, 0, tzinfo=dt.UTC)  # 17:00 in Taipei; any fixed instant works


def choice(stem: str, key: int = 1, n: int = 4) -> dict:
    return {
        "stem": stem,
        "options": [
            {"text": f"{stem} 選項{i}", "rationale": f"理由{i}", "correct": i == key}
            for i in range(n)
        ],
    }


# One content of every item type (Chinese; English where the key must be checked across).
CONTENT = {
    "single_choice": choice("單選題：下列何者是監督式學習？", key=2),
    "multiple_response": {
        "stem": "複選題：下列哪些是分類模型？",
        "options": [
            {"text": "邏輯斯迴歸", "correct": True},
            {"text": "K-means", "correct": False},
            {"text": "決策樹", "correct": True},
            {"text": "主成分分析", "correct": False},
        ],
        "partial_credit": "proportional",
    },
    "true_false": {"stem": "是非題：過度擬合會降低訓練誤差。", "key": True},
    "numeric": {"stem": "數值題：0.25 的平方根？", "value": 0.5, "tolerance": 0.01},
    "short_text": {
        "stem": "簡答題：以縮寫寫出大型語言模型。",
        "answers": ["LLM"],
        "normalise": ["width", "whitespace"],
    },
    "ordering": {
        "stem": "排序題：機器學習流程",
        "options": [{"text": "收集資料"}, {"text": "訓練模型"}, {"text": "評估模型"}],
        "key": [0, 1, 2],
    },
    "matching": {
        "stem": "配合題：模型與任務",
        "prompts": [{"text": "CNN"}, {"text": "RNN"}],
        "responses": [{"text": "序列"}, {"text": "影像"}, {"text": "表格"}],
        "key": [[0, 1], [1, 0]],
    },
    "constructed_response": {
        "stem": "問答題：說明偏差與變異的權衡。",
        "rubric": {
            "criteria": [
                {
                    "name": "正確性",
                    "levels": [
                        {"score": 0, "descriptor": "錯誤"},
                        {"score": 2, "descriptor": "正確"},
                    ],
                }
            ]
        },
    },
}


@dataclass
class DeliveryWorld:
    foundation: Organisation
    subject: Subject
    domain_a: CompetencyDomain
    domain_b: CompetencyDomain
    center: Center
    admin: User
    psychometrician: User
    writer: User
    invigilator: User
    other_invigilator: User
    candidate: User
    other_candidate: User
    session: Session
    registrations: dict[int, Registration] = field(default_factory=dict)


@pytest.fixture
def dworld(db) -> DeliveryWorld:
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
        item_count=5,
    )
    domain_a = CompetencyDomain.objects.create(
        certification=certification, code="1.1", name_zh="機器學習", name_en="Machine learning"
    )
    domain_b = CompetencyDomain.objects.create(
        certification=certification, code="1.2", name_zh="生成式 AI", name_en="Generative AI"
    )
    BlueprintEntry.objects.create(
        subject=subject, domain=domain_a, weight_percent=Decimal(60), item_count=3
    )
    BlueprintEntry.objects.create(
        subject=subject, domain=domain_b, weight_percent=Decimal(40), item_count=2
    )
    room = RoomFactory()
    center = room.venue.center
    other_room = RoomFactory()

    def person(name: str, role: Role | None = None, organisation=foundation) -> User:
        user = UserFactory(email=f"{name}@example.org", display_name=name)
        if role:
            grant(user, organisation, role)
        return user

    session = Session.objects.create(
        subject=subject,
        room=room,
        starts_at=T0,
        duration_minutes=60,
        capacity=10,
        registration_opens_at=T0 - dt.timedelta(days=30),
        registration_closes_at=T0 - dt.timedelta(days=7),
        ticket_release_on=(T0 - dt.timedelta(days=3)).date(),
        status=SessionStatus.PUBLISHED,
    )
    world = DeliveryWorld(
        foundation=foundation,
        subject=subject,
        domain_a=domain_a,
        domain_b=domain_b,
        center=center,
        admin=person("admin", Role.FOUNDATION_ADMIN),
        psychometrician=person("psychometrician", Role.PSYCHOMETRICIAN),
        writer=person("writer", Role.ITEM_WRITER),
        invigilator=person("invigilator", Role.INVIGILATOR, center.organisation),
        other_invigilator=person(
            "other_invigilator", Role.INVIGILATOR, other_room.venue.center.organisation
        ),
        candidate=person("candidate"),
        other_candidate=person("other_candidate"),
        session=session,
    )
    # The invigilator is rostered for the world's session: invigilators act only where they
    # hold a published place (accounts.permissions); tests of other sessions roster them too.
    roster(world.invigilator, session)
    return world


def roster(user: User, session: Session, status: str = "published"):
    """Give ``user`` a place on ``session``'s roster (in the pool of the session's center)."""
    from aicert.centers.models import Invigilator
    from aicert.scheduling.models import InvigilatorAssignment

    pool_member, _created = Invigilator.objects.get_or_create(
        center=session.room.venue.center, user=user
    )
    return InvigilatorAssignment.objects.create(
        session=session, invigilator=pool_member, status=status
    )


@pytest.fixture
def make_item(dworld):
    def make(
        domain=None,
        item_type="single_choice",
        content=None,
        status=ItemStatus.ACTIVE,
        difficulty="medium",
        content_en=None,
    ) -> ItemVersion:
        item = Item.objects.create(
            level=dworld.subject.level,
            subject=dworld.subject,
            domain=domain or dworld.domain_a,
            cognitive_level="understand",
            difficulty=difficulty,
            author=dworld.writer,
            status=status,
        )
        return ItemVersion.objects.create(
            item=item,
            number=1,
            item_type=item_type,
            content_zh=content or choice(f"題目 {Item.objects.count()}：下列何者正確？"),
            content_en=content_en or {},
            created_by=dworld.writer,
        )

    return make


@pytest.fixture
def bank(dworld, make_item) -> list[ItemVersion]:
    """Eight active items in domain A and six in B (of mixed difficulty), plus items that must
    never be used: a draft, a retired item and an item of another domain outside the blueprint."""
    difficulties = ["easy", "medium", "hard"]
    versions = [make_item(domain=dworld.domain_a, difficulty=difficulties[i % 3]) for i in range(8)]
    versions += [
        make_item(
            domain=dworld.domain_b, difficulty=difficulties[i % 3], status=ItemStatus.APPROVED
        )
        for i in range(6)
    ]
    make_item(domain=dworld.domain_a, status=ItemStatus.DRAFT)
    make_item(domain=dworld.domain_a, status=ItemStatus.RETIRED)
    return versions


def publish_form(dworld, versions: list[ItemVersion], points=None) -> Form:
    """A published form with the given versions in order, built directly (no optimiser)."""
    form = Form.objects.create(
        subject=dworld.subject,
        code=f"{dworld.subject.code}-{Form.objects.count() + 1:03d}",
        assembly_batch="00000000-0000-0000-0000-000000000001",
        created_by=dworld.psychometrician,
    )
    for position, version in enumerate(versions, start=1):
        FormItem.objects.create(
            form=form,
            item_version=version,
            position=position,
            points=Decimal(points[position - 1]) if points else Decimal(1),
        )
    services.form_lock(actor=dworld.psychometrician, form=form, now=T0 - dt.timedelta(days=1))
    services.form_publish(actor=dworld.psychometrician, form=form, now=T0 - dt.timedelta(days=1))
    form.refresh_from_db()
    assert form.status == FormStatus.PUBLISHED
    return form


@pytest.fixture
def mixed_form(dworld, make_item) -> Form:
    """A published form with one item of every type, in the order of ``CONTENT``."""
    versions = [make_item(item_type=t, content=c) for t, c in CONTENT.items()]
    return publish_form(dworld, versions)


def checked_in(dworld, candidate: User) -> Registration:
    return Registration.objects.create(
        candidate=candidate,
        session=dworld.session,
        subject=dworld.subject,
        status=RegistrationStatus.CHECKED_IN,
    )


@pytest.fixture
def make_attempt(dworld, mixed_form):
    def make(candidate=None, form=None, extra_time_seconds=0) -> Attempt:
        registration = checked_in(dworld, candidate or dworld.candidate)
        return services.attempt_authorize(
            actor=dworld.invigilator,
            registration=registration,
            form=form or mixed_form,
            extra_time_seconds=extra_time_seconds,
            now=T0 - dt.timedelta(minutes=5),
        )

    return make


@pytest.fixture
def started(dworld, make_attempt) -> Attempt:
    attempt = make_attempt()
    return services.attempt_start(actor=dworld.candidate, attempt=attempt, now=T0)


def now_plus(**delta) -> dt.datetime:
    return T0 + dt.timedelta(**delta)
