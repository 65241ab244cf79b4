"""Standard setting with hand-worked Angoff and Bookmark cases."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit

from aicert.psychometrics.irf import prob_3pl
from aicert.psychometrics.standard_setting import (
    angoff,
    apply_rounding,
    bookmark_cut,
    expected_raw_score,
    ordered_item_booklet,
    raw_to_theta,
    rp_location,
    scaling_constants,
    theta_to_raw,
    theta_to_scaled,
)


def test_angoff_two_rounds_hand_worked() -> None:
    round1 = np.array(
        [
            [0.6, 0.7, 0.5, 0.8],  # panelist cut 2.6
            [0.8, 0.7, 0.9, 0.6],  # 3.0
            [0.4, 0.7, 0.4, 0.7],  # 2.2
        ]
    )
    round2 = np.array(
        [
            [0.6, 0.7, 0.6, 0.7],  # 2.6
            [0.7, 0.7, 0.7, 0.7],  # 2.8
            [0.6, 0.7, 0.6, 0.7],  # 2.6
        ]
    )
    r1, r2 = angoff([round1, round2])
    # Round 1: item means .6 .7 .6 .7 -> cut 2.6 (= mean of 2.6, 3.0, 2.2).
    # SD of (2.6, 3.0, 2.2) = sqrt((0 + .16 + .16) / 2) = 0.4; SE = 0.4 / sqrt(3).
    assert r1.cut == pytest.approx(2.6)
    np.testing.assert_allclose(r1.panelist_cuts, [2.6, 3.0, 2.2])
    assert r1.sd == pytest.approx(0.4)
    assert r1.se == pytest.approx(0.4 / np.sqrt(3))
    assert r1.proportion_cut == pytest.approx(0.65)
    # Round 2: item means 0.6333, 0.7, 0.6333, 0.7 -> cut 2.6667; cuts 2.6, 2.8, 2.6:
    # SD = sqrt(((-1/15)^2 * 2 + (2/15)^2) / 2) = sqrt(6/225 / 2) = 0.11547.
    assert r2.round == 2
    assert r2.cut == pytest.approx(8 / 3)
    assert r2.sd == pytest.approx(np.sqrt(3 / 225))
    assert r2.sd < r1.sd  # discussion reduced the spread
    single = angoff(round1)
    assert len(single) == 1 and single[0].cut == pytest.approx(2.6)


def test_angoff_rejects_bad_ratings() -> None:
    with pytest.raises(ValueError):
        angoff([np.array([[0.5, 1.2]])])
    with pytest.raises(ValueError):
        angoff([np.array([[0.5, np.nan]])])


def test_rp_location_hand_computed() -> None:
    # 2PL a = 1, b = 0: theta* = ln(.67/.33) = 0.708185.
    # 3PL a = 2, b = 1, c = .2: theta* = 1 + ln(.47/.33)/2 = 1 + 0.353640/2 = 1.176820.
    # Rasch b = -1: theta* = -1 + 0.708185 = -0.291815.
    a = np.array([1.0, 2.0, 1.0])
    b = np.array([0.0, 1.0, -1.0])
    c = np.array([0.0, 0.2, 0.0])
    loc = rp_location(a, -a * b, c, rp=0.67)
    np.testing.assert_allclose(loc, [0.708185, 1.176820, -0.291815], atol=1e-6)
    # At theta* each item is answered correctly with probability RP.
    p = prob_3pl(loc, a, -a * b, c)
    np.testing.assert_allclose(np.diag(p), 0.67)
    booklet = ordered_item_booklet(a, -a * b, c)
    np.testing.assert_array_equal(booklet.order, [2, 0, 1])
    with pytest.raises(ValueError):
        rp_location([1.0], [0.0], [0.7], rp=0.67)


def test_bookmark_cut_hand_computed() -> None:
    # Pages: 1 = item 2 (-0.291815), 2 = item 0 (0.708185), 3 = item 1 (1.176820).
    a = np.array([1.0, 2.0, 1.0])
    b = np.array([0.0, 1.0, -1.0])
    c = np.array([0.0, 0.2, 0.0])
    d = -a * b
    res = bookmark_cut(a, d, c, bookmarks=[1, 2, 2, 3])
    # last-mastered: thetas -0.291815, 0.708185, 0.708185, 1.176820 -> median 0.708185.
    np.testing.assert_allclose(
        res.panelist_thetas, [-0.291815, 0.708185, 0.708185, 1.17682], atol=1e-6
    )
    assert res.theta_cut == pytest.approx(0.708185, abs=1e-6)
    mean_cut = bookmark_cut(a, d, c, bookmarks=[1, 2, 2, 3], aggregate="mean")
    assert mean_cut.theta_cut == pytest.approx((-0.291815 + 2 * 0.708185 + 1.17682) / 4, abs=1e-6)
    nxt = bookmark_cut(a, d, c, bookmarks=[1], placement="first-not-mastered")
    assert nxt.theta_cut == pytest.approx(0.708185, abs=1e-6)
    mid = bookmark_cut(a, d, c, bookmarks=[1], placement="midpoint")
    assert mid.theta_cut == pytest.approx(0.5 * (-0.291815 + 0.708185), abs=1e-6)
    with pytest.raises(ValueError):
        bookmark_cut(a, d, c, bookmarks=[0])


def test_tcc_mapping_hand_computed() -> None:
    # Rasch items with b = 0, 1, -1: T(0) = 0.5 + logistic(-1) + logistic(1) = 1.5 exactly.
    a = np.ones(3)
    d = np.array([0.0, -1.0, 1.0])
    assert expected_raw_score(0.0, a, d)[0] == pytest.approx(1.5)
    assert raw_to_theta(1.5, a, d) == pytest.approx(0.0, abs=1e-10)
    # T(0.708185) = logistic(.708185) + logistic(-.291815) + logistic(1.708185)
    t = expit(0.708185) + expit(-0.291815) + expit(1.708185)
    assert expected_raw_score(0.708185, a, d)[0] == pytest.approx(t)
    assert theta_to_raw(0.708185, a, d) == 2.0  # 1.97... rounded up
    assert theta_to_raw(0.708185, a, d, rounding="none") == pytest.approx(t)
    # Raw -> theta -> raw round trip, 3PL.
    rng = np.random.default_rng(0)
    a3, d3, c3 = rng.lognormal(0, 0.3, 30), rng.normal(0, 1, 30), rng.uniform(0, 0.2, 30)
    for raw in (8.0, 15.0, 24.5):
        th = raw_to_theta(raw, a3, d3, c3)
        assert expected_raw_score(th, a3, d3, c3)[0] == pytest.approx(raw, abs=1e-9)
    with pytest.raises(ValueError):
        raw_to_theta(float(c3.sum()) - 0.1, a3, d3, c3)


def test_scaled_scores_and_rounding() -> None:
    # scaled = 20 * 0.708185 + 500 = 514.16 -> 514 (nearest), 515 (up), 514 (down).
    assert theta_to_scaled(0.708185, 20, 500)[()] == 514.0
    assert theta_to_scaled(0.708185, 20, 500, rounding="up")[()] == 515.0
    assert theta_to_scaled(0.708185, 20, 500, rounding="down")[()] == 514.0
    assert theta_to_scaled(0.708185, 20, 500, rounding="nearest", increment=5)[()] == 515.0
    assert theta_to_scaled(-30.0, 20, 500, clip=(200, 800))[()] == 200.0
    assert apply_rounding(2.5, "nearest")[()] == 3.0  # half up, not banker's
    assert apply_rounding(12.0000000001, "up")[()] == 12.0
    # Cut at theta 0.708185 reported as 500, theta 2 as 600.
    slope, intercept = scaling_constants((0.708185, 2.0), (500.0, 600.0))
    assert slope * 0.708185 + intercept == pytest.approx(500.0)
    assert slope == pytest.approx(100 / (2 - 0.708185))
