"""Writes for scoring: marking, adjudication, item challenge decisions with rescoring, appeals.

Lock order (DESIGN.md convention 6): attempt rows first (in id order, via
:func:`aicert.delivery.locks.attempt_row_lock`), then the marking task. Every service that changes a
score locks the attempt, so marking, rescoring and appeals of one attempt are serialised.

Every state change is audited (:func:`aicert.audit.services.audit_record`) in the same
transaction; every change of an attempt's score publishes
:class:`aicert.scoring.events.AttemptScoreChanged` once the attempt has no mark outstanding, and
the results app recomputes the result in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.delivery import locks as delivery_locks
from aicert.delivery.models import ENDED_STATUSES, Attempt, FormItem, Response, ScoreStatus
from aicert.itembank.content import content_validate
from aicert.scoring import keys as key_patches
from aicert.scoring import locks, selectors, tasks
from aicert.scoring.events import AttemptScoreChanged
from aicert.scoring.models import (
    Appeal,
    AppealStatus,
    ChallengeAction,
    ChallengeDecision,
    ChallengeStatus,
    ItemChallenge,
    MarkingKind,
    MarkingStatus,
    MarkingTask,
    RescoreCause,
    RescoreRecord,
    ScoringOverride,
)
from aicert.shared.clock import aware_now
from aicert.shared.events import event_publish

MAX_REASON_LENGTH = 4000


def _text_required(value: str, message: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code=code)
    if len(value) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("Please keep it under %(n)d characters.") % {"n": MAX_REASON_LENGTH},
            code="too_long",
        )
    return value


def _result_refresh(*, attempt: Attempt, actor: Actor, reason: str) -> None:
    """Tell the results app that this attempt's score changed (it recomputes in this
    transaction)."""
    event_publish(AttemptScoreChanged(attempt=attempt, actor=actor, reason=reason))


# --- marker assignment ---------------------------------------------------------------------------


def _pick_marker(candidates: list[User], loads: dict[int, int], exclude: set[int]) -> User | None:
    """The least-loaded marker not excluded (ties: lowest id)."""
    eligible = [m for m in candidates if m.pk not in exclude]
    if not eligible:
        return None
    chosen = min(eligible, key=lambda m: (loads.get(m.pk, 0), m.pk))
    loads[chosen.pk] = loads.get(chosen.pk, 0) + 1
    return chosen


def _live_tasks(response: Response) -> list[MarkingTask]:
    return list(response.marking_tasks.exclude(status=MarkingStatus.WITHDRAWN))


def _assign_attempt(attempt: Attempt, *, markers: list[User], loads: dict[int, int], now) -> int:
    created = 0
    responses = Response.objects.filter(
        attempt=attempt,
        score_status=ScoreStatus.NEEDS_MARKING,
        form_item__item_version__item_type__in=selectors.MARKED_TYPES,
    ).order_by("form_item__position")
    for response in responses:
        live = _live_tasks(response)
        kinds = {t.kind for t in live if t.appeal_id is None}
        taken = {t.marker_id for t in live if t.marker_id}
        for kind in (MarkingKind.FIRST, MarkingKind.SECOND):
            if kind in kinds:
                continue
            marker = _pick_marker(markers, loads, taken)
            if marker is None:
                break
            MarkingTask.objects.create(response=response, kind=kind, marker=marker, assigned_at=now)
            audit_record(
                actor=None,
                action="marking.assign",
                target=response,
                changes={"kind": kind, "marker": marker.pk},
            )
            taken.add(marker.pk)
            created += 1
    return created


@transaction.atomic
def marking_assign_for_attempt(*, attempt: Attempt, now: dt.datetime | None = None) -> int:
    """Give each written answer of an ended attempt its two markers, chosen by load.

    Returns how many marking tasks were created (0 when every answer already has both, or when
    no marker is free: call again later). Safe to call any number of times; locks the attempt.
    """
    now = aware_now(now)
    attempt = delivery_locks.attempt_row_lock(pk=attempt.pk)
    if attempt.status not in ENDED_STATUSES or not attempt.needs_marking:
        return 0
    markers = selectors.markers_active()
    loads = selectors.marker_loads(user_ids=[m.pk for m in markers])
    return _assign_attempt(attempt, markers=markers, loads=loads, now=now)


def marking_assign_pending(*, now: dt.datetime | None = None) -> int:
    """Assign markers to every ended attempt still awaiting marks (each in its own transaction).

    Called by the ``marking_assign`` command and task and when a marker opens their queue.
    """
    now = aware_now(now)
    created = 0
    pks = selectors.attempts_short_of_markers()
    for pk in pks:
        created += marking_assign_for_attempt(attempt=Attempt(pk=pk), now=now)
    return created


# --- marking ----------------------------------------------------------------------------------------


def _validate_marks(content: dict, scores: list[Any]) -> Decimal:
    criteria = selectors.rubric_criteria(content)
    if not isinstance(scores, list) or len(scores) != len(criteria):
        raise ValidationError(
            _("Give one score for each of the %(n)d rubric criteria.") % {"n": len(criteria)},
            code="criteria_count",
        )
    for criterion, score in zip(criteria, scores, strict=True):
        allowed = selectors.criterion_scores(criterion)
        if not isinstance(score, int) or isinstance(score, bool) or score not in allowed:
            raise ValidationError(
                _("“%(name)s” must be scored at one of its levels: %(levels)s.")
                % {"name": criterion.get("name", ""), "levels": ", ".join(map(str, allowed))},
                code="invalid_level",
            )
    return Decimal(sum(scores))


@transaction.atomic
def mark_submit(
    *,
    actor: Actor,
    task: MarkingTask,
    criterion_scores: list[int],
    comment: str,
    now: dt.datetime | None = None,
) -> MarkingTask:
    """A marker scores one answer per rubric criterion, with a comment.

    Adjudications are taken by the adjudicator who submits them (a senior marker or a foundation
    administrator who has not marked that answer). When both initial marks are in, the answer is
    either finalised (their mean, when they differ by no more than the threshold) or sent to
    adjudication; an adjudicator's mark is final. Locks the attempt, then the task.
    """
    now = aware_now(now)
    adjudication = task.kind == MarkingKind.ADJUDICATION
    require_permission(
        actor, "scoring.adjudicate_response" if adjudication else "scoring.mark_response"
    )
    assert actor is not None  # require_permission refuses the system
    attempt_id = Response.objects.values_list("attempt_id", flat=True).get(pk=task.response_id)
    delivery_locks.attempt_row_lock(pk=attempt_id)
    task = locks.marking_task_row_lock(pk=task.pk)
    if adjudication:
        if not selectors.is_adjudicator(actor):
            raise PermissionDenied
        marked_it = (
            MarkingTask.objects.filter(response_id=task.response_id, marker=actor)
            .exclude(status=MarkingStatus.WITHDRAWN)
            .exclude(pk=task.pk)
            .exists()
        )
        if marked_it or task.marker_id not in (None, actor.pk):
            raise PermissionDenied
    elif task.marker_id != actor.pk:
        raise PermissionDenied
    if task.status != MarkingStatus.ASSIGNED:
        raise ValidationError(_("This answer has already been marked."), code="already_marked")
    comment = _text_required(
        comment, _("Add a comment that explains the mark."), code="comment_required"
    )
    response = task.response
    content = selectors.attempt_content(response.attempt, response.form_item.item_version)
    total = _validate_marks(content, criterion_scores)
    task.marker = actor
    task.criterion_scores = list(criterion_scores)
    task.total = total
    task.comment = comment
    task.status = MarkingStatus.SUBMITTED
    task.submitted_at = now
    task.save(
        update_fields=["marker", "criterion_scores", "total", "comment", "status", "submitted_at"]
    )
    audit_record(
        actor=actor,
        action=f"marking.{task.kind}",
        target=task,
        changes={"response": response.pk, "scores": task.criterion_scores, "total": str(total)},
    )
    if task.appeal_id is None:
        _response_resolve(response, actor=actor, now=now)
    return task


def _response_resolve(response: Response, *, actor: Actor, now: dt.datetime) -> None:
    """Finalise an answer once its marks agree, or open an adjudication when they do not."""
    tasks = {t.kind: t for t in _live_tasks(response) if t.appeal_id is None}
    adjudication = tasks.get(MarkingKind.ADJUDICATION)
    if adjudication is not None:
        if adjudication.status == MarkingStatus.SUBMITTED:
            # A submitted mark has its total (a check constraint says so too).
            assert adjudication.total is not None
            _response_finalise(response, raw=adjudication.total, actor=actor, now=now)
        return
    first, second = tasks.get(MarkingKind.FIRST), tasks.get(MarkingKind.SECOND)
    if not (first and second) or MarkingStatus.ASSIGNED in (first.status, second.status):
        return
    # Both live and not assigned, so submitted: each has its total (a check constraint).
    assert first.total is not None and second.total is not None
    threshold = selectors.adjudication_threshold(form_item=response.form_item)
    if abs(first.total - second.total) > threshold:
        MarkingTask.objects.create(
            response=response, kind=MarkingKind.ADJUDICATION, marker=None, assigned_at=now
        )
        audit_record(
            actor=actor,
            action="marking.adjudication_open",
            target=response,
            changes={
                "difference": str(abs(first.total - second.total)),
                "threshold": str(threshold),
            },
        )
        return
    _response_finalise(response, raw=(first.total + second.total) / 2, actor=actor, now=now)


def _response_finalise(response: Response, *, raw: Decimal, actor: Actor, now: dt.datetime) -> None:
    content = selectors.attempt_content(response.attempt, response.form_item.item_version)
    points = selectors.rubric_points(
        total=raw, content=content, max_points=response.form_item.points
    )
    before = [str(response.points) if response.points is not None else None, response.score_status]
    if response.score_status == selectors.DROPPED_STATUS:
        # The item was dropped while it was being marked: the mark is kept in its tasks only.
        return
    response.points, response.score_status = points, ScoreStatus.SCORED
    response.save(update_fields=["points", "score_status"])
    audit_record(
        actor=actor,
        action="response.mark",
        target=response,
        changes={
            "points": [before[0], str(points)],
            "score_status": [before[1], ScoreStatus.SCORED],
            "rubric_total": str(raw),
        },
    )
    _attempt_recompute(
        response.attempt, actor=actor, now=now, cause=RescoreCause.MARKING, record=False
    )


# --- rescoring --------------------------------------------------------------------------------------


def _attempt_recompute(
    attempt: Attempt,
    *,
    actor: Actor,
    now: dt.datetime,
    cause: str,
    rescore_objective: bool = False,
    record: bool = True,
    decision: ChallengeDecision | None = None,
    appeal: Appeal | None = None,
    marked_points: dict[int, Decimal] | None = None,
) -> RescoreRecord | None:
    """Recompute an attempt's responses (when asked) and totals; the attempt row is locked.

    Objective responses are rescored under the form's scoring overrides when
    ``rescore_objective``; ``marked_points`` replaces marked answers' points (appeal re-marks).
    Dropped items count for nobody. Records before/after (``RescoreRecord`` when ``record``) and
    the audit trail; calls ``result_refresh`` when the score changed and nothing awaits a mark.
    """
    overrides = selectors.overrides_for_form(form_id=attempt.form_id)
    form_items = list(
        FormItem.objects.filter(form_id=attempt.form_id).select_related("item_version")
    )
    responses = {r.form_item_id: r for r in Response.objects.filter(attempt=attempt)}
    total, maximum, pending = Decimal(0), Decimal(0), False
    changed_items: list[dict[str, Any]] = []
    changed_rows: list[Response] = []
    for fi in form_items:
        version = fi.item_version
        override = overrides.get(fi.pk)
        counted = not (override and override.dropped)
        response = responses.get(fi.pk)
        if response is not None:
            new_points, new_status = response.points, response.score_status
            if not counted:
                new_points, new_status = None, selectors.DROPPED_STATUS
            elif marked_points and fi.pk in marked_points:
                new_points, new_status = marked_points[fi.pk], ScoreStatus.SCORED
            elif version.item_type not in selectors.MARKED_TYPES and (
                rescore_objective or response.score_status == selectors.DROPPED_STATUS
            ):
                result = key_patches.response_score_with_keys(
                    item_type=version.item_type,
                    content=selectors.attempt_content(attempt, version),
                    keys=list(override.keys) if override and not override.dropped else [],
                    answer=response.answer,
                    max_points=fi.points,
                )
                new_points, new_status = result.points, result.status
            if (new_points, new_status) != (response.points, response.score_status):
                changed_items.append(
                    {
                        "form_item": fi.pk,
                        "position": fi.position,
                        "points": [
                            None if response.points is None else str(response.points),
                            None if new_points is None else str(new_points),
                        ],
                    }
                )
                response.points, response.score_status = new_points, new_status
                changed_rows.append(response)
        if not counted:
            continue
        maximum += fi.points
        if response is None:
            continue
        if response.score_status == ScoreStatus.NEEDS_MARKING:
            pending = True
        else:
            total += response.points or Decimal(0)
    if changed_rows:
        Response.objects.bulk_update(changed_rows, ["points", "score_status"])
    before = (attempt.score_points, attempt.score_max, attempt.needs_marking)
    attempt.score_points, attempt.score_max, attempt.needs_marking = total, maximum, pending
    attempt.save(update_fields=["score_points", "score_max", "needs_marking", "updated_at"])
    dropped = sorted(pk for pk, o in overrides.items() if o.dropped)
    audit_record(
        actor=actor,
        action="attempt.rescore",
        target=attempt,
        changes={
            "cause": cause,
            "score_points": [None if before[0] is None else str(before[0]), str(total)],
            "score_max": [None if before[1] is None else str(before[1]), str(maximum)],
            "needs_marking": [before[2], pending],
            "items": changed_items,
            "dropped_form_items": dropped,
            "decision": decision.pk if decision else None,
            "appeal": appeal.pk if appeal else None,
        },
    )
    rescore = None
    if record:
        rescore = RescoreRecord.objects.create(
            attempt=attempt,
            cause=cause,
            decision=decision,
            appeal=appeal,
            points_before=before[0],
            max_before=before[1],
            points_after=total,
            max_after=maximum,
            items=changed_items,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            at=now,
        )
    if not pending and (before[0], before[1], before[2]) != (total, maximum, pending):
        _result_refresh(attempt=attempt, actor=actor, reason=str(cause))
    return rescore


# --- item challenges --------------------------------------------------------------------------------


@transaction.atomic
def challenge_create(
    *, actor: Actor, attempt: Attempt, number: int, reason: str, now: dt.datetime | None = None
) -> ItemChallenge:
    """A candidate challenges the item shown as question ``number`` in their attempt.

    Only the candidate who sat, after handing in and before the window closes (session end +
    the policy's days). The item is named by its number on the candidate's screen, never by its
    content. One challenge per item per attempt.
    """
    now = aware_now(now)
    if getattr(actor, "pk", None) != attempt.candidate_id:
        raise PermissionDenied
    attempt = delivery_locks.attempt_row_lock(pk=attempt.pk)
    if attempt.status not in ENDED_STATUSES:
        raise ValidationError(
            _("Items can be challenged only after the attempt is handed in."), code="not_ended"
        )
    opens, closes = selectors.challenge_window(attempt=attempt)
    if opens is None or not opens <= now <= closes:
        raise ValidationError(_("The item challenge window is closed."), code="window_closed")
    order = selectors.displayed_form_item_ids(attempt=attempt)
    if not isinstance(number, int) or not 1 <= number <= len(order):
        raise ValidationError(
            _("Give a question number from 1 to %(n)d.") % {"n": len(order)}, code="bad_number"
        )
    reason = _text_required(
        reason, _("Say why you challenge this question."), code="reason_required"
    )
    form_item_id = order[number - 1]
    if ItemChallenge.objects.filter(attempt=attempt, form_item_id=form_item_id).exists():
        raise ValidationError(
            _("You have already challenged question %(n)d.") % {"n": number}, code="duplicate"
        )
    challenge = ItemChallenge.objects.create(
        attempt=attempt,
        form_item_id=form_item_id,
        displayed_number=number,
        reason=reason,
        created_at=now,
    )
    audit_record(
        actor=actor,
        action="challenge.create",
        target=challenge,
        changes={"form_item": form_item_id, "number": number},
    )
    return challenge


def _validate_keys(form_item: FormItem, action: str, keys: list[Any]) -> list[dict]:
    version = form_item.item_version
    if action in (ChallengeAction.REJECT, ChallengeAction.DROP):
        if keys:
            raise ValidationError(_("This decision takes no key."), code="no_keys")
        return []
    if version.item_type in selectors.MARKED_TYPES:
        raise ValidationError(
            _("A written-answer item cannot be re-keyed; it can only be dropped."),
            code="not_rekeyable",
        )
    if not isinstance(keys, list):
        raise ValidationError(_("The keys must be a list."), code="bad_keys")
    if action == ChallengeAction.REKEY and len(keys) != 1:
        raise ValidationError(_("A re-key gives exactly one key."), code="rekey_one")
    if action == ChallengeAction.MULTIPLE_KEYS and len(keys) < 2:
        raise ValidationError(_("Accepting several keys needs at least two."), code="keys_two")
    for patch in keys:
        try:
            zh = key_patches.key_patch_apply(version.item_type, version.content_zh, patch)
            en = (
                key_patches.key_patch_apply(version.item_type, version.content_en, patch)
                if version.content_en
                else {}
            )
        except key_patches.KeyPatchError as exc:
            raise ValidationError(str(exc), code="bad_key") from exc
        content_validate(item_type=version.item_type, content_zh=zh, content_en=en)
    if len({repr(sorted(p.items())) for p in keys}) != len(keys):
        raise ValidationError(_("The same key is given twice."), code="duplicate_key")
    return keys


@transaction.atomic
def challenge_decide(
    *,
    actor: Actor,
    form_item: FormItem,
    action: str,
    reason: str,
    keys: list[dict] | None = None,
    now: dt.datetime | None = None,
) -> ChallengeDecision:
    """The psychometrician decides on a challenged form item, and affected attempts are rescored.

    ``reject`` keeps the key; ``rekey`` (one key), ``multiple_keys`` (two or more) and ``drop``
    become the form item's scoring override -- the item version is untouched and the override
    applies only on this form. Every ended attempt of the form is then rescored in this
    transaction, each with a :class:`RescoreRecord` of before and after. Open challenges of the
    form item are closed (rejected or upheld). Locks the form's attempts in id order.
    """
    now = aware_now(now)
    require_permission(actor, "scoring.decide_challenge")
    assert actor is not None  # require_permission refuses the system
    if action not in ChallengeAction.values:
        raise ValidationError(_("Choose a decision."), code="bad_action")
    reason = _text_required(reason, _("Give the reason for the decision."), "reason_required")
    form_item = FormItem.objects.select_related("item_version", "form").get(pk=form_item.pk)
    keys = _validate_keys(form_item, action, list(keys or []))
    attempts = delivery_locks.attempt_rows_lock(
        queryset=Attempt.objects.filter(form_id=form_item.form_id, status__in=ENDED_STATUSES)
    )
    decision = ChallengeDecision.objects.create(
        form_item=form_item,
        action=action,
        keys=keys,
        reason=reason,
        decided_by=actor,
        decided_at=now,
    )
    status = (
        ChallengeStatus.REJECTED if action == ChallengeAction.REJECT else ChallengeStatus.UPHELD
    )
    closed = ItemChallenge.objects.filter(form_item=form_item, status=ChallengeStatus.OPEN).update(
        status=status, decision=decision
    )
    audit_record(
        actor=actor,
        action="challenge.decide",
        target=decision,
        changes={"action": action, "keys": keys, "challenges_closed": closed, "reason": reason},
    )
    if action == ChallengeAction.REJECT:
        return decision
    previous = ScoringOverride.objects.filter(form_item=form_item).first()
    ScoringOverride.objects.update_or_create(
        form_item=form_item, defaults={"action": action, "keys": keys, "decision": decision}
    )
    audit_record(
        actor=actor,
        action="scoring_override.set",
        target=form_item,
        changes={
            "action": [previous.action if previous else None, action],
            "keys": [previous.keys if previous else None, keys],
        },
    )
    for attempt in attempts:
        _attempt_recompute(
            attempt,
            actor=actor,
            now=now,
            cause=RescoreCause.CHALLENGE,
            rescore_objective=True,
            decision=decision,
        )
    return decision


# --- appeals --------------------------------------------------------------------------------------


def _notify_appeal(appeal: Appeal) -> None:
    pk = appeal.pk
    transaction.on_commit(lambda: tasks.appeal_email_send.enqueue(appeal_id=pk))


@transaction.atomic
def appeal_create(
    *, actor: Actor, attempt: Attempt, reason: str, now: dt.datetime | None = None
) -> Appeal:
    """A candidate asks for their attempt to be rescored, within the appeal window.

    The window opens when the result is released (asked of the results app) and lasts the
    policy's ``appeal_window_days``. One appeal per attempt.
    """
    now = aware_now(now)
    if getattr(actor, "pk", None) != attempt.candidate_id:
        raise PermissionDenied
    attempt = delivery_locks.attempt_row_lock(pk=attempt.pk)
    if attempt.status not in ENDED_STATUSES or attempt.needs_marking:
        raise ValidationError(_("This attempt has no result to appeal yet."), code="no_result")
    window = selectors.appeal_window(attempt=attempt)
    if window is None:
        raise ValidationError(_("Results have not been released yet."), code="not_released")
    if not window[0] <= now <= window[1]:
        raise ValidationError(_("The appeal window is closed."), code="window_closed")
    reason = _text_required(reason, _("Say why you ask for a rescore."), "reason_required")
    if Appeal.objects.filter(attempt=attempt).exists():
        raise ValidationError(_("You have already appealed this result."), code="duplicate")
    appeal = Appeal.objects.create(
        attempt=attempt, reason=reason, submitted_at=now, score_before=attempt.score_points
    )
    audit_record(actor=actor, action="appeal.create", target=appeal, changes={"reason": reason})
    _notify_appeal(appeal)
    return appeal


def _appeal_lock(appeal: Appeal) -> tuple[Attempt, Appeal]:
    attempt = delivery_locks.attempt_row_lock(pk=appeal.attempt_id)
    return attempt, locks.appeal_row_lock(pk=appeal.pk)


@transaction.atomic
def appeal_review_start(*, actor: Actor, appeal: Appeal, now: dt.datetime | None = None) -> Appeal:
    """Start handling an appeal: fresh markers re-mark the written answers; objective scoring is
    rechecked (differences stored in ``recheck``, applied only if the appeal is upheld)."""
    now = aware_now(now)
    require_permission(actor, "scoring.handle_appeal")
    attempt, appeal = _appeal_lock(appeal)
    if appeal.status != AppealStatus.SUBMITTED:
        raise ValidationError(_("This appeal is already being handled."), code="illegal")
    overrides = selectors.overrides_for_form(form_id=attempt.form_id)
    recheck: dict[str, Any] = {}
    markers = selectors.markers_active()
    loads = selectors.marker_loads(user_ids=[m.pk for m in markers])
    for response in Response.objects.filter(attempt=attempt).select_related(
        "form_item__item_version"
    ):
        fi, version = response.form_item, response.form_item.item_version
        override = overrides.get(fi.pk)
        if override and override.dropped:
            continue
        if version.item_type in selectors.MARKED_TYPES:
            if response.answer in (None, ""):
                continue
            taken = {t.marker_id for t in _live_tasks(response) if t.marker_id}
            marker = _pick_marker(markers, loads, taken)
            if marker is None:
                raise ValidationError(
                    _("No marker is free who has not marked this answer before."),
                    code="no_fresh_marker",
                )
            MarkingTask.objects.create(
                response=response,
                kind=MarkingKind.APPEAL,
                appeal=appeal,
                marker=marker,
                assigned_at=now,
            )
            continue
        result = key_patches.response_score_with_keys(
            item_type=version.item_type,
            content=selectors.attempt_content(attempt, version),
            keys=list(override.keys) if override else [],
            answer=response.answer,
            max_points=fi.points,
        )
        if result.points != response.points:
            recheck[str(fi.pk)] = {
                "position": fi.position,
                "points": [str(response.points), str(result.points)],
            }
    appeal.status = AppealStatus.IN_REVIEW
    appeal.review_started_at = now
    appeal.recheck = recheck
    appeal.save(update_fields=["status", "review_started_at", "recheck"])
    audit_record(
        actor=actor,
        action="appeal.review_start",
        target=appeal,
        changes={"status": [AppealStatus.SUBMITTED, AppealStatus.IN_REVIEW], "recheck": recheck},
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: Actor,
    appeal: Appeal,
    upheld: bool,
    note: str,
    now: dt.datetime | None = None,
) -> Appeal:
    """Record an appeal's outcome and tell the candidate.

    Upheld: the fresh markers' re-marks replace the written answers' points, objective items are
    rescored, the attempt's total changes (a :class:`RescoreRecord`) and the results app is told.
    An appeal can be upheld only when all re-marks are in and the score does change. Dismissed:
    nothing changes; open re-marks are withdrawn.
    """
    now = aware_now(now)
    require_permission(actor, "scoring.handle_appeal")
    note = _text_required(note, _("Write the outcome for the candidate."), "note_required")
    attempt, appeal = _appeal_lock(appeal)
    if appeal.status != AppealStatus.IN_REVIEW:
        raise ValidationError(_("Start the re-marking before deciding the appeal."), code="illegal")
    tasks = selectors.appeal_marking_tasks(appeal=appeal)
    before = attempt.score_points
    if upheld:
        if any(t.status != MarkingStatus.SUBMITTED for t in tasks):
            raise ValidationError(
                _("Wait for every re-mark before upholding the appeal."), code="remarks_pending"
            )
        marked_points = {}
        for task in tasks:
            assert task.total is not None  # submitted (checked above), so marked
            response = task.response
            content = selectors.attempt_content(attempt, response.form_item.item_version)
            marked_points[response.form_item_id] = selectors.rubric_points(
                total=task.total, content=content, max_points=response.form_item.points
            )
        _attempt_recompute(
            attempt,
            actor=actor,
            now=now,
            cause=RescoreCause.APPEAL,
            rescore_objective=True,
            appeal=appeal,
            marked_points=marked_points,
        )
        if attempt.score_points == before:
            raise ValidationError(
                _("The re-marks and the recheck do not change the score: dismiss the appeal."),
                code="no_change",
            )
    else:
        MarkingTask.objects.filter(appeal=appeal, status=MarkingStatus.ASSIGNED).update(
            status=MarkingStatus.WITHDRAWN
        )
    previous = appeal.status
    appeal.status = AppealStatus.UPHELD if upheld else AppealStatus.DISMISSED
    appeal.outcome_note = note
    appeal.score_before = before
    appeal.score_after = attempt.score_points
    appeal.decided_at = now
    appeal.decided_by = actor
    appeal.save(
        update_fields=[
            "status",
            "outcome_note",
            "score_before",
            "score_after",
            "decided_at",
            "decided_by",
        ]
    )
    audit_record(
        actor=actor,
        action="appeal.decide",
        target=appeal,
        changes={
            "status": [previous, appeal.status],
            "score": [None if before is None else str(before), str(attempt.score_points)],
            "note": note,
        },
    )
    _notify_appeal(appeal)
    return appeal
