"""The catalogue: certifications, levels, subjects, competency domains, blueprints, pass rules.

Unique codes come from sequences; the traits give the glossary's example, "AI Application
Planner" (``planner``) with its Associate and Professional levels and its foundations subject.
"""

from __future__ import annotations

from decimal import Decimal

import factory

from aicert.accounts.roles import OrganisationKind
from aicert.catalog.models import (
    BlueprintEntry,
    Certification,
    CompetencyDomain,
    Level,
    PassRule,
    Subject,
    TrainingCourse,
)
from tests.factories.accounts import OrganisationFactory


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    code = factory.Sequence(lambda n: f"cert-{n}")
    name_zh = factory.Sequence(lambda n: f"認證{n}")
    name_en = factory.Sequence(lambda n: f"Certification {n}")
    issuer = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FOUNDATION)

    class Params:
        planner = factory.Trait(
            code="aap", name_zh="AI 應用規劃師", name_en="AI Application Planner"
        )


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level

    certification = factory.SubFactory(CertificationFactory)
    code = factory.Sequence(lambda n: f"level-{n}")
    rank = factory.Sequence(lambda n: n + 1)
    name_zh = factory.Sequence(lambda n: f"級別{n}")
    name_en = factory.Sequence(lambda n: f"Level {n}")

    class Params:
        associate = factory.Trait(code="associate", rank=1, name_zh="初級", name_en="Associate")
        professional = factory.Trait(
            code="professional", rank=2, name_zh="中級", name_en="Professional"
        )


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    level = factory.SubFactory(LevelFactory)
    code = factory.Sequence(lambda n: f"subject-{n}")
    name_zh = factory.Sequence(lambda n: f"科目{n}")
    name_en = factory.Sequence(lambda n: f"Subject {n}")
    duration_minutes = 60
    item_count = 5
    position = 1

    class Params:
        foundations = factory.Trait(
            code="foundations", name_zh="人工智慧基礎概論", name_en="AI foundations"
        )


class CompetencyDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyDomain

    certification = factory.SubFactory(CertificationFactory)
    code = factory.Sequence(lambda n: f"9.{n}")
    name_zh = factory.Sequence(lambda n: f"能力{n}")
    name_en = factory.Sequence(lambda n: f"Domain {n}")


class BlueprintEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlueprintEntry

    subject = factory.SubFactory(SubjectFactory)
    domain = factory.SubFactory(
        CompetencyDomainFactory,
        certification=factory.SelfAttribute("..subject.level.certification"),
    )
    weight_percent = Decimal(100)
    item_count = factory.LazyAttribute(lambda o: o.subject.item_count)


class PassRuleFactory(factory.django.DjangoModelFactory):
    """Average at least 70 and every subject at least 60 (the glossary's example)."""

    class Meta:
        model = PassRule

    level = factory.SubFactory(LevelFactory)
    average_min = Decimal(70)
    subject_min = Decimal(60)


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse
        skip_postgeneration_save = True  # the hook adds to a many-to-many: nothing to save

    code = factory.Sequence(lambda n: f"course-{n}")
    title_zh = factory.Sequence(lambda n: f"課程{n}")
    title_en = factory.Sequence(lambda n: f"Course {n}")
    provider = "Open University"
    hours = 12
    mode = TrainingCourse.Mode.ONLINE

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.add(*extracted)


def planner_subject(issuer, **fields) -> Subject:
    """The foundations subject of the AI Application Planner's Associate level, issued by
    ``issuer`` (the foundation): the catalogue most tests need, in one call."""
    return SubjectFactory(
        foundations=True,
        level__associate=True,
        level__certification__planner=True,
        level__certification__issuer=issuer,
        **fields,
    )
