"""Small helpers for the book's notebooks (not needed by the numerics).

:func:`glue_number` stores a number for the prose (``{glue:text}`key:.3f```)
rounded to six significant digits (more than any sentence quotes), so that the
stored output that strict nbval compares does not depend on the last bits of
floating-point arithmetic or on an optimiser's stopping point, which vary
between NumPy/SciPy versions and CPUs.
"""

from __future__ import annotations

import numpy as np

__all__ = ["glue_number", "round_significant"]


def glue_number(name, value, *, digits=6, zero_below=1e-12):
    """Glue a real number, rounded to `digits` significant digits, without display.

    Parameters
    ----------
    name : str
        Glue key, referenced in Markdown as ``{glue:text}`name:.3f```.
    value : float
        Finite real number (NumPy scalars are converted to Python floats, so the
        stored text is ``0.5``, never ``np.float64(0.5)``).
    digits : int, optional
        Significant digits kept, 1 to 17.
    zero_below : float, optional
        Magnitudes below this are stored as 0.0: such values are rounding noise
        (e.g. a fitted parameter that is zero in exact arithmetic), whose digits
        differ between machines.

    Notes
    -----
    Returns nothing, so that a cell ending with it shows no output.
    """
    from myst_nb import glue

    x = round_significant(value, digits)
    glue(name, 0.0 if abs(x) < zero_below else x, display=False)


def round_significant(value, digits=10):
    """Round a finite real number to `digits` significant digits (a Python float).

    Examples
    --------
    >>> round_significant(0.13157296846176406, 6)
    0.131573
    >>> round_significant(-1234.5678, 3)
    -1230.0
    """
    x = float(np.asarray(value, dtype=float))
    if not np.isfinite(x):
        raise ValueError(f"value must be finite, got {value!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 17:
        raise ValueError(f"digits must be an integer between 1 and 17, got {digits!r}")
    return float(f"{x:.{digits}g}")
