"""Shared argument validation: one checker per kind of argument.

Every public function validates its input with these helpers so that bad input
always raises a :class:`ValueError` (a :class:`TypeError` for an argument of the
wrong kind: a flag that is not a bool, a seed that is a string...) that names the
argument and the allowed range, and no NaN or infinity leaks into a result.

Sizes and amounts of work are checked before anything is allocated or run:
:data:`MAX_ELEMENTS` bounds the arrays a size argument allocates,
:data:`MAX_SPIN_UPDATES` a Monte Carlo run and :data:`MAX_SCHEDULE` a sweep-by-sweep
schedule driven from Python. ``tests/test_hostile.py`` holds every public function
to this contract.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__: list[str] = []

#: Largest array a public function allocates for a size argument (2 GiB of float64).
MAX_ELEMENTS = 2**28

#: Most Monte Carlo spin updates a single call may ask for: about an hour of the numba
#: kernels (2-20 ns per update). A bigger request is refused before anything runs.
MAX_SPIN_UPDATES = 10**12

#: Longest sweep-by-sweep schedule (one kernel call per sweep, from Python): about a minute,
#: and 80 MB per recorded series.
MAX_SCHEDULE = 10**7


def _short(x, width=80):
    """``repr(x)`` cut to `width` characters (a hostile array can be huge)."""
    if isinstance(x, np.ndarray) and x.size > 8:
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    text = repr(x)
    return text if len(text) <= width else text[: width - 3] + "..."


def as_float_array(name, x):
    """Return `x` as a float ndarray; reject NaN, infinities and non-numbers.

    Complex numbers, strings and bytes are refused (numpy would silently drop an
    imaginary part, or parse ``"1.5"``), as are ragged and mixed sequences.
    """
    try:
        raw = np.asarray(x)
        if raw.dtype.kind in "cUSV" or isinstance(x, (str, bytes)):
            raise ValueError
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError, OverflowError):
        msg = f"{name} must be a real number or array of real numbers, got {_short(x)}"
        raise ValueError(msg) from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {_short(x)}")
    return arr


def finite(name, x):
    """Finite real array (any sign)."""
    return as_float_array(name, x)


def positive(name, x):
    """Finite array with every element ``> 0``."""
    arr = as_float_array(name, x)
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be finite and > 0, got {_short(x)}")
    return arr


def nonnegative(name, x):
    """Finite array with every element ``>= 0``."""
    arr = as_float_array(name, x)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be finite and >= 0, got {_short(x)}")
    return arr


def nonnegative_scalar(name, x):
    """A single finite float ``>= 0``."""
    arr = nonnegative(name, x)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar >= 0, got an array of shape {arr.shape}")
    return float(arr)


def positive_scalar(name, x):
    """A single finite float ``> 0``."""
    arr = positive(name, x)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar > 0, got an array of shape {arr.shape}")
    return float(arr)


def finite_scalar(name, x):
    """A single finite float."""
    arr = as_float_array(name, x)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a finite scalar, got an array of shape {arr.shape}")
    return float(arr)


def choice(name, value, allowed):
    """`value` must be one of `allowed` (a tuple of strings)."""
    if not isinstance(value, str) or value not in allowed:
        opts = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {opts}, got {value!r}")
    return value


def broadcast(**arrays):
    """Broadcast named arrays together; a shape mismatch names the arguments."""
    try:
        out = np.broadcast_arrays(*arrays.values())
    except ValueError:
        shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in arrays.items())
        raise ValueError(f"shapes do not broadcast together: {shapes}") from None
    return out


def scalar_or_array(x):
    """Return a Python float for 0-d input, else the ndarray (house rule)."""
    x = np.asarray(x)
    return float(x) if x.ndim == 0 else x


def positive_int(name, n, *, minimum=1, maximum=None):
    """An integer ``>= minimum`` (and ``<= maximum`` if given; bools rejected).

    The upper bound is how a count is refused before anything is allocated or looped over.
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        bound = "" if maximum is None else f" and <= {maximum}"
        raise ValueError(f"{name} must be an integer >= {minimum}{bound}, got {_short(n)}")
    if n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    if maximum is not None and n > maximum:
        raise ValueError(f"{name} must be an integer <= {maximum}, got {n!r}")
    return int(n)


def flag(name, x):
    """A boolean switch: ``True`` or ``False`` (numpy bools too), nothing else."""
    if not isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_short(x)}")
    return bool(x)


def function(name, f):
    """A callable argument (an activation, a target function...)."""
    if not callable(f):
        raise ValueError(f"{name} must be callable, got {_short(f)}")
    return f


def generator(rng, name="rng"):
    """A numpy ``Generator`` from `rng`, the one place where seeds are checked.

    Accepts what :func:`numpy.random.default_rng` accepts — None, an integer ``>= 0``, a
    non-empty sequence of them, a ``SeedSequence``, a ``BitGenerator`` or a ``Generator``
    (returned as is) — and refuses anything else with an error that names the argument.
    """
    if rng is None or isinstance(
        rng, (np.random.Generator, np.random.BitGenerator, np.random.SeedSequence)
    ):
        return np.random.default_rng(rng)
    allowed = (
        "None, an integer >= 0, a sequence of them, a numpy SeedSequence, BitGenerator or Generator"
    )
    if isinstance(rng, bool) or isinstance(rng, (str, bytes, float, complex)):
        raise TypeError(f"{name} must be {allowed}, got {rng!r}")
    if isinstance(rng, (int, np.integer)):
        if rng < 0:
            raise ValueError(f"{name} must be {allowed}, got the negative seed {rng}")
        return np.random.default_rng(int(rng))
    try:
        seq = np.asarray(rng)
    except (TypeError, ValueError):
        seq = np.asarray(None)
    if seq.ndim != 1 or seq.size == 0 or not np.issubdtype(seq.dtype, np.integer):
        raise TypeError(f"{name} must be {allowed}, got {type(rng).__name__} {rng!r:.60}")
    if np.any(seq < 0):
        raise ValueError(f"{name} must be {allowed}, got a sequence with a negative entry")
    return np.random.default_rng([int(v) for v in seq])


def spin_updates(names, n_updates, got):
    """Refuse a Monte Carlo run of more than :data:`MAX_SPIN_UPDATES` before it starts.

    `n_updates` is the number of spin updates the call would make (exact integer
    arithmetic, no overflow); `names` the arguments that set it and `got` their values.
    """
    if n_updates > MAX_SPIN_UPDATES:
        raise ValueError(
            f"{names} must keep the run within {MAX_SPIN_UPDATES:.0e} spin updates (about an "
            f"hour), got {got}, which asks for {float(n_updates):.3g}"
        )


def mapping(name, x, *, what="dict"):
    """A non-empty dict (any mapping) argument, e.g. ``{label: function}``."""
    if not isinstance(x, Mapping):
        raise ValueError(f"{name} must be a non-empty {what}, got {_short(x)}")
    if not x:
        raise ValueError(f"{name} must hold at least one entry ({name} must be a non-empty {what})")
    return x


def integers(name, x, *, minimum=1, maximum=None, empty=False):
    """A 1-D sequence of integers in ``[minimum, maximum]``, non-empty unless `empty`; a tuple."""
    what = f"1-D sequence of integers >= {minimum}"
    if maximum is not None:
        what = f"1-D sequence of integers in [{minimum}, {maximum}]"
    what = f"a {what}" if empty else f"a non-empty {what}"
    if isinstance(x, (str, bytes, Mapping)) or not np.iterable(x):
        raise TypeError(f"{name} must be {what}, got {_short(x)}")
    try:
        items = list(x)
        arr = np.asarray(items) if items else np.empty(0, dtype=int)
    except (TypeError, ValueError):
        arr = np.asarray(None)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be {what}, got {_short(x)}")
    if arr.size == 0 and not empty:
        raise ValueError(f"{name} must hold at least one integer, got an empty sequence")
    return tuple(positive_int(name, n, minimum=minimum, maximum=maximum) for n in arr.tolist())


def strings(name, x):
    """A sequence of strings (a single string is not a sequence of them), as a tuple."""
    if isinstance(x, (str, bytes, Mapping)) or not np.iterable(x):
        raise TypeError(f"{name} must be a sequence of strings, got {_short(x)}")
    out = tuple(x)
    for item in out:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a sequence of strings, got the item {_short(item)}")
    return out


def finite_output(name, f, y, shape=None):
    """The values `y` that the callable argument `name` returned: finite (and of `shape`)."""
    try:
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must return real numbers, got {_short(y)}") from None
    if shape is not None and y.shape != shape:
        raise ValueError(f"{name} must return an array of shape {shape}, got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{name} must return finite values, got NaN or inf from {_short(f)}")
    return y


def path_like(name, p):
    """A file path: a non-empty ``str`` or an ``os.PathLike``, as a :class:`pathlib.Path`."""
    from os import PathLike
    from pathlib import Path

    if not isinstance(p, (str, PathLike)) or (isinstance(p, str) and not p):
        raise TypeError(f"{name} must be a non-empty str or path-like, got {_short(p)}")
    return Path(p)
