"""Small helpers for the book's notebooks (not needed by the numerics).

:func:`glue_number` stores a number for the prose (``{glue:text}`key:.3f```)
rounded to six significant digits (more than any sentence quotes), so that the
stored output that strict nbval compares does not depend on the last bits of
floating-point arithmetic or on an optimiser's stopping point, which vary
between NumPy/SciPy versions and CPUs. It writes the same output as
``myst_nb.glue`` but needs neither myst_nb nor Jupyter Book, so a chapter runs
anywhere the package is installed (Colab, a bare Jupyter server, a script).

:func:`data_path` finds the results of the heavier runs (``scripts/``), which
ship inside the package, so a chapter needs nothing beside its notebook.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np

from ._validation import finite_scalar

__all__ = [
    "GLUE_MIME_PREFIX",
    "data_files",
    "data_path",
    "format_small",
    "glue_figure",
    "glue_number",
    "round_significant",
    "stable_round",
]

#: MIME prefix of a glued value that is stored but not displayed (myst_nb's convention,
#: shared with papermill/scrapbook); Jupyter Book reads glued values back from it.
GLUE_MIME_PREFIX = "application/papermill.record/"


def glue_number(name, value, *, digits=6, zero_below=1e-12, noise=1e-9):
    """Glue a real number, rounded to `digits` significant digits, without display.

    The output is exactly what ``myst_nb.glue(name, x, display=False)`` writes
    (a display output whose MIME type carries :data:`GLUE_MIME_PREFIX` and whose
    metadata names the key), so Jupyter Book pastes it as usual; myst_nb need not
    be installed. Outside IPython the call does nothing.

    Parameters
    ----------
    name : str
        Glue key, referenced in Markdown as ``{glue:text}`name:.3f```.
    value : float
        Finite real number (NumPy scalars are converted to Python floats, so the
        stored text is ``0.5``, never ``np.float64(0.5)``).
    digits : int, optional
        Significant digits kept, 1 to 17. Use fewer for results whose own
        accuracy is lower (optimisers, quadrature, Monte Carlo means).
    zero_below : float, optional
        Magnitudes below this are stored as 0.0: such values are rounding noise
        (e.g. a fitted parameter that is zero in exact arithmetic), whose digits
        differ between machines.
    noise : float, optional
        Relative size of the last-bit noise in `value`, at least 0. The rounding
        must not change anywhere within ``value * (1 ± noise)``; a value that close
        to a rounding boundary would be stored differently on another machine.

    Raises
    ------
    ValueError
        For a non-string `name`, a non-finite `value`, bad `digits`, `zero_below`
        or `noise`, or a `value` within `noise` of a rounding boundary at `digits`.

    Notes
    -----
    Returns nothing, so that a cell ending with it shows no output.

    Examples
    --------
    >>> glue_number("a", 0.123456789)  # outside IPython: checked, rounded, not stored
    >>> glue_number("a", 0.1234565, digits=6)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: value 0.1234565 lies within a relative 1e-09 of a rounding boundary at 6 ...
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    _small_tolerance("zero_below", zero_below)
    x = stable_round(value, digits, noise=noise)
    x = 0.0 if abs(x) < zero_below else x + 0.0  # + 0.0: never store -0.0
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python: nothing to store into
        return
    if get_ipython() is None:
        return
    display(
        {GLUE_MIME_PREFIX + "text/plain": repr(x)},
        raw=True,
        metadata={"scrapbook": {"name": name, "mime_prefix": GLUE_MIME_PREFIX}},
    )


def glue_figure(name, fig):
    """Glue a matplotlib figure without display, for ``{glue:figure}`` on another page.

    Writes what ``myst_nb.glue(name, fig, display=False)`` writes (IPython's formats of the
    figure under :data:`GLUE_MIME_PREFIX`, the key in the metadata); myst_nb need not be
    installed. Outside IPython the call does nothing.

    Parameters
    ----------
    name : str
        Glue key, referenced in Markdown as ``{glue:figure} page.ipynb::name``.
    fig : matplotlib.figure.Figure

    Raises
    ------
    ValueError
        For a non-string or empty `name`.
    TypeError
        If `fig` is not a matplotlib Figure.
    RuntimeError
        If IPython makes no PNG of the figure (an empty figure, or a failing formatter).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> glue_figure("fig-x", fig)  # stored only in a running kernel
    >>> glue_figure("fig-x", "not a figure")
    Traceback (most recent call last):
    ...
    TypeError: fig must be a matplotlib Figure, got str
    >>> plt.close(fig)
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - matplotlib is an optional dependency
        Figure = ()
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    try:
        from IPython import get_ipython
        from IPython.core.formatters import format_display_data
        from IPython.display import display
    except ImportError:  # plain Python: nothing to store into
        return
    if get_ipython() is None:
        return
    bundle, metadata = format_display_data(fig)
    if "image/png" not in bundle:  # a formatter failed: IPython only warns
        raise RuntimeError(f"IPython produced no PNG for figure {name!r}")
    metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_MIME_PREFIX}
    display({GLUE_MIME_PREFIX + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)


def stable_round(value, digits=6, *, noise=1e-9):
    """Round to `digits` significant digits, refusing values on a rounding edge.

    Parameters
    ----------
    value : float
        Finite real number.
    digits : int, optional
        Significant digits, 1 to 17.
    noise : float, optional
        Relative uncertainty of `value` in its last bits, at least 0.

    Returns
    -------
    float
        ``round_significant(value, digits)``.

    Raises
    ------
    ValueError
        If rounding differs anywhere within ``value * (1 ± noise)``: the shown
        digits would then depend on the machine. Round to fewer digits.

    Examples
    --------
    >>> stable_round(2.31749999, 4)
    2.317
    >>> stable_round(2.3175, 4)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: value 2.3175 lies within a relative 1e-09 of a rounding boundary at 4 ...
    """
    _small_tolerance("noise", noise)
    v = _real("value", value)
    x = round_significant(v, digits)
    if noise and 10.0 ** (1 - digits) <= 2 * noise:
        raise ValueError(
            f"digits={digits} asks for a relative precision the noise={noise:g} does not allow; "
            f"round to fewer digits"
        )
    if noise and (
        round_significant(v * (1 - noise), digits) != x
        or round_significant(v * (1 + noise), digits) != x
    ):
        raise ValueError(
            f"value {v!r} lies within a relative {noise:g} of a rounding boundary at "
            f"{digits} significant digits: its stored digits would depend on the machine; "
            f"round it to fewer digits"
        )
    return x


def format_small(value, floor, fmt="+.1e"):
    """Format a number, or the bound ``< floor`` where its size is rounding noise.

    A residual, an error or a fitted parameter that vanishes in exact arithmetic
    comes out of floating-point arithmetic as noise of order ``1e-16`` times the
    scale, whose digits (and sign) differ between machines. Printing the bound
    instead keeps the stored output of a notebook the same everywhere.

    Parameters
    ----------
    value : float
        Finite real number.
    floor : float
        Positive bound below which `value` is noise; choose it far (a factor 100 or
        more) above the noise and below any value that means something.
    fmt : str, optional
        Format specification for values at or above `floor`.

    Returns
    -------
    str

    Examples
    --------
    >>> format_small(-3.7e-14, 1e-12)
    '< 1e-12'
    >>> format_small(0.94, 1e-12, ".2f")
    '0.94'
    """
    x = _real("value", value)
    floor = _real("floor", floor)
    if not floor > 0:
        raise ValueError(f"floor must be a positive finite number, got {floor!r}")
    if not isinstance(fmt, str):
        raise ValueError(f"fmt must be a format specification string, got {fmt!r}")
    if abs(x) < floor:
        return f"< {floor:g}"
    text = format(x, fmt)
    # a small value shown at a coarse precision would print as -0.000: drop the sign of zero
    mantissa = text.lower().split("e")[0]
    shows_zero = not any(c in "123456789" for c in mantissa)
    return format(0.0, fmt) if shows_zero else text


def round_significant(value, digits=10):
    """Round a finite real number to `digits` significant digits (a Python float).

    Examples
    --------
    >>> round_significant(0.13157296846176406, 6)
    0.131573
    >>> round_significant(-1234.5678, 3)
    -1230.0
    """
    x = _real("value", value)
    if (
        isinstance(digits, bool)
        or not isinstance(digits, (int, np.integer))
        or not (1 <= digits <= 17)
    ):
        raise ValueError(f"digits must be an integer between 1 and 17, got {digits!r}")
    return float(f"{x:.{int(digits)}g}")


def _real(name, value):
    """A finite real scalar; booleans and strings are refused (not silently 1.0 or parsed)."""
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return finite_scalar(name, value)


def _small_tolerance(name, value):
    """A relative tolerance in [0, 0.01)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1e-2:
        raise ValueError(f"{name} must be a number in [0, 0.01), got {value!r}")
    return value


def data_files():
    """Names of the data files shipped with the package (results of ``scripts/``).

    Returns
    -------
    list of str
        Sorted file names, e.g. ``["criticality.npz", "learning_experiment.npz"]``.
    """
    folder = resources.files("isingneuron").joinpath("data")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".npz"))


def data_path(name):
    """Path of a data file shipped with the package (written there by ``scripts/``).

    Parameters
    ----------
    name : str
        File name, one of :func:`data_files`.

    Returns
    -------
    pathlib.Path
        A path that ``numpy.load`` can open; it lies inside the installed package.

    Examples
    --------
    >>> data_path("criticality.npz").name
    'criticality.npz'
    """
    available = data_files()
    if name not in available:
        raise ValueError(f"name must be one of {available}, got {name!r}")
    return Path(str(resources.files("isingneuron").joinpath("data", name)))
