"""Writes of self-assessment: flag items for practice, start a practice test, save an answer
(and choose the next item in the same request), finish with a domain profile and readiness."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.audit.services import audit_record
from aicert.catalog import services as catalog_services
from aicert.catalog.models import CompetencyDomain, Level, TrainingCourse
from aicert.delivery import scoring
from aicert.itembank.models import ItemVersion
from aicert.psychometrics.cat import (
    CatConfig,
    CatSession,
    StoppingRule,
    sympson_hetter_calibrate,
)
from aicert.selfassess import selectors
from aicert.selfassess.locks import practice_attempt_row_lock
from aicert.selfassess.models import (
    PracticeAnswer,
    PracticeAttempt,
    PracticeItem,
    PracticeMode,
    TrainingPlan,
    TrainingPlanCourse,
)
from aicert.shared.clock import aware_now

#: Stopping and selection per mode: short = 10–15 minutes at about a minute per item.
MODE_RULES = {
    PracticeMode.SHORT: StoppingRule(max_length=15, min_length=10, se_threshold=0.30),
    PracticeMode.FULL: StoppingRule(max_length=40, min_length=25, se_threshold=0.22),
}
#: Randomesque k: the first items of every test are chosen at the same ability (the prior mean),
#: so k = 5 spreads them over five items (1/5 each) before Sympson–Hetter has to step in.
RANDOMESQUE = 5
#: Highest share of practisers an item should reach.
EXPOSURE_TARGET = 0.4
#: Simulees per round of the Sympson–Hetter calibration. The calibration stops only when the
#: simulated maximum exposure is itself at most the target (no tolerance): the maximum over the
#: items of noisy rates is biased upward by about two binomial SEs (2 sqrt(.4 .6 / 2000) ~ 0.02),
#: so the true maximum then sits a little under the target and a smaller sample of practisers
#: stays within the target plus its own sampling noise.
EXPOSURE_SIMULEES = 2000
#: Items a person answered in this many days are not given to them again (if the bank allows).
RECENT_DAYS = 30


def practice_item_flag(
    *,
    actor: Any,
    version: ItemVersion,
    a: float,
    d: float,
    c: float = 0.0,
    source: str = PracticeItem.Source.ITEM_ANALYSIS,
    now: dt.datetime | None = None,
) -> PracticeItem:
    """Release one item version for practice. Refused for any item on a form in use or planned
    (draft, locked or published), so the secure bank never reaches a practice test."""
    if selectors.item_is_on_live_form(item_id=version.item_id):
        raise ValidationError(
            _("This item is on an exam form in use or planned; it cannot be used for practice.")
        )
    if a <= 0 or not 0 <= c < 1:
        raise ValidationError(_("Calibrated parameters are out of range (a > 0, 0 ≤ c < 1)."))
    with transaction.atomic():
        item = version.item
        practice = PracticeItem.objects.create(
            version=version,
            level_id=item.level_id,
            domain_id=item.domain_id,
            a=a,
            d=d,
            c=c,
            source=source,
            flagged_by=actor,
            flagged_at=now or aware_now(),
        )
        audit_record(
            actor=actor,
            action="selfassess.practice_item_flag",
            target=practice,
            changes={"a": a, "d": d, "c": c, "source": source},
        )
    return practice


def _session(attempt: PracticeAttempt, bank: selectors.PracticeBank) -> CatSession:
    """Rebuild the CAT from the stored answers (the server keeps no state between requests)."""
    config = CatConfig(
        stopping=MODE_RULES[PracticeMode(attempt.mode)],
        randomesque=RANDOMESQUE,
        exposure_k=bank.exposure_k,
        blueprint=bank.blueprint or None,
    )
    assert bank.cat is not None
    answers = list(attempt.answers.order_by("position").values_list("item_id", "correct"))
    session = CatSession(bank.cat, config, rng=np.random.default_rng([attempt.seed, 0]))
    recent = selectors.recently_seen_item_ids(
        user_id=attempt.user_id, since=attempt.started_at - dt.timedelta(days=RECENT_DAYS)
    )
    session.exclude([bank.index[i] for i in recent if i in bank.index])
    for step, (item_id, correct) in enumerate(answers):
        if item_id in bank.index:
            # Replay the choice made at this step with that step's random stream, so the items
            # that lost the Sympson-Hetter lottery then stay excluded now (a reject forgotten
            # between requests would let over-exposed items straight back in).
            session.rng = np.random.default_rng([attempt.seed, step])
            session.next_item()
            session.record(bank.index[item_id], int(correct))
    session.rng = np.random.default_rng([attempt.seed, len(answers)])
    return session


def practice_attempt_start(
    *, user: Any, level: Level, mode: str, now: dt.datetime | None = None
) -> PracticeAttempt:
    """Start (or resume) a practice test for a level: free, no registration needed."""
    if mode not in PracticeMode.values:
        raise ValidationError(_("Choose the short or the full practice test."))
    bank = selectors.practice_bank_load(level_id=level.pk)
    if bank.cat is None:
        raise ValidationError(_("There is no practice bank for this level yet."))
    with transaction.atomic():
        existing = PracticeAttempt.objects.filter(
            user=user, level=level, status=PracticeAttempt.Status.IN_PROGRESS
        ).first()
        if existing is not None:
            return existing
        attempt = PracticeAttempt.objects.create(
            user=user,
            level=level,
            mode=mode,
            seed=secrets.randbelow(2**31),
            started_at=now or aware_now(),
        )
        session = _session(attempt, bank)
        first = session.next_item()
        assert first is not None
        attempt.current_id = bank.ids[first]
        attempt.theta, attempt.se = session.theta, session.se
        attempt.save(update_fields=["current", "theta", "se"])
        audit_record(
            actor=user, action="selfassess.practice_attempt_start", target=attempt, changes={}
        )
    return attempt


def practice_answer_save(
    *, user: Any, attempt_id: int, position: int, answer: Any, now: dt.datetime | None = None
) -> PracticeAttempt:
    """Save the answer to the current item and choose the next one (or finish).

    ``position`` is the 1-based number of the question answered: a repeated save of an answered
    position (a retry from the browser) changes nothing. Locks the attempt row.
    """
    now = now or aware_now()
    with transaction.atomic():
        attempt = practice_attempt_row_lock(pk=attempt_id)
        if attempt.user_id != user.pk:
            raise PracticeAttempt.DoesNotExist
        answered = attempt.answers.count()
        if position <= answered or attempt.status != PracticeAttempt.Status.IN_PROGRESS:
            return attempt  # already saved: idempotent retry
        if position != answered + 1 or attempt.current_id is None:
            raise ValidationError(_("This question is no longer the current one; reload the page."))
        item = attempt.current
        assert item is not None
        version = item.version
        try:
            scoring.answer_validate(version.item_type, version.content_zh, answer)
            credit = scoring.credit(version.item_type, version.content_zh, answer)
        except scoring.AnswerError as error:
            raise ValidationError(_("Choose one of the answers.")) from error
        correct = bool(credit is not None and credit >= 1)
        PracticeAnswer.objects.create(
            attempt=attempt,
            item=item,
            position=position,
            answer=answer,
            correct=correct,
            answered_at=now,
        )
        bank = selectors.practice_bank_load(level_id=attempt.level_id)
        session = _session(attempt, bank)
        attempt.theta, attempt.se = session.theta, session.se
        nxt = None if session.finished else session.next_item()
        fields = ["current", "theta", "se"]
        if nxt is None:
            attempt.current = None
            attempt.status = PracticeAttempt.Status.FINISHED
            attempt.finished_at = now
            attempt.stop_reason = session.stop_reason or "bank_exhausted"
            attempt.profile = selectors.profile_compute(attempt=attempt, bank=bank)
            fields += ["status", "finished_at", "stop_reason", "profile"]
            audit_record(
                actor=user,
                action="selfassess.practice_attempt_finish",
                target=attempt,
                changes={"theta": round(attempt.theta, 3), "se": round(attempt.se, 3)},
            )
        else:
            attempt.current_id = bank.ids[nxt]
        attempt.save(update_fields=fields)
    return attempt


def practice_exposure_calibrate(
    *, actor: Any, level: Level, seed: int = 0, n_simulees: int = EXPOSURE_SIMULEES
) -> int:
    """Calibrate the Sympson–Hetter parameters of a level's practice items for the short mode
    to :data:`EXPOSURE_TARGET` (simulation in :mod:`aicert.psychometrics.cat`). Returns the
    number of items whose parameter changed."""
    bank = selectors.practice_bank_load(level_id=level.pk)
    if bank.cat is None:
        return 0
    config = CatConfig(
        stopping=MODE_RULES[PracticeMode.SHORT],
        randomesque=RANDOMESQUE,
        blueprint=bank.blueprint or None,
    )
    result = sympson_hetter_calibrate(
        bank.cat, config, EXPOSURE_TARGET, n_simulees=n_simulees, tolerance=0.0, rng=seed
    )
    changed = 0
    with transaction.atomic():
        for pk, k in zip(bank.ids, result.k, strict=True):
            changed += (
                PracticeItem.objects.filter(pk=pk)
                .exclude(exposure_k=float(k))
                .update(exposure_k=float(k))
            )
        audit_record(
            actor=actor,
            action="selfassess.practice_exposure_calibrate",
            target=level,
            changes={
                "target": EXPOSURE_TARGET,
                "changed": changed,
                "converged": result.converged,
                "max_exposure": round(result.max_exposure_history[-1], 3),
            },
        )
    return changed


def training_course_save(
    *,
    actor: Any,
    course: TrainingCourse | None,
    data: dict[str, Any],
    domains: list[CompetencyDomain],
    levels: list[Level],
) -> TrainingCourse:
    """Add or edit a training course: the foundation for any region or nationwide/online; a
    center manager only for their own center's region (both the course's region before the
    edit and after it). Raises ``PermissionDenied`` otherwise."""
    perm = "catalog.add_trainingcourse" if course is None else "catalog.change_trainingcourse"
    region = data.get("region")
    new_region_id = region.pk if region is not None else None
    if not selectors.course_may_write(user=actor, perm=perm, region_id=new_region_id):
        raise PermissionDenied
    if course is not None:
        # The region stored, not the instance's (a bound form may have changed it already).
        stored = TrainingCourse.objects.filter(pk=course.pk).values_list("region_id", flat=True)
        if not selectors.course_may_write(user=actor, perm=perm, region_id=stored.first()):
            raise PermissionDenied
    return catalog_services.training_course_save(
        actor=actor, course=course, data=data, domains=domains, levels=levels
    )


def training_plan_save(
    *,
    user: Any,
    attempt: PracticeAttempt,
    courses: list[tuple[TrainingCourse, list[str]]],
    now: dt.datetime | None = None,
) -> TrainingPlan:
    """Save recommended ``courses`` (each with the weak domain codes it trains) into the
    person's plan for the attempt's level; courses already in the plan keep their state."""
    if attempt.user_id != user.pk:
        raise PracticeAttempt.DoesNotExist
    if attempt.status != PracticeAttempt.Status.FINISHED:
        raise ValidationError(_("Finish the practice test before saving a plan."))
    if not courses:
        raise ValidationError(_("There is no course to save in a plan."))
    now = now or aware_now()
    with transaction.atomic():
        plan, created = TrainingPlan.objects.get_or_create(
            user=user,
            level_id=attempt.level_id,
            defaults={"attempt": attempt, "created_at": now, "updated_at": now},
        )
        have = set(plan.items.values_list("course_id", flat=True))
        start = plan.items.count()
        new = [
            TrainingPlanCourse(plan=plan, course=course, position=start + i, domains=codes)
            for i, (course, codes) in enumerate(c for c in courses if c[0].pk not in have)
        ]
        TrainingPlanCourse.objects.bulk_create(new)
        if not created:
            plan.updated_at = now
            plan.save(update_fields=["updated_at"])
        audit_record(
            actor=user,
            action="selfassess.training_plan_save",
            target=plan,
            changes={"added": [c.course.code for c in new]},
        )
    return plan


def _own_plan_course(user: Any, pk: int) -> TrainingPlanCourse:
    return TrainingPlanCourse.objects.select_related("plan", "course").get(pk=pk, plan__user=user)


def training_plan_course_done(
    *, user: Any, pk: int, done_on: dt.date | None, now: dt.datetime | None = None
) -> TrainingPlanCourse:
    """Mark a course of the person's plan done on ``done_on`` (None: not done after all).
    Raises ``DoesNotExist`` for anyone else's plan."""
    now = now or aware_now()
    if done_on is not None and done_on > timezone.localtime(now).date():
        raise ValidationError(_("The date a course was done cannot be in the future."))
    with transaction.atomic():
        item = _own_plan_course(user, pk)
        item.done_on = done_on
        item.save(update_fields=["done_on"])
        item.plan.updated_at = now
        item.plan.save(update_fields=["updated_at"])
    return item


def training_plan_course_remove(*, user: Any, pk: int, now: dt.datetime | None = None) -> None:
    """Take a course out of the person's plan (``DoesNotExist`` for anyone else's)."""
    with transaction.atomic():
        item = _own_plan_course(user, pk)
        plan = item.plan
        item.delete()
        plan.updated_at = now or aware_now()
        plan.save(update_fields=["updated_at"])
