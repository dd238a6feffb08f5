"""Tests of isingneuron.lattice: Monte Carlo dynamics and error-bar helpers.

Exact references: exhaustive enumeration of the 2x2 (16 states) and 4x4 (65536 states)
tori, and Kaufman's (1949) result for the 16x16 torus from isingneuron.exact. Every
statistical comparison uses a fixed seed and a tolerance of 4 standard errors.
"""

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from scipy import stats
from scipy.signal import lfilter

from isingneuron import lattice
from isingneuron.lattice import (
    ALGORITHMS,
    Comparison,
    Estimate,
    Scan,
    Simulation,
    autocorrelation_time,
    binder_cumulant,
    blocking_error,
    compare_to_exact,
    mean_and_error,
    scan_sizes,
    scan_temperatures,
    simulate,
    specific_heat_from_energy,
    susceptibility_from_magnetization,
    sweep,
)

TC = 2.0 / np.log(1.0 + np.sqrt(2.0))
Z_MAX = 4.0  # tolerance in standard errors


# ---------------------------------------------------------------------------
# Independent references
# ---------------------------------------------------------------------------
def energy_per_spin(s, h=0.0):
    """H / N with H = -sum_i s_i (s_right + s_down) - h sum_i s_i (doubled bonds at L = 2)."""
    s = s.astype(np.int64)
    bonds = (s * (np.roll(s, -1, 0) + np.roll(s, -1, 1))).sum()
    return (-bonds - h * s.sum()) / s.size


def all_states(L):
    n = L * L
    idx = np.arange(2**n, dtype=np.int64)
    return (((idx[:, None] >> np.arange(n)) & 1) * 2 - 1).astype(np.int8).reshape(-1, L, L)


def enumerate_EM(L, h=0.0):
    """Total energy and magnetisation of every state of the L x L torus."""
    s = all_states(L).astype(np.int64)
    bonds = (s * (np.roll(s, -1, 1) + np.roll(s, -1, 2))).sum(axis=(1, 2))
    M = s.sum(axis=(1, 2))
    return -bonds - h * M, M


def exact_moments(L, T, h=0.0):
    """Exact e, |m|, m, C and Binder U of the L x L torus by enumeration."""
    E, M = enumerate_EM(L, h)
    N = L * L
    w = np.exp(-(E - E.min()) / T)
    w /= w.sum()
    mean = lambda x: float(np.dot(w, x))  # noqa: E731
    m2, m4 = mean((M / N) ** 2), mean((M / N) ** 4)
    return {
        "e": mean(E) / N,
        "abs_m": mean(np.abs(M)) / N,
        "m": mean(M) / N,
        "C": (mean(E**2) - mean(E) ** 2) / (N * T**2),
        "U": 1.0 - m4 / (3.0 * m2**2),
    }


def assert_close(est, exact, what):
    z = (est.value - exact) / est.error
    assert abs(z) < Z_MAX, (
        f"{what}: {est.value:.6f} +- {est.error:.2g} vs exact {exact:.6f} (z = {z:.2f})"
    )


# ---------------------------------------------------------------------------
# Exactness of the update rules
# ---------------------------------------------------------------------------
def reference_T0_sweep(s, h, rule):
    """One deterministic T = 0 checkerboard sweep in plain numpy (black = i + j even first)."""
    s = s.astype(np.int64)
    i, j = np.indices(s.shape)
    for colour in (0, 1):
        nb = np.roll(s, 1, 0) + np.roll(s, -1, 0) + np.roll(s, 1, 1) + np.roll(s, -1, 1)
        if rule == "metropolis":  # flip if dE = 2 s (nb + h) <= 0
            new = np.where(s * (nb + h) <= 0, -s, s)
        else:  # heat bath, no ties: align with the local field
            new = np.where(nb + h > 0, 1, -1)
        s = np.where((i + j) % 2 == colour, new, s)
    return s.astype(np.int8)


@pytest.mark.parametrize("L", [2, 4, 6, 10])
@pytest.mark.parametrize(
    ("algorithm", "h"),
    [("metropolis", 0.0), ("metropolis", 0.5), ("metropolis", -2.0), ("heatbath", 0.5)],
)
def test_zero_temperature_sweep_matches_numpy_reference(L, algorithm, h):
    # T = 0 is deterministic here, so this checks neighbour indexing and boundaries exactly
    rng = np.random.default_rng(L)
    s = (2 * rng.integers(0, 2, size=(L, L)) - 1).astype(np.int8)
    expected = s.copy()
    for _ in range(3):
        expected = reference_T0_sweep(expected, h, algorithm)
        sweep(s, 0.0, h=h, algorithm=algorithm, rng=1)
        assert_array_equal(s, expected)


def test_zero_temperature_quench_never_raises_energy():
    rng = np.random.default_rng(7)
    for algorithm in ("metropolis", "heatbath"):
        s = (2 * rng.integers(0, 2, size=(32, 32)) - 1).astype(np.int8)
        energies = [energy_per_spin(s)]
        for _ in range(60):
            sweep(s, 0.0, algorithm=algorithm, rng=rng)
            energies.append(energy_per_spin(s))
        assert np.all(np.diff(energies) <= 0), algorithm
        assert energies[-1] < energies[0] - 1.0


@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
def test_zero_temperature_all_up_stays_up(algorithm):
    s = np.ones((8, 8), dtype=np.int8)
    sweep(s, 0.0, 20, algorithm=algorithm, rng=3)
    assert np.all(s == 1)
    sim = simulate(8, 0.0, 10, algorithm=algorithm, start="up", rng=3)
    assert np.all(sim.spins == 1)
    assert_array_equal(sim.energy, -2.0)
    assert_array_equal(sim.magnetization, 1.0)


def _state_index(s):
    return int((((s.ravel().astype(np.int64) + 1) // 2) << np.arange(4)).sum())


def _boltzmann_2x2(T, h):
    S = all_states(2)
    E = np.array([energy_per_spin(s, h) for s in S]) * 4
    p = np.exp(-(E - E.min()) / T)
    return S, p


@pytest.mark.parametrize(
    ("algorithm", "h"),
    [("metropolis", 0.5), ("metropolis", 0.0), ("heatbath", 0.0), ("heatbath", -0.7)],
)
def test_2x2_state_histogram_is_boltzmann(algorithm, h):
    """Long-run histogram of the 16 states against exp(-E/T): chi-square, p > 1e-3.

    Metropolis at h = 0 has closed orbits (every site with zero local field, see the
    Notes of `sweep`) that a chain started elsewhere never enters; there the reference
    is Boltzmann restricted to the other states, and the orbit states must not occur.
    """
    T, n, thin = 3.0, 12_000, 4
    S, p = _boltzmann_2x2(T, h)
    nb = np.array(
        [np.roll(s, 1, 0) + np.roll(s, -1, 0) + np.roll(s, 1, 1) + np.roll(s, -1, 1) for s in S]
    )
    zero_field = np.all(nb == 0, axis=(1, 2))
    if algorithm == "metropolis" and h == 0:
        p[zero_field] = 0.0
    p /= p.sum()
    rng = np.random.default_rng(2024)
    s = np.ones((2, 2), dtype=np.int8)
    counts = np.zeros(16, dtype=int)
    for _ in range(n):
        sweep(s, T, thin, h=h, algorithm=algorithm, rng=rng)
        counts[_state_index(s)] += 1
    allowed = p > 0
    assert counts[~allowed].sum() == 0
    result = stats.chisquare(counts[allowed], n * p[allowed])
    assert result.pvalue > 1e-3, (counts, np.round(n * p))


def test_metropolis_zero_field_orbit_is_deterministic():
    # all four sites have zero local field: every half-sweep flips a whole colour
    s = np.array([[1, 1], [-1, -1]], dtype=np.int8)
    start = s.copy()
    sweep(s, 2.0, 1, rng=0)
    assert_array_equal(s, -start)


# ---------------------------------------------------------------------------
# Thermodynamics against exact results
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("T", [1.5, TC, 3.0])
def test_4x4_against_enumeration(algorithm, T):
    ex = exact_moments(4, T)
    sim = simulate(4, T, 100_000, algorithm=algorithm, rng=11)
    what = f"{algorithm} T={T:.3f}"
    assert_close(mean_and_error(sim.energy), ex["e"], f"e, {what}")
    assert_close(mean_and_error(np.abs(sim.magnetization)), ex["abs_m"], f"|m|, {what}")
    assert_close(specific_heat_from_energy(sim.energy, T, 4), ex["C"], f"C, {what}")
    assert_close(binder_cumulant(sim.magnetization), ex["U"], f"U, {what}")


@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
@pytest.mark.parametrize("h", [0.4, -1.0])
def test_4x4_in_a_field_against_enumeration(algorithm, h):
    T = 3.0
    ex = exact_moments(4, T, h)
    sim = simulate(4, T, 100_000, h=h, algorithm=algorithm, rng=5)
    assert_close(mean_and_error(sim.energy), ex["e"], f"e, {algorithm} h={h}")
    assert_close(mean_and_error(sim.magnetization), ex["m"], f"m, {algorithm} h={h}")
    assert_close(specific_heat_from_energy(sim.energy, T, 4), ex["C"], f"C, {algorithm} h={h}")


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("T", [2.0, TC, 2.6])
def test_16x16_against_kaufman(algorithm, T):
    exact = pytest.importorskip("isingneuron.exact")  # Kaufman's finite-torus result
    e, C = exact.energy(T, L=16), exact.specific_heat(T, L=16)
    sim = simulate(16, T, 60_000, algorithm=algorithm, rng=17)
    assert_close(mean_and_error(sim.energy), e, f"e, {algorithm} T={T:.3f}")
    assert_close(specific_heat_from_energy(sim.energy, T, 16), C, f"C, {algorithm} T={T:.3f}")


def test_wolff_and_local_rules_agree_at_tc():
    est = {
        alg: mean_and_error(simulate(16, TC, 40_000, algorithm=alg, rng=99).energy)
        for alg in ALGORITHMS
    }
    for alg in ("metropolis", "heatbath"):
        diff = est[alg].value - est["wolff"].value
        err = np.hypot(est[alg].error, est["wolff"].error)
        assert abs(diff) < Z_MAX * err, (alg, est)


def test_wolff_decorrelates_faster_at_tc():
    # the reason to have it: a far smaller autocorrelation time of |m| at Tc
    local = simulate(32, TC, 20_000, rng=4)
    wolff = simulate(32, TC, 20_000, algorithm="wolff", clusters_per_sweep=4, rng=4)
    tau_local = mean_and_error(np.abs(local.magnetization)).tau_int
    tau_wolff = mean_and_error(np.abs(wolff.magnetization)).tau_int
    assert tau_wolff < tau_local / 3, (tau_wolff, tau_local)


# ---------------------------------------------------------------------------
# Bookkeeping, reproducibility and in-place semantics
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("algorithm", "h"), [("metropolis", 0.3), ("heatbath", -0.2), ("wolff", 0.0)]
)
def test_simulation_series_match_final_spins(algorithm, h):
    sim = simulate(
        6,
        2.4,
        300,
        h=h,
        algorithm=algorithm,
        clusters_per_sweep=3 if algorithm == "wolff" else 1,
        rng=8,
    )
    assert isinstance(sim, Simulation)
    assert (sim.L, sim.T, sim.h, sim.algorithm, sim.n_burn) == (6, 2.4, h, algorithm, 60)
    assert sim.energy.shape == sim.magnetization.shape == (300,)
    assert sim.energy.dtype == sim.magnetization.dtype == np.float64
    assert sim.spins.shape == (6, 6) and sim.spins.dtype == np.int8
    assert sim.energy[-1] == pytest.approx(energy_per_spin(sim.spins, h), abs=1e-12)
    assert sim.magnetization[-1] == pytest.approx(sim.spins.mean(), abs=1e-12)


def test_wolff_energy_bookkeeping_on_2x2_doubled_bonds():
    sim = simulate(2, 3.0, 200, algorithm="wolff", n_burn=0, rng=1)
    assert sim.energy[-1] == pytest.approx(energy_per_spin(sim.spins))
    assert {-2.0, 0.0} <= set(np.unique(sim.energy)) <= {-2.0, 0.0, 2.0}  # total -8, 0, 8


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_same_seed_same_result_different_seed_different(algorithm):
    a = simulate(8, 2.3, 200, algorithm=algorithm, rng=123)
    b = simulate(8, 2.3, 200, algorithm=algorithm, rng=123)
    c = simulate(8, 2.3, 200, algorithm=algorithm, rng=124)
    assert_array_equal(a.energy, b.energy)
    assert_array_equal(a.magnetization, b.magnetization)
    assert_array_equal(a.spins, b.spins)
    assert not np.array_equal(a.energy, c.energy)

    s1, s2 = np.ones((8, 8), np.int8), np.ones((8, 8), np.int8)
    sweep(s1, 2.3, 5, algorithm=algorithm, rng=np.random.default_rng(5))
    sweep(s2, 2.3, 5, algorithm=algorithm, rng=np.random.default_rng(5))
    assert_array_equal(s1, s2)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_sweep_is_in_place(algorithm):
    s = np.ones((8, 8), dtype=np.int8)
    assert sweep(s, 3.0, 3, algorithm=algorithm, rng=0) is s
    assert not np.all(s == 1)
    # a non-contiguous view updates its base
    base = np.ones((8, 8), dtype=np.int8, order="F")
    view = base.T
    assert sweep(view, 3.0, 3, algorithm=algorithm, rng=0) is view
    assert not np.all(base == 1)
    # zero sweeps change nothing
    before = s.copy()
    sweep(s, 3.0, 0, algorithm=algorithm, rng=0)
    assert_array_equal(s, before)


def test_start_options():
    L = 4
    assert (
        simulate(L, 1.0, 1, start="up", n_burn=0, algorithm="heatbath", h=5.0, rng=0).magnetization[
            0
        ]
        == 1
    )
    assert (
        simulate(
            L, 1.0, 1, start="down", n_burn=0, algorithm="heatbath", h=-5.0, rng=0
        ).magnetization[0]
        == -1
    )
    start = np.ones((L, L), dtype=np.int8)
    simulate(L, 5.0, 10, start=start, rng=0)
    assert np.all(start == 1)  # copied, not modified
    assert simulate(L, 1.0, 10, rng=0).n_burn == 2


# ---------------------------------------------------------------------------
# Input validation
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("L", [0, 1, 3, 7, 2.0, "4", True])
def test_rejects_bad_L(L):
    with pytest.raises(ValueError, match="L must be"):
        simulate(L, 2.0, 10)


@pytest.mark.parametrize("T", [-1.0, np.nan, np.inf, -np.inf, [1.0, 2.0], "hot"])
def test_rejects_bad_temperature(T):
    with pytest.raises(ValueError, match="T must be"):
        simulate(4, T, 10)
    with pytest.raises(ValueError, match="T must be"):
        sweep(np.ones((4, 4), np.int8), T)


def test_wolff_rejects_zero_temperature_and_field():
    with pytest.raises(ValueError, match="T must be > 0 for algorithm='wolff'"):
        simulate(4, 0.0, 10, algorithm="wolff")
    with pytest.raises(ValueError, match="h must be 0 for algorithm='wolff'"):
        sweep(np.ones((4, 4), np.int8), 2.0, h=0.1, algorithm="wolff")


@pytest.mark.parametrize("h", [np.nan, np.inf, [0.1, 0.2]])
def test_rejects_bad_field(h):
    with pytest.raises(ValueError, match="h must be"):
        simulate(4, 2.0, 10, h=h)


@pytest.mark.parametrize(
    "spins",
    [
        [[1, -1], [-1, 1]],  # not an ndarray
        np.ones((4, 4)),  # float
        np.ones((4, 4), np.int64),  # wrong integer type
        np.ones(16, np.int8),  # 1-D
        np.ones((4, 6), np.int8),  # not square
        np.ones((3, 3), np.int8),  # odd L
        np.ones((2, 2, 2), np.int8),  # 3-D
        np.array([[1, 0], [1, 1]], np.int8),  # a zero
        np.array([[1, 2], [1, 1]], np.int8),  # a two
    ],
)
def test_sweep_rejects_bad_spins(spins):
    with pytest.raises(ValueError, match="spins must"):
        sweep(spins, 2.0)


def test_sweep_rejects_read_only_spins():
    s = np.ones((4, 4), np.int8)
    s.flags.writeable = False
    with pytest.raises(ValueError, match="spins must be a writeable"):
        sweep(s, 2.0)


@pytest.mark.parametrize("n", [-1, 2.5, "3", True, None])
def test_rejects_bad_n_sweeps(n):
    with pytest.raises(ValueError, match="n_sweeps must be"):
        sweep(np.ones((4, 4), np.int8), 2.0, n)
    with pytest.raises(ValueError, match="n_sweeps must be"):
        simulate(4, 2.0, n)


def test_rejects_bad_algorithm_start_burn_clusters():
    with pytest.raises(ValueError, match="algorithm must be one of"):
        sweep(np.ones((4, 4), np.int8), 2.0, algorithm="glauber")
    with pytest.raises(ValueError, match="start must be one of"):
        simulate(4, 2.0, 10, start="hot")
    with pytest.raises(ValueError, match="start must be one of"):
        simulate(4, 2.0, 10, start=1)
    with pytest.raises(ValueError, match=r"start must have shape \(L, L\)"):
        simulate(4, 2.0, 10, start=np.ones((6, 6), np.int8))
    with pytest.raises(ValueError, match="start must"):
        simulate(4, 2.0, 10, start=np.zeros((4, 4), np.int8))
    with pytest.raises(ValueError, match="n_burn must be"):
        simulate(4, 2.0, 10, n_burn=-1)
    with pytest.raises(ValueError, match="clusters_per_sweep must be"):
        simulate(4, 2.0, 10, algorithm="wolff", clusters_per_sweep=0)
    with pytest.raises(ValueError, match="clusters_per_sweep must be 1 unless"):
        sweep(np.ones((4, 4), np.int8), 2.0, clusters_per_sweep=2)


def test_statistics_reject_bad_input():
    good = np.arange(100.0)
    with pytest.raises(ValueError, match="x must be a 1-D series"):
        mean_and_error(np.ones((10, 10)))
    with pytest.raises(ValueError, match="x must be a 1-D series"):
        autocorrelation_time([1.0])
    with pytest.raises(ValueError, match="x must be finite"):
        mean_and_error([1.0, np.nan])
    with pytest.raises(ValueError, match="c must be"):
        autocorrelation_time(good, c=0.0)
    with pytest.raises(ValueError, match="n_blocks must be"):
        blocking_error(good, n_blocks=1)
    with pytest.raises(ValueError, match="x must be a 1-D series of length >= 25"):
        blocking_error(good[:10])
    with pytest.raises(ValueError, match="T must be"):
        susceptibility_from_magnetization(good, T=0.0, L=4)
    with pytest.raises(ValueError, match="L must be"):
        specific_heat_from_energy(good, T=1.0, L=0)
    with pytest.raises(ValueError, match="m must not be identically zero"):
        binder_cumulant(np.zeros(100))


# ---------------------------------------------------------------------------
# Error bars on synthetic data
# ---------------------------------------------------------------------------
def ar1(phi, n, seed):
    rng = np.random.default_rng(seed)
    x = lfilter([1.0], [1.0, -phi], rng.standard_normal(n + 2000))
    return x[2000:]


@pytest.mark.parametrize("phi", [0.0, 0.5, 0.8, 0.95])
def test_error_bars_on_ar1_process(phi):
    n = 200_000
    x = ar1(phi, n, seed=int(phi * 100))
    tau_true = (1 + phi) / (1 - phi)
    err_true = np.sqrt(tau_true / (1 - phi**2) / n)
    est = mean_and_error(x)
    assert isinstance(est, Estimate)
    assert est.tau_int == pytest.approx(tau_true, rel=0.1)
    assert est.error == pytest.approx(err_true, rel=0.2)
    assert autocorrelation_time(x) == est.tau_int
    assert blocking_error(x, n_blocks=100) == pytest.approx(err_true, rel=0.2)
    assert abs(est.value) < Z_MAX * err_true


def test_short_series_warns():
    x = ar1(0.95, 1000, seed=1)  # tau_int = 39: needs n >= 50 tau ~ 2000
    with pytest.warns(RuntimeWarning, match="shorter than 50 autocorrelation times"):
        autocorrelation_time(x)
    with pytest.warns(RuntimeWarning, match="shorter than 50 autocorrelation times"):
        mean_and_error(x)


def test_constant_series():
    est = mean_and_error(np.full(50, -2.0))
    assert (est.value, est.error) == (-2.0, 0.0)
    assert np.isnan(est.tau_int)


@pytest.mark.parametrize(
    ("estimator", "exact"),
    [
        (lambda x: specific_heat_from_energy(x, T=1.0, L=1), 1.0),  # = var(x)
        (binder_cumulant, 0.0),  # zero for a Gaussian
    ],
)
def test_jackknife_errors_match_replica_spread(estimator, exact):
    rng = np.random.default_rng(31)
    est = [estimator(x) for x in rng.standard_normal((400, 1000))]
    values = np.array([e.value for e in est])
    errors = np.array([e.error for e in est])
    assert values.mean() == pytest.approx(exact, abs=Z_MAX * values.std() / np.sqrt(400))
    assert errors.mean() == pytest.approx(values.std(ddof=1), rel=0.15)


def test_derived_quantities_point_values():
    rng = np.random.default_rng(0)
    m = rng.uniform(-1, 1, 1000)
    chi = susceptibility_from_magnetization(m, T=2.0, L=8)
    assert chi.value == pytest.approx(64 * (np.mean(m**2) - np.mean(np.abs(m)) ** 2) / 2.0)
    e = rng.normal(-1.0, 0.1, 1000)
    C = specific_heat_from_energy(e, T=2.0, L=8)
    assert C.value == pytest.approx(64 * np.var(e) / 4.0)
    U = binder_cumulant(m)
    assert U.value == pytest.approx(1 - np.mean(m**4) / (3 * np.mean(m**2) ** 2))
    assert U.tau_int == pytest.approx(1.0, abs=0.3)


# ---------------------------------------------------------------------------
# Temperature and size scans
# ---------------------------------------------------------------------------
SCAN_FIELDS = {"abs_m": "abs_m", "energy": "e", "specific_heat": "C", "binder": "U"}


def test_scan_against_4x4_enumeration():
    # both rules of "auto": heat bath at 1.5 and 4.0, Wolff at Tc and 3.0
    T = np.array([1.5, TC, 3.0, 4.0])
    scan = scan_temperatures(4, T, 40_000, rng=3)
    assert isinstance(scan, Scan)
    assert scan.algorithm == ("heatbath", "wolff", "wolff", "heatbath")
    for k, t in enumerate(T):
        ex = exact_moments(4, t)
        for name, key in SCAN_FIELDS.items():
            est = Estimate(getattr(scan, name)[k], getattr(scan, name + "_err")[k], np.nan)
            assert_close(est, ex[key], f"{name}, T={t:.3f}")


def test_scan_against_kaufman_16x16():
    exact = pytest.importorskip("isingneuron.exact")
    T = np.array([2.0, TC, 2.6])
    scan = scan_temperatures(16, T, 20_000, rng=21)
    for name in ("energy", "specific_heat"):
        ref = getattr(exact, name)(T, L=16)
        cmp = compare_to_exact(getattr(scan, name), getattr(scan, name + "_err"), ref)
        assert cmp.max_abs_z < Z_MAX, (name, cmp)


def test_scan_sizes_at_tc_matches_scan_temperatures_layout():
    scan = scan_sizes([4, 8], TC, 5000, rng=2)
    assert_array_equal(scan.L, [4, 8])
    assert_array_equal(scan.T, [TC, TC])
    assert scan.abs_m.shape == scan.binder_err.shape == scan.tau_abs_m.shape == (2,)
    assert scan.abs_m[1] < scan.abs_m[0]  # <|m|>(Tc) falls with L
    # the Binder cumulant at Tc depends only weakly on L (curves cross there)
    assert abs(scan.binder[1] - scan.binder[0]) < 0.05
    assert scan.n_sweeps == 5000


def test_wolff_clusters_per_sweep_flips_about_n_spins():
    # mean cluster size N <m^2>: a sweep of round(1/<m^2>) clusters flips ~N spins
    T = np.array([2.0, TC, 2.8])
    scan = scan_temperatures(8, T, 5000, algorithm="wolff", rng=4)
    m2 = scan.susceptibility * T / 64 + scan.abs_m**2  # chi = N (<m^2> - <|m|>^2) / T
    ratio = scan.clusters_per_sweep * m2
    assert np.all((0.5 < ratio) & (ratio < 2.0)), (scan.clusters_per_sweep, m2)


def test_scan_explicit_algorithm_and_auto_choice():
    T = [1.5, 2.2, 3.5]
    assert scan_temperatures(8, T, 2000, rng=0).algorithm == ("heatbath", "wolff", "heatbath")
    local = scan_temperatures(8, T, 2000, algorithm="metropolis", rng=0)
    assert local.algorithm == ("metropolis",) * 3
    assert_array_equal(local.clusters_per_sweep, [1, 1, 1])


def test_scan_is_reproducible_and_points_are_independent_streams():
    a = scan_temperatures(8, [2.1, 2.9], 500, rng=7)
    b = scan_temperatures(8, [2.1, 2.9], 500, rng=7)
    c = scan_temperatures(8, [2.1], 500, rng=7)  # first stream does not depend on the rest
    d = scan_temperatures(8, [2.1, 2.9], 500, rng=8)
    assert_array_equal(a.energy, b.energy)
    assert_array_equal(a.binder_err, b.binder_err)
    assert a.energy[0] == c.energy[0]
    assert a.energy[0] != d.energy[0]


def test_scan_rejects_bad_input():
    with pytest.raises(ValueError, match="L must be even"):
        scan_temperatures(7, [2.0], 100)
    with pytest.raises(ValueError, match="T must be"):
        scan_temperatures(8, [2.0, -1.0], 100)
    with pytest.raises(ValueError, match="T must be"):
        scan_temperatures(8, [[2.0]], 100)
    with pytest.raises(ValueError, match="T must be"):
        scan_temperatures(8, [], 100)
    with pytest.raises(ValueError, match="n_sweeps must be an integer >= 50"):
        scan_temperatures(8, 2.0, 49)
    with pytest.raises(ValueError, match="algorithm must be one of"):
        scan_temperatures(8, 2.0, 100, algorithm="swendsen")
    with pytest.raises(ValueError, match="n_blocks must be"):
        scan_temperatures(8, 2.0, 100, n_blocks=1)
    with pytest.raises(ValueError, match="n_burn must be"):
        scan_temperatures(8, 2.0, 100, n_burn=-1)
    with pytest.raises(ValueError, match="L must be"):
        scan_sizes([8, 5], 2.0, 100)
    with pytest.raises(ValueError, match="L must be"):
        scan_sizes([], 2.0, 100)
    with pytest.raises(ValueError, match="T must be"):
        scan_sizes([8], [2.0, 3.0], 100)


def test_compare_to_exact():
    c = compare_to_exact([1.0, 2.2, 2.9], [0.1, 0.1, 0.1], [1.0, 2.0, 3.0])
    assert isinstance(c, Comparison)
    assert c.n == 3
    assert c.chi2 == pytest.approx(5.0)
    assert c.max_abs_z == pytest.approx(2.0)
    assert c.within_2_sigma == pytest.approx(2 / 3)
    assert c.p_value == pytest.approx(stats.chi2.sf(5.0, 3))
    # honest Gaussian errors: chi2 ~ n, p-value not small
    rng = np.random.default_rng(0)
    z = rng.standard_normal(400)
    good = compare_to_exact(1.0 + 0.1 * z, 0.1, 1.0)
    assert good.p_value > 0.01 and 0.9 < good.within_2_sigma < 0.99
    with pytest.raises(ValueError, match="error must be > 0"):
        compare_to_exact([1.0], [0.0], [1.0])
    with pytest.raises(ValueError, match="value must be finite"):
        compare_to_exact([np.nan], [1.0], [1.0])
    with pytest.raises(ValueError, match="do not broadcast"):
        compare_to_exact([1.0, 2.0], [1.0, 1.0, 1.0], 1.0)


# ---------------------------------------------------------------------------
# Seeds are checked in one place (_validation.generator) and errors name `rng`
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (-1, ValueError),
        ("abc", TypeError),
        (1.5, TypeError),
        (True, TypeError),
        ([1, -2], ValueError),
        ([], TypeError),
        (object(), TypeError),
        (np.nan, TypeError),
    ],
)
def test_bad_seeds_name_rng(bad, error):
    from isingneuron._validation import generator

    with pytest.raises(error, match="rng must be"):
        generator(bad)
    with pytest.raises(error, match="rng must be"):
        simulate(8, 2.0, 2, rng=bad)


def test_good_seeds_are_what_numpy_makes_of_them():
    from isingneuron._validation import generator

    g = np.random.default_rng(5)
    assert generator(g) is g
    for seed in (None, 0, 7, np.int64(7), [1, 2], np.array([3, 4]), np.random.SeedSequence(9)):
        a, b = generator(seed), np.random.default_rng(seed)
        if seed is not None:
            assert a.integers(2**62) == b.integers(2**62)


# --------------------------------------------------------------------------- hostile sizes


@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath", "wolff"])
def test_a_long_run_stops_within_a_second_of_an_interrupt(algorithm):
    """KeyboardInterrupt (Jupyter's stop button) ends a long kernel run; spins stay valid."""
    import signal
    import time

    spins = np.ones((64, 64), dtype=np.int8)
    lattice.sweep(spins, 2.3, 2, algorithm=algorithm, rng=0)  # compiled before the clock runs

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(KeyboardInterrupt):
            lattice.sweep(spins, 2.3, 10**9, algorithm=algorithm, rng=1)  # hours uninterrupted
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert time.perf_counter() - start < 1.5
    assert np.all(np.abs(spins) == 1)
    assert abs(int(spins.sum())) < spins.size  # it did run: no longer all up at T = 2.3


def test_chunked_runs_are_bit_identical_to_one_call(monkeypatch):
    """Splitting a run into kernel calls changes no random number and no result."""
    whole = [lattice.simulate(16, 2.3, 300, algorithm=a, rng=3) for a in lattice.ALGORITHMS]
    monkeypatch.setattr(lattice, "_CHUNK_WORK", 64)  # a chunk per sweep (L = 16: 256 updates)
    for a, ref in zip(lattice.ALGORITHMS, whole, strict=True):
        sim = lattice.simulate(16, 2.3, 300, algorithm=a, rng=3)
        np.testing.assert_array_equal(sim.energy, ref.energy)
        np.testing.assert_array_equal(sim.magnetization, ref.magnetization)
        np.testing.assert_array_equal(sim.spins, ref.spins)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_sweeps": 2**63}, "n_sweeps must be <="),
        ({"n_sweeps": 10**12}, r"n_sweeps must be <= 268435456 .*GiB requested"),
        ({"n_sweeps": 10, "n_burn": 2**62}, "n_burn must be <="),
        ({"n_sweeps": 2**28, "n_burn": 2**62 // 256 - 2**27}, r"n_burn \+ n_sweeps must be <="),
        ({"n_sweeps": 10, "h": 1e308}, r"h must be finite with \|h\| <= 1e\+06"),
        ({"n_sweeps": 10, "L": 2**20}, "L must be <= 16384"),
        (
            {"n_sweeps": 10, "algorithm": "wolff", "clusters_per_sweep": 2**62},
            "n_sweeps must be <=",
        ),
    ],
)
def test_counts_and_sizes_are_refused_before_anything_is_allocated(kwargs, match):
    args = {"L": 16, "T": 2.3, "rng": 0, **kwargs}
    with pytest.raises(ValueError, match=match):
        lattice.simulate(**args)


def test_sweep_refuses_an_overflowing_count_and_a_huge_field():
    spins = np.ones((8, 8), dtype=np.int8)
    with pytest.raises(ValueError, match="n_sweeps must be <="):
        lattice.sweep(spins, 2.0, 2**63, rng=0)
    with pytest.raises(ValueError, match=r"\|h\| <= 1e\+06"):
        lattice.sweep(spins, 2.0, 1, h=-1e7, rng=0)
    with pytest.raises(ValueError, match=r"\|h\| <= 1e\+06"):
        lattice.run_schedule(spins, [2.0, 2.0], h=[0.0, 1e300], rng=0)
    assert np.all(spins == 1)  # nothing ran


def test_largest_field_gives_finite_energies():
    sim = lattice.simulate(8, 2.0, 20, h=1e6, rng=0)
    assert np.all(np.isfinite(sim.energy)) and np.all(sim.magnetization == 1.0)
    np.testing.assert_allclose(sim.energy, -2.0 - 1e6, rtol=1e-15)
