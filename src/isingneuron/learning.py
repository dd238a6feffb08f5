r"""Energy-based learning: free energy, Boltzmann-machine mean field, small networks.

Three pieces of the paper's §III.B, each made computable.

1. ``F = E - TS`` on the mean-field magnet. With ``k_B = 1`` and ``T_c = zJ``
   the energy per spin of a state of magnetisation ``m`` is
   ``u(m) = -T_c m^2 / 2`` (``h = 0``), the entropy per spin of independent
   spins with mean ``m`` is the binary entropy :func:`binary_entropy`, and
   their difference :func:`variational_free_energy` is the Bragg–Williams
   (Landau) free energy whose stationary points are eq. (1).
   :func:`equilibrium_thermodynamics` evaluates ``u``, ``s`` and ``f`` along
   the ordered branch.
2. The mean-field equations of a Boltzmann machine / Hopfield network,
   ``m_i = tanh(beta (sum_j J_ij m_j + h_i))``, a recurrent network with the
   tanh activation (:func:`solve_meanfield`, naive or TAP), checked against
   exact enumeration of all ``2^N`` states (:func:`exact_moments`).
3. A learning experiment: one-hidden-layer networks trained with Adam on the
   handwritten digits, for each activation, including the paper's eq. (2) in
   its neural reading and the spike count (:func:`train_mlp`,
   :func:`compare_activations`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, xlogy

from ._blas import one_blas_thread
from ._validation import (
    MAX_ELEMENTS,
    as_float_array,
    broadcast,
    choice,
    finite,
    finite_scalar,
    generator,
    integers,
    mapping,
    path_like,
    positive,
    positive_int,
    positive_scalar,
    scalar_or_array,
    strings,
)
from .activations import paper_activation, spike_activation
from .booktools import save_data

__all__ = [
    "ACTIVATION_LABELS",
    "ACTIVATION_NAMES",
    "Activation",
    "Comparison",
    "Dataset",
    "ErrorScan",
    "ExactMoments",
    "MeanFieldSolution",
    "Network",
    "PairedDifference",
    "PairedVerdict",
    "equivalence_p",
    "holm",
    "paired_verdicts",
    "SublatticeStates",
    "Thermodynamics",
    "TrainingRun",
    "all_states",
    "binary_entropy",
    "compare_activations",
    "energy_loss",
    "equilibrium_thermodynamics",
    "exact_moments",
    "forward",
    "init_params",
    "load_comparison",
    "load_digits_split",
    "loss_and_grad",
    "make_activation",
    "meanfield_errors",
    "meanfield_free_energy",
    "paired_difference",
    "random_network",
    "save_comparison",
    "sequential_meanfield",
    "solve_meanfield",
    "sublattice_states",
    "train_mlp",
    "variational_free_energy",
]


def _logsumexp(x, axis=-1, keepdims=False):
    """``log(sum(exp(x)))`` along `axis`, stable (a lean stand-in for scipy's, ~20x faster)."""
    mx = np.max(x, axis=axis, keepdims=True)
    out = np.log(np.sum(np.exp(x - mx), axis=axis, keepdims=True)) + mx
    return out if keepdims else np.squeeze(out, axis=axis)


# --------------------------------------------------------------------------
# 1. F = E - TS on the mean-field magnet
# --------------------------------------------------------------------------


def _finite_result(names, *values):
    """Refuse a result that overflowed: the arguments `names` are too extreme."""
    for v in values:
        if not np.all(np.isfinite(v)):
            raise ValueError(f"{names} must keep the result finite, got an overflow")


def _magnetisation(name, m):
    m = as_float_array(name, m)
    if np.any(np.abs(m) > 1.0):
        raise ValueError(f"{name} must lie in [-1, 1], got {m!r}")
    return m


def binary_entropy(m):
    r"""Entropy per spin (nats) of independent ±1 spins with mean `m`.

    .. math:: s(m) = -\tfrac{1+m}{2}\ln\tfrac{1+m}{2} - \tfrac{1-m}{2}\ln\tfrac{1-m}{2}

    Parameters
    ----------
    m : array_like
        Magnetisation(s) in [-1, 1]. Any shape.

    Returns
    -------
    s : float or ndarray
        Same shape as `m`, in ``[0, ln 2]``; ``s(±1) = 0`` (``0 ln 0 = 0``).

    Examples
    --------
    >>> round(binary_entropy(0.0), 10)  # ln 2
    0.6931471806
    >>> binary_entropy([-1.0, 1.0]).tolist()
    [0.0, 0.0]
    """
    m = _magnetisation("m", m)
    p, q = 0.5 * (1.0 + m), 0.5 * (1.0 - m)
    return scalar_or_array(-(xlogy(p, p) + xlogy(q, q)))


def variational_free_energy(m, T, h=0.0, *, Tc=1.0):
    r"""Bragg–Williams free energy per spin ``f = u - T s`` of a state of magnetisation `m`.

    .. math:: f(m) = -\tfrac12 T_c m^2 - h m - T\,s(m)

    the energy of the mean-field magnet in a product state of magnetisation
    `m` minus temperature times that state's entropy (:func:`binary_entropy`).
    Its stationary points, ``T artanh(m) = T_c m + h``, are eq. (1).

    Parameters
    ----------
    m : array_like
        Magnetisation in [-1, 1].
    T : array_like
        Temperature, ``T > 0``.
    h : array_like, optional
        Uniform field.
    Tc : float, optional
        ``Tc = zJ > 0``.

    Returns
    -------
    f : float or ndarray
        Broadcast shape of `m`, `T`, `h`.

    Notes
    -----
    The paper's ``f(m; T)`` (:func:`isingneuron.free_energy`), obtained from
    the partition function of the mean-field Hamiltonian at a *fixed mean
    field* ``T_c m``, is a different function of `m`. It is the Legendre dual
    of this one: ``f_paper(m) <= f(m)`` for every `m`, with equality exactly
    at the solutions of eq. (1), where the two also share their values,
    their stationarity and the sign of their curvature.

    Examples
    --------
    >>> round(variational_free_energy(0.0, 2.0), 10)  # -T ln 2
    -1.3862943611
    >>> from isingneuron import free_energy, magnetization
    >>> m = magnetization(0.5)
    >>> round(variational_free_energy(m, 0.5) - free_energy(m, 0.5), 12)
    0.0
    """
    m = _magnetisation("m", m)
    T = positive("T", T)
    h = finite("h", h)
    Tc = positive_scalar("Tc", Tc)
    m, T, h = broadcast(m=m, T=T, h=h)
    s = np.asarray(binary_entropy(m))
    return scalar_or_array(-0.5 * Tc * m * m - h * m - T * s)


@dataclass(frozen=True)
class Thermodynamics:
    """Equilibrium thermodynamics per spin along the ordered branch.

    Attributes
    ----------
    T : ndarray
        Temperatures.
    m : ndarray
        Equilibrium magnetisation (the ``m >= 0`` branch of eq. (1)).
    u : ndarray
        Energy per spin ``-Tc m^2 / 2``.
    s : ndarray
        Entropy per spin ``s(m)``.
    f : ndarray
        Free energy per spin ``u - T s``.
    """

    T: np.ndarray
    m: np.ndarray
    u: np.ndarray
    s: np.ndarray
    f: np.ndarray


def equilibrium_thermodynamics(T, *, Tc=1.0):
    """Energy, entropy and free energy per spin of the mean-field magnet in equilibrium.

    Parameters
    ----------
    T : array_like
        Temperature(s), ``T > 0``. Any shape.
    Tc : float, optional
        ``Tc > 0``.

    Returns
    -------
    Thermodynamics
        Arrays of the shape of `T` (0-d arrays for scalar `T`).

    Notes
    -----
    At ``T >= Tc``: ``m = 0``, ``u = 0``, ``s = ln 2``, ``f = -T ln 2`` (all
    entropy). As ``T -> 0``: ``m -> 1``, ``s -> 0``, ``f -> u -> -Tc/2``
    (all energy). ``s = -df/dT`` and ``u = f + Ts`` hold along the branch.

    Examples
    --------
    >>> th = equilibrium_thermodynamics([0.5, 2.0])
    >>> th.u.round(6), th.s.round(6), th.f.round(6)
    (array([-0.458407,  0.      ]), array([0.102857, 0.693147]), array([-0.509836, -1.386294]))
    """
    from .meanfield import magnetization

    T = positive("T", T)
    Tc = positive_scalar("Tc", Tc)
    m = np.asarray(magnetization(T, Tc=Tc), dtype=float)
    u = -0.5 * Tc * m * m + 0.0  # + 0.0 turns -0.0 into 0.0
    s = np.asarray(binary_entropy(m), dtype=float)
    return Thermodynamics(T=T, m=m, u=u, s=s, f=u - T * s)


@dataclass(frozen=True)
class SublatticeStates:
    """Two-sublattice product states of the infinite-range magnet.

    Attributes
    ----------
    u, s, f : ndarray
        Energy, entropy and free energy per spin.
    """

    u: np.ndarray
    s: np.ndarray
    f: np.ndarray


def sublattice_states(m_mean, delta, T, *, Tc=1.0):
    r"""States with sublattice magnetisations ``m_mean ± delta``: a clamped-energy family.

    In the infinite-range (mean-field) magnet the energy per spin depends only
    on the mean magnetisation, ``u = -Tc m_mean^2 / 2``; splitting the spins
    into two halves with magnetisations ``m_mean + delta`` and
    ``m_mean - delta`` leaves ``u`` unchanged and lowers the entropy
    ``s = [s(m_mean + delta) + s(m_mean - delta)] / 2``. Along this family the
    energy is clamped and ``ΔF = -T ΔS`` holds exactly.

    Parameters
    ----------
    m_mean : array_like
        Mean magnetisation.
    delta : array_like
        Half the difference of the sublattice magnetisations; both
        ``m_mean ± delta`` must lie in [-1, 1].
    T : array_like
        Temperature, ``T > 0``.
    Tc : float, optional
        ``Tc > 0``.

    Returns
    -------
    SublatticeStates
        ``u``, ``s``, ``f`` of the broadcast shape of the inputs.

    Examples
    --------
    >>> st = sublattice_states(0.5, [0.0, 0.3], 0.8)
    >>> st.u.round(6), st.s.round(6)
    (array([-0.125, -0.125]), array([0.562335, 0.499047]))
    """
    m_mean = finite("m_mean", m_mean)
    delta = finite("delta", delta)
    T = positive("T", T)
    Tc = positive_scalar("Tc", Tc)
    m_mean, delta, T = broadcast(m_mean=m_mean, delta=delta, T=T)
    if np.any(np.abs(m_mean) + np.abs(delta) > 1.0):
        raise ValueError("m_mean and delta must satisfy |m_mean| + |delta| <= 1")
    u = -0.5 * Tc * m_mean**2
    s = 0.5 * (np.asarray(binary_entropy(m_mean + delta)) + binary_entropy(m_mean - delta))
    return SublatticeStates(u=u, s=s, f=u - T * s)


# --------------------------------------------------------------------------
# 2. Boltzmann machine: exact enumeration and mean field
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    """Couplings and fields of a Boltzmann machine ``E(s) = -s·Js/2 - h·s``.

    Attributes
    ----------
    J : ndarray, shape (..., N, N)
        Symmetric couplings with zero diagonal.
    h : ndarray, shape (..., N)
        Fields.
    """

    J: np.ndarray
    h: np.ndarray


def random_network(n, *, coupling=1.0, field=0.3, n_instances=None, rng=None):
    """Sherrington–Kirkpatrick couplings ``J_ij ~ N(0, coupling^2 / n)`` and Gaussian fields.

    Parameters
    ----------
    n : int
        Number of spins, ``n >= 2``.
    coupling : float, optional
        Standard deviation of ``sqrt(n) J_ij``, ``>= 0``.
    field : float, optional
        Standard deviation of the fields ``h_i``, ``>= 0``.
    n_instances : int, optional
        Draw this many independent networks (leading axis); one if omitted.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness.

    Returns
    -------
    Network
        ``J`` of shape ``(n, n)`` (or ``(n_instances, n, n)``), symmetric, zero
        diagonal; ``h`` of shape ``(n,)`` (or ``(n_instances, n)``).

    Examples
    --------
    >>> net = random_network(4, rng=0)
    >>> net.J.shape, bool((net.J == net.J.T).all()), float(abs(net.J.diagonal()).max())
    ((4, 4), True, 0.0)
    """
    n = positive_int("n", n, minimum=2, maximum=2**14)
    coupling = float(_nonneg_scalar("coupling", coupling))
    field = float(_nonneg_scalar("field", field))
    rng = generator(rng)
    k = 1 if n_instances is None else positive_int("n_instances", n_instances)
    if k * n * n > MAX_ELEMENTS:
        raise ValueError(
            f"n and n_instances must keep the couplings within {MAX_ELEMENTS} values, got "
            f"n={n}, n_instances={k}"
        )
    G = rng.normal(size=(k, n, n))
    J = np.triu(G, 1)
    J = (J + np.swapaxes(J, -1, -2)) * (coupling / np.sqrt(n))
    h = field * rng.normal(size=(k, n))
    if n_instances is None:
        J, h = J[0], h[0]
    return Network(J=J, h=h)


def _nonneg_scalar(name, x):
    arr = as_float_array(name, x)
    if arr.ndim != 0 or arr < 0:
        raise ValueError(f"{name} must be a scalar >= 0, got {x!r}")
    return float(arr)


def _check_network(J, h):
    J = finite("J", J)
    h = finite("h", h)
    if J.ndim < 2 or J.shape[-1] != J.shape[-2]:
        raise ValueError(f"J must have shape (..., N, N), got {J.shape}")
    n = J.shape[-1]
    if h.shape[-1:] != (n,):
        raise ValueError(f"h must have shape (..., {n}) to match J, got {h.shape}")
    if not np.allclose(J, np.swapaxes(J, -1, -2), rtol=0, atol=1e-12):
        raise ValueError("J must be symmetric")
    if np.any(np.diagonal(J, axis1=-2, axis2=-1) != 0):
        raise ValueError("J must have a zero diagonal")
    return J, h


def all_states(n):
    """All ``2^n`` configurations of ``n`` ±1 spins, one per row.

    Parameters
    ----------
    n : int
        Number of spins, ``1 <= n <= 20``.

    Returns
    -------
    S : ndarray, shape (2**n, n)
        Row ``k`` holds spin ``i`` as bit ``i`` of ``k`` (0 -> -1, 1 -> +1).

    Examples
    --------
    >>> all_states(2)
    array([[-1., -1.],
           [ 1., -1.],
           [-1.,  1.],
           [ 1.,  1.]])
    """
    n = positive_int("n", n)
    if n > 20:
        raise ValueError(f"n must be an integer <= 20 for enumeration, got {n}")
    bits = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    return 2.0 * bits - 1.0


def _energies(S, J, h):
    """``E(s) = -s·Js/2 - h·s`` for every row of `S`; `J`, `h` may have a leading axis."""
    return -0.5 * np.einsum("ki,...ij,kj->...k", S, J, S) - h @ S.T


@dataclass(frozen=True)
class ExactMoments:
    """Exact Boltzmann averages of a small network, by enumeration.

    Attributes
    ----------
    m : ndarray, shape (..., N)
        Magnetisations ``<s_i>``.
    correlations : ndarray, shape (..., N, N)
        ``<s_i s_j>`` (ones on the diagonal).
    energy : float or ndarray
        Mean energy ``<E>``.
    entropy : float or ndarray
        Gibbs entropy ``-sum p ln p`` (nats).
    free_energy : float or ndarray
        ``F = -T ln Z = <E> - T S``.
    """

    m: np.ndarray
    correlations: np.ndarray
    energy: float | np.ndarray
    entropy: float | np.ndarray
    free_energy: float | np.ndarray


def exact_moments(J, h, *, beta=1.0):
    """Exact magnetisations and thermodynamics of a Boltzmann machine by enumeration.

    ``p(s) ∝ exp(-beta E(s))`` with ``E(s) = -Σ_{i<j} J_ij s_i s_j - Σ_i h_i s_i``,
    summed over all ``2^N`` states at once (vectorised).

    Parameters
    ----------
    J : array_like, shape (..., N, N)
        Symmetric couplings with zero diagonal, ``N <= 16``.
    h : array_like, shape (..., N)
        Fields.
    beta : float, optional
        Inverse temperature, ``beta > 0``.

    Returns
    -------
    ExactMoments

    Examples
    --------
    Two spins coupled by ``J`` in no field: ``<s_1 s_2> = tanh(beta J)``.

    >>> ex = exact_moments([[0.0, 0.7], [0.7, 0.0]], [0.0, 0.0], beta=2.0)
    >>> round(float(ex.correlations[0, 1]), 12) == round(float(np.tanh(1.4)), 12)
    True
    >>> ex.m.round(12).tolist()
    [0.0, 0.0]
    """
    J, h = _check_network(J, h)
    beta = positive_scalar("beta", beta)
    n = J.shape[-1]
    if n > 16:
        raise ValueError(f"J must describe at most 16 spins for enumeration, got {n}")
    S = all_states(n)
    # An overflow (huge J, h or beta, tiny beta) gives inf or NaN, refused below.
    with np.errstate(over="ignore", invalid="ignore"):
        E = _energies(S, J, h)
        logw = -beta * E
        logZ = _logsumexp(logw, axis=-1, keepdims=True)
        p = np.exp(logw - logZ)
        m = p @ S
        corr = np.einsum("...k,ki,kj->...ij", p, S, S)
        energy = np.sum(p * E, axis=-1)
        F = -logZ[..., 0] / beta
        entropy = beta * (energy - F)
    _finite_result("J, h and beta", m, corr, energy, F, entropy)
    return ExactMoments(
        m=m,
        correlations=corr,
        energy=scalar_or_array(energy),
        entropy=scalar_or_array(entropy),
        free_energy=scalar_or_array(F),
    )


_METHODS = ("naive", "tap")


def meanfield_free_energy(m, J, h, *, beta=1.0, method="naive"):
    r"""Mean-field free energy of magnetisations `m` (naive: a bound on the exact ``F``).

    .. math:: F_\mathrm{MF}(m) = -\tfrac12 m\cdot Jm - h\cdot m - T\sum_i s(m_i)

    the energy of the product state with means `m` minus ``T`` times its
    entropy — the Gibbs–Bogoliubov variational free energy, ``F_MF(m) >=
    -T ln Z`` for *every* `m`. The TAP free energy adds the Onsager term
    ``-(beta/4) Σ_ij J_ij^2 (1 - m_i^2)(1 - m_j^2)`` and is no longer a bound.
    For a continuous Hopfield network with the tanh activation this is
    Hopfield's (1984) energy function.

    Parameters
    ----------
    m : array_like, shape (..., N)
        Magnetisations in [-1, 1].
    J : array_like, shape (..., N, N)
        Symmetric couplings, zero diagonal.
    h : array_like, shape (..., N)
        Fields.
    beta : float, optional
        Inverse temperature, ``beta > 0``.
    method : {"naive", "tap"}, optional

    Returns
    -------
    F : float or ndarray
        Shape ``(...)``.

    Examples
    --------
    Independent spins: the bound is attained at ``m = tanh(beta h)``.

    >>> J, h = np.zeros((2, 2)), np.array([0.5, -1.0])
    >>> F_mf = meanfield_free_energy(np.tanh(h), J, h)
    >>> round(F_mf - exact_moments(J, h).free_energy, 12)
    0.0
    """
    J, h = _check_network(J, h)
    m = _magnetisation("m", m)
    beta = positive_scalar("beta", beta)
    choice("method", method, _METHODS)
    _check_state("m", m, J)
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        Jm = np.einsum("...ij,...j->...i", J, m)
        s = np.asarray(binary_entropy(m))
        F = -0.5 * np.sum(m * Jm, axis=-1) - np.sum(h * m, axis=-1) - np.sum(s, axis=-1) / beta
        if method == "tap":
            q = 1.0 - m * m
            F = F - 0.25 * beta * np.einsum("...i,...ij,...j->...", q, J * J, q)
    _finite_result("m, J, h and beta", F)
    return scalar_or_array(F)


def _check_state(name, m, J):
    """Magnetisations `m` of shape ``(..., N)`` broadcasting against the network `J`."""
    n = J.shape[-1]
    try:
        ok = m.ndim >= 1 and m.shape[-1] == n
        np.broadcast_shapes(m.shape[:-1], J.shape[:-2])
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{name} must have shape (..., {n}) to match J {J.shape}, got {m.shape}")


@dataclass(frozen=True)
class MeanFieldSolution:
    """A fixed point of the (naive or TAP) mean-field equations.

    Attributes
    ----------
    m : ndarray, shape (..., N)
        Magnetisations.
    free_energy : float or ndarray
        :func:`meanfield_free_energy` at `m` (same `method`).
    n_iter : int
        Iterations used (the slowest instance).
    converged : bool or ndarray of bool
        Whether ``max_i |m_i - tanh(...)_i| < tol`` was reached, per instance.
    """

    m: np.ndarray
    free_energy: float | np.ndarray
    n_iter: int
    converged: bool | np.ndarray


def _meanfield_map(m, J, h, beta, method):
    field = beta * (np.einsum("...ij,...j->...i", J, m) + h)
    if method == "tap":
        field = field - np.float64(beta) ** 2 * m * np.einsum(
            "...ij,...j->...i", J * J, 1.0 - m * m
        )
    return np.tanh(field)


def solve_meanfield(
    J, h, *, beta=1.0, method="naive", damping=0.5, tol=1e-12, max_iter=10000, m0=None
):
    r"""Solve the mean-field equations of a Boltzmann machine by damped iteration.

    Naive mean field (a recurrent network with weights ``beta J``, biases
    ``beta h`` and the tanh activation):

    .. math:: m_i \leftarrow (1-\lambda)\,m_i
              + \lambda \tanh\Bigl(\beta\bigl(\textstyle\sum_j J_{ij} m_j + h_i\bigr)\Bigr)

    TAP adds the Onsager reaction term
    ``-beta^2 m_i Σ_j J_ij^2 (1 - m_j^2)`` inside the tanh.

    Parameters
    ----------
    J : array_like, shape (..., N, N)
        Symmetric couplings, zero diagonal. A leading axis solves several
        networks at once.
    h : array_like, shape (..., N)
        Fields.
    beta : float, optional
        Inverse temperature, ``beta > 0``.
    method : {"naive", "tap"}, optional
    damping : float, optional
        Step ``lambda`` in (0, 1]; 1 is the undamped parallel update, which
        can oscillate with period two.
    tol : float, optional
        Stop when ``max |m - tanh(...)| < tol`` for every instance.
    max_iter : int, optional
        Iteration cap.
    m0 : array_like, optional
        Start; default ``tanh(beta h)`` (the uncoupled solution).

    Returns
    -------
    MeanFieldSolution

    Examples
    --------
    >>> net = random_network(8, coupling=0.3, rng=1)
    >>> sol = solve_meanfield(net.J, net.h, beta=1.0)
    >>> bool(sol.converged), bool(np.allclose(sol.m, np.tanh(net.J @ sol.m + net.h)))
    (True, True)
    """
    J, h = _check_network(J, h)
    beta = positive_scalar("beta", beta)
    choice("method", method, _METHODS)
    damping = positive_scalar("damping", damping)
    if damping > 1.0:
        raise ValueError(f"damping must lie in (0, 1], got {damping!r}")
    tol = positive_scalar("tol", tol)
    max_iter = positive_int("max_iter", max_iter, maximum=10**7)
    if max_iter * J.size > 10**10:
        raise ValueError(
            f"max_iter must keep the work within 1e10 operations (J has {J.size} entries), "
            f"got {max_iter}"
        )
    h = np.broadcast_to(h, J.shape[:-1])
    if m0 is None:
        with np.errstate(over="ignore"):  # tanh(+-inf) = +-1
            m = np.tanh(beta * h)
    else:
        m0 = _magnetisation("m0", m0)
        try:
            m = m0 * np.ones(h.shape)
        except ValueError:
            raise ValueError(
                f"m0 must broadcast to the shape {h.shape} of h, got {m0.shape}"
            ) from None
        if m.shape != h.shape:
            raise ValueError(f"m0 must broadcast to the shape {h.shape} of h, got {m0.shape}")
    m = m.copy()
    n_iter = 0
    # beta (J m + h) = +-inf is a saturated spin (tanh = +-1); NaN (TAP's inf - inf) is refused
    with np.errstate(over="ignore", invalid="ignore"):
        for n_iter in range(1, max_iter + 1):  # noqa: B007 (n_iter is returned)
            target = _meanfield_map(m, J, h, beta, method)
            resid = np.max(np.abs(target - m), axis=-1)
            if np.all(resid < tol):
                break
            if np.any(np.isnan(resid)):
                raise ValueError("J, h and beta must keep the mean-field fields finite, got NaN")
            m = (1.0 - damping) * m + damping * target
        converged = np.max(np.abs(_meanfield_map(m, J, h, beta, method) - m), axis=-1) < tol
    _finite_result("J, h and beta", m)
    F = meanfield_free_energy(m, J, h, beta=beta, method=method)
    conv = bool(converged) if converged.ndim == 0 else converged
    return MeanFieldSolution(m=m, free_energy=F, n_iter=n_iter, converged=conv)


def sequential_meanfield(J, h, *, beta=1.0, m0=None, n_sweeps=20):
    """Asynchronous naive mean-field updates and the free energy after each one.

    Each step sets one ``m_i = tanh(beta (Σ_j J_ij m_j + h_i))`` (spins in
    order ``0, 1, ..., N-1``, repeated). Every such step minimises the
    variational free energy :func:`meanfield_free_energy` exactly in ``m_i``
    (it is strictly convex in ``m_i`` alone), so the free energy never
    increases: the network's dynamics are a descent on ``F_MF``, Hopfield's
    Lyapunov function.

    Parameters
    ----------
    J : array_like, shape (N, N)
        Symmetric couplings, zero diagonal.
    h : array_like, shape (N,)
        Fields.
    beta : float, optional
        Inverse temperature, ``beta > 0``.
    m0 : array_like, shape (N,), optional
        Start in [-1, 1]^N; default all zeros.
    n_sweeps : int, optional
        Number of sweeps over the ``N`` spins.

    Returns
    -------
    m : ndarray, shape (n_sweeps * N + 1, N)
        Magnetisations after each single-spin update (row 0: the start).
    F : ndarray, shape (n_sweeps * N + 1,)
        Naive mean-field free energy after each update.

    Examples
    --------
    >>> net = random_network(6, coupling=1.5, rng=2)
    >>> m, F = sequential_meanfield(net.J, net.h, beta=1.0, n_sweeps=5)
    >>> bool(np.all(np.diff(F) <= 1e-12))
    True
    """
    J, h = _check_network(J, h)
    if J.ndim != 2:
        raise ValueError(f"J must have shape (N, N), got {J.shape}")
    beta = positive_scalar("beta", beta)
    n_sweeps = positive_int("n_sweeps", n_sweeps)
    n = J.shape[0]
    if h.shape != (n,):
        raise ValueError(f"h must have shape ({n},) to match J, got {h.shape}")
    if n_sweeps * n > 10**7 or (n_sweeps * n + 1) * n > MAX_ELEMENTS:
        raise ValueError(
            f"n_sweeps must keep the record within 1e7 updates of {n} spins, got {n_sweeps}"
        )
    if m0 is None:
        m = np.zeros(n)
    else:
        m0 = _magnetisation("m0", m0)
        if m0.ndim > 1 or m0.size not in (1, n):
            raise ValueError(f"m0 must have shape ({n},) or be a scalar, got {m0.shape}")
        m = m0 * np.ones(n)
    ms = [m.copy()]
    with np.errstate(over="ignore"):  # tanh(+-inf) = +-1: a saturated spin
        for _ in range(n_sweeps):
            for i in range(n):
                m[i] = np.tanh(beta * (J[i] @ m + h[i]))
                ms.append(m.copy())
    ms = np.array(ms)
    F = np.asarray(meanfield_free_energy(ms, J, np.broadcast_to(h, ms.shape), beta=beta))
    return ms, F


@dataclass(frozen=True)
class ErrorScan:
    """Mean-field errors against exact enumeration over a parameter grid.

    Attributes
    ----------
    beta, coupling : ndarray, shape (K,)
        The grid (broadcast).
    naive, tap : ndarray, shape (K,)
        RMS error of the magnetisations, ``sqrt(mean_i (m_i - <s_i>)^2)``,
        averaged over instances.
    naive_se, tap_se : ndarray, shape (K,)
        Standard errors of those averages over instances.
    naive_converged, tap_converged : ndarray, shape (K,)
        Fraction of instances whose iteration converged.
    """

    beta: np.ndarray
    coupling: np.ndarray
    naive: np.ndarray
    tap: np.ndarray
    naive_se: np.ndarray
    tap_se: np.ndarray
    naive_converged: np.ndarray
    tap_converged: np.ndarray


def meanfield_errors(n, *, beta, coupling, field=0.3, n_instances=20, max_iter=2000, rng=None):
    """Error of naive and TAP mean field against exact enumeration.

    The same `n_instances` SK networks (couplings drawn once with unit
    strength and scaled by `coupling`, fields of standard deviation `field`)
    are used at every grid point.

    Parameters
    ----------
    n : int
        Number of spins, ``2 <= n <= 16``.
    beta : array_like, shape (K,) or scalar
        Inverse temperatures, ``> 0``.
    coupling : array_like, shape (K,) or scalar
        Coupling strengths, ``>= 0``; broadcasts against `beta`.
    field : float, optional
        Standard deviation of the fields.
    n_instances : int, optional
        Networks per grid point.
    max_iter : int, optional
        Iteration cap of :func:`solve_meanfield` (damping 0.5); instances not
        converged by then count in the ``*_converged`` fractions and enter the
        errors with their last iterate.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    ErrorScan

    Examples
    --------
    >>> scan = meanfield_errors(6, beta=1.0, coupling=[0.1, 0.2], n_instances=5, rng=0)
    >>> bool(scan.naive[1] > scan.naive[0] > scan.tap[0])
    True
    """
    n = positive_int("n", n, minimum=2)
    if n > 16:
        raise ValueError(f"n must be an integer <= 16 for enumeration, got {n}")
    beta = positive("beta", beta)
    coupling = as_float_array("coupling", coupling)
    if np.any(coupling < 0):
        raise ValueError(f"coupling must be >= 0, got {coupling!r}")
    beta, coupling = (np.atleast_1d(x) for x in broadcast(beta=beta, coupling=coupling))
    if beta.ndim != 1:
        raise ValueError(f"beta and coupling must be scalars or 1-D arrays, got shape {beta.shape}")
    n_instances = positive_int("n_instances", n_instances)
    max_iter = positive_int("max_iter", max_iter)
    work = beta.size * n_instances * (2**n * n + 2 * max_iter * n * n)
    if work > 10**10:
        raise ValueError(
            "beta, coupling, n_instances and max_iter must keep the work within 1e10 "
            f"operations, got {float(work):.3g}"
        )
    net = random_network(n, coupling=1.0, field=field, n_instances=n_instances, rng=rng)
    S = all_states(n)
    with np.errstate(over="ignore", invalid="ignore"):
        E_J = _energies(S, net.J, np.zeros_like(net.h))  # (I, 2^n)
        E_h = -net.h @ S.T
    _finite_result("field", E_h)
    out = {k: np.empty(beta.shape) for k in ("naive", "tap", "naive_se", "tap_se")}
    conv = {k: np.empty(beta.shape) for k in ("naive", "tap")}
    for k, (b, c) in enumerate(zip(beta, coupling, strict=True)):
        with np.errstate(over="ignore", invalid="ignore"):  # refused below
            logw = -b * (c * E_J + E_h)
            p = np.exp(logw - _logsumexp(logw, axis=-1, keepdims=True))
            m_exact = p @ S
        _finite_result("beta, coupling and field", m_exact)
        with np.errstate(over="ignore"):
            Jc = c * net.J
        _finite_result("coupling", Jc)
        for method in _METHODS:
            try:
                sol = solve_meanfield(Jc, net.h, beta=float(b), method=method, max_iter=max_iter)
            except ValueError as exc:  # the extreme point of the grid, by our names
                raise ValueError(f"beta, coupling and field are too extreme: {exc}") from None
            rms = np.sqrt(np.mean((sol.m - m_exact) ** 2, axis=-1))
            out[method][k] = rms.mean()
            out[method + "_se"][k] = rms.std(ddof=1) / np.sqrt(rms.size) if rms.size > 1 else 0
            conv[method][k] = np.mean(sol.converged)
    return ErrorScan(
        beta=beta,
        coupling=coupling,
        naive=out["naive"],
        tap=out["tap"],
        naive_se=out["naive_se"],
        tap_se=out["tap_se"],
        naive_converged=conv["naive"],
        tap_converged=conv["tap"],
    )


# --------------------------------------------------------------------------
# 3. Learning with each activation
# --------------------------------------------------------------------------

#: The activations compared by :func:`compare_activations`.
ACTIVATION_NAMES = ("relu", "softplus", "logistic", "tanh", "elu", "ising", "spikes")

#: Labels for figures and tables.
ACTIVATION_LABELS = {
    "relu": "ReLU",
    "softplus": "softplus",
    "logistic": "logistic",
    "tanh": "tanh",
    "elu": "ELU",
    "ising": "Ising eq. (2)",
    "spikes": "spike count",
}


@dataclass(frozen=True)
class Activation:
    """An activation function and its derivative, both elementwise on arrays.

    Attributes
    ----------
    name : str
        One of :data:`ACTIVATION_NAMES`.
    f : callable
        ``f(x)``.
    df : callable
        ``f'(x)``.
    params : dict
        The parameters used (empty for the standard activations).
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray], np.ndarray]
    params: dict


def make_activation(name, *, a=6.0, b=1.0, Tc=1.0, T_bath=1.5):
    r"""An activation function with its derivative, for training.

    Parameters
    ----------
    name : str
        ``"relu"``, ``"softplus"``, ``"logistic"``, ``"tanh"``, ``"elu"``
        (``alpha = 1``), ``"ising"`` or ``"spikes"``:

        * ``"ising"``: eq. (2) in the neural reading ``T = -V``,
          ``m(V) = paper_activation(-V, a, Tc, b) = logistic(2a (V + b Tc))``;
          ``f' = 2a f (1 - f)``.
        * ``"spikes"``: the spike count of eq. (2) after a quench ``Q = V``
          from the bath temperature `T_bath` (rate 1),
          ``N(V) = sp_{2a}(V - θ) - sp_{2a}(-θ)`` with
          ``θ = T_bath - b Tc`` and ``sp_k(x) = ln(1 + e^{k x}) / k``. For
          ``V >= 0`` this *is* :func:`isingneuron.spike_count`; for ``V < 0``
          (which the quench picture does not define: a "negative quench" heats
          the membrane) we use the same analytic formula, which is smooth,
          negative and bounded below by ``-sp_{2a}(-θ)``. Its derivative is
          eq. (2) itself: ``N'(V) = m(T_bath - V)``.
    a : float, optional
        Steepness of eq. (2), ``a > 0``.
    b : float, optional
        Multiplier of `Tc` in eq. (2).
    Tc : float, optional
        ``Tc > 0``.
    T_bath : float, optional
        Resting (bath) temperature for ``"spikes"``.

    Returns
    -------
    Activation

    Notes
    -----
    Inside a layer ``f(W x + c)`` with trainable `W` and `c`, ``"ising"`` is
    the logistic with the weights multiplied by ``2a`` and the bias shifted by
    ``2ab Tc``, and ``"spikes"`` is ``softplus / (2a)`` likewise rescaled: the
    derived activations span *the same function classes* as logistic and
    softplus. They differ in training only through the parametrisation
    (effective initial scale and step size).

    Examples
    --------
    >>> act = make_activation("ising", a=0.5, b=0.0)  # = logistic
    >>> float(act.f(0.0)), float(act.df(0.0))
    (0.5, 0.25)
    >>> sp = make_activation("spikes", a=6.0, b=1.0, T_bath=1.5)
    >>> from isingneuron import spike_count
    >>> round(float(sp.f(2.0)) - spike_count(2.0, T_bath=1.5), 12)
    0.0
    """
    choice("name", name, ACTIVATION_NAMES)
    a = positive_scalar("a", a)
    Tc = positive_scalar("Tc", Tc)
    b = finite_scalar("b", b)
    T_bath = finite_scalar("T_bath", T_bath)
    with np.errstate(over="ignore"):
        scales = (2.0 * a, b * Tc, T_bath - b * Tc)
    if not np.all(np.isfinite(scales)):
        raise ValueError(
            f"a, b, Tc and T_bath must keep 2 a, b Tc and T_bath - b Tc finite, got a={a!r}, "
            f"b={b!r}, Tc={Tc!r}, T_bath={T_bath!r}"
        )
    params = {}
    if name == "relu":

        def f(x):
            return np.maximum(x, 0.0)

        def df(x):
            return (x > 0).astype(float)

    elif name == "softplus":

        def f(x):
            return np.logaddexp(0.0, x)

        df = expit
    elif name == "logistic":
        f = expit

        def df(x):
            y = expit(x)
            return y * (1.0 - y)

    elif name == "tanh":
        f = np.tanh

        def df(x):
            return 1.0 - np.tanh(x) ** 2

    elif name == "elu":

        def f(x):
            return np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))

        def df(x):
            return np.where(x > 0, 1.0, np.exp(np.minimum(x, 0.0)))

    elif name == "ising":
        k, shift = 2.0 * a, b * Tc
        params = {"a": a, "b": b, "Tc": Tc}

        def f(x):
            with np.errstate(over="ignore"):  # k (x + shift) = +-inf: expit gives 1 or 0
                return expit(k * (x + shift))

        def df(x):
            with np.errstate(over="ignore"):
                y = expit(k * (x + shift))
            return k * y * (1.0 - y)

    else:  # spikes
        theta = T_bath - b * Tc
        params = {"a": a, "b": b, "Tc": Tc, "T_bath": T_bath, "theta": theta}
        kw = dict(T_bath=T_bath, Tc=Tc, a=a, b=b)

        def f(x):  # the signed spike-count integral, continued to x < 0
            return np.asarray(spike_activation(x, **kw))

        def df(x):  # dN/dx = m(T_bath - x): eq. (2) itself
            return np.asarray(paper_activation(T_bath - x, a=a, b=b, Tc=Tc))

    return Activation(name=name, f=f, df=df, params=params)


@dataclass(frozen=True)
class Dataset:
    """A fixed train/test split of the handwritten digits, standardised.

    Attributes
    ----------
    X_train : ndarray, shape (n_train, 64)
    y_train : ndarray of int, shape (n_train,)
    X_test : ndarray, shape (n_test, 64)
    y_test : ndarray of int, shape (n_test,)
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def load_digits_split(*, test_fraction=0.25, rng=0):
    """The 8×8 handwritten digits bundled with scikit-learn, split and standardised.

    The 1797 images (``sklearn.datasets.load_digits``, shipped inside the
    package; nothing is downloaded) are split at random into train and test
    sets; each pixel is standardised with the training mean and standard
    deviation (pixels constant on the training set are only centred).

    Parameters
    ----------
    test_fraction : float, optional
        Fraction of samples in the test set, in (0, 1).
    rng : None, int or numpy.random.Generator, optional
        Seed of the split.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> d = load_digits_split()
    >>> d.X_train.shape, d.X_test.shape
    ((1348, 64), (449, 64))
    """
    from sklearn.datasets import load_digits

    test_fraction = positive_scalar("test_fraction", test_fraction)
    if test_fraction >= 1:
        raise ValueError(f"test_fraction must lie in (0, 1), got {test_fraction!r}")
    digits = load_digits()
    X, y = digits.data.astype(float), digits.target.astype(int)
    perm = generator(rng).permutation(len(y))
    n_test = int(round(test_fraction * len(y)))
    if not 1 <= n_test <= len(y) - 2:
        raise ValueError(
            f"test_fraction must leave at least one test and two training digits of {len(y)}, "
            f"got {test_fraction!r}"
        )
    test, train = perm[:n_test], perm[n_test:]
    mu = X[train].mean(axis=0)
    sd = X[train].std(axis=0)
    sd[sd == 0] = 1.0
    return Dataset(
        X_train=(X[train] - mu) / sd,
        y_train=y[train],
        X_test=(X[test] - mu) / sd,
        y_test=y[test],
    )


def init_params(n_in, n_hidden, n_out, *, rng=None):
    """LeCun-normal initialisation of a one-hidden-layer network.

    Weights ``~ N(0, 1/fan_in)``, biases zero — the same for every activation,
    so that no activation gets an initialisation tuned for it.

    Parameters
    ----------
    n_in, n_hidden, n_out : int
        Layer widths.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    params : dict
        ``W1`` (n_in, n_hidden), ``b1`` (n_hidden,), ``W2`` (n_hidden, n_out),
        ``b2`` (n_out,).

    Examples
    --------
    >>> p = init_params(64, 32, 10, rng=0)
    >>> {k: v.shape for k, v in p.items()}
    {'W1': (64, 32), 'b1': (32,), 'W2': (32, 10), 'b2': (10,)}
    """
    n_in = positive_int("n_in", n_in)
    n_hidden = positive_int("n_hidden", n_hidden)
    n_out = positive_int("n_out", n_out)
    if n_hidden * (n_in + n_out + 1) + n_out > MAX_ELEMENTS:
        raise ValueError(
            f"n_in, n_hidden and n_out must keep the parameters within {MAX_ELEMENTS} values, "
            f"got {n_in}, {n_hidden}, {n_out}"
        )
    rng = generator(rng)
    return {
        "W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), (n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), (n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def _activation(activation):
    """An :class:`Activation` from itself or its name."""
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        if activation not in ACTIVATION_NAMES:
            raise ValueError(
                f"activation must be an Activation or one of {ACTIVATION_NAMES}, got {activation!r}"
            )
        return make_activation(activation)
    raise TypeError(
        f"activation must be an Activation or one of {ACTIVATION_NAMES}, got {activation!r:.80}"
    )


_PARAM_NAMES = ("W1", "b1", "W2", "b2")


def _network_inputs(params, X):
    """Validated parameters (finite float arrays of matching shapes) and inputs `X`."""
    params = mapping("params", params, what="dict with W1, b1, W2 and b2")
    missing = [k for k in _PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"params must hold W1, b1, W2 and b2, missing {missing}")
    P = {k: finite(f"params[{k!r}]", params[k]) for k in _PARAM_NAMES}
    W1, b1, W2, b2 = (P[k] for k in _PARAM_NAMES)
    if W1.ndim < 2 or W2.ndim < 2 or b1.ndim < 1 or b2.ndim < 1:
        raise ValueError("params must hold matrices W1, W2 and vectors b1, b2")
    n_in, n_hidden, n_out = W1.shape[-2], W1.shape[-1], W2.shape[-1]
    if W2.shape[-2] != n_hidden or b1.shape[-1] != n_hidden or b2.shape[-1] != n_out:
        raise ValueError(
            "params must have matching shapes W1 (n_in, h), b1 (h,), W2 (h, n_out), b2 (n_out,), "
            f"got {W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}"
        )
    X = finite("X", X)
    if X.ndim < 2 or X.shape[-1] != n_in:
        raise ValueError(f"X must have shape (..., n, {n_in}) to match params, got {X.shape}")
    return P, X


def forward(params, X, activation):
    """Logits of the network ``softmax(f(X W1 + b1) W2 + b2)`` (before the softmax).

    Parameters
    ----------
    params : dict
        As from :func:`init_params`; arrays may carry a leading axis of
        stacked networks (then `X` needs it too, or broadcasts).
    X : ndarray, shape (..., n, n_in)
        Inputs.
    activation : str or Activation

    Returns
    -------
    logits : ndarray, shape (..., n, n_out)

    Examples
    --------
    >>> p = init_params(3, 4, 2, rng=0)
    >>> forward(p, np.ones((5, 3)), "tanh").shape
    (5, 2)
    """
    act = _activation(activation)
    params, X = _network_inputs(params, X)
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        logits = _forward(params, X, act)
    if not np.all(np.isfinite(logits)):
        raise ValueError("X and params must keep the logits finite, got an overflow")
    return logits


def _forward(params, X, act):
    """Unvalidated :func:`forward`."""
    H = act.f(X @ params["W1"] + params["b1"][..., None, :])
    return H @ params["W2"] + params["b2"][..., None, :]


def loss_and_grad(params, X, y, activation):
    """Mean cross-entropy loss and its gradient by backpropagation.

    Parameters
    ----------
    params : dict
        As from :func:`init_params`, optionally with a leading axis of stacked
        networks.
    X : ndarray, shape (..., n, n_in)
        Inputs.
    y : ndarray of int, shape (..., n)
        Class labels in ``[0, n_out)``.
    activation : str or Activation

    Returns
    -------
    loss : float or ndarray, shape (...)
        Mean of ``-log softmax(logits)[y]`` over the `n` samples.
    grads : dict
        Gradients of `loss` with the shapes of `params`.

    Examples
    --------
    >>> p = init_params(3, 4, 2, rng=0)
    >>> loss, g = loss_and_grad(p, np.ones((5, 3)), np.zeros(5, dtype=int), "relu")
    >>> sorted(g), g["W1"].shape
    (['W1', 'W2', 'b1', 'b2'], (3, 4))
    """
    act = _activation(activation)
    params, X = _network_inputs(params, X)
    n_out = params["W2"].shape[-1]
    try:
        y = np.asarray(y)
    except (TypeError, ValueError):
        y = np.asarray(None)
    if (
        not np.issubdtype(y.dtype, np.integer)
        or y.shape != X.shape[:-1]
        or np.any((y < 0) | (y >= n_out))
    ):
        raise ValueError(
            f"y must hold integer labels in [0, {n_out}) of shape {X.shape[:-1]}, got "
            f"{y.dtype} of shape {y.shape}"
        )
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        loss, grads = _loss_and_grad(params, X, y, act)
    _finite_result("X and params", loss, *grads.values())
    return scalar_or_array(loss), grads


def _loss_and_grad(params, X, y, act):
    """Unvalidated :func:`loss_and_grad`; the loss as an array."""
    n = X.shape[-2]
    Z = X @ params["W1"] + params["b1"][..., None, :]
    H = act.f(Z)
    L = H @ params["W2"] + params["b2"][..., None, :]
    logZ = _logsumexp(L, axis=-1, keepdims=True)
    onehot = np.eye(L.shape[-1])[y]
    loss = np.mean(logZ[..., 0] - np.sum(L * onehot, axis=-1), axis=-1)
    G = (np.exp(L - logZ) - onehot) / n  # d loss / d logits
    dZ = (G @ np.swapaxes(params["W2"], -1, -2)) * act.df(Z)
    grads = {
        "W1": np.swapaxes(X, -1, -2) @ dZ,
        "b1": dZ.sum(axis=-2),
        "W2": np.swapaxes(H, -1, -2) @ G,
        "b2": G.sum(axis=-2),
    }
    return loss, grads


def energy_loss(logits, y, *, T=1.0):
    r"""The energy-based "negative log-likelihood" loss at temperature `T`.

    With the energy of answer ``k`` taken as ``E_k = -logit_k``, the loss of
    the correct answer is its energy minus the free energy of all answers,

    .. math:: \ell_T = E_y - F_T, \qquad F_T = -T \ln \sum_k e^{-E_k / T}.

    At ``T = 1`` this is the cross-entropy (LeCun et al. 2006, §2); as
    ``T -> 0`` it tends to the perceptron loss ``E_y - min_k E_k``.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Scores (minus energies).
    y : array_like of int, shape (...)
        Correct answers.
    T : float, optional
        Temperature, ``T > 0``.

    Returns
    -------
    loss : float or ndarray, shape (...)
        ``>= 0``.

    Examples
    --------
    >>> round(energy_loss([2.0, 0.0], 0), 6) == round(float(np.log1p(np.exp(-2.0))), 6)
    True
    >>> round(energy_loss([2.0, 0.0], 1, T=1e-6), 6)  # perceptron loss
    2.0
    """
    logits = finite("logits", logits)
    T = positive_scalar("T", T)
    if logits.ndim == 0 or logits.shape[-1] == 0:
        raise ValueError(f"logits must have shape (..., K) with K >= 1, got {logits.shape}")
    try:
        y = np.asarray(y)
    except (TypeError, ValueError):
        y = np.asarray(None)
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y must hold integer class labels, got dtype {y.dtype}")
    K = logits.shape[-1]
    if np.any((y < 0) | (y >= K)):
        raise ValueError(f"y must lie in [0, {K}), got {y!r:.80}")
    if y.shape != logits.shape[:-1]:
        raise ValueError(
            f"y must have the shape {logits.shape[:-1]} of logits[..., 0], got {y.shape}"
        )
    E = -logits
    E_y = np.take_along_axis(E, y[..., None], axis=-1)[..., 0]
    with np.errstate(over="ignore", invalid="ignore"):
        F = -T * _logsumexp(-E / T, axis=-1)
    if not np.all(np.isfinite(F)):  # -E / T overflows at tiny T: shift by min E first
        E_min = np.min(E, axis=-1)
        with np.errstate(over="ignore"):  # (E - E_min) / T = +inf: exp(-inf) = 0
            F = E_min - T * np.log(np.sum(np.exp(-(E - E_min[..., None]) / T), axis=-1))
    with np.errstate(over="ignore"):
        loss = E_y - F
    _finite_result("logits", loss)
    return scalar_or_array(loss)


@dataclass(frozen=True)
class TrainingRun:
    """Learning curves of networks trained in lock-step, one per seed.

    Attributes
    ----------
    activation : str
        Name of the activation.
    seeds : ndarray of int, shape (S,)
    train_loss : ndarray, shape (S, epochs + 1)
        Cross-entropy on the whole training set, before training and after
        each epoch.
    test_loss : ndarray, shape (S, epochs + 1)
        Cross-entropy on the test set.
    test_accuracy : ndarray, shape (S, epochs + 1)
        Fraction of test digits classified correctly.
    train_accuracy : ndarray, shape (S, epochs + 1)
        Fraction of training digits classified correctly.
    params : dict
        Final parameters, each with a leading axis of length S.
    """

    activation: str
    seeds: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    train_accuracy: np.ndarray
    params: dict


def _evaluate(params, X, y, act):
    """Loss and accuracy of each stacked network on the whole of (X, y)."""
    loss, acc = [], []
    for s in range(params["W1"].shape[0]):
        L = _forward({k: v[s] for k, v in params.items()}, X, act)
        loss.append(np.mean(_logsumexp(L) - L[np.arange(len(y)), y]))
        acc.append(np.mean(np.argmax(L, axis=-1) == y))
    return np.array(loss), np.array(acc)


def _check_dataset(data):
    """A :class:`Dataset` with finite inputs and integer labels >= 0 of matching lengths."""
    if not isinstance(data, Dataset):
        raise TypeError(f"data must be a Dataset (see load_digits_split), got {data!r:.80}")
    X, y = finite("data.X_train", data.X_train), np.asarray(data.y_train)
    Xt, yt = finite("data.X_test", data.X_test), np.asarray(data.y_test)
    for name, A, labels in (("train", X, y), ("test", Xt, yt)):
        if (
            A.ndim != 2
            or labels.shape != (A.shape[0],)
            or A.shape[0] < 1
            or not np.issubdtype(labels.dtype, np.integer)
            or np.any(labels < 0)
        ):
            raise ValueError(
                f"data must hold X_{name} of shape (n, d) and integer labels y_{name} >= 0 of "
                f"shape (n,), got {A.shape} and {labels.shape}"
            )
    if Xt.shape[1] != X.shape[1]:
        raise ValueError(
            f"data must have X_train and X_test of one width, got {X.shape}, {Xt.shape}"
        )
    if max(int(y.max()), int(yt.max())) >= 10**6:
        raise ValueError("data must have labels < 1e6 (one output per class)")
    return data


def train_mlp(
    data,
    activation,
    *,
    seeds=(0,),
    hidden=32,
    epochs=30,
    batch_size=32,
    lr=3e-3,
    betas=(0.9, 0.999),
    eps=1e-8,
):
    """Train one-hidden-layer softmax networks with Adam, one per seed, in lock-step.

    Network ``n_in - hidden - 10`` with the given hidden activation,
    cross-entropy loss, LeCun-normal initialisation (:func:`init_params`),
    mini-batch Adam (Kingma & Ba 2015) written in numpy. Seed ``s`` fixes
    both the initial weights and the order of the mini-batches of network
    ``s``; the networks of several seeds are stacked along a leading axis and
    trained together, which is faster than one after the other and gives the
    same result per seed. Deterministic for given seeds.

    Parameters
    ----------
    data : Dataset
        From :func:`load_digits_split`.
    activation : str or Activation
        Hidden-layer activation.
    seeds : sequence of int, optional
        One network per seed.
    hidden : int, optional
        Width of the hidden layer.
    epochs : int, optional
        Passes over the training set.
    batch_size : int, optional
        Mini-batch size (the last batch of an epoch may be smaller).
    lr : float, optional
        Adam step size, ``> 0``.
    betas : tuple of float, optional
        Adam's moment decay rates.
    eps : float, optional
        Adam's denominator offset.

    Returns
    -------
    TrainingRun

    Examples
    --------
    >>> d = load_digits_split()
    >>> run = train_mlp(d, "relu", seeds=[0, 1], epochs=2)
    >>> run.test_accuracy.shape, bool(np.all(run.train_loss[:, -1] < run.train_loss[:, 0]))
    ((2, 3), True)
    """
    data = _check_dataset(data)
    act = _activation(activation)
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        seeds = [seeds]
    seeds = np.array(integers("seeds", seeds, minimum=0, maximum=2**63 - 1), dtype=np.int64)
    hidden = positive_int("hidden", hidden)
    epochs = positive_int("epochs", epochs, minimum=0)
    batch_size = positive_int("batch_size", batch_size)
    lr = positive_scalar("lr", lr)
    b = np.ravel(as_float_array("betas", betas))
    if b.size != 2 or not np.all((b >= 0) & (b < 1)):
        raise ValueError(f"betas must be two numbers in [0, 1), got {betas!r:.80}")
    b1, b2 = (float(x) for x in b)
    eps = positive_scalar("eps", eps)
    X, y = data.X_train, data.y_train
    n, n_in = X.shape
    n_out = int(max(data.y_train.max(), data.y_test.max())) + 1
    n_params = hidden * (n_in + n_out + 1) + n_out
    if seeds.size * n_params > MAX_ELEMENTS:
        raise ValueError(
            f"hidden and seeds must keep the parameters within {MAX_ELEMENTS} values, got "
            f"hidden={hidden}, {seeds.size} seeds"
        )
    work = (epochs + 1) * seeds.size * (n + len(data.y_test)) * n_params
    if work > 10**12:
        raise ValueError(
            f"epochs, hidden and seeds must keep training within 1e12 operations (about ten "
            f"minutes), got epochs={epochs}, hidden={hidden}, {seeds.size} seeds"
        )

    rngs = [np.random.default_rng(int(s)) for s in seeds]
    inits = [init_params(n_in, hidden, n_out, rng=r) for r in rngs]
    names = ("W1", "b1", "W2", "b2")
    shapes = [inits[0][k].shape for k in names]
    sizes = [int(np.prod(s)) for s in shapes]
    # All parameters of all networks live in one flat array (one row per seed);
    # the dict holds views into it, so Adam updates everything in a few operations.
    theta = np.concatenate([np.concatenate([p[k].ravel() for k in names])[None] for p in inits])
    offsets = np.cumsum([0, *sizes])
    params = {
        k: theta[:, offsets[i] : offsets[i + 1]].reshape(len(seeds), *shapes[i])
        for i, k in enumerate(names)
    }
    m1 = np.zeros_like(theta)
    m2 = np.zeros_like(theta)
    grad = np.empty_like(theta)
    gviews = {
        k: grad[:, offsets[i] : offsets[i + 1]].reshape(len(seeds), *shapes[i])
        for i, k in enumerate(names)
    }

    curves = {"train_loss": [], "test_loss": [], "test_accuracy": [], "train_accuracy": []}

    def record():
        tl, ta = _evaluate(params, X, y, act)
        vl, va = _evaluate(params, data.X_test, data.y_test, act)
        curves["train_loss"].append(tl)
        curves["train_accuracy"].append(ta)
        curves["test_loss"].append(vl)
        curves["test_accuracy"].append(va)

    step = 0
    # a huge lr (or eps) sends the parameters to inf and NaN: refused below
    with one_blas_thread(), np.errstate(over="ignore", invalid="ignore"):
        record()
        for _ in range(epochs):
            perms = np.stack([r.permutation(n) for r in rngs])  # (S, n)
            for start in range(0, n, batch_size):
                idx = perms[:, start : start + batch_size]
                _, g = _loss_and_grad(params, X[idx], y[idx], act)
                for k in names:
                    gviews[k][...] = g[k]
                step += 1
                m1 *= b1
                m1 += (1.0 - b1) * grad
                m2 *= b2
                m2 += (1.0 - b2) * grad * grad
                mhat = m1 / (1.0 - b1**step)
                vhat = m2 / (1.0 - b2**step)
                theta -= lr * mhat / (np.sqrt(vhat) + eps)
            record()

    out = {k: np.stack(v, axis=1) for k, v in curves.items()}
    _finite_result("lr, eps and betas", theta, *out.values())
    return TrainingRun(
        activation=act.name,
        seeds=seeds,
        train_loss=out["train_loss"],
        test_loss=out["test_loss"],
        test_accuracy=out["test_accuracy"],
        train_accuracy=out["train_accuracy"],
        params={k: v.copy() for k, v in params.items()},
    )


#: The learning curves a :class:`Comparison` records.
QUANTITIES = ("train_loss", "test_loss", "test_accuracy", "train_accuracy")


@dataclass(frozen=True)
class Comparison:
    """Learning curves for several activations over the same seeds.

    Attributes
    ----------
    names : tuple of str
        Activation names, length A.
    seeds : ndarray of int, shape (S,)
    train_loss, test_loss, test_accuracy, train_accuracy : ndarray, shape (A, S, epochs + 1)
    settings : dict
        Training settings (hidden, epochs, batch_size, lr) and activation
        parameters (a, b, Tc, T_bath).
    """

    names: tuple
    seeds: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    train_accuracy: np.ndarray
    settings: dict

    def final(self, name, quantity="test_accuracy"):
        """Final value of `quantity` for activation `name`, one per seed (shape (S,))."""
        choice("name", name, self.names)
        choice("quantity", quantity, QUANTITIES)
        return getattr(self, quantity)[self.names.index(name), :, -1]


def compare_activations(
    data, names=ACTIVATION_NAMES, *, seeds=range(5), a=6.0, b=1.0, Tc=1.0, T_bath=1.5, **train
):
    """Train the same networks (same seeds) with each activation.

    Parameters
    ----------
    data : Dataset
    names : sequence of str, optional
        Activation names (:data:`ACTIVATION_NAMES`).
    seeds : sequence of int, optional
        Seeds shared by all activations: network ``s`` starts from the same
        weights and sees the same mini-batches whatever its activation, so
        differences between activations are paired.
    a, b, Tc, T_bath : float, optional
        Parameters of ``"ising"`` and ``"spikes"`` (:func:`make_activation`).
    **train
        Passed to :func:`train_mlp` (``hidden``, ``epochs``, ``batch_size``,
        ``lr``).

    Returns
    -------
    Comparison

    Examples
    --------
    >>> d = load_digits_split()
    >>> c = compare_activations(d, ["relu", "ising"], seeds=[0, 1], epochs=1)
    >>> c.test_accuracy.shape
    (2, 2, 2)
    """
    names = strings("names", names)
    if not names:
        raise ValueError("names must name at least one activation, got an empty sequence")
    for nm in names:
        choice("names", nm, ACTIVATION_NAMES)
    seeds = np.array(integers("seeds", seeds, minimum=0, maximum=2**63 - 1), dtype=np.int64)
    runs = [
        train_mlp(data, make_activation(nm, a=a, b=b, Tc=Tc, T_bath=T_bath), seeds=seeds, **train)
        for nm in names
    ]
    defaults = {"hidden": 32, "epochs": 30, "batch_size": 32, "lr": 3e-3}
    settings = {**defaults, **train, "a": a, "b": b, "Tc": Tc, "T_bath": T_bath}
    return Comparison(
        names=names,
        seeds=seeds,
        train_loss=np.stack([r.train_loss for r in runs]),
        test_loss=np.stack([r.test_loss for r in runs]),
        test_accuracy=np.stack([r.test_accuracy for r in runs]),
        train_accuracy=np.stack([r.train_accuracy for r in runs]),
        settings={k: float(v) for k, v in settings.items()},
    )


def save_comparison(path, comparisons, *, run=None):
    """Save comparisons (a dict of label -> Comparison) to one compressed ``.npz``.

    Parameters
    ----------
    path : str or path-like
        Output file.
    comparisons : dict of str -> Comparison
        E.g. one per learning rate, keyed ``"lr=0.003"``.
    run : dict, optional
        What made the file (script, arguments), stored with its provenance.

    Returns
    -------
    pathlib.Path
        The file written (with its provenance, :func:`isingneuron.booktools.save_data`).
    """
    path = path_like("path", path)
    comparisons = mapping("comparisons", comparisons, what="dict of label -> Comparison")
    for key, c in comparisons.items():
        if not isinstance(key, str) or "/" in key or not key:
            raise ValueError(f"comparisons must have non-empty str labels without '/', got {key!r}")
        if not isinstance(c, Comparison):
            raise TypeError(f"comparisons[{key!r}] must be a Comparison, got {c!r:.80}")
    arrays = {}
    for key, c in comparisons.items():
        arrays[f"{key}/names"] = np.array(c.names)
        arrays[f"{key}/seeds"] = c.seeds
        for q in QUANTITIES:
            arrays[f"{key}/{q}"] = getattr(c, q)
        arrays[f"{key}/settings_keys"] = np.array(list(c.settings))
        arrays[f"{key}/settings_values"] = np.array(list(c.settings.values()))
    return save_data(path, arrays, run=run)


def load_comparison(path):
    """Load what :func:`save_comparison` wrote.

    Returns
    -------
    dict of str -> Comparison
    """
    import zipfile

    path = path_like("path", path)
    try:
        return _load_comparison(path)
    except (KeyError, ValueError, TypeError, AttributeError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(
            f"path must be a file written by save_comparison, got {str(path)!r}: {exc}"
        ) from None


def _load_comparison(path):
    """Unvalidated :func:`load_comparison`."""
    with np.load(path) as z:
        keys = sorted({k.split("/")[0] for k in z.files if "/" in k})  # not "provenance"
        out = {}
        for key in keys:
            out[key] = Comparison(
                names=tuple(str(s) for s in z[f"{key}/names"]),
                seeds=z[f"{key}/seeds"],
                train_loss=z[f"{key}/train_loss"],
                test_loss=z[f"{key}/test_loss"],
                test_accuracy=z[f"{key}/test_accuracy"],
                train_accuracy=z[f"{key}/train_accuracy"],
                settings={
                    str(k): float(v)
                    for k, v in zip(
                        z[f"{key}/settings_keys"], z[f"{key}/settings_values"], strict=True
                    )
                },
            )
    return out


@dataclass(frozen=True)
class PairedDifference:
    """Paired comparison of two activations over the same seeds.

    Attributes
    ----------
    mean : float
        Mean of ``x - y`` over seeds.
    sd : float
        Standard deviation of ``x - y`` (ddof = 1).
    se : float
        Standard error ``sd / sqrt(n)``.
    t : float
        ``mean / se`` (0 if both vanish, ``±inf`` if every difference is the same
        non-zero number).
    p : float
        Two-sided p-value of the paired t-test (1 if ``se = 0`` and mean 0).
    n : int
        Number of pairs.
    """

    mean: float
    sd: float
    se: float
    t: float
    p: float
    n: int


def paired_difference(x, y):
    """Paired t-test of ``x - y`` (e.g. accuracies of two activations per seed).

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Paired samples, ``n >= 2``.

    Returns
    -------
    PairedDifference

    Examples
    --------
    >>> d = paired_difference([0.97, 0.96, 0.98], [0.96, 0.95, 0.96])
    >>> round(d.mean, 4), round(d.t, 3)
    (0.0133, 4.0)
    """
    from scipy.stats import t as student_t

    x = np.ravel(finite("x", x))
    y = np.ravel(finite("y", y))
    if x.shape != y.shape or x.size < 2:
        raise ValueError(f"x and y must have the same length >= 2, got {x.size} and {y.size}")
    with np.errstate(over="ignore", invalid="ignore"):
        d = x - y
        mean, sd = float(d.mean()), float(d.std(ddof=1))
    if not (np.isfinite(mean) and np.isfinite(sd)):
        raise ValueError(
            "x and y must have differences with a finite mean and spread, got an overflow"
        )
    se = sd / np.sqrt(d.size)
    if se <= 1e-12 * max(1.0, abs(mean)):  # constant differences, up to rounding
        sd = se = 0.0
        t, p = (0.0, 1.0) if mean == 0 else (float(np.sign(mean) * np.inf), 0.0)
    else:
        t = mean / se
        p = float(2.0 * student_t.sf(abs(t), d.size - 1))
    return PairedDifference(mean=mean, sd=sd, se=float(se), t=float(t), p=p, n=int(d.size))


def equivalence_p(x, y, margin):
    """Equivalence test (TOST) of paired samples: whether ``|mean(x - y)| < margin``.

    Two one-sided paired t-tests, of ``mean > -margin`` and of ``mean < margin``; the
    p-value is the larger of the two (Schuirmann 1987). A small p-value shows that the
    difference lies within ``±margin``: the evidence for a tie, which a large t-test p-value
    is not.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Paired samples, ``n >= 2``.
    margin : float
        Equivalence margin, ``> 0``, in the units of `x`.

    Returns
    -------
    float

    Examples
    --------
    >>> x = [0.970, 0.962, 0.975, 0.968]
    >>> y = [0.969, 0.963, 0.973, 0.968]
    >>> bool(equivalence_p(x, y, 0.005) < 0.05), bool(equivalence_p(x, y, 0.0005) < 0.05)
    (True, False)
    """
    return _tost(paired_difference(x, y), positive_scalar("margin", margin))


def _tost(d, margin):
    """TOST p-value of a :class:`PairedDifference` `d` for a checked `margin` > 0."""
    from scipy.stats import t as student_t

    if d.se == 0:
        return 0.0 if abs(d.mean) < margin else 1.0
    lower = student_t.sf((d.mean + margin) / d.se, d.n - 1)  # H0: mean <= -margin
    upper = student_t.cdf((d.mean - margin) / d.se, d.n - 1)  # H0: mean >= +margin
    return float(max(lower, upper))


def holm(pvalues):
    """Holm's step-down adjustment of p-values for multiple tests (family-wise error).

    Reject every test whose adjusted p-value is below the family-wise level; Holm (1979)
    controls that level for any dependence between the tests and is uniformly more
    powerful than Bonferroni.

    Parameters
    ----------
    pvalues : array_like, shape (m,)
        p-values in ``[0, 1]``.

    Returns
    -------
    ndarray, shape (m,)
        Adjusted p-values, in the input order.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, 0.5]).round(10).tolist()
    [0.04, 0.09, 0.09, 0.5]
    """
    p = np.ravel(finite("pvalues", pvalues)).astype(float)
    if p.size == 0 or np.any((p < 0) | (p > 1)):
        raise ValueError(f"pvalues must be a non-empty array of values in [0, 1], got {p!r}")
    m = p.size
    order = np.argsort(p, kind="stable")
    stepped = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = stepped
    return out


@dataclass(frozen=True)
class PairedVerdict:
    """One paired comparison of a table, with its corrected tests and verdict.

    Attributes
    ----------
    label : str
        Which comparison (e.g. ``"lr=0.003: ising - relu"``).
    difference : PairedDifference
    p_holm : float
        The t-test's p-value after Holm's correction over every test of the table.
    p_equivalence : float
        The equivalence test's p-value (:func:`equivalence_p`) after the same correction.
    verdict : str
        ``"better"`` / ``"worse"`` (the t-test is significant, the equivalence test is not:
        the difference is not zero, and may or may not exceed the margin),
        ``"better, within the margin"`` / ``"worse, within the margin"`` (both significant),
        ``"equivalent"`` (only the equivalence test) or ``"inconclusive"`` (neither).
    """

    label: str
    difference: PairedDifference
    p_holm: float
    p_equivalence: float
    verdict: str


def paired_verdicts(samples, *, margin, alpha=0.05):
    """Paired t-tests and equivalence tests for a table of comparisons, Holm-corrected.

    Every test of the table, t-tests and equivalence tests alike, counts in one Holm
    correction, so that all the verdicts of the table hold together at family-wise level
    `alpha`. "Better" and "worse" say that a difference is not zero, not that it exceeds the
    margin.

    Parameters
    ----------
    samples : dict of str -> (array_like, array_like)
        Label to the paired samples ``(x, y)`` (one value per seed).
    margin : float
        Equivalence margin (:func:`equivalence_p`), ``> 0``.
    alpha : float, optional
        Family-wise error rate, in ``(0, 1)``.

    Returns
    -------
    list of PairedVerdict
        In the order of `samples`.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> base = rng.normal(0.96, 0.005, 30)
    >>> rows = paired_verdicts(
    ...     {
    ...         "same": (base + rng.normal(0, 0.001, 30), base),
    ...         "worse": (base - 0.02 + rng.normal(0, 0.001, 30), base),
    ...     },
    ...     margin=0.005,
    ... )
    >>> [r.verdict for r in rows]
    ['equivalent', 'worse']
    """
    margin = positive_scalar("margin", margin)
    alpha = finite_scalar("alpha", alpha)
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha!r}")
    samples = mapping("samples", samples, what="dict of label -> (x, y)")
    for k, pair in samples.items():
        if isinstance(pair, (str, bytes)) or not np.iterable(pair) or len(pair) != 2:
            raise ValueError(f"samples[{k!r}] must be a pair (x, y) of samples, got {pair!r:.80}")
    diffs = {k: paired_difference(x, y) for k, (x, y) in samples.items()}
    raw = [d.p for d in diffs.values()] + [_tost(d, margin) for d in diffs.values()]
    adjusted = holm(raw)  # one family: every t-test and every equivalence test of the table
    p_t, p_eq = adjusted[: len(diffs)], adjusted[len(diffs) :]
    rows = []
    for (label, d), pt, pe in zip(diffs.items(), p_t, p_eq, strict=True):
        direction = "better" if d.mean > 0 else "worse"
        if pt < alpha:
            verdict = f"{direction}, within the margin" if pe < alpha else direction
        else:
            verdict = "equivalent" if pe < alpha else "inconclusive"
        rows.append(PairedVerdict(label, d, float(pt), float(pe), verdict))
    return rows
