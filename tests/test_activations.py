"""Tests of isingneuron.activations: the zoo, eq. (2), its fit and the spike count."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad

from isingneuron import (
    elu,
    fit_activation,
    gelu,
    heaviside,
    logistic,
    magnetization,
    meanfield_cumulative,
    mish,
    paper_activation,
    relu,
    softplus,
    spike_count,
    swish,
    tanh,
)

ZOO = [heaviside, logistic, tanh, relu, elu, softplus, swish, mish, gelu]
X = np.array([-1e4, -30.0, -1.0, -1e-9, 0.0, 1e-9, 1.0, 30.0, 1e4])


@pytest.mark.parametrize("f", ZOO)
def test_zoo_is_overflow_free(f):
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = f(X)
    assert np.all(np.isfinite(y))
    assert isinstance(f(0.5), float)


@pytest.mark.parametrize("f", [relu, elu, softplus, swish, mish, gelu])
def test_rectifiers_are_asymptotically_linear(f):
    assert_allclose(f(1e4), 1e4, rtol=1e-15)
    assert abs(f(1e4) - f(1e4 - 1.0) - 1.0) < 1e-9


def test_zoo_reference_values():
    x = np.array([-2.0, -0.5, 0.3, 1.7])
    assert_allclose(logistic(x), 1 / (1 + np.exp(-x)), rtol=1e-15)
    assert_allclose(softplus(x), np.log1p(np.exp(x)), rtol=1e-15)
    assert_allclose(softplus(x, beta=3.0), np.log1p(np.exp(3 * x)) / 3, rtol=1e-14)
    assert_allclose(elu(x, alpha=0.7), np.where(x > 0, x, 0.7 * (np.exp(x) - 1)), rtol=1e-15)
    assert_allclose(swish(x), x / (1 + np.exp(-x)), rtol=1e-15)
    assert_allclose(mish(x), x * np.tanh(np.log1p(np.exp(x))), rtol=1e-14)
    from scipy.stats import norm

    assert_allclose(gelu(x), x * norm.cdf(x), rtol=1e-14)
    assert_allclose(heaviside([-1.0, 0.0, 1.0]), [0.0, 0.5, 1.0])


def test_paper_activation_is_eq2():
    T = np.linspace(-3, 3, 101)
    for a, b in [(6.0, 1.0), (2.5, 0.8)]:
        expected = -0.5 * np.tanh(a * (T - b)) + 0.5
        assert_allclose(paper_activation(T, a=a, b=b), expected, atol=1e-15)
    # Full relative precision in the hot tail, where -tanh/2 + 1/2 would cancel.
    assert_allclose(paper_activation(3.0), np.exp(-24) / (1 + np.exp(-24)), rtol=1e-14)
    assert paper_activation(1e4) == 0.0 and paper_activation(-1e4) == 1.0


def test_fit_recovers_known_parameters():
    T = np.linspace(0, 2, 101)
    m = paper_activation(T, a=4.2, b=0.9, Tc=1.0)
    fit = fit_activation(T, m)
    assert_allclose([fit.a, fit.b], [4.2, 0.9], rtol=1e-9)
    assert fit.rms < 1e-12
    fit1 = fit_activation(T, paper_activation(T, a=4.2), fit_b=False)
    assert_allclose(fit1.a, 4.2, rtol=1e-9) and fit1.b == 1.0


def test_fit_to_mean_field_is_a_least_squares_minimum():
    T = np.linspace(0.005, 2.0, 400)
    m = magnetization(T)
    fit = fit_activation(T, m)

    def rms(a, b):
        return np.sqrt(np.mean((paper_activation(T, a=a, b=b) - m) ** 2))

    assert_allclose(rms(fit.a, fit.b), fit.rms, rtol=1e-12)
    for da, db in [(1e-3, 0), (-1e-3, 0), (0, 1e-4), (0, -1e-4)]:
        assert rms(fit.a + da, fit.b + db) > fit.rms
    # Freeing b helps, and the paper's (a, b) = (6, 1) is worse than both fits.
    fit1 = fit_activation(T, m, fit_b=False)
    assert fit.rms < fit1.rms < rms(6.0, 1.0)


def test_fit_rejects_bad_input():
    with pytest.raises(ValueError, match="same length"):
        fit_activation([0.0, 1.0, 2.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="at least 3"):
        fit_activation([0.0, 1.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="m must be finite"):
        fit_activation([0.0, 1.0, 2.0], [1.0, np.nan, 0.0])


def _quad_count(Q, T_bath, m, rate=1.0):
    val, _ = quad(m, T_bath - Q, T_bath, epsabs=1e-14, epsrel=1e-13, limit=500)
    return val / rate


@pytest.mark.parametrize("Q", [0.0, 1e-8, 0.3, 1.0, 2.5, 10.0, 60.0])
@pytest.mark.parametrize("T_bath", [0.0, 0.6, 1.5])
def test_spike_count_fit_matches_quadrature(Q, T_bath):
    for a, b, rate in [(6.0, 1.0, 1.0), (2.0, 0.85, 0.5)]:
        got = spike_count(Q, T_bath=T_bath, a=a, b=b, rate=rate)
        exp = _quad_count(Q, T_bath, lambda T, a=a, b=b: paper_activation(T, a=a, b=b), rate)
        assert_allclose(got, exp, rtol=1e-11, atol=1e-15)


@pytest.mark.parametrize("Q", [0.0, 0.2, 0.6, 1.1, 1.6, 3.0])
@pytest.mark.parametrize("T_bath", [0.4, 1.0, 1.5])
def test_spike_count_meanfield_matches_quadrature(Q, T_bath):
    def m(T):
        return 1.0 if T <= 0 else magnetization(T)

    # Split at the kinks (T = 0 and T = Tc) so that quad sees smooth pieces.
    pts = [p for p in (0.0, 1.0) if T_bath - Q < p < T_bath]
    edges = [T_bath - Q, *pts, T_bath]
    exp = sum(
        quad(m, lo, hi, epsabs=1e-14, epsrel=1e-13, limit=500)[0]
        for lo, hi in zip(edges[:-1], edges[1:], strict=True)
    )
    assert_allclose(spike_count(Q, T_bath=T_bath, model="meanfield"), exp, rtol=1e-10, atol=1e-13)


def test_spike_count_is_shifted_softplus_and_tends_to_relu():
    # N = softplus_{2a}(Q - theta) - softplus_{2a}(-theta), theta = T_bath - b Tc.
    Q = np.linspace(0, 5, 51)
    for a, T_bath in [(6.0, 1.5), (1.0, 0.0), (3.0, 0.7)]:
        theta = T_bath - 1.0
        expected = softplus(Q - theta, beta=2 * a) - softplus(-theta, beta=2 * a)
        assert_allclose(spike_count(Q, T_bath=T_bath, a=a), expected, atol=1e-13)
    # a -> inf: ReLU(Q - theta) for theta > 0.
    assert_allclose(spike_count(Q, T_bath=1.5, a=1e6), relu(Q - 0.5), atol=1e-6)


def test_spike_count_paper_tanh_integral():
    # The paper's (1/2) int_0^Q [tanh T + 1] dT is eq. (2) with a = 1, b Tc = 0, T_bath = 0.
    Q = np.array([0.0, 0.1, 1.0, 5.0])
    exact = Q + 0.5 * np.log1p(np.exp(-2 * Q)) - 0.5 * np.log(2)
    assert_allclose(spike_count(Q, T_bath=0.0, a=1.0, b=0.0), exact, atol=1e-15)


def test_spike_count_extremes_and_limits():
    # Q up to 1e4: finite, slope 1 per unit rate, no overflow.
    Q = np.array([1e3, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        N = spike_count(Q, T_bath=1.5)
        Nmf = spike_count(Q, T_bath=1.5, model="meanfield")
    assert_allclose(N - Q, -0.5 + (spike_count(40.0, T_bath=1.5) - 39.5), atol=1e-9)
    assert_allclose(Nmf - Q, meanfield_cumulative(1.0) - 1.5, atol=1e-9)
    # Small Q: N ~ Q m(T_bath) / rate.
    q = 1e-9
    assert_allclose(spike_count(q, T_bath=0.9, rate=2.0), q * paper_activation(0.9) / 2, rtol=1e-8)
    assert_allclose(
        spike_count(q, T_bath=0.9, model="meanfield"), q * magnetization(0.9), rtol=1e-6
    )
    # Monotone in Q.
    Qg = np.linspace(0, 20, 2001)
    for model in ("fit", "meanfield"):
        assert np.all(np.diff(spike_count(Qg, T_bath=1.5, model=model)) >= 0)


def test_meanfield_spike_count_has_a_hard_threshold():
    # m = 0 exactly above Tc: no spikes until T_bath - Q < Tc.
    assert spike_count(0.49, T_bath=1.5, model="meanfield") == 0.0
    assert spike_count(0.51, T_bath=1.5, model="meanfield") > 0.0


def test_meanfield_cumulative_against_quadrature():
    for T in (0.02, 0.3, 0.8, 1.0):
        exp, _ = quad(lambda s: magnetization(s), 0.0, T, epsabs=1e-15, limit=400, points=[T])
        assert_allclose(meanfield_cumulative(T), exp, atol=1e-13)
    assert meanfield_cumulative(3.0) == meanfield_cumulative(1.0)
    assert_allclose(meanfield_cumulative(2.0, Tc=2.0), 2.0 * meanfield_cumulative(1.0), rtol=1e-14)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(Q=-1.0, T_bath=1.0), "Q must be"),
        (dict(Q=np.nan, T_bath=1.0), "Q must be"),
        (dict(Q=1.0, T_bath=np.inf), "T_bath must be"),
        (dict(Q=1.0, T_bath=1.0, a=0.0), "a must be"),
        (dict(Q=1.0, T_bath=1.0, rate=-1.0), "rate must be"),
        (dict(Q=1.0, T_bath=1.0, model="ising"), "model must be one of"),
        (dict(Q=np.ones(3), T_bath=np.ones(2)), "do not broadcast"),
    ],
)
def test_spike_count_rejects_bad_input(kwargs, match):
    Q = kwargs.pop("Q")
    with pytest.raises(ValueError, match=match):
        spike_count(Q, **kwargs)


def test_paper_activation_rejects_bad_input():
    with pytest.raises(ValueError, match="a must be"):
        paper_activation(1.0, a=-1.0)
    with pytest.raises(ValueError, match="T must be finite"):
        paper_activation(np.nan)
    with pytest.raises(ValueError, match="x must be"):
        relu("abc")


def test_onsager_cumulative_against_quadrature():
    from isingneuron import onsager_cumulative, ordered_magnetization

    def m(T):
        return ordered_magnetization(T, model="onsager")

    for T in (0.2, 0.7, 0.95, 0.999):
        exp, _ = quad(m, 0.0, T, epsabs=1e-15, limit=500)
        assert_allclose(onsager_cumulative(T), exp, atol=1e-12)
    assert onsager_cumulative(5.0) == onsager_cumulative(1.0)
    assert_allclose(onsager_cumulative(-2.0), -2.0)
    assert_allclose(onsager_cumulative(3.0, Tc=3.0), 3.0 * onsager_cumulative(1.0), rtol=1e-14)
    # The exact branch rises faster than mean field (beta = 1/8 < 1/2): more area.
    assert onsager_cumulative(1.0) > meanfield_cumulative(1.0)


def test_ordered_magnetization_models():
    from isingneuron import ordered_magnetization, spontaneous_magnetization

    T = np.array([-1.0, 0.0, 0.5, 0.9, 1.2])
    assert_allclose(ordered_magnetization(T, model="meanfield"), [1, 1, *magnetization(T[2:])])
    assert_allclose(ordered_magnetization(T, model="fit", a=3.0), paper_activation(T, a=3.0))
    tco = 2 / np.log(1 + np.sqrt(2))
    assert_allclose(
        ordered_magnetization(T[2:], model="onsager"), spontaneous_magnetization(T[2:] * tco)
    )
    with pytest.raises(ValueError, match="model must be one of"):
        ordered_magnetization(0.5, model="ising")


def test_spike_count_onsager_model():
    Q = np.array([0.0, 0.4, 1.0, 3.0])
    N = spike_count(Q, T_bath=1.5, model="onsager")
    assert N[0] == 0.0 and N[1] == 0.0  # never below Tc
    from isingneuron import onsager_cumulative

    assert_allclose(N[3], onsager_cumulative(1.0) + 1.5, rtol=1e-14)


def test_fit_lattice_activation_small():
    from isingneuron import fit_lattice_activation

    T = np.linspace(0.2, 2.0, 8)
    res = fit_lattice_activation([4, 8], T, 300, rng=1)
    assert res.abs_m.shape == (2, 8) and res.abs_m_err.shape == (2, 8)
    assert np.all(res.abs_m_err >= 0) and np.all(res.abs_m_err[:, 1:] > 0)  # |m| = 1 at 0.2 Tc
    # Each fit reproduces its own data (the data, not the model, come from the lattice).
    for row, f in zip(res.abs_m, res.fits, strict=True):
        resid = paper_activation(T, a=f.a, b=f.b) - row
        assert_allclose(np.sqrt(np.mean(resid**2)), f.rms, rtol=1e-12)
    # Larger lattices switch more sharply.
    assert res.fits[1].a > res.fits[0].a
    # The infinite-lattice fit is the fit to the exact Onsager-Yang curve.
    grid = np.linspace(0.0, 2.0, 401)
    direct = fit_activation(grid, spontaneous_exact(grid))
    assert_allclose([res.exact.a, res.exact.b], [direct.a, direct.b], rtol=1e-10)
    with pytest.raises(ValueError, match="at least 3"):
        fit_lattice_activation([4], [0.5, 1.0], 10)


def spontaneous_exact(T):
    from isingneuron import ordered_magnetization

    return ordered_magnetization(T, model="onsager")
