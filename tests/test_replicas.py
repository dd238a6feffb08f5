"""Tests of isingneuron.replicas: independent lattices by multi-spin coding.

References: Kaufman's exact finite-torus energy and specific heat (isingneuron.exact), exhaustive
enumeration of the 4x4 torus in a field, and a plain per-replica numpy implementation of one
half-sweep given the kernel's own random uniforms. The replicas are independent, so a standard
error is the spread across replicas of their time averages. Fixed seeds; tolerance 4 standard
errors.
"""

import signal
import time

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from scipy.special import expit

import isingneuron
from isingneuron import exact, lattice, replicas
from isingneuron.replicas import ReplicaSimulation, simulate_replicas

TC = 2.0 / np.log(1.0 + np.sqrt(2.0))
Z_MAX = 4.0


# ---------------------------------------------------------------------------
# Independent references
# ---------------------------------------------------------------------------
def energy_per_spin(s, h=0.0):
    """H / N of each configuration in `s` (..., L, L): H = -sum s_i (s_right + s_down) - h M."""
    s = s.astype(np.int64)
    bonds = (s * (np.roll(s, -1, -1) + np.roll(s, -1, -2))).sum(axis=(-2, -1))
    return (-bonds - h * s.sum(axis=(-2, -1))) / (s.shape[-1] * s.shape[-2])


def exact_4x4(T, h):
    """<e> and <m> per spin on the 4x4 torus in a field, by enumerating the 65536 states."""
    idx = np.arange(2**16, dtype=np.int64)
    s = (((idx[:, None] >> np.arange(16)) & 1) * 2 - 1).reshape(-1, 4, 4)
    E = energy_per_spin(s, h) * 16
    M = s.sum(axis=(1, 2))
    w = np.exp(-(E - E.min()) / T)
    return float(w @ E / w.sum() / 16), float(w @ M / w.sum() / 16)


def acceptance(algorithm, T, s, nb, h):
    """Metropolis: flip with min(1, exp(-dE/T)), dE = 2 s (nb + h); heat bath: up with
    expit(2 (nb + h) / T). At T = 0 the limits T -> 0+ (probability 1/2 at zero field)."""
    if algorithm == "metropolis":
        dE = 2.0 * s * (nb + h)
        if T == 0:
            return (dE <= 0).astype(float)
        return np.minimum(1.0, np.exp(-dE / T))
    x = nb + h
    return (np.sign(x) + 1.0) / 2.0 if T == 0 else expit(2.0 * x / T)


def reference_half_sweep(spins, algorithm, T, h, seed, t, c):
    """Colour `c` of sweep `t`, replica by replica, with the kernel's uniforms U: accept iff
    U < q = round(p 2**32)."""
    n, L, _ = spins.shape
    n_words = -(-n // 64)
    s = spins.astype(np.int64)
    nb = np.roll(s, 1, 1) + np.roll(s, -1, 1) + np.roll(s, 1, 2) + np.roll(s, -1, 2)
    out = spins.copy()
    for i in range(L):
        for j in range(L):
            if (i + j) % 2 != c:
                continue
            U = np.concatenate(
                [replicas._uniforms(seed, t, c, w, i, j // 2, L, n_words) for w in range(n_words)]
            )[:n].astype(np.int64)
            with np.errstate(over="ignore"):
                p = acceptance(algorithm, T, s[:, i, j], nb[:, i, j], h)
            accept = U < np.rint(p * 2.0**32).astype(np.int64)
            if algorithm == "metropolis":
                out[accept, i, j] = -spins[accept, i, j]
            else:
                out[:, i, j] = np.where(accept, 1, -1)
    return out


def replica_estimates(sim):
    """<e> and C with standard errors from the spread across replicas (jackknife for C)."""
    N, T = sim.L**2, sim.T
    s1 = sim.energy.mean(axis=1)
    s2 = (sim.energy**2).mean(axis=1)
    R = s1.size
    e_err = s1.std(ddof=1) / np.sqrt(R)
    C = N * (s2.mean() - s1.mean() ** 2) / T**2
    loo1 = (s1.sum() - s1) / (R - 1)
    loo2 = (s2.sum() - s2) / (R - 1)
    C_loo = N * (loo2 - loo1**2) / T**2
    C_err = np.sqrt((R - 1) / R * np.sum((C_loo - C_loo.mean()) ** 2))
    return s1.mean(), e_err, C, C_err


# ---------------------------------------------------------------------------
# (1) Equilibrium against exact results
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
@pytest.mark.parametrize("T", [2.0, TC, 3.0])
@pytest.mark.parametrize("L", [8, 16])
def test_energy_and_specific_heat_match_kaufman(algorithm, T, L):
    sim = simulate_replicas(L, T, 4000, n_replicas=64, algorithm=algorithm, n_burn=500, rng=11)
    e, e_err, C, C_err = replica_estimates(sim)
    assert abs(e - exact.energy(T, L=L)) < Z_MAX * e_err
    assert abs(C - exact.specific_heat(T, L=L)) < Z_MAX * C_err
    assert e_err < 0.002 and C_err < 0.02 * C  # the test has teeth


@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
def test_energy_and_magnetisation_in_a_field_match_enumeration(algorithm):
    T, h = 2.5, 0.3  # ergodic within the run (at T = 1.5 a 4x4 torus stays in the wrong phase)
    sim = simulate_replicas(4, T, 4000, n_replicas=64, h=h, algorithm=algorithm, n_burn=200, rng=5)
    e_exact, m_exact = exact_4x4(T, h)
    for series, exact_value in ((sim.energy, e_exact), (sim.magnetization, m_exact)):
        means = series.mean(axis=1)
        err = means.std(ddof=1) / np.sqrt(means.size)
        assert abs(means.mean() - exact_value) < Z_MAX * err
        assert err < 0.01


# ---------------------------------------------------------------------------
# (2) Independence of the replicas
# ---------------------------------------------------------------------------
def independence_statistics(energy, n_blocks=100):
    """Largest |z| of the pairwise correlations of block means, and the variance ratio F.

    Block means (blocks much longer than the autocorrelation time) are nearly independent
    samples, so for independent replicas z = atanh(r) sqrt(n_blocks - 3) is standard normal
    for every pair, and F = R var(mean over replicas) / mean(var) is about 1 +- 0.14.
    """
    R, n = energy.shape
    blocks = energy[:, : n - n % n_blocks].reshape(R, n_blocks, -1).mean(axis=2)
    r = np.corrcoef(blocks)[np.triu_indices(R, 1)]
    z = np.arctanh(np.clip(r, -0.999999, 0.999999)) * np.sqrt(n_blocks - 3)
    F = R * blocks.mean(axis=0).var(ddof=1) / blocks.var(axis=1, ddof=1).mean()
    return float(np.max(np.abs(z))), float(F)


def _independence_run(algorithm):
    return simulate_replicas(
        8, 3.0, 4000, n_replicas=128, algorithm=algorithm, n_burn=100, rng=21
    ).energy


@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
def test_replicas_are_uncorrelated(algorithm):
    z_max, F = independence_statistics(_independence_run(algorithm))
    assert z_max < 5.0  # 8128 pairs: max |z| of independent normals is about 4
    assert abs(F - 1.0) < 0.6


@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
def test_independence_test_catches_shared_random_bits(algorithm, monkeypatch):
    """A doctored run whose two words read the same random words fails the test above."""
    monkeypatch.setattr(replicas, "_word_streams", lambda n: np.zeros(n, dtype=np.int64))
    z_max, _ = independence_statistics(_independence_run(algorithm))
    assert z_max > 10.0


# ---------------------------------------------------------------------------
# (3) The kernel, bit by bit, against a plain per-replica implementation
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("algorithm", "T", "h"),
    [
        ("metropolis", 2.3, 0.0),  # two random classes (0 or 1 neighbours anti-aligned)
        ("heatbath", 2.3, 0.0),  # five (0-4 neighbours up)
        ("metropolis", 1.7, 0.4),  # five, and they depend on the spin: k <= 2
        ("metropolis", 1.7, -2.5),  # seven: k <= 3
        ("heatbath", 2.0, -0.7),  # five
        ("heatbath", 0.0, 0.0),  # T = 0: only a zero local field is random (probability 1/2)
        ("metropolis", 0.0, 2.0),  # T = 0: every class certain
        ("metropolis", 1e300, 0.5),  # every flip certain
        ("heatbath", 0.3, 1e6),  # huge field
    ],
)
@pytest.mark.parametrize(("L", "n"), [(4, 64), (6, 64), (4, 100)])
def test_half_sweep_matches_per_replica_reference(algorithm, T, h, L, n):
    rng = np.random.default_rng(L + n)
    spins = (2 * rng.integers(0, 2, size=(n, L, L)) - 1).astype(np.int8)
    seed, t = int(rng.integers(2**63)), 5
    for c in (0, 1):
        words = replicas._pack(spins)
        assert_array_equal(replicas._unpack(words, n), spins)
        replicas._half_sweep(words, algorithm, T, h, seed, t, c)
        got = replicas._unpack(words, n)
        assert_array_equal(got, reference_half_sweep(spins, algorithm, T, h, seed, t, c))
        spins = got


def test_uniforms_are_exact_32_bit_integers():
    u = replicas._uniforms(3, 0, 1, 0, 2, 1, 6, 1)
    assert u.dtype == np.uint64 and u.shape == (64,) and int(u.max()) < 2**32
    assert len(set(u.tolist())) == 64


# ---------------------------------------------------------------------------
# (4) Edge cases
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("algorithm", ["metropolis", "heatbath"])
def test_zero_temperature_never_raises_the_energy(algorithm):
    sim = simulate_replicas(16, 0.0, 50, n_replicas=70, algorithm=algorithm, rng=2)
    assert np.all(np.diff(sim.energy, axis=1) <= 1e-12)
    assert sim.energy[:, -1].mean() < -1.5  # the quench did order the lattices


def test_infinite_temperature_metropolis_flips_every_spin():
    sim = simulate_replicas(6, 1e300, 10, n_replicas=65, rng=3)
    assert_array_equal(sim.magnetization[:, 1:], -sim.magnetization[:, :-1])
    assert_array_equal(sim.energy, np.repeat(sim.energy[:, :1], 10, axis=1))


def test_infinite_temperature_heat_bath_randomises():
    sim = simulate_replicas(8, 1e300, 200, n_replicas=64, algorithm="heatbath", rng=4)
    for series in (sim.energy, sim.magnetization):
        means = series.mean(axis=1)
        assert abs(means.mean()) < Z_MAX * means.std(ddof=1) / np.sqrt(means.size)
    assert abs(np.mean(sim.energy**2) * 64 - 2.0) < 0.1  # var(e) = 2 / N for random spins


@pytest.mark.parametrize("n", [1, 63, 64, 65, 130])
def test_any_number_of_replicas(n):
    L, h = 6, 0.25
    sim = simulate_replicas(L, 2.5, 7, n_replicas=n, h=h, algorithm="heatbath", rng=9)
    assert isinstance(sim, ReplicaSimulation)
    assert (sim.n_replicas, sim.L, sim.T, sim.h, sim.n_burn) == (n, L, 2.5, h, 0)
    assert sim.energy.shape == sim.magnetization.shape == (n, 7)
    assert sim.spins.shape == (n, L, L) and sim.spins.dtype == np.int8
    assert np.all(np.abs(sim.spins) == 1)
    # the last measurement is the energy and magnetisation of the final configuration
    np.testing.assert_allclose(sim.energy[:, -1], energy_per_spin(sim.spins, h), atol=1e-12)
    assert_array_equal(sim.magnetization[:, -1], sim.spins.sum(axis=(1, 2)) / L**2)
    # padding lanes are simulated and ignored: with as many words, the same replicas
    more = simulate_replicas(
        L, 2.5, 7, n_replicas=64 * -(-n // 64), h=h, algorithm="heatbath", rng=9
    )
    assert_array_equal(sim.energy, more.energy[:n])
    assert_array_equal(sim.spins, more.spins[:n])


def test_two_by_two_torus_counts_doubled_bonds():
    sim = simulate_replicas(2, 1.0, 5, n_replicas=3, rng=0)
    np.testing.assert_allclose(sim.energy[:, -1], energy_per_spin(sim.spins), atol=1e-12)


def test_zero_sweeps_and_reproducibility():
    sim = simulate_replicas(4, 2.0, 0, n_replicas=5, n_burn=3, rng=1)
    assert sim.energy.shape == (5, 0) and sim.spins.shape == (5, 4, 4)
    a, b = (
        simulate_replicas(8, 2.2, 30, n_replicas=70, rng=np.random.default_rng(8)) for _ in "ab"
    )
    assert_array_equal(a.energy, b.energy)
    assert_array_equal(a.spins, b.spins)
    c = simulate_replicas(8, 2.2, 30, n_replicas=70, rng=9)
    assert not np.array_equal(a.energy, c.energy)


def test_reached_from_the_flat_api_and_from_lattice():
    assert isingneuron.simulate_replicas is simulate_replicas
    assert lattice.simulate_replicas is simulate_replicas
    assert lattice.ReplicaSimulation is ReplicaSimulation
    assert "simulate_replicas" in isingneuron.__all__
    with pytest.raises(AttributeError):
        lattice.no_such_thing  # noqa: B018


# ---------------------------------------------------------------------------
# (5) Validation
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"L": 7}, "L must be even"),
        ({"L": 0}, "L must be"),
        ({"L": 2**15}, "L must be <= 16384"),
        ({"L": 4.0}, "L must be"),
        ({"T": -1.0}, "T must be"),
        ({"T": np.nan}, "T must be"),
        ({"T": [1.0, 2.0]}, "T must be a scalar"),
        ({"n_sweeps": -1}, "n_sweeps must be"),
        ({"n_sweeps": 2.5}, "n_sweeps must be"),
        ({"n_replicas": 0}, "n_replicas must be"),
        ({"n_replicas": True}, "n_replicas must be"),
        ({"h": np.inf}, "h must be"),
        ({"h": 2e6}, r"h must be finite with \|h\| <= 1e\+06"),
        ({"algorithm": "wolff"}, "algorithm must be one of 'metropolis', 'heatbath'"),
        ({"n_burn": -1}, "n_burn must be"),
        ({"n_burn": None}, "n_burn must be"),
        ({"n_sweeps": 2**27, "n_replicas": 3}, r"n_replicas \* n_sweeps must be <= 268435456"),
        ({"n_sweeps": 10**12}, r"n_replicas \* n_sweeps must be <="),
        ({"L": 4096, "n_replicas": 65}, r"n_replicas \* L\*\*2 must be <="),
        ({"n_burn": 10**12}, r"n_burn \+ n_sweeps must keep the run within 1e\+12"),
        ({"L": 4, "n_burn": 10**9}, r"n_burn \+ n_sweeps must keep"),
    ],
)
def test_bad_input_is_refused_before_anything_runs(kwargs, match):
    args = {"L": 8, "T": 2.0, "n_sweeps": 10, "n_replicas": 2, **kwargs}
    start = time.perf_counter()
    with pytest.raises(ValueError, match=match):
        simulate_replicas(args.pop("L"), args.pop("T"), args.pop("n_sweeps"), **args)
    assert time.perf_counter() - start < 0.5


def test_bad_rng_is_refused():
    with pytest.raises(TypeError, match="rng must be"):
        simulate_replicas(4, 2.0, 3, rng="seed")


# ---------------------------------------------------------------------------
# (6) Chunked execution
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("work", [1, 20, 40, 60, 120, 500])
def test_chunked_runs_are_bit_identical_to_one_call(work, monkeypatch):
    """L = 6 (3 site-words a row, 12 rows and 36 + 16 units of work a sweep), 3 words: a row,
    half a sweep, 13 rows, a sweep of one word, of two words, 3 sweeps of all words per call."""
    runs = [("metropolis", 0.0), ("heatbath", 0.2)]
    whole = [
        simulate_replicas(6, 2.3, 20, n_replicas=130, h=h, algorithm=a, n_burn=3, rng=3)
        for a, h in runs
    ]
    monkeypatch.setattr(replicas, "_CHUNK_WORK", work)
    assert len(replicas._chunks(2 * 6 * 23, 3, 6)) > 1
    for (a, h), ref in zip(runs, whole, strict=True):
        sim = simulate_replicas(6, 2.3, 20, n_replicas=130, h=h, algorithm=a, n_burn=3, rng=3)
        assert_array_equal(sim.energy, ref.energy)
        assert_array_equal(sim.magnetization, ref.magnetization)
        assert_array_equal(sim.spins, ref.spins)


@pytest.mark.parametrize(
    ("L", "n_replicas", "n_burn"),
    [(2, 64, 10**9), (2048, 1, 3000)],  # whole sweeps per call; a sweep split over calls
)
def test_a_long_run_stops_within_a_second_of_an_interrupt(L, n_replicas, n_burn):
    """KeyboardInterrupt (Jupyter's stop button) ends a run of minutes to days."""
    simulate_replicas(4, 2.3, 2, n_replicas=1, rng=0)  # compiled before the clock runs

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(KeyboardInterrupt):
            simulate_replicas(L, 2.3, 1, n_replicas=n_replicas, n_burn=n_burn, rng=1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert time.perf_counter() - start < 1.5
