"""Tests of isingneuron.approximation: random-feature networks and the Leshno et al. theorem."""

import numpy as np
import pytest
from numpy.polynomial import polynomial as P
from numpy.testing import assert_allclose

from isingneuron import logistic, relu
from isingneuron.approximation import (
    ConvergenceRate,
    FitResult,
    best_polynomial_error,
    convergence_rates,
    depth_sweep,
    monomial,
    plateau_deviation,
    random_feature_fit,
    width_sweep,
)


def target(x):
    return np.sin(3 * x) + 0.5 * np.tanh(20 * (x - 0.3))


def _polyfit_rmse(x_train, degree, x_test, f=target):
    # independent truth: monomial-basis least squares (numpy.polynomial.polynomial.polyfit)
    c = P.polyfit(x_train, f(x_train), degree)
    return np.sqrt(np.mean((P.polyval(x_test, c) - f(x_test)) ** 2))


X_TEST = np.linspace(-1.0, 1.0, 801)


# ---------------------------------------------------------------- the polynomial plateau


@pytest.mark.parametrize("degree", [1, 2, 3, 5])
def test_polynomial_network_equals_best_polynomial(degree):
    x = np.random.default_rng(3).uniform(-1.0, 1.0, 300)
    for width in (degree + 1, 20, 100):
        fit = random_feature_fit(x, target(x), monomial(degree), width, rng=width)
        err = np.sqrt(np.mean((fit.predict(X_TEST) - target(X_TEST)) ** 2))
        assert fit.rank == degree + 1  # the span: polynomials of degree <= k
        assert_allclose(err, _polyfit_rmse(x, degree, X_TEST), rtol=1e-7)
        assert_allclose(err, best_polynomial_error(target, degree, x, X_TEST), rtol=1e-7)


def test_width_sweep_polynomial_plateau_equals_polyfit_error():
    acts = {"x^2": monomial(2), "x^3": monomial(3), "logistic": logistic}
    sw = width_sweep(
        target,
        acts,
        [4, 16, 64],
        n_seeds=3,
        n_train=256,
        n_test=401,
        reference_degrees=(2, 3),
        rng=11,
    )
    assert sw.errors.shape == (3, 3, 3) and sw.reference_errors.shape == (2, 3)
    for i, k in enumerate((2, 3)):
        ref = [_polyfit_rmse(xs, k, sw.x_test) for xs in sw.x_train]
        assert_allclose(sw.reference_errors[i], ref, rtol=1e-9)
        for iw in range(3):  # every width >= k + 1: on the plateau
            assert_allclose(sw.errors[i, iw], ref, rtol=1e-6)
    assert np.all(sw.errors[2, -1] < 0.5 * sw.reference_errors[1])  # the sigmoid goes below
    assert plateau_deviation(sw, "x^2", 2) < 1e-6 and plateau_deviation(sw, "x^3", 3) < 1e-6
    assert plateau_deviation(sw, "logistic", 3) > 0.5  # not a polynomial: far off the plateau
    with pytest.raises(ValueError, match="degree must be one of"):
        plateau_deviation(sw, "x^2", 4)
    with pytest.raises(ValueError, match="name must be one of"):
        plateau_deviation(sw, "ReLU", 2)
    assert_allclose(sw.mean, sw.errors.mean(axis=-1))
    assert_allclose(sw.std, sw.errors.std(axis=-1, ddof=1))
    assert sw.names == ("x^2", "x^3", "logistic") and sw.depth == 1


def test_narrow_polynomial_network_is_above_the_plateau():
    x = np.random.default_rng(0).uniform(-1.0, 1.0, 200)
    fit = random_feature_fit(x, target(x), monomial(3), 2, rng=0)
    err = np.sqrt(np.mean((fit.predict(X_TEST) - target(X_TEST)) ** 2))
    assert fit.rank == 3  # two cubics and a constant
    assert err > _polyfit_rmse(x, 3, X_TEST) * (1 + 1e-3)


# ---------------------------------------------------------------- least squares


def test_least_squares_matches_numpy_lstsq_on_a_tiny_case():
    x = np.array([-0.9, -0.4, 0.0, 0.3, 0.7, 1.0])
    y = np.array([0.3, -0.1, 0.4, 1.2, 0.8, -0.5])
    fit = random_feature_fit(x, y, logistic, 3, ridge=0.0, rng=5)
    A = fit.features(x)
    assert A.shape == (6, 4)
    c_ref, *_ = np.linalg.lstsq(A, y, rcond=None)
    assert_allclose(np.append(fit.coef, fit.intercept), c_ref, atol=1e-10)
    assert_allclose(fit.train_rmse, np.sqrt(np.mean((A @ c_ref - y) ** 2)), atol=1e-12)
    assert fit.rank == 4


def test_ridge_matches_the_normal_equations():
    x = np.linspace(-1.0, 1.0, 40)
    y = np.cos(4 * x)
    ridge = 1e-3
    fit = random_feature_fit(x, y, relu, 12, ridge=ridge, rng=2)
    A = fit.features(x)
    lam = ridge * np.linalg.norm(A, 2) ** 2
    c_ref = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y)
    assert_allclose(np.append(fit.coef, fit.intercept), c_ref, rtol=1e-8, atol=1e-10)


def test_rank_deficient_lstsq_gives_the_minimum_norm_solution():
    x = np.linspace(-1.0, 1.0, 30)
    y = x**2
    fit = random_feature_fit(x, y, monomial(2), 10, ridge=0.0, rng=1)
    A = fit.features(x)
    c_ref, _, rank, _ = np.linalg.lstsq(A, y, rcond=None)
    assert rank == fit.rank == 3
    assert_allclose(np.append(fit.coef, fit.intercept), c_ref, atol=1e-9)


def test_units_are_normalised_and_switch_inside_the_data():
    x = np.random.default_rng(1).uniform(-2.0, 3.0, 500)
    fit = random_feature_fit(x, np.sin(x), logistic, 50, rng=4)
    H = fit.features(x)[:, :-1]
    assert_allclose(np.sqrt(np.mean(H**2, axis=0)), 1.0, rtol=1e-12)
    centres = -fit.biases[0] / fit.weights[0][0]
    assert np.all((centres >= x.min() - 1e-12) & (centres <= x.max() + 1e-12))


def test_multidimensional_inputs():
    rng = np.random.default_rng(8)
    X = rng.uniform(-1.0, 1.0, (200, 2))
    y = 1.0 + X[:, 0] - 2.0 * X[:, 1] + 0.5 * X[:, 0] * X[:, 1] + X[:, 1] ** 2
    fit = random_feature_fit(X, y, monomial(2), 12, rng=3)
    assert fit.rank == 6  # dimension of quadratics in two variables
    assert fit.train_rmse < 1e-10
    assert_allclose(fit.predict(X[:5]), y[:5], atol=1e-9)
    with pytest.raises(ValueError, match="input dimension"):
        fit.predict(np.zeros((3, 3)))


def test_fit_is_reproducible_and_depth_builds_layers():
    x = np.linspace(-1.0, 1.0, 64)
    a = random_feature_fit(x, np.abs(x), relu, 16, depth=3, rng=9)
    b = random_feature_fit(x, np.abs(x), relu, 16, depth=3, rng=np.random.default_rng(9))
    assert isinstance(a, FitResult)
    assert [w.shape for w in a.weights] == [(1, 16), (16, 16), (16, 16)]
    assert_allclose(a.predict(x), b.predict(x), rtol=0, atol=0)


# ---------------------------------------------------------------- sweeps


def test_errors_decrease_for_the_sigmoid_on_a_smooth_target():
    def smooth(x):
        return np.sin(2 * x) + 0.3 * x**2

    sw = width_sweep(
        smooth, {"logistic": logistic}, [2, 4, 8, 16, 32], n_seeds=3, n_train=256, scale=3.0, rng=4
    )
    m = sw.mean[0]
    assert np.all(np.diff(m) < 0)
    assert m[-1] < 1e-3 * m[0]


def test_depth_sweep_square_networks_are_best_polynomials_of_degree_2_to_the_L():
    ds = depth_sweep(
        target,
        monomial(2),
        [1, 2, 3],
        width=24,
        n_seeds=2,
        n_train=256,
        reference_degrees=(2, 4, 8),
        rng=3,
    )
    for i, k in enumerate((2, 4, 8)):
        ref = [_polyfit_rmse(xs, k, ds.x_test) for xs in ds.x_train]
        assert_allclose(ds.errors[i], ref, rtol=1e-6)
    assert np.all(np.diff(ds.mean) < 0)


def test_convergence_rates():
    sw = width_sweep(
        target, {"x^3": monomial(3), "ReLU": relu}, [8, 16, 32, 64], n_seeds=3, n_train=256, rng=6
    )
    rates = convergence_rates(sw, min_width=8)
    assert isinstance(rates["ReLU"], ConvergenceRate)
    assert abs(rates["x^3"].exponent) < 1e-6
    assert rates["ReLU"].exponent > 0.5 and rates["ReLU"].exponent_std > 0
    # the per-seed slopes, recomputed with numpy.polyfit on log-log data
    slopes = [-np.polyfit(np.log(sw.widths), np.log(e), 1)[0] for e in sw.errors[1].T]
    assert_allclose(rates["ReLU"].exponent, np.mean(slopes), rtol=1e-10)
    assert_allclose(rates["ReLU"].exponent_std, np.std(slopes, ddof=1), rtol=1e-8)


def test_sweeps_are_reproducible():
    kw = dict(n_seeds=2, n_train=64, n_test=51, rng=123)
    a = width_sweep(target, {"ReLU": relu}, [4, 8], **kw)
    b = width_sweep(target, {"ReLU": relu}, [4, 8], **kw)
    assert_allclose(a.errors, b.errors, rtol=0, atol=0)
    # common random numbers: an activation's result does not depend on its neighbours
    c = width_sweep(target, {"x^2": monomial(2), "ReLU": relu}, [4, 8], **kw)
    assert_allclose(c.errors[1], a.errors[0], rtol=0, atol=0)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("width", [0, -3, 2.5, True])
def test_bad_width_raises(width):
    with pytest.raises(ValueError, match="width must be an integer >= 1"):
        random_feature_fit([0.0, 1.0], [0.0, 1.0], relu, width)


def test_bad_input_raises():
    x, y = np.linspace(-1, 1, 10), np.zeros(10)
    with pytest.raises(ValueError, match="x must be finite"):
        random_feature_fit(np.append(x[:-1], np.nan), y, relu, 3)
    with pytest.raises(ValueError, match="same number of points"):
        random_feature_fit(x, y[:-1], relu, 3)
    with pytest.raises(ValueError, match="activation must be callable"):
        random_feature_fit(x, y, "relu", 3)
    with pytest.raises(ValueError, match="activation must return an array"):
        random_feature_fit(x, y, lambda z: z[:, :1], 3)
    with pytest.raises(ValueError, match="non-finite"):
        random_feature_fit(x, y, lambda z: np.where(z > 0, np.inf, z), 3, rng=0)
    with pytest.raises(ValueError, match="ridge must be"):
        random_feature_fit(x, y, relu, 3, ridge=-1.0)
    with pytest.raises(ValueError, match="scale must be"):
        random_feature_fit(x, y, relu, 3, scale=0.0)
    with pytest.raises(ValueError, match="depth must be"):
        random_feature_fit(x, y, relu, 3, depth=0)
    with pytest.raises(ValueError, match="x must have shape"):
        random_feature_fit(np.zeros((2, 2, 2)), y, relu, 3)
    with pytest.raises(ValueError, match="degree must be an integer"):
        monomial(0)
    with pytest.raises(ValueError, match="degree must be < len"):
        best_polynomial_error(np.abs, 10, x, x)
    with pytest.raises(ValueError, match="target must be callable"):
        width_sweep(1.0, {"ReLU": relu}, [2])
    with pytest.raises(ValueError, match="target must return finite"):
        width_sweep(lambda x: np.where(x > 0, np.nan, x), {"ReLU": relu}, [2])
    with pytest.raises(ValueError, match="activations must be a non-empty dict"):
        width_sweep(target, {}, [2])
    with pytest.raises(ValueError, match="widths must be"):
        width_sweep(target, {"ReLU": relu}, [0])
    with pytest.raises(ValueError, match="widths must hold"):
        width_sweep(target, {"ReLU": relu}, [])
    with pytest.raises(ValueError, match="domain must be"):
        width_sweep(target, {"ReLU": relu}, [2], domain=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_seeds must be"):
        width_sweep(target, {"ReLU": relu}, [2], n_seeds=0)
    with pytest.raises(ValueError, match="depths must be"):
        depth_sweep(target, relu, [0])
    sw = width_sweep(target, {"ReLU": relu}, [2, 4], n_seeds=1, n_train=16, n_test=11, rng=0)
    with pytest.raises(ValueError, match="min_width must leave"):
        convergence_rates(sw)
    with pytest.raises(ValueError, match="sweep must be a WidthSweep"):
        convergence_rates("sweep")
