"""Tests of isingneuron.membrane: phases, periodic quenches, signs, stripes, antiferromagnet.

Independent references: hand-made configurations (checkerboards, stripes), explicit
bond-by-bond energies, exhaustive enumeration of sign sequences for the runs test,
the exact finite-lattice energy (Kaufman) and Yang's spontaneous magnetisation.
Statistical comparisons use fixed seeds and a tolerance of 4 standard errors.
"""

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import isingneuron as isn
from isingneuron import exact, plotting
from isingneuron.membrane import (
    OUTCOMES,
    classify_state,
    coarsening_snapshots,
    equilibrium_snapshots,
    flip_sublattice,
    quench_outcomes,
    quench_train,
    sign_statistics,
    simulate_antiferromagnet,
    staggered_magnetization,
)

TC = 2.0 / np.log(1.0 + np.sqrt(2.0))
Z_MAX = 4.0


def bond_energy(s, J=1.0):
    """-J sum over bonds / N, written out site by site (independent of np.roll tricks)."""
    L = s.shape[0]
    total = 0
    for i in range(L):
        for j in range(L):
            total += s[i, j] * (s[(i + 1) % L, j] + s[i, (j + 1) % L])
    return -J * total / s.size


def checkerboard(L):
    return np.array([[1 if (i + j) % 2 == 0 else -1 for j in range(L)] for i in range(L)])


# ---------------------------------------------------------------------------
# Order parameters and the sublattice map
# ---------------------------------------------------------------------------
def test_staggered_magnetization_of_hand_made_states():
    assert staggered_magnetization(checkerboard(8)) == 1.0
    assert staggered_magnetization(-checkerboard(8)) == -1.0
    assert staggered_magnetization(np.ones((8, 8))) == 0.0
    stripes = np.ones((8, 8))
    stripes[::2] = -1  # rows alternate: staggered order along one axis only
    assert staggered_magnetization(stripes) == 0.0


def test_flip_sublattice_maps_J_to_minus_J():
    rng = np.random.default_rng(0)
    for L in (2, 4, 6, 10):
        s = rng.choice([-1, 1], size=(L, L)).astype(np.int8)
        f = flip_sublattice(s)
        assert f.dtype == np.int8
        assert_array_equal(flip_sublattice(f), s)  # an involution
        assert bond_energy(f, J=-1.0) == pytest.approx(bond_energy(s, J=1.0), abs=1e-12)
        assert f.mean() == pytest.approx(staggered_magnetization(s), abs=1e-12)
        assert staggered_magnetization(f) == pytest.approx(s.mean(), abs=1e-12)
    assert_array_equal(flip_sublattice(np.ones((6, 6))), checkerboard(6))


@pytest.mark.parametrize(
    "bad, match",
    [
        (np.ones((3, 3)), "even L"),
        (np.ones((4, 6)), "square"),
        (np.zeros((4, 4)), r"\+1 and -1"),
        (np.ones(4), "square"),
    ],
)
def test_spin_arrays_are_validated(bad, match):
    with pytest.raises(ValueError, match=match):
        staggered_magnetization(bad)
    with pytest.raises(ValueError, match=match):
        flip_sublattice(bad)
    with pytest.raises(ValueError, match=match):
        classify_state(bad)


# ---------------------------------------------------------------------------
# The stripe detector
# ---------------------------------------------------------------------------
def test_classify_hand_made_states():
    L = 16
    up = np.ones((L, L))
    assert classify_state(up) == "ordered"
    assert classify_state(-up) == "ordered"
    bands = up.copy()
    bands[3:9] = -1  # two flat horizontal walls
    assert classify_state(bands) == "stripes"
    assert classify_state(bands.T) == "stripes"
    four = up.copy()
    four[2:5] = -1
    four[9:14] = -1  # four walls
    assert classify_state(four) == "stripes"
    i, j = np.indices((L, L))
    diagonal = np.where((i + j) % L < L // 2, 1, -1)  # winds both ways round the torus
    assert classify_state(diagonal) == "other"
    assert classify_state(checkerboard(L)) == "other"
    square = up.copy()
    square[4:12, 4:12] = -1  # a droplet, still shrinking
    assert classify_state(square) == "other"
    thin = up.copy()
    thin[5] = -1  # a band one spin wide is not frozen at T = 0
    assert classify_state(thin) == "other"
    thin[6] = -1  # two wide: frozen
    assert classify_state(thin) == "stripes"
    wrap = up.copy()
    wrap[0] = wrap[L - 1] = -1  # two wide across the periodic boundary
    assert classify_state(wrap) == "stripes"
    wrap[0] = 1
    assert classify_state(wrap) == "other"


def test_classified_stripes_are_frozen_and_thin_bands_are_not():
    L = 16
    bands = np.ones((L, L), dtype=np.int8)
    bands[4:6] = -1
    bands[10:15] = -1
    assert classify_state(bands) == "stripes"
    after = isn.sweep(bands.copy(), 0.0, 200, algorithm="heatbath", rng=1)
    assert_array_equal(after, bands)
    thin = np.ones((L, L), dtype=np.int8)
    thin[4] = -1
    after = isn.sweep(thin.copy(), 0.0, 200, algorithm="heatbath", rng=1)
    assert not np.array_equal(after, thin)


def test_classify_tolerates_defects_up_to_tol():
    L = 20
    bands = np.ones((L, L))
    bands[5:12] = -1
    bands[0, 3] = -1  # one defect: 1/20 = 5 % of its row, 1/400 of the lattice
    assert classify_state(bands, tol=0.0) == "other"
    assert classify_state(bands, tol=0.05) == "stripes"
    assert classify_state(bands, tol=0.04) == "other"
    up = np.ones((L, L))
    up[:2, :2] = -1  # 4 of 400 spins = 1 %
    assert classify_state(up, tol=0.01) == "ordered"
    assert classify_state(up, tol=0.009) == "other"


@pytest.mark.parametrize("tol", [-0.1, 0.5, np.nan])
def test_classify_rejects_bad_tol(tol):
    with pytest.raises(ValueError, match="tol must be"):
        classify_state(np.ones((4, 4)), tol=tol)


# ---------------------------------------------------------------------------
# Sign statistics
# ---------------------------------------------------------------------------
def test_sign_statistics_of_a_fair_coin():
    n = 4000
    signs = np.random.default_rng(1).choice([-1, 1], size=n)
    st = sign_statistics(signs)
    assert st.n == n and st.n_up == int(np.sum(signs == 1))
    assert abs(st.fraction_up - 0.5) < Z_MAX * 0.5 / np.sqrt(n)
    assert st.p_value > 1e-3
    assert abs(st.lag1_correlation) < Z_MAX / np.sqrt(n)
    assert abs(st.runs - st.runs_expected) < Z_MAX * st.runs_std


def test_sign_statistics_detects_bias_and_memory():
    rng = np.random.default_rng(2)
    biased = sign_statistics(np.where(rng.random(400) < 0.7, 1, -1))
    assert biased.p_value < 1e-6
    alternating = sign_statistics([1, -1] * 50)
    assert alternating.lag1_correlation == pytest.approx(-1.0)
    assert alternating.runs == 100 and alternating.fraction_up == 0.5
    sticky = sign_statistics([1] * 25 + [-1] * 25)
    assert sticky.runs == 2 and sticky.lag1_correlation > 0.9
    constant = sign_statistics([1] * 10)
    assert constant.fraction_up == 1.0 and constant.fraction_up_error == 0.0
    assert np.isnan(constant.lag1_correlation) and constant.runs_std == 0.0


def test_runs_mean_and_std_match_enumeration():
    n, k = 8, 3
    runs = []
    for ups in itertools.combinations(range(n), k):
        s = -np.ones(n)
        s[list(ups)] = 1
        runs.append(1 + np.sum(s[1:] != s[:-1]))
    st = sign_statistics(np.r_[np.ones(k), -np.ones(n - k)])
    assert st.runs_expected == pytest.approx(np.mean(runs), rel=1e-12)
    assert st.runs_std == pytest.approx(np.std(runs), rel=1e-12)


@pytest.mark.parametrize("bad", [[1], [1, 0, -1], [[1, -1], [1, -1]], ["a", "b"]])
def test_sign_statistics_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="signs must"):
        sign_statistics(bad)


# ---------------------------------------------------------------------------
# The periodic quench
# ---------------------------------------------------------------------------
def test_quench_train_schedule_and_bookkeeping():
    kw = dict(Q=1.0 * TC, period=250, n_quenches=3, T_bath=1.5 * TC, rate=TC / 200, n_rest=20)
    tr = quench_train(32, h=0.2, rng=4, **kw)
    assert_array_equal(tr.t, np.arange(-20, 750))
    expected = isn.periodic_quench_temperature(
        np.arange(750.0), Q=kw["Q"], period=250, T_bath=kw["T_bath"], rate=kw["rate"]
    )
    assert_allclose(tr.T[20:], expected)
    assert np.all(tr.T[:20] == kw["T_bath"])
    assert_array_equal(tr.quench_times, [0, 250, 500])
    # T climbs from Tc/2 back to Tc in 0.5 Tc / rate = 100 sweeps
    assert_array_equal(tr.t_cold, [100.0, 100.0, 100.0])
    # a strong field orders every quench up, within the cold phase
    assert_array_equal(tr.signs, [1, 1, 1])
    assert np.all(tr.m_peak > 0.9)
    assert np.all(tr.t_on < tr.t_cold) and np.all(tr.t_off > tr.t_on)
    for k, t0 in enumerate(tr.quench_times):
        seg = tr.magnetization[20 + t0 : 20 + t0 + 250]
        assert tr.m_peak[k] == seg[np.argmax(np.abs(seg))]
    again = quench_train(32, h=0.2, rng=4, **kw)
    assert_array_equal(again.magnetization, tr.magnetization)  # reproducible


def test_quench_train_too_weak_never_orders():
    tr = quench_train(
        32, Q=0.3 * TC, period=200, n_quenches=3, T_bath=1.5 * TC, rate=TC / 200, rng=5
    )
    assert_array_equal(tr.t_cold, [0.0, 0.0, 0.0])
    assert np.all(np.isnan(tr.t_on)) and np.all(np.isnan(tr.t_off))
    assert np.all(np.abs(tr.m_peak) < 0.5)


def test_quench_train_clips_negative_temperatures():
    tr = quench_train(8, Q=3.0, period=50, n_quenches=1, T_bath=2.0, rate=0.1, n_rest=0, rng=0)
    assert tr.T.min() == 0.0 and tr.T[0] == 0.0


@pytest.mark.parametrize(
    "kw, match",
    [
        (dict(period=10), "period must be"),
        (dict(m_on=1.5), "m_on must be"),
        (dict(T_bath=0.0), "T_bath must be"),
        (dict(algorithm="wolff"), "algorithm must be"),
        (dict(start=np.ones((4, 4), dtype=np.int8)), "start must have shape"),
        (dict(n_quenches=0), "n_quenches must be"),
    ],
)
def test_quench_train_rejects_bad_input(kw, match):
    args = dict(Q=1.0, period=100, n_quenches=1, T_bath=3.0, rate=0.05) | kw
    with pytest.raises(ValueError, match=match):
        quench_train(8, **args)


# ---------------------------------------------------------------------------
# Deep quenches
# ---------------------------------------------------------------------------
def test_zero_temperature_coarsening_never_raises_the_energy():
    c = coarsening_snapshots(32, T=0.0, times=[0, 1, 2, 5, 20, 100, 500], rng=6)
    assert abs(c.magnetization[0]) < Z_MAX / 32  # the random start
    assert np.all(np.diff(c.energy) <= 0)
    assert_allclose(c.energy, [bond_energy(s.astype(int)) for s in c.spins])
    with pytest.raises(ValueError, match="times must be"):
        coarsening_snapshots(8, T=0.0, times=[5, 2])


def test_quench_outcomes_final_states_are_what_they_claim():
    L = 16
    out = quench_outcomes(L, n_runs=120, rng=8)
    assert sum(out.counts.values()) == 120 and set(out.counts) == set(OUTCOMES)
    for label, s, e, m in zip(out.labels, out.spins, out.energy, out.magnetization, strict=True):
        assert classify_state(s) == label
        assert e == pytest.approx(bond_energy(s.astype(int)))
        if label == "ordered":  # T = 0: a ground state exactly
            assert abs(m) == 1.0 and e == -2.0
        elif label == "stripes":  # an even number k >= 2 of flat walls of length L
            k = (e + 2.0) * L / 2.0
            assert k == round(k) and k >= 2 and round(k) % 2 == 0
            # frozen: one more block of T = 0 sweeps changes nothing
            assert_array_equal(isn.sweep(s.copy(), 0.0, 50, algorithm="heatbath", rng=0), s)
    # about a third freeze into stripes (Spirin, Krapivsky & Redner 2001)
    p, err = out.fraction_stripes, np.sqrt(1 / 3 * 2 / 3 / 120)
    assert abs(p - 1 / 3) < Z_MAX * err
    assert out.fraction_stripes_error == pytest.approx(np.sqrt(p * (1 - p) / 120))


# ---------------------------------------------------------------------------
# Equilibrium and the antiferromagnet
# ---------------------------------------------------------------------------
def test_equilibrium_snapshots_in_both_phases():
    snap = equilibrium_snapshots(32, [0.7 * TC, 2.0 * TC], rng=9)
    m_exact = exact.spontaneous_magnetization(0.7 * TC)
    assert abs(abs(snap.magnetization[0]) - m_exact) < 0.03
    assert abs(snap.magnetization[1]) < 0.15
    assert_allclose(snap.energy, [bond_energy(s.astype(int)) for s in snap.spins])
    with pytest.raises(ValueError, match="T must be"):
        equilibrium_snapshots(8, [1.0, 0.0])


def test_antiferromagnet_matches_the_exact_ferromagnet():
    L, T = 16, 0.8 * TC
    af = simulate_antiferromagnet(L, T, 1500, rng=10)
    est = isn.mean_and_error(af.energy)
    assert abs(est.value - exact.energy(T, L=L)) < Z_MAX * est.error
    assert abs(np.mean(np.abs(af.staggered)) - exact.spontaneous_magnetization(T)) < 0.05
    assert np.abs(af.magnetization).mean() < 0.1
    assert af.energy[-1] == pytest.approx(bond_energy(af.spins.astype(int), J=-1.0))
    assert af.staggered[-1] == staggered_magnetization(af.spins)


# ---------------------------------------------------------------------------
# The plotting helpers accept the results
# ---------------------------------------------------------------------------
def test_plotting_helpers_draw_membrane_results():
    import matplotlib.pyplot as plt

    kw = dict(Q=TC, period=100, n_quenches=2, T_bath=1.5 * TC, rate=TC / 50)
    trains = {"a": quench_train(8, rng=0, **kw), "b": quench_train(8, h=0.1, rng=1, **kw)}
    axes = plotting.plot_quench_train(trains, Tc=TC, reference={"eq.": (np.arange(3), np.ones(3))})
    assert axes.shape == (2,) and len(axes[0].lines) >= 2
    axes = plotting.plot_quench_signs({k: tr.m_peak for k, tr in trains.items()})
    assert len(axes) == 2 and len(axes[0].patches) == 2
    with pytest.raises(ValueError, match="titles must"):
        plotting.plot_snapshots(np.ones((2, 4, 4)), ["only one"])
    plt.close("all")


def test_equilibrium_magnetization_matches_enumeration_of_4x4():
    from isingneuron.membrane import equilibrium_magnetization

    L, T, h = 4, 3.0, 0.3
    states = ((np.arange(2 ** (L * L))[:, None] >> np.arange(L * L)) & 1) * 2 - 1
    s = states.reshape(-1, L, L)
    E = -(s * (np.roll(s, 1, 1) + np.roll(s, 1, 2))).sum(axis=(1, 2)) - h * s.sum(axis=(1, 2))
    w = np.exp(-(E - E.min()) / T)
    m_exact = float((w * s.mean(axis=(1, 2))).sum() / w.sum())
    m = equilibrium_magnetization(L, [T, T], h=h, n_sweeps=40_000, rng=12)
    sim = isn.simulate(L, T, 40_000, h=h, algorithm="heatbath", start="up", rng=13)
    err = isn.mean_and_error(sim.magnetization).error  # error of one such chain
    assert np.all(np.abs(m - m_exact) < Z_MAX * err)
    with pytest.raises(ValueError, match="h must be"):
        equilibrium_magnetization(4, 3.0, h=0.0)
