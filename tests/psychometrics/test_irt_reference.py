"""External validation of aicert.psychometrics.irt/ability against published R mirt results.

Reference numbers and tolerances: ``tests/psychometrics/reference/README.md`` (LSAT7 and the
Science attitude data, mirt defaults: Bock-Aitkin EM, 61 points on [-6, 6], tol 1e-4).
"""

from __future__ import annotations

import numpy as np
import pytest

from aicert.psychometrics import ability, irt
from tests.psychometrics.reference import reference_file


def _load(name: str) -> np.ndarray:
    """The reference file's numbers; a missing file raises (the data are in the test tree)."""
    return np.genfromtxt(reference_file(name), delimiter=",", skip_header=1)


@pytest.fixture(scope="module")
def lsat7() -> tuple[np.ndarray, np.ndarray]:
    raw = _load("lsat7_patterns.csv")
    return raw[:, :5], raw[:, 5]


@pytest.fixture(scope="module")
def fit2pl(lsat7: tuple[np.ndarray, np.ndarray]) -> irt.CalibrationResult:
    x, f = lsat7
    return irt.calibrate(x, "2PL", freq=f)


@pytest.fixture(scope="module")
def science() -> np.ndarray:
    return _load("science_grm.csv") - 1.0  # categories 1..4 -> 0..3


def test_lsat7_data_summary(lsat7: tuple[np.ndarray, np.ndarray]) -> None:
    x, f = lsat7
    assert f.sum() == 1000
    np.testing.assert_allclose(f @ x / 1000, [0.828, 0.658, 0.772, 0.606, 0.843])
    counts = np.bincount(x.sum(axis=1).astype(int), weights=f)
    np.testing.assert_array_equal(counts, [12, 40, 114, 205, 321, 308])


def test_lsat7_2pl_matches_mirt(fit2pl: irt.CalibrationResult) -> None:
    assert fit2pl.converged
    np.testing.assert_allclose(fit2pl.a, [0.988, 1.081, 1.706, 0.7651, 0.7358], atol=1e-2)
    np.testing.assert_allclose(fit2pl.d, [1.8561, 0.808, 1.8043, 0.486, 1.8545], atol=1e-2)
    np.testing.assert_allclose(fit2pl.b, [-1.8793, -0.7475, -1.0572, -0.6353, -2.5208], atol=1e-2)
    assert fit2pl.log_likelihood == pytest.approx(-2658.805, abs=1e-3)
    assert fit2pl.n_patterns == 32
    assert fit2pl.n_parameters == 10
    assert np.all(np.isfinite(fit2pl.se_a)) and np.all(fit2pl.se_a > 0)


def test_lsat7_expanded_rows_equal_frequency_weights(
    lsat7: tuple[np.ndarray, np.ndarray], fit2pl: irt.CalibrationResult
) -> None:
    x, f = lsat7
    rows = np.repeat(x, f.astype(int), axis=0)
    fit = irt.calibrate(rows, "2PL")
    assert fit.n_patterns == 32
    np.testing.assert_allclose(fit.a, fit2pl.a, atol=1e-10)
    np.testing.assert_allclose(fit.se_d, fit2pl.se_d, atol=1e-10)
    assert fit.log_likelihood == pytest.approx(fit2pl.log_likelihood, abs=1e-8)


def test_lsat7_rasch_matches_mirt(lsat7: tuple[np.ndarray, np.ndarray]) -> None:
    x, f = lsat7
    fit = irt.calibrate(x, "Rasch", freq=f)
    assert fit.converged
    np.testing.assert_array_equal(fit.a, np.ones(5))
    np.testing.assert_allclose(
        fit.d, [1.8680155, 0.7908857, 1.4607798, 0.5214175, 1.9927099], atol=1e-2
    )
    assert fit.se_d[0, 0] == pytest.approx(0.100416, abs=2e-3)
    assert fit.log_likelihood == pytest.approx(-2664.90, abs=1e-2)
    assert fit.latent_variance == pytest.approx(1.023, abs=5e-3)
    assert np.isfinite(fit.se_latent_variance) and fit.se_latent_variance > 0
    assert fit.param_labels[-1] == "theta.var"


def test_lsat7_equal_slope_1pl(lsat7: tuple[np.ndarray, np.ndarray]) -> None:
    x, f = lsat7
    fit = irt.calibrate(x, "1PL", freq=f)
    rasch = irt.calibrate(x, "Rasch", freq=f)
    assert fit.latent_variance == 1.0
    np.testing.assert_allclose(fit.a, 1.011, atol=1e-2)
    assert np.ptp(fit.a) == 0.0
    # the two parameterisations are the same model: a^2 = latent variance
    assert fit.a[0] ** 2 == pytest.approx(rasch.latent_variance, abs=1e-3)
    assert fit.log_likelihood == pytest.approx(rasch.log_likelihood, abs=1e-3)


@pytest.mark.parametrize("model", ["2PL", "Rasch", "1PL"])
def test_closed_form_louis_information_equals_numerical_hessian(
    lsat7: tuple[np.ndarray, np.ndarray], model: str
) -> None:
    x, f = lsat7
    louis = irt.calibrate(x, model, freq=f, se_method="louis")
    numeric = irt.calibrate(x, model, freq=f, se_method="numerical")
    assert louis.vcov is not None and numeric.vcov is not None
    np.testing.assert_allclose(louis.vcov, numeric.vcov, rtol=1e-5, atol=1e-9)


def test_lsat7_sum_score_eap_table(fit2pl: irt.CalibrationResult) -> None:
    table = ability.sum_score_table(fit2pl, n_persons=1000)
    np.testing.assert_array_equal(table.score, np.arange(6))
    np.testing.assert_allclose(
        table.eap, [-1.86979, -1.431861, -0.9488463, -0.4131963, 0.1517289, 0.7271877], atol=1e-3
    )
    np.testing.assert_allclose(
        table.sd, [0.6927032, 0.6838697, 0.6942298, 0.7210951, 0.758772, 0.8009335], atol=1e-3
    )
    np.testing.assert_allclose(
        table.expected_count,
        [10.08994, 44.65882, 109.773, 207.7391, 319.1854, 308.5536],
        rtol=1e-3,
        atol=0.02,
    )
    assert table.probability.sum() == pytest.approx(1.0, abs=1e-12)


def test_lsat7_reliability(
    lsat7: tuple[np.ndarray, np.ndarray], fit2pl: irt.CalibrationResult
) -> None:
    x, f = lsat7
    table = ability.sum_score_table(fit2pl, n_persons=1000)
    # mirt's reported rxx for these data is the empirical reliability of the sum-score EAPs
    rxx = ability.sum_score_reliability(table, x.sum(axis=1), freq=f)
    assert rxx == pytest.approx(0.4319948, abs=1e-3)
    # marginal_rxx (integral of I/(I+1) over N(0,1)) is a different, model-only quantity
    nodes = np.linspace(-8, 8, 4001)
    info = ability.test_information(nodes, fit2pl)
    dens = np.exp(-0.5 * nodes**2) / np.sqrt(2 * np.pi)
    expected = np.trapezoid(info / (info + 1) * dens, nodes)
    assert ability.marginal_reliability(fit2pl) == pytest.approx(expected, abs=1e-6)
    assert 0.40 < ability.marginal_reliability(fit2pl) < 0.47


def test_lsat7_s_x2(lsat7: tuple[np.ndarray, np.ndarray], fit2pl: irt.CalibrationResult) -> None:
    x, f = lsat7
    fit = irt.s_x2(fit2pl, x, freq=f)
    np.testing.assert_array_equal(fit.df, [2, 2, 2, 2, 2])
    np.testing.assert_allclose(
        fit.statistic, [4.749440, 14.451071, 1.270381, 5.237400, 0.941125], rtol=1e-2
    )
    assert np.all((fit.p_value > 0) & (fit.p_value < 1))
    assert fit.p_value[1] < 0.001  # item 2 misfits, as in mirt


def test_science_grm_matches_mirt(science: np.ndarray) -> None:
    fit = irt.calibrate(science, "GRM")
    assert fit.converged
    np.testing.assert_allclose(fit.a, [1.041, 1.226, 2.296, 1.095], atol=1e-2)
    np.testing.assert_allclose(
        fit.d,
        [
            [4.864, 2.64, -1.466],
            [2.924, 0.901, -2.266],
            [5.238, 2.216, -1.965],
            [3.348, 0.992, -1.688],
        ],
        atol=1e-2,
    )
    assert fit.log_likelihood == pytest.approx(-1608.87, abs=1e-2)
    assert np.all(np.isfinite(fit.se_d)) and np.all(fit.se_d > 0)
    # scoring a graded bank: the sum-score table is monotone over scores 0..12
    table = ability.sum_score_table(fit)
    assert table.score[-1] == 12
    assert np.all(np.diff(table.eap) > 0)


def test_lsat7_3pl_smoke(
    lsat7: tuple[np.ndarray, np.ndarray], fit2pl: irt.CalibrationResult
) -> None:
    x, f = lsat7
    fit = irt.calibrate(x, "3PL", freq=f, guessing_prior=(5.0, 17.0))
    assert fit.converged
    assert np.all((fit.c > 0.02) & (fit.c < 0.5))
    assert np.all(np.isfinite(fit.se_c))
    assert fit.log_prior < 0
    # weakly identified: the likelihood barely moves away from the 2PL optimum
    assert abs(fit.log_likelihood - fit2pl.log_likelihood) < 2.0


def test_lsat7_3pl_without_prior_nests_the_2pl(
    lsat7: tuple[np.ndarray, np.ndarray], fit2pl: irt.CalibrationResult
) -> None:
    x, f = lsat7
    fit = irt.calibrate(x, "3PL", freq=f, guessing_prior=None, compute_se=False)
    assert fit.converged
    assert fit.log_prior == 0.0
    assert np.all((fit.c >= 0) & (fit.c < 0.5))
    assert fit.log_likelihood >= fit2pl.log_likelihood - 1e-3
