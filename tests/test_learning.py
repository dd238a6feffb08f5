"""Tests of isingneuron.learning: F = E - TS, Boltzmann-machine mean field, small networks."""

import itertools
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.optimize import minimize_scalar

from isingneuron import (
    elu,
    free_energy,
    logistic,
    magnetization,
    paper_activation,
    relu,
    softplus,
    solutions,
    spike_count,
)
from isingneuron.learning import (
    ACTIVATION_NAMES,
    Dataset,
    all_states,
    binary_entropy,
    compare_activations,
    energy_loss,
    equilibrium_thermodynamics,
    exact_moments,
    forward,
    init_params,
    load_comparison,
    load_digits_split,
    loss_and_grad,
    make_activation,
    meanfield_errors,
    meanfield_free_energy,
    paired_difference,
    random_network,
    save_comparison,
    sequential_meanfield,
    solve_meanfield,
    sublattice_states,
    train_mlp,
    variational_free_energy,
)

# --------------------------------------------------------------------------
# F = E - TS
# --------------------------------------------------------------------------


def test_binary_entropy_closed_form():
    m = np.array([-0.9, -0.3, 0.0, 0.5, 0.99])
    p = (1 + m) / 2
    assert_allclose(binary_entropy(m), -(p * np.log(p) + (1 - p) * np.log(1 - p)), rtol=1e-14)
    assert binary_entropy(1.0) == 0.0 and binary_entropy(-1.0) == 0.0
    assert_allclose(binary_entropy(0.0), math.log(2), rtol=1e-15)


@pytest.mark.parametrize("bad", [1.5, -1.01, np.nan])
def test_binary_entropy_rejects_bad_m(bad):
    with pytest.raises(ValueError, match="m must"):
        binary_entropy(bad)


@pytest.mark.parametrize("T", [0.3, 0.8, 0.97, 1.3])
@pytest.mark.parametrize("h", [0.0, 0.05, -0.2])
def test_variational_and_paper_free_energy_agree_at_stationary_points(T, h):
    sol = solutions(T, h)
    m = sol.m[~np.isnan(sol.m)]
    assert_allclose(variational_free_energy(m, T, h), free_energy(m, T, h), atol=1e-13)
    # ... and the stationary points of u - Ts are eq. (1): df/dm = -Tc m - h + T artanh m = 0
    assert_allclose(-m - h + T * np.arctanh(m), 0.0, atol=1e-12)


@pytest.mark.parametrize("T", [0.4, 0.9, 1.5])
def test_paper_free_energy_lies_below_variational_one(T):
    # Legendre duality: f_paper(m) <= u(m) - T s(m), with equality only at solutions of eq. (1).
    m = np.linspace(-0.999, 0.999, 2001)
    gap = variational_free_energy(m, T) - free_energy(m, T)
    assert np.all(gap >= -1e-14)
    roots = solutions(T).m
    roots = roots[~np.isnan(roots)]
    away = np.min(np.abs(m[:, None] - roots[None, :]), axis=1) > 0.05
    assert np.all(gap[away] > 1e-5)


@pytest.mark.parametrize("T", [0.5, 1.3])
def test_paper_free_energy_minimises_over_the_spins_own_magnetisation(T):
    # f_paper(m) = min_mu [Tc m^2/2 - Tc m mu - T s(mu)]: spins in the fixed field Tc m
    # choose their own magnetisation mu = tanh(Tc m / T), which differs from m off eq. (1).
    for m in (-0.7, 0.1, 0.4, 0.95):
        res = minimize_scalar(
            lambda mu, m=m: 0.5 * m * m - m * mu - T * binary_entropy(mu),
            bounds=(-1 + 1e-12, 1 - 1e-12),
            method="bounded",
            options={"xatol": 1e-12},
        )
        assert_allclose(res.fun, free_energy(m, T), atol=1e-12)
        assert_allclose(res.x, np.tanh(m / T), atol=1e-6)


@pytest.mark.parametrize("T", [0.3, 0.7, 0.95, 1.4])
def test_global_minimum_of_u_minus_ts_is_the_magnetisation(T):
    res = minimize_scalar(
        lambda m: variational_free_energy(m, T),
        bounds=(0, 1),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert_allclose(res.x, magnetization(T), atol=1e-6)


def test_equilibrium_thermodynamics_identities():
    T = np.linspace(0.05, 2.0, 400)
    th = equilibrium_thermodynamics(T)
    assert_allclose(th.f, free_energy(th.m, T), atol=1e-13)
    assert_allclose(th.u, th.f + T * th.s, atol=1e-14)
    # s = -df/dT (envelope theorem), checked by central differences away from Tc
    dT = 1e-6
    Tt = T[np.abs(T - 1.0) > 0.01]
    dfdT = (equilibrium_thermodynamics(Tt + dT).f - equilibrium_thermodynamics(Tt - dT).f) / (
        2 * dT
    )
    assert_allclose(-dfdT, equilibrium_thermodynamics(Tt).s, atol=1e-7)
    hot = T >= 1.0
    assert_allclose(th.s[hot], math.log(2), rtol=1e-15)
    assert np.all(th.u[hot] == 0.0)
    # T s and u both fall monotonically as T falls
    assert np.all(np.diff(T * th.s) > 0) and np.all(np.diff(th.u) >= 0)
    cold = equilibrium_thermodynamics(0.02)
    assert_allclose([cold.f, cold.u, cold.s], [-0.5, -0.5, 0.0], atol=1e-20)


def test_sublattice_family_has_clamped_energy():
    delta = np.linspace(0.0, 0.4, 9)
    st = sublattice_states(0.5, delta, 0.8)
    assert np.all(st.u == st.u[0])
    assert_allclose(np.diff(st.f), -0.8 * np.diff(st.s), atol=1e-15)  # ΔF = -T ΔS exactly
    assert np.all(np.diff(st.s) < 0) and np.argmin(st.f) == 0
    with pytest.raises(ValueError, match="m_mean and delta"):
        sublattice_states(0.8, 0.3, 1.0)


# --------------------------------------------------------------------------
# Boltzmann machine
# --------------------------------------------------------------------------


def test_all_states_enumerates_every_configuration_once():
    S = all_states(5)
    assert S.shape == (32, 5)
    assert len({tuple(r) for r in S}) == 32
    assert set(np.unique(S)) == {-1.0, 1.0}
    with pytest.raises(ValueError, match="n must"):
        all_states(21)


def test_exact_three_spins_against_hand_sum():
    J = np.array([[0.0, 1.0, -0.4], [1.0, 0.0, 0.5], [-0.4, 0.5, 0.0]])
    h = np.array([0.2, 0.0, -0.1])
    beta = 0.7
    Z = 0.0
    num = np.zeros(3)
    E_sum = 0.0
    for s in itertools.product([-1, 1], repeat=3):
        E = -(J[0, 1] * s[0] * s[1] + J[0, 2] * s[0] * s[2] + J[1, 2] * s[1] * s[2])
        E -= h[0] * s[0] + h[1] * s[1] + h[2] * s[2]
        w = math.exp(-beta * E)
        Z += w
        num += w * np.array(s)
        E_sum += w * E
    ex = exact_moments(J, h, beta=beta)
    assert_allclose(ex.m, num / Z, rtol=1e-13)
    assert_allclose(ex.free_energy, -math.log(Z) / beta, rtol=1e-13)
    assert_allclose(ex.energy, E_sum / Z, rtol=1e-13)
    assert_allclose(ex.free_energy, ex.energy - ex.entropy / beta, rtol=1e-13)


def test_exact_two_spins_closed_form():
    J12, h1, h2, beta = 0.8, 0.3, -0.5, 1.3
    J = np.array([[0.0, J12], [J12, 0.0]])
    ex = exact_moments(J, [h1, h2], beta=beta)
    a, b = beta * (h1 + h2), beta * (h1 - h2)
    Z = 2 * math.exp(beta * J12) * math.cosh(a) + 2 * math.exp(-beta * J12) * math.cosh(b)
    m1 = (2 * math.exp(beta * J12) * math.sinh(a) + 2 * math.exp(-beta * J12) * math.sinh(b)) / Z
    m2 = (2 * math.exp(beta * J12) * math.sinh(a) - 2 * math.exp(-beta * J12) * math.sinh(b)) / Z
    assert_allclose(ex.m, [m1, m2], rtol=1e-13)
    assert_allclose(ex.free_energy, -math.log(Z) / beta, rtol=1e-13)
    c12 = (2 * math.exp(beta * J12) * math.cosh(a) - 2 * math.exp(-beta * J12) * math.cosh(b)) / Z
    assert_allclose(ex.correlations, [[1, c12], [c12, 1]], rtol=1e-13)


def test_exact_entropy_is_gibbs_entropy():
    net = random_network(6, coupling=1.2, rng=4)
    beta = 0.9
    S = all_states(6)
    E = -0.5 * np.einsum("ki,ij,kj->k", S, net.J, S) - S @ net.h
    p = np.exp(-beta * E)
    p /= p.sum()
    ex = exact_moments(net.J, net.h, beta=beta)
    assert_allclose(ex.entropy, -np.sum(p * np.log(p)), rtol=1e-12)


@pytest.mark.parametrize("method", ["naive", "tap"])
def test_meanfield_fixed_point_satisfies_its_equation(method):
    net = random_network(10, coupling=0.6, field=0.4, rng=5)
    beta = 1.2
    sol = solve_meanfield(net.J, net.h, beta=beta, method=method)
    assert sol.converged
    m = sol.m
    field = beta * (net.J @ m + net.h)
    if method == "tap":
        field -= beta**2 * m * ((net.J**2) @ (1 - m**2))
    assert_allclose(m, np.tanh(field), atol=1e-11)


def test_meanfield_is_exact_without_coupling():
    h = np.array([0.3, -1.0, 2.0, 0.0])
    J = np.zeros((4, 4))
    for method in ("naive", "tap"):
        assert_allclose(
            solve_meanfield(J, h, beta=0.8, method=method).m, np.tanh(0.8 * h), atol=1e-13
        )
    assert_allclose(exact_moments(J, h, beta=0.8).m, np.tanh(0.8 * h), atol=1e-14)


def test_meanfield_error_scales_as_coupling_squared_and_tap_as_cubed():
    # Naive mean field misses the Onsager reaction term, of order beta^2 J^2:
    # halving the coupling divides its error by 4; TAP includes it, leaving order J^3 (÷ 8).
    scan = meanfield_errors(10, beta=1.0, coupling=[0.04, 0.02], field=0.5, n_instances=8, rng=6)
    assert_allclose(scan.naive[0] / scan.naive[1], 4.0, rtol=0.03)
    assert_allclose(scan.tap[0] / scan.tap[1], 8.0, rtol=0.05)
    assert np.all(scan.naive_converged == 1) and np.all(scan.tap_converged == 1)


def test_meanfield_free_energy_is_a_variational_upper_bound():
    rng = np.random.default_rng(7)
    for coupling in (0.3, 1.0, 2.0):
        net = random_network(8, coupling=coupling, rng=rng)
        beta = 1.1
        F = exact_moments(net.J, net.h, beta=beta).free_energy
        sol = solve_meanfield(net.J, net.h, beta=beta)
        assert sol.free_energy >= F - 1e-12
        trial = rng.uniform(-1, 1, size=(50, 8))
        assert np.all(meanfield_free_energy(trial, net.J, net.h, beta=beta) >= F)


def test_sequential_meanfield_descends_the_free_energy():
    net = random_network(9, coupling=1.5, rng=8)
    m, F = sequential_meanfield(net.J, net.h, beta=1.4, n_sweeps=15)
    assert m.shape == (15 * 9 + 1, 9)
    assert np.all(np.diff(F) <= 1e-13)
    assert F[-1] < F[0]
    # its end point is a fixed point of the naive equations
    assert_allclose(m[-1], np.tanh(1.4 * (net.J @ m[-1] + net.h)), atol=1e-6)


@pytest.mark.parametrize(
    ("J", "h", "match"),
    [
        ([[0.0, 1.0], [0.5, 0.0]], [0.0, 0.0], "symmetric"),
        ([[1.0, 0.0], [0.0, 0.0]], [0.0, 0.0], "zero diagonal"),
        ([[0.0, 1.0], [1.0, 0.0]], [0.0, 0.0, 0.0], "h must have shape"),
        ([0.0, 1.0], [0.0], "J must have shape"),
    ],
)
def test_network_validation(J, h, match):
    with pytest.raises(ValueError, match=match):
        exact_moments(J, h)


def test_solver_rejects_bad_arguments():
    net = random_network(3, rng=0)
    with pytest.raises(ValueError, match="damping"):
        solve_meanfield(net.J, net.h, damping=1.5)
    with pytest.raises(ValueError, match="method"):
        solve_meanfield(net.J, net.h, method="bethe")
    with pytest.raises(ValueError, match="beta"):
        exact_moments(net.J, net.h, beta=0.0)


# --------------------------------------------------------------------------
# Activations
# --------------------------------------------------------------------------

X = np.array([-4.0, -1.3, -0.2, 0.15, 0.7, 2.5])
PARAMS = {"a": 5.98, "b": 0.877, "Tc": 1.0, "T_bath": 1.5}


def test_standard_activations_match_the_zoo():
    for name, ref in [
        ("relu", relu),
        ("softplus", softplus),
        ("logistic", logistic),
        ("tanh", np.tanh),
        ("elu", elu),
    ]:
        assert_allclose(make_activation(name).f(X), ref(X), rtol=1e-15, atol=1e-300)


def test_ising_activation_is_eq2_in_the_neural_reading():
    act = make_activation("ising", **PARAMS)
    expected = paper_activation(-X, a=PARAMS["a"], b=PARAMS["b"], Tc=PARAMS["Tc"])
    assert_allclose(act.f(X), expected, rtol=1e-14)
    # a = 1/2, b = 0 is the logistic function exactly
    plain = make_activation("ising", a=0.5, b=0.0)
    assert_array_equal(plain.f(X), logistic(X))
    assert_array_equal(plain.df(X), make_activation("logistic").df(X))


def test_spike_activation_is_the_spike_count_and_its_derivative_is_eq2():
    act = make_activation("spikes", **PARAMS)
    V = np.linspace(0.0, 4.0, 41)
    expected = spike_count(V, T_bath=PARAMS["T_bath"], a=PARAMS["a"], b=PARAMS["b"])
    assert_allclose(act.f(V), expected, atol=1e-14)
    m = paper_activation(PARAMS["T_bath"] - X, a=PARAMS["a"], b=PARAMS["b"])
    assert_allclose(act.df(X), m, rtol=1e-14)
    assert act.f(0.0) == 0.0
    # analytic continuation to V < 0: negative, bounded below by -sp_2a(-theta)
    theta = PARAMS["T_bath"] - PARAMS["b"]
    floor = -np.log1p(np.exp(-2 * PARAMS["a"] * theta)) / (2 * PARAMS["a"])
    neg = act.f(np.array([-50.0, -1.0, -1e-3]))
    assert np.all((neg < 0) & (neg >= floor))


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_derivative_matches_finite_differences(name):
    act = make_activation(name, **PARAMS)
    x = np.array([-2.3, -0.91, -0.4, 0.12, 0.37, 0.8, 1.9])  # away from kinks at 0
    eps = 1e-6
    fd = (act.f(x + eps) - act.f(x - eps)) / (2 * eps)
    assert_allclose(act.df(x), fd, rtol=1e-6, atol=1e-8)


def test_make_activation_rejects_unknown_name():
    with pytest.raises(ValueError, match="name must be one of"):
        make_activation("swish")


# --------------------------------------------------------------------------
# Networks
# --------------------------------------------------------------------------


def _flat(params):
    return np.concatenate([params[k].ravel() for k in ("W1", "b1", "W2", "b2")])


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_backprop_gradient_matches_finite_differences(name):
    rng = np.random.default_rng(11)
    params = init_params(5, 4, 3, rng=rng)
    params["b1"] = rng.normal(0, 0.5, 4)
    params["b2"] = rng.normal(0, 0.5, 3)
    X = rng.normal(size=(7, 5))
    y = rng.integers(0, 3, 7)
    act = make_activation(name, **PARAMS)
    _, grads = loss_and_grad(params, X, y, act)
    eps = 1e-6
    for k, p in params.items():
        fd = np.empty_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + eps
            lp, _ = loss_and_grad(params, X, y, act)
            p[i] = old - eps
            lm, _ = loss_and_grad(params, X, y, act)
            p[i] = old
            fd[i] = (lp - lm) / (2 * eps)
        assert_allclose(grads[k], fd, rtol=1e-5, atol=1e-9, err_msg=f"{name}: {k}")


def test_loss_is_cross_entropy_and_stacked_networks_match_single_ones():
    rng = np.random.default_rng(12)
    ps = [init_params(4, 3, 5, rng=rng) for _ in range(2)]
    X = rng.normal(size=(2, 6, 4))
    y = rng.integers(0, 5, (2, 6))
    stacked = {k: np.stack([p[k] for p in ps]) for k in ps[0]}
    loss, grads = loss_and_grad(stacked, X, y, "tanh")
    for s in range(2):
        loss_s, grads_s = loss_and_grad(ps[s], X[s], y[s], "tanh")
        assert_allclose(loss[s], loss_s, rtol=1e-14)
        for k in grads_s:
            assert_allclose(grads[k][s], grads_s[k], rtol=1e-13, atol=1e-16)
        L = forward(ps[s], X[s], "tanh")
        ce = -np.log(np.exp(L[np.arange(6), y[s]]) / np.exp(L).sum(axis=1))
        assert_allclose(loss_s, ce.mean(), rtol=1e-13)


def test_energy_loss_limits():
    rng = np.random.default_rng(13)
    logits = rng.normal(size=(20, 4))
    y = rng.integers(0, 4, 20)
    ce = -np.log(np.exp(logits[np.arange(20), y]) / np.exp(logits).sum(axis=1))
    assert_allclose(energy_loss(logits, y), ce, rtol=1e-13)
    perceptron = logits.max(axis=1) - logits[np.arange(20), y]
    assert_allclose(energy_loss(logits, y, T=1e-9), perceptron, atol=1e-8)
    assert np.all(energy_loss(logits, y, T=0.3) >= perceptron)
    with pytest.raises(ValueError, match="y must"):
        energy_loss(logits, np.full(20, 4))


@pytest.fixture(scope="module")
def digits():
    return load_digits_split()


def test_digits_split(digits):
    assert digits.X_train.shape == (1348, 64) and digits.X_test.shape == (449, 64)
    assert_allclose(digits.X_train.mean(axis=0), 0.0, atol=1e-12)
    sd = digits.X_train.std(axis=0)
    assert np.all((np.abs(sd - 1) < 1e-12) | (sd == 0))
    assert set(np.unique(digits.y_train)) == set(range(10))
    again = load_digits_split()
    assert_array_equal(again.X_test, digits.X_test)
    other = load_digits_split(rng=1)
    assert not np.array_equal(other.y_test, digits.y_test)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_training_reduces_the_loss(digits, name):
    small = Dataset(digits.X_train[:400], digits.y_train[:400], digits.X_test, digits.y_test)
    run = train_mlp(small, make_activation(name, **PARAMS), seeds=[3, 4], epochs=4, hidden=16)
    assert np.all(np.diff(run.train_loss, axis=1) < 0)
    assert np.all(run.train_loss[:, -1] < 0.8 * run.train_loss[:, 0])
    assert np.all(run.test_accuracy[:, -1] > 0.4)  # chance: 0.1


def test_training_is_deterministic(digits):
    small = Dataset(digits.X_train[:400], digits.y_train[:400], digits.X_test, digits.y_test)
    run = train_mlp(small, "ising", seeds=[3, 4], epochs=2, hidden=16)
    again = train_mlp(small, "ising", seeds=[4], epochs=2, hidden=16)
    assert_array_equal(again.train_loss[0], run.train_loss[1])  # seed 4, alone or stacked
    assert_array_equal(again.params["W1"][0], run.params["W1"][1])


def test_compare_activations_shares_initialisation_and_round_trips(digits, tmp_path):
    small = Dataset(digits.X_train[:200], digits.y_train[:200], digits.X_test, digits.y_test)
    c = compare_activations(small, ["relu", "spikes"], seeds=[0, 1], epochs=1, hidden=8)
    assert c.test_accuracy.shape == (2, 2, 2)
    alone = train_mlp(small, "relu", seeds=[1], epochs=1, hidden=8)
    assert_array_equal(c.test_loss[0, 1], alone.test_loss[0])
    assert c.final("spikes", "train_loss").shape == (2,)
    save_comparison(tmp_path / "c.npz", {"lr=0.003": c})
    back = load_comparison(tmp_path / "c.npz")["lr=0.003"]
    assert back.names == c.names and back.settings == c.settings
    assert_array_equal(back.test_accuracy, c.test_accuracy)


def test_paired_difference_matches_scipy():
    from scipy.stats import ttest_rel

    x = np.array([0.97, 0.965, 0.972, 0.961, 0.969])
    y = np.array([0.96, 0.966, 0.962, 0.955, 0.960])
    d = paired_difference(x, y)
    ref = ttest_rel(x, y)
    assert_allclose([d.t, d.p], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert d.n == 5
    assert_allclose(d.se, d.sd / math.sqrt(5), rtol=1e-15)


# ---------------------------------------------------------------------------
# Multiple testing and equivalence (the learning experiment's statistics)
# ---------------------------------------------------------------------------


def test_holm_matches_its_definition():
    """Holm: sorted p_(k) * (m - k + 1), running maximum, capped at 1 (brute force)."""
    from isingneuron.learning import holm

    rng = np.random.default_rng(3)
    for m in (1, 2, 5, 24):
        p = rng.uniform(0, 0.2, m)
        order = np.argsort(p)
        expected = np.empty(m)
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, min(1.0, (m - rank) * p[i]))
            expected[i] = running
        assert_allclose(holm(p), expected, rtol=1e-15)
        # never below the raw p-values, never above Bonferroni
        assert np.all(holm(p) >= p) and np.all(holm(p) <= np.minimum(1, m * p) + 1e-15)
    for bad in ([], [0.5, 1.5], [np.nan]):
        with pytest.raises(ValueError, match="pvalues"):
            holm(bad)


def test_equivalence_p_is_the_larger_one_sided_test():
    """TOST p = max of the two one-sided paired t-tests (scipy.stats.ttest_1samp)."""
    from scipy.stats import ttest_1samp

    from isingneuron.learning import equivalence_p

    rng = np.random.default_rng(4)
    x, y = rng.normal(0.0, 1.0, 25), rng.normal(0.1, 1.0, 25)
    d = x - y
    for margin in (0.2, 0.5, 2.0):
        lower = ttest_1samp(d, -margin, alternative="greater").pvalue
        upper = ttest_1samp(d, margin, alternative="less").pvalue
        assert_allclose(equivalence_p(x, y, margin), max(lower, upper), rtol=1e-12)
    with pytest.raises(ValueError, match="margin"):
        equivalence_p(x, y, 0.0)


def test_paired_verdicts_classify_and_correct_over_the_table():
    from isingneuron.learning import paired_verdicts

    rng = np.random.default_rng(5)
    base = rng.normal(0.96, 0.005, 40)
    noise = lambda: rng.normal(0, 0.001, 40)  # noqa: E731
    rows = paired_verdicts(
        {
            "tie": (base + noise(), base),
            "worse": (base - 0.02 + noise(), base),
            "better, small": (base + 0.002 + noise(), base),
            "unclear": (base + rng.normal(0.0, 0.03, 40), base),
        },
        margin=0.005,
    )
    assert [r.verdict for r in rows] == [
        "equivalent",
        "worse",
        "better, within the margin",
        "inconclusive",
    ]
    # one correction over every test of the table, t-tests and equivalence tests together
    from isingneuron.learning import equivalence_p, holm

    x = base + 0.0004 + noise()
    lone = paired_verdicts({"x": (x, base)}, margin=0.005)[0]
    expected = holm([lone.difference.p, equivalence_p(x, base, 0.005)])
    assert_allclose([lone.p_holm, lone.p_equivalence], expected, rtol=1e-15)
    for bad in ({}, {"x": ([1.0], [1.0])}):
        with pytest.raises(ValueError):
            paired_verdicts(bad, margin=0.005)
    with pytest.raises(ValueError, match="alpha"):
        paired_verdicts({"x": (base, base + noise())}, margin=0.005, alpha=1.5)


def test_constant_differences_up_to_rounding_are_constant():
    """A difference that is constant up to rounding is treated like an exactly constant one."""
    from isingneuron.learning import equivalence_p

    x = np.array([0.1, 0.2, 0.3, 0.7]) + 0.1  # x - y == 0.1 up to the last bit
    y = np.array([0.1, 0.2, 0.3, 0.7])
    d = paired_difference(x, y)
    assert d.se == 0.0 and d.p == 0.0
    assert equivalence_p(x, y, 0.05) == 1.0 and equivalence_p(x, y, 0.2) == 0.0
