"""Demo self-assessment: a calibrated practice bank per level, regional courses, and the demo
candidate's two past practice tests (five and two weeks ago) with a saved training plan."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from aicert.accounts.models import User
from aicert.catalog.models import CompetencyDomain, Level, TrainingCourse
from aicert.centers.models import County
from aicert.delivery.models import FormItem, FormStatus
from aicert.demo import catalog_data
from aicert.itembank.models import Item, ItemStatistics, ItemStatus, ItemType
from aicert.selfassess import selectors, services
from aicert.selfassess.models import PracticeAttempt, PracticeItem

CANDIDATE = "candidate@aicert.example"
PSYCHOMETRICIAN = "psychometrician@aicert.example"
#: Simulees per Sympson–Hetter round in the demo (the service's default is slower; the demo
#: seed stays quick and the bank page still shows a controlled bank).
DEMO_EXPOSURE_SIMULEES = 400

# Regional courses (code, zh, en, provider, hours, mode, domains, levels, county, price, days
# from today to the start, weeks long): near the candidate (Tainan) and elsewhere.
REGIONAL_COURSES = [
    ("course-tainan-ml", "機器學習實作工作坊（臺南）", "Machine learning workshop (Tainan)",
     "南臺科技大學推廣教育中心", 12, "classroom", ["1.2", "1.3", "3.1"], ["associate", "professional"],
     "tainan-city", 2400, 21, 4),
    ("course-kaohsiung-data", "資料分析入門（高雄）", "Introduction to data analysis (Kaohsiung)",
     "國立高雄科技大學", 18, "classroom", ["2.1", "2.2", "2.3"], ["associate", "professional"],
     "kaohsiung-city", 3000, 35, 6),
    ("course-taipei-genai", "生成式 AI 提示工程（臺北）", "Prompt engineering for generative AI (Taipei)",
     "國立臺北科技大學", 9, "classroom", ["4.1", "4.2"], ["associate"],
     "taipei-city", 1800, 14, 3),
]  # fmt: skip


def _regional_courses(today: dt.date) -> None:
    domains = {
        d.code: d
        for d in CompetencyDomain.objects.filter(
            certification__code=catalog_data.CERTIFICATION["code"]
        )
    }
    levels = {lv.code: lv for lv in Level.objects.filter(
        certification__code=catalog_data.CERTIFICATION["code"])}  # fmt: skip
    for (
        code,
        zh,
        en,
        provider,
        hours,
        mode,
        dom,
        lv,
        county_code,
        price,
        days,
        weeks,
    ) in REGIONAL_COURSES:
        county = County.objects.get(code=county_code)
        start = today + dt.timedelta(days=days)
        course, _ = TrainingCourse.objects.update_or_create(
            code=code,
            defaults={
                "title_zh": zh,
                "title_en": en,
                "provider": provider,
                "hours": hours,
                "mode": mode,
                "region": county.region,
                "county": county,
                "price": price,
                "starts_on": start,
                "ends_on": start + dt.timedelta(weeks=weeks),
            },
        )
        course.domains.set([domains[c] for c in dom if c in domains])
        course.levels.set([levels[c] for c in lv if c in levels])


def _practice_bank(level: Level, actor: User, rng: np.random.Generator) -> int:
    """Release a level's reviewed single-choice items that are on no live form for practice,
    with their analysed IRT parameters where a sitting gave some, else pretest values."""
    live = set(
        FormItem.objects.exclude(form__status=FormStatus.RETIRED).values_list(
            "item_version__item_id", flat=True
        )
    )
    flagged = set(
        PracticeItem.objects.filter(level=level).values_list("version__item_id", flat=True)
    )
    items = (
        Item.objects.filter(level=level, status__in=[ItemStatus.APPROVED, ItemStatus.ACTIVE])
        .exclude(pk__in=live | flagged)
        .prefetch_related("versions")
        .order_by("pk")
    )
    stats = {
        s.version_id: s
        for s in ItemStatistics.objects.filter(
            version__item__level=level, irt_a__isnull=False, irt_b__isnull=False
        )
    }
    created = 0
    for item in items:
        version = item.versions.all()[0]  # newest first
        if version.item_type != ItemType.SINGLE_CHOICE:
            continue
        stat = stats.get(version.pk)
        if stat is not None and stat.irt_a and stat.irt_a > 0:
            a, b, source = float(stat.irt_a), float(stat.irt_b), PracticeItem.Source.ITEM_ANALYSIS
        else:
            a, b = float(rng.uniform(1.2, 2.2)), float(rng.normal(0.0, 1.0))
            source = PracticeItem.Source.PRETEST
        services.practice_item_flag(actor=actor, version=version, a=a, d=-a * b, source=source)
        created += 1
    if created:
        services.practice_exposure_calibrate(
            actor=actor, level=level, n_simulees=DEMO_EXPOSURE_SIMULEES
        )
    return created


def _take(user: User, level: Level, theta: float, now: dt.datetime, rng) -> PracticeAttempt:
    """A practice test answered as someone of ability ``theta`` would (3PL probabilities)."""
    attempt = services.practice_attempt_start(user=user, level=level, mode="short", now=now)
    while attempt.status == PracticeAttempt.Status.IN_PROGRESS and attempt.current is not None:
        item = attempt.current
        options = item.version.content_zh.get("options", [])
        right = next(i for i, o in enumerate(options) if o.get("correct") is True)
        p = item.c + (1 - item.c) / (1 + np.exp(-(item.a * theta + item.d)))
        answer = right if rng.random() < p else (right + 1) % len(options)
        attempt = services.practice_answer_save(
            user=user,
            attempt_id=attempt.pk,
            position=attempt.answers.count() + 1,
            answer=answer,
            now=now,
        )
        now += dt.timedelta(seconds=50)
    return attempt


def selfassess_seed() -> dict[str, int]:
    """Seed the practice banks, regional courses and the candidate's practice history and plan.
    Safe to run again: banks only gain new items, the history is made once."""
    rng = np.random.default_rng(2026)
    now = timezone.now()
    _regional_courses(timezone.localdate())
    actor = User.objects.get(email=PSYCHOMETRICIAN)
    levels = list(
        Level.objects.filter(certification__code=catalog_data.CERTIFICATION["code"]).order_by(
            "rank"
        )
    )
    flagged = sum(_practice_bank(level, actor, rng) for level in levels)
    user = User.objects.get(email=CANDIDATE)
    associate = next((lv for lv in levels if lv.code == "associate"), None)
    if associate is not None and selectors.practice_bank_load(level_id=associate.pk).cat:
        if not PracticeAttempt.objects.filter(user=user, level=associate).exists():
            first = _take(user, associate, -0.7, now - dt.timedelta(weeks=5), rng)
            domains = sorted(first.profile["domains"], key=lambda d: (-d["p_below"], d["theta"]))
            suggestions = selectors.courses_recommend(
                user=user,
                level_id=associate.pk,
                weakest=[d["code"] for d in domains[:3]],
                today=(now - dt.timedelta(weeks=5)).date(),
            )
            if suggestions:
                plan = services.training_plan_save(
                    user=user,
                    attempt=first,
                    courses=[(s.course, list(s.domains)) for s in suggestions],
                    now=now - dt.timedelta(weeks=5),
                )
                done = plan.items.order_by("position").first()
                if done is not None:
                    services.training_plan_course_done(
                        user=user,
                        pk=done.pk,
                        done_on=(now - dt.timedelta(weeks=3)).date(),
                        now=now - dt.timedelta(weeks=3),
                    )
            _take(user, associate, 0.1, now - dt.timedelta(weeks=2), rng)
    return {
        "practice_items": PracticeItem.objects.count(),
        "practice_items_flagged": flagged,
    }
