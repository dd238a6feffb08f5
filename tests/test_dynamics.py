"""Tests of isingneuron.dynamics: the quench protocol and the running spike count."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import trapezoid

from isingneuron import quench_response, reheating_temperature, spike_count


def test_reheating_temperature_shape_of_protocol():
    t = np.array([-0.1, 0.0, 1.0, 2.0, 2.1])
    assert_allclose(reheating_temperature(t, 2.0, T_bath=1.5), [1.5, -0.5, 0.5, 1.5, 1.5])
    assert_allclose(reheating_temperature(t, 2.0, T_bath=1.5, rate=2.0), [1.5, -0.5, 1.5, 1.5, 1.5])


@pytest.mark.parametrize("model", ["fit", "meanfield"])
def test_running_count_agrees_with_sampled_integral(model):
    r = quench_response(2.5, T_bath=1.5, rate=0.8, model=model, n_points=20001)
    running = np.concatenate([[0.0], np.cumsum(0.5 * (r.m[1:] + r.m[:-1]) * np.diff(r.t))])
    inside = (r.t >= 0) & (r.t <= 2.5 / 0.8)
    i0 = np.argmax(inside)
    assert_allclose(r.spikes[inside] - r.spikes[i0], running[inside] - running[i0], atol=2e-6)
    assert_allclose(r.total, spike_count(2.5, T_bath=1.5, rate=0.8, model=model), rtol=1e-14)
    assert r.spikes[-1] == r.total and r.spikes[0] == 0.0
    assert np.all(np.diff(r.spikes) >= -1e-15)


def test_total_is_integral_of_m_over_time():
    r = quench_response(3.0, T_bath=1.2, n_points=40001, margin=0.0)
    assert_allclose(trapezoid(r.m, r.t), r.total, rtol=1e-7)


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="Q must be"):
        quench_response(-1.0, T_bath=1.0)
    with pytest.raises(ValueError, match="n_points must be"):
        quench_response(1.0, T_bath=1.0, n_points=1)
    with pytest.raises(ValueError, match="rate must be"):
        reheating_temperature(0.0, 1.0, T_bath=1.0, rate=0.0)


def test_periodic_quench_temperature():
    from isingneuron import periodic_quench_temperature

    t = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    T = periodic_quench_temperature(t, Q=2.0, period=4.0, T_bath=3.0)
    assert_allclose(T, [1.0, 2.0, 3.0, 3.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="period must be"):
        periodic_quench_temperature(t, Q=2.0, period=1.0, T_bath=3.0)


def test_lattice_quench_response_bookkeeping():
    from isingneuron import lattice_quench_response

    r1 = lattice_quench_response(3.0, L=8, T_bath=2.5, rate=0.1, h=0.05, rng=3)
    r2 = lattice_quench_response(3.0, L=8, T_bath=2.5, rate=0.1, h=0.05, rng=3)
    assert_allclose(r1.m, r2.m, atol=0)  # reproducible
    assert r1.T.min() == 0.0  # the quench below zero is clipped
    assert np.all(r1.spikes[r1.t < 0] == 0)
    assert_allclose(r1.baseline, np.abs(r1.m[50:100]).mean(), rtol=1e-14)
    assert_allclose(r1.total, (np.abs(r1.m[r1.t >= 0]) - r1.baseline).sum(), rtol=1e-12)
    # A deep quench orders the magnet along the field.
    assert r1.m[r1.T == 0].mean() > 0.9
    with pytest.raises(ValueError, match="L must be even"):
        lattice_quench_response(1.0, L=7, T_bath=2.5, rate=0.1)


def test_lattice_spike_counts_grow_with_quench():
    from isingneuron import lattice_spike_counts

    s = lattice_spike_counts([0.5, 2.0, 4.0], L=16, T_bath=3.4, rate=0.05, h=0.02, n_runs=4, rng=5)
    assert np.all(np.diff(s.mean) > 0)
    assert np.all(s.error > 0)


def test_slow_reheating_reaches_the_adiabatic_count():
    # Independent route: integrate the equilibrium <|m|>(T) of the same lattice in the same
    # field, measured by separate equilibrium runs, over [T_bath - Q, T_bath].
    from isingneuron import lattice_spike_counts, simulate

    L, h, T_bath, Q, rate = 8, 0.05, 3.4, 3.0, 0.01
    s = lattice_spike_counts([Q], L=L, T_bath=T_bath, rate=rate, h=h, n_runs=12, n_after=0, rng=7)
    T = np.linspace(T_bath - Q, T_bath, 31)
    m_eq = [
        np.abs(simulate(L, t, 1500, h=h, algorithm="heatbath", rng=i).magnetization).mean()
        for i, t in enumerate(T)
    ]
    adiabatic = trapezoid(np.subtract(m_eq, m_eq[-1]), T)  # above the resting level
    # Statistical error of the quench runs plus a 3 % allowance for the lag of the dynamics.
    assert abs(s.mean[0] - adiabatic) < 4 * s.error[0] + 0.03 * adiabatic
