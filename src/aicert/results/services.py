"""Writes for results: computing results, scale transformations, level outcomes, releases.

Locks (DESIGN.md convention 6), always in this order: the attempt row
(:func:`aicert.delivery.locks.attempt_row_lock`), then the result row; a release locks its
:class:`ResultRelease` row first, then each attempt in primary-key order.

**Level outcome rules** (:func:`level_result_evaluate`):

1. Only *released* results count (a candidate's level never moves on hidden scores).
2. For each subject of the level, the candidate's latest released result (by session start)
   is taken; withdrawn results (voided attempts) never count.
3. The results combined must all come from sessions that started within
   ``RESULTS_SITTING_WINDOW_DAYS`` (setting, default 365) before the newest of them; a subject
   whose latest result is older than that counts as not yet sat.
4. When every subject has a result, the level's pass rule is applied to the scaled scores
   (average >= ``average_min`` and every subject >= ``subject_min``; exactly at the cut
   passes). The outcome is stored as a :class:`LevelResult` keyed by the results combined, so a
   re-evaluation of the same results updates it (audited) and a new sitting adds a new one.
5. A pass records a :class:`~aicert.registration.models.LevelAchievement` (used for
   prerequisites), dated the day (Taiwan time) of the newest session combined. If a later
   rescore turns that pass into a fail, the achievement it created is removed (audited).
   Certificates are not issued here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.catalog.locks import subject_row_lock
from aicert.catalog.models import CompetencyDomain, Level, PassRule, Subject
from aicert.delivery import locks as delivery_locks
from aicert.delivery.models import ENDED_STATUSES, Attempt, AttemptStatus
from aicert.registration.models import LevelAchievement
from aicert.results import locks, tasks
from aicert.results.events import LevelAchieved, LevelAchievementWithdrawn, LevelPassedAgain
from aicert.results.models import (
    DomainScore,
    LevelOutcome,
    LevelResult,
    Result,
    ResultRelease,
    ResultStatus,
    ScaleBasis,
    ScaleTransform,
    percent_of,
)
from aicert.scheduling.models import Session
from aicert.scoring.selectors import attempt_item_scores
from aicert.shared.clock import aware_now
from aicert.shared.events import event_publish

CENT = Decimal("0.01")


def _notify(result_id: int, kind: str) -> None:
    transaction.on_commit(lambda: tasks.result_email_send.enqueue(result_id=result_id, kind=kind))


# --- scale transformations ------------------------------------------------------------------------


@transaction.atomic
def scale_transform_create(
    *,
    actor: Actor,
    subject: Subject,
    raw_low: Decimal,
    raw_high: Decimal,
    scaled_low: Decimal,
    scaled_high: Decimal,
    basis: str = ScaleBasis.PERCENT,
    decimals: int = 0,
    note: str = "",
) -> ScaleTransform:
    """Publish a new version of a subject's raw -> scaled transformation.

    Given as "raw range -> scaled range" (e.g. percent 0..100 -> 0..100, or points 20..80 ->
    0..100); the slope and intercept are derived and stored, and scores outside the range are
    clamped to it. Earlier versions stay on the results that used them; this one applies to
    results computed from now on.
    """
    require_permission(actor, "results.add_scaletransform")
    raw_low, raw_high = Decimal(raw_low), Decimal(raw_high)
    scaled_low, scaled_high = Decimal(scaled_low), Decimal(scaled_high)
    errors: dict[str, str] = {}
    if raw_high <= raw_low:
        errors["raw_high"] = _("The top of the raw range must be above its bottom.")
    if scaled_high <= scaled_low:
        errors["scaled_high"] = _("The top of the scaled range must be above its bottom.")
    if basis not in ScaleBasis.values:
        errors["basis"] = _("Choose percent or raw points.")
    elif basis == ScaleBasis.PERCENT and (raw_low < 0 or raw_high > 100):
        errors["raw_high"] = _("A percent range lies within 0 to 100.")
    if not 0 <= decimals <= 2:
        errors["decimals"] = _("Round to 0, 1 or 2 decimal places.")
    if errors:
        raise ValidationError(errors)
    slope = ((scaled_high - scaled_low) / (raw_high - raw_low)).quantize(
        Decimal("0.000001"), rounding=ROUND_HALF_UP
    )
    intercept = (scaled_low - slope * raw_low).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    subject_row_lock(pk=subject.pk)
    last = ScaleTransform.objects.filter(subject=subject).aggregate(v=Max("version"))["v"] or 0
    ScaleTransform.objects.filter(subject=subject, is_active=True).update(is_active=False)
    transform = ScaleTransform.objects.create(
        subject=subject,
        version=last + 1,
        basis=basis,
        slope=slope,
        intercept=intercept,
        scaled_min=scaled_low,
        scaled_max=scaled_high,
        decimals=decimals,
        note=note.strip(),
        is_active=True,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="results.scale_transform_create",
        target=transform,
        changes={
            "subject": subject.pk,
            "version": transform.version,
            "basis": basis,
            "raw": [str(raw_low), str(raw_high)],
            "scaled": [str(scaled_low), str(scaled_high)],
            "slope": str(slope),
            "intercept": str(intercept),
            "decimals": decimals,
        },
    )
    return transform


def _current_transform(subject_id: int) -> ScaleTransform | None:
    return (
        ScaleTransform.objects.filter(subject_id=subject_id, is_active=True)
        .order_by("-version")
        .first()
    )


# --- computing a result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainTally:
    domain_id: int
    points: Decimal
    max_points: Decimal
    item_count: int

    @property
    def percent(self) -> Decimal:
        return percent_of(self.points, self.max_points)


@dataclass(frozen=True)
class Computed:
    raw_points: Decimal
    raw_max: Decimal
    domains: tuple[DomainTally, ...]


def domain_rollup(
    items: list[tuple[int, Decimal, Decimal]], parents: Mapping[int, int | None]
) -> list[DomainTally]:
    """Sum ``(domain id, points, max points)`` per item into every domain and its ancestors.

    A parent domain's sub-score is over all the items of its subtree (points and maxima are
    summed, never percentages averaged), so it weighs each item by its points.
    """
    points: dict[int, Decimal] = defaultdict(Decimal)
    maxima: dict[int, Decimal] = defaultdict(Decimal)
    counts: dict[int, int] = defaultdict(int)
    for domain_id, earned, maximum in items:
        node: int | None = domain_id
        seen: set[int] = set()
        while node is not None and node not in seen:
            seen.add(node)
            points[node] += earned
            maxima[node] += maximum
            counts[node] += 1
            node = parents.get(node)
    return [DomainTally(d, points[d], maxima[d], counts[d]) for d in sorted(maxima)]


def _item_scores(attempt: Attempt) -> list[tuple[int, Decimal, Decimal]]:
    """``(domain id, points, max points)`` of every item that counts on the attempt's form.

    The scoring app owns what counts (an item dropped after a challenge counts for nobody,
    answered or not): :func:`aicert.scoring.selectors.attempt_item_scores`.
    """
    return [
        (s.domain_id, s.points or Decimal(0), s.max_points)
        for s in attempt_item_scores(attempt=attempt)
        if s.counted and s.domain_id is not None
    ]


def _compute(attempt: Attempt) -> Computed:
    """Raw totals and rolled-up domain sub-scores of an ended, fully scored attempt."""
    rows = _item_scores(attempt)
    total = sum((earned for _d, earned, _m in rows), Decimal(0))
    maximum = sum((m for _d, _e, m in rows), Decimal(0))
    certification_id = attempt.form.subject.level.certification_id
    parents = dict(
        CompetencyDomain.objects.filter(certification_id=certification_id).values_list(
            "pk", "parent_id"
        )
    )
    # Items of a domain outside the certification's tree still count under their own domain.
    return Computed(total, maximum, tuple(domain_rollup(rows, parents)))


def _snapshot(result: Result) -> dict[str, Any]:
    return {
        "raw_points": str(result.raw_points),
        "raw_max": str(result.raw_max),
        "percent": str(result.percent),
        "scaled_score": str(result.scaled_score),
        "passed": result.passed,
        "status": result.status,
        "scale_transform": result.scale_transform_id,
        "domains": {
            str(ds.domain_id): [str(ds.points), str(ds.max_points)]
            for ds in result.domain_scores.all()
        },
    }


@transaction.atomic
def result_refresh(*, attempt: Attempt, actor: Actor = None, reason: str) -> Result | None:
    """Compute, or recompute, the result of an attempt from its scored responses.

    Idempotent: recomputing unchanged responses changes nothing. Returns None, leaving any
    stored result as it is, while the attempt has not ended or still needs marking. For a
    voided attempt it returns None and removes an unreleased result, or withdraws a released
    one (audited, candidate notified). A result keeps the scale transformation version it was
    first computed with. When the session's results are already released, a new result is
    released at once; a change to a released result is audited with before and after and the
    candidate is told. Level outcomes are re-evaluated after any change to a released result.

    Called by delivery and scoring (after submit, marking, re-key, appeal) and by releases.
    Locks the attempt row, then the result row.
    """
    now = timezone.now()
    attempt = delivery_locks.attempt_row_lock(pk=attempt.pk)
    existing = locks.result_row_lock(attempt_id=attempt.pk)
    if attempt.status == AttemptStatus.VOIDED:
        if existing is not None:
            _result_withdraw(existing, actor=actor, reason=reason, now=now)
        return None
    if attempt.status not in ENDED_STATUSES or attempt.needs_marking:
        return None
    attempt = Attempt.objects.select_related(
        "form__subject__level", "registration__session", "candidate"
    ).get(pk=attempt.pk)
    subject = attempt.form.subject
    computed = _compute(attempt)
    transform = existing.scale_transform if existing is not None else None
    if existing is None:
        transform = _current_transform(subject.pk)
    percent = percent_of(computed.raw_points, computed.raw_max)
    if transform is not None:
        scaled = transform.apply(points=computed.raw_points, maximum=computed.raw_max)
    else:
        scaled = percent
    rule = PassRule.objects.filter(level_id=subject.level_id).first()
    subject_min = rule.subject_min if rule is not None else None
    passed = subject_min is not None and scaled >= subject_min
    session = attempt.registration.session
    release = ResultRelease.objects.filter(session_id=session.pk, released_at__isnull=False).first()

    if existing is None:
        result = Result.objects.create(
            attempt=attempt,
            candidate=attempt.candidate,
            subject=subject,
            session=session,
            raw_points=computed.raw_points,
            raw_max=computed.raw_max,
            percent=percent,
            scaled_score=scaled,
            scale_transform=transform,
            subject_min=subject_min,
            passed=passed,
            status=ResultStatus.RELEASED if release else ResultStatus.PROVISIONAL,
            released_at=now if release else None,
            computed_at=now,
        )
        DomainScore.objects.bulk_create(
            DomainScore(
                result=result,
                domain_id=d.domain_id,
                points=d.points,
                max_points=d.max_points,
                percent=d.percent,
                item_count=d.item_count,
            )
            for d in computed.domains
        )
        audit_record(
            actor=actor,
            action="results.result_compute",
            target=result,
            changes={"reason": reason, "after": _snapshot(result)},
        )
        if release:
            _notify(result.pk, "released")
            level_result_evaluate(candidate=attempt.candidate, level=subject.level, actor=actor)
        return result

    before = _snapshot(existing)
    existing.raw_points, existing.raw_max = computed.raw_points, computed.raw_max
    existing.percent, existing.scaled_score = percent, scaled
    existing.subject_min, existing.passed = subject_min, passed
    was_withdrawn = existing.status == ResultStatus.WITHDRAWN
    if was_withdrawn:
        # A voided attempt reinstated: the result counts again, released if its session is.
        existing.status = ResultStatus.RELEASED if release else ResultStatus.PROVISIONAL
        existing.released_at = now if release else None
    new_domains = {d.domain_id: d for d in computed.domains}
    after_domains = {str(d.domain_id): [str(d.points), str(d.max_points)] for d in computed.domains}
    after = {
        **before,
        "raw_points": str(existing.raw_points),
        "raw_max": str(existing.raw_max),
        "percent": str(existing.percent),
        "scaled_score": str(existing.scaled_score),
        "passed": existing.passed,
        "status": existing.status,
        "domains": after_domains,
    }
    if after == before:
        return existing
    existing.revision += 1
    existing.computed_at = now
    existing.save(
        update_fields=[
            "raw_points",
            "raw_max",
            "percent",
            "scaled_score",
            "subject_min",
            "passed",
            "status",
            "released_at",
            "revision",
            "computed_at",
        ]
    )
    existing.domain_scores.all().delete()
    DomainScore.objects.bulk_create(
        DomainScore(
            result=existing,
            domain_id=d.domain_id,
            points=d.points,
            max_points=d.max_points,
            percent=d.percent,
            item_count=d.item_count,
        )
        for d in new_domains.values()
    )
    audit_record(
        actor=actor,
        action="results.result_change",
        target=existing,
        changes={"reason": reason, "before": before, "after": after},
    )
    if existing.status == ResultStatus.RELEASED:
        _notify(existing.pk, "released" if was_withdrawn else "changed")
        level_result_evaluate(candidate=attempt.candidate, level=subject.level, actor=actor)
    return existing


def _result_withdraw(result: Result, *, actor: Actor, reason: str, now: dt.datetime) -> None:
    """A voided attempt's result: deleted while unreleased, withdrawn (kept) once released."""
    if result.status == ResultStatus.WITHDRAWN:
        return
    before = _snapshot(result)
    if result.status == ResultStatus.PROVISIONAL:
        audit_record(
            actor=actor,
            action="results.result_delete",
            target=result,
            changes={"reason": reason, "before": before},
        )
        result.domain_scores.all().delete()
        result.delete()
        return
    result.status = ResultStatus.WITHDRAWN
    result.revision += 1
    result.computed_at = now
    result.save(update_fields=["status", "revision", "computed_at"])
    audit_record(
        actor=actor,
        action="results.result_withdraw",
        target=result,
        changes={"reason": reason, "before": before, "after": {**before, "status": "withdrawn"}},
    )
    _notify(result.pk, "withdrawn")
    level_result_evaluate(candidate=result.candidate, level=result.subject.level, actor=actor)


# --- level outcomes -------------------------------------------------------------------------------


def _window_days() -> int:
    return int(getattr(settings, "RESULTS_SITTING_WINDOW_DAYS", 365))


def level_results_latest(*, candidate: User, level: Level) -> dict[int, Result]:
    """The latest released result per subject of ``level`` that may be combined (rules 1-3)."""
    subject_ids = list(level.subjects.values_list("pk", flat=True))
    rows = (
        Result.objects.filter(
            candidate=candidate, subject_id__in=subject_ids, status=ResultStatus.RELEASED
        )
        .select_related("session")
        .order_by("subject_id", "-session__starts_at", "-pk")
    )
    latest: dict[int, Result] = {}
    for row in rows:
        latest.setdefault(row.subject_id, row)
    if not latest:
        return {}
    newest = max(r.session.starts_at for r in latest.values())
    earliest_allowed = newest - dt.timedelta(days=_window_days())
    return {s: r for s, r in latest.items() if r.session.starts_at >= earliest_allowed}


def level_result_evaluate(
    *, candidate: User, level: Level, actor: Actor = None
) -> LevelResult | None:
    """Apply the level's pass rule to the candidate's combinable results (module docstring).

    Returns None (and records nothing) while a subject has no combinable released result or
    the level has no pass rule. Call inside the transaction that changed a released result.
    """
    rule = PassRule.objects.filter(level=level).first()
    subject_ids = sorted(level.subjects.values_list("pk", flat=True))
    latest = level_results_latest(candidate=candidate, level=level)
    if rule is None or not subject_ids or sorted(latest) != subject_ids:
        _level_results_revoke_stale(candidate=candidate, level=level, actor=actor, keep=None)
        return None
    scores = {str(s): latest[s].scaled_score for s in subject_ids}
    passed = rule.evaluate(scores)
    values = list(scores.values())
    average = (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)
    lowest = min(values)
    basis = ",".join(str(latest[s].pk) for s in subject_ids)
    outcome = LevelOutcome.PASSED if passed else LevelOutcome.FAILED
    now = timezone.now()
    level_result = LevelResult.objects.filter(candidate=candidate, level=level, basis=basis).first()
    # A pass decided now (a new level result, or a rescore turning a fail into a pass).
    newly_passed = passed and (level_result is None or not level_result.passed)
    if level_result is None:
        level_result = LevelResult.objects.create(
            candidate=candidate,
            level=level,
            outcome=outcome,
            average=average,
            lowest=lowest,
            average_min=rule.average_min,
            subject_min=rule.subject_min,
            basis=basis,
            decided_at=now,
        )
        level_result.results.set([latest[s] for s in subject_ids])
        audit_record(
            actor=actor,
            action="results.level_result_decide",
            target=level_result,
            changes={"outcome": outcome, "average": str(average), "lowest": str(lowest)},
        )
    else:
        before = {
            "outcome": level_result.outcome,
            "average": str(level_result.average),
            "lowest": str(level_result.lowest),
        }
        after = {"outcome": outcome, "average": str(average), "lowest": str(lowest)}
        if before != after:
            level_result.outcome, level_result.average, level_result.lowest = (
                outcome,
                average,
                lowest,
            )
            level_result.average_min, level_result.subject_min = rule.average_min, rule.subject_min
            level_result.decided_at = now
            level_result.save(
                update_fields=[
                    "outcome",
                    "average",
                    "lowest",
                    "average_min",
                    "subject_min",
                    "decided_at",
                ]
            )
            audit_record(
                actor=actor,
                action="results.level_result_change",
                target=level_result,
                changes={"before": before, "after": after},
            )
    _level_results_revoke_stale(candidate=candidate, level=level, actor=actor, keep=level_result)
    if passed:
        newest = max(latest[s].session.starts_at for s in subject_ids)
        achievement, created = LevelAchievement.objects.get_or_create(
            user=candidate,
            level=level,
            defaults={
                "achieved_on": timezone.localtime(newest).date(),
                "source": _achievement_source(level_result),
            },
        )
        if created:
            audit_record(
                actor=actor,
                action="results.level_achievement_record",
                target=achievement,
                changes={
                    "level_result": level_result.pk,
                    "achieved_on": str(achievement.achieved_on),
                },
            )
            event_publish(
                LevelAchieved(
                    achievement_id=achievement.pk,
                    user_id=candidate.pk,
                    level_id=level.pk,
                    achieved_on=achievement.achieved_on,
                    level_result_id=level_result.pk,
                    actor=actor,
                )
            )
        elif newly_passed:
            event_publish(
                LevelPassedAgain(
                    user_id=candidate.pk,
                    level_id=level.pk,
                    passed_on=timezone.localtime(newest).date(),
                    level_result_id=level_result.pk,
                    actor=actor,
                )
            )
    return level_result


def _achievement_source(level_result: LevelResult) -> str:
    return f"results.levelresult:{level_result.pk}"


def _level_results_revoke_stale(
    *, candidate: User, level: Level, actor: Actor, keep: LevelResult | None
) -> None:
    """Remove an achievement whose level result no longer passes (a rescore turned it)."""
    achievement = LevelAchievement.objects.filter(user=candidate, level=level).first()
    if achievement is None or not achievement.source.startswith("results.levelresult:"):
        return
    source_pk = int(achievement.source.split(":", 1)[1])
    if keep is not None and keep.pk == source_pk and keep.passed:
        return
    source = LevelResult.objects.filter(pk=source_pk).first()
    # Another passing level result of this candidate still supports the achievement.
    still_passing = source is not None and source.passed and _basis_still_released(source)
    if still_passing:
        return
    other = (
        LevelResult.objects.filter(candidate=candidate, level=level, outcome=LevelOutcome.PASSED)
        .exclude(pk=source_pk)
        .order_by("decided_at")
    )
    for candidate_result in other:
        if _basis_still_released(candidate_result):
            achievement.source = _achievement_source(candidate_result)
            achievement.save(update_fields=["source"])
            return
    audit_record(
        actor=actor,
        action="results.level_achievement_remove",
        target=achievement,
        changes={"level_result": source_pk, "achieved_on": str(achievement.achieved_on)},
    )
    event_publish(
        LevelAchievementWithdrawn(
            user_id=candidate.pk,
            level_id=level.pk,
            achieved_on=achievement.achieved_on,
            level_result_id=source_pk,
            reason="rescore: the results no longer pass the level's rule",
            actor=actor,
        )
    )
    achievement.delete()


def _basis_still_released(level_result: LevelResult) -> bool:
    return not level_result.results.exclude(status=ResultStatus.RELEASED).exists()


# --- releases -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionCounts:
    """How far a session's results are: attempts ended, results computed, marking pending."""

    sat: int
    marked: int
    pending_marking: int
    results: int

    def as_dict(self) -> dict[str, int]:
        return {
            "sat": self.sat,
            "marked": self.marked,
            "pending_marking": self.pending_marking,
            "results": self.results,
        }


def session_counts(*, session: Session) -> SessionCounts:
    """Counts for the release page: attempts that ended, fully scored, awaiting markers."""
    ended = Attempt.objects.filter(registration__session=session, status__in=list(ENDED_STATUSES))
    sat = ended.count()
    pending = ended.filter(needs_marking=True).count()
    results = Result.objects.filter(session=session).exclude(status=ResultStatus.WITHDRAWN).count()
    return SessionCounts(sat=sat, marked=sat - pending, pending_marking=pending, results=results)


@transaction.atomic
def result_release_schedule(
    *,
    actor: Actor,
    session: Session,
    release_at: dt.datetime,
    force: bool = False,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ResultRelease:
    """Schedule (or reschedule) the release of a session's results; runs at once if due.

    Marking still pending blocks the release unless ``force`` with a ``reason``. A release that
    has already run cannot be rescheduled: released results are final except through
    :func:`result_refresh`.
    """
    now = aware_now(now)
    require_permission(actor, "results.release_result", session)
    assert actor is not None  # require_permission refuses the system
    if timezone.is_naive(release_at):
        raise ValidationError({"release_at": _("Give the time with its time zone.")})
    reason = reason.strip()
    if force and not reason:
        raise ValidationError(
            {"reason": _("Say why the results are released while marking is pending.")},
            code="reason_required",
        )
    if session.starts_at > now:
        raise ValidationError(_("The session has not taken place yet."), code="not_sat")
    release = locks.session_result_release_row_lock(session=session)
    if release is not None and release.released_at is not None:
        raise ValidationError(_("These results are already released."), code="already_released")
    counts = session_counts(session=session)
    if release_at <= now and counts.pending_marking and not force:
        raise ValidationError(
            _(
                "%(n)d attempts are still awaiting markers: finish marking, or release with a "
                "reason."
            )
            % {"n": counts.pending_marking},
            code="marking_pending",
        )
    before = None
    if release is None:
        release = ResultRelease.objects.create(
            session=session,
            release_at=release_at,
            forced=force,
            force_reason=reason if force else "",
            created_by=actor,
        )
    else:
        before = {"release_at": release.release_at.isoformat(), "forced": release.forced}
        release.release_at, release.forced = release_at, force
        release.force_reason = reason if force else ""
        release.blocked_reason = ""
        release.save(update_fields=["release_at", "forced", "force_reason", "blocked_reason"])
    audit_record(
        actor=actor,
        action="results.release_schedule",
        target=release,
        changes={
            "before": before,
            "release_at": release_at.isoformat(),
            "forced": force,
            "reason": reason,
            "counts": counts.as_dict(),
        },
    )
    if release_at <= now:
        _release_run(release, actor=actor, now=now)
    return release


@transaction.atomic
def result_release_cancel(*, actor: Actor, release: ResultRelease) -> None:
    """Withdraw a scheduled release that has not run yet."""
    require_permission(actor, "results.release_result", release.session)
    release = locks.result_release_row_lock(pk=release.pk)
    if release.released_at is not None:
        raise ValidationError(_("These results are already released."), code="already_released")
    audit_record(
        actor=actor,
        action="results.release_cancel",
        target=release,
        changes={"release_at": release.release_at.isoformat()},
    )
    release.delete()


def _release_run(release: ResultRelease, *, actor: Actor, now: dt.datetime) -> bool:
    """Release a session's results (the release row is locked). False when marking blocks it."""
    session = release.session
    counts = session_counts(session=session)
    if counts.pending_marking and not release.forced:
        message = f"marking pending: {counts.pending_marking}"
        if release.blocked_reason != message:
            release.blocked_reason = message
            release.save(update_fields=["blocked_reason"])
        return False
    # Results not yet computed (objective-only attempts scored on submit) are computed now.
    attempt_ids = list(
        Attempt.objects.filter(
            registration__session=session, status__in=list(ENDED_STATUSES), needs_marking=False
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in attempt_ids:
        result_refresh(attempt=Attempt(pk=pk), actor=actor, reason="release")
    released = list(
        Result.objects.filter(session=session, status=ResultStatus.PROVISIONAL)
        .select_related("subject__level", "candidate")
        .order_by("pk")
    )
    for result in released:
        result.status, result.released_at = ResultStatus.RELEASED, now
        result.save(update_fields=["status", "released_at"])
        _notify(result.pk, "released")
    release.released_at = now
    release.blocked_reason = ""
    release.counts = session_counts(session=session).as_dict()
    release.save(update_fields=["released_at", "blocked_reason", "counts"])
    audit_record(
        actor=actor,
        action="results.release_run",
        target=release,
        changes={"released": len(released), "counts": release.counts, "forced": release.forced},
    )
    pairs = {(r.candidate_id, r.subject.level_id): r for r in released}
    for result in pairs.values():
        level_result_evaluate(candidate=result.candidate, level=result.subject.level, actor=actor)
    return True


def result_releases_run_due(*, now: dt.datetime | None = None) -> int:
    """Periodic: run every scheduled release whose time has come; returns how many ran.

    Each release runs in its own transaction; one blocked by pending marking is retried on
    the next run (its ``blocked_reason`` says why).
    """
    now = aware_now(now)
    ran = 0
    due = list(
        ResultRelease.objects.filter(released_at__isnull=True, release_at__lte=now)
        .order_by("release_at", "pk")
        .values_list("pk", flat=True)
    )
    for pk in due:
        with transaction.atomic():
            release = locks.result_release_pending_row_lock(pk=pk)
            if release is not None and _release_run(release, actor=None, now=now):
                ran += 1
    return ran


def results_compute_pending(*, now: dt.datetime | None = None) -> int:
    """Periodic: compute the result of every ended, fully scored attempt that has none yet.

    Delivery scores objective items on submit; this makes their results (provisional until
    release) available to the psychometrician's summaries without waiting for the release.
    Each attempt is computed in its own transaction; returns how many results were made.
    """
    made = 0
    pending = list(
        Attempt.objects.filter(
            status__in=list(ENDED_STATUSES), needs_marking=False, result__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    for pk in pending:
        if result_refresh(attempt=Attempt(pk=pk), reason="computed after submit") is not None:
            made += 1
    return made
