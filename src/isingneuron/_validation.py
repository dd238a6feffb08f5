"""Shared argument validation: one checker per kind of argument.

Every public function validates its input with these helpers so that bad input
always raises a :class:`ValueError` that names the argument and the allowed
range, and no NaN or infinity leaks into a result.
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []


def as_float_array(name, x):
    """Return `x` as a float ndarray; reject NaN, infinities and non-numbers."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        msg = f"{name} must be a real number or array of real numbers, got {x!r}"
        raise ValueError(msg) from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {x!r}")
    return arr


def finite(name, x):
    """Finite real array (any sign)."""
    return as_float_array(name, x)


def positive(name, x):
    """Finite array with every element ``> 0``."""
    arr = as_float_array(name, x)
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be finite and > 0, got {x!r}")
    return arr


def nonnegative(name, x):
    """Finite array with every element ``>= 0``."""
    arr = as_float_array(name, x)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be finite and >= 0, got {x!r}")
    return arr


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


def positive_int(name, n, *, minimum=1):
    """An integer ``>= minimum`` (bools rejected)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    return int(n)


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
