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
    "plot_verdicts",
    "PALETTE",
    "plot_phase_diagram",
    "plot_activation_fit",
    "plot_branches",
    "plot_free_energy",
    "plot_quench_response",
    "plot_spike_counts",
    "use_house_style",
    "COLUMN_PX",
    "MIN_TEXT_PX",
    "displayed_text_px",
    "smallest_text_pt",
    "SPIN_COLORS",
    "plot_quench_signs",
    "plot_quench_train",
    "plot_snapshot",
    "plot_snapshots",
    "plot_family_map",
    "plot_power_law",
    "plot_pulls",
    "plot_scan",
    "plot_thermodynamics",
    "plot_population_curves",
    "plot_response_histograms",
    "plot_mean_band",
    "plot_activation_zoo",
    "plot_width_sweep",
    "plot_depth_sweep",
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


#: Width (CSS px) of the book's text column on a 1280-px-wide desktop screen: a wider figure
#: is shrunk to it, and so is its text.
COLUMN_PX = 672
#: The smallest text a figure may show at its displayed size (CSS px).
MIN_TEXT_PX = 9.0


def smallest_text_pt(fig):
    """Font size (points) of the smallest text drawn in a figure.

    Counts every visible, non-empty text (titles, labels, tick labels, legends,
    annotations) that lies inside the figure.

    Parameters
    ----------
    fig : matplotlib Figure

    Returns
    -------
    float
        ``inf`` for a figure without text.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("title", fontsize=12)
    >>> _ = ax.text(0.5, 0.5, "note", fontsize=7)
    >>> smallest_text_pt(fig)
    7.0
    >>> plt.close(fig)
    """
    from matplotlib.text import Text

    if not hasattr(fig.canvas, "get_renderer"):  # e.g. a figure closed by plt.show()
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    sizes = [np.inf]
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text().strip()):
            continue
        ext = t.get_window_extent(renderer)
        if ext.x1 < box.x0 or ext.x0 > box.x1 or ext.y1 < box.y0 or ext.y0 > box.y1:
            continue
        sizes.append(float(t.get_fontsize()))
    return min(sizes)


def displayed_text_px(font_pt, image_width_px, *, dpi=100.0, column_px=COLUMN_PX):
    """Height (CSS px) of text of size ``font_pt`` in a PNG as the book displays it.

    An image is shown at its natural size (one image pixel per CSS px) unless it is
    wider than the text column, when it is shrunk to the column's width.

    Parameters
    ----------
    font_pt : float or array_like
        Font size in points (1/72 inch at the figure's ``dpi``).
    image_width_px : float or array_like
        Width of the saved image in pixels.
    dpi : float, optional
        Resolution the image was saved at.
    column_px : float, optional
        Width of the column the image is shown in.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> float(displayed_text_px(9.0, 600))          # shown at natural size
    12.5
    >>> float(displayed_text_px(9.0, 1344, column_px=672))  # shrunk by half
    6.25
    """
    font_pt, width = np.asarray(font_pt, dtype=float), np.asarray(image_width_px, dtype=float)
    if np.any(width <= 0) or dpi <= 0 or column_px <= 0:
        raise ValueError("image_width_px, dpi and column_px must be > 0")
    out = font_pt * dpi / 72.0 * np.minimum(1.0, column_px / width)
    return float(out) if out.ndim == 0 else out


def _record_text_size():
    """Make IPython's PNG of every figure carry its smallest font size in the output metadata.

    ``metadata["image/png"]["isingneuron"] = {"smallest_text_pt": ..., "dpi": ...}``, read by
    the test that keeps the book's figures legible (tests/test_figures.py). Outside IPython,
    or where the inline backend is not in use, this does nothing.
    """
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import print_figure
    except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks only
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    # Load the backend now: the inline backend installs its own PNG formatter when its module
    # is first imported (at the first figure otherwise), which would replace ours.
    getattr(plt, "_get_backend_mod", lambda: None)()
    from matplotlib.figure import Figure

    def png(fig):
        data = print_figure(fig, "png", bbox_inches="tight", base64=True)
        if data is None:  # an empty figure: IPython shows no image
            return None
        size = smallest_text_pt(fig)
        meta = {"dpi": float(fig.dpi)}
        if np.isfinite(size):
            meta["smallest_text_pt"] = round(size, 2)
        return data, {"isingneuron": meta}

    shell.display_formatter.formatters["image/png"].for_type(Figure, png)


def use_house_style():
    """Set the book's matplotlib defaults (palette, sizes, opaque background).

    In a notebook it also records, with each figure's PNG, the size of its smallest
    text, so that a test can check every figure the book shows is legible at the size
    it is displayed (:data:`MIN_TEXT_PX` in a :data:`COLUMN_PX` column).

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
    _record_text_size()


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
    ax.legend(handles=handles, fontsize=9, loc="center left", bbox_to_anchor=(1.0, 0.5))
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


#: Colours of the spin snapshots: ``s = -1`` orange, ``s = +1`` blue (Okabe–Ito), a pair
#: that stays distinct with the common colour-vision deficiencies and in greyscale.
SPIN_COLORS = {-1: PALETTE["orange"], 1: PALETTE["blue"]}


def plot_snapshot(spins, *, ax=None, title=None):
    """Draw one spin configuration as an image, one square per spin.

    Parameters
    ----------
    spins : array_like of +1/-1, shape (L, M)
        Configuration (row ``i`` drawn as the ``i``-th row from the top).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import numpy as np
    >>> ax = plot_snapshot(np.ones((4, 4)), title="all up")
    >>> ax.get_title()
    'all up'
    >>> plt.close("all")
    """
    from matplotlib.colors import ListedColormap

    ax = _ax(ax)
    cmap = ListedColormap([SPIN_COLORS[-1], SPIN_COLORS[1]])
    ax.imshow(np.asarray(spins), cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("0.3")
    if title is not None:
        ax.set_title(title, fontsize=10)
    return ax


def plot_snapshots(spins, titles=None, *, ncols=None, axes=None, legend=True, size=2.6, dpi=150):
    """Draw several configurations side by side (or in a grid) with one colour key.

    Parameters
    ----------
    spins : sequence of array_like of +1/-1, each shape (L, M)
        Configurations (e.g. a stack of shape (k, L, L)).
    titles : sequence of str, optional
        One per configuration.
    ncols : int, optional
        Panels per row; default all in one row.
    axes : sequence of matplotlib Axes, optional
        At least ``len(spins)``; created when omitted (extra ones are hidden).
    legend : bool, optional
        Add the key "s = +1 / s = -1" under the panels.
    size : float, optional
        Width of one panel in inches, when the figure is created.
    dpi : float, optional
        Resolution of the created figure (high enough for one spin to span
        several pixels, so that the image does not alias).

    Returns
    -------
    ndarray of matplotlib Axes

    Examples
    --------
    >>> import numpy as np
    >>> axes = plot_snapshots(np.ones((3, 4, 4)), ["a", "b", "c"])
    >>> [ax.get_title() for ax in axes]
    ['a', 'b', 'c']
    >>> plt.close("all")
    """
    from matplotlib.patches import Patch

    k = len(spins)
    titles = [None] * k if titles is None else list(titles)
    if len(titles) != k:
        raise ValueError(f"titles must have one entry per configuration ({k}), got {len(titles)}")
    if axes is None:
        ncols = k if ncols is None else int(ncols)
        nrows = -(-k // ncols)
        fig, axes = plt.subplots(
            nrows,
            ncols,
            figsize=(size * ncols, (size + 0.3) * nrows + (0.3 if legend else 0.0)),
            squeeze=False,
            dpi=dpi,
            layout="constrained",
        )
        axes = axes.ravel()
        for ax in axes[k:]:
            ax.set_visible(False)
    axes = np.asarray(axes).ravel()
    for ax, s, t in zip(axes, spins, titles, strict=False):  # extra axes stay hidden
        plot_snapshot(s, ax=ax, title=t)
    if legend:
        fig = axes[0].figure
        handles = [
            Patch(color=SPIN_COLORS[1], label="$s = +1$"),
            Patch(color=SPIN_COLORS[-1], label="$s = -1$"),
        ]
        loc = "outside lower center" if fig.get_layout_engine() is not None else "lower center"
        fig.legend(handles=handles, loc=loc, ncol=2, fontsize=10, frameon=False)
    return axes[:k]


def plot_quench_train(trains, *, Tc, reference=None, axes=None):
    """Temperature and magnetisation of lattices driven by periodic quenches.

    Parameters
    ----------
    trains : dict of str -> isingneuron.QuenchTrain
        Label (e.g. ``"Q = 1.0 Tc"``) to the computed train.
    Tc : float
        Critical temperature: the temperature axis is ``T / Tc``, with a line at 1.
    reference : dict of str -> (ndarray, ndarray), optional
        Label to ``(t, m)`` curves drawn thin and dotted on the magnetisation
        panel (e.g. the equilibrium magnetisation of ``T(t)``).
    axes : sequence of 2 matplotlib Axes, optional
        Created as a column of two panels sharing the time axis when omitted.

    Returns
    -------
    ndarray of matplotlib Axes, shape (2,)
    """
    if axes is None:
        _, axes = plt.subplots(
            2, 1, sharex=True, figsize=(7.2, 5.0), gridspec_kw={"height_ratios": [1, 1.3]}
        )
    for label, tr in trains.items():
        (line,) = axes[0].plot(tr.t, tr.T / Tc, label=label, lw=1.6)
        axes[1].plot(tr.t, tr.magnetization, color=line.get_color(), lw=1.2)
    for label, (t, m) in (reference or {}).items():
        axes[1].plot(t, m, color=PALETTE["black"], lw=1.0, ls=":", label=label)
    axes[0].axhline(1.0, color="0.4", lw=0.8, ls="--")
    axes[0].annotate(
        "$T_c$",
        xy=(1.0, 1.0),
        xycoords=("axes fraction", "data"),
        xytext=(-2, 2),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=9,
        color="0.3",
    )
    axes[0].set(ylabel="temperature $T/T_c$")
    axes[1].axhline(0.0, color="0.6", lw=0.8)
    m_min = min(float(np.min(tr.magnetization)) for tr in trains.values())
    axes[1].set(
        xlabel="time $t$ [Monte Carlo sweeps]",
        ylabel="magnetisation $m$",
        ylim=(min(-0.1, 1.05 * m_min), 1.05),
    )
    handles = axes[0].get_lines()[: len(trains)] + [
        line for line in axes[1].get_lines() if not line.get_label().startswith("_")
    ]
    axes[0].legend(
        handles=handles,
        fontsize=9,
        ncol=len(handles),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
    )
    return np.asarray(axes)


def plot_quench_signs(m_peak, *, axes=None):
    """The signed peak magnetisation after each quench of one or more quench trains.

    Parameters
    ----------
    m_peak : dict of str -> ndarray, shape (q,)
        Label (e.g. ``"h = 0"``) to the peak magnetisation of each quench
        (:attr:`isingneuron.QuenchTrain.m_peak`).
    axes : sequence of matplotlib Axes, optional
        One per label; created as a column sharing both axes when omitted.

    Returns
    -------
    ndarray of matplotlib Axes
    """
    n = len(m_peak)
    if axes is None:
        _, axes = plt.subplots(n, 1, sharex=True, sharey=True, figsize=(7.2, 1.9 * n + 0.6))
    axes = np.atleast_1d(axes)
    for ax, (label, m) in zip(axes, m_peak.items(), strict=True):
        m = np.asarray(m)
        k = np.arange(1, m.size + 1)
        colours = np.where(m >= 0, SPIN_COLORS[1], SPIN_COLORS[-1])
        ax.bar(k, m, width=0.8, color=colours)
        ax.axhline(0.0, color="0.3", lw=0.8)
        ax.set(ylabel="peak $m$", ylim=(-1.05, 1.05))
        ax.set_title(label, fontsize=10, loc="left")
    axes[-1].set(xlabel="quench number")
    return axes


def plot_family_map(entries, *, ax=None, colors=None, label_offsets=None, n_inf=None):
    """Where activations sit in the softplus–sigmoid family: saturation ``s`` against gain ``n``.

    Parameters
    ----------
    entries : sequence of isingneuron.related.CatalogueEntry
        Each with ``name``, ``status`` (``"member"``, ``"limit"`` or
        ``"outside"``) and ``fit`` (with ``n``, ``s`` and ``rms``).
    ax : matplotlib Axes, optional
    colors : dict of str -> colour, optional
        Colour per entry name (default: the first palette colour).
    label_offsets : dict of str -> (dx, dy), optional
        Label offset in points per entry name (default ``(6, 0)``, to the
        right; a negative ``dx`` puts the label to the left).
    n_inf : float, optional
        Height at which the limits ``n -> inf`` are drawn (default: four times
        the largest finite gain).

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Filled circles: exact members; open circles: best approximants of curves
    outside the family, labelled with their RMS residual; triangles above the
    dashed line: limits ``n -> inf``.
    """
    from matplotlib.lines import Line2D

    ax = _ax(ax)
    colors = colors or {}
    label_offsets = label_offsets or {}
    top = n_inf if n_inf is not None else 4.0 * max(e.fit.n for e in entries if e.status != "limit")
    for e in entries:
        c = colors.get(e.name, PALETTE["blue"])
        n = top if e.status == "limit" else e.fit.n
        text = e.name
        if e.status == "member":
            ax.plot(e.fit.s, n, "o", ms=8, color=c, zorder=4)
        elif e.status == "limit":
            ax.plot(e.fit.s, n, "^", ms=9, color=c, zorder=4)
        else:
            ax.plot(e.fit.s, n, "o", ms=10, mfc="none", mew=1.6, color=c, zorder=3)
            text = f"{e.name} (RMS {e.fit.rms:.3f})"
        dx, dy = label_offsets.get(e.name, (6, 0))
        ax.annotate(
            text,
            (e.fit.s, n),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=9,
            va="center",
            ha="left" if dx >= 0 else "right",
            color=c,
        )
    ax.axhline(top / 1.6, color="0.7", lw=0.8, ls="--")
    handles = [
        Line2D([], [], ls="", marker="o", ms=7, color="0.3", label="exact member"),
        Line2D([], [], ls="", marker="^", ms=8, color="0.3", label=r"limit $n \to \infty$"),
        Line2D([], [], ls="", marker="o", ms=8, mfc="none", mew=1.5, color="0.3"),
    ]
    handles[-1].set_label("best approximant (outside)")
    ax.legend(handles=handles, fontsize=9, loc="center", bbox_to_anchor=(0.5, 0.18))
    ax.set_yscale("log")
    ax.set(xlabel="saturation $s$  (0: softplus, 1: logistic)", ylabel="gain $n$")
    ax.set_xlim(-0.08, 1.08)
    ticks = [v for v in (1, 10, 100, 1000) if v < top / 1.6]
    ax.set_yticks([*ticks, top], [f"{v:g}" for v in ticks] + [r"$\infty$"])
    ax.minorticks_off()
    return ax


# ---------------------------------------------------------------------------
# Mean field against the lattice: thermodynamics, Monte Carlo scans, fits
# ---------------------------------------------------------------------------
_THERMO_PANELS = (
    ("m", "abs_m", r"magnetisation $m$, $\langle|m|\rangle$"),
    ("u", "energy", r"energy per spin $u$  [units of $J$]"),
    ("c", "specific_heat", r"specific heat per spin $c$  [units of $k_B$]"),
)


def plot_scan(scan, quantity, *, x=None, ax=None, **kwargs):
    """Monte Carlo estimates of one quantity of an ``isingneuron.Scan``, with error bars.

    Parameters
    ----------
    scan : isingneuron.Scan
        Result of ``scan_temperatures`` or ``scan_sizes``.
    quantity : str
        A field with a matching ``<quantity>_err`` field: ``"abs_m"``,
        ``"energy"``, ``"specific_heat"``, ``"susceptibility"`` or ``"binder"``.
    x : ndarray, shape (n,), optional
        Abscissae; default ``scan.T`` (pass e.g. ``scan.T / Tc`` or ``scan.L``).
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.errorbar`` (e.g. ``color``, ``label``, ``marker``).

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    x = scan.T if x is None else x
    style = {"fmt": "o", "ms": 3.5, "mfc": "white", "mew": 1.2, "elinewidth": 1.0, "capsize": 0}
    style.update(kwargs)
    ax.errorbar(x, getattr(scan, quantity), yerr=getattr(scan, quantity + "_err"), **style)
    return ax


def plot_thermodynamics(curves, scans=None, *, axes=None, xlabel=None, marks=None, legend=True):
    """Magnetisation, energy and specific heat against temperature, in three panels.

    Parameters
    ----------
    curves : dict of str -> (ndarray, dict, dict)
        Label to ``(T, values, style)``: ``values`` maps any of ``"m"``, ``"u"``,
        ``"c"`` to an array of the shape of ``T`` (a missing key leaves that
        panel without the curve); ``style`` holds keyword arguments of ``ax.plot``.
    scans : dict of str -> (ndarray, isingneuron.Scan, dict), optional
        Label to ``(x, scan, style)``: Monte Carlo points ``<|m|>``, ``<e>``,
        ``c`` with error bars at abscissae ``x`` (e.g. ``scan.T``);
        ``style`` is passed to :func:`plot_scan`.
    axes : sequence of 3 matplotlib Axes, optional
        Created side by side when omitted.
    xlabel : str, optional
        Default: temperature in units of ``J/k_B``.
    marks : dict of str -> float, optional
        Label to abscissa of a dotted vertical line in every panel (e.g. the
        critical temperatures), labelled in the first panel.
    legend : bool, optional
        One legend for all panels, below them.

    Returns
    -------
    ndarray of matplotlib Axes, shape (3,)
    """
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(8.4, 3.6), sharex=True)
    axes = np.asarray(axes).ravel()
    xlabel = xlabel or r"temperature $T$  [units of $J/k_B$]"
    for ax, (key, field, ylabel) in zip(axes, _THERMO_PANELS, strict=True):
        for label, (T, values, style) in curves.items():
            if key in values:
                ax.plot(T, values[key], label=label, **style)
        for label, (x, scan, style) in (scans or {}).items():
            plot_scan(scan, field, x=x, ax=ax, label=label, **style)
        for x in (marks or {}).values():
            ax.axvline(x, color="0.45", lw=0.8, ls=":", zorder=0)
        ax.set(xlabel=xlabel, ylabel=ylabel)
    for text, x in (marks or {}).items():
        axes[0].annotate(
            text,
            xy=(x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=9,
            color="0.3",
        )
    if legend:
        entries = {}
        for ax in axes[::-1]:  # the last panel has every curve: keep their order
            for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
                entries.setdefault(label, handle)
        fig = axes[0].figure
        fig.tight_layout()
        fig.legend(
            entries.values(),
            entries.keys(),
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=min(4, len(entries)),
            fontsize=9,
        )
    return axes


def plot_power_law(x, y, fit, *, yerr=None, ax=None, label=None, fit_label=None, **kwargs):
    """Data on log–log axes with a fitted power law ``amplitude * x**exponent``.

    Parameters
    ----------
    x, y : ndarray, shape (n,)
        Positive data.
    fit : object with ``exponent`` and ``amplitude``
        E.g. ``isingneuron.PowerLawFit`` or ``WeightedPowerLawFit``; drawn as a
        line over the range of `x`.
    yerr : ndarray, shape (n,), optional
        Error bars of `y`.
    ax : matplotlib Axes, optional
    label, fit_label : str, optional
        Legend entries of the data and of the line.
    **kwargs
        Passed to ``ax.errorbar`` for the data (e.g. ``color``, ``fmt``).

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    style = {"fmt": "o", "ms": 4.5, "mfc": "white", "mew": 1.2, "capsize": 0, "elinewidth": 1.0}
    style.update(kwargs)
    pts = ax.errorbar(x, y, yerr=yerr, label=label, zorder=3, **style)
    xs = np.geomspace(np.min(x), np.max(x), 100)
    color = pts[0].get_color()
    ax.plot(xs, fit.amplitude * xs**fit.exponent, color=color, lw=1.3, zorder=4, label=fit_label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    return ax


def plot_pulls(x, z, *, ax=None, **kwargs):
    """Pulls ``z = (estimate - exact) / error`` with the 1 and 2 standard-error bands.

    Parameters
    ----------
    x : ndarray, shape (n,)
        Abscissae (e.g. temperatures).
    z : ndarray, shape (n,)
        Pulls, e.g. ``isingneuron.compare_to_exact(...).z``. For honest error bars
        about 68 % lie in the inner band and 95 % in the outer one.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``ax.plot`` (e.g. ``color``, ``marker``, ``label``).

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    if not ax.get_ylabel():  # draw the bands once per Axes
        ax.axhspan(-2, 2, color="0.92", zorder=0)
        ax.axhspan(-1, 1, color="0.82", zorder=0)
        ax.axhline(0.0, color="0.4", lw=0.8)
        ax.set_ylabel(r"pull $(\mathrm{MC} - \mathrm{exact})/\sigma$")
    style = {"ls": "", "marker": "o", "ms": 4}
    style.update(kwargs)
    ax.plot(x, z, **style)
    return ax


def plot_population_curves(mu, curves, *, estimates=None, ax=None, styles=None, ylabel=None):
    """Population statistics against the mean input, with sampled points on top.

    Parameters
    ----------
    mu : ndarray, shape (n,)
        Mean inputs of the curves.
    curves : dict of str -> ndarray, shape (n,)
        Label to exact (closed-form or quadrature) values.
    estimates : dict of str -> tuple (mu_s, value, error), optional
        Sampled estimates with standard errors, drawn as error bars in the
        colour of the curve with the same label (or their own colour).
    ax : matplotlib Axes, optional
    styles : dict of str -> dict, optional
        Extra keyword arguments for ``ax.plot`` per label.
    ylabel : str, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    styles = styles or {}
    colors = {}
    for label, y in curves.items():
        (line,) = ax.plot(mu, y, label=label, **styles.get(label, {}))
        colors[label] = line.get_color()
    for label, (mu_s, value, error) in (estimates or {}).items():
        kw = {"fmt": "o", "ms": 4, "capsize": 2, "elinewidth": 1.0, "zorder": 3}
        if label in colors:
            kw["color"] = colors[label]
            kw["mfc"] = "white"
            label = None
        ax.errorbar(mu_s, value, yerr=error, label=label, **kw)
    ax.set(xlabel=r"mean input $\mu$ [units of $T_c$]")
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    return ax


def plot_response_histograms(responses, *, notes=None, bins=40, axes=None, ncols=4):
    """Histograms of a population's responses, one panel per activation.

    Exactly silent neurones (``r == 0``) are drawn as a separate bar at zero
    in vermillion, so that a hard zero is never hidden inside the first bin.

    Parameters
    ----------
    responses : dict of str -> ndarray, shape (n,)
        Label to the responses of the sampled neurones.
    notes : dict of str -> str, optional
        Text written in the upper right of each panel.
    bins : int, optional
        Number of bins over each panel's range of non-zero responses.
    axes : sequence of matplotlib Axes, optional
        At least ``len(responses)``; created on a grid of `ncols` columns
        when omitted (unused panels are hidden).
    ncols : int, optional

    Returns
    -------
    ndarray of matplotlib Axes
    """
    if axes is None:
        nrows = -(-len(responses) // ncols)
        _, axes = plt.subplots(
            nrows, ncols, figsize=(min(8.4, 2.9 * ncols), 2.5 * nrows), sharey=True
        )
    axes = np.asarray(axes).ravel()
    for ax in axes[len(responses) :]:
        ax.set_visible(False)
    for ax, (label, r) in zip(axes, responses.items(), strict=False):
        r = np.asarray(r, dtype=float)
        n = r.size
        nz = r[r != 0]
        if nz.size:
            lo, hi = min(nz.min(), 0.0), max(nz.max(), 0.0)
            ax.hist(
                nz,
                bins=np.linspace(lo, hi, bins + 1),
                weights=np.full(nz.size, 1.0 / n),
                color=PALETTE["blue"],
                alpha=0.85,
            )
        else:
            lo, hi = -0.5, 0.5
        zero = np.count_nonzero(r == 0) / n
        if zero > 0:
            width = (hi - lo) / bins
            ax.bar(0.0, zero, width=width, color=PALETTE["vermillion"], label="exactly 0")
        ax.set_yscale("log")
        ax.set_ylim(0.5 / n, 30.0)  # single neurones visible; headroom for the note
        ax.set_title(label, fontsize=10)
        if notes and label in notes:
            ax.text(
                0.97,
                0.95,
                notes[label],
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=9,
                bbox={"fc": "white", "ec": "0.8", "alpha": 0.9},
            )
    for ax in axes[: len(responses)]:
        ax.set_xlabel("response $r$", fontsize=9)
    for ax in axes[::ncols]:
        ax.set_ylabel("share of neurones")
    return axes


def plot_phase_diagram(sigma_b, sigma_w, chi1, diverged=None, *, boundary=None, ax=None, vmax=2.0):
    r"""Order-to-chaos phase diagram: ``ln chi_1`` over the ``(sigma_b, sigma_w)`` plane.

    Parameters
    ----------
    sigma_b, sigma_w : ndarray, shape (n_w, n_b)
        Meshgrid of bias and weight standard deviations.
    chi1 : ndarray, shape (n_w, n_b)
        ``chi_1`` at the fixed point (nan where there is none).
    diverged : ndarray of bool, shape (n_w, n_b), optional
        Where the length map has no fixed point; drawn grey.
    boundary : tuple of two ndarrays, optional
        ``(sigma_b, sigma_w)`` of the line ``chi_1 = 1`` computed in closed form,
        drawn dashed over the contour of the grid.
    ax : matplotlib Axes, optional
    vmax : float, optional
        Colour range ``[-vmax, vmax]`` of ``ln chi_1`` (blue: ordered, red: chaotic).

    Returns
    -------
    matplotlib Axes
        The colour mesh is ``ax.collections[0]`` (for a colour bar).

    Examples
    --------
    >>> import numpy as np
    >>> b, w = np.meshgrid(np.linspace(0, 1, 5), np.linspace(0.5, 2, 6))
    >>> ax = plot_phase_diagram(b, w, w**2)
    >>> ax.get_xlabel()
    '$\\sigma_b$'
    >>> plt.close("all")
    """
    ax = _ax(ax)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.log(np.asarray(chi1, dtype=float))
    ax.pcolormesh(sigma_b, sigma_w, z, cmap="RdBu_r", vmin=-vmax, vmax=vmax, shading="auto")
    if np.nanmin(chi1) < 1 < np.nanmax(chi1):
        ax.contour(sigma_b, sigma_w, chi1, [1.0], colors="k", linewidths=1.5)
    if diverged is not None and np.any(diverged):
        ax.contourf(
            sigma_b, sigma_w, np.asarray(diverged, dtype=float), [0.5, 1.5], colors=["0.75"]
        )
    if boundary is not None:
        ax.plot(boundary[0], boundary[1], color=PALETTE["yellow"], ls="--", lw=1.5)
    ax.set(xlabel=r"$\sigma_b$", ylabel=r"$\sigma_w$")
    ax.grid(False)
    return ax


def plot_mean_band(x, runs, *, ax=None, styles=None, band=True):
    """Mean over seeds with a band of ± one standard deviation, one curve per label.

    Parameters
    ----------
    x : ndarray, shape (n,)
        Abscissa (e.g. epochs).
    runs : dict of str -> ndarray, shape (S, n)
        Label to one row per seed (``S >= 2`` for a band).
    ax : matplotlib Axes, optional
    styles : dict of str -> dict, optional
        Extra keyword arguments for ``ax.plot`` per label (colour, line style).
    band : bool, optional
        Draw the ± s.d. band (``ddof = 1``).

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    styles = styles or {}
    for label, y in runs.items():
        y = np.atleast_2d(y)
        mean = y.mean(axis=0)
        (line,) = ax.plot(x, mean, label=label, **styles.get(label, {}))
        if band and y.shape[0] > 1:
            sd = y.std(axis=0, ddof=1)
            ax.fill_between(x, mean - sd, mean + sd, color=line.get_color(), alpha=0.2, lw=0)
    return ax


def plot_activation_zoo(curves, *, deltas=None, titles=None, highlight=(), ncols=4, axes=None):
    """Small multiples of activation functions (solid) and their slopes (dashed).

    Parameters
    ----------
    curves : isingneuron.zoo.ZooCurves
        Values and slopes on a common grid.
    deltas : dict of str -> float, optional
        Functions with a jump: name to its position; the slope there is a
        Dirac delta, drawn as an arrow.
    titles : dict of str -> str, optional
        Panel titles replacing the names.
    highlight : sequence of str, optional
        Names whose panels get a tinted background (e.g. the paper's own).
    ncols : int, optional
        Panels per row.
    axes : array of matplotlib Axes, optional
        At least ``len(curves.names)`` panels; created when omitted.

    Returns
    -------
    ndarray of matplotlib Axes
    """
    n = len(curves.names)
    if axes is None:
        nrows = -(-n // ncols)
        _, axes = plt.subplots(
            nrows,
            ncols,
            figsize=(min(8.4, 2.6 * ncols), 2.2 * nrows),
            sharex=True,
            layout="constrained",
        )
    axes = np.ravel(axes)
    deltas = deltas or {}
    titles = titles or {}
    for ax, name, y, dy in zip(axes, curves.names, curves.values, curves.slopes, strict=False):
        ax.axhline(0.0, color="0.6", lw=0.8)
        ax.axvline(0.0, color="0.85", lw=0.8)
        ax.plot(curves.x, y, color=PALETTE["blue"], lw=2.0)
        ax.plot(curves.x, dy, color=PALETTE["vermillion"], lw=1.4, ls="--")
        if name in deltas:
            ax.annotate(
                "",
                xy=(deltas[name], 1.25),
                xytext=(deltas[name], 0.0),
                arrowprops=dict(arrowstyle="-|>", color=PALETTE["vermillion"], lw=1.4),
            )
        ax.set_title(titles.get(name, name), fontsize=10)
        if name in highlight:
            ax.set_facecolor("#f1f5fa")
        ax.tick_params(labelsize=9)
        lo = min(float(np.min(y)), float(np.min(dy)), 0.0)
        hi = max(float(np.max(y)), float(np.max(dy)), 1.3 if name in deltas else 0.0)
        pad = 0.08 * (hi - lo)
        ax.set_ylim(lo - pad, hi + pad)
    for ax in axes[n:]:
        ax.axis("off")
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color=PALETTE["blue"], lw=2.0, label="activation $f(x)$"),
        Line2D([], [], color=PALETTE["vermillion"], lw=1.4, ls="--", label="slope $f'(x)$"),
    ]
    legend_ax = axes[n] if axes.size > n else axes[-1]
    legend_ax.legend(handles=handles, loc="center", fontsize=10)
    for col in range(min(ncols, n)):
        last = axes[col + ncols * ((n - 1 - col) // ncols)]  # lowest panel in use
        last.set_xlabel("input $x$", fontsize=9)
        last.xaxis.set_tick_params(labelbottom=True)
    return axes


def plot_width_sweep(sweep, *, ax=None, styles=None, reference_label="degree-{k} polynomial"):
    """Test error against width on log–log axes, with the spread over seeds.

    Parameters
    ----------
    sweep : isingneuron.approximation.WidthSweep
        Errors per activation, width and seed.
    ax : matplotlib Axes, optional
    styles : dict of str -> dict, optional
        Extra ``ax.plot`` keyword arguments per activation name.
    reference_label : str, optional
        Label of the best-polynomial lines; ``{k}`` is the degree.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Lines join the mean over seeds; the shaded band spans the smallest to the
    largest error over seeds. Horizontal dotted lines are the mean
    best-polynomial errors (``sweep.reference_errors``).
    """
    ax = _ax(ax)
    styles = styles or {}
    for i, name in enumerate(sweep.names):
        kw = dict(marker="o", ms=4)
        kw.update(styles.get(name, {}))
        (line,) = ax.plot(sweep.widths, sweep.mean[i], label=name, **kw)
        ax.fill_between(
            sweep.widths,
            sweep.errors[i].min(axis=-1),
            sweep.errors[i].max(axis=-1),
            color=line.get_color(),
            alpha=0.18,
            lw=0,
        )
    for k, ref in zip(sweep.reference_degrees, sweep.reference_errors, strict=True):
        ax.axhline(float(np.mean(ref)), color="0.35", lw=1.0, ls=":", zorder=0)
        ax.annotate(
            reference_label.format(k=k),
            xy=(1.0, float(np.mean(ref))),
            xycoords=("axes fraction", "data"),
            xytext=(-2, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=9,
            color="0.3",
        )
    ax.set_xscale("log", base=2)
    ax.set_xticks(sweep.widths, [str(w) for w in sweep.widths])
    ax.xaxis.set_minor_locator(plt.NullLocator())
    ax.set_yscale("log")
    ax.set(xlabel="hidden units (width) $n$", ylabel="test RMS error")
    return ax


def plot_depth_sweep(sweep, *, ax=None, label=None):
    """Test error against depth, next to the best polynomials of degree ``2**L``.

    Parameters
    ----------
    sweep : isingneuron.approximation.DepthSweep
        Errors per depth and seed; ``reference_degrees`` are drawn as open
        markers at the depth ``log2(degree)``.
    ax : matplotlib Axes, optional
    label : str, optional
        Legend label of the network curve.

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    (line,) = ax.plot(sweep.depths, sweep.mean, marker="o", label=label)
    ax.fill_between(
        sweep.depths,
        sweep.errors.min(axis=-1),
        sweep.errors.max(axis=-1),
        color=line.get_color(),
        alpha=0.18,
        lw=0,
    )
    if sweep.reference_degrees:
        k = np.asarray(sweep.reference_degrees, dtype=float)
        ax.plot(
            np.log2(np.maximum(k, 1.0)),
            np.mean(sweep.reference_errors, axis=-1),
            ls="none",
            marker="s",
            ms=11,
            mfc="none",
            color="k",
            label="best polynomial of degree $2^L$",
        )
        for kk, e in zip(k, np.mean(sweep.reference_errors, axis=-1), strict=True):
            ax.annotate(
                f"degree {kk:g}",
                xy=(np.log2(max(kk, 1.0)), e),
                xytext=(9, 4),
                textcoords="offset points",
                fontsize=9,
                color="0.3",
            )
    from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter

    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(sweep.depths)
    ax.set(xlabel="hidden layers $L$", ylabel="test RMS error")
    ax.legend(fontsize=9)
    return ax


def plot_verdicts(sections, counts, verdicts, *, ax=None):
    """Stacked bars: how many claims of each section received each verdict.

    Parameters
    ----------
    sections : list of str
        Section labels, one bar each.
    counts : ndarray of int, shape (len(sections), len(verdicts))
        From :func:`isingneuron.verification.verdict_counts`.
    verdicts : sequence of str
        Verdict names, in the column order of `counts`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = _ax(ax)
    colours = {
        "holds": PALETTE["blue"],
        "holds with a correction": PALETTE["sky"],
        "loose": PALETTE["orange"],
        "does not hold": PALETTE["vermillion"],
    }
    y = np.arange(len(sections))[::-1]
    left = np.zeros(len(sections))
    for j, v in enumerate(verdicts):
        ax.barh(y, counts[:, j], left=left, color=colours.get(v, "0.5"), label=v, edgecolor="white")
        left += counts[:, j]
    ax.set_yticks(y, [f"§{s}" for s in sections])
    ax.set(xlabel="number of claims", ylabel="section of the paper")
    ax.grid(axis="y", visible=False)
    ax.legend(fontsize=9, loc="lower right")
    return ax
