"""Standard setting: modified Angoff and Bookmark, and mapping a cut between score scales.

* Modified Angoff (Angoff, 1971; Cizek & Bunch, 2007, ch. 6): each panelist rates, per item, the
  probability that a minimally competent candidate answers correctly, over one or more rounds.
* Bookmark (Lewis, Mitzel & Green, 1996; Mitzel, Lewis, Patz & Green, 2001): items are ordered by
  the ability at which the response probability reaches RP (default 0.67) and panelists place a
  bookmark in that ordered item booklet.
* Cut scores move between the theta, expected raw (number-correct) and reported scales through
  the test characteristic curve (TCC; Lord, 1980) and a linear scaling rule.

Items are in the slope-intercept form used by :mod:`aicert.psychometrics.irf`:
``P = c + (1 - c) logistic(a theta + d)`` with ``b = -d / a``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from aicert.psychometrics.irf import prob_3pl

FloatArray = NDArray[np.float64]
Rounding = Literal["none", "nearest", "up", "down"]
Placement = Literal["last-mastered", "first-not-mastered", "midpoint"]

_ROUND_EPS = 1e-9


def apply_rounding(
    value: ArrayLike, rule: Rounding = "nearest", increment: float = 1.0
) -> FloatArray:
    """Round to a multiple of ``increment``.

    ``"nearest"`` rounds halves up (not banker's rounding), ``"up"`` is the ceiling (a cut is never
    lowered: the usual rule for raw cut scores), ``"down"`` the floor and ``"none"`` leaves the
    value. A tolerance of 1e-9 increments absorbs floating-point noise (12.0000000001 -> 12 "up").
    """
    x = np.asarray(value, dtype=float) / increment
    if rule == "none":
        out = x
    elif rule == "nearest":
        out = np.floor(x + 0.5 + _ROUND_EPS)
    elif rule == "up":
        out = np.ceil(x - _ROUND_EPS)
    elif rule == "down":
        out = np.floor(x + _ROUND_EPS)
    else:
        raise ValueError(f"unknown rounding rule {rule!r}")
    return np.asarray(out * increment, dtype=float)


# --------------------------------------------------------------------------------------------
# Modified Angoff
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AngoffRound:
    """Summary of one Angoff round."""

    round: int
    #: Raw cut = sum over items of the mean rating (= mean of the panelist cuts).
    cut: float
    #: Cut as a proportion of the maximum raw score.
    proportion_cut: float
    #: Each panelist's cut = the sum of their ratings.
    panelist_cuts: FloatArray
    #: SD of the panelist cuts (ddof = 1).
    sd: float
    #: Standard error of the cut = sd / sqrt(n_panelists).
    se: float
    item_means: FloatArray
    #: SD across panelists per item (ddof = 1): the spread the discussion aims to reduce.
    item_sd: FloatArray
    n_panelists: int


def angoff(ratings: Sequence[ArrayLike] | ArrayLike) -> list[AngoffRound]:
    """Modified Angoff cut score per round (Angoff, 1971; Cizek & Bunch, 2007, ch. 6).

    ``ratings`` is a sequence of rounds, each a panelists x items array of probabilities in [0, 1]
    (0/1 gives the yes/no variant of Impara & Plake, 1997); the number of panelists may change
    between rounds. For each round: panelist cut ``C_p = sum_i r_pi``; raw cut
    ``C = sum_i mean_p r_pi = mean_p C_p``; SD of the ``C_p`` (ddof 1) and ``SE = SD / sqrt(P)``.
    A single 2-D array is treated as one round. Ratings must be complete (no NaN).
    """
    if isinstance(ratings, np.ndarray) and ratings.ndim == 2:
        rounds = [np.asarray(ratings, dtype=float)]
    else:
        rounds = [np.asarray(r, dtype=float) for r in ratings]  # type: ignore[union-attr]
        if rounds and rounds[0].ndim == 1:  # one round given as nested lists
            rounds = [np.asarray(rounds, dtype=float)]
    out: list[AngoffRound] = []
    n_items: int | None = None
    for k, r in enumerate(rounds, start=1):
        if r.ndim != 2:
            raise ValueError("each round must be a panelists x items array")
        if n_items is None:
            n_items = r.shape[1]
        elif r.shape[1] != n_items:
            raise ValueError("all rounds must rate the same items")
        if np.isnan(r).any() or np.any((r < 0) | (r > 1)):
            raise ValueError("ratings must be probabilities in [0, 1] with no missing values")
        n_p = r.shape[0]
        panelist_cuts = r.sum(axis=1)
        sd = float(np.std(panelist_cuts, ddof=1)) if n_p > 1 else float("nan")
        cut = float(r.mean(axis=0).sum())
        out.append(
            AngoffRound(
                round=k,
                cut=cut,
                proportion_cut=cut / r.shape[1],
                panelist_cuts=panelist_cuts,
                sd=sd,
                se=float(sd / np.sqrt(n_p)) if n_p > 1 else float("nan"),
                item_means=r.mean(axis=0),
                item_sd=r.std(axis=0, ddof=1) if n_p > 1 else np.full(r.shape[1], np.nan),
                n_panelists=n_p,
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# Bookmark
# --------------------------------------------------------------------------------------------


def rp_location(a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0, rp: float = 0.67) -> FloatArray:
    """Ability at which P(correct) equals the response probability RP (Mitzel et al., 2001).

    Solving ``RP = c + (1 - c) logistic(a (theta - b))`` gives
    ``theta* = b + ln((RP - c) / (1 - RP)) / a`` (3PL; c = 0 for the 2PL; a = 1 for Rasch),
    with ``b = -d / a``. Requires ``c < RP < 1``.
    """
    a_arr = np.asarray(a, dtype=float)
    d_arr = np.asarray(d, dtype=float)
    c_arr = np.broadcast_to(np.asarray(c, dtype=float), a_arr.shape)
    if not 0.0 < rp < 1.0:
        raise ValueError("RP must be in (0, 1)")
    if np.any(c_arr >= rp):
        raise ValueError("RP must exceed every item's lower asymptote c")
    b = -d_arr / a_arr
    return np.asarray(b + np.log((rp - c_arr) / (1.0 - rp)) / a_arr, dtype=float)


@dataclass(frozen=True)
class OrderedItemBooklet:
    """Ordered item booklet: page 1 is the item with the lowest RP location."""

    #: Item index on each page (page p = ``order[p - 1]``).
    order: NDArray[np.int64]
    #: RP location of the item on each page (non-decreasing).
    locations: FloatArray
    rp: float


def ordered_item_booklet(
    a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0, rp: float = 0.67
) -> OrderedItemBooklet:
    """Order items by their RP location (Lewis, Mitzel & Green, 1996); ties keep item order."""
    loc = rp_location(a, d, c, rp)
    order = np.argsort(loc, kind="stable")
    return OrderedItemBooklet(order=order.astype(np.int64), locations=loc[order], rp=rp)


@dataclass(frozen=True)
class BookmarkResult:
    """Bookmark cut for one round."""

    theta_cut: float
    panelist_thetas: FloatArray
    booklet: OrderedItemBooklet


def bookmark_cut(
    a: ArrayLike,
    d: ArrayLike,
    c: ArrayLike = 0.0,
    *,
    bookmarks: ArrayLike,
    rp: float = 0.67,
    placement: Placement = "last-mastered",
    aggregate: Literal["median", "mean"] = "median",
) -> BookmarkResult:
    """Bookmark theta cut (Lewis, Mitzel & Green, 1996; Mitzel et al., 2001).

    ``bookmarks[p]`` is the number of pages panelist p judges a minimally competent candidate to
    master at probability RP, i.e. the bookmark lies between page k and page k + 1 (1-based
    pages of :func:`ordered_item_booklet`). Implementations differ on which location becomes the
    panelist's cut (Karantonis & Sireci, 2006): ``"last-mastered"`` takes the RP location of page
    k (Mitzel et al., 2001), ``"first-not-mastered"`` that of page k + 1 (the bookmarked page) and
    ``"midpoint"`` their mean. The panel cut is the median (default, Mitzel et al.) or mean of the
    panelists' theta cuts.
    """
    booklet = ordered_item_booklet(a, d, c, rp)
    n = booklet.order.size
    k = np.asarray(bookmarks, dtype=int).ravel()
    locs = booklet.locations
    if placement == "last-mastered":
        if np.any((k < 1) | (k > n)):
            raise ValueError(f"bookmarks must be in 1..{n} for 'last-mastered'")
        thetas = locs[k - 1]
    elif placement == "first-not-mastered":
        if np.any((k < 0) | (k > n - 1)):
            raise ValueError(f"bookmarks must be in 0..{n - 1} for 'first-not-mastered'")
        thetas = locs[k]
    elif placement == "midpoint":
        if np.any((k < 1) | (k > n - 1)):
            raise ValueError(f"bookmarks must be in 1..{n - 1} for 'midpoint'")
        thetas = 0.5 * (locs[k - 1] + locs[k])
    else:
        raise ValueError(f"unknown placement {placement!r}")
    cut = float(np.median(thetas) if aggregate == "median" else np.mean(thetas))
    return BookmarkResult(theta_cut=cut, panelist_thetas=thetas, booklet=booklet)


# --------------------------------------------------------------------------------------------
# Scale mapping
# --------------------------------------------------------------------------------------------


def expected_raw_score(
    theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0
) -> FloatArray:
    """Test characteristic curve ``T(theta) = sum_j P_j(theta)`` (Lord, 1980, ch. 4)."""
    return prob_3pl(theta, a, d, c).sum(axis=1)


def theta_to_raw(
    theta: float, a: ArrayLike, d: ArrayLike, c: ArrayLike = 0.0, *, rounding: Rounding = "up"
) -> float:
    """Raw cut for a theta cut: the expected number-correct ``T(theta)``, rounded (default up)."""
    return float(apply_rounding(expected_raw_score(theta, a, d, c)[0], rounding))


def raw_to_theta(
    raw: float,
    a: ArrayLike,
    d: ArrayLike,
    c: ArrayLike = 0.0,
    *,
    bounds: tuple[float, float] = (-15.0, 15.0),
) -> float:
    """Theta whose expected raw score equals ``raw``: ``T(theta) = raw`` solved by Brent's method.

    The TCC is strictly increasing for positive slopes, so the root is unique; ``raw`` must lie
    strictly between ``sum c_j`` (the lower asymptote) and the number of items.
    """
    a_arr = np.atleast_1d(np.asarray(a, dtype=float))
    c_arr = np.broadcast_to(np.asarray(c, dtype=float), a_arr.shape)
    lo_score, hi_score = float(c_arr.sum()), float(a_arr.size)
    if not lo_score < raw < hi_score:
        raise ValueError(f"raw score must lie strictly between {lo_score:g} and {hi_score:g}")

    def f(t: float) -> float:
        return float(expected_raw_score(t, a_arr, d, c_arr)[0]) - raw

    lo, hi = bounds
    while f(lo) > 0:
        lo *= 2
    while f(hi) < 0:
        hi *= 2
    return float(optimize.brentq(f, lo, hi, xtol=1e-12, rtol=1e-12))


def theta_to_scaled(
    theta: ArrayLike,
    slope: float,
    intercept: float,
    *,
    rounding: Rounding = "nearest",
    increment: float = 1.0,
    clip: tuple[float, float] | None = None,
) -> FloatArray:
    """Reported score ``scaled = slope * theta + intercept`` (a linear scaling, Kolen, 2006),
    rounded to ``increment`` by ``rounding`` and optionally clipped to the reporting range."""
    out = apply_rounding(slope * np.asarray(theta, dtype=float) + intercept, rounding, increment)
    if clip is not None:
        out = np.clip(out, clip[0], clip[1])
    return out


def scaling_constants(
    theta_points: tuple[float, float], scaled_points: tuple[float, float]
) -> tuple[float, float]:
    """Slope and intercept of the linear scale through two anchor points, e.g. the cut mapped to
    a fixed passing score and a second theta mapped to another fixed value."""
    (t1, t2), (s1, s2) = theta_points, scaled_points
    if t1 == t2:
        raise ValueError("the two theta points must differ")
    slope = (s2 - s1) / (t2 - t1)
    return slope, s1 - slope * t1
