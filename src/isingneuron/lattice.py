r"""Monte Carlo simulation of the square-lattice Ising model, and honest error bars.

The model is the ferromagnet on an ``L x L`` torus (periodic boundaries) with
``J = k_B = 1``,

.. math:: H = -\sum_{\langle ij \rangle} s_i s_j - h \sum_i s_i, \qquad s_i = \pm 1 .

Three Markov chains are offered: single-spin Metropolis and Glauber heat-bath
updates in checkerboard order, and Wolff single-cluster updates (``h = 0``).
The hot loops are numba kernels compiled once and cached on disk; the Python
layer validates the input and turns a NumPy ``Generator`` into integer seeds, so
the same seed always gives bit-identical results and nothing is seeded globally.

The statistics helpers estimate means with error bars that account for the
autocorrelation of successive sweeps (Sokal's automatic windowing), and derived
quantities (susceptibility, specific heat, Binder cumulant) with a jackknife
over blocks.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field

import numpy as np
from numba import njit
from scipy.special import expit

from ._blas import one_blas_thread
from ._validation import (
    as_float_array,
    broadcast,
    choice,
    finite_scalar,
    generator,
    nonnegative,
    positive_int,
    positive_scalar,
)

__all__ = [
    "ALGORITHMS",
    "Comparison",
    "compare_to_exact",
    "Estimate",
    "Simulation",
    "autocorrelation_time",
    "binder_cumulant",
    "blocking_error",
    "mean_and_error",
    "run_schedule",
    "Scan",
    "scan_sizes",
    "scan_temperatures",
    "Trajectory",
    "simulate",
    "specific_heat_from_energy",
    "susceptibility_from_magnetization",
    "sweep",
]

#: Names accepted by the ``algorithm`` argument of :func:`sweep` and :func:`simulate`.
ALGORITHMS = ("metropolis", "heatbath", "wolff")
_STARTS = ("random", "up", "down")
_KIND = {"metropolis": 0, "heatbath": 1}

# ---------------------------------------------------------------------------
# Counter-based random numbers: SplitMix64 (Steele, Lea & Flood 2014).
# Output number n of the generator with state `seed` is mix(seed + n * GAMMA),
# a pure function of (seed, n); the local kernels use n = a unique counter of
# (sweep, colour, row, column), so the inner loop has no generator state.
# ---------------------------------------------------------------------------
_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SH27 = np.uint64(27)
_SH30 = np.uint64(30)
_SH31 = np.uint64(31)
_SH33 = np.uint64(33)
# A uniform draw is the top 31 bits of a word, u in [0, 2**31), and "u < round(p * 2**31)"
# happens with probability p to within 2**-32; 31 bits keep u and the thresholds (up to
# 2**31 for p = 1) in uint32, so the vectorised compare-and-select runs on narrow lanes.
_SCALE = 2.0**31
# Spin updates per kernel call (about 0.1 s): long runs are split so that an interrupt ends them.
_CHUNK_WORK = 2**26
# Limits checked before anything is allocated or looped. The random-number counter of a local
# sweep is ``(2 t + c) L^2 / 2`` plus the site, so sweeps times spins must stay below 2**62 (at
# 1 ns per update, a century); a recorded series costs 16 bytes per sweep (limit 4 GiB).
_MAX_UPDATES = 2**62
_MAX_RECORDED = 2**28
# |h| beyond 4 already aligns every spin at T = 0; beyond this the energy would overflow.
_MAX_FIELD = 1e6
_MAX_L = 2**14  # 268 MB of spins, and as much again for the colour arrays


@njit(inline="always")
def _mix(z):
    """SplitMix64 finaliser: a bijective 64-bit hash."""
    z = (z ^ (z >> _SH30)) * _MIX1
    z = (z ^ (z >> _SH27)) * _MIX2
    return z ^ (z >> _SH31)


@njit(inline="always")
def _pick(nb, t):
    """Threshold for neighbour sum ``nb`` in (-4, -2, 0, 2, 4) from the 5-tuple `t`.

    A chain of selects rather than a table lookup: a gather from memory keeps
    LLVM from vectorising the loop (it cannot rule out aliasing with the store).
    """
    if nb == -4:
        return t[0]
    if nb == -2:
        return t[1]
    if nb == 0:
        return t[2]
    return t[3] if nb == 2 else t[4]


@njit(inline="always")
def _uniform31(key):
    """Uniform integer in [0, 2**31) from a SplitMix64 key (its top 31 bits)."""
    return np.uint32(_mix(key) >> _SH33)


@njit(inline="always")
def _span(kind, a, bu, bd, bc, bs, tm, tp, base):
    """Update the spins `a` of one colour, given their four neighbours of the other colour.

    ``bu, bd`` are the rows above and below, ``bc`` the same-row neighbour with the
    same column index and ``bs`` the one shifted by one column.  Site ``k`` uses the
    random word of key ``base + k * GAMMA``.  Branch-free (the conditional expressions
    compile to selects), so LLVM vectorises it; the neighbour sum is kept in int8
    (``|nb| <= 4``) for narrow SIMD lanes.
    """
    n = a.shape[0]
    if kind == 0:  # Metropolis: flip with probability min(1, exp(-dE / T))
        for k in range(n):
            s = a[k]
            nb = np.int8(np.int8(bu[k] + bd[k]) + np.int8(bc[k] + bs[k]))
            t = _pick(nb, tp) if s > 0 else _pick(nb, tm)
            a[k] = -s if _uniform31(base + _GAMMA * np.uint64(k)) < t else s
    else:  # heat bath: s = +1 with probability expit(2 (nb + h) / T)
        for k in range(n):
            nb = np.int8(np.int8(bu[k] + bd[k]) + np.int8(bc[k] + bs[k]))
            a[k] = 1 if _uniform31(base + _GAMMA * np.uint64(k)) < _pick(nb, tp) else -1


@njit(inline="always")
def _row_geometry(i, c, W):
    """Same-row neighbour pattern of colour `c` in row `i` of the colour layout.

    Returns ``(lo, sh, ke, kw)``: the ``W - 1`` sites ``k = lo .. lo + W - 2`` have
    their second same-row neighbour at ``k + sh`` (no wrap-around); the remaining
    site ``ke`` has it at ``kw`` (wrapped round the torus).
    """
    if ((i + c) & 1) == 0:  # neighbours k and k - 1
        return 1, -1, 0, W - 1
    return 0, 1, W - 1, 0  # neighbours k and k + 1


@njit(inline="always")
def _bond_span(a, bu, bd, bc, bs):
    """Sum of ``s * (sum of its 4 neighbours)`` over a span, and the sum of `a` and `bc`."""
    bonds = 0
    total = 0
    for k in range(a.shape[0]):
        nb = np.int64(bu[k]) + np.int64(bd[k]) + np.int64(bc[k]) + np.int64(bs[k])
        bonds += np.int64(a[k]) * nb
        total += np.int64(a[k]) + np.int64(bc[k])
    return bonds, total


@njit(cache=True)
def _bonds_and_sum(black, white):
    """Return (sum over bonds of s_i s_j, sum of spins) of a lattice in colour layout.

    Every bond has exactly one black end, so the bond sum is the sum over black
    sites of ``s * (sum of its four white neighbours)``.
    """
    L, W = black.shape
    bonds = 0
    total = 0
    for i in range(L):
        a = black[i]
        bu = white[i - 1 if i > 0 else L - 1]
        bd = white[i + 1 if i < L - 1 else 0]
        bc = white[i]
        lo, sh, ke, kw = _row_geometry(i, 0, W)
        bulk, shifted = slice(lo, lo + W - 1), slice(lo + sh, lo + sh + W - 1)
        edge, wrapped = slice(ke, ke + 1), slice(kw, kw + 1)
        b1, t1 = _bond_span(a[bulk], bu[bulk], bd[bulk], bc[bulk], bc[shifted])
        b2, t2 = _bond_span(a[edge], bu[edge], bd[edge], bc[edge], bc[wrapped])
        bonds += b1 + b2
        total += t1 + t2
    return bonds, total


@njit(cache=True)
def _local_kernel(black, white, thr, kind, seed, n_burn, t0, t1, h, e_out, m_out):
    """Run checkerboard sweeps ``t0 <= t < t1``; record e and m after sweeps ``t >= n_burn``.

    Sweep ``t`` draws its random numbers from counters that depend on `t` alone, so a run
    split into chunks ``[0, t1), [t1, t2), ...`` is bit-identical to one call.

    Colour layout: ``black[i, k] = spins[i, 2k + i % 2]``, ``white[i, k] =
    spins[i, 2k + 1 - i % 2]``.  A site of colour ``c`` in row ``i`` has its
    neighbours of the other colour at ``(i -+ 1, k)``, ``(i, k)`` and
    ``(i, k -+ 1)``, minus if ``i + c`` is even (mod L/2; see `_row_geometry`).
    """
    L, W = black.shape
    n_sites = 2 * L * W
    tm = (thr[0, 0], thr[0, 1], thr[0, 2], thr[0, 3], thr[0, 4])
    tp = (thr[1, 0], thr[1, 1], thr[1, 2], thr[1, 3], thr[1, 4])
    for t in range(t0, t1):
        for c in range(2):
            A = black if c == 0 else white
            B = white if c == 0 else black
            for i in range(L):
                a = A[i]
                bu = B[i - 1 if i > 0 else L - 1]
                bd = B[i + 1 if i < L - 1 else 0]
                bc = B[i]
                # site k uses SplitMix64 output number row0 + k + 1 (unique per sweep and site)
                row0 = np.uint64(seed) + _GAMMA * np.uint64(((2 * t + c) * L + i) * W + 1)
                lo, sh, ke, kw = _row_geometry(i, c, W)
                bulk, shifted = slice(lo, lo + W - 1), slice(lo + sh, lo + sh + W - 1)
                edge, wrapped = slice(ke, ke + 1), slice(kw, kw + 1)
                r = row0 + _GAMMA * np.uint64(lo)
                _span(kind, a[bulk], bu[bulk], bd[bulk], bc[bulk], bc[shifted], tm, tp, r)
                r = row0 + _GAMMA * np.uint64(ke)
                _span(kind, a[edge], bu[edge], bd[edge], bc[edge], bc[wrapped], tm, tp, r)
        if t >= n_burn:
            bonds, total = _bonds_and_sum(black, white)
            e_out[t - n_burn] = (-bonds - h * total) / n_sites
            m_out[t - n_burn] = total / n_sites


@njit(cache=True)
def _wolff_kernel(spins, thr_add, state_io, n_burn, t0, t1, clusters_per_sweep, e_out, m_out):
    """Run Wolff cluster flips on the C-contiguous ``L x L`` array `spins` (h = 0).

    Sweeps ``t0 <= t < t1`` of ``clusters_per_sweep`` clusters each; e and m are
    recorded after each sweep ``t >= n_burn``.  Returns the number of flipped
    spins.  Random numbers come from a SplitMix64 stream whose state is read from and
    written back to ``state_io[0]``, so a run split into chunks is bit-identical to one
    call (the bond sum and magnetisation are recomputed exactly from `spins` at entry).
    While a cluster grows its members hold the value 0, which marks them (they
    are neither aligned with the cluster spin nor counted in neighbour sums);
    once it is complete they are set to the flipped value.
    """
    L = spins.shape[0]
    n_sites = L * L
    qi = np.empty(n_sites + 4, np.int32)  # the cluster's sites, in order of addition
    qj = np.empty(n_sites + 4, np.int32)  # (+4: a candidate is written before it is kept)
    state = state_io[0]
    bonds = 0
    total = 0
    for i in range(L):
        for j in range(L):
            s = np.int64(spins[i, j])
            bonds += s * (np.int64(spins[i, (j + 1) % L]) + np.int64(spins[(i + 1) % L, j]))
            total += s
    flipped = 0
    for t in range(t0, t1):
        for _ in range(clusters_per_sweep):
            state += _GAMMA
            x0 = np.int64(_mix(state) % np.uint64(n_sites))
            qi[0], qj[0] = x0 // L, x0 % L
            s = spins[qi[0], qj[0]]
            spins[qi[0], qj[0]] = 0
            size = 1
            head = 0
            while head < size:  # breadth-first growth
                i, j = np.int64(qi[head]), np.int64(qj[head])
                head += 1
                up, down = (i - 1 if i > 0 else L - 1), (i + 1 if i < L - 1 else 0)
                left, right = (j - 1 if j > 0 else L - 1), (j + 1 if j < L - 1 else 0)
                for y in ((up, j), (down, j), (i, left), (i, right)):
                    # join if aligned and not yet a member, and the bond is activated;
                    # written without branches (they would be unpredictable)
                    state += _GAMMA
                    join = (spins[y] == s) & (_uniform31(state) < thr_add)
                    spins[y] = 0 if join else spins[y]
                    qi[size], qj[size] = y
                    size += np.int64(join)
            # members read as 0, so this sums s_y over bonds leaving the cluster;
            # flipping the cluster changes each such bond s * s_y into -s * s_y
            boundary = 0
            for q in range(size):
                i, j = np.int64(qi[q]), np.int64(qj[q])
                up, down = (i - 1 if i > 0 else L - 1), (i + 1 if i < L - 1 else 0)
                left, right = (j - 1 if j > 0 else L - 1), (j + 1 if j < L - 1 else 0)
                boundary += np.int64(spins[up, j]) + np.int64(spins[down, j])
                boundary += np.int64(spins[i, left]) + np.int64(spins[i, right])
            for q in range(size):
                spins[qi[q], qj[q]] = -s
            bonds -= 2 * np.int64(s) * boundary
            total -= 2 * np.int64(s) * size
            flipped += size
        if t >= n_burn:
            e_out[t - n_burn] = -bonds / n_sites
            m_out[t - n_burn] = total / n_sites
    state_io[0] = state
    return flipped


# ---------------------------------------------------------------------------
# Layout conversion and thresholds
# ---------------------------------------------------------------------------
def _to_colours(spins):
    """Split an ``L x L`` array into the (black, white) ``L x L/2`` colour arrays."""
    L = spins.shape[0]
    black = np.empty((L, L // 2), np.int8)
    white = np.empty((L, L // 2), np.int8)
    black[0::2] = spins[0::2, 0::2]
    black[1::2] = spins[1::2, 1::2]
    white[0::2] = spins[0::2, 1::2]
    white[1::2] = spins[1::2, 0::2]
    return black, white


def _from_colours(black, white, out):
    """Write the colour arrays back into the ``L x L`` array `out` (in place)."""
    out[0::2, 0::2] = black[0::2]
    out[1::2, 1::2] = black[1::2]
    out[0::2, 1::2] = white[0::2]
    out[1::2, 0::2] = white[1::2]
    return out


@functools.lru_cache(maxsize=256)
def _thresholds(algorithm, T, h):
    """Integer thresholds ``round(p * 2**31)``, shape (2, 5): row = (s = -1, s = +1), col = nb.

    Cached (repeated `sweep` calls at one temperature); the result is read-only.
    """
    nb = np.array([-4.0, -2.0, 0.0, 2.0, 4.0])
    s = np.array([[-1.0], [1.0]])
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if algorithm == "metropolis":
            dE = 2.0 * s * (nb + h)
            # T = 0: accept dE <= 0 (the T -> 0+ limit of min(1, exp(-dE/T))), reject dE > 0
            p = (dE <= 0).astype(float) if T == 0 else np.exp(np.minimum(0.0, -dE / T))
        else:  # heat bath; the same row for both s
            x = np.broadcast_to(nb + h, (2, 5))
            p = (np.sign(x) + 1.0) / 2.0 if T == 0 else expit(2.0 * x / T)
    thr = np.round(p * _SCALE).astype(np.uint32)
    thr.flags.writeable = False
    return thr


# ---------------------------------------------------------------------------
# Validation (private; the shared validators cover the scalars)
# ---------------------------------------------------------------------------
def _check_L(L):
    L = positive_int("L", L, minimum=2)
    if L > _MAX_L:
        raise ValueError(f"L must be <= {_MAX_L} (its lattice would not fit in memory), got {L}")
    if L % 2:
        raise ValueError(f"L must be even (checkerboard updates), got {L}")
    return L


def _check_spins(name, spins, *, writeable=False):
    if not isinstance(spins, np.ndarray) or spins.dtype != np.int8:
        dtype = getattr(spins, "dtype", type(spins).__name__)
        raise ValueError(f"{name} must be a numpy array of dtype int8, got {dtype}")
    if spins.ndim != 2 or spins.shape[0] != spins.shape[1]:
        raise ValueError(f"{name} must be a 2-D square L x L array, got shape {spins.shape}")
    L = spins.shape[0]
    if L < 2 or L % 2:
        raise ValueError(f"{name} must be L x L with even L >= 2, got shape {spins.shape}")
    if not np.all(np.abs(spins) == 1):
        raise ValueError(f"{name} must contain only +1 and -1")
    if writeable and not spins.flags.writeable:
        raise ValueError(f"{name} must be a writeable array (it is updated in place)")
    return spins


def _check_model(T, h, algorithm, clusters_per_sweep):
    algorithm = choice("algorithm", algorithm, ALGORITHMS)
    T = nonnegative("T", T)
    if T.ndim != 0:
        raise ValueError(f"T must be a scalar >= 0, got an array of shape {T.shape}")
    T = float(T)
    h = finite_scalar("h", h)
    if abs(h) > _MAX_FIELD:
        raise ValueError(f"h must be finite with |h| <= {_MAX_FIELD:g}, got {h!r}")
    cps = positive_int("clusters_per_sweep", clusters_per_sweep, minimum=1)
    if algorithm == "wolff":
        if T == 0:
            raise ValueError("T must be > 0 for algorithm='wolff', got 0.0")
        if h != 0:
            raise ValueError(f"h must be 0 for algorithm='wolff' (no field term), got {h!r}")
    elif cps != 1:
        raise ValueError(
            f"clusters_per_sweep must be 1 unless algorithm='wolff', got {clusters_per_sweep!r}"
        )
    return T, h, algorithm, cps


def _check_counts(L, cps, *, n_sweeps, n_burn=0, recorded=False):
    """Refuse runs whose counters would overflow or whose record would not fit in memory.

    Checked before anything is allocated; `n_sweeps` and `n_burn` are validated integers.
    """
    if recorded and n_sweeps > _MAX_RECORDED:
        raise ValueError(
            f"n_sweeps must be <= {_MAX_RECORDED} (2**28) when the series are recorded "
            f"({16 * n_sweeps / 2**30:.3g} GiB requested), got {n_sweeps}"
        )
    limit = _MAX_UPDATES // (cps * L * L)
    for name, n in (("n_sweeps", n_sweeps), ("n_burn", n_burn)):
        if n > limit:
            raise ValueError(
                f"{name} must be <= {limit} for L = {L} (at most 2**62 spin updates in all), "
                f"got {n}"
            )
    if n_sweeps + n_burn > limit:
        raise ValueError(
            f"n_burn + n_sweeps must be <= {limit} for L = {L} (at most 2**62 spin updates "
            f"in all), got {n_burn} + {n_sweeps}"
        )


def _check_series(name, x, minimum):
    x = as_float_array(name, x)
    if x.ndim != 1 or x.size < minimum:
        raise ValueError(f"{name} must be a 1-D series of length >= {minimum}, got shape {x.shape}")
    return x


def _chunks(n_sweeps, work_per_sweep):
    """Split ``range(n_sweeps)`` into chunks of about ``_CHUNK_WORK`` spin updates each."""
    step = max(1, _CHUNK_WORK // work_per_sweep)
    return [(t, min(t + step, n_sweeps)) for t in range(0, n_sweeps, step)]


def _run(spins, T, h, algorithm, cps, seed, n_burn, n_meas):
    """Advance `spins` (modified in place) and return per-sweep (energy, magnetisation).

    The kernel runs in chunks of a fraction of a second, so that an interrupt
    (KeyboardInterrupt, Jupyter's stop button) ends a long run between two chunks; `spins`
    then holds the valid configuration after the last complete sweep, and the interrupt
    propagates.
    """
    e = np.empty(n_meas)
    m = np.empty(n_meas)
    L = spins.shape[0]
    n_total = n_burn + n_meas
    if algorithm == "wolff":
        work = np.ascontiguousarray(spins)
        thr = np.uint32(round(-np.expm1(-2.0 / T) * _SCALE))
        state = np.array([seed], dtype=np.uint64)
        try:
            for t0, t1 in _chunks(n_total, cps * L * L):
                _wolff_kernel(work, thr, state, n_burn, t0, t1, cps, e, m)
        finally:
            if work is not spins:
                spins[...] = work
    else:
        black, white = _to_colours(spins)
        thr = _thresholds(algorithm, T, h)
        kind, seed = _KIND[algorithm], np.uint64(seed)
        try:
            for t0, t1 in _chunks(n_total, L * L):
                _local_kernel(black, white, thr, kind, seed, n_burn, t0, t1, h, e, m)
        finally:
            _from_colours(black, white, spins)
    return e, m


# ---------------------------------------------------------------------------
# Public API: dynamics
# ---------------------------------------------------------------------------
def sweep(spins, T, n_sweeps=1, *, h=0.0, algorithm="metropolis", clusters_per_sweep=1, rng=None):
    """Advance an Ising configuration by `n_sweeps` Monte Carlo sweeps, in place.

    Parameters
    ----------
    spins : ndarray of int8, shape (L, L)
        Spins ``+1``/``-1`` on a periodic ``L x L`` square lattice, even ``L >= 2``.
        Modified in place (any memory layout).
    T : float
        Temperature, ``T >= 0`` (``T > 0`` for ``"wolff"``). ``T = 0`` is a
        zero-temperature quench; see Notes.
    n_sweeps : int, optional
        Number of sweeps, ``>= 0``; at most ``2**62`` spin updates in all (a century of
        computing).
    h : float, optional
        Magnetic field, ``|h| <= 1e6`` (must be 0 for ``"wolff"``).
    algorithm : {"metropolis", "heatbath", "wolff"}, optional
        Update rule; see Notes.
    clusters_per_sweep : int, optional
        For ``"wolff"``: cluster flips that make one sweep, ``>= 1``. Must be 1
        for the local rules.
    rng : None, int or numpy.random.Generator, optional
        Source of the seed. The same seed gives bit-identical results.

    Returns
    -------
    spins : ndarray
        The same array object that was passed in, updated.

    Notes
    -----
    *Metropolis* (Metropolis et al. 1953) proposes ``s_i -> -s_i`` and accepts
    with probability ``min(1, exp(-dE/T))``, ``dE = 2 s_i (sum_nbrs + h)``.
    *Heat bath* (Glauber 1963) sets ``s_i = +1`` with probability
    ``expit(2 (sum_nbrs + h) / T)`` whatever its old value. Both visit the sites
    in checkerboard order: all black sites (``i + j`` even), then all white
    sites. Sites of one colour do not interact, so each half-sweep is an exact
    heat-bath/Metropolis update of one colour given the other and satisfies
    detailed balance; the sweep (their product) leaves the Boltzmann
    distribution invariant.

    At ``T = 0`` Metropolis accepts ``dE < 0`` and ``dE = 0`` always (the
    ``T -> 0+`` limit of ``min(1, exp(-dE/T))``) and never ``dE > 0``; the
    energy therefore never rises, but zero-field spins keep flipping. The heat
    bath at ``T = 0`` aligns a spin with its local field and picks ``+-1`` with
    probability 1/2 when the field is zero.

    *Wolff* (Wolff 1989) grows one cluster from a random seed site, adding
    aligned neighbours with probability ``1 - exp(-2/T)`` per bond, and flips it.
    One "sweep" is a fixed number, `clusters_per_sweep`, of cluster flips,
    whatever their size (making the count depend on the cluster sizes, e.g.
    "until N spins have flipped", biases per-sweep averages).

    Metropolis accepts ``dE = 0`` with probability 1, and with a whole colour
    updated at once this leaves closed orbits: where every site has zero local
    field, ``sum_nbrs + h = 0`` (possible for ``h`` in {0, +-2, +-4}; at
    ``h = 0`` e.g. row-wise stripes), each half-sweep deterministically flips a
    whole colour, the chain never leaves such configurations and no other
    configuration leads into them. The Boltzmann distribution stays stationary,
    but the chain samples it restricted to the rest. At ``h = 0`` these orbits
    hold 4 of the 16 states for ``L = 2`` (weight 5 % at ``Tc``) and 36 of 65536
    for ``L = 4`` (weight 7e-6 at ``Tc``, and the only closed classes); for
    larger ``L`` their weight is negligible. The heat bath and Wolff have no such
    orbits.

    On an ``L = 2`` torus each pair of neighbours is joined by two bonds (left
    and right are the same site), and the dynamics counts both, consistently
    with ``H = -sum_i s_i (s_right + s_down) - h sum_i s_i``.

    A long run is split into kernel calls of about 0.1 s each: an interrupt
    (``KeyboardInterrupt``, Jupyter's stop button) ends it between two calls and
    propagates, leaving `spins` a valid configuration a whole number of sweeps on.

    Random numbers: the local rules use a counter-based generator (output
    ``n`` of SplitMix64 for one 63-bit seed per call, ``n`` a unique counter of
    sweep and site) and compare uniform integers ``u < 2**31`` with thresholds
    ``round(p * 2**31)``; probabilities are thus resolved to ``2**-32``.
    Internally the local rules work on two ``L x L/2`` arrays, one per colour
    (contiguous, so the update vectorises); the conversion at entry and exit
    costs about half a Metropolis sweep per call, so prefer few calls with many
    sweeps (or :func:`simulate`) to many calls with one.

    Examples
    --------
    >>> import numpy as np
    >>> spins = np.ones((8, 8), dtype=np.int8)
    >>> out = sweep(spins, T=1.0, n_sweeps=10, rng=42)
    >>> out is spins
    True
    >>> int(spins.sum())
    64
    """
    _check_spins("spins", spins, writeable=True)
    T, h, algorithm, cps = _check_model(T, h, algorithm, clusters_per_sweep)
    n_sweeps = positive_int("n_sweeps", n_sweeps, minimum=0)
    _check_counts(spins.shape[0], cps, n_sweeps=n_sweeps)
    seed = int(generator(rng).integers(2**63))
    _run(spins, T, h, algorithm, cps, seed, n_sweeps, 0)
    return spins


@dataclass(frozen=True)
class Simulation:
    """Result of :func:`simulate`: per-sweep time series and the final configuration."""

    L: int  # linear size; N = L * L spins
    T: float  # temperature
    h: float  # magnetic field
    algorithm: str  # "metropolis", "heatbath" or "wolff"
    n_burn: int  # sweeps discarded before the first measurement
    clusters_per_sweep: int  # Wolff cluster flips per sweep (1 for the local rules)
    energy: np.ndarray = field(repr=False)  # energy per spin after each sweep, incl. -h m
    magnetization: np.ndarray = field(repr=False)  # magnetisation per spin after each sweep
    spins: np.ndarray = field(repr=False)  # final L x L int8 configuration


def simulate(
    L,
    T,
    n_sweeps,
    *,
    h=0.0,
    algorithm="metropolis",
    n_burn=None,
    start="random",
    clusters_per_sweep=1,
    rng=None,
):
    """Run a Monte Carlo chain and record energy and magnetisation per spin after each sweep.

    Parameters
    ----------
    L : int
        Linear lattice size, even, ``2 <= L <= 16384``; ``N = L**2`` spins with periodic boundaries.
    T : float
        Temperature, ``T >= 0`` (``T > 0`` for ``"wolff"``).
    n_sweeps : int
        Number of measured sweeps, ``0 <= n_sweeps <= 2**28`` (the recorded series take 16
        bytes per sweep).
    h : float, optional
        Magnetic field, ``|h| <= 1e6`` (0 for ``"wolff"``).
    algorithm : {"metropolis", "heatbath", "wolff"}, optional
        Update rule; see :func:`sweep`.
    n_burn : int, optional
        Sweeps run and discarded before the first measurement, ``>= 0``.
        Default ``n_sweeps // 5``.
    start : {"random", "up", "down"} or ndarray, optional
        Initial state: independent random spins (infinite temperature), all
        ``+1``, all ``-1``, or an ``L x L`` int8 array of ``+-1`` (copied, not modified).
    clusters_per_sweep : int, optional
        Wolff cluster flips per sweep, ``>= 1`` (1 for the local rules).
    rng : None, int or numpy.random.Generator, optional
        Source of the random start and of the kernel seed.

    Returns
    -------
    Simulation
        Frozen dataclass with fields ``L, T, h, algorithm, n_burn,
        clusters_per_sweep`` and the arrays ``energy`` and ``magnetization``
        (float64, length `n_sweeps`, per spin, measured after each sweep after
        the burn-in; energy includes the field term ``-h m``) and ``spins``
        (the final configuration).

    Notes
    -----
    The bond sum and the total magnetisation are kept as exact integers
    (recomputed from the lattice after every measured sweep for the local rules,
    updated exactly after every cluster flip for Wolff), so nothing drifts.
    Successive sweeps are correlated: use :func:`mean_and_error` for error bars.
    The chain is the one of :func:`sweep` run in one kernel call, so the lattice
    stays in the colour layout throughout.

    Examples
    --------
    >>> sim = simulate(16, 1.5, 2000, rng=1)
    >>> sim.energy.shape
    (2000,)
    >>> round(float(sim.energy.mean()), 2), round(float(abs(sim.magnetization).mean()), 2)
    (-1.95, 0.99)
    """
    L = _check_L(L)
    T, h, algorithm, cps = _check_model(T, h, algorithm, clusters_per_sweep)
    n_sweeps = positive_int("n_sweeps", n_sweeps, minimum=0)
    n_burn = n_sweeps // 5 if n_burn is None else positive_int("n_burn", n_burn, minimum=0)
    _check_counts(L, cps, n_sweeps=n_sweeps, n_burn=n_burn, recorded=True)
    rng = generator(rng)
    if isinstance(start, np.ndarray):
        _check_spins("start", start)
        if start.shape != (L, L):
            raise ValueError(f"start must have shape (L, L) = {(L, L)}, got {start.shape}")
        spins = start.copy(order="C")
    else:
        if not isinstance(start, str):
            raise ValueError(f"start must be one of {_STARTS} or an L x L array, got {start!r}")
        start = choice("start", start, _STARTS)
        if start == "random":
            spins = (2 * rng.integers(0, 2, size=(L, L), dtype=np.int8) - 1).astype(np.int8)
        else:
            spins = np.full((L, L), 1 if start == "up" else -1, dtype=np.int8)
    seed = int(rng.integers(2**63))
    e, m = _run(spins, T, h, algorithm, cps, seed, n_burn, n_sweeps)
    return Simulation(L, T, h, algorithm, n_burn, cps, e, m, spins)


@dataclass(frozen=True)
class Trajectory:
    """Result of :func:`run_schedule`: one measurement after every sweep."""

    T: np.ndarray = field(repr=False)  # temperature of each sweep, shape (n,)
    h: np.ndarray = field(repr=False)  # field of each sweep, shape (n,)
    energy: np.ndarray = field(repr=False)  # energy per spin after each sweep, incl. -h m
    magnetization: np.ndarray = field(repr=False)  # magnetisation per spin after each sweep
    spins: np.ndarray = field(repr=False)  # final L x L int8 configuration


def run_schedule(spins, T, *, h=0.0, algorithm="heatbath", rng=None):
    """Sweep through a time-dependent temperature (and field), one sweep per entry.

    The lattice dynamics behind the quench-and-re-heat protocol: sweep ``k``
    runs at temperature ``T[k]`` and field ``h[k]``, and the energy and
    magnetisation are recorded after it. Time is measured in Monte Carlo
    sweeps (one attempted update per spin), the natural time unit of the
    local (Glauber-type) dynamics.

    Parameters
    ----------
    spins : ndarray of int8, shape (L, L)
        Initial configuration, even ``L >= 2``; updated in place.
    T : array_like, shape (n,)
        Temperature of each sweep, ``T >= 0``.
    h : float or array_like, shape (n,), optional
        Field of each sweep, ``|h| <= 1e6``.
    algorithm : {"heatbath", "metropolis"}, optional
        Local update rule (cluster moves have no physical time, so Wolff is
        not offered). Heat-bath is Glauber dynamics.
    rng : None, int or numpy.random.Generator, optional
        Source of the per-sweep kernel seeds.

    Returns
    -------
    Trajectory
        Frozen dataclass with ``T``, ``h``, ``energy``, ``magnetization``
        (each shape (n,)) and the final ``spins`` (the same array object).

    Examples
    --------
    >>> import numpy as np
    >>> spins = np.ones((16, 16), dtype=np.int8)
    >>> traj = run_schedule(spins, np.linspace(1.0, 4.0, 200), rng=0)
    >>> round(float(traj.magnetization[0]), 1), bool(abs(traj.magnetization[-10:]).mean() < 0.3)
    (1.0, True)
    """
    _check_spins("spins", spins, writeable=True)
    algorithm = choice("algorithm", algorithm, ("heatbath", "metropolis"))
    T = _check_series("T", T, 0)
    if np.any(T < 0):
        raise ValueError("T must be finite and >= 0 at every sweep")
    h = as_float_array("h", h)
    try:
        h = np.broadcast_to(h, T.shape).astype(float)
    except ValueError:
        raise ValueError(
            f"h must be a scalar or have the shape of T {T.shape}, got {h.shape}"
        ) from None
    if np.any(np.abs(h) > _MAX_FIELD):
        raise ValueError(f"h must be finite with |h| <= {_MAX_FIELD:g} at every sweep")
    rng = generator(rng)
    n = T.size
    seeds = rng.integers(2**63, size=n, dtype=np.uint64)
    e = np.empty(n)
    m = np.empty(n)
    black, white = _to_colours(spins)
    kind = _KIND[algorithm]
    try:  # an interrupt between two sweeps leaves `spins` valid (after the last sweep)
        for k in range(n):
            thr = _thresholds(algorithm, float(T[k]), float(h[k]))
            _local_kernel(
                black, white, thr, kind, seeds[k], 0, 0, 1, float(h[k]), e[k : k + 1], m[k : k + 1]
            )
    finally:
        _from_colours(black, white, spins)
    return Trajectory(T=T, h=h, energy=e, magnetization=m, spins=spins)


# ---------------------------------------------------------------------------
# Public API: statistics
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo estimate with one standard error."""

    value: float  # point estimate
    error: float  # one standard error, accounting for autocorrelation
    tau_int: float  # integrated autocorrelation time (samples) of the input; nan if constant


def _tau_int(x, c=5.0):
    """Sokal's windowed estimate of tau_int (nan for a constant series)."""
    n = x.size
    y = x - x.mean()
    var = float(np.sum(y * y)) / n  # not y @ y: threaded BLAS is slow on a busy machine
    if var == 0.0:
        return float("nan")
    nfft = 1 << (2 * n - 1).bit_length()
    f = np.fft.rfft(y, nfft)
    acov = np.fft.irfft(f * np.conj(f), nfft)[:n] / n
    taus = 2.0 * np.cumsum(acov / acov[0]) - 1.0  # taus[W] = 1 + 2 sum_{t=1}^{W} rho(t)
    window = np.argmax(np.arange(n) >= c * taus)  # smallest W >= c tau(W); exists, taus[-1] = 0
    return float(max(taus[window], 0.0))


def _warn_if_short(n, tau):
    if tau * 50 > n:
        warnings.warn(
            f"series of length {n} is shorter than 50 autocorrelation times "
            f"(tau_int = {tau:.3g}): tau_int and the error bar are unreliable",
            RuntimeWarning,
            stacklevel=3,
        )


def autocorrelation_time(x, *, c=5.0):
    """Integrated autocorrelation time of a time series, with Sokal's automatic window.

    Parameters
    ----------
    x : array_like
        1-D series of at least 2 finite values (e.g. energy per sweep).
    c : float, optional
        Window constant, ``c > 0``: the window is the smallest ``W`` with
        ``W >= c * tau(W)``.

    Returns
    -------
    tau_int : float
        ``1 + 2 sum_{t=1}^{W} rho(t)`` in units of samples, so that the variance
        of the mean is ``tau_int * var(x) / n``; nan for a constant series.

    Notes
    -----
    Sokal, "Monte Carlo methods in statistical mechanics" (1997); the same rule as
    in emcee. Reliable only for ``n >= 50 tau_int`` or so; a :class:`RuntimeWarning`
    is issued for shorter series (as emcee does).
    The autocovariance is computed by FFT in ``O(n log n)``. For an AR(1) process
    ``x_t = phi x_{t-1} + noise``, ``tau_int = (1 + phi) / (1 - phi)``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> round(autocorrelation_time(rng.standard_normal(10_000)), 1)
    1.0
    """
    x = _check_series("x", x, 2)
    c = positive_scalar("c", c)
    tau = _tau_int(x, c)
    _warn_if_short(x.size, tau)
    return tau


def mean_and_error(x):
    """Mean of a correlated series with its standard error from ``tau_int``.

    Parameters
    ----------
    x : array_like
        1-D series of at least 2 finite values.

    Returns
    -------
    Estimate
        ``value`` = sample mean, ``error = sqrt(tau_int * var(x) / n)``, and
        ``tau_int`` from :func:`autocorrelation_time`.

    Notes
    -----
    For a cross-check use :func:`blocking_error`; the two agree to within their
    own uncertainty (about ``sqrt(2 / (n_blocks - 1))`` relative for blocking).

    Examples
    --------
    >>> est = mean_and_error([1.0, 2.0, 3.0, 4.0] * 100)
    >>> est.value
    2.5
    """
    x = _check_series("x", x, 2)
    tau = _tau_int(x)
    _warn_if_short(x.size, tau)
    err = 0.0 if np.isnan(tau) else float(np.sqrt(tau * x.var() / x.size))
    return Estimate(float(x.mean()), err, tau)


def _blocks(name, x, n_blocks):
    """Reshape `x` to (n_blocks, length), dropping the first ``len(x) % n_blocks`` samples."""
    n_blocks = positive_int("n_blocks", n_blocks, minimum=2)
    x = _check_series(name, x, n_blocks)
    n = x.size - x.size % n_blocks
    return x[x.size - n :].reshape(n_blocks, -1)


def blocking_error(x, n_blocks=25):
    """Standard error of the mean of a correlated series from block averages.

    Parameters
    ----------
    x : array_like
        1-D series, length ``>= n_blocks``.
    n_blocks : int, optional
        Number of blocks, ``>= 2``. The first ``len(x) % n_blocks`` samples are dropped.

    Returns
    -------
    error : float
        ``std(block means, ddof=1) / sqrt(n_blocks)``.

    Notes
    -----
    Valid when the block length ``len(x) / n_blocks`` is much larger than the
    autocorrelation time; otherwise it underestimates the error. Its own relative
    uncertainty is about ``1 / sqrt(2 (n_blocks - 1))``.

    Examples
    --------
    >>> round(blocking_error([0.0, 1.0] * 50, n_blocks=10), 6)
    0.0
    """
    means = _blocks("x", x, n_blocks).mean(axis=1)
    return float(means.std(ddof=1) / np.sqrt(n_blocks))


def _jackknife(f, series, n_blocks):
    """Block-jackknife estimate of ``f(*means of series)``; `series` is a dict of named arrays."""
    blocks = [_blocks(name, x, n_blocks) for name, x in series.items()]
    sums = [b.sum(axis=1) for b in blocks]
    length = blocks[0].shape[1]
    full = f(*[s.sum() / (n_blocks * length) for s in sums])
    loo = f(*[(s.sum() - s) / ((n_blocks - 1) * length) for s in sums])  # leave one block out
    err = float(np.sqrt((n_blocks - 1) / n_blocks * np.sum((loo - loo.mean()) ** 2)))
    taus = [_tau_int(b.ravel()) for b in blocks]
    tau = float(np.nanmax(taus)) if not np.all(np.isnan(taus)) else float("nan")
    return Estimate(float(full), err, tau)


def binder_cumulant(m, *, n_blocks=25):
    """Binder cumulant ``U = 1 - <m^4> / (3 <m^2>^2)`` with a block-jackknife error.

    Parameters
    ----------
    m : array_like
        1-D series of magnetisation per spin (signed or absolute), length ``>= n_blocks``;
        not identically zero.
    n_blocks : int, optional
        Number of jackknife blocks, ``>= 2``.

    Returns
    -------
    Estimate
        ``value`` = U, ``error`` from the jackknife, ``tau_int`` the larger of
        those of ``m**2`` and ``m**4``.

    Notes
    -----
    ``U -> 2/3`` in the ordered phase and ``U -> 0`` in the disordered phase as
    ``L -> oo``; the curves for different ``L`` cross near ``Tc`` (Binder 1981).
    The jackknife error is valid when the block length exceeds ``tau_int`` many times.

    Examples
    --------
    >>> round(binder_cumulant([1.0, -1.0] * 50).value, 6)
    0.666667
    """
    m = _check_series("m", m, 2)
    if not np.any(m):
        raise ValueError("m must not be identically zero (the Binder cumulant is undefined)")
    return _jackknife(lambda m2, m4: 1.0 - m4 / (3.0 * m2**2), {"m": m**2, "m4": m**4}, n_blocks)


def susceptibility_from_magnetization(m, T, L, *, n_blocks=25):
    """Finite-size susceptibility ``chi = N (<m^2> - <|m|>^2) / T`` with a jackknife error.

    Parameters
    ----------
    m : array_like
        1-D series of magnetisation per spin, length ``>= n_blocks``.
    T : float
        Temperature, ``T > 0``.
    L : int
        Linear size, ``>= 1``; ``N = L**2``.
    n_blocks : int, optional
        Number of jackknife blocks, ``>= 2``.

    Returns
    -------
    Estimate
        ``value`` = chi, ``error`` from the jackknife, ``tau_int`` the larger of
        those of ``m**2`` and ``|m|``.

    Notes
    -----
    The ``<|m|>`` form is the usual one at ``h = 0`` on a finite lattice, where
    ``<m> = 0`` by symmetry; at ``h != 0`` the fluctuation formula with ``<m>^2``
    is the physical one, and it equals this one once ``m`` no longer changes sign.

    Examples
    --------
    >>> round(susceptibility_from_magnetization([0.5, -0.5, 1.0, -1.0] * 25, T=2.0, L=4).value, 6)
    0.5
    """
    m = _check_series("m", m, 2)
    T = positive_scalar("T", T)
    N = positive_int("L", L, minimum=1) ** 2
    return _jackknife(lambda m2, am: N * (m2 - am**2) / T, {"m": m**2, "|m|": np.abs(m)}, n_blocks)


def specific_heat_from_energy(e, T, L, *, n_blocks=25):
    """Specific heat per spin ``C = N (<e^2> - <e>^2) / T^2`` with a jackknife error.

    Parameters
    ----------
    e : array_like
        1-D series of energy per spin, length ``>= n_blocks``.
    T : float
        Temperature, ``T > 0``.
    L : int
        Linear size, ``>= 1``; ``N = L**2``.
    n_blocks : int, optional
        Number of jackknife blocks, ``>= 2``.

    Returns
    -------
    Estimate
        ``value`` = C, ``error`` from the jackknife, ``tau_int`` the larger of
        those of ``e`` and ``e**2``.

    Notes
    -----
    The fluctuation-dissipation form of ``d<E>/dT / N`` at fixed ``h``; with a
    field, `e` must include the ``-h m`` term (as :class:`Simulation` does).

    Examples
    --------
    >>> round(specific_heat_from_energy([-1.0, -2.0] * 50, T=1.0, L=2).value, 6)
    1.0
    """
    e = _check_series("e", e, 2)
    T = positive_scalar("T", T)
    N = positive_int("L", L, minimum=1) ** 2
    return _jackknife(lambda e1, e2: N * (e2 - e1**2) / T**2, {"e": e, "e2": e**2}, n_blocks)


# ---------------------------------------------------------------------------
# Public API: equilibrium scans over temperature and size
# ---------------------------------------------------------------------------
#: Infinite-lattice correlation length (lattice spacings) above which
#: ``algorithm="auto"`` uses Wolff cluster updates instead of the heat bath.
_XI_WOLFF = 2.0
_PILOT_ROUNDS = 6  # adaptive rounds that fix clusters_per_sweep for Wolff
_PILOT_SWEEPS = 10  # sweeps per round
_PILOT_GROWTH = 4  # largest factor by which clusters_per_sweep may grow in one round


@dataclass(frozen=True)
class Scan:
    """Result of :func:`scan_temperatures` and :func:`scan_sizes`: one entry per point.

    Every array has shape ``(n,)``, one entry per ``(L, T)`` point; quantities
    are per spin, each with one standard error (``*_err``) that accounts for
    the autocorrelation of the chain.
    """

    L: np.ndarray = field(repr=False)  # linear size of each point (int)
    T: np.ndarray = field(repr=False)  # temperature of each point
    n_sweeps: int  # measured sweeps per point
    algorithm: tuple = field(repr=False)  # update rule used at each point
    clusters_per_sweep: np.ndarray = field(repr=False)  # Wolff clusters per sweep (1: local)
    abs_m: np.ndarray = field(repr=False)  # <|m|>
    abs_m_err: np.ndarray = field(repr=False)
    energy: np.ndarray = field(repr=False)  # <e>, energy per spin
    energy_err: np.ndarray = field(repr=False)
    specific_heat: np.ndarray = field(repr=False)  # N (<e^2> - <e>^2) / T^2
    specific_heat_err: np.ndarray = field(repr=False)
    susceptibility: np.ndarray = field(repr=False)  # N (<m^2> - <|m|>^2) / T
    susceptibility_err: np.ndarray = field(repr=False)
    binder: np.ndarray = field(repr=False)  # 1 - <m^4> / (3 <m^2>^2)
    binder_err: np.ndarray = field(repr=False)
    tau_energy: np.ndarray = field(repr=False)  # tau_int of e, in sweeps
    tau_abs_m: np.ndarray = field(repr=False)  # tau_int of |m|, in sweeps


def _auto_algorithm(T):
    """Wolff where the exact correlation length is >= _XI_WOLFF, heat bath elsewhere."""
    from .exact import correlation_length

    return "wolff" if correlation_length(T) >= _XI_WOLFF else "heatbath"


def _wolff_clusters_per_sweep(L, T, spins, rng):
    """Adapt ``clusters_per_sweep`` so that a sweep flips about N spins; advances `spins`.

    The mean Wolff cluster size at ``h = 0`` is ``N <m^2>`` (the improved
    estimator), so ``1 / <m^2>`` clusters flip N spins on average. Starting
    from one cluster per sweep, ``_PILOT_ROUNDS`` rounds of ``_PILOT_SWEEPS``
    sweeps each re-estimate ``<m^2>`` from the previous round. The number may
    grow by at most ``_PILOT_GROWTH`` per round: a chain started from random
    spins has tiny ``<m^2>`` before its correlations have built up, and taking
    that at face value would ask for ~N clusters per sweep just as they grow large.
    """
    n_sites = L * L
    cps = 1
    for _ in range(_PILOT_ROUNDS):
        pilot = simulate(
            L,
            T,
            _PILOT_SWEEPS,
            algorithm="wolff",
            n_burn=0,
            start=spins,
            clusters_per_sweep=cps,
            rng=rng,
        )
        spins = pilot.spins
        m2 = float(np.mean(pilot.magnetization**2))
        target = round(1.0 / m2) if m2 > 0 else n_sites
        cps = int(np.clip(target, 1, min(n_sites, _PILOT_GROWTH * cps)))
    return cps, spins


def _scan(Ls, Ts, n_sweeps, algorithm, n_burn, n_blocks, rng):
    n_sweeps = positive_int("n_sweeps", n_sweeps, minimum=2 * n_blocks)
    n_burn = n_sweeps // 10 if n_burn is None else positive_int("n_burn", n_burn, minimum=0)
    streams = generator(rng).spawn(Ts.size)
    with one_blas_thread():
        rows = [
            _scan_point(int(L), float(T), n_sweeps, algorithm, n_burn, n_blocks, gen)
            for L, T, gen in zip(Ls, Ts, streams, strict=True)
        ]
    algs = tuple(r[0] for r in rows)
    cps = np.array([r[1] for r in rows], dtype=int)
    vals = np.array([[(est.value, est.error) for est in r[2]] for r in rows]).reshape(-1, 5, 2)
    return Scan(
        L=Ls.astype(int),
        T=Ts,
        n_sweeps=n_sweeps,
        algorithm=algs,
        clusters_per_sweep=cps,
        abs_m=vals[:, 0, 0],
        abs_m_err=vals[:, 0, 1],
        energy=vals[:, 1, 0],
        energy_err=vals[:, 1, 1],
        specific_heat=vals[:, 2, 0],
        specific_heat_err=vals[:, 2, 1],
        susceptibility=vals[:, 3, 0],
        susceptibility_err=vals[:, 3, 1],
        binder=vals[:, 4, 0],
        binder_err=vals[:, 4, 1],
        tau_energy=np.array([r[2][1].tau_int for r in rows]),
        tau_abs_m=np.array([r[2][0].tau_int for r in rows]),
    )


def _scan_point(L, T, n_sweeps, algorithm, n_burn, n_blocks, gen):
    """One equilibrated chain at (L, T): (algorithm, clusters_per_sweep, estimates)."""
    from .exact import onsager_tc

    alg = _auto_algorithm(T) if algorithm == "auto" else algorithm
    # ordered start below Tc (a random start can freeze into long-lived stripes),
    # random start above (a Wolff chain started ordered there needs many small clusters)
    if T < onsager_tc():
        spins = np.ones((L, L), dtype=np.int8)
    else:
        spins = (2 * gen.integers(0, 2, size=(L, L), dtype=np.int8) - 1).astype(np.int8)
    cps = 1
    if alg == "wolff":
        cps, spins = _wolff_clusters_per_sweep(L, T, spins, gen)
    sim = simulate(
        L, T, n_sweeps, algorithm=alg, n_burn=n_burn, start=spins, clusters_per_sweep=cps, rng=gen
    )
    e, m = sim.energy, sim.magnetization
    ests = (
        mean_and_error(np.abs(m)),
        mean_and_error(e),
        specific_heat_from_energy(e, T, L, n_blocks=n_blocks),
        susceptibility_from_magnetization(m, T, L, n_blocks=n_blocks),
        binder_cumulant(m, n_blocks=n_blocks),
    )
    return alg, cps, ests


def _check_scan_algorithm(algorithm):
    return choice("algorithm", algorithm, ("auto", *ALGORITHMS))


def _check_temperatures(T):
    T = as_float_array("T", T)
    if T.ndim > 1 or T.size == 0 or np.any(T <= 0):
        raise ValueError(f"T must be a scalar or 1-D array of finite temperatures > 0, got {T!r}")
    return np.atleast_1d(T)


def scan_temperatures(L, T, n_sweeps, *, algorithm="auto", n_burn=None, n_blocks=25, rng=None):
    """Equilibrium Monte Carlo estimates on an ``L x L`` torus at each temperature of `T`.

    At each temperature an independent chain is equilibrated and run for
    `n_sweeps` measured sweeps at ``h = 0``; ``<|m|>``, the energy, the specific
    heat, the susceptibility and the Binder cumulant are estimated with error bars.

    Parameters
    ----------
    L : int
        Linear lattice size, even, ``>= 2``.
    T : float or array_like, shape (n,)
        Temperatures, ``> 0``.
    n_sweeps : int
        Measured sweeps per temperature, ``>= 2 * n_blocks``.
    algorithm : {"auto", "heatbath", "metropolis", "wolff"}, optional
        Update rule. ``"auto"`` (default) uses Wolff cluster updates where the
        exact infinite-lattice correlation length is at least 2 lattice
        spacings (``1.98 < T < 3.06``, critical slowing down of local updates)
        and the heat bath elsewhere (where it is cheaper per independent sample).
    n_burn : int, optional
        Sweeps discarded before measuring, ``>= 0``; default ``n_sweeps // 10``.
    n_blocks : int, optional
        Jackknife blocks for the specific heat, susceptibility and Binder cumulant.
    rng : None, int or numpy.random.Generator, optional
        Seed; each temperature gets its own stream (``Generator.spawn``), so a
        point does not change when others are added to the scan after it.

    Returns
    -------
    Scan
        Frozen dataclass of arrays, one entry per temperature.

    Notes
    -----
    *Start.* Below the exact ``Tc`` the chain starts ordered (all ``+1``: a
    random start may freeze into stripe domains that live very long on a torus),
    above it from random spins.

    *Wolff sweeps.* A sweep is a fixed number of cluster flips,
    ``clusters_per_sweep``, chosen per temperature so that a sweep flips about
    ``N`` spins on average: the mean cluster size at ``h = 0`` is ``N <m^2>``,
    so ``clusters_per_sweep = round(1 / <m^2>)`` (between 1 and ``N``), with
    ``<m^2>`` from 6 pilot rounds of 10 sweeps (each with the value from the
    previous round, starting from 1 and growing at most fourfold per round).
    The pilot is discarded. Because the number
    is fixed before measuring, the per-sweep averages are unbiased (unlike "flip
    clusters until N spins have flipped"). Error bars and ``tau_int`` are per
    sweep as so defined, so they are comparable between algorithms.

    *Errors.* ``<|m|>`` and ``<e>`` from :func:`mean_and_error`; the specific
    heat, susceptibility (``<|m|>`` form) and Binder cumulant from a block
    jackknife. A :class:`RuntimeWarning` from :func:`mean_and_error` means the
    run is shorter than 50 autocorrelation times at that point. BLAS is limited
    to one thread during the scan (with ``threadpoolctl``, if installed): the
    estimators compute many short dot products, which a multithreaded BLAS on a
    busy machine slows down a thousandfold.

    Examples
    --------
    >>> scan = scan_temperatures(8, [1.5, 3.5], 2000, rng=0)
    >>> scan.algorithm
    ('heatbath', 'heatbath')
    >>> scan.abs_m.round(2), bool(scan.abs_m_err[0] < 0.01)
    (array([0.99, 0.25]), True)
    """
    L = _check_L(L)
    Ts = _check_temperatures(T)
    algorithm = _check_scan_algorithm(algorithm)
    n_blocks = positive_int("n_blocks", n_blocks, minimum=2)
    return _scan(np.full(Ts.shape, L), Ts, n_sweeps, algorithm, n_burn, n_blocks, rng)


def scan_sizes(L, T, n_sweeps, *, algorithm="auto", n_burn=None, n_blocks=25, rng=None):
    """Equilibrium Monte Carlo estimates at one temperature for each lattice size of `L`.

    The finite-size-scaling counterpart of :func:`scan_temperatures` (same
    chains, estimators and defaults); typically run at the exact ``Tc``, where
    ``<|m|> ∝ L^(-β/ν)``, ``c ∝ ln L`` and the Binder cumulant tends to a
    universal value.

    Parameters
    ----------
    L : int or array_like of int, shape (n,)
        Linear sizes, each even and ``>= 2``.
    T : float
        Temperature, ``> 0``.
    n_sweeps : int
        Measured sweeps per size, ``>= 2 * n_blocks``.
    algorithm : {"auto", "heatbath", "metropolis", "wolff"}, optional
        See :func:`scan_temperatures`.
    n_burn : int, optional
        Sweeps discarded before measuring; default ``n_sweeps // 10``.
    n_blocks : int, optional
        Jackknife blocks.
    rng : None, int or numpy.random.Generator, optional
        Seed; each size gets its own stream.

    Returns
    -------
    Scan
        One entry per size.

    Examples
    --------
    >>> from isingneuron.exact import onsager_tc
    >>> scan = scan_sizes([4, 8], onsager_tc(), 4000, rng=1)
    >>> scan.algorithm, bool(scan.abs_m[1] < scan.abs_m[0])
    (('wolff', 'wolff'), True)
    """
    Ls = np.atleast_1d(np.asarray(L, dtype=object))
    if Ls.ndim != 1 or Ls.size == 0:
        raise ValueError(f"L must be an even integer >= 2 or a 1-D sequence of them, got {L!r}")
    Ls = np.array([_check_L(x) for x in Ls], dtype=int)
    T = positive_scalar("T", T)
    algorithm = _check_scan_algorithm(algorithm)
    n_blocks = positive_int("n_blocks", n_blocks, minimum=2)
    return _scan(Ls, np.full(Ls.shape, T), n_sweeps, algorithm, n_burn, n_blocks, rng)


@dataclass(frozen=True)
class Comparison:
    """Monte Carlo estimates against exact values, in units of their standard errors."""

    n: int  # number of points compared
    chi2: float  # sum of z^2
    p_value: float  # probability of a chi2 at least this large, n degrees of freedom
    max_abs_z: float  # largest |z|
    within_2_sigma: float  # fraction of points with |z| < 2 (about 0.95 if all is well)
    z: np.ndarray = field(repr=False)  # (value - exact) / error at every point


def compare_to_exact(value, error, exact):
    """Compare estimates with error bars against exact values.

    Parameters
    ----------
    value, error, exact : array_like
        Estimates, their standard errors (``> 0``) and the exact values;
        broadcast together (any shape, flattened).

    Returns
    -------
    Comparison
        ``z = (value - exact) / error`` and its summaries: ``chi2 = sum z^2``
        with its p-value for ``n`` degrees of freedom, ``max |z|`` and the
        fraction of ``|z| < 2``.

    Notes
    -----
    If the error bars are honest and the estimates unbiased, ``z`` is close to
    standard normal: ``chi2 ≈ n ± sqrt(2 n)``, the p-value is uniform on
    (0, 1), and ``max |z|`` grows only like ``sqrt(2 ln n)``.

    Examples
    --------
    >>> c = compare_to_exact([1.0, 2.1, 2.9], [0.1, 0.1, 0.2], [1.0, 2.0, 3.0])
    >>> c.n, round(c.chi2, 6), round(c.max_abs_z, 6), c.within_2_sigma
    (3, 1.25, 1.0, 1.0)
    """
    from scipy.stats import chi2 as chi2_dist

    arrays = broadcast(
        value=as_float_array("value", value),
        error=as_float_array("error", error),
        exact=as_float_array("exact", exact),
    )
    value, error, exact = (np.ravel(a) for a in arrays)
    if np.any(error <= 0):
        raise ValueError("error must be > 0 at every point")
    z = (value - exact) / error
    chi2 = float(z @ z)
    return Comparison(
        n=int(z.size),
        chi2=chi2,
        p_value=float(chi2_dist.sf(chi2, z.size)),
        max_abs_z=float(np.max(np.abs(z))),
        within_2_sigma=float(np.mean(np.abs(z) < 2.0)),
        z=z,
    )


# ---------------------------------------------------------------------------
# Independent replicas by multi-spin coding live in replicas.py (which imports this
# module's kernels and validators); reached here too, lazily, so there is no import cycle.
# ---------------------------------------------------------------------------
_REPLICAS = ("ReplicaSimulation", "simulate_replicas")


def __getattr__(name):
    """``lattice.simulate_replicas`` and ``lattice.ReplicaSimulation`` (from :mod:`.replicas`)."""
    if name in _REPLICAS:
        from . import replicas

        return getattr(replicas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
