"""The activation zoo: the catalogue, its derivatives and its shape properties (§I).

The paper's introduction characterises the activation functions in use as
"discontinuous or nearly discontinuous at a 'switching point,' vertically
asymmetric about this point, and bounded from below". This module turns that
sentence into numbers that can be checked function by function:

* :func:`activation_zoo` lists the activations in historical order, from the
  McCulloch–Pitts step to GELU, together with the paper's own two functions in
  their neural reading: eq. (2) as a function of the voltage ``V = -T``
  (:func:`voltage_activation`) and the spike count after a quench ``Q``
  (:func:`spike_activation`);
* :func:`activation_properties` measures, for any function of one variable,
  the limits and asymptotic slopes, bounds, monotonicity, the sharpness of the
  switch and its symmetry;
* :func:`derivative` and :func:`zoo_curves` evaluate functions and slopes on a
  grid for the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations as act
from ._validation import (
    choice,
    finite,
    finite_output,
    finite_scalar,
    flag,
    function,
    mapping,
    positive_scalar,
    scalar_or_array,
    strings,
)
from .activations import spike_activation  # noqa: F401 (part of the zoo)

__all__ = [
    "ActivationProperties",
    "ZooCurves",
    "activation_properties",
    "derivative",
    "property_table",
    "voltage_activation",
    "activation_zoo",
    "zoo_curves",
]


def voltage_activation(V, *, a=6.0, Tc=1.0, b=1.0):
    """The paper's eq. (2) read as a function of the membrane voltage ``V = -T``.

    ``voltage_activation(V) = paper_activation(-V)``: the firing (magnetised)
    fraction rises from 0 to 1 as the voltage crosses ``-b Tc``.

    Parameters
    ----------
    V : array_like
        Voltage in units of the critical temperature, any finite value.
    a, Tc, b : float, optional
        Steepness ``a > 0``, critical temperature ``Tc > 0`` and its multiplier
        ``b >= 0``, as in :func:`isingneuron.paper_activation`.

    Returns
    -------
    m : float or ndarray
        Same shape as `V`, in ``(0, 1)``.

    Notes
    -----
    Equal to the logistic ``1 / (1 + exp(-2a (V + b Tc)))``: the steepest slope
    is ``a / 2`` at ``V = -b Tc``.

    Examples
    --------
    >>> voltage_activation(-1.0)
    0.5
    >>> round(voltage_activation(0.0), 6)
    0.999994
    """
    V = finite("V", V)
    return act.paper_activation(-V, a=a, Tc=Tc, b=b)


def activation_zoo(*, a=6.0, Tc=1.0, T_bath=1.5):
    """The activation functions of the chapter, in historical order.

    Parameters
    ----------
    a, Tc : float, optional
        Steepness and critical temperature of the paper's eq. (2) (Figure 2:
        ``a = 6``, ``Tc = 1``).
    T_bath : float, optional
        Resting temperature of the spike-count neurone.

    Returns
    -------
    dict of str -> callable
        Name to a function of one array argument: Heaviside (McCulloch–Pitts),
        logistic (Wilson–Cowan), tanh, ReLU, softplus, ELU, Swish, GELU, Mish,
        ``"eq. (2)"``, eq. (2) of the voltage (:func:`voltage_activation`), and
        ``"spike count"`` (:func:`spike_activation`).

    Examples
    --------
    >>> fs = activation_zoo()
    >>> list(fs)[:3]
    ['Heaviside', 'logistic', 'tanh']
    >>> round(fs["eq. (2)"](-1.0), 6)
    0.5
    """
    a = positive_scalar("a", a)
    Tc = positive_scalar("Tc", Tc)
    T_bath = finite_scalar("T_bath", T_bath)
    return {
        "Heaviside": act.heaviside,
        "logistic": act.logistic,
        "tanh": act.tanh,
        "ReLU": act.relu,
        "softplus": act.softplus,
        "ELU": act.elu,
        "Swish": act.swish,
        "GELU": act.gelu,
        "Mish": act.mish,
        "eq. (2)": lambda V: voltage_activation(V, a=a, Tc=Tc),
        "spike count": lambda Q: spike_activation(Q, T_bath=T_bath, Tc=Tc, a=a),
    }


def derivative(f, x, *, order=1, h=None):
    """Central finite-difference derivative of a function of one variable.

    Parameters
    ----------
    f : callable
        Vectorised function of one array argument.
    x : array_like
        Points, any shape.
    order : {1, 2}, optional
        First or second derivative.
    h : float, optional
        Step, ``h > 0``; defaults to ``1e-5`` (first) and ``1e-4`` (second
        derivative), which balance truncation and rounding error for
        functions of unit scale.

    Returns
    -------
    float or ndarray
        Same shape as `x`. At a jump of `f` the first derivative is of order
        ``1/h`` (a Dirac delta resolved on the scale `h`).

    Examples
    --------
    >>> import numpy as np
    >>> round(derivative(np.sin, 0.3), 9)
    0.955336489
    >>> round(derivative(np.sin, 0.3, order=2), 6)
    -0.29552
    """
    function("f", f)
    x = finite("x", x)
    if isinstance(order, (bool, np.bool_)) or not isinstance(order, (int, np.integer)):
        raise ValueError(f"order must be 1 or 2, got {order!r:.80}")
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, got {order!r:.80}")
    h = positive_scalar("h", 1e-5 if order == 1 else 1e-4) if h is None else positive_scalar("h", h)
    with np.errstate(over="ignore"):
        xp, xm = x + h, x - h
    if not (np.all(np.isfinite(xp)) and np.all(np.isfinite(xm))):
        raise ValueError(f"x and h must keep x +- h finite, got h={h!r}")
    fp = finite_output("f", f, f(xp))
    fm = finite_output("f", f, f(xm))
    with np.errstate(over="ignore", invalid="ignore"):
        if order == 1:
            d = (fp - fm) / (2.0 * h)
        else:
            d = (fp - 2.0 * finite_output("f", f, f(x)) + fm) / h**2
    if not np.all(np.isfinite(d)):
        raise ValueError(f"h must keep the finite difference finite, got {h!r}")
    return scalar_or_array(d)


@dataclass(frozen=True, eq=False)
class ZooCurves:
    """Values and slopes of several activations on one grid.

    Attributes
    ----------
    x : ndarray, shape (n,)
        The grid.
    names : tuple of str, length k
        Function names, in order.
    values : ndarray, shape (k, n)
        ``f(x)`` for each function.
    slopes : ndarray, shape (k, n)
        ``f'(x)`` by central differences (:func:`derivative`).
    """

    x: np.ndarray
    names: tuple
    values: np.ndarray
    slopes: np.ndarray


def zoo_curves(functions, x, *, h=1e-5):
    """Evaluate functions and their first derivatives on a grid.

    Parameters
    ----------
    functions : dict of str -> callable
        E.g. :func:`activation_zoo`.
    x : array_like, shape (n,)
        Grid (choose it so that no point lies within `h` of a jump).
    h : float, optional
        Finite-difference step, ``h > 0``.

    Returns
    -------
    ZooCurves

    Examples
    --------
    >>> import numpy as np
    >>> c = zoo_curves({"ReLU": activation_zoo()["ReLU"]}, np.array([-1.0, 2.0]))
    >>> c.values.tolist(), c.slopes.round(9).tolist()
    ([[0.0, 2.0]], [[0.0, 1.0]])
    """
    x = np.ravel(finite("x", x))
    functions = mapping("functions", functions, what="dict of name -> function")
    names = tuple(functions)
    for k in names:
        function(f"functions[{k!r}]", functions[k])
    values = np.stack(
        [finite_output(f"functions[{k!r}]", functions[k], functions[k](x), x.shape) for k in names]
    )
    slopes = np.stack([np.asarray(derivative(functions[k], x, h=h)) for k in names])
    return ZooCurves(x=x, names=names, values=values, slopes=slopes)


@dataclass(frozen=True)
class ActivationProperties:
    """Shape of an activation function, measured numerically.

    Limits, bounds and slopes may be ``±inf``. Positions of extrema that are
    only approached at infinity are ``±inf``.

    Attributes
    ----------
    limit_minus, limit_plus : float
        ``f(-inf)`` and ``f(+inf)``.
    slope_minus, slope_plus : float
        Asymptotic slopes ``f'(-inf)`` and ``f'(+inf)``.
    infimum, argmin : float
        Greatest lower bound and where it is reached.
    supremum, argmax : float
        Least upper bound and where it is reached.
    bounded_below, bounded_above : bool
        Whether the infimum (supremum) is finite.
    monotone : bool
        Non-decreasing everywhere (up to rounding).
    largest_drop : float
        Largest decrease ``max_{x' < x} f(x') - f(x)``; 0 for monotone functions.
    max_slope, argmax_slope : float
        Steepest slope and where; ``inf`` at a jump.
    max_curvature, argmax_curvature : float
        Largest ``|f''|`` and where; ``inf`` at a kink (a jump of the slope).
    point_symmetric : bool
        Bounded with finite limits, and ``f(x0 + u) - y0 = -(f(x0 - u) - y0)``
        about the mid-level ``y0 = (f(-inf) + f(inf)) / 2`` and the point
        ``x0`` where it is crossed (logistic, tanh, Heaviside).
    levels_symmetric : bool
        The two output levels are mirror images about zero,
        ``f(-inf) = -f(+inf) != 0`` (tanh only, in the zoo).
    asymptotically_linear : bool
        ``f'(+inf) > 0`` and finite: grows linearly for large inputs (the
        rectifiers), measured as equal slopes over ``[x_max/4, x_max/2]`` and
        ``[x_max/2, x_max]``.
    """

    limit_minus: float
    limit_plus: float
    slope_minus: float
    slope_plus: float
    infimum: float
    argmin: float
    supremum: float
    argmax: float
    bounded_below: bool
    bounded_above: bool
    monotone: bool
    largest_drop: float
    max_slope: float
    argmax_slope: float
    max_curvature: float
    argmax_curvature: float
    point_symmetric: bool
    levels_symmetric: bool
    asymptotically_linear: bool


# Most points of the finely resolved core of activation_properties (80 MB).
_MAX_CORE = 10**7


def _call(f, x):
    y = np.asarray(f(x), dtype=float)
    if y.shape != x.shape or not np.all(np.isfinite(y)):
        raise ValueError("f must return finite values of the same shape as its input")
    return y


def _sharpest(f, x, y, h, order):
    """Largest |derivative| on the grid and whether it diverges as h -> 0."""
    if order == 1:
        d = (y[2:] - y[:-2]) / (2.0 * h)
    else:
        d = (y[2:] - 2.0 * y[1:-1] + y[:-2]) / h**2
    i = int(np.argmax(np.abs(d)))
    x0, coarse = float(x[i + 1]), float(np.abs(d[i]))
    # Re-measure with a ten times smaller step around the maximum: a finite
    # derivative hardly changes, a jump (delta function) grows ten-fold.
    hf = h / 10.0
    xf = x0 + hf * np.arange(-20, 21)
    yf = _call(f, np.concatenate([xf - hf, xf, xf + hf])).reshape(3, -1)
    if order == 1:
        df = (yf[2] - yf[0]) / (2.0 * hf)
    else:
        df = (yf[2] - 2.0 * yf[1] + yf[0]) / hf**2
    j = int(np.argmax(np.abs(df)))
    fine = float(np.abs(df[j]))
    if fine > 5.0 * coarse and fine > 1.0 / h:
        return np.inf, float(xf[j])
    if fine >= coarse:
        return fine, float(xf[j])
    return coarse, x0


def activation_properties(f, *, x_max=1e3, span=8.0, h=1e-3, tol=1e-6):
    """Measure the shape of an activation function of one variable.

    The function is evaluated on a uniform grid of step `h` over
    ``[-span, span]`` and on geometric tails out to ``±x_max``; asymptotic
    slopes are ``(f(±x_max) - f(±x_max / 2)) / (±x_max / 2)``. Functions are
    assumed to be asymptotically affine (true for the whole zoo): a limit is
    infinite when the asymptotic slope exceeds `tol` in magnitude.

    Parameters
    ----------
    f : callable
        Vectorised function of one array argument returning finite values.
    x_max : float, optional
        Where "infinity" is probed, ``x_max > 2 span``.
    span : float, optional
        Half-width of the finely resolved core, ``span > 0``.
    h : float, optional
        Step of the core grid, ``0 < h < span / 10``.
    tol : float, optional
        Threshold below which a slope, drop or asymmetry counts as zero,
        relative to the function's scale; ``tol > 0``.

    Returns
    -------
    ActivationProperties

    Notes
    -----
    A jump of `f` (or of `f'`) shows up as a finite-difference derivative
    that grows like ``1/h``; it is detected by re-measuring the steepest point
    with a ten times smaller step and reported as ``inf``.

    Examples
    --------
    >>> from isingneuron import swish
    >>> p = activation_properties(swish)
    >>> p.monotone, round(p.infimum, 4), round(p.argmin, 3), p.limit_minus
    (False, -0.2785, -1.278, 0.0)
    """
    function("f", f)
    span = positive_scalar("span", span)
    x_max = positive_scalar("x_max", x_max)
    h = positive_scalar("h", h)
    tol = positive_scalar("tol", tol)
    if x_max <= 2.0 * span:
        raise ValueError(f"x_max must be > 2 span = {2 * span}, got {x_max}")
    if h >= span / 10.0:
        raise ValueError(f"h must be < span / 10 = {span / 10}, got {h}")
    if span / h > _MAX_CORE / 2:
        raise ValueError(f"h must be >= 2 span / {_MAX_CORE:.0e} = {2 * span / _MAX_CORE}, got {h}")

    n_core = int(round(2.0 * span / h)) + 1
    core = np.linspace(-span, span, n_core)
    h = float(core[1] - core[0])
    tail = np.geomspace(span, x_max, 400)[1:]
    x = np.concatenate([-tail[::-1], core, tail])
    y = _call(f, x)
    far = np.array([-x_max, -x_max / 2.0, -x_max / 4.0, x_max / 4.0, x_max / 2.0, x_max])
    ends = _call(f, far)[[0, 1, 4, 5]]
    slope_plus_inner = float((_call(f, far[4:5])[0] - _call(f, far[3:4])[0]) / (x_max / 4.0))
    scale = max(1.0, float(np.max(np.abs(y[(x >= -span) & (x <= span)]))))
    slope_minus = float((ends[1] - ends[0]) / (x_max / 2.0))
    slope_plus = float((ends[3] - ends[2]) / (x_max / 2.0))
    flat_minus = abs(slope_minus) < tol
    flat_plus = abs(slope_plus) < tol
    limit_minus = float(ends[0]) if flat_minus else (-np.inf if slope_minus > 0 else np.inf)
    limit_plus = float(ends[3]) if flat_plus else (np.inf if slope_plus > 0 else -np.inf)

    def where(i):
        # An extremum equal to an asymptotic level is "reached" at infinity.
        if abs(y[i] - limit_minus) <= tol * scale:
            return -np.inf
        if abs(y[i] - limit_plus) <= tol * scale:
            return np.inf
        return float(x[i])

    i_min, i_max = int(np.argmin(y)), int(np.argmax(y))
    slope_minus, slope_plus = slope_minus + 0.0, slope_plus + 0.0  # no negative zeros
    limit_minus, limit_plus = limit_minus + 0.0, limit_plus + 0.0
    bounded_below = np.isfinite(limit_minus) or limit_minus > 0
    bounded_below = bounded_below and (np.isfinite(limit_plus) or limit_plus > 0)
    bounded_above = (np.isfinite(limit_minus) or limit_minus < 0) and (
        np.isfinite(limit_plus) or limit_plus < 0
    )
    infimum = float(y[i_min]) if bounded_below else -np.inf
    supremum = float(y[i_max]) if bounded_above else np.inf
    drop = float(np.max(np.maximum.accumulate(y) - y))
    monotone = drop <= tol * scale

    max_slope, argmax_slope = _sharpest(f, core, y[tail.size : tail.size + n_core], h, 1)
    max_curv, argmax_curv = _sharpest(f, core, y[tail.size : tail.size + n_core], h, 2)
    if max(abs(slope_plus), abs(slope_minus)) > max_slope:
        max_slope = max(abs(slope_plus), abs(slope_minus))  # steepest far out
    if abs(max_slope - abs(slope_plus)) <= tol * scale:
        argmax_slope = np.inf  # the steepest slope is the asymptotic one
    elif abs(max_slope - abs(slope_minus)) <= tol * scale:
        argmax_slope = -np.inf

    point_symmetric = False
    levels_symmetric = False
    if np.isfinite(limit_minus) and np.isfinite(limit_plus) and limit_plus != limit_minus:
        y0 = 0.5 * (limit_minus + limit_plus)
        levels_symmetric = abs(limit_minus + limit_plus) <= tol * abs(limit_plus - limit_minus)
        above = np.nonzero(y >= y0)[0] if limit_plus > limit_minus else np.nonzero(y <= y0)[0]
        if above.size and 0 < above[0] < x.size:
            k = int(above[0])
            y1, y2 = y[k - 1], y[k]
            x0 = (
                float(x[k])
                if y2 == y0
                else float(x[k - 1] + (y0 - y1) / (y2 - y1) * (x[k] - x[k - 1]))
            )
            u = np.concatenate([core[core > 0], tail])
            resid = _call(f, x0 + u) + _call(f, x0 - u) - 2.0 * y0
            point_symmetric = bool(np.max(np.abs(resid)) <= tol * abs(limit_plus - limit_minus))

    return ActivationProperties(
        limit_minus=limit_minus,
        limit_plus=limit_plus,
        slope_minus=slope_minus,
        slope_plus=slope_plus,
        infimum=infimum,
        argmin=where(i_min) if bounded_below else -np.inf,
        supremum=supremum,
        argmax=where(i_max) if bounded_above else np.inf,
        bounded_below=bool(bounded_below),
        bounded_above=bool(bounded_above),
        monotone=bool(monotone),
        largest_drop=drop,
        max_slope=max_slope,
        argmax_slope=argmax_slope,
        max_curvature=max_curv,
        argmax_curvature=argmax_curv,
        point_symmetric=point_symmetric,
        levels_symmetric=bool(levels_symmetric),
        asymptotically_linear=bool(
            slope_plus > tol and abs(slope_plus - slope_plus_inner) <= 1e-3 * slope_plus
        ),
    )


def _fmt(v):
    """Short, machine-independent text for a table cell."""
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    v = float(v) + 0.0
    if np.isinf(v):
        return "∞" if v > 0 else "-∞"
    if v != 0.0 and abs(v) < 1e-3:
        mantissa, exponent = f"{v:.1e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "0") else text


# (text header, Markdown header, attribute)
_COLUMNS = (
    ("f(-∞)", r"$f(-\infty)$", "limit_minus"),
    ("inf f", r"$\inf f$", "infimum"),
    ("f'(+∞)", r"$f'(+\infty)$", "slope_plus"),
    ("monotone", "monotone", "monotone"),
    ("max f'", r"$\max f'$", "max_slope"),
    ("max |f''|", r"$\max \lvert f''\rvert$", "max_curvature"),
    ("point-sym.", "point-sym.", "point_symmetric"),
    ("±levels", "±levels", "levels_symmetric"),
)


def property_table(properties, *, markdown=False, columns=None):
    """Format measured properties as a table.

    Parameters
    ----------
    properties : dict of str -> ActivationProperties
        Name to the output of :func:`activation_properties`.
    markdown : bool, optional
        Return a Markdown table (with math headers) instead of fixed-width
        text.
    columns : sequence of str, optional
        Attributes to show, in order, from ``limit_minus``, ``infimum``,
        ``slope_plus``, ``monotone``, ``max_slope``, ``max_curvature``,
        ``point_symmetric``, ``levels_symmetric``; all of them by default.

    Returns
    -------
    str
        One header line and one line per function; numbers rounded to three
        decimals (tiny ones in scientific notation), infinities as ``∞``.

    Examples
    --------
    >>> from isingneuron import relu
    >>> print(property_table({"ReLU": activation_properties(relu)}))
    function  f(-∞)  inf f  f'(+∞)  monotone  max f'  max |f''|  point-sym.  ±levels
    ReLU      0      0      1       yes       1       ∞          no          no
    >>> print(property_table({"ReLU": activation_properties(relu)}, markdown=True).splitlines()[2])
    | ReLU | 0 | 0 | 1 | yes | 1 | ∞ | no | no |
    """
    properties = mapping("properties", properties, what="dict of name -> ActivationProperties")
    markdown = flag("markdown", markdown)
    by_attr = {c[2]: c for c in _COLUMNS}
    columns = tuple(by_attr) if columns is None else strings("columns", columns)
    cols = [by_attr[choice("columns", c, tuple(by_attr))] for c in columns]
    if not cols:
        raise ValueError("columns must name at least one column")
    rows = [["function", *(c[1] if markdown else c[0] for c in cols)]]
    for name, p in properties.items():
        if not isinstance(p, ActivationProperties):
            raise ValueError(f"properties[{name!r}] must be an ActivationProperties")
        rows.append([str(name), *(_fmt(getattr(p, c[2])) for c in cols)])
    if markdown:
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)
