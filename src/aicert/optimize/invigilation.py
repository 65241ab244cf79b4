"""Invigilator-to-room assignment as a mixed-integer programme, and rule checking of edits.

Model (an assignment/staff-scheduling MILP in the style of exam-timetabling invigilator models,
e.g. Awad & Chinneck, 1998, "Proctor assignment at Carleton University", Interfaces 28(2); see
also Ernst et al., 2004, "Staff scheduling and rostering: a review", EJOR 153):

* ``a[s, j] = 1`` when invigilator ``j`` works in room-session ``s``; ``c[s, j] = 1`` when ``j``
  is its chief (``c <= a``). Variables exist only for *eligible* pairs: same region as the
  centre, available for the whole session window, and no conflict of interest (no declared
  affiliation of ``j`` shared with the candidates sitting in ``s``);
* staffing: ``sum_j a[s, j] = r_s`` with ``r_s = max(min_per_room, ceil(candidates / ratio))``.
  The optimiser staffs exactly ``r_s`` (more would only dilute the workload balance);
  :func:`validate_assignment` accepts ``>= r_s`` so a manager may add people;
* exactly one chief per room-session, drawn from chief-eligible staff;
* one place at a time: for every invigilator and every maximal set of mutually overlapping
  sessions (a clique of the interval graph, found at session start times),
  ``sum_s a[s, j] <= 1``;
* optional per-invigilator ``max_sessions``;
* workload balance: minimise ``|pool| * L + sum_j phi(l_j)`` where ``l_j`` is invigilator
  ``j``'s number of sessions, ``L >= l_j`` the maximum load, ``t = floor(sum_s r_s / |pool|)``
  the fair share over the pool of invigilators eligible for at least one session, and
  ``phi(l) = max(0, t - l) + sum_{d=0}^{5} max(0, l - t - d)`` a convex piecewise-linear
  penalty (a linearised squared deviation from the fair share). The heavy weight on ``L``
  keeps the busiest person's load down; ``phi`` spreads the rest evenly (with the total fixed,
  minimising a sum of convex penalties prefers the most even distribution), so when everybody
  can work anywhere the loads differ by at most one.

Invigilators never leave their region, so the programme separates by region: one MILP per
region (each with its own fair share) shares the time limit. Solved with HiGHS (:func:`scipy.optimize.milp`) under a time limit and relative MIP gap.
Infeasibility is reported in words: per-room and per-time-slot counting checks first, then an
elastic re-solve (Chinneck, 2008) that names the rooms left short.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from aicert.optimize.explain import (
    InfeasibleError,
    MilpModel,
    SlackRow,
    SolverLimitError,
    explain_slack,
    plural,
)

# Number of unit-slope steps of the convex workload penalty above the fair share.
_BALANCE_LEVELS = 6

__all__ = [
    "Assignment",
    "InvigilationPlan",
    "InvigilationProblem",
    "Invigilator",
    "RoomSession",
    "TimeWindow",
    "Violation",
    "assign_invigilators",
    "eligibility",
    "precheck_invigilation",
    "validate_assignment",
]


@dataclass(frozen=True)
class TimeWindow:
    """Half-open interval ``[start, end)``; windows that merely touch do not overlap."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a time window must end after it starts")

    def overlaps(self, other: TimeWindow) -> bool:
        """True when the two windows share some time."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: TimeWindow) -> bool:
        """True when ``other`` lies entirely inside this window."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class RoomSession:
    """One room in one exam session: who sits there and when."""

    id: str
    room: str
    center: str
    region: str
    window: TimeWindow
    candidates: int
    candidate_affiliations: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidate_affiliations", frozenset(self.candidate_affiliations))
        if self.candidates < 0:
            raise ValueError("candidate count must be non-negative")

    @property
    def label(self) -> str:
        """E.g. ``"Room 301 (Centre Nord) on 2026-12-05 09:00"``."""
        return f"{self.room} ({self.center}) on {self.window.start:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class Invigilator:
    """A staff member who can invigilate in ``region`` during the ``availability`` windows."""

    id: str
    region: str
    name: str = ""
    chief_eligible: bool = False
    availability: tuple[TimeWindow, ...] = ()
    affiliations: frozenset[str] = frozenset()
    max_sessions: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "availability", _merge(self.availability))
        object.__setattr__(self, "affiliations", frozenset(self.affiliations))
        if self.max_sessions is not None and self.max_sessions < 0:
            raise ValueError("max_sessions must be non-negative")

    @property
    def label(self) -> str:
        return self.name or self.id

    def is_available(self, window: TimeWindow) -> bool:
        """True when one (merged) availability window covers ``window`` entirely."""
        return any(av.contains(window) for av in self.availability)


def _merge(windows: Iterable[TimeWindow]) -> tuple[TimeWindow, ...]:
    merged: list[TimeWindow] = []
    for w in sorted(windows, key=lambda w: (w.start, w.end)):
        if merged and w.start <= merged[-1].end:
            if w.end > merged[-1].end:
                merged[-1] = TimeWindow(merged[-1].start, w.end)
        else:
            merged.append(w)
    return tuple(merged)


@dataclass(frozen=True)
class InvigilationProblem:
    """Room-sessions, invigilators and the staffing rule ``max(min_per_room, ceil(n / ratio))``."""

    sessions: tuple[RoomSession, ...]
    invigilators: tuple[Invigilator, ...]
    ratio: int = 30
    min_per_room: int = 2
    time_limit: float = 10.0
    mip_gap: float = 1e-4

    def __post_init__(self) -> None:
        object.__setattr__(self, "sessions", tuple(self.sessions))
        object.__setattr__(self, "invigilators", tuple(self.invigilators))
        if self.ratio < 1 or self.min_per_room < 1:
            raise ValueError("ratio and min_per_room must be at least 1")
        for what, ids in (
            ("room-session", [s.id for s in self.sessions]),
            ("invigilator", [j.id for j in self.invigilators]),
        ):
            dupes = [k for k, v in Counter(ids).items() if v > 1]
            if dupes:
                raise ValueError(f"duplicate {what} ids: {', '.join(sorted(dupes)[:5])}")

    def required(self, session: RoomSession) -> int:
        """Invigilators needed in ``session``: ``max(min_per_room, ceil(candidates / ratio))``."""
        return max(self.min_per_room, math.ceil(session.candidates / self.ratio))


@dataclass(frozen=True)
class Assignment:
    """Invigilator ``invigilator_id`` works in room-session ``session_id`` (as chief or not)."""

    session_id: str
    invigilator_id: str
    chief: bool = False


@dataclass(frozen=True)
class InvigilationPlan:
    """Result of :func:`assign_invigilators`.

    ``loads`` gives every invigilator's number of sessions; ``max_load``/``min_load`` are taken
    over invigilators eligible for at least one session. ``status`` is ``"optimal"`` (within the
    MIP gap) or ``"time_limit"`` (best plan found in time); ``gap`` is the relative MIP gap.
    """

    assignments: tuple[Assignment, ...]
    loads: tuple[tuple[str, int], ...]
    max_load: int
    min_load: int
    status: str
    gap: float | None
    objective: float
    time_seconds: float
    n_variables: int
    n_constraints: int

    def for_session(self, session_id: str) -> tuple[Assignment, ...]:
        """Assignments of one room-session, chief first."""
        return tuple(a for a in self.assignments if a.session_id == session_id)


@dataclass(frozen=True)
class Violation:
    """A broken rule in an assignment; ``message`` is the sentence to show the manager.

    ``rule`` is one of ``unknown``, ``duplicate``, ``staffing``, ``chief``, ``chief_eligibility``,
    ``region``, ``availability``, ``conflict_of_interest``, ``double_booking``, ``max_sessions``.
    """

    rule: str
    message: str
    session_id: str | None = None
    invigilator_id: str | None = None

    def __str__(self) -> str:
        return self.message


def eligibility(session: RoomSession, inv: Invigilator) -> str | None:
    """``None`` when ``inv`` may work in ``session``, else ``"region"``, ``"availability"`` or
    ``"conflict_of_interest"`` (the first rule that fails, in that order)."""
    if inv.region != session.region:
        return "region"
    if not inv.is_available(session.window):
        return "availability"
    if inv.affiliations & session.candidate_affiliations:
        return "conflict_of_interest"
    return None


@dataclass
class _Index:
    eligible: list[list[int]]  # per session: invigilator indices
    why_not: list[Counter[str]]  # per session: reasons among in-region invigilators
    region_size: list[int]
    region_chiefs: list[int]
    cliques: dict[str, list[list[int]]]  # region -> maximal sets of overlapping sessions


def _index(problem: InvigilationProblem) -> _Index:
    by_region: dict[str, list[int]] = defaultdict(list)
    for j, inv in enumerate(problem.invigilators):
        by_region[inv.region].append(j)
    eligible: list[list[int]] = []
    why_not: list[Counter[str]] = []
    sizes, chiefs = [], []
    for s in problem.sessions:
        pool = by_region.get(s.region, [])
        ok: list[int] = []
        reasons: Counter[str] = Counter()
        for j in pool:
            why = eligibility(s, problem.invigilators[j])
            if why is None:
                ok.append(j)
            else:
                reasons[why] += 1
        eligible.append(ok)
        why_not.append(reasons)
        sizes.append(len(pool))
        chiefs.append(sum(problem.invigilators[j].chief_eligible for j in pool))

    sessions_by_region: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(problem.sessions):
        sessions_by_region[s.region].append(k)
    cliques: dict[str, list[list[int]]] = {}
    for region, idx in sessions_by_region.items():
        found: dict[frozenset[int], None] = {}
        for t in sorted({problem.sessions[k].window.start for k in idx}):
            active = frozenset(
                k
                for k in idx
                if problem.sessions[k].window.start <= t < problem.sessions[k].window.end
            )
            found[active] = None
        sets = list(found)
        maximal = [c for c in sets if not any(c < other for other in sets)]
        cliques[region] = [sorted(c) for c in maximal]
    return _Index(eligible, why_not, sizes, chiefs, cliques)


def _fmt_when(t: datetime) -> str:
    return f"{t:%Y-%m-%d %H:%M}"


def precheck_invigilation(problem: InvigilationProblem) -> list[str]:
    """Counting checks before solving; returns shortfall messages (empty when they pass).

    These are necessary conditions of Hall's marriage theorem for the assignment (Hall, 1935):
    every group of rooms that must be staffed at the same time needs at least as many distinct
    eligible people as places.

    Per room-session: eligible-and-available staff versus the required number, and at least
    one chief-eligible among them. Per region and time slot (maximal set of overlapping
    sessions): staff needed at once versus distinct eligible staff, and rooms versus distinct
    chief-eligible staff (each person can only be in one place). Per region: session limits
    versus total demand.
    """
    idx = _index(problem)
    invs = problem.invigilators
    reasons: list[str] = []
    for k, s in enumerate(problem.sessions):
        need = problem.required(s)
        have = len(idx.eligible[k])
        if have < need:
            parts = [f"of {plural(idx.region_size[k], 'invigilator')} in region {s.region}"]
            why = idx.why_not[k]
            if why["availability"]:
                n = why["availability"]
                parts.append(f"{n} {'is' if n == 1 else 'are'} not available at that time")
            if why["conflict_of_interest"]:
                n = why["conflict_of_interest"]
                parts.append(f"{n} {'has' if n == 1 else 'have'} a conflict of interest")
            reasons.append(
                f"{s.label} needs {plural(need, 'invigilator')} but only {have} "
                f"{'is' if have == 1 else 'are'} eligible and available ({need - have} short; "
                f"{', '.join(parts)})."
            )
        if not any(invs[j].chief_eligible for j in idx.eligible[k]):
            reasons.append(
                f"No chief-eligible invigilator is available for {s.label} "
                f"({plural(idx.region_chiefs[k], 'chief-eligible invigilator')} in region "
                f"{s.region}, none eligible and available then)."
            )
    if reasons:
        return reasons

    for region, cliques in idx.cliques.items():
        for clique in cliques:
            if len(clique) < 2:
                continue
            common_start = max(problem.sessions[k].window.start for k in clique)
            common_end = min(problem.sessions[k].window.end for k in clique)
            when = f"{_fmt_when(common_start)}–{common_end:%H:%M}"
            need = sum(problem.required(problem.sessions[k]) for k in clique)
            staff = {j for k in clique for j in idx.eligible[k]}
            if need > len(staff):
                reasons.append(
                    f"On {when} in region {region}, {len(clique)} room-sessions run at the same "
                    f"time and need {need} invigilators, but only {len(staff)} different "
                    f"invigilators are eligible and available for them "
                    f"({need - len(staff)} short)."
                )
            chiefs = {j for j in staff if invs[j].chief_eligible}
            if len(clique) > len(chiefs):
                reasons.append(
                    f"On {when} in region {region}, {len(clique)} room-sessions run at the same "
                    f"time and each needs a chief, but only {len(chiefs)} chief-eligible "
                    f"invigilators are available for them ({len(clique) - len(chiefs)} short)."
                )

    demand: Counter[str] = Counter()
    capacity: Counter[str] = Counter()
    capped: set[str] = set()
    per_inv: Counter[int] = Counter(j for el in idx.eligible for j in el)
    for s in problem.sessions:
        demand[s.region] += problem.required(s)
    for j, inv in enumerate(invs):
        cap = per_inv[j]
        if inv.max_sessions is not None and inv.max_sessions < cap:
            cap = inv.max_sessions
            capped.add(inv.region)
        capacity[inv.region] += cap
    for region in sorted(capped):
        if demand[region] > capacity[region]:
            reasons.append(
                f"Region {region} needs {demand[region]} invigilator-sessions, but its "
                f"invigilators' availability and session limits allow only {capacity[region]} "
                f"({demand[region] - capacity[region]} short)."
            )
    return reasons


@dataclass
class _Built:
    model: MilpModel
    pairs: list[tuple[int, int]]
    a: np.ndarray
    chief_pairs: list[int]  # index into pairs
    c: np.ndarray
    load_max: int
    pool: list[int]


def _build(problem: InvigilationProblem, idx: _Index) -> _Built:
    invs = problem.invigilators
    sessions = problem.sessions
    pairs = [(k, j) for k, el in enumerate(idx.eligible) for j in el]
    n_pairs = len(pairs)
    pair_s = np.array([k for k, _ in pairs], dtype=np.int64)
    pair_j = np.array([j for _, j in pairs], dtype=np.int64)
    chief_pairs = [p for p, (_, j) in enumerate(pairs) if invs[j].chief_eligible]
    chief_arr = np.array(chief_pairs, dtype=np.int64)

    per_inv = Counter(pair_j.tolist())
    pool = sorted(per_inv)
    total = sum(problem.required(s) for s in sessions)
    fair = total // len(pool) if pool else 0

    model = MilpModel()
    a = model.add_vars(n_pairs, lb=0, ub=1, integer=True)
    c = model.add_vars(len(chief_pairs), lb=0, ub=1, integer=True)
    load_max = int(model.add_vars(1, lb=0, ub=np.inf, integer=False, cost=float(len(pool)))[0])
    load = model.add_vars(len(pool), lb=0, ub=np.inf, integer=False)
    short = model.add_vars(len(pool), lb=0, ub=np.inf, integer=False, cost=1.0)
    excess = model.add_vars(
        len(pool) * _BALANCE_LEVELS, lb=0, ub=np.inf, integer=False, cost=1.0
    ).reshape(len(pool), _BALANCE_LEVELS)

    req = np.array([problem.required(s) for s in sessions], dtype=float)
    model.add_constraints(
        "staffing", pair_s, a, 1.0, req, req, [(k, int(req[k])) for k in range(len(sessions))]
    )
    ones = np.ones(len(sessions))
    model.add_constraints(
        "chief",
        pair_s[chief_arr] if chief_pairs else [],
        c,
        1.0,
        ones,
        ones,
        list(range(len(sessions))),
    )
    if chief_pairs:
        rows = np.arange(len(chief_pairs))
        model.add_constraints(
            "chief_link",
            np.concatenate([rows, rows]),
            np.concatenate([c, a[chief_arr]]),
            np.concatenate([np.ones(rows.size), -np.ones(rows.size)]),
            np.full(rows.size, -np.inf),
            np.zeros(rows.size),
        )

    # One place at a time: per invigilator, per maximal clique of overlapping sessions.
    pair_of: dict[tuple[int, int], int] = {pq: p for p, pq in enumerate(pairs)}
    elig_sets: dict[int, set[int]] = defaultdict(set)
    for k, j in pairs:
        elig_sets[j].add(k)
    r_list: list[int] = []
    c_list: list[int] = []
    row = 0
    for j in pool:
        mine = elig_sets[j]
        for clique in idx.cliques.get(invs[j].region, []):
            hit = [k for k in clique if k in mine]
            if len(hit) >= 2:
                r_list += [row] * len(hit)
                c_list += [int(a[pair_of[(k, j)]]) for k in hit]
                row += 1
    if row:
        model.add_constraints("one_place", r_list, c_list, 1.0, np.full(row, -np.inf), np.ones(row))

    # Loads: l_j = sum_s a[s, j]; l_j <= L; l_j + short_j >= t; l_j - e[j, d] <= t + d;
    # l_j <= max_sessions_j.
    pos = {j: q for q, j in enumerate(pool)}
    load_rows = np.array([pos[j] for j in pair_j.tolist()], dtype=np.int64)
    m = len(pool)
    q_idx = np.arange(m)
    model.add_constraints(
        "load_def",
        np.concatenate([load_rows, q_idx]),
        np.concatenate([a, load]),
        np.concatenate([np.ones(n_pairs), -np.ones(m)]),
        np.zeros(m),
        np.zeros(m),
    )
    model.add_constraints(
        "load_max",
        np.concatenate([q_idx, q_idx]),
        np.concatenate([load, np.full(m, load_max)]),
        np.concatenate([np.ones(m), -np.ones(m)]),
        np.full(m, -np.inf),
        np.zeros(m),
    )
    if fair > 0:
        model.add_constraints(
            "fair_share",
            np.concatenate([q_idx, q_idx]),
            np.concatenate([load, short]),
            1.0,
            np.full(m, float(fair)),
            np.full(m, np.inf),
        )
    rows = np.arange(m * _BALANCE_LEVELS)
    model.add_constraints(
        "balance",
        np.concatenate([rows, rows]),
        np.concatenate([np.repeat(load, _BALANCE_LEVELS), excess.ravel()]),
        np.concatenate([np.ones(rows.size), -np.ones(rows.size)]),
        np.full(rows.size, -np.inf),
        np.tile(fair + np.arange(_BALANCE_LEVELS, dtype=float), m),
    )
    caps = [
        (q, invs[j].max_sessions)
        for q, j in enumerate(pool)
        if invs[j].max_sessions is not None and invs[j].max_sessions < per_inv[j]
    ]
    if caps:
        model.add_constraints(
            "max_sessions",
            np.arange(len(caps)),
            load[[q for q, _ in caps]],
            1.0,
            np.full(len(caps), -np.inf),
            np.array([float(v) for _, v in caps]),
            [pool[q] for q, _ in caps],
        )
    return _Built(model, pairs, a, chief_pairs, c, load_max, pool)


def assign_invigilators(problem: InvigilationProblem) -> InvigilationPlan:
    """Assign invigilators to room-sessions by MILP (see the module docstring for the model).

    Hard rules: staffing ``max(min_per_room, ceil(candidates / ratio))`` per room-session,
    exactly one chief-eligible chief, availability, one place at a time, no conflict of
    interest, same region as the centre, optional ``max_sessions``. Objective: the maximum
    load (heavily weighted) plus a convex piecewise-linear penalty on each load's deviation
    from the fair share, as in min-max/fairness workload-balancing rostering models (Ernst et
    al., 2004). One MILP per region, solved with HiGHS within ``problem.time_limit`` seconds
    (shared) to relative gap ``problem.mip_gap``; ``gap`` reports the worst region.

    Raises :class:`~aicert.optimize.explain.InfeasibleError` naming the rooms and shortfalls
    (counting checks, then an elastic re-solve) and
    :class:`~aicert.optimize.explain.SolverLimitError` if no plan is found in time.
    """
    reasons = precheck_invigilation(problem)
    if reasons:
        raise InfeasibleError(
            reasons, stage="precheck", summary="The invigilation plan cannot be staffed:"
        )
    start = time.perf_counter()
    out: list[Assignment] = []
    loads: Counter[str] = Counter()
    pool_ids: set[str] = set()
    gaps: list[float] = []
    statuses: list[str] = []
    objective = 0.0
    n_vars = n_rows = 0
    elastic_reasons: list[str] = []
    for region in sorted({s.region for s in problem.sessions}):
        sub = dataclasses.replace(
            problem,
            sessions=tuple(s for s in problem.sessions if s.region == region),
            invigilators=tuple(j for j in problem.invigilators if j.region == region),
        )
        built = _build(sub, _index(sub))
        n_vars += built.model.n_vars
        n_rows += built.model.n_rows
        remaining = max(1.0, problem.time_limit - (time.perf_counter() - start))
        sol = built.model.solve(time_limit=remaining, mip_gap=problem.mip_gap)
        if sol.status == "infeasible":
            elastic = built.model.solve(
                time_limit=remaining,
                mip_gap=1e-6,
                elastic={"staffing": 1.0, "chief": 1.0, "max_sessions": 0.5},
            )
            empty = {
                r.tag[0] for r in elastic.slack if r.family == "staffing" and r.below >= r.tag[1]
            }  # rooms left with nobody: "no chief" would be redundant
            slack = [r for r in elastic.slack if not (r.family == "chief" and r.tag in empty)]
            found = explain_slack(slack, _describers(sub))
            elastic_reasons += found or [
                f"The rooms of region {region} cannot all be staffed at once, and no single "
                "room could be identified within the time limit."
            ]
            continue
        if sol.x is None:
            raise SolverLimitError(
                f"No complete invigilation plan for region {region} was found within the "
                f"{problem.time_limit:g} s time limit (it was not proven impossible). "
                "Allow more time."
            )
        x = sol.x
        chief_set = {built.chief_pairs[q] for q in np.flatnonzero(x[built.c] > 0.5).tolist()}
        for p in np.flatnonzero(x[built.a] > 0.5).tolist():
            k, j = built.pairs[p]
            inv_id = sub.invigilators[j].id
            out.append(Assignment(sub.sessions[k].id, inv_id, p in chief_set))
            loads[inv_id] += 1
        pool_ids.update(sub.invigilators[j].id for j in built.pool)
        statuses.append(sol.status)
        gaps.append(sol.gap if sol.gap is not None else math.inf)
        objective += float(sol.objective or 0.0)
    if elastic_reasons:
        raise InfeasibleError(
            elastic_reasons,
            stage="elastic",
            summary="The invigilation plan cannot be staffed; these rooms would be left short:",
        )
    order = {s.id: k for k, s in enumerate(problem.sessions)}
    out.sort(key=lambda a: (order[a.session_id], not a.chief, a.invigilator_id))
    pool_loads = [loads[i] for i in pool_ids]
    return InvigilationPlan(
        assignments=tuple(out),
        loads=tuple((inv.id, loads[inv.id]) for inv in problem.invigilators),
        max_load=max(pool_loads, default=0),
        min_load=min(pool_loads, default=0),
        status="optimal" if all(st == "optimal" for st in statuses) else "time_limit",
        gap=max(gaps, default=0.0),
        objective=objective,
        time_seconds=time.perf_counter() - start,
        n_variables=n_vars,
        n_constraints=n_rows,
    )


def _describers(problem: InvigilationProblem) -> dict[str, Callable[[SlackRow], str]]:
    sessions = problem.sessions

    def staffing(row: SlackRow) -> str:
        k, need = row.tag
        short = math.ceil(row.below - 1e-6)
        return (
            f"{sessions[k].label} can get only {need - short} of the {need} invigilators it "
            f"needs ({short} short): everyone eligible is needed in another room at the same "
            "time or has reached their session limit."
        )

    def chief(row: SlackRow) -> str:
        s = sessions[row.tag]
        return (
            f"No chief-eligible invigilator is free for {s.label}: those who could take it are "
            "needed as chief in other rooms at the same time."
        )

    def cap(row: SlackRow) -> str:
        inv = problem.invigilators[row.tag]
        over = math.ceil(row.above - 1e-6)
        return (
            f"Invigilator {inv.label} would have to work {inv.max_sessions + over} sessions "
            f"(limit {inv.max_sessions})."
        )

    return {"staffing": staffing, "chief": chief, "max_sessions": cap}


def validate_assignment(
    problem: InvigilationProblem, assignment: InvigilationPlan | Iterable[Assignment]
) -> list[Violation]:
    """Check a proposed or hand-edited assignment against the rules of :func:`assign_invigilators`.

    Returns every violation found (empty list when the assignment is valid): unknown ids,
    the same person twice in a room, staffing below ``max(min_per_room, ceil(n / ratio))``,
    not exactly one chief or a chief who is not chief-eligible, wrong region, unavailability,
    conflict of interest, double booking (overlapping sessions) and ``max_sessions``. Extra
    invigilators above the requirement are allowed.
    """
    rows: Sequence[Assignment] = (
        assignment.assignments if isinstance(assignment, InvigilationPlan) else list(assignment)
    )
    sessions = {s.id: s for s in problem.sessions}
    invs = {j.id: j for j in problem.invigilators}
    out: list[Violation] = []
    by_session: dict[str, list[Assignment]] = defaultdict(list)
    by_inv: dict[str, list[str]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for a in rows:
        s = sessions.get(a.session_id)
        inv = invs.get(a.invigilator_id)
        if s is None:
            out.append(
                Violation("unknown", f"Unknown room-session '{a.session_id}'.", a.session_id)
            )
        if inv is None:
            out.append(
                Violation(
                    "unknown",
                    f"Unknown invigilator '{a.invigilator_id}'.",
                    a.session_id,
                    a.invigilator_id,
                )
            )
        if s is None or inv is None:
            continue
        key = (s.id, inv.id)
        if key in seen:
            out.append(
                Violation(
                    "duplicate",
                    f"{inv.label} is listed twice for {s.label}.",
                    s.id,
                    inv.id,
                )
            )
            continue
        seen.add(key)
        by_session[s.id].append(a)
        by_inv[inv.id].append(s.id)
        if inv.region != s.region:
            out.append(
                Violation(
                    "region",
                    f"{inv.label} works in region {inv.region}, but {s.label} is in region "
                    f"{s.region}.",
                    s.id,
                    inv.id,
                )
            )
        if not inv.is_available(s.window):
            out.append(
                Violation(
                    "availability",
                    f"{inv.label} is not available for {s.label} "
                    f"({_fmt_when(s.window.start)}–{s.window.end:%H:%M}).",
                    s.id,
                    inv.id,
                )
            )
        shared = sorted(inv.affiliations & s.candidate_affiliations)
        if shared:
            out.append(
                Violation(
                    "conflict_of_interest",
                    f"{inv.label} has a conflict of interest in {s.label}: declared "
                    f"affiliation {', '.join(repr(x) for x in shared)} is shared with "
                    "candidates in the room.",
                    s.id,
                    inv.id,
                )
            )
        if a.chief and not inv.chief_eligible:
            out.append(
                Violation(
                    "chief_eligibility",
                    f"{inv.label} is chief of {s.label} but is not chief-eligible.",
                    s.id,
                    inv.id,
                )
            )

    for s in problem.sessions:
        team = by_session.get(s.id, [])
        need = problem.required(s)
        if len(team) < need:
            out.append(
                Violation(
                    "staffing",
                    f"{s.label} has {plural(len(team), 'invigilator')} for "
                    f"{plural(s.candidates, 'candidate')}; it needs {need} "
                    f"({need - len(team)} short).",
                    s.id,
                )
            )
        chiefs = [a for a in team if a.chief]
        if not chiefs:
            out.append(Violation("chief", f"{s.label} has no chief invigilator.", s.id))
        elif len(chiefs) > 1:
            names = ", ".join(invs[a.invigilator_id].label for a in chiefs)
            out.append(
                Violation(
                    "chief",
                    f"{s.label} has {len(chiefs)} chief invigilators ({names}); exactly one is "
                    "required.",
                    s.id,
                )
            )

    for inv_id, sids in by_inv.items():
        inv = invs[inv_id]
        ordered = sorted(sids, key=lambda k: sessions[k].window.start)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                if sessions[second].window.start >= sessions[first].window.end:
                    break
                out.append(
                    Violation(
                        "double_booking",
                        f"{inv.label} is booked in two places at once: {sessions[first].label} "
                        f"and {sessions[second].label}.",
                        second,
                        inv_id,
                    )
                )
        if inv.max_sessions is not None and len(sids) > inv.max_sessions:
            out.append(
                Violation(
                    "max_sessions",
                    f"{inv.label} has {len(sids)} sessions; the limit is {inv.max_sessions}.",
                    None,
                    inv_id,
                )
            )
    return out
