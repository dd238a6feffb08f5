r"""Mean-field Ising model: free energy, self-consistency and its solutions.

The paper's mean-field Hamiltonian (§II.C) with a uniform field ``h`` added,

.. math:: H_\mathrm{MF} = -(zJm + h)\sum_i s_i + \frac{NzJm^2}{2},

gives the free energy per spin (``k_B = 1`` and ``T_c = zJ``)

.. math:: f(m; T, h) = \tfrac12 T_c m^2 - T\ln\bigl(2\cosh((T_c m + h)/T)\bigr),

whose stationary points satisfy the self-consistency equation, the paper's
eq. (1) for ``h = 0``:

.. math:: m = \tanh\bigl((T_c m + h)/T\bigr).

Numerics
--------
The equation is solved in the equivalent form
``G(m) = T artanh(m) - T_c m - h = 0``. On ``0 < m < 1`` the function ``G``
is convex, so Newton's method started to the right of the largest root
converges monotonically to it, for every ``T > 0`` and ``h >= 0`` (negative
``h`` follows from the symmetry ``m(T, -h) = -m(T, h)``). ``G`` is evaluated as
``T (artanh m - m) + (T - T_c) m - h``, with ``artanh m - m`` summed from its
series for small ``m``, so that no cancellation spoils the root near the
critical point, where naive fixed-point iteration ``m <- tanh(...)`` crawls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import (
    broadcast,
    choice,
    finite,
    finite_scalar,
    positive,
    positive_int,
    positive_scalar,
    scalar_or_array,
)

__all__ = [
    "Solutions",
    "critical_temperature",
    "fixed_point_iterate",
    "free_energy",
    "magnetization",
    "meanfield_energy",
    "meanfield_specific_heat",
    "ordered_branch",
    "solutions",
    "susceptibility",
]

_ONE_MINUS_EPS = np.nextafter(1.0, 0.0)
# Longest naive iteration fixed_point_iterate runs (a teaching tool; it converges in far fewer).
_MAX_ITERATIONS = 10**6
# artanh(m) - m = sum_k m^(2k+1)/(2k+1), k >= 1; 28 terms reach 1e-17 at m = 0.5.
_SERIES_K = np.arange(1, 29)


def critical_temperature(z=4, J=1.0):
    """Mean-field critical temperature ``T_c = z J / k_B`` (with ``k_B = 1``).

    Parameters
    ----------
    z : float, optional
        Coordination number (4 on the square lattice), ``z > 0``.
    J : float, optional
        Coupling between neighbouring spins, ``J > 0``.

    Returns
    -------
    Tc : float or ndarray
        Broadcast shape of `z` and `J`.

    Notes
    -----
    The paper's definition below eq. (1). Mean-field theory overestimates the
    true critical temperature of the square lattice, ``2/ln(1 + sqrt 2) ≈
    2.269`` (Onsager), by 76 %.

    Examples
    --------
    >>> critical_temperature()
    4.0
    >>> critical_temperature(z=6, J=0.5)
    3.0
    """
    z = positive("z", z)
    J = positive("J", J)
    with np.errstate(over="ignore"):
        Tc = z * J
    if not np.all(np.isfinite(Tc)):
        raise ValueError(f"z and J must have a finite product z J (< 1.8e308), got z={z}, J={J}")
    return scalar_or_array(Tc)


def _artanh_minus_identity(m):
    """``artanh(m) - m`` for ``0 <= m < 1`` without cancellation."""
    m = np.asarray(m, dtype=float)
    out = np.empty_like(m)
    small = m <= 0.5
    ms = m[small]
    m2 = ms * ms
    # Horner evaluation of sum_k m^(2k) / (2k + 1), then times m.
    acc = np.zeros_like(ms)
    for k in _SERIES_K[::-1]:
        acc = acc * m2 + 1.0 / (2 * k + 1)
    out[small] = ms * m2 * acc
    ml = m[~small]
    out[~small] = 0.5 * np.log1p(2.0 * ml / (1.0 - ml)) - ml
    return out


def _g_and_slope(m, T, Tc, h):
    """``G(m) = T artanh m - Tc m - h`` and ``G'(m)`` for ``0 <= m < 1``."""
    G = T * _artanh_minus_identity(m) + (T - Tc) * m - h
    dG = T / ((1.0 - m) * (1.0 + m)) - Tc
    return G, dG


def _newton_right(m, T, Tc, h, max_iter=200):
    """Largest root of the convex ``G`` on (0, 1), from a start to its right.

    Monotone Newton iteration; stops when every step is below a few ulps.
    """
    shape = np.shape(m)
    m, T, h = (np.ravel(a).astype(float) for a in np.broadcast_arrays(m, T, h))
    idx = np.arange(m.size)  # positions still iterating
    ma, Ta, ha = m, T, h
    for _ in range(max_iter):
        if idx.size == 0:
            break
        G, dG = _g_and_slope(ma, Ta, Tc, ha)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.where(dG > 0, G / dG, 0.0)
        new = np.clip(ma - step, 0.0, _ONE_MINUS_EPS)
        done = np.abs(new - ma) <= 4.0 * np.finfo(float).eps * np.maximum(new, 1e-300)
        m[idx] = new
        keep = ~done
        idx, ma, Ta, ha = idx[keep], new[keep], Ta[keep], ha[keep]
    return m.reshape(shape)


def _positive_root(T, Tc, h):
    """Largest root in [0, 1) of ``m = tanh((Tc m + h)/T)`` for ``h >= 0``.

    Returns 0 where 0 is the only non-negative root (``h = 0``, ``T >= Tc``).
    """
    # A start that lies right of the largest root (see module notes):
    # m <= tanh((Tc + h)/T), and from T m^3/3 <= (Tc - T)_+ m + h,
    # m <= max(sqrt(6 (Tc - T)_+ / T), (6 h / T)^(1/3)).
    # Overflows below are to +inf, which the minimum with 1 - eps absorbs.
    with np.errstate(over="ignore"):
        bound = np.maximum(np.sqrt(6.0 * np.maximum(Tc - T, 0.0) / T), np.cbrt(6.0 * h / T))
        start = np.minimum(np.minimum(np.tanh((Tc + h) / T), bound), _ONE_MINUS_EPS)
    trivial = (h == 0) & (T >= Tc)
    start = np.where(trivial, 0.0, start)
    G, _ = _g_and_slope(start, T, Tc, h)
    # Where G(start) < 0 even at 1 - eps, the root rounds to 1.
    saturated = (start == _ONE_MINUS_EPS) & (G < 0)
    root = _newton_right(start, T, Tc, h)
    root = np.where(saturated, 1.0, root)
    return np.where(trivial, 0.0, root)


def magnetization(T, h=0.0, *, Tc=1.0, branch="up"):
    """Equilibrium mean-field magnetisation, the stable solution of eq. (1).

    Solves ``m = tanh((Tc m + h) / T)`` for the global minimum of the free
    energy :func:`free_energy`.

    Parameters
    ----------
    T : array_like
        Temperature(s), ``T > 0``.
    h : array_like, optional
        Uniform external field; broadcasts against `T`.
    Tc : float, optional
        Mean-field critical temperature ``z J / k_B``, ``Tc > 0``.
    branch : {"up", "down"}, optional
        Which of the two degenerate ordered states to return where ``h = 0``
        and ``T < Tc``: ``"up"`` is the paper's ``m = 1`` branch, ``"down"``
        its mirror image. Ignored where ``h != 0`` (the sign of ``m`` then
        follows ``h``) and above ``Tc`` (``m = 0``).

    Returns
    -------
    m : float or ndarray
        Broadcast shape of `T` and `h`; a Python float for scalar input.
        Accurate to about 1e-15 absolute for every ``T > 0``, including
        just below ``Tc``.

    See Also
    --------
    solutions : all solutions, with their stability.

    Notes
    -----
    Paper eq. (1) and Figure 1. Near the critical point ``m ≈ sqrt(3)
    (T/Tc) (1 - T/Tc)^(1/2)`` (exponent ``β = 1/2``), and at low temperature
    ``1 - m ≈ 2 exp(-2 Tc / T)``.

    Examples
    --------
    >>> round(magnetization(0.5), 12)
    0.957504024077
    >>> magnetization(1.5)
    0.0
    >>> magnetization([0.5, 0.5], h=[0.0, -0.1], branch="up").round(6)
    array([ 0.957504, -0.973016])
    """
    T = positive("T", T)
    h = finite("h", h)
    Tc = positive_scalar("Tc", Tc)
    choice("branch", branch, ("up", "down"))
    T, h = broadcast(T=T, h=h)
    sign = np.where(h > 0, 1.0, np.where(h < 0, -1.0, 1.0 if branch == "up" else -1.0))
    m = sign * _positive_root(T, Tc, np.abs(h))
    return scalar_or_array(m + 0.0)  # + 0.0 turns -0.0 into 0.0


def ordered_branch(T, *, Tc=1.0):
    """The paper's ``m = 1`` branch for any real `T`, including ``T <= 0``.

    Equal to :func:`magnetization` (``branch="up"``, ``h = 0``) for ``T > 0``
    and to 1, the ``T -> 0+`` limit, for ``T <= 0``. The neural reading
    ``T = -V`` of §II.D sends the temperature below zero for a strong enough
    quench; the magnet is then simply fully ordered.

    Parameters
    ----------
    T : array_like
        Any finite temperature.
    Tc : float, optional
        ``Tc > 0``.

    Returns
    -------
    m : float or ndarray
        Same shape as `T`, in [0, 1].

    Examples
    --------
    >>> ordered_branch([-1.0, 0.0, 0.5, 2.0]).round(6)
    array([1.      , 1.      , 0.957504, 0.      ])
    """
    T = finite("T", T)
    Tc = positive_scalar("Tc", Tc)
    m = np.ones(T.shape)
    pos = T > 0
    m[pos] = _positive_root(T[pos], Tc, np.zeros(np.count_nonzero(pos)))
    return scalar_or_array(m)


@dataclass(frozen=True)
class Solutions:
    """All solutions of the mean-field self-consistency equation.

    Attributes
    ----------
    m : ndarray, shape ``(..., 3)``
        The solutions sorted in decreasing order; where fewer than three
        solutions exist the missing entries are NaN (a marker for "does not
        exist", which plotting skips).
    stable : ndarray of bool, shape ``(..., 3)``
        True where the solution is a local minimum of the free energy
        (``f''(m) > 0``), False at maxima and where the solution is missing.
    """

    m: np.ndarray
    stable: np.ndarray


def solutions(T, h=0.0, *, Tc=1.0):
    """Every solution of ``m = tanh((Tc m + h)/T)`` and whether it is stable.

    Below ``Tc`` and for a field weaker than the spinodal field there are
    three solutions: the stable state (sign of `h`), a metastable state of the
    opposite sign and an unstable one between them. At ``h = 0`` these are the
    two ordered states ``±m*`` (both stable) and the unstable ``m = 0`` of
    Figure 1.

    Parameters
    ----------
    T : array_like
        Temperature(s), ``T > 0``.
    h : array_like, optional
        Uniform field, broadcasts against `T`.
    Tc : float, optional
        Mean-field critical temperature, ``Tc > 0``.

    Returns
    -------
    Solutions
        Fields ``m`` and ``stable`` of shape ``broadcast(T, h).shape + (3,)``.

    Notes
    -----
    Stability is the sign of ``f''(m) = Tc (1 - (Tc/T)(1 - m^2))``: a solution
    is stable iff ``1 - m^2 < T / Tc``. The metastable branch ends at the
    spinodal, where ``1 - m^2 = T/Tc``.

    Examples
    --------
    >>> s = solutions(0.5)
    >>> s.m.round(6)
    array([ 0.957504,  0.      , -0.957504])
    >>> s.stable
    array([ True, False,  True])
    >>> solutions(2.0).m
    array([ 0., nan, nan])
    """
    T = positive("T", T)
    h = finite("h", h)
    Tc = positive_scalar("Tc", Tc)
    T, h = broadcast(T=T, h=h)
    s = np.where(h < 0, -1.0, 1.0)  # solve for h >= 0, mirror at the end
    ha = np.abs(h)

    upper = _positive_root(T, Tc, ha)
    # Roots on the negative side: m = -x with x > 0 solving
    # T artanh(x) - Tc x + ha = 0 (convex in x, positive at x = 0).
    # Its minimum is at x_s = sqrt(1 - T/Tc) (only for T < Tc).
    with np.errstate(over="ignore"):  # T / Tc = inf for a tiny Tc: xs = 0
        xs = np.minimum(np.sqrt(np.clip(1.0 - T / Tc, 0.0, None)), _ONE_MINUS_EPS)
    Gs, _ = _g_and_slope(xs, T, Tc, -ha)
    two = (T < Tc) & (Gs < 0) & (ha > 0)
    lower = np.full(T.shape, np.nan)
    middle = np.full(T.shape, np.nan)
    if two.any():
        Ts, hs = T[two], -ha[two]
        start = np.minimum(np.tanh(Tc / Ts), _ONE_MINUS_EPS)
        lower[two] = -_newton_right(start, Ts, Tc, hs)
        middle[two] = -_newton_left(np.zeros_like(Ts), Ts, Tc, hs)
    # h = 0 below Tc: the pair +-m* and the unstable m = 0.
    zero_field = (ha == 0) & (T < Tc)
    lower = np.where(zero_field, -upper, lower)
    middle = np.where(zero_field, 0.0, middle)
    # Only one root at h = 0, T >= Tc: it is 0 and stored in `upper` already.

    m = np.stack([upper, middle, lower], axis=-1) * s[..., None]
    m = np.where(s[..., None] < 0, m[..., ::-1], m) + 0.0
    with np.errstate(invalid="ignore", over="ignore"):  # NaN: missing; T / Tc = inf: stable
        stable = (1.0 - m * m) < (T / Tc)[..., None]
    stable &= ~np.isnan(m)
    return Solutions(m=m, stable=stable)


def _newton_left(x, T, Tc, h, max_iter=200):
    """Smallest root of the convex ``G`` on (0, 1), started left of it."""
    x = x.copy()
    for _ in range(max_iter):
        G, dG = _g_and_slope(x, T, Tc, h)
        # Left of the smallest root of a convex function, G > 0 and G' < 0.
        new = x - G / dG
        if np.all(np.abs(new - x) <= 4.0 * np.finfo(float).eps * np.maximum(new, 1e-300)):
            x = new
            break
        x = new
    return x


def fixed_point_iterate(T, n_steps, *, h=0.0, Tc=1.0, m0=1.0):
    """Naive fixed-point iteration ``m <- tanh((Tc m + h)/T)``, for teaching.

    Shows why :func:`magnetization` does not iterate eq. (1) directly: near
    ``Tc`` the contraction factor ``(Tc/T)(1 - m*^2)`` tends to 1 and the
    error shrinks only like a power of the number of steps.

    Parameters
    ----------
    T : array_like
        Temperature(s), ``T > 0``.
    n_steps : int
        Number of iterations, ``0 <= n_steps <= 10**6``.
    h : array_like, optional
        Uniform field.
    Tc : float, optional
        ``Tc > 0``.
    m0 : float, optional
        Starting value in [-1, 1].

    Returns
    -------
    m : float or ndarray
        The iterate after `n_steps` steps; broadcast shape of `T` and `h`.

    Examples
    --------
    >>> round(fixed_point_iterate(0.5, 100), 12) == round(magnetization(0.5), 12)
    True
    >>> round(fixed_point_iterate(0.999, 100) - magnetization(0.999), 3)
    0.073
    """
    T = positive("T", T)
    h = finite("h", h)
    Tc = positive_scalar("Tc", Tc)
    n_steps = positive_int("n_steps", n_steps, minimum=0, maximum=_MAX_ITERATIONS)
    m0 = finite_scalar("m0", m0)
    if not -1.0 <= m0 <= 1.0:
        raise ValueError(f"m0 must lie in [-1, 1], got {m0!r}")
    T, h = broadcast(T=T, h=h)
    m = np.full(T.shape, m0)
    with np.errstate(over="ignore"):  # (Tc m + h)/T = +-inf: tanh gives +-1
        for _ in range(n_steps):
            m = np.tanh((Tc * m + h) / T)
    return scalar_or_array(m)


def free_energy(m, T, h=0.0, *, Tc=1.0):
    r"""Mean-field free energy per spin ``f(m; T, h)`` (paper §II.C).

    .. math:: f = \tfrac12 T_c m^2 - T \ln\bigl(2\cosh((T_c m + h)/T)\bigr)

    with ``k_B = 1`` and ``T_c = zJ``, the paper's convention. For ``h = 0``
    this is the paper's ``F``; its stationary points are eq. (1).

    Parameters
    ----------
    m : array_like
        Trial magnetisation (any real value; physical values lie in [-1, 1]).
    T : array_like
        Temperature, ``T > 0``.
    h : array_like, optional
        Uniform field.
    Tc : float, optional
        ``Tc = zJ > 0``.

    Returns
    -------
    f : float or ndarray
        Broadcast shape of `m`, `T` and `h`; in units of ``k_B Tc``-scaled
        energy (the same units as `T`).

    Notes
    -----
    ``ln(2 cosh x)`` is evaluated as ``|x| + log1p(exp(-2|x|))``, which never
    overflows (the free energy stays finite even at ``T = 1e-300``).

    Examples
    --------
    >>> round(free_energy(0.0, 2.0), 12)  # -T ln 2
    -1.386294361120
    >>> f = free_energy([0.0, 0.9575], 0.5)
    >>> bool(f[1] < f[0])  # the ordered state is lower below Tc
    True
    """
    m = finite("m", m)
    T = positive("T", T)
    h = finite("h", h)
    Tc = positive_scalar("Tc", Tc)
    m, T, h = broadcast(m=m, T=T, h=h)
    with np.errstate(over="ignore", invalid="ignore"):
        y = Tc * m + h
        x = np.abs(y / T)
        f = 0.5 * Tc * m * m - T * (x + np.log1p(np.exp(-2.0 * x)))
        # (Tc m + h)/T overflows for a tiny T: T ln(2 cosh x) -> |Tc m + h| exactly.
        f = np.where(np.isinf(x) & np.isfinite(y), 0.5 * Tc * m * m - np.abs(y), f)
    if not np.all(np.isfinite(f)):
        raise ValueError(
            "m, T, h and Tc must keep the free energy finite (|f| < 1.8e308), got an overflow "
            f"at m={m[~np.isfinite(f)].flat[0]!r}"
        )
    return scalar_or_array(f)


def susceptibility(T, *, Tc=1.0):
    """Zero-field susceptibility ``chi = dm/dh`` at ``h = 0`` (up branch).

    Differentiating eq. (1) with a field gives
    ``chi = (1 - m^2) / (T - Tc (1 - m^2))``: the Curie–Weiss law
    ``1/(T - Tc)`` above ``Tc`` and ``≈ 1/(2 (Tc - T))`` just below.

    Parameters
    ----------
    T : array_like
        Temperature, ``T > 0`` and ``T != Tc`` (``chi`` diverges at ``Tc``).
    Tc : float, optional
        ``Tc > 0``.

    Returns
    -------
    chi : float or ndarray
        Same shape as `T`.

    Examples
    --------
    >>> susceptibility(2.0)
    1.0
    >>> round(susceptibility(0.999) * 2 * 0.001, 3)
    0.998
    """
    T = positive("T", T)
    Tc = positive_scalar("Tc", Tc)
    if np.any(T == Tc):
        raise ValueError("T must differ from Tc: the susceptibility diverges at Tc")
    m = np.asarray(magnetization(T, Tc=Tc))
    q = (1.0 - m) * (1.0 + m)
    return scalar_or_array(q / (T - Tc * q))


def meanfield_energy(T, *, Tc=1.0):
    """Mean-field internal energy per spin at zero field, ``u = -Tc m^2 / 2``.

    The thermal average of the mean-field Hamiltonian at ``h = 0``: each of the
    ``z/2`` bonds per spin contributes ``-J <s_i><s_j> = -J m^2``, so
    ``u = -(z J / 2) m^2 = -(Tc / 2) m^2`` with ``Tc = z J`` and ``m`` the
    equilibrium solution of eq. (1).

    Parameters
    ----------
    T : array_like
        Temperature(s), ``T > 0``.
    Tc : float, optional
        Mean-field critical temperature ``z J / k_B``, ``Tc > 0``. For the square
        lattice with ``J = 1`` (``z = 4``) pass ``Tc=4.0``; ``u`` is then in units
        of ``J`` and comparable with the exact lattice energy per spin.

    Returns
    -------
    u : float or ndarray
        Same shape as `T`: ``-Tc/2`` at ``T -> 0`` (the ground state, all bonds
        satisfied) and exactly 0 for ``T >= Tc`` (mean-field theory has no
        short-range order above ``Tc``).

    See Also
    --------
    meanfield_specific_heat : its temperature derivative.

    Examples
    --------
    >>> round(meanfield_energy(2.0, Tc=4.0), 6)  # -2 m^2 with m = magnetization(0.5)
    -1.833628
    >>> meanfield_energy(5.0, Tc=4.0)
    0.0
    """
    T = positive("T", T)
    Tc = positive_scalar("Tc", Tc)
    m = np.asarray(magnetization(T, Tc=Tc))
    return scalar_or_array(-0.5 * Tc * m * m + 0.0)


def meanfield_specific_heat(T, *, Tc=1.0):
    r"""Mean-field specific heat per spin at zero field, ``c = du/dT`` (``k_B = 1``).

    Differentiating eq. (1), ``m = tanh(Tc m / T)``, implicitly gives
    ``dm/dT = -Tc m (1 - m^2) / (T (T - Tc (1 - m^2)))``, hence

    .. math:: c = -T_c\, m \frac{dm}{dT}
              = \frac{T_c^2\, m^2 (1 - m^2)}{T\,\bigl(T - T_c + T_c m^2\bigr)}
              = \frac{T_c^2 m^2}{T}\,\chi ,

    with :func:`susceptibility` ``chi``. Below ``Tc`` it rises to ``3/2`` as
    ``T -> Tc-``; above ``Tc`` it is 0.

    Parameters
    ----------
    T : array_like
        Temperature(s), ``T > 0``.
    Tc : float, optional
        Mean-field critical temperature ``z J / k_B``, ``Tc > 0``.

    Returns
    -------
    c : float or ndarray
        Same shape as `T`. At ``T = Tc`` exactly the value is 0, the limit from
        above (``m(Tc) = 0``); the jump of ``3/2`` is the mean-field (Landau)
        signature of the transition, independent of ``Tc``.

    Notes
    -----
    ``1 - m^2`` is evaluated as ``sech^2(Tc m / T)``, which keeps its relative
    accuracy where ``m`` rounds to 1, and the denominator as ``(T - Tc) + Tc m^2``
    near ``Tc`` (both terms are of order ``Tc - T``, ``m^2 ≈ 3 (Tc - T)/Tc``, of
    opposite sign but not nearly equal) and as ``T - Tc (1 - m^2)`` far below it,
    so that no precision is lost anywhere. At low temperature
    ``c ≈ 4 (Tc/T)^2 exp(-2 Tc/T)``, accurate to full relative precision until it
    underflows.

    Examples
    --------
    >>> round(meanfield_specific_heat(1 - 1e-9), 6)  # the jump at Tc
    1.5
    >>> meanfield_specific_heat(1.2)
    0.0
    >>> round(meanfield_specific_heat(3.0, Tc=4.0), 6)
    0.909487
    """
    T = positive("T", T)
    Tc = positive_scalar("Tc", Tc)
    if Tc > 1e150:  # c depends on T / Tc only: rescale before Tc**2 overflows
        with np.errstate(under="ignore"):
            t = np.maximum(T / Tc, np.finfo(float).smallest_subnormal)
        return meanfield_specific_heat(t, Tc=1.0)
    m = np.asarray(magnetization(T, Tc=Tc))
    m2 = m * m
    with np.errstate(over="ignore"):  # exp(-inf) = 0 at T -> 0: c = 0
        e = np.exp(-2.0 * Tc * m / T)
    q = 4.0 * e / (1.0 + e) ** 2  # 1 - m^2 = sech^2(Tc m / T), accurate also where m -> 1
    # T - Tc (1 - m^2), in the form free of cancellation on each side
    den = np.where(m2 > 0.5, T - Tc * q, (T - Tc) + Tc * m2)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 at T = Tc, not selected
        c = np.where(m2 > 0, (Tc * Tc * m2 * q / T) / den, 0.0)
    return scalar_or_array(c)
