"""A simulated sitting: candidates, check-in, attempts and answers drawn from an IRT model.

For demos and tests of everything after exam day (scoring, results, item analysis): a
published form is sat by ``n_candidates`` simulated candidates whose answers come from a
three-parameter logistic model (Birnbaum, 1968) with abilities ~ N(0, 1). Every attempt is
authorised, started, answered and submitted through the real delivery services
(:mod:`aicert.delivery.services`), so scores come from the real scoring code.

Candidates, their profiles (county, hence region, and gender) and their checked-in registrations
are written directly: there is no public path that checks a candidate in without an invigilator,
and registration windows of demo sessions may be closed. Seats are taken only where the
sessions have room.

Four single-choice items are planted to misbehave (see :data:`PLANTED_KINDS`) so the item
analysis has something real to find:

* ``miskeyed``: the keyed option is chosen mostly by weak candidates and one distractor by
  strong ones (the signature of a wrong key: negative discrimination);
* ``distractor_high_scorers``: a distractor drawing the strongest candidates away from the key;
* ``dif_gender``: 1.2 logits harder for female candidates of equal ability (DIF against women);
* ``dif_region``: 1.5 logits harder for candidates from :data:`DIF_REGION` (DIF against a region).

Everything is drawn from ``numpy.random.default_rng(seed)``: the same form and seed give the same
candidates and answers.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.types import Actor
from aicert.centers.models import County
from aicert.delivery import services as delivery_services
from aicert.delivery.models import Form, FormItem, FormStatus
from aicert.delivery.scoring import credit
from aicert.registration import identity
from aicert.registration.models import (
    SEAT_HOLDING_STATUSES,
    CandidateProfile,
    Registration,
    RegistrationStatus,
)
from aicert.scheduling.models import Session

PLANTED_KINDS = ("miskeyed", "distractor_high_scorers", "dif_gender", "dif_region")
DIF_REGION = "central"
DIF_GENDER_SHIFT = 1.2
DIF_REGION_SHIFT = 1.5
REGION_SHARES = {"north": 0.40, "central": 0.25, "south": 0.25, "east": 0.10}
GENDER_SHARES = {"female": 0.47, "male": 0.47, "another": 0.02, "not_stated": 0.04}
BASE_DIFFICULTY = {"easy": -0.8, "medium": 0.0, "hard": 0.8}
OMIT_RATE = 0.015
EMAIL_DOMAIN = "simulated.aicert.example"
_SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
_GIVEN = ["怡君", "志明", "雅婷", "俊傑", "淑芬", "家豪", "佳穎", "冠宇", "欣怡", "宗翰"]


@dataclass(frozen=True)
class SimulationReport:
    """What a simulation did: attempts submitted now, and the planted items (kind -> form item)."""

    form_id: int
    seed: int
    candidates: int
    attempts_created: int
    planted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def already_done(self) -> bool:
        return self.attempts_created == 0


def _email(form: Form, seed: int, i: int) -> str:
    return f"sim{seed}-f{form.pk}-{i:04d}@{EMAIL_DOMAIN}"


def _national_id(rng: np.random.Generator, gender: str) -> str:
    """A well-formed national ID number (its check digit found with identity.checksum_ok)."""
    letter = "ABCDEFGHJKLMNPQRSTUVXYWZIO"[int(rng.integers(0, 22))]
    sex = "2" if gender == "female" else "1"
    body = f"{letter}{sex}{int(rng.integers(0, 10_000_000)):07d}"
    for check in "0123456789":
        if identity.checksum_ok(body + check):
            return body + check
    raise AssertionError("no check digit")  # pragma: no cover - one digit always fits


def _choice_items(form_items: list[FormItem]) -> list[FormItem]:
    return [
        fi
        for fi in form_items
        if fi.item_version.item_type == "single_choice"
        and len(fi.item_version.content_zh.get("options") or []) >= 3
        and any(o.get("correct") for o in fi.item_version.content_zh["options"])
    ]


def planted_items(*, form: Form, seed: int) -> dict[str, int]:
    """Which form items the simulation with ``seed`` makes misbehave (kind -> form item id)."""
    form_items = list(form.items.select_related("item_version").order_by("position"))
    candidates = _choice_items(form_items)
    rng = np.random.default_rng([seed, 1])
    picked = rng.permutation(len(candidates))[: len(PLANTED_KINDS)]
    return {kind: candidates[int(p)].pk for kind, p in zip(PLANTED_KINDS, picked, strict=False)}


def _key_index(content: dict) -> int:
    return next(i for i, o in enumerate(content["options"]) if o.get("correct"))


def _answer(item_type: str, content: dict, right: bool, rng: np.random.Generator) -> Any:
    """A right or a wrong answer of any objective type (constructed responses: a text)."""
    options = content.get("options") or []
    if item_type == "single_choice":
        key = _key_index(content)
        if right:
            return key
        wrong = [i for i in range(len(options)) if i != key]
        return int(wrong[int(rng.integers(0, len(wrong)))])
    if item_type == "multiple_response":
        keyed = sorted(i for i, o in enumerate(options) if o.get("correct"))
        if right:
            return keyed
        flip = int(rng.integers(0, len(options)))
        chosen = sorted(set(keyed) ^ {flip})
        return chosen or [i for i in range(len(options)) if i not in keyed][:1] or keyed[:-1]
    if item_type == "true_false":
        return bool(content.get("key")) if right else not bool(content.get("key"))
    if item_type == "numeric":
        value = float(content.get("value", 0))
        return value if right else value + 10 * (float(content.get("tolerance") or 0) + 1)
    if item_type == "short_text":
        answers = content.get("answers") or []
        return answers[0] if right and answers else "不確定"
    if item_type == "ordering":
        key = list(content.get("key") or range(len(options)))
        return key if right or len(key) < 2 else key[::-1]
    if item_type == "matching":
        key = [list(p) for p in content.get("key") or []]
        if right or len(key) < 2:
            return key
        responses = [r for _, r in key]
        return [[p, responses[(k + 1) % len(key)]] for k, (p, _) in enumerate(key)]
    return "（模擬作答）偏差與變異需要取捨，模型過於簡單或過於複雜都會增加誤差。"


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _draw_answers(
    form_items: list[FormItem],
    planted: dict[str, int],
    theta: np.ndarray,
    gender: list[str],
    region: list[str],
    rng: np.random.Generator,
) -> list[list[Any]]:
    """Each person's answer per form item (``None`` = left unanswered); content in Chinese.

    Regular items: 3PL with ``a ~ U(1.2, 2.0)``, ``b`` from the item's intended difficulty
    plus ``U(-0.3, 0.3)``, guessing ``c = 0.5 / options`` for choice items; planted items
    ``a = 1.6, b = -0.4`` before their misbehaviour.
    """
    n_p = theta.shape[0]
    kind_of = {pk: kind for kind, pk in planted.items()}
    female = np.array([g == "female" for g in gender])
    in_region = np.array([r == DIF_REGION for r in region])
    answers: list[list[Any]] = [[None] * len(form_items) for _ in range(n_p)]
    for j, fi in enumerate(form_items):
        version = fi.item_version
        content, item_type = version.content_zh, version.item_type
        n_options = len(content.get("options") or []) or (2 if item_type == "true_false" else 0)
        a = rng.uniform(1.2, 2.0)
        b = BASE_DIFFICULTY.get(version.item.difficulty, 0.0) + rng.uniform(-0.3, 0.3)
        c = 0.5 / n_options if item_type in ("single_choice", "true_false") and n_options else 0.0
        kind = kind_of.get(fi.pk)
        if kind is not None:
            # Planted items sit mid-scale, where their misbehaviour shows most clearly.
            a, b = 1.6, -0.4
        shift = np.zeros(n_p)
        if kind == "dif_gender":
            shift = np.where(female, DIF_GENDER_SHIFT, 0.0)
        elif kind == "dif_region":
            shift = np.where(in_region, DIF_REGION_SHIFT, 0.0)
        p_right = c + (1 - c) * _logistic(a * (theta - b - shift))
        right = rng.random(n_p) < p_right
        omitted = rng.random(n_p) < OMIT_RATE
        special = None
        if kind in ("miskeyed", "distractor_high_scorers"):
            key = _key_index(content)
            others = [i for i in range(n_options) if i != key]
            special = others[int(rng.integers(0, len(others)))]
            if kind == "miskeyed":
                # The keyed option attracts the weak; the true answer (``special``) the strong.
                p_key = 0.10 + 0.45 * _logistic(-1.6 * theta)
                right = rng.random(n_p) < p_key
                to_special = ~right & (rng.random(n_p) < _logistic(1.6 * (theta - 0.2)))
            else:
                # The strongest overthink the item and pick one attractive distractor.
                # Other wrong answers go to the remaining distractors.
                to_special = rng.random(n_p) < 0.7 * _logistic(3.0 * (theta - 1.0))
                right = right & ~to_special
                plain = [i for i in others if i != special]
        for i in range(n_p):
            if omitted[i]:
                continue
            if special is not None and not right[i] and to_special[i]:
                answers[i][j] = special
            elif kind == "distractor_high_scorers" and not right[i]:
                answers[i][j] = plain[int(rng.integers(0, len(plain)))]
            else:
                answers[i][j] = _answer(item_type, content, bool(right[i]), rng)
    return answers


def _free_seats(sessions: list) -> list[tuple[Any, int]]:
    held = dict(
        Registration.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(n=Count("pk", filter=Q(status__in=SEAT_HOLDING_STATUSES)))
        .values_list("session_id", "n")
    )
    return [(s, max(0, s.capacity - held.get(s.pk, 0))) for s in sessions]


@transaction.atomic
def sitting_simulate(
    *,
    actor: Actor,
    form: Form,
    sessions: list | None = None,
    n_candidates: int = 300,
    seed: int = 2026,
) -> SimulationReport:
    """Have ``n_candidates`` simulated candidates sit the published ``form``.

    ``actor`` authorises the attempts (foundation admin or an invigilator of the sessions'
    center). ``sessions`` default to every session of the form's subject; candidates take their
    free seats in start-time order (``ValidationError`` when there are not enough). Each
    attempt starts at its session's start, saves one answer every 40 seconds and is submitted
    50 minutes in (or at the end of a shorter session). Running it again with the same form and
    seed changes nothing and reports ``attempts_created == 0``.
    """

    started = time.perf_counter()
    if form.status != FormStatus.PUBLISHED:
        raise ValidationError(_("Only a published form can be sat."), code="form_not_published")
    if n_candidates < 1:
        raise ValidationError(_("Simulate at least one candidate."), code="n_candidates")
    planted = planted_items(form=form, seed=seed)
    if User.objects.filter(email=_email(form, seed, 0)).exists():
        return SimulationReport(form.pk, seed, n_candidates, 0, planted)
    if sessions is None:
        sessions = list(Session.objects.filter(subject=form.subject).order_by("starts_at", "pk"))
    if any(s.subject_id != form.subject_id for s in sessions):
        raise ValidationError(
            _("Every session must be a sitting of the form's subject."), code="wrong_session"
        )
    seats = _free_seats(sessions)
    if sum(n for _, n in seats) < n_candidates:
        raise ValidationError(
            _("The sessions have %(free)d free seats for %(n)d simulated candidates.")
            % {"free": sum(n for _, n in seats), "n": n_candidates},
            code="not_enough_seats",
        )
    rng = np.random.default_rng(seed)
    counties: dict[str, list] = {}
    for county in County.objects.select_related("region").order_by("position", "pk"):
        counties.setdefault(county.region.code, []).append(county)
    region_codes = [r for r in REGION_SHARES if r in counties]
    shares = np.array([REGION_SHARES[r] for r in region_codes])
    region = [str(r) for r in rng.choice(region_codes, size=n_candidates, p=shares / shares.sum())]
    gender_codes = list(GENDER_SHARES)
    gender = [
        str(g) for g in rng.choice(gender_codes, size=n_candidates, p=list(GENDER_SHARES.values()))
    ]
    theta = rng.standard_normal(n_candidates)
    form_items = list(form.items.select_related("item_version__item").order_by("position"))
    answers = _draw_answers(form_items, planted, theta, gender, region, rng)

    users = []
    for i in range(n_candidates):
        name = _SURNAMES[int(rng.integers(0, len(_SURNAMES)))] + _GIVEN[int(rng.integers(0, 10))]
        user = User(email=_email(form, seed, i), display_name=name, preferred_language="zh-hant")
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("email"))
    taken = set(CandidateProfile.objects.values_list("id_number_hash", flat=True))
    profiles = []
    for i, user in enumerate(users):
        profile = CandidateProfile(
            user=user,
            legal_name_zh=user.display_name,
            birth_date=dt.date(1980, 1, 1) + dt.timedelta(days=int(rng.integers(0, 9000))),
            phone=f"09{int(rng.integers(0, 100_000_000)):08d}",
            county=counties[region[i]][int(rng.integers(0, len(counties[region[i]])))],
            gender=gender[i],
        )
        number = _national_id(rng, gender[i])
        profile.set_id_number(number, identity.IdKind.NATIONAL_ID.value)
        while profile.id_number_hash in taken:
            profile.set_id_number(_national_id(rng, gender[i]), identity.IdKind.NATIONAL_ID.value)
        taken.add(profile.id_number_hash)
        profiles.append(profile)
    CandidateProfile.objects.bulk_create(profiles)
    registrations = []
    slots = iter([s for s, n in seats for _ in range(n)])
    for user in users:
        session = next(slots)
        registrations.append(
            Registration(
                candidate=user,
                session=session,
                subject_id=session.subject_id,
                status=RegistrationStatus.CHECKED_IN,
                fee_amount=session.fee,
                amount_paid=session.fee,
                paid_at=session.registration_closes_at,
            )
        )
    Registration.objects.bulk_create(registrations)
    registrations = list(
        Registration.objects.filter(candidate__in=users)
        .select_related("session", "candidate")
        .order_by("candidate__email")
    )
    for i, registration in enumerate(registrations):
        session = registration.session
        t0 = session.starts_at
        attempt = delivery_services.attempt_authorize(
            actor=actor, registration=registration, form=form, now=t0 - dt.timedelta(minutes=5)
        )
        attempt = delivery_services.attempt_start(
            actor=registration.candidate, attempt=attempt, now=t0
        )
        end = t0 + dt.timedelta(minutes=min(50, max(1, session.duration_minutes - 1)))
        step = (end - t0) / (len(form_items) + 1)
        english = attempt.language == "en"
        for j, fi in enumerate(form_items):
            answer = answers[i][j]
            if answer is None:
                continue
            version = fi.item_version
            if english and version.content_en:
                # The English wording may order the options differently: answer the same option
                # by meaning, i.e. the keyed one when the Chinese answer was the key.
                answer = _english_answer(version, answer)
            delivery_services.response_save(
                actor=registration.candidate,
                attempt=attempt,
                form_item_id=fi.pk,
                answer=answer,
                seq=1,
                now=t0 + step * (j + 1),
            )
        delivery_services.attempt_submit(actor=registration.candidate, attempt=attempt, now=end)
    return SimulationReport(
        form.pk, seed, n_candidates, len(registrations), planted, time.perf_counter() - started
    )


def _english_answer(version, answer: Any) -> Any:
    """Carry a Chinese-content answer over to the English wording, right stays right."""

    zh_right = credit(version.item_type, version.content_zh, answer)
    content = version.content_en
    try:
        en_right = credit(version.item_type, content, answer)
    except (ValueError, KeyError, IndexError):
        en_right = None
    if en_right == zh_right:
        return answer
    rng = np.random.default_rng(0)
    return _answer(version.item_type, content, bool(zh_right == 1), rng)
