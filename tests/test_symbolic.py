"""Tests of isingneuron.symbolic: the sympy derivations of §II.C–II.D and their verdicts."""

import itertools
import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose
from scipy.integrate import quad

from isingneuron import spike_count
from isingneuron import symbolic as sy
from isingneuron.symbolic import (
    J,
    N,
    Q,
    T,
    T_bath,
    T_c,
    a,
    alpha,
    b,
    beta,
    epsilon,
    h,
    k_B,
    m,
    r,
    s,
    s_i,
    s_j,
    z,
)

Q_VALUES = [0.0, 0.3, 2.0, 10.0]


@pytest.fixture(autouse=True)
def _mp_precision():
    """30 digits for mpmath inside each test, restored afterwards."""
    with mpmath.workdps(30):
        yield


def _zero(expr):
    return sy._is_zero(expr)


def _quad(f, lo, hi):
    value, _ = quad(f, lo, hi, epsabs=1e-12, epsrel=1e-12, limit=200)
    return value


# ---------------------------------------------------------------------------
# check functions
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "check",
    [
        sy.check_pair_expansion,
        sy.check_partition_function,
        sy.check_free_energy,
        sy.check_stationarity,
        sy.check_landau_expansion,
        sy.check_spike_counts,
    ],
)
def test_check_functions_return_true(check):
    assert check() is True


@pytest.mark.parametrize(("kind", "L"), [("ring", 3), ("ring", 5), ("torus", 3), ("torus", 4)])
def test_mean_field_hamiltonian_on_lattices(kind, L):
    assert sy.check_mean_field_hamiltonian(kind, L) is True
    lat = sy.lattice_mean_field_hamiltonian(kind, L)
    assert len(lat.bonds) == lat.n_sites * lat.z // 2


# ---------------------------------------------------------------------------
# the expressions themselves
# ---------------------------------------------------------------------------
def test_pair_expansion_expressions():
    pe = sy.pair_expansion()
    assert _zero(pe.mean_field - (m * (s_i + s_j) - m**2))
    assert pe.dropped == sy.ds_i * sy.ds_j
    # exact = approx + fluctuation product, in the spin variables
    fluct = (s_i - sy.sbar_i) * (s_j - sy.sbar_j)
    assert _zero(s_i * s_j - (pe.approx + fluct))


def test_mean_field_hamiltonian_expression():
    mf = sy.mean_field_hamiltonian()
    S = sp.Sum(s[sy.i], (sy.i, 1, N))
    assert _zero(mf.H_MF - (-(z * J * m + h) * S + N * z * J * m**2 / 2))
    assert _zero(mf.H_MF_paper - (-z * J * m * S + N * z * J * m**2 / 2))
    assert _zero(mf.n_bonds - N * z / 2)


def test_lattice_literal_reading_differs():
    lat = sy.lattice_mean_field_hamiltonian("torus", 3)
    closed = lat.closed_form.subs(h, 0)
    assert not _zero(lat.literal_paper - closed)
    assert _zero(lat.bond_sum_H.subs(h, 0) - closed)


def test_partition_function_expression():
    pf = sy.partition_function()
    expected = sp.exp(-beta * N * z * J * m**2 / 2) * (2 * sp.cosh(beta * (z * J * m + h))) ** N
    assert _zero(pf.Z - expected)
    assert _zero(pf.site_sum - 2 * sp.cosh(beta * (z * J * m + h)))
    # the printed 2 cosh(...)^N is 2^(N-1) times too small
    assert _zero(pf.Z.subs(h, 0) - 2 ** (N - 1) * pf.Z_paper_literal)


def test_partition_function_brute_force_numeric():
    vals = {J: 0.7, z: 4, beta: 1.3, m: 0.4, h: 0.15}
    n = 3
    closed = float(sy.partition_function().Z.subs(vals).subs(N, n))
    H = sy.mean_field_hamiltonian().H_MF.subs(vals).subs(N, n).doit()
    spins = [s[k] for k in range(1, n + 1)]
    brute = 0.0
    for conf in itertools.product((-1, 1), repeat=n):
        energy = float(H.subs(dict(zip(spins, conf, strict=True))))
        brute += math.exp(-vals[beta] * energy)
    assert_allclose(brute, closed, rtol=1e-13)


def test_free_energy_expression_and_paper():
    fe = sy.free_energy_per_spin()
    expected = z * J * m**2 / 2 - sp.log(2 * sp.cosh(beta * (z * J * m + h))) / beta
    assert _zero(fe.f - expected)
    assert _zero(fe.f.subs(h, 0) - fe.f_paper)


def test_stationarity_expressions():
    st = sy.stationarity()
    assert _zero(st.df_dm - z * J * (m - sp.tanh(beta * (z * J * m + h))))
    assert _zero(st.eq1.rhs - sp.tanh(T_c * m / T))
    assert _zero(
        st.second_derivative - z * J * (1 - beta * z * J * sp.sech(beta * (z * J * m + h)) ** 2)
    )
    assert _zero(st.critical_temperature - z * J / k_B)
    assert _zero(st.curvature_at_zero - k_B * T_c * (1 - T_c / T))


# ---------------------------------------------------------------------------
# Landau expansion
# ---------------------------------------------------------------------------
def test_landau_coefficients_symbolic():
    coeffs = dict(sy.landau_expansion(6).coefficients)
    assert _zero(coeffs[0] + T * sp.log(2))
    assert _zero(coeffs[2] - T_c / 2 * (1 - T_c / T))
    assert _zero(coeffs[4] - T_c**4 / (12 * T**3))
    assert _zero(coeffs[6] + T_c**6 / (45 * T**5))


@pytest.mark.parametrize("temp", [0.7, 1.3])
def test_landau_coefficients_match_numerical_taylor(temp):
    le = sy.landau_expansion(6)
    f = sp.lambdify(m, le.free_energy.subs({T_c: 1, T: temp}), modules="mpmath")
    taylor = mpmath.taylor(f, 0, 6)
    for p, c in le.coefficients:
        expected = float(c.subs({T_c: 1, T: temp}))
        assert abs(float(taylor[p]) - expected) < 1e-12
    for p in (1, 3, 5):
        assert abs(float(taylor[p])) < 1e-12


def test_small_m_results():
    le = sy.landau_expansion()
    assert _zero(le.m2_tanh - 3 * (T / T_c) ** 2 * (1 - T / T_c))
    assert _zero(le.m2_landau - le.m2_tanh)  # identical, not just to leading order
    assert _zero(le.m2_landau_frozen - 3 * (T_c / T - 1))
    tanh_eps = sy.to_reduced_temperature(le.m2_tanh, 4).removeO()
    frozen_eps = sy.to_reduced_temperature(le.m2_landau_frozen, 3).removeO()
    assert _zero(tanh_eps - (3 * epsilon - 6 * epsilon**2 + 3 * epsilon**3))
    assert _zero(frozen_eps - (3 * epsilon + 3 * epsilon**2))
    assert _zero(le.m2_exact.removeO() - (3 * epsilon - sp.Rational(12, 5) * epsilon**2))


@pytest.mark.parametrize("eps", [1e-2, 3e-3])
def test_exact_m2_series_against_root_of_eq1(eps):
    with mpmath.workdps(40):
        tau = 1 - mpmath.mpf(eps)
        root = mpmath.findroot(lambda x: mpmath.tanh(x / tau) - x, mpmath.sqrt(3 * eps))
    series = 3 * eps - 12 / 5 * eps**2
    assert abs(float(root**2) - series) < 10 * eps**3
    # the truncations are off at order eps**2
    assert abs(float(root**2) - (3 * eps - 6 * eps**2)) > eps**2


# ---------------------------------------------------------------------------
# spike counts
# ---------------------------------------------------------------------------
def _tanh_integrand(x):
    return 0.5 * (math.tanh(x) + 1.0)


def _sigmoid_integrand(x):
    return 1.0 / (1.0 + math.exp(-x))


@pytest.mark.parametrize("q", Q_VALUES)
def test_tanh_integral_matches_quad(q):
    sc = sy.spike_count_tanh()
    ref = _quad(_tanh_integrand, 0.0, q)
    closed = sp.lambdify(Q, sc.closed_form, modules="mpmath")
    raw = sp.lambdify(Q, sc.integral, modules="mpmath")
    assert abs(float(closed(q)) - ref) < 1e-10
    assert abs(float(raw(q)) - ref) < 1e-10
    assert abs(spike_count(q, T_bath=0.0, a=1.0, b=0.0) - ref) < 1e-10
    # the printed formula misses by ln 2 at every Q (its constant has the wrong sign)
    printed = float(sc.paper.subs(Q, q))
    assert abs((ref - printed) - float(sc.offset)) < 1e-10
    assert abs(ref - printed) > 0.69


def test_tanh_integral_closed_form_and_errata():
    sc = sy.spike_count_tanh()
    assert _zero(sc.closed_form - (Q + sp.log(1 + sp.exp(-2 * Q)) / 2 - sp.log(2) / 2))
    assert _zero(sc.closed_form - (Q + sp.log(sp.cosh(Q))) / 2)
    assert not _zero(sc.paper - sc.closed_form)
    assert sp.simplify(sc.offset + sp.log(2)) == 0
    assert sc.at_zero == 0
    assert sp.simplify(sc.paper_at_zero - sp.log(2)) == 0
    assert _zero(sy.paper_spike_count_tanh(sc.offset) - sc.closed_form)


@pytest.mark.parametrize("q", Q_VALUES)
def test_sigmoid_integral_matches_quad(q):
    sc = sy.spike_count_sigmoid()
    ref = _quad(_sigmoid_integrand, 0.0, q)
    closed = sp.lambdify(Q, sc.closed_form, modules="mpmath")
    softplus = math.log1p(math.exp(q)) - math.log(2)
    assert abs(float(closed(q)) - ref) < 1e-10
    assert abs(softplus - ref) < 1e-10
    assert abs(spike_count(q, T_bath=0.0, a=0.5, b=0.0) - ref) < 1e-10
    printed = float(sy.paper_spike_count_sigmoid(-sp.log(2)).subs(Q, q))
    assert abs(printed - ref) < 1e-10


def test_sigmoid_integral_closed_form():
    sc = sy.spike_count_sigmoid()
    assert _zero(sc.closed_form - (sp.log(1 + sp.exp(Q)) - sp.log(2)))
    assert sp.simplify(sc.offset + sp.log(2)) == 0
    assert sc.at_zero == 0


EQ2_CASES = [
    # a, b, Tc, T_bath, Q, r
    (1.0, 1.0, 0.0, 0.0, 2.0, 1.0),
    (6.0, 1.0, 1.0, 1.5, 0.3, 1.0),
    (6.0, 0.9, 1.0, 1.5, 2.0, 2.5),
    (2.0, 1.1, 1.0, 0.2, 10.0, 0.5),
    (0.5, 1.0, 1.0, 3.0, 4.0, 1.0),
]


@pytest.mark.parametrize(("a_", "b_", "tc", "tb", "q", "r_"), EQ2_CASES)
def test_eq2_spike_count_matches_quad(a_, b_, tc, tb, q, r_):
    e2 = sy.spike_count_eq2()

    def m_of_t(time):
        temp = tb - q + r_ * time
        return 0.5 - 0.5 * math.tanh(a_ * (temp - b_ * tc))

    ref = _quad(m_of_t, 0.0, q / r_)
    args = (q, a_, b_, tc, tb, r_)
    for form in (e2.closed_form, e2.softplus_form, e2.integral):
        assert abs(float(sp.lambdify(e2.params, form, modules="mpmath")(*args)) - ref) < 1e-10
    # The package's overflow-free closed form; Tc = 0 is the same as b = 0.
    numeric = spike_count(q, T_bath=tb, a=a_, b=b_ if tc else 0.0, Tc=tc or 1.0, rate=r_)
    assert abs(numeric - ref) < 1e-10


def test_eq2_asymptotes():
    e2 = sy.spike_count_eq2()
    pars = {a: 2.0, b: 1.0, T_c: 1.0, T_bath: 1.4, r: 0.5}
    big = 40.0
    n_big = spike_count(big, a=2.0, b=1.0, Tc=1.0, T_bath=1.4, rate=0.5)
    assert abs(n_big - float(e2.asymptote.subs(pars).subs(Q, big))) < 1e-12
    assert _zero(sp.diff(e2.asymptote, Q) - 1 / r)
    small = 1e-6
    n_small = spike_count(small, a=2.0, b=1.0, Tc=1.0, T_bath=1.4, rate=0.5)
    assert abs(n_small - float(e2.small_Q.subs(pars).subs(Q, small))) < 1e-12


def test_eq2_reduces_to_paper_integrals():
    e2 = sy.spike_count_eq2()
    assert _zero(e2.tanh_case - sy.spike_count_tanh().closed_form)
    assert _zero(e2.sigmoid_case - sy.spike_count_sigmoid().closed_form)
    assert _zero(e2.paper_integrand - (sp.tanh(T) + 1) / 2)


# ---------------------------------------------------------------------------
# ReLU and ELU
# ---------------------------------------------------------------------------
def test_relu_comparison_tanh():
    rc = sy.relu_comparison("tanh")
    assert rc.slope == 1
    assert sp.simplify(rc.offset + sp.log(2) / 2) == 0
    assert sp.simplify(rc.paper_offset - sp.log(2) / 2) == 0
    assert sp.simplify(rc.sup_deviation - sp.log(2) / 2) == 0
    assert rc.argsup == sp.oo
    assert sp.simplify(rc.paper_sup_deviation - sp.log(2)) == 0
    assert rc.paper_argsup == 0
    grid = np.linspace(0.0, 30.0, 3001)
    dev = np.abs(spike_count(grid, T_bath=0.0, a=1.0, b=0.0) - grid)
    assert dev.max() <= math.log(2) / 2 + 1e-15
    assert np.all(dev[grid <= 15] < math.log(2) / 2)  # approached, never attained
    assert np.all(np.diff(dev) >= -8 * np.finfo(float).eps * grid[1:])  # monotone up to rounding


def test_relu_comparison_sigmoid():
    rc = sy.relu_comparison("sigmoid")
    assert sp.simplify(rc.offset + sp.log(2)) == 0
    assert rc.paper_offset == 0
    assert sp.simplify(rc.sup_deviation - sp.log(2)) == 0


def test_elu_comparison():
    ec = sy.elu_comparison()
    assert ec.valid_alpha == sp.Interval(sp.log(2) / 2, sp.oo)
    grid = np.linspace(0.0, 40.0, 4001)
    for al in (0.2, 0.5, 1.0):
        paper = grid + 0.5 * math.log(2) + 0.5 * np.log1p(np.exp(-2 * grid)) - al
        sup_num = np.abs(paper - grid).max()
        sup_sym = float(ec.sup_deviation.subs(alpha, al))
        assert abs(sup_num - sup_sym) < 1e-9
        assert (sup_num <= al) == (al >= math.log(2) / 2)


# ---------------------------------------------------------------------------
# verification table
# ---------------------------------------------------------------------------
EXPECTED_VERDICTS = {
    "pair-expansion": "holds",
    "H-bond-sum": "loose",
    "H_MF": "holds",
    "Z-definition": "loose",
    "Z-closed-form": "loose",
    "F": "holds",
    "eq1": "holds",
    "Tc": "holds",
    "small-m": "holds",
    "ends-of-eq1": "loose",
    "eq2-integral": "loose",
    "tanh-integral": "holds with a correction",
    "sigmoid-integral": "holds with a correction",
    "relu-limit": "loose",
    "elu-bound": "holds with a correction",
    "elu-linear-branch": "loose",
}


def test_verification_table_verdicts():
    table = sy.verification_table()
    assert {row.id: row.verdict for row in table} == EXPECTED_VERDICTS
    for row in table:
        assert row.verdict in sy.VERDICTS
        assert row.paper_statement and row.note


def test_verdict_logic():
    assert sy._verdict(True) == "holds"
    assert sy._verdict(False, True, amendment="reading") == "loose"
    assert sy._verdict(False, True, amendment="correction") == "holds with a correction"
    assert sy._verdict(False, False) == "does not hold"


def test_equal_refutes_and_proves():
    assert sy._equal(sp.log(1 + sp.exp(Q)) - Q, sp.log(1 + sp.exp(-Q))) is True
    assert sy._equal(sp.tanh(Q) + 1, 1) is False


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("order", [2, 5, 0])
def test_landau_rejects_bad_order(order):
    with pytest.raises(ValueError, match="order must be"):
        sy.landau_expansion(order)


def test_lattice_rejects_bad_arguments():
    with pytest.raises(ValueError, match="L must be"):
        sy.lattice_mean_field_hamiltonian("torus", 2)
    with pytest.raises(ValueError, match="kind must be"):
        sy.lattice_mean_field_hamiltonian("cube", 3)
    with pytest.raises(ValueError, match="n must be"):
        sy.check_partition_function(9)


def test_relu_comparison_rejects_bad_kind():
    with pytest.raises(ValueError, match="kind must be"):
        sy.relu_comparison("relu")
