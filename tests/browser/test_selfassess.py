"""A new person, in Chromium: sign up, take the short practice test, see the profile chart,
readiness and courses, save a plan, retake a week later and see progress."""

import datetime as dt
import re

import pytest
from django.core import mail

from aicert.selfassess.models import PracticeAnswer, PracticeAttempt, TrainingPlan
from tests.factories.catalog import TrainingCourseFactory
from tests.selfassess.conftest import KEY, practice_world  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer_all(page, choice):
    for _ in range(20):
        if "/profile/" in page.url:
            return
        page.locator(f"input[name=choice][value='{choice}']").check()
        page.locator("form[action$='/answer/'] button[type=submit]").click()
        page.wait_for_load_state()
    raise AssertionError("the short test did not finish in 20 questions")


def test_new_sign_up_practises_saves_a_plan_and_sees_progress(
    live_server,
    browser,
    practice_world,  # noqa: F811 (the fixture imported above)
    artifacts,
):
    page = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15000)
    for i, dom in enumerate(practice_world["domains"]):
        TrainingCourseFactory(code=f"c{i}", domains=[dom]).levels.add(practice_world["level"])
    base = live_server.url
    page.goto(base + "/accounts/signup/")
    page.fill("input[name=email]", "learner@example.org")
    page.fill("input[name=password1]", "a-Long-pass-phrase-2026")
    page.fill("input[name=password2]", "a-Long-pass-phrase-2026")
    page.locator("form[action$='/accounts/signup/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    body = next(m for m in mail.outbox if m.to == ["learner@example.org"]).body
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)
    page.goto(base + link[link.index("/accounts/") :])
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/"))

    page.goto(base + "/selfassess/")
    page.locator("input[name=mode][value=short]").check()
    page.locator("form[action$='/selfassess/start/'] button[type=submit]").click()
    _answer_all(page, 0)  # mostly wrong the first time
    assert page.locator("svg.profile-chart .error-bar").count() == 3
    assert re.fullmatch(r"\d+%", page.locator("#readiness").inner_text())
    assert page.locator("ul.courses li.course").count() >= 1
    page.screenshot(path=str(artifacts / "selfassess_profile_zh.png"), full_page=True)
    page.locator("#save-plan").click()
    page.wait_for_url(re.compile(r"/selfassess/plans/\d+/"))
    assert "已儲存您的學習計畫" in page.content()
    page.locator("button.mark-done").first.click()
    page.wait_for_load_state()
    assert "已完成 1／" in page.locator("#plan-progress").inner_text()

    # A week later: move the first test back by seven days (its answers too).
    week = dt.timedelta(days=7)
    first = PracticeAttempt.objects.get(user__email="learner@example.org")
    PracticeAttempt.objects.filter(pk=first.pk).update(
        started_at=first.started_at - week, finished_at=first.finished_at - week
    )
    for answer in PracticeAnswer.objects.filter(attempt=first):
        PracticeAnswer.objects.filter(pk=answer.pk).update(answered_at=answer.answered_at - week)

    page.locator("#reassess").click()
    _answer_all(page, KEY)  # all right this time
    plan = TrainingPlan.objects.get(user__email="learner@example.org")
    page.goto(base + f"/selfassess/plans/{plan.pk}/")
    assert page.locator("svg.history-chart .history-point").count() == 2
    assert page.locator("td.delta").first.inner_text().startswith("+")
    page.screenshot(path=str(artifacts / "selfassess_plan_zh.png"), full_page=True)
