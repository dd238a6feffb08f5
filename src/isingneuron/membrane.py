r"""The membrane as a lattice magnet: phases, periodic quenches and the choice of sign.

§II.A–II.B of the paper describe the neural membrane as a two-dimensional Ising
ferromagnet coupled to a bath and cooled by periodic quenches. This module runs
that picture on the ``L x L`` torus of :mod:`isingneuron.lattice` (``J = k_B = 1``):

* :func:`equilibrium_snapshots` -- typical configurations in each phase, and
  :func:`equilibrium_magnetization` -- the response a slowly driven lattice
  would follow;
* :func:`quench_train` -- the periodic quench-and-re-heat protocol under Glauber
  (heat-bath) dynamics, with the sign and size of the order each quench produces;
* :func:`sign_statistics` -- is a sequence of signs a fair, memoryless coin?
* :func:`coarsening_snapshots`, :func:`quench_outcomes` and
  :func:`classify_state` -- domain coarsening after a deep quench, and how
  often it freezes into stripes;
* :func:`staggered_magnetization`, :func:`flip_sublattice` and
  :func:`simulate_antiferromagnet` -- the antiferromagnet (``J < 0``), which the
  paper's wording confuses with the ``m = -1`` ferromagnet.

The antiferromagnet needs no new simulation code: the square lattice with even
``L`` is bipartite, and flipping every spin of one sublattice,
``s_ij -> (-1)^(i+j) s_ij``, changes the sign of every bond ``s_i s_j``. It
therefore maps the ferromagnet at temperature ``T`` onto the antiferromagnet at
the same ``T``, configuration by configuration, with equal energies (at ``h = 0``);
the uniform magnetisation of one is the staggered magnetisation of the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from . import lattice
from ._validation import (
    MAX_ELEMENTS,
    MAX_SCHEDULE,
    choice,
    finite_scalar,
    generator,
    nonnegative_scalar,
    positive,
    positive_int,
    positive_scalar,
    spin_updates,
)
from .dynamics import periodic_quench_temperature

__all__ = [
    "OUTCOMES",
    "AntiferromagnetRun",
    "Coarsening",
    "EquilibriumSnapshots",
    "QuenchOutcomes",
    "QuenchTrain",
    "SignStatistics",
    "classify_state",
    "coarsening_snapshots",
    "equilibrium_magnetization",
    "equilibrium_snapshots",
    "flip_sublattice",
    "quench_outcomes",
    "quench_train",
    "sign_statistics",
    "simulate_antiferromagnet",
    "staggered_magnetization",
]

#: Labels returned by :func:`classify_state`, in the order :class:`QuenchOutcomes` counts them.
OUTCOMES = ("ordered", "stripes", "other")
_LOCAL = ("heatbath", "metropolis")
# Most steps of a Python loop that classifies or maps a configuration at each step (~50 us).
_MAX_STEPS = 10**6


# ---------------------------------------------------------------------------
# Validation (private)
# ---------------------------------------------------------------------------
def _spin_array(name, spins):
    """A square 2-D array of +1/-1 with even side (the torus must be bipartite)."""
    try:
        s = np.asarray(spins)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of +1 and -1, got {spins!r}") from None
    if s.ndim != 2 or s.shape[0] != s.shape[1]:
        raise ValueError(f"{name} must be a square 2-D L x L array, got shape {s.shape}")
    if s.shape[0] < 2 or s.shape[0] % 2:
        raise ValueError(f"{name} must be L x L with even L >= 2, got shape {s.shape}")
    if not np.issubdtype(s.dtype, np.number) or not np.all(np.abs(s) == 1):
        raise ValueError(f"{name} must contain only +1 and -1")
    return s


def _snapshots_fit(name, k, L):
    """`k` stored L x L configurations must fit in memory (int8)."""
    if k * L * L > MAX_ELEMENTS:
        raise ValueError(
            f"{name} must leave at most {MAX_ELEMENTS} stored spins ({name} x L x L), "
            f"got {k} configurations of L = {L}"
        )


def _random_spins(L, rng):
    """Independent random spins (infinite temperature), int8."""
    return (2 * rng.integers(0, 2, size=(L, L), dtype=np.int8) - 1).astype(np.int8)


def _energy(spins, J=1.0):
    """Energy per spin ``-J sum_<ij> s_i s_j / N`` of one or many configurations (last 2 axes)."""
    s = np.asarray(spins, dtype=np.int64)
    bonds = s * (np.roll(s, 1, axis=-1) + np.roll(s, 1, axis=-2))
    return -J * bonds.sum(axis=(-2, -1)) / (s.shape[-1] * s.shape[-2])


def _checkerboard(L):
    i, j = np.indices((L, L))
    return np.where((i + j) % 2 == 0, 1, -1).astype(np.int8)


# ---------------------------------------------------------------------------
# Order parameters and the sublattice map
# ---------------------------------------------------------------------------
def staggered_magnetization(spins):
    """Staggered magnetisation ``m_s = (1/N) sum_ij (-1)^(i+j) s_ij``.

    The order parameter of the antiferromagnet: ``+1`` for the perfect
    checkerboard with ``s_00 = +1``, ``-1`` for its mirror image, and zero on
    average in a ferromagnet or a paramagnet.

    Parameters
    ----------
    spins : array_like of +1/-1, shape (L, L)
        Configuration on the torus, even ``L >= 2``.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> checker = np.array([[1, -1], [-1, 1]])
    >>> staggered_magnetization(np.tile(checker, (4, 4)))
    1.0
    >>> staggered_magnetization(np.ones((8, 8)))
    0.0
    """
    s = _spin_array("spins", spins)
    return float(np.mean(s * _checkerboard(s.shape[0])))


def flip_sublattice(spins):
    """Flip every spin of one sublattice: ``s_ij -> (-1)^(i+j) s_ij``.

    On the bipartite ``L x L`` torus (even ``L``) every bond joins the two
    sublattices, so the map changes the sign of every ``s_i s_j``: the energy
    of a configuration with coupling ``J`` equals the energy of its image with
    coupling ``-J``. It is its own inverse, and it exchanges the uniform and
    the staggered magnetisations.

    Parameters
    ----------
    spins : array_like of +1/-1, shape (L, L)
        Configuration, even ``L >= 2``.

    Returns
    -------
    ndarray of int8, shape (L, L)
        A new array.

    Examples
    --------
    >>> import numpy as np
    >>> flip_sublattice(np.ones((2, 2), dtype=np.int8))
    array([[ 1, -1],
           [-1,  1]], dtype=int8)
    """
    s = _spin_array("spins", spins)
    return (s * _checkerboard(s.shape[0])).astype(np.int8)


# ---------------------------------------------------------------------------
# Equilibrium snapshots
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class EquilibriumSnapshots:
    """Result of :func:`equilibrium_snapshots`, one entry per temperature.

    Attributes
    ----------
    T : ndarray, shape (k,)
        Temperatures.
    spins : ndarray of int8, shape (k, L, L)
        Final configuration at each temperature.
    magnetization, energy : ndarray, shape (k,)
        Magnetisation and energy per spin of each final configuration.
    """

    T: np.ndarray
    spins: np.ndarray = field(repr=False)
    magnetization: np.ndarray = field(repr=False)
    energy: np.ndarray = field(repr=False)


def equilibrium_snapshots(L, T, *, n_local=200, n_cluster=300, rng=None):
    """Typical equilibrium configurations of the ferromagnet at several temperatures.

    Each temperature starts from independent random spins, runs `n_local`
    heat-bath sweeps (which equilibrate short wavelengths) and then
    `n_cluster` Wolff cluster flips (which equilibrate long wavelengths,
    where local dynamics is slow near and below ``Tc``).

    Parameters
    ----------
    L : int
        Even lattice size ``>= 2``.
    T : float or array_like, shape (k,)
        Temperatures, each finite and ``> 0``.
    n_local : int, optional
        Heat-bath sweeps, ``>= 0``.
    n_cluster : int, optional
        Wolff cluster flips, ``>= 0``.
    rng : None, int or numpy.random.Generator, optional
        Source of all random numbers.

    Returns
    -------
    EquilibriumSnapshots

    Examples
    --------
    >>> snap = equilibrium_snapshots(16, [1.5, 5.0], rng=0)
    >>> snap.spins.shape
    (2, 16, 16)
    >>> bool(abs(snap.magnetization[0]) > 0.9), bool(abs(snap.magnetization[1]) < 0.5)
    (True, True)
    """
    L = lattice._check_L(L)
    T = np.atleast_1d(positive("T", T)).astype(float)
    if T.ndim != 1:
        raise ValueError(f"T must be a scalar or a 1-D array, got shape {T.shape}")
    n_local = positive_int("n_local", n_local, minimum=0)
    n_cluster = positive_int("n_cluster", n_cluster, minimum=0)
    _snapshots_fit("T", T.size, L)
    spin_updates(  # a Wolff cluster flips at most L * L spins
        "L, T, n_local and n_cluster",
        T.size * (n_local + n_cluster) * L * L,
        f"L={L}, {T.size} temperatures, n_local={n_local}, n_cluster={n_cluster}",
    )
    rng = generator(rng)
    out = np.empty((T.size, L, L), dtype=np.int8)
    for k, temp in enumerate(T):
        spins = _random_spins(L, rng)
        lattice.sweep(spins, temp, n_local, algorithm="heatbath", rng=rng)
        lattice.sweep(spins, temp, n_cluster, algorithm="wolff", rng=rng)
        out[k] = spins
    m = out.mean(axis=(1, 2))
    e = _energy(out)
    return EquilibriumSnapshots(T=T, spins=out, magnetization=m, energy=e)


def equilibrium_magnetization(L, T, *, h, n_sweeps=1000, n_burn=200, rng=None):
    """Equilibrium mean magnetisation of the lattice in a field, at each temperature.

    The magnetisation a lattice would follow if it were driven infinitely
    slowly (the adiabatic limit the paper assumes), for comparison with
    :func:`quench_train`. Each temperature is an independent heat-bath chain
    started from all spins up (the state the field favours).

    Parameters
    ----------
    L : int
        Even lattice size ``>= 2``.
    T : float or array_like, shape (k,)
        Temperatures, each finite and ``> 0``.
    h : float
        Field, ``h > 0``.
    n_sweeps : int, optional
        Measured sweeps per temperature, ``>= 1``.
    n_burn : int, optional
        Discarded sweeps per temperature, ``>= 0``.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    ndarray, shape (k,)
        Mean magnetisation per spin over the measured sweeps.

    Notes
    -----
    ``h > 0`` is required: at ``h = 0`` the finite lattice has ``<m> = 0`` at
    every temperature, and the mean would only measure how long the chain
    stayed in the up phase. With ``h > 0`` starting from the favoured state
    avoids the metastable down phase below ``Tc``.

    Examples
    --------
    >>> m = equilibrium_magnetization(16, [1.0, 5.0], h=0.05, rng=0)
    >>> bool(m[0] > 0.99), bool(0.0 < m[1] < 0.1)
    (True, True)
    """
    L = lattice._check_L(L)
    T = np.atleast_1d(positive("T", T)).astype(float)
    if T.ndim != 1:
        raise ValueError(f"T must be a scalar or a 1-D array, got shape {T.shape}")
    h = positive_scalar("h", h)
    n_sweeps = positive_int("n_sweeps", n_sweeps, minimum=1)
    n_burn = positive_int("n_burn", n_burn, minimum=0)
    spin_updates(
        "L, T, n_sweeps and n_burn",
        T.size * (n_sweeps + n_burn) * L * L,
        f"L={L}, {T.size} temperatures, n_sweeps={n_sweeps}, n_burn={n_burn}",
    )
    rng = generator(rng)
    m = np.empty(T.size)
    for k, temp in enumerate(T):
        sim = lattice.simulate(
            L, temp, n_sweeps, h=h, algorithm="heatbath", n_burn=n_burn, start="up", rng=rng
        )
        m[k] = sim.magnetization.mean()
    return m


# ---------------------------------------------------------------------------
# The periodic quench
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class QuenchTrain:
    """Result of :func:`quench_train`: a lattice driven by periodic quenches.

    Attributes
    ----------
    t : ndarray of int, shape (n,)
        Time in Monte Carlo sweeps; the first quench is at ``t = 0`` (negative
        times are the rest at ``T_bath`` before it).
    T : ndarray, shape (n,)
        Temperature of each sweep.
    h : float
        Field.
    magnetization, energy : ndarray, shape (n,)
        Per spin, after each sweep (energy includes ``-h m``).
    spins : ndarray of int8, shape (L, L)
        Final configuration.
    quench_times : ndarray of int, shape (q,)
        Times of the quenches, ``0, period, 2 period, ...``.
    m_peak : ndarray, shape (q,)
        For each quench, the magnetisation of largest magnitude reached between
        it and the next quench (signed).
    signs : ndarray of int, shape (q,)
        ``sign(m_peak)``, ``+1`` or ``-1`` (``+1`` if ``m_peak == 0``).
    t_on, t_off : ndarray, shape (q,)
        Sweeps after each quench at which ``|m|`` first reaches `m_on`, and
        one sweep after it is last at or above `m_on` before the next quench
        (so ``t_off - t_on`` is the length of the magnetised stretch, brief
        dips below `m_on` included); nan if ``|m|`` never reaches `m_on`.
    t_cold : ndarray, shape (q,)
        Sweeps after each quench at which the temperature rises back to
        ``Tc`` or above (0 if the quench does not reach below ``Tc``; nan if the
        temperature stays below ``Tc``, i.e. ``T_bath < Tc``).
    """

    t: np.ndarray = field(repr=False)
    T: np.ndarray = field(repr=False)
    h: float
    magnetization: np.ndarray = field(repr=False)
    energy: np.ndarray = field(repr=False)
    spins: np.ndarray = field(repr=False)
    quench_times: np.ndarray = field(repr=False)
    m_peak: np.ndarray = field(repr=False)
    signs: np.ndarray = field(repr=False)
    t_on: np.ndarray = field(repr=False)
    t_off: np.ndarray = field(repr=False)
    t_cold: np.ndarray = field(repr=False)


def _first(mask):
    """Index of the first True in `mask`, or nan."""
    idx = np.flatnonzero(mask)
    return float(idx[0]) if idx.size else float("nan")


def quench_train(
    L,
    *,
    Q,
    period,
    n_quenches,
    T_bath,
    rate,
    h=0.0,
    n_rest=100,
    m_on=0.5,
    Tc=None,
    algorithm="heatbath",
    start=None,
    rng=None,
):
    """Drive a lattice magnet with a train of identical quench-and-re-heat cycles.

    The magnet rests at `T_bath` for `n_rest` sweeps; then every `period`
    sweeps a quench drops the temperature by `Q`, after which it rises by
    `rate` per sweep back to `T_bath` (:func:`isingneuron.periodic_quench_temperature`;
    temperatures below zero are clipped to 0). Each sweep is one Glauber
    (heat-bath) sweep at the current temperature and the field `h`
    (:func:`isingneuron.run_schedule`).

    Parameters
    ----------
    L : int
        Even lattice size ``>= 2``.
    Q : float
        Quench strength, ``>= 0`` (units of ``J / k_B``).
    period : int
        Sweeps between quenches, ``>= 1`` and ``>= Q / rate``.
    n_quenches : int
        Number of quenches, ``>= 1``.
    T_bath : float
        Bath temperature, ``> 0``.
    rate : float
        Re-heating rate, temperature per sweep, ``> 0``.
    h : float, optional
        Uniform field (finite).
    n_rest : int, optional
        Sweeps at `T_bath` before the first quench, ``>= 0``.
    m_on : float, optional
        Threshold on ``|m|`` that defines "magnetised" for `t_on`, `t_off`,
        ``0 < m_on <= 1``.
    Tc : float, optional
        Critical temperature for `t_cold`; default the exact
        :func:`isingneuron.onsager_tc`.
    algorithm : {"heatbath", "metropolis"}, optional
        Local update rule (heat-bath = Glauber dynamics).
    start : ndarray of +1/-1, shape (L, L), optional
        Initial configuration (copied); default independent random spins.
    rng : None, int or numpy.random.Generator, optional
        Source of all random numbers.

    Returns
    -------
    QuenchTrain

    Examples
    --------
    >>> tr = quench_train(32, Q=2.5, period=300, n_quenches=2, T_bath=3.4,
    ...                   rate=0.01, h=0.1, rng=0)
    >>> tr.t.shape, tr.signs.tolist(), bool(tr.m_peak.min() > 0.9)
    ((700,), [1, 1], True)
    >>> tr.t_cold.tolist(), bool(np.all(tr.t_on < tr.t_cold))
    ([137.0, 137.0], True)
    """
    from .exact import onsager_tc

    L = lattice._check_L(L)
    Q = nonnegative_scalar("Q", Q)
    period = positive_int("period", period, minimum=1, maximum=MAX_SCHEDULE)
    n_quenches = positive_int("n_quenches", n_quenches, minimum=1, maximum=MAX_SCHEDULE)
    T_bath = positive_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    h = finite_scalar("h", h)
    n_rest = positive_int("n_rest", n_rest, minimum=0, maximum=MAX_SCHEDULE)
    n_sweeps = n_rest + period * n_quenches
    if n_sweeps > MAX_SCHEDULE:
        raise ValueError(
            f"n_rest + period * n_quenches must be at most {MAX_SCHEDULE:.0e} sweeps, got "
            f"n_rest={n_rest}, period={period}, n_quenches={n_quenches}"
        )
    spin_updates("L, period, n_quenches and n_rest", n_sweeps * L * L, f"L={L}, {n_sweeps} sweeps")
    m_on = positive_scalar("m_on", m_on)
    if m_on > 1:
        raise ValueError(f"m_on must be in (0, 1], got {m_on!r}")
    Tc = onsager_tc() if Tc is None else positive_scalar("Tc", Tc)
    algorithm = choice("algorithm", algorithm, _LOCAL)
    rng = generator(rng)
    if start is None:
        spins = _random_spins(L, rng)
    else:
        s = _spin_array("start", start)
        if s.shape != (L, L):
            raise ValueError(f"start must have shape {(L, L)}, got {s.shape}")
        spins = s.astype(np.int8, copy=True)
    n_drive = period * n_quenches
    t = np.arange(-n_rest, n_drive)
    T = np.full(t.size, T_bath)
    T[n_rest:] = periodic_quench_temperature(
        t[n_rest:].astype(float), Q=Q, period=period, T_bath=T_bath, rate=rate
    )
    T = np.maximum(T, 0.0)
    traj = lattice.run_schedule(spins, T, h=h, algorithm=algorithm, rng=rng)
    m = traj.magnetization
    seg_m = m[n_rest:].reshape(n_quenches, period)
    seg_T = T[n_rest:].reshape(n_quenches, period)
    i_peak = np.argmax(np.abs(seg_m), axis=1)
    m_peak = seg_m[np.arange(n_quenches), i_peak]
    signs = np.where(m_peak >= 0, 1, -1)
    t_on = np.array([_first(np.abs(row) >= m_on) for row in seg_m])
    t_off = np.array([1.0 + row.size - 1 - _first(np.abs(row[::-1]) >= m_on) for row in seg_m])
    t_cold = np.array([0.0 if row[0] >= Tc else _first(row >= Tc) for row in seg_T])
    return QuenchTrain(
        t=t,
        T=T,
        h=h,
        magnetization=m,
        energy=traj.energy,
        spins=traj.spins,
        quench_times=np.arange(n_quenches) * period,
        m_peak=m_peak,
        signs=signs,
        t_on=t_on,
        t_off=t_off,
        t_cold=t_cold,
    )


# ---------------------------------------------------------------------------
# Statistics of a sequence of signs
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SignStatistics:
    """Result of :func:`sign_statistics`.

    Attributes
    ----------
    n, n_up : int
        Number of signs, and of ``+1``.
    fraction_up : float
        ``n_up / n``.
    fraction_up_error : float
        Binomial standard error ``sqrt(p (1 - p) / n)`` of `fraction_up`.
    p_value : float
        Two-sided exact binomial test of ``P(+1) = 1/2``.
    lag1_correlation : float
        Correlation of successive signs (nan if all signs are equal).
    runs : int
        Number of runs (maximal blocks of equal consecutive signs).
    runs_expected, runs_std : float
        Mean and standard deviation of the number of runs for independent
        signs with the observed numbers of ``+1`` and ``-1`` (Wald–Wolfowitz).
    """

    n: int
    n_up: int
    fraction_up: float
    fraction_up_error: float
    p_value: float
    lag1_correlation: float
    runs: int
    runs_expected: float
    runs_std: float


def sign_statistics(signs):
    """Test whether a sequence of signs behaves like a fair, memoryless coin.

    Parameters
    ----------
    signs : array_like of +1/-1, shape (n,)
        ``n >= 2``.

    Returns
    -------
    SignStatistics

    Notes
    -----
    Two tests of the hypothesis "independent fair coin": the exact binomial
    test of the number of ``+1`` (fairness), and the number of runs against the
    Wald–Wolfowitz mean and standard deviation given the observed counts
    (memory: too few runs means successive signs tend to repeat, too many that
    they tend to alternate). The lag-1 correlation is a second look at memory;
    for independent signs it is ``0 +- 1/sqrt(n)``.

    Examples
    --------
    >>> st = sign_statistics([1, -1, 1, 1, -1, -1, 1, -1])
    >>> st.n_up, st.fraction_up, st.runs, st.runs_expected
    (4, 0.5, 6, 5.0)
    >>> round(st.p_value, 6)
    1.0
    """
    try:
        s = np.asarray(signs)
    except (TypeError, ValueError):
        raise ValueError(f"signs must be a 1-D sequence of +1 and -1, got {signs!r:.80}") from None
    if s.ndim != 1 or s.size < 2:
        raise ValueError(f"signs must be a 1-D sequence of length >= 2, got shape {s.shape}")
    if not np.issubdtype(s.dtype, np.number) or not np.all(np.abs(s) == 1):
        raise ValueError("signs must contain only +1 and -1")
    s = s.astype(float)
    n = s.size
    n_up = int(np.sum(s > 0))
    n_down = n - n_up
    p = n_up / n
    p_value = float(stats.binomtest(n_up, n, 0.5).pvalue)
    a, b = s[:-1], s[1:]
    if np.std(a) == 0 or np.std(b) == 0:
        lag1 = float("nan")
    else:
        lag1 = float(np.corrcoef(a, b)[0, 1])
    runs = 1 + int(np.sum(a != b))
    mean = 1.0 + 2.0 * n_up * n_down / n
    var = 2.0 * n_up * n_down * (2.0 * n_up * n_down - n) / (n**2 * (n - 1))
    return SignStatistics(
        n=n,
        n_up=n_up,
        fraction_up=p,
        fraction_up_error=float(np.sqrt(p * (1 - p) / n)),
        p_value=p_value,
        lag1_correlation=lag1,
        runs=runs,
        runs_expected=mean,
        runs_std=float(np.sqrt(var)) if var > 0 else 0.0,
    )


# ---------------------------------------------------------------------------
# Deep quenches: coarsening, and the final state
# ---------------------------------------------------------------------------
def classify_state(spins, *, tol=0.0):
    """Classify a configuration as ``"ordered"``, ``"stripes"`` or ``"other"``.

    Parameters
    ----------
    spins : array_like of +1/-1, shape (L, L)
        Configuration, even ``L >= 2``.
    tol : float, optional
        Fraction of spins allowed to disagree with the pattern (thermal
        defects), ``0 <= tol < 0.5``.

    Returns
    -------
    str
        One of :data:`OUTCOMES`.

    Notes
    -----
    The criterion, applied in this order:

    * ``"ordered"``: at most a fraction `tol` of the spins are in the minority,
      ``(1 - |m|) / 2 <= tol``;
    * ``"stripes"``: otherwise, if every row (horizontal stripes) or every
      column (vertical stripes) has at most a fraction `tol` of its spins in its
      own minority, and the bands of rows (columns) of equal majority sign are
      all at least two rows (columns) wide, counted round the torus. The
      domains are then bands that wind round the torus, separated by flat
      domain walls, and with ``tol = 0`` such a state is frozen for ever at
      ``T = 0``: every spin has at least three aligned neighbours. (A band one
      spin wide is not frozen: its spins have two aligned neighbours and two
      opposite, and flip at random.)
    * ``"other"``: anything else -- domains still coarsening, bands one spin
      wide, or diagonal stripes that wind round the torus in both directions.

    With the default ``tol = 0`` the ``"ordered"`` and ``"stripes"`` states
    are exactly the absorbing states of zero-temperature Glauber dynamics on
    the torus that these patterns describe; ``tol > 0`` admits thermal
    defects at ``T > 0``.

    Examples
    --------
    >>> import numpy as np
    >>> classify_state(np.ones((8, 8)))
    'ordered'
    >>> bands = np.ones((8, 8)); bands[2:5] = -1
    >>> classify_state(bands), classify_state(bands.T)
    ('stripes', 'stripes')
    >>> classify_state(np.tile([[1, -1], [-1, 1]], (4, 4)))
    'other'
    """
    s = _spin_array("spins", spins).astype(float)
    tol = nonnegative_scalar("tol", tol)
    if tol >= 0.5:
        raise ValueError(f"tol must be in [0, 0.5), got {tol!r}")
    eps = 1e-12
    if (1.0 - abs(s.mean())) / 2.0 <= tol + eps:
        return "ordered"
    rows = (1.0 - np.abs(s.mean(axis=1))) / 2.0
    cols = (1.0 - np.abs(s.mean(axis=0))) / 2.0
    for lines, axis in ((rows, 1), (cols, 0)):
        if np.all(lines <= tol + eps):
            sign = np.sign(s.mean(axis=axis))
            isolated = (sign != np.roll(sign, 1)) & (sign != np.roll(sign, -1))
            if not np.any(isolated):
                return "stripes"
    return "other"


@dataclass(frozen=True)
class Coarsening:
    """Result of :func:`coarsening_snapshots`.

    Attributes
    ----------
    times : ndarray of int, shape (k,)
        Sweeps after the quench.
    spins : ndarray of int8, shape (k, L, L)
        Configuration at each time.
    magnetization, energy : ndarray, shape (k,)
        Per spin, at each time (energy without the field term).
    """

    times: np.ndarray
    spins: np.ndarray = field(repr=False)
    magnetization: np.ndarray = field(repr=False)
    energy: np.ndarray = field(repr=False)


def coarsening_snapshots(L, *, T, times, h=0.0, rng=None):
    """Snapshots of a lattice quenched from infinite temperature to `T` at ``t = 0``.

    Parameters
    ----------
    L : int
        Even lattice size ``>= 2``.
    T : float
        Temperature after the quench, ``>= 0``.
    times : array_like of int, shape (k,)
        Increasing sweep counts ``>= 0`` at which to record the configuration
        (0 = the random initial state).
    h : float, optional
        Field (finite).
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    Coarsening

    Notes
    -----
    Glauber (heat-bath) dynamics; at ``T = 0`` each spin aligns with the sum
    of its neighbours (plus `h`) and picks ``+-1`` at random on a tie.

    Examples
    --------
    >>> c = coarsening_snapshots(16, T=0.0, times=[0, 10, 2000], rng=3)
    >>> c.spins.shape, c.times.tolist()
    ((3, 16, 16), [0, 10, 2000])
    >>> bool(c.energy[0] > c.energy[1] >= c.energy[2])
    True
    """
    L = lattice._check_L(L)
    T = nonnegative_scalar("T", T)
    h = finite_scalar("h", h)
    try:
        times = np.asarray(times)
    except (TypeError, ValueError):
        times = np.asarray(None)
    if (
        times.ndim != 1
        or times.size < 1
        or not np.issubdtype(times.dtype, np.integer)
        or np.any(times < 0)
        or np.any(np.diff(times) <= 0)
    ):
        raise ValueError(f"times must be a 1-D increasing sequence of integers >= 0, got {times!r}")
    _snapshots_fit("times", times.size, L)
    spin_updates("L and times", int(times[-1]) * L * L, f"L={L}, times[-1]={int(times[-1])}")
    rng = generator(rng)
    spins = _random_spins(L, rng)
    out = np.empty((times.size, L, L), dtype=np.int8)
    now = 0
    for k, t in enumerate(times):
        lattice.sweep(spins, T, int(t) - now, h=h, algorithm="heatbath", rng=rng)
        now = int(t)
        out[k] = spins
    m = out.mean(axis=(1, 2))
    e = _energy(out)
    return Coarsening(times=times.astype(int), spins=out, magnetization=m, energy=e)


@dataclass(frozen=True)
class QuenchOutcomes:
    """Result of :func:`quench_outcomes`: the fate of independent deep quenches.

    Attributes
    ----------
    labels : ndarray of str, shape (n_runs,)
        :func:`classify_state` of each final configuration.
    sweeps : ndarray of int, shape (n_runs,)
        Sweeps each run took to reach its final state (``max_sweeps`` if it
        was still ``"other"``).
    magnetization, energy : ndarray, shape (n_runs,)
        Per spin, of each final configuration.
    spins : ndarray of int8, shape (n_runs, L, L)
        The final configurations.
    counts : dict of str -> int
        Number of runs per label of :data:`OUTCOMES`.
    fraction_stripes, fraction_stripes_error : float
        Fraction of runs in stripes and its binomial standard error.
    """

    labels: np.ndarray = field(repr=False)
    sweeps: np.ndarray = field(repr=False)
    magnetization: np.ndarray = field(repr=False)
    energy: np.ndarray = field(repr=False)
    spins: np.ndarray = field(repr=False)
    counts: dict
    fraction_stripes: float
    fraction_stripes_error: float


def quench_outcomes(L, *, n_runs, T=0.0, max_sweeps=20_000, check_every=100, tol=0.0, rng=None):
    """Quench independent random lattices to `T` and classify where each ends up.

    Each run starts from independent random spins (infinite temperature) and
    runs Glauber (heat-bath) sweeps at `T` (``h = 0``) in blocks of
    `check_every`; after each block the configuration is classified with
    :func:`classify_state`, and the run stops as soon as it is ``"ordered"``
    or ``"stripes"``, or after `max_sweeps`.

    Parameters
    ----------
    L : int
        Even lattice size ``>= 2``.
    n_runs : int
        Number of independent runs, ``>= 1``.
    T : float, optional
        Temperature after the quench, ``>= 0``.
    max_sweeps : int, optional
        Longest run, ``>= 1``.
    check_every : int, optional
        Sweeps between classifications, ``>= 1``.
    tol : float, optional
        Passed to :func:`classify_state`.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    QuenchOutcomes

    Notes
    -----
    At ``T = 0`` and ``tol = 0`` both stopping states are absorbing -- the
    dynamics can never leave them -- so stopping early changes nothing. At
    ``T > 0`` they are only long-lived (use ``tol > 0`` to admit thermal
    defects), and the result is the first of them to be reached.

    Examples
    --------
    >>> out = quench_outcomes(16, n_runs=20, rng=0)
    >>> out.counts
    {'ordered': 11, 'stripes': 9, 'other': 0}
    >>> round(out.fraction_stripes, 2), round(out.fraction_stripes_error, 3)
    (0.45, 0.111)
    """
    L = lattice._check_L(L)
    n_runs = positive_int("n_runs", n_runs, minimum=1)
    T = nonnegative_scalar("T", T)
    max_sweeps = positive_int("max_sweeps", max_sweeps, minimum=1)
    check_every = positive_int("check_every", check_every, minimum=1)
    classify_state(np.ones((2, 2)), tol=tol)  # validates tol
    _snapshots_fit("n_runs", n_runs, L)
    spin_updates(
        "L, n_runs and max_sweeps",
        n_runs * max_sweeps * L * L,
        f"L={L}, n_runs={n_runs}, max_sweeps={max_sweeps}",
    )
    checks = n_runs * -(-max_sweeps // min(check_every, max_sweeps))
    if checks > _MAX_STEPS:
        raise ValueError(
            f"n_runs, max_sweeps and check_every must ask for at most {_MAX_STEPS:.0e} "
            f"classifications, got n_runs={n_runs}, max_sweeps={max_sweeps}, "
            f"check_every={check_every}"
        )
    rng = generator(rng)
    labels = np.empty(n_runs, dtype=object)
    sweeps = np.empty(n_runs, dtype=int)
    finals = np.empty((n_runs, L, L), dtype=np.int8)
    for r in range(n_runs):
        spins = _random_spins(L, rng)
        done, label = 0, "other"
        while done < max_sweeps:
            n = min(check_every, max_sweeps - done)
            lattice.sweep(spins, T, n, algorithm="heatbath", rng=rng)
            done += n
            label = classify_state(spins, tol=tol)
            if label != "other":
                break
        labels[r], sweeps[r], finals[r] = label, done, spins
    labels = labels.astype(str)
    counts = {k: int(np.sum(labels == k)) for k in OUTCOMES}
    p = counts["stripes"] / n_runs
    return QuenchOutcomes(
        labels=labels,
        sweeps=sweeps,
        magnetization=finals.mean(axis=(1, 2)),
        energy=_energy(finals),
        spins=finals,
        counts=counts,
        fraction_stripes=p,
        fraction_stripes_error=float(np.sqrt(p * (1 - p) / n_runs)),
    )


# ---------------------------------------------------------------------------
# The antiferromagnet
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AntiferromagnetRun:
    """Result of :func:`simulate_antiferromagnet` (coupling ``J = -1``, ``h = 0``).

    Attributes
    ----------
    T : float
        Temperature.
    magnetization, staggered, energy : ndarray, shape (n,)
        Uniform and staggered magnetisation and energy per spin (with
        ``J = -1``) of the antiferromagnet after each step.
    spins : ndarray of int8, shape (L, L)
        Final configuration of the antiferromagnet.
    """

    T: float
    magnetization: np.ndarray = field(repr=False)
    staggered: np.ndarray = field(repr=False)
    energy: np.ndarray = field(repr=False)
    spins: np.ndarray = field(repr=False)


def simulate_antiferromagnet(L, T, n_steps, *, n_burn=200, rng=None):
    """Sample the square-lattice antiferromagnet (``J = -1``) through the sublattice map.

    A ferromagnet (``J = +1``) is simulated and every configuration is mapped
    by :func:`flip_sublattice`; on the bipartite torus this gives exactly the
    Boltzmann distribution of the antiferromagnet at the same temperature.
    The ferromagnet starts from random spins and is equilibrated by `n_burn`
    heat-bath sweeps and `n_burn` Wolff cluster flips; then each of the
    `n_steps` recorded steps is one Wolff cluster flip and one heat-bath sweep.

    Parameters
    ----------
    L : int
        Even lattice size ``>= 2``.
    T : float
        Temperature, ``> 0``.
    n_steps : int
        Recorded steps, ``1 <= n_steps <= 10**6``.
    n_burn : int, optional
        Equilibration, ``>= 0``.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    AntiferromagnetRun

    Notes
    -----
    The energy is computed from the antiferromagnet's own configuration with
    ``J = -1``, not copied from the ferromagnet, so it checks the map.

    Examples
    --------
    >>> af = simulate_antiferromagnet(16, 1.5, 50, rng=0)
    >>> bool(abs(af.magnetization).max() < 0.1), bool(abs(af.staggered).mean() > 0.9)
    (True, True)
    """
    L = lattice._check_L(L)
    T = positive_scalar("T", T)
    n_steps = positive_int("n_steps", n_steps, minimum=1, maximum=_MAX_STEPS)
    n_burn = positive_int("n_burn", n_burn, minimum=0)
    spin_updates(  # a Wolff cluster flips at most L * L spins
        "L, n_steps and n_burn",
        2 * (n_burn + n_steps) * L * L,
        f"L={L}, n_steps={n_steps}, n_burn={n_burn}",
    )
    rng = generator(rng)
    ferro = _random_spins(L, rng)
    lattice.sweep(ferro, T, n_burn, algorithm="heatbath", rng=rng)
    lattice.sweep(ferro, T, n_burn, algorithm="wolff", rng=rng)
    m = np.empty(n_steps)
    ms = np.empty(n_steps)
    e = np.empty(n_steps)
    for k in range(n_steps):
        lattice.sweep(ferro, T, 1, algorithm="wolff", rng=rng)
        lattice.sweep(ferro, T, 1, algorithm="heatbath", rng=rng)
        af = flip_sublattice(ferro)
        m[k] = af.mean()
        ms[k] = staggered_magnetization(af)
        e[k] = _energy(af, J=-1.0)
    return AntiferromagnetRun(T=float(T), magnetization=m, staggered=ms, energy=e, spins=af)
