"""Reads for scoring: policies, rubrics, queues, agreement statistics, challenges and appeals.

What a marker reads (:func:`marking_task_view`) carries the item, its rubric and the answer
only: never the candidate, the attempt, the center or another marker's mark.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from aicert.accounts.models import User
from aicert.accounts.roles import Role
from aicert.accounts.types import RequestUser
from aicert.delivery.models import ENDED_STATUSES, Attempt, FormItem, Response, ScoreStatus
from aicert.delivery.presentation import item_order
from aicert.delivery.selectors import attempt_content as delivery_content
from aicert.psychometrics.agreement import Agreement, agreement
from aicert.scoring import extensions
from aicert.scoring.models import (
    DEFAULT_ADJUDICATION_THRESHOLD,
    DEFAULT_APPEAL_WINDOW_DAYS,
    DEFAULT_CHALLENGE_WINDOW_DAYS,
    Appeal,
    ChallengeStatus,
    ItemChallenge,
    ItemMarkingRule,
    MarkerProfile,
    MarkingKind,
    MarkingStatus,
    MarkingTask,
    RescoreRecord,
    ScoringOverride,
    ScoringPolicy,
)

CENT = Decimal("0.01")
MARKED_TYPES = frozenset({"constructed_response"})
# The scoring status of a response to a dropped item (the results app leaves it out entirely).
DROPPED_STATUS = "dropped"


# --- policy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    adjudication_threshold: Decimal
    challenge_window_days: int
    appeal_window_days: int


def policy_for(*, subject_id: int | None) -> Policy:
    """The subject's scoring policy, else the default row, else the built-in defaults."""
    rows = {
        p.subject_id: p
        for p in ScoringPolicy.objects.filter(Q(subject_id=subject_id) | Q(subject__isnull=True))
    }
    row = rows.get(subject_id) or rows.get(None)
    if row is None:
        return Policy(
            DEFAULT_ADJUDICATION_THRESHOLD,
            DEFAULT_CHALLENGE_WINDOW_DAYS,
            DEFAULT_APPEAL_WINDOW_DAYS,
        )
    return Policy(row.adjudication_threshold, row.challenge_window_days, row.appeal_window_days)


def adjudication_threshold(*, form_item: FormItem) -> Decimal:
    """Rubric points two marks may differ by without adjudication: the item's own, else policy."""
    item_id = form_item.item_version.item_id
    rule = ItemMarkingRule.objects.filter(item_id=item_id).first()
    if rule is not None:
        return rule.adjudication_threshold
    return policy_for(subject_id=form_item.form.subject_id).adjudication_threshold


# --- rubric --------------------------------------------------------------------------------------


def attempt_content(attempt: Attempt, version) -> dict:
    """The wording the attempt was sat in (as the delivery app decides)."""

    return delivery_content(attempt, version)


def rubric_criteria(content: dict) -> list[dict]:
    rubric = content.get("rubric")
    if not isinstance(rubric, dict):
        rubric = {}
    return [c for c in rubric.get("criteria", []) if isinstance(c, dict)]


def criterion_scores(criterion: dict) -> list[int]:
    return sorted(
        lv["score"]
        for lv in criterion.get("levels", [])
        if isinstance(lv, dict) and isinstance(lv.get("score"), int)
    )


def rubric_max(content: dict) -> int:
    return sum(max(criterion_scores(c), default=0) for c in rubric_criteria(content))


def rubric_points(*, total: Decimal, content: dict, max_points: Decimal) -> Decimal:
    """A rubric total as item points: ``total / rubric maximum * item points``, to the cent."""
    top = rubric_max(content)
    if top <= 0:
        return Decimal(0)
    return (Decimal(total) / Decimal(top) * Decimal(max_points)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


# --- markers -------------------------------------------------------------------------------------


def markers_active() -> list[User]:
    """Users holding the marker role who take new work, in id order."""

    return list(
        User.objects.filter(is_active=True, memberships__role=Role.MARKER)
        .exclude(marker_profile__active=False)
        .distinct()
        .order_by("pk")
    )


def attempts_short_of_markers() -> list[int]:
    """Ended attempts with a written answer that has fewer than two live initial marks (one
    query, so calling it on every queue page costs nothing when all are assigned)."""
    live = Q(marking_tasks__appeal__isnull=True) & ~Q(marking_tasks__status=MarkingStatus.WITHDRAWN)
    return sorted(
        set(
            Response.objects.filter(
                score_status=ScoreStatus.NEEDS_MARKING,
                form_item__item_version__item_type__in=MARKED_TYPES,
                attempt__status__in=ENDED_STATUSES,
                attempt__needs_marking=True,
            )
            .annotate(live=Count("marking_tasks", filter=live))
            .filter(live__lt=2)
            .values_list("attempt_id", flat=True)
        )
    )


def marker_loads(*, user_ids: Iterable[int]) -> dict[int, int]:
    """Open (assigned, not yet marked) tasks per marker."""
    counts = dict(
        MarkingTask.objects.filter(marker_id__in=list(user_ids), status=MarkingStatus.ASSIGNED)
        .values_list("marker_id")
        .annotate(n=Count("pk"))
    )
    return {uid: counts.get(uid, 0) for uid in user_ids}


def is_adjudicator(user: RequestUser) -> bool:
    """Senior markers and foundation administrators adjudicate."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or Role.FOUNDATION_ADMIN in user.roles:
        return True
    return (
        Role.MARKER in user.roles
        and MarkerProfile.objects.filter(user=user, senior=True, active=True).exists()
    )


# --- queues and the marking page ----------------------------------------------------------------


def _task_qs() -> QuerySet[MarkingTask]:
    return MarkingTask.objects.select_related(
        "response__form_item__item_version__item", "response__attempt"
    )


def marker_queue(*, user: User) -> list[MarkingTask]:
    """The first, second and appeal marks waiting for this marker, oldest first."""
    return list(
        _task_qs()
        .filter(marker=user, status=MarkingStatus.ASSIGNED)
        .exclude(kind=MarkingKind.ADJUDICATION)
        .order_by("assigned_at", "pk")
    )


def marker_done_count(*, user: User) -> int:
    return MarkingTask.objects.filter(marker=user, status=MarkingStatus.SUBMITTED).count()


def adjudication_queue(*, user: User) -> list[MarkingTask]:
    """Adjudications open to this adjudicator: unclaimed or theirs, never on answers they marked."""
    marked = MarkingTask.objects.filter(marker=user).exclude(status=MarkingStatus.WITHDRAWN)
    return list(
        _task_qs()
        .filter(kind=MarkingKind.ADJUDICATION, status=MarkingStatus.ASSIGNED)
        .filter(Q(marker__isnull=True) | Q(marker=user))
        .exclude(
            response_id__in=marked.exclude(kind=MarkingKind.ADJUDICATION).values("response_id")
        )
        .order_by("assigned_at", "pk")
    )


@dataclass(frozen=True)
class MarkingView:
    """What a marker sees: the item (as sat), its rubric and the answer. Nothing about who."""

    task: MarkingTask
    item_type: str
    content: dict
    language: str
    criteria: list[dict]
    answer: str
    rubric_max: int
    points: Decimal
    item_label: str


def marking_task_view(*, task: MarkingTask) -> MarkingView:
    response = task.response
    version = response.form_item.item_version
    content = attempt_content(response.attempt, version)
    return MarkingView(
        task=task,
        item_type=version.item_type,
        content=content,
        language="en" if content is version.content_en and version.content_en else "zh",
        criteria=rubric_criteria(content),
        answer=response.answer if isinstance(response.answer, str) else "",
        rubric_max=rubric_max(content),
        points=response.form_item.points,
        item_label=f"{version.item_id}·v{version.number}",
    )


def marking_task_get(*, pk: int) -> MarkingTask:
    return _task_qs().get(pk=pk)


# --- agreement statistics -------------------------------------------------------------------------


@dataclass
class AgreementRow:
    label: str
    key: int
    stats: Agreement
    rubric_max: int | None = None
    adjudicated: int = 0


def _double_marked() -> list[tuple[int, int, str, int, float, int, float, int]]:
    """(response, item version, label, rubric max, first total, first marker, second total,
    second marker) for every response with both initial marks."""
    rows: dict[int, dict[str, Any]] = defaultdict(dict)
    tasks = (
        MarkingTask.objects.filter(
            kind__in=[MarkingKind.FIRST, MarkingKind.SECOND], status=MarkingStatus.SUBMITTED
        )
        .select_related("response__form_item__item_version", "response__attempt")
        .order_by("pk")
    )
    for t in tasks:
        rows[t.response_id][t.kind] = t
    out = []
    for response_id, pair in rows.items():
        if MarkingKind.FIRST not in pair or MarkingKind.SECOND not in pair:
            continue
        first, second = pair[MarkingKind.FIRST], pair[MarkingKind.SECOND]
        version = first.response.form_item.item_version
        content = attempt_content(first.response.attempt, version)
        out.append(
            (
                response_id,
                version.pk,
                f"{version.item_id} v{version.number}",
                rubric_max(content),
                float(first.total),
                first.marker_id,
                float(second.total),
                second.marker_id,
            )
        )
    return out


def agreement_by_item() -> list[AgreementRow]:
    """First vs second marker agreement per item version (kappa over the rubric's 0..max)."""
    grouped: dict[int, list] = defaultdict(list)
    labels: dict[int, tuple[str, int]] = {}
    for _r, version_id, label, top, t1, _m1, t2, _m2 in _double_marked():
        grouped[version_id].append((t1, t2))
        labels[version_id] = (label, top)
    adjudicated = dict(
        MarkingTask.objects.filter(kind=MarkingKind.ADJUDICATION)
        .exclude(status=MarkingStatus.WITHDRAWN)
        .values_list("response__form_item__item_version_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for version_id, pairs in grouped.items():
        label, top = labels[version_id]
        rows.append(
            AgreementRow(
                label=label,
                key=version_id,
                stats=agreement(
                    [a for a, _ in pairs], [b for _, b in pairs], min_score=0, max_score=top
                ),
                rubric_max=top,
                adjudicated=adjudicated.get(version_id, 0),
            )
        )
    return sorted(rows, key=lambda r: r.label)


def agreement_by_marker() -> list[AgreementRow]:
    """Each marker against the other marker of the same responses (marker minus other)."""

    grouped: dict[int, list] = defaultdict(list)
    for _r, _v, _l, _top, t1, m1, t2, m2 in _double_marked():
        grouped[m1].append((t1, t2))
        grouped[m2].append((t2, t1))
    names = {u.pk: str(u) for u in User.objects.filter(pk__in=list(grouped))}
    rows = []
    for marker_id, pairs in grouped.items():
        rows.append(
            AgreementRow(
                label=names.get(marker_id, str(marker_id)),
                key=marker_id,
                stats=agreement([a for a, _ in pairs], [b for _, b in pairs]),
            )
        )
    return sorted(rows, key=lambda r: r.label)


# --- scores as counted ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemScore:
    """One form item of an attempt as it counts now (challenge drops applied)."""

    form_item_id: int
    position: int
    domain_id: int | None
    points: Decimal | None
    max_points: Decimal
    counted: bool
    status: str


def overrides_for_form(*, form_id: int) -> dict[int, ScoringOverride]:
    return {o.form_item_id: o for o in ScoringOverride.objects.filter(form_item__form_id=form_id)}


def attempt_item_scores(*, attempt: Attempt) -> list[ItemScore]:
    """Every item of the attempt's form with its points, maximum and whether it counts.

    A dropped item (challenge decision) counts for nobody: ``counted`` is False and it must be
    left out of raw, maximum and domain scores. ``points`` is None while a mark is awaited.
    """
    overrides = overrides_for_form(form_id=attempt.form_id)
    responses = {r.form_item_id: r for r in Response.objects.filter(attempt=attempt)}
    out = []
    for fi in FormItem.objects.filter(form_id=attempt.form_id).select_related("item_version__item"):
        response = responses.get(fi.pk)
        override = overrides.get(fi.pk)
        out.append(
            ItemScore(
                form_item_id=fi.pk,
                position=fi.position,
                domain_id=fi.item_version.item.domain_id,
                points=(response.points if response else Decimal(0)),
                max_points=fi.points,
                counted=not (override and override.dropped),
                status=(
                    DROPPED_STATUS
                    if override and override.dropped
                    else (response.score_status if response else ScoreStatus.UNANSWERED)
                ),
            )
        )
    return out


# --- challenges ------------------------------------------------------------------------------------


def displayed_form_item_ids(*, attempt: Attempt) -> list[int]:
    """The attempt's form item ids in the order the candidate saw them (number 1 first)."""
    ids = list(
        FormItem.objects.filter(form_id=attempt.form_id)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    return item_order(attempt.seed, ids)


def challenge_window(*, attempt: Attempt) -> tuple[dt.datetime | None, dt.datetime]:
    """When the candidate may challenge items: from hand-in to the session's end + N days."""
    session = attempt.registration.session
    days = policy_for(subject_id=attempt.form.subject_id).challenge_window_days
    return attempt.submitted_at, session.ends_at + dt.timedelta(days=days)


def attempts_open_for_challenge(*, user: User, now: dt.datetime) -> list[Attempt]:
    # The number of questions comes with the attempts (one query, not one per attempt).
    attempts = (
        Attempt.objects.filter(candidate=user, status__in=ENDED_STATUSES)
        .select_related("form__subject__level", "registration__session")
        .annotate(item_count=Count("form__items"))
    )
    out: list[Attempt] = []
    for attempt in attempts:
        opens, closes = challenge_window(attempt=attempt)
        if opens is not None and opens <= now <= closes:
            attempt.challenge_closes_at = closes  # type: ignore[attr-defined]
            out.append(attempt)
    return out


def candidate_challenges(*, user: User) -> QuerySet[ItemChallenge]:
    return (
        ItemChallenge.objects.filter(attempt__candidate=user)
        .select_related("attempt__form__subject", "decision")
        .order_by("-created_at", "-pk")
    )


@dataclass
class ChallengeGroup:
    """Open and decided challenges of one item version, per form it sits on."""

    version: Any
    form_items: list[Any] = field(default_factory=list)
    open_count: int = 0
    total: int = 0


def challenge_groups() -> list[ChallengeGroup]:
    """Challenged item versions, those with open challenges first."""
    form_items = (
        FormItem.objects.filter(challenges__isnull=False)
        .annotate(
            open_count=Count("challenges", filter=Q(challenges__status=ChallengeStatus.OPEN)),
            total=Count("challenges"),
        )
        .select_related("form", "item_version__item", "scoring_override")
        .order_by("item_version_id", "form_id")
    )
    groups: dict[int, ChallengeGroup] = {}
    for fi in form_items:
        group = groups.setdefault(fi.item_version_id, ChallengeGroup(version=fi.item_version))
        group.form_items.append(fi)
        group.open_count += fi.open_count
        group.total += fi.total
    return sorted(groups.values(), key=lambda g: (-g.open_count, g.version.pk))


def form_item_challenges(*, form_item: FormItem) -> QuerySet[ItemChallenge]:
    """The challenges of one form item (reasons and dates; who filed them is not needed)."""
    return ItemChallenge.objects.filter(form_item=form_item).order_by("created_at", "pk")


# --- appeals --------------------------------------------------------------------------------------


def results_released_at(*, attempt: Attempt) -> dt.datetime | None:
    """When this attempt's result was released (None: not released, or no result yet)."""
    return extensions.result_released_at(attempt=attempt)


def appeal_window(*, attempt: Attempt) -> tuple[dt.datetime, dt.datetime] | None:
    released = results_released_at(attempt=attempt)
    if released is None:
        return None
    days = policy_for(subject_id=attempt.form.subject_id).appeal_window_days
    return released, released + dt.timedelta(days=days)


def attempts_open_for_appeal(*, user: User, now: dt.datetime) -> list[Attempt]:
    attempts = (
        Attempt.objects.filter(candidate=user, status__in=ENDED_STATUSES, needs_marking=False)
        .filter(appeal__isnull=True)
        .select_related("form__subject__level", "registration__session")
    )
    out = []
    for attempt in attempts:
        window = appeal_window(attempt=attempt)
        if window is not None and window[0] <= now <= window[1]:
            attempt.appeal_closes_at = window[1]  # type: ignore[attr-defined]
            out.append(attempt)
    return out


def candidate_appeals(*, user: User) -> QuerySet[Appeal]:
    return Appeal.objects.filter(attempt__candidate=user).select_related("attempt__form__subject")


def appeal_list() -> QuerySet[Appeal]:
    return Appeal.objects.select_related(
        "attempt__candidate", "attempt__form__subject__level"
    ).order_by("status", "-submitted_at")


def appeal_marking_tasks(*, appeal: Appeal) -> list[MarkingTask]:
    return list(
        appeal.marking_tasks.exclude(status=MarkingStatus.WITHDRAWN)
        .select_related("marker", "response__form_item")
        .order_by("response__form_item__position")
    )


def decision_rescores(*, form_item: FormItem) -> QuerySet:
    """Rescore records of this form item's decisions (before/after per attempt, no identities)."""

    return RescoreRecord.objects.filter(decision__form_item=form_item).order_by("-at", "attempt_id")
