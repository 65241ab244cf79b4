"""Writes for delivery: assembling, locking and publishing forms; running attempts.

Forms: draft -> locked -> published -> retired (a draft may also be discarded). Only a draft
may change; the database refuses changes to a locked form's items as well.

Attempts: ready -> in_progress <-> paused -> submitted | auto_submitted; any -> voided. The
clock is the server's: services take ``now`` (default: the current time) so the arithmetic is
testable, and store the deadline they compute. Every service that touches an attempt locks its
row first (:mod:`aicert.delivery.locks`).

Every state change of a form or an attempt is written to the audit trail
(:func:`aicert.audit.services.audit_record`) and, for attempts, to the attempt's own event log.
Saves of answers are logged only in the attempt's event log (with the answer and its sequence
number): one audit row per keystroke-driven save would drown the audit trail, and the event log
is the append-only record a dispute about an answer needs.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.audit.services import audit_record
from aicert.catalog.models import Subject
from aicert.delivery import locks, presentation, scoring, selectors
from aicert.delivery.models import (
    Attempt,
    AttemptEvent,
    AttemptEventKind,
    AttemptStatus,
    Form,
    FormItem,
    FormStatus,
    Response,
    ScoreStatus,
)
from aicert.itembank.models import ItemVersion
from aicert.optimize.assembly import AssemblyResult, AssemblySpec, assemble_forms

# In-flight saves sent just before the deadline (or a pause) still land within this many seconds.
SAVE_GRACE_SECONDS = 30
MAX_EXTENSION_SECONDS = 4 * 3600

AS = AttemptStatus
FS = FormStatus


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not user_can(actor, perm, obj):
        raise PermissionDenied


def _now(now: dt.datetime | None) -> dt.datetime:
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("now must be timezone-aware")
    return now


# --- forms ---------------------------------------------------------------------------------------


def _form_report(
    result: AssemblyResult, spec: AssemblySpec, number: int, settings: dict, sources: Mapping
) -> dict:
    form = result.forms[number - 1]
    return {
        "form_number": number,
        "forms_in_batch": len(result.forms),
        "thetas": list(result.thetas),
        "information": list(form.information),
        "tcc": list(form.tcc),
        "cut_theta": spec.cut_theta,
        "cut_information": form.cut_information,
        "domain_counts": [list(pair) for pair in form.domain_counts],
        "solver": {
            "status": result.status,
            "gap": result.gap,
            "objective": result.objective,
            "bound": result.bound if result.bound != float("inf") else None,
            "time_seconds": round(result.time_seconds, 3),
            "candidates": result.n_candidates,
            "max_pairwise_overlap": result.max_pairwise_overlap,
        },
        "settings": settings,
        "parameter_sources": dict(sources),
    }


def _next_form_number(subject: Subject) -> int:
    codes = Form.objects.filter(subject=subject).values_list("code", flat=True)
    numbers = [int(c.rsplit("-", 1)[-1]) for c in codes if c.rsplit("-", 1)[-1].isdigit()]
    return max(numbers, default=0) + 1


def form_assemble(
    *,
    actor: Any,
    subject: Subject,
    n_forms: int = 1,
    cut_theta: float = 0.0,
    max_exposure: int | None = 1,
    max_overlap: int | None = None,
    info_tolerance: float | None = None,
    max_prior_forms: int | None = None,
    exclude_types: Iterable[str] = (),
    parameters: Mapping[int, tuple[float, float, float]] | None = None,
    time_limit: float = 20.0,
) -> list[Form]:
    """Assemble ``n_forms`` parallel draft forms of ``subject`` from its approved/active items.

    Blueprint counts come from the subject's blueprint entries, enemy sets from the item bank,
    item parameters from ``parameters`` (calibrated, by version pk) or else from the intended
    difficulty (:func:`aicert.delivery.selectors.default_parameters`). The forms maximise the
    test information at ``cut_theta`` (:func:`aicert.optimize.assemble_forms`). ``max_exposure``
    caps how many of the new forms may share an item (1: no sharing), ``max_overlap`` the items
    two forms share, ``info_tolerance`` (relative) how far a form's information at the cut may
    stray from the mean form; ``max_prior_forms`` leaves out items already on that many live
    forms.

    Raises :class:`~aicert.optimize.explain.InfeasibleError` (with ``reasons`` in words) when
    no such forms exist, :class:`~aicert.optimize.explain.SolverLimitError` when the time limit
    passes first, and ``ValidationError`` when the subject has no blueprint. The solver runs
    outside the transaction; the chosen versions are re-checked under the subject's lock.
    """
    _require(actor, "delivery.assemble_form")
    exclude_types = tuple(exclude_types)
    bank = selectors.assembly_bank_load(
        subject=subject,
        max_prior_forms=max_prior_forms,
        exclude_types=exclude_types,
        parameters=parameters,
    )
    if not bank.blueprint:
        raise ValidationError(
            _("The subject has no blueprint: give its domains item counts first."),
            code="no_blueprint",
        )
    spec = AssemblySpec(
        blueprint=bank.blueprint,
        n_forms=n_forms,
        cut_theta=cut_theta,
        enemy_sets=bank.enemy_sets,
        max_exposure=max_exposure,
        max_overlap=max_overlap,
        info_tolerance=info_tolerance,
        tolerance_mode="relative",
        time_limit=time_limit,
    )
    result = assemble_forms(bank.items, spec)
    settings = {
        "n_forms": n_forms,
        "cut_theta": cut_theta,
        "max_exposure": max_exposure,
        "max_overlap": max_overlap,
        "info_tolerance": info_tolerance,
        "max_prior_forms": max_prior_forms,
        "exclude_types": list(exclude_types),
        "time_limit": time_limit,
    }
    blueprint_order = {label: k for k, (label, _n) in enumerate(bank.blueprint)}
    domain_of = {it.id: it.domain for it in bank.items}
    with transaction.atomic():
        locks.subject_lock(pk=subject.pk)
        chosen = {bank.version_ids[i] for f in result.forms for i in f.item_ids}
        still_usable = set(
            ItemVersion.objects.filter(
                pk__in=chosen, item__status__in=selectors.ASSEMBLY_ITEM_STATUSES
            ).values_list("pk", flat=True)
        )
        if still_usable != chosen:
            raise ValidationError(
                _("Some chosen items changed status while the forms were assembled: try again."),
                code="bank_changed",
            )
        batch = uuid.uuid4()
        number = _next_form_number(subject)
        forms = []
        for assembled in result.forms:
            form = Form.objects.create(
                subject=subject,
                code=f"{subject.code}-{number:03d}",
                assembly_batch=batch,
                created_by=actor,
                assembly_report=_form_report(
                    result, spec, assembled.number, settings, bank.parameter_sources
                ),
            )
            number += 1
            ordered = sorted(assembled.item_ids, key=lambda i: (blueprint_order[domain_of[i]], i))
            FormItem.objects.bulk_create(
                FormItem(form=form, item_version_id=bank.version_ids[i], position=p)
                for p, i in enumerate(ordered, start=1)
            )
            audit_record(
                actor=actor,
                action="form.assemble",
                target=form,
                changes={
                    "status": [None, FS.DRAFT],
                    "items": len(ordered),
                    "batch": str(batch),
                    "solver_status": result.status,
                    "gap": result.gap,
                },
            )
            forms.append(form)
    return forms


def _form_transition(
    *, actor: Any, form: Form, allowed_from: Iterable[str], to: str, now: dt.datetime
) -> Form:
    locked = locks.form_lock(pk=form.pk)
    before = locked.status
    if before not in allowed_from:
        raise ValidationError(
            _("A form cannot go from “%(before)s” to “%(after)s”.")
            % {"before": FS(before).label, "after": FS(to).label},
            code="illegal_transition",
        )
    locked.status = to
    fields = ["status"]
    if to == FS.LOCKED:
        locked.locked_by, locked.locked_at = actor, now
        fields += ["locked_by", "locked_at"]
    elif to == FS.PUBLISHED:
        locked.published_at = now
        fields.append("published_at")
    elif to == FS.RETIRED:
        locked.retired_at = now
        fields.append("retired_at")
    locked.save(update_fields=fields)
    audit_record(actor=actor, action=f"form.{to}", target=locked, changes={"status": [before, to]})
    return locked


@transaction.atomic
def form_lock(*, actor: Any, form: Form, now: dt.datetime | None = None) -> Form:
    """Freeze a draft form: from now on its items never change."""
    _require(actor, "delivery.lock_form")
    if not FormItem.objects.filter(form_id=form.pk).exists():
        raise ValidationError(_("An empty form cannot be locked."), code="empty_form")
    return _form_transition(
        actor=actor, form=form, allowed_from=[FS.DRAFT], to=FS.LOCKED, now=_now(now)
    )


@transaction.atomic
def form_publish(*, actor: Any, form: Form, now: dt.datetime | None = None) -> Form:
    """Release a locked form for delivery (attempts may be authorised on it)."""
    _require(actor, "delivery.lock_form")
    return _form_transition(
        actor=actor, form=form, allowed_from=[FS.LOCKED], to=FS.PUBLISHED, now=_now(now)
    )


@transaction.atomic
def form_retire(*, actor: Any, form: Form, now: dt.datetime | None = None) -> Form:
    """Take a locked or published form out of use (attempts already on it are unaffected)."""
    _require(actor, "delivery.lock_form")
    return _form_transition(
        actor=actor,
        form=form,
        allowed_from=[FS.LOCKED, FS.PUBLISHED],
        to=FS.RETIRED,
        now=_now(now),
    )


def _editable(form: Form) -> Form:
    locked = locks.form_lock(pk=form.pk)
    if locked.status != FS.DRAFT:
        raise ValidationError(
            _("Form %(code)s is locked: its items can no longer change.") % {"code": locked.code},
            code="form_locked",
        )
    return locked


@transaction.atomic
def form_discard(*, actor: Any, form: Form) -> None:
    """Delete a draft form that will not be used."""
    _require(actor, "delivery.assemble_form")
    locked = _editable(form)
    audit_record(
        actor=actor, action="form.discard", target=locked, changes={"status": [FS.DRAFT, None]}
    )
    locked.delete()


@transaction.atomic
def form_item_replace(*, actor: Any, form_item: FormItem, item_version: ItemVersion) -> FormItem:
    """Swap the version at one position of a draft form for another of the same domain.

    The replacement must be the newest version of an approved or active item of the form's
    subject, and its item must not be on the form already.
    """
    _require(actor, "delivery.assemble_form")
    form = _editable(form_item.form)
    current = FormItem.objects.select_related("item_version__item").get(pk=form_item.pk)
    item = item_version.item
    newest = item.versions.order_by("-number").first()
    errors = []
    if item.subject_id != form.subject_id:
        errors.append(_("The item belongs to another subject."))
    if item.status not in selectors.ASSEMBLY_ITEM_STATUSES or newest != item_version:
        errors.append(_("Only the approved version of an approved or active item can be used."))
    if item.domain_id != current.item_version.item.domain_id:
        errors.append(_("The replacement must measure the same domain, to keep the blueprint."))
    on_form = FormItem.objects.filter(form=form, item_version__item=item).exclude(pk=current.pk)
    if on_form.exists():
        errors.append(_("The item is already on this form."))
    if errors:
        raise ValidationError(errors, code="invalid_replacement")
    before = current.item_version_id
    current.item_version = item_version
    current.save(update_fields=["item_version"])
    audit_record(
        actor=actor,
        action="form.item_replace",
        target=form,
        changes={"position": current.position, "item_version": [before, item_version.pk]},
    )
    return current


# --- attempts ------------------------------------------------------------------------------------


def _event(attempt: Attempt, kind: str, actor: Any, at: dt.datetime, **data: Any) -> None:
    AttemptEvent.objects.create(
        attempt=attempt,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
        data=data,
    )


def _record(
    attempt: Attempt, kind: str, actor: Any, at: dt.datetime, before: str, **data: Any
) -> None:
    """Log an attempt's state change in its event log and in the audit trail."""
    _event(attempt, kind, actor, at, **data)
    audit_record(
        actor=actor,
        action=f"attempt.{kind}",
        target=attempt,
        changes={"status": [before, attempt.status], "at": at.isoformat(), **data},
    )


def _illegal(attempt: Attempt) -> ValidationError:
    return ValidationError(
        _("This attempt is “%(status)s”: that cannot be done now.")
        % {"status": AS(attempt.status).label},
        code="illegal_transition",
    )


def _candidate_only(actor: Any, attempt: Attempt) -> None:
    if getattr(actor, "pk", None) != attempt.candidate_id:
        raise PermissionDenied


@transaction.atomic
def attempt_authorize(
    *,
    actor: Any,
    registration,
    form: Form,
    extra_time_seconds: int = 0,
    now: dt.datetime | None = None,
) -> Attempt:
    """Let a checked-in candidate sit ``form``: an attempt in status ``ready`` with its seed.

    The time allowed is the session's duration plus ``extra_time_seconds`` (an approved
    accommodation); the exam language is the session's. Invigilators may authorise only at
    their own center.
    """
    from aicert.registration.locks import registration_lock
    from aicert.registration.models import RegistrationStatus

    now = _now(now)
    _require(actor, "delivery.authorize_attempt", registration)
    registration = registration_lock(pk=registration.pk)
    session = registration.session
    if registration.status != RegistrationStatus.CHECKED_IN:
        raise ValidationError(
            _("The candidate has not been checked in for this session."), code="not_checked_in"
        )
    if form.status != FS.PUBLISHED or form.subject_id != registration.subject_id:
        raise ValidationError(
            _("Only a published form of the session's subject can be sat."), code="wrong_form"
        )
    if registration.attempts.exclude(status=AS.VOIDED).exists():
        raise ValidationError(_("This registration already has an attempt."), code="attempt_exists")
    if extra_time_seconds < 0:
        raise ValidationError(_("Extra time cannot be negative."), code="negative_time")
    attempt = Attempt.objects.create(
        registration=registration,
        candidate_id=registration.candidate_id,
        form=form,
        language=session.language,
        seed=secrets.token_hex(16),
        order_version=presentation.ORDER_VERSION,
        time_allowed_seconds=session.duration_minutes * 60 + extra_time_seconds,
        extra_time_seconds=extra_time_seconds,
        authorized_by=actor,
    )
    _record(
        attempt,
        AttemptEventKind.AUTHORIZE,
        actor,
        now,
        None,
        form=form.code,
        time_allowed_seconds=attempt.time_allowed_seconds,
        extra_time_seconds=extra_time_seconds,
    )
    return attempt


@transaction.atomic
def attempt_start(*, actor: Any, attempt: Attempt, now: dt.datetime | None = None) -> Attempt:
    """The candidate starts the clock of their ready attempt."""
    now = _now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.READY:
        raise _illegal(attempt)
    attempt.status = AS.IN_PROGRESS
    attempt.started_at = now
    attempt.deadline_at = attempt.clock.deadline
    attempt.save(update_fields=["status", "started_at", "deadline_at", "updated_at"])
    _record(
        attempt,
        AttemptEventKind.START,
        actor,
        now,
        AS.READY,
        deadline=attempt.deadline_at.isoformat(),
    )
    return attempt


@transaction.atomic
def attempt_pause(
    *, actor: Any, attempt: Attempt, reason: str = "", now: dt.datetime | None = None
) -> Attempt:
    """Stop an attempt's clock (an incident in the room); content is hidden while paused."""
    now = _now(now)
    _require(actor, "delivery.invigilate_attempt", attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.IN_PROGRESS:
        raise _illegal(attempt)
    attempt.status = AS.PAUSED
    attempt.paused_at = now
    attempt.save(update_fields=["status", "paused_at", "updated_at"])
    _record(
        attempt,
        AttemptEventKind.PAUSE,
        actor,
        now,
        AS.IN_PROGRESS,
        reason=reason,
        seconds_left=attempt.clock.seconds_left(now),
    )
    return attempt


@transaction.atomic
def attempt_resume(*, actor: Any, attempt: Attempt, now: dt.datetime | None = None) -> Attempt:
    """Restart a paused attempt's clock; the deadline moves by the length of the pause."""
    now = _now(now)
    _require(actor, "delivery.invigilate_attempt", attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.PAUSED:
        raise _illegal(attempt)
    paused_for = attempt.clock.pause_seconds_until(now)
    attempt.paused_seconds += paused_for
    attempt.paused_at = None
    attempt.status = AS.IN_PROGRESS
    attempt.deadline_at = attempt.clock.deadline
    attempt.save(
        update_fields=["status", "paused_at", "paused_seconds", "deadline_at", "updated_at"]
    )
    _record(
        attempt,
        AttemptEventKind.RESUME,
        actor,
        now,
        AS.PAUSED,
        paused_seconds=paused_for,
        deadline=attempt.deadline_at.isoformat(),
    )
    return attempt


@transaction.atomic
def attempt_extend(
    *,
    actor: Any,
    attempt: Attempt,
    seconds: int,
    reason: str,
    now: dt.datetime | None = None,
) -> Attempt:
    """Give an attempt that has not ended more time (e.g. after a technical problem)."""
    now = _now(now)
    _require(actor, "delivery.invigilate_attempt", attempt)
    if not 0 < seconds <= MAX_EXTENSION_SECONDS:
        raise ValidationError(
            _("An extension must be between 1 second and %(hours)d hours.")
            % {"hours": MAX_EXTENSION_SECONDS // 3600},
            code="extension_range",
        )
    if not reason.strip():
        raise ValidationError(_("Say why the time is extended."), code="reason_required")
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status not in (AS.READY, AS.IN_PROGRESS, AS.PAUSED):
        raise _illegal(attempt)
    attempt.extended_seconds += seconds
    fields = ["extended_seconds", "updated_at"]
    if attempt.started_at is not None:
        attempt.deadline_at = attempt.clock.deadline
        fields.append("deadline_at")
    attempt.save(update_fields=fields)
    _record(
        attempt,
        AttemptEventKind.EXTEND,
        actor,
        now,
        attempt.status,
        seconds=seconds,
        reason=reason.strip(),
        deadline=attempt.deadline_at.isoformat() if attempt.deadline_at else None,
    )
    return attempt


@dataclass(frozen=True)
class SaveReceipt:
    """The server's answer to one save: ``seq`` is acknowledged; ``stored_seq`` is what is kept."""

    form_item: int
    seq: int
    stored_seq: int
    saved_at: dt.datetime
    stored: bool


def _save_window_closed(attempt: Attempt, now: dt.datetime) -> ValidationError | None:
    grace = dt.timedelta(seconds=SAVE_GRACE_SECONDS)
    if attempt.status == AS.IN_PROGRESS:
        if now <= attempt.deadline_at + grace:
            return None
        return ValidationError(_("Time is up: answers can no longer be saved."), code="time_over")
    if attempt.status == AS.PAUSED and now <= attempt.paused_at + grace:
        return None
    if attempt.status == AS.PAUSED:
        return ValidationError(
            _("The exam is paused: answers cannot be saved until it resumes."), code="paused"
        )
    if attempt.status == AS.READY:
        return ValidationError(_("The exam has not started yet."), code="not_started")
    return ValidationError(
        _("The exam has ended: answers can no longer be saved."), code="attempt_ended"
    )


@transaction.atomic
def response_save(
    *,
    actor: Any,
    attempt: Attempt,
    form_item_id: int,
    answer: Any,
    seq: int,
    now: dt.datetime | None = None,
) -> SaveReceipt:
    """Save the candidate's answer to one item, idempotently by ``seq``; locks the attempt.

    A save whose ``seq`` is not above the stored one is acknowledged and changes nothing (the
    browser retries unsent saves, and they may arrive out of order). Otherwise the save is
    accepted while the attempt is in progress up to ``SAVE_GRACE_SECONDS`` after the deadline
    (or after a pause began), for saves already in flight; later ones are refused.
    """
    now = _now(now)
    _candidate_only(actor, attempt)
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValidationError(_("The save number must be a positive whole number."), code="seq")
    attempt = locks.attempt_lock(pk=attempt.pk)
    try:
        form_item = FormItem.objects.select_related("item_version").get(
            pk=form_item_id, form_id=attempt.form_id
        )
    except FormItem.DoesNotExist as exc:
        raise ValidationError(_("This item is not on the exam."), code="unknown_item") from exc
    existing = Response.objects.filter(attempt=attempt, form_item=form_item).first()
    if existing is not None and seq <= existing.seq:
        return SaveReceipt(form_item.pk, seq, existing.seq, existing.saved_at, stored=False)
    closed = _save_window_closed(attempt, now)
    if closed is not None:
        raise closed
    version = form_item.item_version
    try:
        scoring.answer_validate(
            version.item_type, selectors.attempt_content(attempt, version), answer
        )
    except scoring.AnswerError as exc:
        raise ValidationError(str(exc), code="invalid_answer") from exc
    if existing is None:
        existing = Response.objects.create(
            attempt=attempt, form_item=form_item, answer=answer, seq=seq, saved_at=now
        )
    else:
        existing.answer, existing.seq, existing.saved_at = answer, seq, now
        existing.save(update_fields=["answer", "seq", "saved_at"])
    _event(
        attempt, AttemptEventKind.SAVE, actor, now, form_item=form_item.pk, seq=seq, answer=answer
    )
    return SaveReceipt(form_item.pk, seq, seq, now, stored=True)


def _finish(attempt: Attempt, *, status: str, actor: Any, now: dt.datetime) -> Attempt:
    """Score the objective responses and end the attempt (the attempt row is locked)."""
    before = attempt.status
    form_items = list(
        FormItem.objects.filter(form_id=attempt.form_id).select_related("item_version")
    )
    responses = {r.form_item_id: r for r in Response.objects.filter(attempt=attempt)}
    total = Decimal(0)
    maximum = Decimal(0)
    needs_marking = False
    changed = []
    for fi in form_items:
        response = responses.get(fi.pk)
        version = fi.item_version
        result = scoring.response_score(
            item_type=version.item_type,
            content=selectors.attempt_content(attempt, version),
            answer=response.answer if response else None,
            max_points=fi.points,
        )
        maximum += result.max_points
        if result.status == ScoreStatus.NEEDS_MARKING:
            needs_marking = True
        else:
            total += result.points or Decimal(0)
        if response is not None:
            response.points, response.score_status = result.points, result.status
            changed.append(response)
    Response.objects.bulk_update(changed, ["points", "score_status"])
    if attempt.status == AS.PAUSED:
        attempt.paused_seconds += attempt.clock.pause_seconds_until(now)
        attempt.paused_at = None
    attempt.status = status
    attempt.submitted_at = now
    attempt.score_points, attempt.score_max = total, maximum
    attempt.needs_marking = needs_marking
    attempt.save(
        update_fields=[
            "status",
            "submitted_at",
            "paused_at",
            "paused_seconds",
            "score_points",
            "score_max",
            "needs_marking",
            "updated_at",
        ]
    )
    kind = AttemptEventKind.SUBMIT if status == AS.SUBMITTED else AttemptEventKind.AUTO_SUBMIT
    _record(
        attempt,
        kind,
        actor,
        now,
        before,
        score=str(total),
        max_score=str(maximum),
        answered=len(responses),
        needs_marking=needs_marking,
    )
    return attempt


@transaction.atomic
def attempt_submit(*, actor: Any, attempt: Attempt, now: dt.datetime | None = None) -> Attempt:
    """The candidate hands in: objective items are scored, the attempt ends.

    A hand-in that arrives after the deadline and its grace period ends the attempt as
    auto-submitted (the clock had already ended it).
    """
    now = _now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.IN_PROGRESS:
        raise _illegal(attempt)
    late = now > attempt.deadline_at + dt.timedelta(seconds=SAVE_GRACE_SECONDS)
    return _finish(
        attempt, status=AS.AUTO_SUBMITTED if late else AS.SUBMITTED, actor=actor, now=now
    )


@transaction.atomic
def attempt_auto_submit(*, attempt: Attempt, now: dt.datetime | None = None) -> Attempt | None:
    """End an attempt whose time (plus the grace period for in-flight saves) has run out.

    Returns None, changing nothing, when the attempt is not in progress or still has time (it
    may have been submitted, paused or extended since it was selected).
    """
    now = _now(now)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.IN_PROGRESS:
        return None
    if now <= attempt.deadline_at + dt.timedelta(seconds=SAVE_GRACE_SECONDS):
        return None
    return _finish(attempt, status=AS.AUTO_SUBMITTED, actor=None, now=now)


def attempts_auto_submit_expired(*, now: dt.datetime | None = None) -> int:
    """Auto-submit every expired attempt, each in its own transaction; returns how many ended.

    Called by the ``attempts_auto_submit`` management command and the
    :func:`aicert.delivery.tasks.attempts_auto_submit_task` task (every minute on exam days).
    """
    now = _now(now)
    ended = 0
    for pk in selectors.attempts_expired_ids(now=now, grace_seconds=SAVE_GRACE_SECONDS):
        if attempt_auto_submit(attempt=Attempt(pk=pk), now=now) is not None:
            ended += 1
    return ended


@transaction.atomic
def attempt_void(
    *, actor: Any, attempt: Attempt, reason: str, now: dt.datetime | None = None
) -> Attempt:
    """Cancel an attempt (misconduct, a wrong form, a technical failure); it never counts."""
    now = _now(now)
    _require(actor, "delivery.void_attempt", attempt)
    if not reason.strip():
        raise ValidationError(_("Say why the attempt is voided."), code="reason_required")
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status == AS.VOIDED:
        raise _illegal(attempt)
    before = attempt.status
    if attempt.status == AS.PAUSED:
        attempt.paused_seconds += attempt.clock.pause_seconds_until(now)
        attempt.paused_at = None
    attempt.status = AS.VOIDED
    attempt.voided_at = now
    attempt.void_reason = reason.strip()
    attempt.save(
        update_fields=[
            "status",
            "voided_at",
            "void_reason",
            "paused_at",
            "paused_seconds",
            "updated_at",
        ]
    )
    _record(attempt, AttemptEventKind.VOID, actor, now, before, reason=attempt.void_reason)
    return attempt
