from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from aicert.catalog.models import BlueprintEntry, Level, PassRule, Subject
from aicert.catalog.services import blueprint_replace, level_set_prerequisites

pytestmark = pytest.mark.django_db


def _scores(*values):
    return {f"s{i}": Decimal(v) for i, v in enumerate(values)}


def test_pass_rule_is_compensatory_and_conjunctive():
    # Given the iPAS beginner rule: average >= 70 and every subject >= 60
    rule = PassRule(average_min=Decimal(70), subject_min=Decimal(60))
    assert rule.evaluate(_scores(70, 70))
    assert rule.evaluate(_scores(80, 60))
    assert not rule.evaluate(_scores(85, 59))  # high average, one subject below the floor
    assert not rule.evaluate(_scores(69, 70))  # every subject passes, average too low
    assert not rule.evaluate({})


def test_demo_blueprints_are_complete(demo):
    for subject in Subject.objects.all():
        entries = BlueprintEntry.objects.filter(subject=subject)
        assert sum(e.item_count for e in entries) == subject.item_count
        assert abs(sum(e.weight_percent for e in entries) - 100) <= Decimal("0.05")


def test_blueprint_that_does_not_add_up_is_refused_and_nothing_changes(demo):
    subject = Subject.objects.get(code="associate-foundations")
    before = list(
        BlueprintEntry.objects.filter(subject=subject).values_list("domain_id", "item_count")
    )
    domain_id = before[0][0]
    with pytest.raises(ValidationError) as error:
        blueprint_replace(subject=subject, entries=[(domain_id, Decimal(50), 10)])
    assert "100" in str(error.value) and "50" in str(error.value)
    after = list(
        BlueprintEntry.objects.filter(subject=subject).values_list("domain_id", "item_count")
    )
    assert after == before


def test_prerequisite_cycle_is_refused(demo):
    associate = Level.objects.get(code="associate")
    expert = Level.objects.get(code="expert")
    with pytest.raises(ValidationError):
        level_set_prerequisites(level=associate, prerequisites=[expert])
    assert list(associate.prerequisites.all()) == []


def test_pass_rule_range_is_a_database_constraint(demo):
    level = Level.objects.get(code="associate")
    with pytest.raises(IntegrityError), transaction.atomic():
        PassRule.objects.filter(level=level).update(average_min=Decimal(120))


def test_catalog_pages_show_levels_blueprints_and_rules(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        listing = client.get(reverse("catalog:certification_list"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "AI 應用規劃師" in text and "初級" in text and "中級" in text and "高級" in text
    with django_assert_max_num_queries(12):
        level = client.get(
            reverse("catalog:level_detail", args=["ai-application-planner", "associate"])
        )
    body = level.content.decode()
    assert "人工智慧基礎概論" in body
    assert "平均" in body and "70" in body and "60" in body  # the pass rule, in zh-Hant
    assert "機器學習原理" in body  # a blueprint domain
    assert "AI 入門" in body  # a training course
    prof = client.get(
        reverse("catalog:level_detail", args=["ai-application-planner", "professional"])
    )
    assert "初級" in prof.content.decode()  # its prerequisite


def test_unknown_certification_is_404(client, db):
    assert client.get(reverse("catalog:certification_detail", args=["nope"])).status_code == 404
