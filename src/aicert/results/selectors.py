"""Reads for results: a candidate's released results, score reports, release and summary lists."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from aicert.accounts.models import User
from aicert.accounts.permissions import scope_queryset, user_can
from aicert.accounts.types import RequestUser
from aicert.catalog.models import PassRule, TrainingCourse
from aicert.delivery.models import ENDED_STATUSES, Attempt
from aicert.registration.models import CandidateProfile
from aicert.results.models import DomainScore, LevelResult, Result, ResultRelease, ResultStatus
from aicert.scheduling.models import Session

# Center managers see pass counts only for sessions with at least this many released results,
# so a count can never single out one candidate's outcome.
SMALL_CELL_MIN = 5
WEAK_DOMAINS_SHOWN = 3
COURSES_SHOWN = 5


def results_released_for_candidate(*, user: User) -> QuerySet[Result]:
    """The candidate's own released results, newest session first."""
    return (
        Result.objects.filter(candidate=user, status=ResultStatus.RELEASED)
        .select_related(
            "subject__level__certification", "session__room__venue__center__organisation"
        )
        .order_by("-session__starts_at", "-pk")
    )


def result_get_for_candidate(*, user: RequestUser, pk: int) -> Result:
    """One released result of the signed-in candidate; anything else is DoesNotExist."""
    if user.is_anonymous:
        raise Result.DoesNotExist
    return results_released_for_candidate(user=user).get(pk=pk)


def level_results_for_candidate(*, user: User) -> QuerySet[LevelResult]:
    return (
        LevelResult.objects.filter(candidate=user)
        .select_related("level__certification")
        .order_by("-decided_at", "-pk")
    )


@dataclass(frozen=True)
class DomainRow:
    code: str
    name: str
    depth: int
    points: Decimal
    max_points: Decimal
    percent: Decimal
    item_count: int
    is_leaf: bool


@dataclass(frozen=True)
class CourseRow:
    code: str
    title: str
    provider: str
    hours: int
    mode: str
    url: str
    domains: tuple[str, ...]


@dataclass
class ScoreReport:
    """Everything the score report page and its PDF show, in the reader's language."""

    result: Result
    rule: PassRule | None
    level_result: LevelResult | None
    domains: list[DomainRow]
    weakest: list[DomainRow]
    courses: list[CourseRow]
    other_subjects: list[Result] = field(default_factory=list)


def score_report(*, result: Result) -> ScoreReport:
    """Domain profile, pass rule, level outcome and "what to study next" for one result."""
    rows = list(
        DomainScore.objects.filter(result=result).select_related("domain").order_by("domain__code")
    )
    parents = {r.domain.parent_id for r in rows if r.domain.parent_id}
    domains = [
        DomainRow(
            code=r.domain.code,
            name=r.domain.name,
            depth=r.domain.depth,
            points=r.points,
            max_points=r.max_points,
            percent=r.percent,
            item_count=r.item_count,
            is_leaf=r.domain_id not in parents,
        )
        for r in rows
    ]
    # Weakest: the leaf domains (the most specific advice) below full marks, lowest first.
    leaf_rows = [r for r in rows if r.domain_id not in parents and r.percent < 100]
    leaf_rows.sort(key=lambda r: (r.percent, r.domain.code))
    weak = leaf_rows[:WEAK_DOMAINS_SHOWN]
    weak_ids = {r.domain_id for r in weak}
    by_code = {d.code: d for d in domains}
    weakest = [by_code[r.domain.code] for r in weak]
    # Courses tagged with a weak domain or with one of its ancestors (a broader course).
    ancestor_ids = set(weak_ids)
    for r in weak:
        parent = r.domain.parent
        while parent is not None:
            ancestor_ids.add(parent.pk)
            parent = parent.parent
    courses_qs = (
        TrainingCourse.objects.filter(domains__in=ancestor_ids)
        .annotate(matches=Count("domains", filter=Q(domains__in=weak_ids), distinct=True))
        .prefetch_related("domains")
        .distinct()
        .order_by("-matches", "code")[:COURSES_SHOWN]
    )
    courses = [
        CourseRow(
            code=c.code,
            title=c.title,
            provider=c.provider,
            hours=c.hours,
            mode=c.get_mode_display(),
            url=c.url,
            domains=tuple(sorted(d.code for d in c.domains.all() if d.pk in ancestor_ids)),
        )
        for c in courses_qs
    ]
    rule = PassRule.objects.filter(level_id=result.subject.level_id).first()
    level_result = LevelResult.objects.filter(results=result).order_by("-decided_at", "-pk").first()
    others = []
    if level_result is not None:
        others = list(
            level_result.results.exclude(pk=result.pk).select_related("subject", "session")
        )
    return ScoreReport(
        result=result,
        rule=rule,
        level_result=level_result,
        domains=domains,
        weakest=weakest,
        courses=courses,
        other_subjects=others,
    )


# --- foundation and center views -----------------------------------------------------------------


@dataclass
class SessionRow:
    session: Session
    sat: int
    pending_marking: int
    results: int
    released: int
    passed: int | None
    release: ResultRelease | None

    @property
    def marked(self) -> int:
        return self.sat - self.pending_marking

    @property
    def pass_rate(self) -> Decimal | None:
        if self.passed is None or not self.released:
            return None
        return (Decimal(self.passed) * 100 / self.released).quantize(Decimal("0.1"))


def sessions_with_results(
    *, user: RequestUser, perm: str = "results.view_session_summary", now: dt.datetime | None = None
) -> list[SessionRow]:
    """Sessions that have taken place, with counts, scoped to what ``user`` may see.

    Center managers (no ``results.view_result``) get pass counts only once released and only
    for sessions with at least :data:`SMALL_CELL_MIN` released results.
    """
    now = now or timezone.now()
    sessions = scope_queryset(
        user, perm, Session.objects.filter(starts_at__lte=now)
    ).select_related("subject__level", "room__venue__center__organisation")
    ended = Q(registrations__attempts__status__in=list(ENDED_STATUSES))
    sessions = sessions.annotate(
        n_sat=Count("registrations__attempts", filter=ended, distinct=True),
        n_pending=Count(
            "registrations__attempts",
            filter=ended & Q(registrations__attempts__needs_marking=True),
            distinct=True,
        ),
    ).order_by("-starts_at", "pk")
    sessions_list = [s for s in sessions if s.n_sat]
    ids = [s.pk for s in sessions_list]
    counts = {
        row["session_id"]: row
        for row in Result.objects.filter(session_id__in=ids)
        .exclude(status=ResultStatus.WITHDRAWN)
        .values("session_id")
        .annotate(
            n=Count("pk"),
            released=Count("pk", filter=Q(status=ResultStatus.RELEASED)),
            passed=Count("pk", filter=Q(status=ResultStatus.RELEASED, passed=True)),
        )
    }
    releases = {r.session_id: r for r in ResultRelease.objects.filter(session_id__in=ids)}
    sees_scores = user_can(user, "results.view_result")
    rows = []
    for s in sessions_list:
        c = counts.get(s.pk, {"n": 0, "released": 0, "passed": 0})
        passed: int | None = c["passed"]
        if not sees_scores and c["released"] < SMALL_CELL_MIN:
            passed = None
        rows.append(
            SessionRow(
                session=s,
                sat=s.n_sat,
                pending_marking=s.n_pending,
                results=c["n"],
                released=c["released"],
                passed=passed,
                release=releases.get(s.pk),
            )
        )
    return rows


@dataclass
class SessionSummary:
    """Score distribution of one session (one subject) for the foundation and psychometricians."""

    session: Session
    n: int
    passed: int
    mean: Decimal | None
    sd: Decimal | None
    median: Decimal | None
    bins: list[tuple[str, int]]
    domain_means: list[tuple[str, str, Decimal]]

    @property
    def pass_rate(self) -> Decimal | None:
        if not self.n:
            return None
        return (Decimal(self.passed) * 100 / self.n).quantize(Decimal("0.1"))


def session_summary(*, session: Session) -> SessionSummary:
    """Distribution (10-point bins of the scaled score), pass rate and domain means."""
    results = list(Result.objects.filter(session=session).exclude(status=ResultStatus.WITHDRAWN))
    scores = [float(r.scaled_score) for r in results]
    rule = PassRule.objects.filter(level_id=session.subject.level_id).first()
    top = float(rule.max_score) if rule else 100.0
    width = top / 10
    counts = [0] * 10
    for score in scores:
        counts[min(int(score // width), 9) if width else 0] += 1
    bins = [(f"{int(i * width)}–{int((i + 1) * width)}", counts[i]) for i in range(10)]

    def dec(x: float) -> Decimal:
        return Decimal(str(round(x, 2)))

    domain_rows: dict[str, list] = {}
    for ds in DomainScore.objects.filter(result__in=results).select_related("domain"):
        entry = domain_rows.setdefault(ds.domain.code, [ds.domain.name, Decimal(0), Decimal(0)])
        entry[1] += ds.points
        entry[2] += ds.max_points
    domain_means = [
        (code, name, (pts * 100 / mx).quantize(Decimal("0.1")) if mx else Decimal(0))
        for code, (name, pts, mx) in sorted(domain_rows.items())
    ]
    return SessionSummary(
        session=session,
        n=len(scores),
        passed=sum(1 for r in results if r.passed),
        mean=dec(statistics.fmean(scores)) if scores else None,
        sd=dec(statistics.pstdev(scores)) if len(scores) > 1 else None,
        median=dec(statistics.median(scores)) if scores else None,
        bins=bins,
        domain_means=domain_means,
    )


def results_for_export(*, session: Session) -> list[dict[str, Any]]:
    """One row per result of a session with a masked national ID (never the number itself)."""
    results = list(
        Result.objects.filter(session=session)
        .select_related("subject", "candidate", "scale_transform")
        .prefetch_related("domain_scores__domain")
        .order_by("pk")
    )
    profiles = {
        p.user_id: p
        for p in CandidateProfile.objects.filter(user_id__in=[r.candidate_id for r in results])
    }
    rows = []
    for r in results:
        profile = profiles.get(r.candidate_id)
        rows.append(
            {
                "result": r.pk,
                "candidate_ref": f"C{r.candidate_id:06d}",
                "id_masked": profile.id_number_masked if profile else "",
                "subject": r.subject.code,
                "session": r.session_id,
                "raw_points": r.raw_points,
                "raw_max": r.raw_max,
                "percent": r.percent,
                "scaled_score": r.scaled_score,
                "scale_version": r.scale_transform.version if r.scale_transform else "",
                "subject_min_reached": int(r.passed),
                "status": r.status,
                "revision": r.revision,
                "domains": {ds.domain.code: ds.percent for ds in r.domain_scores.all()},
            }
        )
    return rows


def result_released_at(*, attempt: Attempt) -> dt.datetime | None:
    """When this attempt's result was released (None: not released, or no result yet)."""
    return (
        Result.objects.filter(attempt_id=attempt.pk, released_at__isnull=False)
        .values_list("released_at", flat=True)
        .first()
    )
