import numpy as np
import pytest
from numpy.testing import assert_allclose

from isingneuron import magnetization, power_law_fit


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
