"""Quench-and-re-heat protocols: the temperature history and the spikes it yields.

§II.D of the paper: an input is a quench that drops the temperature of the
membrane-magnet from the bath value ``T_bath`` by ``Q``; pumps then re-heat it
at a constant rate ``r`` until it is back at ``T_bath``, at ``t = Q / r``.
While it is cold enough the magnet is ordered (the neurone fires), and the
time it spends magnetised counts the spikes. In the adiabatic (slow
re-heating) limit used by the paper the magnetisation follows its equilibrium
value ``m(T(t))`` at every instant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations, lattice
from ._validation import (
    MAX_ELEMENTS,
    MAX_SCHEDULE,
    choice,
    finite,
    finite_scalar,
    generator,
    nonnegative,
    nonnegative_scalar,
    positive_int,
    positive_scalar,
    scalar_or_array,
    spin_updates,
)

__all__ = [
    "LatticeQuenchResponse",
    "QuenchResponse",
    "SpikeCountStatistics",
    "lattice_quench_response",
    "lattice_spike_counts",
    "periodic_quench_temperature",
    "quench_response",
    "reheating_temperature",
]


def reheating_temperature(t, Q, *, T_bath, rate=1.0):
    r"""Temperature after a quench at ``t = 0`` followed by linear re-heating.

    .. math:: T(t) = T_\mathrm{bath} - Q + r t \quad (0 \le t \le Q/r),

    with ``T = T_bath`` before the quench (``t < 0``) and after recovery
    (``t > Q / r``). The paper writes the quench as
    ``T(t) = T - δ(t - t_c) Q`` and the re-heating as ``T(t) = t - Q``
    (``r = 1``, ``T_bath = 0``, ``t_c = 0``).

    Parameters
    ----------
    t : array_like
        Time(s), any real.
    Q : float
        Quench strength, ``Q >= 0``.
    T_bath : float
        Bath temperature, finite.
    rate : float, optional
        Re-heating rate ``r > 0``.

    Returns
    -------
    T : float or ndarray
        Same shape as `t`.

    Examples
    --------
    >>> reheating_temperature([-1.0, 0.0, 1.0, 5.0], 2.0, T_bath=1.5)
    array([ 1.5, -0.5,  0.5,  1.5])
    """
    t = finite("t", t)
    Q = nonnegative_scalar("Q", Q)
    T_bath = finite_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    with np.errstate(over="ignore"):  # Q / rate = inf: never back; inf elsewhere is refused
        T = np.where((t >= 0) & (t <= Q / rate), T_bath - Q + rate * t, T_bath)
    if not np.all(np.isfinite(T)):
        raise ValueError(
            "t, Q, T_bath and rate must keep T_bath - Q + rate t finite, got an overflow"
        )
    return scalar_or_array(T)


@dataclass(frozen=True)
class QuenchResponse:
    """Time course of one quench-and-re-heat cycle.

    Attributes
    ----------
    t : ndarray, shape (n,)
        Times, from before the quench to after recovery.
    T : ndarray, shape (n,)
        Temperature ``T(t)``.
    m : ndarray, shape (n,)
        Magnetisation (firing) ``m(T(t))``.
    spikes : ndarray, shape (n,)
        Running spike count ``∫ m dt`` up to each time (exact, not a
        quadrature of the sampled `m`).
    total : float
        Spike count of the whole cycle, ``spikes[-1]``.
    """

    t: np.ndarray
    T: np.ndarray
    m: np.ndarray
    spikes: np.ndarray
    total: float


def quench_response(
    Q, *, T_bath, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="fit", n_points=401, margin=0.25
):
    """The magnetisation and running spike count along one quench cycle.

    Parameters
    ----------
    Q : float
        Quench strength, ``Q >= 0``.
    T_bath : float
        Bath temperature, finite.
    Tc, a, b, rate, model
        As in :func:`isingneuron.spike_count`: eq. (2) (``"fit"``), the
        exact mean-field branch (``"meanfield"``) or the exact 2D
        magnetisation (``"onsager"``).
    n_points : int, optional
        Number of time samples, ``2 <= n_points <= 2**28``.
    margin : float, optional
        Fraction of the cycle length ``Q / rate`` shown before the quench and
        after recovery, ``>= 0``.

    Returns
    -------
    QuenchResponse
        Frozen dataclass with ``t``, ``T``, ``m``, ``spikes`` and ``total``.

    Notes
    -----
    The running count at time ``t`` inside the cycle is the spike count of a
    quench of strength ``r t`` from a bath at ``T(t)``, so it reuses the
    closed forms of :func:`isingneuron.spike_count`.

    Examples
    --------
    >>> resp = quench_response(3.0, T_bath=1.5)
    >>> round(resp.total, 6)
    2.499794
    >>> float(resp.m.max().round(6))
    1.0
    """
    Q = nonnegative_scalar("Q", Q)
    T_bath = finite_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    choice("model", model, ("fit", "meanfield", "onsager"))
    n_points = positive_int("n_points", n_points, minimum=2, maximum=MAX_ELEMENTS)
    margin = nonnegative_scalar("margin", margin)
    with np.errstate(over="ignore"):
        duration = Q / rate
        span = max(duration, 1.0 / rate)
        lo, hi = -margin * span, duration + margin * span
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(
            "Q, rate and margin must keep the time window (1 + 2 margin) max(Q, 1) / rate "
            f"finite, got Q={Q!r}, rate={rate!r}, margin={margin!r}"
        )
    t = np.linspace(lo, hi, n_points)
    T = np.asarray(reheating_temperature(t, Q, T_bath=T_bath, rate=rate))
    m = np.asarray(activations.ordered_magnetization(T, model=model, Tc=Tc, a=a, b=b))
    elapsed = np.clip(t, 0.0, duration)
    kw = dict(Tc=Tc, a=a, b=b, rate=rate, model=model)
    T_now = T_bath - Q + rate * elapsed
    spikes = np.asarray(activations.spike_count(rate * elapsed, T_bath=T_now, **kw))
    total = float(activations.spike_count(Q, T_bath=T_bath, **kw))
    spikes = np.where(t > duration, total, spikes)
    return QuenchResponse(t=t, T=T, m=m, spikes=spikes, total=total)


def periodic_quench_temperature(t, *, Q, period, T_bath, rate=1.0):
    """Temperature under a train of identical quenches, one every `period`.

    Each period starts with a quench of strength `Q` at ``t = k * period``,
    followed by linear re-heating at `rate` back to `T_bath`, where the
    temperature stays until the next quench (§II.A: "for periodic quenching,
    the dynamics themselves will be periodic").

    Parameters
    ----------
    t : array_like
        Times, ``t >= 0``.
    Q : float
        Quench strength, ``Q >= 0``.
    period : float
        Time between quenches, ``period >= Q / rate`` (the magnet must be
        back at the bath temperature before the next input).
    T_bath : float
        Bath temperature, finite.
    rate : float, optional
        Re-heating rate, ``> 0``.

    Returns
    -------
    T : float or ndarray
        Same shape as `t`.

    Examples
    --------
    >>> periodic_quench_temperature([0.0, 1.0, 2.5, 4.0], Q=2.0, period=4.0, T_bath=3.0)
    array([1., 2., 3., 1.])
    """
    t = nonnegative("t", t)
    Q = nonnegative_scalar("Q", Q)
    rate = positive_scalar("rate", rate)
    period = positive_scalar("period", period)
    T_bath = finite_scalar("T_bath", T_bath)
    with np.errstate(over="ignore"):
        recovery = Q / rate
    if period < recovery:
        raise ValueError(
            f"period must be >= Q / rate = {recovery!r} (Q={Q!r}, rate={rate!r}), got {period!r}"
        )
    phase = np.mod(t, period)
    # rate * phase <= Q where it is selected; elsewhere an overflow is discarded
    with np.errstate(over="ignore"):
        T = np.where(phase <= recovery, T_bath - Q + rate * phase, T_bath)
    if not np.all(np.isfinite(T)):
        raise ValueError(
            f"Q and T_bath must keep T_bath - Q finite, got Q={Q!r}, T_bath={T_bath!r}"
        )
    return scalar_or_array(T)


@dataclass(frozen=True)
class LatticeQuenchResponse:
    """One quench-and-re-heat cycle of a lattice magnet under local dynamics.

    Attributes
    ----------
    t : ndarray, shape (n,)
        Time in Monte Carlo sweeps, 0 at the quench (negative: rest).
    T : ndarray, shape (n,)
        Temperature of each sweep.
    m : ndarray, shape (n,)
        Magnetisation per spin after each sweep.
    spikes : ndarray, shape (n,)
        Running spike count from the quench on: sweeps spent magnetised,
        weighted by ``|m|`` above the resting level (0 before the quench).
    total : float
        ``spikes[-1]``: the count of the whole record, relaxation included.
    baseline : float
        Resting level of ``|m|``: its mean over the second half of the rest
        period (0 if there is no rest period). A finite magnet at rest above
        ``Tc`` has ``|m| ~ N^(-1/2)``, not 0; this thermal noise is not firing.
    """

    t: np.ndarray
    T: np.ndarray
    m: np.ndarray
    spikes: np.ndarray
    total: float
    baseline: float


def lattice_quench_response(
    Q,
    *,
    L,
    T_bath,
    rate,
    h=0.0,
    n_rest=100,
    n_after=None,
    algorithm="heatbath",
    start=None,
    rng=None,
):
    """The §II.D protocol on a real L x L Ising lattice with local dynamics.

    The magnet rests at `T_bath` for `n_rest` sweeps (from `start`, default a
    random configuration, i.e. equilibrated from infinite temperature), is
    quenched to ``T_bath - Q`` and re-heated by `rate` per sweep back to
    `T_bath`, then left for `n_after` sweeps. Temperatures below zero are
    clipped to 0 (a zero-temperature quench). The spike count is the time
    spent magnetised above the resting level, ``sum_k (|m_k| - baseline)``
    over the sweeps from the quench on, the lattice analogue of ``∫ m dt``;
    ``rate * total`` is comparable with ``rate * spike_count(...)`` of the
    continuum models (both are ``∫ m dT`` in the slow limit).

    Parameters
    ----------
    Q : float
        Quench strength, ``Q >= 0``, in units of ``J / k_B``.
    L : int
        Even lattice size ``>= 2``.
    T_bath : float
        Bath temperature, ``> 0``.
    rate : float
        Re-heating rate in temperature per sweep, ``> 0``.
    h : float, optional
        Uniform field during the whole record (a small ``h > 0`` chooses the
        sign of the ordered state, the role the paper gives to the boundary
        condition).
    n_rest, n_after : int, optional
        Sweeps before the quench (``>= 0``) and after re-heating (default: a
        quarter of the re-heating time, at least 20).
    algorithm : {"heatbath", "metropolis"}, optional
        Local rule; heat-bath is Glauber dynamics.
    start : ndarray of int8, shape (L, L), optional
        Initial configuration (copied); default random.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    LatticeQuenchResponse

    Examples
    --------
    >>> r = lattice_quench_response(2.0, L=16, T_bath=3.0, rate=0.02, h=0.02, rng=1)
    >>> int(r.t[0]), float(r.T.min()), bool(r.m.max() > 0.9)
    (-100, 1.0, True)
    """
    Q = nonnegative_scalar("Q", Q)
    L = lattice._check_L(L)
    T_bath = positive_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    n_rest, n_heat, n_after = _protocol_sweeps(Q, rate, n_rest, n_after)
    spin_updates(
        "L, Q, rate, n_rest and n_after",
        (n_rest + n_heat + n_after) * L * L,
        f"L={L}, {n_rest + n_heat + n_after} sweeps",
    )
    h = finite_scalar("h", h)
    choice("algorithm", algorithm, ("heatbath", "metropolis"))
    rng = generator(rng)
    if start is None:
        spins = (2 * rng.integers(0, 2, size=(L, L), dtype=np.int8) - 1).astype(np.int8)
    else:
        lattice._check_spins("start", start)
        if start.shape != (L, L):
            raise ValueError(f"start must have shape {(L, L)}, got {start.shape}")
        spins = start.copy()
    k = np.arange(n_heat)
    T = np.concatenate(
        [
            np.full(n_rest, T_bath),
            np.minimum(T_bath - Q + rate * k, T_bath),
            np.full(n_after, T_bath),
        ]
    )
    T = np.maximum(T, 0.0)
    traj = lattice.run_schedule(spins, T, h=h, algorithm=algorithm, rng=rng)
    t = np.arange(T.size) - n_rest
    absm = np.abs(traj.magnetization)
    baseline = float(absm[n_rest // 2 : n_rest].mean()) if n_rest >= 2 else 0.0
    after = t >= 0
    spikes = np.where(after, np.cumsum(np.where(after, absm - baseline, 0.0)), 0.0)
    return LatticeQuenchResponse(
        t=t,
        T=T,
        m=traj.magnetization,
        spikes=spikes,
        total=float(spikes[-1]),
        baseline=baseline,
    )


def _protocol_sweeps(Q, rate, n_rest, n_after):
    """Sweeps at rest, re-heating and after, checked before anything is allocated."""
    n_rest = positive_int("n_rest", n_rest, minimum=0, maximum=MAX_SCHEDULE)
    with np.errstate(over="ignore"):
        heat = Q / rate
    if not heat <= MAX_SCHEDULE:
        raise ValueError(
            f"Q and rate must keep the re-heating Q / rate within {MAX_SCHEDULE:.0e} sweeps, "
            f"got Q={Q!r}, rate={rate!r}"
        )
    n_heat = int(np.ceil(heat)) + 1
    if n_after is None:
        n_after = max(20, n_heat // 4)
    else:
        n_after = positive_int("n_after", n_after, minimum=0, maximum=MAX_SCHEDULE)
    if n_rest + n_heat + n_after > MAX_SCHEDULE:
        raise ValueError(
            f"n_rest, Q / rate and n_after must add up to at most {MAX_SCHEDULE:.0e} sweeps, "
            f"got n_rest={n_rest}, Q={Q!r}, rate={rate!r}, n_after={n_after}"
        )
    return n_rest, n_heat, n_after


@dataclass(frozen=True)
class SpikeCountStatistics:
    """Spike counts of repeated lattice quenches.

    Attributes
    ----------
    Q : ndarray, shape (k,)
        Quench strengths.
    mean, error : ndarray, shape (k,)
        Mean of ``rate * total`` over the runs and its standard error
        (sample standard deviation / sqrt(n_runs); the runs are independent).
    n_runs : int
    """

    Q: np.ndarray
    mean: np.ndarray
    error: np.ndarray
    n_runs: int


def lattice_spike_counts(Q, *, L, T_bath, rate, n_runs=8, rng=None, **kwargs):
    """Mean spike count ``rate * N`` against quench strength, over independent runs.

    Parameters
    ----------
    Q : array_like, shape (k,)
        Quench strengths, ``>= 0``.
    L, T_bath, rate
        As in :func:`lattice_quench_response`.
    n_runs : int, optional
        Independent runs per quench strength, ``>= 2``.
    rng : None, int or numpy.random.Generator, optional
    **kwargs
        Passed on to :func:`lattice_quench_response` (``h``, ``n_rest``,
        ``n_after``, ``algorithm``).

    Returns
    -------
    SpikeCountStatistics
        ``rate * N`` is in units of temperature (``∫ |m| dT`` in the slow
        limit), directly comparable with ``rate * spike_count(...)``.

    Examples
    --------
    >>> s = lattice_spike_counts([0.0, 2.0], L=8, T_bath=3.0, rate=0.05, h=0.05, n_runs=4, rng=0)
    >>> s.mean.shape, bool(s.mean[1] > s.mean[0])
    ((2,), True)
    """
    Q = np.ravel(nonnegative("Q", Q))
    L = lattice._check_L(L)
    T_bath = positive_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    n_runs = positive_int("n_runs", n_runs, minimum=2, maximum=MAX_SCHEDULE)
    unknown = sorted(set(kwargs) - {"h", "n_rest", "n_after", "algorithm", "start"})
    if unknown:
        raise TypeError(f"lattice_spike_counts got unexpected keyword arguments {unknown}")
    if Q.size * n_runs > MAX_SCHEDULE:
        raise ValueError(
            f"Q and n_runs must ask for at most {MAX_SCHEDULE:.0e} runs, got {Q.size} x {n_runs}"
        )
    if Q.size == 0:
        raise ValueError("Q must hold at least one quench strength, got an empty array")
    # The longest run (the strongest quench), checked before the first run starts.
    n_rest, n_after = kwargs.get("n_rest", 100), kwargs.get("n_after")
    sweeps = sum(_protocol_sweeps(float(Q.max()), rate, n_rest, n_after))
    if n_runs * Q.size * sweeps > MAX_SCHEDULE:
        raise ValueError(
            f"Q, rate and n_runs must keep all runs within {MAX_SCHEDULE:.0e} sweeps, got "
            f"{Q.size} x {n_runs} runs of up to {sweeps} sweeps"
        )
    spin_updates(
        "Q, L, rate and n_runs", n_runs * Q.size * sweeps * L * L, f"L={L}, n_runs={n_runs}"
    )
    rng = generator(rng)
    counts = np.empty((Q.size, n_runs))
    for i, q in enumerate(Q):
        for j in range(n_runs):
            resp = lattice_quench_response(q, L=L, T_bath=T_bath, rate=rate, rng=rng, **kwargs)
            counts[i, j] = resp.total
    with np.errstate(over="ignore", invalid="ignore"):
        counts *= rate
        mean = counts.mean(axis=1)
        error = counts.std(axis=1, ddof=1) / np.sqrt(n_runs)
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(error))):
        raise ValueError(f"rate must keep rate * N finite (a count is <= the sweeps), got {rate!r}")
    return SpikeCountStatistics(Q=Q, mean=mean, error=error, n_runs=n_runs)
