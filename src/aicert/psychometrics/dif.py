"""Differential item functioning (DIF) for dichotomous items.

Two published procedures:

* Mantel–Haenszel (Holland & Thayer, 1988) computed exactly as the R package difR
  (``difMH`` / ``mantelHaenszel``; Magis, Béland, Tuerlinckx & De Boeck, 2010) does, with the full
  ETS A/B/C classification (Zieky, 1993; Zwick, 2012) whose "significantly greater than 1" test uses
  the Robins–Breslow–Greenland (1986) variance of ``ln alpha_MH`` (the estimator Phillips & Holland,
  1987, showed to be appropriate for the MH odds ratio).
* Logistic regression (Swaminathan & Rogers, 1990) for uniform and non-uniform DIF with
  likelihood-ratio tests and the Nagelkerke (1991) R-squared change, classified on the Zumbo–Thomas
  (1997) or Jodoin–Gierl (2001) effect-size scale. The logistic models are fitted here by
  Newton–Raphson; no statistics package is used.

Conventions: ``responses`` is a persons x items array of 0/1 scores, ``NaN`` for an item that was
not presented; ``group`` is 0 for the reference group and 1 for the focal group (``NaN`` = person
left out). The matching variable defaults to the total score over all items, *including* the
studied item (difR's ``match = "score"``), computed with missing responses counted as 0.
For each studied item only persons with an observed response to it and a known group enter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats
from scipy.special import expit

FloatArray = NDArray[np.float64]

#: Constant converting the log odds ratio to the ETS delta metric (Holland & Thayer, 1988).
ETS_DELTA_SCALE = 2.35


def _prepare(
    responses: ArrayLike, group: ArrayLike, match: ArrayLike | None
) -> tuple[FloatArray, FloatArray, FloatArray]:
    x = np.asarray(responses, dtype=float)
    if x.ndim != 2:
        raise ValueError("responses must be a persons x items array")
    g = np.asarray(group, dtype=float).ravel()
    if g.shape[0] != x.shape[0]:
        raise ValueError("group must have one entry per person")
    observed_g = g[~np.isnan(g)]
    if not np.all(np.isin(observed_g, (0.0, 1.0))):
        raise ValueError("group must be coded 0 (reference) or 1 (focal)")
    observed_x = x[~np.isnan(x)]
    if not np.all(np.isin(observed_x, (0.0, 1.0))):
        raise ValueError("responses must be 0, 1 or NaN")
    if match is None:
        m = np.nansum(x, axis=1)
    else:
        m = np.asarray(match, dtype=float).ravel()
        if m.shape[0] != x.shape[0]:
            raise ValueError("match must have one entry per person")
    return x, g, m


# --------------------------------------------------------------------------------------------
# Mantel–Haenszel
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MantelHaenszelResult:
    """Mantel–Haenszel DIF statistics, one entry per item.

    ``delta_mh < 0`` means the item is harder for the focal group than for matched reference-group
    members (DIF against the focal group); ``> 0`` favours the focal group.
    """

    chi_square: FloatArray
    p_value: FloatArray
    alpha_mh: FloatArray
    delta_mh: FloatArray
    #: Robins–Breslow–Greenland variance of ln(alpha_MH).
    var_log_alpha: FloatArray
    #: Standard error of delta_MH = 2.35 * sqrt(var_log_alpha).
    delta_se: FloatArray
    #: p < alpha (two-sided chi-square test of no DIF).
    flagged: NDArray[np.bool_]
    #: ETS category per item: "A", "B" or "C".
    ets_class: tuple[str, ...]
    alpha: float


def ets_classify(
    delta_mh: ArrayLike,
    delta_se: ArrayLike,
    p_value: ArrayLike,
    alpha: float = 0.05,
) -> tuple[str, ...]:
    """Full ETS A/B/C classification of MH D-DIF (Zieky, 1993; Zwick, 2012, ETS RR-12-08).

    * A (negligible): ``|delta| < 1`` or delta not significantly different from 0 (the MH
      chi-square test, ``p_value >= alpha``).
    * C (large): ``|delta| >= 1.5`` and ``|delta|`` significantly greater than 1, i.e. the one-sided
      test of H0: ``|delta| <= 1`` rejects: ``(|delta| - 1) / SE(delta) > z_(1 - alpha)``, with
      SE(delta) from the Robins–Breslow–Greenland (1986) variance of ``ln alpha_MH``.
    * B (moderate): every other item.
    """
    d = np.abs(np.asarray(delta_mh, dtype=float))
    se = np.asarray(delta_se, dtype=float)
    p = np.asarray(p_value, dtype=float)
    z_crit = stats.norm.ppf(1.0 - alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        z_gt_one = (d - 1.0) / se
    classes: list[str] = []
    for di, zi, pi in zip(d, z_gt_one, p, strict=True):
        if not np.isfinite(di) or di < 1.0 or not (pi < alpha):
            classes.append("A")
        elif di >= 1.5 and zi > z_crit:
            classes.append("C")
        else:
            classes.append("B")
    return tuple(classes)


def mantel_haenszel(
    responses: ArrayLike,
    group: ArrayLike,
    *,
    match: ArrayLike | None = None,
    correct: bool = True,
    alpha: float = 0.05,
) -> MantelHaenszelResult:
    """Mantel–Haenszel DIF test for every item (Mantel & Haenszel, 1959; Holland & Thayer, 1988).

    Reproduces difR's ``difMH`` (Magis et al., 2010) without item purification. For each studied
    item the persons are stratified by the matching score (default: total score including the
    studied item); only strata with more than one person (T_k > 1) are used. With A_k, B_k the
    reference group's right/wrong counts and C_k, D_k the focal group's in stratum k:

    * ``alpha_MH = sum(A_k D_k / T_k) / sum(B_k C_k / T_k)``,
      ``delta_MH = -2.35 ln(alpha_MH)``;
    * ``chi2 = (|sum A_k - sum E(A_k)| - 0.5)^2 / sum Var(A_k)`` with
      ``E(A_k) = n_Rk m_1k / T_k`` and ``Var(A_k) = n_Rk n_Fk m_1k m_0k / (T_k^2 (T_k - 1))``;
      the 0.5 continuity correction is dropped when ``correct=False``; p from chi-square(1);
    * ``Var(ln alpha_MH)`` by Robins, Breslow & Greenland (1986), used for the ETS
      classification (see :func:`ets_classify`).

    Missing responses (``NaN`` = not presented) exclude the person from that item's analysis only.
    """
    x, g, m = _prepare(responses, group, match)
    n_items = x.shape[1]
    chi = np.full(n_items, np.nan)
    alpha_mh = np.full(n_items, np.nan)
    var_log = np.full(n_items, np.nan)
    for j in range(n_items):
        y = x[:, j]
        ok = ~np.isnan(y) & ~np.isnan(g) & ~np.isnan(m)
        yj, gj, mj = y[ok], g[ok], m[ok]
        _, stratum = np.unique(mj, return_inverse=True)
        n_strata = int(stratum.max()) + 1 if stratum.size else 0
        ref, foc = gj == 0.0, gj == 1.0
        right, wrong = yj == 1.0, yj == 0.0
        a = np.bincount(stratum, weights=ref & right, minlength=n_strata)
        b = np.bincount(stratum, weights=ref & wrong, minlength=n_strata)
        c = np.bincount(stratum, weights=foc & right, minlength=n_strata)
        d = np.bincount(stratum, weights=foc & wrong, minlength=n_strata)
        t = a + b + c + d
        keep = t > 1
        a, b, c, d, t = a[keep], b[keep], c[keep], d[keep], t[keep]
        n_r, n_f, m1, m0 = a + b, c + d, a + c, b + d
        diff = np.sum(a - n_r * m1 / t)
        var_a = np.sum(n_r * n_f * m1 * m0 / (t**2 * (t - 1.0)))
        num = abs(diff) - 0.5 if correct else abs(diff)
        with np.errstate(divide="ignore", invalid="ignore"):
            chi[j] = num**2 / var_a
            r_k, s_k = a * d / t, b * c / t
            p_k, q_k = (a + d) / t, (b + c) / t
            r_sum, s_sum = r_k.sum(), s_k.sum()
            alpha_mh[j] = r_sum / s_sum
            var_log[j] = (
                np.sum(p_k * r_k) / (2.0 * r_sum**2)
                + np.sum(p_k * s_k + q_k * r_k) / (2.0 * r_sum * s_sum)
                + np.sum(q_k * s_k) / (2.0 * s_sum**2)
            )
    p_value = stats.chi2.sf(chi, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = -ETS_DELTA_SCALE * np.log(alpha_mh)
    delta_se = ETS_DELTA_SCALE * np.sqrt(var_log)
    flagged = np.asarray(p_value < alpha)
    return MantelHaenszelResult(
        chi_square=chi,
        p_value=p_value,
        alpha_mh=alpha_mh,
        delta_mh=delta,
        var_log_alpha=var_log,
        delta_se=delta_se,
        flagged=flagged,
        ets_class=ets_classify(delta, delta_se, p_value, alpha),
        alpha=alpha,
    )


# --------------------------------------------------------------------------------------------
# Logistic regression
# --------------------------------------------------------------------------------------------


def _loglik(eta: FloatArray, y: FloatArray) -> float:
    return float(np.sum(y * eta - np.logaddexp(0.0, eta)))


def fit_logistic(
    design: ArrayLike, y: ArrayLike, *, max_iter: int = 100, tol: float = 1e-10
) -> tuple[FloatArray, float]:
    """Maximum-likelihood logistic regression by Newton–Raphson with step halving.

    Model ``logit P(y = 1) = X beta``. Each Newton step solves ``H delta = X'(y - p)`` with
    ``H = X' W X``, ``W = diag(p (1 - p))`` (McCullagh & Nelder, 1989, ch. 4); the step is halved
    until the log-likelihood does not decrease. Returns ``(beta, log_likelihood)``. Under complete
    separation the iterations stop at ``max_iter`` with the log-likelihood close to its supremum 0.
    """
    xm = np.asarray(design, dtype=float)
    yv = np.asarray(y, dtype=float)
    beta = np.zeros(xm.shape[1])
    eta = xm @ beta
    ll = _loglik(eta, yv)
    ridge = 1e-12 * np.eye(xm.shape[1])
    for _ in range(max_iter):
        p = expit(eta)
        w = p * (1.0 - p)
        grad = xm.T @ (yv - p)
        hess = (xm * w[:, None]).T @ xm + ridge
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        factor = 1.0
        while True:
            new_beta = beta + factor * step
            new_eta = xm @ new_beta
            new_ll = _loglik(new_eta, yv)
            if new_ll >= ll - 1e-12 or factor < 1e-8:
                break
            factor *= 0.5
        change = new_ll - ll
        beta, eta, ll = new_beta, new_eta, new_ll
        if np.max(np.abs(factor * step)) < tol or abs(change) < tol * (1.0 + abs(ll)):
            break
    return beta, ll


def nagelkerke_r2(loglik: float, loglik_null: float, n: int) -> float:
    """Nagelkerke (1991) R-squared: Cox–Snell R² divided by its maximum.

    ``R²_CS = 1 - exp(2 (LL_0 - LL) / n)``, ``R²_N = R²_CS / (1 - exp(2 LL_0 / n))`` with ``LL_0``
    the intercept-only log-likelihood.
    """
    cox_snell = 1.0 - np.exp(2.0 * (loglik_null - loglik) / n)
    return float(cox_snell / (1.0 - np.exp(2.0 * loglik_null / n)))


EffectScale = Literal["zumbo-thomas", "jodoin-gierl"]
DifType = Literal["both", "uniform", "nonuniform"]

#: (B lower bound, C lower bound) on the Nagelkerke R² change.
R2_THRESHOLDS: dict[str, tuple[float, float]] = {
    "zumbo-thomas": (0.13, 0.26),
    "jodoin-gierl": (0.035, 0.070),
}


@dataclass(frozen=True)
class LogisticDifResult:
    """Logistic-regression DIF statistics, one entry per item.

    Models (S = centred matching score, G = focal-group indicator):
    M0 ``logit P = b0 + b1 S``; M1 adds ``b2 G``; M2 adds ``b3 S*G``.
    """

    #: LR chi-square M0 vs M2 (df 2): any DIF.
    chi_square_both: FloatArray
    p_both: FloatArray
    #: LR chi-square M0 vs M1 (df 1): uniform DIF.
    chi_square_uniform: FloatArray
    p_uniform: FloatArray
    #: LR chi-square M1 vs M2 (df 1): non-uniform DIF.
    chi_square_nonuniform: FloatArray
    p_nonuniform: FloatArray
    #: Nagelkerke R² of M0, M1, M2 (columns), one row per item.
    r2: FloatArray
    #: Nagelkerke R² change for the tested contrast (``dif_type``).
    delta_r2: FloatArray
    #: Coefficients of M2 (b0, b1, b2, b3) per item.
    coefficients: FloatArray
    flagged: NDArray[np.bool_]
    #: Effect-size class per item ("A", "B", "C") on ``scale``.
    effect_class: tuple[str, ...]
    dif_type: str
    scale: str
    alpha: float


def classify_delta_r2(
    delta_r2: ArrayLike,
    p_value: ArrayLike,
    *,
    scale: EffectScale = "zumbo-thomas",
    alpha: float = 0.05,
) -> tuple[str, ...]:
    """Effect-size class of a Nagelkerke R² change.

    Zumbo & Thomas (1997): A < 0.13 <= B < 0.26 <= C; Jodoin & Gierl (2001): A < 0.035 <= B < 0.070
    <= C. Both proposals also require a significant LR test for B and C; a non-significant item
    (``p_value >= alpha``) is classed A.
    """
    b_lo, c_lo = R2_THRESHOLDS[scale]
    out: list[str] = []
    for dr, p in zip(np.asarray(delta_r2, float), np.asarray(p_value, float), strict=True):
        if not (p < alpha) or not np.isfinite(dr) or dr < b_lo:
            out.append("A")
        elif dr < c_lo:
            out.append("B")
        else:
            out.append("C")
    return tuple(out)


def logistic_dif(
    responses: ArrayLike,
    group: ArrayLike,
    *,
    match: ArrayLike | None = None,
    dif_type: DifType = "both",
    scale: EffectScale = "zumbo-thomas",
    alpha: float = 0.05,
) -> LogisticDifResult:
    """Logistic-regression DIF (Swaminathan & Rogers, 1990), as in difR's ``difLogistic``.

    For each item three nested logistic models of the item score on the matching score S (default:
    total score including the item) and group G (1 = focal) are fitted by Newton–Raphson:
    M0 ``b0 + b1 S``, M1 ``+ b2 G`` and M2 ``+ b3 S G``. Likelihood-ratio statistics
    ``2 (LL_big - LL_small)`` give the uniform test (M1 vs M0, df 1), the non-uniform test
    (M2 vs M1, df 1) and the joint test (M2 vs M0, df 2). ``dif_type`` selects which test flags
    an item and which Nagelkerke R² change is classified (``"both"``: R²(M2) - R²(M0);
    ``"uniform"``: R²(M1) - R²(M0); ``"nonuniform"``: R²(M2) - R²(M1)); see
    :func:`classify_delta_r2` for the Zumbo–Thomas and Jodoin–Gierl scales.
    """
    x, g, m = _prepare(responses, group, match)
    n_items = x.shape[1]
    ll = np.full((n_items, 4), np.nan)  # null, M0, M1, M2
    coefs = np.full((n_items, 4), np.nan)
    r2 = np.full((n_items, 3), np.nan)
    for j in range(n_items):
        y = x[:, j]
        ok = ~np.isnan(y) & ~np.isnan(g) & ~np.isnan(m)
        yj, gj = y[ok], g[ok]
        sj = m[ok] - m[ok].mean()
        n = int(ok.sum())
        ones = np.ones(n)
        p_bar = yj.mean()
        if p_bar in (0.0, 1.0):
            continue
        ll_null = float(n * (p_bar * np.log(p_bar) + (1 - p_bar) * np.log(1 - p_bar)))
        _, ll0 = fit_logistic(np.column_stack([ones, sj]), yj)
        _, ll1 = fit_logistic(np.column_stack([ones, sj, gj]), yj)
        beta2, ll2 = fit_logistic(np.column_stack([ones, sj, gj, sj * gj]), yj)
        ll[j] = (ll_null, ll0, ll1, ll2)
        coefs[j] = beta2
        r2[j] = [nagelkerke_r2(v, ll_null, n) for v in (ll0, ll1, ll2)]
    chi_both = np.maximum(2.0 * (ll[:, 3] - ll[:, 1]), 0.0)
    chi_u = np.maximum(2.0 * (ll[:, 2] - ll[:, 1]), 0.0)
    chi_nu = np.maximum(2.0 * (ll[:, 3] - ll[:, 2]), 0.0)
    p_both, p_u, p_nu = (
        stats.chi2.sf(chi_both, 2),
        stats.chi2.sf(chi_u, 1),
        stats.chi2.sf(chi_nu, 1),
    )
    if dif_type == "both":
        p_sel, dr2 = p_both, r2[:, 2] - r2[:, 0]
    elif dif_type == "uniform":
        p_sel, dr2 = p_u, r2[:, 1] - r2[:, 0]
    elif dif_type == "nonuniform":
        p_sel, dr2 = p_nu, r2[:, 2] - r2[:, 1]
    else:
        raise ValueError(f"unknown dif_type {dif_type!r}")
    return LogisticDifResult(
        chi_square_both=chi_both,
        p_both=p_both,
        chi_square_uniform=chi_u,
        p_uniform=p_u,
        chi_square_nonuniform=chi_nu,
        p_nonuniform=p_nu,
        r2=r2,
        delta_r2=dr2,
        coefficients=coefs,
        flagged=np.asarray(p_sel < alpha),
        effect_class=classify_delta_r2(dr2, p_sel, scale=scale, alpha=alpha),
        dif_type=dif_type,
        scale=scale,
        alpha=alpha,
    )
