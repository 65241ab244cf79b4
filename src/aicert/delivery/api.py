"""The exam player's JSON endpoints, under ``/api/delivery/`` (session auth + CSRF).

Only the attempt's own candidate reaches these endpoints: anyone else gets 404 (the attempt's
existence is not revealed). Invigilators and the foundation act on attempts through their own
endpoints and pages (the invigilator console), never through these.

* ``GET  attempts/{id}`` -- state: status, server clock, item order, saved answers with their
  save numbers, and item content only while the attempt is in progress;
* ``POST attempts/{id}/start`` -- start the clock of a ready attempt;
* ``PUT  attempts/{id}/responses`` -- ``{form_item, answer, seq}`` -> ``{seq, stored_seq,
  saved_at, stored}``; idempotent by ``seq``;
* ``PUT  attempts/{id}/responses/batch`` -- ``{saves: [{form_item, answer, seq}, ...]}`` (1 to
  50) -> ``{results: [...]}``, one per save in order: a receipt as above, or ``{form_item, seq,
  code, detail}`` for a save refused on its own (``invalid_answer``, ``unknown_item``); the
  exam player sends every save waiting in its queue this way, under one lock of the attempt;
* ``POST attempts/{id}/submit`` -- hand in;
* ``POST attempts/{id}/device`` -- ``{key}`` -> ``{key}``: bind the attempt to this browser
  (the exam player calls it when it opens; 409 ``device_taken`` when another computer holds it);
* ``GET  attempts/{id}/clock`` -- the light poll of the player: status and clock only, a read
  (an attempt whose time and grace period are over is ended by the scheduler or by the next
  save that arrives too late).

Writes (start, saves, submit) carry the browser's key in the ``X-Exam-Device`` header; a write
from a computer that no longer holds the attempt gets 409 with code ``device_moved``. A refusal
of the attempt as a whole (another computer, paused, time over, ended) refuses a whole batch
with the same 409 and code as a single save; a batch of more than 50 saves gets 422.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema

from aicert.delivery import selectors, services
from aicert.delivery.models import Attempt
from aicert.shared.api import responses
from aicert.shared.metrics import ANSWER_SAVES

router = Router(tags=["delivery"])


class AttemptItemOut(Schema):
    form_item: int
    number: int
    item_type: str
    points: float
    answer: Any = None
    seq: int | None = None
    saved_at: dt.datetime | None = None
    content: dict | None = None


class AttemptStateOut(Schema):
    id: int
    status: str
    language: str
    server_time: dt.datetime
    started_at: dt.datetime | None = None
    deadline: dt.datetime | None = None
    seconds_left: int
    item_order: list[int]
    items: list[AttemptItemOut]


class ResponseIn(Schema):
    form_item: int
    answer: Any = None
    seq: int = Field(..., ge=1)


class ResponseReceiptOut(Schema):
    form_item: int
    seq: int
    stored_seq: int
    saved_at: dt.datetime
    stored: bool


class ResponsesIn(Schema):
    saves: list[ResponseIn] = Field(..., min_length=1, max_length=services.MAX_SAVES_PER_BATCH)


class SaveRefusalOut(Schema):
    form_item: int
    seq: int
    code: str
    detail: str


class ResponsesOut(Schema):
    results: list[ResponseReceiptOut | SaveRefusalOut]


class DeviceIn(Schema):
    key: str = Field("", max_length=64)


class DeviceOut(Schema):
    key: str


class AttemptClockOut(Schema):
    id: int
    status: str
    server_time: dt.datetime
    deadline: dt.datetime | None = None
    seconds_left: int
    device_ok: bool


DEVICE_HEADER = "X-Exam-Device"


def _device(request) -> str:
    return request.headers.get(DEVICE_HEADER, "")


def _own_attempt(request, attempt_id: int) -> Attempt:
    try:
        return selectors.attempt_get_for_candidate(user=request.user, pk=attempt_id)
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc


def _state(request, attempt: Attempt):
    return selectors.attempt_state(attempt=attempt, viewer=request.user)


@router.get("/attempts/{attempt_id}", response=responses(AttemptStateOut))
def attempt_state(request, attempt_id: int):
    return _state(request, _own_attempt(request, attempt_id))


@router.post("/attempts/{attempt_id}/start", response=responses(AttemptStateOut))
def attempt_start(request, attempt_id: int):
    attempt = services.attempt_start(
        actor=request.user, attempt=_own_attempt(request, attempt_id), device_key=_device(request)
    )
    return _state(request, attempt)


@router.put("/attempts/{attempt_id}/responses", response=responses(ResponseReceiptOut))
def response_save(request, attempt_id: int, payload: ResponseIn):
    # The hot path of exam day: the service locks the attempt and checks it is the candidate's
    # own on the locked row, so it is not read once more here; anyone else's gets 404.
    try:
        receipt = services.response_save(
            actor=request.user,
            attempt=Attempt(pk=attempt_id, candidate_id=request.user.pk),
            form_item_id=payload.form_item,
            answer=payload.answer,
            seq=payload.seq,
            device_key=_device(request),
        )
    except (PermissionDenied, Attempt.DoesNotExist) as exc:
        raise Http404 from exc
    if receipt.stored:
        ANSWER_SAVES.inc()
    return receipt


@router.put("/attempts/{attempt_id}/responses/batch", response=responses(ResponsesOut))
def responses_save(request, attempt_id: int, payload: ResponsesIn):
    # As a single save, for every save waiting in the player's queue: one request, one lock.
    try:
        results = services.responses_save(
            actor=request.user,
            attempt=Attempt(pk=attempt_id, candidate_id=request.user.pk),
            saves=[services.SaveIn(s.form_item, s.answer, s.seq) for s in payload.saves],
            device_key=_device(request),
        )
    except (PermissionDenied, Attempt.DoesNotExist) as exc:
        raise Http404 from exc
    ANSWER_SAVES.inc(sum(1 for r in results if isinstance(r, services.SaveReceipt) and r.stored))
    return {"results": results}


@router.post("/attempts/{attempt_id}/submit", response=responses(AttemptStateOut))
def attempt_submit(request, attempt_id: int):
    attempt = services.attempt_submit(
        actor=request.user, attempt=_own_attempt(request, attempt_id), device_key=_device(request)
    )
    return _state(request, attempt)


@router.post("/attempts/{attempt_id}/device", response=responses(DeviceOut))
def attempt_claim_device(request, attempt_id: int, payload: DeviceIn):
    attempt = services.attempt_claim_device(
        actor=request.user, attempt=_own_attempt(request, attempt_id), key=payload.key
    )
    return {"key": attempt.device_key}


@router.get("/attempts/{attempt_id}/clock", response=responses(AttemptClockOut))
def attempt_clock(request, attempt_id: int):
    # A read: an attempt whose time ran out is ended by the scheduler (``attempts_auto_submit``,
    # every 15 s) or by the next save that arrives too late, never by a GET.
    try:
        return selectors.attempt_clock_for_candidate(
            user=request.user, pk=attempt_id, device_key=_device(request)
        )
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc
