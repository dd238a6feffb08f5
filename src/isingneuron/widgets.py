"""Interactive explorers for the book, and their static stand-ins.

Each explorer returns an ``ipywidgets.interactive`` object: a reader with a
kernel (Binder, Colab, a local Jupyter) moves the sliders and the figure is
redrawn. On the static HTML page, where no kernel runs, the saved widget state
shows the figure at its default values, and each explorer has a ``static_*``
companion that draws small multiples of the same figure at a few parameter
values, so that no reader is left with a dead control.

ipywidgets and matplotlib are imported lazily, inside the functions: the
numerical modules of the package never need them.
"""

from __future__ import annotations

import numpy as np

from . import activations, dynamics, lattice, meanfield

__all__ = [
    "activation_fit_explorer",
    "free_energy_explorer",
    "lattice_explorer",
    "quench_explorer",
    "static_activation_fit",
    "static_free_energy",
    "static_lattice",
    "static_quench",
]

_M_GRID = np.linspace(-1.1, 1.1, 441)
_T_GRID = np.linspace(0.0, 2.0, 401)


def _widgets():
    import ipywidgets

    return ipywidgets


def _plt():
    import matplotlib.pyplot as plt

    from . import plotting

    plotting.use_house_style()
    return plt, plotting


# --------------------------------------------------------------------------- free energy
def _draw_free_energy(ax, T, h, Tc=1.0):
    f = np.asarray(meanfield.free_energy(_M_GRID, T, h, Tc=Tc))
    ax.plot(_M_GRID, f, color="#0072B2")
    sol = meanfield.solutions(T, h, Tc=Tc)
    for m, st in zip(sol.m, sol.stable, strict=True):
        if np.isfinite(m):
            ax.plot(
                m,
                meanfield.free_energy(m, T, h, Tc=Tc),
                "o" if st else "x",
                color="#D55E00" if st else "0.3",
                ms=7,
            )
    ax.set(
        xlabel="trial magnetisation $m$",
        ylabel="$f(m)$ [units of $k_B T_c$]",
        title=f"$T = {T:.2f}\\,T_c$, $h = {h:+.2f}$",
    )
    return ax


def free_energy_explorer(*, Tc=1.0):
    """Sliders for ``T`` and ``h`` over the mean-field landscape ``f(m)``.

    Minima are marked with dots, maxima with crosses (paper §II.C).

    Returns
    -------
    ipywidgets.interactive
    """
    w = _widgets()
    plt, _ = _plt()

    def draw(T=0.8, h=0.0):
        fig, ax = plt.subplots(figsize=(5.5, 3.6))
        _draw_free_energy(ax, T * Tc, h * Tc, Tc)
        plt.show()

    return w.interactive(
        draw,
        T=w.FloatSlider(value=0.8, min=0.4, max=1.5, step=0.02, description="T / Tc"),
        h=w.FloatSlider(value=0.0, min=-0.2, max=0.2, step=0.01, description="h / Tc"),
    )


def static_free_energy(T_values=(1.3, 1.0, 0.7), h_values=(0.0, 0.08), *, Tc=1.0):
    """Small multiples of :func:`free_energy_explorer`: one panel per (h, T).

    Returns
    -------
    matplotlib Figure
    """
    plt, _ = _plt()
    fig, axes = plt.subplots(
        len(h_values), len(T_values), figsize=(8.4, 2.8 * len(h_values)), sharex=True, squeeze=False
    )
    for i, h in enumerate(h_values):
        for j, T in enumerate(T_values):
            _draw_free_energy(axes[i, j], T * Tc, h * Tc, Tc)
            if i < len(h_values) - 1:
                axes[i, j].set_xlabel("")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- eq. (2)
def _draw_activation_fit(ax, a, b):
    m = np.asarray(meanfield.ordered_branch(_T_GRID))
    y = np.asarray(activations.paper_activation(_T_GRID, a=a, b=b))
    rms = float(np.sqrt(np.mean((y - m) ** 2)))
    ax.plot(_T_GRID, m, color="k", lw=3, alpha=0.35, label="mean field")
    ax.plot(_T_GRID, y, color="#0072B2", label="eq. (2)")
    ax.set(
        xlabel="temperature $T/T_c$",
        ylabel="magnetisation $m$",
        title=f"$a = {a:.1f}$, $b = {b:.2f}$\nRMS error {rms:.3f}",
    )
    ax.legend(fontsize=9)
    return ax


def activation_fit_explorer():
    """Sliders for ``a`` and ``b`` of eq. (2) against the mean-field branch.

    Returns
    -------
    ipywidgets.interactive
    """
    w = _widgets()
    plt, _ = _plt()

    def draw(a=6.0, b=1.0):
        fig, ax = plt.subplots(figsize=(5.5, 3.6))
        _draw_activation_fit(ax, a, b)
        plt.show()

    return w.interactive(
        draw,
        a=w.FloatSlider(value=6.0, min=1.0, max=15.0, step=0.5, description="a"),
        b=w.FloatSlider(value=1.0, min=0.6, max=1.2, step=0.01, description="b"),
    )


def static_activation_fit(params=((6.0, 1.0), (4.7, 1.0), (6.0, 0.88))):
    """Small multiples of :func:`activation_fit_explorer` at a few ``(a, b)``.

    Returns
    -------
    matplotlib Figure
    """
    plt, _ = _plt()
    fig, axes = plt.subplots(
        1, len(params), figsize=(min(8.4, 2.8 * len(params)), 3.2), sharey=True
    )
    for k, (ax, (a, b)) in enumerate(zip(np.atleast_1d(axes), params, strict=True)):
        _draw_activation_fit(ax, a, b)
        if k:  # shared axis: one label, one legend
            ax.set_ylabel("")
            ax.get_legend().remove()
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- quench
def _quench_panels(axes, Q, T_bath, rate, model):
    _, plotting = _plt()
    r = dynamics.quench_response(Q, T_bath=T_bath, rate=rate, model=model)
    plotting.plot_quench_response({f"$Q = {Q:.2f}$": r}, axes=axes)
    axes[0].axhline(1.0, color="0.5", lw=0.8, ls=":")
    axes[0].set_title(f"{model}: {r.total:.3f} spikes")
    return r


def quench_explorer():
    """Sliders for the quench strength, bath temperature, re-heating rate and model.

    Shows ``T(t)``, ``m(t)`` and the running spike count (paper §II.D).

    Returns
    -------
    ipywidgets.interactive
    """
    w = _widgets()
    plt, _ = _plt()

    def draw(Q=2.0, T_bath=1.5, rate=1.0, model="meanfield"):
        fig, axes = plt.subplots(3, 1, sharex=True, figsize=(5.5, 5.5))
        _quench_panels(axes, Q, T_bath, rate, model)
        plt.show()

    return w.interactive(
        draw,
        Q=w.FloatSlider(value=2.0, min=0.0, max=4.0, step=0.1, description="Q / Tc"),
        T_bath=w.FloatSlider(value=1.5, min=0.5, max=2.5, step=0.05, description="T_bath / Tc"),
        rate=w.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.1, description="rate"),
        model=w.Dropdown(
            options=["fit", "meanfield", "onsager"], value="meanfield", description="model"
        ),
    )


def static_quench(Q_values=(0.6, 1.5, 3.0), *, T_bath=1.5, rate=1.0, model="meanfield"):
    """Small multiples of :func:`quench_explorer`, one column per quench strength.

    Returns
    -------
    matplotlib Figure
    """
    plt, _ = _plt()
    fig, axes = plt.subplots(
        3, len(Q_values), figsize=(min(8.4, 2.8 * len(Q_values)), 6), sharey="row"
    )
    for j, Q in enumerate(Q_values):
        _quench_panels(axes[:, j], Q, T_bath, rate, model)
        if j:
            for ax in axes[:, j]:
                ax.set_ylabel("")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- lattice
def _draw_lattice(ax, T_over_Tc, L, n_sweeps, seed):
    _, plotting = _plt()
    Tc = 2.0 / np.log1p(np.sqrt(2.0))
    sim = lattice.simulate(L, T_over_Tc * Tc, n_sweeps, algorithm="heatbath", rng=seed)
    ax.imshow(sim.spins, cmap=_two_colour_map(), vmin=-1, vmax=1, interpolation="nearest")
    ax.set(
        xticks=[],
        yticks=[],
        title=f"$T = {T_over_Tc:.2f}\\,T_c$, $m = {round(sim.magnetization[-1], 2) + 0.0:+.2f}$",
    )
    return ax


def _two_colour_map():
    from matplotlib.colors import ListedColormap

    return ListedColormap(["#E69F00", "#0072B2"])


def lattice_explorer(*, L=64, n_sweeps=300, seed=0):
    """A live ``L x L`` lattice: choose ``T/Tc``, see a snapshot after `n_sweeps`.

    Each redraw runs `n_sweeps` heat-bath sweeps from a random start (seeded,
    so a given temperature always shows the same picture). Above ``Tc`` that
    is an equilibrium picture; below ``Tc`` a large lattice is usually still
    coarsening (domains), which is itself worth seeing.

    Returns
    -------
    ipywidgets.interactive
    """
    w = _widgets()
    plt, _ = _plt()

    def draw(T=1.0):
        fig, ax = plt.subplots(figsize=(4.2, 4.2))
        _draw_lattice(ax, T, L, n_sweeps, seed)
        plt.show()

    return w.interactive(
        draw, T=w.FloatSlider(value=1.0, min=0.5, max=1.6, step=0.02, description="T / Tc")
    )


def static_lattice(T_values=(0.8, 1.0, 1.3), *, L=64, n_sweeps=300, seed=0):
    """Small multiples of :func:`lattice_explorer`.

    Returns
    -------
    matplotlib Figure
    """
    plt, _ = _plt()
    fig, axes = plt.subplots(1, len(T_values), figsize=(min(8.4, 2.8 * len(T_values)), 3.4))
    for ax, T in zip(np.atleast_1d(axes), T_values, strict=True):
        _draw_lattice(ax, T, L, n_sweeps, seed)
    fig.tight_layout()
    return fig
