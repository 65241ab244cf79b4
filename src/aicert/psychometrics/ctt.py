"""Classical test theory (CTT) item and test statistics.

Methods follow Lord & Novick (1968) and Crocker & Algina (1986): item facility (p-value), the
corrected item–total point-biserial (item removed from the total; Henrysson, 1963), distractor
analysis, coefficient alpha (Cronbach, 1951) which equals KR-20 (Kuder & Richardson, 1937) for
0/1 items, the standard error of measurement and alpha-if-item-deleted.

Input is a persons x items array of item scores (0/1 for dichotomous items, any numeric score for
polytomous items). **Missing responses:** ``NaN`` means the item was not presented to the person.

* Item statistics (facility, point-biserial) use the persons who were presented the item.
* A person's total score is the sum of the items presented (``nansum``); the rest score of an item
  is that total minus the item.
* Covariance-based statistics (alpha, KR-20, alpha-if-deleted) use the pairwise-complete covariance
  matrix, as ``psych::alpha`` does by default (Revelle); with complete data they are identical to
  the textbook formulas. Pass ``missing="listwise"`` to use only persons with no missing response.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
MissingPolicy = Literal["pairwise", "listwise"]


def _matrix(scores: ArrayLike) -> FloatArray:
    x = np.asarray(scores, dtype=float)
    if x.ndim != 2:
        raise ValueError("scores must be a persons x items array")
    return x


def item_facility(scores: ArrayLike) -> FloatArray:
    """Item facility (classical p-value): mean item score among persons presented the item.

    For 0/1 items this is the proportion correct (Crocker & Algina, 1986, ch. 14). For polytomous
    items divide by the maximum score to get a proportion. Items never presented give ``NaN``.
    """
    x = _matrix(scores)
    n = np.sum(~np.isnan(x), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nansum(x, axis=0) / n


def total_scores(scores: ArrayLike) -> FloatArray:
    """Number-correct (summed) score per person over the items presented (``NaN`` counts as 0)."""
    return np.nansum(_matrix(scores), axis=1)


def corrected_point_biserial(scores: ArrayLike) -> FloatArray:
    """Corrected item–total correlation (item removed from the total; Henrysson, 1963).

    For item j, the Pearson correlation between the item score and the rest score
    ``R_j = sum_{k != j} X_k`` over the persons presented item j. For a 0/1 item this is the
    point-biserial correlation ``r_pb = (M_1 - M_0) / s_R * sqrt(p q)``. Without the correction
    the item correlates with itself and the index is inflated, especially in short tests.
    Returns ``NaN`` for an item (or rest score) with zero variance.
    """
    x = _matrix(scores)
    total = np.nansum(x, axis=1)
    present = ~np.isnan(x)
    xi = np.where(present, x, 0.0)
    rest = total[:, None] - xi
    n = present.sum(axis=0)
    w = present.astype(float)
    mean_x = (xi * w).sum(axis=0) / n
    mean_r = (rest * w).sum(axis=0) / n
    dx = (xi - mean_x) * w
    dr = (rest - mean_r) * w
    cov = (dx * dr).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = cov / np.sqrt((dx**2).sum(axis=0) * (dr**2).sum(axis=0))
    r[~np.isfinite(r)] = np.nan
    return r


def _covariance(x: FloatArray, missing: MissingPolicy) -> FloatArray:
    if missing == "listwise":
        complete = ~np.isnan(x).any(axis=1)
        xc = x[complete]
        if xc.shape[0] < 2:
            raise ValueError("fewer than two complete cases")
        return np.cov(xc, rowvar=False, ddof=1)
    if missing != "pairwise":
        raise ValueError(f"unknown missing policy {missing!r}")
    if not np.isnan(x).any():
        return np.cov(x, rowvar=False, ddof=1)
    w = (~np.isnan(x)).astype(float)
    x0 = np.where(np.isnan(x), 0.0, x)
    n_pair = w.T @ w
    sum_x = x0.T @ w  # [j, k] = sum of x_j over persons observing j and k
    sum_xy = x0.T @ x0
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (sum_xy - sum_x * sum_x.T / n_pair) / (n_pair - 1.0)
    return cov


def cronbach_alpha(scores: ArrayLike, *, missing: MissingPolicy = "pairwise") -> float:
    """Coefficient alpha (Cronbach, 1951).

    ``alpha = k / (k - 1) * (1 - sum_j s_j^2 / s_X^2)`` with ``s_X^2 = sum_jk s_jk`` the variance of
    the total score, all from the item covariance matrix (see module note on missing data).
    """
    cov = _covariance(_matrix(scores), missing)
    k = cov.shape[0]
    if k < 2:
        raise ValueError("alpha needs at least two items")
    return float(k / (k - 1.0) * (1.0 - np.trace(cov) / cov.sum()))


def kr20(scores: ArrayLike, *, missing: MissingPolicy = "pairwise") -> float:
    """Kuder–Richardson formula 20 (Kuder & Richardson, 1937) for 0/1 items.

    ``KR-20 = k / (k - 1) * (1 - sum_j p_j q_j / s_X^2)``; algebraically coefficient alpha for
    dichotomous items when item and total variances use the same denominator, so it is computed
    by :func:`cronbach_alpha` after checking that the scores are 0/1.
    """
    x = _matrix(scores)
    obs = x[~np.isnan(x)]
    if not np.all(np.isin(obs, (0.0, 1.0))):
        raise ValueError("KR-20 requires 0/1 item scores")
    return cronbach_alpha(x, missing=missing)


def alpha_if_item_deleted(scores: ArrayLike, *, missing: MissingPolicy = "pairwise") -> FloatArray:
    """Coefficient alpha of the remaining k - 1 items when each item is removed in turn.

    From the covariance matrix C: removing item j leaves total variance
    ``S - 2 sum_k C_jk + C_jj`` and item-variance sum ``tr(C) - C_jj`` (vectorised over j).
    """
    cov = _covariance(_matrix(scores), missing)
    k = cov.shape[0]
    if k < 3:
        raise ValueError("alpha-if-item-deleted needs at least three items")
    total = cov.sum()
    diag = np.diag(cov)
    var_rest = total - 2.0 * cov.sum(axis=1) + diag
    trace_rest = np.trace(cov) - diag
    return (k - 1.0) / (k - 2.0) * (1.0 - trace_rest / var_rest)


def standard_error_of_measurement(sd: float, reliability: float) -> float:
    """Standard error of measurement ``SEM = SD * sqrt(1 - reliability)`` (Lord & Novick, 1968)."""
    if not 0.0 <= reliability <= 1.0:
        raise ValueError("reliability must be in [0, 1] for the SEM")
    return float(sd * np.sqrt(1.0 - reliability))


@dataclass(frozen=True)
class DistractorRow:
    """One option of one item in a distractor analysis."""

    item: int
    option: str
    is_key: bool
    #: Number of persons presented the item who chose this option.
    n: int
    #: Share of persons presented the item who chose this option.
    proportion: float
    #: Mean total (number-correct) score of the persons who chose the option (NaN if none).
    mean_total: float


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value == ""


def distractor_analysis(
    choices: Sequence[Sequence[object]] | NDArray[np.generic],
    key: Sequence[object],
    *,
    options: Sequence[Sequence[object]] | None = None,
) -> list[DistractorRow]:
    """Distractor (option) analysis of multiple-choice items (Crocker & Algina, 1986, ch. 14).

    ``choices`` is persons x items of raw option labels; ``None``, ``""`` or ``NaN`` mean the item
    was not presented (person excluded for that item). Total score = number of items whose choice
    equals the key. For every item and option reports the share of choosers among persons
    presented the item and their mean total score: a working distractor draws lower-scoring
    persons than the key (Haladyna & Rodriguez, 2013). ``options`` (per item) adds options nobody
    chose; otherwise the options are the key plus those observed, sorted by label. Labels are
    compared as strings (``1`` and ``"1"`` match, ``1.0`` does not).
    """
    raw = np.asarray(choices, dtype=object)
    if raw.ndim != 2:
        raise ValueError("choices must be a persons x items array")
    n_items = raw.shape[1]
    if len(key) != n_items:
        raise ValueError("key must have one entry per item")
    presented = ~np.vectorize(_is_missing, otypes=[bool])(raw)
    labels = np.where(presented, raw.astype(str), "")
    key_str = np.array([str(k) for k in key])
    correct = presented & (labels == key_str[None, :])
    totals = correct.sum(axis=1).astype(float)
    rows: list[DistractorRow] = []
    for j in range(n_items):
        pres = presented[:, j]
        n_pres = int(pres.sum())
        observed = {str(v) for v in labels[pres, j]}
        if options is not None:
            opts = [str(o) for o in options[j]]
            opts += sorted(observed - set(opts))
        else:
            opts = sorted(observed | {str(key_str[j])})
        for opt in opts:
            chose = pres & (labels[:, j] == opt)
            n_opt = int(chose.sum())
            rows.append(
                DistractorRow(
                    item=j,
                    option=opt,
                    is_key=opt == key_str[j],
                    n=n_opt,
                    proportion=n_opt / n_pres if n_pres else float("nan"),
                    mean_total=float(totals[chose].mean()) if n_opt else float("nan"),
                )
            )
    return rows


@dataclass(frozen=True)
class ItemAnalysis:
    """Summary of a classical item analysis."""

    facility: FloatArray
    point_biserial: FloatArray
    alpha_if_deleted: FloatArray
    alpha: float
    sd_total: float
    sem: float
    n_persons: int


def item_analysis(scores: ArrayLike, *, missing: MissingPolicy = "pairwise") -> ItemAnalysis:
    """Facility, corrected point-biserial, alpha, alpha-if-item-deleted and SEM in one call.

    ``sd_total`` is the sample SD (ddof = 1) of the number-correct score over the items presented;
    ``SEM = sd_total * sqrt(1 - alpha)`` (Lord & Novick, 1968).
    """
    x = _matrix(scores)
    alpha = cronbach_alpha(x, missing=missing)
    sd = float(np.std(np.nansum(x, axis=1), ddof=1))
    return ItemAnalysis(
        facility=item_facility(x),
        point_biserial=corrected_point_biserial(x),
        alpha_if_deleted=alpha_if_item_deleted(x, missing=missing)
        if x.shape[1] >= 3
        else np.full(x.shape[1], np.nan),
        alpha=alpha,
        sd_total=sd,
        sem=standard_error_of_measurement(sd, min(max(alpha, 0.0), 1.0)),
        n_persons=x.shape[0],
    )
