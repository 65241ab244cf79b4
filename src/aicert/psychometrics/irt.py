"""Unidimensional IRT calibration by marginal maximum likelihood (Bock & Aitkin, 1981).

Models (slope-intercept form, no 1.702 constant, as in R mirt; Chalmers, 2012):

* ``"Rasch"``: ``P(X=1 | theta) = logistic(theta + d_j)``, slope fixed at 1, ``theta ~ N(0, s2)``
  with the latent variance ``s2`` *estimated*;
* ``"1PL"``: ``logistic(a * theta + d_j)`` with one common slope ``a``, ``theta ~ N(0, 1)``;
* ``"2PL"``: ``logistic(a_j * theta + d_j)``;
* ``"3PL"``: ``c_j + (1 - c_j) logistic(a_j * theta + d_j)`` with a ``Beta(alpha, beta)`` prior on
  ``c_j`` (BILOG-MG practice; default ``Beta(5, 17)``), i.e. the item parameters are posterior modes;
* ``"GRM"``: Samejima's (1969) graded response model, ``P(X >= k) = logistic(a_j theta + d_jk)``
  with ``d_j1 > d_j2 > ... > d_j,K-1``.

A sequence of per-item model names (``"2PL"``, ``"3PL"``, ``"GRM"``) fits a mixed-format test.

Estimation: the marginal likelihood ``prod_p [sum_q w_q prod_j P_j(x_pj | theta_q)]^f_p`` is
maximised by the EM algorithm of Bock & Aitkin (1981) over a fixed rectangular quadrature (default
61 nodes on [-6, 6] with normalised N(0, s2) weights, as R mirt).  The E-step is two matrix
products over (response patterns x quadrature nodes); the M-step is a vectorised Newton (Fisher
scoring) update of all items at once.  EM is optionally accelerated by SQUAREM (Varadhan & Roland,
2008), with a monotonicity safeguard; convergence is declared, as in mirt, when one EM cycle changes
no free parameter by more than ``tol`` (default 1e-4).

Missing responses (NaN or ``mask == False``) mean "not presented": they drop out of the likelihood,
so sparse/incomplete designs are fitted directly.  Identical response patterns (including their
missingness) are collapsed and weighted by frequency.

Standard errors come from the observed-data information matrix (Louis, 1982).  For complete
Rasch/1PL/2PL data it is evaluated in closed form (posterior cross-moments reduce to weighted Gram
matrices); for other models and incomplete designs the Hessian of the marginal log-likelihood (plus
log-prior) is obtained by central differences of its exact analytic gradient (Fisher's identity).

Item fit: S-X2 (Orlando & Thissen, 2000) with sum-score distributions from the Lord & Wingersky
(1984) recursion.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize
from scipy.special import expit, logit
from scipy.stats import chi2

from .ability import lord_wingersky
from .irf import FloatArray, ItemParameters, log_category_probs, normal_quadrature

__all__ = [
    "CalibrationResult",
    "ConvergenceWarning",
    "ItemFitResult",
    "PatternData",
    "calibrate",
    "collapse_patterns",
    "marginal_loglik",
    "s_x2",
]

ModelName = Literal["Rasch", "1PL", "2PL", "3PL", "GRM"]
_ITEM_MODELS = ("2PL", "3PL", "GRM")
_CHUNK = 8192


class ConvergenceWarning(RuntimeWarning):
    """The EM algorithm stopped at ``max_cycles`` before meeting the convergence criterion."""


# ---------------------------------------------------------------------------------------------
# Response data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatternData:
    """Distinct response patterns with frequency weights.

    ``patterns`` is ``(P, J)`` int with ``-1`` for a missing (not presented) response, ``freq`` the
    weight of each pattern and ``inverse`` maps every input row to its pattern.
    """

    patterns: NDArray[np.int16]
    freq: FloatArray
    inverse: NDArray[np.intp]


def _response_codes(responses: ArrayLike, mask: ArrayLike | None) -> NDArray[np.int16]:
    """Integer category codes with -1 for missing; validates that codes are integers >= 0."""
    raw = np.asarray(responses)
    if raw.ndim != 2:
        raise ValueError("responses must be a 2-D (persons x items) array")
    if np.issubdtype(raw.dtype, np.integer) or raw.dtype == np.bool_:
        if raw.size and (raw.min() < 0 or raw.max() > 32000):
            raise ValueError("observed responses must be integer category codes 0, 1, ..., K-1")
        codes = raw.astype(np.int16)
    else:
        x = raw.astype(float, copy=False)
        missing = np.isnan(x)
        vals = np.where(missing, 0.0, x)
        if np.any(vals < 0) or np.any(vals > 32000) or np.any(vals % 1.0 != 0):
            raise ValueError("observed responses must be integer category codes 0, 1, ..., K-1")
        codes = vals.astype(np.int16)
        codes[missing] = -1
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        if m.shape != codes.shape:
            raise ValueError("mask must have the same shape as responses")
        codes[~m] = -1
    return codes


def collapse_patterns(
    responses: ArrayLike, mask: ArrayLike | None = None, freq: ArrayLike | None = None
) -> PatternData:
    """Collapse identical rows (including the missingness pattern) into weighted patterns.

    ``responses`` is persons x items, NaN (or ``mask == False``) meaning "not presented";
    ``freq`` optional non-negative frequency weights per row (default 1).
    """
    codes = _response_codes(responses, mask)
    n = codes.shape[0]
    w = np.ones(n) if freq is None else np.asarray(freq, dtype=float).reshape(-1)
    if w.shape[0] != n:
        raise ValueError("freq must have one weight per response row")
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ValueError("frequency weights must be finite and non-negative")
    if n == 0:
        return PatternData(codes, w, np.zeros(0, dtype=np.intp))
    row = np.ascontiguousarray(codes).view(
        np.dtype((np.void, codes.dtype.itemsize * codes.shape[1]))
    )
    _, first, inverse = np.unique(row.ravel(), return_index=True, return_inverse=True)
    patterns = codes[first]
    counts = np.bincount(inverse.ravel(), weights=w, minlength=first.size).astype(np.float64)
    return PatternData(patterns, counts, inverse.ravel())


@dataclass(frozen=True)
class _Design:
    """Dense indicator matrices of the patterns used by the E-step."""

    y: FloatArray  # (P, ncols) indicator of category k >= 1 of each item
    m: FloatArray | None  # (P, J) observed indicator, None when the data are complete
    freq: FloatArray  # (P,)
    col_item: NDArray[np.intp]
    col_cat: NDArray[np.intp]
    n_cat: NDArray[np.int64]  # (J,)

    @property
    def n_items(self) -> int:
        return int(self.n_cat.size)


def _design(patterns: NDArray[np.int16], freq: FloatArray, n_cat: NDArray[np.int64]) -> _Design:
    keep = (freq > 0) & np.any(patterns >= 0, axis=1)
    pats, f = patterns[keep], freq[keep]
    col_item = np.repeat(np.arange(n_cat.size), n_cat - 1)
    col_cat = np.concatenate([np.arange(1, k) for k in n_cat]).astype(np.intp)
    offsets = np.concatenate([[0], np.cumsum(n_cat - 1)[:-1]])
    y = np.zeros((pats.shape[0], col_item.size))
    for k in range(1, int(n_cat.max())):
        has = np.flatnonzero(n_cat > k)
        y[:, offsets[has] + k - 1] = pats[:, has] == k
    observed = pats >= 0
    m = None if observed.all() else observed.astype(float)
    return _Design(y, m, f, col_item, col_cat, n_cat)


# ---------------------------------------------------------------------------------------------
# Parameter layout
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    n_cat: NDArray[np.int64]
    a_mode: Literal["free", "common", "fixed"]
    c_free: NDArray[np.bool_]
    var_free: bool
    prior: tuple[float, float] | None
    item_models: tuple[str, ...]

    @property
    def n_items(self) -> int:
        return int(self.n_cat.size)

    @property
    def kmax(self) -> int:
        return int(self.n_cat.max())

    @property
    def d_valid(self) -> NDArray[np.bool_]:
        return np.arange(1, self.kmax)[None, :] < self.n_cat[:, None]

    def free_mask(self) -> NDArray[np.bool_]:
        """(J, Kmax + 1) mask over (a, d_1..d_{Kmax-1}, c); common slope is not item-free."""
        mask = np.zeros((self.n_items, self.kmax + 1), dtype=bool)
        mask[:, 0] = self.a_mode == "free"
        mask[:, 1 : self.kmax] = self.d_valid
        mask[:, self.kmax] = self.c_free
        return mask

    def pack(self, a: FloatArray, d: FloatArray, c: FloatArray, var: float) -> FloatArray:
        parts = []
        if self.a_mode == "free":
            parts.append(a)
        parts.append(d[self.d_valid])
        parts.append(c[self.c_free])
        if self.a_mode == "common":
            parts.append(a[:1])
        if self.var_free:
            parts.append(np.array([var]))
        return np.concatenate(parts)

    def unpack(
        self, x: FloatArray, template: tuple[FloatArray, FloatArray, FloatArray, float]
    ) -> tuple[FloatArray, FloatArray, FloatArray, float]:
        a, d, c, var = (template[0].copy(), template[1].copy(), template[2].copy(), template[3])
        pos = 0
        if self.a_mode == "free":
            a = x[pos : pos + self.n_items].copy()
            pos += self.n_items
        nd = int(self.d_valid.sum())
        d[self.d_valid] = x[pos : pos + nd]
        pos += nd
        nc = int(self.c_free.sum())
        c[self.c_free] = x[pos : pos + nc]
        pos += nc
        if self.a_mode == "common":
            a = np.full(self.n_items, x[pos])
            pos += 1
        if self.var_free:
            var = float(x[pos])
        return a, d, c, var

    def labels(self, names: Sequence[str]) -> tuple[str, ...]:
        out: list[str] = []
        if self.a_mode == "free":
            out += [f"{n}.a" for n in names]
        for j, n in enumerate(names):
            out += [f"{n}.d{k}" for k in range(1, int(self.n_cat[j]))]
        out += [f"{names[int(j)]}.c" for j in np.flatnonzero(self.c_free)]
        if self.a_mode == "common":
            out.append("a")
        if self.var_free:
            out.append("theta.var")
        return tuple(out)

    def valid(self, a: FloatArray, d: FloatArray, c: FloatArray, var: float) -> bool:
        if not (np.all(np.isfinite(a)) and np.all(np.isfinite(d[self.d_valid]))):
            return False
        if np.any((c[self.c_free] <= 0) | (c[self.c_free] >= 1)):
            return False
        if not (np.isfinite(var) and var > 1e-8):
            return False
        return _ordered(d, self.d_valid)


def _ordered(d: FloatArray, valid: NDArray[np.bool_]) -> bool:
    if d.shape[1] < 2:
        return True
    both = valid[:, 1:]
    return bool(np.all(np.where(both, d[:, :-1] - d[:, 1:], 1.0) > 1e-8))


# ---------------------------------------------------------------------------------------------
# E-step
# ---------------------------------------------------------------------------------------------


@dataclass
class _Counts:
    r: FloatArray  # (J, Kmax, Q) expected category counts at each node
    n_total: FloatArray  # (Q,) expected number of persons at each node
    loglik: float


def _estep(
    design: _Design,
    a: FloatArray,
    d: FloatArray,
    c: FloatArray,
    nodes: FloatArray,
    log_w: FloatArray,
    *,
    need_counts: bool = True,
) -> _Counts:
    """Posterior expected counts over the quadrature (Bock & Aitkin, 1981) and the log-likelihood.

    ``log L_pq = sum_j [m_pj log P_j0(q) + sum_{k>=1} y_pjk (log P_jk(q) - log P_j0(q))]``, two
    dense matrix products per chunk of patterns; posterior weights are normalised in log space.
    """
    logp = log_category_probs(nodes, a, d, c)  # (Q, J, Kmax)
    logp0 = logp[:, :, 0]  # (Q, J)
    g = (logp[:, design.col_item, design.col_cat] - logp0[:, design.col_item]).T  # (ncols, Q)
    g = np.ascontiguousarray(g)
    n_items, q = design.n_items, nodes.size
    kmax = d.shape[1] + 1
    r_cols = np.zeros((design.y.shape[1], q))
    n_items_q = np.zeros((n_items, q)) if design.m is not None else None
    n_total = np.zeros(q)
    loglik = 0.0
    base = logp0.sum(axis=1) + log_w if design.m is None else log_w
    n_pat = design.y.shape[0]
    for start in range(0, n_pat, _CHUNK):
        stop = min(start + _CHUNK, n_pat)
        yc = design.y[start:stop]
        ll = yc @ g
        if design.m is not None:
            ll += design.m[start:stop] @ logp0.T
        ll += base
        mx = ll.max(axis=1, keepdims=True)
        np.subtract(ll, mx, out=ll)
        np.exp(ll, out=ll)
        tot = ll.sum(axis=1)
        fc = design.freq[start:stop]
        loglik += float(fc @ (np.log(tot) + mx[:, 0]))
        if need_counts:
            ll *= (fc / tot)[:, None]
            r_cols += yc.T @ ll
            n_total += ll.sum(axis=0)
            if n_items_q is not None:
                assert design.m is not None  # n_items_q exists only with a missingness mask
                n_items_q += design.m[start:stop].T @ ll
    r = np.zeros((n_items, kmax, q))
    if need_counts:
        r[design.col_item, design.col_cat] = r_cols
        n_item = n_items_q if n_items_q is not None else np.broadcast_to(n_total, (n_items, q))
        r[:, 0, :] = np.maximum(n_item - r[:, 1:, :].sum(axis=1), 0.0)
    return _Counts(r, n_total, loglik)


# ---------------------------------------------------------------------------------------------
# M-step: vectorised Newton / Fisher scoring over all items
# ---------------------------------------------------------------------------------------------


def _item_terms(
    a: FloatArray,
    d: FloatArray,
    c: FloatArray,
    r: FloatArray,
    nodes: FloatArray,
    spec: _Spec,
    *,
    need_info: bool = True,
) -> tuple[FloatArray, FloatArray, FloatArray | None]:
    """Complete-data log-likelihood (+ log prior), gradient and Fisher information per item.

    Parameters per item are ordered (a, d_1..d_{Kmax-1}, c).  Returns objective ``(J,)``, gradient
    ``(J, Kmax+1)`` and expected information ``(J, Kmax+1, Kmax+1)`` given expected counts ``r``.
    """
    n_items, kmax = spec.n_items, spec.kmax
    valid = spec.d_valid
    logp = np.transpose(log_category_probs(nodes, a, d, c), (1, 2, 0))  # (J, Kmax, Q)
    p = np.exp(logp)
    pos = r > 0
    obj = np.where(pos, r * np.where(pos, logp, 0.0), 0.0).sum(axis=(1, 2))
    z = a[:, None, None] * nodes[None, None, :] + np.where(valid, d, 0.0)[:, :, None]
    s = expit(z)
    v = valid[:, :, None]
    omc = (1.0 - c)[:, None, None]
    wpsi = np.where(v, omc * s * (1.0 - s), 0.0)  # (J, Kmax-1, Q)
    npar = kmax + 1
    dstar = np.zeros((n_items, kmax - 1, npar, nodes.size))
    dstar[:, :, 0, :] = wpsi * nodes[None, None, :]
    idx = np.arange(kmax - 1)
    dstar[:, idx, 1 + idx, :] = wpsi
    dstar[:, 0, kmax, :] = np.where(spec.c_free[:, None], 1.0 - s[:, 0, :], 0.0)
    zero = np.zeros((n_items, 1, npar, nodes.size))
    full = np.concatenate([zero, dstar, zero], axis=1)
    dp = full[:, :-1] - full[:, 1:]  # (J, Kmax, npar, Q)
    safe_p = np.where(p > 1e-300, p, np.inf)
    grad = np.einsum("jkq,jkiq->ji", r / safe_p, dp)
    info = None
    if need_info:
        n_item = r.sum(axis=1)
        info = np.einsum("jkq,jkiq,jklq->jil", n_item[:, None, :] / safe_p, dp, dp)
    if spec.prior is not None and np.any(spec.c_free):
        al, be = spec.prior
        cf = spec.c_free
        cc = np.clip(c[cf], 1e-12, 1 - 1e-12)
        obj[cf] += (al - 1.0) * np.log(cc) + (be - 1.0) * np.log1p(-cc)
        grad[cf, kmax] += (al - 1.0) / cc - (be - 1.0) / (1.0 - cc)
        if info is not None:
            info[cf, kmax, kmax] += (al - 1.0) / cc**2 + (be - 1.0) / (1.0 - cc) ** 2
    return obj, grad, info


def _newton_direction(
    grad: FloatArray, info: FloatArray, free: NDArray[np.bool_], common: bool
) -> tuple[FloatArray, float]:
    """Solve the (block) Newton system; with a common slope via the Schur complement."""
    n_items, npar = grad.shape
    both = free[:, :, None] & free[:, None, :]
    eye = np.eye(npar, dtype=bool)[None]
    mat = np.where(both, info, 0.0) + np.where(eye & ~free[:, :, None], 1.0, 0.0)
    # a tiny ridge keeps nearly flat items (e.g. c at its prior) solvable
    mat = mat + 1e-10 * np.eye(npar)[None]
    gf = np.where(free, grad, 0.0)
    if not common:
        try:
            return np.linalg.solve(mat, gf[..., None])[..., 0], 0.0
        except np.linalg.LinAlgError:
            return np.einsum("jil,jl->ji", np.linalg.pinv(mat), gf), 0.0
    h = np.where(free, info[:, 0, :], 0.0)
    rhs = np.stack([gf, h], axis=-1)
    try:
        sol = np.linalg.solve(mat, rhs)
    except np.linalg.LinAlgError:
        sol = np.linalg.pinv(mat) @ rhs
    ga = grad[:, 0].sum()
    haa = info[:, 0, 0].sum()
    denom = haa - np.sum(h * sol[..., 1])
    delta_a = (ga - np.sum(h * sol[..., 0])) / denom if denom > 0 else 0.0
    return sol[..., 0] - sol[..., 1] * delta_a, float(delta_a)


def _mstep_items(
    a: FloatArray,
    d: FloatArray,
    c: FloatArray,
    r: FloatArray,
    nodes: FloatArray,
    spec: _Spec,
    *,
    max_iter: int = 30,
    tol: float = 1e-9,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Maximise the expected complete-data log posterior of every item (Fisher scoring).

    Guessing parameters are updated on the logit scale (``c = logistic(gamma)``), which keeps them
    inside (0, 1) without step rejection; the maximiser is unchanged by the reparameterisation.
    """
    kmax = spec.kmax
    free = spec.free_mask()
    common = spec.a_mode == "common"
    a, d, c = a.copy(), d.copy(), c.copy()
    obj, grad, info = _item_terms(a, d, c, r, nodes, spec)

    def to_logit_scale(c_now: FloatArray, g: FloatArray, inf: FloatArray) -> None:
        jac = np.where(spec.c_free, c_now * (1.0 - c_now), 1.0)
        g[:, kmax] *= jac
        inf[:, kmax, :] *= jac[:, None]
        inf[:, :, kmax] *= jac[:, None]

    for _ in range(max_iter):
        assert info is not None
        to_logit_scale(c, grad, info)
        step, step_a = _newton_direction(grad, info, free, common)
        big = np.max(np.abs(step), axis=1)
        scale = np.minimum(1.0, 2.0 / np.maximum(big, 1e-300))
        if common:
            scale = np.full_like(scale, min(scale.min(), 2.0 / max(abs(step_a), 1e-300), 1.0))
        t = scale.copy()
        pending = np.ones(spec.n_items, dtype=bool)
        new_a, new_d, new_c = a.copy(), d.copy(), c.copy()
        new_obj = obj.copy()
        for _half in range(40):
            cand_a = a + (t * step[:, 0] if not common else t * step_a)
            cand_d = np.where(spec.d_valid, d + t[:, None] * step[:, 1:kmax], d)
            gamma = logit(np.clip(c, 1e-300, 1.0 - 1e-16)) + t * step[:, kmax]
            cand_c = np.where(spec.c_free, np.clip(expit(gamma), 1e-12, 1.0 - 1e-12), c)
            ok_c = ~spec.c_free | ((cand_c > 0) & (cand_c < 1))
            ordered = np.ones(spec.n_items, dtype=bool)
            if kmax > 2:
                gaps = np.where(spec.d_valid[:, 1:], cand_d[:, :-1] - cand_d[:, 1:], 1.0)
                ordered = np.all(gaps > 1e-8, axis=1)
            ok = ok_c & ordered & np.isfinite(cand_a)
            cand_c = np.where(ok, cand_c, c)
            cand_d = np.where(ok[:, None], cand_d, d)
            cand_a = np.where(ok, cand_a, a)
            cand_obj, _, _ = _item_terms(cand_a, cand_d, cand_c, r, nodes, spec, need_info=False)
            tol_obj = 1e-12 * np.maximum(1.0, np.abs(obj))
            if common:
                accept_all = bool(np.all(ok)) and cand_obj.sum() >= obj.sum() - tol_obj.sum()
                accept = np.full(spec.n_items, accept_all)
            else:
                accept = ok & np.isfinite(cand_obj) & (cand_obj >= obj - tol_obj)
            upd = pending & accept
            new_a[upd], new_d[upd], new_c[upd], new_obj[upd] = (
                cand_a[upd],
                cand_d[upd],
                cand_c[upd],
                cand_obj[upd],
            )
            pending &= ~accept
            if not pending.any():
                break
            t = np.where(pending, t * 0.5, t)
        t = np.where(pending, 0.0, t)
        change = float(np.max(np.abs(t[:, None] * step)))
        if common:
            change = max(change, float(np.max(np.abs(t)) * abs(step_a)))
        a, d, c = new_a, new_d, new_c
        obj, grad, info = _item_terms(a, d, c, r, nodes, spec)
        if change < tol:
            break
    return a, d, c


def _expected_theta2(var: float, nodes: FloatArray) -> float:
    _, w = normal_quadrature(nodes.size, (nodes[0], nodes[-1]), 0.0, var)
    return float(w @ nodes**2)


def _mstep_variance(n_total: FloatArray, nodes: FloatArray, var: float) -> float:
    """Latent variance update: solve ``E_w(s2)[theta^2] = posterior mean of theta^2`` on the grid.

    This is the exact maximiser of ``sum_q n_q log w_q(s2)`` for normalised grid weights.
    """
    target = float(n_total @ nodes**2 / n_total.sum())
    lo, hi = 1e-6, 1e4
    f_lo = _expected_theta2(lo, nodes) - target
    f_hi = _expected_theta2(hi, nodes) - target
    if f_lo >= 0:
        return lo
    if f_hi <= 0:
        return hi
    return float(optimize.brentq(lambda s: _expected_theta2(s, nodes) - target, lo, hi, xtol=1e-14))


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


def _readonly(arr: ArrayLike) -> FloatArray:
    out = np.array(arr, dtype=float, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class CalibrationResult:
    """Marginal maximum-likelihood calibration of a unidimensional IRT model.

    ``items`` holds the estimates (slope ``a``, intercepts ``d`` — NaN-padded for items with fewer
    categories — and guessing ``c``); ``se_a``/``se_d``/``se_c`` are standard errors from the
    observed information (NaN for fixed parameters or when SEs were not requested).  For the
    common-slope 1PL every ``se_a`` entry is the SE of the shared slope.  ``log_likelihood`` is the
    marginal log-likelihood at the estimates (``log_prior`` holds the guessing-prior term of the
    3PL, which is part of the maximised objective but not of the likelihood).
    """

    model: str | tuple[str, ...]
    items: ItemParameters
    se_a: FloatArray
    se_d: FloatArray
    se_c: FloatArray
    latent_variance: float
    se_latent_variance: float
    log_likelihood: float
    log_prior: float
    n_iterations: int
    converged: bool
    max_change: float
    n_persons: float
    n_patterns: int
    n_parameters: int
    param_labels: tuple[str, ...]
    estimates: FloatArray
    vcov: FloatArray | None
    nodes: FloatArray
    weights: FloatArray
    n_free_per_item: NDArray[np.int64]

    @property
    def a(self) -> FloatArray:
        return self.items.a

    @property
    def d(self) -> FloatArray:
        """Intercepts: a vector when all items are dichotomous, else a ``(J, Kmax-1)`` matrix."""
        return self.items.d[:, 0] if self.items.d.shape[1] == 1 else self.items.d

    @property
    def c(self) -> FloatArray:
        return self.items.c

    @property
    def b(self) -> FloatArray:
        return self.items.b

    @property
    def aic(self) -> float:
        return -2.0 * self.log_likelihood + 2.0 * self.n_parameters

    @property
    def bic(self) -> float:
        return -2.0 * self.log_likelihood + np.log(self.n_persons) * self.n_parameters


# ---------------------------------------------------------------------------------------------
# Calibration driver
# ---------------------------------------------------------------------------------------------


def _resolve_models(
    model: str | Sequence[str], n_items: int
) -> tuple[tuple[str, ...], Literal["free", "common", "fixed"], bool]:
    if isinstance(model, str):
        name = model.upper() if model.lower() != "rasch" else "Rasch"
        if name == "Rasch":
            return ("2PL",) * n_items, "fixed", True
        if name == "1PL":
            return ("2PL",) * n_items, "common", False
        if name in _ITEM_MODELS:
            return (name,) * n_items, "free", False
        raise ValueError(f"unknown model {model!r}; use Rasch, 1PL, 2PL, 3PL or GRM")
    names = tuple(str(m).upper() for m in model)
    if len(names) != n_items:
        raise ValueError("a per-item model sequence needs one entry per item")
    bad = sorted(set(names) - set(_ITEM_MODELS))
    if bad:
        raise ValueError(f"per-item models must be 2PL, 3PL or GRM, got {bad}")
    return names, "free", False


def _start_values(
    pats: PatternData, spec: _Spec
) -> tuple[FloatArray, FloatArray, FloatArray, float]:
    """Start values: slopes from item-rest correlations, intercepts from category proportions."""
    codes, f = pats.patterns, pats.freq
    n_items, kmax = spec.n_items, spec.kmax
    obs = codes >= 0
    x = np.where(obs, codes, 0).astype(float)
    c = np.zeros(n_items)
    if spec.prior is not None:
        al, be = spec.prior
        c0 = (al - 1.0) / (al + be - 2.0) if al > 1 and be > 1 else al / (al + be)
    else:
        c0 = 0.1
    c[spec.c_free] = c0
    a = np.ones(n_items)
    if spec.a_mode == "free":
        # slopes from the correlation of each item with the proportion-of-maximum rest score
        maxs = (spec.n_cat - 1)[None, :] * obs
        tot, tmax = x.sum(axis=1), maxs.sum(axis=1)
        rest_max = tmax[:, None] - maxs
        wts = f[:, None] * (obs & (rest_max > 0))
        rest = (tot[:, None] - x) / np.maximum(rest_max, 1)
        sw = np.maximum(wts.sum(axis=0), 1e-300)
        mx = (wts * x).sum(axis=0) / sw
        mr = (wts * rest).sum(axis=0) / sw
        cov = (wts * (x - mx) * (rest - mr)).sum(axis=0) / sw
        sx = np.sqrt((wts * (x - mx) ** 2).sum(axis=0) / sw)
        sr = np.sqrt((wts * (rest - mr) ** 2).sum(axis=0) / sw)
        ok = (sx > 0) & (sr > 0) & (wts.sum(axis=0) > 1)
        rho = np.clip(1.25 * cov / np.where(ok, sx * sr, 1.0), -0.9, 0.9)
        a = np.where(ok, np.clip(1.702 * rho / np.sqrt(1 - rho**2), 0.25, 3.0), 1.0)
    d = np.full((n_items, kmax - 1), np.nan)
    n_obs = np.maximum(f @ obs, 1e-300)
    scale = np.sqrt(1.0 + a**2 / 2.89)
    for k in range(1, kmax):
        p = np.clip((f @ (codes >= k)) / n_obs, 1e-3, 1 - 1e-3)
        p = np.where(spec.c_free, np.clip((p - c) / (1 - c), 0.02, 0.98), p)
        d[:, k - 1] = np.where(spec.d_valid[:, k - 1], logit(p) * scale, np.nan)
    # keep intercepts strictly decreasing
    for k in range(1, kmax - 1):
        fix = spec.d_valid[:, k] & (d[:, k] >= d[:, k - 1] - 1e-3)
        d[fix, k] = d[fix, k - 1] - 0.1
    return a, d, c, 1.0


def _validate_categories(pats: PatternData, spec_models: tuple[str, ...]) -> NDArray[np.int64]:
    codes, f = pats.patterns, pats.freq
    n_items = codes.shape[1]
    n_cat = np.zeros(n_items, dtype=np.int64)
    for j in range(n_items):
        obs = (codes[:, j] >= 0) & (f > 0)
        if not obs.any():
            raise ValueError(f"item {j} has no observed responses")
        counts = np.bincount(codes[obs, j], weights=f[obs])
        if np.any(counts == 0) or counts.size < 2:
            raise ValueError(
                f"item {j} must have every category 0..K-1 observed (found counts {counts.tolist()})"
            )
        n_cat[j] = counts.size
        if spec_models[j] != "GRM" and counts.size != 2:
            raise ValueError(f"item {j}: {spec_models[j]} needs 0/1 responses")
    return n_cat


def calibrate(
    responses: ArrayLike,
    model: ModelName | str | Sequence[str] = "2PL",
    *,
    mask: ArrayLike | None = None,
    freq: ArrayLike | None = None,
    n_quadpts: int = 61,
    theta_range: tuple[float, float] = (-6.0, 6.0),
    tol: float = 1e-4,
    max_cycles: int = 500,
    guessing_prior: tuple[float, float] | None = (5.0, 17.0),
    compute_se: bool = True,
    se_method: Literal["auto", "louis", "numerical"] = "auto",
    accelerate: bool = True,
    on_nonconvergence: Literal["warn", "raise"] = "warn",
    item_names: Sequence[str] | None = None,
) -> CalibrationResult:
    """Calibrate a unidimensional IRT model by Bock–Aitkin EM marginal maximum likelihood.

    Parameters
    ----------
    responses
        Persons x items matrix of category codes ``0..K-1`` (0/1 for dichotomous models); NaN
        marks a response that was not presented (it is excluded from the likelihood).
    model
        ``"Rasch"`` (slopes 1, latent variance estimated), ``"1PL"`` (common slope, variance 1),
        ``"2PL"``, ``"3PL"``, ``"GRM"``, or one of ``"2PL"/"3PL"/"GRM"`` per item.
    mask
        Optional boolean matrix, ``True`` where the item was presented (alternative to NaN).
    freq
        Optional frequency weight per row (e.g. a table of response patterns with counts).
    n_quadpts, theta_range
        Rectangular quadrature (mirt default: 61 points on [-6, 6]).
    tol, max_cycles
        Stop when no free parameter changes by more than ``tol`` in one EM cycle.
    guessing_prior
        ``(alpha, beta)`` of the Beta prior on 3PL guessing parameters (``None``: no prior).
    compute_se
        Compute standard errors from the observed information.
    se_method
        ``"louis"``: closed-form Louis (1982) information (complete-data Rasch/1PL/2PL only; cheap);
        ``"numerical"``: central differences of the exact gradient (any model;
        ``2 * n_parameters`` extra E-steps); ``"auto"`` picks Louis whenever it applies.
    accelerate
        Use SQUAREM extrapolation of the EM map (same fixed point, fewer cycles).
    on_nonconvergence
        ``"warn"`` (return with ``converged=False`` and a :class:`ConvergenceWarning`) or
        ``"raise"`` (:class:`RuntimeError`).

    References
    ----------
    Bock, R. D., & Aitkin, M. (1981). Marginal maximum likelihood estimation of item parameters:
    Application of an EM algorithm. *Psychometrika*, 46, 443–459.
    Samejima, F. (1969). Estimation of latent ability using a response pattern of graded scores.
    *Psychometrika Monograph*, 17.
    Louis, T. A. (1982). Finding the observed information matrix when using the EM algorithm.
    *JRSS B*, 44, 226–233.
    Varadhan, R., & Roland, C. (2008). Simple and globally convergent methods for accelerating the
    convergence of any EM algorithm. *Scandinavian Journal of Statistics*, 35, 335–353.
    """
    pats = collapse_patterns(responses, mask, freq)
    n_items = pats.patterns.shape[1]
    if n_items < 2:
        raise ValueError("at least two items are needed")
    item_models, a_mode, var_free = _resolve_models(model, n_items)
    n_cat = _validate_categories(pats, item_models)
    c_free = np.array([m == "3PL" for m in item_models])
    if guessing_prior is not None:
        al, be = guessing_prior
        if not (al > 0 and be > 0):
            raise ValueError("guessing_prior must have positive shape parameters")
    spec = _Spec(n_cat, a_mode, c_free, var_free, guessing_prior, item_models)
    names = list(item_names) if item_names is not None else [f"item{j + 1}" for j in range(n_items)]
    if len(names) != n_items:
        raise ValueError("item_names must have one entry per item")
    design = _design(pats.patterns, pats.freq, n_cat)
    if design.freq.sum() <= 0:
        raise ValueError("no observed responses")
    nodes, _ = normal_quadrature(n_quadpts, theta_range)

    template = _start_values(pats, spec)
    x0 = spec.pack(*template)

    def em_map(x: FloatArray) -> tuple[FloatArray, float]:
        a, d, c, var = spec.unpack(x, template)
        _, w = normal_quadrature(n_quadpts, theta_range, 0.0, var)
        cnt = _estep(design, a, d, c, nodes, np.log(w))
        a, d, c = _mstep_items(a, d, c, cnt.r, nodes, spec)
        if var_free:
            var = _mstep_variance(cnt.n_total, nodes, var)
        return spec.pack(a, d, c, var), cnt.loglik + _log_prior(c, spec)

    x, n_iter, converged, max_change = _run_em(
        em_map, x0, lambda z: spec.valid(*spec.unpack(z, template)), tol, max_cycles, accelerate
    )
    if not converged:
        msg = (
            f"EM did not converge in {max_cycles} cycles (largest parameter change "
            f"{max_change:.3g} > tol {tol:g}); estimates are provisional"
        )
        if on_nonconvergence == "raise":
            raise RuntimeError(msg)
        warnings.warn(msg, ConvergenceWarning, stacklevel=2)

    a, d, c, var = spec.unpack(x, template)
    _, w = normal_quadrature(n_quadpts, theta_range, 0.0, var)
    final = _estep(design, a, d, c, nodes, np.log(w), need_counts=False)
    labels = spec.labels(names)
    vcov: FloatArray | None = None
    se_vec = np.full(x.size, np.nan)
    if compute_se:
        if se_method == "louis" and not _louis_applicable(spec, design):
            raise ValueError("se_method='louis' needs complete dichotomous data without guessing")
        vcov = _observed_vcov(
            x, spec, template, design, nodes, n_quadpts, theta_range, method=se_method
        )
        if vcov is not None:
            se_vec = np.sqrt(np.where(np.diag(vcov) > 0, np.diag(vcov), np.nan))
    se_a, se_d, se_c, se_var = spec.unpack(
        se_vec,
        (np.full(n_items, np.nan), np.full_like(d, np.nan), np.full(n_items, np.nan), np.nan),
    )
    free = spec.free_mask()
    n_free = free.sum(axis=1) + (1 if a_mode == "common" else 0)
    model_out: str | tuple[str, ...] = model if isinstance(model, str) else item_models
    return CalibrationResult(
        model=model_out,
        items=ItemParameters(a, d, c, names=tuple(names)),
        se_a=_readonly(se_a),
        se_d=_readonly(se_d),
        se_c=_readonly(se_c),
        latent_variance=float(var),
        se_latent_variance=float(se_var),
        log_likelihood=final.loglik,
        log_prior=_log_prior(c, spec),
        n_iterations=n_iter,
        converged=converged,
        max_change=max_change,
        n_persons=float(design.freq.sum()),
        n_patterns=int(design.freq.size),
        n_parameters=int(x.size),
        param_labels=labels,
        estimates=_readonly(x),
        vcov=None if vcov is None else _readonly(vcov),
        nodes=_readonly(nodes),
        weights=_readonly(w),
        n_free_per_item=n_free.astype(np.int64),
    )


def _log_prior(c: FloatArray, spec: _Spec) -> float:
    if spec.prior is None or not np.any(spec.c_free):
        return 0.0
    al, be = spec.prior
    cc = np.clip(c[spec.c_free], 1e-300, 1.0)
    return float(
        np.sum((al - 1.0) * np.log(cc) + (be - 1.0) * np.log1p(-np.minimum(cc, 1 - 1e-16)))
    )


def _run_em(
    em_map: Callable[[FloatArray], tuple[FloatArray, float]],
    x0: FloatArray,
    is_valid: Callable[[FloatArray], bool],
    tol: float,
    max_cycles: int,
    accelerate: bool,
) -> tuple[FloatArray, int, bool, float]:
    """Plain or SQUAREM-accelerated (Varadhan & Roland, 2008, scheme S3) EM iterations.

    Every call of ``em_map`` is one EM cycle.  Convergence is tested on the plain EM step from the
    current point (``max |F(x) - x| < tol``), so it means the same as for unaccelerated EM.
    """
    x = x0
    n_iter = 0
    change = np.inf
    step_max = 1.0
    while n_iter < max_cycles:
        x1, _ = em_map(x)
        n_iter += 1
        change = float(np.max(np.abs(x1 - x)))
        if change < tol:
            return x1, n_iter, True, change
        if not accelerate or n_iter >= max_cycles:
            x = x1
            continue
        x2, ll1 = em_map(x1)
        n_iter += 1
        change = float(np.max(np.abs(x2 - x1)))
        if change < tol:
            return x2, n_iter, True, change
        r = x1 - x
        v = (x2 - x1) - r
        vv = float(v @ v)
        alpha = np.sqrt(float(r @ r) / vv) if vv > 0 else 1.0
        alpha = float(np.clip(alpha, 1.0, step_max))
        if alpha >= step_max:
            step_max *= 4.0
        if alpha <= 1.0 or n_iter >= max_cycles:
            x = x2
            continue
        xp = x + 2.0 * alpha * r + alpha**2 * v
        if not is_valid(xp):
            step_max = max(1.0, step_max / 4.0)
            x = x2
            continue
        x3, llp = em_map(xp)
        n_iter += 1
        if np.isfinite(llp) and llp >= ll1 - 1e-8 * max(1.0, abs(ll1)) and is_valid(x3):
            x = x3
        else:
            step_max = max(1.0, step_max / 4.0)
            x = x2
    return x, n_iter, False, change


def _observed_gradient(
    x: FloatArray,
    spec: _Spec,
    template: tuple[FloatArray, FloatArray, FloatArray, float],
    design: _Design,
    nodes: FloatArray,
    n_quadpts: int,
    theta_range: tuple[float, float],
) -> FloatArray:
    """Exact gradient of the marginal log-likelihood + log prior (Fisher's identity)."""
    a, d, c, var = spec.unpack(x, template)
    _, w = normal_quadrature(n_quadpts, theta_range, 0.0, var)
    cnt = _estep(design, a, d, c, nodes, np.log(w))
    _, g, _ = _item_terms(a, d, c, cnt.r, nodes, spec, need_info=False)
    kmax = spec.kmax
    parts = []
    if spec.a_mode == "free":
        parts.append(g[:, 0])
    parts.append(g[:, 1:kmax][spec.d_valid])
    parts.append(g[:, kmax][spec.c_free])
    if spec.a_mode == "common":
        parts.append(np.array([g[:, 0].sum()]))
    if spec.var_free:
        n = cnt.n_total.sum()
        m2_post = cnt.n_total @ nodes**2 / n
        m2_prior = w @ nodes**2
        parts.append(np.array([n * (m2_post - m2_prior) / (2.0 * var**2)]))
    return np.concatenate(parts)


def _louis_applicable(spec: _Spec, design: _Design) -> bool:
    return design.m is None and bool(np.all(spec.n_cat == 2)) and not np.any(spec.c_free)


def _louis_information_2pl(
    x: FloatArray,
    spec: _Spec,
    template: tuple[FloatArray, FloatArray, FloatArray, float],
    design: _Design,
    nodes: FloatArray,
    n_quadpts: int,
    theta_range: tuple[float, float],
) -> FloatArray:
    """Exact observed information (Louis, 1982) for complete-data Rasch/1PL/2PL calibrations.

    ``I = sum_p f_p (E_p[-d2 l] - Cov_p[s])``.  Because the item scores are
    ``(x_pj - P_j(theta)) * (theta, 1)``, every posterior cross-moment reduces to three weighted
    Gram matrices ``X' diag(f_p E_p[theta^m]) X`` (m = 0, 1, 2) plus node-level sums, so the cost is
    O(P J^2) rather than O(P J^2 Q).  Returned for the free parameters in ``spec.pack`` order.
    """
    a, d, c, var = spec.unpack(x, template)
    n_items = spec.n_items
    _, w = normal_quadrature(n_quadpts, theta_range, 0.0, var)
    log_w = np.log(w)
    logp = log_category_probs(nodes, a, d, c)  # (Q, J, 2)
    g = np.ascontiguousarray((logp[:, :, 1] - logp[:, :, 0]).T)  # (J, Q)
    base = logp[:, :, 0].sum(axis=1) + log_w
    prob = np.exp(logp[:, :, 1]).T  # (J, Q)
    m2_w = float(w @ nodes**2)
    v = (nodes**2 - m2_w) / (2.0 * var**2)  # d log w_q / d var
    powers = np.stack([np.ones_like(nodes), nodes, nodes**2])  # (3, Q)
    gram = np.zeros((3, n_items, n_items))
    r = np.zeros((n_items, nodes.size))
    n_q = np.zeros(nodes.size)
    n_s = 2 * n_items + 1
    t2 = np.zeros((n_s, n_s))
    ptheta = (prob * nodes[None, :]).T  # (Q, J)
    for start in range(0, design.y.shape[0], _CHUNK):
        stop = min(start + _CHUNK, design.y.shape[0])
        y = design.y[start:stop]
        f = design.freq[start:stop]
        ll = y @ g + base
        ll -= ll.max(axis=1, keepdims=True)
        post = np.exp(ll)
        post /= post.sum(axis=1, keepdims=True)
        moments = post @ powers.T  # (n, 3): E_p[theta^m]
        for m in range(3):
            gram[m] += y.T @ (y * (f * moments[:, m])[:, None])
        fpost = post * f[:, None]
        r += y.T @ fpost
        n_q += fpost.sum(axis=0)
        s_hat = np.empty((stop - start, n_s))
        s_hat[:, :n_items] = y * moments[:, 1:2] - post @ ptheta
        s_hat[:, n_items : 2 * n_items] = y - post @ prob.T
        s_hat[:, 2 * n_items] = post @ v
        t2 += s_hat.T @ (s_hat * f[:, None])
    t1 = np.zeros((n_s, n_s))
    blocks = {}
    for m in range(3):
        rm = (r * powers[m][None, :]) @ prob.T
        sm = (prob * (n_q * powers[m])[None, :]) @ prob.T
        blocks[m] = gram[m] - rm - rm.T + sm
    ia, id_ = slice(0, n_items), slice(n_items, 2 * n_items)
    t1[ia, ia] = blocks[2]
    t1[ia, id_] = blocks[1]
    t1[id_, ia] = blocks[1].T
    t1[id_, id_] = blocks[0]
    resid = r - n_q[None, :] * prob  # (J, Q)
    t1[2 * n_items, ia] = t1[ia, 2 * n_items] = resid @ (v * nodes)
    t1[2 * n_items, id_] = t1[id_, 2 * n_items] = resid @ v
    t1[2 * n_items, 2 * n_items] = float(n_q @ v**2)
    pq = prob * (1.0 - prob) * n_q[None, :]
    e_term = np.zeros((n_s, n_s))
    idx = np.arange(n_items)
    e_term[idx, idx] = pq @ nodes**2
    e_term[idx, n_items + idx] = e_term[n_items + idx, idx] = pq @ nodes
    e_term[n_items + idx, n_items + idx] = pq.sum(axis=1)
    n_tot = n_q.sum()
    m2_post = float(n_q @ nodes**2) / n_tot
    var_w2 = float(w @ nodes**4) - m2_w**2
    e_term[2 * n_items, 2 * n_items] = n_tot * (
        m2_post / var**3 + var_w2 / (4.0 * var**4) - m2_w / var**3
    )
    full = e_term - (t1 - t2)
    # Jacobian from the free parameters (spec.pack order) to (a_1..a_J, d_1..d_J, var)
    cols = []
    if spec.a_mode == "free":
        cols.append(np.vstack([np.eye(n_items), np.zeros((n_items + 1, n_items))]))
    cols.append(np.vstack([np.zeros((n_items, n_items)), np.eye(n_items), np.zeros((1, n_items))]))
    if spec.a_mode == "common":
        cols.append(np.concatenate([np.ones(n_items), np.zeros(n_items + 1)])[:, None])
    if spec.var_free:
        e_var = np.zeros((n_s, 1))
        e_var[-1] = 1.0
        cols.append(e_var)
    jac = np.hstack(cols)
    return jac.T @ full @ jac


def _observed_vcov(
    x: FloatArray,
    spec: _Spec,
    template: tuple[FloatArray, FloatArray, FloatArray, float],
    design: _Design,
    nodes: FloatArray,
    n_quadpts: int,
    theta_range: tuple[float, float],
    *,
    method: Literal["auto", "louis", "numerical"] = "auto",
) -> FloatArray | None:
    """Inverse observed information.

    Complete-data Rasch/1PL/2PL fits use the closed-form Louis (1982) information; other models
    (3PL, GRM, incomplete designs) use central differences of the exact analytic gradient.
    """
    use_louis = method == "louis" or (method == "auto" and _louis_applicable(spec, design))
    if use_louis:
        info = _louis_information_2pl(x, spec, template, design, nodes, n_quadpts, theta_range)
        info = 0.5 * (info + info.T)
    else:
        npar = x.size
        hess = np.empty((npar, npar))
        for i in range(npar):
            h = 1e-5 * max(1.0, abs(x[i]))
            xp, xm = x.copy(), x.copy()
            xp[i] += h
            xm[i] -= h
            gp = _observed_gradient(xp, spec, template, design, nodes, n_quadpts, theta_range)
            gm = _observed_gradient(xm, spec, template, design, nodes, n_quadpts, theta_range)
            hess[:, i] = (gp - gm) / (2.0 * h)
        info = -0.5 * (hess + hess.T)
    try:
        chol = np.linalg.cholesky(info)
    except np.linalg.LinAlgError:
        warnings.warn(
            "observed information is not positive definite; standard errors are unavailable",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
    inv_chol = np.linalg.inv(chol)
    return inv_chol.T @ inv_chol


# ---------------------------------------------------------------------------------------------
# Marginal log-likelihood of given parameters
# ---------------------------------------------------------------------------------------------


def marginal_loglik(
    responses: ArrayLike,
    items: ItemParameters,
    *,
    mask: ArrayLike | None = None,
    freq: ArrayLike | None = None,
    latent_variance: float = 1.0,
    n_quadpts: int = 61,
    theta_range: tuple[float, float] = (-6.0, 6.0),
) -> float:
    """Marginal log-likelihood ``sum_p f_p log sum_q w_q prod_j P_j(x_pj | theta_q)``.

    Uses the same rectangular quadrature as :func:`calibrate`, so estimates from different
    programs can be compared on one scale.  Missing responses are skipped.
    """
    pats = collapse_patterns(responses, mask, freq)
    n_cat = items.n_categories
    if pats.patterns.shape[1] != items.n_items:
        raise ValueError("responses and items disagree on the number of items")
    if np.any(pats.patterns >= n_cat[None, :]):
        raise ValueError("a response code exceeds the item's number of categories")
    design = _design(pats.patterns, pats.freq, n_cat)
    nodes, w = normal_quadrature(n_quadpts, theta_range, 0.0, latent_variance)
    d = items.d
    return _estep(design, items.a, d, items.c, nodes, np.log(w), need_counts=False).loglik


# ---------------------------------------------------------------------------------------------
# Item fit: S-X2 (Orlando & Thissen, 2000)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFitResult:
    """S-X2 item-fit statistics with degrees of freedom and p-values (one entry per item).

    ``observed``/``expected`` hold the (collapsed) score-group x category tables used.
    """

    statistic: FloatArray
    df: NDArray[np.int64]
    p_value: FloatArray
    observed: tuple[FloatArray, ...]
    expected: tuple[FloatArray, ...]


def _collapse_rows(
    obs: FloatArray, exp: FloatArray, mincell: float
) -> tuple[FloatArray, FloatArray]:
    """Merge adjacent sum-score groups until no expected cell is in ``(0, mincell)``.

    Follows the row-merging rule of R mirt's S-X2 (empty score groups dropped, groups with a single
    person merged upward, then the first offending group merged with its neighbour having the
    smaller observed total).
    """
    keep = obs.sum(axis=1) > 0
    obs, exp = obs[keep].copy(), exp[keep].copy()
    if obs.shape[0] == 0:
        return obs, exp
    rows_o, rows_e = list(obs), list(exp)
    i = 0
    while i < len(rows_o) - 1:
        if rows_o[i].sum() == 1:
            rows_o[i + 1] = rows_o[i + 1] + rows_o[i]
            rows_e[i + 1] = rows_e[i + 1] + rows_e[i]
            del rows_o[i], rows_e[i]
        else:
            i += 1
    if len(rows_o) > 1 and rows_o[-1].sum() == 1:
        rows_o[-2] = rows_o[-2] + rows_o[-1]
        rows_e[-2] = rows_e[-2] + rows_e[-1]
        del rows_o[-1], rows_e[-1]
    if obs.shape[1] > 2:
        for k in range(len(rows_o)):
            rows_o[k], rows_e[k] = _collapse_categories(rows_o[k], rows_e[k], mincell)
    while len(rows_o) > 1:
        bad = [k for k, e in enumerate(rows_e) if np.any((e < mincell) & (e != 0))]
        if not bad:
            break
        k = bad[0]
        if k == 0:
            pick = 1
        elif k == len(rows_o) - 1:
            pick = k - 1
        else:
            pick = k - 1 if rows_o[k - 1].sum() <= rows_o[k + 1].sum() else k + 1
        rows_o[pick] = rows_o[pick] + rows_o[k]
        rows_e[pick] = rows_e[pick] + rows_e[k]
        del rows_o[k], rows_e[k]
    return np.array(rows_o), np.array(rows_e)


def _collapse_categories(
    obs: FloatArray, exp: FloatArray, mincell: float
) -> tuple[FloatArray, FloatArray]:
    """Within one score group, merge sparse categories of a polytomous item (as R mirt).

    While an expected count is below ``mincell`` and more than two cells remain, the smallest
    cell is merged into its smaller neighbour; merged-away cells become 0 (not counted in df).
    """
    e = [float(v) for v in exp]
    o = [float(v) for v in obs]
    if not any(0 < v < mincell for v in e):
        return obs, exp
    while len(e) > 2:
        m = min(e)
        k = max(i for i, v in enumerate(e) if v == m)
        if k == 0:
            pick = 1
        elif k == len(e) - 1:
            pick = k - 1
        else:
            pick = k - 1 if e[k - 1] <= e[k + 1] else k + 1
        e[pick] += e[k]
        o[pick] += o[k]
        del e[k], o[k]
        if all(v >= mincell for v in e):
            break
    pad = obs.size - len(e)
    return np.array(o + [0.0] * pad), np.array(e + [0.0] * pad)


def s_x2(
    items: ItemParameters | CalibrationResult,
    responses: ArrayLike,
    *,
    mask: ArrayLike | None = None,
    freq: ArrayLike | None = None,
    latent_variance: float | None = None,
    n_estimated: ArrayLike | None = None,
    n_latent_estimated: int | None = None,
    mincell: float = 1.0,
    n_quadpts: int = 61,
    theta_range: tuple[float, float] = (-6.0, 6.0),
) -> ItemFitResult:
    """Orlando & Thissen's (2000) S-X2 item-fit statistic.

    For every item ``i`` and sum score ``s`` (excluding the minimum and maximum), the observed
    category proportions among examinees scoring ``s`` are compared with the model-implied
    ``E_ik(s) = sum_q w_q P_ik(q) S^{(-i)}_{s-k}(q) / sum_q w_q S_s(q)``, where ``S`` are
    Lord–Wingersky (1984) sum-score likelihoods (``S^{(-i)}`` without item ``i``).  Then
    ``S-X2_i = sum_s sum_k (O - E)^2 / E`` with counts, after merging sparse score groups (expected
    cell < ``mincell``), on ``cells - groups - n_estimated_i - n_latent_estimated`` df, as in R mirt.
    Only complete response vectors are used (incomplete ones are dropped with a warning).

    When a :class:`CalibrationResult` is passed, its latent variance and free-parameter counts are
    used.  For polytomous items sparse categories are merged within a score group first (as in
    mirt); mirt's further column-level pruning of very rare categories is not replicated, so
    S-X2 for sparse polytomous tables can differ from mirt's.
    """
    if isinstance(items, CalibrationResult):
        res = items
        items = res.items
        if latent_variance is None:
            latent_variance = res.latent_variance
        if n_estimated is None:
            n_estimated = res.n_free_per_item
        if n_latent_estimated is None:
            n_latent_estimated = 1 if any(lab == "theta.var" for lab in res.param_labels) else 0
    latent_variance = 1.0 if latent_variance is None else float(latent_variance)
    n_latent_estimated = 0 if n_latent_estimated is None else int(n_latent_estimated)
    n_cat = items.n_categories
    n_items = items.n_items
    if n_estimated is None:
        n_est = (n_cat - 1) + 1 + (items.c > 0).astype(np.int64)
    else:
        n_est = np.broadcast_to(np.asarray(n_estimated, dtype=np.int64), (n_items,))
    pats = collapse_patterns(responses, mask, freq)
    codes, f = pats.patterns, pats.freq
    complete = np.all(codes >= 0, axis=1)
    if not complete.all():
        warnings.warn(
            f"S-X2 uses complete response vectors only; {f[~complete].sum():g} persons dropped",
            RuntimeWarning,
            stacklevel=2,
        )
        codes, f = codes[complete], f[complete]
    max_score = int(np.sum(n_cat - 1))
    scores = codes.sum(axis=1)
    nodes, w = normal_quadrature(n_quadpts, theta_range, 0.0, latent_variance)
    probs = items.category_probs(nodes)  # (Q, J, Kmax)
    full = lord_wingersky(probs, n_cat)  # (S+1, Q)
    denom = full @ w  # P(s)
    groups = np.arange(1, max_score)
    n_s = np.bincount(scores, weights=f, minlength=max_score + 1)[groups].astype(np.float64)
    stats = np.full(n_items, np.nan)
    dfs = np.zeros(n_items, dtype=np.int64)
    obs_tables: list[FloatArray] = []
    exp_tables: list[FloatArray] = []
    for i in range(n_items):
        k_i = int(n_cat[i])
        others = np.ones(n_items, dtype=bool)
        others[i] = False
        rest = lord_wingersky(probs[:, others, :], n_cat[others])  # (S_i+1, Q)
        s_rest = rest.shape[0] - 1
        exp_p = np.full((groups.size, k_i), np.nan)
        for k in range(k_i):
            idx = groups - k
            ok = (idx >= 0) & (idx <= s_rest)
            num = (rest[idx[ok]] * probs[:, i, k][None, :]) @ w
            exp_p[ok, k] = num / denom[groups[ok]]
        obs = np.zeros((groups.size, k_i))
        for k in range(k_i):
            sel = codes[:, i] == k
            obs[:, k] = np.bincount(scores[sel], weights=f[sel], minlength=max_score + 1)[groups]
        exp = np.nan_to_num(exp_p * n_s[:, None], nan=0.0)
        o_c, e_c = _collapse_rows(obs, exp, mincell)
        obs_tables.append(_readonly(o_c))
        exp_tables.append(_readonly(e_c))
        if o_c.size == 0:
            continue
        cells = e_c > 0
        stats[i] = float(np.sum((o_c[cells] - e_c[cells]) ** 2 / e_c[cells]))
        dfs[i] = int(cells.sum() - o_c.shape[0] - n_est[i] - n_latent_estimated)
    dfs = np.maximum(dfs, 0)
    stats = np.where(dfs > 0, stats, np.nan)
    with np.errstate(invalid="ignore"):
        pvals = np.where(dfs > 0, chi2.sf(stats, np.maximum(dfs, 1)), np.nan)
    return ItemFitResult(
        statistic=_readonly(stats),
        df=dfs,
        p_value=_readonly(pvals),
        observed=tuple(obs_tables),
        expected=tuple(exp_tables),
    )
