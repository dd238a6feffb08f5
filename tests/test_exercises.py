"""check_answer: each checker accepts the book's answer, rejects the usual mistakes with a
direction, never prints its reference, and validates what it is given; and every
computational exercise of the book has a checker that its text points to.

The correct answers are computed here by the route of the book's solution or, where one
exists, by an independent closed form, not taken from the checkers' references.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from numpy.polynomial import legendre
from scipy import optimize, stats

import isingneuron as isn
from isingneuron import criticality, exercises, learning, membrane, population
from isingneuron.booktools import data_path

BOOK = Path(__file__).resolve().parents[1] / "book"
TC = 2.0 / math.log(1.0 + math.sqrt(2.0))  # Onsager


# --------------------------------------------------------------------------- correct answers


def _smooth_target():
    # the best polynomial of e^x on [-1, 1] by least squares on a fine grid; the first
    # neglected Legendre term by Gauss-Legendre quadrature of its coefficient
    x = np.linspace(-1.0, 1.0, 20001)
    out = {}
    for k in (2, 3):
        p = legendre.Legendre.fit(x, np.exp(x), k)
        out[f"plateau_z{k}"] = float(np.sqrt(np.mean((np.exp(x) - p(x)) ** 2)))
        n = k + 1
        nodes, weights = legendre.leggauss(40)
        P_n = legendre.Legendre.basis(n)(nodes)
        coefficient = (2 * n + 1) / 2 * np.sum(weights * np.exp(nodes) * P_n)
        out[f"estimate_z{k}"] = abs(coefficient) / math.sqrt(2 * n + 1)  # RMS of P_n
    return out


def _magnet_stripe_fraction():
    small = membrane.quench_outcomes(32, n_runs=400, T=0.0, rng=23)  # the book's solution
    return {"p_stripes": small.fraction_stripes, "standard_error": small.fraction_stripes_error}


def _meanfield_peak():
    # the book's solution: 16 temperatures of 4000 sweeps, a weighted parabola
    T = np.round(np.arange(2.17, 2.471, 0.02), 2)
    scan = isn.scan_temperatures(16, T, 4_000, rng=16)
    c, err = scan.specific_heat, scan.specific_heat_err
    p, cov = np.polyfit(T, c, 2, w=1 / err, cov="unscaled")
    chi2 = float(np.sum(((np.polyval(p, T) - c) / err) ** 2))
    grad = np.array([p[1] / (2 * p[0] ** 2), -1 / (2 * p[0]), 0.0])
    se = float(np.sqrt(grad @ cov @ grad * max(1.0, chi2 / (T.size - 3))))
    fine = np.linspace(2.30, 2.34, 4001)  # the exact peak on a grid of step 1e-5
    exact_peak = fine[np.argmax(isn.exact.specific_heat(fine, 16))]
    return {
        "T_peak": -p[1] / (2 * p[0]),
        "T_peak_standard_error": se,
        "T_peak_exact": float(exact_peak),
    }


def _activation_rest():
    # N(Q)/Q -> m(T_bath): eq. (2) in closed form, the mean-field root of m = tanh(m/T)
    m_eq2 = 0.5 - 0.5 * math.tanh(6.0 * (0.8 - 1.0))
    m_mf = optimize.brentq(lambda m: m - math.tanh(m / 0.8), 0.1, 1.0, xtol=1e-14)
    return {"N_over_Q_eq2": m_eq2, "N_over_Q_meanfield": m_mf}


def _activation_onsager():
    # eq. (2) fitted by scipy to Yang's magnetisation on the chapter's grid
    T = np.linspace(0.0, 2.0, 401)
    t = np.clip(T, 0.05, None) * TC  # in units of J/k_B; m = 1 to rounding below
    m = np.where(T < 1.0, np.clip(1.0 - np.sinh(2.0 / t) ** -4, 0.0, None) ** 0.125, 0.0)

    def eq2(T, a, b):
        return 0.5 - 0.5 * np.tanh(a * (T - b))

    (a, b), _ = optimize.curve_fit(eq2, T, m, p0=(40.0, 1.0))
    return {"a": a, "b": b, "rms": float(np.sqrt(np.mean((eq2(T, a, b) - m) ** 2)))}


def _population_silent_noise():
    # ReLU of X - theta is silent below theta + delta; eq. (2) of X is silent where
    # m(1.5 - X) <= 0.01; the silent fraction of N(mu, sigma^2) inputs is Phi((edge - mu)/sigma)
    edge_relu = 0.5 + 0.01
    T_silent = optimize.brentq(lambda T: 0.5 - 0.5 * math.tanh(6.0 * (T - 1.0)) - 0.01, 0, 3)
    edge_eq2 = 1.5 - T_silent
    return {
        "edge_relu": edge_relu,
        "edge_eq2": edge_eq2,
        "silent_relu": stats.norm.cdf((edge_relu - 0.25) / 1.0),
        "silent_eq2": stats.norm.cdf((edge_eq2 - 0.25) / 1.0),
    }


def _population_sparseness_crossing():
    # the chapter's grid of mean inputs, interpolated
    mu = np.linspace(0.0, 1.5, 61)
    cross = {}
    for name, act in (("meanfield", "meanfield"), ("relu", "relu"), ("eq2_count", "fit")):
        a = population.response_moments(mu, sigma=0.25, activation=act, T_bath=1.5).sparseness
        cross[f"mu_half_{name}"] = float(np.interp(0.5, a, mu))
    cross["fraction_firing"] = stats.norm.cdf((cross["mu_half_meanfield"] - 0.5) / 0.25)
    return cross


@cache
def _digits():
    T = np.linspace(0.0, 2.0, 401)
    fit = isn.fit_activation(T, isn.ordered_branch(T), fit_b=True)
    data = learning.load_digits_split(rng=0)
    return fit, data, learning.init_params(64, 32, 10, rng=0)


def _learning_gradient():
    # the book's solution: the spike-count unit, one random direction
    fit, data, params0 = _digits()
    act = learning.make_activation("spikes", a=fit.a, b=fit.b, Tc=1.0, T_bath=1.5)
    rng = np.random.default_rng(1)
    v = {k: rng.normal(size=p.shape) for k, p in params0.items()}
    X, y = data.X_train, data.y_train
    _, grads = learning.loss_and_grad(params0, X, y, act)
    slope = sum(np.sum(grads[k] * v[k]) for k in params0)

    def error(eps):
        plus = {k: p + eps * v[k] for k, p in params0.items()}
        minus = {k: p - eps * v[k] for k, p in params0.items()}
        central = (
            learning.loss_and_grad(plus, X, y, act)[0] - learning.loss_and_grad(minus, X, y, act)[0]
        ) / (2 * eps)
        return abs(central - slope) / abs(slope)

    return {"relative_error": error(1e-5), "growth_factor": error(2e-5) / error(1e-5)}


def _learning_meanfield():
    # the slope and the sum in closed form; the ratio by the book's route, SK at beta = 0.01
    sk = learning.random_network(12, coupling=1.0, field=0.5, n_instances=20, rng=7)
    beta = 0.01
    error = (
        learning.solve_meanfield(sk.J, sk.h, beta=beta).m
        - learning.exact_moments(sk.J, sk.h, beta=beta).m
    )
    predicted = beta**3 * sk.h * np.sum(sk.J**2, axis=-1)
    return {
        "slope": 3.0,
        "sum_J2_uniform": 11 * (1 / 12) ** 2,
        "leading_order_ratio": float(np.sqrt(np.mean(error**2) / np.mean(predicted**2))),
    }


def _learning_steepness():
    # the book's solution: seed 0, Adam step 3e-3, 15 epochs, a = 1/2 and the fitted a
    fit, data, params0 = _digits()
    Z0 = data.X_train @ params0["W1"] + params0["b1"]
    runs = {}
    for a in (0.5, fit.a):
        act = learning.make_activation("ising", a=a, b=fit.b)
        run = learning.train_mlp(data, act, seeds=[0], lr=3e-3, epochs=15)
        runs[a] = (np.mean(act.df(Z0) < 0.1 * a / 2), run.train_loss[0], run.test_accuracy[0, -1])
    main = learning.load_comparison(data_path("learning_experiment.npz"))["lr=0.003"]
    steep, wide = runs[fit.a], runs[0.5]
    return {
        "flat_start_steep": steep[0],
        "flat_start_wide": wide[0],
        "flat_slows_learning": bool(steep[1][1] > wide[1][1] or steep[1][-1] > wide[1][-1]),
        "one_seed_decides": bool(abs(steep[2] - wide[2]) > 2 * main.final("ising").std(ddof=1)),
    }


def _criticality_drift():
    # the book's solution with another seed
    conf = criticality.sample_configurations(54, TC, 1024, n_between=4, clusters_per_sweep=5, rng=7)
    nn = criticality.block_spin_flow(conf, 3).nn[:, 0]
    return {
        "nn_level0": nn.mean(),
        "standard_error": nn.std(ddof=1) / math.sqrt(nn.size),
        "nn_exact": -isn.exact.energy(TC, L=54) / 2,
        "depends_on_side": True,
    }


def _criticality_tanh_edge():
    # the book's route: interpolate the tabulated boundary
    sb, sw, _ = criticality.order_chaos_boundary("tanh")
    w = float(np.interp(0.5, sb, sw))
    fp = criticality.fixed_point("tanh", w, 0.5)
    return {"sigma_w": w, "q_star": float(fp.q), "chi1": float(fp.chi1)}


def _conclusion_open():
    T = np.linspace(0.0, 0.9, 91)  # a coarser grid than the book's
    rms = {
        m: isn.fit_activation(T, isn.ordered_magnetization(T, model=m)).rms
        for m in ("meanfield", "onsager")
    }
    return {
        "rms_meanfield": rms["meanfield"],
        "rms_onsager": rms["onsager"],
        "onsager_fits_better": bool(rms["onsager"] < rms["meanfield"]),
    }


CORRECT = {
    "ex-meanfield-gamma": lambda: {"gamma_above": 1.0, "gamma_below": 1.0, "amplitude_ratio": 2.0},
    "ex-learning-gradient": _learning_gradient,
    "ex-intro-smooth-target": _smooth_target,
    "ex-intro-leaky": lambda: {
        "bounded_below": False,
        "slope_minus": 0.01,
        "asymptotically_linear": True,
        "universal": True,
    },
    "ex-magnet-stripe-fraction": _magnet_stripe_fraction,
    "ex-magnet-field": lambda: {"h_star": TC / (2 * 32**2), "h_reliable": 0.03},
    "ex-meanfield-peak": _meanfield_peak,
    "ex-activation-rest": _activation_rest,
    "ex-activation-onsager": _activation_onsager,
    "ex-population-silent-noise": _population_silent_noise,
    "ex-population-sparseness-crossing": _population_sparseness_crossing,
    "ex-learning-meanfield": _learning_meanfield,
    "ex-learning-steepness": _learning_steepness,
    "ex-criticality-drift": _criticality_drift,
    "ex-criticality-tanh-edge": _criticality_tanh_edge,
    "ex-conclusion-open": _conclusion_open,
}


@cache
def correct(label):
    return CORRECT[label]()


# Typical mistakes: {label: {quantity: (function of the correct answers, expected verdict)}}.
# Each is submitted together with the other correct answers (a Monte Carlo value with its
# standard error).
WRONG = {
    "ex-meanfield-gamma": {
        "gamma_above": (lambda c: 1.75, "too high"),  # the 2D Ising exponent
        "gamma_below": (lambda c: 0.5, "too low"),
        "amplitude_ratio": (lambda c: 0.5, "too low"),  # A-/A+
    },
    "ex-learning-gradient": {
        "relative_error": (lambda c: 3e-4, "not below"),  # ReLU's kink
        "growth_factor": (lambda c: 2.0, "too low"),  # a first-order difference
    },
    "ex-intro-smooth-target": {
        "plateau_z2": (lambda c: c["plateau_z3"], "too low"),  # degrees swapped
        "plateau_z3": (lambda c: math.sqrt(2) * c["plateau_z3"], "too high"),  # L2, not RMS
        "estimate_z2": (lambda c: math.sqrt(7) * c["estimate_z2"], "too high"),  # coefficient
        "estimate_z3": (lambda c: c["estimate_z3"] / 10, "too low"),  # one term too far
    },
    "ex-intro-leaky": {
        "bounded_below": (lambda c: True, "not what"),
        "slope_minus": (lambda c: 1.0, "too high"),  # the slope at +inf
        "asymptotically_linear": (lambda c: False, "not what"),
        "universal": (lambda c: False, "not what"),
    },
    "ex-magnet-stripe-fraction": {
        "p_stripes": (lambda c: 1 - c["p_stripes"], "too high"),  # the ordered fraction
        "standard_error": (lambda c: 20 * c["standard_error"], "too high"),  # not / n
    },
    "ex-magnet-field": {
        "h_star": (lambda c: 2 * c["h_star"], "too high"),  # Tc/N
        "h_reliable": (lambda c: 0.01, "too low"),
    },
    "ex-meanfield-peak": {
        "T_peak": (lambda c: TC, "too low"),  # Onsager's Tc
        "T_peak_exact": (lambda c: TC, "too low"),
    },
    "ex-activation-rest": {
        "N_over_Q_eq2": (lambda c: 0.0, "too low"),  # silent as above Tc
        "N_over_Q_meanfield": (
            lambda c: isn.spike_count(0.1, T_bath=0.8, model="meanfield") / 0.1,
            "too high",
        ),  # at Q = 0.1
    },
    "ex-activation-onsager": {
        "a": (lambda c: 5.98, "too low"),  # the mean-field fit
        "b": (lambda c: 1.0, "too high"),  # b fixed
        "rms": (lambda c: 1.075 * c["rms"], "too high"),  # the mean-field fit's error
    },
    "ex-population-silent-noise": {
        "edge_relu": (lambda c: 0.5, "too low"),  # the threshold, not the silent edge
        "edge_eq2": (lambda c: 0.51, "too high"),
        "silent_relu": (lambda c: stats.norm.cdf(0.25), "too low"),  # fraction exactly zero
        "silent_eq2": (lambda c: 0.0, "too low"),
    },
    "ex-population-sparseness-crossing": {
        "mu_half_meanfield": (lambda c: 0.5, "too low"),  # half firing
        "mu_half_relu": (lambda c: c["mu_half_meanfield"], "too high"),
        "mu_half_eq2_count": (lambda c: 0.3859, "too low"),  # activation="eq2"
        "fraction_firing": (lambda c: 0.5, "too low"),
    },
    "ex-learning-meanfield": {
        "slope": (lambda c: 2.0, "too low"),
        "sum_J2_uniform": (lambda c: 1 / 12, "too high"),  # diagonal counted
        "leading_order_ratio": (lambda c: 100.0, "too high"),  # beta squared
    },
    "ex-learning-steepness": {
        "flat_start_steep": (lambda c: 0.92, "too high"),  # after training
        "flat_start_wide": (lambda c: 1.0, "too high"),  # the steep unit's peak
        "flat_slows_learning": (lambda c: not c["flat_slows_learning"], "not what"),
        "one_seed_decides": (lambda c: not c["one_seed_decides"], "not what"),
    },
    "ex-criticality-drift": {
        "nn_level0": (lambda c: 2 * c["nn_level0"], "too high"),  # minus the energy
        "nn_exact": (lambda c: math.sqrt(2) / 2, "too low"),  # the infinite lattice
        "depends_on_side": (lambda c: False, "not what"),
    },
    "ex-criticality-tanh-edge": {
        "sigma_w": (lambda c: c["sigma_w"] ** 2, "too high"),
        "q_star": (lambda c: 0.9 * c["q_star"], "too low"),
        "chi1": (lambda c: 0.7, "too low"),
    },
    "ex-conclusion-open": {
        "rms_meanfield": (lambda c: 0.0421, "too high"),  # the whole range
        "rms_onsager": (lambda c: 0.0392, "too high"),
        "onsager_fits_better": (lambda c: False, "not what"),
    },
}

LABELS = sorted(exercises.exercise_questions())
PAIRS = {
    "T_peak": "T_peak_standard_error",
    "nn_level0": "standard_error",
    "p_stripes": "standard_error",
}


# standard errors that only qualify their estimate and get no verdict of their own
SE_ONLY = {
    "ex-meanfield-peak": {"T_peak_standard_error"},
    "ex-criticality-drift": {"standard_error"},
}


def test_every_checker_has_a_correct_and_a_wrong_answer():
    assert sorted(CORRECT) == LABELS
    assert sorted(WRONG) == LABELS
    for label in LABELS:
        questions = set(exercises.exercise_questions(label))
        assert set(correct(label)) == questions, label
        assert set(WRONG[label]) == questions - SE_ONLY.get(label, set()), label


@pytest.mark.parametrize("label", LABELS)
def test_the_books_answer_passes(label):
    feedback = isn.check_answer(label, **correct(label))
    assert feedback.passed, str(feedback)
    checked = [c.quantity for c in feedback.checks]
    questions = exercises.exercise_questions(label)
    assert checked == [q for q in questions if q not in SE_ONLY.get(label, set())]
    text = str(feedback)
    assert text.startswith(f"{label}:\n") and "✗" not in text
    assert text.count("✓") == len(checked)


def _submit_wrong(label, quantity):
    answers = dict(correct(label))
    make, _ = WRONG[label][quantity]
    answers[quantity] = make(answers)
    return isn.check_answer(label, **answers)


@pytest.mark.parametrize(
    "label, quantity", [(label, q) for label in LABELS for q in WRONG.get(label, {})]
)
def test_a_typical_mistake_fails_with_a_direction(label, quantity):
    feedback = _submit_wrong(label, quantity)
    verdict = {c.quantity: c for c in feedback.checks}[quantity]
    assert not verdict.passed and not feedback.passed
    assert verdict.message.startswith(WRONG[label][quantity][1]), verdict.message
    assert len(verdict.message) > 40, "a failing check gives a hint"
    others = [c for c in feedback.checks if c.quantity != quantity]
    assert all(c.passed for c in others), str(feedback)


def _formatted(x):
    """`x` with 2, 3 and 4 significant digits, as a careless message might print it."""
    out = set()
    for d in (2, 3, 4):
        out |= {f"{x:#.{d}g}", f"{x:.{d}g}", f"{x:.{d - 1}e}"}
    return {s for s in out if len(s) >= 3}  # "1" or "3" would be found in any text


def test_formatted_reference():
    assert {"0.71", "0.713", "0.7129", "7.13e-01"} <= _formatted(0.71287)
    assert "3.0" in _formatted(3.0)


@pytest.mark.parametrize("label", LABELS)
def test_no_message_reveals_the_reference(label):
    answers = correct(label)
    references = [v for v in answers.values() if not isinstance(v, bool)]
    if label == "ex-magnet-stripe-fraction":
        references = [1 / 3]  # the literature value; the standard error is the student's own
    if label in ("ex-meanfield-peak", "ex-criticality-drift"):
        references = [answers["T_peak_exact" if "T_peak" in answers else "nn_exact"]]
    messages = [c.message for c in isn.check_answer(label, **answers).checks]
    for quantity in WRONG[label]:
        messages += [c.message for c in _submit_wrong(label, quantity).checks]
    for ref in references:
        for s in _formatted(float(ref)):
            leaks = [m for m in messages if s in m]
            assert not leaks, f"{label}: {s!r} (reference {ref!r}) in {leaks[0]!r}"


# --------------------------------------------------------------------------- validation


def test_unknown_exercise_and_no_answer():
    with pytest.raises(ValueError, match="exercise must be .* got 'ex-nonsense'"):
        isn.check_answer("ex-nonsense", x=1.0)
    with pytest.raises(ValueError, match="exercise must be"):
        isn.check_answer(3, x=1.0)
    with pytest.raises(ValueError, match="at least one answer for ex-meanfield-gamma"):
        isn.check_answer("ex-meanfield-gamma")


@pytest.mark.parametrize("label", LABELS)
def test_unknown_quantity_is_named(label):
    with pytest.raises(ValueError, match=f"{label} has no quantity banana"):
        isn.check_answer(label, banana=1.0)


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("bad", [np.nan, np.inf, "0.5", [0.5, 0.6], None])
def test_bad_values_are_named(label, bad):
    for quantity in exercises.exercise_questions(label):
        answers = dict(correct(label))
        answers[quantity] = bad
        with pytest.raises(ValueError, match=rf"^{quantity}\b"):
            isn.check_answer(label, **answers)


def test_a_flag_is_not_a_number_and_a_number_not_a_flag():
    with pytest.raises(ValueError, match="universal must be True or False"):
        isn.check_answer("ex-intro-leaky", universal=1)
    with pytest.raises(ValueError, match="slope_minus must be a finite real number"):
        isn.check_answer("ex-intro-leaky", slope_minus=True)


@pytest.mark.parametrize("value, error", PAIRS.items())
def test_a_monte_carlo_value_comes_with_its_standard_error(value, error):
    label = next(lbl for lbl in LABELS if value in exercises.exercise_questions(lbl))
    answers = correct(label)
    with pytest.raises(ValueError, match=f"^{error} is needed with {value}"):
        isn.check_answer(label, **{value: answers[value]})
    with pytest.raises(ValueError, match=f"^{value} is needed with {error}"):
        isn.check_answer(label, **{error: answers[error]})
    with pytest.raises(ValueError, match=f"^{error} must be finite and > 0"):
        isn.check_answer(label, **{value: answers[value], error: -answers[error]})


def test_a_fraction_is_in_the_unit_interval():
    with pytest.raises(ValueError, match=r"p_stripes must be a fraction in \[0, 1\]"):
        isn.check_answer("ex-magnet-stripe-fraction", p_stripes=36.8, standard_error=2.4)


def test_the_field_must_be_one_of_the_grid():
    check = isn.check_answer("ex-magnet-field", h_reliable=0.04).checks[0]
    assert not check.passed and check.message.startswith("not one of the fields")
    for h in (0.02, 0.03, 0.05):  # the threshold is uncertain by a step of the grid
        assert isn.check_answer("ex-magnet-field", h_reliable=h).passed
    assert not isn.check_answer("ex-magnet-field", h_reliable=0.0).passed


def test_a_reasonable_variant_passes():
    # another grid for the exact 2D fit, a rounded stripe fraction, N/Q at Q = 1e-2
    T = np.linspace(0.0, 2.0, 1001)
    fit = isn.fit_activation(T, isn.ordered_magnetization(T, model="onsager"))
    assert isn.check_answer("ex-activation-onsager", a=fit.a, b=fit.b, rms=fit.rms).passed
    rest = {
        "N_over_Q_eq2": isn.spike_count(1e-2, T_bath=0.8) / 1e-2,
        "N_over_Q_meanfield": isn.spike_count(1e-2, T_bath=0.8, model="meanfield") / 1e-2,
    }
    assert isn.check_answer("ex-activation-rest", **rest).passed
    assert isn.check_answer("ex-conclusion-open", rms_meanfield=0.0050, rms_onsager=0.0007).passed


# --------------------------------------------------------------------------- the book

DIFFICULTY = re.compile(r"\*Difficulty [★☆]{3} · about \d+ min · ([^*]+)\*")


def _book_exercises():
    found = {}
    for path in sorted(BOOK.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            src = "".join(cell["source"])
            pattern = r"```\{exercise\}[^\n]*\n:label: (\S+)\n(.*?)\n```\n"
            for m in re.finditer(pattern, src, re.S):
                kind = DIFFICULTY.search(m.group(2))
                found[m.group(1)] = (kind.group(1) if kind else "", m.group(2))
    return found


def test_every_computational_exercise_has_a_checker_it_points_to():
    book = _book_exercises()
    computational = {lbl for lbl, (kind, _) in book.items() if "computational" in kind}
    assert len(computational) >= 16
    assert computational == set(LABELS), "one checker per computational exercise"
    for label in computational:
        text = book[label][1]
        assert f'check_answer("{label}"' in text, f"{label}: the exercise does not point to it"
        for quantity in exercises.exercise_questions(label):
            assert f"{quantity}=…" in text, f"{label}: {quantity} not in the exercise's call"


def test_exercise_questions():
    everything = exercises.exercise_questions()
    assert sorted(everything) == LABELS
    assert everything["ex-magnet-field"] == exercises.exercise_questions("ex-magnet-field")
    with pytest.raises(ValueError, match="exercise must be"):
        exercises.exercise_questions("nope")


def test_an_inflated_standard_error_is_not_judged():
    """A huge standard error would make any value 'consistent': it fails instead."""
    fb = isn.check_answer("ex-meanfield-peak", T_peak=4.0, T_peak_standard_error=1.0)
    assert not fb.passed and "not judged" in str(fb)
    fb = isn.check_answer("ex-criticality-drift", nn_level0=0.5, standard_error=0.5)
    assert not fb.passed and "not judged" in str(fb)


def test_a_sign_slip_in_gamma_gets_its_own_hint():
    fb = isn.check_answer("ex-meanfield-gamma", gamma_above=-1.0)
    assert not fb.passed and "minus the exponent" in str(fb)
    assert "minus the exponent" not in str(isn.check_answer("ex-meanfield-gamma", gamma_above=0.9))
