r"""Populations of model neurones: firing fractions, mean spike counts, sparse codes.

The paper's §III.A claims that "for Gaussian distributed quenches" its
quench-and-re-heat neurone reproduces the population argument of Wilson and
Cowan (1972), and that rectified responses give sparse codes. This module
makes the population explicit.

The population
--------------
Neurone ``i`` receives a quench ``Q_i = max(X_i, 0)`` with
``X_i = mu + sigma xi_i``: a mean input `mu` plus a fluctuation of standard
deviation `sigma` (Gaussian, or logistic for comparison); a negative ``X_i``
means no input (``Q = 0``). Its bath temperature is ``T_i = T_bath + tau eta_i``
with Gaussian ``eta_i`` (``tau = T_bath_sd``, zero by default), so its distance
from the switching point, the threshold ``theta_i = T_i - b Tc``, is Gaussian
too. The response is the spike count of :func:`isingneuron.activations.spike_count`,

.. math:: N_i = \frac{1}{r}\int_{T_i - Q_i}^{T_i} m(T)\,\mathrm{d}T ,

with ``m`` the mean-field branch of eq. (1) (``model="meanfield"``), the
paper's eq. (2) (``model="fit"``), or its steep limit, a step at ``b Tc``
(``model="relu"``: ``N = [relu(Q - theta) - relu(-theta)] / r``).

Closed forms
------------
* Firing. The mean-field count is exactly zero unless ``Q > max(theta, 0)``,
  so with a fixed threshold the fraction firing is
  ``Phi((mu - theta+) / sigma)``, a probit; with Gaussian thresholds it is a
  bivariate normal probability (Owen's T function), which reduces to
  ``Phi((mu - theta) / sqrt(sigma^2 + tau^2))`` when no threshold is negative.
  Eq. (2) is never exactly zero; a neurone "fires" when ``N > eps`` spikes,
  which happens above the quench :func:`firing_threshold`.
* Mean count. Writing ``N = (1/r) int m(T) 1[T_i - Q_i < T < T_i] dT`` and
  averaging the indicator gives a one-dimensional integral over temperature
  (:func:`mean_spike_count`); for the step model it is the mean of a ReLU of
  a Gaussian, ``sigma phi(z) + (mu - theta) Phi(z)``, ``z = (mu - theta)/sigma``.

Everything is checked by seeded sampling (:func:`sample_population`,
:func:`sample_fraction_firing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import expit, logit, ndtr, owens_t

from . import activations
from ._validation import (
    MAX_ELEMENTS,
    as_float_array,
    choice,
    finite,
    finite_scalar,
    generator,
    nonnegative_scalar,
    positive_int,
    positive_scalar,
    scalar_or_array,
)

__all__ = [
    "ACTIVATIONS",
    "LogisticFit",
    "MonteCarloEstimate",
    "PopulationSample",
    "ResponseMoments",
    "bivariate_normal_cdf",
    "firing_threshold",
    "fit_logistic_to_probit",
    "fraction_firing",
    "hoyer_sparseness",
    "mean_spike_count",
    "response_moments",
    "sample_fraction_firing",
    "sample_population",
    "silent_interval",
    "treves_rolls_sparseness",
]

#: Responses a population can be given. The first three are the paper's
#: physics (the spike counts of the mean-field branch and of eq. (2), and eq. (2)
#: itself as an instantaneous firing probability at the quenched temperature,
#: all of the clipped quench ``Q``); the last four are the usual activations,
#: applied to the pre-activation ``x = X - theta`` (unclipped Gaussian input
#: minus threshold), as in an artificial network.
ACTIVATIONS = ("meanfield", "fit", "eq2", "relu", "softplus", "logistic", "tanh")
_COUNT_MODELS = ("meanfield", "fit", "relu")
_DISTRIBUTIONS = ("gaussian", "logistic")
_LOGISTIC_SCALE = np.sqrt(3.0) / np.pi  # scale of a logistic law per unit s.d.
_SQRT_2PI = np.sqrt(2.0 * np.pi)
_GL_X, _GL_W = np.polynomial.legendre.leggauss(16)
# Bath temperatures (in units of Tc) beyond which T_bath - Q cancels to nothing.
_MAX_BATH = 1e8
# Panels of a quadrature are at most 4 times wider than asked for (4000 of them at most):
# a wider one would no longer resolve the input distribution.
_MAX_PANELS = 4000


# ----------------------------------------------------------------------------
# Gaussian helpers
# ----------------------------------------------------------------------------


def _phi(z):
    with np.errstate(over="ignore"):  # z * z = inf: exp(-inf) = 0
        return np.exp(-0.5 * z * z) / _SQRT_2PI


def _psi(z):
    """``E[(Z + z)+] = phi(z) + z Phi(z)``: the antiderivative of ``Phi``."""
    Phi = ndtr(z)
    return _phi(z) + np.where(Phi > 0, z * np.where(Phi > 0, Phi, 1.0), 0.0)  # 0 at z = -inf


def _finite_result(names, *values):
    """Refuse a result that overflowed (the arguments are extreme, not wrong)."""
    for v in values:
        if not np.all(np.isfinite(v)):
            raise ValueError(f"{names} must keep the result finite, got an overflow")


def _extreme(names, *values):
    """Intermediate values must be finite: refuse an overflow before it spreads."""
    for v in values:
        if not np.all(np.isfinite(v)):
            raise ValueError(f"{names} are too extreme: an intermediate value overflows")


def bivariate_normal_cdf(h, k, rho):
    r"""``P(Z1 < h, Z2 < k)`` for standard normals with correlation `rho`.

    Parameters
    ----------
    h, k : array_like
        Upper limits, finite; broadcast together.
    rho : float
        Correlation, ``-1 < rho < 1``.

    Returns
    -------
    p : float or ndarray
        Broadcast shape of `h` and `k`.

    Notes
    -----
    Owen's (1956) formula in terms of his T function,

    .. math:: \Phi_2(h, k; \rho) = \tfrac12\Phi(h) + \tfrac12\Phi(k)
              - T(h, a_h) - T(k, a_k) - \beta,\qquad
              a_h = \frac{k - \rho h}{h\sqrt{1-\rho^2}},

    (``a_k`` with ``h`` and ``k`` swapped, ``beta = 1/2`` when ``h`` and ``k``
    have opposite signs, else 0), with the limits ``h = 0`` or ``k = 0``
    taken explicitly. Accurate to ~1e-15.

    Examples
    --------
    >>> round(bivariate_normal_cdf(0.0, 0.0, 0.5), 12)  # 1/4 + arcsin(rho)/(2 pi)
    0.333333333333
    >>> round(bivariate_normal_cdf(1.0, 2.0, 0.0), 6)  # independent: Phi(1) Phi(2)
    0.822204
    """
    h = finite("h", h)
    k = finite("k", k)
    rho = finite_scalar("rho", rho)
    if not -1.0 < rho < 1.0:
        raise ValueError(f"rho must lie in (-1, 1), got {rho!r}")
    h, k = np.broadcast_arrays(h, k)
    p = _bvn(h.astype(float), k.astype(float), rho)
    return scalar_or_array(p)


def _bvn(h, k, rho):
    """Unvalidated :func:`bivariate_normal_cdf` (arrays of one shape)."""
    # An infinite limit (an overflow upstream) acts like a huge finite one.
    h = np.clip(h, -1e300, 1e300)
    k = np.clip(k, -1e300, 1e300)
    sq = np.sqrt((1.0 - rho) * (1.0 + rho))
    h0, k0 = h == 0.0, k == 0.0
    # a = inf where the ratio overflows: owens_t(h, inf) is its limit
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ah = np.where(h0, np.sign(k) * np.inf, (k - rho * h) / (h * sq))
        ak = np.where(k0, np.sign(h) * np.inf, (h - rho * k) / (k * sq))
    ah = np.where(h0 & k0, 0.0, ah)
    ak = np.where(h0 & k0, 0.0, ak)
    hk = np.sign(h) * np.sign(k)  # the sign of h k, without overflow
    beta = np.where((hk < 0) | ((hk == 0) & (np.sign(h) + np.sign(k) < 0)), 0.5, 0.0)
    p = 0.5 * ndtr(h) + 0.5 * ndtr(k) - owens_t(h, ah) - owens_t(k, ak) - beta
    p = np.where(h0 & k0, 0.25 + np.arcsin(rho) / (2.0 * np.pi), p)
    return np.clip(p, 0.0, 1.0)


# ----------------------------------------------------------------------------
# Fraction firing
# ----------------------------------------------------------------------------


def fraction_firing(mu, *, sigma, threshold, threshold_sd=0.0, distribution="gaussian"):
    r"""Fraction of a population whose clipped input exceeds its threshold.

    Neurone ``i`` receives ``Q_i = max(X_i, 0)``, ``X_i = mu + noise`` of
    standard deviation `sigma`, and fires when ``Q_i > theta_i`` and
    ``Q_i > 0``, i.e. when ``X_i > max(theta_i, 0)`` (no input, no spikes).
    This is exactly the firing rule of the mean-field spike count (with
    ``theta = T_bath - Tc``) and of the step model; for eq. (2) pass
    ``threshold=firing_threshold(..., eps=...)``.

    Parameters
    ----------
    mu : array_like
        Mean input(s), any finite value.
    sigma : float
        Standard deviation of the input fluctuation, ``sigma > 0``.
    threshold : float
        Threshold (mean threshold if `threshold_sd` > 0), finite.
    threshold_sd : float, optional
        Standard deviation of Gaussian thresholds across the population,
        ``>= 0`` (only with ``distribution="gaussian"``).
    distribution : {"gaussian", "logistic"}, optional
        Law of the input fluctuation. Only the difference input minus
        threshold matters, so ``"logistic"`` equally describes
        logistic-distributed thresholds under a common input (Wilson and
        Cowan's population).

    Returns
    -------
    f : float or ndarray
        Same shape as `mu`, in [0, 1].

    Notes
    -----
    With ``theta+ = max(threshold, 0)``: Gaussian, fixed threshold:
    ``Phi((mu - theta+) / sigma)`` (a probit). Logistic of s.d. `sigma`:
    ``expit((mu - theta+) / s)`` with scale ``s = sigma sqrt(3) / pi``.
    Gaussian thresholds: ``P(X - theta > 0, X > 0)``, a bivariate normal
    probability with correlation ``sigma / sqrt(sigma^2 + tau^2)``; when
    ``P(theta < 0)`` is negligible it is ``Phi((mu - theta) / sqrt(sigma^2 +
    tau^2))``: a spread of thresholds acts as extra input noise.

    Examples
    --------
    >>> round(fraction_firing(0.5, sigma=0.25, threshold=0.5), 6)
    0.5
    >>> round(fraction_firing(0.75, sigma=0.25, threshold=0.5), 6)  # Phi(1)
    0.841345
    >>> round(fraction_firing(0.75, sigma=0.25, threshold=0.5, distribution="logistic"), 6)
    0.85982
    """
    mu = finite("mu", mu)
    sigma = positive_scalar("sigma", sigma)
    threshold = finite_scalar("threshold", threshold)
    tau = nonnegative_scalar("threshold_sd", threshold_sd)
    choice("distribution", distribution, _DISTRIBUTIONS)
    theta_p = max(threshold, 0.0)
    if distribution == "logistic":
        if tau > 0:
            raise ValueError("threshold_sd must be 0 with distribution='logistic'")
        # an overflow gives +-inf, the limits of expit and ndtr (never NaN: sigma > 0)
        with np.errstate(over="ignore"):
            return scalar_or_array(expit((mu - theta_p) / (sigma * _LOGISTIC_SCALE)))
    if tau == 0:
        with np.errstate(over="ignore"):
            return scalar_or_array(ndtr((mu - theta_p) / sigma))
    s = np.hypot(sigma, tau)
    with np.errstate(over="ignore"):
        h = (mu - threshold) / s
        k = mu / sigma
    return scalar_or_array(_bvn(h, np.broadcast_to(k, h.shape), sigma / s))


def firing_threshold(*, T_bath, model="meanfield", Tc=1.0, a=6.0, b=1.0, rate=1.0, eps=0.0):
    r"""The quench above which a neurone emits more than `eps` spikes.

    The spike count ``N(Q)`` of :func:`isingneuron.activations.spike_count`
    increases with ``Q``, so ``N(Q) > eps`` exactly when ``Q > Q*``; this
    returns ``Q*``.

    Parameters
    ----------
    T_bath : float
        Bath (resting) temperature, finite.
    model : {"meanfield", "fit", "relu"}, optional
        ``"meanfield"``: the mean-field branch; ``"fit"``: eq. (2) with `a`,
        `b`; ``"relu"``: the step ``m = 1[T < b Tc]`` (eq. (2) for ``a -> inf``),
        whose count is ``[relu(Q - theta) - relu(-theta)] / rate``.
    Tc, a, b, rate : float, optional
        As in :func:`isingneuron.activations.spike_count`.
    eps : float, optional
        Spike-count level, ``eps >= 0``. The mean-field and step counts are
        exactly zero below ``theta+ = max(T_bath - b Tc, 0)`` (``b = 1`` for
        mean field), so ``eps = 0`` gives their hard threshold; eq. (2) is
        positive for every ``Q > 0``, so ``eps = 0`` gives 0 there.

    Returns
    -------
    Q_star : float

    Notes
    -----
    Eq. (2): ``N = [softplus(u + 2aQ) - softplus(u)] / (2 a r)`` with
    ``u = 2a (b Tc - T_bath)`` inverts in closed form,
    ``Q* = [log(expm1(softplus(u) + 2 a r eps)) - u] / (2a)``. Mean field:
    root of ``N(Q) = eps`` by Brent's method. Step: ``theta+ + r eps``.

    Examples
    --------
    >>> firing_threshold(T_bath=1.5)
    0.5
    >>> round(firing_threshold(T_bath=1.5, model="fit", eps=0.01), 6)
    0.330168
    >>> round(firing_threshold(T_bath=1.5, model="meanfield", eps=0.01), 6)
    0.542462
    """
    T_bath = finite_scalar("T_bath", T_bath)
    choice("model", model, _COUNT_MODELS)
    Tc = positive_scalar("Tc", Tc)
    a = positive_scalar("a", a)
    b = nonnegative_scalar("b", b)
    rate = positive_scalar("rate", rate)
    eps = nonnegative_scalar("eps", eps)
    with np.errstate(over="ignore"):
        u = 2.0 * a * (b * Tc - T_bath)
        quench = 2.0 * a * rate * eps
        theta = T_bath - b * Tc
        level = rate * eps
    _extreme("T_bath, Tc, a, b, rate and eps", u, quench, theta, level)
    if model == "fit":
        if eps == 0:
            return 0.0
        y = np.logaddexp(0.0, u) + quench
        log_expm1_y = y + np.log(-np.expm1(-y))
        with np.errstate(over="ignore"):
            Q = float(max((log_expm1_y - u) / (2.0 * a), 0.0))
        _finite_result("T_bath, a, rate and eps", Q)
        return Q
    if model == "relu":
        Q = max(theta, 0.0) + level
        _finite_result("T_bath, b, Tc, rate and eps", Q)
        return Q
    if not abs(T_bath) <= _MAX_BATH * Tc:
        raise ValueError(
            f"T_bath must lie within +-{_MAX_BATH:g} Tc for the mean-field threshold (beyond, "
            f"T_bath - Q loses the digits that decide whether it fires), got {T_bath!r}"
        )
    theta_p = max(T_bath - Tc, 0.0)
    if eps == 0:
        return theta_p
    if not np.isfinite(theta_p + Tc + level):
        raise ValueError("rate and eps must keep rate * eps finite, got an overflow")

    def excess(q):
        return activations.spike_count(q, T_bath=T_bath, Tc=Tc, rate=rate, model="meanfield") - eps

    # N(theta+ + Tc + r eps) >= eps: that quench spends r eps in the fully ordered m = 1 region.
    return float(brentq(excess, theta_p, theta_p + Tc + rate * eps, xtol=1e-14, rtol=1e-14))


# ----------------------------------------------------------------------------
# Mean spike count
# ----------------------------------------------------------------------------


def _panels(lo, hi, width, names="sigma"):
    """Gauss–Legendre nodes and weights on [lo, hi] cut into panels <= width.

    At most 4000 panels; a range that would need more than 4 times as many is refused
    (`names` are the arguments that set the range and the width).
    """
    if not hi > lo:
        return np.empty(0), np.empty(0)
    with np.errstate(over="ignore", divide="ignore"):
        needed = np.divide(hi - lo, width)  # inf for a width that underflowed to 0
    if not needed <= 4 * _MAX_PANELS:
        raise ValueError(
            f"{names} must keep the quadrature resolved: the range {hi - lo:.3g} needs "
            f"{needed:.3g} panels of width {width:.3g}, more than {4 * _MAX_PANELS}"
        )
    n = int(min(max(np.ceil((hi - lo) / width), 1), _MAX_PANELS))
    edges = np.linspace(lo, hi, n + 1)
    half = 0.5 * np.diff(edges)[:, None]
    x = (edges[:-1, None] + half * (1.0 + _GL_X[None, :])).ravel()
    w = (half * _GL_W[None, :]).ravel()
    return x, w


def _segments(lo, hi, coarse, fine):
    """Split [lo, hi] into (start, end, panel width) with `fine` = (f0, f1, width) refined."""
    if not hi > lo:
        return []
    if fine is None:
        return [(lo, hi, coarse)]
    f0, f1, w = max(fine[0], lo), min(fine[1], hi), fine[2]
    if not f1 > f0:
        return [(lo, hi, coarse)]
    segs = [(lo, f0, coarse), (f0, f1, w), (f1, hi, coarse)]
    return [sg for sg in segs if sg[1] > sg[0]]


def _nodes(segments, names="sigma"):
    """Gauss–Legendre nodes and weights over a list of (start, end, panel width)."""
    parts = [_panels(a0, a1, h, names) for a0, a1, h in segments]
    if not parts:
        return np.empty(0), np.empty(0)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _window(T, mu, sigma, T_bath, tau):
    """``P(T_i - Q_i < T < T_i)``, shape ``mu.shape + T.shape``."""
    mu = mu[..., None]
    if tau == 0:
        return np.where(T < T_bath, ndtr((mu - T_bath + T) / sigma), 0.0)
    s = np.hypot(sigma, tau)
    h = np.broadcast_to((T_bath - T) / tau, np.broadcast_shapes(mu.shape, T.shape))
    k = np.broadcast_to((mu - T_bath + T) / s, h.shape)
    return _bvn(np.ascontiguousarray(h), np.ascontiguousarray(k), -tau / s)


def mean_spike_count(
    mu, *, sigma, T_bath, T_bath_sd=0.0, model="meanfield", Tc=1.0, a=6.0, b=1.0, rate=1.0
):
    r"""Population-mean spike count for Gaussian quenches (and bath temperatures).

    Parameters
    ----------
    mu : array_like
        Mean input(s) (mean of the unclipped quench), finite.
    sigma : float
        Standard deviation of the input fluctuation, ``> 0``.
    T_bath : float
        Bath temperature (its mean if `T_bath_sd` > 0), finite.
    T_bath_sd : float, optional
        Standard deviation of Gaussian bath temperatures, ``>= 0``.
    model : {"meanfield", "fit", "relu"}, optional
        As in :func:`firing_threshold`.
    Tc, a, b, rate : float, optional
        As in :func:`isingneuron.activations.spike_count`.

    Returns
    -------
    mean : float or ndarray
        ``E[N(max(X, 0); T_i)]``, same shape as `mu`.

    Notes
    -----
    ``N = (1/r) int m(T) 1[T_i - Q < T < T_i] dT``; averaging the indicator
    gives the window ``w(T) = P(T_i - Q < T < T_i)``, which is
    ``Phi((mu - T_bath + T)/sigma)`` for ``T < T_bath`` at a fixed bath and a
    bivariate normal probability otherwise. Since ``int w dT = E[Q] =
    sigma psi(mu/sigma)`` with ``psi(z) = phi(z) + z Phi(z)``,

    .. math:: r\,\mathrm{E}[N] = \sigma\psi(\mu/\sigma) - \int (1 - m(T))\, w(T)\,\mathrm{d}T,

    a one-dimensional integral over ``T > 0`` (mean field, with
    ``T = Tc (1 - v^2)`` removing the square-root corner at ``Tc``) or near
    ``b Tc`` (eq. (2)), done by panelled Gauss–Legendre; the part above
    ``Tc`` at a fixed bath is again ``psi``. The step model at a fixed bath is
    the mean of a ReLU of a Gaussian, ``sigma psi((mu - theta+)/sigma)``.

    Examples
    --------
    >>> round(mean_spike_count(0.5, sigma=0.25, T_bath=1.5, model="relu"), 6)  # 0.25 phi(0)
    0.099736
    >>> round(mean_spike_count(0.5, sigma=0.25, T_bath=1.5), 6)
    0.056431
    """
    mu = finite("mu", mu)
    sigma = positive_scalar("sigma", sigma)
    T_bath = finite_scalar("T_bath", T_bath)
    tau = nonnegative_scalar("T_bath_sd", T_bath_sd)
    choice("model", model, _COUNT_MODELS)
    Tc = positive_scalar("Tc", Tc)
    a = positive_scalar("a", a)
    b = nonnegative_scalar("b", b)
    rate = positive_scalar("rate", rate)
    names = "mu, sigma, T_bath, T_bath_sd, Tc, a, b and rate"
    # Extreme arguments overflow to +-inf, whose limits ndtr, expit and _bvn take, or to
    # NaN, which propagates: the result is checked at the end, and the quadrature ranges
    # (inf included) by _panels.
    with np.errstate(over="ignore", invalid="ignore"):
        mean = _mean_spike_count(mu.ravel(), sigma, T_bath, tau, model, Tc, a, b, rate)
    _finite_result(names, mean)
    return scalar_or_array(mean.reshape(mu.shape))


def _mean_spike_count(mu, sigma, T_bath, tau, model, Tc, a, b, rate):
    """:func:`mean_spike_count` of validated arguments, `mu` 1-D."""
    names = "sigma, T_bath, T_bath_sd, Tc, a and b"
    if model == "relu" and tau == 0:
        theta_p = max(T_bath - b * Tc, 0.0)
        return sigma * _psi((mu - theta_p) / sigma) / rate
    total = sigma * _psi(mu / sigma)  # E[Q] = int w dT
    hi = T_bath if tau == 0 else T_bath + 12.0 * tau
    coarse = sigma / 4.0 if model != "fit" else min(sigma, 1.0 / (2.0 * a)) / 4.0
    # w varies on the scale sigma, and on the scale tau only within 12 tau of T_bath.
    fine = (T_bath - 12.0 * tau, hi, min(tau / 4.0, coarse)) if tau > 0 else None
    lost = np.zeros_like(mu)  # int (1 - m) w dT
    if model == "meanfield":
        top = min(Tc, hi)
        if top > 0:
            # T = Tc (1 - v^2): smooth through the square-root corner at Tc; a T-width h
            # needs a v-width of at most h / (2 Tc).
            segs = [
                (np.sqrt(1.0 - t1 / Tc), np.sqrt(1.0 - t0 / Tc), h / (2.0 * Tc))
                for t0, t1, h in _segments(0.0, top, coarse, fine)
            ]
            v, wv = _nodes(segs, names)
            T = Tc * (1.0 - v * v)
            one_minus_m = 1.0 - np.asarray(activations.ordered_magnetization(T, Tc=Tc))
            lost += _window(T, mu, sigma, T_bath, tau) @ (one_minus_m * 2.0 * Tc * v * wv)
        if hi > Tc:
            if tau == 0:
                lost += sigma * (_psi(mu / sigma) - _psi((mu - T_bath + Tc) / sigma))
            else:
                T, wT = _nodes(_segments(Tc, hi, coarse, fine), names)
                lost += _window(T, mu, sigma, T_bath, tau) @ wT
    elif model == "fit":
        lo = b * Tc - 25.0 / a  # 1 - m = expit(2a (T - b Tc)) < 1e-21 below
        T, wT = _nodes(_segments(lo, hi, coarse, fine), names)
        one_minus_m = expit(2.0 * a * (T - b * Tc))
        lost += _window(T, mu, sigma, T_bath, tau) @ (one_minus_m * wT)
    else:  # step, spread bath
        T, wT = _nodes(_segments(b * Tc, hi, coarse, fine), names)
        lost += _window(T, mu, sigma, T_bath, tau) @ wT
    return np.maximum(total - lost, 0.0) / rate


# ----------------------------------------------------------------------------
# Responses of a population and their statistics
# ----------------------------------------------------------------------------


def _meanfield_count(Q, T_bath, Tc, rate):
    """Mean-field spike count, evaluating the costly integral only where needed."""
    Q, T_bath = np.broadcast_arrays(np.asarray(Q, float), np.asarray(T_bath, float))
    G = activations.meanfield_cumulative
    lower = T_bath - Q
    N = np.zeros(Q.shape)
    fires = (lower < Tc) & (Q > 0)
    if not fires.any():
        return N

    def chunked(T):  # chunks keep the quadrature arrays of G small
        return np.concatenate(
            [np.atleast_1d(G(T[i : i + 4096], Tc=Tc)) for i in range(0, T.size, 4096)]
        )

    G_up = np.full(Q.shape, float(G(Tc, Tc=Tc)))
    below = T_bath < Tc
    if below.any():
        G_up[below] = chunked(T_bath[below])
    G_low = np.where(lower <= 0, lower, 0.0)
    mid = fires & (lower > 0)
    if mid.any():
        G_low[mid] = chunked(lower[mid])
    N[fires] = np.maximum(G_up[fires] - G_low[fires], 0.0) / rate
    return N


def _respond(X, T_i, activation, Tc, a, b, rate):
    """Response of neurones with raw input `X` and bath temperature `T_i`."""
    Q = np.maximum(X, 0.0)
    if activation == "meanfield":
        return _meanfield_count(Q, T_i, Tc, rate)
    if activation == "fit":
        return np.asarray(activations.spike_count(Q, T_bath=T_i, Tc=Tc, a=a, b=b, rate=rate))
    if activation == "eq2":
        return np.asarray(activations.paper_activation(T_i - Q, a=a, Tc=Tc, b=b))
    x = X - (T_i - b * Tc)
    return np.asarray(getattr(activations, activation)(x))


def silent_interval(activation, *, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, delta=0.01):
    r"""The raw inputs ``X`` for which a response is silent, ``|r| <= delta``.

    Every response of :data:`ACTIVATIONS` is monotone in the input, so the
    silent inputs form an interval, and the silent fraction of a population
    with inputs ``X ~ N(mu, sigma^2)`` is ``Phi((hi - mu)/sigma) -
    Phi((lo - mu)/sigma)`` (for the usual case ``lo = -inf``: a probit in
    ``mu`` whose position ``hi`` is all that distinguishes the responses).

    Parameters
    ----------
    activation : str
        One of :data:`ACTIVATIONS`.
    T_bath, Tc, a, b, rate : float, optional
        As in :func:`response_moments`.
    delta : float, optional
        Silence level, ``> 0``.

    Returns
    -------
    (lo, hi) : tuple of float
        ``-inf`` for no lower end; ``(inf, inf)`` when no input is silent
        (eq. (2) resting above `delta`).

    Examples
    --------
    >>> silent_interval("relu")
    (-inf, 0.51)
    >>> lo, hi = silent_interval("tanh")
    >>> round(lo, 6), round(hi, 6)
    (0.49, 0.51)
    """
    T_bath, Tc, a, b, rate, delta = _validate_population(activation, T_bath, Tc, a, b, rate, delta)
    if activation in ("eq2", "logistic", "tanh") and delta >= 1:
        raise ValueError(
            f"delta must lie in (0, 1) for activation={activation!r} (a fraction of the "
            f"largest response), got {delta!r}"
        )
    if activation == "meanfield":
        b = 1.0
    with np.errstate(over="ignore"):
        lo, hi = _silent_interval(activation, T_bath, Tc, a, b, rate, delta)
    # -inf: no lower end; (inf, inf): nothing is silent. Anything else must be finite.
    if not ((lo == -np.inf or np.isfinite(lo)) and np.isfinite(hi) or lo == hi == np.inf):
        raise ValueError(
            "T_bath, Tc, a, b and delta must keep the silent interval finite, got an overflow"
        )
    return lo, hi


def _silent_interval(activation, T_bath, Tc, a, b, rate, delta):
    """:func:`silent_interval` of validated arguments."""
    theta = T_bath - b * Tc
    if activation in ("meanfield", "fit"):
        try:
            q = firing_threshold(
                T_bath=T_bath, model=activation, Tc=Tc, a=a, b=b, rate=rate, eps=delta
            )
        except ValueError as exc:  # its eps is our delta
            raise ValueError(re.sub(r"\beps\b", "delta", str(exc))) from None
        return -np.inf, float(q)
    if activation == "eq2":
        c = theta + logit(delta) / (2.0 * a)  # response at Q = 0 is expit(-2 a theta)
        return (-np.inf, float(c)) if c >= 0 else (np.inf, np.inf)
    if activation == "relu":
        return -np.inf, float(theta + delta)
    if activation == "softplus":  # log(expm1(delta)), also where expm1 overflows
        log_expm1 = np.log(np.expm1(delta)) if delta < 700 else delta + np.log(-np.expm1(-delta))
        return -np.inf, float(theta + log_expm1)
    if activation == "logistic":
        return -np.inf, float(theta + logit(delta))
    half = np.arctanh(delta)  # tanh
    return float(theta - half), float(theta + half)


def _zero_limit(activation, *, T_bath, Tc, b):
    """Raw inputs ``X <= limit`` give an exactly zero response (-inf: none)."""
    if activation == "meanfield":
        return max(T_bath - Tc, 0.0)
    if activation == "fit":
        return 0.0
    if activation == "relu":
        return T_bath - b * Tc
    return -np.inf


@dataclass(frozen=True)
class ResponseMoments:
    """Exact population statistics of one activation under Gaussian input.

    All attributes have the shape of `mu` (Python floats for scalar `mu`).

    Attributes
    ----------
    mean : float or ndarray
        ``E[r]``.
    mean_abs : float or ndarray
        ``E[|r|]`` (equal to `mean` for non-negative responses).
    second_moment : float or ndarray
        ``E[r^2]``.
    fraction_zero : float or ndarray
        ``P(r = 0)``: neurones silent exactly.
    fraction_silent : float or ndarray
        ``P(|r| <= delta)``: neurones silent to within `delta`.
    sparseness : float or ndarray
        Treves–Rolls population sparseness ``E[|r|]^2 / E[r^2]`` (small =
        sparse; a binary code with a fraction ``f`` active has ``f``).
    """

    mean: float | np.ndarray
    mean_abs: float | np.ndarray
    second_moment: float | np.ndarray
    fraction_zero: float | np.ndarray
    fraction_silent: float | np.ndarray
    sparseness: float | np.ndarray


def _validate_population(activation, T_bath, Tc, a, b, rate, delta):
    choice("activation", activation, ACTIVATIONS)
    return (
        finite_scalar("T_bath", T_bath),
        positive_scalar("Tc", Tc),
        positive_scalar("a", a),
        nonnegative_scalar("b", b),
        positive_scalar("rate", rate),
        positive_scalar("delta", delta),
    )


def response_moments(
    mu, *, sigma, activation, T_bath=1.5, Tc=1.0, a=6.0, b=1.0, rate=1.0, delta=0.01
):
    r"""Exact mean, second moment, silent fractions and sparseness of a population.

    Inputs ``X ~ N(mu, sigma^2)``, one bath temperature `T_bath`, threshold
    ``theta = T_bath - b Tc``. The responses are those of :data:`ACTIVATIONS`:
    spike counts (``"meanfield"``, ``"fit"``) and eq. (2) (``"eq2"``) of the
    clipped quench ``max(X, 0)``; ``relu``, ``softplus``, ``logistic`` and
    ``tanh`` of ``x = X - theta``.

    Parameters
    ----------
    mu : array_like
        Mean input(s), finite.
    sigma : float
        Input standard deviation, ``> 0``.
    activation : str
        One of :data:`ACTIVATIONS`.
    T_bath, Tc, a, b, rate : float, optional
        As in :func:`isingneuron.activations.spike_count` (`b` is 1 for the
        mean-field count, which switches at ``Tc``).
    delta : float, optional
        Level below which ``|r|`` counts as silent, ``> 0`` (a fraction of a
        spike for the counts, of the maximal rate for the sigmoids).

    Returns
    -------
    ResponseMoments

    Notes
    -----
    ReLU: closed forms ``E r = sigma psi(z)``, ``E r^2 = (m^2 + sigma^2) Phi(z)
    + m sigma phi(z)`` with ``m = mu - theta``, ``z = m / sigma``. Otherwise
    panelled Gauss–Legendre over ``X`` with breakpoints at every kink (``0``,
    the threshold). Silent fractions are ``Phi`` of the end points of the
    interval of inputs with ``|r| <= delta`` (:func:`silent_interval`), which
    each monotone activation gives in closed form (the mean-field count by a root).

    Examples
    --------
    >>> r = response_moments(0.5, sigma=0.25, activation="relu")
    >>> round(r.fraction_zero, 6), round(r.sparseness, 6)
    (0.5, 0.31831)
    """
    mu = finite("mu", mu)
    sigma = positive_scalar("sigma", sigma)
    T_bath, Tc, a, b, rate, delta = _validate_population(activation, T_bath, Tc, a, b, rate, delta)
    if activation == "meanfield":
        b = 1.0
    names = "mu, sigma, T_bath, Tc, a, b, rate and delta"
    if mu.size == 0:
        raise ValueError("mu must hold at least one mean input, got an empty array")
    # Overflows go to +-inf (whose limits ndtr and expit take) or NaN (which propagates):
    # the result is checked at the end, the quadrature range by _panels.
    with np.errstate(over="ignore", invalid="ignore"):
        moments = _response_moments(mu, sigma, activation, T_bath, Tc, a, b, rate, delta)
    _finite_result(names, *moments)

    def out(v):
        return scalar_or_array(np.asarray(v, dtype=float).reshape(mu.shape))

    return ResponseMoments(*(out(v) for v in moments))


def _response_moments(mu, sigma, activation, T_bath, Tc, a, b, rate, delta):
    """The six :class:`ResponseMoments` of validated arguments."""
    mu = mu.ravel()
    theta = T_bath - b * Tc
    if activation == "relu":
        m = mu - theta
        z = m / sigma
        mean = sigma * _psi(z)
        mean_abs = mean
        second = (m * m + sigma * sigma) * ndtr(z) + m * sigma * _phi(z)
    else:
        if np.max(np.abs(mu)) > 1e12 * sigma:
            raise ValueError(
                "mu and sigma must keep |mu| <= 1e12 sigma (beyond, mu +- 12 sigma cannot be "
                f"resolved), got max |mu| = {np.max(np.abs(mu)):.3g}, sigma = {sigma!r}"
            )
        lo, hi = mu.min() - 12.0 * sigma, mu.max() + 12.0 * sigma
        width = sigma / 4.0
        if activation in ("fit", "eq2"):
            width = min(width, 1.0 / (8.0 * a))
        breaks = np.unique(np.clip([lo, 0.0, max(theta, 0.0), theta, hi], lo, hi))
        parts = [
            _panels(x0, x1, width, "mu, sigma and a")
            for x0, x1 in zip(breaks[:-1], breaks[1:], strict=True)
        ]
        X = np.concatenate([p[0] for p in parts])
        wX = np.concatenate([p[1] for p in parts])
        r = _respond(X, T_bath, activation, Tc, a, b, rate)
        dens = _phi((X[None, :] - mu[:, None]) / sigma) / sigma * wX[None, :]
        mean = dens @ r
        mean_abs = dens @ np.abs(r)
        second = dens @ (r * r)
    x0 = _zero_limit(activation, T_bath=T_bath, Tc=Tc, b=b)
    zero = ndtr((x0 - mu) / sigma) if np.isfinite(x0) else np.zeros_like(mu)
    s_lo, s_hi = silent_interval(activation, T_bath=T_bath, Tc=Tc, a=a, b=b, rate=rate, delta=delta)
    silent = ndtr((s_hi - mu) / sigma) - ndtr((s_lo - mu) / sigma)
    with np.errstate(invalid="ignore", divide="ignore"):
        sparse = np.where(second > 0, mean_abs**2 / second, 0.0)
    return mean, mean_abs, second, zero, silent, sparse


def treves_rolls_sparseness(r, *, axis=-1):
    r"""Treves–Rolls population sparseness ``a = <r>^2 / <r^2>``.

    Parameters
    ----------
    r : array_like
        Non-negative responses (rates, spike counts); reduced over `axis`.
    axis : int, optional
        Axis running over the neurones.

    Returns
    -------
    a : float or ndarray
        In [0, 1]: 1 for a uniform population, ``f`` for a binary code with a
        fraction ``f`` of neurones active, small for a sparse code. An
        all-silent population gets 0, the limit of vanishing activity.

    Notes
    -----
    Treves and Rolls (1991). For signed responses use ``abs(r)``; Hoyer's
    measure (:func:`hoyer_sparseness`) is ``1 - sqrt(a)`` for large
    populations.

    Examples
    --------
    >>> treves_rolls_sparseness([1.0, 0.0, 0.0, 0.0])
    0.25
    >>> treves_rolls_sparseness([2.0, 2.0, 2.0])
    1.0
    """
    r = as_float_array("r", r)
    if np.any(r < 0):
        raise ValueError("r must be non-negative (use abs(r) for signed responses)")
    axis = _neurone_axis(r, axis, 1)
    r = _rescaled(r)
    m1 = np.mean(r, axis=axis)
    m2 = np.mean(r * r, axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.where(m2 > 0, m1 * m1 / np.where(m2 > 0, m2, 1.0), 0.0)
    return scalar_or_array(a)


def _neurone_axis(r, axis, minimum):
    """`axis` must be an axis of `r` (an int) along which `r` holds >= `minimum` neurones."""
    if r.ndim == 0:
        raise ValueError(f"r must be an array of responses (at least {minimum}), got a scalar")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer, got {axis!r:.80}")
    if not -r.ndim <= axis < r.ndim:
        raise ValueError(
            f"axis must lie in [-{r.ndim}, {r.ndim}) for r of shape {r.shape}, got {axis}"
        )
    n = r.shape[axis]
    if n < minimum:
        raise ValueError(f"r must hold at least {minimum} neurone(s) along axis, got {n}")
    return int(axis)


def _rescaled(r):
    """`r` divided by its largest entry where squares would overflow or underflow.

    Both sparseness measures are ratios of homogeneous sums: the scale drops out.
    """
    top = float(np.max(r)) if r.size else 0.0
    return r / top if top > 1e100 or 0.0 < top < 1e-100 else r


def hoyer_sparseness(r, *, axis=-1):
    r"""Hoyer's sparseness ``(sqrt(n) - |r|_1 / |r|_2) / (sqrt(n) - 1)``.

    Parameters
    ----------
    r : array_like
        Responses (signed allowed: absolute values are used); reduced over
        `axis`, which must hold ``n >= 2`` neurones.
    axis : int, optional
        Axis running over the neurones.

    Returns
    -------
    s : float or ndarray
        In [0, 1]: 0 when all ``|r|`` are equal, 1 when one neurone carries
        everything (and, by convention, for an all-silent population).

    Notes
    -----
    Hoyer (2004). With the Treves–Rolls ``a`` of ``|r|``,
    ``|r|_1 / |r|_2 = sqrt(n a)``, so ``s = (1 - sqrt(a)) sqrt(n) / (sqrt(n) - 1)``.

    Examples
    --------
    >>> hoyer_sparseness([0.0, 3.0, 0.0, 0.0])
    1.0
    >>> hoyer_sparseness([-1.0, 1.0, 1.0, -1.0])
    0.0
    """
    r = np.abs(as_float_array("r", r))
    axis = _neurone_axis(r, axis, 2)
    n = r.shape[axis]
    r = _rescaled(r)
    l1 = np.sum(r, axis=axis)
    l2 = np.sqrt(np.sum(r * r, axis=axis))
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(l2 > 0, l1 / np.where(l2 > 0, l2, 1.0), 1.0)
    s = (np.sqrt(n) - ratio) / (np.sqrt(n) - 1.0)
    return scalar_or_array(np.clip(s, 0.0, 1.0))


# ----------------------------------------------------------------------------
# Sampling
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonteCarloEstimate:
    """A sampled probability or mean with its standard error.

    Attributes
    ----------
    value : float or ndarray
        The estimate.
    error : float or ndarray
        Its standard error (binomial ``sqrt(p (1 - p) / n)`` for fractions).
    """

    value: float | np.ndarray
    error: float | np.ndarray


def _noise(rng, distribution, sigma, size):
    if distribution == "gaussian":
        return sigma * rng.standard_normal(size)
    return rng.logistic(0.0, sigma * _LOGISTIC_SCALE, size)


def sample_fraction_firing(
    mu, *, sigma, threshold, n, threshold_sd=0.0, distribution="gaussian", rng=None
):
    """Sample the fraction firing of :func:`fraction_firing` with `n` neurones per `mu`.

    Each neurone draws an input ``X = mu + noise`` and a threshold
    ``theta = threshold + threshold_sd * N(0, 1)`` and fires when its clipped
    input ``Q = max(X, 0)`` is positive and exceeds ``theta``.

    Parameters
    ----------
    mu : array_like
        Mean input(s), finite.
    sigma, threshold, threshold_sd, distribution
        As in :func:`fraction_firing` (``threshold_sd`` > 0 needs Gaussian
        noise only for the closed form; here any combination is sampled).
    n : int
        Neurones per value of `mu`, ``>= 1``.
    rng : None, int or numpy.random.Generator, optional
        Seed or generator.

    Returns
    -------
    MonteCarloEstimate
        ``value`` and binomial standard ``error``, each of the shape of `mu`.

    Examples
    --------
    >>> est = sample_fraction_firing(0.75, sigma=0.25, threshold=0.5, n=100_000, rng=1)
    >>> abs(est.value - fraction_firing(0.75, sigma=0.25, threshold=0.5)) < 4 * est.error
    True
    """
    mu = finite("mu", mu)
    sigma = positive_scalar("sigma", sigma)
    threshold = finite_scalar("threshold", threshold)
    tau = nonnegative_scalar("threshold_sd", threshold_sd)
    choice("distribution", distribution, _DISTRIBUTIONS)
    n = positive_int("n", n, maximum=MAX_ELEMENTS)
    if mu.size * n > MAX_ELEMENTS:
        raise ValueError(
            f"n must keep the sample within {MAX_ELEMENTS} neurones in all ({mu.size} values "
            f"of mu), got {n}"
        )
    rng = generator(rng)
    p = np.empty(mu.size)
    for i, m in enumerate(mu.ravel()):
        # +-inf from an overflow compares correctly; NaN is impossible (finite + finite)
        with np.errstate(over="ignore"):
            Q = np.maximum(m + _noise(rng, distribution, sigma, n), 0.0)
            theta = threshold + tau * rng.standard_normal(n) if tau > 0 else threshold
        p[i] = np.count_nonzero((Q > theta) & (Q > 0)) / n
    err = np.sqrt(p * (1.0 - p) / n)
    return MonteCarloEstimate(
        value=scalar_or_array(p.reshape(mu.shape)), error=scalar_or_array(err.reshape(mu.shape))
    )


@dataclass(frozen=True)
class PopulationSample:
    """A sampled population and its statistics.

    Arrays over neurones have shape ``mu.shape + (n,)``; the statistics have
    the shape of `mu` (Python floats for scalar `mu`).

    Attributes
    ----------
    mu : float or ndarray
        Mean input(s).
    activation : str
        The response, one of :data:`ACTIVATIONS`.
    inputs : ndarray
        Raw inputs ``X`` (the quench is ``max(X, 0)``).
    T_bath : ndarray
        Bath temperature of each neurone.
    responses : ndarray
        Response of each neurone.
    mean, mean_error : float or ndarray
        Population mean of the response and its standard error.
    fraction_zero, fraction_zero_error : float or ndarray
        Fraction of exactly silent neurones (``r == 0``) and its binomial error.
    fraction_silent, fraction_silent_error : float or ndarray
        Fraction with ``|r| <= delta`` and its binomial error.
    sparseness : float or ndarray
        Treves–Rolls sparseness of ``|r|`` (:func:`treves_rolls_sparseness`).
    """

    mu: float | np.ndarray
    activation: str
    inputs: np.ndarray
    T_bath: np.ndarray
    responses: np.ndarray
    mean: float | np.ndarray
    mean_error: float | np.ndarray
    fraction_zero: float | np.ndarray
    fraction_zero_error: float | np.ndarray
    fraction_silent: float | np.ndarray
    fraction_silent_error: float | np.ndarray
    sparseness: float | np.ndarray


def sample_population(
    mu,
    *,
    sigma,
    n,
    activation="meanfield",
    T_bath=1.5,
    T_bath_sd=0.0,
    distribution="gaussian",
    Tc=1.0,
    a=6.0,
    b=1.0,
    rate=1.0,
    delta=0.01,
    rng=None,
):
    """Draw a population of `n` neurones per mean input and record their responses.

    Parameters
    ----------
    mu : array_like
        Mean input(s), finite; scalar or any shape.
    sigma : float
        Standard deviation of the input fluctuation, ``> 0``.
    n : int
        Neurones per value of `mu`, ``>= 2``.
    activation : str, optional
        One of :data:`ACTIVATIONS` (see :func:`response_moments`).
    T_bath, T_bath_sd : float, optional
        Mean and standard deviation (``>= 0``) of the Gaussian bath temperatures.
    distribution : {"gaussian", "logistic"}, optional
        Law of the input fluctuation.
    Tc, a, b, rate : float, optional
        As in :func:`isingneuron.activations.spike_count` (``b = 1`` for the
        mean-field count).
    delta : float, optional
        Silence level for ``fraction_silent``, ``> 0``.
    rng : None, int or numpy.random.Generator, optional
        Seed or generator.

    Returns
    -------
    PopulationSample

    Examples
    --------
    >>> s = sample_population(0.5, sigma=0.25, n=20_000, activation="relu", rng=0)
    >>> exact = response_moments(0.5, sigma=0.25, activation="relu")
    >>> bool(abs(s.mean - exact.mean) < 4 * s.mean_error)
    True
    """
    mu = finite("mu", mu)
    sigma = positive_scalar("sigma", sigma)
    n = positive_int("n", n, minimum=2, maximum=MAX_ELEMENTS)
    T_bath, Tc, a, b, rate, delta = _validate_population(activation, T_bath, Tc, a, b, rate, delta)
    tau = nonnegative_scalar("T_bath_sd", T_bath_sd)
    choice("distribution", distribution, _DISTRIBUTIONS)
    if mu.size * n > MAX_ELEMENTS:
        raise ValueError(
            f"n must keep the sample within {MAX_ELEMENTS} neurones in all ({mu.size} values "
            f"of mu), got {n}"
        )
    if activation == "meanfield":
        b = 1.0
    rng = generator(rng)
    size = mu.shape + (n,)
    with np.errstate(over="ignore", invalid="ignore"):  # checked below
        X = mu[..., None] + _noise(rng, distribution, sigma, size)
        T_i = T_bath + tau * rng.standard_normal(size) if tau > 0 else np.full(size, T_bath)
    _extreme("mu, sigma, T_bath and T_bath_sd", X, T_i)
    with np.errstate(over="ignore", invalid="ignore"):  # checked below
        r = _respond(X, T_i, activation, Tc, a, b, rate)
        mean = np.mean(r, axis=-1)
        mean_error = np.std(r, axis=-1, ddof=1) / np.sqrt(n)
    _finite_result("mu, sigma, T_bath, T_bath_sd, Tc, a, b and rate", r, mean, mean_error)
    zero = np.mean(r == 0, axis=-1)
    silent = np.mean(np.abs(r) <= delta, axis=-1)

    def out(v):
        return scalar_or_array(np.asarray(v, dtype=float))

    return PopulationSample(
        mu=scalar_or_array(mu),
        activation=activation,
        inputs=X,
        T_bath=T_i,
        responses=r,
        mean=out(mean),
        mean_error=out(mean_error),
        fraction_zero=out(zero),
        fraction_zero_error=out(np.sqrt(zero * (1.0 - zero) / n)),
        fraction_silent=out(silent),
        fraction_silent_error=out(np.sqrt(silent * (1.0 - silent) / n)),
        sparseness=out(treves_rolls_sparseness(np.abs(r))),
    )


# ----------------------------------------------------------------------------
# Wilson–Cowan: the logistic closest to the probit
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LogisticFit:
    """The logistic ``expit(slope z)`` fitted to the probit ``Phi(z)``.

    Attributes
    ----------
    slope : float
        Slope in units of ``1 / sigma`` (``z = (mu - theta) / sigma``).
    max_error : float
        ``max_z |Phi(z) - expit(slope z)|``.
    z_at_max : float
        A ``z >= 0`` where the largest error occurs.
    rms_error : float
        Root-mean-square difference over ``|z| <= z_max``.
    criterion : str
        How the slope was chosen.
    """

    slope: float
    max_error: float
    z_at_max: float
    rms_error: float
    criterion: str

    @property
    def sd_ratio(self):
        """S.d. of the logistic law with this slope, in units of sigma: ``pi / (sqrt(3) slope)``."""
        return float(1.0 / (_LOGISTIC_SCALE * self.slope))


def _probit_logistic_gap(k, z):
    return ndtr(z) - expit(k * z)


def _max_gap(k, z_max):
    """``max_{0 <= z <= z_max} |Phi(z) - expit(k z)|`` and where (grid + Brent refine)."""
    z = np.linspace(0.0, z_max, 4001)
    g = np.abs(_probit_logistic_gap(k, z))
    inner = np.flatnonzero((g[1:-1] >= g[:-2]) & (g[1:-1] >= g[2:])) + 1
    best, z_best = float(g.max()), float(z[np.argmax(g)])
    for i in inner:  # every local maximum: near the optimum two are almost equal
        res = minimize_scalar(
            lambda t: -abs(_probit_logistic_gap(k, t)),
            bounds=(z[i - 1], z[i + 1]),
            method="bounded",
            options={"xatol": 1e-12},
        )
        if -res.fun > best:
            best, z_best = float(-res.fun), float(res.x)
    return best, z_best


def fit_logistic_to_probit(*, criterion="minimax", z_max=8.0):
    r"""The logistic sigmoid closest to the Gaussian cumulative ``Phi``.

    Parameters
    ----------
    criterion : {"minimax", "least_squares", "moments"}, optional
        ``"minimax"``: minimise the largest absolute difference;
        ``"least_squares"``: minimise ``int_{-z_max}^{z_max} (Phi - expit)^2 dz``;
        ``"moments"``: the logistic law with the same standard deviation,
        slope ``pi / sqrt(3)``.
    z_max : float, optional
        Range ``|z| <= z_max`` for the maximum and the RMS, ``0.1 <= z_max <= 10``.
        Beyond ``|z| ≈ 8.3`` both curves are 1 to double precision: a larger range
        only adds rounding noise (and the grid no longer resolves the maximum).

    Returns
    -------
    LogisticFit

    Notes
    -----
    Both curves are odd about ``z = 0`` up to the constant 1/2, so one logistic
    slope is the only free parameter; in the units of the mean input it is
    ``slope / sigma``, centred on the threshold.

    Examples
    --------
    >>> fit = fit_logistic_to_probit()
    >>> round(fit.slope, 4), round(fit.max_error, 5)
    (1.7017, 0.00946)
    """
    choice("criterion", criterion, ("minimax", "least_squares", "moments"))
    z_max = positive_scalar("z_max", z_max)
    if not 0.1 <= z_max <= 10.0:
        raise ValueError(
            "z_max must lie in [0.1, 10] (beyond |z| = 8.3 the probit and the logistic are "
            f"both 1 to double precision), got {z_max!r}"
        )
    zz, wz = _panels(0.0, z_max, 0.25)

    def sq(k):
        return 2.0 * float(np.dot(wz, _probit_logistic_gap(k, zz) ** 2))

    if criterion == "moments":
        k = 1.0 / _LOGISTIC_SCALE
    else:
        obj = (lambda k: _max_gap(k, z_max)[0]) if criterion == "minimax" else sq
        k = minimize_scalar(obj, bounds=(1.0, 2.5), method="bounded", options={"xatol": 1e-11}).x
    max_err, z_at = _max_gap(k, z_max)
    return LogisticFit(
        slope=float(k),
        max_error=max_err,
        z_at_max=z_at,
        rms_error=float(np.sqrt(sq(k) / (2.0 * z_max))),
        criterion=criterion,
    )
