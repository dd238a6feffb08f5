r"""Many independent Ising lattices at once, by multi-spin coding.

:func:`simulate_replicas` runs ``n_replicas`` statistically independent ``L x L``
periodic Ising models (the Hamiltonian of :mod:`isingneuron.lattice`) with the same
parameters and records the energy and magnetisation per spin of every replica after
every sweep. Sixty-four replicas share a machine word: word ``(i, j)`` holds the spin
at site ``(i, j)`` of replicas ``64 w .. 64 w + 63``, one bit each, so one pass of
bitwise operations over a word updates 64 spins, and the random acceptance bits are
made 64 at a time: multi-spin coding (Jacobs & Rebbi 1981), with the bits of a word in
different lattices.

Independent replicas give honest error bars without any autocorrelation analysis:
the time averages of different replicas are independent, so their spread across
replicas is their standard error.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
from numba import njit
from scipy.special import expit

from ._validation import choice, generator, positive_int
from .lattice import _GAMMA, _check_L, _check_model, _mix

__all__ = ["ReplicaSimulation", "simulate_replicas"]

# Update rules offered (a Wolff cluster differs from replica to replica: not bitwise).
_ALGORITHMS = ("metropolis", "heatbath")
_LANES = 64  # replicas per uint64 word
_BITS = 32  # random words per decision at most: probabilities resolved to 2**-32
_ONE = 2**32  # threshold of a certain event
_UNROLL = 4  # random words drawn without testing whether every lane is decided
_SURE, _OPEN = _BITS, _BITS + 1  # class-table columns: q = 2**32, 0 < q < 2**32
# Site-word updates (64 spins each) per kernel call, about 0.1 s: long runs are split so
# that an interrupt ends them. A sweep that is longer than this is split by rows.
_CHUNK_WORK = 2**21
_MEASURE_WORK = 16  # site-words that reading 64 replicas' counters after a sweep costs
# Limits checked before anything is allocated or run.
_MAX_RECORDED = 2**28  # replica-sweeps recorded: two float64 series, 16 bytes each (4 GiB)
_MAX_SPINS = 2**30  # n_replicas * L**2: the final int8 configurations (1 GiB)
# Spin updates per call, counting all 64 lanes of every word (padding lanes cost the same):
# the package-wide bound of one Monte Carlo call (``_validation.MAX_SPIN_UPDATES``); here
# 10-20 minutes of computing.
_MAX_WORK = 10**12
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_ZERO = np.uint64(0)
_U1 = np.uint64(1)
_REG0 = (_ZERO,) * 8
_FLUSH = 63  # additions of at most 4 that an 8-bit register counter holds


# ---------------------------------------------------------------------------
# Bit-sliced arithmetic
# ---------------------------------------------------------------------------
@njit(inline="always")
def _count4(a, b, c, d):
    """Bit-sliced sum of four bit-words: ``(k0, k1, k2)`` with ``k = k0 + 2 k1 + 4 k2`` per lane."""
    x = a ^ b
    y = c ^ d
    ab = a & b
    cd = c & d
    return x ^ y, ab ^ cd ^ (x & y), ab & cd


@njit(inline="always")
def _full_add(x, y, carry):
    """One bit of a bit-sliced full adder: (sum, carry out) of ``x + y + carry`` per lane."""
    t = x ^ y
    return t ^ carry, (x & y) | (carry & t)


@njit(inline="always")
def _reg_add(r, a0, a1, a2):
    """Add ``a0 + 2 a1 + 4 a2`` to the 8-bit bit-sliced counter held in the 8-tuple `r`.

    Branch-free and in registers; the caller flushes `r` into memory before it can
    overflow (every ``_FLUSH`` additions of at most 4).
    """
    b0 = r[0] ^ a0
    c = r[0] & a0
    b1, c = _full_add(r[1], a1, c)
    b2, c = _full_add(r[2], a2, c)
    b3 = r[3] ^ c
    c &= r[3]
    b4 = r[4] ^ c
    c &= r[4]
    b5 = r[5] ^ c
    c &= r[5]
    b6 = r[6] ^ c
    c &= r[6]
    return (b0, b1, b2, b3, b4, b5, b6, r[7] ^ c)


@njit(inline="always")
def _flush(acc, r):
    """Add the 8-bit bit-sliced counter `r` to the wide bit-sliced counter `acc` (memory)."""
    c = _ZERO
    for b in range(8):
        acc[b], c = _full_add(acc[b], r[b], c)
    b = 8
    while c:  # ripple; `acc` is wide enough never to overflow
        x = acc[b]
        acc[b] = x ^ c
        c &= x
        b += 1


@njit(inline="always")
def _lane_value(acc, lane, n_bits):
    """The integer that lane `lane` of the bit-sliced counter `acc` holds."""
    v = 0
    for b in range(n_bits):
        v |= np.int64((acc[b] >> np.uint64(lane)) & _U1) << b
    return v


@njit(inline="always")
def _mux_k(tbl, col, o, k0, k1, k2):
    """Threshold bits of class ``k = k0 + 2 k1 + 4 k2`` (0-4) in every lane.

    From entries ``o .. o + 4`` of column `col`: ``a_0, a_0 ^ a_1, a_2, a_2 ^ a_3, a_0 ^ a_4``.
    """
    m01 = tbl[col, o] ^ (k0 & tbl[col, o + 1])
    m23 = tbl[col, o + 2] ^ (k0 & tbl[col, o + 3])
    m03 = m01 ^ (k1 & (m01 ^ m23))
    return m03 ^ (k2 & tbl[col, o + 4])  # k2 set: k = 4, k0 = k1 = 0, m03 = a_0


@njit(inline="always")
def _mux_ks(tbl, col, s, k):
    """Threshold bits of class ``(k, s)`` for a ``k`` that is the same in every lane."""
    return tbl[col, 10 + 2 * k] ^ (s & tbl[col, 11 + 2 * k])


@njit(inline="always")
def _mux(tbl, col, mode, s, k0, k1, k2):
    """Column `col` of the class table, lane by lane: the bit of class ``(k, s)``.

    The lanes that matter (see `mode`) get the right value; the others any value.
    ``mode`` 0: ``k <= 1`` and the same value for both ``s``; 1: the same for both ``s``;
    2: ``k <= 2``; 3: every class. See :func:`_tables` for the layout of `tbl`.
    """
    if mode == 0:
        return tbl[col, 0] ^ (k0 & tbl[col, 1])
    if mode == 1:
        return _mux_k(tbl, col, 0, k0, k1, k2)
    if mode == 2:
        m0 = _mux_ks(tbl, col, s, 0)
        m01 = m0 ^ (k0 & (m0 ^ _mux_ks(tbl, col, s, 1)))
        return m01 ^ (k1 & (m01 ^ _mux_ks(tbl, col, s, 2)))  # k1 set: k = 2, k0 = 0
    lo = _mux_k(tbl, col, 0, k0, k1, k2)
    return lo ^ (s & (lo ^ _mux_k(tbl, col, 5, k0, k1, k2)))


@njit(inline="always")
def _update(s, nu, nd, nc, ns, key, tbl, mode, rel):
    """New spin word of one site-word, given its four neighbour words.

    ``rel`` all ones (Metropolis): a lane's class is ``2 k + s`` with ``k`` the number of
    anti-aligned neighbours and ``s`` its spin bit, and an accepted lane flips. ``rel``
    zero (heat bath): ``k`` is the number of up neighbours, and an accepted lane is set
    up, a rejected one down. Column ``j < 32`` of `tbl` holds bit ``31 - j`` of each
    class's threshold ``q``, column ``_SURE`` the classes with ``q = 2**32`` and ``_OPEN``
    those with ``0 < q < 2**32``. Open lanes compare their uniform ``U`` (bit ``l`` of
    successive random words, most significant first) with ``q`` bit by bit; a lane is
    decided at the first bit where they differ, and words are drawn until every lane
    is decided: the lane accepts iff ``U < q``.
    """
    x = s & rel
    k0, k1, k2 = _count4(x ^ nu, x ^ nd, x ^ nc, x ^ ns)
    full = 1 if mode < 2 else 3
    res = _mux(tbl, _SURE, full, s, k0, k1, k2)
    und = _mux(tbl, _OPEN, full, s, k0, k1, k2)
    if und:
        # about 7 words decide 64 lanes: the first _UNROLL without a data-dependent branch
        for j in range(_UNROLL):
            r = _mix(key + _GAMMA * np.uint64(j))
            p = _mux(tbl, j, mode, s, k0, k1, k2)
            d = (r ^ p) & und  # lanes whose uniform and threshold first differ at this bit
            res |= d & p  # ... with threshold bit 1, uniform bit 0: U < q, accept
            und ^= d
        j = _UNROLL
        while und and j < _BITS:  # lanes undecided after 32 bits have U == q: reject
            r = _mix(key + _GAMMA * np.uint64(j))
            p = _mux(tbl, j, mode, s, k0, k1, k2)
            d = (r ^ p) & und
            res |= d & p
            und ^= d
            j += 1
    return x ^ res


@njit(cache=True)
def _kernel(words, streams, tbl, mode, rel, seed, n_burn, w0, w1, s0, s1, h, acc, e_out, m_out):
    """Run steps ``s0 <= st < s1`` of words ``w0 <= w < w1``; a step is one row of one colour.

    ``words[w, c, i, k]`` is the word of colour `c` (0 black, 1 white) at row `i`,
    column index `k`, in the colour layout of :func:`isingneuron.lattice._local_kernel`.
    Step ``st`` is row ``i`` of colour ``c`` in sweep ``t``, ``st = (2 t + c) L + i``.
    The site-word ``(t, c, w, i, k)`` takes its random words from the SplitMix64
    counters ``32 n + 1 .. 32 n + 32`` with ``n = (((2 t + c) n_words + v) L + i) W + k``,
    ``v = streams[w]`` (normally ``w``), so any split into calls gives bit-identical
    results. During the white half of a measured sweep (``t >= n_burn``) the new
    disagreeing bonds and up spins are added to the bit-sliced counters ``acc[w]``
    (through 8-bit counters in registers); after its last row they are written to
    ``e_out`` and ``m_out`` and cleared.
    """
    n_words, _, L, W = words.shape
    n_sites = 2 * L * W
    n_rep = e_out.shape[0]
    n_bits = acc.shape[2]
    for w in range(w0, w1):
        accd = acc[w, 0]
        accu = acc[w, 1]
        for st in range(s0, s1):
            t = st // (2 * L)
            c = (st // L) % 2
            i = st % L
            a = words[w, c, i]
            bu = words[w, 1 - c, i - 1 if i > 0 else L - 1]
            bd = words[w, 1 - c, i + 1 if i < L - 1 else 0]
            bc = words[w, 1 - c, i]
            sh = -1 if (i + c) % 2 == 0 else 1  # second same-row neighbour at k + sh
            n0 = ((((2 * t + c) * n_words + streams[w]) * L + i) * W) * _BITS + 1
            row = np.uint64(seed) + _GAMMA * np.uint64(n0)
            measure = c == 1 and t >= n_burn
            rd = _REG0  # disagreeing bonds and up spins of this row, 8-bit counters
            ru = _REG0
            n_in = 0
            for k in range(W):
                ks = k + sh
                ks = W - 1 if ks < 0 else (0 if ks == W else ks)
                s = a[k]
                nu, nd, nc, ns = bu[k], bd[k], bc[k], bc[ks]
                key = row + _GAMMA * np.uint64(k * _BITS)
                new = _update(s, nu, nd, nc, ns, key, tbl, mode, rel)
                a[k] = new
                if measure:  # the white site's bonds and spin, and its black partner's spin
                    d0, d1, d2 = _count4(new ^ nu, new ^ nd, new ^ nc, new ^ ns)
                    rd = _reg_add(rd, d0, d1, d2)
                    ru = _reg_add(ru, new ^ nc, new & nc, _ZERO)
                    n_in += 1
                    if n_in == _FLUSH:
                        _flush(accd, rd)
                        _flush(accu, ru)
                        rd = _REG0
                        ru = _REG0
                        n_in = 0
            if measure:
                _flush(accd, rd)
                _flush(accu, ru)
            if measure and i == L - 1:
                for lane in range(min(_LANES, n_rep - _LANES * w)):
                    disagree = _lane_value(accd, lane, n_bits)
                    up = _lane_value(accu, lane, n_bits)
                    bonds = 2 * n_sites - 2 * disagree
                    total = 2 * up - n_sites
                    e_out[_LANES * w + lane, t - n_burn] = (-bonds - h * total) / n_sites
                    m_out[_LANES * w + lane, t - n_burn] = total / n_sites
                accd[:] = 0
                accu[:] = 0


# ---------------------------------------------------------------------------
# Thresholds, layout, chunks
# ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=256)
def _class_thresholds(algorithm, T, h):
    """Thresholds ``q = round(p * 2**32)`` of the 10 classes ``2 k + s`` (``s`` = 1: up).

    Metropolis: ``k`` anti-aligned neighbours, ``p = min(1, exp(-dE / T))`` the flip
    probability, ``dE = 2 (4 - 2 k) + 2 s h`` (``s = -1, +1``). Heat bath: ``k`` up
    neighbours, ``p = expit(2 (2 k - 4 + h) / T)`` the probability of "up" (either ``s``).
    At ``T = 0`` the limits ``T -> 0+``.
    """
    k = np.arange(5.0)[:, None]
    s = np.array([-1.0, 1.0])[None, :]
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if algorithm == "metropolis":
            dE = 2.0 * (4.0 - 2.0 * k) + 2.0 * s * h
            p = (dE <= 0).astype(float) if T == 0 else np.exp(np.minimum(0.0, -dE / T))
        else:
            x = np.broadcast_to(2.0 * k - 4.0 + h, (5, 2))
            p = (np.sign(x) + 1.0) / 2.0 if T == 0 else expit(2.0 * x / T)
    return tuple(int(v) for v in np.rint(p.ravel() * float(_ONE)))


def _tables(algorithm, T, h):
    """Class table, kernel mode and ``rel`` word for :func:`_update`.

    Column ``j < 32`` is about bit ``31 - j`` of the thresholds ``q``, column ``_SURE``
    about ``q = 2**32``, column ``_OPEN`` about ``0 < q < 2**32``; with ``a[c]`` all ones
    where that holds for class ``c = 2 k + s``, a column holds, for the bit-sliced
    multiplexers, ``a[s], a[s] ^ a[2 + s], a[4 + s], a[4 + s] ^ a[6 + s], a[s] ^ a[8 + s]``
    for ``s = 0`` (entries 0-4) and ``s = 1`` (5-9), and ``a[2 k], a[2 k] ^ a[2 k + 1]``
    for ``k = 0, 1, 2`` (10-15). The mode is the cheapest selection that is right in
    every lane with ``0 < q < 2**32``.
    """
    q = _class_thresholds(algorithm, T, h)
    bits = np.zeros((10, _BITS + 2), dtype=bool)
    for c, v in enumerate(q):
        bits[c, :_BITS] = [(v >> (_BITS - 1 - j)) & 1 for j in range(_BITS)] if v < _ONE else 0
        bits[c, _SURE] = v == _ONE
        bits[c, _OPEN] = 0 < v < _ONE
    a = bits  # a[c]: the columns of class c
    entries = []
    for sb in (0, 1):
        entries += [a[sb], a[sb] ^ a[2 + sb], a[4 + sb], a[4 + sb] ^ a[6 + sb], a[sb] ^ a[8 + sb]]
    for k in range(3):
        entries += [a[2 * k], a[2 * k] ^ a[2 * k + 1]]
    tbl = np.where(np.stack(entries, axis=1), _ALL, _ZERO)  # (34, 16)
    open_k = np.flatnonzero(bits[:, _OPEN]) // 2
    top = int(open_k.max()) if open_k.size else 0
    if np.array_equal(bits[0::2], bits[1::2]):  # the spin does not matter
        mode = 0 if top <= 1 else 1
    else:
        mode = 2 if top <= 2 else 3
    rel = _ALL if algorithm == "metropolis" else _ZERO
    return tbl, mode, rel


def _to_colours(full):
    """``(..., L, L)`` words -> ``(..., 2, L, L/2)`` colour layout (black 0, white 1)."""
    L = full.shape[-1]
    out = np.empty((*full.shape[:-2], 2, L, L // 2), full.dtype)
    out[..., 0, 0::2, :] = full[..., 0::2, 0::2]
    out[..., 0, 1::2, :] = full[..., 1::2, 1::2]
    out[..., 1, 0::2, :] = full[..., 0::2, 1::2]
    out[..., 1, 1::2, :] = full[..., 1::2, 0::2]
    return out


def _from_colours(words):
    """Inverse of :func:`_to_colours`."""
    L = words.shape[-2]
    full = np.empty((*words.shape[:-3], L, L), words.dtype)
    full[..., 0::2, 0::2] = words[..., 0, 0::2, :]
    full[..., 1::2, 1::2] = words[..., 0, 1::2, :]
    full[..., 0::2, 1::2] = words[..., 1, 0::2, :]
    full[..., 1::2, 0::2] = words[..., 1, 1::2, :]
    return full


def _pack(spins):
    """``(n, L, L)`` int8 spins -> ``(ceil(n / 64), 2, L, L/2)`` uint64 words (bit = up)."""
    n, L, _ = spins.shape
    n_words = -(-n // _LANES)
    bits = np.zeros((n_words * _LANES, L, L), np.uint8)
    bits[:n] = spins > 0
    lanes_last = bits.reshape(n_words, _LANES, L, L).transpose(0, 2, 3, 1)
    packed = np.packbits(lanes_last, axis=-1, bitorder="little")  # (n_words, L, L, 8)
    full = np.ascontiguousarray(packed).view("<u8")[..., 0].astype(np.uint64)
    return _to_colours(full)


def _unpack(words, n):
    """Inverse of :func:`_pack`: the first `n` replicas as ``(n, L, L)`` int8 spins."""
    full = _from_colours(words)
    n_words, L, _ = full.shape
    as_bytes = np.ascontiguousarray(full.astype("<u8")).view(np.uint8).reshape(n_words, L, L, 8)
    bits = np.unpackbits(as_bytes, axis=-1, bitorder="little")  # (n_words, L, L, 64)
    spins = bits.transpose(0, 3, 1, 2).reshape(n_words * _LANES, L, L)[:n]
    return (2 * spins.astype(np.int8) - 1).astype(np.int8)


def _chunks(n_steps, n_words, L):
    """Kernel calls ``(w0, w1, s0, s1)`` of about ``_CHUNK_WORK`` site-words each.

    Whole sweeps of all words if they fit, else one sweep of some words, else some rows
    of one word (a sweep of a word costs ``L**2`` site-words and the equivalent of
    ``_MEASURE_WORK`` more for its measurement). Each word's steps run in order, so the
    result does not depend on the split.
    """
    sweep = L * L + _MEASURE_WORK
    if _CHUNK_WORK >= sweep * n_words:
        step, per = (_CHUNK_WORK // (sweep * n_words)) * 2 * L, n_words
    elif _CHUNK_WORK >= sweep:
        step, per = 2 * L, _CHUNK_WORK // sweep
    else:
        step, per = max(1, _CHUNK_WORK // (L // 2)), 1
    return [
        (w0, min(w0 + per, n_words), s0, min(s0 + step, n_steps))
        for s0 in range(0, n_steps, step)
        for w0 in range(0, n_words, per)
    ]


def _word_streams(n_words):
    """Counter stream of each word: its own index (the tests replace it to share streams)."""
    return np.arange(n_words, dtype=np.int64)


def _run(words, algorithm, T, h, seed, n_burn, n_sweeps, n_replicas):
    """Advance `words` in place; return the (energy, magnetisation) series of every replica."""
    n_words, _, L, _ = words.shape
    n_bits = max(8, (2 * L * L).bit_length()) + 1  # counts up to 2 N (disagreeing bonds)
    acc = np.zeros((n_words, 2, n_bits), np.uint64)
    e = np.empty((n_replicas, n_sweeps))
    m = np.empty((n_replicas, n_sweeps))
    tbl, mode, rel = _tables(algorithm, T, h)
    streams = _word_streams(n_words)
    seed = np.uint64(seed)
    for w0, w1, s0, s1 in _chunks(2 * L * (n_burn + n_sweeps), n_words, L):
        _kernel(words, streams, tbl, mode, rel, seed, n_burn, w0, w1, s0, s1, h, acc, e, m)
    return e, m


# ---------------------------------------------------------------------------
# Helpers for tests: one half-sweep and the random uniforms behind it
# ---------------------------------------------------------------------------
def _half_sweep(words, algorithm, T, h, seed, t, c):
    """Update colour `c` of sweep `t` of every word in place (no measurement)."""
    n_words, _, L, _ = words.shape
    tbl, mode, rel = _tables(algorithm, T, h)
    acc = np.zeros((n_words, 2, 40), np.uint64)
    empty = np.empty((0, 0))
    s0 = (2 * t + c) * L
    seed = np.uint64(seed)
    streams = _word_streams(n_words)
    args = (seed, t + 1, 0, n_words, s0, s0 + L, h, acc, empty, empty)
    _kernel(words, streams, tbl, mode, rel, *args)
    return words


def _uniforms(seed, t, c, w, i, k, L, n_words):
    """The 32-bit uniforms ``U`` of the 64 lanes at site-word ``(t, c, w, i, k)``.

    Lane ``l`` accepts iff ``U[l] < q`` (its class's threshold); the kernel reads only as
    many of the 32 random words as it needs to decide every lane.
    """
    W = L // 2
    n0 = ((((2 * t + c) * n_words + w) * L + i) * W + k) * _BITS + 1
    g, s = int(_GAMMA), int(seed)
    u = np.zeros(_LANES, np.uint64)
    for j in range(_BITS):
        r = int(_mix(np.uint64((s + g * (n0 + j)) % 2**64)))
        bits = np.array([(r >> lane) & 1 for lane in range(_LANES)], dtype=np.uint64)
        u |= bits << np.uint64(_BITS - 1 - j)
    return u


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ReplicaSimulation:
    """Result of :func:`simulate_replicas`: per-sweep series of every replica, final states."""

    L: int  # linear size; N = L * L spins per replica
    T: float  # temperature
    h: float  # magnetic field
    algorithm: str  # "metropolis" or "heatbath"
    n_burn: int  # sweeps discarded before the first measurement
    n_replicas: int  # number of independent lattices
    energy: np.ndarray = field(repr=False)  # (n_replicas, n_sweeps) energy per spin, incl. -h m
    magnetization: np.ndarray = field(repr=False)  # (n_replicas, n_sweeps) per spin
    spins: np.ndarray = field(repr=False)  # (n_replicas, L, L) int8 final configurations


def _check_sizes(L, n_sweeps, n_burn, n_replicas):
    """Refuse runs too large to record, to hold or to finish; checked before allocating."""
    if n_replicas * n_sweeps > _MAX_RECORDED:
        raise ValueError(
            f"n_replicas * n_sweeps must be <= {_MAX_RECORDED} (2**28; the recorded series "
            f"take 16 bytes per replica and sweep, {16 * n_replicas * n_sweeps / 2**30:.3g} GiB "
            f"requested), got n_replicas={n_replicas}, n_sweeps={n_sweeps}"
        )
    if n_replicas * L * L > _MAX_SPINS:
        raise ValueError(
            f"n_replicas * L**2 must be <= {_MAX_SPINS} (2**30 spins: the final configurations "
            f"take a byte per spin), got n_replicas={n_replicas}, L={L}"
        )
    lanes = _LANES * -(-n_replicas // _LANES)
    work = lanes * L * L * (n_burn + n_sweeps)
    if work > _MAX_WORK:
        raise ValueError(
            f"n_burn + n_sweeps must keep the run within {_MAX_WORK:.0e} spin updates "
            f"({lanes} lanes x L**2 = {L * L} sites per sweep, 64 lanes per word of "
            f"replicas), got L={L}, n_replicas={n_replicas}, n_burn={n_burn}, "
            f"n_sweeps={n_sweeps}, which asks for {float(work):.3g}"
        )


def simulate_replicas(
    L, T, n_sweeps, *, n_replicas=64, h=0.0, algorithm="metropolis", n_burn=0, rng=None
):
    """Run independent replicas of the Ising model and record every replica after each sweep.

    Parameters
    ----------
    L : int
        Linear lattice size, even, ``2 <= L <= 16384``; ``N = L**2`` spins per replica,
        periodic boundaries, ``n_replicas * L**2 <= 2**30``.
    T : float
        Temperature, ``T >= 0``.
    n_sweeps : int
        Number of measured sweeps, ``>= 0``, with ``n_replicas * n_sweeps <= 2**28`` (the
        recorded series take 16 bytes per replica and sweep).
    n_replicas : int, optional
        Number of independent lattices, ``>= 1``. They are packed 64 to a machine word,
        so a multiple of 64 costs no more than the number just below it.
    h : float, optional
        Magnetic field, ``|h| <= 1e6``.
    algorithm : {"metropolis", "heatbath"}, optional
        Local update rule in checkerboard order, as in :func:`isingneuron.lattice.sweep`
        (Wolff cluster updates are not offered: they do not act on all replicas alike).
    n_burn : int, optional
        Sweeps run and discarded before the first measurement, ``>= 0``. The whole run is
        limited to ``10**12`` spin updates, counting 64 per word of replicas
        (``64 * ceil(n_replicas / 64) * L**2 * (n_burn + n_sweeps)``).
    rng : None, int or numpy.random.Generator, optional
        Source of the random start and of the kernel seed; the same seed gives
        bit-identical results.

    Returns
    -------
    ReplicaSimulation
        Frozen dataclass with fields ``L, T, h, algorithm, n_burn, n_replicas``, the
        arrays ``energy`` and ``magnetization`` (float64, shape ``(n_replicas, n_sweeps)``,
        per spin, measured after each sweep after the burn-in; the energy includes the
        field term ``-h m``) and ``spins`` (int8, shape ``(n_replicas, L, L)``, the final
        configurations).

    Notes
    -----
    *Dynamics.* Each replica is a chain of :func:`isingneuron.lattice.simulate`: the
    same Hamiltonian (doubled bonds at ``L = 2``), checkerboard order and update rules
    (see :func:`isingneuron.lattice.sweep`, also for ``T = 0`` and for the closed orbits
    of Metropolis at ``dE = 0``), started from independent random spins (infinite
    temperature); only the random numbers differ.

    *Multi-spin coding.* Bit ``l`` of word ``(i, j)`` of word-lattice ``w`` is the spin at
    ``(i, j)`` of replica ``64 w + l`` (1 = up); ``ceil(n_replicas / 64)`` words per site,
    and the replicas beyond `n_replicas` in the last word are simulated and discarded.
    For the sites of one colour, a bit-sliced adder counts in 64 replicas at once the
    neighbours ``k`` (0-4) that are anti-aligned with the spin (Metropolis: XOR of the
    spin word with the neighbour words) or up (heat bath). A lane's class is ``(k, s)``:
    Metropolis flips with probability ``p = min(1, exp(-dE / T))``,
    ``dE = 2 (4 - 2 k) + 2 s h``, which depends on ``k`` alone at ``h = 0`` and is 1 unless
    ``k <= 1``; the heat bath sets the spin up with probability
    ``p = expit(2 (2 k - 4 + h) / T)``, whatever ``s``.

    *Random bits.* Each class's ``p`` is rounded to the integer ``q = round(p * 2**32)``,
    and replica ``l`` accepts (flips, or is set up) iff ``U < q``, where its uniform 32-bit
    integer ``U`` is made of bit ``l`` of 32 successive random words, most significant
    first: the probability is exactly ``q / 2**32``, within ``2**-33`` of ``p``. The
    comparison runs bit-parallel over the 64 lanes from the most significant bit, with a
    word of threshold bits selected lane by lane from the lanes' classes (bit-sliced
    multiplexers): a lane is decided at the first bit where ``U`` and ``q`` differ, and no
    further words are drawn once every lane is decided (about 7 words per 64 spin
    updates on average, at most 32; a lane whose ``p`` is 0 or 1 draws none), which
    changes no decision. Random word ``j`` of site-word ``(t, c, w, i, k)`` (sweep,
    colour, word, row, column) is output ``32 n + j + 1`` of a counter-based SplitMix64
    generator, ``n`` a unique index of the five, so no random bit is used by two
    replicas: different replicas read different bits of hashes of distinct counters.

    *Measurements.* During the second half of each measured sweep the disagreeing bonds
    and the up spins of every replica are counted with bit-sliced counters (exact
    integers per lane), from which ``e = (-(2 N - 2 n_disagree) - h M) / N`` and
    ``m = M / N``.

    *Interrupts.* The kernel runs in calls of about 0.1 s (whole sweeps, or rows of a
    sweep of a large lattice): an interrupt (``KeyboardInterrupt``, Jupyter's stop
    button) ends a long run between two calls, and results are bit-identical however
    the run is split.

    *Speed.* At ``L = 256`` on one core, including the measurements, about 0.7-0.8 ns
    per spin update (0.8 ns for Metropolis in a field), against 1.8-2.7 ns for
    :func:`isingneuron.lattice.simulate` (``benchmarks/bench_replicas.py``).

    Examples
    --------
    >>> sim = simulate_replicas(8, 1.5, 500, n_replicas=100, n_burn=200, rng=0)
    >>> sim.energy.shape, sim.spins.shape
    ((100, 500), (100, 8, 8))
    >>> from isingneuron import exact
    >>> e = sim.energy.mean(axis=1)  # one time average per independent replica
    >>> err = e.std(ddof=1) / np.sqrt(e.size)
    >>> bool(abs(e.mean() - exact.energy(1.5, L=8)) < 4 * err)
    True
    """
    L = _check_L(L)
    algorithm = choice("algorithm", algorithm, _ALGORITHMS)
    T, h, algorithm, _ = _check_model(T, h, algorithm, 1)
    n_sweeps = positive_int("n_sweeps", n_sweeps, minimum=0)
    n_replicas = positive_int("n_replicas", n_replicas, minimum=1)
    n_burn = positive_int("n_burn", n_burn, minimum=0)
    _check_sizes(L, n_sweeps, n_burn, n_replicas)
    rng = generator(rng)
    seed = int(rng.integers(2**63))
    n_words = -(-n_replicas // _LANES)
    start = rng.integers(0, 2**64, size=(n_words, L, L), dtype=np.uint64)
    words = _to_colours(start)
    e, m = _run(words, algorithm, T, h, seed, n_burn, n_sweeps, n_replicas)
    spins = _unpack(words, n_replicas)
    return ReplicaSimulation(L, T, h, algorithm, n_burn, n_replicas, e, m, spins)
