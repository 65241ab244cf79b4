"""Reads for delivery: the assembly bank, forms with their items, and an attempt's state.

Exam content leaves the server only through :func:`attempt_state`, and only to the attempt's
candidate while the attempt is in progress: never before it starts, never while paused, never
after it ends, and never with keys, rationales, feedback or rubrics (see
:func:`candidate_content`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from aicert.accounts.permissions import scope_queryset
from aicert.catalog.models import BlueprintEntry, Subject
from aicert.delivery import presentation
from aicert.delivery.models import (
    Attempt,
    AttemptStatus,
    Form,
    FormItem,
    FormStatus,
    Response,
)
from aicert.itembank.models import Item, ItemStatus, ItemVersion
from aicert.optimize.assembly import BankItem

# --- the bank as the optimiser sees it -----------------------------------------------------------

ASSEMBLY_ITEM_STATUSES = (ItemStatus.APPROVED, ItemStatus.ACTIVE)
# Until items are calibrated, parameters come from the writer's intended difficulty: a 2PL item
# (mirt slope-intercept, ``d = -a * b``) with slope 1 and IRT difficulty b = -1 / 0 / +1 for
# easy / medium / hard. Calibrated parameters (from the psychometrics item statistics, once they
# are stored) are passed in as ``parameters`` and take precedence.
DEFAULT_SLOPE = 1.0
DEFAULT_DIFFICULTY_B = {"easy": -1.0, "medium": 0.0, "hard": 1.0}
LIVE_FORM_STATUSES = (FormStatus.LOCKED, FormStatus.PUBLISHED)


def default_parameters(difficulty: str) -> tuple[float, float, float]:
    """``(a, d, c)`` for an uncalibrated item of the given intended difficulty."""
    b = DEFAULT_DIFFICULTY_B.get(difficulty, 0.0)
    return DEFAULT_SLOPE, -DEFAULT_SLOPE * b, 0.0


def bank_item_id(version: ItemVersion) -> str:
    """The optimiser's id of a version, readable in its messages: ``ITM-000012 v2``."""
    return f"{version.item.code} v{version.number}"


@dataclass(frozen=True)
class AssemblyBank:
    """What :func:`aicert.optimize.assemble_forms` needs, plus the way back to the rows."""

    subject: Subject
    items: tuple[BankItem, ...]
    version_ids: Mapping[str, int]  # bank id -> ItemVersion pk
    blueprint: tuple[tuple[str, int], ...]  # domain label -> items per form
    domain_ids: Mapping[str, int]  # domain label -> CompetencyDomain pk
    enemy_sets: tuple[frozenset[str], ...]
    parameter_sources: Mapping[str, int] = field(default_factory=dict)


def assembly_bank_load(
    *,
    subject: Subject,
    max_prior_forms: int | None = None,
    exclude_types: Iterable[str] = (),
    parameters: Mapping[int, tuple[float, float, float]] | None = None,
) -> AssemblyBank:
    """Load the approved and active items of ``subject`` for assembly.

    One version per item: the newest (an item's status is that of its newest version, so for an
    approved or active item it is the approved wording). Domains are labelled ``"1.2 <name>"``
    so the optimiser's explanations name them as people do. ``max_prior_forms`` flags items
    already on that many live (locked or published) forms as over-exposed: they are not used.
    ``parameters`` maps an item version pk to calibrated ``(a, d, c)``.
    """
    parameters = parameters or {}
    entries = list(
        BlueprintEntry.objects.filter(subject=subject, item_count__gt=0)
        .select_related("domain")
        .order_by("domain__code")
    )
    labels = {e.domain_id: f"{e.domain.code} {e.domain.name}" for e in entries}
    items = (
        Item.objects.filter(
            subject=subject, status__in=ASSEMBLY_ITEM_STATUSES, domain_id__in=labels
        )
        .prefetch_related(
            Prefetch("versions", queryset=ItemVersion.objects.order_by("-number")),
            "enemies",
        )
        .order_by("pk")
    )
    exclude = set(exclude_types)
    exposure: Counter[int] = Counter()
    if max_prior_forms is not None:
        rows = FormItem.objects.filter(
            form__status__in=LIVE_FORM_STATUSES, item_version__item__subject=subject
        ).values_list("item_version__item_id", "form_id")
        exposure.update(item_id for item_id, _ in set(rows))
    bank: list[BankItem] = []
    version_ids: dict[str, int] = {}
    ids_by_item: dict[int, str] = {}
    sources: Counter[str] = Counter()
    enemy_pairs: set[frozenset[int]] = set()
    for item in items:
        versions = list(item.versions.all())
        if not versions or versions[0].item_type in exclude:
            continue
        version = versions[0]
        version.item = item
        bank_id = bank_item_id(version)
        if version.pk in parameters:
            a, d, c = parameters[version.pk]
            sources["calibrated"] += 1
        else:
            a, d, c = default_parameters(item.difficulty)
            sources["intended_difficulty"] += 1
        exposed = max_prior_forms is not None and exposure[item.pk] >= max_prior_forms
        bank.append(
            BankItem(
                id=bank_id,
                domain=labels[item.domain_id],
                a=a,
                d=d,
                c=c,
                item_type=version.item_type,
                exposed=exposed,
            )
        )
        version_ids[bank_id] = version.pk
        ids_by_item[item.pk] = bank_id
        for enemy in item.enemies.all():
            enemy_pairs.add(frozenset({item.pk, enemy.pk}))
    enemy_sets = tuple(
        frozenset(ids_by_item[i] for i in pair)
        for pair in sorted(enemy_pairs, key=sorted)
        if all(i in ids_by_item for i in pair)
    )
    return AssemblyBank(
        subject=subject,
        items=tuple(bank),
        version_ids=version_ids,
        blueprint=tuple((labels[e.domain_id], e.item_count) for e in entries),
        domain_ids={label: pk for pk, label in labels.items()},
        enemy_sets=enemy_sets,
        parameter_sources=dict(sources),
    )


# --- forms ---------------------------------------------------------------------------------------


def form_list_for_user(*, user, subject_id: int | None = None) -> QuerySet[Form]:
    """Forms the user may see, newest batch first, with their item counts."""
    forms = scope_queryset(user, "delivery.view_form", Form.objects.all())
    if subject_id:
        forms = forms.filter(subject_id=subject_id)
    return (
        forms.select_related("subject__level__certification", "created_by")
        .annotate(item_count=Count("items"))
        .order_by(
            "subject__level__certification__code",
            "subject__level__rank",
            "subject__position",
            "-created_at",
            "code",
        )
    )


def form_get_for_user(*, user, pk: int) -> Form:
    """One visible form; raises Form.DoesNotExist otherwise."""
    return (
        scope_queryset(user, "delivery.view_form", Form.objects.all())
        .select_related("subject__level", "created_by", "locked_by")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class PreviewItem:
    """One form item as the preview shows it."""

    form_item: FormItem
    item_type: str
    content: dict
    language: str
    domain: str


def form_preview(*, form: Form, language: str = "zh") -> list[PreviewItem]:
    """The form's items in position order with the content in ``language`` (``zh`` or ``en``).

    English falls back to Chinese for versions written only in Chinese.
    """
    rows = (
        FormItem.objects.filter(form=form)
        .select_related("item_version__item__domain")
        .order_by("position")
    )
    out = []
    for row in rows:
        version = row.item_version
        content, used = version.content_zh, "zh"
        if language == "en" and version.content_en:
            content, used = version.content_en, "en"
        domain = version.item.domain
        out.append(
            PreviewItem(row, version.item_type, content, used, f"{domain.code} {domain.name}")
        )
    return out


# --- attempts ------------------------------------------------------------------------------------


def attempt_get_for_candidate(*, user, pk: int) -> Attempt:
    """The user's own attempt; raises Attempt.DoesNotExist for anyone else's (so: 404)."""
    if not getattr(user, "is_authenticated", False):
        raise Attempt.DoesNotExist
    return Attempt.objects.select_related("form").get(pk=pk, candidate=user)


def attempt_content(attempt: Attempt, version: ItemVersion) -> dict:
    """The wording the attempt is sat in: English only when the sitting is English and written."""
    if attempt.language == "en" and version.content_en:
        return version.content_en
    return version.content_zh


def candidate_content(item_type: str, content: dict, orders: Mapping[str, list[int]]) -> dict:
    """What a candidate may see of an item: stem and choices as sanitised HTML, no key at all.

    Shuffled fields come in the candidate's order, each entry with its original index ``id``
    (answers use it). Keys, rationales, feedback, accepted answers, patterns, tolerances and
    rubrics are never included.
    """
    from aicert.itembank.rendering import render_rich_text

    out: dict[str, Any] = {"stem": str(render_rich_text(content.get("stem", "")))}
    for name in ("options", "prompts", "responses"):
        rows = content.get(name)
        if not isinstance(rows, list):
            continue
        order = orders.get(name, list(range(len(rows))))
        out[name] = [
            {"id": i, "html": str(render_rich_text(rows[i].get("text", "")))}
            for i in order
            if isinstance(rows[i], dict)
        ]
    if item_type == "numeric" and content.get("unit"):
        out["unit"] = str(content["unit"])
    return out


@dataclass(frozen=True)
class AttemptItemState:
    form_item: int
    number: int
    item_type: str
    points: float
    answer: Any
    seq: int | None
    saved_at: dt.datetime | None
    content: dict | None


@dataclass(frozen=True)
class AttemptState:
    id: int
    status: str
    language: str
    server_time: dt.datetime
    started_at: dt.datetime | None
    deadline: dt.datetime | None
    seconds_left: int
    item_order: list[int]
    items: list[AttemptItemState]


def attempt_state(*, attempt: Attempt, viewer, now: dt.datetime | None = None) -> AttemptState:
    """The attempt as the exam player sees it: clock, order, saved answers and, when allowed, content.

    Content is included only for the attempt's own candidate while the attempt is in progress.
    """
    now = now or timezone.now()
    form_items = list(
        FormItem.objects.filter(form_id=attempt.form_id)
        .select_related("item_version")
        .order_by("position")
    )
    order = presentation.item_order(attempt.seed, [fi.pk for fi in form_items])
    by_id = {fi.pk: fi for fi in form_items}
    responses = {r.form_item_id: r for r in Response.objects.filter(attempt=attempt)}
    show_content = attempt.status == AttemptStatus.IN_PROGRESS and viewer.pk == attempt.candidate_id
    items = []
    for number, pk in enumerate(order, start=1):
        fi = by_id[pk]
        response = responses.get(pk)
        content = None
        if show_content:
            raw = attempt_content(attempt, fi.item_version)
            orders = presentation.option_orders(attempt.seed, pk, fi.item_version.item_type, raw)
            content = candidate_content(fi.item_version.item_type, raw, orders)
        items.append(
            AttemptItemState(
                form_item=pk,
                number=number,
                item_type=fi.item_version.item_type,
                points=float(fi.points),
                answer=response.answer if response else None,
                seq=response.seq if response else None,
                saved_at=response.saved_at if response else None,
                content=content,
            )
        )
    return AttemptState(
        id=attempt.pk,
        status=attempt.status,
        language=attempt.language,
        server_time=now,
        started_at=attempt.started_at,
        deadline=attempt.deadline_at,
        seconds_left=attempt.clock.seconds_left(now)
        if attempt.is_running or attempt.status == AttemptStatus.READY
        else 0,
        item_order=order,
        items=items,
    )


def attempts_expired_ids(*, now: dt.datetime, grace_seconds: int) -> list[int]:
    """Attempts in progress whose deadline plus the grace period has passed."""
    cutoff = now - dt.timedelta(seconds=grace_seconds)
    return list(
        Attempt.objects.filter(status=AttemptStatus.IN_PROGRESS, deadline_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def form_links_for_dashboard(*, user) -> list[tuple[str, str]]:
    """The psychometrician's dashboard links (labels live in this app's catalogue)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from aicert.accounts.permissions import user_can

    if not user_can(user, "delivery.view_form"):
        return []
    return [(_("Exam forms"), reverse("delivery:form_list"))]
