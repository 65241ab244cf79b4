import pytest
from django.urls import reverse

from aicert.demo import catalog_data
from aicert.selfassess import reskilling, selectors, services
from aicert.selfassess.models import PracticeAttempt
from tests.factories.accounts import UserFactory
from tests.factories.catalog import LevelFactory, TrainingCourseFactory
from tests.selfassess.test_services import _take


def test_every_path_names_levels_and_courses_of_the_catalogue():
    levels = {lv["code"] for lv in catalog_data.LEVELS}
    courses = {c[0] for c in catalog_data.COURSES}
    assert len(reskilling.PATHS) >= 4
    for path in reskilling.PATHS:
        assert path.certification == catalog_data.CERTIFICATION["code"]
        assert path.steps and all(s.level in levels for s in path.steps), path.code
        assert all(set(s.courses) <= courses for s in path.steps), path.code


def test_where_a_person_stands_on_a_path(practice_world):
    level = practice_world["level"]
    cert = level.certification
    higher = LevelFactory(certification=cert, code="next", rank=level.rank + 1)
    course = TrainingCourseFactory(code="prep", domains=[practice_world["domains"][0]])
    path = reskilling.ReskillingPath(
        code="t",
        title="t",
        starting_point="t",
        certification=cert.code,
        steps=(
            reskilling.PathStep(level.code, ("prep", "missing-course"), "first"),
            reskilling.PathStep(higher.code, (), "then"),
            reskilling.PathStep("no-such-level", (), "later"),
        ),
    )
    user = UserFactory()
    before = selectors.reskilling_path_view(path=path, user=user)
    assert [s.state for s in before] == ["current", "later", "later"]
    assert before[0].courses == [course] and before[0].readiness is None
    attempt = _take(user, level)  # all right: ready for the first level
    assert attempt.profile["readiness"]["probability"] >= selectors.READY
    plan = services.training_plan_save(user=user, attempt=attempt, courses=[(course, ["1"])])
    services.training_plan_course_done(
        user=user, pk=plan.items.get().pk, done_on=attempt.finished_at.date()
    )
    after = selectors.reskilling_path_view(path=path, user=user)
    assert [s.state for s in after] == ["ready", "current", "later"]
    assert after[0].courses_done == {"prep"} and after[2].level is None


def test_path_pages(client, practice_world):
    assert client.get(reverse("selfassess:paths")).status_code == 200
    page = client.get(reverse("selfassess:path", args=["software-engineer"]))
    assert page.status_code == 200 and 'class="path-step' in page.content.decode()
    assert client.get(reverse("selfassess:path", args=["astronaut"])).status_code == 404
    client.force_login(UserFactory())
    page = client.get(reverse("selfassess:path", args=["no-ai-background"])).content.decode()
    assert 'class="standing"' in page
    assert not PracticeAttempt.objects.exists()


@pytest.mark.parametrize("code", [p.code for p in reskilling.PATHS])
def test_each_path_page_renders_in_english(client, db, code):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("selfassess:path", args=[code]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
