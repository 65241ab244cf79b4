"""Parameter recovery and invariants of Bock-Aitkin MML calibration on simulated data."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicert.psychometrics import irt
from aicert.psychometrics.irf import ItemParameters, prob_3pl, prob_grm


def simulate_dich(
    rng: np.random.Generator,
    n_items: int,
    n_persons: int,
    *,
    guessing: bool = False,
    theta_sd: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    a = rng.uniform(0.7, 2.0, n_items)
    b = rng.uniform(-1.5, 1.5, n_items)
    c = rng.uniform(0.1, 0.25, n_items) if guessing else np.zeros(n_items)
    theta = rng.normal(0.0, theta_sd, n_persons)
    p = prob_3pl(theta, a, -a * b, c)
    x = (rng.random(p.shape) < p).astype(float)
    return x, a, -a * b, c


def test_2pl_recovery() -> None:
    rng = np.random.default_rng(11)
    x, a, d, _ = simulate_dich(rng, 15, 4000)
    fit = irt.calibrate(x, "2PL")
    assert fit.converged
    assert np.sqrt(np.mean((fit.a - a) ** 2)) < 0.1
    assert np.sqrt(np.mean((fit.d - d) ** 2)) < 0.1
    # standard errors are calibrated: standardized errors are of order one
    z = np.concatenate([(fit.a - a) / fit.se_a, (fit.d - d) / fit.se_d[:, 0]])
    assert np.sqrt(np.mean(z**2)) < 2.0


def test_rasch_estimates_latent_variance() -> None:
    rng = np.random.default_rng(12)
    n_items = 12
    d = np.linspace(-1.5, 1.5, n_items)
    theta = rng.normal(0.0, 1.5, 5000)
    x = (rng.random((5000, n_items)) < prob_3pl(theta, 1.0, d)).astype(float)
    fit = irt.calibrate(x, "Rasch")
    assert fit.latent_variance == pytest.approx(2.25, abs=0.2)
    np.testing.assert_allclose(fit.d, d, atol=0.12)
    assert fit.latent_variance / fit.se_latent_variance > 10


def test_grm_recovery() -> None:
    rng = np.random.default_rng(13)
    n_items, n_persons = 8, 3000
    a = rng.uniform(0.8, 2.2, n_items)
    steps = np.array([1.5, 0.0, -1.5])
    d = (steps[None, :] + rng.normal(0, 0.4, (n_items, 1))) * a[:, None]
    theta = rng.normal(size=n_persons)
    cum = np.cumsum(prob_grm(theta, a, d), axis=2)
    x = (rng.random((n_persons, n_items, 1)) > cum).sum(axis=2).astype(float)
    fit = irt.calibrate(x, "GRM")
    assert fit.converged
    assert np.sqrt(np.mean((fit.a - a) ** 2)) < 0.12
    assert np.sqrt(np.mean((fit.d - d) ** 2)) < 0.2
    assert np.all(np.diff(fit.d, axis=1) < 0)


def test_mixed_format_and_unequal_categories() -> None:
    rng = np.random.default_rng(14)
    n = 2500
    theta = rng.normal(size=n)
    x_bin, *_ = simulate_dich(rng, 6, n)
    a_p = np.array([1.2, 1.6])
    d_p = np.array([[1.0, -1.0, np.nan], [2.0, 0.5, -1.0]])
    cum = np.cumsum(prob_grm(theta, a_p, d_p), axis=2)
    x_poly = (rng.random((n, 2, 1)) > cum).sum(axis=2).astype(float)
    x = np.hstack([x_bin, x_poly])
    fit = irt.calibrate(x, ["2PL"] * 6 + ["GRM"] * 2, compute_se=False)
    assert fit.converged
    np.testing.assert_array_equal(fit.items.n_categories, [2] * 6 + [3, 4])
    assert np.isnan(fit.items.d[6, 2]) and np.isnan(fit.items.d[0, 1])
    np.testing.assert_allclose(fit.items.d[6, :2], d_p[0, :2], atol=0.35)


def test_3pl_recovery_smoke() -> None:
    rng = np.random.default_rng(15)
    x, a, d, c = simulate_dich(rng, 12, 4000, guessing=True)
    fit = irt.calibrate(x, "3PL", compute_se=False)
    assert fit.converged
    assert np.all((fit.c > 0) & (fit.c < 0.5))
    assert np.mean(np.abs(fit.c - c)) < 0.08
    assert np.corrcoef(fit.b, -d / a)[0, 1] > 0.95


def _sparse_design(
    rng: np.random.Generator, n_items: int, n_persons: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x, a, d, _ = simulate_dich(rng, n_items, n_persons)
    block = np.arange(n_items) * 4 // n_items
    form = rng.integers(0, 4, n_persons)
    mask = (block[None, :] == form[:, None]) | (block[None, :] == (form[:, None] + 1) % 4)
    return x, mask, a, d


def test_missing_responses_are_not_presented() -> None:
    rng = np.random.default_rng(16)
    x, mask, a, d = _sparse_design(rng, 16, 6000)
    x_nan = np.where(mask, x, np.nan)
    fit = irt.calibrate(x_nan, "2PL")
    assert fit.converged
    assert np.sqrt(np.mean((fit.a - a) ** 2)) < 0.12
    assert np.sqrt(np.mean((fit.d - d) ** 2)) < 0.12
    # mask argument and NaN coding are the same thing
    fit_mask = irt.calibrate(x, "2PL", mask=mask, compute_se=False)
    np.testing.assert_allclose(fit_mask.a, fit.a, atol=1e-12)
    # scoring missing as wrong is a different (and biased) model
    fit_wrong = irt.calibrate(np.where(mask, x, 0.0), "2PL", compute_se=False)
    assert np.sqrt(np.mean((fit_wrong.d - d) ** 2)) > 0.3


def test_marginal_loglik_with_missing_equals_brute_force() -> None:
    rng = np.random.default_rng(17)
    x, mask, a, d = _sparse_design(rng, 8, 40)
    x_nan = np.where(mask, x, np.nan)
    x_nan[0] = np.nan  # a person with no responses contributes log(1) = 0
    items = ItemParameters(a, d)
    nodes = np.linspace(-6, 6, 61)
    w = np.exp(-0.5 * nodes**2)
    w /= w.sum()
    p = prob_3pl(nodes, a, d)  # (Q, J)
    total = 0.0
    for row in x_nan:
        obs = ~np.isnan(row)
        lik = np.prod(np.where(row[obs] == 1, p[:, obs], 1 - p[:, obs]), axis=1)
        total += np.log(lik @ w)
    assert irt.marginal_loglik(x_nan, items) == pytest.approx(total, rel=1e-12)


def test_nonconvergence_is_never_silent() -> None:
    rng = np.random.default_rng(18)
    x, *_ = simulate_dich(rng, 6, 500)
    with pytest.warns(irt.ConvergenceWarning):
        fit = irt.calibrate(x, "2PL", max_cycles=2, compute_se=False)
    assert not fit.converged
    assert fit.n_iterations == 2
    with pytest.raises(RuntimeError, match="did not converge"):
        irt.calibrate(x, "2PL", max_cycles=2, compute_se=False, on_nonconvergence="raise")


def test_acceleration_reaches_the_same_optimum() -> None:
    rng = np.random.default_rng(19)
    x, *_ = simulate_dich(rng, 10, 2000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fast = irt.calibrate(x, "2PL", compute_se=False)
        slow = irt.calibrate(x, "2PL", compute_se=False, accelerate=False, tol=1e-6)
    np.testing.assert_allclose(fast.a, slow.a, atol=2e-3)
    assert fast.log_likelihood >= slow.log_likelihood - 1e-4
    assert fast.n_iterations < slow.n_iterations


def test_input_validation() -> None:
    with pytest.raises(ValueError, match="integer category codes"):
        irt.calibrate(np.array([[0.5, 1.0], [1.0, 0.0]]))
    with pytest.raises(ValueError, match="0/1"):
        irt.calibrate(np.array([[0, 2], [1, 0], [2, 1]]), "2PL")
    with pytest.raises(ValueError, match="every category"):
        irt.calibrate(np.array([[0, 2], [2, 0], [0, 0], [2, 2]]), "GRM")
    with pytest.raises(ValueError, match="unknown model"):
        irt.calibrate(np.zeros((3, 2)), "4PL")


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=2, max_value=6),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_collapse_patterns_roundtrip(n_rows: int, n_items: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 3, (n_rows, n_items)).astype(float)
    x[rng.random(x.shape) < 0.2] = np.nan
    freq = rng.integers(1, 5, n_rows).astype(float)
    pats = irt.collapse_patterns(x, freq=freq)
    assert pats.freq.sum() == pytest.approx(freq.sum())
    rebuilt = pats.patterns[pats.inverse].astype(float)
    rebuilt[rebuilt < 0] = np.nan
    np.testing.assert_array_equal(rebuilt, x)
    assert len({tuple(r) for r in pats.patterns.tolist()}) == pats.patterns.shape[0]


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_marginal_loglik_invariances(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, _, a, d = _sparse_design(rng, 6, 30)
    x = np.where(rng.random(x.shape) < 0.2, np.nan, x)
    items = ItemParameters(a, d)
    ll = irt.marginal_loglik(x, items)
    perm = rng.permutation(x.shape[0])
    assert irt.marginal_loglik(x[perm], items) == pytest.approx(ll, rel=1e-12)
    assert irt.marginal_loglik(np.vstack([x, x]), items) == pytest.approx(2 * ll, rel=1e-12)
    assert irt.marginal_loglik(x, items, freq=np.full(x.shape[0], 3.0)) == pytest.approx(
        3 * ll, rel=1e-12
    )
