"""Reads for delivery: the assembly bank, forms with their items, and an attempt's state.

Exam content leaves the server only through :func:`attempt_state`, and only to the attempt's
candidate while the attempt is in progress: never before it starts, never while paused, never
after it ends, and never with keys, rationales, feedback or rubrics (see
:func:`candidate_content`).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.catalog.models import BlueprintEntry, Subject
from aicert.delivery import presentation
from aicert.delivery.models import (
    Attempt,
    AttemptEvent,
    AttemptStatus,
    CheckInPolicy,
    Form,
    FormItem,
    FormStatus,
    Incident,
    Response,
)
from aicert.itembank.assets import references
from aicert.itembank.models import Item, ItemAsset, ItemStatus, ItemVersion
from aicert.itembank.rendering import render_rich_text
from aicert.optimize.assembly import BankItem
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.seating import is_separate_room_seat, separate_room_number
from aicert.registration.tickets import registration_id_from_code
from aicert.scheduling.models import Session, SessionStatus
from aicert.shared import rows

if TYPE_CHECKING:
    # django-stubs-ext is a test (type-checking) dependency only: never imported at run time.
    from django_stubs_ext import WithAnnotations

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


def form_list_for_user(*, user: RequestUser, subject_id: int | None = None) -> QuerySet[Form]:
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


def form_get_for_user(*, user: RequestUser, pk: int) -> Form:
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


@lru_cache(maxsize=128)
def _locked_form_items(form_id: int, created_at: dt.datetime, locked_at: dt.datetime) -> dict:
    return {
        fi.pk: fi for fi in FormItem.objects.filter(form_id=form_id).select_related("item_version")
    }


def form_item_for_save(*, form: Form, form_item_id: int) -> FormItem | None:
    """One item of ``form`` with its version, for checking a save (None when not on the form).

    The items of a locked form never change (the services refuse it and database triggers
    forbid it), and item versions are immutable, so each process keeps them after the first
    save instead of reading them for every save. A draft form is always read fresh.
    """
    if form.status == FormStatus.DRAFT or form.locked_at is None:
        return (
            FormItem.objects.select_related("item_version")
            .filter(pk=form_item_id, form_id=form.pk)
            .first()
        )
    return _locked_form_items(form.pk, form.created_at, form.locked_at).get(form_item_id)


def attempt_get_for_candidate(*, user: RequestUser, pk: int) -> Attempt:
    """The user's own attempt; raises Attempt.DoesNotExist for anyone else's (so: 404)."""
    if not user.is_authenticated:
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


@dataclass(frozen=True)
class AttemptClockState:
    """The exam player's light poll: status and the server's clock, no content."""

    id: int
    status: str
    server_time: dt.datetime
    deadline: dt.datetime | None
    seconds_left: int
    device_ok: bool


def attempt_clock(
    *, attempt: Attempt, device_key: str = "", now: dt.datetime | None = None
) -> AttemptClockState:
    """Status and time left of an attempt; ``device_ok`` says whether this browser holds it."""

    now = now or timezone.now()
    running = attempt.is_running or attempt.status == AttemptStatus.READY
    return AttemptClockState(
        id=attempt.pk,
        status=attempt.status,
        server_time=now,
        deadline=attempt.deadline_at,
        seconds_left=attempt.clock.seconds_left(now) if running else 0,
        device_ok=bool(attempt.device_key)
        and secrets.compare_digest(device_key or "", attempt.device_key),
    )


# What the clock poll reads of an attempt (the player polls every few seconds, for every
# candidate of a sitting): no form, no seed, no item order.
_CLOCK_FIELDS = (
    "id",
    "candidate_id",
    "status",
    "started_at",
    "deadline_at",
    "time_allowed_seconds",
    "extended_seconds",
    "paused_seconds",
    "paused_at",
    "device_key",
)


def attempt_clock_for_candidate(
    *, user: RequestUser, pk: int, device_key: str = "", now: dt.datetime | None = None
) -> AttemptClockState:
    """:func:`attempt_clock` of the user's own attempt, reading only the clock's fields;
    ``Attempt.DoesNotExist`` for anyone else's (so: 404)."""
    if not user.is_authenticated:
        raise Attempt.DoesNotExist
    attempt = Attempt.objects.only(*_CLOCK_FIELDS).get(pk=pk, candidate=user)
    return attempt_clock(attempt=attempt, device_key=device_key, now=now)


@dataclass(frozen=True)
class ClockPollRow:
    """What one statement reads for a clock poll: the session, its user, the attempt's clock."""

    session_data: str
    user_id: int
    password: str
    is_active: bool
    is_superuser: bool
    holds_staff_role: bool
    attempt: Attempt


def clock_poll_row(*, session_key: str, attempt_id: int, now: dt.datetime) -> ClockPollRow | None:
    """The live session of ``session_key``, the attempt ``attempt_id`` and the attempt's
    candidate, in one round trip (the player polls every few seconds, for every candidate of a
    sitting); ``None`` when the session is unknown or expired or the attempt does not exist.

    It only reads: whether the session belongs to the attempt's candidate, and whether that user
    may still be signed in, is for the caller (:mod:`aicert.delivery.clock_poll`) to decide.
    """
    from django.contrib.sessions.models import Session
    from django.db import connections

    from aicert.accounts.models import Membership
    from aicert.accounts.roles import STAFF_ROLES

    connection = connections["default"]  # inside an exam: always the primary
    quote = connection.ops.quote_name
    sessions, users = quote(Session._meta.db_table), quote(User._meta.db_table)
    attempts, memberships = quote(Attempt._meta.db_table), quote(Membership._meta.db_table)
    roles = sorted(map(str, STAFF_ROLES))
    columns = rows.columns(connection, "a", Attempt, _CLOCK_FIELDS)
    # Plain SQL: compiling the equivalent ORM query costs more than running it.
    sql = (
        f"SELECT s.session_data, u.id, u.password, u.is_active, u.is_superuser, "
        f"EXISTS (SELECT 1 FROM {memberships} m WHERE m.user_id = u.id "
        f"AND m.role IN ({', '.join(['%s'] * len(roles))})), {columns} "
        f"FROM {sessions} s, {attempts} a JOIN {users} u ON u.id = a.candidate_id "
        f"WHERE s.session_key = %s AND s.expire_date > %s AND a.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*roles, session_key, now, attempt_id])
        found = cursor.fetchone()
    if found is None:
        return None
    session_data, user_id, password, is_active, is_superuser, staff, *clock = found
    (attempt,) = rows.instances(connection, clock, [(Attempt, _CLOCK_FIELDS)])
    return ClockPollRow(
        session_data=session_data,
        user_id=user_id,
        password=password,
        is_active=bool(is_active),
        is_superuser=bool(is_superuser),
        holds_staff_role=bool(staff),
        attempt=attempt,
    )


@dataclass(frozen=True)
class PlayerItem:
    """One item as the exam player renders it (through the item bank's ``item_render`` tag).

    ``content`` holds only what the candidate may see, with the shuffled fields already in the
    candidate's order; ``ids`` maps each shuffled field's display position to the original index
    that answers use.
    """

    form_item: int
    number: int
    item_type: str
    points: float
    content: dict
    ids: dict[str, list[int]]

    @property
    def ids_json(self) -> str:
        return json.dumps(self.ids)


# What of an item's content the player passes to the renderer: never keys, rationales,
# feedback, accepted answers, tolerances or rubrics.
PLAYER_FIELDS = ("stem", "unit")
PLAYER_ROW_FIELDS = ("options", "prompts", "responses")


def attempt_player_items(*, attempt: Attempt) -> list[PlayerItem]:
    """The attempt's items in the candidate's order, ready for ``item_render`` (no keys).

    Callers show them only to the attempt's own candidate while the attempt is in progress.
    """
    form_items = list(
        FormItem.objects.filter(form_id=attempt.form_id)
        .select_related("item_version")
        .order_by("position")
    )
    by_id = {fi.pk: fi for fi in form_items}
    order = presentation.item_order(attempt.seed, [fi.pk for fi in form_items])
    out = []
    for number, pk in enumerate(order, start=1):
        fi = by_id[pk]
        item_type = fi.item_version.item_type
        raw = attempt_content(attempt, fi.item_version)
        orders = presentation.option_orders(attempt.seed, pk, item_type, raw)
        content: dict[str, Any] = {k: raw[k] for k in PLAYER_FIELDS if k in raw}
        ids: dict[str, list[int]] = {}
        for name in PLAYER_ROW_FIELDS:
            rows = raw.get(name)
            if not isinstance(rows, list):
                continue
            order_ids = [i for i in orders.get(name, range(len(rows))) if isinstance(rows[i], dict)]
            content[name] = [{"text": rows[i].get("text", "")} for i in order_ids]
            ids[name] = order_ids
        out.append(PlayerItem(pk, number, item_type, float(fi.points), content, ids))
    return out


def attempt_links_for_candidate(*, user: RequestUser) -> dict[int, int]:
    """Registration pk -> attempt pk of the candidate's attempts that are ready or running."""
    if not user.is_authenticated:
        return {}
    rows = Attempt.objects.filter(
        candidate=user,
        status__in=[AttemptStatus.READY, AttemptStatus.IN_PROGRESS, AttemptStatus.PAUSED],
    ).values_list("registration_id", "pk")
    return dict(rows)


def attempts_expired_ids(*, now: dt.datetime, grace_seconds: int) -> list[int]:
    """Attempts in progress whose deadline plus the grace period has passed."""
    cutoff = now - dt.timedelta(seconds=grace_seconds)
    return list(
        Attempt.objects.filter(status=AttemptStatus.IN_PROGRESS, deadline_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- the exam-day room ---------------------------------------------------------------------------


def check_in_policy_current():
    """The check-in policy in force (a default when none is stored: opens 60 minutes before,
    late arrivals admitted for 15 minutes after the start)."""

    policy = CheckInPolicy.objects.filter(is_active=True).first()
    return policy or CheckInPolicy(name="default", opens_minutes_before=60, late_cutoff_minutes=15)


def session_forms_published(*, session) -> list[Form]:
    """The published forms attached to a session, in a fixed order (by code)."""
    return list(
        Form.objects.filter(session_forms__session=session, status=FormStatus.PUBLISHED).order_by(
            "code", "pk"
        )
    )


def _seat_position(label: str | None) -> tuple[int, int] | None:
    """``"B3"`` -> ``(1, 2)`` (row, column from 0), the inverse of ``Room.seat_label``."""
    if not label:
        return None
    letters = "".join(ch for ch in label if ch.isalpha()).upper()
    digits = "".join(ch for ch in label if ch.isdigit())
    if not letters or not digits or letters + digits != label.upper():
        return None
    row = 0
    for ch in letters:
        row = row * 26 + (ord(ch) - ord("A") + 1)
    return row - 1, int(digits) - 1


def session_form_for_registration(*, registration, forms: list[Form], room=None) -> Form:
    """Which of the session's forms a candidate sits: reproducible from the seat.

    Seat (row r, column c) gets form ``(r + c) mod n``: with two or more parallel forms, the
    candidates to the left, right, front and back of anyone sit a different form. A place in the
    separate room ``SR-k`` gets form ``(k - 1) mod n`` (consecutive places alternate). A
    candidate without a seat gets ``registration pk mod n``.
    """

    if not forms:
        raise ValueError("no forms")
    separate = separate_room_number(registration.seat_label)
    position = _seat_position(registration.seat_label)
    if separate is not None:
        index = separate - 1
    elif position is not None:
        index = sum(position)
    else:
        index = registration.pk
    return forms[index % len(forms)]


def sessions_ended_with_unmarked(*, now: dt.datetime, lookback_days: int = 3):
    """Sessions that ended (within ``lookback_days``) and still have confirmed no-shows."""

    sessions = (
        Session.objects.filter(
            status__in=[SessionStatus.PUBLISHED, SessionStatus.CLOSED],
            starts_at__lt=now,
            starts_at__gt=now - dt.timedelta(days=lookback_days),
            registrations__status=RegistrationStatus.CONFIRMED,
        )
        .distinct()
        .order_by("pk")
    )
    return [s for s in sessions if s.ends_at <= now]


def room_sessions_for_user(*, user: RequestUser, now: dt.datetime | None = None, days: int = 14):
    """Sessions whose room the user may run (own center), from yesterday to ``days`` ahead."""

    now = now or timezone.now()
    return (
        scope_queryset(user, "delivery.check_in_candidate", Session.objects.all())
        .filter(
            status=SessionStatus.PUBLISHED,
            starts_at__gte=now - dt.timedelta(days=1),
            starts_at__lte=now + dt.timedelta(days=days),
        )
        .select_related("subject__level", "room__venue__center__organisation")
        .order_by("starts_at", "pk")
    )


def room_session_get(*, user: RequestUser, pk: int, perm: str = "delivery.check_in_candidate"):
    """One session the user may run; ``Session.DoesNotExist`` otherwise (so: 404)."""

    return (
        scope_queryset(user, perm, Session.objects.all())
        .select_related("subject__level", "room__venue__center__organisation")
        .get(pk=pk)
    )


def session_list_for_forms(*, user: RequestUser, now: dt.datetime | None = None):
    """Upcoming sessions for the psychometrician, with how many forms are attached."""

    now = now or timezone.now()
    return (
        scope_queryset(user, "delivery.attach_session_form", Session.objects.all())
        .filter(status=SessionStatus.PUBLISHED, starts_at__gte=now - dt.timedelta(days=1))
        .select_related("subject__level", "room__venue__center__organisation")
        .annotate(form_count=Count("session_forms"))
        .order_by("starts_at", "pk")
    )


ROSTER_STATUSES = ("pending_payment", "confirmed", "checked_in", "sat", "absent")


class _AnsweredCount(TypedDict):
    answered: int  # the attempt's responses with an answer (annotated by the roster query)


@dataclass
class RosterRow:
    """One candidate of the room as the invigilator sees them."""

    registration: Any
    name: str
    name_other: str
    seat: str
    state: str
    state_label: str
    late: bool = False
    attempt: Attempt | None = None
    answered: int = 0
    item_count: int = 0
    seconds_left: int | None = None
    device_bound: bool = False
    extra_time_percent: int = 0

    @property
    def can_authorize(self) -> bool:
        return self.state == "checked_in"

    @property
    def in_separate_room(self) -> bool:
        """Sits in the separate room (``SR-n``), not on the room's seat map."""

        return is_separate_room_seat(self.seat)

    @property
    def time_left(self) -> str:
        return format_seconds(self.seconds_left)


def format_seconds(seconds: int | None) -> str:
    """``3725`` -> ``"1:02:05"`` (empty for None)."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _roster_state(registration, attempt: Attempt | None) -> str:
    if attempt is not None:
        return attempt.status
    if registration.status in ("confirmed",):
        return "not_checked_in"
    return registration.status


def _state_labels() -> dict[str, str]:
    return {
        "pending_payment": _("Not paid"),
        "not_checked_in": _("Not checked in"),
        "checked_in": _("Checked in"),
        "ready": _("Ready to start"),
        "in_progress": _("In progress"),
        "paused": _("Paused"),
        "submitted": _("Submitted"),
        "auto_submitted": _("Submitted when time ran out"),
        "voided": _("Voided"),
        "sat": _("Sat the exam"),
        "absent": _("Absent"),
    }


def room_roster(*, session, now: dt.datetime | None = None) -> list[RosterRow]:
    """Everyone with a seat in the session, by seat, with check-in and attempt state.

    A fixed number of queries however many candidates: registrations (with profiles and
    check-ins), attempts with answered counts, item counts per form.
    """

    now = now or timezone.now()
    registrations = list(
        Registration.objects.filter(session=session, status__in=ROSTER_STATUSES)
        .select_related("candidate__candidate_profile", "check_in")
        .order_by("seat_label", "pk")
    )
    attempts: dict[int, WithAnnotations[Attempt, _AnsweredCount]] = {}
    rows = (
        Attempt.objects.filter(registration__session=session)
        .select_related("form")
        .annotate(answered=Count("responses", filter=Q(responses__answer__isnull=False)))
        .order_by("created_at", "pk")
    )
    for row_attempt in rows:
        current = attempts.get(row_attempt.registration_id)
        # The live attempt wins over a voided one; among equals, the newest.
        if (
            current is None
            or current.status == AttemptStatus.VOIDED
            or (row_attempt.status != AttemptStatus.VOIDED)
        ):
            attempts[row_attempt.registration_id] = row_attempt
    item_counts = dict(
        FormItem.objects.filter(form_id__in={a.form_id for a in attempts.values()})
        .values("form_id")
        .annotate(n=Count("pk"))
        .values_list("form_id", "n")
    )
    labels = _state_labels()
    out = []
    for registration in registrations:
        attempt = attempts.get(registration.pk)
        state = _roster_state(registration, attempt)
        profile = getattr(registration.candidate, "candidate_profile", None)
        name = registration.candidate.display_name or registration.candidate.email
        other = ""
        if profile is not None:
            name = profile.legal_name_zh or profile.legal_name_en or name
            other = profile.legal_name_en if profile.legal_name_zh else ""
        check_in = getattr(registration, "check_in", None)
        row = RosterRow(
            registration=registration,
            name=name,
            name_other=other,
            seat=registration.seat_label or "",
            state=state,
            state_label=labels.get(state, state),
            late=bool(check_in and check_in.late),
            attempt=attempt,
        )
        if attempt is not None:
            row.answered = attempt.answered
            row.item_count = item_counts.get(attempt.form_id, 0)
            row.device_bound = bool(attempt.device_key)
            if attempt.is_running or attempt.status == AttemptStatus.READY:
                row.seconds_left = attempt.clock.seconds_left(now)
        out.append(row)
    return out


def room_roster_counts(rows: list[RosterRow]) -> list[tuple[str, str, int]]:
    """(state, label, count) for the roster's summary line, in a fixed order."""
    labels = _state_labels()
    counts = Counter(r.state for r in rows)
    return [(state, labels[state], counts[state]) for state in labels if counts[state]]


def room_separate_room_rows(rows: list[RosterRow]) -> list[RosterRow]:
    """Candidates placed in the separate room (``SR-1``, ``SR-2``…), in place order: they
    check in here but sit elsewhere, so the seat map lists them beside the grid."""

    return sorted(
        (r for r in rows if r.in_separate_room), key=lambda r: separate_room_number(r.seat) or 0
    )


def room_seat_map(*, session, rows: list[RosterRow]) -> list[list[dict]]:
    """The room's seat grid with who sits where and their state (separate-room places are
    not in the grid: see :func:`room_separate_room_rows`)."""
    by_seat = {r.seat: r for r in rows if r.seat}
    grid = session.room.seat_grid()
    for seat_row in grid:
        for seat in seat_row:
            row = by_seat.get(seat["label"])
            seat["row"] = row
    return grid


def check_in_lookup(*, session, code: str = "", query: str = ""):
    """Find registrations of the session by ticket code (token or number) or by name.

    Returns ``(registrations, message)``: a code of another session or an unknown code gives no
    registrations and a message saying why.
    """

    base = Registration.objects.filter(session=session, status__in=ROSTER_STATUSES).select_related(
        "candidate__candidate_profile", "check_in"
    )
    if code.strip():
        registration_id = registration_id_from_code(code)
        if registration_id is None:
            return [], _("This is not a valid admission-ticket code: check it and try again.")
        found = base.filter(pk=registration_id).first()
        if found is None:
            other = (
                Registration.objects.filter(pk=registration_id).select_related("session").first()
            )
            if other is not None and other.session_id != session.pk:
                return [], _("This ticket is for another session: %(session)s.") % {
                    "session": other.session
                }
            return [], _("No candidate of this session holds this ticket.")
        return [found], ""
    words = query.strip()
    if len(words) < 1:
        return [], ""
    q = (
        Q(candidate__candidate_profile__legal_name_zh__icontains=words)
        | Q(candidate__candidate_profile__legal_name_en__icontains=words)
        | Q(candidate__display_name__icontains=words)
        | Q(seat_label__iexact=words)
    )
    matches = list(base.filter(q).order_by("seat_label", "pk")[:20])
    if not matches:
        return [], _("No candidate of this session matches “%(query)s”.") % {"query": words}
    return matches, ""


def room_export_rows(*, session) -> list[list[str]]:
    """Roster, incidents and attempt events (answers left out) of a session, for the CSV export.

    Columns: record, time (Taiwan, ISO), seat, candidate, what, details, by.
    """

    def local(value) -> str:
        return timezone.localtime(value).isoformat(timespec="seconds") if value else ""

    def who(user) -> str:
        return (user.display_name or user.email) if user else ""

    roster = room_roster(session=session)
    seat_of = {r.registration.pk: (r.seat, r.name) for r in roster}
    out: list[list[str]] = []
    for row in roster:
        check_in = getattr(row.registration, "check_in", None)
        details = []
        if row.attempt is not None:
            details.append(f"form={row.attempt.form.code} answered={row.answered}/{row.item_count}")
        if check_in is not None and check_in.late:
            details.append("late")
        if check_in is not None and check_in.override_reason:
            details.append(f"override: {check_in.override_reason}")
        out.append(
            [
                "roster",
                local(check_in.recorded_at) if check_in else "",
                row.seat,
                row.name,
                row.state,
                "; ".join(details),
                who(check_in.recorded_by) if check_in else "",
            ]
        )
    incidents = Incident.objects.filter(session=session).select_related("reported_by")
    for incident in incidents.order_by("occurred_at", "pk"):
        seat, name = seat_of.get(incident.registration_id, ("", ""))
        out.append(
            [
                "incident",
                local(incident.occurred_at),
                seat,
                name,
                incident.kind,
                incident.description,
                who(incident.reported_by),
            ]
        )
    events = (
        AttemptEvent.objects.filter(attempt__registration__session=session)
        .exclude(kind="save")
        .select_related("actor", "attempt")
        .order_by("at", "pk")
    )
    for event in events:
        seat, name = seat_of.get(event.attempt.registration_id, ("", ""))
        data = {k: v for k, v in event.data.items() if k != "answer"}
        out.append(
            [
                "event",
                local(event.at),
                seat,
                name,
                event.kind,
                "; ".join(f"{k}={v}" for k, v in sorted(data.items())),
                who(event.actor),
            ]
        )
    return out


def registration_display_name(registration) -> str:
    """The candidate's legal name (Chinese first) or, without a profile, their account name."""
    candidate = registration.candidate
    profile = getattr(candidate, "candidate_profile", None)
    if profile is not None and (profile.legal_name_zh or profile.legal_name_en):
        return profile.legal_name_zh or profile.legal_name_en
    return candidate.display_name or candidate.email


def asset_visible_in_attempt(*, user: User, asset: ItemAsset) -> bool:
    """Whether ``user`` has an attempt in progress whose form shows this image (its item's
    pinned version refers to it): the only time a candidate may load an item image."""
    versions = FormItem.objects.filter(
        form__attempts__candidate=user,
        form__attempts__status=AttemptStatus.IN_PROGRESS,
        item_version__item_id=asset.item_id,
    ).values_list("item_version__content_zh", "item_version__content_en")
    return any(asset.pk in references(zh, en) for zh, en in versions)
