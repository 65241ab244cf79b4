import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aicert.selfassess import selectors, services
from aicert.selfassess.models import TrainingPlan, TrainingPlanCourse
from tests.factories.accounts import UserFactory
from tests.factories.catalog import TrainingCourseFactory
from tests.selfassess.conftest import KEY
from tests.selfassess.test_services import _take


@pytest.fixture
def courses(practice_world):
    made = []
    for i, dom in enumerate(practice_world["domains"]):
        course = TrainingCourseFactory(code=f"c{i}", domains=[dom])
        course.levels.add(practice_world["level"])
        made.append(course)
    return made


def test_save_a_plan_mark_done_remove_and_see_progress(client, practice_world, courses):
    user = UserFactory()
    level = practice_world["level"]
    now = timezone.now()
    first = _take(user, level, answer_of=lambda item: 0, now=now - dt.timedelta(days=7))
    client.force_login(user)
    response = client.post(reverse("selfassess:plan_save", args=[first.pk]))
    plan = TrainingPlan.objects.get(user=user)
    assert response.status_code == 302 and response.url == reverse(
        "selfassess:plan", args=[plan.pk]
    )
    items = list(plan.items.order_by("position"))
    assert {i.course.code for i in items} == {"c0", "c1", "c2"}
    # Saving again adds nothing twice.
    client.post(reverse("selfassess:plan_save", args=[first.pk]))
    assert plan.items.count() == 3
    done = client.post(
        reverse("selfassess:plan_course_done", args=[items[0].pk]),
        {"done_on": (now - dt.timedelta(days=2)).date().isoformat()},
    )
    assert done.status_code == 302
    assert (
        client.post(
            reverse("selfassess:plan_course_done", args=[items[1].pk]), {"done_on": "not a date"}
        ).status_code
        == 400
    )
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    assert (
        client.post(
            reverse("selfassess:plan_course_done", args=[items[1].pk]), {"done_on": future}
        ).status_code
        == 400
    )
    client.post(reverse("selfassess:plan_course_remove", args=[items[2].pk]))
    assert plan.items.count() == 2
    # Re-assessed a week later, all right this time.
    _take(user, level, now=now)
    page = client.get(reverse("selfassess:plan", args=[plan.pk])).content.decode()
    assert page.count('class="history-point"') == 2
    assert 'id="plan-progress"' in page and "1" in page.split('id="plan-progress"')[1][:40]
    progress = selectors.training_plan_progress(user=user, plan_id=plan.pk)
    assert progress.done == 1 and progress.percent_done == 50
    assert all(latest > first for _code, _zh, _en, first, latest in progress.domain_change)
    assert 'class="num delta">+' in page


def test_a_plan_is_the_persons_own(client, practice_world, courses):
    owner = UserFactory()
    attempt = _take(owner, practice_world["level"])
    plan = services.training_plan_save(user=owner, attempt=attempt, courses=[(courses[0], ["1"])])
    item = plan.items.get()
    client.force_login(UserFactory())
    assert client.get(reverse("selfassess:plan", args=[plan.pk])).status_code == 404
    assert client.post(reverse("selfassess:plan_save", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("selfassess:plan_course_done", args=[item.pk])).status_code == 404
    assert client.post(reverse("selfassess:plan_course_remove", args=[item.pk])).status_code == 404
    assert TrainingPlanCourse.objects.filter(pk=item.pk, done_on=None).exists()


def test_no_plan_from_an_unfinished_attempt(practice_world, courses):
    user = UserFactory()
    attempt = services.practice_attempt_start(
        user=user, level=practice_world["level"], mode="short"
    )
    with pytest.raises(ValidationError):
        services.training_plan_save(user=user, attempt=attempt, courses=[(courses[0], ["1"])])
    services.practice_answer_save(user=user, attempt_id=attempt.pk, position=1, answer=KEY)
    assert not TrainingPlan.objects.exists()
