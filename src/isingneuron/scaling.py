"""Power laws: estimating critical exponents from data.

Used for the mean-field exponent ``β = 1/2`` of ``m ∝ (Tc - T)^β`` (§II.C),
the ``3/2`` onset of the mean-field spike count (§II.D) and, with lattice
data, the exact 2D exponent ``β = 1/8``. Data with error bars (Monte Carlo
finite-size scaling, e.g. ``<|m|>(Tc, L) ∝ L^(-β/ν)`` or ``c(Tc, L) ≈ a ln L + b``)
are fitted by weighted least squares, which also returns a goodness of fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, positive

__all__ = [
    "LinearFit",
    "PowerLawFit",
    "WeightedPowerLawFit",
    "power_law_fit",
    "weighted_linear_fit",
    "weighted_power_law_fit",
]


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


@dataclass(frozen=True)
class LinearFit:
    """Weighted least-squares straight line ``y = slope * x + intercept``.

    Attributes
    ----------
    slope, intercept : float
        Best-fit parameters.
    slope_error, intercept_error : float
        One standard error from the inverse of the weighted normal matrix (the
        error bars are taken at face value, not rescaled by the scatter).
    chi2 : float
        ``sum ((y - fit) / y_err)^2``.
    dof : int
        Degrees of freedom, ``n - 2``.
    p_value : float
        Probability of a ``chi2`` at least this large if the model is right
        and the error bars honest (nan for ``dof = 0``).
    """

    slope: float
    slope_error: float
    intercept: float
    intercept_error: float
    chi2: float
    dof: int
    p_value: float


@dataclass(frozen=True)
class WeightedPowerLawFit:
    """Weighted least-squares fit of ``y = amplitude * x**exponent``.

    Attributes
    ----------
    exponent, amplitude : float
        Best-fit parameters.
    exponent_error, amplitude_error : float
        One standard error (from the error bars of the data, not rescaled).
    chi2, dof, p_value : float, int, float
        Goodness of fit, as in :class:`LinearFit`.
    """

    exponent: float
    exponent_error: float
    amplitude: float
    amplitude_error: float
    chi2: float
    dof: int
    p_value: float


def _check_xy_err(x, y, y_err):
    x = np.ravel(as_float_array("x", x))
    y = np.ravel(as_float_array("y", y))
    y_err = np.ravel(positive("y_err", y_err))
    if not x.size == y.size == y_err.size:
        raise ValueError(
            f"x, y and y_err must have the same length, got {x.size}, {y.size} and {y_err.size}"
        )
    if x.size < 2:
        raise ValueError(f"x must hold at least 2 points, got {x.size}")
    if np.ptp(x) == 0:
        raise ValueError("x must hold at least 2 distinct values")
    return x, y, y_err


def weighted_linear_fit(x, y, y_err):
    """Fit a straight line to data with error bars, by weighted least squares.

    Parameters
    ----------
    x : array_like, shape (n,)
        Abscissae (exact), at least 2 distinct values.
    y : array_like, shape (n,)
        Data.
    y_err : array_like, shape (n,)
        One standard error of each `y`, ``> 0``; the points are independent.

    Returns
    -------
    LinearFit
        Slope and intercept with standard errors, ``chi2``, ``dof`` and p-value.

    Notes
    -----
    Minimises ``chi2 = sum w_i (y_i - a x_i - b)^2`` with ``w_i = 1/y_err_i^2``;
    the covariance of ``(a, b)`` is ``(A^T W A)^-1``. A p-value far below 0.05
    means the line (or the error bars) does not describe the data; the standard
    errors are then too small.

    Examples
    --------
    >>> fit = weighted_linear_fit([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.1, 0.1, 0.1])
    >>> round(fit.slope, 12), round(fit.intercept, 12), round(fit.slope_error, 6)
    (2.0, 0.0, 0.070711)
    """
    from scipy.stats import chi2 as chi2_dist

    x, y, y_err = _check_xy_err(x, y, y_err)
    w = 1.0 / y_err**2
    # centre x on its weighted mean: the normal matrix is then diagonal
    xm = float(w @ x / w.sum())
    dx = x - xm
    sxx = float(w @ dx**2)
    slope = float(w @ (dx * y)) / sxx
    ym = float(w @ y / w.sum())
    intercept = ym - slope * xm
    resid = (y - slope * x - intercept) / y_err
    chi2 = float(resid @ resid)
    dof = x.size - 2
    return LinearFit(
        slope=slope,
        slope_error=float(np.sqrt(1.0 / sxx)),
        intercept=float(intercept),
        intercept_error=float(np.sqrt(1.0 / w.sum() + xm**2 / sxx)),
        chi2=chi2,
        dof=dof,
        p_value=float(chi2_dist.sf(chi2, dof)) if dof > 0 else float("nan"),
    )


def weighted_power_law_fit(x, y, y_err):
    """Fit ``y = A x^p`` to positive data with error bars (weighted, in log–log space).

    Parameters
    ----------
    x : array_like, shape (n,)
        Positive abscissae (e.g. lattice sizes), at least 2 distinct values.
    y : array_like, shape (n,)
        Positive data.
    y_err : array_like, shape (n,)
        One standard error of each `y`, ``> 0``.

    Returns
    -------
    WeightedPowerLawFit
        ``exponent`` and ``amplitude`` with standard errors, ``chi2``, ``dof``, p-value.

    Notes
    -----
    A straight-line fit of ``ln y`` against ``ln x`` (:func:`weighted_linear_fit`)
    with the propagated errors ``y_err / y``, valid for relative errors of a few
    per cent or less. The finite-size-scaling use: ``<|m|>`` at ``Tc`` on
    ``L x L`` tori falls as ``L^(-β/ν)``, ``β/ν = 1/8`` in two dimensions.

    Examples
    --------
    >>> L = [8.0, 16.0, 32.0, 64.0]
    >>> fit = weighted_power_law_fit(L, [2.0 * x**-0.125 for x in L], [0.01] * 4)
    >>> round(fit.exponent, 12), round(fit.amplitude, 12)
    (-0.125, 2.0)
    """
    x, y, y_err = _check_xy_err(x, y, y_err)
    positive("x", x)
    positive("y", y)
    line = weighted_linear_fit(np.log(x), np.log(y), y_err / y)
    amplitude = float(np.exp(line.intercept))
    return WeightedPowerLawFit(
        exponent=line.slope,
        exponent_error=line.slope_error,
        amplitude=amplitude,
        amplitude_error=amplitude * line.intercept_error,
        chi2=line.chi2,
        dof=line.dof,
        p_value=line.p_value,
    )
