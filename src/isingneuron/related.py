r"""Related mean-field activations: Swish from a two-state unit, and an adaptive family.

Two neighbouring results place the paper's activations in a wider landscape
(appendix "Related mean-field activations"):

* Milletarì, Chotibut and Trevisanutto (arXiv:1805.08786) obtain Sigmoid,
  ReLU and Swish from the mean-field solution of a statistical-mechanics
  model of a network, Swish being "the expected information propagating"
  and tending to ReLU "in the limit of zero noise". Our *reconstruction* of
  the elementary step is a two-state unit ``ν ∈ {0, 1}`` with energy
  ``E(ν) = -x ν`` in contact with a bath at inverse temperature ``β``:

  .. math:: Z = 1 + e^{\beta x},\quad \langle\nu\rangle = \mathrm{logistic}(\beta x),
            \quad F = -\beta^{-1}\ln Z = -\mathrm{softplus}_\beta(x),
            \quad x\langle\nu\rangle = \mathrm{swish}_\beta(x) = -U.

  :func:`two_state_unit` derives these with sympy, :func:`check_two_state_unit`
  proves them, :func:`two_state_thermodynamics` and :func:`swish_mean_field`
  evaluate them numerically.

* Geadah, Kerg, Horoi, Wolf and Lajoie (arXiv:2006.12253) introduce a
  parametric family that interpolates between a rectifier and a sigmoid.
  :func:`adaptive_family` implements

  .. math:: \gamma(x; n, s) = (1 - s)\,\frac{\ln(1 + e^{n x})}{n} + s\,\mathrm{logistic}(n x),

  gain ``n > 0``, saturation ``0 <= s <= 1``: a reconstruction from the
  abstract (softplus at ``s = 0``, sigmoid at ``s = 1``, gain ``n``) that
  coincides with the ``gamma(x; n, s)`` of the first author's public code.
  :func:`fit_family` finds the best member (with a shift of the input and,
  optionally, of the output) for any curve; :func:`paper_in_family` and
  :func:`check_paper_in_family` prove that the paper's eq. (2) and its
  spike count are exact members.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp
from scipy.optimize import least_squares
from scipy.special import expit, log_expit

from . import activations, symbolic
from ._validation import (
    as_float_array,
    broadcast,
    finite,
    flag,
    positive,
    positive_int,
    positive_scalar,
    scalar_or_array,
)
from .symbolic import _is_zero

__all__ = [
    "CatalogueEntry",
    "FamilyFit",
    "FamilyPlacement",
    "TwoStateThermodynamics",
    "TwoStateUnit",
    "adaptive_family",
    "check_paper_in_family",
    "check_two_state_unit",
    "family_catalogue",
    "fit_family",
    "format_catalogue",
    "paper_in_family",
    "swish_mean_field",
    "two_state_checks",
    "two_state_thermodynamics",
    "two_state_unit",
]
# The sympy symbols x, V, u, n, s below are module attributes (related.x, ...), not
# exported: a flat re-export would shadow short names in the package namespace.

# ---------------------------------------------------------------------------
# Symbols (printed names are the ones the appendix displays)
# ---------------------------------------------------------------------------
x = sp.Symbol("x", real=True)  # input (field on the unit, pre-activation)
V = sp.Symbol("V", real=True)  # membrane voltage, V = -T
u = sp.Symbol("u", real=True)  # family argument (input minus shift)
n = sp.Symbol("n", positive=True)  # gain of the family
s = sp.Symbol("s", nonnegative=True)  # saturation of the family, 0 <= s <= 1
_nu = sp.Symbol("nu", integer=True, nonnegative=True)  # occupation, 0 or 1
_sigma = sp.Symbol("sigma", integer=True)  # spin 2 nu - 1, -1 or +1
_beta = symbolic.beta  # inverse temperature (positive), shared with the mean-field chapter
_xp = sp.Symbol("x_p", positive=True)  # a positive input, for limits
_xn = sp.Symbol("x_n", negative=True)  # a negative input, for limits
_x0 = sp.Symbol("x_0", real=True)  # lower limit of an integral over the field


def _logistic(z):
    return 1 / (1 + sp.exp(-z))


def _softplus(z, gain=1):
    return sp.log(1 + sp.exp(gain * z)) / gain


# ---------------------------------------------------------------------------
# 1. The two-state unit in a field (our reconstruction of Milletarì et al.'s step)
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TwoStateUnit:
    """A unit ``ν ∈ {0, 1}`` with energy ``E(ν) = -x ν`` at inverse temperature ``β``.

    Every expression is obtained by summing over the two states, never typed
    in; the closed forms they are compared with live in :func:`two_state_checks`.
    """

    energy: sp.Expr  # E(nu) = -x nu
    Z: sp.Expr  # sum_nu exp(-beta E(nu)) = 1 + exp(beta x)
    occupation: sp.Expr  # <nu> = sum_nu nu exp(-beta E) / Z
    free_energy: sp.Expr  # F = -ln(Z) / beta
    mean_energy: sp.Expr  # U = <E> = sum_nu E exp(-beta E) / Z
    entropy: sp.Expr  # S = beta (U - F)   (k_B = 1)
    expected_signal: sp.Expr  # x <nu>, the "expected information" propagated
    spin_energy: sp.Expr  # the same unit as a spin sigma = 2 nu - 1: -x/2 - x sigma/2
    spin_mean: sp.Expr  # <sigma> = sum_sigma sigma exp(-beta E) / Z


@cache
def two_state_unit():
    r"""Partition function, occupation and free energy of a two-state unit in a field.

    A unit with occupation :math:`\nu \in \{0, 1\}` is coupled to its input
    :math:`x` by the energy :math:`E(\nu) = -x\nu` and sits in a bath at
    inverse temperature :math:`\beta` (the "noise" is :math:`\beta^{-1}`).
    Summing the Boltzmann weights over the two states gives

    .. math::
        Z = 1 + e^{\beta x}, \qquad
        \langle\nu\rangle = \frac{e^{\beta x}}{1 + e^{\beta x}}, \qquad
        F = -\beta^{-1}\ln Z, \qquad U = -x\langle\nu\rangle .

    Returns
    -------
    TwoStateUnit
        Sympy expressions in the module symbols ``x`` and ``beta``.

    Notes
    -----
    The same unit written as a spin :math:`\sigma = 2\nu - 1 \in \{\pm 1\}`
    has energy :math:`-x/2 - (x/2)\sigma`: a spin in the field :math:`x/2`
    plus a constant that does not change any average. Milletarì et al.
    state the result (Sigmoid, ReLU, Swish from a mean-field solution); this
    elementary derivation is our reconstruction of its core step, not their
    model.

    Examples
    --------
    >>> unit = two_state_unit()
    >>> unit.Z
    exp(beta*x) + 1
    >>> unit.free_energy
    -log(exp(beta*x) + 1)/beta
    """
    energy = -x * _nu
    weights = {v: sp.exp(-_beta * energy.subs(_nu, v)) for v in (0, 1)}
    Z = sp.Add(*weights.values())
    occupation = sp.Add(*(v * w for v, w in weights.items())) / Z
    free_energy = -sp.log(Z) / _beta
    mean_energy = sp.Add(*(energy.subs(_nu, v) * w for v, w in weights.items())) / Z
    entropy = sp.expand(_beta * (mean_energy - free_energy))
    spin_energy = sp.expand(energy.subs(_nu, (1 + _sigma) / 2))
    spin_weights = {v: sp.exp(-_beta * spin_energy.subs(_sigma, v)) for v in (-1, 1)}
    spin_mean = sp.Add(*(v * w for v, w in spin_weights.items())) / sp.Add(*spin_weights.values())
    return TwoStateUnit(
        energy=energy,
        Z=Z,
        occupation=occupation,
        free_energy=free_energy,
        mean_energy=mean_energy,
        entropy=entropy,
        expected_signal=x * occupation,
        spin_energy=spin_energy,
        spin_mean=spin_mean,
    )


@cache
def two_state_checks():
    r"""Prove, one by one, the identities that tie the two-state unit to the activation zoo.

    Returns
    -------
    dict of str -> bool
        Statement to verdict (True when sympy proves it). The statements are

        * the occupation is :math:`\mathrm{logistic}(\beta x)`, and equals
          :math:`-\partial F/\partial x`;
        * the free energy is :math:`-\mathrm{softplus}_\beta(x)`;
        * the expected signal :math:`x\langle\nu\rangle` is
          :math:`\mathrm{swish}_\beta(x)` and equals :math:`-U`;
        * :math:`\mathrm{softplus}_\beta - \mathrm{swish}_\beta = \beta^{-1} S`
          with :math:`S` the binary entropy of the occupation;
        * the spin mean is :math:`\tanh(\beta x/2) = 2\langle\nu\rangle - 1`;
        * the integral of the occupation over the field is a difference of
          free energies (the link to the spike count);
        * :math:`\beta \to \infty`: occupation to Heaviside, Swish and
          :math:`-F` to ReLU; :math:`\beta \to 0`: Swish to :math:`x/2`.

    Examples
    --------
    >>> checks = two_state_checks()
    >>> checks["occupation = logistic(beta x)"]
    True
    """
    unit = two_state_unit()
    occ, F = unit.occupation, unit.free_energy
    logistic_bx = _logistic(_beta * x)
    softplus_b = _softplus(x, _beta)
    swish_b = x * logistic_bx
    p = occ
    binary_entropy = -p * sp.log(p) - (1 - p) * sp.log(1 - p)
    integral = sp.integrate(occ, (x, _x0, x))
    at = {True: _xp, False: _xn}

    def lim(expr, positive_x, to):
        return sp.limit(expr.subs(x, at[positive_x]), _beta, to)

    return {
        "occupation = logistic(beta x)": _is_zero(occ - logistic_bx),
        "occupation = -dF/dx": _is_zero(occ + sp.diff(F, x)),
        "F = -softplus_beta(x)": _is_zero(F + softplus_b),
        "x <nu> = swish_beta(x)": _is_zero(unit.expected_signal - swish_b),
        "U = -swish_beta(x)": _is_zero(unit.mean_energy + swish_b),
        "S = binary entropy of <nu>": _is_zero(unit.entropy - binary_entropy),
        "softplus - swish = S / beta": _is_zero(softplus_b - swish_b - unit.entropy / _beta),
        "<sigma> = tanh(beta x / 2) = 2 <nu> - 1": _is_zero(unit.spin_mean - sp.tanh(_beta * x / 2))
        and _is_zero(unit.spin_mean - (2 * occ - 1)),
        "int_x0^x <nu> dx' = F(x0) - F(x)": _is_zero(integral - (F.subs(x, _x0) - F)),
        "beta -> oo: <nu> -> Heaviside(x)": lim(occ, True, sp.oo) == 1
        and lim(occ, False, sp.oo) == 0,
        "beta -> oo: swish -> ReLU": lim(unit.expected_signal, True, sp.oo) == _xp
        and lim(unit.expected_signal, False, sp.oo) == 0,
        "beta -> oo: -F -> ReLU": lim(-F, True, sp.oo) == _xp and lim(-F, False, sp.oo) == 0,
        "beta -> 0: swish -> x/2": sp.limit(unit.expected_signal, _beta, 0) == x / 2,
    }


def check_two_state_unit():
    """Verify every identity of :func:`two_state_checks`.

    Returns
    -------
    bool

    Examples
    --------
    >>> check_two_state_unit()
    True
    """
    return bool(all(two_state_checks().values()))


@dataclass(frozen=True)
class TwoStateThermodynamics:
    """Thermodynamics of the two-state unit, evaluated numerically.

    Attributes
    ----------
    occupation : float or ndarray
        ``<ν> = logistic(β x)``.
    free_energy : float or ndarray
        ``F = -ln(1 + e^{β x}) / β = -softplus_β(x)``.
    mean_energy : float or ndarray
        ``U = -x <ν> = -swish_β(x)``.
    entropy : float or ndarray
        ``S``, the binary entropy of ``<ν>`` (in nats, ``k_B = 1``).
    """

    occupation: np.ndarray | float
    free_energy: np.ndarray | float
    mean_energy: np.ndarray | float
    entropy: np.ndarray | float


def two_state_thermodynamics(x, *, beta=1.0):
    r"""Occupation, free energy, mean energy and entropy of a two-state unit in a field.

    Parameters
    ----------
    x : array_like
        Input (field), any finite real; any shape.
    beta : float, optional
        Inverse temperature (inverse noise), ``beta > 0``.

    Returns
    -------
    TwoStateThermodynamics
        Each field has the shape of `x` (a Python float for scalar input).

    Notes
    -----
    The occupation is the normalised Boltzmann weight of the on state,
    :math:`e^{\beta x}/(1 + e^{\beta x})`, with both weights divided by the
    larger one; the free energy uses
    :math:`\ln Z = \mathrm{logaddexp}(0, \beta x)`; the entropy is
    :math:`S = -p\ln p - (1-p)\ln(1-p)` with :math:`\ln p` and
    :math:`\ln(1-p)` from ``log_expit``. No overflow and no cancellation at
    ``|beta x| = 1e4``. By construction ``-F - (-U) = S / beta``, i.e.
    softplus minus Swish is the temperature times the entropy.

    Examples
    --------
    >>> th = two_state_thermodynamics(0.0)
    >>> th.occupation, round(th.free_energy, 6), round(th.entropy, 6)
    (0.5, -0.693147, 0.693147)
    """
    x = finite("x", x)
    beta = positive_scalar("beta", beta)
    raw, bx = _field(beta, x)
    occupation = _occupation(bx)
    p, q = expit(bx), expit(-bx)
    entropy = -(p * log_expit(bx) + q * log_expit(-bx))
    with np.errstate(over="ignore"):
        free_energy = -np.logaddexp(0.0, bx) / beta
    free_energy = np.where(np.isinf(raw), -np.maximum(x, 0.0), free_energy)  # beta x overflowed
    if not np.all(np.isfinite(free_energy)):
        raise ValueError(f"beta must be large enough that ln(2) / beta is finite, got {beta!r}")
    return TwoStateThermodynamics(
        occupation=scalar_or_array(occupation),
        free_energy=scalar_or_array(free_energy),
        mean_energy=scalar_or_array(-x * occupation),
        entropy=scalar_or_array(entropy),
    )


def _field(beta, x):
    """``beta x`` as computed, and clipped to +-1e300 (only an overflow to +-inf changes).

    The clipped value has the same limits in every formula here (expit, log_expit and the
    scaled Boltzmann weights), without the ``inf - inf`` of the infinite one.
    """
    with np.errstate(over="ignore"):
        raw = beta * x
    return raw, np.clip(raw, -1e300, 1e300)


def _occupation(bx):
    """``<ν>`` from the two Boltzmann weights ``1`` and ``e^{βx}``, scaled by the larger one."""
    top = np.maximum(bx, 0.0)
    w0, w1 = np.exp(-top), np.exp(bx - top)
    return w1 / (w0 + w1)


def swish_mean_field(x, beta=1.0):
    r"""Swish as the expected signal ``x <ν>`` of a two-state unit in the field ``x``.

    Parameters
    ----------
    x : array_like
        Input, any finite real; any shape.
    beta : float, optional
        Inverse temperature, ``beta > 0``; ``beta -> inf`` gives ReLU,
        ``beta -> 0`` the line ``x / 2``.

    Returns
    -------
    float or ndarray
        Same shape as `x`.

    Notes
    -----
    Evaluated from the two Boltzmann weights, ``x w_1 / (w_0 + w_1)`` with
    ``w_0 = 1``, ``w_1 = e^{β x}`` (both divided by the larger) — a route
    independent of :func:`isingneuron.swish`, which evaluates ``x expit(β x)``. Milletarì et
    al. obtain Swish as the expected signal of their mean-field model; see
    :func:`two_state_unit` for what is ours and what is theirs.

    Examples
    --------
    >>> round(swish_mean_field(1.0), 6)
    0.731059
    >>> swish_mean_field([-1e4, 1e4], beta=2.0).tolist()
    [-0.0, 10000.0]
    """
    x = finite("x", x)
    beta = positive_scalar("beta", beta)
    return scalar_or_array(x * _occupation(_field(beta, x)[1]))


# ---------------------------------------------------------------------------
# 2. The adaptive softplus-sigmoid family (reconstruction of Geadah et al.)
# ---------------------------------------------------------------------------
def _unit_interval(name, v):
    arr = as_float_array(name, v)
    if np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(f"{name} must lie in [0, 1], got {v!r}")
    return arr


def _gamma_parts(u_, n_):
    """Softplus with gain `n_` and logistic of ``n_ u_``, overflow-free."""
    with np.errstate(over="ignore"):  # n u = +-inf: expit gives 1 or 0, softplus u or 0
        z = n_ * u_
        soft = np.logaddexp(0.0, z) / n_
    return np.where(z == np.inf, u_, soft), expit(z)


def adaptive_family(x, *, n, s):
    r"""The softplus–sigmoid family ``γ(x; n, s) = (1 - s) softplus_n(x) + s logistic(n x)``.

    Parameters
    ----------
    x : array_like
        Input, any finite real.
    n : array_like
        Gain, ``n > 0``; broadcasts against `x`.
    s : array_like
        Saturation, ``0 <= s <= 1``: ``s = 0`` is the rectifier-like softplus
        :math:`\ln(1 + e^{nx})/n`, ``s = 1`` the saturating sigmoid
        :math:`1/(1 + e^{-nx})`. Broadcasts against `x`.

    Returns
    -------
    gamma : float or ndarray
        Broadcast shape of `x`, `n` and `s`.

    Notes
    -----
    A reconstruction of the family of Geadah et al. (arXiv:2006.12253) from
    its abstract ("interpolation between well-known activation functions
    such as ReLU and sigmoid", inspired by neuronal input–frequency curves):
    it reduces to softplus at ``s = 0`` and to the logistic at ``s = 1``,
    ``n`` is the gain of both, ``n -> inf`` gives ReLU (``s = 0``) and the
    Heaviside step (``s = 1``). Every member is increasing,
    :math:`\partial_x\gamma = (1-s)\,\sigma + s\,n\,\sigma(1-\sigma) > 0`
    with :math:`\sigma = \mathrm{logistic}(nx)`, and positive.

    Examples
    --------
    >>> adaptive_family([-1e4, 0.0, 1e4], n=1.0, s=0.0).round(6)
    array([0.000000e+00, 6.931470e-01, 1.000000e+04])
    >>> adaptive_family(0.0, n=3.0, s=1.0)
    0.5
    """
    x = finite("x", x)
    n_ = positive("n", n)
    s_ = _unit_interval("s", s)
    x, n_, s_ = broadcast(x=x, n=n_, s=s_)
    soft, sig = _gamma_parts(x, n_)
    if not np.all(np.isfinite(soft)):
        raise ValueError(f"n must be large enough that ln(2) / n is finite, got {np.min(n_)!r}")
    return scalar_or_array((1.0 - s_) * soft + s_ * sig)


@dataclass(frozen=True)
class FamilyFit:
    """Best member ``γ(x - shift; n, s) + offset`` of the family for a curve.

    Attributes
    ----------
    n : float
        Gain.
    s : float
        Saturation in [0, 1].
    shift : float
        Shift of the input (the threshold).
    offset : float
        Shift of the output (exactly 0 when not fitted).
    rms : float
        Root-mean-square residual over the fitted points.
    max_error : float
        Largest absolute residual.
    """

    n: float
    s: float
    shift: float
    offset: float
    rms: float
    max_error: float


def _family_model(x, p):
    """``γ(x - c; n, s) + d`` and its Jacobian in ``p = (ln n, s, c[, d])``.

    Returns
    -------
    value : ndarray, shape (k,)
    jacobian : ndarray, shape (k, len(p))
    """
    n_, s_, c = np.exp(p[0]), p[1], p[2]
    d = p[3] if len(p) == 4 else 0.0
    uu = x - c
    soft, sig = _gamma_parts(uu, n_)
    dsig = sig * (1.0 - sig)
    cols = [
        (1.0 - s_) * (uu * sig - soft) + s_ * n_ * uu * dsig,  # d/d ln n
        sig - soft,  # d/ds
        -((1.0 - s_) * sig + s_ * n_ * dsig),  # d/dc = -d/du
    ]
    if len(p) == 4:
        cols.append(np.ones_like(uu))  # d/dd
    return (1.0 - s_) * soft + s_ * sig + d, np.stack(cols, axis=1)


_N_REFINE = 6


def fit_family(x, y, *, offset=False, n_bounds=(1e-2, 1e3)):
    r"""Least-squares fit of ``γ(x - shift; n, s) + offset`` to a curve ``y(x)``.

    Parameters
    ----------
    x : array_like, shape (k,)
        Inputs, finite, at least 3 (4 with `offset`) points.
    y : array_like, shape (k,)
        Values at `x`, finite.
    offset : bool, optional
        Also fit an additive constant on the output (for curves pinned by a
        convention such as ``N(0) = 0``).
    n_bounds : tuple of float, optional
        ``(n_min, n_max)`` with ``0 < n_min < n_max``. A curve that is only a
        limit of the family (ReLU, Heaviside) drives ``n`` to ``n_max``.

    Returns
    -------
    FamilyFit
        Frozen dataclass with ``n``, ``s``, ``shift``, ``offset``, ``rms`` and
        ``max_error``.

    Notes
    -----
    Trust-region reflective least squares in ``(ln n, s, shift[, offset])``
    with the analytic Jacobian,
    :math:`\partial_{\ln n}\gamma = (1-s)(u\sigma - \mathrm{sp}_n) + s\,n u\sigma(1-\sigma)`,
    :math:`\partial_s\gamma = \sigma - \mathrm{sp}_n`, and
    :math:`\partial_{\mathrm{shift}}\gamma = -\partial_u\gamma`, started from a
    fixed grid of gains, saturations and thresholds; the best local optimum
    is returned, so the result is deterministic.

    Examples
    --------
    >>> import numpy as np
    >>> xs = np.linspace(-3.0, 3.0, 121)
    >>> fit = fit_family(xs, adaptive_family(xs - 0.4, n=2.5, s=0.3))
    >>> round(fit.n, 6), round(fit.s, 6), round(fit.shift, 6)
    (2.5, 0.3, 0.4)
    """
    x = np.ravel(as_float_array("x", x))
    y = np.ravel(as_float_array("y", y))
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    offset = flag("offset", offset)
    need = 4 if offset else 3
    if x.size < need:
        raise ValueError(f"x must hold at least {need} points, got {x.size}")
    bounds = np.ravel(as_float_array("n_bounds", n_bounds))
    if bounds.size != 2:
        raise ValueError(f"n_bounds must be a pair (n_min, n_max), got {n_bounds!r:.80}")
    n_lo, n_hi = (positive_scalar("n_bounds", v) for v in bounds)
    if not n_lo < n_hi:
        raise ValueError(f"n_bounds must satisfy n_min < n_max, got {n_bounds!r}")

    def resid(p):
        return _family_model(x, p)[0] - y

    def jac(p):
        return _family_model(x, p)[1]

    # starting thresholds: where y crosses 10 % and 50 % of its range
    span = np.ptp(y)
    order = np.argsort(x)
    xs, ys = x[order], y[order]
    c0 = [float(xs[np.argmax(ys >= ys.min() + f * span)]) for f in (0.1, 0.5)]
    width = max(np.ptp(x), 1e-12)
    n0 = np.clip(np.array([2.0, 8.0, 32.0]) / width, n_lo, n_hi)
    lo = [np.log(n_lo), 0.0, -np.inf] + ([-np.inf] if offset else [])
    hi = [np.log(n_hi), 1.0, np.inf] + ([np.inf] if offset else [])
    starts = [
        [np.log(n_start), s_start, c_start] + ([float(ys.min())] if offset else [])
        for n_start, s_start, c_start in itertools.product(n0, (0.05, 0.5, 0.95), c0)
    ]
    # refine the _N_REFINE most promising starts of the grid
    start_cost = [float(np.sum(resid(np.array(p0)) ** 2)) for p0 in starts]
    best = None
    for k in np.argsort(start_cost, kind="stable")[:_N_REFINE]:
        sol = least_squares(
            resid,
            starts[k],
            jac=jac,
            bounds=(lo, hi),
            method="trf",
            xtol=1e-15,
            ftol=1e-15,
            gtol=1e-15,
        )
        if best is None or sol.cost < best.cost:
            best = sol
    r = resid(best.x)
    return FamilyFit(
        n=float(np.exp(best.x[0])),
        s=float(best.x[1]),
        shift=float(best.x[2]),
        offset=float(best.x[3]) if offset else 0.0,
        rms=float(np.sqrt(np.mean(r * r))),
        max_error=float(np.max(np.abs(r))),
    )


# ---------------------------------------------------------------------------
# 3. The paper's functions inside the family (sympy)
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FamilyPlacement:
    """The paper's eq. (2) and spike count written as members of the family."""

    gamma: sp.Expr  # gamma(u; n, s) = (1 - s) ln(1 + e^{n u}) / n + s logistic(n u)
    dgamma_du: sp.Expr  # (1 - s) L + s n L (1 - L) > 0, L = logistic(n u): members increase
    eq2_in_V: sp.Expr  # eq. (2) with T = -V
    eq2_member: sp.Expr  # gamma(V + b T_c; 2a, 1)
    count: sp.Expr  # spike count of eq. (2), softplus form (symbolic.spike_count_eq2)
    count_member: sp.Expr  # [gamma(Q - theta; 2a, 0) - gamma(-theta; 2a, 0)] / r
    count_free_energy: sp.Expr  # [F(-theta) - F(Q - theta)] / r, two-state unit at beta = 2a
    theta: sp.Expr  # T_bath - b T_c, the threshold of the count


@cache
def paper_in_family():
    r"""Write eq. (2) and its spike count as members of the softplus–sigmoid family.

    Returns
    -------
    FamilyPlacement
        With :math:`\theta = T_\mathrm{bath} - bT_c`:

        * eq. (2) in the neural reading :math:`T = -V` is
          :math:`\gamma(V + bT_c;\, n = 2a,\, s = 1)` — a logistic of gain
          :math:`2a` with threshold :math:`-bT_c`;
        * the spike count is
          :math:`N(Q) = [\gamma(Q - \theta; 2a, 0) - \gamma(-\theta; 2a, 0)]/r`
          — a softplus of gain :math:`2a` with threshold :math:`\theta`,
          lowered so that :math:`N(0) = 0`;
        * equivalently :math:`N(Q) = [F(-\theta) - F(Q - \theta)]/r`, with
          :math:`F` the free energy of the two-state unit at
          :math:`\beta = 2a` (:func:`two_state_unit`).

    Examples
    --------
    >>> pl = paper_in_family()
    >>> pl.eq2_member
    1/(1 + exp(-2*a*(T_c*b + V)))
    """
    a, b, T_c, T_bath, r, Q, T = (
        symbolic.a,
        symbolic.b,
        symbolic.T_c,
        symbolic.T_bath,
        symbolic.r,
        symbolic.Q,
        symbolic.T,
    )
    gamma = (1 - s) * _softplus(u, n) + s * _logistic(n * u)

    def member(arg, gain, sat):
        return gamma.subs({u: arg, n: gain, s: sat})

    theta = T_bath - b * T_c
    e2 = symbolic.spike_count_eq2()
    F = two_state_unit().free_energy.subs(_beta, 2 * a)
    return FamilyPlacement(
        gamma=gamma,
        dgamma_du=(1 - s) * _logistic(n * u) + s * n * _logistic(n * u) * (1 - _logistic(n * u)),
        eq2_in_V=e2.m_of_T.subs(T, -V),
        eq2_member=member(V + b * T_c, 2 * a, 1),
        count=e2.softplus_form,
        count_member=(member(Q - theta, 2 * a, 0) - member(-theta, 2 * a, 0)) / r,
        count_free_energy=(F.subs(x, -theta) - F.subs(x, Q - theta)) / r,
        theta=theta,
    )


def check_paper_in_family():
    """Verify the placements of :func:`paper_in_family` and the family's end points.

    Checks that eq. (2) at ``T = -V`` equals its family member, that the
    spike count equals both its family form and its free-energy form, that
    ``γ(u; n, 0)`` is the softplus and ``γ(u; n, 1)`` the logistic of gain
    ``n``, and that ``∂γ/∂u`` equals the manifestly positive ``dgamma_du``.

    Returns
    -------
    bool

    Examples
    --------
    >>> check_paper_in_family()
    True
    """
    pl = paper_in_family()
    sig = _logistic(n * u)
    ok = _is_zero(pl.eq2_in_V - pl.eq2_member)
    ok &= _is_zero(pl.count - pl.count_member)
    ok &= _is_zero(pl.count - pl.count_free_energy)
    ok &= _is_zero(pl.gamma.subs(s, 0) - _softplus(u, n))
    ok &= _is_zero(pl.gamma.subs(s, 1) - sig)
    ok &= _is_zero(sp.diff(pl.gamma, u) - pl.dgamma_du)
    return bool(ok)


# ---------------------------------------------------------------------------
# 4. A catalogue: every activation of the book placed in (or near) the family
# ---------------------------------------------------------------------------
STATUSES = ("member", "limit", "outside")


@dataclass(frozen=True)
class CatalogueEntry:
    """One activation, its best member of the family and its status.

    Attributes
    ----------
    name : str
        Short name of the activation.
    origin : str
        Where it comes from (physical reading in this book or elsewhere).
    window : tuple of float
        ``(lo, hi)``: the input interval of the fit (uniform grid).
    fit : FamilyFit
        Best ``γ(x - shift; n, s) [+ offset]`` on `window`.
    status : str
        ``"member"``: reproduced to rounding error (RMS below ``1e-9``)
        by a member whose transition width ``1/n`` is resolved by the grid
        (``n dx < 10``); ``"limit"``: a limit ``n -> inf`` of the family,
        either because the gain runs to its upper bound and the largest error
        shrinks at least fivefold when that bound is raised tenfold, or
        because the curve is reproduced exactly only by a transition sharper
        than the grid (a step); ``"outside"``: neither.
    """

    name: str
    origin: str
    window: tuple
    fit: FamilyFit
    status: str


def _classify(x, y, fit, offset, n_max):
    """Member, limit (n -> inf) or outside; see :class:`CatalogueEntry`."""
    if fit.n >= 0.999 * n_max:
        wider = fit_family(x, y, offset=offset, n_bounds=(1e-2, 10.0 * n_max))
        if wider.max_error < 0.2 * fit.max_error:
            return "limit"
    if fit.rms < 1e-9:
        resolved = fit.n * np.min(np.diff(np.sort(x))) < 10.0
        return "member" if resolved else "limit"
    return "outside"


def family_catalogue(*, a=6.0, T_bath=1.5, num=401):
    r"""Place the activations of the book in the softplus–sigmoid family.

    Each curve is fitted by :func:`fit_family` on a uniform grid of `num`
    points and classified as an exact member, a limit, or outside the family.

    Parameters
    ----------
    a : float, optional
        Steepness of eq. (2), ``a > 0`` (the paper: 6); ``b = 1``, ``T_c = 1``.
    T_bath : float, optional
        Bath temperature of the spike counts, ``T_bath > 1`` so that the
        resting neurone is silent (threshold ``θ = T_bath - 1``).
    num : int, optional
        Grid points per curve, ``10 <= num <= 10**5``.

    Returns
    -------
    tuple of CatalogueEntry
        In this order: logistic, softplus, Heaviside, ReLU, Swish, ELU
        (window ``[-4, 4]``); eq. (2) at ``T = -V`` and the mean-field and
        exact-2D ordered magnetisations ``m(V)`` (window ``V ∈ [-2, 0]``,
        i.e. ``T ∈ [0, 2 T_c]``); the spike counts of eq. (2), of the
        mean-field branch and of the exact 2D magnetisation (window
        ``Q ∈ [0, 4]``). Rectifier-like curves (those with no natural zero
        level: the counts, pinned by ``N(0) = 0``, and Swish, ReLU, softplus,
        ELU, which go or may go negative) are fitted with an output offset;
        the saturating ones without.

    Examples
    --------
    >>> cat = family_catalogue(num=101)
    >>> [(e.name, e.status) for e in cat][:4]
    [('logistic', 'member'), ('softplus', 'member'), ('Heaviside', 'limit'), ('ReLU', 'limit')]
    """
    a = positive_scalar("a", a)
    T_bath = positive_scalar("T_bath", T_bath)
    if T_bath <= 1.0:
        raise ValueError(f"T_bath must be > 1 (a silent resting state), got {T_bath!r}")
    num = positive_int("num", num, minimum=10, maximum=10**5)
    n_max = 1e3
    act = activations
    z = np.linspace(-4.0, 4.0, num)
    v = np.linspace(-2.0, 0.0, num)
    q = np.linspace(0.0, 4.0, num)
    rows = [
        ("logistic", "two-state unit: occupation <ν> (Milletarì et al.)", z, act.logistic(z), 0),
        ("softplus", "two-state unit: minus free energy -F", z, act.softplus(z), 1),
        ("Heaviside", "β → ∞ of <ν>; McCulloch–Pitts", z, act.heaviside(z), 0),
        ("ReLU", "β → ∞ of Swish and of -F; paper §II.D", z, act.relu(z), 1),
        ("Swish", "two-state unit: x <ν> = -U (Milletarì et al.)", z, act.swish(z), 1),
        ("ELU", "claimed by the paper, §II.D", z, act.elu(z), 1),
        (
            "eq. (2), T = -V",
            "paper's fit of the mean-field branch",
            v,
            act.paper_activation(-v, a=a),
            0,
        ),
        (
            "m(V), mean field",
            "up branch of eq. (1)",
            v,
            act.ordered_magnetization(-v, model="meanfield"),
            0,
        ),
        (
            "m(V), exact 2D",
            "Onsager–Yang magnetisation",
            v,
            act.ordered_magnetization(-v, model="onsager"),
            0,
        ),
        (
            "N(Q), eq. (2)",
            "spike count of eq. (2), §II.D",
            q,
            act.spike_count(q, T_bath=T_bath, a=a),
            1,
        ),
        (
            "N(Q), mean field",
            "spike count of the up branch",
            q,
            act.spike_count(q, T_bath=T_bath, model="meanfield"),
            1,
        ),
        (
            "N(Q), exact 2D",
            "spike count of the exact magnetisation",
            q,
            act.spike_count(q, T_bath=T_bath, model="onsager"),
            1,
        ),
    ]
    out = []
    for name, origin, xs, ys, off in rows:
        fit = fit_family(xs, ys, offset=bool(off), n_bounds=(1e-2, n_max))
        status = _classify(xs, ys, fit, bool(off), n_max)
        out.append(CatalogueEntry(name, origin, (float(xs[0]), float(xs[-1])), fit, status))
    return tuple(out)


def _fmt(v, digits):
    return f"{round(v, digits) + 0.0:.{digits}f}"


def format_catalogue(entries):
    """A fixed-width text table of :func:`family_catalogue`, rounded for printing.

    Gains print with four significant digits (``inf`` for limits), residuals
    of members as ``0``.

    Parameters
    ----------
    entries : sequence of CatalogueEntry

    Returns
    -------
    str

    Examples
    --------
    >>> print(format_catalogue(family_catalogue(num=101)[:1]))
    activation           status         n       s    shift   offset      RMS  max err
    logistic             member         1   1.000    0.000   0.0000        0        0
    """
    if isinstance(entries, (str, bytes)) or not np.iterable(entries):
        raise TypeError(f"entries must be a sequence of CatalogueEntry, got {entries!r:.80}")
    entries = list(entries)
    for e in entries:
        if not isinstance(e, CatalogueEntry):
            raise TypeError(f"entries must hold CatalogueEntry items, got {e!r:.80}")
    head = (
        f"{'activation':20s} {'status':7s} {'n':>8s} {'s':>7s} {'shift':>8s} "
        f"{'offset':>8s} {'RMS':>8s} {'max err':>8s}"
    )
    lines = [head]
    for e in entries:
        f = e.fit
        gain = "inf" if e.status == "limit" else f"{f.n:.4g}"
        exact = e.status == "member"
        rms = "0" if exact else _fmt(f.rms, 4)
        mx = "0" if exact else _fmt(f.max_error, 4)
        lines.append(
            f"{e.name:20s} {e.status:7s} {gain:>8s} {_fmt(f.s, 3):>7s} {_fmt(f.shift, 3):>8s} "
            f"{_fmt(f.offset, 4):>8s} {rms:>8s} {mx:>8s}"
        )
    return "\n".join(lines)
