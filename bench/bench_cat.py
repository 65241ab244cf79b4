"""Benchmark: CAT next-item selection latency, aicert vs catsim 0.21.0.

Run from the project root:  .venv/bin/python bench/bench_cat.py

A 2,000-item 3PL bank (4 content domains) and 1,000 test states (EAP theta + administered items,
0..29 items into a test) are generated once. Each state is timed with

* aicert: ``CatSession.next_item()`` with randomesque (k = 5) and Sympson–Hetter exposure control
  (K_i calibrated by simulation for r = 0.25), on a session replayed to that state; also with
  Kingsbury–Zara content balancing added;
* catsim 0.21.0 (benchmark-only dependency, ``pip install catsim==0.21.0``): ``MaxInfoSelector``
  with its exposure-rate cap ``r_max = 0.25`` (item exposure rates preloaded from the aicert
  simulation so the cap is active) and ``RandomesqueSelector(bin_size=5)``, on the same bank
  (a, b = -d/a, c) and the same states.

Prints p50/p99 (microseconds) for each and the catsim/aicert p99 ratio. Target: aicert p99 < 5 ms
and >= 10x faster than catsim.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from aicert.psychometrics.cat import (  # noqa: E402
    CatConfig,
    CatItemBank,
    CatSession,
    StoppingRule,
    simulate,
    sympson_hetter_calibrate,
)

N_ITEMS = 2000
N_STATES = 1000
MAX_LENGTH = 30
RANDOMESQUE_K = 5
TARGET_RATE = 0.25
SEED = 20240601


def make_bank(rng: np.random.Generator) -> tuple[CatItemBank, np.ndarray, np.ndarray, np.ndarray]:
    a = rng.lognormal(0.1, 0.3, N_ITEMS)
    b = rng.normal(0.0, 1.0, N_ITEMS)
    c = rng.uniform(0.0, 0.25, N_ITEMS)
    domains = rng.choice(["D1", "D2", "D3", "D4"], N_ITEMS, p=[0.4, 0.3, 0.2, 0.1])
    return CatItemBank(a, -a * b, c, domains), a, b, c


def make_states(
    bank: CatItemBank, rng: np.random.Generator
) -> list[tuple[list[int], list[int], float]]:
    """Test states reached by plain max-information CATs at random stages."""
    states = []
    cfg = CatConfig(stopping=StoppingRule(max_length=MAX_LENGTH))
    for _ in range(N_STATES):
        true_theta = rng.standard_normal()
        stage = int(rng.integers(0, MAX_LENGTH))
        session = CatSession(bank, cfg, rng=rng)
        for _ in range(stage):
            item = session.next_item()
            assert item is not None
            p = bank.prob(true_theta)[0, item]
            session.record(item, int(rng.random() < p))
        states.append((list(session.administered), list(session.responses), session.theta))
    return states


def percentiles(samples_ns: list[int]) -> tuple[float, float]:
    arr = np.asarray(samples_ns, dtype=float) / 1e3
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 99))


def time_aicert(
    bank: CatItemBank, cfg: CatConfig, states: list[tuple[list[int], list[int], float]]
) -> list[int]:
    rng = np.random.default_rng(SEED + 1)
    sessions = []
    for administered, responses, _ in states:
        s = CatSession(bank, cfg, rng=rng)
        for item, resp in zip(administered, responses, strict=True):
            s.record(item, resp)
        sessions.append(s)
    for _ in range(50):  # warm-up on throwaway sessions
        CatSession(bank, cfg, rng=rng).next_item()
    out = []
    gc.disable()
    try:
        for s in sessions:
            t0 = time.perf_counter_ns()
            s.next_item()
            out.append(time.perf_counter_ns() - t0)
    finally:
        gc.enable()
    return out


def time_catsim(
    make_selector: Callable[[], object],
    item_bank: object,
    states: list[tuple[list[int], list[int], float]],
) -> list[int]:
    selector = make_selector()
    rng = np.random.default_rng(SEED + 2)
    select = selector.select  # type: ignore[attr-defined]
    for administered, _, theta in states[:50]:
        select(item_bank=item_bank, administered_items=administered, est_theta=theta, rng=rng)
    out = []
    gc.disable()
    try:
        for administered, _, theta in states:
            t0 = time.perf_counter_ns()
            select(item_bank=item_bank, administered_items=administered, est_theta=theta, rng=rng)
            out.append(time.perf_counter_ns() - t0)
    finally:
        gc.enable()
    return out


def main() -> None:
    rng = np.random.default_rng(SEED)
    bank, a, b, c = make_bank(rng)
    print(f"bank: {N_ITEMS} items (3PL, 4 domains); states: {N_STATES}; max length {MAX_LENGTH}")

    t0 = time.perf_counter()
    base_cfg = CatConfig(stopping=StoppingRule(max_length=MAX_LENGTH), randomesque=RANDOMESQUE_K)
    sh = sympson_hetter_calibrate(
        bank, base_cfg, TARGET_RATE, n_simulees=500, max_iterations=6, tolerance=0.03, rng=SEED
    )
    print(
        f"Sympson-Hetter K for r={TARGET_RATE}: {len(sh.max_exposure_history)} rounds, "
        f"max exposure per round {[round(x, 3) for x in sh.max_exposure_history]} "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    cfg = CatConfig(stopping=base_cfg.stopping, randomesque=RANDOMESQUE_K, exposure_k=sh.k)
    cfg_cb = CatConfig(
        stopping=base_cfg.stopping,
        randomesque=RANDOMESQUE_K,
        exposure_k=sh.k,
        blueprint={"D1": 0.4, "D2": 0.3, "D3": 0.2, "D4": 0.1},
    )
    check = simulate(bank, rng.standard_normal(1000), cfg, rng=SEED)
    exposure = check.exposure_rates
    print(
        f"check on 1000 new simulees with these K: max exposure {check.max_exposure:.3f} "
        f"(one item's rate has binomial SE ~{np.sqrt(TARGET_RATE * (1 - TARGET_RATE) / 1000):.3f}), "
        f"unused items {check.unused_share:.1%}, RMSE {check.rmse:.3f}"
    )

    states = make_states(bank, rng)
    rows: list[tuple[str, float, float]] = []
    ours = percentiles(time_aicert(bank, cfg, states))
    rows.append(("aicert randomesque(5) + Sympson-Hetter", *ours))
    ours_cb = percentiles(time_aicert(bank, cfg_cb, states))
    rows.append(("aicert randomesque(5) + SH + content balancing", *ours_cb))

    catsim_rows: list[tuple[str, float, float]] = []
    try:
        import catsim  # noqa: F401
        from catsim.item_bank import ItemBank
        from catsim.selection import MaxInfoSelector, RandomesqueSelector

        version = getattr(sys.modules["catsim"], "__version__", None)
        if version is None:
            from importlib.metadata import version as pkg_version

            version = pkg_version("catsim")
        item_bank = ItemBank(np.column_stack([a, b, c, np.ones(N_ITEMS)]))
        for i, rate in enumerate(exposure):
            item_bank.update_exposure_rate(i, float(rate))
        catsim_rows.append(
            (
                f"catsim {version} MaxInfoSelector(r_max={TARGET_RATE})",
                *percentiles(
                    time_catsim(lambda: MaxInfoSelector(r_max=TARGET_RATE), item_bank, states)
                ),
            )
        )
        catsim_rows.append(
            (
                f"catsim {version} RandomesqueSelector(bin_size={RANDOMESQUE_K})",
                *percentiles(
                    time_catsim(lambda: RandomesqueSelector(RANDOMESQUE_K), item_bank, states)
                ),
            )
        )
    except Exception as exc:  # noqa: BLE001 -- the baseline is optional; say why it is missing
        print(f"catsim baseline unavailable: {type(exc).__name__}: {exc}")

    print()
    print(f"{'selector':<58} {'p50 (us)':>10} {'p99 (us)':>10}")
    for name, p50, p99 in rows + catsim_rows:
        print(f"{name:<58} {p50:>10.1f} {p99:>10.1f}")
    print()
    p99_ours = ours[1]
    print(
        f"aicert p99 = {p99_ours / 1e3:.3f} ms (target < 5 ms): {'OK' if p99_ours < 5e3 else 'MISSED'}"
    )
    for name, p50, p99 in catsim_rows:
        ratio = p99 / p99_ours
        verdict = "OK" if ratio >= 10 else "MISSED"
        print(
            f"{name} / aicert: p99 {ratio:.1f}x (target >= 10x): {verdict}; "
            f"p50 {p50 / ours[0]:.1f}x"
        )


if __name__ == "__main__":
    main()
