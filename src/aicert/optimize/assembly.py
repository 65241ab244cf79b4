"""Automated test assembly (ATA) of several parallel forms in one mixed-integer programme.

Model (van der Linden, 2005, "Linear Models for Optimal Test Design", ch. 4-6; simultaneous
assembly of parallel forms after Boekkooi-Timminga, 1990, and van der Linden & Adema, 1998;
maximin information after Theunissen, 1985, and van der Linden & Boekkooi-Timminga, 1989):

* decision variables ``x[f, i] = 1`` when bank item ``i`` is placed on form ``f``;
* objective: maximise ``y`` subject to ``I_f(theta_k) >= w_k * y`` for every form ``f`` and every
  target ability ``theta_k`` (the cut score, optionally a few more points with relative weights
  ``w_k``), where ``I_f(theta) = sum_i I_i(theta) x[f, i]`` is the form's test information;
* content constraints: exact item counts per blueprint domain on every form; item-type counts
  (exact or a min/max range); at most one item of each enemy set per form;
* exposure: an item is used on at most ``max_exposure`` forms, and items carrying the exposure
  flag are never selected;
* overlap: two forms share at most ``max_overlap`` items. Only modelled when the cap can bind
  (exposure cap >= 2 and cap < form length). With few forms the model uses *usage patterns*:
  binary ``w[i, P] = 1`` when item ``i`` is on exactly the set of forms ``P`` (``|P| <=`` the
  exposure cap), ``sum_P w[i, P] <= 1``, ``x[f, i] = sum_{P contains f} w[i, P]``, and the
  overlap of forms ``f, g`` is ``sum_i sum_{P contains f, g} w[i, P] <= max_overlap``; each
  item's usage polytope is then integral, which keeps the LP bound tight (at most 16 patterns,
  e.g. 4 forms). Otherwise the pairwise linearisation ``z[f, g, i] >= x[f, i] + x[g, i] - 1``,
  ``sum_i z[f, g, i] <= max_overlap`` with continuous ``z`` is used;
* candidate pool (speed heuristic, on by default): the MILP only sees, per domain and per
  ability point, the ``ceil(candidate_factor * n_forms * count)`` most informative items;
  the LP relaxation over the whole bank still bounds the reported gap;
* parallelism: the forms' information curves (and optionally their test characteristic curves)
  at a few ability points stay within a tolerance of each other, either pairwise in absolute
  terms, ``|I_f(theta_k) - I_g(theta_k)| <= tol``, or relative to the mean form,
  ``|I_f(theta_k) - mean_g I_g(theta_k)| <= tol * mean_g I_g(theta_k)``.

Item information is the 3PL Fisher information of :func:`aicert.psychometrics.irf.info_3pl`
(slope-intercept, mirt parameterisation). The programme is solved by HiGHS branch-and-cut
(:func:`scipy.optimize.milp`) with a time limit and a relative MIP gap.

When no set of forms exists, :class:`~aicert.optimize.explain.InfeasibleError` lists the reasons
in words: first from counting checks (e.g. a domain with too few approved items for the number of
forms and the overlap cap), otherwise from an elastic re-solve that reports which blueprint rows,
enemy sets, overlap caps or tolerance bands could not be met and by how much.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from aicert.optimize.explain import (
    InfeasibleError,
    MilpModel,
    MilpSolution,
    SlackRow,
    SolverLimitError,
    explain_slack,
    plural,
)
from aicert.psychometrics.irf import info_3pl, prob_3pl

__all__ = [
    "AssembledForm",
    "AssemblyResult",
    "AssemblySpec",
    "BankItem",
    "TypeCount",
    "assemble_forms",
    "check_forms",
    "precheck_assembly",
]

FloatArray = NDArray[np.float64]

# Elastic weights: structural rules cost most to break, overlap/exposure less, and information
# tolerances least (per multiple of the tolerance), so the diagnosis blames the softest rule that
# explains the conflict.
_MAX_PATTERNS = 16

_ELASTIC_WEIGHTS = {
    "blueprint": 100.0,
    "types": 100.0,
    "enemy": 100.0,
    "exposure": 10.0,
    "overlap": 10.0,
    "tolerance": 1.0,
    "tcc": 1.0,
}


@dataclass(frozen=True)
class BankItem:
    """An approved bank item with 3PL parameters in slope-intercept form (mirt).

    ``exposed=True`` marks an item flagged for over-exposure; it is never placed on a form.
    """

    id: str
    domain: str
    a: float
    d: float
    c: float = 0.0
    item_type: str = "mcq"
    exposed: bool = False


@dataclass(frozen=True)
class TypeCount:
    """Number of items of one type per form: ``min_count <= n <= max_count``.

    ``max_count=None`` means no upper bound; use :meth:`exact` for an exact count.
    """

    item_type: str
    min_count: int = 0
    max_count: int | None = None

    @classmethod
    def exact(cls, item_type: str, n: int) -> TypeCount:
        """Exactly ``n`` items of ``item_type`` on every form."""
        return cls(item_type, n, n)

    def __post_init__(self) -> None:
        if self.min_count < 0 or (self.max_count is not None and self.max_count < self.min_count):
            raise ValueError(f"invalid count range for item type {self.item_type!r}")


def _freeze_pairs(
    value: Mapping[str, int] | Iterable[tuple[str, int]],
) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), int(v)) for k, v in items)


@dataclass(frozen=True)
class AssemblySpec:
    """What to assemble. ``blueprint`` maps domain -> exact item count per form.

    A plain ``dict`` may be passed for ``blueprint``; it is stored as a tuple of pairs. Form
    length is the sum of the blueprint counts; items from domains outside the blueprint are not
    used. ``max_exposure`` (forms per item) and ``max_overlap`` (items shared by any two forms)
    default to no limit. ``target_thetas``/``target_weights`` add maximin points besides the cut
    score (weight 1). ``info_tolerance`` is absolute (information units, pairwise) or relative
    (fraction of the mean form) per ``tolerance_mode``; it is applied at ``tolerance_thetas``
    (default: the cut score and the target points). ``tcc_tolerance`` bounds pairwise differences
    in expected number-correct score at the same points.

    ``candidate_factor`` reduces the MILP to a candidate pool: per domain and per maximin or
    tolerance point, the ``ceil(factor * n_forms * count)`` most informative items (likewise per
    constrained item type); ``None`` uses the whole bank. The pool is a speed heuristic: the
    result's ``bound`` is the LP-relaxation bound over the *whole* bank, so ``gap`` stays an
    honest optimality gap, and the whole bank is used if the pool admits no solution.
    """

    blueprint: tuple[tuple[str, int], ...]
    n_forms: int = 1
    cut_theta: float = 0.0
    target_thetas: tuple[float, ...] = ()
    target_weights: tuple[float, ...] = ()
    type_counts: tuple[TypeCount, ...] = ()
    enemy_sets: tuple[frozenset[str], ...] = ()
    max_exposure: int | None = None
    max_overlap: int | None = None
    info_tolerance: float | None = None
    tolerance_mode: Literal["absolute", "relative"] = "absolute"
    tolerance_thetas: tuple[float, ...] = ()
    tcc_tolerance: float | None = None
    report_thetas: tuple[float, ...] = (-2.0, -1.0, 0.0, 1.0, 2.0)
    time_limit: float = 20.0
    mip_gap: float = 0.01
    candidate_factor: float | None = 1.5

    def __post_init__(self) -> None:
        object.__setattr__(self, "blueprint", _freeze_pairs(self.blueprint))
        object.__setattr__(self, "target_thetas", tuple(float(t) for t in self.target_thetas))
        object.__setattr__(self, "target_weights", tuple(float(w) for w in self.target_weights))
        object.__setattr__(self, "tolerance_thetas", tuple(float(t) for t in self.tolerance_thetas))
        object.__setattr__(self, "report_thetas", tuple(float(t) for t in self.report_thetas))
        object.__setattr__(self, "type_counts", tuple(self.type_counts))
        object.__setattr__(self, "enemy_sets", tuple(frozenset(s) for s in self.enemy_sets))
        if self.n_forms < 1:
            raise ValueError("n_forms must be at least 1")
        if not self.blueprint or any(n < 0 for _, n in self.blueprint):
            raise ValueError("blueprint needs at least one domain and non-negative counts")
        if len({d for d, _ in self.blueprint}) != len(self.blueprint):
            raise ValueError("blueprint lists a domain twice")
        if self.form_length < 1:
            raise ValueError("blueprint asks for an empty form")
        if self.target_weights and len(self.target_weights) != len(self.target_thetas):
            raise ValueError("target_weights must match target_thetas")
        if any(w <= 0 for w in self.target_weights):
            raise ValueError("target weights must be positive")
        if self.max_exposure is not None and self.max_exposure < 1:
            raise ValueError("max_exposure must be at least 1")
        if self.max_overlap is not None and self.max_overlap < 0:
            raise ValueError("max_overlap must be non-negative")
        if self.info_tolerance is not None and self.info_tolerance < 0:
            raise ValueError("info_tolerance must be non-negative")
        if self.tcc_tolerance is not None and self.tcc_tolerance < 0:
            raise ValueError("tcc_tolerance must be non-negative")
        if self.candidate_factor is not None and self.candidate_factor < 1:
            raise ValueError("candidate_factor must be at least 1 (or None for the whole bank)")
        if self.tolerance_mode not in ("absolute", "relative"):
            raise ValueError("tolerance_mode must be 'absolute' or 'relative'")

    @property
    def form_length(self) -> int:
        """Items per form (sum of the blueprint counts)."""
        return sum(n for _, n in self.blueprint)

    @property
    def maximin_points(self) -> tuple[tuple[float, float], ...]:
        """``(theta, weight)`` pairs of the maximin objective; the cut score comes first."""
        weights = self.target_weights or (1.0,) * len(self.target_thetas)
        return ((self.cut_theta, 1.0), *zip(self.target_thetas, weights, strict=True))

    @property
    def parallel_thetas(self) -> tuple[float, ...]:
        """Ability points where the tolerance constraints apply."""
        if self.tolerance_thetas:
            return self.tolerance_thetas
        return tuple(dict.fromkeys(t for t, _ in self.maximin_points))

    @property
    def effective_exposure(self) -> int:
        """Forms an item may appear on (capped at ``n_forms``)."""
        return min(self.max_exposure or self.n_forms, self.n_forms)

    @property
    def effective_overlap(self) -> int:
        """Items two forms may share (0 when no item may be reused)."""
        if self.effective_exposure == 1:
            return 0
        cap = self.form_length if self.max_overlap is None else self.max_overlap
        return min(cap, self.form_length)


@dataclass(frozen=True)
class AssembledForm:
    """One assembled form: items in bank order with information and TCC at the report points."""

    number: int
    item_ids: tuple[str, ...]
    information: tuple[float, ...]
    tcc: tuple[float, ...]
    cut_information: float
    domain_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class AssemblyResult:
    """Solution of :func:`assemble_forms`.

    ``thetas`` are the report points of every form's ``information``/``tcc``; ``objective`` is
    the achieved maximin value ``min_{f,k} I_f(theta_k) / w_k`` and ``bound`` an upper bound on
    it over the whole bank; ``gap = (bound - objective) / objective``. ``status`` is
    ``"optimal"`` (the solver closed its gap to ``mip_gap`` on the model it solved, i.e. the
    candidate pool) or ``"time_limit"`` (best feasible forms found in time); ``n_candidates`` is
    the size of the pool the MILP used.
    """

    forms: tuple[AssembledForm, ...]
    thetas: tuple[float, ...]
    objective: float
    bound: float
    status: str
    gap: float | None
    time_seconds: float
    max_pairwise_overlap: int
    n_candidates: int
    n_variables: int
    n_constraints: int


@dataclass
class _Pool:
    items: list[BankItem]
    index: dict[str, int]
    domain_of: NDArray[np.int64]
    excluded_exposed: Counter[str] = field(default_factory=Counter)


def _pool(items: Sequence[BankItem], spec: AssemblySpec) -> _Pool:
    ids = [it.id for it in items]
    if len(set(ids)) != len(ids):
        dupes = sorted(k for k, v in Counter(ids).items() if v > 1)
        raise ValueError(f"duplicate item ids in bank: {', '.join(dupes[:5])}")
    wanted = {d: k for k, (d, n) in enumerate(spec.blueprint) if n > 0}
    kept: list[BankItem] = []
    exposed: Counter[str] = Counter()
    for it in items:
        if it.domain not in wanted:
            continue
        if it.exposed:
            exposed[it.domain] += 1
            continue
        kept.append(it)
    return _Pool(
        items=kept,
        index={it.id: i for i, it in enumerate(kept)},
        domain_of=np.array([wanted[it.domain] for it in kept], dtype=np.int64),
        excluded_exposed=exposed,
    )


def _enemy_groups(pool: _Pool, spec: AssemblySpec) -> list[list[int]]:
    groups = []
    for members in spec.enemy_sets:
        idx = sorted(pool.index[m] for m in members if m in pool.index)
        if len(idx) >= 2:
            groups.append(idx)
    return groups


def _candidates(pool: _Pool, spec: AssemblySpec) -> _Pool:
    """Candidate pool: the most informative items per domain/type at each ability point."""
    factor = spec.candidate_factor
    if factor is None:
        return pool
    thetas = sorted({*(t for t, _ in spec.maximin_points), *spec.parallel_thetas})
    info = _thetas_info(pool, thetas)
    keep = np.zeros(len(pool.items), dtype=bool)
    groups: list[tuple[NDArray[np.int64], int]] = []
    for k, (_, count) in enumerate(spec.blueprint):
        if count > 0:
            groups.append((np.flatnonzero(pool.domain_of == k), count))
    types = np.array([it.item_type for it in pool.items], dtype=object)
    for tc in spec.type_counts:
        if tc.min_count > 0:
            groups.append((np.flatnonzero(types == tc.item_type), tc.min_count))
    for members, count in groups:
        m = math.ceil(factor * spec.n_forms * count)
        if members.size <= m:
            keep[members] = True
            continue
        for info_row in info:
            top = np.argpartition(-info_row[members], m - 1)[:m]
            keep[members[top]] = True
    if keep.all():
        return pool
    kept = [it for it, k in zip(pool.items, keep, strict=True) if k]
    return _Pool(
        items=kept,
        index={it.id: i for i, it in enumerate(kept)},
        domain_of=pool.domain_of[keep],
        excluded_exposed=pool.excluded_exposed,
    )


def precheck_assembly(items: Sequence[BankItem], spec: AssemblySpec) -> list[str]:
    """Counting checks run before solving; returns shortfall messages (empty when they pass).

    Necessary conditions only: per domain and item type, supply on one form (after enemy sets)
    and across all forms (after the exposure cap, and after the overlap cap via the Bonferroni
    bound ``sum_pairs |A_f & A_g| >= sum_f |A_f| - |union_f A_f|``).
    """
    pool = _pool(items, spec)
    n_forms = spec.n_forms
    k_eff = spec.effective_exposure
    o_eff = spec.effective_overlap
    reasons: list[str] = []

    dom_items: dict[str, list[int]] = defaultdict(list)
    type_items: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(pool.items):
        dom_items[it.domain].append(i)
        type_items[it.item_type].append(i)
    enemy_of: dict[int, list[int]] = defaultdict(list)
    for g, members in enumerate(_enemy_groups(pool, spec)):
        for i in members:
            enemy_of[i].append(g)

    def excluded_note(domain: str) -> str:
        n = pool.excluded_exposed.get(domain, 0)
        return f"; {plural(n, 'more item')} excluded by the exposure flag" if n else ""

    def per_form_cap(members: list[int]) -> int:
        free = sum(1 for i in members if not enemy_of[i])
        sets = {g for i in members for g in enemy_of[i]}
        enemy_items = len(members) - free
        return free + min(len(sets), enemy_items)

    shared_needed: list[tuple[str, int]] = []
    for domain, need in spec.blueprint:
        if need == 0:
            continue
        members = dom_items.get(domain, [])
        have = len(members)
        if have < need:
            reasons.append(
                f"Domain '{domain}' needs {plural(need, 'item')} on each form, but the bank has "
                f"only {have} approved {'item' if have == 1 else 'items'} in it "
                f"({need - have} short{excluded_note(domain)})."
            )
            continue
        cap = per_form_cap(members)
        if cap < need:
            reasons.append(
                f"Domain '{domain}' needs {plural(need, 'item')} on each form, but enemy-item "
                f"rules allow at most {cap} of its {have} approved items on one form "
                f"({need - cap} short)."
            )
            continue
        if n_forms > 1 and o_eff == 0 and have < n_forms * need:
            reasons.append(
                f"Domain '{domain}' needs {need} items per form × {n_forms} forms with no "
                f"overlap, bank has {have} approved ({n_forms * need - have} short"
                f"{excluded_note(domain)})."
            )
            continue
        if k_eff < n_forms and have * k_eff < n_forms * need:
            reasons.append(
                f"Domain '{domain}' needs {need} items × {n_forms} forms = {n_forms * need} "
                f"item uses, but each of its {have} approved items may appear on at most "
                f"{plural(k_eff, 'form')} ({have * k_eff} uses, "
                f"{n_forms * need - have * k_eff} short)."
            )
            continue
        if n_forms * need > have:
            shared_needed.append((domain, n_forms * need - have))

    if n_forms > 1 and o_eff > 0 and shared_needed:
        pairs = n_forms * (n_forms - 1) // 2
        needed = sum(n for _, n in shared_needed)
        allowed = pairs * o_eff
        if needed > allowed:
            detail = ", ".join(f"'{d}' {n}" for d, n in shared_needed)
            reasons.append(
                f"The {n_forms} forms would have to share at least {needed} item places "
                f"(repeats needed per domain: {detail}), but an overlap cap of "
                f"{plural(o_eff, 'item')} per pair of forms allows only {allowed} across "
                f"{pairs} pairs ({needed - allowed} short)."
            )

    length = spec.form_length
    min_total = 0
    all_have_max = True
    max_total = 0
    for tc in spec.type_counts:
        need = tc.min_count
        min_total += need
        if tc.max_count is None:
            all_have_max = False
        else:
            max_total += tc.max_count
        have = len(type_items.get(tc.item_type, []))
        if need == 0:
            continue
        if have < need:
            reasons.append(
                f"Item type '{tc.item_type}' needs at least {plural(need, 'item')} on each "
                f"form, but the bank has only {have} approved in the blueprint domains "
                f"({need - have} short)."
            )
        elif n_forms > 1 and o_eff == 0 and have < n_forms * need:
            reasons.append(
                f"Item type '{tc.item_type}' needs {need} items per form × {n_forms} forms "
                f"with no overlap, bank has {have} approved ({n_forms * need - have} short)."
            )
        elif k_eff < n_forms and have * k_eff < n_forms * need:
            reasons.append(
                f"Item type '{tc.item_type}' needs {n_forms * need} item uses over "
                f"{n_forms} forms, but its {have} approved items may each appear on at most "
                f"{plural(k_eff, 'form')} ({n_forms * need - have * k_eff} short)."
            )
    if min_total > length:
        reasons.append(
            f"Item-type minimums add up to {min_total} items, but a form has only "
            f"{length} items ({min_total - length} too many)."
        )
    covered = {tc.item_type for tc in spec.type_counts}
    if spec.type_counts and all_have_max and set(type_items) <= covered and max_total < length:
        reasons.append(
            f"Item-type maximums allow only {max_total} items per form, but the blueprint "
            f"needs {length} ({length - max_total} short)."
        )
    return reasons


def _thetas_info(pool: _Pool, thetas: Sequence[float]) -> FloatArray:
    a = np.array([it.a for it in pool.items], dtype=float)
    d = np.array([it.d for it in pool.items], dtype=float)
    c = np.array([it.c for it in pool.items], dtype=float)
    if not thetas or a.size == 0:
        return np.zeros((len(thetas), a.size))
    return info_3pl(np.asarray(thetas, dtype=float), a, d, c)


def _thetas_prob(pool: _Pool, thetas: Sequence[float]) -> FloatArray:
    a = np.array([it.a for it in pool.items], dtype=float)
    d = np.array([it.d for it in pool.items], dtype=float)
    c = np.array([it.c for it in pool.items], dtype=float)
    if not thetas or a.size == 0:
        return np.zeros((len(thetas), a.size))
    return prob_3pl(np.asarray(thetas, dtype=float), a, d, c)


@dataclass
class _Built:
    model: MilpModel
    x: NDArray[np.int64]  # (F, N) column indices
    y: int


def _usage_patterns(spec: AssemblySpec, *, elastic: bool) -> list[frozenset[int]]:
    """Sets of forms an item may be used on, or ``[]`` to use the pairwise ``z`` linearisation.

    Patterns are used when the overlap cap can bind and there are at most
    ``_MAX_PATTERNS`` of them (subsets of size <= exposure cap; all subsets in elastic mode so
    that the exposure cap itself can be relaxed).
    """
    n_forms = spec.n_forms
    k_eff = spec.effective_exposure
    if n_forms < 2 or k_eff < 2 or spec.effective_overlap >= spec.form_length:
        return []
    top = n_forms if elastic else k_eff
    pats = [
        frozenset(c)
        for size in range(1, top + 1)
        for c in itertools.combinations(range(n_forms), size)
    ]
    return pats if len(pats) <= _MAX_PATTERNS else []


def _build(pool: _Pool, spec: AssemblySpec, *, elastic: bool = False) -> _Built:
    n = len(pool.items)
    n_forms = spec.n_forms
    model = MilpModel()
    patterns = _usage_patterns(spec, elastic=elastic)
    with_overlap = (
        n_forms > 1 and spec.effective_exposure >= 2 and spec.effective_overlap < spec.form_length
    )
    x = model.add_vars(n_forms * n, lb=0, ub=1, integer=not patterns).reshape(n_forms, n)
    y = int(model.add_vars(1, lb=0, ub=np.inf, integer=False, cost=-1.0)[0])

    # Blueprint: exact count per domain per form.
    dom_names = [d for d, c in spec.blueprint if c > 0]
    dom_need = [c for _, c in spec.blueprint if c > 0]
    n_dom = len(dom_names)
    rows = (np.arange(n_forms)[:, None] * n_dom + pool.domain_of[None, :]).ravel()
    need = np.tile(np.asarray(dom_need, dtype=float), n_forms)
    tags = [(f, dom_names[k], dom_need[k]) for f in range(n_forms) for k in range(n_dom)]
    model.add_constraints("blueprint", rows, x.ravel(), 1.0, need, need, tags)

    # Item types.
    types = np.array([it.item_type for it in pool.items], dtype=object)
    for tc in spec.type_counts:
        members = np.flatnonzero(types == tc.item_type)
        lo = float(tc.min_count)
        hi = np.inf if tc.max_count is None else float(tc.max_count)
        if lo <= 0 and hi >= len(members):
            continue
        rows = np.repeat(np.arange(n_forms), members.size)
        model.add_constraints(
            "types",
            rows,
            x[:, members].ravel(),
            1.0,
            np.full(n_forms, lo),
            np.full(n_forms, hi),
            [(f, tc) for f in range(n_forms)],
        )

    # Enemy sets: at most one member per form.
    groups = _enemy_groups(pool, spec)
    if groups:
        r_list, c_list, tag_list = [], [], []
        row = 0
        for enemies in groups:
            ids = tuple(pool.items[i].id for i in enemies)
            for f in range(n_forms):
                r_list.append(np.full(len(enemies), row))
                c_list.append(x[f, enemies])
                tag_list.append((f, ids))
                row += 1
        model.add_constraints(
            "enemy",
            np.concatenate(r_list),
            np.concatenate(c_list),
            1.0,
            np.full(row, -np.inf),
            np.ones(row),
            tag_list,
        )

    # Exposure and pairwise overlap.
    k_eff = spec.effective_exposure
    if patterns:
        # Pattern formulation: w[i, P] = 1 when item i is used on exactly the forms in P. Each
        # item picks at most one pattern, so its usage polytope is integral and the overlap of
        # forms f and g is the number of items whose pattern contains both.
        n_pat = len(patterns)
        w = model.add_vars(n * n_pat, lb=0, ub=1, integer=True).reshape(n, n_pat)
        # x[f, i] - sum_{P contains f} w[i, P] = 0
        r_list, c_list, v_list = [], [], []
        for f in range(n_forms):
            pats = [p for p, members in enumerate(patterns) if f in members]
            base = f * n + np.arange(n)
            r_list += [base, np.repeat(base, len(pats))]
            c_list += [x[f], w[:, pats].ravel()]
            v_list += [np.ones(n), -np.ones(n * len(pats))]
        model.add_constraints(
            "pattern_link",
            np.concatenate(r_list),
            np.concatenate(c_list),
            np.concatenate(v_list),
            np.zeros(n_forms * n),
            np.zeros(n_forms * n),
        )
        model.add_constraints(
            "one_pattern",
            np.repeat(np.arange(n), n_pat),
            w.ravel(),
            1.0,
            np.full(n, -np.inf),
            np.ones(n),
        )
        excess = np.array([max(0, len(p) - k_eff) for p in patterns], dtype=float)
        if excess.any():  # only in elastic mode: patterns beyond the exposure cap
            cols = np.flatnonzero(excess)
            model.add_constraints(
                "exposure",
                np.repeat(np.arange(n), cols.size),
                w[:, cols].ravel(),
                np.tile(excess[cols], n),
                np.full(n, -np.inf),
                np.zeros(n),
                [(pool.items[i].id, k_eff) for i in range(n)],
            )
        if with_overlap:
            pairs = list(itertools.combinations(range(n_forms), 2))
            r_list, c_list = [], []
            for row, (f, g) in enumerate(pairs):
                pats = [p for p, members in enumerate(patterns) if f in members and g in members]
                r_list.append(np.full(n * len(pats), row))
                c_list.append(w[:, pats].ravel())
            model.add_constraints(
                "overlap",
                np.concatenate(r_list),
                np.concatenate(c_list),
                1.0,
                np.full(len(pairs), -np.inf),
                np.full(len(pairs), float(spec.effective_overlap)),
                [(f, g, spec.effective_overlap) for f, g in pairs],
            )
    else:
        if n_forms > 1 and k_eff < n_forms:
            model.add_constraints(
                "exposure",
                np.tile(np.arange(n), n_forms),
                x.ravel(),
                1.0,
                np.full(n, -np.inf),
                np.full(n, float(k_eff)),
                [(pool.items[i].id, k_eff) for i in range(n)],
            )
        if with_overlap:
            # z[p, i] >= x[f, i] + x[g, i] - 1 and sum_i z[p, i] <= cap (continuous z).
            o_eff = spec.effective_overlap
            pairs = list(itertools.combinations(range(n_forms), 2))
            z = model.add_vars(len(pairs) * n, lb=0, ub=1, integer=False).reshape(len(pairs), n)
            link_rows = np.arange(len(pairs) * n)
            r3 = np.concatenate([link_rows, link_rows, link_rows])
            c3 = np.concatenate(
                [
                    np.concatenate([x[f] for f, _ in pairs]),
                    np.concatenate([x[g] for _, g in pairs]),
                    z.ravel(),
                ]
            )
            v3 = np.concatenate([np.ones(2 * link_rows.size), -np.ones(link_rows.size)])
            model.add_constraints(
                "overlap_link",
                r3,
                c3,
                v3,
                np.full(link_rows.size, -np.inf),
                np.ones(link_rows.size),
            )
            model.add_constraints(
                "overlap",
                np.repeat(np.arange(len(pairs)), n),
                z.ravel(),
                1.0,
                np.full(len(pairs), -np.inf),
                np.full(len(pairs), float(o_eff)),
                [(f, g, o_eff) for f, g in pairs],
            )

    # Maximin: I_f(theta_k) - w_k * y >= 0.
    points = spec.maximin_points
    info_t = _thetas_info(pool, [t for t, _ in points])
    r_list, c_list, v_list = [], [], []
    row = 0
    for f in range(n_forms):
        for k, (_, weight) in enumerate(points):
            r_list.append(np.full(n + 1, row))
            c_list.append(np.append(x[f], y))
            v_list.append(np.append(info_t[k], -weight))
            row += 1
    model.add_constraints(
        "maximin",
        np.concatenate(r_list),
        np.concatenate(c_list),
        np.concatenate(v_list),
        np.zeros(row),
        np.full(row, np.inf),
    )

    # Parallelism of information (and TCC) curves.
    par = spec.parallel_thetas
    if n_forms > 1 and spec.info_tolerance is not None:
        info_p = _thetas_info(pool, par)
        if spec.tolerance_mode == "absolute":
            _pairwise_band(model, "tolerance", x, info_p, par, spec.info_tolerance)
        else:
            _relative_band(model, x, info_p, par, spec.info_tolerance)
    if n_forms > 1 and spec.tcc_tolerance is not None:
        prob_p = _thetas_prob(pool, par)
        _pairwise_band(model, "tcc", x, prob_p, par, spec.tcc_tolerance)
    return _Built(model=model, x=x, y=y)


def _pairwise_band(
    model: MilpModel,
    family: str,
    x: NDArray[np.int64],
    values: FloatArray,
    thetas: Sequence[float],
    tol: float,
) -> None:
    n_forms, n = x.shape
    r_list, c_list, v_list, tags = [], [], [], []
    row = 0
    for k, theta in enumerate(thetas):
        for f, g in itertools.combinations(range(n_forms), 2):
            r_list.append(np.full(2 * n, row))
            c_list.append(np.concatenate([x[f], x[g]]))
            v_list.append(np.concatenate([values[k], -values[k]]))
            tags.append((theta, f, g, tol))
            row += 1
    model.add_constraints(
        family,
        np.concatenate(r_list),
        np.concatenate(c_list),
        np.concatenate(v_list),
        np.full(row, -tol),
        np.full(row, tol),
        tags,
    )


def _relative_band(
    model: MilpModel,
    x: NDArray[np.int64],
    values: FloatArray,
    thetas: Sequence[float],
    tol: float,
) -> None:
    # |I_f - m| <= tol * m with m = mean_g I_g, written as two rows per (theta, form):
    # I_f - (1 + tol) m <= 0 and I_f - (1 - tol) m >= 0.
    n_forms, n = x.shape
    r_list, c_list, v_list, lbs, ubs, tags = [], [], [], [], [], []
    row = 0
    for k, theta in enumerate(thetas):
        for f in range(n_forms):
            for factor, lo, hi in ((1 + tol, -np.inf, 0.0), (1 - tol, 0.0, np.inf)):
                coef = np.full(n_forms, -factor / n_forms)
                coef[f] += 1.0
                r_list.append(np.full(n_forms * n, row))
                c_list.append(x.ravel())
                v_list.append((coef[:, None] * values[k][None, :]).ravel())
                lbs.append(lo)
                ubs.append(hi)
                tags.append((theta, f, None, tol))
                row += 1
    model.add_constraints(
        "tolerance",
        np.concatenate(r_list),
        np.concatenate(c_list),
        np.concatenate(v_list),
        np.asarray(lbs),
        np.asarray(ubs),
        tags,
    )


def _describe_slack(spec: AssemblySpec) -> dict[str, Callable[[SlackRow], str]]:
    def blueprint(row: SlackRow) -> str:
        f, domain, need = row.tag
        if row.below > 0:
            short = math.ceil(row.below - 1e-6)
            return (
                f"Form {f + 1}: domain '{domain}' can get only {need - short} of its {need} "
                f"blueprint items ({short} short) once the other rules are applied."
            )
        over = math.ceil(row.above - 1e-6)
        return f"Form {f + 1}: domain '{domain}' would need {over} more than its {need} items."

    def types(row: SlackRow) -> str:
        f, tc = row.tag
        if row.below > 0:
            return (
                f"Form {f + 1}: only {math.floor(tc.min_count - row.below + 1e-6)} items of "
                f"type '{tc.item_type}' fit, at least {tc.min_count} are required "
                f"({math.ceil(row.below - 1e-6)} short)."
            )
        return (
            f"Form {f + 1}: would need {math.ceil(tc.max_count + row.above - 1e-6)} items of "
            f"type '{tc.item_type}', at most {tc.max_count} are allowed."
        )

    def enemy(row: SlackRow) -> str:
        f, ids = row.tag
        return (
            f"Form {f + 1} would need {math.ceil(1 + row.above - 1e-6)} items of the enemy set "
            f"{{{', '.join(ids)}}} together."
        )

    def exposure(row: SlackRow) -> str:
        item_id, k = row.tag
        return (
            f"Item {item_id} would be needed on {math.ceil(k + row.above - 1e-6)} forms, "
            f"but the exposure cap is {plural(k, 'form')}."
        )

    def overlap(row: SlackRow) -> str:
        f, g, cap = row.tag
        over = math.ceil(row.above - 1e-6)
        return (
            f"Forms {f + 1} and {g + 1} would have to share {plural(cap + over, 'item')}; the "
            f"overlap cap is {cap} ({over} over)."
        )

    def band(what: str) -> Callable[[SlackRow], str]:
        def fmt(row: SlackRow) -> str:
            theta, f, g, tol = row.tag
            excess = max(row.below, row.above)
            if g is None:
                return (
                    f"{what} at θ = {theta:+.2f}: form {f + 1} would be {excess:.3g} outside "
                    f"the band of ±{tol:.0%} around the mean form."
                )
            return (
                f"{what} at θ = {theta:+.2f}: forms {f + 1} and {g + 1} would differ by "
                f"{tol + excess:.3g}, the tolerance is {tol:.3g} ({excess:.3g} over)."
            )

        return fmt

    return {
        "blueprint": blueprint,
        "types": types,
        "enemy": enemy,
        "exposure": exposure,
        "overlap": overlap,
        "tolerance": band("Test information"),
        "tcc": band("Expected score (TCC)"),
    }


def assemble_forms(items: Sequence[BankItem], spec: AssemblySpec) -> AssemblyResult:
    """Assemble ``spec.n_forms`` parallel forms from ``items`` by maximin MILP.

    Model: van der Linden (2005, "Linear Models for Optimal Test Design") simultaneous ATA —
    binary ``x[f, i]``; maximise ``y`` s.t. ``sum_i I_i(theta_k) x[f, i] >= w_k y`` for all
    forms and target points (Theunissen, 1985; van der Linden & Boekkooi-Timminga, 1989), exact
    blueprint counts, item-type ranges, enemy sets, exposure and pairwise overlap caps and
    information/TCC tolerance bands (see the module docstring). Solved with HiGHS within
    ``spec.time_limit`` seconds to relative gap ``spec.mip_gap``, first over the candidate pool
    (``spec.candidate_factor``; the whole bank if the pool admits no solution), then the LP
    relaxation over the whole bank gives the reported ``bound`` and ``gap``.

    Raises :class:`~aicert.optimize.explain.InfeasibleError` with manager-readable reasons when
    no forms exist (counting checks first, then an elastic re-solve), and
    :class:`~aicert.optimize.explain.SolverLimitError` when the time limit passes before any
    feasible set of forms is found.
    """
    reasons = precheck_assembly(items, spec)
    if reasons:
        raise InfeasibleError(
            reasons, stage="precheck", summary="The forms cannot be assembled from this bank:"
        )
    start = time.perf_counter()
    full = _pool(items, spec)
    pool = _candidates(full, spec)
    built = _build(pool, spec)
    sol = built.model.solve(time_limit=spec.time_limit, mip_gap=spec.mip_gap)
    if pool is not full and sol.x is None:
        # The candidate pool admits no solution (or none in time): fall back to the whole bank.
        pool = full
        built = _build(pool, spec)
        remaining = max(1.0, spec.time_limit - (time.perf_counter() - start))
        sol = built.model.solve(time_limit=remaining, mip_gap=spec.mip_gap)
    if sol.status == "infeasible":
        elastic = _build(pool, spec, elastic=True).model.solve(
            time_limit=spec.time_limit, mip_gap=1e-6, elastic=_ELASTIC_WEIGHTS
        )
        describe = _describe_slack(spec)
        reasons = explain_slack(elastic.slack, describe)
        if not reasons:
            reasons = [
                "The blueprint, enemy, exposure, overlap and tolerance rules cannot all hold "
                "together, and no single rule could be isolated within the time limit."
            ]
        raise InfeasibleError(
            reasons,
            stage="elastic",
            summary="The forms cannot be assembled; relaxing these rules would make it possible:",
        )
    if sol.x is None:
        raise SolverLimitError(
            f"No set of {spec.n_forms} forms was found within the {spec.time_limit:g} s time "
            "limit (the rules were not proven contradictory). Allow more time or relax the "
            "overlap, exposure or information tolerance."
        )

    # Upper bound on the maximin value: the solver's dual bound for the model solved, and
    # the LP relaxation over the whole bank when a candidate pool was used.
    bound = -sol.dual_bound if sol.dual_bound is not None else math.inf
    if pool is not full:
        remaining = max(1.0, spec.time_limit - (time.perf_counter() - start))
        lp = _build(full, spec).model.solve(time_limit=remaining, relax=True)
        if lp.status == "optimal" and lp.objective is not None:
            bound = max(bound, -lp.objective)
        else:  # no valid bound over the whole bank: report no gap rather than a wrong one
            bound = math.inf
    chosen = sol.x[built.x.ravel()].reshape(built.x.shape) > 0.5
    result = _result(pool, spec, chosen, sol, built, bound)
    return dataclasses.replace(result, time_seconds=time.perf_counter() - start)


def _result(
    pool: _Pool,
    spec: AssemblySpec,
    chosen: NDArray[np.bool_],
    sol: MilpSolution,
    built: _Built,
    bound: float,
) -> AssemblyResult:
    thetas = tuple(sorted({*spec.report_thetas, *(t for t, _ in spec.maximin_points)}))
    info_r = _thetas_info(pool, thetas)
    prob_r = _thetas_prob(pool, thetas)
    info_cut = _thetas_info(pool, [t for t, _ in spec.maximin_points])
    weights = np.array([w for _, w in spec.maximin_points])
    forms = []
    objective = np.inf
    for f in range(spec.n_forms):
        sel = np.flatnonzero(chosen[f])
        per_point = info_cut[:, sel].sum(axis=1)
        objective = min(objective, float(np.min(per_point / weights)))
        counts = Counter(pool.items[i].domain for i in sel)
        forms.append(
            AssembledForm(
                number=f + 1,
                item_ids=tuple(pool.items[i].id for i in sel),
                information=tuple(float(v) for v in info_r[:, sel].sum(axis=1)),
                tcc=tuple(float(v) for v in prob_r[:, sel].sum(axis=1)),
                cut_information=float(per_point[0]),
                domain_counts=tuple((d, counts.get(d, 0)) for d, _ in spec.blueprint),
            )
        )
    overlap = 0
    for f, g in itertools.combinations(range(spec.n_forms), 2):
        overlap = max(overlap, int(np.sum(chosen[f] & chosen[g])))
    bound = max(bound, objective)
    gap = (bound - objective) / max(abs(objective), 1e-9) if math.isfinite(bound) else None
    return AssemblyResult(
        forms=tuple(forms),
        thetas=thetas,
        objective=float(objective),
        bound=float(bound),
        status="optimal" if sol.status == "optimal" else "time_limit",
        gap=gap,
        time_seconds=sol.time_seconds,
        max_pairwise_overlap=overlap,
        n_candidates=len(pool.items),
        n_variables=built.model.n_vars,
        n_constraints=built.model.n_rows,
    )


def check_forms(
    items: Sequence[BankItem], spec: AssemblySpec, forms: Sequence[Sequence[str]]
) -> list[str]:
    """Check hand-made or edited forms against the same rules as :func:`assemble_forms`.

    Returns one sentence per violation (empty list when the forms are valid): unknown or
    duplicated items, exposure-flagged items, blueprint and item-type counts, enemy sets,
    exposure and overlap caps, and the information/TCC tolerance bands at the tolerance points.
    """
    by_id = {it.id: it for it in items}
    blueprint = dict(spec.blueprint)
    problems: list[str] = []
    if len(forms) != spec.n_forms:
        problems.append(f"{plural(spec.n_forms, 'form')} are required, {len(forms)} given.")
    sets: list[set[str]] = []
    for f, form in enumerate(forms, start=1):
        seen = Counter(form)
        for item_id, n in seen.items():
            if n > 1:
                problems.append(f"Form {f}: item {item_id} appears {n} times.")
        known = [by_id[i] for i in seen if i in by_id]
        for item_id in seen:
            if item_id not in by_id:
                problems.append(f"Form {f}: item {item_id} is not in the bank.")
        for it in known:
            if it.exposed:
                problems.append(f"Form {f}: item {it.id} is flagged for over-exposure.")
            if blueprint.get(it.domain, 0) == 0:
                problems.append(
                    f"Form {f}: item {it.id} is from domain '{it.domain}', "
                    "which is not in the blueprint."
                )
        counts = Counter(it.domain for it in known)
        for domain, need in spec.blueprint:
            got = counts.get(domain, 0)
            if got != need:
                diff = f"{need - got} short" if got < need else f"{got - need} too many"
                problems.append(
                    f"Form {f}: domain '{domain}' has {got} items, the blueprint needs {need} "
                    f"({diff})."
                )
        tcounts = Counter(it.item_type for it in known)
        for tc in spec.type_counts:
            got = tcounts.get(tc.item_type, 0)
            if got < tc.min_count:
                problems.append(
                    f"Form {f}: {got} items of type '{tc.item_type}', at least "
                    f"{tc.min_count} required ({tc.min_count - got} short)."
                )
            if tc.max_count is not None and got > tc.max_count:
                problems.append(
                    f"Form {f}: {got} items of type '{tc.item_type}', at most "
                    f"{tc.max_count} allowed ({got - tc.max_count} too many)."
                )
        ids = set(seen)
        for members in spec.enemy_sets:
            together = sorted(ids & members)
            if len(together) > 1:
                problems.append(
                    f"Form {f}: enemy items {', '.join(together)} are on the same form."
                )
        sets.append(ids)
    usage = Counter(i for s in sets for i in s)
    k = spec.max_exposure
    if k is not None:
        for item_id, n in sorted(usage.items()):
            if n > k:
                problems.append(
                    f"Item {item_id} is on {n} forms; the exposure cap is {plural(k, 'form')}."
                )
    if spec.max_overlap is not None:
        for (f, a), (g, b) in itertools.combinations(enumerate(sets, start=1), 2):
            shared = len(a & b)
            if shared > spec.max_overlap:
                problems.append(
                    f"Forms {f} and {g} share {shared} items; the overlap cap is "
                    f"{spec.max_overlap} ({shared - spec.max_overlap} over)."
                )
    if len(sets) > 1 and (spec.info_tolerance is not None or spec.tcc_tolerance is not None):
        par = spec.parallel_thetas
        info_curves, tcc_curves = [], []
        for form_ids in sets:
            its = [by_id[i] for i in form_ids if i in by_id]
            a_par = np.array([it.a for it in its])
            d_par = np.array([it.d for it in its])
            c_par = np.array([it.c for it in its])
            if its:
                info_curves.append(info_3pl(par, a_par, d_par, c_par).sum(axis=1))
                tcc_curves.append(prob_3pl(par, a_par, d_par, c_par).sum(axis=1))
            else:
                info_curves.append(np.zeros(len(par)))
                tcc_curves.append(np.zeros(len(par)))
        info_m = np.array(info_curves)
        tcc_m = np.array(tcc_curves)
        tol = spec.info_tolerance
        if tol is not None and spec.tolerance_mode == "absolute":
            problems += _band_violations("Test information", info_m, par, tol)
        elif tol is not None:
            mean = info_m.mean(axis=0)
            for k_, theta in enumerate(par):
                for f in range(info_m.shape[0]):
                    dev = abs(info_m[f, k_] - mean[k_])
                    if dev > tol * mean[k_] + 1e-6:
                        problems.append(
                            f"Test information at θ = {theta:+.2f}: form {f + 1} is "
                            f"{dev / mean[k_]:.1%} from the mean form (tolerance {tol:.0%})."
                        )
        if spec.tcc_tolerance is not None:
            problems += _band_violations("Expected score (TCC)", tcc_m, par, spec.tcc_tolerance)
    return problems


def _band_violations(
    what: str, curves: FloatArray, thetas: Sequence[float], tol: float
) -> list[str]:
    out = []
    for k, theta in enumerate(thetas):
        for f, g in itertools.combinations(range(curves.shape[0]), 2):
            diff = abs(curves[f, k] - curves[g, k])
            if diff > tol + 1e-6:
                out.append(
                    f"{what} at θ = {theta:+.2f}: forms {f + 1} and {g + 1} differ by "
                    f"{diff:.3g}, the tolerance is {tol:.3g}."
                )
    return out
