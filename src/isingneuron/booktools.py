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

import os
from importlib import resources
from pathlib import Path

import numpy as np

from ._validation import finite_scalar, mapping, path_like

__all__ = [
    "GLUE_MIME_PREFIX",
    "DATA_ENV",
    "data_files",
    "data_path",
    "provenance",
    "read_provenance",
    "save_data",
    "format_small",
    "glue_figure",
    "glue_number",
    "glue_text",
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
    _store(name, {"text/plain": repr(x)})


def _display():
    """IPython's ``display`` when a kernel is running, else None (plain Python)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python: nothing to store into
        return None
    return display if get_ipython() is not None else None


def _store(name, bundle, metadata=None):
    """Write a glued value as myst_nb does: `bundle` under the glue MIME prefix, not shown."""
    display = _display()
    if display is None:
        return
    metadata = dict(metadata or {})
    metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_MIME_PREFIX}
    display({GLUE_MIME_PREFIX + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)


def glue_text(name, text):
    r"""Glue a short text (e.g. a computed verdict) without display, for ``{glue:text}``.

    Stores the text itself, not its ``repr`` (no quotes on the page), as myst_nb's glue of
    an object whose plain-text form is `text`; myst_nb need not be installed. Outside
    IPython the call does nothing.

    Parameters
    ----------
    name : str
        Glue key, referenced in Markdown as ``{glue:text}`name```.
    text : str
        One line of text, non-empty.

    Raises
    ------
    ValueError
        For a non-string or empty `name` or `text`, or a `text` with a line break.

    Examples
    --------
    >>> glue_text("verdict", "equivalent")  # outside IPython: checked, not stored
    >>> glue_text("verdict", "two\nlines")
    Traceback (most recent call last):
    ...
    ValueError: text must be one non-empty line, got 'two\nlines'
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    if not isinstance(text, str) or not text.strip() or "\n" in text:
        raise ValueError(f"text must be one non-empty line, got {text!r}")
    _store(name, {"text/plain": text})


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
    if _display() is None:
        return
    from IPython.core.formatters import format_display_data

    bundle, metadata = format_display_data(fig)
    if "image/png" not in bundle:  # a formatter failed: IPython only warns
        raise RuntimeError(f"IPython produced no PNG for figure {name!r}")
    _store(name, bundle, metadata)


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


#: Environment variable naming a folder of regenerated data files that :func:`data_path` reads
#: instead of the package's own (``make data OUT=...``, ``tools/portability.py``).
DATA_ENV = "ISINGNEURON_DATA"


def _data_folders():
    """Folders searched for data files, first match wins: DATA_ENV's, then the package's."""
    folders = []
    override = os.environ.get(DATA_ENV)
    if override:
        folder = Path(override)
        if not folder.is_dir():
            raise ValueError(f"{DATA_ENV} must name a folder, got {override!r}")
        folders.append(folder)
    folders.append(resources.files("isingneuron").joinpath("data"))
    return folders


def data_files():
    """Names of the data files shipped with the package (results of ``scripts/``).

    With the environment variable :data:`DATA_ENV` set, the files of that folder too.

    Returns
    -------
    list of str
        Sorted file names, e.g. ``["criticality.npz", "learning_experiment.npz"]``.
    """
    return sorted({p.name for f in _data_folders() for p in f.iterdir() if p.name.endswith(".npz")})


def data_path(name):
    """Path of a data file shipped with the package (written there by ``scripts/``).

    With the environment variable :data:`DATA_ENV` set, a file of that name in that folder
    comes first (regenerated data, e.g. by ``make data OUT=...``); the package's own file
    otherwise.

    Parameters
    ----------
    name : str
        File name, one of :func:`data_files`.

    Returns
    -------
    pathlib.Path
        A path that ``numpy.load`` can open.

    Examples
    --------
    >>> data_path("criticality.npz").name
    'criticality.npz'
    """
    available = data_files()
    if not isinstance(name, str) or name not in available:
        raise ValueError(f"name must be one of {available}, got {name!r}")
    for folder in _data_folders():
        if folder.joinpath(name).is_file():
            return Path(str(folder.joinpath(name)))
    raise AssertionError("unreachable")  # pragma: no cover


def provenance():
    """Where and how a data file is being made: code version, libraries, BLAS, CPU.

    Stored by ``scripts/`` in every file they write (:func:`read_provenance` reads it back),
    so that a regenerated result can be traced to the machine and the kernels behind it.

    Returns
    -------
    dict
        ``git_commit`` (``"unknown"`` outside a git checkout; ``+dirty`` when the tree has
        uncommitted changes), ``python``, ``isingneuron``, ``numpy``, ``scipy``, ``numba``,
        ``scikit-learn`` (``None`` when not installed),
        ``blas`` (one entry per loaded BLAS: library, version, kernel, threads, as
        threadpoolctl reports them, when it is installed), ``cpu`` and ``platform``.

    Examples
    --------
    >>> info = provenance()
    >>> sorted(info)[:4]
    ['blas', 'cpu', 'git_commit', 'isingneuron']
    """
    import platform
    import subprocess

    import numba
    import scipy

    from . import __version__

    root = Path(__file__).resolve().parents[2]
    commit = "unknown"
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True
        )
        if head.returncode == 0 and (root / ".git").exists():
            commit = head.stdout.strip()
            # The data files a run is rewriting do not make the code dirty.
            dirty = subprocess.run(
                [
                    "git",
                    "-C",
                    str(root),
                    "status",
                    "--porcelain",
                    "--untracked-files=no",
                    "--",
                    ".",
                    ":(exclude)src/isingneuron/data",
                ],
                capture_output=True,
                text=True,
            ).stdout.strip()
            commit += "+dirty" if dirty else ""
    except OSError:  # no git
        pass
    blas = []
    try:
        from threadpoolctl import threadpool_info

        blas = [
            {k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for i in threadpool_info()
            if i.get("user_api") == "blas"
        ]
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    try:
        import sklearn

        sklearn_version = sklearn.__version__
    except ImportError:  # scikit-learn is needed by the learning data only
        sklearn_version = None
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            names = [ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return {
        "git_commit": commit,
        "python": platform.python_version(),
        "isingneuron": __version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numba": numba.__version__,
        "scikit-learn": sklearn_version,
        "blas": blas,
        "cpu": cpu,
        "platform": platform.platform(),
    }


def save_data(path, arrays, *, run=None):
    """Write a data file: ``arrays`` and this run's :func:`provenance`, compressed.

    Parameters
    ----------
    path : str or path-like
        Output ``.npz`` file; its folder is created if needed.
    arrays : dict of str -> array_like
        The results; the key ``"provenance"`` is reserved.
    run : dict, optional
        What made the file (e.g. ``{"script": ..., "args": [...]}``), JSON-serialisable;
        stored as the provenance's ``run``.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = save_data(Path(d) / "x.npz", {"x": [1, 2]})
    ...     sorted(np.load(f).files), read_provenance(f)["numpy"] == np.__version__
    (['provenance', 'x'], True)
    """
    import json

    path = path_like("path", path)
    arrays = mapping("arrays", arrays, what="dict of name -> array")
    if "provenance" in arrays:
        raise ValueError("arrays must not contain the reserved key 'provenance'")
    if not all(isinstance(k, str) and k for k in arrays):
        raise ValueError(f"arrays must have non-empty str keys, got {list(arrays)!r:.80}")
    info = provenance() | ({"run": run} if run is not None else {})
    try:
        text = json.dumps(info, allow_nan=False)
    except (TypeError, ValueError):
        raise TypeError(
            "run must be JSON data (a dict of str, finite int and float, bool, None, lists "
            f"and dicts), got {run!r:.80}"
        ) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, provenance=np.array(text), **arrays)
    return path


def read_provenance(path):
    """The provenance stored in a data file written by ``scripts/`` (see :func:`provenance`).

    Parameters
    ----------
    path : str or path-like
        An ``.npz`` file.

    Returns
    -------
    dict
        Empty for a file written without provenance.

    Examples
    --------
    >>> read_provenance(data_path("criticality.npz"))["numpy"] != ""
    True
    """
    import json
    import zipfile

    path = path_like("path", path)
    try:
        with np.load(path) as z:
            if "provenance" not in z.files:
                return {}
            return json.loads(str(z["provenance"]))
    except (ValueError, TypeError, AttributeError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(
            f"path must be an .npz file written by save_data, got {str(path)!r}: {exc}"
        ) from None
