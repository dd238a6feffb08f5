"""The learning experiment of the chapter "Energy-based learning".

Writes src/isingneuron/data/learning_experiment.npz (package data).

One-hidden-layer networks (64-32-10, softmax, cross-entropy) trained with Adam on the
handwritten digits bundled with scikit-learn, one network per seed and activation, for three
Adam step sizes. The paper's eq. (2) ("ising") and the spike count ("spikes") use the
least-squares fit of eq. (2) to the mean-field ordered branch on 0 <= T <= 2 Tc (the chapter
"Recovering the activation"), and a bath temperature of 1.5 Tc.

Run from the repository root:

    .venv/bin/python scripts/learning_experiment.py

It takes about a minute on two cores and is deterministic: the same seeds give the same file
(up to the last bits of floating-point arithmetic on a different CPU).
"""

from pathlib import Path

import numpy as np

import isingneuron as isn
from isingneuron.learning import (
    ACTIVATION_NAMES,
    compare_activations,
    load_digits_split,
    save_comparison,
)

# Package data (src/isingneuron/data/): the chapters load it with
# isingneuron.booktools.data_path, so it ships inside the installed package.
OUT = (
    Path(__file__).resolve().parents[1] / "src" / "isingneuron" / "data" / "learning_experiment.npz"
)
SEEDS = range(10)
LEARNING_RATES = (1e-3, 3e-3, 1e-2)
T_BATH = 1.5


def fitted_eq2():
    """Steepness a and Tc-multiplier b of eq. (2) fitted to the mean-field branch."""
    T = np.linspace(0.0, 2.0, 401)
    fit = isn.fit_activation(T, isn.ordered_branch(T), fit_b=True)
    return fit.a, fit.b


def main():
    """Train every activation for every step size and seed; save the learning curves."""
    a, b = fitted_eq2()
    data = load_digits_split(rng=0)
    results = {}
    for lr in LEARNING_RATES:
        c = compare_activations(
            data,
            ACTIVATION_NAMES,
            seeds=SEEDS,
            a=a,
            b=b,
            Tc=1.0,
            T_bath=T_BATH,
            hidden=32,
            epochs=30,
            batch_size=32,
            lr=lr,
        )
        results[f"lr={lr:g}"] = c
        summary = ", ".join(f"{n} {c.final(n).mean():.4f}" for n in c.names)
        print(f"lr = {lr:g}: mean test accuracy {summary}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    save_comparison(OUT, results)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
