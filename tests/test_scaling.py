import numpy as np
import pytest
from numpy.testing import assert_allclose

from isingneuron import (
    magnetization,
    power_law_fit,
    weighted_linear_fit,
    weighted_power_law_fit,
)


def test_exact_power_law():
    x = np.logspace(-3, 1, 9)
    fit = power_law_fit(x, 2.5 * x**-0.75)
    assert_allclose([fit.exponent, fit.amplitude], [-0.75, 2.5], rtol=1e-12)
    assert fit.exponent_error < 1e-12


def test_mean_field_beta_is_one_half():
    eps = np.logspace(-9, -5, 9)
    fit = power_law_fit(eps, magnetization(1 - eps))
    assert_allclose(fit.exponent, 0.5, atol=1e-5)
    assert_allclose(fit.amplitude, np.sqrt(3), rtol=1e-4)


def test_noisy_slope_has_error_bar():
    rng = np.random.default_rng(0)
    x = np.logspace(0, 2, 50)
    y = x**1.5 * np.exp(rng.normal(0, 0.05, x.size))
    fit = power_law_fit(x, y)
    assert abs(fit.exponent - 1.5) < 4 * fit.exponent_error
    assert 0 < fit.exponent_error < 0.05


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([1, 2, 3], [1, -2, 3], "y must be"),
        ([0, 2, 3], [1, 2, 3], "x must be"),
        ([1, 2], [1, 2], "at least 3"),
        ([1, 2, 3], [1, 2], "same length"),
    ],
)
def test_rejects_bad_input(x, y, match):
    with pytest.raises(ValueError, match=match):
        power_law_fit(x, y)


# ---------------------------------------------------------------------------
# Weighted fits (data with error bars)
# ---------------------------------------------------------------------------
def test_weighted_linear_fit_matches_numpy_polyfit():
    rng = np.random.default_rng(3)
    x = np.linspace(0.0, 5.0, 12)
    err = rng.uniform(0.05, 0.3, x.size)
    y = 1.7 * x - 0.4 + err * rng.standard_normal(x.size)
    fit = weighted_linear_fit(x, y, err)
    coef, cov = np.polyfit(x, y, 1, w=1 / err, cov="unscaled")
    assert_allclose([fit.slope, fit.intercept], coef, rtol=1e-12)
    assert_allclose([fit.slope_error, fit.intercept_error], np.sqrt(np.diag(cov)), rtol=1e-10)
    resid = (y - np.polyval(coef, x)) / err
    assert fit.chi2 == pytest.approx(resid @ resid, rel=1e-10)
    assert fit.dof == 10 and 0 < fit.p_value < 1


def test_weighted_power_law_fit_error_bars_cover_the_truth():
    # replicas of 2D-Ising-like FSS data: y = A L^(-1/8) with 1 % errors
    rng = np.random.default_rng(7)
    L = np.array([8.0, 16.0, 32.0, 64.0, 128.0])
    err = 0.01 * 1.1 * L**-0.125
    fits = [
        weighted_power_law_fit(L, 1.1 * L**-0.125 + err * rng.standard_normal(L.size), err)
        for _ in range(400)
    ]
    z = np.array([(f.exponent + 0.125) / f.exponent_error for f in fits])
    assert 0.6 < np.mean(np.abs(z) < 1) < 0.76  # ~68 % inside one standard error
    assert abs(np.mean([f.amplitude for f in fits]) - 1.1) < 0.01
    p = np.array([f.p_value for f in fits])
    assert 0.02 < np.mean(p < 0.05) < 0.09  # p-values are uniform


def test_weighted_power_law_fit_exact_data():
    x = np.array([4.0, 8.0, 16.0])
    fit = weighted_power_law_fit(x, 3.0 * x**0.5, [0.1, 0.1, 0.1])
    assert_allclose([fit.exponent, fit.amplitude], [0.5, 3.0], rtol=1e-12)
    assert fit.chi2 < 1e-20 and fit.dof == 1
    two = weighted_power_law_fit([1.0, 2.0], [1.0, 2.0], [0.1, 0.1])
    assert two.dof == 0 and np.isnan(two.p_value)


@pytest.mark.parametrize(
    ("x", "y", "err", "match"),
    [
        ([1, 2, 3], [1, 2, 3], [0.1, 0.0, 0.1], "y_err must be"),
        ([1, 2, 3], [1, np.nan, 3], [0.1, 0.1, 0.1], "y must be finite"),
        ([1, 2, 3], [1, 2], [0.1, 0.1, 0.1], "same length"),
        ([1], [1], [0.1], "at least 2 points"),
        ([2, 2, 2], [1, 2, 3], [0.1, 0.1, 0.1], "2 distinct"),
    ],
)
def test_weighted_fits_reject_bad_input(x, y, err, match):
    with pytest.raises(ValueError, match=match):
        weighted_linear_fit(x, y, err)
    with pytest.raises(ValueError, match=match):
        weighted_power_law_fit(x, y, err)


def test_weighted_power_law_fit_rejects_non_positive():
    with pytest.raises(ValueError, match="y must be"):
        weighted_power_law_fit([1, 2, 3], [1, -2, 3], [0.1, 0.1, 0.1])
    with pytest.raises(ValueError, match="x must be"):
        weighted_power_law_fit([0, 2, 3], [1, 2, 3], [0.1, 0.1, 0.1])
