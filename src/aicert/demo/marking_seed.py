"""Demo: a past sitting whose written answers wait in the demo markers' marking queues.

:func:`marking_demo_queue` is safe to call any number of times. The first call builds one small
past sitting at the Southern center (a locked and published form of a subject with written-answer
items, a session two days ago, demo candidates who sat and handed in through the delivery
services); every call then gives each written answer awaiting marks its two markers by load
(:func:`aicert.scoring.services.marking_assign_pending`). When the demo already has sittings
(e.g. the full end-to-end sitting), their written answers are queued as well.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from aicert.accounts.models import User
from aicert.centers.models import Room
from aicert.delivery import services as delivery
from aicert.delivery.models import ENDED_STATUSES, Attempt, Form, FormItem, Response, ScoreStatus
from aicert.demo.people import demo_roster_record
from aicert.itembank.models import ItemStatus, ItemVersion
from aicert.registration.models import Registration, RegistrationStatus
from aicert.scheduling.models import Session, SessionStatus
from aicert.scoring.services import marking_assign_pending

FORM_CODE = "demo-marking"
TAIPEI = ZoneInfo("Asia/Taipei")
VAGUE = "我認為應該先了解問題，再請相關部門一起討論，之後持續注意狀況。"
SITTERS = [
    ("sitter1@aicert.example", "陳柏宇"),
    ("sitter2@aicert.example", "林怡婷"),
    ("sitter3@aicert.example", "張家瑋"),
    ("sitter4@aicert.example", "黃詩涵"),
]


def _essay(content: dict, *, quality: int) -> str:
    """A written answer of some quality: vague (0), or what the rubric's middle (1) or top (2)
    level of every criterion describes, so the demo answers fit their questions."""
    if quality == 0:
        return VAGUE
    parts = []
    for criterion in content.get("rubric", {}).get("criteria", []):
        levels = sorted(criterion.get("levels", []), key=lambda lv: lv.get("score", 0))
        if levels:
            level = levels[-1] if quality == 2 else levels[len(levels) // 2]
            parts.append(str(level.get("descriptor", "")).rstrip("。"))
    return "；".join(parts) + "。"


def _latest_active(item_type: str, subject_id: int | None = None) -> list[ItemVersion]:
    qs = ItemVersion.objects.filter(item__status=ItemStatus.ACTIVE, item_type=item_type)
    if subject_id is not None:
        qs = qs.filter(item__subject_id=subject_id)
    latest: dict[int, ItemVersion] = {}
    for version in qs.order_by("item_id", "-number"):
        latest.setdefault(version.item_id, version)
    return list(latest.values())


def _build_sitting(now: dt.datetime) -> int:
    essays = _latest_active("constructed_response")
    if not essays:
        return 0  # the demo item bank is not seeded (demo_seed(items=False))
    subject_id = max(
        {v.item.subject_id for v in essays},
        key=lambda s: sum(v.item.subject_id == s for v in essays),
    )
    essays = [v for v in essays if v.item.subject_id == subject_id][:2]
    choices = _latest_active("single_choice", subject_id)[:3]
    psychometrician = User.objects.get(email="psychometrician@aicert.example")
    invigilator = User.objects.get(email="invigilator.south@aicert.example")
    form = Form.objects.create(
        subject_id=subject_id,
        code=FORM_CODE,
        assembly_batch=uuid.uuid4(),
        created_by=psychometrician,
        assembly_report={"note": "demo form for the marking queue"},
    )
    for position, version in enumerate([*choices, *essays], start=1):
        FormItem.objects.create(
            form=form,
            item_version=version,
            position=position,
            points=Decimal(5) if version.item_type == "constructed_response" else Decimal(1),
        )
    day = (now - dt.timedelta(days=2)).astimezone(TAIPEI).date()
    starts = dt.datetime.combine(day, dt.time(7, 0), tzinfo=TAIPEI)
    delivery.form_lock(actor=psychometrician, form=form, now=starts - dt.timedelta(days=1))
    delivery.form_publish(actor=psychometrician, form=form, now=starts - dt.timedelta(days=1))

    room = (
        Room.objects.filter(venue__center__organisation__slug="center-south").order_by("pk").first()
    )
    form.refresh_from_db()
    session = Session.objects.create(
        subject_id=subject_id,
        room=room,
        starts_at=starts,
        duration_minutes=form.subject.duration_minutes,
        capacity=len(SITTERS),
        registration_opens_at=starts - dt.timedelta(days=40),
        registration_closes_at=starts - dt.timedelta(days=10),
        ticket_release_on=(starts - dt.timedelta(days=5)).date(),
        status=SessionStatus.PUBLISHED,
    )
    demo_roster_record(session)
    sat = 0
    for index, (email, name) in enumerate(SITTERS):
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        # Past sittings are recorded directly: the registration services refuse closed sessions.
        registration = Registration.objects.create(
            candidate=user,
            session=session,
            subject_id=subject_id,
            status=RegistrationStatus.CHECKED_IN,
        )
        attempt = delivery.attempt_authorize(
            actor=invigilator,
            registration=registration,
            form=form,
            now=starts - dt.timedelta(minutes=5),
        )
        attempt = delivery.attempt_start(actor=user, attempt=attempt, now=starts)
        seq = 0
        for fi in form.items.select_related("item_version").order_by("position"):
            seq += 1
            if fi.item_version.item_type == "constructed_response":
                answer = _essay(fi.item_version.content_zh, quality=(index + fi.position) % 3)
            else:
                options = fi.item_version.content_zh.get("options", [])
                keyed = next((i for i, o in enumerate(options) if o.get("correct")), 0)
                answer = keyed if (index + fi.position) % 3 else (keyed + 1) % len(options)
            delivery.response_save(
                actor=user,
                attempt=attempt,
                form_item_id=fi.pk,
                answer=answer,
                seq=seq,
                now=starts + dt.timedelta(minutes=seq),
            )
        delivery.attempt_submit(actor=user, attempt=attempt, now=starts + dt.timedelta(minutes=40))
        sat += 1
    return sat


@transaction.atomic
def marking_demo_queue(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Put written answers into the demo markers' queues; returns what was done.

    ``sat``: attempts created now (0 when the demo sitting exists or the bank has no items);
    ``assigned``: marking tasks created now; ``awaiting``: written answers awaiting marks.
    """

    now = now or timezone.now()
    sat = 0 if Form.objects.filter(code=FORM_CODE).exists() else _build_sitting(now)
    assigned = marking_assign_pending(now=now)
    awaiting = Response.objects.filter(
        score_status=ScoreStatus.NEEDS_MARKING, attempt__status__in=ENDED_STATUSES
    ).count()
    return {
        "sat": sat,
        "assigned": assigned,
        "awaiting": awaiting,
        "attempts": Attempt.objects.filter(form__code=FORM_CODE).count(),
    }
