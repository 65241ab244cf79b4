"""Writes for attempts: claiming a computer, authorising, starting, pausing, resuming, extending,
saving answers (single or batched, each with its sequence number), handing in, auto-submitting,
voiding and releasing a computer."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.delivery import locks, presentation, scoring, selectors
from aicert.delivery.events import AttemptEnded
from aicert.delivery.models import (
    Attempt,
    AttemptEvent,
    AttemptEventKind,
    Form,
    FormItem,
    Response,
    ScoreStatus,
)
from aicert.delivery.services._common import AS, FS
from aicert.registration.locks import registration_row_lock
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.services import registration_mark_sat
from aicert.scheduling.models import Session
from aicert.shared.clock import aware_now
from aicert.shared.events import event_publish

# In-flight saves sent just before the deadline (or a pause) still land within this many seconds.
SAVE_GRACE_SECONDS = 30


MAX_EXTENSION_SECONDS = 4 * 3600


def _event(attempt: Attempt, kind: str, actor: Actor, at: dt.datetime, **data: Any) -> None:
    AttemptEvent.objects.create(
        attempt=attempt,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
        data=data,
    )


def _record(
    attempt: Attempt, kind: str, actor: Actor, at: dt.datetime, before: str | None, **data: Any
) -> None:
    """Log an attempt's state change in its event log and in the audit trail."""
    _event(attempt, kind, actor, at, **data)
    audit_record(
        actor=actor,
        action=f"attempt.{kind}",
        target=attempt,
        changes={"status": [before, attempt.status], "at": at.isoformat(), **data},
    )


def _deadline(attempt: Attempt) -> dt.datetime:
    """The deadline of a started attempt (which has one: a check constraint says so too)."""
    assert attempt.deadline_at is not None
    return attempt.deadline_at


def _illegal(attempt: Attempt) -> ValidationError:
    return ValidationError(
        _("This attempt is “%(status)s”: that cannot be done now.")
        % {"status": AS(attempt.status).label},
        code="illegal_transition",
    )


def _candidate_only(actor: Actor, attempt: Attempt) -> None:
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
    *, actor: Actor, attempt: Attempt, key: str = "", now: dt.datetime | None = None
) -> Attempt:
    """Bind the attempt to the candidate's browser; returns the attempt with its ``device_key``.

    The exam player calls this whenever it opens. ``key`` is the key this browser was given
    before (empty on a new computer): the same key is confirmed; an unbound attempt gets a new
    key; an attempt bound to another computer is refused until the invigilator releases it
    (``attempt_release_device``), which is how an attempt moves to another computer.
    """
    now = aware_now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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
    actor: Actor,
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

    now = aware_now(now)
    require_permission(actor, "delivery.authorize_attempt", registration)
    registration = registration_row_lock(pk=registration.pk)
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
    actor: Actor,
    attempt: Attempt,
    device_key: str | None = None,
    now: dt.datetime | None = None,
) -> Attempt:
    """The candidate starts the clock of their ready attempt, once the session has begun.

    ``device_key`` is the exam player's key (see :func:`attempt_claim_device`).
    """

    now = aware_now(now)
    _candidate_only(actor, attempt)
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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
    deadline = attempt.clock.deadline
    assert deadline is not None  # the clock has just started
    attempt.deadline_at = deadline
    attempt.save(update_fields=["status", "started_at", "deadline_at", "updated_at"])
    _record(
        attempt,
        AttemptEventKind.START,
        actor,
        now,
        AS.READY,
        deadline=deadline.isoformat(),
    )
    return attempt


@transaction.atomic
def attempt_pause(
    *, actor: Actor, attempt: Attempt, reason: str = "", now: dt.datetime | None = None
) -> Attempt:
    """Stop an attempt's clock (an incident in the room); content is hidden while paused."""
    now = aware_now(now)
    require_permission(actor, "delivery.invigilate_attempt", attempt)
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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
def attempt_resume(*, actor: Actor, attempt: Attempt, now: dt.datetime | None = None) -> Attempt:
    """Restart a paused attempt's clock; the deadline moves by the length of the pause."""
    now = aware_now(now)
    require_permission(actor, "delivery.invigilate_attempt", attempt)
    attempt = locks.attempt_row_lock(pk=attempt.pk)
    if attempt.status != AS.PAUSED:
        raise _illegal(attempt)
    paused_for = attempt.clock.pause_seconds_until(now)
    attempt.paused_seconds += paused_for
    attempt.paused_at = None
    attempt.status = AS.IN_PROGRESS
    deadline = attempt.clock.deadline
    assert deadline is not None  # a paused attempt had started
    attempt.deadline_at = deadline
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
        deadline=deadline.isoformat(),
    )
    return attempt


@transaction.atomic
def attempt_extend(
    *,
    actor: Actor,
    attempt: Attempt,
    seconds: int,
    reason: str,
    now: dt.datetime | None = None,
) -> Attempt:
    """Give an attempt that has not ended more time (e.g. after a technical problem)."""
    now = aware_now(now)
    require_permission(actor, "delivery.invigilate_attempt", attempt)
    if not 0 < seconds <= MAX_EXTENSION_SECONDS:
        raise ValidationError(
            _("An extension must be between 1 second and %(hours)d hours.")
            % {"hours": MAX_EXTENSION_SECONDS // 3600},
            code="extension_range",
        )
    if not reason.strip():
        raise ValidationError(_("Say why the time is extended."), code="reason_required")
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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
        if now <= _deadline(attempt) + grace:
            return None
        return ValidationError(_("Time is up: answers can no longer be saved."), code="time_over")
    if attempt.status == AS.PAUSED:
        assert attempt.paused_at is not None  # a paused attempt has its pause time (a constraint)
        if now <= attempt.paused_at + grace:
            return None
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
    actor: Actor,
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


def responses_save(
    *,
    actor: Actor,
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

    A save refused because the time and its grace period have run out also ends the attempt
    (auto-submitted, in its own transaction), as the scheduler would at its next run: the
    candidate's answers are scored at once.
    """
    now = aware_now(now)
    try:
        return _responses_save_locked(
            actor=actor, attempt=attempt, saves=saves, device_key=device_key, now=now
        )
    except ValidationError as exc:
        if exc.code == "time_over":
            attempt_auto_submit(attempt=attempt, now=now)
        raise


def _response_upsert_newer(
    *, attempt_id: int, form_item_id: int, save: SaveIn, now: dt.datetime, actor_id: int | None
) -> bool:
    """Store ``save`` as the item's answer if none is held or the held one has a lower number,
    and log it as a ``save`` event of the attempt; True when it was stored (then, and only then,
    the event is written).

    One statement for the answer (``INSERT … ON CONFLICT DO UPDATE … WHERE seq < …``,
    PostgreSQL and SQLite alike): the ORM's upsert cannot carry the ``WHERE``; without it this
    is an ``UPDATE`` and, for an item's first answer, a read and an insert. On PostgreSQL the
    event's insert rides in the same statement (a data-modifying ``WITH``: the event row is
    inserted from the upsert's ``RETURNING``, so it exists exactly when the answer was stored):
    the save sent alone is the exam day's most frequent write, and this is one round trip fewer.
    SQLite has no data-modifying ``WITH``: there the event is a second statement. Needs the
    attempt's row lock (every writer of answers takes it), so nothing changes in between.
    """
    meta, event_meta = Response._meta, AttemptEvent._meta
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    answer = meta.get_field("answer").get_db_prep_save(save.answer, connection)
    saved_at = meta.get_field("saved_at").get_db_prep_save(now, connection)
    upsert = (
        f"INSERT INTO {table} (attempt_id, form_item_id, answer, seq, saved_at, points, "
        "score_status) VALUES (%s, %s, %s, %s, %s, NULL, '') "
        "ON CONFLICT (attempt_id, form_item_id) DO UPDATE SET answer = excluded.answer, "
        f"seq = excluded.seq, saved_at = excluded.saved_at WHERE {table}.seq < excluded.seq "
        "RETURNING id"
    )
    params = [attempt_id, form_item_id, answer, save.seq, saved_at]
    data = {"form_item": save.form_item, "seq": save.seq, "answer": save.answer}
    event_params = [
        attempt_id,
        AttemptEventKind.SAVE.value,
        actor_id,
        event_meta.get_field("at").get_db_prep_save(now, connection),
        event_meta.get_field("data").get_db_prep_save(data, connection),
    ]
    event_insert = (
        f"INSERT INTO {quote(event_meta.db_table)} (attempt_id, kind, actor_id, at, data) "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH stored AS ({upsert}) {event_insert}"
                "SELECT %s, %s, %s, %s, %s FROM stored RETURNING id",
                [*params, *event_params],
            )
            return cursor.fetchone() is not None
        cursor.execute(upsert, params)
        if cursor.fetchone() is None:
            return False
        cursor.execute(f"{event_insert}VALUES (%s, %s, %s, %s, %s)", event_params)
        return True


@transaction.atomic
def _responses_save_locked(
    *,
    actor: Actor,
    attempt: Attempt,
    saves: Sequence[SaveIn],
    device_key: str | None,
    now: dt.datetime,
) -> list[SaveReceipt | SaveRefusal]:
    """:func:`responses_save` under the attempt's lock, all or nothing."""
    now = aware_now(now)
    _candidate_only(actor, attempt)
    if not 1 <= len(saves) <= MAX_SAVES_PER_BATCH:
        raise ValidationError(
            _("Send between 1 and %(max)d saves at a time.") % {"max": MAX_SAVES_PER_BATCH},
            code="batch_size",
        )
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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

    fits: dict[int, SaveRefusal | None] = {}  # save's index -> its answer's refusal
    if len(saves) == 1 and window is None and checked[0][0] is not None:
        # The common case of a save sent alone costs one statement: a new or newer save of an
        # answer that fits, in time. Anything else reads the stored saves first, so a resend of an
        # acknowledged save is always acknowledged again (never refused because the time has
        # run out since, nor for its answer).
        (save,) = saves
        fits[0] = _answer_refusal(attempt, checked[0][0], save)
        if fits[0] is None and _response_upsert_newer(
            attempt_id=attempt.pk,
            form_item_id=save.form_item,
            save=save,
            now=now,
            actor_id=by.pk if by is not None else None,
        ):
            return [SaveReceipt(save.form_item, save.seq, save.seq, now, stored=True)]
    # The attempt row is locked and every writer of answers locks it first: what is read here
    # stays true until the end of the transaction.
    # (The queryset is built only here: building it is a good part of a save's Python time, and
    # the save sent alone above does not need it.)
    stored = Response.objects.filter(attempt_id=attempt.pk).order_by()
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
            assert refusal is not None  # _save_item gives the item or the refusal
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


def _hand_in_lock(attempt: Attempt) -> Attempt:
    """Lock the attempt's registration, then the attempt: a hand-in marks the registration sat,
    and the parent is locked before its child (:mod:`aicert.shared.locking`)."""
    registration_id = attempt.registration_id or (
        Attempt.objects.values_list("registration_id", flat=True).get(pk=attempt.pk)
    )
    registration_row_lock(pk=registration_id)
    return locks.attempt_row_lock(pk=attempt.pk)


def _finish(attempt: Attempt, *, status: str, actor: Actor, now: dt.datetime) -> Attempt:
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

    # The registration records that the candidate sat (its row is locked already).
    registration_mark_sat(actor=actor, registration=attempt.registration)
    # Scoring queues the written answers for markers, results computes the score (on commit).
    event_publish(AttemptEnded(attempt_id=attempt.pk, needs_marking=needs_marking))
    return attempt


@transaction.atomic
def attempt_submit(
    *,
    actor: Actor,
    attempt: Attempt,
    device_key: str | None = None,
    now: dt.datetime | None = None,
) -> Attempt:
    """The candidate hands in: objective items are scored, the attempt ends.

    A hand-in that arrives after the deadline and its grace period ends the attempt as
    auto-submitted (the clock had already ended it). Only the computer that holds the attempt
    may hand in (``device_key``, see :func:`attempt_claim_device`).
    """
    now = aware_now(now)
    _candidate_only(actor, attempt)
    attempt = _hand_in_lock(attempt)
    if attempt.status != AS.IN_PROGRESS:
        raise _illegal(attempt)
    _check_device(attempt, device_key)
    late = now > _deadline(attempt) + dt.timedelta(seconds=SAVE_GRACE_SECONDS)
    return _finish(
        attempt, status=AS.AUTO_SUBMITTED if late else AS.SUBMITTED, actor=actor, now=now
    )


@transaction.atomic
def attempt_auto_submit(*, attempt: Attempt, now: dt.datetime | None = None) -> Attempt | None:
    """End an attempt whose time (plus the grace period for in-flight saves) has run out.

    Returns None, changing nothing, when the attempt is not in progress or still has time (it
    may have been submitted, paused or extended since it was selected).
    """
    now = aware_now(now)
    attempt = _hand_in_lock(attempt)
    if attempt.status != AS.IN_PROGRESS:
        return None
    if now <= _deadline(attempt) + dt.timedelta(seconds=SAVE_GRACE_SECONDS):
        return None
    return _finish(attempt, status=AS.AUTO_SUBMITTED, actor=None, now=now)


def attempts_auto_submit_expired(*, now: dt.datetime | None = None) -> int:
    """Auto-submit every expired attempt, each in its own transaction; returns how many ended.

    Called by the ``attempts_auto_submit`` management command and the
    :func:`aicert.delivery.tasks.attempts_auto_submit_task` task (every minute on exam days).
    """
    now = aware_now(now)
    ended = 0
    for pk in selectors.attempts_expired_ids(now=now, grace_seconds=SAVE_GRACE_SECONDS):
        if attempt_auto_submit(attempt=Attempt(pk=pk), now=now) is not None:
            ended += 1
    return ended


@transaction.atomic
def attempt_void(
    *, actor: Actor, attempt: Attempt, reason: str, now: dt.datetime | None = None
) -> Attempt:
    """Cancel an attempt (misconduct, a wrong form, a technical failure); it never counts."""
    now = aware_now(now)
    require_permission(actor, "delivery.void_attempt", attempt)
    if not reason.strip():
        raise ValidationError(_("Say why the attempt is voided."), code="reason_required")
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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
    *, actor: Actor, attempt: Attempt, now: dt.datetime | None = None
) -> Attempt:
    """Move an attempt to another computer: forget the computer that holds it.

    The candidate then opens the exam on the new computer, which claims it
    (:func:`attempt_claim_device`); the old computer's saves are refused from now on. The clock
    keeps running: pause the attempt first if the move will take a while.
    """
    now = aware_now(now)
    require_permission(actor, "delivery.invigilate_attempt", attempt)
    attempt = locks.attempt_row_lock(pk=attempt.pk)
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
