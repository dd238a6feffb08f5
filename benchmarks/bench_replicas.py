"""Speed of multi-spin-coded replicas against the single-lattice kernel, one core.

Prints ns per attempted spin flip of `simulate` (one L x L lattice) and of
`simulate_replicas` (64 independent L x L lattices, one bit each in a machine word) at
L = 64 and 256, T = Tc and 1.5, for the Metropolis and heat-bath rules at h = 0, and for
replicas in a field (h = 0.1, where the flip probability depends on the spin as well:
10 classes instead of 2 or 5). Both go through the public functions and record the
energy and magnetisation after every sweep (every replica's, for the replicas); both
start from random spins; each call does about 2**26 spin updates. Times are the CPU
time of the process (time.process_time: both run on one thread, and on a shared machine
CPU time is less disturbed by other jobs than wall time). Compilation and warm-up are
excluded. Each repetition times both back to back (in alternating order), so
a change of machine load affects them alike; the table shows medians over the
repetitions, and the median of the paired ratios.

    .venv/bin/python benchmarks/bench_replicas.py
"""

import os
import platform
import time

import numpy as np

from isingneuron import simulate, simulate_replicas

SIZES = (64, 256)
TC = 2.0 / np.log(1.0 + np.sqrt(2.0))
TEMPERATURES = (TC, 1.5)
ALGORITHMS = ("metropolis", "heatbath")
REPLICAS = 64
WORK = 2**26  # spin updates per timed call
REPEATS = 9


class Single:
    label = "simulate"

    def __init__(self, L, T, algorithm, h=0.0):
        self.L, self.T, self.algorithm, self.h = L, T, algorithm, h
        self.n_sweeps = WORK // (L * L)
        self.seed = 0

    def run(self):
        """Run once; return ns per attempted spin flip."""
        self.seed += 1
        t0 = time.process_time()
        simulate(
            self.L, self.T, self.n_sweeps, h=self.h, algorithm=self.algorithm, n_burn=0,
            rng=self.seed,
        )  # fmt: skip
        return (time.process_time() - t0) / (self.n_sweeps * self.L**2) * 1e9


class Replicas(Single):
    label = "simulate_replicas"

    def __init__(self, L, T, algorithm, h=0.0):
        super().__init__(L, T, algorithm, h)
        self.n_sweeps = WORK // (REPLICAS * L * L)

    def run(self):
        self.seed += 1
        t0 = time.process_time()
        simulate_replicas(
            self.L, self.T, self.n_sweeps, n_replicas=REPLICAS, h=self.h,
            algorithm=self.algorithm, rng=self.seed,
        )  # fmt: skip
        return (time.process_time() - t0) / (self.n_sweeps * REPLICAS * self.L**2) * 1e9


def measure(pair):
    """Median ns/flip of each of `pair` and the median of the paired ratios, interleaved."""
    for impl in pair:  # compile (or load from the cache) and warm up
        impl.run()
    times = [[], []]
    for rep in range(REPEATS):
        order = (0, 1) if rep % 2 == 0 else (1, 0)
        for k in order:
            times[k].append(pair[k].run())
    ratio = np.median(np.array(times[0]) / np.array(times[1]))
    return float(np.median(times[0])), float(np.median(times[1])), float(ratio)


def main():
    print(f"Ising L x L, one thread, {REPLICAS} replicas, CPU time, median of {REPEATS}")
    print(f"interleaved repetitions, compile and warm-up excluded; {os.cpu_count()} CPUs ", end="")
    print(f"{platform.machine()}, numpy {np.__version__}")
    print()
    header = (
        f"{'algorithm':<12}{'h':>5}{'L':>6}{'T':>8}{'simulate':>11}{'replicas':>11}{'speed-up':>10}"
    )
    print(header)
    print("-" * len(header))
    for L in SIZES:
        for T in TEMPERATURES:
            for algorithm in ALGORITHMS:
                for h in (0.0, 0.1):
                    single, multi, ratio = measure(
                        (Single(L, T, algorithm, h), Replicas(L, T, algorithm, h))
                    )
                    print(
                        f"{algorithm:<12}{h:>5.1f}{L:>6}{T:>8.4f}"
                        f"{single:>11.2f}{multi:>11.2f}{ratio:>9.1f}x"
                    )
        print()
    print("ns per attempted spin flip, including the per-sweep energy and magnetisation;")
    print("speed-up: median over repetitions of simulate time / simulate_replicas time")
    print("(the two run back to back in each repetition).")


if __name__ == "__main__":
    main()
