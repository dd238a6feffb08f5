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

from . import activations, meanfield
from ._validation import (
    choice,
    finite,
    finite_scalar,
    nonnegative,
    positive_int,
    positive_scalar,
    scalar_or_array,
)

__all__ = ["QuenchResponse", "quench_response", "reheating_temperature"]


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
    Q = float(nonnegative("Q", finite_scalar("Q", Q)))
    T_bath = finite_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    T = np.where((t >= 0) & (t <= Q / rate), T_bath - Q + rate * t, T_bath)
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
        As in :func:`isingneuron.spike_count`: eq. (2) (``"fit"``) or the
        exact mean-field branch (``"meanfield"``).
    n_points : int, optional
        Number of time samples, ``>= 2``.
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
    Q = float(nonnegative("Q", finite_scalar("Q", Q)))
    T_bath = finite_scalar("T_bath", T_bath)
    rate = positive_scalar("rate", rate)
    choice("model", model, ("fit", "meanfield"))
    n_points = positive_int("n_points", n_points, minimum=2)
    margin = float(nonnegative("margin", margin))
    duration = Q / rate
    span = max(duration, 1.0 / rate)
    t = np.linspace(-margin * span, duration + margin * span, n_points)
    T = np.asarray(reheating_temperature(t, Q, T_bath=T_bath, rate=rate))
    if model == "fit":
        m = np.asarray(activations.paper_activation(T, a=a, Tc=Tc, b=b))
    else:
        m = np.asarray(meanfield.ordered_branch(T, Tc=Tc))
    elapsed = np.clip(t, 0.0, duration)
    kw = dict(Tc=Tc, a=a, b=b, rate=rate, model=model)
    T_now = T_bath - Q + rate * elapsed
    spikes = np.asarray(activations.spike_count(rate * elapsed, T_bath=T_now, **kw))
    total = float(activations.spike_count(Q, T_bath=T_bath, **kw))
    spikes = np.where(t > duration, total, spikes)
    return QuenchResponse(t=t, T=T, m=m, spikes=spikes, total=total)
