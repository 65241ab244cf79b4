"""Person scoring: EAP/MAP/ML/WLE, Lord-Wingersky tables, reliability, TCF and information."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicert.psychometrics import ability, irt
from aicert.psychometrics.irf import (
    ItemParameters,
    category_probs,
    info_3pl,
    item_information,
    prob_3pl,
)

NODES = np.linspace(-6, 6, 61)


def bank_2pl() -> ItemParameters:
    a = np.array([0.8, 1.2, 1.5, 1.0, 2.0, 0.6])
    b = np.array([-1.5, -0.5, 0.0, 0.4, 1.0, 1.8])
    return ItemParameters(a, -a * b)


def bank_mixed() -> ItemParameters:
    """Two 3PL items, one 2PL item and two graded items with 3 and 4 categories."""
    a = np.array([1.3, 0.9, 1.1, 1.4, 0.8])
    d = np.array(
        [
            [0.5, np.nan, np.nan],
            [-0.3, np.nan, np.nan],
            [0.2, np.nan, np.nan],
            [1.0, -0.8, np.nan],
            [2.0, 0.3, -1.2],
        ]
    )
    c = np.array([0.2, 0.15, 0.0, 0.0, 0.0])
    return ItemParameters(a, d, c)


def brute_posterior(row: np.ndarray, items: ItemParameters, mean: float = 0.0, sd: float = 1.0):
    grid = np.linspace(-6, 6, 61)
    w = np.exp(-0.5 * ((grid - mean) / sd) ** 2)
    w /= w.sum()
    p = category_probs(grid, items.a, items.d, items.c)
    lik = np.ones_like(grid)
    for j, x in enumerate(row):
        if not np.isnan(x):
            lik *= p[:, j, int(x)]
    post = lik * w / np.sum(lik * w)
    m = post @ grid
    return m, np.sqrt(post @ (grid - m) ** 2)


def test_eap_matches_direct_integration_with_missing() -> None:
    items = bank_mixed()
    rng = np.random.default_rng(1)
    x = np.column_stack([rng.integers(0, k, 30) for k in items.n_categories]).astype(float)
    x[rng.random(x.shape) < 0.25] = np.nan
    est = ability.eap(x, items, prior_mean=0.3, prior_sd=1.2)
    for i in range(x.shape[0]):
        m, s = brute_posterior(x[i], items, 0.3, 1.2)
        assert est.theta[i] == pytest.approx(m, abs=1e-10)
        assert est.se[i] == pytest.approx(s, abs=1e-10)
    chunked = ability.eap(x, items, prior_mean=0.3, prior_sd=1.2, chunk_size=7)
    np.testing.assert_allclose(chunked.theta, est.theta, atol=1e-13)


def test_eap_uses_calibrated_latent_variance() -> None:
    rng = np.random.default_rng(2)
    theta = rng.normal(0, 1.4, 1500)
    d = np.linspace(-1, 1, 8)
    x = (rng.random((1500, 8)) < prob_3pl(theta, 1.0, d)).astype(float)
    fit = irt.calibrate(x, "Rasch", compute_se=False)
    est = ability.eap(x[:5], fit)
    explicit = ability.eap(x[:5], fit.items, prior_sd=np.sqrt(fit.latent_variance))
    np.testing.assert_allclose(est.theta, explicit.theta)


def test_ml_solves_score_equation_and_flags_extremes() -> None:
    items = bank_2pl()
    x = np.array(
        [
            [1, 1, 0, 1, 0, 0],
            [1, 0, 1, 0, 1, 0],
            [1, 1, 1, 1, 1, 1],
            [0, 0, 0, 0, 0, 0],
            [1, np.nan, 0, np.nan, np.nan, np.nan],
            [np.nan] * 6,
        ]
    )
    est = ability.ml_estimate(x, items)
    np.testing.assert_array_equal(est.flagged, [False, False, True, True, False, True])
    assert est.theta[2] == 6.0 and est.theta[3] == -6.0
    assert np.isinf(est.se[2]) and np.isnan(est.theta[5])
    for i in (0, 1, 4):
        obs = ~np.isnan(x[i])
        p = prob_3pl(est.theta[i], items.a[obs], items.d[obs, 0])[0]
        score = np.sum(items.a[obs] * (x[i, obs] - p))
        assert abs(score) < 1e-8
        info = np.sum(info_3pl(est.theta[i], items.a[obs], items.d[obs, 0]))
        assert est.se[i] == pytest.approx(1 / np.sqrt(info), rel=1e-8)


def test_wle_is_finite_and_symmetric_for_rasch_extremes() -> None:
    items = ItemParameters(np.ones(5), np.array([-1.0, -0.5, 0.0, 0.5, 1.0]))
    x = np.array([[1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 1, 0, 0, 0]], dtype=float)
    est = ability.wle(x, items)
    assert not est.flagged.any()
    assert est.theta[0] == pytest.approx(-est.theta[1], abs=1e-8)
    assert 1.5 < est.theta[0] < 6.0
    # Warm's estimator shrinks ML towards the centre of the test
    ml = ability.ml_estimate(x[2:], items)
    assert abs(est.theta[2]) < abs(ml.theta[0])
    # root of l'(theta) + I'(theta) / (2 I(theta)) for the Rasch model
    t = est.theta[2]
    p = prob_3pl(t, 1.0, items.d[:, 0])[0]
    info = np.sum(p * (1 - p))
    dinfo = np.sum(p * (1 - p) * (1 - 2 * p))
    assert np.sum(x[2] - p) + dinfo / (2 * info) == pytest.approx(0.0, abs=1e-8)


def test_map_approaches_ml_with_vague_prior_and_is_shrunk_otherwise() -> None:
    items = bank_mixed()
    x = np.array([[1, 0, 1, 2, 1], [0, 1, 0, 1, 3]], dtype=float)
    ml = ability.ml_estimate(x, items)
    vague = ability.map_estimate(x, items, prior_sd=1e3)
    np.testing.assert_allclose(vague.theta, ml.theta, atol=1e-4)
    tight = ability.map_estimate(x, items, prior_sd=0.5)
    assert np.all(np.abs(tight.theta) < np.abs(ml.theta))
    assert np.all(tight.se < 0.5)
    none = ability.map_estimate(np.full((1, 5), np.nan), items, prior_mean=0.4)
    assert none.theta[0] == 0.4 and not none.flagged[0]


def test_score_dispatch_and_graded_items() -> None:
    items = bank_mixed()
    rng = np.random.default_rng(3)
    x = np.column_stack([rng.integers(0, k, 50) for k in items.n_categories]).astype(float)
    for method in ("EAP", "MAP", "ML", "WLE"):
        est = ability.score(x, items, method)
        assert est.method == method
        assert est.theta.shape == (50,)
        finite = ~est.flagged
        assert np.all(np.isfinite(est.theta[finite])) and np.all(est.se[finite] > 0)
    with pytest.raises(ValueError, match="unknown scoring method"):
        ability.score(x, items, "BAYES")
    with pytest.raises(ValueError, match="exceeds"):
        ability.eap(np.array([[1, 1, 1, 3, 0]]), items)


def test_lord_wingersky_matches_enumeration() -> None:
    items = bank_mixed()
    theta = np.array([-1.0, 0.0, 0.7])
    probs = items.category_probs(theta)
    dist = ability.lord_wingersky(probs, items.n_categories)
    assert dist.shape == (items.max_score + 1, 3)
    brute = np.zeros_like(dist)
    for pattern in itertools.product(*[range(k) for k in items.n_categories]):
        pr = np.prod([probs[:, j, k] for j, k in enumerate(pattern)], axis=0)
        brute[sum(pattern)] += pr
    np.testing.assert_allclose(dist, brute, atol=1e-14)


def test_sum_score_table_is_consistent_with_pattern_eaps() -> None:
    items = bank_2pl()
    table = ability.sum_score_table(items, n_persons=500)
    assert table.expected_count.sum() == pytest.approx(500)
    assert np.all(np.diff(table.eap) > 0)
    # the sum-score EAP is the probability-weighted mean of the pattern EAPs with that score
    patterns = np.array(list(itertools.product([0, 1], repeat=6)), dtype=float)
    est = ability.eap(patterns, items)
    prob = np.exp([irt.marginal_loglik(p[None, :], items) for p in patterns])
    s = patterns.sum(axis=1).astype(int)
    for score in range(7):
        sel = s == score
        mean = np.sum(prob[sel] * est.theta[sel]) / prob[sel].sum()
        assert table.eap[score] == pytest.approx(mean, abs=1e-10)
        assert table.probability[score] == pytest.approx(prob[sel].sum(), rel=1e-10)


def test_test_information_and_characteristic_function() -> None:
    items = bank_mixed()
    theta = np.linspace(-3, 3, 13)
    info = ability.test_information(theta, items)
    h = 1e-5
    probs = category_probs(theta, items.a, items.d, items.c)
    dprob = (
        category_probs(theta + h, items.a, items.d, items.c)
        - category_probs(theta - h, items.a, items.d, items.c)
    ) / (2 * h)
    ratio = np.divide(dprob**2, probs, out=np.zeros_like(probs), where=probs > 0)
    fisher = ratio.sum(axis=(1, 2))
    np.testing.assert_allclose(info, fisher, rtol=1e-6)
    dich = item_information(theta, items.a[:3], items.d[:3, 0], items.c[:3])
    np.testing.assert_allclose(dich, info_3pl(theta, items.a[:3], items.d[:3, 0], items.c[:3]))
    tcf = ability.test_characteristic(theta, items)
    assert np.all(np.diff(tcf) > 0)
    low, high = ability.test_characteristic(np.array([-40.0, 40.0]), items)
    assert low == pytest.approx(items.c.sum(), abs=1e-6)
    assert high == pytest.approx(items.max_score, abs=1e-6)


def test_marginal_reliability_grows_with_test_length() -> None:
    short = bank_2pl()
    long = ItemParameters(np.tile(short.a, 4), np.tile(short.d[:, 0], 4))
    r_short = ability.marginal_reliability(short)
    r_long = ability.marginal_reliability(long)
    assert 0 < r_short < r_long < 1
    assert ability.empirical_reliability([0.0, 1.0, 2.0], [0.0, 0.0, 0.0]) == 1.0


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 1.0, np.nan]), min_size=6, max_size=6),
    st.floats(min_value=0.3, max_value=3.0),
)
def test_eap_properties(row: list[float], prior_sd: float) -> None:
    items = bank_2pl()
    x = np.array([row])
    est = ability.eap(x, items, prior_sd=prior_sd)
    assert abs(est.theta[0]) < 6 and 0 < est.se[0] <= prior_sd * (1 + 1e-6)
    # answering one more item correctly never lowers the EAP (monotone likelihood ratio)
    missing = np.flatnonzero(np.isnan(x[0]))
    if missing.size:
        up = x.copy()
        up[0, missing[0]] = 1.0
        down = x.copy()
        down[0, missing[0]] = 0.0
        assert ability.eap(up, items, prior_sd=prior_sd).theta[0] > est.theta[0]
        assert ability.eap(down, items, prior_sd=prior_sd).theta[0] < est.theta[0]
