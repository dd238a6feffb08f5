"""Tests of isingneuron.meanfield against mpmath, sympy-free closed forms and symmetry."""

import mpmath as mp
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from isingneuron import (
    critical_temperature,
    free_energy,
    magnetization,
    meanfield_energy,
    meanfield_specific_heat,
    ordered_branch,
    solutions,
    susceptibility,
)


def _mp_root(T, h=0.0, Tc=1.0):
    """Largest-|m| root with the sign of h, by bisection in log(-log(1 - m)) at 60 digits."""
    with mp.workdps(60):
        T, h, Tc = mp.mpf(T), mp.mpf(h), mp.mpf(Tc)
        if h == 0 and T >= Tc:
            return 0.0
        ha = abs(h)

        def G(x):  # m = 1 - exp(-x); T artanh(m) - Tc m - |h|
            m = -mp.expm1(-x)
            return T * (mp.log(2 - mp.exp(-x)) + x) / 2 - Tc * m - ha

        lo, hi = mp.log(mp.mpf(10) ** -40), mp.log(mp.mpf(10) ** 5)
        for _ in range(300):
            mid = (lo + hi) / 2
            if G(mp.exp(mid)) < 0:
                lo = mid
            else:
                hi = mid
        m = -mp.expm1(-mp.exp((lo + hi) / 2))
        return float(m if h >= 0 else -m)


TS = [1e-3, 0.05, 0.3, 0.5, 0.9, 0.99, 1 - 1e-6, 1 - 1e-12, 1 - 1e-15, 1.0, 1 + 1e-9, 1.3, 7.0]
HS = [0.0, 1e-12, 1e-6, 0.05, -0.3, 2.0]


@pytest.mark.parametrize("h", HS)
def test_magnetization_matches_mpmath(h):
    T = np.array(TS)
    expected = [_mp_root(t, h) for t in TS]
    assert_allclose(magnetization(T, h), expected, rtol=0, atol=1e-14)


def test_magnetization_other_tc_scales():
    # m depends on T/Tc and h/Tc only.
    T = np.array([0.2, 0.9, 1.7])
    assert_allclose(magnetization(4 * T, 4 * 0.01, Tc=4.0), magnetization(T, 0.01), atol=1e-15)


def test_naive_iteration_is_slow_where_solver_is_exact():
    # Fixed-point iteration m <- tanh(m/T) just below Tc is still far off after 10^4 steps.
    T = 1 - 1e-6
    m = 1.0
    for _ in range(10_000):
        m = np.tanh(m / T)
    exact = _mp_root(T)
    assert abs(m - exact) > 1e-3
    assert abs(magnetization(T) - exact) < 1e-15


def test_landau_limit_near_tc():
    # m^2 -> 3 (T/Tc)^2 (1 - T/Tc) as T -> Tc^-.
    t = 1 - np.logspace(-10, -4, 7)
    ratio = magnetization(t) ** 2 / (3 * t**2 * (1 - t))
    assert_allclose(ratio, 1.0, atol=2e-4)


def test_low_temperature_limit():
    # 1 - m ~ 2 exp(-2 Tc/T) as T -> 0.
    T = np.array([0.08, 0.1])
    assert_allclose(1 - magnetization(T), 2 * np.exp(-2 / T), rtol=1e-5)
    assert magnetization(1e-300) == 1.0


def test_high_temperature_limit_with_field():
    # m -> h / (T - Tc) (Curie-Weiss) for T -> inf at fixed small h.
    T = np.array([1e3, 1e5])
    assert_allclose(magnetization(T, 1e-3), 1e-3 / (T - 1), rtol=1e-6)


def test_symmetry_and_branches():
    rng = np.random.default_rng(0)
    T = rng.uniform(0.01, 3.0, 500)
    h = rng.normal(0.0, 0.5, 500)
    assert_allclose(magnetization(T, -h), -magnetization(T, h), atol=0)
    assert_allclose(magnetization(T, branch="down"), -magnetization(T), atol=0)
    assert np.all(np.sign(magnetization(T, h)) == np.sign(h))


def test_monotonicity():
    T = np.linspace(0.01, 2.0, 2000)
    m = magnetization(T)
    assert np.all(np.diff(m) <= 0)
    h = np.linspace(-1, 1, 2001)
    assert np.all(np.diff(magnetization(0.5, h)) > 0)


def test_is_fixed_point_and_global_minimum():
    rng = np.random.default_rng(1)
    T = rng.uniform(0.05, 2.0, 300)
    h = rng.normal(0.0, 0.2, 300)
    m = magnetization(T, h)
    assert_allclose(m, np.tanh((m + h) / T), atol=2e-15)
    grid = np.linspace(-1, 1, 4001)
    f_grid = free_energy(grid[:, None], T, h)
    assert np.all(free_energy(m, T, h) <= f_grid.min(axis=0) + 1e-12)


def test_scalar_in_scalar_out_and_shapes():
    assert isinstance(magnetization(0.5), float)
    assert isinstance(free_energy(0.1, 0.5), float)
    assert magnetization(np.ones((2, 3)) * 0.5, np.zeros(3)).shape == (2, 3)
    assert magnetization(2.0) == 0.0 and not np.signbit(magnetization(2.0, branch="down"))


def test_speed_path_is_vectorised():
    # 10^5 points at full accuracy (the 10^6 timing lives in benchmarks/).
    rng = np.random.default_rng(2)
    T = rng.uniform(0.01, 3, 100_000)
    h = rng.normal(0, 0.1, 100_000)
    m = magnetization(T, h)
    assert np.all(np.isfinite(m))
    assert_allclose(m, np.tanh((m + h) / T), atol=3e-15)


@pytest.mark.parametrize("bad", [-1.0, 0.0, np.nan, np.inf])
def test_rejects_bad_temperature(bad):
    with pytest.raises(ValueError, match="T must be"):
        magnetization(bad)
    with pytest.raises(ValueError, match="T must be"):
        free_energy(0.0, bad)


def test_rejects_bad_arguments():
    with pytest.raises(ValueError, match="h must be finite"):
        magnetization(0.5, np.nan)
    with pytest.raises(ValueError, match="Tc must be"):
        magnetization(0.5, Tc=0.0)
    with pytest.raises(ValueError, match="branch must be one of"):
        magnetization(0.5, branch="left")
    with pytest.raises(ValueError, match="do not broadcast"):
        magnetization(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="z must be"):
        critical_temperature(z=0)
    with pytest.raises(ValueError, match="T must differ from Tc"):
        susceptibility(1.0)


def test_critical_temperature():
    assert critical_temperature() == 4.0
    assert_allclose(critical_temperature([2, 4, 6], 0.5), [1.0, 2.0, 3.0])


def test_free_energy_closed_form_and_extremes():
    m, T, h = 0.3, 0.7, 0.1
    expected = 0.5 * m**2 - T * np.log(2 * np.cosh((m + h) / T))
    assert_allclose(free_energy(m, T, h), expected, rtol=1e-14)
    # No overflow at tiny T: f -> Tc m^2/2 - |Tc m + h|.
    assert_allclose(free_energy(1.0, 1e-300), 0.5 - 1.0, rtol=1e-15)
    assert_allclose(free_energy(0.0, 1e6), -1e6 * np.log(2), rtol=1e-15)


def test_stationary_points_of_free_energy_are_solutions():
    T = 0.6
    s = solutions(T, 0.02)
    eps = 1e-6
    for m in s.m[np.isfinite(s.m)]:
        slope = (free_energy(m + eps, T, 0.02) - free_energy(m - eps, T, 0.02)) / (2 * eps)
        assert abs(slope) < 1e-8


def test_solutions_structure():
    T = np.array([0.5, 0.5, 0.5, 2.0, 0.5])
    h = np.array([0.0, 0.05, -0.05, 0.0, 1.0])
    s = solutions(T, h)
    assert s.m.shape == (5, 3)
    # h = 0 below Tc: +-m*, unstable 0.
    assert_allclose(s.m[0], [magnetization(0.5), 0.0, -magnetization(0.5)], atol=1e-15)
    assert_array_equal(s.stable[0], [True, False, True])
    # Weak field: stable, unstable, metastable; mirror image for -h.
    assert_array_equal(s.stable[1], [True, False, True])
    assert_allclose(s.m[2], -s.m[1][::-1], atol=1e-15)
    assert s.m[1, 0] == magnetization(0.5, 0.05)
    # Above Tc or beyond the spinodal: one root only.
    assert np.isnan(s.m[3, 1:]).all() and s.m[3, 0] == 0.0
    assert np.isnan(s.m[4, 1:]).all()
    for row_m, row_T, row_h in zip(s.m, T, h, strict=True):
        ok = np.isfinite(row_m)
        assert_allclose(row_m[ok], np.tanh((row_m[ok] + row_h) / row_T), atol=3e-15)


def test_spinodal_field():
    # Metastable root exists iff |h| < h_s(T) = Tc m_s - T artanh(m_s), m_s = sqrt(1 - T/Tc).
    T = 0.6
    ms = np.sqrt(1 - T)
    hs = ms - T * np.arctanh(ms)
    inside = solutions(T, hs * (1 - 1e-6))
    outside = solutions(T, hs * (1 + 1e-6))
    assert np.isfinite(inside.m).all()
    assert np.isnan(outside.m[1:]).all()


def test_susceptibility():
    assert_allclose(susceptibility([2.0, 5.0]), [1.0, 0.25])
    # Compare with a centred difference of m(h).
    for T in (0.5, 0.95, 1.5):
        d = 1e-6
        num = (
            (magnetization(T, d) - magnetization(T, -d)) / (2 * d)
            if T > 1
            else ((magnetization(T, d) - magnetization(T, 0.0)) / d)
        )
        assert_allclose(susceptibility(T), num, rtol=1e-4)


def test_ordered_branch():
    assert_allclose(ordered_branch([-3.0, 0.0]), [1.0, 1.0])
    T = np.linspace(0.01, 2, 50)
    assert_allclose(ordered_branch(T), magnetization(T), atol=0)


def test_fixed_point_iterate_converges_slowly_near_tc():
    from isingneuron import fixed_point_iterate

    assert_allclose(fixed_point_iterate(0.5, 200), magnetization(0.5), atol=1e-15)
    err_far = abs(fixed_point_iterate(0.9, 1000) - magnetization(0.9))
    err_near = abs(fixed_point_iterate(0.999, 1000) - magnetization(0.999))
    assert err_far < 1e-14 < 1e-3 < err_near
    with pytest.raises(ValueError, match="n_steps must be"):
        fixed_point_iterate(0.5, -1)
    with pytest.raises(ValueError, match="m0 must lie"):
        fixed_point_iterate(0.5, 3, m0=2.0)


# ---------------------------------------------------------------------------
# Thermodynamics: energy and specific heat
# ---------------------------------------------------------------------------
def test_meanfield_energy_is_minus_half_tc_m_squared():
    T = np.array([0.4, 1.0, 2.5, 3.9, 4.0, 6.0])
    assert_allclose(meanfield_energy(T, Tc=4.0), -2.0 * magnetization(T, Tc=4.0) ** 2, rtol=1e-15)
    assert meanfield_energy(1e-300, Tc=4.0) == -2.0  # ground state: every bond satisfied
    assert meanfield_energy(4.0, Tc=4.0) == 0.0 and meanfield_energy(7.0, Tc=4.0) == 0.0
    assert isinstance(meanfield_energy(0.5), float)


@pytest.mark.parametrize("Tc", [1.0, 4.0])
def test_meanfield_specific_heat_is_derivative_of_energy(Tc):
    T = Tc * np.array([0.05, 0.2, 0.5, 0.8, 0.95, 0.999, 1.2, 3.0])
    d = 1e-6 * Tc
    numeric = (meanfield_energy(T + d, Tc=Tc) - meanfield_energy(T - d, Tc=Tc)) / (2 * d)
    assert_allclose(meanfield_specific_heat(T, Tc=Tc), numeric, rtol=1e-6, atol=1e-12)


def test_meanfield_specific_heat_matches_mpmath_derivative():
    # d/dT of -m^2/2 with m the 60-digit root, by a 60-digit centred difference
    def u(T):
        with mp.workdps(60):
            return -(mp.mpf(_mp_root_hp(T)) ** 2) / 2

    for T in ("0.3", "0.7", "0.97"):
        with mp.workdps(60):
            h = mp.mpf("1e-20")
            num = (u(mp.mpf(T) + h) - u(mp.mpf(T) - h)) / (2 * h)
        assert_allclose(meanfield_specific_heat(float(T)), float(num), rtol=1e-12)


def _mp_root_hp(T):
    """60-digit root of m = tanh(m/T) (T < 1) by mpmath's findroot."""
    with mp.workdps(60):
        T = mp.mpf(T)
        return mp.findroot(lambda m: m - mp.tanh(m / T), mp.mpf(1))


def test_meanfield_specific_heat_jump_and_limits():
    # jump 3/2 at Tc (Landau), independent of Tc; zero above; exponentially small at low T
    for Tc in (1.0, 4.0):
        below = meanfield_specific_heat(Tc * (1 - np.logspace(-12, -6, 4)), Tc=Tc)
        assert_allclose(below, 1.5, atol=1e-5)
        assert meanfield_specific_heat(Tc, Tc=Tc) == 0.0
        assert meanfield_specific_heat(Tc * (1 + 1e-12), Tc=Tc) == 0.0
    T = np.array([0.01, 0.02, 0.05, 0.1])  # full relative accuracy where m rounds to 1
    assert_allclose(meanfield_specific_heat(T), 4 / T**2 * np.exp(-2 / T), rtol=1e-6)
    assert meanfield_specific_heat(1e-300) == 0.0


def test_meanfield_specific_heat_shapes():
    assert isinstance(meanfield_specific_heat(0.5), float)
    assert meanfield_specific_heat(np.full((2, 3), 0.5)).shape == (2, 3)


@pytest.mark.parametrize("func", [meanfield_energy, meanfield_specific_heat])
def test_meanfield_thermodynamics_reject_bad_input(func):
    for bad in (-1.0, 0.0, np.nan, np.inf):
        with pytest.raises(ValueError, match="T must be"):
            func(bad)
    with pytest.raises(ValueError, match="Tc must be"):
        func(0.5, Tc=-1.0)
