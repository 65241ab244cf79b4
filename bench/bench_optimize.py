"""Benchmark of :mod:`aicert.optimize` on simulated data.

Run: ``.venv/bin/python bench/bench_optimize.py [--runs N]``

* Automated test assembly: 4 parallel 60-item forms from a 2,000-item simulated 3PL bank
  (6 blueprint domains, an item-type range, enemy pairs, exposure flag and cap, pairwise overlap
  cap, information tolerance at 3 ability points). Target: < 20 s.
* Invigilator assignment: 500 room-sessions in 5 regions over 2 days, 300 invigilators with
  partial availability, conflicts of interest and chief eligibility. Target: optimal in < 10 s.

Prints the median wall time of a few runs, the solver status and the MIP gap.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from aicert.optimize.assembly import (  # noqa: E402
    AssemblySpec,
    BankItem,
    TypeCount,
    assemble_forms,
    check_forms,
)
from aicert.optimize.invigilation import (  # noqa: E402
    InvigilationProblem,
    Invigilator,
    RoomSession,
    TimeWindow,
    assign_invigilators,
    validate_assignment,
)

DOMAINS = (
    "AI foundations",
    "Data management",
    "Model development",
    "Model evaluation",
    "Deployment & MLOps",
    "Ethics & governance",
)
BLUEPRINT = dict(zip(DOMAINS, (8, 10, 12, 12, 8, 10), strict=True))


def simulated_bank(
    n_items: int = 2000, seed: int = 7
) -> tuple[list[BankItem], list[frozenset[str]]]:
    """3PL bank (a ~ lognormal, b ~ N(0, 1), c ~ Beta(5, 17)); 2% exposure-flagged; enemy pairs."""
    rng = np.random.default_rng(seed)
    a = rng.lognormal(0.0, 0.3, n_items)
    b = rng.normal(0.0, 1.0, n_items)
    c = rng.beta(5, 17, n_items)
    domain = rng.choice(len(DOMAINS), n_items, p=[0.14, 0.17, 0.2, 0.2, 0.14, 0.15])
    kind = np.where(rng.random(n_items) < 0.15, "scenario", "mcq")
    exposed = rng.random(n_items) < 0.02
    items = [
        BankItem(
            id=f"Q{i:05d}",
            domain=DOMAINS[domain[i]],
            a=float(a[i]),
            d=float(-a[i] * b[i]),
            c=float(c[i]),
            item_type=str(kind[i]),
            exposed=bool(exposed[i]),
        )
        for i in range(n_items)
    ]
    enemies = []
    for _ in range(n_items // 10):  # ~200 enemy pairs within a domain
        i = int(rng.integers(n_items))
        same = np.flatnonzero(domain == domain[i])
        j = int(rng.choice(same))
        if j != i:
            enemies.append(frozenset({items[i].id, items[j].id}))
    return items, enemies


def assembly_spec(enemies: list[frozenset[str]], time_limit: float = 20.0) -> AssemblySpec:
    return AssemblySpec(
        blueprint=BLUEPRINT,
        n_forms=4,
        cut_theta=0.3,
        target_thetas=(-0.5, 1.0),
        target_weights=(0.75, 0.75),
        type_counts=(TypeCount("scenario", 6, 12),),
        enemy_sets=tuple(enemies),
        max_exposure=2,
        max_overlap=12,
        info_tolerance=0.05,
        tolerance_mode="relative",
        tcc_tolerance=1.0,
        time_limit=time_limit,
        mip_gap=0.01,
    )


REGIONS = ("North", "South", "East", "West", "Centre")
SLOTS = ((8, 30, 120), (11, 0, 120), (14, 0, 150), (17, 15, 120))  # hour, minute, minutes


def simulated_centres(
    n_sessions: int = 500, n_invigilators: int = 300, seed: int = 11
) -> InvigilationProblem:
    """5 regions x 4 centres x rooms over 2 days x 4 slots (some rooms start 30 min late)."""
    rng = np.random.default_rng(seed)
    orgs = [f"Org{k:02d}" for k in range(60)]
    day0 = datetime(2026, 12, 5, tzinfo=UTC)
    sessions: list[RoomSession] = []
    k = 0
    while len(sessions) < n_sessions:
        region = REGIONS[k % len(REGIONS)]
        centre = f"{region} centre {(k // len(REGIONS)) % 4 + 1}"
        room = f"Room {100 + k // 20}"
        for day in range(2):
            for h, m, minutes in SLOTS:
                if len(sessions) >= n_sessions:
                    break
                start = day0 + timedelta(
                    days=day, hours=h, minutes=m + 30 * int(rng.random() < 0.2)
                )
                sessions.append(
                    RoomSession(
                        id=f"S{len(sessions):04d}",
                        room=room,
                        center=centre,
                        region=region,
                        window=TimeWindow(start, start + timedelta(minutes=minutes)),
                        candidates=int(rng.integers(8, 80)),
                        candidate_affiliations=frozenset(
                            rng.choice(orgs, int(rng.integers(2, 8)), replace=False).tolist()
                        ),
                    )
                )
        k += 1
    invigilators = []
    for j in range(n_invigilators):
        region = REGIONS[j % len(REGIONS)]
        u = rng.random()
        if u < 0.75:
            days = (0, 1)
        elif u < 0.9:
            days = (int(rng.integers(2)),)
        else:
            days = ()
        windows = [
            TimeWindow(day0 + timedelta(days=d, hours=7), day0 + timedelta(days=d, hours=20))
            for d in days
        ]
        if not days:  # mornings only
            windows = [
                TimeWindow(day0 + timedelta(days=d, hours=7), day0 + timedelta(days=d, hours=13))
                for d in range(2)
            ]
        invigilators.append(
            Invigilator(
                id=f"P{j:03d}",
                region=region,
                chief_eligible=bool(rng.random() < 0.45),
                availability=tuple(windows),
                affiliations=frozenset(
                    rng.choice(orgs, int(rng.integers(0, 3)), replace=False).tolist()
                ),
            )
        )
    return InvigilationProblem(tuple(sessions), tuple(invigilators), time_limit=10.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions per benchmark")
    parser.add_argument(
        "--whole-bank",
        action="store_true",
        help="also solve the assembly over the whole bank (no candidate pool), once",
    )
    args = parser.parse_args()

    items, enemies = simulated_bank()
    spec = assembly_spec(enemies)
    times, last = [], None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        last = assemble_forms(items, spec)
        times.append(time.perf_counter() - t0)
    assert last is not None
    problems = check_forms(items, spec, [f.item_ids for f in last.forms])
    print(
        f"assembly  : 4 x 60 items from {len(items)} (median of {args.runs}) "
        f"{statistics.median(times):6.2f} s  status={last.status} gap={last.gap:.4f} "
        f"[target < 20 s]"
    )
    print(
        f"            maximin I(cut)={last.objective:.2f}  max overlap={last.max_pairwise_overlap} "
        f"vars={last.n_variables} rows={last.n_constraints} rule violations={len(problems)}"
    )
    cut_k = last.thetas.index(spec.cut_theta)
    for form in last.forms:
        print(
            f"            form {form.number}: I(θ)={[round(v, 2) for v in form.information]} "
            f"TCC(cut)={form.tcc[cut_k]:.2f}"
        )

    if args.whole_bank:
        t0 = time.perf_counter()
        whole = assemble_forms(items, dataclasses.replace(spec, candidate_factor=None))
        print(
            f"            whole bank, no candidate pool: {time.perf_counter() - t0:6.2f} s  "
            f"status={whole.status} I(cut)={whole.objective:.2f} gap={whole.gap:.4f}"
        )

    problem = simulated_centres()
    times, plan = [], None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        plan = assign_invigilators(problem)
        times.append(time.perf_counter() - t0)
    assert plan is not None
    violations = validate_assignment(problem, plan)
    print(
        f"invigilate: {len(problem.sessions)} room-sessions, {len(problem.invigilators)} "
        f"invigilators (median of {args.runs}) {statistics.median(times):6.2f} s  "
        f"status={plan.status} gap={plan.gap if plan.gap is None else f'{plan.gap:.2e}'} "
        f"[target optimal < 10 s]"
    )
    print(
        f"            assignments={len(plan.assignments)} load max={plan.max_load} "
        f"min={plan.min_load} vars={plan.n_variables} rows={plan.n_constraints} "
        f"rule violations={len(violations)}"
    )


if __name__ == "__main__":
    main()
