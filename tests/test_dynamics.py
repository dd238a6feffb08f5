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
