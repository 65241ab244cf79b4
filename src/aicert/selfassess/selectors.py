"""Reads of self-assessment: the practice bank prepared for the CAT, its size and information
per domain, a person's own attempts and profile, and aggregates without people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from scipy.stats import norm

from aicert.accounts.permissions import user_can, user_center_ids
from aicert.accounts.roles import Role
from aicert.catalog.models import (
    BlueprintEntry,
    CompetencyDomain,
    Level,
    PassRule,
    TrainingCourse,
)
from aicert.centers.models import Center
from aicert.delivery.models import FormItem, FormStatus
from aicert.psychometrics import profile as prof
from aicert.psychometrics.cat import CatItemBank
from aicert.registration.models import CandidateProfile
from aicert.selfassess import reskilling
from aicert.selfassess.models import (
    PracticeAnswer,
    PracticeAttempt,
    PracticeItem,
    TrainingPlan,
    TrainingPlanCourse,
)

#: A domain needs this much test information at theta = 0 (SE <= 1/sqrt(I) ~ 0.5 from that
#: domain alone) and this many items before its estimate is called reliable.
THIN_INFORMATION = 4.0
THIN_ITEMS = 8


def item_is_on_live_form(*, item_id: int) -> bool:
    """Is any version of the item on an exam form in use or planned (not retired)?"""
    return (
        FormItem.objects.filter(item_version__item_id=item_id)
        .exclude(form__status=FormStatus.RETIRED)
        .exists()
    )


def _live_item_ids() -> set[int]:
    return set(
        FormItem.objects.exclude(form__status=FormStatus.RETIRED).values_list(
            "item_version__item_id", flat=True
        )
    )


@dataclass
class PracticeBank:
    """The practice items of one level as the CAT sees them (index i = row i)."""

    ids: list[int]
    index: dict[int, int]
    a: np.ndarray
    d: np.ndarray
    c: np.ndarray
    domains: list[str]
    exposure_k: np.ndarray | None
    blueprint: dict[str, float]
    cat: CatItemBank | None
    domain_names: dict[str, tuple[str, str]] = field(default_factory=dict)


def practice_bank_load(*, level_id: int) -> PracticeBank:
    """Active practice items of a level, never an item on a live exam form (checked again here,
    so an item put on a form after it was flagged leaves practice at once)."""
    live = _live_item_ids()
    rows = [
        r
        for r in PracticeItem.objects.filter(level_id=level_id, is_active=True)
        .order_by("pk")
        .values_list("pk", "a", "d", "c", "exposure_k", "domain__code", "version__item_id")
        if r[6] not in live
    ]
    ids = [r[0] for r in rows]
    domains = [r[5] for r in rows]
    present = set(domains)
    blueprint: dict[str, float] = {}
    for code, weight in BlueprintEntry.objects.filter(subject__level_id=level_id).values_list(
        "domain__code", "weight_percent"
    ):
        if code in present:
            blueprint[code] = blueprint.get(code, 0.0) + float(weight)
    names = {
        code: (zh, en)
        for code, zh, en in CompetencyDomain.objects.filter(code__in=present)
        .filter(practice_items__level_id=level_id)
        .distinct()
        .values_list("code", "name_zh", "name_en")
    }
    a = np.array([r[1] for r in rows], dtype=float)
    d = np.array([r[2] for r in rows], dtype=float)
    c = np.array([r[3] for r in rows], dtype=float)
    k = np.array([r[4] for r in rows], dtype=float)
    return PracticeBank(
        ids=ids,
        index={pk: i for i, pk in enumerate(ids)},
        a=a,
        d=d,
        c=c,
        domains=domains,
        exposure_k=k if rows and np.any(k < 1) else None,
        blueprint=blueprint,
        cat=CatItemBank(a, d, c, domains) if rows else None,
        domain_names=names,
    )


@dataclass(frozen=True)
class DomainBankRow:
    code: str
    name: str
    items: int
    information: float
    thin: bool


def practice_bank_summary(*, level_id: int) -> list[DomainBankRow]:
    """Size and test information (at theta = 0) of the practice bank per domain, thin flagged."""
    bank = practice_bank_load(level_id=level_id)
    if bank.cat is None:
        return []
    info = bank.cat.information(0.0)
    rows = []
    for code in sorted(set(bank.domains)):
        mask = np.array([x == code for x in bank.domains])
        total = float(info[mask].sum())
        zh, en = bank.domain_names.get(code, (code, code))
        rows.append(
            DomainBankRow(
                code=code,
                name=_pick(zh, en),
                items=int(mask.sum()),
                information=round(total, 2),
                thin=total < THIN_INFORMATION or int(mask.sum()) < THIN_ITEMS,
            )
        )
    return rows


def _pick(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") and en else zh


def recently_seen_item_ids(*, user_id: int, since: dt.datetime) -> set[int]:
    """Practice items the person answered since ``since`` in earlier attempts."""
    return set(
        PracticeAnswer.objects.filter(attempt__user_id=user_id, answered_at__gte=since).values_list(
            "item_id", flat=True
        )
    )


def profile_compute(*, attempt: PracticeAttempt, bank: PracticeBank) -> dict[str, Any]:
    """Domain profile (shrunken sub-scores) and readiness for a finished attempt, as JSON."""
    answers = list(attempt.answers.order_by("position").values_list("item_id", "correct"))
    idx = [bank.index[i] for i, _ in answers if i in bank.index]
    resp = [int(c) for i, c in answers if i in bank.index]
    all_domains = sorted(set(bank.domains))
    estimates = prof.domain_profile(
        theta=attempt.theta,
        se=attempt.se,
        a=bank.a[idx],
        d=bank.d[idx],
        c=bank.c[idx],
        domains=[bank.domains[i] for i in idx],
        responses=resp,
        all_domains=all_domains,
    )
    items = {
        code: (
            bank.a[[x == code for x in bank.domains]],
            bank.d[[x == code for x in bank.domains]],
            bank.c[[x == code for x in bank.domains]],
        )
        for code in all_domains
    }
    rule = PassRule.objects.filter(level_id=attempt.level_id).first()
    subject_min = float(rule.subject_min if rule else Decimal(60))
    average_min = float(rule.average_min if rule else Decimal(70))
    subjects: dict[str, dict[str, float]] = {}
    for subject, code, weight in BlueprintEntry.objects.filter(
        subject__level_id=attempt.level_id
    ).values_list("subject__code", "domain__code", "weight_percent"):
        subjects.setdefault(subject, {})[code] = float(weight)
    if not subjects:
        subjects = {"all": dict.fromkeys(all_domains, 1.0)}
    ready = prof.readiness(
        estimates={e.domain: (e.theta, e.se) for e in estimates},
        subjects=subjects,
        items=items,
        average_min=average_min,
        subject_min=subject_min,
        rng=attempt.seed,
    )
    domains = []
    for e in estimates:
        cut = prof.theta_for_percent(subject_min, *items[e.domain])
        below = float(norm.cdf((cut - e.theta) / max(e.se, 1e-6)))
        zh, en = bank.domain_names.get(e.domain, (e.domain, e.domain))
        domains.append(
            {
                "code": e.domain,
                "name_zh": zh,
                "name_en": en,
                "theta": round(e.theta, 3),
                "se": round(e.se, 3),
                "n": e.n_items,
                "correct": e.n_correct,
                "cut": round(cut, 3),
                "p_below": round(below, 3),
            }
        )
    return {
        "model": f"unidimensional EAP + shrunken domain sub-scores (tau={prof.DEFAULT_TAU:.1f})",
        "theta": round(attempt.theta, 3),
        "se": round(attempt.se, 3),
        "domains": domains,
        "readiness": {
            "probability": round(ready.probability, 3),
            "mc_se": round(ready.mc_se, 4),
            "subjects": {k: round(v, 3) for k, v in ready.subject_probability.items()},
            "expected": {k: round(v, 1) for k, v in ready.expected_scores.items()},
            "average_min": average_min,
            "subject_min": subject_min,
        },
    }


def practice_attempts_of(*, user: Any) -> list[PracticeAttempt]:
    """A person's own practice attempts, newest first (one query)."""
    return list(PracticeAttempt.objects.filter(user=user).select_related("level"))


def practice_attempt_get_own(*, user: Any, pk: int) -> PracticeAttempt:
    """One attempt of this person; raises ``DoesNotExist`` for anyone else's."""
    return PracticeAttempt.objects.select_related("level", "current__version").get(pk=pk, user=user)


def participation_by_month(*, level_id: int | None = None) -> list[dict[str, Any]]:
    """Finished practice tests per month (no person in the result), for regional reports."""
    qs = PracticeAttempt.objects.filter(status=PracticeAttempt.Status.FINISHED)
    if level_id is not None:
        qs = qs.filter(level_id=level_id)
    return [
        dict(row)
        for row in qs.annotate(month=TruncMonth("finished_at"))
        .values("month")
        .annotate(attempts=Count("pk"), people=Count("user", distinct=True))
        .order_by("month")
    ]


# ------------------------------------------------------------------------------ training courses


def course_regions_writable(*, user: Any, perm: str) -> tuple[bool, set[int]]:
    """Where ``user`` may add or edit courses (``perm``): (everywhere, incl. nationwide and
    online courses; the region ids of their own centers)."""
    if not user_can(user, perm):
        return False, set()
    if user.is_superuser or any(m.role == Role.FOUNDATION_ADMIN for m in user.active_memberships):
        return True, set()
    ids = set(
        Center.objects.filter(pk__in=user_center_ids(user)).values_list("region_id", flat=True)
    )
    return False, ids


def course_may_write(*, user: Any, perm: str, region_id: int | None) -> bool:
    """May ``user`` write a course of ``region_id`` (None: nationwide/online, foundation only)?"""
    everywhere, ids = course_regions_writable(user=user, perm=perm)
    return everywhere or (region_id is not None and region_id in ids)


def courses_manageable(*, user: Any) -> list[TrainingCourse]:
    """The courses ``user`` may edit: all for the foundation, their regions' for a center."""
    everywhere, ids = course_regions_writable(user=user, perm="catalog.change_trainingcourse")
    qs = TrainingCourse.objects.select_related("region", "county").prefetch_related("domains")
    if not everywhere:
        qs = qs.filter(region_id__in=ids)
    return list(qs.order_by("region__position", "starts_on", "code"))


#: How near a course is to the person: same county, same region, nationwide or online, elsewhere.
NEAR_COUNTY, NEAR_REGION, NEAR_ANYWHERE, NEAR_ELSEWHERE = 0, 1, 2, 3


@dataclass(frozen=True)
class CourseSuggestion:
    """A recommended course: which of the person's weak domains it trains, and how near it is."""

    course: TrainingCourse
    domains: tuple[str, ...]
    nearness: int
    upcoming: bool


def person_place(*, user: Any) -> tuple[int | None, int | None]:
    """The person's county and its region from their candidate profile (None when not given)."""
    row = (
        CandidateProfile.objects.filter(user_id=user.pk)
        .values_list("county_id", "county__region_id")
        .first()
    )
    return (row[0], row[1]) if row else (None, None)


def courses_recommend(
    *,
    user: Any,
    level_id: int,
    weakest: list[str],
    today: dt.date,
    limit: int = 6,
) -> list[CourseSuggestion]:
    """Courses for ``weakest`` (domain codes, weakest first) of a level, ordered by the weakest
    domain they train, then nearness to the person's county, then upcoming (soonest start)
    before those already running or without dates. Ended and withdrawn courses are left out."""
    if not weakest:
        return []
    county_id, region_id = person_place(user=user)
    courses = (
        TrainingCourse.objects.filter(is_active=True, domains__code__in=weakest)
        .filter(Q(levels__id=level_id) | Q(levels__isnull=True))
        .exclude(ends_on__lt=today)
        .select_related("region", "county")
        .prefetch_related("domains")
        .distinct()
    )
    rank = {code: i for i, code in enumerate(weakest)}
    out = []
    for course in courses:
        codes = tuple(
            sorted({d.code for d in course.domains.all()} & set(rank), key=rank.__getitem__)
        )
        if course.region_id is None:
            near = NEAR_ANYWHERE
        elif county_id is not None and course.county_id == county_id:
            near = NEAR_COUNTY
        elif region_id is not None and course.region_id == region_id:
            near = NEAR_REGION
        else:
            near = NEAR_ELSEWHERE
        upcoming = course.starts_on is not None and course.starts_on >= today
        out.append(CourseSuggestion(course=course, domains=codes, nearness=near, upcoming=upcoming))
    out.sort(
        key=lambda s: (
            rank[s.domains[0]],
            s.nearness,
            not s.upcoming,
            s.course.starts_on or dt.date.max,
            s.course.code,
        )
    )
    return out[:limit]


# ------------------------------------------------------------------------------ training plans


@dataclass(frozen=True)
class PlanProgress:
    """A person's plan for a level with its courses and the practice attempts since it began."""

    plan: TrainingPlan
    items: list[TrainingPlanCourse]
    done: int
    attempts: list[PracticeAttempt]
    #: Per domain code: (name_zh, name_en, first theta, latest theta) over the finished attempts.
    domain_change: list[tuple[str, str, str, float, float]]

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / len(self.items)) if self.items else 0


def training_plans_of(*, user: Any) -> list[TrainingPlan]:
    """A person's own plans (one query)."""
    return list(TrainingPlan.objects.filter(user=user).select_related("level__certification"))


def training_plan_progress(*, user: Any, plan_id: int) -> PlanProgress:
    """One of the person's plans with its progress; ``DoesNotExist`` for anyone else's."""
    plan = TrainingPlan.objects.select_related("level__certification").get(pk=plan_id, user=user)
    items = list(
        plan.items.select_related("course__region", "course__county").order_by("position", "pk")
    )
    attempts = list(
        PracticeAttempt.objects.filter(
            user=user, level_id=plan.level_id, status=PracticeAttempt.Status.FINISHED
        ).order_by("finished_at", "pk")
    )
    change = []
    if attempts:
        first = {d["code"]: d for d in attempts[0].profile.get("domains", [])}
        for d in attempts[-1].profile.get("domains", []):
            start = first.get(d["code"], d)
            change.append((d["code"], d["name_zh"], d["name_en"], start["theta"], d["theta"]))
    return PlanProgress(
        plan=plan,
        items=items,
        done=sum(1 for i in items if i.done_on is not None),
        attempts=attempts,
        domain_change=change,
    )


# ------------------------------------------------------------------------------ reskilling paths

#: Readiness at or above this counts as ready for a level's exam.
READY = 0.8


@dataclass(frozen=True)
class PathStepView:
    """A reskilling step with the catalogue rows and, for a signed-in person, their standing."""

    step: reskilling.PathStep
    level: Level | None
    courses: list[TrainingCourse]
    #: Latest finished practice readiness at this level (None: not tried).
    readiness: float | None
    courses_done: set[str]
    state: str  # "ready", "current", "later"


def reskilling_path_view(*, path: reskilling.ReskillingPath, user: Any) -> list[PathStepView]:
    """The path's steps with their levels and courses; with a person, where they stand: a step
    is ready when their latest practice readiness there is at least :data:`READY`, and the
    first step not ready is the current one."""
    levels = {
        lv.code: lv
        for lv in Level.objects.filter(certification__code=path.certification).select_related(
            "certification"
        )
    }
    codes = {c for step in path.steps for c in step.courses}
    courses = {
        c.code: c
        for c in TrainingCourse.objects.filter(code__in=codes, is_active=True).select_related(
            "region"
        )
    }
    readiness: dict[int, float] = {}
    done: set[str] = set()
    if user is not None and user.is_authenticated:
        for level_id, prof_json in (
            PracticeAttempt.objects.filter(
                user=user,
                status=PracticeAttempt.Status.FINISHED,
                level_id__in=[lv.pk for lv in levels.values()],
            )
            .order_by("finished_at", "pk")
            .values_list("level_id", "profile")
        ):
            readiness[level_id] = float(prof_json.get("readiness", {}).get("probability", 0.0))
        done = set(
            TrainingPlanCourse.objects.filter(
                plan__user=user, done_on__isnull=False, course__code__in=codes
            ).values_list("course__code", flat=True)
        )
    out = []
    current_found = False
    for step in path.steps:
        level = levels.get(step.level)
        r = readiness.get(level.pk) if level is not None else None
        if r is not None and r >= READY:
            state = "ready"
        elif not current_found:
            state, current_found = "current", True
        else:
            state = "later"
        out.append(
            PathStepView(
                step=step,
                level=level,
                courses=[courses[c] for c in step.courses if c in courses],
                readiness=r,
                courses_done=done & set(step.courses),
                state=state,
            )
        )
    return out
