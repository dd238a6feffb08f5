"""Check your answer: feedback on the computational exercises without the answers.

Every computational exercise of the book has an entry here. A student passes the numbers
they computed by keyword, and :func:`check_answer` says, quantity by quantity, whether each
lies within the stated tolerance of a reference that this module computes with the package
(or, for a Monte Carlo estimate, whether it agrees within a few of the student's own standard
errors). A wrong value gets a direction ("too high") and a hint about the usual mistake; the
reference itself is never printed. It is in the source, of course: this is feedback for a
student who wants it, not an examination.

Where the exercise leaves a choice to the student (which activation, which claim), only the
book's suggested example is checked. :func:`exercise_questions` lists what each exercise's
checker accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from scipy import optimize, special, stats

from . import _validation as _v
from . import (
    activations,
    booktools,
    criticality,
    exact,
    learning,
    meanfield,
    membrane,
    population,
    zoo,
)

__all__ = ["Check", "Feedback", "check_answer", "exercise_questions"]


@dataclass(frozen=True)
class Check:
    """The verdict on one submitted quantity.

    Attributes
    ----------
    quantity : str
        The keyword under which the value was submitted.
    passed : bool
        Whether the value lies within the tolerance of the reference.
    message : str
        What was checked and, if it failed, a direction and a hint; never the reference.
    """

    quantity: str
    passed: bool
    message: str


@dataclass(frozen=True)
class Feedback:
    """All verdicts on one submission; ``str(feedback)`` is one line per quantity.

    Attributes
    ----------
    exercise : str
        The exercise's label, e.g. ``"ex-meanfield-gamma"``.
    checks : tuple of Check
        One per submitted quantity, in the order the checker defines.
    """

    exercise: str
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """True when every submitted quantity passed."""
        return all(c.passed for c in self.checks)

    def __str__(self) -> str:
        lines = [f"{self.exercise}:"]
        for c in self.checks:
            mark = "✓" if c.passed else "✗"
            lines.append(f"  {mark} {c.quantity}: {c.message}")
        return "\n".join(lines)

    def _repr_pretty_(self, p, cycle):  # IPython display: the readable text
        p.text(str(self))


@dataclass(frozen=True)
class _Exercise:
    label: str
    questions: dict[str, str]
    check: Callable[[dict], list[Check]] = field(repr=False)


_EXERCISES: dict[str, _Exercise] = {}


def _exercise(label: str, **questions: str):
    """Register the decorated checker under `label` with its accepted quantities."""

    def register(func):
        _EXERCISES[label] = _Exercise(label, questions, func)
        return func

    return register


def exercise_questions(exercise=None):
    """What the checker of each exercise accepts.

    Parameters
    ----------
    exercise : str, optional
        An exercise label such as ``"ex-meanfield-gamma"``; all exercises if omitted.

    Returns
    -------
    dict
        ``{quantity: description}`` for one exercise, or ``{label: {quantity: description}}``
        for all of them.

    Examples
    --------
    >>> sorted(exercise_questions("ex-meanfield-gamma"))
    ['amplitude_ratio', 'gamma_above', 'gamma_below']
    """
    if exercise is None:
        return {label: dict(ex.questions) for label, ex in _EXERCISES.items()}
    return dict(_lookup(exercise).questions)


def _lookup(exercise):
    labels = tuple(_EXERCISES)
    if not isinstance(exercise, str) or exercise not in _EXERCISES:
        raise ValueError(
            f"exercise must be the label of a computational exercise, one of "
            f"{', '.join(labels)}; got {exercise!r}"
        )
    return _EXERCISES[exercise]


def check_answer(exercise, **answers):
    """Check the numbers computed in a computational exercise, without revealing the answer.

    Parameters
    ----------
    exercise : str
        The exercise's label, as in the book (``"ex-meanfield-gamma"``, ...).
    **answers
        The computed quantities by name; any subset of
        ``exercise_questions(exercise)``, at least one.

    Returns
    -------
    Feedback
        One :class:`Check` per submitted quantity; ``feedback.passed`` is True when all pass.
        Displayed in a notebook, it prints one line per quantity.

    Raises
    ------
    ValueError
        For an unknown exercise, no answer, an unknown quantity, or a value that is not a
        finite number (or a flag where a flag is asked for).

    Examples
    --------
    >>> print(check_answer("ex-meanfield-gamma", gamma_above=1.3))
    ex-meanfield-gamma:
      ✗ gamma_above: too high (tolerance 1 %). Fit only inside 1e-9 < |1 - T/Tc| < 1e-5, ...
    >>> check_answer("ex-learning-gradient", growth_factor=4.03).passed
    True
    """
    ex = _lookup(exercise)
    if not answers:
        raise ValueError(
            f"check_answer needs at least one answer for {exercise}; it accepts "
            + "; ".join(f"{k} ({v})" for k, v in ex.questions.items())
        )
    unknown = sorted(set(answers) - set(ex.questions))
    if unknown:
        raise ValueError(
            f"{exercise} has no quantity {', '.join(unknown)}; it accepts {', '.join(ex.questions)}"
        )
    checks = ex.check(answers)
    order = list(ex.questions)
    checks.sort(key=lambda c: order.index(c.quantity))
    return Feedback(exercise, tuple(checks))


# --------------------------------------------------------------------------- comparisons


def _percent(rtol):
    return f"{100 * rtol:g} %"


def _value(name, x):
    """A submitted number: a finite real scalar (not a flag, not a string)."""
    if isinstance(x, (bool, np.bool_, str, bytes)):
        raise ValueError(f"{name} must be a finite real number, got {x!r}")
    return _v.finite_scalar(name, x)


def _flag(name, x):
    if not isinstance(x, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {x!r}")
    return bool(x)


def _close(name, value, reference, *, rtol=None, atol=None, low="", high=""):
    """Relative (`rtol`) or absolute (`atol`) agreement, with a hint per direction."""
    value = _value(name, value)
    tol = rtol * abs(reference) if rtol is not None else atol
    said = f"tolerance {_percent(rtol)}" if rtol is not None else f"tolerance ±{atol:g}"
    if abs(value - reference) <= tol:
        return Check(name, True, f"right ({said})")
    if value > reference:
        return Check(name, False, f"too high ({said}). {high}".rstrip())
    return Check(name, False, f"too low ({said}). {low}".rstrip())


def _consistent(
    name,
    value,
    standard_error,
    reference,
    *,
    n_sigma=3.0,
    low="",
    high="",
    se_name=None,
    against="the exact value",
    max_se=None,
):
    """A Monte Carlo estimate with its standard error against an exact reference.

    `se_name` is the keyword under which the standard error was submitted (named by a
    ValueError); `against` says what the reference is. A standard error above `max_se` (a
    few times what the exercise's run gives) fails: a large error makes any value consistent.
    """
    value = _value(name, value)
    se_name = se_name or f"{name} standard error"
    se = _v.positive_scalar(se_name, _value(se_name, standard_error))
    if max_se is not None and se > max_se:
        return Check(
            name,
            False,
            f"not judged: your standard error is larger than the run the exercise asks for "
            f"gives (at most {max_se:g} expected); with a large enough error any value looks "
            f"consistent. Run longer, or compute the error from the scatter of your data.",
        )
    z = (value - reference) / se
    said = f"|difference| < {n_sigma:g} of your standard errors"
    if abs(z) <= n_sigma:
        return Check(name, True, f"consistent with {against} ({said})")
    direction, hint = ("too high", high) if z > 0 else ("too low", low)
    return Check(name, False, f"{direction}: not consistent ({said} fails). {hint}".rstrip())


def _paired(answers, name, se_name):
    """`name` and its standard error `se_name` are submitted together, or neither."""
    if (name in answers) != (se_name in answers):
        given, missing = (name, se_name) if name in answers else (se_name, name)
        raise ValueError(
            f"{missing} is needed with {given}: a Monte Carlo estimate is checked together "
            "with its standard error"
        )
    return name in answers


def _flag_check(name, value, reference, hint=""):
    value = _flag(name, value)
    if value == reference:
        return Check(name, True, "right")
    return Check(name, False, f"not what the computation shows. {hint}".rstrip())


# --------------------------------------------------------------------------- the checkers


@_exercise(
    "ex-meanfield-gamma",
    gamma_above="the exponent gamma fitted above T_c",
    gamma_below="the exponent gamma fitted below T_c",
    amplitude_ratio="the ratio A_+/A_- of the amplitudes",
)
def _meanfield_gamma(answers):
    window = "Fit only inside 1e-9 < |1 - T/Tc| < 1e-5, where the leading power law dominates."
    checks = []
    for side in ("gamma_above", "gamma_below"):
        if side in answers:
            low = window
            if _value(side, answers[side]) < 0:
                low = (
                    "gamma is positive: chi ~ |1 - T/Tc|^(-gamma), so gamma is minus the "
                    "exponent that power_law_fit returns."
                )
            checks.append(_close(side, answers[side], 1.0, rtol=0.01, low=low, high=window))
    if "amplitude_ratio" in answers:
        hint = "The ratio is A_+ / A_-, above over below; both fits must use the same |1 - T/Tc|."
        checks.append(
            _close(
                "amplitude_ratio", answers["amplitude_ratio"], 2.0, rtol=0.01, low=hint, high=hint
            )
        )
    return checks


@_exercise(
    "ex-learning-gradient",
    relative_error="|directional derivative - central difference| / |directional derivative| "
    "at epsilon = 1e-5",
    growth_factor="the factor by which the relative error grows when epsilon is doubled",
)
def _learning_gradient(answers):
    checks = []
    if "relative_error" in answers:
        err = _v.nonnegative("relative_error", _value("relative_error", answers["relative_error"]))
        if err < 1e-6:
            checks.append(Check("relative_error", True, "below 1e-6, as a correct gradient gives"))
        else:
            checks.append(
                Check(
                    "relative_error",
                    False,
                    "not below 1e-6. Use a smooth activation (a kink breaks the central "
                    "difference), the whole training set, and one random direction v for both.",
                )
            )
    if "growth_factor" in answers:
        hint = (
            "The central difference errs by eps^2 D^3L[v,v,v]/6: doubling eps multiplies it by a "
            "fixed factor. Compare the errors at eps = 1e-5 and 2e-5."
        )
        checks.append(
            _close("growth_factor", answers["growth_factor"], 4.0, rtol=0.1, low=hint, high=hint)
        )
    return checks


# --------------------------------------------------------------------------- intro


@cache
def _legendre_exp(k):
    """e^x on [-1, 1] in Legendre polynomials, e^x = sum_n (2n + 1) i_n(1) P_n(x).

    Returns the RMS distance (the root of the mean square over [-1, 1]) of e^x from its best
    polynomial of degree k, sqrt(sum_{n > k} (2n + 1) i_n(1)^2), and the RMS norm of the first
    neglected term alone, sqrt(2k + 3) i_{k+1}(1): the term (2n + 1) i_n(1) P_n has mean square
    (2n + 1)^2 i_n(1)^2 / (2n + 1), since P_n has mean square 1 / (2n + 1).
    """
    n = np.arange(k + 1, k + 41)  # i_n(1) ~ 1/(2n + 1)!!: forty terms reach rounding
    terms = (2 * n + 1) * special.spherical_in(n, 1.0) ** 2
    return float(np.sqrt(terms.sum())), float(np.sqrt(terms[0]))


@_exercise(
    "ex-intro-smooth-target",
    plateau_z2="test RMS error of the z² networks on e^x where it no longer changes with the width",
    plateau_z3="test RMS error of the z³ networks on e^x where it no longer changes with the width",
    estimate_z2="RMS norm on [-1, 1] of the first Legendre term of e^x that a degree-2 "
    "polynomial leaves out",
    estimate_z3="RMS norm on [-1, 1] of the first Legendre term of e^x that a degree-3 "
    "polynomial leaves out",
)
def _intro_smooth_target(answers):
    # The networks fit 512 random points and are tested on a grid, so their plateau lies a
    # per cent or two above the continuum distance to the best polynomial; 5 % accepts that
    # and rejects the usual slips (z² and z³ swapped, the chapter's target, an L2 norm
    # instead of the RMS, a factor sqrt 2).
    checks = []
    for k in (2, 3):
        plateau, first = _legendre_exp(k)
        name = f"plateau_z{k}"
        if name in answers:
            checks.append(
                _close(
                    name,
                    answers[name],
                    plateau,
                    rtol=0.05,
                    low=f"A network of z^{k} units is a polynomial of degree {k}: its plateau is "
                    "the best such polynomial's error. Check the degree, and that the target is "
                    "e^x on [-1, 1].",
                    high="Take the root of the mean square over the test grid (not its sum or "
                    "the maximum error), at a width where the error no longer changes, with "
                    "the target e^x rather than the chapter's.",
                )
            )
        name = f"estimate_z{k}"
        if name in answers:
            checks.append(
                _close(
                    name,
                    answers[name],
                    first,
                    rtol=0.02,
                    low=f"The first term left out by a polynomial of degree {k} is n = {k + 1}, "
                    "not a later one.",
                    high=f"The first term left out by a polynomial of degree {k} is n = {k + 1}. "
                    "Its RMS norm is the coefficient times the RMS norm of P_n, which is "
                    "smaller than 1: average the square over the interval, do not integrate it.",
                )
            )
    return checks


@cache
def _leaky_properties():
    return zoo.activation_properties(lambda x: np.maximum(x, 0.01 * x))


@_exercise(
    "ex-intro-leaky",
    bounded_below="whether the leaky ReLU max(x, 0.01x) is bounded from below (True/False)",
    slope_minus="its slope f'(-inf) on the leaky side",
    asymptotically_linear="whether it is asymptotically linear above its switch (True/False)",
    universal="whether one-hidden-layer networks of it are universal approximators (True/False)",
)
def _intro_leaky(answers):
    # Only the suggested leaky ReLU is checked: another activation of the student's choice
    # cannot be.
    props = _leaky_properties()
    checks = []
    if "bounded_below" in answers:
        checks.append(
            _flag_check(
                "bounded_below",
                answers["bounded_below"],
                props.bounded_below,
                "Follow the leaky side to x -> -inf: where does a small but non-zero slope take f?",
            )
        )
    if "slope_minus" in answers:
        checks.append(
            _close(
                "slope_minus",
                answers["slope_minus"],
                props.slope_minus,
                rtol=0.02,
                low="The leaky side is not flat: for x < 0 the function is a multiple of x.",
                high="That is the slope on the active side (x -> +inf); the leaky side is the "
                "other one.",
            )
        )
    if "asymptotically_linear" in answers:
        checks.append(
            _flag_check(
                "asymptotically_linear",
                answers["asymptotically_linear"],
                props.asymptotically_linear,
                "Above the switch, x > 0, the leaky ReLU is the identity.",
            )
        )
    if "universal" in answers:
        # Leshno et al.: universal if and only if not a polynomial. A kink (infinite
        # curvature, as measured) rules out a polynomial.
        checks.append(
            _flag_check(
                "universal",
                answers["universal"],
                not np.isfinite(props.max_curvature),
                "Universality needs only a non-polynomial activation (Leshno et al.), and the "
                "leaky ReLU is a linear term plus a multiple of ReLU. Boundedness from below "
                "plays no role.",
            )
        )
    return checks


# --------------------------------------------------------------------------- magnet

_STRIPE_RUNS = 400  # quenches of the exercise, for the binomial standard error


@_exercise(
    "ex-magnet-stripe-fraction",
    p_stripes="fraction of the 400 zero-temperature quenches of 32×32 lattices that end in stripes",
    standard_error="its binomial standard error sqrt(p(1 - p)/n)",
)
def _magnet_stripe_fraction(answers):
    checks = []
    if not _paired(answers, "p_stripes", "standard_error"):
        return checks
    p = _value("p_stripes", answers["p_stripes"])
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p_stripes must be a fraction in [0, 1], got {answers['p_stripes']!r}")
    # No exact value exists: the reference is the literature's stripe probability, close to
    # 1/3 independently of L (Spirin, Krapivsky & Redner 2002, the book's spirin2002; later
    # work puts it a little above). Hence a generous four standard errors rather than three.
    checks.append(
        _consistent(
            "p_stripes",
            p,
            answers["standard_error"],
            1.0 / 3.0,
            n_sigma=4.0,
            se_name="standard_error",
            against="the literature's stripe probability",
            low="Count the final states classified as stripes (not those that order), and "
            "divide by the number of quenches.",
            high="Count only the final states classified as stripes, not the ordered ones; "
            "give a fraction, not a percentage or a count.",
        )
    )
    binomial = float(np.sqrt(p * (1.0 - p) / _STRIPE_RUNS))
    hint = (
        "The binomial standard error of a fraction p of n trials is the square root of p(1 - p)/n."
    )
    checks.append(
        _close(
            "standard_error",
            answers["standard_error"],
            binomial,
            rtol=0.03,
            low=hint + " Did you forget the square root?",
            high=hint + " Did you forget to divide by n?",
        )
    )
    return checks


_FIELD_L = 32
_FIELD_GRID = (0.0, 0.01, 0.02, 0.03, 0.05)
_FIELD_QUENCHES = 40  # per field, as in the exercise


@cache
def _lowest_plausible_field():
    """The lowest field of the exercise's grid at which 40 quenches can show >= 95 % up.

    There is no exact value: the sign is chosen during the quench, far from equilibrium. At
    h = 0 the two signs are equally likely by symmetry, so 38 or more up of 40 is a 1e-9
    fluke. For h > 0, field by field, a seeded reference run of 60 quenches with the
    chapter's protocol (about 0.9 s) estimates the fraction up, f; the field counts as
    plausible when 40 quenches show at least 38 up with probability >= 0.3 % at that f. Every
    larger field of the grid is then plausible too, since the bias grows with h. (Two runs
    suffice: f is about 0.65 at h = 0.01 and 0.83 at h = 0.02, either side of the 0.78
    that the 0.3 % stands for.)
    """
    Tc = exact.onsager_tc()
    protocol = dict(period=500, T_bath=1.5 * Tc, rate=Tc / 400)
    need = int(np.ceil(0.95 * _FIELD_QUENCHES))
    for k, h in enumerate(_FIELD_GRID[1:]):
        train = membrane.quench_train(
            _FIELD_L, Q=1.0 * Tc, n_quenches=60, h=h, rng=2002 + k, **protocol
        )
        f = float(np.mean(train.signs > 0))
        if stats.binom.sf(need - 1, _FIELD_QUENCHES, f) >= 0.003:
            return h
    return _FIELD_GRID[-1]


@_exercise(
    "ex-magnet-field",
    h_star="the field k_B T_c / 2N at which reversing the whole ordered 32×32 lattice costs "
    "k_B T_c",
    h_reliable="the smallest field of the exercise's grid with at least 95 % of the quenches "
    "ordering upwards",
)
def _magnet_field(answers):
    checks = []
    if "h_star" in answers:
        h_star = exact.onsager_tc() / (2 * _FIELD_L**2)
        checks.append(
            _close(
                "h_star",
                answers["h_star"],
                h_star,
                rtol=0.01,
                low="N is the number of spins, L², and k_B T_c Onsager's (J = 1), not 1.",
                high="Reversing the lattice changes the field energy -h sum s by 2hN; set that "
                "equal to k_B T_c, with N = L² spins and Onsager's T_c (not mean field's 4J).",
            )
        )
    if "h_reliable" in answers:
        h = _value("h_reliable", answers["h_reliable"])
        if not np.any(np.isclose(h, _FIELD_GRID, rtol=0.0, atol=1e-9)):
            checks.append(
                Check(
                    "h_reliable",
                    False,
                    "not one of the fields the exercise asks for: report the smallest field of "
                    "its grid at which at least 95 % of the quenches order upwards.",
                )
            )
        elif h < _lowest_plausible_field() - 1e-9:
            checks.append(
                Check(
                    "h_reliable",
                    False,
                    "too low: at that field a train of 40 quenches reaches 95 % up only by a "
                    "rare fluke. Count the quenches with a positive sign after the quench, and "
                    "require at least 38 of 40.",
                )
            )
        else:
            checks.append(
                Check(
                    "h_reliable",
                    True,
                    "plausible (40 quenches per field fix the threshold only to about one "
                    "step of the grid)",
                )
            )
    return checks


# --------------------------------------------------------------------------- mean field


@cache
def _peak_L16():
    """Temperature of the maximum of the exact specific heat of the 16×16 torus (Kaufman)."""
    T = np.linspace(2.17, 2.47, 301)
    i = int(np.argmax(exact.specific_heat(T, 16)))
    best = optimize.minimize_scalar(
        lambda t: -exact.specific_heat(t, 16),
        bounds=(T[i - 1], T[i + 1]),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(best.x)


@_exercise(
    "ex-meanfield-peak",
    T_peak="the vertex of the weighted parabola fitted to the simulated c(T) of the 16×16 lattice",
    T_peak_standard_error="its standard error",
    T_peak_exact="the maximum of the exact specific heat of the 16×16 torus "
    "(isingneuron.exact.specific_heat(T, L=16))",
)
def _meanfield_peak(answers):
    checks = []
    if _paired(answers, "T_peak", "T_peak_standard_error"):
        checks.append(
            _consistent(
                "T_peak",
                answers["T_peak"],
                answers["T_peak_standard_error"],
                _peak_L16(),
                se_name="T_peak_standard_error",
                against="the exact peak of the 16×16 torus",
                max_se=0.015,  # a few thousand sweeps per temperature give about 0.004
                low="The vertex of c = p0 T² + p1 T + p2 is at -p1/(2 p0); weight the fit by "
                "1/error, and fit across the whole peak. A finite lattice peaks above the "
                "infinite lattice's T_c.",
                high="The vertex of c = p0 T² + p1 T + p2 is at -p1/(2 p0); weight the fit by "
                "1/error, let each temperature equilibrate, and do not shrink the error below "
                "what the scatter of the points allows.",
            )
        )
    if "T_peak_exact" in answers:
        hint = (
            "Maximise isingneuron.exact.specific_heat(T, L=16) on a fine grid (or with a "
            "scalar optimiser): the finite torus, not Onsager's infinite lattice."
        )
        checks.append(
            _close(
                "T_peak_exact", answers["T_peak_exact"], _peak_L16(), atol=1e-3, low=hint, high=hint
            )
        )
    return checks


# --------------------------------------------------------------------------- activation


@cache
def _bath_magnetization():
    return {
        "N_over_Q_eq2": float(activations.paper_activation(0.8)),
        "N_over_Q_meanfield": float(meanfield.magnetization(0.8)),
    }


@_exercise(
    "ex-activation-rest",
    N_over_Q_eq2="the limit of N(Q)/Q as Q -> 0 for the spike count of eq. (2), a = 6, at "
    "T_bath = 0.8 T_c",
    N_over_Q_meanfield="the same limit for the mean-field spike count",
)
def _activation_rest(answers):
    # N'(Q) = m(T_bath - Q)/r, so N(Q)/Q -> m(T_bath)/r with r = 1: the magnetisation of the
    # bath itself. 2 % accepts N/Q at Q = 1e-2 or smaller, not at Q = 0.1.
    references = _bath_magnetization()
    low = (
        "At T_bath = 0.8 T_c the bath is below the switching point: the membrane is ordered "
        "before any quench. Use isingneuron.spike_count(Q, T_bath=0.8) (model='meanfield' for "
        "mean field)."
    )
    high = "Take the limit: N/Q at Q = 1e-3 or smaller, not at Q = 0.1, where N/Q still rises."
    return [
        _close(name, answers[name], ref, rtol=0.02, low=low, high=high)
        for name, ref in references.items()
        if name in answers
    ]


@cache
def _onsager_fit():
    # The chapter's grid, 401 temperatures on [0, 2 T_c] (T_c = 1). The fitted steepness
    # depends on the grid near the corner at T_c (finer grids give smaller a), b and the RMS
    # error hardly do; hence the wide tolerance on a only.
    T = np.linspace(0.0, 2.0, 401)
    return activations.fit_activation(T, activations.ordered_magnetization(T, model="onsager"))


@_exercise(
    "ex-activation-onsager",
    a="the steepness a of eq. (2), b free, fitted to the exact 2D magnetisation on 0 <= T <= 2 T_c",
    b="the fitted b",
    rms="the RMS error of that fit",
)
def _activation_onsager(answers):
    fit = _onsager_fit()
    checks = []
    if "a" in answers:
        checks.append(
            _close(
                "a",
                answers["a"],
                fit.a,
                rtol=0.3,
                low="Fit the exact curve, ordered_magnetization(T, model='onsager'), not the "
                "mean-field branch, on the exercise's grid np.linspace(0, 2, 401) (T_c = 1).",
                high="Use the exercise's grid, np.linspace(0, 2, 401): a coarser grid misses "
                "the corner at T_c and lets a grow without bound.",
            )
        )
    if "b" in answers:
        checks.append(
            _close(
                "b",
                answers["b"],
                fit.b,
                atol=0.005,
                low="Fit the exact curve (model='onsager'), not the mean-field branch, on the "
                "exercise's grid np.linspace(0, 2, 401).",
                high="Leave b free (fit_b=True): with b = 1 fixed the tanh cannot centre itself; "
                "and use the exercise's grid, np.linspace(0, 2, 401).",
            )
        )
    if "rms" in answers:
        hint = (
            "The RMS error of fit_activation on the exercise's grid np.linspace(0, 2, 401) "
            "(T_c = 1), b free, fitted to model='onsager' (the mean-field fit's error is close "
            "but not the same)."
        )
        checks.append(_close("rms", answers["rms"], fit.rms, rtol=0.05, low=hint, high=hint))
    return checks


# --------------------------------------------------------------------------- population

_POP = dict(T_bath=1.5, delta=0.01)  # the chapter's bath and silence level


@cache
def _silent_noise():
    edges = {k: population.silent_interval(k, **_POP)[1] for k in ("relu", "eq2")}
    silent = {
        k: population.response_moments(0.25, sigma=1.0, activation=k, **_POP).fraction_silent
        for k in ("relu", "eq2")
    }
    return edges, silent


@_exercise(
    "ex-population-silent-noise",
    edge_relu="the upper end of silent_interval for the ReLU: inputs below it are silent",
    edge_eq2="the same for eq. (2) read as a firing probability (activation='eq2')",
    silent_relu="the fraction of silent ReLU responses, |r| <= 0.01, at mu = 0.25 and "
    "sigma = 1 (response_moments)",
    silent_eq2="the same for eq. (2), activation='eq2'",
)
def _population_silent_noise(answers):
    edges, silent = _silent_noise()
    checks = []
    for k in ("relu", "eq2"):
        name = f"edge_{k}"
        if name in answers:
            checks.append(
                _close(
                    name,
                    answers[name],
                    edges[k],
                    atol=0.002,
                    low="Take the upper end, [1], of silent_interval (the lower end is -inf), "
                    "with T_bath = 1.5 and delta = 0.01: silent means |r| <= 0.01, not r = 0.",
                    high="Use silent_interval with T_bath = 1.5 and delta = 0.01; the edge of "
                    "eq. (2) as a firing probability (activation='eq2') is not the edge of the "
                    "spike count.",
                )
            )
        name = f"silent_{k}"
        if name in answers:
            hint = (
                "Use response_moments(0.25, sigma=1.0, ...).fraction_silent (|r| <= 0.01), "
                "not fraction_zero, with T_bath = 1.5 and delta = 0.01; the exact value, not "
                "a sampled one."
            )
            checks.append(_close(name, answers[name], silent[k], atol=0.002, low=hint, high=hint))
    return checks


_SPARSE = dict(sigma=0.25, T_bath=1.5)


@cache
def _half_sparse(activation):
    """The mean input at which the Treves-Rolls sparseness of `activation` crosses 1/2."""

    def excess(mu):
        return population.response_moments(mu, activation=activation, **_SPARSE).sparseness - 0.5

    return float(optimize.brentq(excess, 0.0, 1.5, xtol=1e-10))


@_exercise(
    "ex-population-sparseness-crossing",
    mu_half_meanfield="the mean input mu at which the sparseness a of the mean-field spike "
    "count crosses 1/2",
    mu_half_relu="the same for the ReLU",
    mu_half_eq2_count="the same for the eq. (2) spike count (activation='fit')",
    fraction_firing="the fraction of the mean-field population firing (N > 0) at its crossing",
)
def _population_sparseness_crossing(answers):
    keys = {
        "mu_half_meanfield": "meanfield",
        "mu_half_relu": "relu",
        "mu_half_eq2_count": "fit",
    }
    checks = []
    for name, activation in keys.items():
        if name in answers:
            checks.append(
                _close(
                    name,
                    answers[name],
                    _half_sparse(activation),
                    atol=0.003,
                    low="Solve a(mu) = E[N]²/E[N²] = 1/2 (not the fraction firing = 1/2), with "
                    "sigma = 0.25 and T_bath = 1.5; for the eq. (2) count use "
                    "activation='fit', not 'eq2'.",
                    high="Solve a(mu) = E[N]²/E[N²] = 1/2 with sigma = 0.25 and T_bath = 1.5, by "
                    "a root finder or by interpolating a fine grid of mu.",
                )
            )
    if "fraction_firing" in answers:
        theta = population.firing_threshold(T_bath=1.5, model="meanfield")
        firing = population.fraction_firing(
            _half_sparse("meanfield"), sigma=_SPARSE["sigma"], threshold=theta
        )
        checks.append(
            _close(
                "fraction_firing",
                answers["fraction_firing"],
                float(firing),
                atol=0.01,
                low="A neurone fires when its input exceeds the threshold theta of the "
                "mean-field count: fraction_firing(mu, sigma=0.25, threshold=theta) at the "
                "crossing. The sparseness a is not that fraction.",
                high="Evaluate the fraction firing at the mean-field crossing, with the "
                "threshold theta = T_bath - T_c of the mean-field count.",
            )
        )
    return checks


# --------------------------------------------------------------------------- learning


@_exercise(
    "ex-learning-meanfield",
    slope="the log-log slope of the RMS naive mean-field error against beta at small beta "
    "(beta < 0.15)",
    sum_J2_uniform="sum_j J_ij² for uniform couplings J_0/N at N = 12 (J_0 = 1)",
    leading_order_ratio="the naive error divided by beta³ h_i sum_j J_ij² (RMS over spins and "
    "networks) at beta = 0.01",
)
def _learning_meanfield(answers):
    # Closed forms: at high temperature the naive error is beta³ h_i sum_j J_ij² to leading
    # order (part 2), so the slope is 3 and the ratio 1; uniform couplings have N - 1
    # off-diagonal entries 1/N in each row.
    n = 12
    checks = []
    if "slope" in answers:
        hint = (
            "Fit the error of the magnetisations (naive minus exact), not the magnetisations, "
            "on logarithmic axes and only where beta is small (beta < 0.15)."
        )
        checks.append(_close("slope", answers["slope"], 3.0, atol=0.15, low=hint, high=hint))
    if "sum_J2_uniform" in answers:
        hint = "J_ii = 0: a row of the uniform coupling matrix has N - 1 entries J_0/N, not N."
        checks.append(
            _close(
                "sum_J2_uniform",
                answers["sum_J2_uniform"],
                (n - 1) / n**2,
                rtol=0.01,
                low="Square the couplings before summing; each is J_0/N = 1/12.",
                high=hint,
            )
        )
    if "leading_order_ratio" in answers:
        hint = (
            "Compare the error m_naive - <s> with beta³ h_i sum_j J_ij², spin by spin with "
            "each spin's own field h_i (beta cubed, not squared), at beta = 0.01."
        )
        checks.append(
            _close(
                "leading_order_ratio",
                answers["leading_order_ratio"],
                1.0,
                rtol=0.05,
                low=hint,
                high=hint,
            )
        )
    return checks


@cache
def _steepness():
    """The exercise run by the chapter's recipe: seed 0, Adam step 3e-3, 15 epochs."""
    T = np.linspace(0.0, 2.0, 401)
    fit = activations.fit_activation(T, meanfield.ordered_branch(T), fit_b=True)
    data = learning.load_digits_split(rng=0)
    params0 = learning.init_params(64, 32, 10, rng=0)
    Z0 = data.X_train @ params0["W1"] + params0["b1"]
    out = {}
    for label, a in (("wide", 0.5), ("steep", fit.a)):
        act = learning.make_activation("ising", a=a, b=fit.b)
        run = learning.train_mlp(data, act, seeds=[0], lr=3e-3, epochs=15)
        flat = float(np.mean(act.df(Z0) < 0.1 * a / 2))  # f' peaks at a/2
        out[label] = (flat, run.train_loss[0], run.test_accuracy[0, -1])
    # the flat region slows learning if the steep unit's training loss lags behind, after one
    # epoch or at the end
    slows = bool(out["steep"][1][1] > out["wide"][1][1] or out["steep"][1][-1] > out["wide"][1][-1])
    # one seed decides if the two accuracies differ by more than two standard deviations of
    # the difference of two independent runs, from the seed-to-seed scatter of the stored
    # 40-seed experiment
    stored = learning.load_comparison(booktools.data_path("learning_experiment.npz"))
    sd = float(stored["lr=0.003"].final("ising").std(ddof=1))
    decides = bool(abs(out["steep"][2] - out["wide"][2]) > 2.0 * np.sqrt(2.0) * sd)
    return out["steep"][0], out["wide"][0], slows, decides


@_exercise(
    "ex-learning-steepness",
    flat_start_steep="the fraction of flat hidden units (f' < 10 % of its peak a/2) at "
    "initialisation for the fitted a",
    flat_start_wide="the same for a = 1/2",
    flat_slows_learning="whether the flat region at initialisation slows learning down "
    "(True/False)",
    one_seed_decides="whether one seed can tell the two test accuracies apart (True/False)",
)
def _learning_steepness(answers):
    flat_steep, flat_wide, slows, decides = _steepness()
    checks = []
    for name, ref in (("flat_start_steep", flat_steep), ("flat_start_wide", flat_wide)):
        if name in answers:
            checks.append(
                _close(
                    name,
                    answers[name],
                    ref,
                    atol=0.01,
                    low="Count over all training images and hidden units at initialisation "
                    "(seed 0, before training), with the fitted b.",
                    high="Use the pre-activations at initialisation, not after training, and "
                    "each unit's own peak a/2: with a = 1/2 the peak is 1/4.",
                )
            )
    if "flat_slows_learning" in answers:
        checks.append(
            _flag_check(
                "flat_slows_learning",
                answers["flat_slows_learning"],
                slows,
                "Compare the training losses of the two steepnesses after one epoch and after "
                "fifteen.",
            )
        )
    if "one_seed_decides" in answers:
        checks.append(
            _flag_check(
                "one_seed_decides",
                answers["one_seed_decides"],
                decides,
                "Set the difference of the two accuracies against the seed-to-seed scatter "
                "of the stored runs (main.final('ising').std()), and count test images.",
            )
        )
    return checks


# --------------------------------------------------------------------------- criticality


@cache
def _nn_L54():
    """<s s'> at T_c on the 54×54 torus: minus half Kaufman's energy per spin (two bonds each)."""
    return float(-exact.energy(exact.onsager_tc(), L=54) / 2)


@_exercise(
    "ex-criticality-drift",
    nn_level0="<s s'> of the unblocked 54×54 lattice at T_c, from your sampled configurations",
    standard_error="its standard error",
    nn_exact="Kaufman's exact value -isingneuron.exact.energy(Tc, L=54) / 2",
    depends_on_side="whether the rise of <s s'> is a property of the side L_k of the blocked "
    "lattice rather than of the level k (True/False)",
)
def _criticality_drift(answers):
    exact_nn = _nn_L54()
    checks = []
    if _paired(answers, "nn_level0", "standard_error"):
        # The naive standard error of 1024 Wolff-sampled configurations (four steps apart)
        # comes out somewhat small: across seeds the pulls scatter a little wider than one.
        # Hence four standard errors rather than three.
        checks.append(
            _consistent(
                "nn_level0",
                answers["nn_level0"],
                answers["standard_error"],
                exact_nn,
                n_sigma=4.0,
                se_name="standard_error",
                against="Kaufman's exact value for the 54×54 torus",
                max_se=0.004,  # 1024 configurations give about 0.001
                low="Sample at Onsager's T_c, not above it, and average the nearest-neighbour "
                "product of the unblocked spins (level 0).",
                high="Sample at Onsager's T_c, not below it, and take level 0, the unblocked "
                "spins.",
            )
        )
    if "nn_exact" in answers:
        checks.append(
            _close(
                "nn_exact",
                answers["nn_exact"],
                exact_nn,
                rtol=1e-3,
                low="Use the 54×54 torus, L=54 (not the infinite lattice), at Onsager's T_c; "
                "the energy per spin is -2 <s s'>, two bonds per spin.",
                high="Halve minus the energy per spin: each spin has two bonds, E/N = -2 <s s'>.",
            )
        )
    if "depends_on_side" in answers:
        # Finite-size scaling at the fixed point of the majority rule: once blocked, the
        # lattice is (within errors) at the fixed point, and the only length left is L_k.
        checks.append(
            _flag_check(
                "depends_on_side",
                answers["depends_on_side"],
                True,
                "Compare the blocked levels of the two lattices where their sides L_k are "
                "equal, with the difference in units of the combined standard error.",
            )
        )
    return checks


@cache
def _tanh_edge():
    """sigma_w with chi_1 = 1 for tanh at sigma_b = 0.5, by a root of chi_1 - 1, and q* there."""

    def excess(sw):
        return float(criticality.fixed_point("tanh", sw, 0.5).chi1) - 1.0

    sw = float(optimize.brentq(excess, 1.0, 3.0, xtol=1e-12))
    return sw, float(criticality.fixed_point("tanh", sw, 0.5).q)


@_exercise(
    "ex-criticality-tanh-edge",
    sigma_w="sigma_w on the order-to-chaos boundary of tanh at sigma_b = 0.5",
    q_star="the fixed point q* of the length map there",
    chi1="chi_1 at that point (criticality.fixed_point)",
)
def _criticality_tanh_edge(answers):
    sw, q = _tanh_edge()
    checks = []
    if "sigma_w" in answers:
        checks.append(
            _close(
                "sigma_w",
                answers["sigma_w"],
                sw,
                rtol=0.005,
                low="Read the boundary at sigma_b = 0.5, not at sigma_b = 0 (interpolate "
                "sigma_w against sigma_b from order_chaos_boundary('tanh')).",
                high="Report sigma_w, not its square, at sigma_b = 0.5.",
            )
        )
    if "q_star" in answers:
        hint = (
            "q* is the fixed point of the length map at the boundary's sigma_w and "
            "sigma_b = 0.5: criticality.fixed_point('tanh', sigma_w, 0.5).q."
        )
        checks.append(_close("q_star", answers["q_star"], q, rtol=0.01, low=hint, high=hint))
    if "chi1" in answers:
        checks.append(
            _close(
                "chi1",
                answers["chi1"],
                1.0,
                atol=0.01,
                low="Evaluate chi_1 on the boundary itself, not in the ordered phase below it.",
                high="Evaluate chi_1 on the boundary itself, not in the chaotic phase above it.",
            )
        )
    return checks


# --------------------------------------------------------------------------- conclusion


@cache
def _window_fits():
    T = np.linspace(0.0, 0.9, 181)
    return {
        model: activations.fit_activation(T, activations.ordered_magnetization(T, model=model))
        for model in ("meanfield", "onsager")
    }


@_exercise(
    "ex-conclusion-open",
    rms_meanfield="the suggested example: RMS error of eq. (2) fitted to the mean-field branch "
    "on T < 0.9 T_c",
    rms_onsager="the RMS error of eq. (2) fitted to the exact 2D magnetisation on T < 0.9 T_c",
    onsager_fits_better="whether eq. (2) fits the exact magnetisation better there (True/False)",
)
def _conclusion_open(answers):
    # Only the suggested example is checked; another claim of the student's choice cannot be.
    fits = _window_fits()
    checks = []
    for model in ("meanfield", "onsager"):
        name = f"rms_{model}"
        if name in answers:
            checks.append(
                _close(
                    name,
                    answers[name],
                    fits[model].rms,
                    rtol=0.1,
                    low="Fit with b free on the whole window 0 <= T < 0.9 T_c (T_c = 1), and "
                    "check the model: 'meanfield' or 'onsager'.",
                    high="Restrict the fit to 0 <= T < 0.9 T_c (T_c = 1); the full range up to "
                    "2 T_c includes the corner at T_c. Leave b free.",
                )
            )
    if "onsager_fits_better" in answers:
        checks.append(
            _flag_check(
                "onsager_fits_better",
                answers["onsager_fits_better"],
                bool(fits["onsager"].rms < fits["meanfield"].rms),
                "Compare the two RMS errors on the same window.",
            )
        )
    return checks
