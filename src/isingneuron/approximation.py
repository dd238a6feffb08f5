r"""Universal approximation by experiment: random-feature networks of growing width (§I).

The paper's introduction quotes the theorem of Leshno, Lin, Pinkus and
Schocken (1993): one-hidden-layer networks

.. math:: g(x) = c_0 + \sum_{j=1}^{n} c_j\, \sigma(w_j \cdot x + b_j)

are dense in :math:`C(K)` for every compact :math:`K` if and only if the
activation :math:`\sigma` is not a polynomial. This module tests both halves
numerically with *random-feature* networks: the hidden weights and biases are
drawn at random (seeded) and only the output weights :math:`c` are fitted, by
ridge-regularised linear least squares, which is a convex problem with a
unique, reproducible answer.

* With :math:`\sigma(z) = z^k` every hidden unit is a polynomial of degree
  :math:`k`, so the network can never leave the space of polynomials of degree
  :math:`\le k`; its error must plateau exactly at the error of the best
  least-squares polynomial of that degree (:func:`best_polynomial_error`).
* With a non-polynomial :math:`\sigma` the error keeps falling as the width
  grows (:func:`width_sweep`).
* With depth, polynomial activations escape the bound: a network of
  :math:`L` hidden layers with :math:`\sigma(z) = z^2` represents polynomials
  of degree :math:`2^L` (:func:`depth_sweep`), so with unbounded depth it is a
  universal approximator after all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.polynomial import Polynomial

from ._blas import one_blas_thread
from ._validation import (
    MAX_ELEMENTS,
    as_float_array,
    function,
    generator,
    integers,
    mapping,
    nonnegative_scalar,
    positive_int,
    positive_scalar,
    scalar_or_array,
)
from .scaling import power_law_fit

__all__ = [
    "ConvergenceRate",
    "DepthSweep",
    "FitResult",
    "WidthSweep",
    "best_polynomial_error",
    "convergence_rates",
    "depth_sweep",
    "monomial",
    "plateau_deviation",
    "random_feature_fit",
    "width_sweep",
]


def monomial(degree):
    """The polynomial activation ``z -> z**degree``.

    Parameters
    ----------
    degree : int
        ``1 <= degree <= 1024``.

    Returns
    -------
    callable
        Vectorised function of one array argument.

    Examples
    --------
    >>> cube = monomial(3)
    >>> cube(2.0), cube.degree
    (8.0, 3)
    """
    degree = positive_int("degree", degree, maximum=1024)  # z**1024 overflows for |z| > 2

    def power(z):
        z = np.asarray(z, dtype=float)
        out = z.copy()
        for _ in range(degree - 1):  # repeated products: much faster than pow()
            out *= z
        return scalar_or_array(out)

    power.degree = degree
    power.__name__ = f"monomial_{degree}"
    return power


# Most floating-point operations one fit, or one sweep, may ask for: about a minute.
_MAX_OPERATIONS = 10**11
# Most independent repetitions of a sweep.
_MAX_SEEDS = 10**4


def _activation(name, f):
    return function(name, f)


def _apply(activation, Z):
    if not np.all(np.isfinite(Z)):
        raise ValueError(
            "scale and depth must keep the hidden units finite (reduce them): the inputs of "
            "the activation overflow"
        )
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        H = np.asarray(activation(Z), dtype=float)
    if H.shape != Z.shape:
        raise ValueError(
            f"activation must return an array of the input's shape {Z.shape}, got {H.shape}"
        )
    if not np.all(np.isfinite(H)):
        raise ValueError(
            "activation must return finite values at the hidden units (reduce scale or depth), "
            "got non-finite values"
        )
    return H


def _fit_operations(n, d, width, depth):
    """Floating-point operations of one random-feature fit (products and the SVD)."""
    return n * width * (d + width * (depth - 1)) + n * (width + 1) * min(n, width + 1)


def _check_operations(names, operations, got):
    if operations > _MAX_OPERATIONS:
        raise ValueError(
            f"{names} must keep the work within {_MAX_OPERATIONS:.0e} floating-point "
            f"operations (about a minute), got {got}, {float(operations):.3g} operations"
        )


def _as_inputs(x):
    x = as_float_array("x", x)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise ValueError(f"x must have shape (n,) or (n, d) with n, d >= 1, got {x.shape}")
    return x


def _ridge_solve(A, y, ridge):
    """``argmin |A c - y|^2 + ridge s_max^2 |c|^2`` by SVD; minimum norm at ridge 0."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    if s.size == 0 or s[0] == 0.0:
        return np.zeros(A.shape[1]), 0
    keep = s > max(A.shape) * np.finfo(float).eps * s[0]  # numpy.linalg.lstsq's cut
    with np.errstate(over="ignore"):  # lam = inf: every singular value is filtered out
        lam = ridge * s[0] ** 2
    filt = np.zeros_like(s)
    filt[keep] = s[keep] / (s[keep] ** 2 + lam)
    rank = int(np.count_nonzero(keep & (s**2 > lam)))
    return Vt.T @ (filt * (U.T @ y)), rank


@dataclass(frozen=True, eq=False)
class FitResult:
    """A random-feature network with fitted output weights.

    Attributes
    ----------
    activation : callable
        The hidden activation.
    weights : tuple of ndarray
        Hidden weights per layer, shapes ``(d, width)``, then ``(width, width)``.
    biases : tuple of ndarray
        Hidden biases per layer, shape ``(width,)`` each.
    scales : tuple of ndarray
        Root-mean-square of each unit over the training inputs, shape
        ``(width,)`` per layer; units are divided by it (1 for silent units).
    coef : ndarray, shape (width,)
        Output weights of the normalised last-layer units.
    intercept : float
        Output bias.
    train_rmse : float
        Root-mean-square training residual.
    rank : int
        Effective number of features: singular values of the design matrix
        (normalised units and a constant column) above the ridge level.
    """

    activation: Callable
    weights: tuple
    biases: tuple
    scales: tuple
    coef: np.ndarray
    intercept: float
    train_rmse: float
    rank: int

    def features(self, x):
        """Design matrix: normalised last-layer units and a column of ones.

        Parameters
        ----------
        x : array_like, shape (n,) or (n, d)

        Returns
        -------
        ndarray, shape (n, width + 1)
        """
        H = _as_inputs(x)
        if H.shape[1] != self.weights[0].shape[0]:
            raise ValueError(
                f"x must have {self.weights[0].shape[0]} input dimension(s), got {H.shape[1]}"
            )
        for W, b, s in zip(self.weights, self.biases, self.scales, strict=True):
            H = _apply(self.activation, H @ W + b) / s
        return np.column_stack([H, np.ones(H.shape[0])])

    def predict(self, x):
        """Network output at `x`, shape ``(n,)``."""
        return self.features(x) @ np.append(self.coef, self.intercept)


def random_feature_fit(x, y, activation, width, *, depth=1, scale=5.0, ridge=1e-12, rng=None):
    r"""Fit a random-feature network to data by regularised linear least squares.

    Each hidden layer draws weights :math:`W \sim N(0, \mathrm{scale}^2 / d_\mathrm{in})`
    and places each unit's switching hyperplane through the image of a randomly
    chosen training input :math:`x_c` (:math:`b_j = -w_j \cdot h(x_c)`), so that
    every unit switches somewhere inside the data. Units are normalised to unit
    root-mean-square over the training set. The output weights (and an output
    bias) then solve

    .. math:: \min_c \lVert A c - y \rVert^2 + \lambda \lVert c \rVert^2,
              \qquad \lambda = \mathrm{ridge}\cdot s_\mathrm{max}(A)^2,

    by singular-value decomposition, singular values below numpy's ``lstsq``
    cut-off discarded (so ``ridge = 0`` gives the minimum-norm least-squares
    solution).

    Parameters
    ----------
    x : array_like, shape (n,) or (n, d)
        Training inputs, finite.
    y : array_like, shape (n,)
        Training targets, finite.
    activation : callable
        Vectorised activation of one array argument, e.g. :func:`monomial`
        or :func:`isingneuron.logistic`.
    width : int
        Units per hidden layer, ``>= 1``.
    depth : int, optional
        Number of hidden layers, ``>= 1`` (only the last layer is fitted).
    scale : float, optional
        Weight scale, ``> 0``: about the number of switches per unit input.
    ridge : float, optional
        Relative regularisation, ``>= 0``.
    rng : None, int or numpy.random.Generator, optional
        Source of the hidden weights.

    Returns
    -------
    FitResult

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(-1.0, 1.0, 50)
    >>> fit = random_feature_fit(x, x**3 - x, monomial(3), 8, rng=0)
    >>> fit.rank, round(fit.train_rmse, 8)  # a cubic network fits a cubic exactly
    (4, 0.0)
    """
    X = _as_inputs(x)
    y = np.ravel(as_float_array("y", y))
    if y.size != X.shape[0]:
        raise ValueError(
            f"x and y must hold the same number of points, got {X.shape[0]} and {y.size}"
        )
    activation = _activation("activation", activation)
    width = positive_int("width", width)
    depth = positive_int("depth", depth)
    scale = positive_scalar("scale", scale)
    ridge = nonnegative_scalar("ridge", ridge)
    n, d = X.shape
    if n * max(width, d) > MAX_ELEMENTS:
        raise ValueError(
            f"width must keep the hidden layer within {MAX_ELEMENTS} values (x has {n} "
            f"points), got {width}"
        )
    _check_operations(
        "width and depth", _fit_operations(n, d, width, depth), f"width={width}, depth={depth}"
    )
    rng = generator(rng)

    weights, biases, scales = [], [], []
    H = X
    for _ in range(depth):
        d_in = H.shape[1]
        W = rng.normal(0.0, scale / np.sqrt(d_in), size=(d_in, width))
        centres = H[rng.integers(H.shape[0], size=width)]  # (width, d_in)
        with np.errstate(over="ignore", invalid="ignore"):  # non-finite units are refused
            b = -np.einsum("jd,dj->j", centres, W)
            Z = H @ W + b
        P = _apply(activation, Z)
        s = np.sqrt(np.mean(P**2, axis=0))
        s[s == 0.0] = 1.0
        H = P / s
        weights.append(W)
        biases.append(b)
        scales.append(s)
    A = np.column_stack([H, np.ones(H.shape[0])])
    c, rank = _ridge_solve(A, y, ridge)
    resid = A @ c - y
    return FitResult(
        activation=activation,
        weights=tuple(weights),
        biases=tuple(biases),
        scales=tuple(scales),
        coef=c[:-1],
        intercept=float(c[-1]),
        train_rmse=float(np.sqrt(np.mean(resid**2))),
        rank=rank,
    )


def _rmse(a, b):
    return float(np.sqrt(np.mean((a - b) ** 2)))


def _target_values(target, x):
    function("target", target)
    with np.errstate(all="ignore"):  # a non-finite value is refused below
        y = target(x)
    try:
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        y = np.full(1, np.nan)
    if y.shape != x.shape or not np.all(np.isfinite(y)):
        raise ValueError("target must return finite values of the same shape as its input")
    return y


def best_polynomial_error(target, degree, x_train, x_test):
    """Test error of the least-squares polynomial of a given degree.

    The independent reference for polynomial networks: fitted with
    :meth:`numpy.polynomial.Polynomial.fit` (scaled domain, well conditioned).

    Parameters
    ----------
    target : callable
        Vectorised target function of one variable.
    degree : int
        Polynomial degree, ``>= 0`` and ``< len(x_train)``.
    x_train : array_like, shape (n,)
        Where the polynomial is fitted.
    x_test : array_like, shape (m,)
        Where its error is measured.

    Returns
    -------
    float
        Root-mean-square error on `x_test`.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(-1.0, 1.0, 101)
    >>> round(best_polynomial_error(np.abs, 2, x, x), 4)
    0.073
    """
    x_train = np.ravel(as_float_array("x_train", x_train))
    x_test = np.ravel(as_float_array("x_test", x_test))
    degree = positive_int("degree", degree, minimum=0)
    if degree >= x_train.size:
        raise ValueError(f"degree must be < len(x_train) = {x_train.size}, got {degree}")
    if np.unique(x_train).size <= degree:
        raise ValueError(
            f"x_train must hold at least degree + 1 = {degree + 1} distinct points, "
            f"got {np.unique(x_train).size}"
        )
    if x_test.size == 0:
        raise ValueError("x_test must hold at least one point, got an empty array")
    with np.errstate(over="ignore"):
        spread = np.ptp(x_train)
    if not spread <= 1e300:
        raise ValueError(f"x_train must span at most 1e300, got {spread:.3g}")
    p = Polynomial.fit(x_train, _target_values(target, x_train), degree)
    with np.errstate(over="ignore", invalid="ignore"):
        err = _rmse(p(x_test), _target_values(target, x_test))
    if not np.isfinite(err):
        raise ValueError(
            "x_test must lie where the fitted polynomial is finite (it overflows far "
            f"outside x_train), got max |x_test| = {np.max(np.abs(x_test)):.3g}"
        )
    return err


def _sweep_setup(target, n_seeds, n_train, n_test, domain, scale, ridge, rng):
    function("target", target)
    n_seeds = positive_int("n_seeds", n_seeds, maximum=_MAX_SEEDS)
    n_train = positive_int("n_train", n_train, minimum=2, maximum=MAX_ELEMENTS)
    n_test = positive_int("n_test", n_test, minimum=2, maximum=MAX_ELEMENTS)
    if n_seeds * n_train > MAX_ELEMENTS:
        raise ValueError(
            f"n_seeds and n_train must keep the training sets within {MAX_ELEMENTS} points, "
            f"got n_seeds={n_seeds}, n_train={n_train}"
        )
    dom = np.ravel(as_float_array("domain", domain))
    with np.errstate(over="ignore"):
        wide = dom.size == 2 and not np.isfinite(dom[1] - dom[0])
    if dom.size != 2 or not dom[0] < dom[1] or wide:
        raise ValueError(
            f"domain must be (lo, hi) with lo < hi (and hi - lo finite), got {domain!r}"
        )
    lo, hi = float(dom[0]), float(dom[1])
    positive_scalar("scale", scale)
    nonnegative_scalar("ridge", ridge)
    base = int(generator(rng).integers(2**63))
    x_test = np.linspace(lo, hi, n_test)
    y_test = _target_values(target, x_test)
    x_train = np.stack(
        [np.random.default_rng([base, s]).uniform(lo, hi, n_train) for s in range(n_seeds)]
    )
    return base, x_train, x_test, y_test


def _check_references(degrees, n_train):
    degrees = integers("reference_degrees", degrees, minimum=0, empty=True)
    if degrees and max(degrees) >= n_train:
        raise ValueError(f"reference_degrees must be < n_train = {n_train}, got {max(degrees)}")
    return degrees


def _references(target, degrees, x_train, x_test):
    ref = np.array(
        [[best_polynomial_error(target, k, xs, x_test) for xs in x_train] for k in degrees]
    )
    return degrees, ref.reshape(len(degrees), x_train.shape[0])


def _spread(errors):
    std = np.std(errors, axis=-1, ddof=1) if errors.shape[-1] > 1 else np.zeros(errors.shape[:-1])
    return np.mean(errors, axis=-1), std


@dataclass(frozen=True, eq=False)
class WidthSweep:
    """Test errors of random-feature networks against width.

    Attributes
    ----------
    names : tuple of str, length k
        Activation names, in the order given.
    widths : ndarray of int, shape (w,)
    errors : ndarray, shape (k, w, n_seeds)
        Root-mean-square test error per activation, width and seed.
    mean, std : ndarray, shape (k, w)
        Mean and sample standard deviation over seeds.
    reference_degrees : tuple of int
        Degrees of the best-polynomial references.
    reference_errors : ndarray, shape (len(reference_degrees), n_seeds)
        Test error of the least-squares polynomial of each degree, fitted to
        the same training set as the networks of each seed.
    x_train : ndarray, shape (n_seeds, n_train)
        The training inputs of each seed.
    x_test : ndarray, shape (n_test,)
        The uniform test grid.
    depth : int
        Hidden layers of every network.
    """

    names: tuple
    widths: np.ndarray
    errors: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    reference_degrees: tuple
    reference_errors: np.ndarray
    x_train: np.ndarray
    x_test: np.ndarray
    depth: int


def width_sweep(
    target,
    activations,
    widths,
    *,
    n_seeds=5,
    n_train=512,
    n_test=1001,
    domain=(-1.0, 1.0),
    depth=1,
    scale=5.0,
    ridge=1e-12,
    reference_degrees=(),
    rng=None,
):
    """Test error of random-feature networks of growing width, over seeds.

    For each seed a training set of `n_train` uniform random inputs in
    `domain` is drawn; for each width one set of hidden weights is drawn and
    shared by all activations (common random numbers, so that the comparison
    between activations is not blurred by different draws). The error is
    the root-mean-square deviation from `target` on a uniform grid of
    `n_test` points.

    Parameters
    ----------
    target : callable
        Vectorised function of one variable to approximate.
    activations : dict of str -> callable
        Name to activation.
    widths : sequence of int
        Widths ``>= 1``.
    n_seeds : int, optional
        Independent repetitions, ``>= 1``.
    n_train, n_test : int, optional
        Training and test set sizes, ``>= 2``.
    domain : (float, float), optional
        Interval ``lo < hi``.
    depth, scale, ridge : optional
        As in :func:`random_feature_fit`.
    reference_degrees : sequence of int, optional
        Degrees of best-polynomial references to compute on the same
        training sets (:func:`best_polynomial_error`).
    rng : None, int or numpy.random.Generator, optional

    Returns
    -------
    WidthSweep

    Examples
    --------
    >>> import numpy as np
    >>> sw = width_sweep(np.abs, {"cube": monomial(3)}, [8, 16], n_seeds=2,
    ...                  reference_degrees=(3,), rng=0)
    >>> np.allclose(sw.errors[0, -1], sw.reference_errors[0], rtol=1e-6)
    True
    """
    activations = mapping("activations", activations, what="dict of name -> callable")
    for name, f in activations.items():
        _activation(f"activations[{name!r}]", f)
    widths = np.array(integers("widths", widths, maximum=MAX_ELEMENTS), dtype=int)
    depth = positive_int("depth", depth)
    n_seeds_ = positive_int("n_seeds", n_seeds, maximum=_MAX_SEEDS)
    n_train_ = positive_int("n_train", n_train, minimum=2, maximum=MAX_ELEMENTS)
    reference_degrees = _check_references(reference_degrees, n_train_)
    if n_train_ * int(widths.max()) > MAX_ELEMENTS:
        raise ValueError(
            f"widths must keep each hidden layer within {MAX_ELEMENTS} values, got "
            f"{int(widths.max())} units x {n_train_} points"
        )
    ops = sum(_fit_operations(n_train_, 1, int(w), depth) for w in widths)
    _check_operations(
        "widths, depth, n_seeds and n_train",
        n_seeds_ * len(activations) * ops,
        f"widths up to {int(widths.max())}, depth={depth}, n_seeds={n_seeds_}",
    )
    base, x_train, x_test, y_test = _sweep_setup(
        target, n_seeds, n_train, n_test, domain, scale, ridge, rng
    )
    names = tuple(activations)
    errors = np.empty((len(names), widths.size, x_train.shape[0]))
    with one_blas_thread():
        for s, xs in enumerate(x_train):
            ys = _target_values(target, xs)
            for iw, w in enumerate(widths.tolist()):
                hidden = dict(depth=depth, scale=scale, ridge=ridge)
                for ia, name in enumerate(names):
                    gen = np.random.default_rng([base, s, w])  # shared by all activations
                    fit = random_feature_fit(xs, ys, activations[name], w, rng=gen, **hidden)
                    errors[ia, iw, s] = _rmse(fit.predict(x_test), y_test)
    degrees, ref = _references(target, reference_degrees, x_train, x_test)
    mean, std = _spread(errors)
    return WidthSweep(
        names=names,
        widths=widths,
        errors=errors,
        mean=mean,
        std=std,
        reference_degrees=degrees,
        reference_errors=ref,
        x_train=x_train,
        x_test=x_test,
        depth=depth,
    )


def plateau_deviation(sweep, name, degree):
    """Largest relative gap between a polynomial network and the best polynomial.

    For the activation ``z**degree`` every network of width ``>= degree + 1``
    should reproduce the best least-squares polynomial of that degree exactly;
    this returns ``max |error / reference - 1|`` over those widths and all
    seeds.

    Parameters
    ----------
    sweep : WidthSweep
        Computed with `degree` among its ``reference_degrees``.
    name : str
        Name of the polynomial activation in the sweep.
    degree : int
        Its degree.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> sw = width_sweep(np.abs, {"cube": monomial(3)}, [2, 4, 8], n_seeds=2,
    ...                  reference_degrees=(3,), rng=0)
    >>> plateau_deviation(sw, "cube", 3) < 1e-8
    True
    """
    if not isinstance(sweep, WidthSweep):
        raise ValueError(f"sweep must be a WidthSweep, got {type(sweep).__name__}")
    if not isinstance(name, str) or name not in sweep.names:
        raise ValueError(f"name must be one of {sweep.names}, got {name!r:.80}")
    if (
        isinstance(degree, (bool, np.bool_))
        or not isinstance(degree, (int, np.integer))
        or degree not in sweep.reference_degrees
    ):
        raise ValueError(f"degree must be one of {sweep.reference_degrees}, got {degree!r}")
    on_plateau = sweep.widths >= degree + 1
    if not np.any(on_plateau):
        raise ValueError(f"the sweep has no width >= degree + 1 = {degree + 1}")
    err = sweep.errors[sweep.names.index(name), on_plateau]
    ref = sweep.reference_errors[sweep.reference_degrees.index(degree)]
    return float(np.max(np.abs(err / ref - 1.0)))


@dataclass(frozen=True, eq=False)
class DepthSweep:
    """Test errors of random-feature networks against depth, at fixed width.

    Attributes
    ----------
    depths : ndarray of int, shape (L,)
    width : int
    errors : ndarray, shape (L, n_seeds)
    mean, std : ndarray, shape (L,)
    reference_degrees : tuple of int
    reference_errors : ndarray, shape (len(reference_degrees), n_seeds)
    x_train : ndarray, shape (n_seeds, n_train)
    x_test : ndarray, shape (n_test,)
    """

    depths: np.ndarray
    width: int
    errors: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    reference_degrees: tuple
    reference_errors: np.ndarray
    x_train: np.ndarray
    x_test: np.ndarray


def depth_sweep(
    target,
    activation,
    depths,
    *,
    width=64,
    n_seeds=5,
    n_train=512,
    n_test=1001,
    domain=(-1.0, 1.0),
    scale=2.0,
    ridge=1e-12,
    reference_degrees=(),
    rng=None,
):
    """Test error of random-feature networks of growing depth, over seeds.

    Same protocol as :func:`width_sweep`, with the width fixed and the number
    of hidden layers varied. With ``activation = monomial(2)`` a network of
    depth ``L`` spans exactly the polynomials of degree ``<= 2**L`` (once
    ``width > 2**L``), so its error equals the best-polynomial error of that
    degree.

    Parameters
    ----------
    target : callable
    activation : callable
    depths : sequence of int
        Depths ``>= 1``.
    width : int, optional
    n_seeds, n_train, n_test, domain, scale, ridge, reference_degrees, rng : optional
        As in :func:`width_sweep`.

    Returns
    -------
    DepthSweep

    Examples
    --------
    >>> import numpy as np
    >>> sw = depth_sweep(np.abs, monomial(2), [1, 2], width=16, n_seeds=2,
    ...                  reference_degrees=(2, 4), rng=0)
    >>> np.allclose(sw.errors, sw.reference_errors, rtol=1e-6)
    True
    """
    activation = _activation("activation", activation)
    depths = np.array(integers("depths", depths, maximum=MAX_ELEMENTS), dtype=int)
    width = positive_int("width", width)
    n_seeds_ = positive_int("n_seeds", n_seeds, maximum=_MAX_SEEDS)
    n_train_ = positive_int("n_train", n_train, minimum=2, maximum=MAX_ELEMENTS)
    reference_degrees = _check_references(reference_degrees, n_train_)
    if n_train_ * width > MAX_ELEMENTS:
        raise ValueError(
            f"width must keep each hidden layer within {MAX_ELEMENTS} values, got "
            f"{width} units x {n_train_} points"
        )
    ops = sum(_fit_operations(n_train_, 1, width, int(L)) for L in depths)
    _check_operations(
        "depths, width, n_seeds and n_train",
        n_seeds_ * ops,
        f"depths up to {int(depths.max())}, width={width}, n_seeds={n_seeds_}",
    )
    base, x_train, x_test, y_test = _sweep_setup(
        target, n_seeds, n_train, n_test, domain, scale, ridge, rng
    )
    errors = np.empty((depths.size, x_train.shape[0]))
    with one_blas_thread():
        for s, xs in enumerate(x_train):
            ys = _target_values(target, xs)
            for il, L in enumerate(depths.tolist()):
                gen = np.random.default_rng([base, s, L])
                fit = random_feature_fit(
                    xs, ys, activation, width, depth=L, scale=scale, ridge=ridge, rng=gen
                )
                errors[il, s] = _rmse(fit.predict(x_test), y_test)
    degrees, ref = _references(target, reference_degrees, x_train, x_test)
    mean, std = _spread(errors)
    return DepthSweep(
        depths=depths,
        width=width,
        errors=errors,
        mean=mean,
        std=std,
        reference_degrees=degrees,
        reference_errors=ref,
        x_train=x_train,
        x_test=x_test,
    )


@dataclass(frozen=True)
class ConvergenceRate:
    """Power-law decay ``error ∝ width^(-exponent)`` fitted per seed.

    Attributes
    ----------
    exponent : float
        Mean over seeds of the fitted decay exponent.
    exponent_std : float
        Sample standard deviation over seeds (0 for one seed).
    """

    exponent: float
    exponent_std: float


def convergence_rates(sweep, *, min_width=1):
    """Decay exponents of the test error with width, one per activation.

    For every activation and seed, ``log error`` is fitted linearly against
    ``log width`` over the widths ``>= min_width``
    (:func:`isingneuron.power_law_fit`); the exponents are then averaged over
    seeds.

    Parameters
    ----------
    sweep : WidthSweep
    min_width : int, optional
        Smallest width included; at least 3 widths must remain.

    Returns
    -------
    dict of str -> ConvergenceRate

    Examples
    --------
    >>> import numpy as np
    >>> from isingneuron import relu
    >>> sw = width_sweep(np.abs, {"ReLU": relu}, [8, 16, 32, 64], n_seeds=2, rng=1)
    >>> convergence_rates(sw)["ReLU"].exponent > 0.5
    True
    """
    if not isinstance(sweep, WidthSweep):
        raise ValueError(f"sweep must be a WidthSweep, got {type(sweep).__name__}")
    min_width = positive_int("min_width", min_width)
    sel = sweep.widths >= min_width
    if np.count_nonzero(sel) < 3:
        raise ValueError(f"min_width must leave at least 3 widths, got {min_width}")
    out = {}
    for ia, name in enumerate(sweep.names):
        p = [-power_law_fit(sweep.widths[sel], e[sel]).exponent for e in sweep.errors[ia].T]
        std = float(np.std(p, ddof=1)) if len(p) > 1 else 0.0
        out[name] = ConvergenceRate(exponent=float(np.mean(p)), exponent_std=std)
    return out
