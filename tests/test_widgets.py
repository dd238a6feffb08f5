"""The explorers build, redraw without error, and their imports stay lazy."""

import subprocess
import sys

import matplotlib
import pytest

matplotlib.use("Agg")
pytest.importorskip("ipywidgets")

import matplotlib.pyplot as plt  # noqa: E402

from isingneuron import widgets  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


EXPLORERS = [
    (widgets.free_energy_explorer, {"T": 0.7, "h": 0.05}),
    (widgets.activation_fit_explorer, {"a": 3.0, "b": 0.9}),
    (widgets.quench_explorer, {"Q": 1.0, "T_bath": 1.2, "rate": 2.0, "model": "onsager"}),
    (widgets.lattice_explorer, {"T": 0.9}),
]


@pytest.mark.parametrize(("make", "values"), EXPLORERS)
def test_explorer_redraws(make, values):
    ui = make() if make is not widgets.lattice_explorer else make(L=16, n_sweeps=20)
    names = {c.description.split(" ")[0] for c in ui.children[:-1]}
    assert len(names) == len(values)
    ui.f(**values)  # the redraw function runs with new slider values
    for child, v in zip(ui.children[:-1], values.values(), strict=True):
        child.value = v  # moving a slider triggers a redraw without error


@pytest.mark.parametrize(
    "static",
    [
        widgets.static_free_energy,
        widgets.static_activation_fit,
        widgets.static_quench,
        lambda: widgets.static_lattice(L=16, n_sweeps=20),
    ],
)
def test_static_small_multiples(static):
    fig = static()
    assert len(fig.axes) >= 3
    assert sum(bool(ax.get_title()) for ax in fig.axes) >= 3  # one titled panel per value


def test_numerics_do_not_import_widgets_or_matplotlib():
    code = (
        "import sys, isingneuron; "
        "bad = [m for m in ('ipywidgets', 'matplotlib') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
