"""Domain profile and readiness from one adaptive practice test (pure library, no Django).

Model: a unidimensional ability ``theta`` (the CAT's EAP) plus one *shrunken domain sub-score*
per content domain. Each domain's ability is estimated by EAP from that domain's responses alone,
with a normal prior centred on the overall EAP, ``N(theta, tau^2 + SE^2)``: a domain with few
responses stays close to the overall ability, one with many moves toward its own evidence. This is
the empirical-Bayes shrinkage behind augmented sub-scores (Kelley, 1927; Wainer, Vevea, Camacho,
Reeve, Rosa, Nelson, Swygert & Thissen, 2001, "Augmented scores", in *Test Scoring*, ch. 9;
Haberman, 2008, J. Educ. Behav. Stat. 33, 204–229: sub-scores add value only when reliable).
Why not a multidimensional IRT model: a practice test gives 2–8 responses per domain, far too few
to estimate a domain covariance matrix per person; the shrinkage makes that lack of evidence
explicit as a wide interval instead of an unstable point estimate.

Readiness: the probability of meeting a pass rule (average >= A and every subject >= S, scores as
expected percent correct on the subject's items) is integrated by Monte Carlo over the domain
posteriors (normal approximations), so it carries the profile's uncertainty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from aicert.psychometrics.irf import prob_3pl

#: Spread of the domain abilities around the overall ability (logits): the prior SD of the
#: shrinkage. 0.5 is a moderate spread typical of correlated sub-domains (r ~ 0.8).
DEFAULT_TAU = 0.5


@dataclass(frozen=True)
class DomainEstimate:
    domain: str
    theta: float
    se: float
    n_items: int
    n_correct: int


def domain_profile(
    *,
    theta: float,
    se: float,
    a: ArrayLike,
    d: ArrayLike,
    c: ArrayLike,
    domains: Sequence[str],
    responses: Sequence[int],
    all_domains: Sequence[str],
    tau: float = DEFAULT_TAU,
) -> list[DomainEstimate]:
    """Shrunken EAP per domain (see the module docstring) for the administered items."""
    a_arr, d_arr, c_arr = (np.asarray(x, dtype=float) for x in (a, d, c))
    resp = np.asarray(responses, dtype=int)
    labels = np.asarray(list(domains), dtype=object)
    grid = np.linspace(-6, 6, 121)
    prior_sd = float(np.sqrt(tau**2 + se**2))
    out = []
    for name in all_domains:
        mask = labels == name
        logpost = stats.norm.logpdf(grid, loc=theta, scale=prior_sd)
        if mask.any():
            p = np.clip(prob_3pl(grid, a_arr[mask], d_arr[mask], c_arr[mask]), 1e-12, 1 - 1e-12)
            r = resp[mask]
            logpost = logpost + (np.log(p) * r + np.log1p(-p) * (1 - r)).sum(axis=1)
        w = np.exp(logpost - logpost.max())
        w /= w.sum()
        mean = float(w @ grid)
        sd = float(np.sqrt(max(float(w @ grid**2) - mean * mean, 0.0)))
        out.append(DomainEstimate(str(name), mean, sd, int(mask.sum()), int(resp[mask].sum())))
    return out


def expected_percent(theta: ArrayLike, a: ArrayLike, d: ArrayLike, c: ArrayLike) -> np.ndarray:
    """Expected percent correct on a set of items at each theta (the true-score scale)."""
    p = prob_3pl(np.atleast_1d(np.asarray(theta, dtype=float)), a, d, c)
    return 100.0 * np.asarray(p).mean(axis=1)


def theta_for_percent(percent: float, a: ArrayLike, d: ArrayLike, c: ArrayLike) -> float:
    """The theta at which the expected percent correct on the items reaches ``percent``."""
    grid = np.linspace(-6, 6, 1201)
    ep = expected_percent(grid, a, d, c)
    idx = int(np.searchsorted(ep, percent))
    return float(grid[min(idx, grid.size - 1)])


@dataclass(frozen=True)
class Readiness:
    probability: float
    #: Monte Carlo standard error of the probability.
    mc_se: float
    #: P(subject score >= subject minimum), per subject.
    subject_probability: dict[str, float]
    expected_scores: dict[str, float]


def readiness(
    *,
    estimates: Mapping[str, tuple[float, float]],
    subjects: Mapping[str, Mapping[str, float]],
    items: Mapping[str, tuple[ArrayLike, ArrayLike, ArrayLike]],
    average_min: float,
    subject_min: float,
    draws: int = 4000,
    rng: np.random.Generator | int | None = 0,
) -> Readiness:
    """P(pass) of a compensatory-plus-floor pass rule, integrated over the domain posteriors.

    ``estimates``: domain -> (theta, se); ``subjects``: subject -> {domain: weight};
    ``items``: domain -> (a, d, c) of the domain's items (defines the percent-correct scale).
    """
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    names = list(estimates)
    mean = np.array([estimates[n][0] for n in names])
    sd = np.array([estimates[n][1] for n in names])
    theta = mean[None, :] + sd[None, :] * gen.standard_normal((draws, len(names)))
    per_domain = {
        n: expected_percent(theta[:, i], *items[n]) for i, n in enumerate(names) if n in items
    }
    scores = {}
    for subject, weights in subjects.items():
        usable = {k: w for k, w in weights.items() if k in per_domain and w > 0}
        total = sum(usable.values())
        if not total:
            continue
        scores[subject] = sum(per_domain[k] * (w / total) for k, w in usable.items())
    if not scores:
        return Readiness(0.0, 0.0, {}, {})
    matrix = np.column_stack(list(scores.values()))
    passed = (matrix.mean(axis=1) >= average_min) & (matrix.min(axis=1) >= subject_min)
    prob = float(passed.mean())
    return Readiness(
        probability=prob,
        mc_se=float(np.sqrt(prob * (1 - prob) / draws)),
        subject_probability={s: float(np.mean(scores[s] >= subject_min)) for s in scores},
        expected_scores={s: float(np.median(scores[s])) for s in scores},
    )
