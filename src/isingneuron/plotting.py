"""Figure helpers with one house style.

Every function takes precomputed data (this module never computes physics),
draws on ``ax`` (or the current Axes) and returns it. The palette is
Okabe–Ito, which stays distinguishable with the common colour-vision
deficiencies; figures have opaque white backgrounds so that they remain
readable in the book's dark mode.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "PALETTE",
    "plot_activation_fit",
    "plot_branches",
    "plot_free_energy",
    "plot_quench_response",
    "plot_spike_counts",
    "use_house_style",
]

#: Okabe–Ito colour-blind-safe palette, in the order the book uses it.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
_CYCLE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]


def use_house_style():
    """Set the book's matplotlib defaults (palette, sizes, opaque background).

    Examples
    --------
    >>> use_house_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    """
    mpl.rcParams.update(
        {
            "axes.prop_cycle": mpl.cycler(color=_CYCLE),
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "figure.figsize": (6.4, 4.0),
            "figure.dpi": 100,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 11,
            "legend.frameon": False,
            "lines.linewidth": 2.0,
        }
    )


def _ax(ax):
    return ax if ax is not None else plt.gca()


def plot_free_energy(m, curves, *, ax=None):
    """Free-energy landscapes ``f(m)`` for several temperatures.

    Parameters
    ----------
    m : ndarray, shape (n,)
        Trial magnetisations.
    curves : dict of str -> ndarray, shape (n,)
        Label (e.g. ``"T = 1.2 Tc"``) to ``f(m)``; each curve is shifted so
        that ``f(0) = 0`` to make the shapes comparable.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    i0 = int(np.argmin(np.abs(m)))
    for label, f in curves.items():
        ax.plot(m, f - f[i0], label=label)
    ax.axhline(0.0, color="0.6", lw=0.8)
    ax.set(xlabel="trial magnetisation $m$", ylabel=r"$f(m) - f(0)$  [units of $k_B T_c$]")
    ax.legend()
    return ax


def plot_branches(T, sol, *, Tc=1.0, ax=None):
    """Figure 1: the solutions of eq. (1), stable solid and unstable dashed.

    Solutions are grouped by sign (``m > 0``, ``m = 0``, ``m < 0``), which at
    ``h = 0`` are the paper's ``m = 1`` branch, the disordered branch and its
    mirror image.

    Parameters
    ----------
    T : ndarray, shape (n,)
        Temperatures.
    sol : isingneuron.Solutions
        ``solutions(T)`` with fields ``m`` and ``stable`` of shape (n, 3).
    Tc : float, optional
        Marked with a vertical line.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    from matplotlib.lines import Line2D

    ax = _ax(ax)
    groups = [
        (sol.m > 0, PALETTE["blue"], "$m > 0$ (the paper's $m = 1$ branch)"),
        (sol.m == 0, PALETTE["black"], "$m = 0$ (disordered)"),
        (sol.m < 0, PALETTE["orange"], "$m < 0$ (mirror image)"),
    ]
    handles = []
    for mask, color, label in groups:
        for stable, ls in ((True, "-"), (False, "--")):
            sel = mask & (sol.stable == stable)
            # At most one solution per row falls in a group when h = 0.
            y = np.where(sel.any(axis=1), np.sum(np.where(sel, sol.m, 0.0), axis=1), np.nan)
            ax.plot(T, y, color=color, ls=ls)
        handles.append(Line2D([], [], color=color, label=label))
    handles += [
        Line2D([], [], color="0.4", ls="-", label="stable (minimum of $f$)"),
        Line2D([], [], color="0.4", ls="--", label="unstable (maximum of $f$)"),
    ]
    ax.axvline(Tc, color="0.5", lw=0.8, ls=":")
    ax.set(xlabel="temperature $T/T_c$", ylabel="magnetisation $m$", ylim=(-1.08, 1.08))
    ax.legend(handles=handles, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return ax


def plot_activation_fit(T, m, fits, *, ax=None):
    """Figure 2: the mean-field ``m = 1`` branch and tanh fits of eq. (2).

    Parameters
    ----------
    T : ndarray, shape (n,)
        Temperatures.
    m : ndarray, shape (n,)
        Mean-field magnetisation (the data).
    fits : dict of str -> ndarray, shape (n,)
        Label to eq. (2) evaluated at `T`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    ax.plot(T, m, color=PALETTE["black"], lw=3, alpha=0.35, label="mean field, eq. (1)")
    styles = ["-", "--", "-."]
    for i, (label, y) in enumerate(fits.items()):
        ax.plot(T, y, ls=styles[i % 3], label=label)
    ax.set(xlabel="temperature $T/T_c$", ylabel="magnetisation $m$")
    ax.legend(fontsize=9)
    return ax


def plot_quench_response(responses, *, axes=None):
    """Temperature, magnetisation and running spike count along quench cycles.

    Parameters
    ----------
    responses : dict of str -> isingneuron.QuenchResponse
        Label (e.g. ``"Q = 2"``) to the computed response.
    axes : sequence of 3 matplotlib Axes, optional
        Created as a column of three panels when omitted.

    Returns
    -------
    ndarray of matplotlib Axes, shape (3,)
    """
    if axes is None:
        _, axes = plt.subplots(3, 1, sharex=True, figsize=(6.4, 6.4))
    for label, r in responses.items():
        (line,) = axes[0].plot(r.t, r.T, label=label)
        axes[1].plot(r.t, r.m, color=line.get_color())
        axes[2].plot(r.t, r.spikes, color=line.get_color())
    axes[0].set(ylabel="temperature $T$")
    axes[1].set(ylabel="magnetisation $m$")
    axes[2].set(xlabel="time $t$ [units of $T_c / r$]", ylabel="spikes so far")
    axes[0].legend(fontsize=9, ncol=3)
    return np.asarray(axes)


def plot_spike_counts(Q, curves, *, ax=None, styles=None):
    """Spike count against quench strength, next to reference activations.

    Parameters
    ----------
    Q : ndarray, shape (n,)
        Quench strengths.
    curves : dict of str -> ndarray, shape (n,)
        Label to values.
    ax : matplotlib Axes, optional
    styles : dict of str -> dict, optional
        Extra keyword arguments for ``ax.plot`` per label.

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    styles = styles or {}
    for label, y in curves.items():
        ax.plot(Q, y, label=label, **styles.get(label, {}))
    ax.set(xlabel="quench strength $Q$ [units of $T_c$]", ylabel="spike count $N(Q)$")
    ax.legend(fontsize=9)
    return ax
