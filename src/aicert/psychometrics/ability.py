"""Person scoring for unidimensional 2PL/3PL/graded-response item banks.

All functions accept an :class:`~aicert.psychometrics.irf.ItemParameters` (or a calibration result
exposing ``.items`` and ``.latent_variance``) and a persons x items matrix of category codes
``0..K-1`` in which NaN (or ``mask == False``) marks an item that was not presented; such items
simply drop out of the likelihood.

Estimators
----------
* EAP — posterior mean and SD over a rectangular quadrature (Bock & Mislevy, 1982); vectorised as
  one matrix product per chunk of persons.
* MAP — posterior mode under a normal prior; SE from the observed posterior information.
* ML — maximum likelihood, searched on a bounded interval (default [-6, 6]); response vectors at
  the minimum or maximum score (no finite maximum) are set to the bound and *flagged* (SE = inf).
* WLE — Warm's (1989) weighted likelihood, root of ``l'(theta) + J(theta) / (2 I(theta))`` with
  ``J = sum_j sum_k P'_jk P''_jk / P_jk``; finite for extreme patterns of 2PL/GRM items.

The modal estimators locate the global optimum on a fine grid (all persons at once by matrix
products) and polish the root of the score function inside the bracketing grid cell with a
vectorised Illinois (regula falsi) iteration.

Also: Lord & Wingersky (1984) sum-score distributions, sum-score-to-EAP tables (Thissen, Pommerich,
Billeaud & Williams, 1995), marginal reliability (as R mirt's ``marginal_rxx``), the test
characteristic function and the test information function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import integrate

from .irf import (
    FloatArray,
    ItemParameters,
    category_probs_derivatives,
    normal_quadrature,
)

__all__ = [
    "AbilityEstimates",
    "SumScoreTable",
    "eap",
    "empirical_reliability",
    "lord_wingersky",
    "map_estimate",
    "marginal_reliability",
    "ml_estimate",
    "score",
    "sum_score_reliability",
    "sum_score_table",
    "test_characteristic",
    "test_information",
    "wle",
]

_CHUNK = 8192


@dataclass(frozen=True)
class AbilityEstimates:
    """Ability estimates with standard errors.

    ``flagged`` marks persons without a finite estimate: ML/WLE estimates that sit at the search
    bound (e.g. all-correct or all-wrong response vectors) and persons with no observed response.
    """

    theta: FloatArray
    se: FloatArray
    method: str
    flagged: NDArray[np.bool_]


@dataclass(frozen=True)
class SumScoreTable:
    """Sum-score to EAP conversion table (Thissen et al., 1995).

    ``probability[s]`` is the model-implied probability of sum score ``s``; ``expected_count`` is
    ``n_persons * probability`` (NaN when ``n_persons`` was not given).
    """

    score: NDArray[np.int64]
    eap: FloatArray
    sd: FloatArray
    probability: FloatArray
    expected_count: FloatArray


def _unwrap(items: Any) -> tuple[ItemParameters, float | None]:
    """Accept ItemParameters or any result object with ``.items`` and ``.latent_variance``."""
    if isinstance(items, ItemParameters):
        return items, None
    inner = getattr(items, "items", None)
    if isinstance(inner, ItemParameters):
        return inner, float(getattr(items, "latent_variance", 1.0))
    raise TypeError("items must be ItemParameters or a calibration result")


def _codes(
    responses: ArrayLike, mask: ArrayLike | None, items: ItemParameters
) -> NDArray[np.int16]:
    raw = np.asarray(responses)
    if raw.ndim == 1:
        raw = raw[None, :]
    if raw.ndim != 2 or raw.shape[1] != items.n_items:
        raise ValueError("responses must be persons x items with one column per item")
    if np.issubdtype(raw.dtype, np.integer) or raw.dtype == np.bool_:
        if raw.size and raw.min() < 0:
            raise ValueError("responses must be integer category codes 0..K-1")
        codes = raw.astype(np.int16)
    else:
        x = raw.astype(float, copy=False)
        missing = np.isnan(x)
        vals = np.where(missing, 0.0, x)
        if np.any(vals < 0) or np.any(vals % 1.0 != 0) or np.any(vals > 32000):
            raise ValueError("responses must be integer category codes 0..K-1")
        codes = vals.astype(np.int16)
        codes[missing] = -1
    if mask is not None:
        m = np.asarray(mask, dtype=bool).reshape(codes.shape)
        codes[~m] = -1
    if np.any(codes >= items.n_categories[None, :]):
        raise ValueError("a response code exceeds the item's number of categories")
    return codes


def _pattern_matrix(
    codes: NDArray[np.int16], values: FloatArray, n_cat: NDArray[np.int64]
) -> FloatArray:
    """``sum_j value_j(x_pj, node)`` for every person and node: ``(n, Q)`` by two matrix products.

    ``values`` is ``(Q, J, Kmax)`` (e.g. log-probabilities); missing responses contribute 0.
    """
    col_item = np.repeat(np.arange(n_cat.size), n_cat - 1)
    col_cat = np.concatenate([np.arange(1, k) for k in n_cat]).astype(np.intp)
    offsets = np.concatenate([[0], np.cumsum(n_cat - 1)[:-1]])
    base = values[:, :, 0]  # (Q, J)
    g = (values[:, col_item, col_cat] - base[:, col_item]).T  # (ncols, Q)
    if np.all(n_cat == 2):
        y = (codes == 1).astype(float)
    else:
        y = np.zeros((codes.shape[0], col_item.size))
        for k in range(1, int(n_cat.max())):
            has = np.flatnonzero(n_cat > k)
            y[:, offsets[has] + k - 1] = codes[:, has] == k
    out = y @ g
    observed = codes >= 0
    if observed.all():
        out += base.sum(axis=1)[None, :]
    else:
        out += observed.astype(float) @ base.T
    return out


def lord_wingersky(probs: FloatArray, n_categories: ArrayLike) -> FloatArray:
    """Lord & Wingersky (1984) recursion: ``P(sum score = s | theta_q)``, shape ``(S + 1, Q)``.

    ``probs`` is ``(Q, J, Kmax)`` category probabilities at the nodes; item ``j`` contributes scores
    ``0..K_j - 1``.  The recursion adds one item at a time, convolving score distributions.
    """
    n_cat = np.asarray(n_categories, dtype=np.int64)
    q = probs.shape[0]
    dist = np.ones((1, q))
    for j in range(n_cat.size):
        k_j = int(n_cat[j])
        new = np.zeros((dist.shape[0] + k_j - 1, q))
        for k in range(k_j):
            new[k : k + dist.shape[0]] += dist * probs[:, j, k][None, :]
        dist = new
    return dist


def _prior(
    items: Any, prior_mean: float, prior_sd: float | None
) -> tuple[ItemParameters, float, float]:
    params, var = _unwrap(items)
    if prior_sd is None:
        prior_sd = float(np.sqrt(var)) if var is not None else 1.0
    if not prior_sd > 0:
        raise ValueError("prior_sd must be positive")
    return params, float(prior_mean), float(prior_sd)


def eap(
    responses: ArrayLike,
    items: ItemParameters | Any,
    *,
    mask: ArrayLike | None = None,
    prior_mean: float = 0.0,
    prior_sd: float | None = None,
    n_quadpts: int = 61,
    theta_range: tuple[float, float] = (-6.0, 6.0),
    chunk_size: int = _CHUNK,
) -> AbilityEstimates:
    """Expected a posteriori ability and posterior SD (Bock & Mislevy, 1982).

    ``theta_hat = sum_q theta_q L(x | theta_q) w_q / sum_q L(x | theta_q) w_q`` over a rectangular
    quadrature with normal prior weights ``w_q`` (``prior_sd`` defaults to the square root of the
    calibration's latent variance, else 1).  Computed in chunks of ``chunk_size`` persons.
    """
    params, mu, sd = _prior(items, prior_mean, prior_sd)
    codes = _codes(responses, mask, params)
    nodes, w = normal_quadrature(n_quadpts, theta_range, mu, sd**2)
    logp = params.log_category_probs(nodes)
    log_w = np.log(w)
    n = codes.shape[0]
    theta = np.empty(n)
    se = np.empty(n)
    for start in range(0, n, chunk_size):
        stop = min(start + chunk_size, n)
        ll = _pattern_matrix(codes[start:stop], logp, params.n_categories)
        ll += log_w
        ll -= ll.max(axis=1, keepdims=True)
        post = np.exp(ll)
        post /= post.sum(axis=1, keepdims=True)
        m1 = post @ nodes
        m2 = post @ nodes**2
        theta[start:stop] = m1
        se[start:stop] = np.sqrt(np.maximum(m2 - m1**2, 0.0))
    return AbilityEstimates(theta, se, "EAP", np.zeros(n, dtype=bool))


def _person_terms(
    theta: FloatArray, codes: NDArray[np.int16], params: ItemParameters
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """First and second derivative of the log-likelihood, test information and Warm's J term."""
    p, dp, d2p = category_probs_derivatives(theta, params.a, params.d, params.c)
    obs = codes >= 0
    idx = np.where(obs, codes, 0).astype(np.intp)[..., None]
    pk = np.maximum(np.take_along_axis(p, idx, axis=2)[..., 0], 1e-300)
    dpk = np.take_along_axis(dp, idx, axis=2)[..., 0]
    d2pk = np.take_along_axis(d2p, idx, axis=2)[..., 0]
    ratio = dpk / pk
    d1 = np.sum(np.where(obs, ratio, 0.0), axis=1)
    d2 = np.sum(np.where(obs, d2pk / pk - ratio**2, 0.0), axis=1)
    safe = np.maximum(p, 1e-300)
    info_j = np.sum(np.where(p > 0, dp**2 / safe, 0.0), axis=2)
    j_j = np.sum(np.where(p > 0, dp * d2p / safe, 0.0), axis=2)
    info = np.sum(np.where(obs, info_j, 0.0), axis=1)
    jterm = np.sum(np.where(obs, j_j, 0.0), axis=1)
    return d1, d2, info, jterm


def _score_fn(
    kind: str, codes: NDArray[np.int16], params: ItemParameters, mu: float, var: float
) -> Any:
    def fn(theta: FloatArray, rows: NDArray[np.intp]) -> FloatArray:
        d1, _, info, jterm = _person_terms(theta, codes[rows], params)
        if kind == "ML":
            return d1
        if kind == "MAP":
            return d1 - (theta - mu) / var
        return d1 + jterm / (2.0 * np.maximum(info, 1e-300))

    return fn


def _illinois(
    fn: Any,
    lo: FloatArray,
    hi: FloatArray,
    f_lo: FloatArray,
    f_hi: FloatArray,
    rows: NDArray[np.intp],
    xtol: float = 1e-10,
    max_iter: int = 100,
) -> FloatArray:
    """Vectorised Illinois regula falsi for decreasing score functions bracketed in [lo, hi]."""
    a, b, fa, fb = lo.copy(), hi.copy(), f_lo.copy(), f_hi.copy()
    x = 0.5 * (a + b)
    active = np.ones(a.size, dtype=bool)
    for _ in range(max_iter):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        denom = fb[idx] - fa[idx]
        with np.errstate(divide="ignore", invalid="ignore"):
            cand = b[idx] - fb[idx] * (b[idx] - a[idx]) / denom
        mid = 0.5 * (a[idx] + b[idx])
        lo_i, hi_i = np.minimum(a[idx], b[idx]), np.maximum(a[idx], b[idx])
        bad = ~np.isfinite(cand) | (cand <= lo_i) | (cand >= hi_i)
        cand = np.where(bad, mid, cand)
        fc = fn(cand, rows[idx])
        x[idx] = cand
        same = np.sign(fc) == np.sign(fb[idx])
        # Illinois: when b is replaced from the same side, halve the retained endpoint's value
        fa_new = np.where(same, fa[idx] * 0.5, fb[idx])
        a_new = np.where(same, a[idx], b[idx])
        a[idx], fa[idx] = a_new, fa_new
        b[idx], fb[idx] = cand, fc
        done = (np.abs(b[idx] - a[idx]) < xtol) | (fc == 0)
        active[idx[done]] = False
    return x


def _modal(
    kind: Literal["ML", "MAP", "WLE"],
    responses: ArrayLike,
    items: Any,
    mask: ArrayLike | None,
    prior_mean: float,
    prior_sd: float | None,
    bounds: tuple[float, float],
    n_grid: int,
    chunk_size: int,
) -> AbilityEstimates:
    params, mu, sd = _prior(items, prior_mean, prior_sd)
    var = sd**2
    codes = _codes(responses, mask, params)
    n = codes.shape[0]
    lo_b, hi_b = float(bounds[0]), float(bounds[1])
    grid = np.linspace(lo_b, hi_b, int(n_grid))
    logp = params.log_category_probs(grid)
    p, dp, d2p = category_probs_derivatives(grid, params.a, params.d, params.c)
    safe = np.maximum(p, 1e-300)
    ratio = np.where(p > 0, dp / safe, 0.0)
    info_j = np.sum(np.where(p > 0, dp**2 / safe, 0.0), axis=2)  # (G, J)
    jj = np.sum(np.where(p > 0, dp * d2p / safe, 0.0), axis=2)
    n_cat = params.n_categories
    theta = np.full(n, np.nan)
    flagged = np.zeros(n, dtype=bool)
    fn = _score_fn(kind, codes, params, mu, var)
    for start in range(0, n, chunk_size):
        stop = min(start + chunk_size, n)
        cc = codes[start:stop]
        obs = (cc >= 0).astype(float)
        d1 = _pattern_matrix(cc, ratio, n_cat)
        if kind == "WLE":
            g = d1 + (obs @ jj.T) / (2.0 * np.maximum(obs @ info_j.T, 1e-300))
            steps = np.diff(grid)[None, :] * 0.5 * (g[:, 1:] + g[:, :-1])
            objective = np.concatenate([np.zeros((g.shape[0], 1)), np.cumsum(steps, axis=1)], 1)
        else:
            objective = _pattern_matrix(cc, logp, n_cat)
            g = d1
            if kind == "MAP":
                objective = objective - 0.5 * (grid[None, :] - mu) ** 2 / var
                g = g - (grid[None, :] - mu) / var
        # candidate maxima: interior sign changes (+ to -) and the two bounds
        cross = (g[:, :-1] > 0) & (g[:, 1:] <= 0)
        cell_obj = np.maximum(objective[:, :-1], objective[:, 1:])
        score_cells = np.where(cross, cell_obj, -np.inf)
        best_cell = np.argmax(score_cells, axis=1)
        best_val = score_cells[np.arange(g.shape[0]), best_cell]
        low_val = np.where(g[:, 0] <= 0, objective[:, 0], -np.inf)
        high_val = np.where(g[:, -1] >= 0, objective[:, -1], -np.inf)
        choice = np.argmax(np.stack([best_val, low_val, high_val], axis=1), axis=1)
        none = ~np.isfinite(np.maximum(best_val, np.maximum(low_val, high_val)))
        rows = np.arange(start, stop)
        out = np.full(stop - start, np.nan)
        out[choice == 1] = lo_b
        out[choice == 2] = hi_b
        at_bound = (choice > 0) & ~none
        interior = (choice == 0) & ~none
        if interior.any():
            i = best_cell[interior]
            r_idx = rows[interior]
            gi = g[interior]
            lo = grid[i]
            hi = grid[i + 1]
            f_lo = gi[np.arange(i.size), i]
            f_hi = gi[np.arange(i.size), i + 1]
            exact = f_hi == 0
            root = _illinois(fn, lo, hi, f_lo, np.where(exact, -1e-300, f_hi), r_idx)
            out[interior] = np.where(exact, hi, root)
        no_resp = obs.sum(axis=1) == 0
        if kind == "MAP":
            out[no_resp] = mu
        else:
            out[no_resp] = np.nan
        flagged_chunk = (at_bound & (kind != "MAP")) | (no_resp & (kind != "MAP"))
        theta[start:stop] = out
        flagged[start:stop] = flagged_chunk
    # standard errors
    se = np.full(n, np.nan)
    ok = np.isfinite(theta)
    if ok.any():
        rows = np.flatnonzero(ok)
        se_vals = np.empty(rows.size)
        for start in range(0, rows.size, chunk_size):
            sub = rows[start : start + chunk_size]
            _, d2, info, _ = _person_terms(theta[sub], codes[sub], params)
            if kind == "MAP":
                obs_info = -d2 + 1.0 / var
                fisher = info + 1.0 / var
                se_vals[start : start + sub.size] = 1.0 / np.sqrt(
                    np.where(obs_info > 0, obs_info, fisher)
                )
            else:
                with np.errstate(divide="ignore"):
                    se_vals[start : start + sub.size] = 1.0 / np.sqrt(info)
        se[rows] = se_vals
    if kind != "MAP":
        se[flagged & ok] = np.inf
    return AbilityEstimates(theta, se, kind, flagged)


def map_estimate(
    responses: ArrayLike,
    items: ItemParameters | Any,
    *,
    mask: ArrayLike | None = None,
    prior_mean: float = 0.0,
    prior_sd: float | None = None,
    bounds: tuple[float, float] = (-6.0, 6.0),
    n_grid: int = 121,
    chunk_size: int = _CHUNK,
) -> AbilityEstimates:
    """Maximum a posteriori (Bayes modal) ability under a ``N(prior_mean, prior_sd^2)`` prior.

    SE is ``1 / sqrt(-d2/dtheta2 log posterior)`` (observed; Fisher information if that is not
    positive).  Persons without responses get the prior mean.
    """
    return _modal("MAP", responses, items, mask, prior_mean, prior_sd, bounds, n_grid, chunk_size)


def ml_estimate(
    responses: ArrayLike,
    items: ItemParameters | Any,
    *,
    mask: ArrayLike | None = None,
    bounds: tuple[float, float] = (-6.0, 6.0),
    n_grid: int = 121,
    chunk_size: int = _CHUNK,
) -> AbilityEstimates:
    """Maximum-likelihood ability on the bounded interval ``bounds``; SE ``1 / sqrt(I(theta))``.

    When the likelihood has no interior maximum (all-minimum or all-maximum response vectors,
    some 3PL patterns) the estimate is set to the bound, ``flagged`` is True and SE is ``inf``.
    """
    return _modal("ML", responses, items, mask, 0.0, 1.0, bounds, n_grid, chunk_size)


def wle(
    responses: ArrayLike,
    items: ItemParameters | Any,
    *,
    mask: ArrayLike | None = None,
    bounds: tuple[float, float] = (-6.0, 6.0),
    n_grid: int = 121,
    chunk_size: int = _CHUNK,
) -> AbilityEstimates:
    """Warm's (1989) weighted likelihood estimate; SE ``1 / sqrt(I(theta))``.

    Solves ``l'(theta) + J(theta) / (2 I(theta)) = 0`` with ``I = sum_jk P'^2 / P`` and
    ``J = sum_jk P' P'' / P`` over the answered items (for 2PL/GRM items this maximises
    ``L(theta) sqrt(I(theta))``).  Finite for all-correct/all-wrong vectors of 2PL/GRM items;
    estimates that reach ``bounds`` are flagged.
    """
    return _modal("WLE", responses, items, mask, 0.0, 1.0, bounds, n_grid, chunk_size)


def score(
    responses: ArrayLike,
    items: ItemParameters | Any,
    method: Literal["EAP", "MAP", "ML", "WLE"] = "EAP",
    **kwargs: Any,
) -> AbilityEstimates:
    """Dispatch to :func:`eap`, :func:`map_estimate`, :func:`ml_estimate` or :func:`wle`."""
    funcs: dict[str, Callable[..., AbilityEstimates]] = {
        "EAP": eap,
        "MAP": map_estimate,
        "ML": ml_estimate,
        "WLE": wle,
    }
    key = method.upper()
    if key not in funcs:
        raise ValueError(f"unknown scoring method {method!r}")
    return funcs[key](responses, items, **kwargs)


def sum_score_table(
    items: ItemParameters | Any,
    *,
    n_persons: float | None = None,
    prior_mean: float = 0.0,
    prior_sd: float | None = None,
    n_quadpts: int = 61,
    theta_range: tuple[float, float] = (-6.0, 6.0),
) -> SumScoreTable:
    """EAP[theta | sum score] table from the Lord–Wingersky recursion (Thissen et al., 1995).

    ``P(s) = sum_q S_s(q) w_q``; ``EAP(s) = sum_q theta_q S_s(q) w_q / P(s)`` and the posterior SD
    likewise; expected counts are ``n_persons * P(s)``.
    """
    params, mu, sd = _prior(items, prior_mean, prior_sd)
    nodes, w = normal_quadrature(n_quadpts, theta_range, mu, sd**2)
    dist = lord_wingersky(params.category_probs(nodes), params.n_categories)
    joint = dist * w[None, :]
    prob = joint.sum(axis=1)
    m1 = joint @ nodes / prob
    m2 = joint @ nodes**2 / prob
    sdv = np.sqrt(np.maximum(m2 - m1**2, 0.0))
    counts = prob * n_persons if n_persons is not None else np.full(prob.shape, np.nan)
    return SumScoreTable(np.arange(prob.size, dtype=np.int64), m1, sdv, prob, counts)


def test_information(theta: ArrayLike, items: ItemParameters | Any) -> FloatArray:
    """Test information ``I(theta) = sum_j I_j(theta)`` (Birnbaum, 1968; Samejima, 1969)."""
    params, _ = _unwrap(items)
    return params.information(theta).sum(axis=1)


def test_characteristic(theta: ArrayLike, items: ItemParameters | Any) -> FloatArray:
    """Test characteristic function: expected sum score ``sum_j sum_k k P_jk(theta)``."""
    params, _ = _unwrap(items)
    return params.expected_score(theta).sum(axis=1)


def marginal_reliability(
    items: ItemParameters | Any, *, latent_variance: float | None = None
) -> float:
    """Marginal reliability ``int s2 I(t) / (s2 I(t) + 1) phi(t; 0, s2) dt``.

    With ``s2 = 1`` this is R mirt's ``marginal_rxx`` (the average over the latent distribution of
    ``1 - SE^2(theta) / s2`` with ``SE^2 = 1 / I``), integrated adaptively over the real line.
    """
    params, var = _unwrap(items)
    s2 = latent_variance if latent_variance is not None else (var if var is not None else 1.0)
    sd = float(np.sqrt(s2))

    def integrand(z: float) -> float:
        t = sd * z
        info = float(params.information(np.array([t])).sum())
        return s2 * info / (s2 * info + 1.0) * np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)

    value, _ = integrate.quad(integrand, -np.inf, np.inf, epsabs=1e-12, epsrel=1e-10, limit=200)
    return float(value)


def empirical_reliability(theta: ArrayLike, se: ArrayLike, freq: ArrayLike | None = None) -> float:
    """Empirical reliability ``var(theta_hat) / (var(theta_hat) + mean(SE^2))``.

    As R mirt's ``empirical_rxx`` (sample variance with the ``n - 1`` denominator); non-finite
    estimates are skipped.  ``freq`` optionally weights each estimate (e.g. pattern counts).
    """
    t = np.asarray(theta, dtype=float).ravel()
    s = np.asarray(se, dtype=float).ravel()
    f = np.ones_like(t) if freq is None else np.asarray(freq, dtype=float).ravel()
    ok = np.isfinite(t) & np.isfinite(s) & (f > 0)
    t, s, f = t[ok], s[ok], f[ok]
    n = f.sum()
    if n <= 1:
        raise ValueError("need at least two finite estimates")
    mean = f @ t / n
    var = f @ (t - mean) ** 2 / (n - 1.0)
    return float(var / (var + f @ s**2 / n))


def sum_score_reliability(
    table: SumScoreTable, sum_scores: ArrayLike, freq: ArrayLike | None = None
) -> float:
    """Empirical reliability of sum-score EAPs for observed sum scores (mirt's EAPsum ``rxx``).

    Each person gets ``EAP(s)`` and ``SD(s)`` from ``table``; then :func:`empirical_reliability`.
    """
    s = np.asarray(sum_scores).astype(np.int64).ravel()
    if np.any((s < 0) | (s >= table.score.size)):
        raise ValueError("sum score outside the table")
    return empirical_reliability(table.eap[s], table.sd[s], freq)
