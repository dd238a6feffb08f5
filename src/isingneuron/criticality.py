r"""Self-similarity and criticality (paper §III.C): block spins, correlations, edge of chaos.

Two different "critical points" meet in the paper's §III.C, and this module
computes both.

*The Ising critical point.* On the square lattice at ``Tc = 2/ln(1 + sqrt 2)``
the configurations are statistically self-similar: coarse-graining by
majority-rule block spins (Kadanoff) maps a critical configuration to another
critical-looking one, and the spin–spin correlation function decays as a power
law, ``G(r) ~ r^(-eta)`` with ``eta = 1/4``; away from ``Tc`` it decays
exponentially with the exact correlation length of
:func:`isingneuron.exact.correlation_length`. Functions: :func:`block_spin`,
:func:`block_spin_flow`, :func:`correlation_function` (by FFT) and its cuts,
:func:`measure_correlations` (Monte Carlo), the exact critical diagonal
correlation :func:`critical_diagonal_correlation`, and jackknife fits of
``eta`` and ``xi``.

*The order-to-chaos transition of deep random networks* (Poole et al. 2016;
Schoenholz et al. 2017). For ``h^{l+1} = W^l phi(h^l) + b^l`` with
``W_ij ~ N(0, sigma_w^2/N)`` and ``b_i ~ N(0, sigma_b^2)``, in the limit of
infinite width the pre-activations are Gaussian with length
``q^{l+1} = sigma_w^2 E[phi(sqrt(q^l) z)^2] + sigma_b^2`` and two inputs keep a
correlation ``c^l`` obeying a deterministic map. The slope of that map at
``c = 1``, ``chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2]``, separates the ordered
phase (``chi_1 < 1``: inputs converge) from the chaotic one (``chi_1 > 1``:
nearby inputs decorrelate). Functions: :func:`network_activation` (tanh, ReLU,
the paper's eq. (2) read as ``m(-V)``, and the spike count),
:func:`gaussian_expectation`, :func:`correlated_expectation`,
:func:`length_map`, :func:`correlation_map`, :func:`fixed_point`,
:func:`order_chaos_boundary`, :func:`mean_field_propagation` and the finite
network :func:`simulate_network` that checks them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.interpolate import CubicSpline
from scipy.optimize import least_squares
from scipy.special import expit

from . import lattice
from ._validation import (
    MAX_ELEMENTS,
    as_float_array,
    broadcast,
    choice,
    finite_scalar,
    flag,
    function,
    generator,
    nonnegative,
    nonnegative_scalar,
    positive,
    positive_int,
    positive_scalar,
    scalar_or_array,
    spin_updates,
)
from .activations import paper_activation, spike_activation

__all__ = [
    "CRITICAL_DIAGONAL_AMPLITUDE",
    "BlockSpinFlow",
    "CorrelationSeries",
    "FixedPoint",
    "JackknifeFit",
    "MeanFieldTrajectory",
    "NETWORK_ACTIVATIONS",
    "NetworkActivation",
    "NetworkSimulation",
    "axis_correlation",
    "block_spin",
    "block_spin_flow",
    "block_spin_levels",
    "compensated_correlation",
    "correlated_expectation",
    "correlation_function",
    "correlation_map",
    "critical_diagonal_correlation",
    "diagonal_correlation",
    "fit_correlation_length",
    "fit_eta",
    "fit_log_slope",
    "fixed_point",
    "gaussian_expectation",
    "jackknife",
    "length_map",
    "layer_average",
    "mean_field_propagation",
    "measure_correlations",
    "nearest_neighbour_correlation",
    "network_activation",
    "order_chaos_boundary",
    "projected_correlation",
    "sample_configurations",
    "simulate_network",
    "slope_map",
]


# ===========================================================================
# Part 1: the Ising lattice — coarse graining and correlation functions
# ===========================================================================
def _check_spin_stack(name, spins):
    try:
        s = np.asarray(spins)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of spins +1 or -1, got {spins!r:.80}") from None
    if s.ndim < 2 or s.shape[-1] != s.shape[-2] or s.shape[-1] < 1:
        raise ValueError(f"{name} must have shape (..., L, L), got {s.shape}")
    if not np.issubdtype(s.dtype, np.integer) or not np.all(np.abs(s) == 1):
        raise ValueError(f"{name} must hold integer spins +1 or -1")
    return s


def block_spin(spins, b=3, *, rng=None):
    """Majority-rule block-spin transformation (Kadanoff) of square-lattice configurations.

    Parameters
    ----------
    spins : array_like of int, shape (..., L, L)
        Spins ``+1``/``-1``; leading axes (e.g. several configurations) are kept.
    b : int, optional
        Block side, ``b >= 2``, dividing ``L``. Odd ``b`` (e.g. 3) never ties.
    rng : None, int or numpy.random.Generator, optional
        Breaks ties (a block sum of 0, possible only for even `b`) with a fair coin.

    Returns
    -------
    ndarray of int8, shape (..., L // b, L // b)
        The sign of the sum of each ``b x b`` block.

    Examples
    --------
    >>> s = np.array([[1, 1, -1], [1, -1, -1], [-1, 1, -1]], dtype=np.int8)
    >>> block_spin(s, 3).tolist()
    [[-1]]
    >>> block_spin(np.ones((4, 4), dtype=np.int8), 2).tolist()
    [[1, 1], [1, 1]]
    """
    s = _check_spin_stack("spins", spins)
    b = positive_int("b", b, minimum=2)
    L = s.shape[-1]
    if L % b:
        raise ValueError(f"b must divide the lattice size L = {L}, got b = {b}")
    m = L // b
    sums = s.reshape(*s.shape[:-2], m, b, m, b).sum(axis=(-3, -1), dtype=np.int64)
    out = np.sign(sums).astype(np.int8)
    ties = out == 0
    if np.any(ties):
        coin = generator(rng).integers(0, 2, size=int(ties.sum()), dtype=np.int8)
        out[ties] = 2 * coin - 1
    return out


def block_spin_levels(spins, b=3, *, n_levels=None, rng=None):
    """Repeated block-spin transformations: the lattice at every level of coarse graining.

    Parameters
    ----------
    spins : array_like of int, shape (..., L, L)
        Spins ``+1``/``-1``.
    b : int, optional
        Block side, ``b >= 2``.
    n_levels : int, optional
        Number of transformations, ``>= 0``; by default as many as ``L`` allows
        (each level must be divisible by `b`).
    rng : None, int or numpy.random.Generator, optional
        Tie-breaking for even `b`.

    Returns
    -------
    list of ndarray
        ``[spins, level 1, ..., level n_levels]``; level ``k`` has side ``L / b**k``.

    Examples
    --------
    >>> [x.shape for x in block_spin_levels(np.ones((18, 18), dtype=np.int8), 3)]
    [(18, 18), (6, 6), (2, 2)]
    """
    s = _check_spin_stack("spins", spins)
    b = positive_int("b", b, minimum=2)
    L = s.shape[-1]
    possible = 0
    while L % b == 0 and L >= b:
        L //= b
        possible += 1
    if n_levels is None:
        n_levels = possible
    n_levels = positive_int("n_levels", n_levels, minimum=0)
    if n_levels > possible:
        raise ValueError(f"n_levels must be <= {possible} for L = {s.shape[-1]} and b = {b}")
    rng = generator(rng)
    levels = [s.astype(np.int8, copy=False)]
    for _ in range(n_levels):
        levels.append(block_spin(levels[-1], b, rng=rng))
    return levels


def nearest_neighbour_correlation(spins):
    """Mean of ``s_i s_j`` over the nearest-neighbour bonds of a periodic lattice.

    Parameters
    ----------
    spins : array_like of int, shape (..., L, L)
        Spins ``+1``/``-1`` on an ``L x L`` torus.

    Returns
    -------
    float or ndarray
        Shape of the leading axes; minus the energy per bond.

    Examples
    --------
    >>> nearest_neighbour_correlation(np.ones((4, 4), dtype=np.int8))
    1.0
    >>> checkerboard = 1 - 2 * (np.indices((4, 4)).sum(axis=0) % 2)
    >>> nearest_neighbour_correlation(checkerboard)
    -1.0
    """
    s = _check_spin_stack("spins", spins).astype(np.int64)
    right = np.roll(s, -1, axis=-1)
    down = np.roll(s, -1, axis=-2)
    return scalar_or_array((s * right + s * down).mean(axis=(-2, -1)) / 2.0)


_SUBTRACT = ("none", "sample")


def correlation_function(spins, *, subtract="none"):
    r"""Spin–spin correlation ``G(dx, dy) = <s_x s_{x+d}>`` on the torus, by FFT.

    Parameters
    ----------
    spins : array_like, shape (..., L, L)
        One configuration or a stack of them (averaged over all leading axes).
    subtract : {"none", "sample"}, optional
        ``"sample"`` subtracts each configuration's own ``m^2`` (its mean spin
        squared), which removes the configuration-to-configuration fluctuation
        of the plateau and leaves ``G(d) - <m^2>`` on average (see Notes).

    Returns
    -------
    ndarray, shape (L, L)
        ``G[dy, dx]``, periodic in both displacements; ``G[0, 0] = 1`` for
        ``subtract="none"``.

    Notes
    -----
    For one configuration ``G(d) = (1/N) sum_x s_x s_{x+d}`` is the inverse
    FFT of ``|FFT(s)|^2 / N`` (Wiener–Khinchin), ``O(N log N)`` instead of
    ``O(N^2)``, and averages over all ``N`` origins. On a finite torus
    ``sum_d [G(d) - m^2] = 0`` for every configuration, so the per-sample
    connected function is offset by the constant ``-<m^2> + M^2`` (of order
    ``chi T / N``); fits that use it carry a free constant.

    Examples
    --------
    >>> s = np.ones((4, 4), dtype=np.int8)
    >>> s[:, 1::2] = -1  # columns alternate
    >>> correlation_function(s)[0, :3].tolist()
    [1.0, -1.0, 1.0]
    """
    s = as_float_array("spins", spins)
    if s.ndim < 2 or s.shape[-1] != s.shape[-2] or s.size == 0:
        raise ValueError(f"spins must have shape (..., L, L) with L >= 1, got {s.shape}")
    if not np.all(np.abs(s) == 1):
        raise ValueError("spins must hold spins +1 or -1")
    choice("subtract", subtract, _SUBTRACT)
    L = s.shape[-1]
    s = s.reshape(-1, L, L)
    f = np.fft.rfft2(s)
    G = np.fft.irfft2(f.real**2 + f.imag**2, s=(L, L)) / (L * L)
    if subtract == "sample":
        G -= (s.mean(axis=(-2, -1)) ** 2)[:, None, None]
    return G.mean(axis=0)


def _check_G(G):
    G = as_float_array("G", G)
    if G.ndim < 2 or G.shape[-1] != G.shape[-2]:
        raise ValueError(f"G must have shape (..., L, L), got {G.shape}")
    return G


def axis_correlation(G):
    """``G(r)`` along the lattice axes, ``r = 0 .. L//2`` (the two axes averaged).

    Parameters
    ----------
    G : array_like, shape (..., L, L)
        Output of :func:`correlation_function`.

    Returns
    -------
    ndarray, shape (..., L//2 + 1)

    Examples
    --------
    >>> axis_correlation(np.arange(16.0).reshape(4, 4)).tolist()
    [0.0, 2.5, 5.0]
    """
    G = _check_G(G)
    h = G.shape[-1] // 2 + 1
    return 0.5 * (G[..., 0, :h] + G[..., :h, 0])


def diagonal_correlation(G):
    """``G(n, n)`` along the two diagonals, ``n = 0 .. L//2`` (distance ``n sqrt 2``).

    Parameters
    ----------
    G : array_like, shape (..., L, L)
        Output of :func:`correlation_function`.

    Returns
    -------
    ndarray, shape (..., L//2 + 1)

    Examples
    --------
    >>> diagonal_correlation(np.arange(16.0).reshape(4, 4)).tolist()
    [0.0, 6.0, 10.0]
    """
    G = _check_G(G)
    L = G.shape[-1]
    n = np.arange(L // 2 + 1)
    return 0.5 * (G[..., n, n] + G[..., n, (-n) % L])


def projected_correlation(G):
    r"""Correlation of line magnetisations, ``C(x) = (1/L) sum_y G(x, y)``, ``x = 0 .. L//2``.

    Parameters
    ----------
    G : array_like, shape (..., L, L)
        Output of :func:`correlation_function`.

    Returns
    -------
    ndarray, shape (..., L//2 + 1)
        The two axes averaged.

    Notes
    -----
    Summing over the transverse coordinate projects onto zero transverse
    momentum. Above ``Tc`` the transfer matrix along an axis then connects the
    ground state to the one-particle state of zero momentum only, and
    ``C(x) ∝ exp(-x/xi) + exp(-(L - x)/xi)`` with the exact exponential
    correlation length ``xi`` of :func:`isingneuron.exact.correlation_length`,
    with no power-law prefactor (the unprojected ``G(r)`` along an axis has
    the Ornstein–Zernike factor ``r^(-1/2)``), up to three-particle terms
    ``~ exp(-3x/xi)``.

    Examples
    --------
    >>> projected_correlation(np.arange(16.0).reshape(4, 4)).tolist()
    [3.75, 6.25, 8.75]
    """
    G = _check_G(G)
    h = G.shape[-1] // 2 + 1
    return 0.5 * (G.mean(axis=-2)[..., :h] + G.mean(axis=-1)[..., :h])


#: Amplitude of ``<s_00 s_nn> ~ A n^(-1/4)`` at ``Tc``: ``2^(1/12) exp(3 zeta'(-1))`` (Wu 1966).
CRITICAL_DIAGONAL_AMPLITUDE = 0.6450024485


def critical_diagonal_correlation(n):
    r"""Exact diagonal correlation ``<s_{0,0} s_{n,n}>`` of the infinite lattice at ``Tc``.

    Parameters
    ----------
    n : array_like of int
        Diagonal steps, ``n >= 0`` (Euclidean distance ``n sqrt 2``).

    Returns
    -------
    float or ndarray
        Same shape as `n`.

    Notes
    -----
    McCoy & Wu, *The Two-Dimensional Ising Model* (1973), ch. XI:

    .. math:: \langle s_{0,0} s_{n,n}\rangle_{T_c} = \Bigl(\frac{2}{\pi}\Bigr)^n
              \prod_{l=1}^{n-1}\Bigl(1 - \frac{1}{4l^2}\Bigr)^{l-n},

    which behaves as ``A n^(-1/4)`` with ``A = 2^(1/12) e^(3 zeta'(-1)) =
    0.645002...`` (Wu 1966), i.e. ``eta = 1/4``. Evaluated in logarithms.

    Examples
    --------
    >>> round(critical_diagonal_correlation(1), 6)  # 2 / pi
    0.63662
    >>> round(critical_diagonal_correlation(10_000) * 10_000**0.25, 6)
    0.645002
    """
    try:
        n_arr = np.asarray(n)
    except (TypeError, ValueError):
        n_arr = np.asarray(None)
    if not np.issubdtype(n_arr.dtype, np.integer) or np.any(n_arr < 0):
        raise ValueError(f"n must be integers >= 0, got {n!r:.80}")
    nmax = int(n_arr.max()) if n_arr.size else 0
    if nmax > MAX_ELEMENTS:
        raise ValueError(f"n must be <= {MAX_ELEMENTS} (the product runs over l < n), got {nmax}")
    ell = np.arange(1, max(nmax, 1), dtype=float)
    lg = np.log1p(-0.25 / ell**2)
    # S0[k] = sum_{l<k} lg_l and S1[k] = sum_{l<k} l lg_l for k = 0..nmax
    S0 = np.concatenate([[0.0, 0.0], np.cumsum(lg)])[: nmax + 1]
    S1 = np.concatenate([[0.0, 0.0], np.cumsum(ell * lg)])[: nmax + 1]
    k = np.arange(nmax + 1, dtype=float)
    logG = k * np.log(2.0 / np.pi) + S1 - k * S0
    return scalar_or_array(np.exp(logG)[n_arr])


def sample_configurations(
    L,
    T,
    n_samples,
    *,
    n_between=1,
    n_burn=100,
    algorithm="wolff",
    clusters_per_sweep=1,
    start="up",
    rng=None,
):
    """Equilibrium configurations of the 2D Ising model from one Markov chain.

    Parameters
    ----------
    L : int
        Linear size, even, ``>= 2``.
    T : float
        Temperature, ``> 0``.
    n_samples : int
        Number of configurations returned, ``>= 1``.
    n_between : int, optional
        Sweeps between successive samples, ``>= 1``.
    n_burn : int, optional
        Sweeps discarded first, ``>= 0``.
    algorithm, clusters_per_sweep :
        As in :func:`isingneuron.lattice.sweep`.
    start : {"up", "random"}, optional
        Initial state. An ordered start equilibrates Wolff near and below
        ``Tc`` fast; at a random start Wolff clusters are tiny.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    ndarray of int8, shape (n_samples, L, L)

    Examples
    --------
    >>> c = sample_configurations(8, 1.0, 3, rng=0)
    >>> c.shape, int(abs(c.sum(axis=(1, 2))).min())
    ((3, 8, 8), 64)
    """
    L = lattice._check_L(L)
    n_samples = positive_int("n_samples", n_samples)
    n_between = positive_int("n_between", n_between)
    n_burn = positive_int("n_burn", n_burn, minimum=0)
    choice("start", start, ("up", "random"))
    _check_chain(L, n_samples, n_between, n_burn, clusters_per_sweep, "n_samples")
    rng = generator(rng)
    sim = lattice.simulate(
        L,
        T,
        0,
        n_burn=n_burn,
        algorithm=algorithm,
        clusters_per_sweep=clusters_per_sweep,
        start=start,
        rng=rng,
    )
    spins = sim.spins
    out = np.empty((n_samples, L, L), dtype=np.int8)
    for k in range(n_samples):
        lattice.sweep(
            spins,
            T,
            n_between,
            algorithm=algorithm,
            clusters_per_sweep=clusters_per_sweep,
            rng=rng,
        )
        out[k] = spins
    return out


def _check_chain(L, n_samples, n_between, n_burn, clusters_per_sweep, name):
    """Storage and spin updates of a chain of `n_samples` configurations, before it runs."""
    if n_samples * L * L > MAX_ELEMENTS:
        raise ValueError(
            f"{name} must keep the stored configurations within {MAX_ELEMENTS} spins, "
            f"got {n_samples} configurations of L = {L}"
        )
    # a Wolff cluster flips at most L * L spins; clusters_per_sweep is checked by lattice
    cps = clusters_per_sweep if isinstance(clusters_per_sweep, (int, np.integer)) else 1
    spin_updates(
        f"L, {name}, n_between, n_burn and clusters_per_sweep",
        (n_samples * n_between + n_burn) * max(int(cps), 1) * L * L,
        f"L={L}, {name}={n_samples}, n_between={n_between}, n_burn={n_burn}",
    )
    if n_samples > 10**7:
        raise ValueError(f"{name} must be <= 1e7 (one kernel call each), got {n_samples}")


@dataclass(frozen=True)
class BlockSpinFlow:
    """Observables of the block-spin lattices at each level (result of :func:`block_spin_flow`)."""

    b: int  # block side
    sizes: np.ndarray  # side of the lattice at each level, shape (n_levels + 1,)
    nn: np.ndarray = field(repr=False)  # nearest-neighbour <s s'>, (n_configs, n_levels + 1)
    abs_m: np.ndarray = field(repr=False)  # |magnetisation|, (n_configs, n_levels + 1)
    levels: list = field(repr=False)  # the blocked lattices of the first configuration


def block_spin_flow(configs, b=3, *, n_levels=None, rng=None):
    """Follow configurations through repeated block-spin transformations.

    Parameters
    ----------
    configs : array_like of int, shape (n_configs, L, L)
        Spins ``+1``/``-1``.
    b : int, optional
        Block side, ``b >= 2`` (odd: no ties).
    n_levels : int, optional
        Levels of coarse graining; default as many as possible.
    rng : None, int or numpy.random.Generator, optional
        Tie-breaking for even `b`.

    Returns
    -------
    BlockSpinFlow
        ``nn`` and ``abs_m`` per configuration and level; ``levels`` holds the
        blocked lattices of the first configuration (for pictures).

    Notes
    -----
    Under the majority rule an ordered configuration flows to the fully
    ordered fixed point (``<s s'> -> 1``), a disordered one to the
    infinite-temperature fixed point (``<s s'> -> 0``); at ``Tc`` the
    observables stay near the critical fixed point's values until the blocked
    lattice is only a few blocks wide.

    Examples
    --------
    >>> flow = block_spin_flow(np.ones((2, 9, 9), dtype=np.int8), 3)
    >>> flow.sizes.tolist(), flow.nn.mean(axis=0).tolist()
    ([9, 3, 1], [1.0, 1.0, 1.0])
    """
    c = _check_spin_stack("configs", configs)
    if c.ndim != 3:
        raise ValueError(f"configs must have shape (n_configs, L, L), got {c.shape}")
    levels = block_spin_levels(c, b, n_levels=n_levels, rng=rng)
    sizes = np.array([x.shape[-1] for x in levels])
    nn = np.stack([np.atleast_1d(nearest_neighbour_correlation(x)) for x in levels], axis=1)
    abs_m = np.stack([np.abs(x.mean(axis=(-2, -1))) for x in levels], axis=1)
    return BlockSpinFlow(int(b), sizes, nn, abs_m, [x[0] for x in levels])


@dataclass(frozen=True)
class CorrelationSeries:
    """Block averages of correlation functions from :func:`measure_correlations`.

    Each array has one row per block of samples (blocks are nearly independent
    and serve for jackknife error bars).
    """

    L: int  # linear size
    T: float  # temperature
    subtract: str  # "none" or "sample" (see correlation_function)
    axis: np.ndarray = field(repr=False)  # (n_blocks, L//2 + 1), axis_correlation
    diagonal: np.ndarray = field(repr=False)  # (n_blocks, L//2 + 1), diagonal_correlation
    projected: np.ndarray = field(repr=False)  # (n_blocks, L//2 + 1), projected_correlation
    m2: np.ndarray = field(repr=False)  # (n_blocks,), <m^2>
    abs_m: np.ndarray = field(repr=False)  # (n_blocks,), <|m|>


def measure_correlations(
    L,
    T,
    *,
    n_blocks=20,
    samples_per_block=50,
    n_between=1,
    n_burn=200,
    algorithm="wolff",
    clusters_per_sweep=1,
    start="up",
    subtract="none",
    rng=None,
):
    """Monte Carlo estimate of the correlation functions, in blocks of samples.

    Parameters
    ----------
    L, T :
        Lattice size (even) and temperature.
    n_blocks : int, optional
        Blocks, ``>= 2``.
    samples_per_block : int, optional
        Configurations per block, ``>= 1``, separated by `n_between` sweeps.
    n_between, n_burn, algorithm, clusters_per_sweep, start, rng :
        As in :func:`sample_configurations` (one chain for all blocks).
    subtract : {"none", "sample"}, optional
        See :func:`correlation_function`.

    Returns
    -------
    CorrelationSeries

    Examples
    --------
    >>> cs = measure_correlations(8, 1.0, n_blocks=2, samples_per_block=3, rng=0)
    >>> cs.axis.shape, round(float(cs.axis[0, 0]), 6)
    ((2, 5), 1.0)
    """
    L = lattice._check_L(L)
    n_blocks = positive_int("n_blocks", n_blocks, minimum=2)
    samples_per_block = positive_int("samples_per_block", samples_per_block)
    choice("subtract", subtract, _SUBTRACT)
    n_between = positive_int("n_between", n_between)
    n_burn = positive_int("n_burn", n_burn, minimum=0)
    _check_chain(L, samples_per_block, n_between, 0, clusters_per_sweep, "samples_per_block")
    _check_chain(
        L, n_blocks * samples_per_block, n_between, n_burn, clusters_per_sweep,
        "n_blocks * samples_per_block",
    )  # fmt: skip
    rng = generator(rng)
    axis, diag, proj, m2, am = [], [], [], [], []
    burn = n_burn
    spins = None
    for _ in range(n_blocks):
        if spins is None:
            conf = sample_configurations(
                L,
                T,
                samples_per_block,
                n_between=n_between,
                n_burn=burn,
                algorithm=algorithm,
                clusters_per_sweep=clusters_per_sweep,
                start=start,
                rng=rng,
            )
        else:
            conf = np.empty((samples_per_block, L, L), dtype=np.int8)
            for k in range(samples_per_block):
                lattice.sweep(
                    spins,
                    T,
                    n_between,
                    algorithm=algorithm,
                    clusters_per_sweep=clusters_per_sweep,
                    rng=rng,
                )
                conf[k] = spins
        spins = conf[-1].copy()
        G = correlation_function(conf, subtract=subtract)
        axis.append(axis_correlation(G))
        diag.append(diagonal_correlation(G))
        proj.append(projected_correlation(G))
        m = conf.mean(axis=(-2, -1), dtype=float)
        m2.append(float(np.mean(m**2)))
        am.append(float(np.mean(np.abs(m))))
    return CorrelationSeries(
        int(L),
        float(T),
        subtract,
        np.array(axis),
        np.array(diag),
        np.array(proj),
        np.array(m2),
        np.array(am),
    )


# ---------------------------------------------------------------------------
# Fits with jackknife errors
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class JackknifeFit:
    """A fitted parameter with its jackknife standard error."""

    value: float  # estimate from all blocks
    error: float  # jackknife standard error
    n_blocks: int  # number of blocks


def jackknife(estimator, *blocks):
    """Delete-one jackknife over blocks.

    Parameters
    ----------
    estimator : callable
        Called with the block means of each array in `blocks` (means over
        axis 0) and returning a float.
    *blocks : array_like, shape (n_blocks, ...)
        One or more arrays with the same number of (independent) blocks,
        ``n_blocks >= 2``; leaving block ``j`` out removes row ``j`` of all.

    Returns
    -------
    JackknifeFit
        ``value = estimator(means over all blocks)``, ``error = sqrt((n - 1)/n
        sum_j (theta_j - theta_bar)^2)``.

    Examples
    --------
    >>> x = np.array([1.0, 2.0, 3.0, 4.0])
    >>> fit = jackknife(lambda m: float(m), x)
    >>> fit.value, round(fit.error, 12) == round(float(x.std(ddof=1) / 2), 12)
    (2.5, True)
    """
    function("estimator", estimator)
    if not blocks:
        raise ValueError("blocks must hold at least one array")
    arrs = [as_float_array("blocks", b) for b in blocks]
    n = arrs[0].shape[0] if arrs[0].ndim else 0
    if n < 2 or any(a.ndim == 0 or a.shape[0] != n for a in arrs):
        raise ValueError("blocks must be arrays with the same first dimension n_blocks >= 2")
    if n > MAX_ELEMENTS // 16:
        raise ValueError(f"blocks must hold at most {MAX_ELEMENTS // 16} blocks, got {n}")

    def estimate(*means):
        with np.errstate(all="ignore"):  # a non-finite estimate is refused below
            value = estimator(*means)
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"estimator must return a real number, got {value!r:.80}") from None
        if not np.isfinite(value):
            raise ValueError(f"estimator must return a finite number, got {value!r}")
        return value

    with np.errstate(over="ignore"):  # means of finite numbers overflow only to +-inf
        means = [a.mean(axis=0) for a in arrs]
        sums = [a.sum(axis=0) for a in arrs]
    if not all(np.all(np.isfinite(v)) for v in (*means, *sums)):
        raise ValueError("blocks must have finite sums (their entries overflow when added)")
    full = estimate(*means)
    theta = np.array(
        [
            estimate(*[(s - a[j]) / (n - 1) for s, a in zip(sums, arrs, strict=True)])
            for j in range(n)
        ]
    )
    return JackknifeFit(full, _spread(theta, n), n)


def _spread(theta, n):
    """The jackknife error ``sqrt((n - 1)/n sum (theta - mean)^2)``, without overflow."""
    with np.errstate(over="ignore"):
        dev = theta - theta.mean()
        err = float(np.sqrt((n - 1) / n * np.sum(dev**2)))
    if not np.isfinite(err):  # huge estimates: the same sum, scaled (never for ordinary ones)
        scale = float(np.max(np.abs(theta)))
        dev = theta / scale - np.mean(theta / scale)
        err = float(np.sqrt((n - 1) / n * np.sum(dev**2))) * scale
    if not np.isfinite(err):
        raise ValueError("estimator must return estimates whose spread is finite, got an overflow")
    return err


def _log_slope(x, y):
    A = np.stack([np.log(x), np.ones_like(x)], axis=1)
    return float(np.linalg.lstsq(A, np.log(y), rcond=None)[0][0])


def fit_eta(r, G_blocks, *, r_min, r_max):
    """Exponent ``eta`` of ``G(r) ~ r^(-eta)`` fitted in a window, with a jackknife error.

    Parameters
    ----------
    r : array_like, shape (n,)
        Distances (e.g. ``0 .. L//2``).
    G_blocks : array_like, shape (n_blocks, n)
        Block averages of ``G(r)``.
    r_min, r_max : float
        Window ``r_min <= r <= r_max``, ``r_min > 0``, at least 3 points.

    Returns
    -------
    JackknifeFit
        ``-slope`` of ``log G`` against ``log r`` (unweighted least squares on
        the block-averaged ``G``).

    Examples
    --------
    >>> r = np.arange(1.0, 20.0)
    >>> G = np.stack([r**-0.25, 1.01 * r**-0.25])
    >>> round(fit_eta(r, G, r_min=2, r_max=10).value, 12)
    0.25
    """
    r = np.ravel(as_float_array("r", r))
    r_min = positive_scalar("r_min", r_min)
    r_max = positive_scalar("r_max", r_max)
    sel = (r >= r_min) & (r <= r_max)
    if sel.sum() < 3:
        raise ValueError(
            f"r must hold >= 3 points in the window [r_min, r_max], got {int(sel.sum())}"
        )
    G = as_float_array("G_blocks", G_blocks)
    if G.ndim != 2 or G.shape[1] != r.size:
        raise ValueError(
            f"r and G_blocks must match: G_blocks must have shape (n_blocks, len(r) = "
            f"{r.size}), got {G.shape}"
        )
    positive("G_blocks (in the window [r_min, r_max])", G[:, sel])
    return jackknife(lambda g: -_log_slope(r[sel], g[sel]), G)


def fit_log_slope(x, *y_blocks):
    """Slope of ``log y`` against ``log x`` across sizes, with a jackknife error.

    Parameters
    ----------
    x : array_like, shape (k,)
        Positive abscissae (e.g. lattice sizes), ``k >= 2``.
    *y_blocks : array_like, shape (n_blocks,)
        One block series per ``x`` (independent runs); all with the same
        ``n_blocks >= 2``. Block ``j`` is left out of every series at once.

    Returns
    -------
    JackknifeFit
        E.g. ``2 - eta`` for ``y = chi(L)`` at ``Tc``, ``-eta`` for ``y = G(L/2)``.

    Examples
    --------
    >>> L = np.array([8.0, 16.0, 32.0])
    >>> fit = fit_log_slope(L, *[np.array([1.0, 1.02]) * l**1.75 for l in L])
    >>> round(fit.value, 12)
    1.75
    """
    x = as_float_array("x", x)
    if x.ndim != 1 or x.size < 2 or np.any(x <= 0) or len(y_blocks) != x.size:
        raise ValueError("x must be >= 2 positive values with one block series in y_blocks each")
    ys = [positive("y_blocks", y) for y in y_blocks]
    if any(y.ndim != 1 or y.shape != ys[0].shape for y in ys):
        raise ValueError(
            f"y_blocks must be 1-D block series of one length, got shapes {[y.shape for y in ys]}"
        )
    Y = np.stack(ys, axis=1)
    return jackknife(lambda y: _log_slope(x, y), Y)


def _decay_model(p, x, L, power):
    A, inv_xi, B = p
    return A * (x**-power * np.exp(-x * inv_xi) + (L - x) ** -power * np.exp(-(L - x) * inv_xi)) + B


def _fit_decay(x, y, L, power, offset, xi0):
    scale = max(abs(float(y[0])), 1e-300)
    with np.errstate(over="ignore"):
        p0 = [float(y[0]) * x[0] ** power * np.exp(x[0] / xi0), 1.0 / xi0, 0.0]
    if not np.all(np.isfinite(p0)):
        raise ValueError(
            "xi0 and power must keep the starting amplitude C(x_min) x_min^power "
            f"exp(x_min / xi0) finite, got xi0={xi0!r}, power={power!r}"
        )

    def resid(p):
        q = p if offset else [p[0], p[1], 0.0]
        # a trial step may overflow: an infinite residual just rejects it
        with np.errstate(over="ignore", invalid="ignore"):
            r = (_decay_model(q, x, L, power) - y) / scale
        return np.where(np.isfinite(r), r, 1e150)

    start = p0 if offset else p0[:2]
    res = least_squares(resid, start, x_scale="jac", method="lm", xtol=1e-14, ftol=1e-14)
    with np.errstate(divide="ignore"):
        xi = 1.0 / res.x[1]
    if not np.isfinite(xi):
        raise ValueError(
            "x_min, x_max, power and xi0 must allow a finite correlation length, got a fit "
            "with 1 / xi = 0"
        )
    return xi


def fit_correlation_length(x, C_blocks, *, L, x_min, x_max, power=0.0, offset=True, xi0=2.0):
    r"""Correlation length from ``C(x) = A [x^-p e^{-x/xi} + (L-x)^-p e^{-(L-x)/xi}] + B``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Distances.
    C_blocks : array_like, shape (n_blocks, n)
        Block averages of a correlation function.
    L : float
        Period of the torus (the image term accounts for the wrap-around).
    x_min, x_max : float
        Fit window, ``x_min > 0``, at least 4 points.
    power : float, optional
        Prefactor exponent ``p``: 0 for the projected correlation above ``Tc``
        (then the model is ``A' cosh((x - L/2)/xi) + B``), 1/2 for the axis
        correlation above ``Tc``, 2 below ``Tc`` (asymptotic forms).
    offset : bool, optional
        Fit the constant ``B`` (needed after a per-sample subtraction of ``m^2``).
    xi0 : float, optional
        Starting value, ``> 0``.

    Returns
    -------
    JackknifeFit
        ``xi`` with a jackknife error over blocks.

    Examples
    --------
    >>> x = np.arange(30.0)
    >>> C = np.cosh((x - 50.0) / 4.0) * 1e-5 - 3e-4
    >>> fit = fit_correlation_length(x, np.stack([C, C]), L=100, x_min=1, x_max=25)
    >>> round(fit.value, 8)
    4.0
    """
    x = np.ravel(as_float_array("x", x))
    L = positive_scalar("L", L)
    x_min = positive_scalar("x_min", x_min)
    x_max = positive_scalar("x_max", x_max)
    power = nonnegative_scalar("power", power)
    offset = flag("offset", offset)
    xi0 = positive_scalar("xi0", xi0)
    sel = (x >= x_min) & (x <= x_max)
    if sel.sum() < 4:
        raise ValueError(
            f"x must hold >= 4 points in the window [x_min, x_max], got {int(sel.sum())}"
        )
    if np.any(x[sel] >= L):
        raise ValueError(f"x_max must be < L = {L!r} (distances on the torus), got {x_max!r}")
    C = as_float_array("C_blocks", C_blocks)
    if C.ndim != 2 or C.shape[1] != x.size:
        raise ValueError(
            f"x and C_blocks must match: C_blocks must have shape (n_blocks, len(x) = "
            f"{x.size}), got {C.shape}"
        )
    xs = x[sel]
    return jackknife(lambda c: _fit_decay(xs, c[sel], L, power, offset, xi0), C)


def compensated_correlation(x, C_blocks, xi, *, power=0.0, x_plateau=None):
    r"""``ln[(C(x) - C_inf) x^p] + x/xi``: flat in ``x`` exactly when ``C ~ x^-p e^{-x/xi}``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Distances, ``> 0`` where used.
    C_blocks : array_like, shape (n_blocks, n)
        Block averages of a correlation function.
    xi : float
        Trial correlation length (e.g. the exact one), ``> 0``.
    power : float, optional
        Prefactor exponent ``p >= 0``.
    x_plateau : float, optional
        If given, ``C_inf`` is the mean of ``C`` over ``x >= x_plateau`` (the
        constant left by a per-sample subtraction of ``m^2``); else 0.

    Returns
    -------
    y, err : ndarray, shape (n,)
        The compensated logarithm of the block-averaged ``C`` and its jackknife
        error; nan where ``C - C_inf <= 0``.

    Examples
    --------
    >>> x = np.arange(1.0, 6.0)
    >>> C = np.exp(-x / 2.0)
    >>> y, err = compensated_correlation(x, np.stack([C, C]), 2.0)
    >>> y.round(12).tolist(), err.tolist()
    ([0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0])
    """
    x = np.ravel(as_float_array("x", x))
    C = as_float_array("C_blocks", C_blocks)
    xi = positive_scalar("xi", xi)
    power = nonnegative_scalar("power", power)
    if x_plateau is not None:
        x_plateau = finite_scalar("x_plateau", x_plateau)
    if C.ndim != 2 or C.shape[1] != x.size or C.shape[0] < 2:
        raise ValueError(
            f"x and C_blocks must match: C_blocks must have shape (n_blocks >= 2, len(x) = "
            f"{x.size}), got {C.shape}"
        )
    n = C.shape[0]
    far = x >= x_plateau if x_plateau is not None else np.zeros(x.size, dtype=bool)
    if x_plateau is not None and not far.any():
        raise ValueError(f"x_plateau must leave at least one point, got {x_plateau}")
    loo = (C.sum(axis=0) - C) / (n - 1)  # leave-one-out means, (n, n_x)

    def transform(c):
        inf = c[..., far].mean(axis=-1, keepdims=True) if far.any() else 0.0
        d = c - inf
        with np.errstate(divide="ignore", invalid="ignore"):
            xp = np.where(x > 0, x, np.nan) ** power if power else 1.0
            return np.where(d > 0, np.log(np.where(d > 0, d, 1.0) * xp) + x / xi, np.nan)

    with np.errstate(over="ignore", invalid="ignore"):  # +-inf is refused below
        y = transform(C.mean(axis=0))
        t = transform(loo)
        err = np.sqrt((n - 1) / n * np.sum((t - t.mean(axis=0)) ** 2, axis=0))
    if np.any(np.isinf(y)) or np.any(np.isinf(err)):
        raise ValueError(
            "x, C_blocks, xi and power must keep ln[(C - C_inf) x^power] + x / xi finite, "
            "got an overflow"
        )
    return y, err


# ===========================================================================
# Part 2: signal propagation in deep random networks — the edge of chaos
# ===========================================================================
@dataclass(frozen=True)
class NetworkActivation:
    """An activation ``phi`` with its derivative, vectorised over NumPy arrays."""

    name: str  # "tanh", "relu", "eq2" or "spike"
    label: str  # for legends (LaTeX)
    params: tuple  # ((name, value), ...) of the parameters
    phi: Callable = field(repr=False, compare=False)
    dphi: Callable = field(repr=False, compare=False)

    def __hash__(self):
        return hash((self.name, self.params))


#: Names accepted by :func:`network_activation`.
NETWORK_ACTIVATIONS = ("tanh", "relu", "eq2", "spike")


def _relu(v):
    return np.maximum(v, 0.0)


def _step(v):
    return (v > 0).astype(float)


def network_activation(name, *, a=6.0, b=1.0, Tc=1.0, T_bath=1.5):
    r"""The four activations whose order-to-chaos transition the book computes.

    Parameters
    ----------
    name : {"tanh", "relu", "eq2", "spike"}
        ``"eq2"`` is the paper's eq. (2) read as a neurone's response to the
        membrane voltage, ``phi(V) = m(T = -V) = expit(2a (V + b Tc))``;
        ``"spike"`` is the spike count of a quench of strength ``V`` followed
        by linear re-heating from the bath temperature `T_bath` (rate 1),
        ``phi(V) = sp_{2a}(V - theta) - sp_{2a}(-theta)`` with
        ``theta = T_bath - b Tc`` and ``sp_beta(x) = ln(1 + e^{beta x})/beta``.
    a : float, optional
        Steepness of eq. (2), ``> 0`` (the paper: 6).
    b, Tc : float, optional
        Eq. (2) switches at ``T = b Tc`` (the paper: ``b = 1``, ``Tc = 1``).
    T_bath : float, optional
        Resting temperature of the spike count (threshold ``theta = T_bath - b Tc``).

    Returns
    -------
    NetworkActivation

    Notes
    -----
    The spike count is defined by the protocol only for ``V = Q >= 0``. Here
    it is extended to ``V < 0`` by the same closed form (a "negative quench"
    heats the membrane and the integral counts negative time), which is
    analytic, has ``phi'(V) = m(T_bath - V)`` (eq. (2) itself) everywhere and
    is bounded below by ``-sp_{2a}(-theta)`` (``-2.1e-4`` for the defaults).
    Clamping at 0 instead would change ``phi`` by at most that amount.

    Examples
    --------
    >>> act = network_activation("eq2")
    >>> round(float(act.phi(-1.0)), 6), round(float(act.dphi(-1.0)), 6)
    (0.5, 3.0)
    >>> round(float(network_activation("spike").phi(0.0)), 12)
    0.0
    """
    choice("name", name, NETWORK_ACTIVATIONS)
    a = positive_scalar("a", a)
    b = nonnegative_scalar("b", b)
    Tc = positive_scalar("Tc", Tc)
    T_bath = finite_scalar("T_bath", T_bath)
    if name == "tanh":
        return NetworkActivation("tanh", r"$\tanh$", (), np.tanh, lambda v: 1.0 - np.tanh(v) ** 2)
    if name == "relu":
        return NetworkActivation("relu", "ReLU", (), _relu, _step)
    beta = 2.0 * a
    if name == "eq2":
        c = b * Tc

        def phi(v):
            return expit(beta * (np.asarray(v, dtype=float) + c))

        def dphi(v):
            u = beta * (np.asarray(v, dtype=float) + c)
            return beta * expit(u) * expit(-u)

        label = rf"eq. (2), $m(-V)$, $a = {a:g}$"
        return NetworkActivation("eq2", label, (("a", a), ("b", b), ("Tc", Tc)), phi, dphi)
    theta = T_bath - b * Tc
    kw = dict(T_bath=T_bath, Tc=Tc, a=a, b=b)

    def spike(v):  # the signed spike-count integral, continued to v < 0
        return np.asarray(spike_activation(v, **kw))

    def dspike(v):  # dN/dV = m(T_bath - V): eq. (2) itself
        return np.asarray(paper_activation(T_bath - np.asarray(v, dtype=float), a=a, b=b, Tc=Tc))

    label = rf"spike count, $a = {a:g}$, $\theta = {theta:g}$"
    params = (("a", a), ("b", b), ("Tc", Tc), ("T_bath", T_bath))
    return NetworkActivation("spike", label, params, spike, dspike)


def _activation(act):
    if isinstance(act, NetworkActivation):
        return act
    if isinstance(act, str) and act in NETWORK_ACTIVATIONS:
        return network_activation(act)
    what = f"a NetworkActivation or one of {NETWORK_ACTIVATIONS}"
    if isinstance(act, str):
        raise ValueError(f"activation must be {what}, got {act!r}")
    raise TypeError(f"activation must be {what}, got {act!r:.80}")


_Z_MAX = 9.0  # |z| beyond which the standard normal density is < 3e-18


@functools.lru_cache(maxsize=16)
def _legendre_rule(n_panels, order=8):
    """Composite Gauss–Legendre nodes and N(0,1)-weights on [-_Z_MAX, _Z_MAX].

    An even number of equal panels puts z = 0 on a panel edge, so a kink of
    phi at V = 0 (ReLU) costs no accuracy.
    """
    g, w = np.polynomial.legendre.leggauss(order)
    edges = np.linspace(-_Z_MAX, _Z_MAX, n_panels + 1)
    h = edges[1] - edges[0]
    z = (edges[:-1, None] + 0.5 * h * (g[None, :] + 1.0)).ravel()
    wz = (0.5 * h * np.broadcast_to(w, (n_panels, order))).ravel()
    wz = wz * np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)
    return z, wz


@functools.lru_cache(maxsize=16)
def _hermite_rule(n):
    z, w = np.polynomial.hermite_e.hermegauss(n)
    return z, w / np.sqrt(2.0 * np.pi)


_METHODS = ("legendre", "hermite")
# Most quadrature nodes: 2**20 in one dimension, 4096 per dimension of the product rule.
_MAX_NODES = 2**20
_MAX_NODES_2D = 4096


def _rule(method, n):
    choice("method", method, _METHODS)
    if method == "hermite":
        n = positive_int("n", n, minimum=2)
        if n > 150:
            raise ValueError(f"n must be <= 150 for method='hermite' (weights underflow), got {n}")
        return _hermite_rule(n)
    n = positive_int("n", n, minimum=16, maximum=_MAX_NODES)
    if n % 16:
        raise ValueError(f"n must be a multiple of 16 for method='legendre', got {n}")
    return _legendre_rule(n // 8)


def _chunked(fn, size, n_nodes, budget=2_000_000):
    """Apply fn(slice) over index chunks so that chunk * n_nodes <= budget."""
    if size == 0:
        return np.empty(0)
    step = max(1, budget // max(n_nodes, 1))
    return np.concatenate([fn(slice(i, min(i + step, size))) for i in range(0, size, step)])


def _expectation_of(names, fn):
    """Evaluate a quadrature, refusing a non-finite result (NaN from a function, overflow)."""
    with np.errstate(all="ignore"):
        out = np.asarray(fn(), dtype=float)
    if not np.all(np.isfinite(out)):
        raise ValueError(
            f"{names} must keep the expectation finite: the function returned NaN or inf, "
            "or the variance is too large for it"
        )
    return out


def gaussian_expectation(f, q, *, method="legendre", n=3200):
    r"""``E_z[f(sqrt(q) z)]`` for ``z ~ N(0, 1)``, vectorised over the variance `q`.

    Parameters
    ----------
    f : callable
        Vectorised function of a real array.
    q : array_like
        Variances, ``q >= 0``; any shape.
    method : {"legendre", "hermite"}, optional
        ``"legendre"`` (default): composite Gauss–Legendre, 8 nodes on each of
        ``n/8`` equal panels of ``[-9, 9]``, weighted by the normal density.
        ``"hermite"``: Gauss–Hermite with `n` nodes (``n <= 150``).
    n : int, optional
        Number of nodes (a multiple of 16 for ``"legendre"``).

    Returns
    -------
    float or ndarray
        Same shape as `q`.

    Notes
    -----
    Gauss–Hermite is exact for polynomials but converges slowly when ``f`` is
    steep on the scale of ``sqrt(q)`` — e.g. eq. (2) with ``a = 6`` has poles
    ``pi/(2a)`` from the real axis, and for ``E[phi'^2]`` at ``q = 4`` even 150
    nodes are off by order 100 % — or has a kink. The composite rule resolves features down to
    ``~ 18 sqrt(q) / n``; with the default ``n`` it agrees with adaptive
    quadrature to 1e-9 (relative) for the activations of
    :func:`network_activation` at ``q <= 25``, 1e-7 at ``q = 40`` and 2e-5 at
    ``q = 100`` (the steep eq. (2)).

    Examples
    --------
    >>> round(gaussian_expectation(lambda v: v**2, 2.5), 12)
    2.5
    >>> round(gaussian_expectation(lambda v: np.maximum(v, 0.0) ** 2, 3.0), 12)
    1.5
    """
    function("f", f)
    q = nonnegative("q", q)
    z, w = _rule(method, n)
    flat = np.sqrt(q.ravel())
    out = _expectation_of(
        "f and q",
        lambda: _chunked(
            lambda s: np.asarray(f(flat[s, None] * z[None, :]), dtype=float) @ w,
            flat.size,
            z.size,
        ),
    )
    return scalar_or_array(out.reshape(q.shape))


def correlated_expectation(f, g, q1, q2, c, *, n=320):
    r"""``E[f(u1) g(u2)]`` for centred Gaussians with variances `q1`, `q2` and correlation `c`.

    Parameters
    ----------
    f, g : callable
        Vectorised functions.
    q1, q2 : array_like
        Variances, ``>= 0``.
    c : array_like
        Correlation coefficient, ``-1 <= c <= 1``. All three broadcast.
    n : int, optional
        Nodes per dimension of the product composite Gauss–Legendre rule
        (multiple of 16).

    Returns
    -------
    float or ndarray
        Broadcast shape.

    Notes
    -----
    ``u1 = sqrt(q1) z1``, ``u2 = sqrt(q2) (c z1 + sqrt(1 - c^2) z2)`` with
    independent standard normal ``z1, z2``. A kink of ``g`` (ReLU) runs
    obliquely across the panels of the product rule, which limits the
    accuracy to ~1e-7 at ``n = 320``; smooth functions converge much faster.

    Examples
    --------
    >>> relu = lambda v: np.maximum(v, 0.0)
    >>> c = 0.3  # arc-cosine kernel: (sin t + (pi - t) cos t) / (2 pi), t = arccos c
    >>> t = np.arccos(c)
    >>> bool(abs(correlated_expectation(relu, relu, 1.0, 1.0, c)
    ...          - (np.sin(t) + (np.pi - t) * c) / (2 * np.pi)) < 1e-6)
    True
    """
    function("f", f)
    function("g", g)
    q1 = nonnegative("q1", q1)
    q2 = nonnegative("q2", q2)
    c = as_float_array("c", c)
    if np.any(np.abs(c) > 1):
        raise ValueError(f"c must lie in [-1, 1], got {c!r}")
    q1, q2, c = broadcast(q1=q1, q2=q2, c=c)
    shape = q1.shape
    n = positive_int("n", n, minimum=16, maximum=_MAX_NODES_2D)
    z, w = _rule("legendre", n)
    W = np.outer(w, w)[None]
    s1, s2 = np.sqrt(q1.ravel()), np.sqrt(q2.ravel())
    cc = c.ravel()
    ss = np.sqrt(np.clip(1.0 - cc * cc, 0.0, None))
    z1, z2 = z[None, :, None], z[None, None, :]

    def chunk(sl):
        a = np.asarray(f(s1[sl, None, None] * z1), dtype=float)
        u2 = s2[sl, None, None] * (cc[sl, None, None] * z1 + ss[sl, None, None] * z2)
        return np.sum(a * np.asarray(g(u2), dtype=float) * W, axis=(1, 2))

    out = _expectation_of("f, g, q1 and q2", lambda: _chunked(chunk, cc.size, z.size**2))
    return scalar_or_array(out.reshape(shape))


def _sigmas(sigma_w, sigma_b):
    sw = nonnegative("sigma_w", sigma_w)
    sb = nonnegative("sigma_b", sigma_b)
    return broadcast(sigma_w=sw, sigma_b=sb)


def length_map(q, sigma_w, sigma_b, activation):
    r"""One layer of the length map, ``q' = sigma_w^2 E[phi(sqrt(q) z)^2] + sigma_b^2``.

    Parameters
    ----------
    q : array_like
        Pre-activation variance(s), ``>= 0``.
    sigma_w, sigma_b : array_like
        Weight and bias standard deviations, ``>= 0``; broadcast with `q`.
    activation : str or NetworkActivation

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> round(length_map(1.0, 2**0.5, 0.0, "relu"), 12)  # sigma_w^2 q / 2
    1.0
    """
    act = _activation(activation)
    sw, sb = _sigmas(sigma_w, sigma_b)
    q, sw, sb = broadcast(q=nonnegative("q", q), sigma_w=sw, sigma_b=sb)
    g = np.asarray(gaussian_expectation(lambda v: act.phi(v) ** 2, q))
    with np.errstate(over="ignore"):
        out = sw**2 * g + sb**2
    _finite_map("q, sigma_w and sigma_b", out)
    return scalar_or_array(out)


def _finite_map(names, *values):
    """A layer map of extreme arguments overflows: refuse it by name."""
    for v in values:
        if not np.all(np.isfinite(v)):
            raise ValueError(f"{names} must keep the map finite, got an overflow")


def slope_map(q, sigma_w, activation):
    r"""``chi(q) = sigma_w^2 E[phi'(sqrt(q) z)^2]``: mean squared gain of one layer's Jacobian.

    At the fixed point ``q = q*`` this is ``chi_1``, the slope of the
    correlation map at ``c = 1`` (Poole et al. 2016, eq. 7).

    Parameters
    ----------
    q : array_like
        Variance(s), ``>= 0``.
    sigma_w : array_like
        Weight standard deviation(s), ``>= 0``.
    activation : str or NetworkActivation

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> round(slope_map(0.0, 1.0, "tanh"), 12)  # tanh'(0)^2 = 1
    1.0
    """
    act = _activation(activation)
    q, sw = broadcast(q=nonnegative("q", q), sigma_w=nonnegative("sigma_w", sigma_w))
    g1 = np.asarray(gaussian_expectation(lambda v: act.dphi(v) ** 2, q))
    with np.errstate(over="ignore"):
        out = sw**2 * g1
    _finite_map("q and sigma_w", out)
    return scalar_or_array(out)


def correlation_map(c, q, sigma_w, sigma_b, activation, *, n=320):
    r"""One layer of the correlation map for two inputs of equal length `q`.

    .. math:: c' = \frac{\sigma_w^2\,E[\phi(u_1)\phi(u_2)] + \sigma_b^2}
                        {\sigma_w^2\,E[\phi(u_1)^2] + \sigma_b^2},

    ``u1, u2`` centred Gaussians of variance `q` and correlation `c`.

    Parameters
    ----------
    c : array_like
        Correlation of the pre-activations of the two inputs, ``[-1, 1]``.
    q : array_like
        Their common length (variance), ``> 0``.
    sigma_w, sigma_b : array_like
        ``>= 0``; everything broadcasts.
    activation : str or NetworkActivation
    n : int, optional
        Nodes per dimension (see :func:`correlated_expectation`).

    Returns
    -------
    float or ndarray
        The correlation of the next layer's pre-activations.

    Notes
    -----
    ``c`` is the cosine similarity of the pre-activation vectors, means
    included. For an activation that is not odd (ReLU, eq. (2), the spike
    count) the mean of ``phi`` enters ``E[phi(u1) phi(u2)]`` like a bias:
    ``c' >= (sigma_w^2 E[phi]^2 + sigma_b^2) / q' > 0``, so two inputs never
    decorrelate completely, even at ``sigma_b = 0``.

    Examples
    --------
    >>> round(correlation_map(1.0, 0.7, 1.5, 0.1, "tanh"), 12)
    1.0
    """
    act = _activation(activation)
    sw, sb = _sigmas(sigma_w, sigma_b)
    c, q, sw, sb = broadcast(
        c=as_float_array("c", c), q=nonnegative("q", q), sigma_w=sw, sigma_b=sb
    )
    if np.any(q <= 0):
        raise ValueError(f"q must be > 0, got {q!r}")
    num = correlated_expectation(act.phi, act.phi, q, q, c, n=n)
    den = np.asarray(gaussian_expectation(lambda v: act.phi(v) ** 2, q))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        out = (sw**2 * num + sb**2) / (sw**2 * den + sb**2)
    _finite_map("c, q, sigma_w and sigma_b", out)
    return scalar_or_array(out)


# ---------------------------------------------------------------------------
# Fixed point of the length map, by iteration on a tabulated E[phi^2]
# ---------------------------------------------------------------------------
_S_GRID = np.concatenate([np.linspace(0.0, 2.0, 201), np.geomspace(2.0, 100.0, 300)[1:]])


@functools.lru_cache(maxsize=16)
def _tables(act):
    """Cubic splines in s = sqrt(q) of E[phi^2] and E[phi'^2] on 0 <= q <= 1e4.

    The value at s = 0 is the limit s -> 0+ (for ReLU, E[step^2] = 1/2, not step(0)^2).
    """
    q = np.maximum(_S_GRID, 1e-12) ** 2
    g = np.asarray(gaussian_expectation(lambda v: act.phi(v) ** 2, q))
    g1 = np.asarray(gaussian_expectation(lambda v: act.dphi(v) ** 2, q))
    # both are even functions of s: clamp the slope at s = 0
    bc = ((1, 0.0), "not-a-knot")
    return CubicSpline(_S_GRID, g, bc_type=bc), CubicSpline(_S_GRID, g1, bc_type=bc)


@dataclass(frozen=True)
class FixedPoint:
    """Fixed point of the length map reached from ``q0`` (result of :func:`fixed_point`)."""

    q: np.ndarray  # q*, nan where the length diverges; broadcast shape of the sigmas
    chi1: np.ndarray  # sigma_w^2 E[phi'(sqrt(q*) z)^2]; nan where the length diverges
    diverged: np.ndarray  # True where q grows past q_max (unbounded phi, no fixed point)
    converged: np.ndarray  # True where |q_{n+1} - q_n| <= tol (1 + q_n) was reached


def fixed_point(activation, sigma_w, sigma_b, *, q0=1.0, max_iter=3000, tol=1e-12, q_max=1e4):
    r"""Fixed point ``q*`` of the length map and ``chi_1``, vectorised over ``(sigma_w, sigma_b)``.

    Parameters
    ----------
    activation : str or NetworkActivation
    sigma_w, sigma_b : array_like
        ``>= 0``; broadcast together (e.g. a meshgrid for a phase diagram).
    q0 : float, optional
        Starting length, ``>= 0`` (the inputs' ``|x|^2/N``). Matters only where
        the map has several stable fixed points (the spike count's threshold
        makes a silent network, ``q* ~ 0``, stable next to an active one).
    max_iter : int, optional
        Iterations, ``>= 1``.
    tol : float, optional
        Convergence criterion ``|q_{n+1} - q_n| <= tol (1 + q_n)``.
    q_max : float, optional
        Lengths beyond this are declared divergent, ``0 < q_max <= 1e4``.

    Returns
    -------
    FixedPoint

    Notes
    -----
    The map ``q -> sigma_w^2 E[phi(sqrt q z)^2] + sigma_b^2`` is iterated from
    `q0` exactly as a deep network iterates it layer by layer. ``E[phi^2]``
    and ``E[phi'^2]`` are computed once per activation by
    :func:`gaussian_expectation` on 500 values of ``sqrt q`` in ``[0, 100]``
    and interpolated by cubic splines (absolute error < 1e-6). Iteration
    converges geometrically except near a transition, where it slows down;
    points still moving after `max_iter` are flagged in ``converged``.

    Examples
    --------
    >>> fp = fixed_point("relu", 1.0, 0.5)  # q* = sigma_b^2 / (1 - sigma_w^2 / 2)
    >>> round(float(fp.q), 9), round(float(fp.chi1), 9)
    (0.5, 0.5)
    >>> bool(fixed_point("relu", 1.5, 0.5).diverged)
    True
    """
    act = _activation(activation)
    sw, sb = _sigmas(sigma_w, sigma_b)
    q0 = nonnegative_scalar("q0", q0)
    max_iter = positive_int("max_iter", max_iter, maximum=10**7)
    tol = positive_scalar("tol", tol)
    q_max = positive_scalar("q_max", q_max)
    if q_max > _S_GRID[-1] ** 2:
        raise ValueError(f"q_max must be <= {_S_GRID[-1] ** 2:g}, got {q_max}")
    if sw.size * max_iter > 10**9:
        raise ValueError(
            f"max_iter must keep the work within 1e9 point-iterations ({sw.size} points), "
            f"got {max_iter}"
        )
    g, g1 = _tables(act)
    # sigma**2 = inf (sigma > 1.3e154): the length leaves q_max at the first step, diverged
    with np.errstate(over="ignore"):
        w2, b2 = (sw**2).ravel(), (sb**2).ravel()
    q = np.full(w2.shape, min(q0, q_max))
    active = np.ones(q.shape, dtype=bool)
    converged = np.zeros(q.shape, dtype=bool)
    diverged = np.zeros(q.shape, dtype=bool)
    for _ in range(max_iter):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        with np.errstate(over="ignore", invalid="ignore"):  # inf (or inf * 0) is > q_max
            qn = w2[idx] * g(np.sqrt(q[idx])) + b2[idx]
            qn = np.where(np.isnan(qn), np.inf, np.maximum(qn, 0.0))
            big = qn > q_max
            done = np.abs(qn - q[idx]) <= tol * (1.0 + q[idx])
        q[idx] = np.where(big, q_max, qn)
        diverged[idx[big]] = True
        converged[idx[done & ~big]] = True
        active[idx[big | done]] = False
    qs = np.where(diverged, np.nan, q)
    with np.errstate(over="ignore", invalid="ignore"):
        chi1 = np.where(diverged, np.nan, w2 * g1(np.sqrt(np.where(diverged, 0.0, q))))
    qs, chi1 = qs.astype(float), chi1.astype(float)
    shape = sw.shape
    return FixedPoint(
        qs.reshape(shape), chi1.reshape(shape), diverged.reshape(shape), converged.reshape(shape)
    )


def order_chaos_boundary(activation, *, q=None):
    r"""The line ``chi_1 = 1`` in the ``(sigma_b, sigma_w)`` plane, parametrised by ``q*``.

    Parameters
    ----------
    activation : str or NetworkActivation
    q : array_like, optional
        Fixed-point lengths to use as the parameter, ``0 <= q <= 1e4``
        (default: 4001 values of ``sqrt q`` on ``[0, 10]``).

    Returns
    -------
    sigma_b, sigma_w, q : ndarray
        Points of the boundary, restricted to ``sigma_b^2 >= 0`` and to
        fixed points that are stable under the length map. A ``sigma_b^2`` within
        ``1e-12 max(1, q)`` of zero is rounding noise and returned as exactly 0
        (ReLU's boundary is ``sigma_b = 0`` exactly, on every machine).

    Notes
    -----
    On the boundary ``q*`` and ``(sigma_w, sigma_b)`` determine each other in
    closed form: ``chi_1 = 1`` gives ``sigma_w^2 = 1 / E[phi'(sqrt q z)^2]``,
    and the fixed-point equation then gives ``sigma_b^2 = q - sigma_w^2
    E[phi(sqrt q z)^2]`` (Poole et al. 2016). The fixed point is stable when
    ``sigma_w^2 d/dq E[phi^2] < 1``. For ReLU ``E[phi'^2] = 1/2`` and
    ``E[phi^2] = q/2``, so the boundary collapses to the single point
    ``(sigma_b, sigma_w) = (0, sqrt 2)``.

    Examples
    --------
    >>> sb, sw, q = order_chaos_boundary("tanh", q=[0.0])
    >>> round(float(sb[0]), 12), round(float(sw[0]), 12)
    (0.0, 1.0)
    """
    act = _activation(activation)
    s = np.linspace(0.0, 10.0, 4001) if q is None else np.sqrt(np.atleast_1d(nonnegative("q", q)))
    if np.any(s > _S_GRID[-1]):
        raise ValueError(f"q must be <= 1e4, got {np.max(s) ** 2:.3g}")
    g, g1 = _tables(act)
    with np.errstate(divide="ignore", invalid="ignore"):
        sw2 = 1.0 / g1(s)
        sb2 = s**2 - sw2 * g(s)
    # d/dq E[phi^2] = g'(s) / (2 s), continuous at s = 0 (g is even in s)
    s_safe = np.maximum(s, 5e-3)
    dg = g(s_safe, 1) / (2.0 * s_safe)
    # sigma_b^2 is a difference of two numbers of size q: within 1e-12 max(1, q) of zero it is
    # rounding noise of either sign, whose square root (~1e-7) would differ between machines.
    noise = np.abs(sb2) <= 1e-12 * np.maximum(1.0, s**2)
    sb2 = np.where(noise, 0.0, sb2)
    ok = np.isfinite(sw2) & (sb2 >= 0.0) & (sw2 * dg < 1.0 + 1e-4)
    return np.sqrt(sb2[ok]), np.sqrt(sw2[ok]), s[ok] ** 2


@dataclass(frozen=True)
class MeanFieldTrajectory:
    """Layer-by-layer mean-field prediction (result of :func:`mean_field_propagation`)."""

    q: np.ndarray  # (depth + 1, K) length of both inputs' pre-activations
    c: np.ndarray  # (depth + 1, K) their correlation
    chi: np.ndarray  # (depth, K) sigma_w^2 E[phi'(sqrt(q^{l-1}) z)^2], gain of layer l


def _points(activation, sigma_w, sigma_b):
    sw, sb = _sigmas(sigma_w, sigma_b)
    sw, sb = np.atleast_1d(sw).ravel(), np.atleast_1d(sb).ravel()
    if isinstance(activation, (str, NetworkActivation)):
        acts = [_activation(activation)] * sw.size
    else:
        if not np.iterable(activation) or isinstance(activation, (bytes, dict)):
            raise TypeError(
                f"activation must be a name, a NetworkActivation or a sequence of them, "
                f"got {activation!r:.80}"
            )
        acts = [_activation(a) for a in activation]
        if not acts:
            raise ValueError("activation must name at least one activation, got an empty sequence")
        if len(acts) == 1:
            acts = acts * sw.size
        if sw.size == 1 and len(acts) > 1:
            sw, sb = np.repeat(sw, len(acts)), np.repeat(sb, len(acts))
        if len(acts) != sw.size:
            raise ValueError(f"activation must be one name or {sw.size} of them, got {len(acts)}")
    return acts, sw, sb


def mean_field_propagation(activation, sigma_w, sigma_b, *, depth, q0=1.0, c0=0.5, n=320):
    r"""Iterate the length and correlation maps through `depth` layers.

    Parameters
    ----------
    activation : str, NetworkActivation or sequence of them
        One activation for all points, or one per point.
    sigma_w, sigma_b : array_like, shape (K,) or scalars
        ``>= 0``; broadcast together.
    depth : int
        Number of layers, ``>= 1``.
    q0 : float, optional
        Length ``|h^0|^2/N`` of both inputs, ``> 0``.
    c0 : float or None, optional
        Their initial correlation, ``[-1, 1]``; ``None`` skips the (costlier)
        correlation map and leaves ``c`` as nan.
    n : int, optional
        Nodes per dimension for the correlation map.

    Returns
    -------
    MeanFieldTrajectory
        Arrays with one column per point.

    Examples
    --------
    >>> tr = mean_field_propagation("tanh", [0.5, 3.0], 0.3, depth=30, c0=0.5)
    >>> tr.c[-1].round(3).tolist()  # ordered: c -> 1; chaotic: c -> c* < 1
    [1.0, 0.069]
    """
    acts, sw, sb = _points(activation, sigma_w, sigma_b)
    depth = positive_int("depth", depth, maximum=10**6)
    q0 = positive_scalar("q0", q0)
    with_c = c0 is not None
    c0 = finite_scalar("c0", c0) if with_c else np.nan
    if abs(c0) > 1:
        raise ValueError(f"c0 must lie in [-1, 1], got {c0}")
    n = positive_int("n", n, minimum=16, maximum=_MAX_NODES_2D)
    K = sw.size
    work = depth * K * (2 * 3200 + (n * n if with_c else 0))
    if work > 10**11:
        raise ValueError(
            f"depth, n and the number of points must keep the work within 1e11 node "
            f"evaluations, got depth={depth}, n={n}, {K} points"
        )
    q = np.empty((depth + 1, K))
    c = np.full((depth + 1, K), np.nan)
    chi = np.empty((depth, K))
    q[0], c[0] = q0, c0
    groups = {}
    for k, a in enumerate(acts):
        groups.setdefault(a, []).append(k)
    for act, idx in groups.items():
        idx = np.array(idx)
        for layer in range(depth):
            qi, ci = q[layer, idx], c[layer, idx]
            g = np.asarray(gaussian_expectation(lambda v, f=act.phi: f(v) ** 2, qi))
            g1 = np.asarray(gaussian_expectation(lambda v, f=act.dphi: f(v) ** 2, qi))
            with np.errstate(over="ignore"):
                qn = sw[idx] ** 2 * g + sb[idx] ** 2
            _finite_map("q0, sigma_w and sigma_b", qn)
            q[layer + 1, idx] = qn
            if with_c:
                g12 = correlated_expectation(act.phi, act.phi, qi, qi, np.clip(ci, -1, 1), n=n)
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    c[layer + 1, idx] = (sw[idx] ** 2 * np.asarray(g12) + sb[idx] ** 2) / qn
            with np.errstate(over="ignore"):
                chi[layer, idx] = sw[idx] ** 2 * g1
            _finite_map("q0, sigma_w and sigma_b", chi[layer, idx], q[layer + 1, idx])
            if with_c:
                _finite_map("q0, sigma_w and sigma_b", c[layer + 1, idx])
    return MeanFieldTrajectory(q, c, chi)


@dataclass(frozen=True)
class NetworkSimulation:
    """Measurements in finite random networks (result of :func:`simulate_network`)."""

    width: int  # N
    q: np.ndarray  # (depth + 1, K) |h_a^l|^2 / N for the first input
    c: np.ndarray  # (depth + 1, K) cosine similarity of h_a^l and h_b^l
    growth: np.ndarray  # (depth, K) |J^l u|^2 / |u|^2 for a tangent vector u


def simulate_network(
    activation, sigma_w, sigma_b, *, width=1000, depth=50, q0=1.0, c0=0.5, rng=None
):
    r"""Propagate two inputs and a tangent vector through random deep networks.

    Parameters
    ----------
    activation : str, NetworkActivation or sequence of them
        One activation for all points, or one per point.
    sigma_w, sigma_b : array_like, shape (K,) or scalars
        ``>= 0``, broadcast together: one network per point.
    width : int, optional
        Neurones per layer ``N``, ``>= 2``.
    depth : int, optional
        Layers, ``>= 1``.
    q0, c0 : float, optional
        The inputs are ``h_a^0, h_b^0`` with ``|h|^2/N = q0`` and cosine
        similarity ``c0`` exactly.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    NetworkSimulation

    Notes
    -----
    Layer ``l`` computes ``h^l = W^l phi(h^{l-1}) + b^l`` with
    ``W^l = sigma_w Z^l / sqrt N``, ``b^l = sigma_b xi^l`` and standard normal
    ``Z^l, xi^l``. The same ``Z^l, xi^l`` serve every point (common random
    numbers: the networks differ only by their scales and activation, which
    makes comparisons between points less noisy and costs one ``N x N`` draw
    per layer). A tangent vector ``u`` follows the Jacobian,
    ``u^l = W^l (phi'(h_a^{l-1}) * u^{l-1})``, and is renormalised each layer;
    its squared growth estimates the layer's mean squared singular value,
    which mean-field theory predicts to be ``chi(q^{l-1})``.

    Examples
    --------
    >>> sim = simulate_network("tanh", [0.5, 3.0], 0.3, width=200, depth=20, rng=0)
    >>> sim.c.shape, bool(sim.c[-1, 0] > 0.999), bool(abs(sim.c[-1, 1]) < 0.3)
    ((21, 2), True, True)
    """
    acts, sw, sb = _points(activation, sigma_w, sigma_b)
    N = positive_int("width", width, minimum=2, maximum=2**14)  # an N x N draw per layer
    depth = positive_int("depth", depth, maximum=10**6)
    q0 = positive_scalar("q0", q0)
    c0 = finite_scalar("c0", c0)
    if abs(c0) > 1:
        raise ValueError(f"c0 must lie in [-1, 1], got {c0}")
    if N * 3 * sw.size > MAX_ELEMENTS:
        raise ValueError(f"width must keep each layer within {MAX_ELEMENTS} values, got {N}")
    if depth * N * N * (1 + 3 * sw.size) > 10**12:
        raise ValueError(
            f"width and depth must keep the work within 1e12 operations, got width={N}, "
            f"depth={depth}, {sw.size} points"
        )
    rng = generator(rng)
    K = sw.size
    basis, _ = np.linalg.qr(rng.standard_normal((N, 3)))
    e1, e2, e3 = basis.T * np.sqrt(N)
    ha = np.repeat((np.sqrt(q0) * e1)[:, None], K, axis=1)
    hb = np.repeat((np.sqrt(q0) * (c0 * e1 + np.sqrt(1.0 - c0 * c0) * e2))[:, None], K, axis=1)
    u = np.repeat(e3[:, None], K, axis=1)
    q = np.empty((depth + 1, K))
    c = np.empty((depth + 1, K))
    growth = np.empty((depth, K))

    def record(layer):
        na, nb = np.sum(ha * ha, axis=0), np.sum(hb * hb, axis=0)
        q[layer] = na / N
        c[layer] = np.sum(ha * hb, axis=0) / np.sqrt(na * nb)

    # extreme scales overflow to inf or NaN, which the check below refuses
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        record(0)
        groups = {}
        for k, a in enumerate(acts):
            groups.setdefault(a, []).append(k)
        groups = [(a, np.array(i)) for a, i in groups.items()]
        X = np.empty((N, 3 * K))
        for layer in range(depth):
            for act, idx in groups:
                X[:, idx] = act.phi(ha[:, idx])
                X[:, K + idx] = act.phi(hb[:, idx])
                X[:, 2 * K + idx] = act.dphi(ha[:, idx]) * u[:, idx]
            Z = rng.standard_normal((N, N))
            xi = rng.standard_normal(N)
            Y = (Z @ X) / np.sqrt(N)
            ha = sw * Y[:, :K] + sb * xi[:, None]
            hb = sw * Y[:, K : 2 * K] + sb * xi[:, None]
            un = sw * Y[:, 2 * K :]
            norm2 = np.sum(un * un, axis=0)
            growth[layer] = norm2 / N
            u = un * np.sqrt(N / np.where(norm2 > 0, norm2, 1.0))
            record(layer + 1)
    _finite_map("q0, sigma_w and sigma_b", q, c, growth)
    return NetworkSimulation(N, q, c, growth)


def layer_average(x, *, skip=10):
    """Mean over layers ``skip..`` of a per-layer quantity, with its standard error.

    Parameters
    ----------
    x : array_like, shape (depth, K)
        E.g. :attr:`NetworkSimulation.growth` or :attr:`MeanFieldTrajectory.chi`.
    skip : int, optional
        Leading layers dropped (the transient of ``q^l``), ``0 <= skip <= depth - 2``.

    Returns
    -------
    mean, error : ndarray, shape (K,)
        Arithmetic mean and ``std / sqrt(n)`` (each layer draws fresh weights,
        so successive layers are nearly independent). The arithmetic, not the
        geometric, mean estimates ``E |J u|^2 / |u|^2``, which is what
        mean-field theory predicts.

    Examples
    --------
    >>> mean, err = layer_average(np.array([[1.0], [3.0], [5.0]]), skip=1)
    >>> mean.tolist(), err.round(6).tolist()
    ([4.0], [1.0])
    """
    x = as_float_array("x", x)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] < 2:
        raise ValueError(f"x must have shape (depth, K) with depth >= 2, got {x.shape}")
    skip = positive_int("skip", skip, minimum=0)
    if skip > x.shape[0] - 2:
        raise ValueError(
            f"skip must be <= depth - 2 = {x.shape[0] - 2} for x (shape {x.shape}), got {skip}"
        )
    y = x[skip:]
    with np.errstate(over="ignore", invalid="ignore"):
        mean, err = y.mean(axis=0), y.std(axis=0, ddof=1) / np.sqrt(y.shape[0])
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(err))):  # scale-free: rescale
        scale = float(np.max(np.abs(y))) if y.size else 1.0
        mean = (y / scale).mean(axis=0) * scale
        err = (y / scale).std(axis=0, ddof=1) / np.sqrt(y.shape[0]) * scale
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(err))):
        raise ValueError("x must have a finite mean and spread over layers, got an overflow")
    return mean, err
