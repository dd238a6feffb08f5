"""Tests of isingneuron.population: firing fractions, mean counts, sparseness, sampling."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.special import expit, ndtr
from scipy.stats import norm

from isingneuron import activations
from isingneuron.population import (
    ACTIVATIONS,
    bivariate_normal_cdf,
    firing_threshold,
    fit_logistic_to_probit,
    fraction_firing,
    hoyer_sparseness,
    mean_spike_count,
    response_moments,
    sample_fraction_firing,
    sample_population,
    silent_interval,
    treves_rolls_sparseness,
)

SIGMA = 0.25
T_BATH = 1.5


def _bvn_quad(h, k, rho):
    """P(Z1 < h, Z2 < k) as a 1D integral over Z1 (independent of Owen's T)."""
    sq = np.sqrt(1 - rho**2)
    return quad(lambda x: norm.pdf(x) * ndtr((k - rho * x) / sq), -np.inf, h, epsabs=1e-14)[0]


def _gauss_mean(f, mu, sigma, points=()):
    """E[f(X)], X ~ N(mu, sigma^2), by adaptive quadrature with break points."""
    lo, hi = mu - 12 * sigma, mu + 12 * sigma
    pts = sorted(p for p in points if lo < p < hi)
    return quad(
        lambda x: f(x) * norm.pdf(x, mu, sigma),
        lo,
        hi,
        points=pts or None,
        epsabs=1e-13,
        epsrel=1e-11,
        limit=400,
    )[0]


# --- bivariate normal ----------------------------------------------------------


@pytest.mark.parametrize("rho", [-0.9, -0.4, 0.0, 0.3, 0.95])
def test_bivariate_normal_cdf_matches_quadrature(rho):
    hs = [-2.0, -0.3, 0.0, 0.7, 2.5]
    for h in hs:
        for k in hs:
            assert_allclose(bivariate_normal_cdf(h, k, rho), _bvn_quad(h, k, rho), atol=2e-13)


def test_bivariate_normal_cdf_special_values_and_shapes():
    assert_allclose(bivariate_normal_cdf(0.0, 0.0, 0.5), 1 / 3, rtol=1e-14)
    assert_allclose(
        bivariate_normal_cdf(1.0, [0.0, 2.0], 0.0), ndtr(1.0) * ndtr([0.0, 2.0]), rtol=1e-14
    )
    assert isinstance(bivariate_normal_cdf(0.1, 0.2, 0.3), float)
    with pytest.raises(ValueError, match="rho must lie in"):
        bivariate_normal_cdf(0.0, 0.0, 1.0)


# --- fraction firing -----------------------------------------------------------


def test_fraction_firing_closed_forms():
    mu = np.linspace(-0.5, 2.0, 11)
    assert_allclose(
        fraction_firing(mu, sigma=SIGMA, threshold=0.5), ndtr((mu - 0.5) / SIGMA), rtol=1e-15
    )
    # A negative threshold: the neurone still needs some input (Q > 0).
    assert_allclose(fraction_firing(mu, sigma=SIGMA, threshold=-0.3), ndtr(mu / SIGMA), rtol=1e-15)
    s = SIGMA * np.sqrt(3) / np.pi
    assert_allclose(
        fraction_firing(mu, sigma=SIGMA, threshold=0.5, distribution="logistic"),
        1 / (1 + np.exp(-(mu - 0.5) / s)),
        rtol=1e-14,
    )


@pytest.mark.parametrize("theta_bar, tau", [(0.5, 0.15), (0.1, 0.2), (-0.2, 0.3)])
def test_fraction_firing_with_threshold_spread_matches_quadrature(theta_bar, tau):
    """E over Gaussian thresholds of Phi((mu - max(theta, 0)) / sigma), by quad."""
    for mu in (-0.2, 0.0, 0.3, 0.9):
        ref = quad(
            lambda t, mu=mu: norm.pdf(t, theta_bar, tau) * ndtr((mu - t) / SIGMA),
            0,
            np.inf,
            epsabs=1e-14,
        )[0] + norm.cdf(0, theta_bar, tau) * ndtr(mu / SIGMA)
        got = fraction_firing(mu, sigma=SIGMA, threshold=theta_bar, threshold_sd=tau)
        assert_allclose(got, ref, atol=1e-12)


def test_threshold_spread_is_extra_noise_when_thresholds_are_positive():
    mu = np.linspace(0.0, 1.5, 16)
    tau = 0.07  # P(theta < 0) = Phi(-0.5 / 0.07) ~ 5e-13
    got = fraction_firing(mu, sigma=SIGMA, threshold=0.5, threshold_sd=tau)
    assert_allclose(got, ndtr((mu - 0.5) / np.hypot(SIGMA, tau)), atol=1e-11)


@pytest.mark.parametrize(
    "distribution, tau", [("gaussian", 0.0), ("logistic", 0.0), ("gaussian", 0.2)]
)
def test_fraction_firing_agrees_with_sampling(distribution, tau):
    mu = np.array([0.0, 0.3, 0.5, 0.8, 1.2])
    est = sample_fraction_firing(
        mu,
        sigma=SIGMA,
        threshold=0.5,
        threshold_sd=tau,
        distribution=distribution,
        n=200_000,
        rng=7,
    )
    exact = fraction_firing(
        mu, sigma=SIGMA, threshold=0.5, threshold_sd=tau, distribution=distribution
    )
    assert np.all(np.abs(est.value - exact) <= 4 * est.error + 1e-12)


def test_logistic_population_tells_probit_from_logistic():
    """Sampling resolves the ~0.01 gap between probit and best logistic."""
    fit = fit_logistic_to_probit()
    mu = 0.5 + SIGMA * np.array([-fit.z_at_max, fit.z_at_max])  # where the gap is largest
    logistic_curve = fraction_firing(
        mu, sigma=fit.sd_ratio * SIGMA, threshold=0.5, distribution="logistic"
    )
    g = sample_fraction_firing(mu, sigma=SIGMA, threshold=0.5, n=400_000, rng=3)
    lg = sample_fraction_firing(
        mu, sigma=fit.sd_ratio * SIGMA, threshold=0.5, n=400_000, distribution="logistic", rng=4
    )
    assert np.all(np.abs(lg.value - logistic_curve) < 4 * lg.error)
    assert np.all(np.abs(g.value - logistic_curve) > 8 * g.error)


# --- firing thresholds ----------------------------------------------------------


@pytest.mark.parametrize("model", ["meanfield", "fit", "relu"])
@pytest.mark.parametrize("T_bath", [1.5, 0.8])
def test_firing_threshold_is_where_the_count_reaches_eps(model, T_bath):
    eps = 0.01
    q = firing_threshold(T_bath=T_bath, model=model, eps=eps)
    if model == "relu":
        theta = T_bath - 1.0
        count = lambda Q: max(Q - theta, 0) - max(-theta, 0)  # noqa: E731
    else:
        count = lambda Q: activations.spike_count(Q, T_bath=T_bath, model=model)  # noqa: E731
    assert_allclose(count(q), eps, rtol=1e-9)
    assert count(0.999 * q) < eps < count(1.001 * q + 1e-9)


def test_hard_thresholds():
    assert firing_threshold(T_bath=1.5) == 0.5
    assert firing_threshold(T_bath=0.7) == 0.0
    assert activations.spike_count(0.5, T_bath=1.5, model="meanfield") == 0.0
    assert activations.spike_count(0.5 + 1e-6, T_bath=1.5, model="meanfield") > 0.0


# --- mean spike count -----------------------------------------------------------


@pytest.mark.parametrize("model", ["meanfield", "fit", "relu"])
@pytest.mark.parametrize("T_bath", [1.5, 0.8])
def test_mean_spike_count_matches_input_space_quadrature(model, T_bath):
    """Temperature-space formula vs direct E over the input of spike_count(max(X, 0))."""
    theta = T_bath - 1.0

    if model == "relu":

        def count(x):
            q = max(x, 0.0)
            return max(q - theta, 0) - max(-theta, 0)
    else:

        def count(x):
            return activations.spike_count(max(x, 0.0), T_bath=T_bath, model=model)

    for mu in (0.1, 1.4) if model == "meanfield" else (0.1, 0.6, 1.4):
        ref = _gauss_mean(count, mu, SIGMA, points=(0.0, theta, T_bath))
        got = mean_spike_count(mu, sigma=SIGMA, T_bath=T_bath, model=model)
        assert_allclose(got, ref, rtol=1e-8, atol=1e-11)


def test_mean_relu_count_is_the_gaussian_relu_mean():
    mu = np.linspace(-0.5, 2.0, 21)
    z = (mu - 0.5) / SIGMA
    expected = SIGMA * norm.pdf(z) + (mu - 0.5) * ndtr(z)
    assert_allclose(
        mean_spike_count(mu, sigma=SIGMA, T_bath=1.5, model="relu"),
        expected,
        rtol=1e-14,
        atol=1e-300,
    )
    assert_allclose(
        mean_spike_count(mu, sigma=SIGMA, T_bath=1.5, model="relu", rate=2.0),
        expected / 2,
        rtol=1e-14,
        atol=1e-300,
    )


@pytest.mark.parametrize("model", ["meanfield", "fit", "relu"])
def test_mean_spike_count_with_bath_spread_matches_nested_quadrature(model):
    tau = 0.2
    for mu in (0.3, 1.0) if model != "meanfield" else (1.0,):
        ref = quad(
            lambda t, mu=mu: (
                norm.pdf(t, 1.3, tau) * mean_spike_count(mu, sigma=SIGMA, T_bath=t, model=model)
            ),
            1.3 - 10 * tau,
            1.3 + 10 * tau,
            points=[1.0],
            epsabs=1e-12,
            limit=200,
        )[0]
        got = mean_spike_count(mu, sigma=SIGMA, T_bath=1.3, T_bath_sd=tau, model=model)
        assert_allclose(got, ref, rtol=1e-7)


@pytest.mark.parametrize("model", ["meanfield", "fit", "relu"])
@pytest.mark.parametrize("T_bath", [1.5, 0.9])
def test_small_bath_spread_is_second_order(model, T_bath):
    """E[f(T_bath + tau eta)] = f + tau^2 f'' / 2 + O(tau^4): f'' by finite differences."""
    mu = np.array([0.2, 0.7, 1.5])

    def f(t):
        return mean_spike_count(mu, sigma=SIGMA, T_bath=t, model=model)

    h = 1e-3
    curvature = (f(T_bath + h) - 2 * f(T_bath) + f(T_bath - h)) / h**2
    for tau in (1e-3, 1e-4):
        spread = mean_spike_count(mu, sigma=SIGMA, T_bath=T_bath, T_bath_sd=tau, model=model)
        assert_allclose(spread - f(T_bath), 0.5 * tau**2 * curvature, rtol=1e-3, atol=1e-13)


def test_bath_spread_is_extra_noise_for_the_mean_field_count():
    mu = np.array([0.2, 0.7, 1.5])
    tau = 0.06  # P(T_bath < Tc) ~ 4e-17
    spread = mean_spike_count(mu, sigma=SIGMA, T_bath=1.5, T_bath_sd=tau)
    wider = mean_spike_count(mu, sigma=np.hypot(SIGMA, tau), T_bath=1.5)
    # Not exact: clipping Q >= 0 acts on the input, not on the difference; the
    # clipped mass P(X < 0, X - theta > 0) is below 1e-20 here.
    assert_allclose(spread, wider, rtol=1e-8)


@pytest.mark.parametrize("activation", ["meanfield", "fit", "relu"])
@pytest.mark.parametrize("tau", [0.0, 0.15])
def test_mean_spike_count_agrees_with_sampling(activation, tau):
    mu = np.array([0.3, 0.6, 1.2])
    s = sample_population(mu, sigma=SIGMA, n=20_000, activation=activation, T_bath_sd=tau, rng=11)
    exact = mean_spike_count(mu, sigma=SIGMA, T_bath=T_BATH, T_bath_sd=tau, model=activation)
    assert np.all(np.abs(s.mean - exact) < 4 * s.mean_error)


# --- response moments and sparseness ---------------------------------------------


def _activation(name, x):
    """The response as a function of the raw input x (independent re-implementation)."""
    theta = T_BATH - 1.0
    q = max(x, 0.0)
    if name == "meanfield":
        return activations.spike_count(q, T_bath=T_BATH, model="meanfield")
    if name == "fit":
        return activations.spike_count(q, T_bath=T_BATH, model="fit")
    if name == "eq2":
        return 0.5 - 0.5 * np.tanh(6.0 * (T_BATH - q - 1.0))
    u = x - theta
    return {
        "relu": max(u, 0.0),
        "softplus": np.log1p(np.exp(u)),
        "logistic": 1 / (1 + np.exp(-u)),
        "tanh": np.tanh(u),
    }[name]


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_response_moments_match_quadrature(activation):
    for mu in (0.9,) if activation == "meanfield" else (0.2, 0.9):  # mean field: slow quad
        r = response_moments(mu, sigma=SIGMA, activation=activation)
        pts = (0.0, 0.5)
        m1 = _gauss_mean(lambda x: _activation(activation, x), mu, SIGMA, pts)
        m1a = _gauss_mean(lambda x: abs(_activation(activation, x)), mu, SIGMA, pts)
        m2 = _gauss_mean(lambda x: _activation(activation, x) ** 2, mu, SIGMA, pts)
        assert_allclose([r.mean, r.mean_abs, r.second_moment], [m1, m1a, m2], rtol=1e-8, atol=1e-13)
        assert_allclose(r.sparseness, m1a**2 / m2, rtol=1e-7)


def test_relu_moments_closed_form():
    mu = np.linspace(-0.5, 2.0, 11)
    m = mu - 0.5
    z = m / SIGMA
    r = response_moments(mu, sigma=SIGMA, activation="relu")
    assert_allclose(r.mean, SIGMA * norm.pdf(z) + m * ndtr(z), rtol=1e-14, atol=1e-300)
    assert_allclose(
        r.second_moment,
        (m**2 + SIGMA**2) * ndtr(z) + m * SIGMA * norm.pdf(z),
        rtol=1e-13,
        atol=1e-300,
    )
    assert_allclose(r.fraction_zero, ndtr(-z), rtol=1e-14)
    # At mu = theta half the population is silent and a = 1/pi.
    r0 = response_moments(0.5, sigma=SIGMA, activation="relu")
    assert_allclose([r0.fraction_zero, r0.sparseness], [0.5, 1 / np.pi], rtol=1e-14)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_silent_fractions_and_sparseness_agree_with_sampling(activation):
    mu = np.array([0.3, 0.8])
    s = sample_population(mu, sigma=SIGMA, n=20_000, activation=activation, rng=5)
    r = response_moments(mu, sigma=SIGMA, activation=activation)
    assert np.all(np.abs(s.fraction_zero - r.fraction_zero) <= 4 * s.fraction_zero_error + 1e-12)
    assert np.all(
        np.abs(s.fraction_silent - r.fraction_silent) <= 4 * s.fraction_silent_error + 1e-12
    )
    assert np.all(np.abs(s.mean - r.mean) < 4 * s.mean_error)
    # the plug-in ratio has O(1/n) bias and an error of a few 1e-3 at n = 20000
    assert_allclose(s.sparseness, r.sparseness, atol=0.02)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_silent_interval_ends_where_the_response_reaches_delta(activation):
    lo, hi = silent_interval(activation, delta=0.01)
    assert_allclose(abs(_activation(activation, hi)), 0.01, rtol=1e-8)
    assert abs(_activation(activation, hi - 1e-6)) < 0.01 < abs(_activation(activation, hi + 1e-6))
    if np.isfinite(lo):
        assert_allclose(abs(_activation(activation, lo)), 0.01, rtol=1e-8)
    # eq. (2) resting above delta: never silent
    assert silent_interval("eq2", T_bath=1.2, delta=0.01) == (np.inf, np.inf)


def test_exact_zeros_only_for_rectifiers():
    for name in ("softplus", "logistic", "tanh", "eq2"):
        assert response_moments(0.3, sigma=SIGMA, activation=name).fraction_zero == 0.0
    mf = response_moments(0.3, sigma=SIGMA, activation="meanfield")
    assert_allclose(mf.fraction_zero, ndtr((0.5 - 0.3) / SIGMA), rtol=1e-14)
    fit = response_moments(0.3, sigma=SIGMA, activation="fit")
    assert_allclose(fit.fraction_zero, ndtr(-0.3 / SIGMA), rtol=1e-14)  # only Q = 0


def test_sampled_responses_are_the_spike_counts():
    s = sample_population(0.7, sigma=SIGMA, n=300, activation="meanfield", T_bath_sd=0.3, rng=2)
    direct = activations.spike_count(np.maximum(s.inputs, 0), T_bath=s.T_bath, model="meanfield")
    assert_allclose(s.responses, direct, rtol=1e-12, atol=1e-15)
    s = sample_population([0.2, 0.9], sigma=SIGMA, n=50, activation="eq2", rng=2)
    assert s.responses.shape == (2, 50)
    assert_allclose(s.responses, activations.paper_activation(T_BATH - np.maximum(s.inputs, 0)))


def test_sampling_is_reproducible():
    a = sample_population(0.5, sigma=SIGMA, n=100, activation="fit", rng=42)
    b = sample_population(0.5, sigma=SIGMA, n=100, activation="fit", rng=np.random.default_rng(42))
    assert np.array_equal(a.responses, b.responses)
    assert isinstance(a.mean, float)


def test_treves_rolls_and_hoyer():
    rng = np.random.default_rng(0)
    f = 0.1
    binary = (rng.random(100_000) < f).astype(float)
    assert_allclose(treves_rolls_sparseness(binary), binary.mean(), rtol=1e-12)
    assert treves_rolls_sparseness(np.full(7, 3.0)) == 1.0
    assert treves_rolls_sparseness(np.zeros(5)) == 0.0
    r = rng.exponential(size=(3, 50))
    a = treves_rolls_sparseness(r)
    n = r.shape[1]
    expected = (1 - np.sqrt(a)) * np.sqrt(n) / (np.sqrt(n) - 1)
    assert_allclose(hoyer_sparseness(r), expected, rtol=1e-12)
    assert_allclose(hoyer_sparseness(r.T, axis=0), expected, rtol=1e-12)
    assert hoyer_sparseness(np.zeros(4)) == 1.0
    with pytest.raises(ValueError, match="r must be non-negative"):
        treves_rolls_sparseness([-1.0, 1.0])
    with pytest.raises(ValueError, match="at least 2"):
        hoyer_sparseness([1.0])


# --- the logistic closest to the probit ------------------------------------------


def test_minimax_logistic_equioscillates():
    fit = fit_logistic_to_probit()
    z = np.linspace(0, 8, 200_001)
    gap = ndtr(z) - expit(fit.slope * z)
    assert_allclose(np.max(np.abs(gap)), fit.max_error, rtol=1e-6)
    # Chebyshev alternation: a negative and a positive extremum of equal size.
    assert_allclose(-gap.min(), gap.max(), rtol=1e-5)
    for k in (fit.slope * (1 - 1e-3), fit.slope * (1 + 1e-3)):
        assert np.max(np.abs(ndtr(z) - expit(k * z))) > fit.max_error
    # The textbook constant 1.702 (Haley 1952) and its "< 0.01".
    assert abs(fit.slope - 1.702) < 5e-4 and fit.max_error < 0.01


def test_other_logistic_criteria():
    ls = fit_logistic_to_probit(criterion="least_squares")
    z = np.linspace(-8, 8, 16001)
    sse = lambda k: np.sum((ndtr(z) - expit(k * z)) ** 2)  # noqa: E731
    assert sse(ls.slope) <= min(sse(ls.slope * 0.999), sse(ls.slope * 1.001))
    mom = fit_logistic_to_probit(criterion="moments")
    assert_allclose(mom.slope, np.pi / np.sqrt(3), rtol=1e-15)
    assert_allclose(mom.sd_ratio, 1.0, rtol=1e-14)
    assert mom.max_error > 2 * fit_logistic_to_probit().max_error


# --- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: fraction_firing(0.1, sigma=0.0, threshold=0.5), "sigma must be"),
        (lambda: fraction_firing(np.nan, sigma=1.0, threshold=0.5), "mu must be finite"),
        (
            lambda: fraction_firing(0.1, sigma=1.0, threshold=0.5, distribution="cauchy"),
            "distribution must be one of",
        ),
        (
            lambda: fraction_firing(
                0.1, sigma=1.0, threshold=0.5, threshold_sd=0.1, distribution="logistic"
            ),
            "threshold_sd must be 0",
        ),
        (lambda: mean_spike_count(0.1, sigma=1.0, T_bath=1.5, model="elu"), "model must be"),
        (lambda: mean_spike_count(0.1, sigma=1.0, T_bath=1.5, T_bath_sd=-1), "T_bath_sd must"),
        (lambda: response_moments(0.1, sigma=1.0, activation="elu"), "activation must be"),
        (lambda: response_moments(0.1, sigma=1.0, activation="relu", delta=0), "delta must"),
        (lambda: sample_population(0.1, sigma=1.0, n=1), "n must be an integer >= 2"),
        (lambda: firing_threshold(T_bath=1.5, eps=-0.1), "eps must be"),
        (lambda: fit_logistic_to_probit(criterion="best"), "criterion must be"),
    ],
)
def test_bad_input_raises(call, match):
    with pytest.raises(ValueError, match=match):
        call()
