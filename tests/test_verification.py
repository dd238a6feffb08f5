import numpy as np
import pytest

from isingneuron import symbolic
from isingneuron.verification import errata_markdown, errata_rows, lattice_energy_per_spin


def test_rows_have_valid_verdicts_and_chapters():
    rows = errata_rows()
    assert len({r.id for r in rows}) == len(rows)
    assert all(r.verdict in symbolic.VERDICTS for r in rows)
    assert {r.where for r in rows} <= {"meanfield", "activation"}


def test_key_verdicts_are_computed():
    v = {r.id: r.verdict for r in errata_rows()}
    assert v["tanh-integral"] == "holds with a correction"
    assert v["fig2-a6"] == "loose"
    assert v["fig2-b"] == "holds"
    assert v["m=-1"] == "does not hold"
    assert v["eq1"] == "holds"


def test_markdown_table_has_one_line_per_row():
    rows = errata_rows()
    table = errata_markdown(rows)
    assert table.count("\n") == len(rows) + 1
    assert "{doc}`activation`" in table


def test_lattice_energy_per_spin():
    up = np.ones((4, 4))
    checker = np.indices((4, 4)).sum(axis=0) % 2 * 2 - 1
    assert lattice_energy_per_spin(up) == -2.0
    assert lattice_energy_per_spin(-up) == -2.0
    assert lattice_energy_per_spin(checker) == 2.0
    assert lattice_energy_per_spin(checker, J=-1.0) == -2.0
    with pytest.raises(ValueError, match="spins must be"):
        lattice_energy_per_spin(np.zeros((3, 3)))
