"""IRT scale linking of two separately calibrated forms through common (anchor) items.

Notation follows Kolen & Brennan (2014, *Test Equating, Scaling, and Linking*, ch. 6). Form X is the
new form whose scale is transformed; form Y is the base scale. The linear transformation is

    theta_Y = A * theta_X + B,   a_Y = a_X / A,   b_Y = A * b_X + B,   c_Y = c_X.

Item parameters are in the slope-intercept form used throughout ``aicert.psychometrics``
(``P = c + (1 - c) logistic(a theta + d)``, ``b = -d / a``, no 1.702 constant), so the intercept
transforms as ``d_Y = d_X - a_X * B / A`` (because ``d = -a b``).

Methods: mean–mean (Loyd & Hoover, 1980), mean–sigma (Marco, 1977), and the characteristic-curve
methods of Haebara (1980) and Stocking & Lord (1983), the last two minimised over (A, B) with
``scipy.optimize.minimize`` (BFGS, analytic gradient) over a theta quadrature on the base scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, stats
from scipy.special import expit

from aicert.psychometrics.irf import prob_3pl

FloatArray = NDArray[np.float64]
LinkingMethod = Literal["mean-mean", "mean-sigma", "haebara", "stocking-lord"]


def _arr(x: ArrayLike) -> FloatArray:
    return np.atleast_1d(np.asarray(x, dtype=float))


def transform_item_parameters(
    a: ArrayLike, d: ArrayLike, c: ArrayLike, slope: float, shift: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Put slope-intercept item parameters on the base scale ``theta_Y = A theta_X + B``.

    ``a_Y = a_X / A``; ``b_Y = A b_X + B`` which in slope-intercept form is
    ``d_Y = -a_Y b_Y = d_X - a_X B / A``; ``c_Y = c_X`` (Kolen & Brennan, 2014, eq. 6.3–6.5).
    """
    a_x, d_x = _arr(a), _arr(d)
    c_x = np.broadcast_to(_arr(c), a_x.shape).astype(float)
    return a_x / slope, d_x - a_x * shift / slope, c_x.copy()


@dataclass(frozen=True)
class LinkingResult:
    """Linear scale transformation ``theta_Y = A theta_X + B`` found by ``method``."""

    A: float
    B: float
    method: str
    #: Value of the minimised criterion (characteristic-curve methods); NaN otherwise.
    criterion: float = float("nan")
    converged: bool = True

    def transform_theta(self, theta: ArrayLike) -> FloatArray:
        """``theta_Y = A theta_X + B``."""
        return self.A * _arr(theta) + self.B

    def transform_b(self, b: ArrayLike) -> FloatArray:
        """``b_Y = A b_X + B``."""
        return self.A * _arr(b) + self.B

    def transform_items(
        self, a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Form-X slope-intercept parameters on the base scale (:func:`transform_item_parameters`)."""
        return transform_item_parameters(a, d, c, self.A, self.B)


def _check_pairs(a_x: FloatArray, d_x: FloatArray, a_y: FloatArray, d_y: FloatArray) -> None:
    if not (a_x.shape == d_x.shape == a_y.shape == d_y.shape):
        raise ValueError("anchor parameter arrays must have the same length on both forms")
    if a_x.size < 1:
        raise ValueError("at least one anchor item is needed")
    if np.any(a_x <= 0) or np.any(a_y <= 0):
        raise ValueError("slopes must be positive")


def mean_mean(a_x: ArrayLike, d_x: ArrayLike, a_y: ArrayLike, d_y: ArrayLike) -> LinkingResult:
    """Mean–mean linking (Loyd & Hoover, 1980).

    ``A = mean(a_X) / mean(a_Y)``, ``B = mean(b_Y) - A mean(b_X)`` over the anchor items,
    with ``b = -d / a``.
    """
    ax, dx, ay, dy = _arr(a_x), _arr(d_x), _arr(a_y), _arr(d_y)
    _check_pairs(ax, dx, ay, dy)
    bx, by = -dx / ax, -dy / ay
    slope = float(ax.mean() / ay.mean())
    return LinkingResult(slope, float(by.mean() - slope * bx.mean()), "mean-mean")


def mean_sigma(a_x: ArrayLike, d_x: ArrayLike, a_y: ArrayLike, d_y: ArrayLike) -> LinkingResult:
    """Mean–sigma linking (Marco, 1977).

    ``A = sd(b_Y) / sd(b_X)``, ``B = mean(b_Y) - A mean(b_X)`` over the anchor items (the SD
    denominator cancels in the ratio). Needs at least two anchors with different difficulties.
    """
    ax, dx, ay, dy = _arr(a_x), _arr(d_x), _arr(a_y), _arr(d_y)
    _check_pairs(ax, dx, ay, dy)
    bx, by = -dx / ax, -dy / ay
    sx = bx.std()
    if ax.size < 2 or sx == 0:
        raise ValueError("mean-sigma needs at least two anchors with different b")
    slope = float(by.std() / sx)
    return LinkingResult(slope, float(by.mean() - slope * bx.mean()), "mean-sigma")


def default_quadrature(n_points: int = 61, bound: float = 6.0) -> tuple[FloatArray, FloatArray]:
    """Evenly spaced points on ``[-bound, bound]`` with normalised N(0, 1) weights."""
    theta = np.linspace(-bound, bound, n_points)
    w = stats.norm.pdf(theta)
    return theta, w / w.sum()


def _curve_terms(
    theta: FloatArray,
    a: FloatArray,
    d: FloatArray,
    c: FloatArray,
    dz_da: FloatArray,
    dz_db: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """P, dP/dA and dP/dB given the logit z = a theta + d and its derivatives (theta x items)."""
    z = theta[:, None] * a[None, :] + d[None, :]
    s = expit(z)
    p = c[None, :] + (1.0 - c[None, :]) * s
    dp_dz = (1.0 - c[None, :]) * s * (1.0 - s)
    return p, dp_dz * dz_da, dp_dz * dz_db


Objective = Callable[[FloatArray], tuple[float, FloatArray]]


def _make_objective(
    method: Literal["haebara", "stocking-lord"],
    ax: FloatArray,
    dx: FloatArray,
    cx: FloatArray,
    ay: FloatArray,
    dy: FloatArray,
    cy: FloatArray,
    q: FloatArray,
    w: FloatArray,
    symmetric: bool,
) -> Objective:
    """Criterion and its analytic gradient in (A, B) for the characteristic-curve methods."""
    p_y = prob_3pl(q, ay, dy, cy)  # base-form curves on the base scale
    p_x = prob_3pl(q, ax, dx, cx)  # new-form curves on the new scale

    def parts(params: FloatArray) -> list[tuple[FloatArray, FloatArray, FloatArray]]:
        slope, shift = float(params[0]), float(params[1])
        # Form X moved to the Y scale: z = (a_X / A)(theta - B) + d_X.
        p_fwd, dfa, dfb = _curve_terms(
            q,
            ax / slope,
            dx - ax * shift / slope,
            cx,
            -(ax[None, :] / slope**2) * (q[:, None] - shift),
            np.broadcast_to(-ax[None, :] / slope, (q.size, ax.size)),
        )
        out = [(p_y - p_fwd, dfa, dfb)]
        if symmetric:
            # Form Y moved to the X scale: z = A a_Y theta + d_Y + a_Y B.
            p_bwd, dba, dbb = _curve_terms(
                q,
                ay * slope,
                dy + ay * shift,
                cy,
                ay[None, :] * q[:, None],
                np.broadcast_to(ay[None, :], (q.size, ay.size)),
            )
            out.append((p_x - p_bwd, dba, dbb))
        return out

    def objective(params: FloatArray) -> tuple[float, FloatArray]:
        if params[0] <= 0:
            return float("inf"), np.zeros(2)
        value, grad = 0.0, np.zeros(2)
        for resid, d_a, d_b in parts(params):
            if method == "haebara":
                value += float(np.sum(w[:, None] * resid**2))
                grad[0] += float(-2.0 * np.sum(w[:, None] * resid * d_a))
                grad[1] += float(-2.0 * np.sum(w[:, None] * resid * d_b))
            else:
                tcc_resid = resid.sum(axis=1)
                value += float(np.sum(w * tcc_resid**2))
                grad[0] += float(-2.0 * np.sum(w * tcc_resid * d_a.sum(axis=1)))
                grad[1] += float(-2.0 * np.sum(w * tcc_resid * d_b.sum(axis=1)))
        return value, grad

    return objective


def _characteristic_curve(
    method: Literal["haebara", "stocking-lord"],
    a_x: ArrayLike,
    d_x: ArrayLike,
    a_y: ArrayLike,
    d_y: ArrayLike,
    c_x: ArrayLike,
    c_y: ArrayLike,
    theta: ArrayLike | None,
    weights: ArrayLike | None,
    symmetric: bool,
    start: tuple[float, float] | None,
) -> LinkingResult:
    ax, dx, ay, dy = _arr(a_x), _arr(d_x), _arr(a_y), _arr(d_y)
    _check_pairs(ax, dx, ay, dy)
    cx = np.broadcast_to(_arr(c_x), ax.shape).astype(float)
    cy = np.broadcast_to(_arr(c_y), ay.shape).astype(float)
    if theta is None:
        q, w = default_quadrature()
    else:
        q = _arr(theta)
        w = np.full(q.shape, 1.0 / q.size) if weights is None else _arr(weights)
        w = w / w.sum()
    objective = _make_objective(method, ax, dx, cx, ay, dy, cy, q, w, symmetric)
    if start is None:
        try:
            init = mean_sigma(ax, dx, ay, dy)
        except ValueError:
            init = mean_mean(ax, dx, ay, dy)
        start = (init.A, init.B) if init.A > 0 and np.isfinite(init.A) else (1.0, 0.0)
    res = optimize.minimize(
        objective,
        np.asarray(start, dtype=float),
        jac=True,
        method="BFGS",
        options={"gtol": 1e-10, "maxiter": 500},
    )
    # BFGS may stop with "precision loss" at the optimum of an exactly-fitting criterion;
    # accept it when the gradient is negligible.
    converged = bool(res.success or np.max(np.abs(res.jac)) < 1e-6)
    return LinkingResult(float(res.x[0]), float(res.x[1]), method, float(res.fun), converged)


def haebara(
    a_x: ArrayLike,
    d_x: ArrayLike,
    a_y: ArrayLike,
    d_y: ArrayLike,
    *,
    c_x: ArrayLike = 0.0,
    c_y: ArrayLike = 0.0,
    theta: ArrayLike | None = None,
    weights: ArrayLike | None = None,
    symmetric: bool = False,
    start: tuple[float, float] | None = None,
) -> LinkingResult:
    """Haebara (1980) item characteristic curve linking.

    Minimises over (A, B) the weighted sum over quadrature points theta_i (base scale) and anchor
    items j of ``[P_j(theta_i; a_Yj, d_Yj, c_Yj) - P_j(theta_i; a_Xj / A, d_Xj - a_Xj B / A, c_Xj)]^2``
    (Kolen & Brennan, 2014, eq. 6.14–6.15). ``symmetric=True`` adds the reverse criterion (form Y
    put on the X scale), as in Haebara's original proposal. Default quadrature: 61 points on
    [-6, 6] with N(0, 1) weights; otherwise ``theta`` with ``weights`` (uniform if omitted).
    Started from mean–sigma; BFGS with analytic gradient.
    """
    return _characteristic_curve(
        "haebara", a_x, d_x, a_y, d_y, c_x, c_y, theta, weights, symmetric, start
    )


def stocking_lord(
    a_x: ArrayLike,
    d_x: ArrayLike,
    a_y: ArrayLike,
    d_y: ArrayLike,
    *,
    c_x: ArrayLike = 0.0,
    c_y: ArrayLike = 0.0,
    theta: ArrayLike | None = None,
    weights: ArrayLike | None = None,
    symmetric: bool = False,
    start: tuple[float, float] | None = None,
) -> LinkingResult:
    """Stocking & Lord (1983) test characteristic curve linking.

    Minimises over (A, B) the weighted sum over quadrature points theta_i (base scale) of the
    squared difference of the anchor test characteristic curves
    ``[sum_j P_j(theta_i; Y params) - sum_j P_j(theta_i; X params on the Y scale)]^2``
    (Kolen & Brennan, 2014, eq. 6.16–6.17). Quadrature, ``symmetric`` and start as in
    :func:`haebara`.
    """
    return _characteristic_curve(
        "stocking-lord", a_x, d_x, a_y, d_y, c_x, c_y, theta, weights, symmetric, start
    )


def link(
    method: LinkingMethod,
    a_x: ArrayLike,
    d_x: ArrayLike,
    a_y: ArrayLike,
    d_y: ArrayLike,
    *,
    c_x: ArrayLike = 0.0,
    c_y: ArrayLike = 0.0,
    theta: ArrayLike | None = None,
    weights: ArrayLike | None = None,
) -> LinkingResult:
    """Dispatch to :func:`mean_mean`, :func:`mean_sigma`, :func:`haebara` or :func:`stocking_lord`.

    The moment methods ignore ``c`` (it is unchanged by the linear transformation).
    """
    if method == "mean-mean":
        return mean_mean(a_x, d_x, a_y, d_y)
    if method == "mean-sigma":
        return mean_sigma(a_x, d_x, a_y, d_y)
    if method == "haebara":
        return haebara(a_x, d_x, a_y, d_y, c_x=c_x, c_y=c_y, theta=theta, weights=weights)
    if method == "stocking-lord":
        return stocking_lord(a_x, d_x, a_y, d_y, c_x=c_x, c_y=c_y, theta=theta, weights=weights)
    raise ValueError(f"unknown linking method {method!r}")
