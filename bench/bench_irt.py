"""Side-by-side benchmark of 2PL calibration: aicert vs girth 0.8.0 vs PyPI mirt 1.2.0.

Run from the project root::

    .venv/bin/python bench/bench_irt.py            # full run (a few minutes)
    .venv/bin/python bench/bench_irt.py --quick    # smaller data, one repeat

Every estimator fits the same simulated 2PL data with its own defaults (aicert: 61 rectangular
points on [-6, 6] like R mirt; girth: 41 points on +-4.5; PyPI mirt: 21 Gauss-Hermite points).  To
make the fits comparable, each estimator's item parameters are scored by aicert's marginal
log-likelihood on one common quadrature (61 points on [-6, 6], N(0, 1)).  Times are wall-clock
medians over the repeats (girth on the large data set runs once).  The baselines are optional
benchmark-only dependencies (``pip install girth==0.8.0 mirt==1.2.0``); when one cannot be
imported or fails, the reason is printed and the benchmark continues.

BLAS threads default to 1 (set before numpy is imported) so timings are stable on a shared
machine; PyPI mirt's Rust backend keeps its own threading.  Use ``--threads N`` to change it.
"""

from __future__ import annotations

import argparse
import os
import sys


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small data sets, one repeat")
    p.add_argument("--repeats", type=int, default=3, help="repeats for the fast estimators")
    p.add_argument("--threads", type=int, default=1, help="BLAS threads for numpy (default 1)")
    p.add_argument("--seed", type=int, default=20240601)
    return p.parse_args()


ARGS = _parse() if __name__ == "__main__" else None
if ARGS is not None:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(ARGS.threads)

import statistics  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from aicert.psychometrics import ability, irt  # noqa: E402
from aicert.psychometrics.irf import ItemParameters  # noqa: E402


@dataclass
class Fit:
    name: str
    times: list[float]
    a: np.ndarray | None
    d: np.ndarray | None
    note: str = ""


def simulate(
    n_items: int, n_persons: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = rng.lognormal(0.0, 0.3, n_items)
    b = rng.normal(0.0, 1.0, n_items)
    theta = rng.normal(0.0, 1.0, n_persons)
    p = 1.0 / (1.0 + np.exp(-(a[None, :] * (theta[:, None] - b[None, :]))))
    x = (rng.random((n_persons, n_items)) < p).astype(np.int64)
    return x, a, -a * b


def timed(fn: Callable[[], tuple[np.ndarray, np.ndarray, str]], repeats: int) -> Fit:
    times: list[float] = []
    a = d = None
    note = ""
    for _ in range(repeats):
        t0 = time.perf_counter()
        a, d, note = fn()
        times.append(time.perf_counter() - t0)
    return Fit("", times, a, d, note)


def run_aicert(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    res = irt.calibrate(x, "2PL", compute_se=False)
    return np.asarray(res.a), np.asarray(res.d), f"{res.n_iterations} EM cycles"


def run_aicert_se(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    res = irt.calibrate(x, "2PL", compute_se=True)
    return np.asarray(res.a), np.asarray(res.d), "with observed-information SEs"


def run_girth(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    import girth

    out = girth.twopl_mml(x.T.astype(np.int64))
    a = np.asarray(out["Discrimination"], dtype=float)
    b = np.asarray(out["Difficulty"], dtype=float)
    return a, -a * b, "defaults (41 pts, +-4.5)"


def run_mirt(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    import mirt

    res = mirt.fit_mirt(x, model="2PL", compute_standard_errors=False, verbose=False)
    pars = res.model.parameters
    a = np.asarray(pars["discrimination"], dtype=float).ravel()
    b = np.asarray(pars["difficulty"], dtype=float).ravel()
    return a, -a * b, f"{res.n_iterations} EM cycles, 21 GH pts"


def baseline_available(module: str) -> str | None:
    try:
        mod = __import__(module)
    except Exception as exc:  # noqa: BLE001 - report any import problem and continue
        return f"cannot import {module}: {exc!r}"
    try:
        from importlib.metadata import version as dist_version

        version = dist_version(module)
    except Exception:  # noqa: BLE001
        version = getattr(mod, "__version__", "?")
    return f"{module} {version}"


def bench_dataset(
    n_items: int, n_persons: int, rng: np.random.Generator, repeats: int, slow_repeats: int
) -> tuple[list[Fit], np.ndarray, np.ndarray, np.ndarray]:
    x, a_true, d_true = simulate(n_items, n_persons, rng)
    fits: list[Fit] = []
    plans: list[tuple[str, Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, str]], int]] = [
        ("aicert", run_aicert, repeats),
        ("aicert+SE", run_aicert_se, 1),
        ("girth 0.8.0", run_girth, slow_repeats),
        ("mirt 1.2.0", run_mirt, repeats),
    ]
    for name, fn, reps in plans:
        module = {"girth 0.8.0": "girth", "mirt 1.2.0": "mirt"}.get(name)
        if module is not None:
            status = baseline_available(module)
            if status is None or status.startswith("cannot"):
                print(f"  [skip] {name}: {status}", flush=True)
                fits.append(Fit(name, [], None, None, status or "unavailable"))
                continue
        print(f"  running {name} x{reps} on {n_items} items x {n_persons} persons ...", flush=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = timed(lambda fn=fn: fn(x), reps)
            fit.name = name
        except Exception as exc:  # noqa: BLE001 - a failing baseline must not stop the bench
            traceback.print_exc(limit=2)
            fit = Fit(name, [], None, None, f"failed: {exc!r}")
        fits.append(fit)
    return fits, x, a_true, d_true


def report(
    title: str, fits: list[Fit], x: np.ndarray, a_true: np.ndarray, d_true: np.ndarray
) -> None:
    ref = next((f for f in fits if f.name == "aicert" and f.times), None)
    ref_time = statistics.median(ref.times) if ref else float("nan")
    ll_ref = (
        irt.marginal_loglik(x, ItemParameters(ref.a, ref.d))
        if ref and ref.a is not None
        else np.nan
    )
    print(f"\n{title}")
    header = (
        f"{'estimator':<13}{'median s':>10}{'reps':>6}{'x aicert':>10}"
        f"{'loglik (common 61-pt quad)':>29}{'dLL':>10}{'RMSE a':>9}{'RMSE d':>9}  note"
    )
    print(header)
    print("-" * len(header))
    for f in fits:
        if not f.times or f.a is None or f.d is None:
            print(
                f"{f.name:<13}{'-':>10}{'-':>6}{'-':>10}{'-':>29}{'-':>10}{'-':>9}{'-':>9}  {f.note}"
            )
            continue
        med = statistics.median(f.times)
        ll = irt.marginal_loglik(x, ItemParameters(f.a, f.d))
        rmse_a = float(np.sqrt(np.mean((f.a - a_true) ** 2)))
        rmse_d = float(np.sqrt(np.mean((f.d - d_true) ** 2)))
        print(
            f"{f.name:<13}{med:>10.3f}{len(f.times):>6}{med / ref_time:>10.2f}"
            f"{ll:>29.3f}{ll - ll_ref:>10.3f}{rmse_a:>9.4f}{rmse_d:>9.4f}  {f.note}"
        )


def bench_eap(n_persons: int, n_items: int, rng: np.random.Generator, repeats: int) -> None:
    x, a, d = simulate(n_items, n_persons, rng)
    items = ItemParameters(a, d)
    times = []
    est = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        est = ability.eap(x, items)
        times.append(time.perf_counter() - t0)
    assert est is not None
    print(
        f"\nEAP scoring, {n_persons} persons x {n_items} items (61 pts): "
        f"aicert median {statistics.median(times):.3f} s over {repeats} "
        f"(mean posterior SD {est.se.mean():.4f})"
    )
    status = baseline_available("mirt")
    if status is None or status.startswith("cannot"):
        print(f"  [skip] mirt fscores: {status}")
        return
    try:
        import mirt

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fitted = mirt.fit_mirt(x[:5000], model="2PL", compute_standard_errors=False)
            t0 = time.perf_counter()
            mirt.fscores(fitted, x, method="EAP", n_quadpts=61)
            el = time.perf_counter() - t0
        print(f"  mirt 1.2.0 fscores(EAP, 61 pts) on the same responses: {el:.3f} s (one run)")
    except Exception as exc:  # noqa: BLE001
        print(f"  mirt fscores failed: {exc!r}")


def main() -> None:
    args = ARGS or _parse()
    rng = np.random.default_rng(args.seed)
    repeats = 1 if args.quick else max(1, args.repeats)
    sizes = [(20, 2000), (40, 10000)] if args.quick else [(50, 10_000), (100, 50_000)]
    print(
        f"aicert IRT benchmark  (numpy {np.__version__}, BLAS threads={args.threads}, "
        f"cpus={os.cpu_count()}, seed={args.seed})"
    )
    for name in ("girth", "mirt"):
        print(f"  baseline: {baseline_available(name)}")
    for n_items, n_persons in sizes:
        slow = 1 if n_persons > 20_000 else repeats
        print(f"\n== 2PL, {n_items} items x {n_persons} persons ==", flush=True)
        fits, x, a_true, d_true = bench_dataset(n_items, n_persons, rng, repeats, slow)
        report(f"2PL calibration, {n_items} items x {n_persons} persons", fits, x, a_true, d_true)
    bench_eap(10_000 if args.quick else 100_000, 50, rng, repeats)


if __name__ == "__main__":
    main()
