"""Tests of isingneuron.related: Swish from a two-state unit, the adaptive family, placements."""

import mpmath
import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose
from scipy.integrate import quad

from isingneuron import (
    elu,
    logistic,
    ordered_magnetization,
    paper_activation,
    relu,
    softplus,
    spike_count,
    swish,
)
from isingneuron import related as R
from isingneuron.related import (
    adaptive_family,
    check_paper_in_family,
    check_two_state_unit,
    family_catalogue,
    fit_family,
    format_catalogue,
    paper_in_family,
    swish_mean_field,
    two_state_checks,
    two_state_thermodynamics,
    two_state_unit,
)
from isingneuron.symbolic import _is_zero, beta

X = np.array([-1e4, -30.0, -2.5, -1e-9, 0.0, 1e-9, 0.7, 30.0, 1e4])
XM = np.linspace(-6.0, 6.0, 49)  # moderate inputs where naive formulas are exact enough


# ---------------------------------------------------------------------------
# The two-state unit, symbolically
# ---------------------------------------------------------------------------
def test_two_state_unit_matches_brute_force_enumeration():
    unit = two_state_unit()
    xv, bv = sp.Rational(3, 7), sp.Rational(5, 3)
    weights = [sp.exp(bv * xv * k) for k in (0, 1)]  # exp(-beta E), E = -x nu
    Z = sum(weights)
    occ = weights[1] / Z
    vals = {R.x: xv, beta: bv}
    assert sp.simplify(unit.Z.subs(vals) - Z) == 0
    assert sp.simplify(unit.occupation.subs(vals) - occ) == 0
    assert sp.simplify(unit.free_energy.subs(vals) + sp.log(Z) / bv) == 0
    assert sp.simplify(unit.mean_energy.subs(vals) + xv * occ) == 0
    # spin form: sigma = 2 nu - 1, same Boltzmann weights up to a constant factor
    assert sp.expand(unit.spin_energy - (-R.x / 2 - R.x * R._sigma / 2)) == 0


def test_two_state_checks_all_proved():
    checks = two_state_checks()
    assert len(checks) == 13
    assert all(checks.values()), [k for k, v in checks.items() if not v]
    assert check_two_state_unit() is True


def test_two_state_checks_can_fail():
    # the prover used by the checks rejects near-miss identities
    unit = two_state_unit()
    assert not _is_zero(unit.occupation - 1 / (1 + sp.exp(-beta * R.x / 2)))
    assert not _is_zero(unit.free_energy + sp.log(1 + sp.exp(beta * R.x)))
    assert not _is_zero(unit.spin_mean - sp.tanh(beta * R.x))


def test_two_state_expressions_agree_with_numerics():
    unit = two_state_unit()
    x = np.linspace(-5.0, 5.0, 23)
    for b in (0.3, 1.0, 4.0):
        th = two_state_thermodynamics(x, beta=b)
        for expr, num in [
            (unit.occupation, th.occupation),
            (unit.free_energy, th.free_energy),
            (unit.mean_energy, th.mean_energy),
            (unit.entropy, th.entropy),
        ]:
            f = sp.lambdify(R.x, expr.subs(beta, b), "numpy")
            assert_allclose(f(x), num, rtol=1e-12, atol=1e-14)


# ---------------------------------------------------------------------------
# The two-state unit, numerically
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("b", [0.25, 1.0, 3.0])
def test_swish_mean_field_closed_form(b):
    assert_allclose(swish_mean_field(XM, beta=b), XM / (1 + np.exp(-b * XM)), rtol=1e-14)
    assert_allclose(swish_mean_field(X, beta=b), swish(X, beta=b), rtol=1e-14, atol=1e-300)


def test_swish_mean_field_is_overflow_free_and_scalar():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = swish_mean_field(X, beta=10.0)
    assert np.all(np.isfinite(y))
    assert isinstance(swish_mean_field(0.3), float)
    assert swish_mean_field([-1e4, 1e4], beta=2.0).tolist() == [-0.0, 1e4]


def test_swish_mean_field_limits():
    x = np.linspace(-3.0, 3.0, 61)
    # zero noise: sup |x logistic(beta x) - relu(x)| = sup_y y e^-y/(1+e^-y)/beta <= 1/(e beta)
    for b in (10.0, 100.0, 1000.0):
        assert np.max(np.abs(swish_mean_field(x, beta=b) - relu(x))) <= 1 / (np.e * b)
    # infinite noise: x / 2
    assert_allclose(swish_mean_field(x, beta=1e-8), x / 2, atol=1e-8)


@pytest.mark.parametrize("b", [0.5, 2.0])
def test_thermodynamics_against_boltzmann_sums(b):
    th = two_state_thermodynamics(XM, beta=b)
    w1 = np.exp(b * XM)
    Z = 1.0 + w1
    p = w1 / Z
    assert_allclose(th.occupation, p, rtol=1e-14)
    assert_allclose(th.occupation, logistic(b * XM), rtol=1e-14)
    assert_allclose(th.free_energy, -np.log1p(w1) / b, rtol=1e-14)
    assert_allclose(th.free_energy, -softplus(XM, beta=b), rtol=1e-14)
    assert_allclose(th.mean_energy, -XM * p, rtol=1e-14, atol=1e-300)
    assert_allclose(th.mean_energy, -swish(XM, beta=b), rtol=1e-14, atol=1e-300)
    H = -(p * np.log(p) + (1 - p) * np.log1p(-p))
    assert_allclose(th.entropy, H, rtol=1e-11)
    # F = U - T S, i.e. softplus - swish = S / beta
    assert_allclose(softplus(XM, beta=b) - swish(XM, beta=b), th.entropy / b, atol=1e-13)


def test_occupation_is_minus_dF_dx_by_finite_differences():
    x, h, b = np.linspace(-3.0, 3.0, 13), 1e-5, 1.7
    dF = (
        two_state_thermodynamics(x + h, beta=b).free_energy
        - two_state_thermodynamics(x - h, beta=b).free_energy
    ) / (2 * h)
    assert_allclose(-dF, two_state_thermodynamics(x, beta=b).occupation, atol=1e-9)


def test_integral_of_occupation_is_free_energy_difference():
    b, x0, x1 = 2.3, -1.2, 2.5
    ref = quad(lambda t: logistic(b * t), x0, x1, epsabs=1e-14)[0]
    th = two_state_thermodynamics(np.array([x0, x1]), beta=b)
    assert_allclose(th.free_energy[0] - th.free_energy[1], ref, rtol=1e-12)


def test_entropy_has_no_cancellation_in_the_tails():
    mpmath.mp.dps = 50
    for xv in (25.0, 40.0, -60.0):
        p = 1 / (1 + mpmath.exp(-mpmath.mpf(xv)))
        H = -(p * mpmath.log(p) + (1 - p) * mpmath.log(1 - p))
        assert_allclose(two_state_thermodynamics(xv).entropy, float(H), rtol=1e-12)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        th = two_state_thermodynamics(X, beta=3.0)
    assert np.all(np.isfinite(th.entropy)) and np.all(th.entropy >= 0)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan, np.inf])
def test_two_state_rejects_bad_beta(bad):
    with pytest.raises(ValueError, match="beta must be"):
        swish_mean_field(1.0, beta=bad)
    with pytest.raises(ValueError, match="beta must be"):
        two_state_thermodynamics(1.0, beta=bad)


def test_two_state_rejects_bad_x():
    with pytest.raises(ValueError, match="x must be finite"):
        swish_mean_field([0.0, np.nan])


# ---------------------------------------------------------------------------
# The adaptive family
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("n", [0.3, 1.0, 7.0])
def test_family_end_points(n):
    assert_allclose(adaptive_family(X, n=n, s=0.0), softplus(X, beta=n), rtol=1e-15)
    assert_allclose(adaptive_family(X, n=n, s=1.0), logistic(n * X), rtol=1e-15)


def test_family_closed_form_and_broadcasting():
    x = XM[:, None]
    n = np.array([0.5, 2.0, 5.0])
    s = 0.3
    expected = (1 - s) * np.log1p(np.exp(n * x)) / n + s / (1 + np.exp(-n * x))
    got = adaptive_family(x, n=n, s=s)
    assert got.shape == (XM.size, 3)
    assert_allclose(got, expected, rtol=1e-13)
    assert isinstance(adaptive_family(0.2, n=1.0, s=0.5), float)


def test_family_is_positive_increasing_and_overflow_free():
    x = np.linspace(-20.0, 20.0, 2001)
    for n, s in [(0.5, 0.0), (3.0, 0.4), (10.0, 1.0)]:
        y = adaptive_family(x, n=n, s=s)
        assert np.all(y > 0) and np.all(np.diff(y) >= 0)  # saturates to 1.0 in floats
        assert np.all(np.diff(y[np.abs(x) < 3.0]) > 0)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert np.all(np.isfinite(adaptive_family(X, n=50.0, s=0.5)))


def test_family_derivative_by_finite_differences():
    x, h = np.linspace(-3.0, 3.0, 25), 1e-6
    n, s = 2.5, 0.35
    fd = (adaptive_family(x + h, n=n, s=s) - adaptive_family(x - h, n=n, s=s)) / (2 * h)
    sig = logistic(n * x)
    assert_allclose(fd, (1 - s) * sig + s * n * sig * (1 - sig), atol=1e-8)


def test_family_limits_relu_and_step():
    x = np.linspace(-2.0, 2.0, 81)
    for n in (10.0, 100.0, 1000.0):
        assert np.max(np.abs(adaptive_family(x, n=n, s=0.0) - relu(x))) <= np.log(2) / n + 1e-15
    far = np.abs(x) > 0.1
    step = (x > 0).astype(float)
    assert np.max(np.abs(adaptive_family(x, n=1000.0, s=1.0) - step)[far]) < 1e-40


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"n": 0.0, "s": 0.5}, "n must be"),
        ({"n": -1.0, "s": 0.5}, "n must be"),
        ({"n": 1.0, "s": -0.1}, r"s must lie in \[0, 1\]"),
        ({"n": 1.0, "s": 1.5}, r"s must lie in \[0, 1\]"),
        ({"n": 1.0, "s": np.nan}, "s must be finite"),
    ],
)
def test_family_rejects_bad_parameters(kw, match):
    with pytest.raises(ValueError, match=match):
        adaptive_family(0.0, **kw)


def test_family_jacobian_by_finite_differences():
    x = np.linspace(-3.0, 3.0, 31)
    for p in ([np.log(2.0), 0.3, 0.2, -0.1], [np.log(0.7), 0.8, -0.5]):
        p = np.array(p)
        _, J = R._family_model(x, p)
        h = 1e-6
        for k in range(p.size):
            dp = np.zeros_like(p)
            dp[k] = h
            fd = (R._family_model(x, p + dp)[0] - R._family_model(x, p - dp)[0]) / (2 * h)
            assert_allclose(J[:, k], fd, atol=1e-8)


# ---------------------------------------------------------------------------
# Fitting the family
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(("n", "s", "c", "d"), [(2.5, 0.3, 0.4, 0.0), (8.0, 0.9, -1.0, 0.25)])
def test_fit_family_recovers_members(n, s, c, d):
    x = np.linspace(-3.0, 3.0, 201)
    y = adaptive_family(x - c, n=n, s=s) + d
    fit = fit_family(x, y, offset=d != 0.0)
    assert_allclose([fit.n, fit.s, fit.shift, fit.offset], [n, s, c, d], atol=1e-8)
    assert fit.rms < 1e-12 and fit.max_error < 1e-11


def test_fit_family_finds_paper_eq2_exactly():
    V = np.linspace(-2.0, 0.0, 201)
    for a, b in [(6.0, 1.0), (2.5, 0.8)]:
        fit = fit_family(V, paper_activation(-V, a=a, b=b))
        assert_allclose([fit.n, fit.s, fit.shift], [2 * a, 1.0, -b], atol=1e-8)
        assert fit.rms < 1e-12


def test_fit_family_finds_spike_count_exactly():
    Q = np.linspace(0.0, 4.0, 201)
    for a, T_bath in [(6.0, 1.5), (3.0, 1.2)]:
        theta = T_bath - 1.0
        fit = fit_family(Q, spike_count(Q, T_bath=T_bath, a=a), offset=True)
        expected_offset = -softplus(-theta, beta=2 * a)
        assert_allclose(
            [fit.n, fit.s, fit.shift, fit.offset], [2 * a, 0, theta, expected_offset], atol=1e-8
        )


def test_fit_family_relu_runs_to_the_gain_bound():
    x = np.linspace(-2.0, 2.0, 401)
    f1 = fit_family(x, relu(x), n_bounds=(1e-2, 1e2))
    f2 = fit_family(x, relu(x), n_bounds=(1e-2, 1e3))
    assert_allclose([f1.n, f2.n], [1e2, 1e3], rtol=1e-9)
    assert f2.max_error < 0.2 * f1.max_error
    assert f1.max_error <= np.log(2) / 1e2 + 1e-12


def test_fit_family_is_deterministic_and_no_better_than_a_grid_search():
    x = np.linspace(0.0, 4.0, 201)
    y = spike_count(x, T_bath=1.5, model="meanfield")
    fit = fit_family(x, y)
    assert fit == fit_family(x, y)
    # a coarse brute-force search over (n, s, shift) must not beat the optimiser
    best = np.inf
    for n in np.geomspace(2.0, 60.0, 25):
        for s in np.linspace(0.0, 1.0, 11):
            for c in np.linspace(0.3, 0.9, 31):
                r = adaptive_family(x - c, n=n, s=s) - y
                best = min(best, float(np.sqrt(np.mean(r * r))))
    assert fit.rms <= best
    assert fit.rms > 1e-3  # the mean-field count is not a member


def test_fit_family_rejects_bad_input():
    x = np.linspace(0.0, 1.0, 5)
    with pytest.raises(ValueError, match="same length"):
        fit_family(x, x[:-1])
    with pytest.raises(ValueError, match="at least 3 points"):
        fit_family(x[:2], x[:2])
    with pytest.raises(ValueError, match="at least 4 points"):
        fit_family(x[:3], x[:3], offset=True)
    with pytest.raises(ValueError, match="n_min < n_max"):
        fit_family(x, x, n_bounds=(5.0, 1.0))
    with pytest.raises(ValueError, match="y must be finite"):
        fit_family(x, [0.0, 1.0, np.inf, 2.0, 3.0])


# ---------------------------------------------------------------------------
# The paper's functions inside the family
# ---------------------------------------------------------------------------
def test_paper_in_family_symbolically():
    assert check_paper_in_family() is True
    pl = paper_in_family()
    assert _is_zero(pl.gamma.subs(R.s, 0) - sp.log(1 + sp.exp(R.n * R.u)) / R.n)
    assert not _is_zero(pl.eq2_in_V - pl.eq2_member.subs(R.V, -R.V))  # the sign matters


@pytest.mark.parametrize(("a", "b", "T_bath", "rate"), [(6.0, 1.0, 1.5, 1.0), (2.0, 0.8, 0.3, 0.5)])
def test_paper_in_family_numerically(a, b, T_bath, rate):
    V = np.linspace(-3.0, 1.0, 81)
    assert_allclose(
        adaptive_family(V + b, n=2 * a, s=1.0), paper_activation(-V, a=a, b=b), rtol=1e-14
    )
    Q = np.linspace(0.0, 5.0, 51)
    theta = T_bath - b
    member = (
        adaptive_family(Q - theta, n=2 * a, s=0.0) - adaptive_family(-theta, n=2 * a, s=0.0)
    ) / rate
    N = spike_count(Q, T_bath=T_bath, a=a, b=b, rate=rate)
    assert_allclose(N, member, rtol=1e-12, atol=1e-15)
    F = two_state_thermodynamics(np.concatenate([[-theta], Q - theta]), beta=2 * a).free_energy
    assert_allclose(N, (F[0] - F[1:]) / rate, rtol=1e-12, atol=1e-15)


def test_catalogue_statuses_and_numbers():
    cat = {e.name: e for e in family_catalogue(num=201)}
    status = {k: e.status for k, e in cat.items()}
    assert status == {
        "logistic": "member",
        "softplus": "member",
        "Heaviside": "limit",
        "ReLU": "limit",
        "Swish": "outside",
        "ELU": "outside",
        "eq. (2), T = -V": "member",
        "m(V), mean field": "outside",
        "m(V), exact 2D": "outside",
        "N(Q), eq. (2)": "member",
        "N(Q), mean field": "outside",
        "N(Q), exact 2D": "outside",
    }
    eq2 = cat["eq. (2), T = -V"].fit
    assert_allclose([eq2.n, eq2.s, eq2.shift], [12.0, 1.0, -1.0], atol=1e-8)
    cnt = cat["N(Q), eq. (2)"].fit
    assert_allclose([cnt.n, cnt.s, cnt.shift], [12.0, 0.0, 0.5], atol=1e-8)
    # the paper's ELU is far from every member; Swish too (non-monotone)
    assert cat["ELU"].fit.rms > 0.01 and cat["Swish"].fit.rms > 0.03
    for name in ("N(Q), mean field", "N(Q), exact 2D", "m(V), mean field", "m(V), exact 2D"):
        assert cat[name].fit.rms > 1e-3
    assert cat["ELU"].window == (-4.0, 4.0)
    text = format_catalogue(cat.values())
    assert text.splitlines()[0].startswith("activation")
    assert len(text.splitlines()) == 13


def test_elu_and_swish_are_not_members_even_with_offset():
    x = np.linspace(-4.0, 4.0, 401)
    for y in (elu(x), swish(x)):
        assert fit_family(x, y, offset=True).rms > 0.02
    # without an output offset the family cannot go negative at all
    assert fit_family(x, elu(x)).rms > 0.5


def test_magnetisation_models_are_outside():
    V = np.linspace(-2.0, 0.0, 201)
    for model in ("meanfield", "onsager"):
        fit = fit_family(V, ordered_magnetization(-V, model=model))
        assert fit.rms > 0.02


def test_catalogue_rejects_bad_arguments():
    with pytest.raises(ValueError, match="T_bath must be > 1"):
        family_catalogue(T_bath=0.9)
    with pytest.raises(ValueError, match="num must be an integer >= 10"):
        family_catalogue(num=5)
