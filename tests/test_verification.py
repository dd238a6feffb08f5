import re

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


def test_every_claim_rests_on_existing_evidence_and_its_verdict_is_computed():
    from isingneuron.verification import (
        VERDICT_ORDER,
        combine_verdicts,
        evidence_rows,
        paper_claims,
    )

    index = {r.id: r for r in evidence_rows()}
    assert len(index) == len(evidence_rows())
    for c in paper_claims():
        assert len(c.evidence_ids) >= 1, c.claim
        assert all(i in index for i in c.evidence_ids), c.claim
        worst = max((index[i].verdict for i in c.evidence_ids), key=VERDICT_ORDER.index)
        assert c.verdict == worst == combine_verdicts(index[i].verdict for i in c.evidence_ids)
    # every errata row is an evidence row with the same verdict
    for r in errata_rows():
        assert index[r.id].verdict == r.verdict


def test_evidence_rows_are_well_formed():
    from isingneuron.verification import EVIDENCE_KINDS, evidence_rows

    for r in evidence_rows():
        assert r.kind in EVIDENCE_KINDS and r.verdict in symbolic.VERDICTS, r.id
        assert r.section and r.where and r.statement and r.finding, r.id
        if r.kind == "bibliographic":
            # a stated judgment must name its source: author and year
            assert r.source and re.search(r"[A-Z][a-z]+.* (19|20)\d\d", r.source), r.id
        else:
            assert r.source is None, r.id


def test_combine_verdicts_is_worst_of_and_rejects_bad_input():
    from isingneuron.verification import combine_verdicts

    assert combine_verdicts(["holds"]) == "holds"
    assert combine_verdicts(["holds", "holds with a correction"]) == "holds with a correction"
    assert combine_verdicts(["loose", "holds with a correction"]) == "loose"
    assert combine_verdicts(["does not hold", "loose", "holds"]) == "does not hold"
    with pytest.raises(ValueError, match="verdicts must"):
        combine_verdicts([])
    with pytest.raises(ValueError, match="verdicts must"):
        combine_verdicts(["fine"])


def test_corrected_claims():
    """Issue 11, part 4: the verdicts that follow from the evidence rows."""
    from isingneuron.verification import evidence_rows, paper_claims

    claims = paper_claims()

    def claim(start):
        (found,) = [c for c in claims if c.claim.startswith(start)]
        return found

    v = {r.id: r.verdict for r in evidence_rows()}
    mf = claim("mean-field Hamiltonian")
    assert {"H-bond-sum", "H_MF", "Z-definition", "Z-closed-form", "F"} <= set(mf.evidence_ids)
    assert v["H-bond-sum"] == v["Z-definition"] == v["Z-closed-form"] == "loose"
    assert mf.verdict == "loose"
    assert claim("artificial neurones").verdict == "loose"
    elu = claim("with $C = -\\alpha$ it reproduces")
    assert elu.evidence_ids == ("elu-bound", "elu-linear-branch") and elu.verdict == "loose"
    spikes = claim("stronger inputs")
    assert v["linear-growth"] == "holds with a correction" == spikes.verdict


def test_elu_needs_the_single_alpha_half_ln2():
    import sympy as sp

    ec = symbolic.elu_comparison()
    half = sp.log(2) / 2
    assert ec.matching_alpha == sp.FiniteSet(half)
    assert sp.simplify(ec.asymptotic_gap.subs(symbolic.alpha, half)) == 0
    assert ec.valid_alpha == sp.Interval(half, sp.oo)
    # at that alpha the bound is tight at Q = 0: the gap there is ln 2 / 2 = alpha
    assert sp.simplify(ec.sup_deviation.subs(symbolic.alpha, half) - half) == 0


def test_spike_count_is_affine_not_proportional():
    from isingneuron.activations import spike_count

    N = spike_count(np.array([10.0, 20.0]), T_bath=1.5)
    assert abs((N[1] - N[0]) / 10.0 - 1.0) < 1e-9  # slope 1 at rate 1
    assert abs(N[1] / N[0] - 2.0) > 0.05  # N(2Q) != 2 N(Q)
    assert abs((N[1] - 20.0) + 0.5) < 1e-3  # intercept -theta


def test_claims_are_well_formed_and_counted():
    from isingneuron.verification import paper_claims, verdict_counts

    claims = paper_claims()
    assert all(c.verdict in symbolic.VERDICTS for c in claims)
    sections, counts = verdict_counts(claims)
    assert sections[0] == "I" and sections[-1] == "IV"
    assert counts.sum() == len(claims) and counts.shape == (len(sections), 4)


def _markdown(name):
    import json
    from pathlib import Path

    nb = Path(__file__).resolve().parents[1] / "book" / f"{name}.ipynb"
    return [
        "".join(c["source"])
        for c in json.loads(nb.read_text())["cells"]
        if c["cell_type"] == "markdown"
    ], json.loads(nb.read_text())


def test_conclusion_table_is_rendered_from_the_claims():
    """The conclusion's table is produced by claims_markdown, not typed."""
    from isingneuron.verification import claims_markdown, paper_claims

    cells, nb = _markdown("conclusion")
    typed = [line for cell in cells for line in cell.splitlines() if line.startswith("| ")]
    assert typed == [], "the conclusion's claims table must not be typed markdown"
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any("claims_markdown(" in c for c in code)
    text = claims_markdown(paper_claims())
    assert ":name: tab-conclusion-claims" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "**" in line]
    assert [line.split("**")[1] for line in rows] == [c.verdict for c in paper_claims()]
    # no | inside a formula of the table (it would split the cell)
    for line in rows:
        for formula in re.findall(r"\$[^$]*\$", line):
            assert "|" not in formula, formula


_VERDICT_WORDS = re.compile(
    r"(\|\s*\**|\*\*)(holds with a correction|holds|loose|does not hold)\b", re.IGNORECASE
)


@pytest.mark.parametrize("name", ["conclusion", "related", "activation"])
def test_prose_verdicts_on_claims_are_glued(name):
    """A verdict on a claim in a table of these chapters comes from the package (glue)."""
    cells, _ = _markdown(name)
    for cell in cells:
        for line in cell.splitlines():
            if line.startswith("| "):
                assert not _VERDICT_WORDS.search(line), (name, line)


def test_glued_verdicts_match_the_package():
    """Every claim_<id> / row_<id> glue of the chapters is the package's computed verdict."""
    from isingneuron.verification import evidence_rows, paper_claims

    def key(i):
        return re.sub(r"[^A-Za-z0-9]", "_", i)

    expected = {f"claim_{key(c.evidence_ids[0])}": c.verdict for c in paper_claims()}
    assert len(expected) == len(paper_claims())  # first evidence ids name the claims
    expected.update({f"row_{key(r.id)}": r.verdict for r in evidence_rows()})
    seen = set()
    for name in ("related", "activation"):
        cells, nb = _markdown(name)
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                glue = out.get("metadata", {}).get("scrapbook", {}).get("name", "")
                if glue in expected:
                    text = next(v for k, v in out["data"].items() if k.endswith("text/plain"))
                    assert text == expected[glue], (name, glue)
                    seen.add((name, glue))
        used = set(re.findall(r"\{glue:text\}`((?:claim|row)_\w+)`", "\n".join(cells)))
        assert used, name
        assert used <= {g for n, g in seen if n == name}, (name, used)
