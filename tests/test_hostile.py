"""Hostile input (issue 13): every public function refuses bad input by name or answers finitely.

The contract, for every public function and every argument: substituting a hostile value
(NaN, infinities, zero, negative numbers, 1e300, 1e-300, huge integers, empty and 0-d and
2-D arrays, strings, None, bools, complex numbers, mixed lists, objects, callables that
return NaN...) into a cheap, valid baseline call either

* raises ``ValueError`` or ``TypeError`` whose message names the argument, or
* returns a result with no NaN or infinity anywhere (dataclasses, tuples, dicts and arrays
  are walked) and emits no warning,

within a few seconds: counts and sizes are checked before anything is allocated or looped.
Never a silent NaN, a RuntimeWarning or a foreign exception (IndexError, AttributeError,
ZeroDivisionError, OverflowError, MemoryError, numba's TypingError, numpy's own messages).

:data:`TABLE` holds one baseline call per public function (a few functions have several,
one per branch, so that arguments the chosen branch does not use are checked too).
:func:`test_table_is_complete` fails when a public function is missing from it, so a new
function cannot escape the contract; :data:`EXCLUDED` lists, with reasons, what is not in
the table (figures and widgets, and the lattice modules, fixed separately). A result may hold
NaN or infinity only where the function documents it as a value (``nan_ok``, ``inf_ok``:
e.g. the missing solutions of :func:`isingneuron.solutions`, the ``-inf`` lower end of
:func:`isingneuron.silent_interval`).

Every named hostile value is tried for every argument, then hypothesis draws a few more
from a strategy (any float, huge and negative integers, short lists, complex numbers,
text); ``derandomize=True`` and no example database make the run deterministic.
"""

from __future__ import annotations

import atexit
import dataclasses
import importlib
import inspect
import os
import pkgutil
import re
import shutil
import signal
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import isingneuron
from isingneuron import (
    activations,
    approximation,
    booktools,
    criticality,
    dynamics,
    exact,
    exercises,
    learning,
    meanfield,
    membrane,
    population,
    related,
    scaling,
    symbolic,
    verification,
    zoo,
)

# --------------------------------------------------------------------------- what is excluded

#: Public modules whose functions are not in the table, and why.
EXCLUDED_MODULES = {
    "plotting": "figures: every function draws on a matplotlib Axes (GUI)",
    "widgets": "ipywidgets GUI and its static fallbacks, which only display",
    "lattice": "lattice.py: fixed separately (its own engineer; tests/test_lattice.py)",
    "replicas": "the lattice's multi-spin-coded replicas: fixed with lattice.py, separately",
}

#: Single public functions outside the table, and why.
EXCLUDED = {
    "booktools.glue_figure": "only displays: stores a matplotlib Figure in the notebook",
}

# --------------------------------------------------------------------------- the table


@dataclasses.dataclass(frozen=True)
class Call:
    """A cheap, valid call of one public function."""

    fn: object
    args: tuple
    kwargs: dict
    nan_ok: tuple = ()  # result fields where NaN is a documented "does not exist" marker
    inf_ok: tuple = ()  # result fields where an infinity is a documented value ("" = all)
    slow: bool = False  # a valid call takes ~1 s: only QUICK_HOSTILE and one generated value


def call(fn, /, *args, _nan_ok=(), _inf_ok=(), _slow=False, **kwargs):
    return Call(fn, args, kwargs, tuple(_nan_ok), tuple(_inf_ok), _slow)


_TMP = Path(tempfile.mkdtemp(prefix="isingneuron-hostile-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)


def _tiny_dataset():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 3))
    y = np.arange(12) % 3
    return learning.Dataset(X_train=X[:8], y_train=y[:8], X_test=X[8:], y_test=y[8:])


def _nan_function(x, *args, **kwargs):
    """A callable that answers NaN, whatever it is asked."""
    return np.full(np.shape(x), np.nan)


X11 = np.linspace(-1.0, 1.0, 11)
DATA = _tiny_dataset()
PARAMS = learning.init_params(3, 4, 3, rng=0)
SWEEP = approximation.width_sweep(
    np.abs, {"cube": approximation.monomial(3)}, [2, 4, 8], n_seeds=2, n_train=16, n_test=16,
    reference_degrees=(3,), rng=0,
)  # fmt: skip
PROPERTIES = {"ReLU": zoo.activation_properties(activations.relu)}
_NET = learning.random_network(3, coupling=0.3, rng=0)
J3, H3 = _NET.J, _NET.h
COMPARISON = learning.compare_activations(DATA, ["relu"], seeds=[0], epochs=1, hidden=4)
COMPARISON_PATH = learning.save_comparison(_TMP / "comparison.npz", {"c": COMPARISON})
DATA_FILE = booktools.save_data(_TMP / "data.npz", {"x": [1.0, 2.0]})
R20 = np.arange(1.0, 20.0)
X30 = np.arange(30.0)
C30 = np.cosh((X30 - 50.0) / 4.0) * 1e-5 - 3e-4
SPINS3 = np.array([[1, 1, -1], [1, -1, -1], [-1, 1, -1]], dtype=np.int8)
G44 = np.arange(16.0).reshape(4, 4)
XF = np.linspace(-3.0, 3.0, 21)
_EXERCISE = next(iter(exercises.exercise_questions()))
_QUESTION = next(iter(exercises.exercise_questions(_EXERCISE)))


def _relu(v):
    return np.maximum(v, 0.0)


def _square(v):
    return v * v


TABLE = {
    # meanfield
    "meanfield.critical_temperature": call(meanfield.critical_temperature, z=4, J=1.0),
    "meanfield.fixed_point_iterate": call(
        meanfield.fixed_point_iterate, 0.5, 10, h=0.0, Tc=1.0, m0=1.0
    ),
    "meanfield.free_energy": call(meanfield.free_energy, 0.5, 0.8, 0.0, Tc=1.0),
    "meanfield.magnetization": call(meanfield.magnetization, 0.5, 0.0, Tc=1.0, branch="up"),
    "meanfield.meanfield_energy": call(meanfield.meanfield_energy, 0.5, Tc=1.0),
    "meanfield.meanfield_specific_heat": call(meanfield.meanfield_specific_heat, 0.5, Tc=1.0),
    "meanfield.ordered_branch": call(meanfield.ordered_branch, 0.5, Tc=1.0),
    "meanfield.solutions": call(meanfield.solutions, 0.5, 0.0, Tc=1.0, _nan_ok=("m",)),
    "meanfield.susceptibility": call(meanfield.susceptibility, 0.5, Tc=1.0),
    # activations
    "activations.elu": call(activations.elu, 0.5, 1.0),
    "activations.fit_activation": call(
        activations.fit_activation,
        np.linspace(0.0, 2.0, 21),
        activations.paper_activation(np.linspace(0.0, 2.0, 21), a=3.0, b=0.8),
        Tc=1.0,
        fit_b=True,
        a0=6.0,
    ),
    "activations.fit_activation[fit_b=False]": call(
        activations.fit_activation,
        np.linspace(0.0, 2.0, 21),
        activations.paper_activation(np.linspace(0.0, 2.0, 21), a=3.0),
        Tc=1.0,
        fit_b=False,
        a0=6.0,
    ),
    "activations.fit_lattice_activation": call(  # far from Tc: no short-series warning
        activations.fit_lattice_activation, [4], [0.3, 0.5, 2.0], 600, rng=0
    ),
    "activations.gelu": call(activations.gelu, 0.5),
    "activations.heaviside": call(activations.heaviside, 0.5),
    "activations.logistic": call(activations.logistic, 0.5),
    "activations.meanfield_cumulative": call(activations.meanfield_cumulative, 0.5, Tc=1.0),
    "activations.mish": call(activations.mish, 0.5),
    "activations.onsager_cumulative": call(activations.onsager_cumulative, 0.5, Tc=1.0),
    "activations.ordered_magnetization[fit]": call(
        activations.ordered_magnetization, 0.5, model="fit", Tc=1.0, a=6.0, b=1.0
    ),
    "activations.ordered_magnetization[meanfield]": call(
        activations.ordered_magnetization, 0.5, model="meanfield", Tc=1.0, a=6.0, b=1.0
    ),
    "activations.ordered_magnetization[onsager]": call(
        activations.ordered_magnetization, 0.5, model="onsager", Tc=1.0, a=6.0, b=1.0
    ),
    "activations.paper_activation": call(activations.paper_activation, 0.5, a=6.0, Tc=1.0, b=1.0),
    "activations.relu": call(activations.relu, 0.5),
    "activations.softplus": call(activations.softplus, 0.5, 1.0),
    "activations.spike_activation[fit]": call(
        activations.spike_activation, 1.0, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="fit"
    ),
    "activations.spike_activation[meanfield]": call(
        activations.spike_activation,
        -1.0,
        T_bath=0.5,
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        model="meanfield",
    ),
    "activations.spike_count[fit]": call(
        activations.spike_count, 1.0, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="fit"
    ),
    "activations.spike_count[meanfield]": call(
        activations.spike_count, 1.0, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="meanfield"
    ),
    "activations.spike_count[onsager]": call(
        activations.spike_count, 1.0, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="onsager"
    ),
    "activations.swish": call(activations.swish, 0.5, 1.0),
    "activations.tanh": call(activations.tanh, 0.5),
    # dynamics
    "dynamics.lattice_quench_response": call(
        dynamics.lattice_quench_response,
        1.0,
        L=4,
        T_bath=3.0,
        rate=0.5,
        h=0.0,
        n_rest=4,
        n_after=4,
        algorithm="heatbath",
        start=None,
        rng=0,
    ),
    "dynamics.lattice_spike_counts": call(
        dynamics.lattice_spike_counts,
        [0.0, 1.0],
        L=4,
        T_bath=3.0,
        rate=0.5,
        n_runs=2,
        rng=0,
        n_rest=4,
        n_after=4,
    ),
    "dynamics.periodic_quench_temperature": call(
        dynamics.periodic_quench_temperature, [0.0, 1.0], Q=2.0, period=4.0, T_bath=3.0, rate=1.0
    ),
    "dynamics.quench_response[fit]": call(
        dynamics.quench_response,
        3.0,
        T_bath=1.5,
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        model="fit",
        n_points=11,
        margin=0.25,
    ),
    "dynamics.quench_response[meanfield]": call(
        dynamics.quench_response,
        3.0,
        T_bath=1.5,
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        model="meanfield",
        n_points=11,
        margin=0.25,
    ),
    "dynamics.reheating_temperature": call(
        dynamics.reheating_temperature, [0.0, 1.0], 2.0, T_bath=1.5, rate=1.0
    ),
    # scaling
    "scaling.power_law_fit": call(scaling.power_law_fit, [1.0, 2.0, 4.0], [3.0, 12.0, 48.5]),
    "scaling.weighted_linear_fit": call(
        scaling.weighted_linear_fit, [1.0, 2.0, 3.0], [2.0, 4.0, 6.1], [0.1, 0.1, 0.1]
    ),
    "scaling.weighted_power_law_fit": call(
        scaling.weighted_power_law_fit, [8.0, 16.0, 32.0], [1.6, 1.4, 1.3], [0.01, 0.01, 0.01]
    ),
    # membrane
    "membrane.classify_state": call(membrane.classify_state, np.ones((4, 4)), tol=0.0),
    "membrane.coarsening_snapshots": call(
        membrane.coarsening_snapshots, 4, T=0.0, times=[0, 2], h=0.0, rng=0
    ),
    "membrane.equilibrium_magnetization": call(
        membrane.equilibrium_magnetization, 4, [1.0], h=0.05, n_sweeps=5, n_burn=2, rng=0
    ),
    "membrane.equilibrium_snapshots": call(
        membrane.equilibrium_snapshots, 4, [1.5], n_local=2, n_cluster=2, rng=0
    ),
    "membrane.flip_sublattice": call(membrane.flip_sublattice, np.ones((4, 4), dtype=np.int8)),
    "membrane.quench_outcomes": call(
        membrane.quench_outcomes,
        4,
        n_runs=2,
        T=0.0,
        max_sweeps=20,
        check_every=10,
        tol=0.0,
        rng=0,
    ),
    "membrane.quench_train": call(  # t_cold: nan where T_bath < Tc
        membrane.quench_train,
        4,
        Q=1.0,
        period=10,
        n_quenches=2,
        T_bath=3.0,
        rate=0.5,
        h=0.1,
        n_rest=4,
        m_on=0.5,
        Tc=None,
        algorithm="heatbath",
        start=None,
        rng=0,
        _nan_ok=("t_on", "t_off", "t_cold"),
    ),
    "membrane.sign_statistics": call(  # lag1_correlation: nan when all signs are equal
        membrane.sign_statistics, [1, -1, 1, 1, -1], _nan_ok=("lag1_correlation",)
    ),
    "membrane.simulate_antiferromagnet": call(
        membrane.simulate_antiferromagnet, 4, 1.5, 3, n_burn=2, rng=0
    ),
    "membrane.staggered_magnetization": call(membrane.staggered_magnetization, np.ones((4, 4))),
    # zoo
    "zoo.activation_properties": call(
        zoo.activation_properties,
        activations.tanh,
        x_max=1e3,
        span=8.0,
        h=1e-3,
        tol=1e-6,
        _inf_ok=("",),  # limits, bounds and positions of extrema at infinity are +-inf
    ),
    "zoo.activation_zoo": call(zoo.activation_zoo, a=6.0, Tc=1.0, T_bath=1.5),
    "zoo.derivative": call(zoo.derivative, np.sin, 0.3, order=1, h=None),
    "zoo.property_table": call(zoo.property_table, PROPERTIES, markdown=False, columns=None),
    "zoo.voltage_activation": call(zoo.voltage_activation, 0.0, a=6.0, Tc=1.0, b=1.0),
    "zoo.zoo_curves": call(zoo.zoo_curves, {"ReLU": activations.relu}, [-1.0, 2.0], h=1e-5),
    # approximation
    "approximation.best_polynomial_error": call(
        approximation.best_polynomial_error, np.abs, 2, X11, X11
    ),
    "approximation.convergence_rates": call(approximation.convergence_rates, SWEEP, min_width=1),
    "approximation.depth_sweep": call(
        approximation.depth_sweep,
        np.abs,
        approximation.monomial(2),
        [1, 2],
        width=4,
        n_seeds=2,
        n_train=16,
        n_test=16,
        domain=(-1.0, 1.0),
        scale=2.0,
        ridge=1e-12,
        reference_degrees=(2,),
        rng=0,
    ),
    "approximation.monomial": call(approximation.monomial, 3),
    "approximation.plateau_deviation": call(approximation.plateau_deviation, SWEEP, "cube", 3),
    "approximation.random_feature_fit": call(
        approximation.random_feature_fit,
        X11,
        X11**3 - X11,
        approximation.monomial(3),
        8,
        depth=1,
        scale=5.0,
        ridge=1e-12,
        rng=0,
    ),
    "approximation.width_sweep": call(
        approximation.width_sweep,
        np.abs,
        {"cube": approximation.monomial(3)},
        [2, 4],
        n_seeds=2,
        n_train=16,
        n_test=16,
        domain=(-1.0, 1.0),
        depth=1,
        scale=5.0,
        ridge=1e-12,
        reference_degrees=(3,),
        rng=0,
    ),
    # population
    "population.bivariate_normal_cdf": call(population.bivariate_normal_cdf, 0.0, 0.5, 0.5),
    "population.firing_threshold[meanfield]": call(
        population.firing_threshold,
        T_bath=1.5,
        model="meanfield",
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        eps=0.01,
    ),
    "population.firing_threshold[fit]": call(
        population.firing_threshold,
        T_bath=1.5,
        model="fit",
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        eps=0.01,
    ),
    "population.fit_logistic_to_probit": call(
        population.fit_logistic_to_probit, criterion="minimax", z_max=8.0
    ),
    "population.fraction_firing": call(
        population.fraction_firing,
        0.5,
        sigma=0.25,
        threshold=0.5,
        threshold_sd=0.1,
        distribution="gaussian",
    ),
    "population.hoyer_sparseness": call(population.hoyer_sparseness, [0.0, 3.0, 1.0], axis=-1),
    "population.mean_spike_count[meanfield]": call(
        population.mean_spike_count,
        0.5,
        sigma=0.25,
        T_bath=1.5,
        T_bath_sd=0.1,
        model="meanfield",
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
    ),
    "population.mean_spike_count[fit]": call(
        population.mean_spike_count,
        0.5,
        sigma=0.25,
        T_bath=1.5,
        T_bath_sd=0.0,
        model="fit",
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
    ),
    "population.response_moments": call(
        population.response_moments,
        0.5,
        sigma=0.25,
        activation="meanfield",
        T_bath=1.5,
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        delta=0.01,
    ),
    "population.sample_fraction_firing": call(
        population.sample_fraction_firing,
        0.75,
        sigma=0.25,
        threshold=0.5,
        n=100,
        threshold_sd=0.1,
        distribution="gaussian",
        rng=0,
    ),
    "population.sample_population": call(
        population.sample_population,
        0.5,
        sigma=0.25,
        n=100,
        activation="relu",
        T_bath=1.5,
        T_bath_sd=0.1,
        distribution="gaussian",
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        delta=0.01,
        rng=0,
    ),
    "population.silent_interval": call(  # (-inf, hi): no lower end
        population.silent_interval,
        "tanh",
        T_bath=1.5,
        Tc=1.0,
        a=6.0,
        b=1.0,
        rate=1.0,
        delta=0.01,
        _inf_ok=("",),
    ),
    "population.treves_rolls_sparseness": call(
        population.treves_rolls_sparseness, [1.0, 0.0, 2.0], axis=-1
    ),
    # criticality
    "criticality.axis_correlation": call(criticality.axis_correlation, G44),
    "criticality.block_spin": call(criticality.block_spin, SPINS3, 3, rng=0),
    "criticality.block_spin_flow": call(
        criticality.block_spin_flow, np.ones((2, 9, 9), dtype=np.int8), 3, n_levels=None, rng=0
    ),
    "criticality.block_spin_levels": call(
        criticality.block_spin_levels, np.ones((9, 9), dtype=np.int8), 3, n_levels=None, rng=0
    ),
    "criticality.compensated_correlation": call(
        criticality.compensated_correlation,
        np.arange(1.0, 6.0),
        np.stack([np.exp(-np.arange(1.0, 6.0) / 2.0)] * 2),
        2.0,
        power=0.0,
        x_plateau=None,
        _nan_ok=("[0]", "[1]"),  # nan where C - C_inf <= 0
    ),
    "criticality.correlated_expectation": call(
        criticality.correlated_expectation, _relu, _relu, 1.0, 1.0, 0.3, n=32
    ),
    "criticality.correlation_function": call(
        criticality.correlation_function, np.ones((4, 4), dtype=np.int8), subtract="none"
    ),
    "criticality.correlation_map": call(
        criticality.correlation_map, 1.0, 0.7, 1.5, 0.1, "tanh", n=32
    ),
    "criticality.critical_diagonal_correlation": call(criticality.critical_diagonal_correlation, 3),
    "criticality.diagonal_correlation": call(criticality.diagonal_correlation, G44),
    "criticality.fit_correlation_length": call(
        criticality.fit_correlation_length,
        X30,
        np.stack([C30, 1.01 * C30]),
        L=100,
        x_min=1,
        x_max=25,
        power=0.0,
        offset=True,
        xi0=2.0,
    ),
    "criticality.fit_eta": call(
        criticality.fit_eta,
        R20,
        np.stack([R20**-0.25, 1.01 * R20**-0.25]),
        r_min=2,
        r_max=10,
    ),
    "criticality.fit_log_slope": call(
        criticality.fit_log_slope,
        np.array([8.0, 16.0, 32.0]),
        np.array([1.0, 1.02]) * 8.0**1.75,
        np.array([1.0, 1.03]) * 16.0**1.75,
        np.array([1.0, 1.01]) * 32.0**1.75,
    ),
    "criticality.fixed_point": call(  # q, chi1: nan where the length diverges
        criticality.fixed_point,
        "relu",
        1.0,
        0.5,
        q0=1.0,
        max_iter=300,
        tol=1e-12,
        q_max=1e4,
        _nan_ok=("q", "chi1"),
    ),
    "criticality.gaussian_expectation": call(
        criticality.gaussian_expectation, _square, 2.5, method="legendre", n=64
    ),
    "criticality.jackknife": call(criticality.jackknife, np.mean, np.array([1.0, 2.0, 3.0, 4.0])),
    "criticality.layer_average": call(
        criticality.layer_average, np.array([[1.0], [3.0], [5.0]]), skip=1
    ),
    "criticality.length_map": call(criticality.length_map, 1.0, 1.4, 0.1, "relu"),
    "criticality.mean_field_propagation": call(
        criticality.mean_field_propagation,
        "tanh",
        [0.5, 3.0],
        0.3,
        depth=5,
        q0=1.0,
        c0=0.5,
        n=32,
        _nan_ok=("c",),  # c0=None skips the correlation map: c is nan
    ),
    "criticality.measure_correlations": call(
        criticality.measure_correlations,
        4,
        1.0,
        n_blocks=2,
        samples_per_block=2,
        n_between=1,
        n_burn=2,
        algorithm="wolff",
        clusters_per_sweep=1,
        start="up",
        subtract="none",
        rng=0,
    ),
    "criticality.nearest_neighbour_correlation": call(
        criticality.nearest_neighbour_correlation, np.ones((4, 4), dtype=np.int8)
    ),
    "criticality.network_activation": call(
        criticality.network_activation, "eq2", a=6.0, b=1.0, Tc=1.0, T_bath=1.5
    ),
    "criticality.network_activation[spike]": call(
        criticality.network_activation, "spike", a=6.0, b=1.0, Tc=1.0, T_bath=1.5
    ),
    "criticality.order_chaos_boundary": call(criticality.order_chaos_boundary, "tanh", q=[0.5]),
    "criticality.projected_correlation": call(criticality.projected_correlation, G44),
    "criticality.sample_configurations": call(
        criticality.sample_configurations,
        4,
        1.0,
        2,
        n_between=1,
        n_burn=2,
        algorithm="wolff",
        clusters_per_sweep=1,
        start="up",
        rng=0,
    ),
    "criticality.simulate_network": call(
        criticality.simulate_network,
        "tanh",
        [0.5, 3.0],
        0.3,
        width=10,
        depth=3,
        q0=1.0,
        c0=0.5,
        rng=0,
    ),
    "criticality.slope_map": call(criticality.slope_map, 0.5, 1.0, "tanh"),
    # related
    "related.adaptive_family": call(related.adaptive_family, [-1.0, 0.0, 1.0], n=2.0, s=0.3),
    "related.check_paper_in_family": call(related.check_paper_in_family),
    "related.check_two_state_unit": call(related.check_two_state_unit),
    "related.family_catalogue": call(
        related.family_catalogue, a=6.0, T_bath=1.5, num=10, _slow=True
    ),
    "related.fit_family": call(
        related.fit_family,
        XF,
        related.adaptive_family(XF - 0.4, n=2.5, s=0.3),
        offset=False,
        n_bounds=(0.01, 1000.0),
    ),
    "related.format_catalogue": call(
        related.format_catalogue,
        [
            related.CatalogueEntry(
                "logistic",
                "two-state unit",
                (-4.0, 4.0),
                related.FamilyFit(1, 1, 0, 0, 0, 0),
                "member",
            )
        ],
    ),
    "related.paper_in_family": call(related.paper_in_family),
    "related.swish_mean_field": call(related.swish_mean_field, 1.0, beta=1.0),
    "related.two_state_checks": call(related.two_state_checks),
    "related.two_state_thermodynamics": call(related.two_state_thermodynamics, 0.5, beta=1.0),
    "related.two_state_unit": call(related.two_state_unit),
    "replicas.simulate_replicas": call(isingneuron.simulate_replicas, 4, 2.0, 4, rng=0),
    # exercises (the first exercise and its first question, whatever they are called)
    "exercises.check_answer": call(exercises.check_answer, _EXERCISE, **{_QUESTION: 1.0}),
    "exercises.exercise_questions": call(exercises.exercise_questions, _EXERCISE),
    # exact (reached as isingneuron.exact.*)
    "exact.onsager_tc": call(exact.onsager_tc),
    "exact.spontaneous_magnetization": call(exact.spontaneous_magnetization, 2.0),
    "exact.energy": call(exact.energy, 2.0, L=None),
    "exact.energy[L]": call(exact.energy, 2.0, L=4),
    "exact.specific_heat": call(exact.specific_heat, 2.0, L=None),
    "exact.specific_heat[L]": call(exact.specific_heat, 2.0, L=4),
    "exact.free_energy": call(exact.free_energy, 2.0, L=None),
    "exact.free_energy[L]": call(exact.free_energy, 2.0, L=4),
    "exact.partition_function_log": call(exact.partition_function_log, 1.0, L=2),
    "exact.correlation_length": call(exact.correlation_length, 3.0),
    # learning (reached as isingneuron.learning.*)
    "learning.all_states": call(learning.all_states, 2),
    "learning.binary_entropy": call(learning.binary_entropy, 0.5),
    "learning.compare_activations": call(
        learning.compare_activations,
        DATA,
        ["relu", "ising"],
        seeds=[0],
        a=6.0,
        b=1.0,
        Tc=1.0,
        T_bath=1.5,
        epochs=1,
        hidden=4,
        batch_size=8,
        lr=3e-3,
    ),
    "learning.energy_loss": call(learning.energy_loss, [2.0, 0.0], 0, T=1.0),
    "learning.equilibrium_thermodynamics": call(
        learning.equilibrium_thermodynamics, [0.5, 2.0], Tc=1.0
    ),
    "learning.equivalence_p": call(
        learning.equivalence_p, [0.970, 0.962, 0.975, 0.968], [0.969, 0.963, 0.973, 0.968], 0.005
    ),
    "learning.exact_moments": call(learning.exact_moments, J3, H3, beta=1.0),
    "learning.forward": call(learning.forward, PARAMS, np.ones((5, 3)), "tanh"),
    "learning.holm": call(learning.holm, [0.01, 0.04, 0.03, 0.5]),
    "learning.init_params": call(learning.init_params, 3, 4, 2, rng=0),
    "learning.load_comparison": call(learning.load_comparison, COMPARISON_PATH),
    "learning.load_digits_split": call(learning.load_digits_split, test_fraction=0.25, rng=0),
    "learning.loss_and_grad": call(
        learning.loss_and_grad, PARAMS, np.ones((5, 3)), np.zeros(5, dtype=int), "relu"
    ),
    "learning.make_activation[ising]": call(
        learning.make_activation, "ising", a=6.0, b=1.0, Tc=1.0, T_bath=1.5
    ),
    "learning.make_activation[relu]": call(
        learning.make_activation, "relu", a=6.0, b=1.0, Tc=1.0, T_bath=1.5
    ),
    "learning.meanfield_errors": call(
        learning.meanfield_errors,
        3,
        beta=1.0,
        coupling=[0.1, 0.2],
        field=0.3,
        n_instances=2,
        max_iter=50,
        rng=0,
    ),
    "learning.meanfield_free_energy": call(
        learning.meanfield_free_energy, np.tanh(H3), J3, H3, beta=1.0, method="naive"
    ),
    "learning.meanfield_free_energy[tap]": call(
        learning.meanfield_free_energy, np.tanh(H3), J3, H3, beta=1.0, method="tap"
    ),
    "learning.paired_difference": call(
        learning.paired_difference, [0.97, 0.96, 0.98], [0.96, 0.95, 0.96]
    ),
    "learning.paired_verdicts": call(
        learning.paired_verdicts,
        {"same": ([0.970, 0.962, 0.975, 0.968], [0.969, 0.963, 0.973, 0.968])},
        margin=0.005,
        alpha=0.05,
    ),
    "learning.random_network": call(
        learning.random_network, 3, coupling=1.0, field=0.3, n_instances=None, rng=0
    ),
    "learning.save_comparison": call(
        learning.save_comparison, _TMP / "saved.npz", {"c": COMPARISON}, run=None
    ),
    "learning.sequential_meanfield": call(
        learning.sequential_meanfield, J3, H3, beta=1.0, m0=None, n_sweeps=3
    ),
    "learning.solve_meanfield": call(
        learning.solve_meanfield,
        J3,
        H3,
        beta=1.0,
        method="naive",
        damping=0.5,
        tol=1e-12,
        max_iter=100,
        m0=None,
    ),
    "learning.sublattice_states": call(learning.sublattice_states, 0.5, [0.0, 0.3], 0.8, Tc=1.0),
    "learning.train_mlp": call(
        learning.train_mlp,
        DATA,
        "relu",
        seeds=(0,),
        hidden=4,
        epochs=1,
        batch_size=8,
        lr=3e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
    ),
    "learning.variational_free_energy": call(
        learning.variational_free_energy, 0.5, 2.0, 0.0, Tc=1.0
    ),
    # booktools (the chapters' glue and data files)
    "booktools.data_files": call(booktools.data_files),
    "booktools.data_path": call(booktools.data_path, "criticality.npz"),
    "booktools.format_small": call(booktools.format_small, -3.7e-14, 1e-12, fmt="+.1e"),
    "booktools.glue_number": call(
        booktools.glue_number, "a", 0.123456789, digits=6, zero_below=1e-12, noise=1e-9
    ),
    "booktools.glue_text": call(booktools.glue_text, "verdict", "equivalent"),
    "booktools.provenance": call(booktools.provenance),
    "booktools.read_provenance": call(booktools.read_provenance, DATA_FILE),
    "booktools.round_significant": call(booktools.round_significant, 0.131572968, 6),
    "booktools.save_data": call(booktools.save_data, _TMP / "x.npz", {"x": [1, 2]}, run=None),
    "booktools.stable_round": call(booktools.stable_round, 2.31749999, 4, noise=1e-9),
    # symbolic (sympy derivations)
    "symbolic.check_free_energy": call(symbolic.check_free_energy),
    "symbolic.check_landau_expansion": call(symbolic.check_landau_expansion, order=4),
    "symbolic.check_mean_field_hamiltonian": call(
        symbolic.check_mean_field_hamiltonian, kind="torus", L=3
    ),
    "symbolic.check_pair_expansion": call(symbolic.check_pair_expansion),
    "symbolic.check_partition_function": call(symbolic.check_partition_function, n=2),
    "symbolic.check_spike_counts": call(symbolic.check_spike_counts),
    "symbolic.check_stationarity": call(symbolic.check_stationarity),
    "symbolic.paper_spike_count_sigmoid": call(symbolic.paper_spike_count_sigmoid, C=0),
    "symbolic.paper_spike_count_tanh": call(symbolic.paper_spike_count_tanh, C=0),
    "symbolic.elu_comparison": call(symbolic.elu_comparison),
    "symbolic.free_energy_per_spin": call(symbolic.free_energy_per_spin),
    "symbolic.landau_expansion": call(symbolic.landau_expansion, order=4),
    "symbolic.lattice_mean_field_hamiltonian": call(
        symbolic.lattice_mean_field_hamiltonian, kind="torus", L=3
    ),
    "symbolic.mean_field_hamiltonian": call(symbolic.mean_field_hamiltonian),
    "symbolic.pair_expansion": call(symbolic.pair_expansion),
    "symbolic.partition_function": call(symbolic.partition_function),
    "symbolic.relu_comparison": call(symbolic.relu_comparison, kind="tanh"),
    "symbolic.spike_count_eq2": call(symbolic.spike_count_eq2),
    "symbolic.spike_count_sigmoid": call(symbolic.spike_count_sigmoid),
    "symbolic.spike_count_tanh": call(symbolic.spike_count_tanh),
    "symbolic.stationarity": call(symbolic.stationarity),
    "symbolic.verification_table": call(symbolic.verification_table),
    "symbolic.to_reduced_temperature": call(
        symbolic.to_reduced_temperature, 3 * (symbolic.T_c / symbolic.T - 1), n=3
    ),
    # verification (the errata log)
    "verification.errata_markdown": call(
        verification.errata_markdown,
        [verification.ErrataRow("x", "II.C", "$m = 1$", "m = 1.0", "holds", "meanfield")],
    ),
    "verification.claims_markdown": call(
        verification.claims_markdown, verification.paper_claims()[:1], name="tab-x"
    ),
    "verification.combine_verdicts": call(verification.combine_verdicts, ["holds", "loose"]),
    "verification.errata_rows": call(verification.errata_rows),
    "verification.evidence_rows": call(verification.evidence_rows),
    "verification.lattice_energy_per_spin": call(
        verification.lattice_energy_per_spin, np.ones((4, 4)), J=1.0
    ),
    "verification.paper_claims": call(verification.paper_claims),
    "verification.verdict_counts": call(verification.verdict_counts, verification.paper_claims()),
    "verification.verdict_labels": call(verification.verdict_labels),
}

# --------------------------------------------------------------------------- hostile values

NAMED_HOSTILE = {
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": float("-inf"),
    "0": 0,
    "0.0": 0.0,
    "-1": -1,
    "-0.5": -0.5,
    "1e300": 1e300,
    "-1e300": -1e300,
    "1e-300": 1e-300,
    "-1e-300": -1e-300,
    "5e-324": 5e-324,
    "10**12": 10**12,
    "2**63": 2**63,
    "-2**63": -(2**63),
    "int64 max": np.int64(2**63 - 1),
    "float32 nan": np.float32("nan"),
    "True": True,
    "False": False,
    "numpy True": np.bool_(True),
    "None": None,
    "'x'": "x",
    "''": "",
    "1+2j": 1 + 2j,
    "b'x'": b"x",
    "empty array": np.array([]),
    "empty list": [],
    "()": (),
    "0-d array": np.array(0.5),
    "2-D array": np.full((2, 2), 0.5),
    "3-D array": np.full((2, 2, 2), 0.5),
    "[nan]": [float("nan")],
    "[1e300, -1e300]": [1e300, -1e300],
    "[1, 'a']": [1, "a"],
    "[1.0, None]": [1.0, None],
    "ragged": [[1.0], [2.0, 3.0]],
    "complex array": np.array([1 + 1j, 2.0]),
    "object()": object(),
    "{}": {},
    "NaN function": _nan_function,
}

#: The hostile values tried on a slow function: one of each kind.
QUICK_HOSTILE = (
    "nan", "inf", "0", "-1", "1e300", "1e-300", "10**12", "True", "None", "'x'", "1+2j",
    "empty array", "2-D array", "[1, 'a']", "object()", "NaN function",
)  # fmt: skip

GENERATED = st.one_of(
    st.floats(),  # every float: NaN, infinities, subnormals, 1e308...
    st.integers(max_value=0),
    st.integers(min_value=10**12, max_value=2**80),  # huge: smaller counts are valid, slow
    st.lists(st.floats(), max_size=3),
    st.complex_numbers(),
    st.text(max_size=2),
)

#: Hypothesis-generated values per argument, on top of every named hostile value.
GENERATED_EXAMPLES = 8

#: Longest a single call may take; a count must be refused before it is looped over.
CALL_SECONDS = 10.0

# --------------------------------------------------------------------------- the contract


class _TookTooLong(Exception):
    pass


@contextmanager
def _time_limit(seconds):
    """Interrupt a call (between Python bytecodes) that runs longer than `seconds`."""
    if not hasattr(signal, "setitimer"):  # no SIGALRM (Windows): no limit
        yield
        return

    def handler(signum, frame):
        raise _TookTooLong(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _nonfinite(x, path="result", depth=0):
    """Paths inside `x` that hold a NaN (``path``) or only infinities (``path + " inf"``)."""
    if depth > 6 or x is None or isinstance(x, (str, bytes, bool, int, np.bool_)):
        return []
    if isinstance(x, (float, complex, np.floating, np.complexfloating, np.ndarray)):
        x = np.asarray(x)
        if x.dtype.kind in "fc":
            if np.any(np.isnan(x)):
                return [path]
            return [] if np.all(np.isfinite(x)) else [f"{path} inf"]
        if x.dtype.kind == "O":
            return [
                p for i, v in enumerate(x.flat) for p in _nonfinite(v, f"{path}[{i}]", depth + 1)
            ]
        return []
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return [
            p
            for f in dataclasses.fields(x)
            for p in _nonfinite(getattr(x, f.name), f"{path}.{f.name}", depth + 1)
        ]
    if isinstance(x, dict):
        return [p for k, v in x.items() for p in _nonfinite(v, f"{path}[{k!r}]", depth + 1)]
    if isinstance(x, (list, tuple)):
        return [p for i, v in enumerate(x) for p in _nonfinite(v, f"{path}[{i}]", depth + 1)]
    return []


def _field_path(field):
    """``"m"`` -> ``"result.m"``, ``"[0]"`` -> ``"result[0]"``, ``""`` -> ``"result"``."""
    return "result" + ("" if not field or field.startswith("[") else ".") + field


def _names(message, name):
    """Whether an error message names the argument `name` (a word of its own)."""
    pattern = rf"(?<![\w.]){re.escape(name)}(?![\w(])"
    if len(name) == 1:  # one letter: also the article "a"; ask for the name as a subject
        pattern = rf"(?<![\w.]){re.escape(name)}(?= must|,| and | or |\[| \(|=|:| =)"
    return re.search(pattern, message) is not None


def _check_contract(case, bound_args, bound_kwargs, name, label):
    """Call, and assert the contract; `name` is the argument that holds the hostile value."""
    fn = TABLE[case].fn
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with _time_limit(CALL_SECONDS):
                result = fn(*bound_args, **bound_kwargs)
        except OSError as exc:  # a file argument that names no readable file
            if name != "path":
                pytest.fail(f"{case}({name}={label}): foreign {type(exc).__name__}: {exc}")
            error = exc
        except (ValueError, TypeError) as exc:
            if name is not None and not _names(str(exc), name):
                pytest.fail(
                    f"{case}({name}={label}): {type(exc).__name__} does not name {name!r}: {exc}"
                )
            error = exc
        except Exception as exc:  # noqa: BLE001 - the point of the test
            where = f"{name}={label}" if name else "baseline"
            pytest.fail(f"{case}({where}): foreign {type(exc).__name__}: {str(exc)[:300]}")
        else:
            error = None
    where = f"{name}={label}" if name else "baseline"
    if caught:
        w = caught[0]
        pytest.fail(f"{case}({where}): warning {w.category.__name__}: {w.message}")
    if error is not None:
        if name is None:
            pytest.fail(f"{case}: the baseline call raises {error!r}")
        return
    c = TABLE[case]
    bad = [
        p
        for p in _nonfinite(result)
        if not any(p.startswith(_field_path(f)) for f in c.nan_ok)
        and not (p.endswith(" inf") and any(p.startswith(_field_path(f)) for f in c.inf_ok))
    ]
    if bad:
        pytest.fail(f"{case}({where}): non-finite result at {', '.join(bad[:5])}")


# --------------------------------------------------------------------------- arguments


def _bound(case):
    c = TABLE[case]
    sig = inspect.signature(c.fn)
    ba = sig.bind(*c.args, **c.kwargs)
    ba.apply_defaults()
    return sig, ba


def _argument_names(case):
    """The arguments a hostile value can be put into: every parameter (and **kwargs key)."""
    sig, ba = _bound(case)
    names = []
    for p in sig.parameters.values():
        if p.kind is p.VAR_KEYWORD:
            names.extend(ba.arguments.get(p.name, {}))
        elif p.kind is p.VAR_POSITIONAL:
            if ba.arguments.get(p.name):
                names.append(p.name)
        else:
            names.append(p.name)
    return names


def _substitute(case, name, value):
    sig, ba = _bound(case)
    args = dict(ba.arguments)
    for p in sig.parameters.values():
        if p.kind is p.VAR_KEYWORD and name in args.get(p.name, {}):
            args[p.name] = {**args[p.name], name: value}
            break
        if p.name == name:
            args[name] = (value, *args[name][1:]) if p.kind is p.VAR_POSITIONAL else value
            break
    new = inspect.BoundArguments(sig, args)
    return new.args, new.kwargs


PAIRS = [(case, name) for case in TABLE for name in _argument_names(case)]


@pytest.fixture(scope="module", autouse=True)
def _scratch_directory():
    """Run in a scratch directory: a hostile path must not write into the repository."""
    here = os.getcwd()
    scratch = tempfile.mkdtemp(prefix="isingneuron-hostile-cwd-")
    os.chdir(scratch)
    try:
        yield
    finally:
        os.chdir(here)
        shutil.rmtree(scratch, ignore_errors=True)


# --------------------------------------------------------------------------- tests


def _public_functions():
    """``module.name`` of every public function of every public module of the package."""
    found = {}
    for info in pkgutil.iter_modules(isingneuron.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"isingneuron.{info.name}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if callable(obj) and not inspect.isclass(obj):
                home = getattr(obj, "__module__", module.__name__).rpartition(".")[2]
                found.setdefault(obj, f"{home}.{name}")
    return sorted(found.values())


def test_table_is_complete():
    """Every public function has a baseline here (or an explained exclusion)."""
    public = set(_public_functions())
    assert "meanfield.magnetization" in public and "learning.forward" in public
    covered = {case.partition("[")[0] for case in TABLE} | set(EXCLUDED)
    missing = sorted(f for f in public - covered if f.partition(".")[0] not in EXCLUDED_MODULES)
    assert not missing, f"public functions missing from TABLE in tests/test_hostile.py: {missing}"
    stale = sorted(covered - public)
    assert not stale, f"TABLE or EXCLUDED names no public function: {stale}"
    for case, c in TABLE.items():
        assert f"{c.fn.__module__.rpartition('.')[2]}.{c.fn.__name__}" == case.partition("[")[0]


@pytest.mark.parametrize("case", list(TABLE))
def test_baseline_call_is_valid(case):
    """The table's own calls satisfy the contract (finite, no warning)."""
    c = TABLE[case]
    _check_contract(case, c.args, c.kwargs, None, "baseline")


@pytest.mark.parametrize(("case", "name"), PAIRS, ids=[f"{c}-{n}" for c, n in PAIRS])
def test_hostile_argument(case, name):
    """A hostile value in one argument: a named ValueError/TypeError or a finite answer.

    Every named hostile value is tried (all failures are reported together), then
    hypothesis draws more from :data:`GENERATED`.
    """
    slow = TABLE[case].slow
    failures = []
    for label, value in NAMED_HOSTILE.items():
        if slow and label not in QUICK_HOSTILE:
            continue
        args, kwargs = _substitute(case, name, value)
        try:
            _check_contract(case, args, kwargs, name, label)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)

    @settings(
        max_examples=1 if slow else GENERATED_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=(Phase.explicit, Phase.generate),  # no shrinking: a failure is reported as found
        suppress_health_check=list(HealthCheck),
    )
    @given(GENERATED)
    def check(value):
        args, kwargs = _substitute(case, name, value)
        _check_contract(case, args, kwargs, name, repr(value))

    check()


def test_contract_helpers():
    """The checks themselves: NaN is found anywhere, names are words of their own."""
    assert _nonfinite({"a": (1.0, np.array([0.0, np.nan]))}) == ["result['a'][1]"]
    assert _nonfinite([np.inf]) == ["result[0] inf"]
    assert _nonfinite(meanfield.Solutions(m=np.ones(3), stable=np.ones(3, bool))) == []
    assert _names("T_bath must be > 0, got -1.0", "T_bath")
    assert not _names("T_bath must be > 0, got -1.0", "T")
    assert not _names("got a sequence", "a")
    assert _names("a must be finite and > 0, got nan", "a")
    assert _field_path("m") == "result.m" and _field_path("[0]") == "result[0]"
