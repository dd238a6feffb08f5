"""The learning experiment of the chapter "Energy-based learning" (book/learning.ipynb).

One-hidden-layer networks (64-32-10, softmax, cross-entropy) trained with Adam on the
handwritten digits bundled with scikit-learn, one network per seed and activation, at three
Adam step sizes. The paper's eq. (2) ("ising") and the spike count ("spikes") use the
least-squares fit of eq. (2) to the mean-field ordered branch on 0 <= T <= 2 Tc (the chapter
"Recovering the activation function"), and a bath temperature of 1.5 Tc.

Writes learning_experiment.npz: for each step size ("lr=0.001", ...) the activation names,
the seeds, the learning curves train_loss, test_loss, test_accuracy and train_accuracy (shape
activations x seeds x (epochs + 1)) and the settings (isingneuron.learning.save_comparison),
plus the provenance of the run. About two and a half minutes on two cores; deterministic, and
the same on other CPUs and BLAS kernels: the step sizes stop at 3e-3 because at 1e-2 the
training of the steep Ising unit is chaotic, and networks of the same seed end differently
under other floating-point kernels (`make portability` regenerates this file under two of them
and re-executes the chapter).
"""

from __future__ import annotations

import numpy as np
from _cli import Progress, parse

import isingneuron as isn
from isingneuron.learning import (
    ACTIVATION_NAMES,
    compare_activations,
    load_digits_split,
    save_comparison,
)

NAME = "learning_experiment.npz"
SEEDS = range(40)
LEARNING_RATES = (1e-3, 2e-3, 3e-3)
EPOCHS = 30
T_BATH = 1.5


def fitted_eq2():
    """Steepness a and Tc-multiplier b of eq. (2) fitted to the mean-field branch."""
    T = np.linspace(0.0, 2.0, 401)
    fit = isn.fit_activation(T, isn.ordered_branch(T), fit_b=True)
    return fit.a, fit.b


def main(argv=None):
    """Train every activation for every step size and seed; save the learning curves."""
    args = parse(__doc__, argv)
    progress = Progress("learning")
    seeds, rates, epochs = (
        (range(3), LEARNING_RATES[:1], 2) if args.quick else (SEEDS, LEARNING_RATES, EPOCHS)
    )
    a, b = fitted_eq2()
    data = load_digits_split(rng=0)
    results = {}
    for lr in rates:
        progress(f"Adam step {lr:g}: {len(ACTIVATION_NAMES)} activations x {len(seeds)} seeds")
        c = compare_activations(
            data,
            ACTIVATION_NAMES,
            seeds=seeds,
            a=a,
            b=b,
            Tc=1.0,
            T_bath=T_BATH,
            hidden=32,
            epochs=epochs,
            batch_size=32,
            lr=lr,
        )
        results[f"lr={lr:g}"] = c
        summary = ", ".join(f"{n} {c.final(n).mean():.4f}" for n in c.names)
        progress(f"Adam step {lr:g}: mean test accuracy {summary}")
    out = save_comparison(args.out / NAME, results, run=args.run)
    progress(f"wrote {out} ({out.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
