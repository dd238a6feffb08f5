"""Check your answer: feedback on the computational exercises without the answers.

Every computational exercise of the book has an entry here. A student passes the numbers
they computed by keyword, and :func:`check_answer` says, quantity by quantity, whether each
lies within the stated tolerance of a reference that this module computes with the package
(or, for a Monte Carlo estimate, whether it agrees within a few of the student's own standard
errors). A wrong value gets a direction ("too high") and a hint about the usual mistake; the
reference itself is never printed. It is in the source, of course: this is feedback for a
student who wants it, not an examination.

:func:`exercise_questions` lists what each exercise's checker accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import _validation as _v

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
    """A submitted number: a finite real scalar."""
    if isinstance(x, bool):
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


def _consistent(name, value, standard_error, reference, *, n_sigma=3.0, low="", high=""):
    """A Monte Carlo estimate with its standard error against an exact reference."""
    value = _value(name, value)
    se = _v.positive_scalar(f"{name} standard error", standard_error)
    z = (value - reference) / se
    said = f"|difference| < {n_sigma:g} of your standard errors"
    if abs(z) <= n_sigma:
        return Check(name, True, f"consistent with the exact value ({said})")
    direction, hint = ("too high", high) if z > 0 else ("too low", low)
    return Check(name, False, f"{direction}: not consistent ({said} fails). {hint}".rstrip())


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
            checks.append(_close(side, answers[side], 1.0, rtol=0.01, low=window, high=window))
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
