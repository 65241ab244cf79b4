"""Scale linking: exact recovery of a known transformation and hand-worked moment methods."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

from aicert.psychometrics.irf import prob_3pl
from aicert.psychometrics.linking import (
    _make_objective,
    default_quadrature,
    haebara,
    link,
    mean_mean,
    mean_sigma,
    stocking_lord,
    transform_item_parameters,
)

A_TRUE, B_TRUE = 1.3, -0.4


@pytest.fixture(scope="module")
def forms() -> tuple[np.ndarray, ...]:
    """Anchor items on form X and the same items on the base scale Y, exactly transformed."""
    rng = np.random.default_rng(7)
    a_x = rng.lognormal(0.0, 0.3, 15)
    b_x = rng.normal(0.0, 1.0, 15)
    c_x = rng.uniform(0.0, 0.25, 15)
    d_x = -a_x * b_x
    a_y, d_y, c_y = transform_item_parameters(a_x, d_x, c_x, A_TRUE, B_TRUE)
    return a_x, d_x, c_x, a_y, d_y, c_y


def test_transform_item_parameters_matches_b_form() -> None:
    a, b = np.array([0.8, 1.5]), np.array([-0.5, 1.2])
    a_y, d_y, c_y = transform_item_parameters(a, -a * b, [0.1, 0.2], 2.0, 0.5)
    np.testing.assert_allclose(a_y, a / 2.0)
    np.testing.assert_allclose(-d_y / a_y, 2.0 * b + 0.5)  # b_Y = A b_X + B
    np.testing.assert_allclose(c_y, [0.1, 0.2])


def test_transformation_leaves_response_probabilities_invariant(forms: tuple) -> None:
    a_x, d_x, c_x, a_y, d_y, c_y = forms
    theta_x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(
        prob_3pl(theta_x, a_x, d_x, c_x), prob_3pl(A_TRUE * theta_x + B_TRUE, a_y, d_y, c_y)
    )


@pytest.mark.parametrize("method", ["mean-mean", "mean-sigma", "haebara", "stocking-lord"])
def test_all_methods_recover_exact_transformation(forms: tuple, method: str) -> None:
    a_x, d_x, c_x, a_y, d_y, c_y = forms
    res = link(method, a_x, d_x, a_y, d_y, c_x=c_x, c_y=c_y)  # type: ignore[arg-type]
    assert res.A == pytest.approx(A_TRUE, abs=1e-6)
    assert res.B == pytest.approx(B_TRUE, abs=1e-6)
    assert res.converged
    a_t, d_t, c_t = res.transform_items(a_x, d_x, c_x)
    np.testing.assert_allclose(a_t, a_y, atol=1e-6)
    np.testing.assert_allclose(d_t, d_y, atol=1e-6)
    np.testing.assert_allclose(
        res.transform_theta([0.0, 1.0]), [B_TRUE, A_TRUE + B_TRUE], atol=1e-6
    )


@pytest.mark.parametrize("func", [haebara, stocking_lord])
def test_characteristic_curve_symmetric_and_far_start(forms: tuple, func: object) -> None:
    a_x, d_x, c_x, a_y, d_y, c_y = forms
    res = func(a_x, d_x, a_y, d_y, c_x=c_x, c_y=c_y, symmetric=True, start=(1.0, 0.0))  # type: ignore[operator]
    assert res.A == pytest.approx(A_TRUE, abs=1e-5)
    assert res.B == pytest.approx(B_TRUE, abs=1e-5)


def test_mean_mean_and_mean_sigma_hand_computed() -> None:
    # Form X anchors: a = (1, 2), b = (-1, 1)  -> d = -a b = (1, -2).
    # Form Y anchors: a = (0.5, 1.5), b = (0, 2) -> d = (0, -3).
    # Mean-mean: A = mean(a_X)/mean(a_Y) = 1.5/1.0 = 1.5; B = mean(b_Y) - A mean(b_X) = 1 - 0 = 1.
    # Mean-sigma: A = sd(b_Y)/sd(b_X) = 1/1 = 1; B = 1 - 1*0 = 1.
    a_x, d_x = [1.0, 2.0], [1.0, -2.0]
    a_y, d_y = [0.5, 1.5], [0.0, -3.0]
    mm = mean_mean(a_x, d_x, a_y, d_y)
    assert (mm.A, mm.B) == pytest.approx((1.5, 1.0))
    ms = mean_sigma(a_x, d_x, a_y, d_y)
    assert (ms.A, ms.B) == pytest.approx((1.0, 1.0))
    # Item 1 under mean-mean: a = 1/1.5, b = 1.5 * -1 + 1 = -0.5, d = -a b = 1/3.
    a_t, d_t, _ = mm.transform_items(a_x, d_x)
    assert a_t[0] == pytest.approx(2 / 3)
    assert d_t[0] == pytest.approx(1 / 3)
    assert mm.transform_b([-1.0])[0] == pytest.approx(-0.5)


def test_noisy_anchors_close_and_optimal() -> None:
    rng = np.random.default_rng(5)
    a_x = rng.lognormal(0, 0.3, 20)
    b_x = rng.normal(0, 1, 20)
    a_y = a_x / A_TRUE * np.exp(rng.normal(0, 0.05, 20))
    b_y = A_TRUE * b_x + B_TRUE + rng.normal(0, 0.05, 20)
    d_x, d_y = -a_x * b_x, -a_y * b_y
    for func in (haebara, stocking_lord):
        res = func(a_x, d_x, a_y, d_y)
        assert res.A == pytest.approx(A_TRUE, abs=0.08)
        assert res.B == pytest.approx(B_TRUE, abs=0.08)
        # The optimum is no worse than the mean-sigma starting value.
        ms = mean_sigma(a_x, d_x, a_y, d_y)
        at_start = func(a_x, d_x, a_y, d_y, start=(ms.A, ms.B))
        assert res.criterion <= at_start.criterion + 1e-12


@pytest.mark.parametrize("method", ["haebara", "stocking-lord"])
@pytest.mark.parametrize("symmetric", [False, True])
def test_analytic_gradient(method: str, symmetric: bool) -> None:
    """The criterion minimised by BFGS has a correct analytic gradient (checked numerically)."""
    rng = np.random.default_rng(2)
    a_x, b_x, c_x = rng.lognormal(0, 0.3, 8), rng.normal(0, 1, 8), rng.uniform(0, 0.2, 8)
    a_y, b_y = a_x * 0.9, b_x * 1.1 + 0.2 + rng.normal(0, 0.1, 8)
    q, w = default_quadrature()
    fun = _make_objective(
        method,  # type: ignore[arg-type]
        a_x,
        -a_x * b_x,
        c_x,
        a_y,
        -a_y * b_y,
        c_x,
        q,
        w,
        symmetric,
    )
    for point in ([1.2, 0.3], [0.8, -0.5]):
        x = np.array(point)
        analytic = fun(x)[1]
        numeric = optimize.approx_fprime(x, lambda v: fun(v)[0], 1e-7)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-4, atol=1e-8)


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError):
        mean_sigma([1.0], [0.0], [1.0], [0.0])
    with pytest.raises(ValueError):
        mean_mean([1.0, 1.0], [0.0, 1.0], [1.0], [0.0])
    with pytest.raises(ValueError):
        link("equipercentile", [1.0], [0.0], [1.0], [0.0])  # type: ignore[arg-type]
