"""The errata and verification log: every checked statement of §II.B–II.D.

Combines the symbolic checks of :mod:`isingneuron.symbolic` with numerical
ones (the quality of the paper's Figure 2, the meaning of ``m = -1``, the
behaviour of the spike count) into one list of rows, each with a verdict that
is computed, never typed in by hand, and the chapter that shows the
computation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations, meanfield, symbolic

__all__ = [
    "VERDICT_ORDER",
    "Claim",
    "ErrataRow",
    "errata_markdown",
    "errata_rows",
    "lattice_energy_per_spin",
    "paper_claims",
    "verdict_counts",
]

#: Chapter (document name) where each check is shown; symbolic rows included.
_WHERE = {
    "pair-expansion": "meanfield",
    "H-bond-sum": "meanfield",
    "H_MF": "meanfield",
    "Z-definition": "meanfield",
    "Z-closed-form": "meanfield",
    "F": "meanfield",
    "eq1": "meanfield",
    "Tc": "meanfield",
    "small-m": "meanfield",
    "ends-of-eq1": "meanfield",
    "eq2-integral": "activation",
    "tanh-integral": "activation",
    "sigmoid-integral": "activation",
    "relu-limit": "activation",
    "elu-bound": "activation",
}


@dataclass(frozen=True)
class ErrataRow:
    """One checked statement of the paper.

    Attributes
    ----------
    id : str
        Short identifier.
    section : str
        Section of the paper (``"II.C"`` ...).
    statement : str
        The paper's statement (LaTeX allowed).
    evidence : str
        What the computation found, in words and numbers.
    verdict : str
        One of ``symbolic.VERDICTS``.
    where : str
        Document name of the chapter that shows the computation.
    """

    id: str
    section: str
    statement: str
    evidence: str
    verdict: str
    where: str


def lattice_energy_per_spin(spins, J=1.0):
    """Nearest-neighbour Ising energy per spin ``-J Σ_<ij> s_i s_j / N`` on a torus.

    Parameters
    ----------
    spins : array_like of ±1, shape (L, L)
        Spin configuration.
    J : float, optional
        Coupling (``J > 0`` ferromagnetic, ``J < 0`` antiferromagnetic).

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> lattice_energy_per_spin(np.ones((4, 4)))
    -2.0
    """
    s = np.asarray(spins, dtype=float)
    if s.ndim != 2 or s.shape[0] != s.shape[1] or not np.all(np.abs(s) == 1):
        raise ValueError("spins must be a square 2-D array of +1 and -1")
    bonds = s * np.roll(s, 1, axis=0) + s * np.roll(s, 1, axis=1)
    return float(-J * bonds.sum() / s.size)


def _numeric_rows():
    rows = []
    # Figure 2: how good is eq. (2) with a = 6, Tc = 1, and does b help?
    T = np.linspace(0.0, 2.0, 401)
    m = meanfield.ordered_branch(T)
    err = activations.paper_activation(T, a=6.0) - m
    rms6 = float(np.sqrt(np.mean(err**2)))
    fit1 = activations.fit_activation(T, m, fit_b=False)
    fit2 = activations.fit_activation(T, m, fit_b=True)
    # "Fits" is read as: no point off by more than 0.05 (a line width in Figure 2).
    good = float(np.max(np.abs(err))) <= 0.05
    rows.append(
        ErrataRow(
            "fig2-a6",
            "II.D",
            r"eq. (2) with $a = 6$, $T_c = 1$ fits the $m = 1$ branch (the paper's Figure 2)",
            f"RMS error {rms6:.3f}, largest error {np.max(np.abs(err)):.2f} at $T = T_c$ "
            r"over $0 \le T \le 2T_c$; no tanh can follow the square-root corner at $T_c$",
            "holds" if good else "loose",
            "activation",
        )
    )
    rows.append(
        ErrataRow(
            "fig2-b",
            "II.D",
            "a second hyperparameter multiplying $T_c$ brings the fit closer",
            f"best fit $b = {fit2.b:.3f}$, $a = {fit2.a:.2f}$: RMS {fit2.rms:.3f} "
            f"vs {fit1.rms:.3f} with $b = 1$",
            "holds" if fit2.rms < fit1.rms else "does not hold",
            "activation",
        )
    )
    # T = -V: the switch rises with the voltage.
    V = np.linspace(-3.0, 1.0, 401)
    rising = bool(np.all(np.diff(activations.paper_activation(-V, a=6.0)) > 0))
    rows.append(
        ErrataRow(
            "T=-V",
            "II.D",
            "with $T = -V$ eq. (2) becomes a firing activation function",
            r"$m(-V)$ increases monotonically with $V$; it is exactly the logistic function "
            r"$\sigma\bigl(2a(V + bT_c)\bigr)$",
            "holds" if rising else "does not hold",
            "activation",
        )
    )
    # Large-Q slope of the spike count (ReLU-like growth).
    N = activations.spike_count(np.array([50.0, 100.0]), T_bath=1.5)
    slope = float(np.diff(N)[0] / 50.0)
    rows.append(
        ErrataRow(
            "linear-growth",
            "II.D",
            "stronger quenches give proportionally more spikes (linear, unbounded growth)",
            f"$\\mathrm{{d}}N/\\mathrm{{d}}Q = {slope:.6f}$ for large $Q$ at rate 1; exactly a "
            "shifted softplus of sharpness $2a$",
            "holds" if abs(slope - 1.0) < 1e-9 else "does not hold",
            "activation",
        )
    )
    # §II.B: "m = -1 or +1, which correspond to anti-ferromagnetism and ferromagnetism".
    L = 4
    up = np.ones((L, L))
    checker = np.where((np.add.outer(np.arange(L), np.arange(L)) % 2) == 0, 1.0, -1.0)
    e_up, e_down = lattice_energy_per_spin(up), lattice_energy_per_spin(-up)
    e_af = lattice_energy_per_spin(checker)
    rows.append(
        ErrataRow(
            "m=-1",
            "II.B",
            "$m = -1$ and $m = +1$ correspond to anti-ferromagnetism and ferromagnetism",
            f"for $J > 0$ the all-down state ($m = -1$) has energy ${e_down:+.0f}J$ per spin, "
            f"the same as all-up (${e_up:+.0f}J$): both are ferromagnetic ground states. The "
            f"antiferromagnetic checkerboard has $m = {checker.mean():.0f}$ and energy "
            f"${e_af:+.0f}J$, the highest possible",
            "does not hold" if e_down == e_up and checker.mean() == 0 else "holds",
            "meanfield",
        )
    )
    return rows


def errata_rows():
    """Every checked statement of §II.B–II.D, with a computed verdict.

    Returns
    -------
    list of ErrataRow
        Symbolic checks first (in the order of the paper), then numerical.

    Examples
    --------
    >>> rows = errata_rows()
    >>> sorted({r.verdict for r in rows})
    ['does not hold', 'holds', 'holds with a correction', 'loose']
    """
    rows = []
    for r in symbolic.verification_table():
        section = "II.D" if _WHERE[r.id] == "activation" else "II.C"
        row = ErrataRow(r.id, section, f"${r.paper_statement}$", r.note, r.verdict, _WHERE[r.id])
        rows.append(row)
    return rows + _numeric_rows()


def errata_markdown(rows):
    """Render rows as MyST Markdown: one entry per statement, with a link to its chapter.

    Each entry gives the section, the id and the verdict, the paper's statement
    (as display math when it is a formula, so that long equations never widen a
    table), and the evidence.

    Parameters
    ----------
    rows : list of ErrataRow

    Returns
    -------
    str

    Examples
    --------
    >>> text = errata_markdown(errata_rows()[:1])
    >>> text.splitlines()[0]
    '**§II.C · `pair-expansion` — holds** (computed in {doc}`meanfield`)'
    """
    blocks = []
    for r in rows:
        st = r.statement.strip()
        if st.startswith("$") and st.endswith("$") and st.count("$") == 2:
            st = "$$\n" + st.strip("$") + "\n$$"
        blocks.append(
            f"**§{r.section} · `{r.id}` — {r.verdict}** (computed in {{doc}}`{r.where}`)\n\n"
            f"{st}\n\n{r.evidence}"
        )
    return "\n\n---\n\n".join(blocks)


@dataclass(frozen=True)
class Claim:
    """One claim of the paper, where the book tests it, and the verdict.

    Attributes
    ----------
    section : str
        Section of the paper (``"I"``, ``"II.A"``, ..., ``"IV"``).
    claim : str
        The claim, quoted or closely paraphrased.
    where : str
        Document name of the chapter with the evidence.
    verdict : str
        One of ``symbolic.VERDICTS``: the book's summary of that evidence.
    errata_id : str or None
        Id of the computed row of :func:`errata_rows` this claim rests on; its
        computed verdict must agree (checked by the test suite).
    """

    section: str
    claim: str
    where: str
    verdict: str
    errata_id: str | None = None


def paper_claims():
    """Every claim of the paper that the book tests, in the paper's order.

    The verdicts summarise the evidence computed in the chapters; where a claim
    rests on a row of the errata log, the two verdicts are the same (tested).

    Returns
    -------
    tuple of Claim

    Examples
    --------
    >>> claims = paper_claims()
    >>> claims[0].section, claims[-1].section
    ('I', 'IV')
    """
    H, C, L, N = "holds", "holds with a correction", "loose", "does not hold"
    return (
        Claim("I", "McCulloch and Pitts developed the perceptron learning algorithm", "intro", C),
        Claim(
            "I",
            "useful activations switch (nearly) discontinuously, are vertically "
            "asymmetric and bounded below",
            "intro",
            L,
        ),
        Claim(
            "I",
            "a network is a universal approximator iff its activation is not a "
            "polynomial (given arbitrary width and depth)",
            "intro",
            C,
        ),
        Claim(
            "II.A",
            "periodic quenches give periodic ordering with positive magnetisation at h = 0",
            "magnet",
            C,
        ),
        Claim("II.A", "the membrane stays in local equilibrium", "activation", L),
        Claim(
            "II.B",
            "m = -1 and m = +1 are anti-ferromagnetism and ferromagnetism",
            "magnet",
            N,
            "m=-1",
        ),
        Claim(
            "II.B", "the sign of the ordered state is chosen by the boundary condition", "magnet", L
        ),
        Claim(
            "II.C",
            "mean-field Hamiltonian, partition function and free energy",
            "meanfield",
            H,
            "H_MF",
        ),
        Claim("II.C", "eq. (1), m = tanh(Tc m / T), with Tc = zJ/k_B", "meanfield", H, "eq1"),
        Claim("II.C", "below Tc, m = -1 or +1", "meanfield", L, "ends-of-eq1"),
        Claim(
            "II.C",
            "mean-field theory is quantitatively incorrect in two dimensions",
            "meanfield",
            H,
        ),
        Claim(
            "II.D",
            "eq. (2) with a = 6, Tc = 1 fits the m = 1 branch (Figure 2)",
            "activation",
            L,
            "fig2-a6",
        ),
        Claim(
            "II.D",
            "a second hyperparameter multiplying Tc brings the fit closer",
            "activation",
            H,
            "fig2-b",
        ),
        Claim(
            "II.D",
            "with T = -V, eq. (2) is the firing activation function",
            "activation",
            H,
            "T=-V",
        ),
        Claim(
            "II.D",
            "(1/2) int_0^Q [tanh T + 1] dT = Q + ln2/2 + ln(1 + e^-2Q)/2 + C",
            "activation",
            C,
            "tanh-integral",
        ),
        Claim(
            "II.D",
            "int_0^Q dT / (1 + e^-T) = Q + ln(1 + e^-Q) + C",
            "activation",
            C,
            "sigmoid-integral",
        ),
        Claim("II.D", "for C = 0 the spike count recovers ReLU", "activation", L, "relu-limit"),
        Claim(
            "II.D", "with C = -alpha it reproduces ELU within alpha", "activation", C, "elu-bound"
        ),
        Claim(
            "II.D",
            "stronger quenches give proportionally more spikes",
            "activation",
            H,
            "linear-growth",
        ),
        Claim(
            "III",
            "artificial neurones are physically realistic coarse-grainings if and "
            "only if they fire like sigmoids or rectifiers",
            "learning",
            N,
        ),
        Claim(
            "III.A",
            "for Gaussian quenches the population response follows Wilson and "
            "Cowan's sigmoid exactly",
            "population",
            C,
        ),
        Claim("III.A", "rectified activations give sparse codes", "population", H),
        Claim("III.B", "F = E - TS; spiking minimises free energy", "learning", H),
        Claim(
            "III.B", "learning minimises free energy in the zero-temperature limit", "learning", L
        ),
        Claim("III.C", "the Ising model at Tc is self-similar and critical", "criticality", H),
        Claim(
            "III.C",
            "criticality is the edge of chaos where networks compute best",
            "criticality",
            L,
        ),
        Claim("IV", "the model falls in the Ising universality class", "meanfield", N),
        Claim(
            "IV",
            "neurones switch like a sigmoid or tanh, and spike counts give rectifiers",
            "activation",
            H,
        ),
    )


#: The verdicts from best to worst, the column order of :func:`verdict_counts`.
VERDICT_ORDER = ("holds", "holds with a correction", "loose", "does not hold")


def verdict_counts(claims):
    """Count the claims per section and verdict.

    Parameters
    ----------
    claims : sequence of Claim

    Returns
    -------
    sections : list of str
        Sections in order of first appearance.
    counts : ndarray of int, shape (len(sections), len(VERDICT_ORDER))
        ``counts[i, j]``: claims of section ``i`` with verdict ``VERDICT_ORDER[j]``.

    Examples
    --------
    >>> sections, counts = verdict_counts(paper_claims())
    >>> int(counts.sum()) == len(paper_claims())
    True
    """
    sections = list(dict.fromkeys(c.section for c in claims))
    counts = np.zeros((len(sections), len(VERDICT_ORDER)), dtype=int)
    for c in claims:
        counts[sections.index(c.section), VERDICT_ORDER.index(c.verdict)] += 1
    return sections, counts
