"""Classical test theory against hand-computed small matrices."""

from __future__ import annotations

import numpy as np
import pytest

from aicert.psychometrics.ctt import (
    alpha_if_item_deleted,
    corrected_point_biserial,
    cronbach_alpha,
    distractor_analysis,
    item_analysis,
    item_facility,
    kr20,
    standard_error_of_measurement,
    total_scores,
)

# 5 persons x 4 items; totals 3, 2, 3, 0, 4 (mean 2.4).
X = np.array(
    [
        [1, 1, 1, 0],
        [1, 1, 0, 0],
        [1, 0, 1, 1],
        [0, 0, 0, 0],
        [1, 1, 1, 1],
    ],
    dtype=float,
)


def test_facility_and_totals() -> None:
    np.testing.assert_allclose(item_facility(X), [0.8, 0.6, 0.6, 0.4])
    np.testing.assert_allclose(total_scores(X), [3, 2, 3, 0, 4])


def test_alpha_and_kr20_hand_computed() -> None:
    # Item variances (ddof 1): 0.2, 0.3, 0.3, 0.3 (sum 1.1); total variance 9.2 / 4 = 2.3.
    # alpha = 4/3 * (1 - 1.1 / 2.3) = 0.695652...
    # KR-20 with p q (sum 0.88) and the ddof-0 total variance 1.84: 4/3 * (1 - 0.88/1.84), equal.
    expected = 4 / 3 * (1 - 1.1 / 2.3)
    assert cronbach_alpha(X) == pytest.approx(expected)
    assert kr20(X) == pytest.approx(4 / 3 * (1 - 0.88 / 1.84))
    assert kr20(X) == pytest.approx(expected)


def test_kr20_rejects_polytomous() -> None:
    with pytest.raises(ValueError):
        kr20(X * 2)


def test_corrected_point_biserial_hand_computed() -> None:
    # Item 1 = [1,1,1,0,1], rest = [2,1,2,0,3]; deviations from means .8 and 1.6:
    # sum dx*dr = 1.6, sum dx^2 = 0.8, sum dr^2 = 5.2 -> r = 1.6 / sqrt(4.16).
    r = corrected_point_biserial(X)
    assert r[0] == pytest.approx(1.6 / np.sqrt(0.8 * 5.2))
    # Equivalent to Pearson with the rest score, for every item.
    for j in range(4):
        rest = X.sum(axis=1) - X[:, j]
        assert r[j] == pytest.approx(np.corrcoef(X[:, j], rest)[0, 1])


def test_alpha_if_deleted_hand_computed() -> None:
    # Without item 1: item variances .3 .3 .3, total [2,1,2,0,3] variance 5.2/4 = 1.3:
    # alpha = 3/2 * (1 - 0.9 / 1.3).
    aid = alpha_if_item_deleted(X)
    assert aid[0] == pytest.approx(1.5 * (1 - 0.9 / 1.3))
    for j in range(4):
        assert aid[j] == pytest.approx(cronbach_alpha(np.delete(X, j, axis=1)))


def test_sem() -> None:
    # SD^2 = 2.3, 1 - alpha = 1.2/2.3 * ... -> SEM^2 = 2.3 * (1 - 0.695652) = 0.7.
    summary = item_analysis(X)
    assert summary.sd_total == pytest.approx(np.sqrt(2.3))
    assert summary.sem == pytest.approx(np.sqrt(0.7))
    assert standard_error_of_measurement(10.0, 0.91) == pytest.approx(3.0)
    with pytest.raises(ValueError):
        standard_error_of_measurement(10.0, 1.5)


def test_zero_variance_item_gives_nan_correlation() -> None:
    y = X.copy()
    y[:, 3] = 1.0
    assert np.isnan(corrected_point_biserial(y)[3])


def test_missing_not_presented() -> None:
    y = X.copy()
    y[0, 0] = np.nan  # item 1 not presented to person 1
    y[3, 2] = np.nan
    # Facility over persons presented: item 1 -> 3/4.
    assert item_facility(y)[0] == pytest.approx(0.75)
    # Point-biserial over the 4 persons presented item 1; rest score over presented items.
    rest = np.nansum(y, axis=1) - np.nan_to_num(y[:, 0])
    keep = ~np.isnan(y[:, 0])
    assert corrected_point_biserial(y)[0] == pytest.approx(
        np.corrcoef(y[keep, 0], rest[keep])[0, 1]
    )
    # Pairwise covariance = covariance over persons observing both items.
    k = y.shape[1]
    cov = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            both = ~np.isnan(y[:, i]) & ~np.isnan(y[:, j])
            cov[i, j] = np.cov(y[both, i], y[both, j], ddof=1)[0, 1]
    expected = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    assert cronbach_alpha(y) == pytest.approx(expected)
    # Listwise: persons 2, 3, 5 only.
    assert cronbach_alpha(y, missing="listwise") == pytest.approx(cronbach_alpha(y[[1, 2, 4]]))


def test_distractor_analysis_hand_computed() -> None:
    choices = [
        ["A", "C"],
        ["A", "B"],
        ["B", "C"],
        ["C", None],  # item 2 not presented
        ["A", "C"],
    ]
    key = ["A", "C"]
    # Totals: p1 2, p2 1, p3 1, p4 0, p5 2.
    rows = distractor_analysis(choices, key, options=[["A", "B", "C", "D"], ["A", "B", "C"]])
    table = {(r.item, r.option): r for r in rows}
    assert table[(0, "A")].is_key and table[(0, "A")].n == 3
    assert table[(0, "A")].proportion == pytest.approx(0.6)
    assert table[(0, "A")].mean_total == pytest.approx((2 + 1 + 2) / 3)
    assert table[(0, "B")].mean_total == pytest.approx(1.0)
    assert table[(0, "C")].mean_total == pytest.approx(0.0)
    assert table[(0, "D")].n == 0 and np.isnan(table[(0, "D")].mean_total)
    # Item 2: four persons presented; C chosen by p1, p3, p5 (totals 2, 1, 2).
    assert table[(1, "C")].proportion == pytest.approx(0.75)
    assert table[(1, "C")].mean_total == pytest.approx(5 / 3)
    assert table[(1, "B")].proportion == pytest.approx(0.25)
    assert table[(1, "A")].n == 0
