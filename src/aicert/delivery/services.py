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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission, user_can
from aicert.audit.services import audit_record
from aicert.catalog.models import Subject
from aicert.delivery import locks, presentation, scoring, selectors
from aicert.delivery.events import AttemptEnded
from aicert.delivery.models import (
    Attempt,
    AttemptEvent,
    AttemptEventKind,
    AttemptStatus,
    CheckIn,
    CheckInOutcome,
    Form,
    FormItem,
    FormStatus,
    Incident,
    IncidentKind,
    Response,
    ScoreStatus,
    SessionForm,
)
from aicert.itembank.models import ItemVersion
from aicert.optimize.assembly import AssemblyResult, AssemblySpec, assemble_forms
from aicert.registration.locks import registration_lock
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.selectors import registration_extra_time_percent
from aicert.registration.services import (
    registration_check_in,
    registration_mark_absent,
    registration_mark_sat,
)
from aicert.scheduling.models import Session, SessionStatus
from aicert.shared.events import event_publish

# In-flight saves sent just before the deadline (or a pause) still land within this many seconds.
SAVE_GRACE_SECONDS = 30
MAX_EXTENSION_SECONDS = 4 * 3600

AS = AttemptStatus
FS = FormStatus


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
    require_permission(actor, "delivery.assemble_form")
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
    require_permission(actor, "delivery.lock_form")
    if not FormItem.objects.filter(form_id=form.pk).exists():
        raise ValidationError(_("An empty form cannot be locked."), code="empty_form")
    return _form_transition(
        actor=actor, form=form, allowed_from=[FS.DRAFT], to=FS.LOCKED, now=_now(now)
    )


@transaction.atomic
def form_publish(*, actor: Any, form: Form, now: dt.datetime | None = None) -> Form:
    """Release a locked form for delivery (attempts may be authorised on it)."""
    require_permission(actor, "delivery.lock_form")
    return _form_transition(
        actor=actor, form=form, allowed_from=[FS.LOCKED], to=FS.PUBLISHED, now=_now(now)
    )


@transaction.atomic
def form_retire(*, actor: Any, form: Form, now: dt.datetime | None = None) -> Form:
    """Take a locked or published form out of use (attempts already on it are unaffected)."""
    require_permission(actor, "delivery.lock_form")
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
    require_permission(actor, "delivery.assemble_form")
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
    require_permission(actor, "delivery.assemble_form")
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


def _device_moved() -> ValidationError:
    return ValidationError(
        _(
            "This exam was moved to another computer: answers can no longer be saved here. "
            "Ask the invigilator if you need help."
        ),
        code="device_moved",
    )


def _check_device(attempt: Attempt, device_key: str | None) -> None:
    """Refuse a write from a computer that does not hold the attempt (the row is locked).

    An attempt bound to a computer accepts writes only with its key; an unbound attempt (never
    opened in the player, or released by the invigilator) accepts writes only without a key, so
    the computer it was moved away from can no longer write once it has been released.
    """
    if (device_key or "") != attempt.device_key:
        raise _device_moved()


@transaction.atomic
def attempt_claim_device(
    *, actor: Any, attempt: Attempt, key: str = "", now: dt.datetime | None = None
) -> Attempt:
    """Bind the attempt to the candidate's browser; returns the attempt with its ``device_key``.

    The exam player calls this whenever it opens. ``key`` is the key this browser was given
    before (empty on a new computer): the same key is confirmed; an unbound attempt gets a new
    key; an attempt bound to another computer is refused until the invigilator releases it
    (``attempt_release_device``), which is how an attempt moves to another computer.
    """
    now = _now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status not in (AS.READY, AS.IN_PROGRESS, AS.PAUSED):
        raise _illegal(attempt)
    if attempt.device_key:
        if key and secrets.compare_digest(key, attempt.device_key):
            return attempt
        raise ValidationError(
            _(
                "This exam is open on another computer. Ask the invigilator to move it to this "
                "computer."
            ),
            code="device_taken",
        )
    attempt.device_key = secrets.token_urlsafe(32)
    attempt.device_bound_at = now
    attempt.save(update_fields=["device_key", "device_bound_at", "updated_at"])
    audit_record(
        actor=actor,
        action="attempt.claim_device",
        target=attempt,
        changes={"at": now.isoformat(), "status": attempt.status},
    )
    return attempt


def _check_still_checked_in(attempt: Attempt) -> None:
    """Content is first sent when the clock starts: only to a candidate checked in for it."""

    status = Registration.objects.filter(pk=attempt.registration_id).values_list(
        "status", flat=True
    )
    if status.first() != RegistrationStatus.CHECKED_IN:
        raise ValidationError(
            _("The candidate has not been checked in for this session."), code="not_checked_in"
        )


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

    now = _now(now)
    require_permission(actor, "delivery.authorize_attempt", registration)
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
def attempt_start(
    *,
    actor: Any,
    attempt: Attempt,
    device_key: str | None = None,
    now: dt.datetime | None = None,
) -> Attempt:
    """The candidate starts the clock of their ready attempt, once the session has begun.

    ``device_key`` is the exam player's key (see :func:`attempt_claim_device`).
    """

    now = _now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.READY:
        raise _illegal(attempt)
    _check_device(attempt, device_key)
    starts_at = (
        Session.objects.filter(registrations__pk=attempt.registration_id)
        .values_list("starts_at", flat=True)
        .first()
    )
    if starts_at is not None and now < starts_at:
        raise ValidationError(
            _("The session has not begun yet: you can start at %(time)s.")
            % {"time": timezone.localtime(starts_at).strftime("%H:%M")},
            code="session_not_begun",
        )
    _check_still_checked_in(attempt)
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
    require_permission(actor, "delivery.invigilate_attempt", attempt)
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
    require_permission(actor, "delivery.invigilate_attempt", attempt)
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
    require_permission(actor, "delivery.invigilate_attempt", attempt)
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


@dataclass(frozen=True)
class SaveIn:
    """One save as the browser sends it: ``answer`` to ``form_item``, numbered ``seq``."""

    form_item: int
    answer: Any
    seq: int


@dataclass(frozen=True)
class SaveRefusal:
    """A save of a batch refused for good, alone: its answer does not fit the item
    (``invalid_answer``), the item is not on the exam (``unknown_item``) or its number is not a
    positive whole number (``seq``). The other saves of the batch are unaffected."""

    form_item: int
    seq: int
    code: str
    detail: str


# The player sends every save waiting in its queue in one request; it holds at most one per item.
MAX_SAVES_PER_BATCH = 50


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


def _save_item(attempt: Attempt, save: SaveIn) -> tuple[FormItem | None, SaveRefusal | None]:
    """The save's item, or why the save is not a save of this exam at all."""
    if isinstance(save.seq, bool) or not isinstance(save.seq, int) or save.seq < 1:
        detail = _("The save number must be a positive whole number.")
        return None, SaveRefusal(save.form_item, save.seq, "seq", detail)
    form_item = selectors.form_item_for_save(form=attempt.form, form_item_id=save.form_item)
    if form_item is None:
        detail = _("This item is not on the exam.")
        return None, SaveRefusal(save.form_item, save.seq, "unknown_item", detail)
    return form_item, None


def _answer_refusal(attempt: Attempt, form_item: FormItem, save: SaveIn) -> SaveRefusal | None:
    """Why the save's answer does not fit its item (checked only for a save to be stored)."""
    version = form_item.item_version
    try:
        scoring.answer_validate(
            version.item_type, selectors.attempt_content(attempt, version), save.answer
        )
    except scoring.AnswerError as exc:
        return SaveRefusal(save.form_item, save.seq, "invalid_answer", str(exc))
    return None


def response_save(
    *,
    actor: Any,
    attempt: Attempt,
    form_item_id: int,
    answer: Any,
    seq: int,
    device_key: str | None = None,
    now: dt.datetime | None = None,
) -> SaveReceipt:
    """Save the candidate's answer to one item, idempotently by ``seq``; locks the attempt.

    A batch of one (:func:`responses_save`, same rules), whose refusal of the one save is raised
    as a ``ValidationError`` with the refusal's code.
    """
    (result,) = responses_save(
        actor=actor,
        attempt=attempt,
        saves=[SaveIn(form_item_id, answer, seq)],
        device_key=device_key,
        now=now,
    )
    if isinstance(result, SaveRefusal):
        raise ValidationError(result.detail, code=result.code)
    return result


@transaction.atomic
def responses_save(
    *,
    actor: Any,
    attempt: Attempt,
    saves: Sequence[SaveIn],
    device_key: str | None = None,
    now: dt.datetime | None = None,
) -> list[SaveReceipt | SaveRefusal]:
    """Save a batch of the candidate's answers under one lock of the attempt, in order.

    Each save has the rules of a save sent alone, applied in the batch's order (so a batch is
    exactly its saves sent one after another): a save whose ``seq`` is not above the stored one
    is acknowledged and changes nothing (the browser resends unsent saves, and they may arrive
    out of order); otherwise it is stored while the attempt is in progress, up to
    ``SAVE_GRACE_SECONDS`` after the deadline (or after a pause began), for saves already in
    flight. Returns one result per save, in order: a :class:`SaveReceipt`, or a
    :class:`SaveRefusal` for a save refused on its own (its answer does not fit the item, or the
    item is not on the exam).

    Refused as a whole (``ValidationError``, nothing stored): a batch from a computer that no
    longer holds the attempt (``device_moved``, see :func:`attempt_claim_device`), and a batch
    with a save that would be stored but may not be now (``paused``, ``time_over``,
    ``attempt_ended``, ``not_started``) -- a batch of resends the server already holds is still
    acknowledged then. ``PermissionDenied`` when the attempt is not the actor's own. Every
    stored save is logged as one ``save`` event of the attempt.
    """
    now = _now(now)
    _candidate_only(actor, attempt)
    if not 1 <= len(saves) <= MAX_SAVES_PER_BATCH:
        raise ValidationError(
            _("Send between 1 and %(max)d saves at a time.") % {"max": MAX_SAVES_PER_BATCH},
            code="batch_size",
        )
    attempt = locks.attempt_lock(pk=attempt.pk)
    _candidate_only(actor, attempt)  # again on the locked row: callers may pass a bare pk
    _check_device(attempt, device_key)
    window = _save_window_closed(attempt, now)
    checked = [_save_item(attempt, save) for save in saves]
    by = actor if getattr(actor, "is_authenticated", False) else None

    def event(save: SaveIn) -> AttemptEvent:
        data = {"form_item": save.form_item, "seq": save.seq, "answer": save.answer}
        return AttemptEvent(
            attempt=attempt, kind=AttemptEventKind.SAVE, actor=by, at=now, data=data
        )

    stored = Response.objects.filter(attempt_id=attempt.pk).order_by()
    fits: dict[int, SaveRefusal | None] = {}  # save's index -> its answer's refusal
    if len(saves) == 1 and window is None and checked[0][0] is not None:
        # The common case of a save sent alone costs one UPDATE: a newer save of an answer that
        # fits, in time. Anything else reads the stored saves first, so a resend of an
        # acknowledged save is always acknowledged again (never refused because the time has
        # run out since, nor for its answer).
        (save,) = saves
        fits[0] = _answer_refusal(attempt, checked[0][0], save)
        if fits[0] is None and stored.filter(form_item_id=save.form_item, seq__lt=save.seq).update(
            answer=save.answer, seq=save.seq, saved_at=now
        ):
            event(save).save()
            return [SaveReceipt(save.form_item, save.seq, save.seq, now, stored=True)]
    # The attempt row is locked and every writer of answers locks it first: what is read here
    # stays true until the end of the transaction.
    held = {
        form_item_id: (seq, saved_at)
        for form_item_id, seq, saved_at in stored.filter(
            form_item_id__in={fi.pk for fi, _refusal in checked if fi is not None}
        ).values_list("form_item_id", "seq", "saved_at")
    }
    results: list[SaveReceipt | SaveRefusal] = []
    changed: dict[int, Response] = {}
    events: list[AttemptEvent] = []
    for index, (save, (form_item, refusal)) in enumerate(zip(saves, checked, strict=True)):
        if form_item is None:
            results.append(refusal)
            continue
        held_seq, held_at = held.get(save.form_item, (0, now))
        if save.seq <= held_seq:
            results.append(SaveReceipt(save.form_item, save.seq, held_seq, held_at, stored=False))
            continue
        if window is not None:
            raise window  # nothing is written before the loop ends
        refusal = fits[index] if index in fits else _answer_refusal(attempt, form_item, save)
        if refusal is not None:
            results.append(refusal)
            continue
        held[save.form_item] = (save.seq, now)
        changed[save.form_item] = Response(
            attempt=attempt, form_item=form_item, answer=save.answer, seq=save.seq, saved_at=now
        )
        events.append(event(save))
        results.append(SaveReceipt(save.form_item, save.seq, save.seq, now, stored=True))
    if changed:
        # One statement for new and newer answers alike; only what a save changes is written
        # (a response's marking fields are not touched).
        Response.objects.bulk_create(
            changed.values(),
            update_conflicts=True,
            unique_fields=["attempt", "form_item"],
            update_fields=["answer", "seq", "saved_at"],
        )
        AttemptEvent.objects.bulk_create(events)
    return results


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

    # The registration records that the candidate sat (lock order: attempt, then registration).
    registration_mark_sat(actor=actor, registration=attempt.registration)
    # Scoring queues the written answers for markers, results computes the score (on commit).
    event_publish(AttemptEnded(attempt_id=attempt.pk, needs_marking=needs_marking))
    return attempt


@transaction.atomic
def attempt_submit(
    *,
    actor: Any,
    attempt: Attempt,
    device_key: str | None = None,
    now: dt.datetime | None = None,
) -> Attempt:
    """The candidate hands in: objective items are scored, the attempt ends.

    A hand-in that arrives after the deadline and its grace period ends the attempt as
    auto-submitted (the clock had already ended it). Only the computer that holds the attempt
    may hand in (``device_key``, see :func:`attempt_claim_device`).
    """
    now = _now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status != AS.IN_PROGRESS:
        raise _illegal(attempt)
    _check_device(attempt, device_key)
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
    require_permission(actor, "delivery.void_attempt", attempt)
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


@transaction.atomic
def attempt_release_device(
    *, actor: Any, attempt: Attempt, now: dt.datetime | None = None
) -> Attempt:
    """Move an attempt to another computer: forget the computer that holds it.

    The candidate then opens the exam on the new computer, which claims it
    (:func:`attempt_claim_device`); the old computer's saves are refused from now on. The clock
    keeps running: pause the attempt first if the move will take a while.
    """
    now = _now(now)
    require_permission(actor, "delivery.invigilate_attempt", attempt)
    attempt = locks.attempt_lock(pk=attempt.pk)
    if attempt.status not in (AS.READY, AS.IN_PROGRESS, AS.PAUSED):
        raise _illegal(attempt)
    had_device = bool(attempt.device_key)
    attempt.device_key = ""
    attempt.device_bound_at = None
    attempt.save(update_fields=["device_key", "device_bound_at", "updated_at"])
    _record(
        attempt, AttemptEventKind.DEVICE_RELEASE, actor, now, attempt.status, had_device=had_device
    )
    return attempt


# --- the exam-day room: forms of a session, check-in, authorising, incidents ---------------------


@transaction.atomic
def session_form_attach(
    *, actor: Any, session, form: Form, now: dt.datetime | None = None
) -> SessionForm:
    """Attach a published form of the session's subject to the session (parallel forms: call
    once per form). Candidates authorised later sit one of the attached forms."""

    now = _now(now)
    require_permission(actor, "delivery.attach_session_form", session)
    form = locks.form_lock(pk=form.pk)
    if form.status != FS.PUBLISHED or form.subject_id != session.subject_id:
        raise ValidationError(
            _("Only a published form of the session's subject can be attached."), code="wrong_form"
        )
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("The session is cancelled."), code="cancelled")
    if SessionForm.objects.filter(session=session, form=form).exists():
        raise ValidationError(
            _("Form %(code)s is already attached to this session.") % {"code": form.code},
            code="already_attached",
        )
    attached = SessionForm.objects.create(
        session=session, form=form, attached_by=actor, attached_at=now
    )
    audit_record(
        actor=actor,
        action="session_form.attach",
        target=attached,
        changes={"session": session.pk, "form": form.code},
    )
    return attached


@transaction.atomic
def session_form_detach(*, actor: Any, session_form: SessionForm) -> None:
    """Take a form off a session, as long as nobody in the session has been given it."""
    require_permission(actor, "delivery.attach_session_form", session_form.session)
    in_use = Attempt.objects.filter(
        registration__session_id=session_form.session_id, form_id=session_form.form_id
    ).exists()
    if in_use:
        raise ValidationError(
            _("Candidates of this session already sit form %(code)s: it cannot be detached.")
            % {"code": session_form.form.code},
            code="in_use",
        )
    audit_record(
        actor=actor,
        action="session_form.detach",
        target=session_form,
        changes={"session": session_form.session_id, "form": session_form.form.code},
    )
    session_form.delete()


def _check_in_row(registration, **fields) -> CheckIn:
    """Create or update the registration's check-in row (its registration row is locked)."""
    row = CheckIn.objects.filter(registration_id=registration.pk).first()
    if row is None:
        return CheckIn.objects.create(registration=registration, **fields)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=list(fields))
    return row


@transaction.atomic
def check_in_record(
    *,
    actor: Any,
    registration,
    id_checked: bool,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> CheckIn:
    """Check a candidate in after the photo ID check; late after the start, refused after the cut-off.

    The policy in force (:func:`aicert.delivery.selectors.check_in_policy_current`) says when
    check-in opens and how long after the start a late candidate is still admitted. After the
    cut-off only someone who may override it (a center manager) admits the candidate, with a
    reason. Locks the session, then the registration.
    """

    now = _now(now)
    require_permission(actor, "delivery.check_in_candidate", registration)
    session = registration.session
    policy = selectors.check_in_policy_current()
    opens = session.starts_at - dt.timedelta(minutes=policy.opens_minutes_before)
    cutoff = session.starts_at + dt.timedelta(minutes=policy.late_cutoff_minutes)
    if not id_checked:
        raise ValidationError(
            _("Check the candidate's photo ID against every point of the checklist first."),
            code="id_not_checked",
        )
    if session.status != SessionStatus.PUBLISHED:
        raise ValidationError(_("This session is not running."), code="session_not_running")
    if now < opens:
        raise ValidationError(
            _("Check-in opens at %(time)s.") % {"time": _hhmm(opens)}, code="not_open"
        )
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise ValidationError(_("This candidate is already checked in."), code="already_in")
    if registration.status == RegistrationStatus.PENDING_PAYMENT:
        raise ValidationError(
            _("The fee for this registration has not been paid: the candidate cannot sit."),
            code="unpaid",
        )
    override = override_reason.strip()
    if now > cutoff:
        if not user_can(actor, "delivery.override_check_in_cutoff", registration):
            raise ValidationError(
                _(
                    "Check-in closed at %(time)s (%(minutes)d minutes after the start). "
                    "Only a center manager can admit the candidate now, with a reason."
                )
                % {"time": _hhmm(cutoff), "minutes": policy.late_cutoff_minutes},
                code="after_cutoff",
            )
        if not override:
            raise ValidationError(
                _("Say why the candidate is admitted after the cut-off."), code="override_reason"
            )
    else:
        override = ""
    late = now > session.starts_at
    registration = registration_check_in(actor=actor, registration=registration)
    row = _check_in_row(
        registration,
        outcome=CheckInOutcome.PRESENT,
        late=late,
        id_checked=True,
        override_reason=override,
        recorded_by=actor,
        recorded_at=now,
    )
    audit_record(
        actor=actor,
        action="check_in.present",
        target=row,
        changes={"registration": registration.pk, "late": late, "override_reason": override},
    )
    return row


def _hhmm(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M")


@transaction.atomic
def check_in_mark_absent(*, actor: Any, registration, now: dt.datetime | None = None) -> CheckIn:
    """Record that a confirmed candidate did not come (``actor`` None: the session-end job)."""

    now = _now(now)
    if actor is not None:
        require_permission(actor, "delivery.check_in_candidate", registration)
    registration = registration_mark_absent(actor=actor, registration=registration)
    row = _check_in_row(
        registration,
        outcome=CheckInOutcome.ABSENT,
        late=False,
        id_checked=False,
        override_reason="",
        recorded_by=actor,
        recorded_at=now,
    )
    audit_record(
        actor=actor, action="check_in.absent", target=row, changes={"registration": registration.pk}
    )
    return row


def session_absentees_mark(*, actor: Any, session, now: dt.datetime | None = None) -> int:
    """After the late cut-off, mark every confirmed candidate who never came as absent.

    Returns how many were marked. Each registration in its own transaction.
    """

    now = _now(now)
    if actor is not None:
        require_permission(actor, "delivery.check_in_candidate", session)
    policy = selectors.check_in_policy_current()
    if now <= session.starts_at + dt.timedelta(minutes=policy.late_cutoff_minutes):
        raise ValidationError(
            _("Candidates can still check in: wait until the late cut-off has passed."),
            code="too_early",
        )
    pks = Registration.objects.filter(
        session=session, status=RegistrationStatus.CONFIRMED
    ).values_list("pk", flat=True)
    marked = 0
    for pk in list(pks):
        registration = Registration.objects.select_related("session").get(pk=pk)
        try:
            check_in_mark_absent(actor=actor, registration=registration, now=now)
        except ValidationError:  # checked in meanwhile
            continue
        marked += 1
    return marked


def sessions_absentees_mark_ended(*, now: dt.datetime | None = None) -> int:
    """The periodic job: in sessions that have ended, mark confirmed no-shows absent."""
    now = _now(now)
    total = 0
    for session in selectors.sessions_ended_with_unmarked(now=now):
        total += session_absentees_mark(actor=None, session=session, now=now)
    return total


def session_authorize_attempts(
    *,
    actor: Any,
    session,
    registration_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
) -> list[Attempt]:
    """Let the checked-in candidates of a session (all, or those given) start: one attempt each.

    Each gets one of the session's attached forms (neighbouring seats get different parallel
    forms, see :func:`aicert.delivery.selectors.session_form_for_registration`) and the extra
    time of an approved accommodation. Candidates who already have an attempt are skipped. All
    or nothing: one transaction.
    """

    now = _now(now)
    require_permission(actor, "delivery.authorize_attempt", session)
    forms = selectors.session_forms_published(session=session)
    if not forms:
        raise ValidationError(
            _("No published form is attached to this session: ask the psychometrician."),
            code="no_forms",
        )
    registrations = Registration.objects.filter(
        session=session, status=RegistrationStatus.CHECKED_IN
    ).select_related("session")
    if registration_ids is not None:
        registration_ids = list(registration_ids)
        registrations = registrations.filter(pk__in=registration_ids)
        if len(registrations) != len(set(registration_ids)):
            raise ValidationError(
                _("Only candidates who are checked in for this session can be authorised."),
                code="not_checked_in",
            )
    live = set(
        Attempt.objects.filter(registration__session=session)
        .exclude(status=AS.VOIDED)
        .values_list("registration_id", flat=True)
    )
    created = []
    with transaction.atomic():
        for registration in registrations.order_by("pk"):
            if registration.pk in live:
                continue
            percent = registration_extra_time_percent(registration)
            try:
                attempt = attempt_authorize(
                    actor=actor,
                    registration=registration,
                    form=selectors.session_form_for_registration(
                        registration=registration, forms=forms, room=session.room
                    ),
                    extra_time_seconds=session.duration_minutes * 60 * percent // 100,
                    now=now,
                )
            except ValidationError as exc:
                # Authorised meanwhile from another console (seen under the row lock): skip.
                if exc.code == "attempt_exists":
                    continue
                raise
            created.append(attempt)
    return created


@transaction.atomic
def incident_report(
    *,
    actor: Any,
    session,
    kind: str,
    description: str,
    occurred_at: dt.datetime | None = None,
    registration=None,
) -> Incident:
    """Record an incident in the room (environment, examinee, invigilator or technical)."""
    require_permission(actor, "delivery.add_incident", session)
    errors: dict[str, str] = {}
    if kind not in IncidentKind.values:
        errors["kind"] = _("Choose the kind of incident.")
    if not description.strip():
        errors["description"] = _("Describe what happened.")
    if registration is not None and registration.session_id != session.pk:
        errors["registration"] = _("The candidate is not in this session.")
    if errors:
        raise ValidationError(errors)
    occurred_at = _now(occurred_at)
    incident = Incident.objects.create(
        session=session,
        kind=kind,
        occurred_at=occurred_at,
        description=description.strip(),
        registration=registration,
        reported_by=actor,
    )
    audit_record(
        actor=actor,
        action="incident.report",
        target=incident,
        changes={
            "kind": kind,
            "occurred_at": occurred_at.isoformat(),
            "registration": registration.pk if registration else None,
        },
    )
    return incident


@transaction.atomic
def session_attempts_pause(
    *, actor: Any, session, reason: str, now: dt.datetime | None = None
) -> list[Attempt]:
    """Pause every attempt in progress in the room at once (a fire alarm, a power cut)."""
    now = _now(now)
    require_permission(actor, "delivery.invigilate_attempt", session)
    if not reason.strip():
        raise ValidationError(_("Say why the room is paused."), code="reason_required")
    attempts = Attempt.objects.filter(
        registration__session=session, status=AS.IN_PROGRESS
    ).select_related("registration__session__room__venue")
    return [
        attempt_pause(actor=actor, attempt=attempt, reason=reason.strip(), now=now)
        for attempt in attempts.order_by("pk")
    ]


@transaction.atomic
def session_attempts_resume(
    *, actor: Any, session, now: dt.datetime | None = None
) -> list[Attempt]:
    """Resume every paused attempt of the room; each deadline moves by its own pause."""
    now = _now(now)
    require_permission(actor, "delivery.invigilate_attempt", session)
    attempts = Attempt.objects.filter(
        registration__session=session, status=AS.PAUSED
    ).select_related("registration__session__room__venue")
    return [attempt_resume(actor=actor, attempt=a, now=now) for a in attempts.order_by("pk")]
