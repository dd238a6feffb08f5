"""Activation functions, the paper's eq. (2), its fit, and the spike count.

The zoo (Heaviside, logistic, tanh, ReLU, ELU, softplus, Swish, Mish, GELU)
is written so that no function overflows or loses its asymptote even at
``|x| = 1e4``. The paper's own functions are

* eq. (2), :func:`paper_activation`, ``m(T) = 1/2 - tanh(a (T - b Tc))/2``,
  the tanh-shaped stand-in for the mean-field ``m = 1`` branch, fitted to it
  by :func:`fit_activation`;
* the spike count :func:`spike_count`, the time spent magnetised after a
  quench of strength ``Q`` followed by linear re-heating (§II.D), which grows
  like softplus and hence like ReLU for strong inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares
from scipy.special import expit, log_expit

from . import exact, meanfield
from ._validation import (
    as_float_array,
    broadcast,
    choice,
    finite,
    finite_scalar,
    flag,
    generator,
    nonnegative,
    nonnegative_scalar,
    positive,
    positive_int,
    positive_scalar,
    scalar_or_array,
    spin_updates,
)

__all__ = [
    "ActivationFit",
    "LatticeActivationFits",
    "elu",
    "fit_activation",
    "fit_lattice_activation",
    "gelu",
    "heaviside",
    "logistic",
    "meanfield_cumulative",
    "mish",
    "onsager_cumulative",
    "ordered_magnetization",
    "paper_activation",
    "relu",
    "softplus",
    "spike_activation",
    "spike_count",
    "swish",
    "tanh",
]


def heaviside(x):
    """Heaviside step, the McCulloch–Pitts threshold unit (``H(0) = 1/2``).

    Examples
    --------
    >>> heaviside([-1.0, 0.0, 2.0])
    array([0. , 0.5, 1. ])
    """
    x = finite("x", x)
    return scalar_or_array(np.heaviside(x, 0.5))


def logistic(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))`` (Wilson–Cowan), overflow-free.

    Examples
    --------
    >>> logistic([-1e4, 0.0, 1e4])
    array([0. , 0.5, 1. ])
    """
    x = finite("x", x)
    return scalar_or_array(expit(x))


def tanh(x):
    """Hyperbolic tangent, the activation that eq. (1) produces.

    Examples
    --------
    >>> tanh(0.0)
    0.0
    """
    x = finite("x", x)
    return scalar_or_array(np.tanh(x))


def relu(x):
    """Rectified linear unit ``max(x, 0)``.

    Examples
    --------
    >>> relu([-2.0, 3.0])
    array([0., 3.])
    """
    x = finite("x", x)
    return scalar_or_array(np.maximum(x, 0.0))


def elu(x, alpha=1.0):
    """Exponential linear unit: ``x`` for ``x > 0``, ``alpha (e^x - 1)`` else.

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float, optional
        Saturation value ``-alpha`` for ``x -> -inf``; ``alpha >= 0``.

    Examples
    --------
    >>> elu([-1e4, 0.0, 2.0])
    array([-1.,  0.,  2.])
    """
    x = finite("x", x)
    alpha = nonnegative_scalar("alpha", alpha)
    return scalar_or_array(np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))))


def softplus(x, beta=1.0):
    """Softplus ``log(1 + exp(beta x)) / beta``, a smooth ReLU.

    Computed with ``logaddexp`` so that ``softplus(1e4) == 1e4`` exactly and
    ``softplus(-1e4) == 0`` without overflow.

    Parameters
    ----------
    x : array_like
        Input.
    beta : float, optional
        Sharpness, ``beta > 0``; ``beta -> inf`` gives ReLU.

    Examples
    --------
    >>> softplus([-1e4, 0.0, 1e4])
    array([0.00000000e+00, 6.93147181e-01, 1.00000000e+04])
    """
    x = finite("x", x)
    beta = positive_scalar("beta", beta)
    with np.errstate(over="ignore"):
        z = beta * x
        y = np.logaddexp(0.0, z) / beta
    y = np.where(z == np.inf, x, y)  # beta x overflows: softplus(x) = x to the last digit
    if not np.all(np.isfinite(y)):
        raise ValueError(f"beta must be large enough that ln(2) / beta is finite, got {beta!r}")
    return scalar_or_array(y)


def swish(x, beta=1.0):
    """Swish / SiLU ``x * logistic(beta x)``.

    Milletarì et al. obtain it as the mean field of a spin in a field; see the
    appendix on related mean-field activations.

    Examples
    --------
    >>> swish([-1e4, 0.0, 1e4]).tolist()
    [-0.0, 0.0, 10000.0]
    """
    x = finite("x", x)
    beta = positive_scalar("beta", beta)
    with np.errstate(over="ignore"):  # beta x = +-inf: expit gives 1 or 0
        return scalar_or_array(x * expit(beta * x))


def mish(x):
    """Mish ``x * tanh(softplus(x))``.

    Examples
    --------
    >>> mish([-1e4, 1e4]).tolist()
    [-0.0, 10000.0]
    """
    x = finite("x", x)
    return scalar_or_array(x * np.tanh(np.logaddexp(0.0, x)))


def gelu(x):
    """Gaussian error linear unit ``x Φ(x)`` (exact, via ``erfc``).

    Examples
    --------
    >>> gelu([-1e4, 0.0, 1e4]).tolist()
    [-0.0, 0.0, 10000.0]
    """
    from scipy.special import erfc

    x = finite("x", x)
    return scalar_or_array(0.5 * x * erfc(-x / np.sqrt(2.0)))


def paper_activation(T, *, a=6.0, Tc=1.0, b=1.0):
    """The paper's eq. (2): ``m(T) = -tanh(a (T - b Tc))/2 + 1/2``.

    A tanh-shaped switch from ``m = 1`` (cold) to ``m = 0`` (hot) centred on
    ``b Tc``. The paper uses ``a = 6``, ``Tc = 1`` (Figure 2) and mentions
    ``b`` as the "second hyperparameter multiplying the critical temperature"
    that improves the fit.

    Parameters
    ----------
    T : array_like
        Temperature (any real value; read as minus the membrane voltage).
    a : float, optional
        Steepness, ``a > 0``.
    Tc : float, optional
        Critical temperature, ``Tc > 0``.
    b : float, optional
        Multiplier of `Tc` that moves the switching point, ``b >= 0``.

    Returns
    -------
    m : float or ndarray
        Same shape as `T`, in ``(0, 1)``.

    Notes
    -----
    Computed as ``expit(-2 a (T - b Tc))``, which equals eq. (2) exactly and
    keeps full relative precision in the tails.

    Examples
    --------
    >>> paper_activation(1.0)
    0.5
    >>> round(paper_activation(0.0), 6)
    0.999994
    """
    T = finite("T", T)
    a = positive_scalar("a", a)
    Tc = positive_scalar("Tc", Tc)
    b = nonnegative_scalar("b", b)
    # Overflows go to +-inf with the right sign (a > 0, b Tc >= 0): expit gives 0 or 1.
    with np.errstate(over="ignore"):
        return scalar_or_array(expit(-2.0 * a * (T - b * Tc)))


@dataclass(frozen=True)
class ActivationFit:
    """Least-squares fit of eq. (2) to a magnetisation curve.

    Attributes
    ----------
    a : float
        Fitted steepness.
    b : float
        Fitted multiplier of ``Tc`` (exactly 1 when not fitted).
    rms : float
        Root-mean-square residual over the fitted points.
    max_error : float
        Largest absolute residual.
    """

    a: float
    b: float
    rms: float
    max_error: float


def fit_activation(T, m, *, Tc=1.0, fit_b=True, a0=6.0):
    """Fit the paper's eq. (2) to magnetisation data ``m(T)`` by least squares.

    Parameters
    ----------
    T : array_like, shape (n,)
        Temperatures, finite, at least 2 (3 with `fit_b`) points.
    m : array_like, shape (n,)
        Magnetisation at `T`, finite.
    Tc : float, optional
        Critical temperature used in eq. (2), ``Tc > 0``.
    fit_b : bool, optional
        Also fit the multiplier ``b`` of ``Tc``; otherwise ``b = 1`` as in
        the paper's Figure 2.
    a0 : float, optional
        Starting steepness, ``1e-12 <= a0 <= 1e12``.

    Returns
    -------
    ActivationFit
        Frozen dataclass with ``a``, ``b``, ``rms`` and ``max_error``.

    Notes
    -----
    The residuals have an analytic Jacobian; the fit is a few Gauss–Newton
    steps (trust-region reflective, ``a > 0`` and ``b >= 0`` enforced).

    Examples
    --------
    >>> import numpy as np
    >>> T = np.linspace(0.0, 2.0, 201)
    >>> fit = fit_activation(T, paper_activation(T, a=3.0, b=0.8))
    >>> round(fit.a, 6), round(fit.b, 6)
    (3.0, 0.8)
    """
    T = np.ravel(as_float_array("T", T))
    m = np.ravel(as_float_array("m", m))
    if T.shape != m.shape:
        raise ValueError(f"T and m must have the same length, got {T.size} and {m.size}")
    Tc = positive_scalar("Tc", Tc)
    fit_b = flag("fit_b", fit_b)
    a0 = positive_scalar("a0", a0)
    if not 1e-12 <= a0 <= 1e12:
        raise ValueError(f"a0 must lie in [1e-12, 1e12], got {a0!r}")
    need = 3 if fit_b else 2
    if T.size < need:
        raise ValueError(f"T must hold at least {need} points, got {T.size}")
    scale = max(float(np.max(np.abs(T))), Tc)
    if a0 * scale > 1e100:
        raise ValueError(
            "T, Tc and a0 must keep a0 * max(|T|, Tc) <= 1e100 (beyond, eq. (2) is a step "
            f"at machine precision and the fit has no gradient), got {a0 * scale:.3g}"
        )

    def model(p):
        a, b = (p[0], p[1]) if fit_b else (p[0], 1.0)
        return expit(-2.0 * a * (T - b * Tc)), a, b

    def resid(p):
        return model(p)[0] - m

    def jac(p):
        y, a, b = model(p)
        dy = y * (1.0 - y)  # derivative of expit at its argument
        cols = [dy * (-2.0 * (T - b * Tc))]
        if fit_b:
            cols.append(dy * 2.0 * a * Tc)
        return np.stack(cols, axis=1)

    p0 = [a0, 1.0] if fit_b else [a0]
    lo = [1e-12, 0.0] if fit_b else [1e-12]
    sol = least_squares(resid, p0, jac=jac, bounds=(lo, np.inf), xtol=1e-15, ftol=1e-15, gtol=1e-15)
    r = resid(sol.x)
    return ActivationFit(
        a=float(sol.x[0]),
        b=float(sol.x[1]) if fit_b else 1.0,
        rms=float(np.sqrt(np.mean(r * r))),
        max_error=float(np.max(np.abs(r))),
    )


@dataclass(frozen=True)
class LatticeActivationFits:
    """Eq. (2) fitted to the equilibrium ``<|m|>(T)`` of lattices of growing size.

    Attributes
    ----------
    L : tuple of int
        Lattice sizes, then the infinite lattice is represented by `exact`.
    T : ndarray, shape (n,)
        Temperatures in units of the exact ``Tc``.
    abs_m, abs_m_err : ndarray, shape (len(L), n)
        Monte Carlo ``<|m|>`` and its standard error at each size and temperature.
    fits : tuple of ActivationFit
        The fit of eq. (2) (``b`` free) for each size.
    exact : ActivationFit
        The fit to the exact infinite-lattice magnetisation (Onsager–Yang).
    """

    L: tuple
    T: np.ndarray
    abs_m: np.ndarray
    abs_m_err: np.ndarray
    fits: tuple
    exact: ActivationFit


def fit_lattice_activation(L_values, T, n_sweeps, *, rng=None):
    """Fit eq. (2) to the Monte Carlo magnetisation of the 2D lattice as it grows.

    For each size the equilibrium ``<|m|>`` is estimated at every temperature
    (:func:`isingneuron.scan_temperatures`, Wolff near ``Tc``, heat bath away
    from it) and eq. (2) is fitted with ``Tc`` set to Onsager's exact value;
    the same fit to the exact infinite-lattice curve is the ``L -> inf`` limit.

    Parameters
    ----------
    L_values : sequence of int
        Even lattice sizes ``>= 2``.
    T : array_like, shape (n,)
        Temperatures in units of the exact ``Tc`` (``> 0``), at least 3.
    n_sweeps : int
        Measured sweeps per temperature.
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    LatticeActivationFits

    Examples
    --------
    >>> import numpy as np
    >>> res = fit_lattice_activation([8], np.linspace(0.2, 2.0, 10), 400, rng=0)
    >>> round(res.exact.b, 3), bool(res.fits[0].rms < 0.1)
    (0.99, True)
    """
    from . import lattice

    T = np.ravel(positive("T", T))
    if T.size < 3:
        raise ValueError(f"T must hold at least 3 temperatures, got {T.size}")
    if isinstance(L_values, (str, bytes)) or not np.iterable(L_values):
        raise TypeError(f"L_values must be a sequence of even integers >= 2, got {L_values!r:.80}")
    try:
        L_values = tuple(lattice._check_L(L) for L in L_values)
    except ValueError as exc:
        raise ValueError(f"L_values must hold even lattice sizes: {exc}") from None
    if not L_values:
        raise ValueError("L_values must hold at least one lattice size")
    with np.errstate(over="ignore"):
        T_scan = T * _TC_ONSAGER
    if not np.all(np.isfinite(T_scan)):
        raise ValueError(f"T must be <= {np.finfo(float).max / _TC_ONSAGER:.3g}, got {T.max()!r}")
    n_sweeps = positive_int("n_sweeps", n_sweeps, minimum=1)
    updates = 2 * n_sweeps * T.size * sum(L * L for L in L_values)  # burn-in included
    spin_updates("n_sweeps, T and L_values", updates, f"n_sweeps={n_sweeps}")
    rng = generator(rng)
    rows, errs, fits = [], [], []
    for L in L_values:
        scan = lattice.scan_temperatures(L, T_scan, n_sweeps, rng=rng)
        rows.append(scan.abs_m)
        errs.append(scan.abs_m_err)
        fits.append(fit_activation(T, scan.abs_m))
    grid = np.linspace(0.0, float(T.max()), 401)
    exact_fit = fit_activation(grid, _onsager_m(grid, 1.0))
    return LatticeActivationFits(
        L=L_values,
        T=T,
        abs_m=np.array(rows),
        abs_m_err=np.array(errs),
        fits=tuple(fits),
        exact=exact_fit,
    )


def _softplus_increment(u, d):
    """``softplus(u + d) - softplus(u)`` for ``d >= 0``, accurate for all sizes.

    Written as ``softplus(log_expit(u) + log(expm1(d)))``, which has no
    cancellation for tiny `d` and no overflow for huge `d`.
    """
    with np.errstate(divide="ignore"):
        log_expm1 = d + np.log(-np.expm1(-d))  # log(e^d - 1), -inf at d = 0
    return np.logaddexp(0.0, log_expit(u) + log_expm1)


_GL_X, _GL_W = np.polynomial.legendre.leggauss(16)
_PANELS = np.arange(40.0)  # unit panels cover [u0, u0 + 40]; the tail is < e^-80


def meanfield_cumulative(T, *, Tc=1.0):
    r"""``G(T) = ∫_0^T m(s) ds`` of the mean-field up branch, for ``T >= 0``.

    The building block of the exact mean-field spike count. Temperatures
    ``T <= 0`` are read as the ordered ground state, ``m = 1``, so
    ``G(T) = T`` there (the limit ``T -> 0+`` of eq. (1)).

    Parameters
    ----------
    T : array_like
        Upper limit, any finite real.
    Tc : float, optional
        ``Tc > 0``.

    Returns
    -------
    G : float or ndarray
        Same shape as `T`.

    Notes
    -----
    Integrating by parts along the branch ``T(m) = Tc m / artanh(m)`` and
    substituting ``m = tanh(u)`` gives

    .. math:: G(T) = T m(T) + T_c \int_{u_0}^{\infty}
              \frac{\tanh u}{u}\,\mathrm{sech}^2 u\,\mathrm{d}u,
              \qquad u_0 = T_c\, m(T) / T,

    an analytic, exponentially decaying integrand summed by 16-point
    Gauss–Legendre on unit panels: accurate to ~1e-15. ``G(Tc) = 0.85256...
    Tc`` is the area under the ordered branch of Figure 1.

    Examples
    --------
    >>> round(meanfield_cumulative(1.0), 10)
    0.8525567976
    >>> meanfield_cumulative(-2.0)
    -2.0
    """
    T = finite("T", T)
    Tc = positive_scalar("Tc", Tc)
    Tp = np.clip(T, 0.0, Tc).ravel()
    m = np.asarray(meanfield.ordered_branch(Tp, Tc=Tc))
    with np.errstate(divide="ignore", over="ignore"):
        u0 = Tc * m / Tp  # inf at Tp = 0 (and where it overflows): no tail beyond u0 >= 60
    G = np.zeros_like(Tp)
    finite_u = np.isfinite(u0) & (u0 < 60.0)
    if finite_u.any():
        left = u0[finite_u][:, None, None] + _PANELS[None, :, None]
        u = left + 0.5 * (_GL_X[None, None, :] + 1.0)
        e = np.exp(-2.0 * u)
        sech2 = 4.0 * e / (1.0 + e) ** 2
        f = np.tanh(u) / u * sech2
        G[finite_u] = Tc * 0.5 * np.sum(f * _GL_W, axis=(1, 2))
    G = Tp * m + G
    G = G.reshape(np.shape(T)) + np.minimum(T, 0.0)  # m = 1 for T <= 0
    return scalar_or_array(G)


_GL64_X, _GL64_W = np.polynomial.legendre.leggauss(64)
_TC_ONSAGER = exact.onsager_tc()
_MODELS = ("fit", "meanfield", "onsager")


def _onsager_m(T, Tc):
    """Onsager–Yang magnetisation rescaled to critical temperature `Tc`; 1 for T <= 0."""
    T = np.asarray(T, dtype=float)
    m = np.ones_like(T)
    with np.errstate(over="ignore"):
        t = T * (_TC_ONSAGER / Tc)
    m[np.isinf(t)] = 0.0  # far above the critical temperature
    pos = (T > 0) & np.isfinite(t)
    m[pos] = exact.spontaneous_magnetization(t[pos])
    return m


def onsager_cumulative(T, *, Tc=1.0):
    """``G(T) = ∫_0^T m(s) ds`` for the exact 2D magnetisation (Onsager–Yang).

    The exact spontaneous magnetisation of the square lattice, rescaled so
    that its critical temperature is `Tc`, with ``m = 1`` for ``T <= 0``: the
    infinite-lattice counterpart of :func:`meanfield_cumulative`.

    Parameters
    ----------
    T : array_like
        Upper limit, any finite real.
    Tc : float, optional
        Critical temperature of the rescaled curve, ``Tc > 0``.

    Returns
    -------
    G : float or ndarray
        Same shape as `T`.

    Notes
    -----
    ``m ∝ (Tc - T)^(1/8)`` has an infinite-slope singularity at ``Tc``; the
    substitution ``T = Tc (1 - σ^8)`` makes the integrand smooth in ``σ``, and
    64-point Gauss–Legendre then gives ~1e-15.

    Examples
    --------
    >>> round(onsager_cumulative(1.0), 8)  # area under the exact branch, Tc = 1
    0.9685922
    """
    T = finite("T", T)
    Tc = positive_scalar("Tc", Tc)
    Tp = np.clip(T, 0.0, Tc).ravel()
    if 1e-150 < Tc < 1e150:
        G = _onsager_area(Tp, Tc)
    else:  # G(T; Tc) = Tc G(T / Tc; 1): the quadrature stays clear of overflow
        G = Tc * _onsager_area(Tp / Tc, 1.0)
    G = G.reshape(np.shape(T)) + np.minimum(T, 0.0)
    return scalar_or_array(G)


def _onsager_area(Tp, Tc):
    """``∫_0^Tp m(s) ds`` of the rescaled exact magnetisation, for ``0 <= Tp <= Tc``."""

    def tail(sig_max):
        # ∫_T^Tc m dT' with T' = Tc (1 - σ^8), σ in [0, sig_max]
        sig = 0.5 * sig_max[:, None] * (_GL64_X[None, :] + 1.0)
        f = _onsager_m(Tc * (1.0 - sig**8), Tc) * 8.0 * Tc * sig**7
        return 0.5 * sig_max * (f @ _GL64_W)

    total = tail(np.ones(1))[0]
    return total - tail((1.0 - Tp / Tc) ** 0.125)


def ordered_magnetization(T, *, model="meanfield", Tc=1.0, a=6.0, b=1.0):
    """The ordered (firing) magnetisation ``m(T)`` of each model, for any real `T`.

    Parameters
    ----------
    T : array_like
        Temperature, any finite real (``T <= 0`` is fully ordered).
    model : {"fit", "meanfield", "onsager"}, optional
        ``"fit"``: eq. (2) with `a`, `b`; ``"meanfield"``: the up branch of
        eq. (1); ``"onsager"``: the exact 2D spontaneous magnetisation
        rescaled to critical temperature `Tc`.
    Tc, a, b : float, optional
        As in :func:`spike_count`.

    Returns
    -------
    m : float or ndarray

    Examples
    --------
    >>> ordered_magnetization([0.5, 0.99, 1.5], model="onsager").round(4)
    array([0.998 , 0.6859, 0.    ])
    """
    T = finite("T", T)
    choice("model", model, _MODELS)
    if model == "fit":
        return paper_activation(T, a=a, Tc=Tc, b=b)
    if model == "meanfield":
        return meanfield.ordered_branch(T, Tc=Tc)
    Tc = positive_scalar("Tc", Tc)
    return scalar_or_array(_onsager_m(T, Tc))


def spike_count(Q, *, T_bath, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="fit"):
    r"""Spikes counted after a quench of strength `Q` and linear re-heating.

    The protocol of §II.D: at ``t = 0`` the temperature drops from `T_bath`
    to ``T_bath - Q`` and then rises at constant `rate` back to `T_bath`,
    reached at ``t = Q / rate``. The spike count is the time spent
    magnetised,

    .. math:: N(Q) = \int_0^{Q/r} m(T(t))\,\mathrm{d}t
              = \frac{1}{r}\int_{T_\mathrm{bath}-Q}^{T_\mathrm{bath}} m(T)\,\mathrm{d}T.

    Parameters
    ----------
    Q : array_like
        Quench strength(s), ``Q >= 0``.
    T_bath : array_like
        Bath (resting) temperature, any finite value; broadcasts against `Q`.
    Tc : float, optional
        Critical temperature, ``Tc > 0``.
    a, b : float, optional
        Steepness ``a > 0`` and ``Tc`` multiplier ``b >= 0`` of eq. (2)
        (used by ``model="fit"`` only).
    rate : float, optional
        Re-heating rate ``dT/dt > 0`` (the paper takes 1).
    model : {"fit", "meanfield", "onsager"}, optional
        ``"fit"``: ``m`` is eq. (2) and the count has the closed form
        ``N = [softplus(u + 2aQ) - softplus(u)] / (2 a r)`` with
        ``u = 2a (b Tc - T_bath)``. ``"meanfield"``: ``m`` is the exact
        mean-field up branch of eq. (1) (with ``m = 1`` for ``T <= 0``),
        ``N = [G(T_bath) - G(T_bath - Q)] / r`` with
        :func:`meanfield_cumulative`. ``"onsager"``: ``m`` is the exact
        two-dimensional spontaneous magnetisation (Onsager–Yang) rescaled to
        critical temperature `Tc`, via :func:`onsager_cumulative` — the slow
        re-heating limit of an infinite lattice.

    Returns
    -------
    N : float or ndarray
        Broadcast shape of `Q` and `T_bath`. For large `Q` it grows like
        ``Q / rate`` (the ReLU regime); for small `Q` like
        ``Q m(T_bath) / rate``.

    Notes
    -----
    Stable for ``Q`` from 0 to beyond 1e4: the closed form is evaluated as
    ``softplus(log_expit(u) + log(expm1(2 a Q)))``, which neither cancels for
    tiny `Q` nor overflows for huge `Q`.

    Examples
    --------
    >>> round(spike_count(0.0, T_bath=1.5), 12)
    0.0
    >>> round(spike_count(1e4, T_bath=1.5) - 1e4, 6)  # N ≈ Q - (T_bath - Tc)
    -0.500206
    >>> round(spike_count(3.0, T_bath=1.5, model="meanfield"), 6)
    2.352557
    """
    Q = nonnegative("Q", Q)
    T_bath = finite("T_bath", T_bath)
    Tc = positive_scalar("Tc", Tc)
    a = positive_scalar("a", a)
    b = nonnegative_scalar("b", b)
    rate = positive_scalar("rate", rate)
    choice("model", model, _MODELS)
    Q, T_bath = broadcast(Q=Q, T_bath=T_bath)
    with np.errstate(over="ignore", invalid="ignore"):  # inf and NaN are refused below
        if model == "fit":
            u = 2.0 * a * (b * Tc - T_bath)
            d = 2.0 * a * Q
            if not (np.all(np.isfinite(u)) and np.all(np.isfinite(d))):
                raise ValueError(
                    "Q, T_bath, Tc, a and b must keep 2 a Q and 2 a (b Tc - T_bath) finite "
                    "(< 1.8e308), got an overflow"
                )
            N = _softplus_increment(u, d) / (2.0 * a)
        else:
            lower = T_bath - Q
            if not np.all(np.isfinite(lower)):
                raise ValueError("Q and T_bath must keep T_bath - Q finite, got an overflow")
            G = meanfield_cumulative if model == "meanfield" else onsager_cumulative
            N = np.asarray(G(T_bath, Tc=Tc)) - np.asarray(G(lower, Tc=Tc))
            N = np.maximum(N, 0.0)
        N = N / rate
    if not np.all(np.isfinite(N)):
        raise ValueError(
            f"rate must be large enough that the count N / rate is finite, got {rate!r}"
        )
    return scalar_or_array(N)


def spike_activation(Q, *, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, model="fit"):
    r"""The spike count of §II.D as an activation of any real input.

    For a quench ``Q >= 0`` this is :func:`isingneuron.spike_count`, the time
    spent magnetised while the membrane is re-heated from ``T_bath - Q`` to
    ``T_bath``. For ``Q < 0`` (the input *heats* the membrane) the same signed
    integral is continued,

    .. math:: N(Q) = \frac1r \int_{T_\mathrm{bath} - Q}^{T_\mathrm{bath}} m(T)\,\mathrm{d}T
              = -\frac1r \int_{T_\mathrm{bath}}^{T_\mathrm{bath} + |Q|} m(T)\,\mathrm{d}T,

    which removes the small resting activity: it is exactly zero for the
    mean-field and exact branches when ``T_bath >= Tc`` (they vanish above
    ``Tc``) and a tiny negative number for eq. (2), which never vanishes.
    The continuation keeps the function smooth, so that ``dN/dQ = m(T_bath -
    Q) / rate`` for every ``Q``: the slope of the rectifier is the sigmoid.

    Parameters
    ----------
    Q : array_like
        Input (quench strength), any finite value.
    T_bath, Tc, a, b, rate : float, optional
        As in :func:`isingneuron.spike_count`; the defaults put the resting
        state half a critical temperature above the switch (threshold
        ``θ = T_bath - b Tc = 0.5``).
    model : {"fit", "meanfield", "onsager"}, optional
        Which magnetisation is integrated, as in :func:`isingneuron.spike_count`.

    Returns
    -------
    N : float or ndarray
        Same shape as `Q`.

    Examples
    --------
    >>> round(spike_activation(3.0), 6)
    2.499794
    >>> round(spike_activation(-1.0), 6)  # heating removes the resting activity
    -0.000206
    >>> spike_activation(-1.0, model="meanfield")
    0.0
    """
    Q = finite("Q", Q)
    T_bath = finite_scalar("T_bath", T_bath)
    choice("model", model, _MODELS)
    kw = dict(Tc=Tc, a=a, b=b, rate=rate, model=model)
    # One evaluation for both signs: a heating input (Q < 0) counts the interval
    # [T_bath, T_bath + |Q|] with a minus sign, i.e. a quench of |Q| from T_bath + |Q|.
    q = np.abs(Q)
    with np.errstate(over="ignore"):  # an overflow to inf is refused by spike_count
        start = T_bath + np.where(Q < 0, q, 0.0)
    if not np.all(np.isfinite(start)):
        raise ValueError("Q and T_bath must keep T_bath + |Q| finite, got an overflow")
    N = np.asarray(spike_count(q, T_bath=start, **kw))
    return scalar_or_array(np.where(Q < 0, -N, N))
