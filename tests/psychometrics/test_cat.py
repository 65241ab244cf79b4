"""Computerised adaptive testing: estimation, selection rules, stopping rules and simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from aicert.psychometrics.cat import (
    CatConfig,
    CatItemBank,
    CatSession,
    StoppingRule,
    simulate,
    sympson_hetter_calibrate,
)
from aicert.psychometrics.irf import info_3pl, prob_3pl


def make_bank(n: int, seed: int, *, guessing: bool = True, domains: bool = False) -> CatItemBank:
    rng = np.random.default_rng(seed)
    a = rng.lognormal(0.1, 0.3, n)
    b = rng.normal(0.0, 1.0, n)
    c = rng.uniform(0.0, 0.25, n) if guessing else np.zeros(n)
    labels = rng.choice(["alg", "geo", "stat"], n, p=[0.5, 0.3, 0.2]) if domains else None
    return CatItemBank(a, -a * b, c, labels)


@pytest.fixture(scope="module")
def bank300() -> CatItemBank:
    return make_bank(300, 1, guessing=False)


def test_information_matches_irf() -> None:
    bank = make_bank(50, 3)
    for theta in (-2.0, 0.0, 1.3):
        np.testing.assert_allclose(
            bank.information(theta), info_3pl(theta, bank.a, bank.d, bank.c)[0], rtol=1e-10
        )


def test_eap_matches_direct_quadrature() -> None:
    bank = make_bank(20, 4)
    session = CatSession(bank)
    assert session.theta == pytest.approx(0.0, abs=1e-12)
    assert session.se == pytest.approx(1.0, abs=1e-3)  # prior SD on the 61-point grid
    items, resp = [3, 7, 11], [1, 0, 1]
    for i, r in zip(items, resp, strict=True):
        session.record(i, r)
    q = np.linspace(-6, 6, 61)
    prior = stats.norm.pdf(q)
    p = prob_3pl(q, bank.a[items], bank.d[items], bank.c[items])
    like = np.prod(np.where(np.array(resp) == 1, p, 1 - p), axis=1)
    post = prior * like / np.sum(prior * like)
    mean = np.sum(post * q)
    assert session.theta == pytest.approx(mean, abs=1e-10)
    assert session.se == pytest.approx(np.sqrt(np.sum(post * (q - mean) ** 2)), abs=1e-10)


def test_max_info_selects_most_informative_unadministered() -> None:
    bank = make_bank(200, 5)
    session = CatSession(bank, CatConfig(stopping=StoppingRule(max_length=10)))
    for step in range(5):
        item = session.next_item()
        assert item is not None
        assert session.next_item() == item  # idempotent until recorded
        info = info_3pl(session.theta, bank.a, bank.d, bank.c)[0]
        info[session.administered] = -np.inf
        assert item == int(np.argmax(info))
        session.record(item, step % 2)
    with pytest.raises(ValueError):
        session.record(session.administered[0], 1)
    with pytest.raises(ValueError):
        session.record(0 if 0 not in session.administered else 1, 2)


def test_randomesque_spreads_first_item() -> None:
    bank = make_bank(200, 6)
    top5 = set(np.argsort(-bank.information(0.0))[:5].tolist())
    rng = np.random.default_rng(0)
    firsts = {CatSession(bank, CatConfig(randomesque=5), rng=rng).next_item() for _ in range(200)}
    assert firsts == top5


def test_rmse_decreases_with_length(bank300: CatItemBank) -> None:
    thetas = np.random.default_rng(9).standard_normal(300)
    rmse = []
    for length in (5, 10, 20, 40):
        res = simulate(bank300, thetas, CatConfig(stopping=StoppingRule(max_length=length)), rng=1)
        assert res.mean_length == length == res.min_length == res.max_length
        assert abs(res.bias) < 0.15
        rmse.append(res.rmse)
    assert all(b < a for a, b in zip(rmse, rmse[1:], strict=False)), rmse
    assert rmse[-1] < 0.4


def test_sympson_hetter_caps_exposure(bank300: CatItemBank) -> None:
    stopping = StoppingRule(max_length=20)
    free = simulate(
        bank300, np.random.default_rng(1).standard_normal(600), CatConfig(stopping=stopping), rng=2
    )
    assert free.max_exposure > 0.9  # the first item is the same for everyone
    r = 0.2
    sh = sympson_hetter_calibrate(
        bank300, CatConfig(stopping=stopping), r, n_simulees=600, max_iterations=8, rng=3
    )
    assert sh.max_exposure_history[0] == pytest.approx(free.max_exposure, abs=0.05)
    assert np.all((sh.k > 0) & (sh.k <= 1))
    checked = simulate(
        bank300,
        np.random.default_rng(4).standard_normal(1000),
        CatConfig(stopping=stopping, exposure_k=sh.k),
        rng=5,
    )
    # Approximately capped: within sampling noise of r (3 binomial SEs of 1000 examinees ~ .04)
    # plus the residual overshoot of the iterative procedure.
    assert checked.max_exposure <= r + 0.06, checked.max_exposure
    assert checked.unused_share < free.unused_share
    assert checked.mean_length == 20
    assert checked.rmse < 0.45


def test_content_balancing_meets_blueprint() -> None:
    bank = make_bank(300, 8, domains=True)
    blueprint = {"alg": 0.5, "geo": 0.3, "stat": 0.2}
    cfg = CatConfig(stopping=StoppingRule(max_length=20), blueprint=blueprint, randomesque=3)
    res = simulate(bank, np.random.default_rng(2).standard_normal(100), cfg, rng=3)
    names = list(bank.domain_names)
    expected = np.array([20 * blueprint[n] for n in names])
    np.testing.assert_array_equal(res.domain_counts, np.tile(expected, (100, 1)))
    # Shorter tests stay within one item of the target share.
    cfg7 = CatConfig(stopping=StoppingRule(max_length=7), blueprint=blueprint)
    res7 = simulate(bank, np.zeros(5), cfg7, rng=3)
    assert np.all(np.abs(res7.domain_counts - 7 * np.array([blueprint[n] for n in names])) <= 1)


def test_content_balancing_with_exposure_control() -> None:
    bank = make_bank(300, 8, domains=True)
    blueprint = {"alg": 0.5, "geo": 0.3, "stat": 0.2}
    k = np.full(bank.n_items, 0.3)
    cfg = CatConfig(stopping=StoppingRule(max_length=10), blueprint=blueprint, exposure_k=k)
    res = simulate(bank, np.random.default_rng(2).standard_normal(50), cfg, rng=3)
    np.testing.assert_array_equal(res.domain_counts, np.tile([5, 3, 2], (50, 1)))


def test_ci_classification_stopping_rule(bank300: CatItemBank) -> None:
    cut = 0.5
    rule = StoppingRule(max_length=40, min_length=3, cut=cut, z=1.96)
    thetas = np.random.default_rng(12).uniform(-2.5, 2.5, 300)
    res = simulate(bank300, thetas, CatConfig(stopping=rule), rng=13)
    by_ci = np.array([r == "classification" for r in res.stop_reasons])
    assert by_ci.mean() > 0.6
    # Stopped by the rule only when theta_hat +- 1.96 SE excludes the cut.
    assert np.all(np.abs(res.theta_hat[by_ci] - cut) > 1.96 * res.se[by_ci])
    assert np.all(res.lengths[~by_ci] == 40)
    # Examinees far from the cut finish sooner than those near it.
    far = np.abs(thetas - cut) > 1.5
    near = np.abs(thetas - cut) < 0.3
    assert res.lengths[far].mean() < res.lengths[near].mean()
    assert res.classification_accuracy is not None and res.classification_accuracy > 0.85


def test_se_stopping_rule(bank300: CatItemBank) -> None:
    rule = StoppingRule(max_length=50, se_threshold=0.35)
    res = simulate(
        bank300, np.random.default_rng(3).standard_normal(100), CatConfig(stopping=rule), rng=4
    )
    se_stop = np.array([r == "se" for r in res.stop_reasons])
    assert se_stop.mean() > 0.9
    assert np.all(res.se[se_stop] <= 0.35)
    assert res.max_length <= 50 and res.min_length < 50


def test_session_stops_and_exhausts() -> None:
    bank = make_bank(5, 2)
    session = CatSession(bank, CatConfig(stopping=StoppingRule(max_length=10)))
    while (item := session.next_item()) is not None:
        session.record(item, 1)
    assert len(session.administered) == 5
    assert session.stop_reason == "exhausted"


def test_full_sessions_on_2000_item_bank_never_repeat_or_run_dry() -> None:
    """Randomesque + Sympson–Hetter + content balancing on a large bank: 30 distinct items.

    Its speed is measured in bench/bench_cat.py (p50/p99 next-item latency), not here.
    """
    bank = make_bank(2000, 21, domains=True)
    rng = np.random.default_rng(0)
    cfg = CatConfig(
        stopping=StoppingRule(max_length=30),
        randomesque=5,
        exposure_k=rng.uniform(0.2, 1.0, 2000),
        blueprint={"alg": 0.5, "geo": 0.3, "stat": 0.2},
    )
    for _ in range(20):
        session = CatSession(bank, cfg, rng=rng)
        theta = rng.standard_normal()
        given = []
        while not session.finished:
            item = session.next_item()
            assert item is not None
            given.append(item)
            session.record(item, int(rng.random() < bank.prob(theta)[0, item]))
        assert len(given) == 30 == len(set(given))
