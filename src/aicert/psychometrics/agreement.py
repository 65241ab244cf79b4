"""Inter-rater agreement of two markers scoring the same responses (pure, numpy only).

For paired integer scores ``a`` (first marker) and ``b`` (second marker) on the same responses:

* **exact agreement**: share of responses given the same score;
* **adjacent agreement**: share whose scores differ by at most one point (exact included), the
  usual companion figure in essay-scoring reports (e.g. Williamson, Xi & Breyer, 2012,
  "A framework for evaluation and use of automated scoring", *EM:IP* 31(1));
* **mean difference**: mean of ``a - b`` (positive when the first marker is more lenient);
* **quadratic weighted kappa** (Cohen, 1968, "Weighted kappa", *Psychological Bulletin* 70(4)):
  with ``k`` score categories from ``min_score`` to ``max_score``, observed matrix ``O`` (counts of
  score pairs), expected matrix ``E`` (outer product of the two marginal distributions, scaled to
  the same total) and weights ``w_ij = (i - j)^2 / (k - 1)^2``,

  ``kappa = 1 - sum(w * O) / sum(w * E)``.

  It equals ``sklearn.metrics.cohen_kappa_score(a, b, weights="quadratic")`` when the categories
  are the observed ones. Kappa is undefined (``None``) when the expected disagreement is zero,
  i.e. when both markers used one and the same score throughout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Agreement", "agreement", "quadratic_weighted_kappa"]


@dataclass(frozen=True)
class Agreement:
    """Agreement figures of paired scores; shares in [0, 1]; ``None`` where undefined."""

    n: int
    exact: float | None
    adjacent: float | None
    mean_difference: float | None
    kappa: float | None


def _pairs(a: Sequence[float], b: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError("a and b must be one-dimensional and of the same length")
    return x, y


def quadratic_weighted_kappa(
    a: Sequence[int],
    b: Sequence[int],
    *,
    min_score: int | None = None,
    max_score: int | None = None,
) -> float | None:
    """Cohen's (1968) quadratic weighted kappa of two raters' integer scores.

    ``min_score`` / ``max_score`` fix the category range (e.g. the rubric's 0..max); by default it
    is the range of the observed scores. Returns None when undefined (no expected disagreement)
    or when there are no pairs.
    """
    x, y = _pairs(a, b)
    if x.size == 0:
        return None
    if not (np.all(x == np.round(x)) and np.all(y == np.round(y))):
        raise ValueError("kappa needs whole-number scores")
    lo = int(min(x.min(), y.min())) if min_score is None else int(min_score)
    hi = int(max(x.max(), y.max())) if max_score is None else int(max_score)
    if x.min() < lo or y.min() < lo or x.max() > hi or y.max() > hi:
        raise ValueError("a score lies outside min_score..max_score")
    k = hi - lo + 1
    if k < 2:
        return None
    observed = np.zeros((k, k))
    for i, j in zip(x.astype(int) - lo, y.astype(int) - lo, strict=True):
        observed[i, j] += 1
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    idx = np.arange(k)
    weights = (idx[:, None] - idx[None, :]) ** 2 / (k - 1) ** 2
    denominator = float((weights * expected).sum())
    if denominator == 0:
        return None
    return 1.0 - float((weights * observed).sum()) / denominator


def agreement(
    a: Sequence[float],
    b: Sequence[float],
    *,
    min_score: int | None = None,
    max_score: int | None = None,
) -> Agreement:
    """Exact and adjacent agreement, mean difference ``a - b`` and quadratic weighted kappa.

    Kappa is computed only when every score is a whole number (rubric totals are); otherwise it
    is None while the other figures are still given.
    """
    x, y = _pairs(a, b)
    n = int(x.size)
    if n == 0:
        return Agreement(0, None, None, None, None)
    diff = x - y
    whole = bool(np.all(x == np.round(x)) and np.all(y == np.round(y)))
    kappa = (
        quadratic_weighted_kappa(
            x.astype(int).tolist(),
            y.astype(int).tolist(),
            min_score=min_score,
            max_score=max_score,
        )
        if whole
        else None
    )
    return Agreement(
        n=n,
        exact=float(np.mean(diff == 0)),
        adjacent=float(np.mean(np.abs(diff) <= 1)),
        mean_difference=float(np.mean(diff)),
        kappa=kappa,
    )
