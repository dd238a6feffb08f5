"""Tests of isingneuron.exact against independent routes.

Routes: exhaustive enumeration (L <= 4), row-to-row transfer matrices (L <= 8),
mpmath quadrature of Onsager's integral and high-precision closed forms,
finite-size convergence, Ferdinand-Fisher scaling, limits and thermodynamic
identities checked by finite differences.
"""

import math

import mpmath as mp
import numpy as np
import pytest
from numpy.testing import assert_allclose

from isingneuron import exact
from isingneuron.exact import (
    correlation_length,
    energy,
    free_energy,
    onsager_tc,
    partition_function_log,
    specific_heat,
    spontaneous_magnetization,
)

TC = onsager_tc()
KC = 1.0 / TC

# ---------------------------------------------------------------------------
# independent routes
# ---------------------------------------------------------------------------


def density_of_states(L):
    """Energies and degeneracies of the L x L torus from all 2^(L*L) states."""
    n = L * L
    states = np.arange(2**n, dtype=np.int64)
    spins = (1 - 2 * ((states[:, None] >> np.arange(n)) & 1)).astype(np.int8).reshape(-1, L, L)
    bonds = spins * np.roll(spins, 1, axis=1) + spins * np.roll(spins, 1, axis=2)
    energies = -bonds.sum(axis=(1, 2), dtype=np.int64)
    E, g = np.unique(energies, return_counts=True)
    assert g.sum() == 2**n
    return E, g


def thermo_from_dos(E, g, T, N):
    """ln Z, u and c from a density of states (shifted, centred: no cancellation)."""
    dE = (E - E.min()).astype(float)  # exact integers >= 0
    K = 1.0 / T
    a = np.log(g) - K * dE
    amax = a.max()
    w = np.exp(a - amax)
    p = w / w.sum()
    lnZ = -K * E.min() + amax + np.log(w.sum())
    mean = (p * dE).sum()
    var = (p * (dE - mean) ** 2).sum()
    return lnZ, (E.min() + mean) / N, K * K * var / N


@pytest.fixture(scope="module")
def dos4():
    return density_of_states(4)


def transfer_matrix(L, K):
    """Symmetric row-to-row transfer matrix of the L x L torus and dV/dK."""
    states = np.arange(2**L)
    s = 1 - 2 * ((states[:, None] >> np.arange(L)) & 1)
    h = (s * np.roll(s, 1, axis=1)).sum(axis=1).astype(float)  # in-row bonds
    S = (s @ s.T).astype(float)  # bonds between consecutive rows
    d = np.exp(K * h / 2)
    B = np.exp(K * S)
    V = d[:, None] * B * d[None, :]
    dV = 0.5 * (h[:, None] + h[None, :]) * V + d[:, None] * (S * B) * d[None, :]
    return V, dV


def transfer_matrix_lnZ_u(L, T):
    """ln Z = ln Tr V^L and u from Hellmann-Feynman: d ln Z/dK = L Tr(V^(L-1) V')/Tr V^L."""
    V, dV = transfer_matrix(L, 1.0 / T)
    lam, vec = np.linalg.eigh(V)  # V is positive definite
    r = lam / lam.max()
    lnZ = L * math.log(lam.max()) + math.log((r**L).sum())
    dlam = np.einsum("ij,ik,kj->j", vec, dV, vec)  # v_j^T V' v_j
    dlnZ = L * (r ** (L - 1) * dlam).sum() / lam.max() / (r**L).sum()
    return lnZ, -dlnZ / (L * L)


def mp_onsager_f_u(T):
    """Onsager's single integral (mpmath tanh-sinh, 30 digits) for f, and u = d(beta f)/d beta.

    -beta f = ln(2 cosh 2K) + (1/pi) int_0^{pi/2} ln[(1 + sqrt(1 - kappa^2 sin^2 p))/2] dp;
    u is obtained by differentiating under the integral sign (no elliptic integrals).
    """
    with mp.workdps(30):
        K = 1 / mp.mpf(T)
        s = mp.sinh(2 * K)
        kap = 2 * s / (1 + s**2)
        dkap = 4 * (1 - s**2) / (1 + s**2) ** mp.mpf(1.5)  # d kappa/dK
        # split towards the (near-)singular end point p = pi/2
        pts = [0, mp.pi / 4] + [mp.pi / 2 - mp.mpf(10) ** (-j) for j in range(1, 10)] + [mp.pi / 2]

        def sq(p):
            return mp.sqrt(1 - kap**2 * mp.sin(p) ** 2)

        g = mp.quad(lambda p: mp.log((1 + sq(p)) / 2), pts) / mp.pi
        dg = -kap * dkap / mp.pi * mp.quad(lambda p: mp.sin(p) ** 2 / (sq(p) * (1 + sq(p))), pts)
        mbf = mp.log(2 * mp.cosh(2 * K)) + g
        u = -(2 * mp.tanh(2 * K) + dg)
        return float(-mbf / K), float(u)


def mp_onsager_c(T):
    """c = du/dT from Onsager's closed form u = -coth 2K [1 + (2/pi)(2 tanh^2 2K - 1) K(kappa)]."""
    with mp.workdps(40):

        def u(K):
            s = mp.sinh(2 * K)
            kap = 2 * s / (1 + s**2)
            return -mp.coth(2 * K) * (
                1 + 2 / mp.pi * (2 * mp.tanh(2 * K) ** 2 - 1) * mp.ellipk(kap**2)
            )

        K = 1 / mp.mpf(T)
        return float(-(K**2) * mp.diff(u, K))


# ---------------------------------------------------------------------------
# finite L: enumeration and transfer matrices
# ---------------------------------------------------------------------------

T_BOTH_SIDES = [0.5, 1.0, 1.5, 2.0, 2.2, TC, 2.35, 2.5, 3.5, 5.0, 10.0]


def test_kaufman_vs_enumeration_4x4(dos4):
    E, g = dos4
    ref = np.array([thermo_from_dos(E, g, T, 16) for T in T_BOTH_SIDES])
    T = np.array(T_BOTH_SIDES)
    assert_allclose(partition_function_log(T, 4), ref[:, 0], rtol=1e-13)
    assert_allclose(free_energy(T, 4), -T * ref[:, 0] / 16, rtol=1e-13)
    assert_allclose(energy(T, 4), ref[:, 1], rtol=1e-12)
    assert_allclose(specific_heat(T, 4), ref[:, 2], rtol=1e-11)


@pytest.mark.parametrize("L", [2, 3])
def test_kaufman_vs_enumeration_small(L):
    E, g = density_of_states(L)
    N = L * L
    for T in [0.3, 1.0, TC, 3.0, 100.0]:
        lnZ, u, c = thermo_from_dos(E, g, T, N)
        assert_allclose(partition_function_log(T, L), lnZ, rtol=1e-13)
        assert_allclose(energy(T, L), u, rtol=1e-12)
        assert_allclose(specific_heat(T, L), c, rtol=1e-10)


def test_low_temperature_specific_heat_is_accurate_in_absolute_terms(dos4):
    # c ~ 64 K^2 exp(-8K) is tiny; the finite-L value is accurate to ~1e-20 absolute
    E, g = dos4
    for T in [0.05, 0.1, 0.15, 0.2]:
        _, u_ref, c_ref = thermo_from_dos(E, g, T, 16)
        assert c_ref < 1e-13
        assert abs(specific_heat(T, 4) - c_ref) < 1e-21
        assert_allclose(energy(T, 4), u_ref, rtol=1e-15)
    # relative accuracy ~1e-16 exp(4/T) (documented): 1e-9 at T = 0.25; the rounding
    # differs between numpy/scipy versions, so test with a factor-10 margin
    for T in [0.25, 0.3, 0.4]:
        assert_allclose(specific_heat(T, 4), thermo_from_dos(E, g, T, 16)[2], rtol=1e-8)


@pytest.mark.parametrize("L", [2, 3, 5, 6])
def test_kaufman_vs_transfer_matrix(L):
    T = [0.8, 2.0, TC, 2.6, 4.0, 50.0]
    ref = np.array([transfer_matrix_lnZ_u(L, t) for t in T])
    assert_allclose(partition_function_log(T, L), ref[:, 0], rtol=1e-13)
    assert_allclose(energy(T, L), ref[:, 1], rtol=1e-12)


def naive_kaufman_lnZ(T, L, gamma0):
    """Kaufman's formula literally (small L only), with a chosen gamma_0 convention."""
    K = 1.0 / T
    j = np.arange(2 * L)
    gam = np.arccosh(np.cosh(2 * K) / np.tanh(2 * K) - np.cos(np.pi * j / L))
    g0 = 2 * K + np.log(np.tanh(K))
    gam[0] = {"signed": g0, "abs": abs(g0), "flipped": -g0}[gamma0]
    odd, even = gam[1::2], gam[0::2]
    Z = sum(np.prod(2 * fn(L * gg / 2)) for gg in (odd, even) for fn in (np.cosh, np.sinh))
    return np.log(Z / 2) + L * L / 2 * np.log(2 * np.sinh(2 * K))


def test_gamma0_sign_convention(dos4):
    # Z_4 needs the *signed* gamma_0 = 2K + ln tanh K (> 0 below T_c, < 0 above,
    # where Z_4 < 0): |gamma_0| is wrong above T_c, -gamma_0 below T_c
    E, g = dos4
    for T in [1.5, 2.0, 2.5, 3.5]:
        ref = thermo_from_dos(E, g, T, 16)[0]
        assert_allclose(naive_kaufman_lnZ(T, 4, "signed"), ref, rtol=1e-14)
        assert_allclose(partition_function_log(T, 4), ref, rtol=1e-14)
        wrong = "flipped" if T < TC else "abs"
        assert abs(naive_kaufman_lnZ(T, 4, wrong) / ref - 1) > 1e-2
    d = 1 / np.array([1.8, 3.0]) - KC
    assert np.array_equal(np.sign(exact._gamma0(KC + d, d)), [1.0, -1.0])


# ---------------------------------------------------------------------------
# thermodynamic limit: mpmath
# ---------------------------------------------------------------------------

T_MP = [1.5, TC * (1 - 1e-6), TC * (1 + 1e-6), 3.0]


@pytest.mark.parametrize("T", T_MP)
def test_onsager_f_u_vs_mpmath_quadrature(T):
    f_ref, u_ref = mp_onsager_f_u(T)
    assert_allclose(free_energy(T), f_ref, rtol=1e-13)
    assert_allclose(energy(T), u_ref, rtol=1e-13)


@pytest.mark.parametrize("T", [0.4, 1.5, TC * (1 - 1e-6), TC * (1 + 1e-9), 3.0, 100.0])
def test_onsager_specific_heat_vs_mpmath(T):
    assert_allclose(specific_heat(T), mp_onsager_c(T), rtol=1e-12)


def test_onsager_exact_values_at_tc():
    catalan = 0.915965594177219015054603514932
    # -f/T_c = ln(2)/2 + 2G/pi,  u(T_c) = -sqrt 2,  c(T_c) = +inf (log divergence)
    assert_allclose(free_energy(TC), -TC * (math.log(2) / 2 + 2 * catalan / math.pi), rtol=1e-14)
    assert_allclose(energy(TC), -math.sqrt(2), rtol=1e-15)
    assert specific_heat(TC) == math.inf
    assert math.isfinite(specific_heat(TC, 64))
    # logarithmic divergence with amplitude (8/pi) K_c^2 on both sides
    a = 8 / math.pi * KC**2
    c1, c2 = specific_heat(TC * (1 + 1e-8)), specific_heat(TC * (1 + 1e-10))
    assert_allclose((c2 - c1) / math.log(100), a, rtol=1e-6)
    c1, c2 = specific_heat(TC * (1 - 1e-8)), specific_heat(TC * (1 - 1e-10))
    assert_allclose((c2 - c1) / math.log(100), a, rtol=1e-6)


# ---------------------------------------------------------------------------
# finite L -> infinite lattice; Ferdinand-Fisher
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("T", [1.5, 3.5])
def test_large_L_approaches_onsager(T):
    # finite-size corrections are ~exp(-L/xi) except for the twofold ground-state
    # degeneracy below T_c, which adds ln 2 to ln Z: f_L = f - T ln 2 / N
    L = 256
    shift = T * math.log(2) / L**2 if T < TC else 0.0
    assert_allclose(free_energy(T, L) + shift, free_energy(T), rtol=1e-10)
    assert_allclose(energy(T, L), energy(T), rtol=1e-10)
    assert_allclose(specific_heat(T, L), specific_heat(T), rtol=1e-10)
    if T < TC:  # without the ln 2 the difference is resolved
        assert abs(free_energy(T, L) - free_energy(T)) > 1e-5


def test_ferdinand_fisher_log_growth_at_tc():
    # c_L(T_c) = (8/pi) K_c^2 ln L + const + O(ln L / L)
    a = 8 / math.pi * KC**2
    Ls = [32, 64, 128, 256, 512]
    c = np.array([specific_heat(TC, L) for L in Ls])
    slopes = np.diff(c) / math.log(2)
    assert_allclose(slopes[-1], a, rtol=2e-3)
    assert np.all(np.diff(np.abs(slopes / a - 1)) < 0)  # converging
    offset = c - a * np.log(Ls)
    assert np.all(np.abs(np.diff(offset)) < 0.01)  # finite constant


# ---------------------------------------------------------------------------
# spontaneous magnetisation, correlation length
# ---------------------------------------------------------------------------


def test_spontaneous_magnetization():
    assert spontaneous_magnetization(0.05) == 1.0
    assert 1 - spontaneous_magnetization(0.2) < 1e-16
    assert_allclose(1 - spontaneous_magnetization(0.5), math.sinh(4.0) ** -4 / 8, rtol=1e-6)
    assert_allclose(spontaneous_magnetization([TC, 2.5, 100.0]), 0.0, atol=0)
    with mp.workdps(30):
        m_ref = (1 - mp.sinh(2 / mp.mpf(2.0)) ** -4) ** (mp.mpf(1) / 8)
        T = TC * (1 - 1e-9)
        m_ref_near = (1 - mp.sinh(2 / mp.mpf(T)) ** -4) ** (mp.mpf(1) / 8)
    assert_allclose(spontaneous_magnetization(2.0), float(m_ref), rtol=1e-15)
    assert_allclose(spontaneous_magnetization(T), float(m_ref_near), rtol=1e-13)
    # m^8 linear in T_c - T: m ~ (T_c - T)^(1/8)
    eps = np.array([1e-4, 1e-6, 1e-8])
    m8 = spontaneous_magnetization(TC * (1 - eps)) ** 8 / (TC * eps)
    assert_allclose(m8, 8 * math.sqrt(2) * KC**2, rtol=3e-4)
    assert_allclose(m8[1:], 8 * math.sqrt(2) * KC**2, rtol=3e-6)


def test_correlation_length_vs_transfer_matrix():
    # above T_c: ln(Lambda_0/Lambda_1) of the width-8 strip (corrections ~ e^{-L/xi})
    lam = np.linalg.eigvalsh(transfer_matrix(8, 1 / 5.0)[0])[::-1]
    assert_allclose(np.log(lam[0] / lam[1]), 1 / correlation_length(5.0), rtol=1e-4)
    # below T_c: gap to the two-fermion state, O(1/L^2) corrections -> extrapolate
    T = 0.8
    Ls = np.array([4, 6, 8])
    gaps = []
    for L in Ls:
        lam = np.linalg.eigvalsh(transfer_matrix(L, 1 / T)[0])[::-1]
        gaps.append(np.log(lam[0] / lam[2]))  # lam[1] ~ lam[0]: the other ground state
    M = np.stack([np.ones(3), 1.0 / Ls**2, 1.0 / Ls**4], axis=1)
    assert_allclose(np.linalg.solve(M, gaps)[0], 1 / correlation_length(T), rtol=1e-4)


def test_correlation_length_closed_forms():
    K = 1 / np.array([3.0, 10.0])
    assert_allclose(1 / correlation_length(1 / K), np.log(1 / np.tanh(K)) - 2 * K, rtol=1e-14)
    K = 1 / np.array([1.0, 2.0])
    assert_allclose(1 / correlation_length(1 / K), 2 * (2 * K - np.log(1 / np.tanh(K))), rtol=1e-14)
    assert correlation_length(TC) == math.inf
    # xi ~ 1/(4|K - K_c|) above, 1/(8|K - K_c|) below T_c
    for sign, amp in [(+1, 4), (-1, 8)]:
        T = TC * (1 + sign * 1e-7)
        assert_allclose(correlation_length(T) * amp * abs(1 / T - KC), 1.0, rtol=1e-6)


# ---------------------------------------------------------------------------
# limits and thermodynamic consistency
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("L", [None, 8])
def test_limits(L):
    assert_allclose(energy(0.05, L), -2.0, rtol=1e-15)
    assert_allclose(free_energy(0.05, L), -2.0, rtol=1e-3 if L else 1e-15)
    if L:
        assert_allclose(free_energy(0.05, L), -2 - 0.05 * math.log(2) / L**2, rtol=1e-15)
    assert 0 <= specific_heat(0.05, L) < 1e-20  # documented absolute accuracy of finite-L c
    T = 1e4  # u ~ -2/T, c ~ 2/T^2, f ~ -T ln 2 - 1/T
    assert abs(energy(T, L)) < 1e-3
    assert_allclose(energy(T, L) * T, -2.0, rtol=1e-6)
    assert_allclose(specific_heat(T, L) * T**2, 2.0, rtol=1e-6)
    assert_allclose(free_energy(T, L) / T, -math.log(2), rtol=1e-7)
    assert_allclose((free_energy(T, L) + T * math.log(2)) * T, -1.0, rtol=1e-6)


def test_limits_L2_doubled_bonds():
    # neighbours of the 2x2 torus are joined by two bonds: u ~ -4/T at high T
    assert_allclose(energy(1e4, 2) * 1e4, -4.0, rtol=1e-6)
    assert_allclose(energy(0.05, 2), -2.0, rtol=1e-15)


@pytest.mark.parametrize(("L", "temps"), [(None, [1.5, 2.0, 2.6, 3.5]), (8, [1.5, 2.0, TC, 3.0])])
def test_thermodynamic_consistency(L, temps):
    for T in temps:
        b, h = 1 / T, 1e-5 / T

        def beta_f(beta):
            return free_energy(1 / beta, L) * beta

        u_fd = (beta_f(b + h) - beta_f(b - h)) / (2 * h)
        assert_allclose(energy(T, L), u_fd, rtol=1e-6)
        dT = 1e-5 * T
        c_fd = (energy(T + dT, L) - energy(T - dT, L)) / (2 * dT)
        assert_allclose(specific_heat(T, L), c_fd, rtol=1e-6)


def test_extreme_temperatures_are_finite():
    T = np.geomspace(1e-300, 1e300, 301)
    for L in (None, 2, 5, 64):
        for fn in (free_energy, energy, specific_heat):
            v = fn(T, L)
            assert np.all(np.isfinite(v)), (fn.__name__, L)
        assert np.all(specific_heat(T, L) >= 0)
        assert np.all(np.diff(energy(T, L)) >= -1e-15)  # u increases with T
    assert np.all(np.isfinite(spontaneous_magnetization(T)))
    assert np.all(correlation_length(T) > 0)


# ---------------------------------------------------------------------------
# API: vectorisation, types, validation
# ---------------------------------------------------------------------------


def test_scalar_and_array_io():
    for fn in (spontaneous_magnetization, correlation_length):
        assert type(fn(2.0)) is float
    for L in (None, 4, np.int64(4)):
        for fn in (free_energy, energy, specific_heat):
            assert type(fn(2.0, L)) is float
            assert type(fn(np.float32(2.0), L)) is float
            assert type(fn(3, L)) is float
    assert type(partition_function_log(2.0, 4)) is float
    T = np.array([[0.5, 1.5, TC], [2.5, 3.0, 40.0]])
    for L in (None, 6):
        for fn in (free_energy, energy, specific_heat):
            out = fn(T, L)
            assert isinstance(out, np.ndarray) and out.shape == T.shape
            # numpy takes SIMD paths for arrays and scalar paths for scalars: equal to a few ulp
            assert_allclose(out.ravel(), [fn(t, L) for t in T.ravel()], rtol=4e-15, atol=0)
    assert spontaneous_magnetization(T).shape == T.shape
    assert correlation_length([]).shape == (0,)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf, -math.inf, [1.0, math.nan], "x"])
@pytest.mark.parametrize(
    "fn",
    [free_energy, energy, specific_heat, spontaneous_magnetization, correlation_length],
)
def test_bad_temperature(fn, bad):
    with pytest.raises(ValueError, match="T must"):
        fn(bad)


@pytest.mark.parametrize("bad", [1, 0, -3, 2.5, "x", True, 4.0])
@pytest.mark.parametrize("fn", [free_energy, energy, specific_heat, partition_function_log])
def test_bad_size(fn, bad):
    with pytest.raises(ValueError, match=r"L must be an integer >= 2"):
        fn(2.0, bad)


def test_partition_function_log_requires_L():
    with pytest.raises(ValueError, match="L must"):
        partition_function_log(2.0, None)


def test_all():
    assert set(exact.__all__) == {
        "onsager_tc",
        "spontaneous_magnetization",
        "energy",
        "specific_heat",
        "free_energy",
        "partition_function_log",
        "correlation_length",
    }
    assert_allclose(onsager_tc(), 2 / math.log(1 + math.sqrt(2)), rtol=1e-16)
