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


def test_markdown_has_one_entry_per_row():
    rows = errata_rows()
    text = errata_markdown(rows)
    assert text.count("**§") == len(rows)
    assert text.count("\n---\n") == len(rows) - 1
    assert "{doc}`activation`" in text
    for r in rows:
        assert f"· `{r.id}` — {r.verdict}**" in text


def test_evidence_is_typeset():
    """Evidence is MyST with its formulas in $...$: no raw sub/superscripts outside math."""
    import re

    for r in errata_rows():
        outside = re.sub(r"\$[^$]*\$", "", r.evidence)
        assert outside.count("$") == 0, r.id
        assert not re.search(r"[A-Za-z)][_^][{A-Za-z0-9(]", outside), (r.id, outside)
        assert not re.search(r"\\[A-Za-z]", outside), (r.id, outside)


def test_lattice_energy_per_spin():
    up = np.ones((4, 4))
    checker = np.indices((4, 4)).sum(axis=0) % 2 * 2 - 1
    assert lattice_energy_per_spin(up) == -2.0
    assert lattice_energy_per_spin(-up) == -2.0
    assert lattice_energy_per_spin(checker) == 2.0
    assert lattice_energy_per_spin(checker, J=-1.0) == -2.0
    with pytest.raises(ValueError, match="spins must be"):
        lattice_energy_per_spin(np.zeros((3, 3)))


def test_claims_that_rest_on_a_computed_row_share_its_verdict():
    from isingneuron.verification import paper_claims

    computed = {r.id: r.verdict for r in errata_rows()}
    linked = [c for c in paper_claims() if c.errata_id is not None]
    assert len(linked) >= 10
    for c in linked:
        assert c.verdict == computed[c.errata_id], c.claim


def test_claims_are_well_formed_and_counted():
    from isingneuron.verification import paper_claims, verdict_counts

    claims = paper_claims()
    assert all(c.verdict in symbolic.VERDICTS for c in claims)
    sections, counts = verdict_counts(claims)
    assert sections[0] == "I" and sections[-1] == "IV"
    assert counts.sum() == len(claims) and counts.shape == (len(sections), 4)


def test_conclusion_table_matches_the_claims():
    # The conclusion chapter's table must list exactly these verdicts, in order.
    import json
    from pathlib import Path

    from isingneuron.verification import paper_claims

    nb = Path(__file__).resolve().parents[1] / "book" / "conclusion.ipynb"
    text = "".join(
        "".join(c["source"])
        for c in json.loads(nb.read_text())["cells"]
        if c["cell_type"] == "markdown"
    )
    rows = [line for line in text.splitlines() if line.startswith("| ") and "**" in line]
    verdicts = [line.split("**")[1] for line in rows]
    assert verdicts == [c.verdict for c in paper_claims()]
