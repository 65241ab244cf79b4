"""Computerised adaptive testing (CAT) for dichotomous 3PL/2PL/Rasch item banks.

Components (each cites the method it implements):

* Ability: expected a posteriori (EAP) estimate and posterior SD (Bock & Mislevy, 1982) on a fixed
  quadrature, 61 evenly spaced points on [-6, 6] with N(0, 1) prior weights by default.
* Item selection: maximum Fisher information at the current EAP (Lord, 1980; Weiss, 1982), with
  - randomesque exposure control: choose at random among the k most informative eligible items
    (Kingsbury & Zara, 1989);
  - Sympson–Hetter (1985) probabilistic exposure control with per-item parameters K_i, and the
    iterative simulation that calibrates K_i for a target maximum exposure rate r
    (:func:`sympson_hetter_calibrate`);
  - content balancing to a blueprint: the next item comes from the domain whose administered
    share is furthest below its target share (Kingsbury & Zara, 1989).
* Stopping: maximum length, posterior SE threshold (Weiss & Kingsbury, 1984), or classification
  against a cut by the confidence-interval rule (Kingsbury & Weiss, 1983): stop when
  ``theta_hat ± z * SE`` no longer contains the cut.
* Simulation over true abilities reporting bias, RMSE, exposure and length statistics
  (:func:`simulate`).

Items are in the slope-intercept form of :mod:`aicert.psychometrics.irf`:
``P = c + (1 - c) logistic(a theta + d)``. Everything that depends only on the bank (logs of the
response probabilities at the quadrature points, domain masks) is precomputed in
:class:`CatItemBank`; selection is vectorised over the items (no Python loop over items).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats
from scipy.special import expit

from aicert.psychometrics.irf import prob_3pl

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

#: Size of the candidate block sorted at a time by the Sympson–Hetter lottery.
_SH_CHUNK = 32


def eap_quadrature(
    n_points: int = 61, bound: float = 6.0, prior_mean: float = 0.0, prior_sd: float = 1.0
) -> tuple[FloatArray, FloatArray]:
    """Quadrature for EAP: ``n_points`` evenly spaced on ``[-bound, bound]`` with normalised
    N(prior_mean, prior_sd^2) density weights (the mirt default grid)."""
    theta = np.linspace(-bound, bound, n_points)
    w = stats.norm.pdf(theta, loc=prior_mean, scale=prior_sd)
    return theta, w / w.sum()


class CatItemBank:
    """An item bank prepared for CAT: parameters plus precomputed, read-only arrays.

    ``a``, ``d``, ``c`` are slope-intercept 3PL parameters (``c = 0`` for 2PL, ``a = 1`` Rasch);
    ``domains`` holds a content-domain label per item (any hashable, compared as ``str``).
    """

    def __init__(
        self,
        a: ArrayLike,
        d: ArrayLike,
        c: ArrayLike = 0.0,
        domains: Sequence[object] | ArrayLike | None = None,
        *,
        quadrature: tuple[ArrayLike, ArrayLike] | None = None,
    ) -> None:
        self.a = np.ascontiguousarray(np.atleast_1d(np.asarray(a, dtype=float)))
        n = self.a.size
        self.d = np.ascontiguousarray(np.broadcast_to(np.asarray(d, dtype=float), (n,)))
        self.c = np.ascontiguousarray(np.broadcast_to(np.asarray(c, dtype=float), (n,)))
        if np.any(self.a <= 0):
            raise ValueError("slopes must be positive")
        if np.any((self.c < 0) | (self.c >= 1)):
            raise ValueError("c must be in [0, 1)")
        labels = (
            np.full(n, "all", dtype=object)
            if domains is None
            else np.asarray([str(x) for x in np.asarray(domains, dtype=object).ravel()])
        )
        if labels.size != n:
            raise ValueError("domains must have one label per item")
        names, codes = np.unique(labels, return_inverse=True)
        self.domain_names: tuple[str, ...] = tuple(str(x) for x in names)
        self.domain_codes: IntArray = codes.astype(np.int64)
        self.domain_masks: BoolArray = self.domain_codes[None, :] == np.arange(len(names))[:, None]
        # Fisher information pieces: I = a^2 (1 - c) s^2 (1 - s) / (c + (1 - c) s), s = logistic(z).
        self._one_minus_c = 1.0 - self.c
        self._a2_omc = self.a**2 * self._one_minus_c
        self._has_c = bool(np.any(self.c > 0))
        if quadrature is None:
            q, w = eap_quadrature()
        else:
            q = np.asarray(quadrature[0], dtype=float)
            w = np.asarray(quadrature[1], dtype=float)
            w = w / w.sum()
        self.quad_theta: FloatArray = q
        self.log_prior: FloatArray = np.log(w)
        p = np.clip(prob_3pl(q, self.a, self.d, self.c), 1e-300, 1.0 - 1e-16)
        # Stored item-major so that one item's column is contiguous for the EAP update.
        self.log_p: FloatArray = np.ascontiguousarray(np.log(p).T)
        self.log_q: FloatArray = np.ascontiguousarray(np.log1p(-p).T)

    @property
    def n_items(self) -> int:
        """Number of items in the bank."""
        return int(self.a.size)

    def information(self, theta: float) -> FloatArray:
        """Item Fisher information at one theta for every item (Birnbaum, 1968), vectorised.

        Same quantity as :func:`aicert.psychometrics.irf.info_3pl`, simplified to
        ``a^2 (1 - c) s^2 (1 - s) / (c + (1 - c) s)`` with ``s = logistic(a theta + d)``.
        """
        s = expit(self.a * theta + self.d)
        if not self._has_c:
            return self._a2_omc * s * (1.0 - s)
        return self._a2_omc * s * s * (1.0 - s) / (self.c + self._one_minus_c * s)

    def prob(self, theta: ArrayLike) -> FloatArray:
        """P(correct) for each theta (rows) and item (columns)."""
        return prob_3pl(theta, self.a, self.d, self.c)


@dataclass(frozen=True)
class StoppingRule:
    """When a CAT ends. Checked after each response; the first rule met ends the test.

    * ``max_length``: fixed maximum number of items.
    * ``se_threshold``: stop once the posterior SD is at most this (Weiss & Kingsbury, 1984).
    * ``cut``: classification by the confidence-interval rule (Kingsbury & Weiss, 1983): stop once
      ``theta_hat - z SE > cut`` or ``theta_hat + z SE < cut``.
    * ``min_length``: no variable-length rule applies before this many items.
    """

    max_length: int = 30
    min_length: int = 1
    se_threshold: float | None = None
    cut: float | None = None
    z: float = 1.96

    def __post_init__(self) -> None:
        if self.max_length < 1 or self.min_length < 0:
            raise ValueError("max_length must be >= 1 and min_length >= 0")
        if self.se_threshold is not None and self.se_threshold <= 0:
            raise ValueError("se_threshold must be positive")
        if self.z <= 0:
            raise ValueError("z must be positive")

    def reason(self, n_items: int, theta: float, se: float) -> str | None:
        """Name of the rule that ends the test now, or ``None`` to continue."""
        if n_items >= self.max_length:
            return "max_length"
        if n_items < self.min_length:
            return None
        if self.se_threshold is not None and se <= self.se_threshold:
            return "se"
        if self.cut is not None and abs(theta - self.cut) > self.z * se:
            return "classification"
        return None


@dataclass(frozen=True)
class CatConfig:
    """Selection and stopping settings of a CAT.

    ``randomesque`` is k of the randomesque method (1 = plain maximum information);
    ``exposure_k`` the Sympson–Hetter parameters (one per item, in [0, 1]; ``None`` = off);
    ``blueprint`` maps domain label -> target share (normalised to sum 1; ``None`` = off).
    """

    stopping: StoppingRule = field(default_factory=StoppingRule)
    randomesque: int = 1
    exposure_k: FloatArray | None = None
    blueprint: Mapping[str, float] | None = None


def _blueprint_targets(
    bank: CatItemBank, blueprint: Mapping[str, float] | None
) -> FloatArray | None:
    if blueprint is None:
        return None
    unknown = set(map(str, blueprint)) - set(bank.domain_names)
    if unknown:
        raise ValueError(f"blueprint domains not in the bank: {sorted(unknown)}")
    targets = np.array([float(blueprint.get(name, 0.0)) for name in bank.domain_names])
    if np.any(targets < 0) or targets.sum() <= 0:
        raise ValueError("blueprint shares must be non-negative and not all zero")
    return targets / targets.sum()


class CatSession:
    """State of one examinee's adaptive test: administered items, responses and the EAP.

    Use ``item = session.next_item()``, present it, then ``session.record(item, response)``;
    ``session.finished`` tells when a stopping rule is met (``stop_reason`` says which).
    """

    def __init__(
        self,
        bank: CatItemBank,
        config: CatConfig | None = None,
        *,
        rng: np.random.Generator | int | None = None,
        _targets: FloatArray | None = None,
    ) -> None:
        self.bank = bank
        self.config = config or CatConfig()
        self.rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        if self.config.randomesque < 1:
            raise ValueError("randomesque k must be at least 1")
        k = self.config.exposure_k
        self._k: FloatArray | None = None
        if k is not None:
            k_arr = np.asarray(k, dtype=float)
            if k_arr.shape != (bank.n_items,) or np.any((k_arr < 0) | (k_arr > 1)):
                raise ValueError("exposure_k must hold one value in [0, 1] per item")
            self._k = k_arr
        self._targets = (
            _targets if _targets is not None else _blueprint_targets(bank, self.config.blueprint)
        )
        self.administered: list[int] = []
        self.responses: list[int] = []
        #: Items that went through the Sympson–Hetter lottery ("selected"), including rejects.
        self.selected: list[int] = []
        self._not_administered = np.ones(bank.n_items, dtype=bool)
        self._available = np.ones(bank.n_items, dtype=bool)  # minus SH-excluded items
        self._domain_available = bank.domain_masks.sum(axis=1).astype(np.int64)
        self._domain_counts = np.zeros(len(bank.domain_names), dtype=np.int64)
        self._loglik = bank.log_prior.copy()
        self._pending: int | None = None
        self.theta, self.se = self._eap()
        self.stop_reason: str | None = None

    # ---------------------------------------------------------------- estimation
    def _eap(self) -> tuple[float, float]:
        post = np.exp(self._loglik - self._loglik.max())
        post /= post.sum()
        q = self.bank.quad_theta
        mean = float(post @ q)
        var = float(post @ (q * q)) - mean * mean
        return mean, float(np.sqrt(max(var, 0.0)))

    def record(self, item: int, response: int) -> None:
        """Record a 0/1 response to ``item`` and update the EAP and posterior SD."""
        item = int(item)
        if not 0 <= item < self.bank.n_items:
            raise IndexError(f"item {item} is not in the bank")
        if not self._not_administered[item]:
            raise ValueError(f"item {item} was already administered")
        if response not in (0, 1):
            raise ValueError("response must be 0 or 1")
        self._not_administered[item] = False
        if self._available[item]:
            self._available[item] = False
            self._domain_available[self.bank.domain_codes[item]] -= 1
        self._domain_counts[self.bank.domain_codes[item]] += 1
        self.administered.append(item)
        self.responses.append(int(response))
        self._loglik += self.bank.log_p[item] if response else self.bank.log_q[item]
        self.theta, self.se = self._eap()
        self._pending = None
        self.stop_reason = self.config.stopping.reason(len(self.administered), self.theta, self.se)

    @property
    def finished(self) -> bool:
        """Whether a stopping rule has been met (or the bank is exhausted)."""
        return self.stop_reason is not None

    @property
    def domain_counts(self) -> IntArray:
        """Items administered so far per domain, in the order of ``bank.domain_names``."""
        return self._domain_counts.copy()

    def exclude(self, items: Sequence[int]) -> None:
        """Keep ``items`` out of this test (e.g. items the person saw recently); they stay
        selectable only when nothing else is left, as with Sympson–Hetter rejects."""
        arr = np.unique(np.asarray(list(items), dtype=np.int64))
        arr = arr[(arr >= 0) & (arr < self.bank.n_items)]
        self._exclude(arr[self._available[arr]])

    # ---------------------------------------------------------------- selection
    def _exclude(self, items: IntArray) -> None:
        if items.size:
            self._available[items] = False
            np.subtract.at(self._domain_available, self.bank.domain_codes[items], 1)

    def _choose_domain(self) -> int | None:
        """Kingsbury & Zara (1989): the domain whose share is furthest below its target."""
        targets = self._targets
        if targets is None:
            return None
        n = len(self.administered)
        deficit = targets - (self._domain_counts / n if n else 0.0)
        deficit = np.where(self._domain_available > 0, deficit, -np.inf)
        # Ties: the larger target wins, then the first domain.
        order = np.lexsort((-targets, -deficit))
        best = int(order[0])
        return best if np.isfinite(deficit[best]) else None

    def next_item(self) -> int | None:
        """Index of the next item to administer, or ``None`` when the test is over.

        Maximum Fisher information at the current EAP among eligible items (not administered, not
        excluded by Sympson–Hetter, and in the blueprint domain chosen by Kingsbury–Zara content
        balancing). With randomesque k the k most informative eligible items are taken in random
        order. With Sympson–Hetter, each candidate, in that order and then by decreasing
        information, is administered with probability K_i; a candidate that loses the lottery is
        excluded for the rest of this examinee's test (Sympson & Hetter, 1985). If the lottery
        exhausts the eligible items, the exclusions are ignored so the test can complete.
        Calling again before :meth:`record` returns the same item.
        """
        if self._pending is not None:
            return self._pending
        if self.finished:
            return None
        info = self.bank.information(self.theta)
        k_rand = self.config.randomesque
        while True:
            domain = self._choose_domain()
            mask = (
                self._available
                if domain is None
                else self._available & self.bank.domain_masks[domain]
            )
            n_cand = int(np.count_nonzero(mask))
            if n_cand == 0:
                break
            scores = np.where(mask, info, -np.inf)
            if self._k is None:
                if k_rand == 1:
                    item = int(np.argmax(scores))
                else:
                    kk = min(k_rand, n_cand)
                    top = np.argpartition(scores, -kk)[-kk:]
                    item = int(top[self.rng.integers(kk)])
                self.selected.append(item)
                self._pending = item
                return item
            first = True
            while n_cand > 0:
                m = min(_SH_CHUNK + k_rand, n_cand)
                top = (
                    np.argpartition(scores, -m)[-m:]
                    if m < n_cand
                    else np.flatnonzero(scores > -np.inf)
                )
                top = top[np.argsort(-scores[top], kind="stable")]
                if first and k_rand > 1:
                    kk = min(k_rand, m)
                    top[:kk] = self.rng.permutation(top[:kk])
                first = False
                accepted = self.rng.random(m) < self._k[top]
                pos = int(np.argmax(accepted))
                if accepted[pos]:
                    item = int(top[pos])
                    self.selected.extend(top[: pos + 1].tolist())
                    self._exclude(top[:pos])
                    self._pending = item
                    return item
                self.selected.extend(top.tolist())
                self._exclude(top)
                scores[top] = -np.inf
                n_cand -= m
            if domain is None:
                break
        # Every eligible item was excluded by the lottery (or the domains are empty): fall back to
        # the not-administered items, ignoring Sympson–Hetter exclusions.
        scores = np.where(self._not_administered, info, -np.inf)
        if not np.isfinite(scores).any():
            self.stop_reason = "exhausted"
            return None
        if self._targets is not None:
            n = len(self.administered)
            deficit = self._targets - (self._domain_counts / n if n else 0.0)
            has = (self.bank.domain_masks & self._not_administered).any(axis=1)
            domain = int(np.argmax(np.where(has, deficit, -np.inf)))
            scores = np.where(self.bank.domain_masks[domain], scores, -np.inf)
        item = int(np.argmax(scores))
        self._pending = item
        return item


# -------------------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class SimulationResult:
    """Outcome of a CAT simulation over ``true_theta``."""

    true_theta: FloatArray
    theta_hat: FloatArray
    se: FloatArray
    lengths: IntArray
    stop_reasons: tuple[str, ...]
    bias: float
    rmse: float
    #: Administrations per item / number of examinees.
    exposure_rates: FloatArray
    max_exposure: float
    #: Share of bank items never administered.
    unused_share: float
    #: Times each item went through the SH lottery / number of examinees (P(S_i)).
    selection_rates: FloatArray
    mean_length: float
    min_length: int
    max_length: int
    #: Share of examinees on the correct side of ``cut`` (None without a cut).
    classification_accuracy: float | None
    #: Items administered per examinee per domain (examinees x domains).
    domain_counts: IntArray


def simulate(
    bank: CatItemBank,
    true_theta: ArrayLike,
    config: CatConfig | None = None,
    *,
    rng: np.random.Generator | int | None = None,
    cut: float | None = None,
) -> SimulationResult:
    """Monte Carlo CAT simulation (the standard design of, e.g., Weiss, 1982; Chang, 2015).

    For each true ability a :class:`CatSession` runs to its stopping rule with responses drawn
    from the bank's 3PL probabilities at the true theta. Reports bias ``mean(theta_hat - theta)``,
    RMSE, per-item exposure rates (administrations / examinees), the maximum exposure, the share
    of unused items, test length mean/min/max and, when a cut is given (``cut`` or the stopping
    rule's), classification accuracy ``mean((theta_hat >= cut) == (theta >= cut))``.
    """
    cfg = config or CatConfig()
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    thetas = np.atleast_1d(np.asarray(true_theta, dtype=float))
    n = thetas.size
    targets = _blueprint_targets(bank, cfg.blueprint)
    est, ses = np.empty(n), np.empty(n)
    lengths = np.empty(n, dtype=np.int64)
    reasons: list[str] = []
    admin_counts = np.zeros(bank.n_items, dtype=np.int64)
    select_counts = np.zeros(bank.n_items, dtype=np.int64)
    domain_counts = np.zeros((n, len(bank.domain_names)), dtype=np.int64)
    for i, theta in enumerate(thetas):
        session = CatSession(bank, cfg, rng=gen, _targets=targets)
        # Pre-draw uniforms so that a response only costs one comparison.
        uniforms = gen.random(cfg.stopping.max_length)
        while not session.finished:
            item = session.next_item()
            if item is None:
                break
            p = float(prob_3pl(theta, bank.a[item], bank.d[item], bank.c[item])[0, 0])
            session.record(item, int(uniforms[len(session.administered)] < p))
        est[i], ses[i] = session.theta, session.se
        lengths[i] = len(session.administered)
        reasons.append(session.stop_reason or "exhausted")
        np.add.at(admin_counts, np.asarray(session.administered, dtype=np.int64), 1)
        np.add.at(select_counts, np.asarray(session.selected, dtype=np.int64), 1)
        domain_counts[i] = session.domain_counts
    exposure = admin_counts / n
    the_cut = cut if cut is not None else cfg.stopping.cut
    accuracy = None
    if the_cut is not None:
        accuracy = float(np.mean((est >= the_cut) == (thetas >= the_cut)))
    err = est - thetas
    return SimulationResult(
        true_theta=thetas,
        theta_hat=est,
        se=ses,
        lengths=lengths,
        stop_reasons=tuple(reasons),
        bias=float(err.mean()),
        rmse=float(np.sqrt(np.mean(err**2))),
        exposure_rates=exposure,
        max_exposure=float(exposure.max()),
        unused_share=float(np.mean(admin_counts == 0)),
        selection_rates=select_counts / n,
        mean_length=float(lengths.mean()),
        min_length=int(lengths.min()),
        max_length=int(lengths.max()),
        classification_accuracy=accuracy,
        domain_counts=domain_counts,
    )


@dataclass(frozen=True)
class SympsonHetterResult:
    """Calibrated Sympson–Hetter exposure-control parameters."""

    k: FloatArray
    #: Maximum exposure rate observed in each simulation round (with the K of that round).
    max_exposure_history: tuple[float, ...]
    #: Exposure rates of the last simulation round.
    exposure_rates: FloatArray
    converged: bool


def sympson_hetter_calibrate(
    bank: CatItemBank,
    config: CatConfig,
    target_rate: float,
    *,
    n_simulees: int = 1000,
    max_iterations: int = 20,
    tolerance: float | None = None,
    rng: np.random.Generator | int | None = None,
    thetas: ArrayLike | None = None,
) -> SympsonHetterResult:
    """Iterative computation of Sympson–Hetter (1985) exposure-control parameters K_i.

    Start with ``K_i = 1``. Each round simulates the CAT (``config``, with the current K) for
    ``n_simulees`` abilities drawn from N(0, 1) (or the fixed ``thetas``), estimates the
    selection rate ``P(S_i)`` (share of examinees for whom item i went through the lottery) and
    sets ``K_i = r / P(S_i)`` if ``P(S_i) > r``, else ``K_i = 1`` (so that
    ``P(A_i) = P(S_i) K_i <= r``). Stops when the maximum exposure rate of a round is at most
    ``r + tolerance``, returning the K used in that round; otherwise, after ``max_iterations``
    rounds, returns the last update with ``converged=False``. The default ``tolerance`` is three
    binomial standard errors of an exposure rate, ``3 sqrt(r (1 - r) / n_simulees)``, since the
    simulated maximum exposure is itself noisy.
    """
    if not 0.0 < target_rate <= 1.0:
        raise ValueError("target_rate must be in (0, 1]")
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    n_sim = n_simulees if thetas is None else int(np.size(thetas))
    tol = (
        3.0 * float(np.sqrt(target_rate * (1.0 - target_rate) / n_sim))
        if tolerance is None
        else tolerance
    )
    k = np.ones(bank.n_items)
    history: list[float] = []
    exposure = np.zeros(bank.n_items)
    fixed = None if thetas is None else np.asarray(thetas, dtype=float)
    for _ in range(max_iterations):
        sample = fixed if fixed is not None else gen.standard_normal(n_simulees)
        cfg = CatConfig(
            stopping=config.stopping,
            randomesque=config.randomesque,
            exposure_k=k,
            blueprint=config.blueprint,
        )
        result = simulate(bank, sample, cfg, rng=gen)
        history.append(result.max_exposure)
        exposure = result.exposure_rates
        if result.max_exposure <= target_rate + tol:
            return SympsonHetterResult(k, tuple(history), exposure, True)
        p_sel = result.selection_rates
        with np.errstate(divide="ignore", invalid="ignore"):
            k = np.where(p_sel > target_rate, target_rate / p_sel, 1.0)
    return SympsonHetterResult(k, tuple(history), exposure, False)
