import mpmath
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import erf

import isingneuron as isn
from isingneuron import criticality as cr
from isingneuron import exact

TC = isn.onsager_tc()


def _spins(rng, L, n=None):
    shape = (L, L) if n is None else (n, L, L)
    return (2 * rng.integers(0, 2, size=shape) - 1).astype(np.int8)


# ---------------------------------------------------------------------------
# block spins
# ---------------------------------------------------------------------------
def test_block_spin_matches_explicit_majority():
    rng = np.random.default_rng(0)
    s = _spins(rng, 12, n=3)
    out = cr.block_spin(s, 3)
    for k in range(3):
        for i in range(4):
            for j in range(4):
                total = int(s[k, 3 * i : 3 * i + 3, 3 * j : 3 * j + 3].sum())
                assert out[k, i, j] == (1 if total > 0 else -1)


def test_block_spin_ties_are_fair_and_seeded():
    s = np.ones((200, 200), dtype=np.int8)
    s[:, 1::2] = -1  # every 2 x 2 block sums to zero
    a = cr.block_spin(s, 2, rng=5)
    assert_allclose(a, cr.block_spin(s, 2, rng=5))
    assert set(np.unique(a)) == {-1, 1}
    assert abs(a.mean()) < 4 / np.sqrt(a.size)  # fair coin within 4 sigma


def test_block_spin_levels_shapes_and_limits():
    s = np.ones((54, 54), dtype=np.int8)
    assert [x.shape for x in cr.block_spin_levels(s, 3)] == [(54, 54), (18, 18), (6, 6), (2, 2)]
    assert len(cr.block_spin_levels(s, 3, n_levels=1)) == 2
    with pytest.raises(ValueError, match="n_levels must be <= 3"):
        cr.block_spin_levels(s, 3, n_levels=4)


@pytest.mark.parametrize(
    ("spins", "b", "match"),
    [
        (np.ones((10, 10), dtype=np.int8), 3, "b must divide"),
        (np.ones((9, 9), dtype=np.int8), 1, "b must be an integer >= 2"),
        (np.zeros((9, 9), dtype=np.int8), 3, "spins must hold integer spins"),
        (np.ones((9, 6), dtype=np.int8), 3, "shape"),
    ],
)
def test_block_spin_rejects_bad_input(spins, b, match):
    with pytest.raises(ValueError, match=match):
        cr.block_spin(spins, b)


def test_block_spin_flow_fixed_points():
    flow = cr.block_spin_flow(np.ones((2, 27, 27), dtype=np.int8), 3)
    assert_allclose(flow.nn, 1.0)
    assert_allclose(flow.abs_m, 1.0)
    # infinite temperature: blocked spins stay independent, <s s'> = 0 at every level
    rng = np.random.default_rng(1)
    flow = cr.block_spin_flow(_spins(rng, 243, n=4), 3, n_levels=2)
    assert np.all(np.abs(flow.nn.mean(axis=0)) < 4 * 0.5 / np.sqrt(2 * 4 * 27**2))
    assert flow.sizes.tolist() == [243, 81, 27]


# ---------------------------------------------------------------------------
# correlation functions
# ---------------------------------------------------------------------------
def test_nearest_neighbour_correlation_brute_force():
    rng = np.random.default_rng(2)
    s = _spins(rng, 7)
    L = 7
    total = sum(
        s[i, j] * (s[i, (j + 1) % L] + s[(i + 1) % L, j]) for i in range(L) for j in range(L)
    )
    assert_allclose(cr.nearest_neighbour_correlation(s), total / (2 * L * L), rtol=1e-14)


@pytest.mark.parametrize("subtract", ["none", "sample"])
def test_correlation_function_matches_direct_sum(subtract):
    rng = np.random.default_rng(3)
    s = _spins(rng, 6, n=2)
    L = 6
    G = np.zeros((L, L))
    for c in s:
        m2 = c.mean() ** 2 if subtract == "sample" else 0.0
        for dy in range(L):
            for dx in range(L):
                G[dy, dx] += np.mean(c * np.roll(np.roll(c, -dy, 0), -dx, 1)) - m2
    assert_allclose(cr.correlation_function(s, subtract=subtract), G / 2, atol=1e-13)


def test_correlation_function_sum_rule():
    rng = np.random.default_rng(4)
    s = _spins(rng, 16)
    # sum_d G(d) = N m^2 for one configuration
    assert_allclose(cr.correlation_function(s).mean(), s.mean() ** 2, atol=1e-13)
    assert_allclose(cr.correlation_function(s, subtract="sample").sum(), 0.0, atol=1e-10)


def test_cuts_of_G():
    rng = np.random.default_rng(5)
    G = rng.standard_normal((8, 8))
    assert_allclose(cr.axis_correlation(G), [(G[0, r] + G[r, 0]) / 2 for r in range(5)])
    assert_allclose(cr.diagonal_correlation(G), [(G[n, n] + G[n, -n % 8]) / 2 for n in range(5)])
    assert_allclose(
        cr.projected_correlation(G),
        [(G[:, x].mean() + G[x, :].mean()) / 2 for x in range(5)],
    )


def test_critical_diagonal_correlation_small_n_by_hand():
    got = cr.critical_diagonal_correlation(np.array([0, 1, 2, 3]))
    want = [
        1.0,
        2 / np.pi,
        (2 / np.pi) ** 2 / (1 - 1 / 4),
        (2 / np.pi) ** 3 * (1 - 1 / 4) ** -2 * (1 - 1 / 16) ** -1,
    ]
    assert_allclose(got, want, rtol=1e-14)


def test_critical_diagonal_correlation_amplitude_and_eta():
    A = float(mpmath.power(2, mpmath.mpf(1) / 12) * mpmath.exp(3 * mpmath.zeta(-1, 1, 1)))
    assert_allclose(cr.CRITICAL_DIAGONAL_AMPLITUDE, A, rtol=1e-9)
    n = np.array([10_000, 20_000])
    G = cr.critical_diagonal_correlation(n)
    assert_allclose(G * n**0.25, A, rtol=1e-7)
    assert_allclose(np.log(G[1] / G[0]) / np.log(2), -0.25, atol=1e-7)


def test_monte_carlo_short_distance_correlations_at_tc():
    """Wolff configurations at Tc reproduce exact nearest and diagonal correlations."""
    cs = cr.measure_correlations(
        64,
        TC,
        n_blocks=10,
        samples_per_block=20,
        n_between=2,
        n_burn=50,
        algorithm="wolff",
        clusters_per_sweep=3,
        rng=7,
    )
    for series, exact_value in [(cs.axis[:, 1], np.sqrt(0.5)), (cs.diagonal[:, 1], 2 / np.pi)]:
        est = cr.jackknife(lambda m: float(m), series)
        assert abs(est.value - exact_value) < 4 * est.error + 2e-3
    assert_allclose(cs.axis[:, 0], 1.0, rtol=1e-12)


def test_sample_configurations_energy_matches_kaufman():
    T = 2.6
    conf = cr.sample_configurations(
        16, T, 400, n_between=2, n_burn=100, algorithm="wolff", clusters_per_sweep=10, rng=8
    )
    e = -2.0 * cr.nearest_neighbour_correlation(conf)
    est = cr.jackknife(lambda m: float(m), e.reshape(20, -1).mean(axis=1))
    assert abs(est.value - exact.energy(T, L=16)) < 4 * est.error


# ---------------------------------------------------------------------------
# fits
# ---------------------------------------------------------------------------
def test_jackknife_of_mean_is_standard_error_and_of_ratio_matches_formula():
    rng = np.random.default_rng(9)
    x = rng.normal(1.0, 0.1, 12)
    y = rng.normal(2.0, 0.1, 12)
    assert_allclose(cr.jackknife(lambda m: float(m), x).error, x.std(ddof=1) / np.sqrt(12))
    loo = [(x.sum() - x[j]) / (y.sum() - y[j]) for j in range(12)]
    want = np.sqrt(11 / 12 * np.sum((np.array(loo) - np.mean(loo)) ** 2))
    fit = cr.jackknife(lambda a, b: float(a / b), x, y)
    assert_allclose([fit.value, fit.error], [x.mean() / y.mean(), want], rtol=1e-12)
    with pytest.raises(ValueError, match="n_blocks >= 2"):
        cr.jackknife(lambda a: float(a), np.ones(1))


def test_fit_eta_and_log_slope_exact():
    r = np.arange(129.0)
    G = np.stack([0.7 * np.maximum(r, 1) ** -0.25 * (1 + 0.01 * k) for k in range(5)])
    fit = cr.fit_eta(r, G, r_min=4, r_max=32)
    assert_allclose(fit.value, 0.25, atol=1e-12)
    assert fit.error < 1e-12
    L = np.array([16.0, 32.0, 64.0])
    fit = cr.fit_log_slope(L, *[ell**1.75 * np.array([1.0, 1.1, 0.9]) for ell in L])
    assert_allclose(fit.value, 1.75, atol=1e-12)
    with pytest.raises(ValueError, match=">= 3 points"):
        cr.fit_eta(r, G, r_min=4, r_max=5)


@pytest.mark.parametrize(("power", "offset"), [(0.0, True), (0.5, False), (2.0, True)])
def test_fit_correlation_length_recovers_synthetic_xi(power, offset):
    x = np.arange(65.0)
    L, xi = 128.0, 3.7
    with np.errstate(divide="ignore"):
        base = np.where(x > 0, x, 1.0) ** -power * np.exp(-x / xi)
        base += (L - x) ** -power * np.exp(-(L - x) / xi)
    rng = np.random.default_rng(10)
    B = -2e-4 if offset else 0.0
    C = 0.3 * base + B + rng.normal(0, 1e-7, (8, x.size))
    fit = cr.fit_correlation_length(x, C, L=L, x_min=2, x_max=40, power=power, offset=offset)
    assert abs(fit.value - xi) < max(5 * fit.error, 1e-6)


def test_compensated_correlation_is_flat_for_exact_form():
    x = np.arange(1.0, 40.0)
    C = 0.2 * x**-2 * np.exp(-x / 2.5) + 3e-3
    y, err = cr.compensated_correlation(x, np.stack([C, C, C]), 2.5, power=2, x_plateau=30)
    sel = x < 12  # beyond, C(x) - C(30..39) is no longer ~ C(x) - 3e-3
    assert_allclose(y[sel], np.log(0.2), atol=2e-3)
    assert_allclose(err[sel], 0.0, atol=1e-12)


# ---------------------------------------------------------------------------
# network activations and Gaussian expectations
# ---------------------------------------------------------------------------
def test_network_activations_are_the_papers_functions():
    V = np.linspace(-3, 3, 61)
    eq2 = cr.network_activation("eq2", a=6.0, b=1.0, Tc=1.0)
    assert_allclose(eq2.phi(V), isn.paper_activation(-V, a=6.0, Tc=1.0, b=1.0), rtol=1e-14)
    spike = cr.network_activation("spike", a=6.0, b=1.0, Tc=1.0, T_bath=1.5)
    Q = V[V >= 0]
    assert_allclose(spike.phi(Q), isn.spike_count(Q, T_bath=1.5, a=6.0, b=1.0), atol=1e-14)
    # derivative of the spike count is eq. (2) at T = T_bath - V
    assert_allclose(spike.dphi(V), isn.paper_activation(1.5 - V, a=6.0), rtol=1e-12)
    assert spike.phi(-50.0) > -np.log1p(np.exp(-6.0)) / 12 - 1e-15


@pytest.mark.parametrize("name", cr.NETWORK_ACTIVATIONS)
def test_derivatives_by_finite_differences(name):
    act = cr.network_activation(name)
    V = np.array([-2.3, -1.1, -0.6, 0.37, 0.8, 1.9])
    h = 1e-6
    assert_allclose(act.dphi(V), (act.phi(V + h) - act.phi(V - h)) / (2 * h), rtol=1e-6, atol=1e-8)


def _quad_expect(f, q):
    s = np.sqrt(q)
    val, _ = quad(
        lambda z: f(s * z) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
        -12,
        12,
        points=[0.0, -1 / s, 0.5 / s],
        limit=400,
        epsabs=1e-13,
        epsrel=1e-12,
    )
    return val


@pytest.mark.parametrize("name", cr.NETWORK_ACTIVATIONS)
def test_gaussian_expectation_against_adaptive_quadrature(name):
    act = cr.network_activation(name)
    q = np.array([0.01, 0.3, 2.0, 9.0, 40.0])
    for f in (lambda v: act.phi(v) ** 2, lambda v: act.dphi(v) ** 2):
        want = [_quad_expect(f, qq) for qq in q]
        got = cr.gaussian_expectation(f, q)
        assert_allclose(got[:4], want[:4], rtol=1e-9, atol=1e-12)
        assert_allclose(got[4], want[4], rtol=1e-6)  # steep eq. (2) at sqrt(q) = 6.3


def test_gauss_hermite_exact_for_polynomials_but_poor_for_steep_eq2():
    assert_allclose(cr.gaussian_expectation(lambda v: v**4, 2.0, method="hermite", n=10), 12.0)
    d2 = lambda v: cr.network_activation("eq2").dphi(v) ** 2  # noqa: E731
    ref = _quad_expect(d2, 4.0)
    assert abs(cr.gaussian_expectation(d2, 4.0, method="hermite", n=100) - ref) > 1e-3
    assert abs(cr.gaussian_expectation(d2, 4.0) - ref) < 1e-8
    with pytest.raises(ValueError, match="multiple of 16"):
        cr.gaussian_expectation(d2, 1.0, n=100)


def test_correlated_expectation_closed_forms():
    c = np.array([-0.9, -0.3, 0.0, 0.4, 0.95, 1.0])
    t = np.arccos(c)
    relu = lambda v: np.maximum(v, 0.0)  # noqa: E731
    step = lambda v: (v > 0).astype(float)  # noqa: E731
    # arc-cosine kernels (Cho & Saul 2009), q1 = 2, q2 = 0.5
    got = cr.correlated_expectation(relu, relu, 2.0, 0.5, c)  # kink across panels: ~1e-7
    assert_allclose(got, (np.sin(t) + (np.pi - t) * c) / (2 * np.pi), atol=1e-6)
    assert_allclose(
        cr.correlated_expectation(step, step, 1.0, 3.0, c[:-1]),
        0.25 + np.arcsin(c[:-1]) / (2 * np.pi),
        atol=2e-3,
    )  # a jump: slow
    # erf kernel (Williams 1997)
    q1, q2 = 0.7, 1.3
    want = 2 / np.pi * np.arcsin(2 * c * np.sqrt(q1 * q2) / np.sqrt((1 + 2 * q1) * (1 + 2 * q2)))
    assert_allclose(cr.correlated_expectation(erf, erf, q1, q2, c), want, atol=1e-10)


# ---------------------------------------------------------------------------
# signal-propagation maps
# ---------------------------------------------------------------------------
def test_relu_maps_closed_form():
    q = np.array([0.1, 1.0, 7.0])
    assert_allclose(cr.length_map(q, 1.3, 0.4, "relu"), 1.3**2 * q / 2 + 0.16, rtol=1e-10)
    assert_allclose(cr.slope_map(q, 1.3, "relu"), 1.3**2 / 2, rtol=1e-10)
    # sigma_b = 0: the normalised arc-cosine map, the same for every q (ReLU is homogeneous)
    c = np.array([0.1, 0.5, 0.9])
    t = np.arccos(c)
    want = (np.sin(t) + (np.pi - t) * c) / np.pi
    for qq in (0.01, 1.0, 50.0):
        assert_allclose(cr.correlation_map(c, qq, 2.0, 0.0, "relu"), want, atol=1e-6)


@pytest.mark.parametrize(("name", "sw", "sb"), [("tanh", 1.6, 0.3), ("eq2", 1.2, 0.5)])
def test_slope_of_correlation_map_at_one_is_chi1(name, sw, sb):
    fp = cr.fixed_point(name, sw, sb)
    q = float(fp.q)
    eps = 1e-4
    c1 = cr.correlation_map(1.0 - eps, q, sw, sb, name, n=640)
    c2 = cr.correlation_map(1.0 - 2 * eps, q, sw, sb, name, n=640)
    slope = (3.0 - 4.0 * c1 + c2) / (2 * eps)  # one-sided second-order difference at c = 1
    # the map also rescales q (q' = q at the fixed point), so slope = chi_1
    assert_allclose(slope, float(fp.chi1), rtol=2e-3)


def test_fixed_point_relu_closed_form_and_divergence():
    sw = np.array([0.5, 1.0, 1.3, 1.5])
    fp = cr.fixed_point("relu", sw, 0.5)
    ok = sw**2 < 2
    assert_allclose(fp.q[ok], 0.25 / (1 - sw[ok] ** 2 / 2), rtol=1e-8)
    assert_allclose(fp.chi1[ok], sw[ok] ** 2 / 2, rtol=1e-8)
    assert fp.diverged.tolist() == [False, False, False, True]
    assert np.isnan(fp.q[3]) and np.isnan(fp.chi1[3])


@pytest.mark.parametrize(
    ("name", "sw", "sb"), [("tanh", 2.0, 0.4), ("eq2", 1.7, 0.2), ("spike", 1.2, 1.0)]
)
def test_fixed_point_solves_the_length_map_by_quadrature(name, sw, sb):
    act = cr.network_activation(name)
    fp = cr.fixed_point(act, sw, sb)
    q = float(fp.q)
    assert fp.converged
    assert_allclose(q, sw**2 * _quad_expect(lambda v: act.phi(v) ** 2, q) + sb**2, rtol=1e-8)
    assert_allclose(float(fp.chi1), sw**2 * _quad_expect(lambda v: act.dphi(v) ** 2, q), rtol=1e-7)


def test_tanh_boundary_against_root_finding():
    sb, sw, q = cr.order_chaos_boundary("tanh")
    assert_allclose(sw[0], 1.0, atol=1e-6)  # sigma_b -> 0: sigma_w -> 1
    # every point of the parametric boundary has chi_1 = 1 at its fixed point
    pick = np.linspace(200, sb.size - 1, 6).astype(int)  # q* not tiny: fast convergence
    assert_allclose(cr.fixed_point("tanh", sw[pick], sb[pick]).chi1, 1.0, atol=1e-6)
    # independent: brentq on sigma_w at sigma_b = 0.5, with scipy quadrature throughout
    act = cr.network_activation("tanh")

    def chi1_minus_one(w):
        q = 1.0
        for _ in range(300):
            q = w**2 * _quad_expect(lambda v: act.phi(v) ** 2, q) + 0.25
        return w**2 * _quad_expect(lambda v: act.dphi(v) ** 2, q) - 1.0

    w_root = brentq(chi1_minus_one, 1.0, 3.0, xtol=1e-10)
    assert_allclose(np.interp(0.5, sb, sw), w_root, rtol=1e-5)


def test_relu_boundary_is_a_single_point():
    sb, sw, _ = cr.order_chaos_boundary("relu")
    assert_allclose(sw, np.sqrt(2), rtol=1e-8)
    # exactly zero (rounding noise of sigma_b^2 snapped to 0), so printed bounds are stable
    assert sb.size > 100 and np.all(sb == 0.0)


def test_mean_field_propagation_iterates_the_maps():
    tr = cr.mean_field_propagation(["tanh", "eq2"], [1.5, 1.8], [0.2, 0.4], depth=3, c0=0.3)
    for k, (name, sw, sb) in enumerate([("tanh", 1.5, 0.2), ("eq2", 1.8, 0.4)]):
        q, c = 1.0, 0.3
        for layer in range(3):
            assert_allclose(tr.chi[layer, k], cr.slope_map(q, sw, name), rtol=1e-12)
            q, c = cr.length_map(q, sw, sb, name), cr.correlation_map(c, q, sw, sb, name)
            assert_allclose([tr.q[layer + 1, k], tr.c[layer + 1, k]], [q, c], rtol=1e-12)


def test_simulated_network_agrees_with_mean_field():
    names = ["tanh", "tanh", "relu", "eq2"]
    sw, sb = [0.8, 2.5, 1.2, 2.0], [0.2, 0.2, 0.3, 0.3]
    sim = cr.simulate_network(names, sw, sb, width=600, depth=12, q0=1.0, c0=0.4, rng=11)
    tr = cr.mean_field_propagation(names, sw, sb, depth=12, q0=1.0, c0=0.4)
    assert_allclose(sim.q[0], 1.0, rtol=1e-12)
    assert_allclose(sim.c[0], 0.4, atol=1e-12)
    ordered = [0, 2, 3]  # finite-width fluctuations of c are largest in the chaotic phase
    assert_allclose(sim.c[:, ordered], tr.c[:, ordered], atol=0.08)
    assert_allclose(sim.c[6:, 1].mean(), tr.c[6:, 1].mean(), atol=0.1)
    assert_allclose(sim.q, tr.q, rtol=0.15)
    gain_sim = np.exp(np.log(sim.growth[2:]).mean(axis=0))
    gain_mf = np.exp(np.log(tr.chi[2:]).mean(axis=0))
    assert_allclose(gain_sim, gain_mf, rtol=0.06)
    again = cr.simulate_network(names, sw, sb, width=600, depth=12, q0=1.0, c0=0.4, rng=11)
    assert_allclose(again.c, sim.c, rtol=0, atol=0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            dict(activation="sigmoid", sigma_w=1.0, sigma_b=0.0),
            "activation must be a NetworkActivation or one of",
        ),
        (dict(activation="tanh", sigma_w=-1.0, sigma_b=0.0), "sigma_w must be"),
        (dict(activation="tanh", sigma_w=1.0, sigma_b=np.nan), "sigma_b must be"),
        (
            dict(activation=["tanh", "relu"], sigma_w=[1.0, 1.0, 1.0], sigma_b=0.0),
            "activation must be",
        ),
    ],
)
def test_network_functions_reject_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cr.mean_field_propagation(depth=2, **kwargs)


def test_layer_average():
    x = np.array([[9.0, 0.0], [1.0, 2.0], [3.0, 2.0], [5.0, 2.0]])
    mean, err = cr.layer_average(x, skip=1)
    assert_allclose(mean, [3.0, 2.0])
    assert_allclose(err, [2.0 / np.sqrt(3), 0.0])
    with pytest.raises(ValueError, match="skip must be"):
        cr.layer_average(x, skip=3)
