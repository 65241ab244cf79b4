"""The exam player's JSON endpoints, under ``/api/delivery/`` (session auth + CSRF).

Only the attempt's own candidate reaches these endpoints: anyone else gets 404 (the attempt's
existence is not revealed). Invigilators and the foundation act on attempts through their own
endpoints and pages (the invigilator console), never through these.

* ``GET  attempts/{id}`` -- state: status, server clock, item order, saved answers with their
  save numbers, and item content only while the attempt is in progress;
* ``POST attempts/{id}/start`` -- start the clock of a ready attempt;
* ``PUT  attempts/{id}/responses`` -- ``{form_item, answer, seq}`` -> ``{seq, stored_seq,
  saved_at, stored}``; idempotent by ``seq``;
* ``POST attempts/{id}/submit`` -- hand in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from ninja import Field, Router, Schema

from aicert.delivery import selectors, services
from aicert.delivery.models import Attempt

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


def _own_attempt(request, attempt_id: int) -> Attempt:
    try:
        return selectors.attempt_get_for_candidate(user=request.user, pk=attempt_id)
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc


def _state(request, attempt: Attempt):
    return selectors.attempt_state(attempt=attempt, viewer=request.user)


@router.get("/attempts/{attempt_id}", response=AttemptStateOut)
def attempt_state(request, attempt_id: int):
    return _state(request, _own_attempt(request, attempt_id))


@router.post("/attempts/{attempt_id}/start", response=AttemptStateOut)
def attempt_start(request, attempt_id: int):
    attempt = services.attempt_start(actor=request.user, attempt=_own_attempt(request, attempt_id))
    return _state(request, attempt)


@router.put("/attempts/{attempt_id}/responses", response=ResponseReceiptOut)
def response_save(request, attempt_id: int, payload: ResponseIn):
    return services.response_save(
        actor=request.user,
        attempt=_own_attempt(request, attempt_id),
        form_item_id=payload.form_item,
        answer=payload.answer,
        seq=payload.seq,
    )


@router.post("/attempts/{attempt_id}/submit", response=AttemptStateOut)
def attempt_submit(request, attempt_id: int):
    attempt = services.attempt_submit(actor=request.user, attempt=_own_attempt(request, attempt_id))
    return _state(request, attempt)
