"""Tests of isingneuron.zoo: the activation catalogue and its measured shape properties."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from isingneuron import (
    elu,
    gelu,
    heaviside,
    logistic,
    mish,
    ordered_branch,
    ordered_magnetization,
    paper_activation,
    relu,
    softplus,
    spike_count,
    swish,
    tanh,
)
from isingneuron.zoo import (
    activation_properties,
    activation_zoo,
    derivative,
    property_table,
    spike_activation,
    voltage_activation,
    zoo_curves,
)

# ---------------------------------------------------------------- the paper's two functions


def test_voltage_activation_is_eq2_mirrored_and_a_logistic():
    V = np.linspace(-4.0, 3.0, 71)
    for a, Tc, b in [(6.0, 1.0, 1.0), (2.5, 1.3, 0.8)]:
        y = voltage_activation(V, a=a, Tc=Tc, b=b)
        assert_allclose(y, paper_activation(-V, a=a, Tc=Tc, b=b), rtol=0, atol=0)
        assert_allclose(y, 0.5 - 0.5 * np.tanh(a * (-V - b * Tc)), atol=1e-15)
        assert_allclose(y, 1.0 / (1.0 + np.exp(-2 * a * (V + b * Tc))), rtol=1e-14)


def test_spike_activation_equals_spike_count_for_quenches():
    Q = np.array([0.0, 0.2, 0.5, 1.0, 3.0, 50.0])
    for model in ("fit", "meanfield", "onsager"):
        assert_allclose(
            spike_activation(Q, T_bath=1.5, model=model),
            spike_count(Q, T_bath=1.5, model=model),
            rtol=0,
            atol=0,
        )


@pytest.mark.parametrize("model", ["fit", "meanfield", "onsager"])
@pytest.mark.parametrize("T_bath", [0.7, 1.5])
def test_spike_activation_continues_the_signed_integral(model, T_bath):
    # N(Q) = ∫_{T_bath - Q}^{T_bath} m(T) dT for Q < 0 as well (independent quadrature).
    def m(T):
        return float(ordered_magnetization(T, model=model))

    for Q in (-0.3, -1.0, -2.5):
        ref = quad(m, T_bath - Q, T_bath, points=[1.0], limit=200, epsabs=1e-13)[0]
        assert_allclose(spike_activation(Q, T_bath=T_bath, model=model), ref, atol=1e-10)


def test_spike_activation_heating_is_silent_above_tc_for_exact_branches():
    Q = np.array([-0.1, -1.0, -10.0])
    for model in ("meanfield", "onsager"):
        assert np.all(spike_activation(Q, T_bath=1.5, model=model) == 0.0)
    # eq. (2) never vanishes: a tiny negative count, bounded by the resting activity
    N = spike_activation(Q, T_bath=1.5)
    assert np.all(N < 0) and np.all(N > -np.log1p(np.exp(-6.0)) / 12.0 - 1e-15)


def test_spike_activation_is_the_shifted_softplus_everywhere():
    # eq. (2) count: N = [sp_2a(Q - θ) - sp_2a(-θ)] / r, θ = T_bath - b Tc (all real Q)
    Q = np.linspace(-3.0, 4.0, 141)
    a, T_bath, b, Tc, r = 6.0, 1.5, 0.9, 1.1, 0.7
    theta = T_bath - b * Tc
    ref = (softplus(Q - theta, beta=2 * a) - softplus(-theta, beta=2 * a)) / r
    got = spike_activation(Q, T_bath=T_bath, a=a, b=b, Tc=Tc, rate=r)
    assert_allclose(got, ref, atol=1e-13)


def test_spike_activation_slope_is_the_magnetisation():
    # dN/dQ = m(T_bath - Q) / r on both sides of Q = 0 (central differences, h = 1e-6)
    Q = np.array([-1.0, -0.2, 0.1, 0.45, 0.6, 0.9, 2.0])  # not at Tc, where m has a sqrt onset
    h = 1e-6
    for model in ("fit", "meanfield"):
        slope = (spike_activation(Q + h, model=model) - spike_activation(Q - h, model=model)) / (
            2 * h
        )
        assert_allclose(slope, ordered_magnetization(1.5 - Q, model=model), atol=1e-7)


# ---------------------------------------------------------------- the zoo


def test_zoo_lists_the_chapter_functions_in_order():
    fs = activation_zoo()
    assert list(fs) == [
        "Heaviside",
        "logistic",
        "tanh",
        "ReLU",
        "softplus",
        "ELU",
        "Swish",
        "GELU",
        "Mish",
        "eq. (2)",
        "spike count",
    ]
    x = np.array([-1e3, -1.0, 0.3, 1e3])
    for f in fs.values():
        assert np.all(np.isfinite(f(x)))
    assert_allclose(fs["spike count"](x), spike_activation(x), rtol=0, atol=0)
    fs2 = activation_zoo(a=2.0, Tc=0.5, T_bath=0.8)
    assert_allclose(fs2["eq. (2)"](x), paper_activation(-x, a=2.0, Tc=0.5))
    assert_allclose(fs2["spike count"](x[2:]), spike_count(x[2:], T_bath=0.8, Tc=0.5, a=2.0))


def test_derivative_matches_closed_forms():
    x = np.linspace(-2.0, 2.0, 9)
    assert_allclose(derivative(np.sin, x), np.cos(x), atol=1e-9)
    assert_allclose(derivative(np.sin, x, order=2), -np.sin(x), atol=2e-7)
    assert_allclose(derivative(np.exp, x, h=1e-3), np.exp(x), rtol=2e-7)
    assert isinstance(derivative(np.sin, 0.5), float)


def test_zoo_curves_slopes_satisfy_known_identities():
    x = np.linspace(-5.0, 5.0, 200)  # no grid point within h of 0
    fs = activation_zoo()
    c = zoo_curves({k: fs[k] for k in ("softplus", "tanh", "spike count", "Heaviside")}, x)
    assert c.values.shape == c.slopes.shape == (4, 200)
    assert c.names == ("softplus", "tanh", "spike count", "Heaviside")
    assert_allclose(c.slopes[0], logistic(x), atol=1e-9)  # softplus' = logistic
    assert_allclose(c.slopes[1], 1.0 - np.tanh(x) ** 2, atol=1e-9)
    assert_allclose(c.slopes[2], paper_activation(1.5 - x), atol=1e-9)  # N' = m(T_bath - Q)
    assert np.all(c.slopes[3] == 0.0)  # the delta at 0 falls between grid points


# ---------------------------------------------------------------- measured properties


def test_properties_of_the_logistic_and_tanh_match_closed_forms():
    p = activation_properties(logistic)
    assert (p.limit_minus, p.limit_plus, p.slope_plus) == (0.0, 1.0, 0.0)
    assert p.bounded_below and p.bounded_above and p.monotone
    assert p.point_symmetric and not p.levels_symmetric and not p.asymptotically_linear
    assert_allclose(p.max_slope, 0.25, rtol=1e-7)
    assert abs(p.argmax_slope) < 1e-9
    assert_allclose(p.max_curvature, 1 / (6 * np.sqrt(3)), rtol=1e-5)  # at ln(2 ± √3)
    assert_allclose(abs(p.argmax_curvature), np.log(2 + np.sqrt(3)), atol=1e-3)
    assert p.argmin == -np.inf and p.argmax == np.inf  # bounds approached at infinity

    t = activation_properties(tanh)
    assert (t.limit_minus, t.limit_plus) == (-1.0, 1.0)
    assert t.point_symmetric and t.levels_symmetric
    assert_allclose(t.max_slope, 1.0, rtol=1e-7)
    assert_allclose(t.max_curvature, 4 / (3 * np.sqrt(3)), rtol=1e-5)
    assert_allclose(abs(t.argmax_curvature), np.arctanh(1 / np.sqrt(3)), atol=1e-3)


def test_properties_detect_jumps_and_kinks():
    h = activation_properties(heaviside)
    assert h.max_slope == np.inf and h.max_curvature == np.inf
    assert abs(h.argmax_slope) <= 1e-3
    assert h.monotone and h.point_symmetric and h.bounded_below and h.bounded_above
    r = activation_properties(relu)
    assert_allclose(r.max_slope, 1.0, rtol=1e-12)
    assert r.max_curvature == np.inf and abs(r.argmax_curvature) <= 1e-3
    assert r.asymptotically_linear and r.bounded_below and not r.bounded_above
    assert (r.limit_minus, r.limit_plus, r.slope_plus) == (0.0, np.inf, 1.0)
    e = activation_properties(elu)  # the slope is continuous, the curvature jumps 1 -> 0
    assert np.isfinite(e.max_curvature)
    assert_allclose(e.max_curvature, 1.0, atol=2e-3)
    assert e.infimum == -1.0 and e.limit_minus == -1.0 and e.monotone
    s = activation_properties(softplus)
    assert_allclose(s.max_curvature, 0.25, rtol=1e-6)
    assert_allclose(s.max_slope, 1.0, rtol=1e-12)
    assert s.argmax_slope == np.inf


@pytest.mark.parametrize("f", [swish, gelu, mish])
def test_modern_rectifiers_dip_below_their_limit(f):
    ref = minimize_scalar(
        lambda x: float(f(x)), bounds=(-3.0, 0.0), method="bounded", options={"xatol": 1e-10}
    )
    p = activation_properties(f)
    assert not p.monotone
    assert p.bounded_below and p.limit_minus == 0.0
    assert_allclose(p.infimum, ref.fun, atol=1e-6)
    assert_allclose(p.argmin, ref.x, atol=1e-3)
    assert_allclose(p.largest_drop, -ref.fun, atol=1e-6)
    assert p.asymptotically_linear and p.slope_plus == 1.0


def test_properties_of_the_papers_functions():
    fs = activation_zoo()
    v = activation_properties(fs["eq. (2)"])
    assert_allclose(v.max_slope, 3.0, rtol=1e-6)  # a / 2
    assert_allclose(v.argmax_slope, -1.0, atol=1e-9)
    assert v.point_symmetric and not v.levels_symmetric and v.monotone
    n = activation_properties(fs["spike count"])
    assert n.monotone and n.bounded_below and n.asymptotically_linear and not n.point_symmetric
    assert_allclose(n.max_curvature, 3.0, rtol=1e-6)  # the corner is eq. (2)'s steepest slope
    assert_allclose(n.argmax_curvature, 0.5, atol=1e-3)  # at the threshold θ = T_bath - Tc
    assert_allclose(n.infimum, -np.log1p(np.exp(-6.0)) / 12.0, rtol=1e-6)


def test_properties_of_polynomials():
    sq = activation_properties(np.square)
    assert sq.bounded_below and not sq.bounded_above and sq.infimum == 0.0
    assert sq.limit_minus == np.inf and sq.limit_plus == np.inf
    assert not sq.monotone and not sq.asymptotically_linear
    cube = activation_properties(lambda x: x**3)
    assert not cube.bounded_below and not cube.bounded_above and cube.monotone
    assert cube.limit_minus == -np.inf and not cube.asymptotically_linear
    lin = activation_properties(lambda x: 2.0 * x)
    assert lin.asymptotically_linear and not lin.bounded_below
    assert_allclose(lin.slope_plus, 2.0)


# ---------------------------------------------------------------- bad input


def test_bad_input_raises():
    with pytest.raises(ValueError, match="f must be callable"):
        activation_properties(3.0)
    with pytest.raises(ValueError, match="x_max must be"):
        activation_properties(logistic, x_max=10.0)
    with pytest.raises(ValueError, match="h must be"):
        activation_properties(logistic, h=1.0)
    with pytest.raises(ValueError, match="f must return finite"):
        activation_properties(lambda x: np.where(x > 5.0, np.nan, x))
    with pytest.raises(ValueError, match="order must be 1 or 2"):
        derivative(np.sin, 0.0, order=3)
    with pytest.raises(ValueError, match="h must be"):
        derivative(np.sin, 0.0, h=-1.0)
    with pytest.raises(ValueError, match="Q must be finite"):
        spike_activation(np.nan)
    with pytest.raises(ValueError, match="T_bath must be a finite scalar"):
        spike_activation(1.0, T_bath=[1.0, 2.0])
    with pytest.raises(ValueError, match="model must be one of"):
        spike_activation(1.0, model="ising")
    with pytest.raises(ValueError, match="V must be finite"):
        voltage_activation(np.inf)
    with pytest.raises(ValueError, match="a must be"):
        activation_zoo(a=0.0)
    with pytest.raises(ValueError, match="functions must hold"):
        zoo_curves({}, [0.0])


def test_ordered_branch_is_the_meanfield_model():
    # guard: the "meanfield" model used above is the branch of eq. (1)
    T = np.array([0.2, 0.9, 1.2])
    assert_allclose(ordered_magnetization(T, model="meanfield"), ordered_branch(T))


def test_property_table_formats_every_column():
    props = {"tanh": activation_properties(tanh), "GELU": activation_properties(gelu)}
    lines = property_table(props).splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:3] == ["function", "f(-∞)", "inf"]
    assert lines[1].split() == ["tanh", "-1", "-1", "0", "yes", "1", "0.77", "yes", "yes"]
    assert lines[2].split() == ["GELU", "0", "-0.17", "1", "no", "1.129", "0.798", "no", "no"]
    md = property_table(props, markdown=True).splitlines()
    assert md[1] == "|---|---|---|---|---|---|---|---|---|"
    assert md[3] == "| GELU | 0 | -0.17 | 1 | no | 1.129 | 0.798 | no | no |"
    assert all(line.count("|") == 10 for line in md)  # no stray pipes in the headers
    tiny = property_table(
        {"N": activation_properties(activation_zoo()["spike count"])}
    ).splitlines()[1]
    assert tiny.split()[1:3] == ["-2.1e-4", "-2.1e-4"]
    part = property_table(props, markdown=True, columns=("max_slope", "monotone")).splitlines()
    assert part[0] == "| function | $\\max f'$ | monotone |"
    assert part[2] == "| tanh | 1 | yes |"
    with pytest.raises(ValueError, match="columns must be one of"):
        property_table(props, columns=("supremum",))
    with pytest.raises(ValueError, match="columns must name"):
        property_table(props, columns=())
    with pytest.raises(ValueError, match="must hold at least one"):
        property_table({})
    with pytest.raises(ValueError, match="must be an ActivationProperties"):
        property_table({"x": 1.0})
