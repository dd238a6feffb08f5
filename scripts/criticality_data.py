"""Monte Carlo data for the chapter "Self-similarity and criticality" (book/criticality.ipynb).

Writes criticality.npz (package data, about 0.2 MB): the Monte Carlo runs below, and the
provenance of the run. About 40 s on one core; every chain is seeded (numba's integer
random numbers), so the file is reproducible, and `make portability` regenerates it under
other floating-point kernels and re-executes the chapter.

Contents
--------
block_<phase>_snapshot   packbits of one L = 486 configuration (s > 0),
                         phase in below/critical/above
block_<phase>_nn, _absm  (n_configs, n_levels + 1) nearest-neighbour correlation and |m| of the
                         majority-rule (b = 3) blocked lattices, levels 0..5
corr_<name>_axis, _diagonal, _projected, _m2
                         block averages (20 blocks) of the correlation functions at L = 256
                         (name: tc, above1 = 1.1 Tc, above2 = 1.2 Tc, below = 0.9 Tc)
fss_L, fss_half, fss_quarter, fss_m2
                         finite-size scaling at Tc: G(L/2), G(L/4) along the axes and <m^2>,
                         shape (n_L, 20 blocks)
"""

from __future__ import annotations

import numpy as np
from _cli import Progress, parse

import isingneuron as isn
from isingneuron import criticality as cr
from isingneuron import exact
from isingneuron.booktools import save_data

NAME = "criticality.npz"
TC = isn.onsager_tc()
SEED = 2021_02_09  # arXiv:2102.04896
N_BLOCKS = 20


def main(argv=None):
    """Run all chains and write the data file (``--quick``: small lattices, few samples)."""
    args = parse(__doc__, argv)
    progress = Progress("criticality")
    quick = args.quick
    n_blocks = 4 if quick else N_BLOCKS
    seeds = np.random.SeedSequence(SEED).spawn(16)
    out = {"Tc": TC, "block_T_over_Tc": np.array([0.95, 1.0, 1.05])}

    # 1. Block spins on L = 486 = 2 * 3**5 (b = 3: no ties), 16 configurations per temperature.
    L = 54 if quick else 486
    plans = {
        "below": (0.95, 1, 4),  # T/Tc, Wolff clusters per sweep, sweeps between configurations
        "critical": (1.0, 5, 4),
        "above": (1.05, 1500, 4),
    }
    for k, (phase, (f, cps, between)) in enumerate(plans.items()):
        T = f * TC
        conf = cr.sample_configurations(
            L,
            T,
            2 if quick else 16,
            n_between=between,
            n_burn=50,
            algorithm="wolff",
            clusters_per_sweep=cps,
            start="up",
            rng=seeds[k],
        )
        flow = cr.block_spin_flow(conf, 3)
        e = -2.0 * cr.nearest_neighbour_correlation(conf)
        progress(
            f"blocks {phase}: e = {e.mean():.4f} (exact {exact.energy(T):.4f}), "
            f"nn by level {flow.nn.mean(axis=0).round(3)}"
        )
        out[f"block_{phase}_snapshot"] = np.packbits(conf[0] > 0)
        out[f"block_{phase}_nn"] = flow.nn
        out[f"block_{phase}_absm"] = flow.abs_m
    out["block_L"] = L

    # 2. Correlation functions at L = 256.
    L = 32 if quick else 256
    runs = {
        "tc": dict(
            T=TC,
            algorithm="wolff",
            clusters_per_sweep=4,
            n_between=2,
            subtract="none",
            samples_per_block=60,
        ),
        "above1": dict(
            T=1.1 * TC,
            algorithm="wolff",
            clusters_per_sweep=1200,
            n_between=2,
            subtract="sample",
            samples_per_block=60,
        ),
        "above2": dict(
            T=1.2 * TC,
            algorithm="wolff",
            clusters_per_sweep=4000,
            n_between=2,
            subtract="sample",
            samples_per_block=60,
        ),
        "below": dict(
            T=0.9 * TC,
            algorithm="metropolis",
            clusters_per_sweep=1,
            n_between=5,
            subtract="sample",
            samples_per_block=100,
        ),
    }
    for k, (name, kw) in enumerate(runs.items()):
        if quick:
            kw = kw | {
                "samples_per_block": 5,
                "clusters_per_sweep": min(kw["clusters_per_sweep"], 20),
            }
        cs = cr.measure_correlations(
            L, n_blocks=n_blocks, n_burn=20 if quick else 200, start="up", rng=seeds[4 + k], **kw
        )
        progress(
            f"correlations {name}: <m^2> = {cs.m2.mean():.4g}, G(1) = {cs.axis[:, 1].mean():.4f}"
        )
        out[f"corr_{name}_axis"] = cs.axis
        out[f"corr_{name}_projected"] = cs.projected
        out[f"corr_{name}_m2"] = cs.m2
        if name == "tc":
            out["corr_tc_diagonal"] = cs.diagonal
        out[f"corr_{name}_T"] = cs.T
    out["corr_L"] = L

    # 3. Finite-size scaling at Tc.
    sizes = [8, 16, 32] if quick else [16, 32, 64, 128, 256]
    half, quarter, m2 = [], [], []
    for k, L in enumerate(sizes):
        if L == out["corr_L"]:
            axis, m2_L = out["corr_tc_axis"], out["corr_tc_m2"]
        else:
            cs = cr.measure_correlations(
                L,
                TC,
                n_blocks=n_blocks,
                samples_per_block=10 if quick else 200,
                n_between=2,
                n_burn=20 if quick else 200,
                algorithm="wolff",
                clusters_per_sweep=max(1, round(L**0.25)),
                start="up",
                rng=seeds[8 + k],
            )
            axis, m2_L = cs.axis, cs.m2
        half.append(axis[:, L // 2])
        quarter.append(axis[:, L // 4])
        m2.append(m2_L)
        progress(f"fss L = {L}: G(L/2) = {axis[:, L // 2].mean():.4f}, <m^2> = {m2_L.mean():.4f}")
    out["fss_L"] = np.array(sizes)
    out["fss_half"] = np.array(half)
    out["fss_quarter"] = np.array(quarter)
    out["fss_m2"] = np.array(m2)

    path = save_data(args.out / NAME, out, run=args.run)
    progress(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
