"""Speed of the Ising Monte Carlo kernels of isingneuron.lattice, one core, L = 256.

Prints, for T = Tc and T = 1.5, ns per attempted spin flip for the checkerboard
Metropolis and heat-bath sweeps (through the public `sweep`, many sweeps per call),
ns per *flipped* spin for Wolff cluster updates, and the same for a plain numpy
checkerboard Metropolis reference (np.roll neighbour sums over the full lattice and
a colour mask), all measured in this one run. Compilation and warm-up are excluded.
Each repetition times every implementation back to back, so a change of machine
load affects them alike; the table shows medians over the repetitions.

    .venv/bin/python benchmarks/bench_lattice.py
"""

import os
import platform
import time

import numpy as np

from isingneuron.lattice import _wolff_kernel, sweep  # private kernel: it counts flipped spins

L = 256
N = L * L
TC = 2.0 / np.log(1.0 + np.sqrt(2.0))
TEMPERATURES = (TC, 1.5)
REPEATS = 7
SWEEPS_NUMPY = 10
SWEEPS_LOCAL = 200
CLUSTERS = 1000


def initial_state(T, rng):
    """Random start at and above Tc, all up below."""
    if T < TC:
        return np.ones((L, L), dtype=np.int8)
    return (2 * rng.integers(0, 2, size=(L, L)) - 1).astype(np.int8)


def numpy_reference_sweep(s, T, rng, masks):
    """One Metropolis sweep in plain numpy: two half-sweeps over the full lattice."""
    for mask in masks:
        nb = np.roll(s, 1, 0) + np.roll(s, -1, 0) + np.roll(s, 1, 1) + np.roll(s, -1, 1)
        accept = rng.random(s.shape) < np.exp(-2.0 * s * nb / T)
        s = np.where(mask & accept, -s, s)
    return s


class NumpyReference:
    label = "numpy reference"

    def __init__(self, T):
        self.T, self.rng = T, np.random.default_rng(0)
        i, j = np.indices((L, L))
        self.masks = ((i + j) % 2 == 0, (i + j) % 2 == 1)
        self.s = initial_state(T, self.rng)

    def run(self):
        """Run and return (seconds, attempted or flipped spins)."""
        t0 = time.perf_counter()
        for _ in range(SWEEPS_NUMPY):
            self.s = numpy_reference_sweep(self.s, self.T, self.rng, self.masks)
        return time.perf_counter() - t0, SWEEPS_NUMPY * N


class Local:
    def __init__(self, T, algorithm):
        self.label, self.T, self.algorithm = algorithm, T, algorithm
        self.rng = np.random.default_rng(0)
        self.s = initial_state(T, self.rng)

    def run(self):
        t0 = time.perf_counter()
        sweep(self.s, self.T, SWEEPS_LOCAL, algorithm=self.algorithm, rng=self.rng)
        return time.perf_counter() - t0, SWEEPS_LOCAL * N


class Wolff:
    label = "wolff (per flipped spin)"

    def __init__(self, T):
        # Ordered start at and below Tc: from a random start at Tc the clusters stay tiny for
        # many flips and the timing measures overhead, not cluster growth. The warm-up runs
        # then equilibrate, and the mean cluster size is measured in the timed window.
        self.s = (
            np.ones((L, L), dtype=np.int8)
            if T <= TC
            else initial_state(T, np.random.default_rng(0))
        )
        self.thr = np.uint32(round(-np.expm1(-2.0 / T) * 2.0**31))  # as lattice._run does
        self.seed = 1
        self.sizes = []

    def run(self):
        self.seed += 1
        empty = np.empty(0)
        state = np.array([self.seed], dtype=np.uint64)
        t0 = time.perf_counter()
        # CLUSTERS sweeps of one cluster each, all of them burn-in (nothing recorded)
        flipped = _wolff_kernel(self.s, self.thr, state, CLUSTERS, 0, CLUSTERS, 1, empty, empty)
        self.sizes.append(flipped / CLUSTERS)
        return time.perf_counter() - t0, flipped


def main():
    print(f"Ising {L}x{L}, one thread, median of {REPEATS} interleaved repetitions,")
    print(f"compile and warm-up excluded; {os.cpu_count()} CPUs {platform.machine()}, ", end="")
    print(f"numpy {np.__version__}")
    print()
    header = f"{'algorithm':<26}{'T':>8}{'ns/flip':>10}{'speed-up':>10}"
    print(header)
    print("-" * len(header))
    for T in TEMPERATURES:
        impls = [NumpyReference(T), Local(T, "metropolis"), Local(T, "heatbath"), Wolff(T)]
        for impl in impls:  # compile, warm up, approach equilibrium
            for _ in range(3):
                impl.run()
        ns = {impl.label: [] for impl in impls}
        for _ in range(REPEATS):
            for impl in impls:
                seconds, spins = impl.run()
                ns[impl.label].append(seconds / spins * 1e9)
        ref = float(np.median(ns["numpy reference"]))
        for impl in impls:
            med = float(np.median(ns[impl.label]))
            line = f"{impl.label:<26}{T:>8.4f}{med:>10.2f}{ref / med:>9.1f}x"
            if isinstance(impl, Wolff):
                line += f"   mean cluster = {np.mean(impl.sizes[3:]) / N:.3f} N"
            print(line)
        print()
    print("ns/flip: per attempted flip (local rules, numpy reference), per flipped spin (Wolff).")
    print("speed-up: median numpy-reference time / median time, same temperature, same run.")


if __name__ == "__main__":
    main()
