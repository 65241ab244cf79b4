"""Item response functions and Fisher information, shared by calibration, scoring and CAT.

Parameterisation follows mirt (Chalmers, 2012): slope-intercept form
``P(theta) = c + (1 - c) * logistic(a * theta + d)`` with no 1.702 scaling constant. The IRT
difficulty is ``b = -d / a``. For the graded response model (Samejima, 1969) the boundary curves
are ``P(X >= k) = logistic(a * theta + d_k)`` with ``d_1 > d_2 > ...``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit, log_expit

FloatArray = NDArray[np.float64]


def prob_3pl(theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0) -> FloatArray:
    """P(correct) for every (theta, item) pair: shape ``(len(theta), len(a))``.

    ``c = 0`` gives the 2PL; ``a = 1`` the Rasch/1PL model.
    """
    theta = np.atleast_1d(np.asarray(theta, dtype=float))[:, None]
    a = np.atleast_1d(np.asarray(a, dtype=float))[None, :]
    d = np.atleast_1d(np.asarray(d, dtype=float))[None, :]
    c = np.atleast_1d(np.asarray(c, dtype=float))[None, :]
    return c + (1.0 - c) * expit(a * theta + d)


def info_3pl(theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0) -> FloatArray:
    """Item Fisher information for the 3PL (Birnbaum, 1968), shape ``(len(theta), len(a))``.

    I(theta) = a^2 * (Q / P) * ((P - c) / (1 - c))^2; reduces to a^2 P Q when c = 0.
    """
    a_arr = np.atleast_1d(np.asarray(a, dtype=float))[None, :]
    c_arr = np.atleast_1d(np.asarray(c, dtype=float))[None, :]
    p = prob_3pl(theta, a, d, c)
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return a_arr**2 * ((1.0 - p) / p) * ((p - c_arr) / (1.0 - c_arr)) ** 2


def b_from_intercept(a: ArrayLike, d: ArrayLike) -> FloatArray:
    """Difficulty ``b = -d / a`` from slope ``a`` and intercept ``d``."""
    return -np.asarray(d, dtype=float) / np.asarray(a, dtype=float)


# ---------------------------------------------------------------------------------------------
# Unified dichotomous (2PL/3PL) and graded-response (Samejima, 1969) item response functions.
#
# An item with ``K`` ordered categories ``0..K-1`` has intercepts ``d_1 > d_2 > ... > d_{K-1}``
# and boundary curves ``P*(X >= k) = c + (1 - c) * logistic(a * theta + d_k)`` (``c`` is only
# allowed for ``K = 2``; ``P*_0 = 1`` and ``P*_K = 0``).  Category probabilities are the
# differences ``P(X = k) = P*_k - P*_{k+1}``.  Item sets with different numbers of categories are
# stored in a ``(J, Kmax - 1)`` intercept matrix padded with NaN.
# ---------------------------------------------------------------------------------------------


def _as_intercepts(d: ArrayLike) -> FloatArray:
    """Return intercepts as a ``(J, Kmax - 1)`` matrix (a 1-D vector means dichotomous items)."""
    d_arr = np.asarray(d, dtype=float)
    if d_arr.ndim == 0:
        d_arr = d_arr.reshape(1, 1)
    elif d_arr.ndim == 1:
        d_arr = d_arr[:, None]
    elif d_arr.ndim != 2:
        raise ValueError("intercepts must be a vector (dichotomous) or a (J, K-1) matrix")
    return d_arr


def _broadcast_item_params(
    a: ArrayLike, d: ArrayLike, c: ArrayLike | None
) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.bool_]]:
    d_arr = _as_intercepts(d)
    n_items = d_arr.shape[0]
    a_arr = np.broadcast_to(np.asarray(a, dtype=float), (n_items,)).astype(float)
    c_arr = (
        np.zeros(n_items)
        if c is None
        else np.broadcast_to(np.asarray(c, dtype=float), (n_items,)).astype(float)
    )
    valid = ~np.isnan(d_arr)
    return a_arr, d_arr, c_arr, valid


def category_probs(
    theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike | None = None
) -> FloatArray:
    """Category probabilities ``P(X = k | theta)``, shape ``(len(theta), J, Kmax)``.

    Unified 3PL / graded response model (Samejima, 1969) in slope-intercept form: boundary curves
    ``P*_k = c + (1 - c) * logistic(a * theta + d_k)`` for ``k = 1..K-1`` and
    ``P(X = k) = P*_k - P*_{k+1}``.  ``d`` is a vector for dichotomous items or a NaN-padded
    ``(J, Kmax - 1)`` matrix; padded (non-existent) categories get probability 0.
    """
    theta_arr = np.atleast_1d(np.asarray(theta, dtype=float))
    a_arr, d_arr, c_arr, valid = _broadcast_item_params(a, d, c)
    z = a_arr[None, :, None] * theta_arr[:, None, None] + np.where(valid, d_arr, 0.0)[None]
    s = np.where(valid[None], c_arr[None, :, None] + (1.0 - c_arr[None, :, None]) * expit(z), 0.0)
    ones = np.ones(s.shape[:2] + (1,))
    zeros = np.zeros(s.shape[:2] + (1,))
    pstar = np.concatenate([ones, s, zeros], axis=2)
    return np.clip(pstar[:, :, :-1] - pstar[:, :, 1:], 0.0, 1.0)


def log_category_probs(
    theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike | None = None
) -> FloatArray:
    """Numerically stable ``log P(X = k | theta)``, shape ``(len(theta), J, Kmax)``.

    Uses ``logistic(u) - logistic(v) = logistic(u) * logistic(-v) * (1 - exp(v - u))`` so that
    extreme categories and extreme abilities do not underflow; padded categories give ``-inf``.
    """
    theta_arr = np.atleast_1d(np.asarray(theta, dtype=float))
    a_arr, d_arr, c_arr, valid = _broadcast_item_params(a, d, c)
    n_theta, n_items, kmax = theta_arr.size, d_arr.shape[0], d_arr.shape[1] + 1
    z = a_arr[None, :, None] * theta_arr[:, None, None] + np.where(valid, d_arr, 0.0)[None]
    z = np.where(valid[None], z, -np.inf)
    zfull = np.concatenate(
        [np.full((n_theta, n_items, 1), np.inf), z, np.full((n_theta, n_items, 1), -np.inf)], axis=2
    )
    upper, lower = zfull[:, :, :-1], zfull[:, :, 1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(np.isfinite(upper) | np.isfinite(lower), lower - upper, -np.inf)
        logp = log_expit(upper) + log_expit(-lower) + np.log(-np.expm1(gap))
    cat_valid = np.concatenate([np.ones((n_items, 1), dtype=bool), valid], axis=1)
    logp = np.where(cat_valid[None], logp, -np.inf)
    guess = c_arr > 0
    if np.any(guess):
        if kmax != 2 and np.any(valid[guess, 1:]):
            raise ValueError("a guessing parameter is only allowed for dichotomous items")
        zg = z[:, guess, 0]
        cg = c_arr[guess][None, :]
        logp[:, guess, 1] = np.logaddexp(np.log(cg), np.log1p(-cg) + log_expit(zg))
        logp[:, guess, 0] = np.log1p(-cg) + log_expit(-zg)
    return logp


def category_probs_derivatives(
    theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike | None = None
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``P``, ``dP/dtheta`` and ``d2P/dtheta2`` for every category, each ``(len(theta), J, Kmax)``.

    With ``s = logistic(a theta + d_k)``: ``dP*_k = (1 - c) a s (1 - s)`` and
    ``d2P*_k = (1 - c) a^2 s (1 - s)(1 - 2 s)``; category derivatives are successive differences.
    """
    theta_arr = np.atleast_1d(np.asarray(theta, dtype=float))
    a_arr, d_arr, c_arr, valid = _broadcast_item_params(a, d, c)
    z = a_arr[None, :, None] * theta_arr[:, None, None] + np.where(valid, d_arr, 0.0)[None]
    s = expit(z)
    psi = s * (1.0 - s)
    one_minus_c = (1.0 - c_arr)[None, :, None]
    a3 = a_arr[None, :, None]
    v = valid[None]
    pstar = np.where(v, c_arr[None, :, None] + one_minus_c * s, 0.0)
    d1 = np.where(v, one_minus_c * a3 * psi, 0.0)
    d2 = np.where(v, one_minus_c * a3**2 * psi * (1.0 - 2.0 * s), 0.0)

    def _diff(inner: FloatArray, first: float) -> FloatArray:
        shape = inner.shape[:2] + (1,)
        full = np.concatenate([np.full(shape, first), inner, np.zeros(shape)], axis=2)
        return full[:, :, :-1] - full[:, :, 1:]

    return np.clip(_diff(pstar, 1.0), 0.0, 1.0), _diff(d1, 0.0), _diff(d2, 0.0)


def item_information(
    theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike | None = None
) -> FloatArray:
    """Item Fisher information ``sum_k P'_k^2 / P_k`` (Samejima, 1969), shape ``(len(theta), J)``.

    Equals :func:`info_3pl` for dichotomous items and the graded-response information otherwise.
    """
    p, dp, _ = category_probs_derivatives(theta, a, d, c)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 1e-300, dp**2 / np.maximum(p, 1e-300), 0.0)
    return terms.sum(axis=2)


def prob_grm(theta: ArrayLike, a: ArrayLike, d: ArrayLike) -> FloatArray:
    """Graded response model (Samejima, 1969) category probabilities, ``(len(theta), J, Kmax)``.

    ``P(X >= k) = logistic(a * theta + d_k)`` with decreasing intercepts ``d_1 > ... > d_{K-1}``.
    """
    return category_probs(theta, a, d, None)


def info_grm(theta: ArrayLike, a: ArrayLike, d: ArrayLike) -> FloatArray:
    """Graded response model item information, shape ``(len(theta), J)``."""
    return item_information(theta, a, d, None)


def expected_item_score(
    theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike | None = None
) -> FloatArray:
    """Expected item score ``sum_k k P(X = k | theta)``, shape ``(len(theta), J)``."""
    p = category_probs(theta, a, d, c)
    return p @ np.arange(p.shape[2], dtype=float)


@dataclass(frozen=True)
class ItemParameters:
    """Item parameters of a unidimensional 2PL/3PL/graded item bank in slope-intercept form.

    ``a``: slopes ``(J,)``; ``d``: intercepts ``(J, Kmax - 1)`` NaN-padded for items with fewer
    categories (dichotomous items have one column); ``c``: lower asymptotes ``(J,)`` (0 except for
    3PL items).  Arrays are copied and made read-only.
    """

    a: FloatArray
    d: FloatArray
    c: FloatArray = field(default_factory=lambda: np.zeros(0))
    names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        d_arr = _as_intercepts(self.d).copy()
        n_items = d_arr.shape[0]
        a_arr = np.broadcast_to(np.asarray(self.a, dtype=float), (n_items,)).copy()
        c_in = np.asarray(self.c, dtype=float)
        c_arr = np.zeros(n_items) if c_in.size == 0 else np.broadcast_to(c_in, (n_items,)).copy()
        valid = ~np.isnan(d_arr)
        if np.any(~valid[:, 0]):
            raise ValueError("every item needs at least one finite intercept")
        if np.any(valid[:, 1:] & ~valid[:, :-1]):
            raise ValueError("NaN padding of intercepts must be at the end of each row")
        if np.any((c_arr < 0) | (c_arr >= 1)):
            raise ValueError("guessing parameters must lie in [0, 1)")
        if np.any((c_arr > 0) & (valid.sum(axis=1) > 1)):
            raise ValueError("a guessing parameter is only allowed for dichotomous items")
        if self.names is not None and len(self.names) != n_items:
            raise ValueError("names must have one entry per item")
        for arr in (a_arr, d_arr, c_arr):
            arr.setflags(write=False)
        object.__setattr__(self, "a", a_arr)
        object.__setattr__(self, "d", d_arr)
        object.__setattr__(self, "c", c_arr)
        if self.names is not None:
            object.__setattr__(self, "names", tuple(str(n) for n in self.names))

    @property
    def n_items(self) -> int:
        return int(self.a.shape[0])

    @property
    def n_categories(self) -> NDArray[np.int64]:
        """Number of response categories of each item."""
        return (1 + np.sum(~np.isnan(self.d), axis=1)).astype(np.int64)

    @property
    def max_score(self) -> int:
        """Largest possible sum score ``sum_j (K_j - 1)``."""
        return int(np.sum(self.n_categories - 1))

    @property
    def b(self) -> FloatArray:
        """Difficulties ``-d / a`` (dichotomous items: a vector; graded items: a matrix)."""
        b = -self.d / self.a[:, None]
        return b[:, 0] if self.d.shape[1] == 1 else b

    def category_probs(self, theta: ArrayLike) -> FloatArray:
        """``P(X = k | theta)``, shape ``(len(theta), J, Kmax)``."""
        return category_probs(theta, self.a, self.d, self.c)

    def log_category_probs(self, theta: ArrayLike) -> FloatArray:
        """Stable ``log P(X = k | theta)``, shape ``(len(theta), J, Kmax)``."""
        return log_category_probs(theta, self.a, self.d, self.c)

    def information(self, theta: ArrayLike) -> FloatArray:
        """Item information, shape ``(len(theta), J)``."""
        return item_information(theta, self.a, self.d, self.c)

    def expected_score(self, theta: ArrayLike) -> FloatArray:
        """Expected item scores, shape ``(len(theta), J)``."""
        return expected_item_score(theta, self.a, self.d, self.c)


def normal_quadrature(
    n_points: int = 61,
    theta_range: tuple[float, float] = (-6.0, 6.0),
    mean: float = 0.0,
    variance: float = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Evenly spaced nodes on ``theta_range`` with normalised ``N(mean, variance)`` weights.

    This is the rectangular quadrature of Bock & Aitkin (1981) as used by default in R mirt
    (61 points on [-6, 6]); the weights are the normal density at the nodes rescaled to sum to 1.
    """
    if n_points < 2:
        raise ValueError("n_points must be at least 2")
    if not variance > 0:
        raise ValueError("variance must be positive")
    nodes = np.linspace(float(theta_range[0]), float(theta_range[1]), int(n_points))
    log_w = -0.5 * (nodes - mean) ** 2 / variance
    w = np.exp(log_w - log_w.max())
    return nodes, w / w.sum()
