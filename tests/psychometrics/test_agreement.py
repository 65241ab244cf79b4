"""Marker agreement figures against values worked out by hand (Cohen, 1968)."""

import math

import pytest

from aicert.psychometrics.agreement import agreement, quadratic_weighted_kappa


def test_quadratic_weighted_kappa_hand_computed():
    # Scores 0..2, weights w = (i-j)^2/4. Observed disagreements: (0,1) and (1,2), each w = 1/4,
    # so sum(w*O) = 1/2. Marginals: rater a 2/2/2, rater b 1/2/3 -> E_ij = a_i * b_j / 6, and
    # sum(w*E) = 7/6 + 1/3 + 1/2 = 2. kappa = 1 - (1/2)/2 = 0.75.
    a = [0, 0, 1, 1, 2, 2]
    b = [0, 1, 1, 2, 2, 2]
    assert quadratic_weighted_kappa(a, b) == pytest.approx(0.75)


def test_kappa_of_reversed_raters_is_minus_one_and_identical_is_one():
    assert quadratic_weighted_kappa([0, 1, 2], [2, 1, 0]) == pytest.approx(-1.0)
    assert quadratic_weighted_kappa([0, 1, 2, 2], [0, 1, 2, 2]) == pytest.approx(1.0)


def test_kappa_category_range_changes_the_weights():
    # With a fixed rubric range 0..4 the same pairs sit closer together relative to the range:
    # only the normalising (k-1)^2 changes, which cancels, so kappa is unchanged...
    a, b = [0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 2]
    assert quadratic_weighted_kappa(a, b, min_score=0, max_score=4) == pytest.approx(0.75)
    # ...but a score outside the declared range is an error.
    with pytest.raises(ValueError):
        quadratic_weighted_kappa([5], [0], min_score=0, max_score=4)


def test_kappa_undefined_when_both_markers_give_one_score():
    assert quadratic_weighted_kappa([2, 2, 2], [2, 2, 2]) is None
    assert quadratic_weighted_kappa([], []) is None


def test_agreement_summary():
    result = agreement([0, 0, 1, 1, 2, 4], [0, 1, 1, 2, 2, 2])
    assert result.n == 6
    assert result.exact == pytest.approx(3 / 6)
    assert result.adjacent == pytest.approx(5 / 6)  # only 4 vs 2 is more than one apart
    assert result.mean_difference == pytest.approx((0 - 1 + 0 - 1 + 0 + 2) / 6)
    assert result.kappa is not None and -1 <= result.kappa <= 1


def test_agreement_of_fractional_scores_has_no_kappa():
    result = agreement([0.5, 1], [0.5, 2])
    assert result.kappa is None
    assert result.exact == 0.5
    assert math.isclose(result.mean_difference, -0.5)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        agreement([1, 2], [1])
