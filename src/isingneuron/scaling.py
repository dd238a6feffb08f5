"""Power laws: estimating critical exponents from data.

Used for the mean-field exponent ``β = 1/2`` of ``m ∝ (Tc - T)^β`` (§II.C),
the ``3/2`` onset of the mean-field spike count (§II.D) and, with lattice
data, the exact 2D exponent ``β = 1/8``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import positive

__all__ = ["PowerLawFit", "power_law_fit"]


@dataclass(frozen=True)
class PowerLawFit:
    """Least-squares fit of ``y = amplitude * x**exponent`` in log–log space.

    Attributes
    ----------
    exponent : float
        Slope of ``log y`` against ``log x``.
    amplitude : float
        ``exp`` of the intercept.
    exponent_error : float
        Standard error of the slope from the residual scatter (0 for exact
        power laws; it is not a statistical error bar for correlated data).
    """

    exponent: float
    amplitude: float
    exponent_error: float


def power_law_fit(x, y):
    """Fit a power law ``y = A x^p`` by linear least squares on logarithms.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Positive, finite data, ``n >= 3``.

    Returns
    -------
    PowerLawFit
        Frozen dataclass with ``exponent``, ``amplitude`` and
        ``exponent_error``.

    Examples
    --------
    >>> fit = power_law_fit([1.0, 2.0, 4.0], [3.0, 12.0, 48.0])
    >>> round(fit.exponent, 12), round(fit.amplitude, 12)
    (2.0, 3.0)
    """
    x = np.ravel(positive("x", x))
    y = np.ravel(positive("y", y))
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    if x.size < 3:
        raise ValueError(f"x must hold at least 3 points, got {x.size}")
    lx, ly = np.log(x), np.log(y)
    A = np.stack([lx, np.ones_like(lx)], axis=1)
    coef, *_ = np.linalg.lstsq(A, ly, rcond=None)
    resid = ly - A @ coef
    dof = x.size - 2
    s2 = float(resid @ resid) / dof if dof > 0 else 0.0
    cov = s2 * np.linalg.inv(A.T @ A)
    return PowerLawFit(
        exponent=float(coef[0]),
        amplitude=float(np.exp(coef[1])),
        exponent_error=float(np.sqrt(cov[0, 0])),
    )
