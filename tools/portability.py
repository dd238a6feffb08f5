"""Re-run strict nbval under floating-point settings other than this machine's default.

Usage::

    python tools/portability.py [--list] [SETTING ...]

The stored outputs of the notebooks must not depend on the last bits of floating-point
arithmetic, which change with the CPU: OpenBLAS picks its kernels per CPU (matrix products,
eigen-solvers, least squares), NumPy dispatches its ufuncs and reductions to SIMD paths per
CPU, and numba compiles for the host CPU. This script imitates other machines on this one by
forcing other choices, one setting at a time, and runs the same standalone strict-nbval
check as ``make nbval`` (each chapter alone, the package from a wheel; see
``tools/standalone.py``) under each. It fails at the first setting under which any stored
output differs, and before running anything if a setting does not take effect (for example
an OpenBLAS build that ignores ``OPENBLAS_CORETYPE``), so a pass always means what it says.

Settings (run all by default, or name some):

``prescott``
    OpenBLAS's SSE3 kernels (``OPENBLAS_CORETYPE=Prescott``) instead of the CPU's own.
``baseline``
    OpenBLAS's Sandy Bridge (AVX) kernels on one thread, every NumPy SIMD dispatch target
    above the build's baseline disabled (``NPY_DISABLE_CPU_FEATURES``, with the names this
    NumPy reports, as older and newer releases use different names), and numba compiling for
    a generic x86-64 CPU (``NUMBA_CPU_NAME=generic``: no AVX, no FMA).

On a CPU that is not x86-64 the OpenBLAS kernel names do not exist; the script then says so
and exits with status 2.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import standalone  # noqa: E402 (tools/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
STANDALONE = ROOT / "_build" / "standalone"

_PROBE = r"""
import json
import numba
import numpy as np
import scipy.linalg  # loads SciPy's own OpenBLAS, so that it is probed too
import threadpoolctl
try:
    from numpy._core import _multiarray_umath as m
except ImportError:  # NumPy 1.x
    from numpy.core import _multiarray_umath as m
blas = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
print(json.dumps({
    "dispatch": list(m.__cpu_dispatch__),
    "features_on": sorted(k for k in m.__cpu_dispatch__ if m.__cpu_features__.get(k)),
    "blas": [
        (i.get("internal_api"), i.get("architecture"), i.get("num_threads"), i.get("prefix"))
        for i in blas
    ],
    "numba_cpu": numba.config.CPU_NAME or "host",
}))
"""


def probe(env):
    """What the interpreter sees under `env`: NumPy SIMD targets, BLAS kernels, numba CPU."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def settings(default):
    """The settings to test, as dicts of environment variables, with their checks.

    A check receives the probe under the setting and is true only if the setting took effect
    in every BLAS library loaded (NumPy's and SciPy's OpenBLAS). OpenBLAS reports its SSE3
    kernels of ``OPENBLAS_CORETYPE=Prescott`` under another family name (``Katmai`` in
    OpenBLAS 0.3.31), so that check asks only for a family other than the machine's own.
    """
    own = {arch for _, arch, _, _ in default["blas"]}

    def kernels(p, accept):
        return bool(p["blas"]) and all(
            api == "openblas" and arch is not None and accept(arch) for api, arch, _, _ in p["blas"]
        )

    return {
        "prescott": (
            {"OPENBLAS_CORETYPE": "Prescott"},
            lambda p: kernels(p, lambda arch: arch not in own),
        ),
        "baseline": (
            {
                "OPENBLAS_CORETYPE": "Sandybridge",
                "OPENBLAS_NUM_THREADS": "1",
                "NPY_DISABLE_CPU_FEATURES": " ".join(default["dispatch"]),
                "NUMBA_CPU_NAME": "generic",
            },
            lambda p: (
                kernels(p, lambda arch: arch.lower() == "sandybridge")
                and all(n == 1 for _, _, n, _ in p["blas"])
                and not p["features_on"]
                and p["numba_cpu"] == "generic"
            ),
        ),
    }


def main(argv=None) -> int:
    """Run standalone strict nbval under each setting; see the module docstring."""
    argv = sys.argv[1:] if argv is None else argv
    if platform.machine().lower() not in ("x86_64", "amd64"):
        print(f"portability: OpenBLAS kernel names are x86-64 only, not {platform.machine()}")
        return 2
    base_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES", "NUMBA_CPU_NAME")
    }
    default = probe(base_env)
    table = settings(default)
    if "--list" in argv:
        for name, (env, _) in table.items():
            print(name, " ".join(f"{k}={v}" for k, v in env.items()))
        return 0
    chosen = argv or list(table)
    unknown = [c for c in chosen if c not in table]
    if unknown:
        print(f"portability: unknown setting(s) {unknown}; choose from {list(table)}")
        return 2
    print(
        f"portability: this machine: BLAS {default['blas']}, NumPy SIMD targets on "
        f"{default['features_on']}, numba CPU {default['numba_cpu']}"
    )
    pythonpath, notebooks = standalone.prepare(STANDALONE)
    for name in chosen:
        extra, took_effect = table[name]
        env = dict(base_env, **extra)
        seen = probe(env)
        print(
            f"\nportability [{name}]: {' '.join(f'{k}={v}' for k, v in extra.items())}\n"
            f"  -> BLAS {seen['blas']}, NumPy SIMD targets on {seen['features_on']}, "
            f"numba CPU {seen['numba_cpu']}",
            flush=True,
        )
        if not took_effect(seen):
            print(f"portability [{name}]: the setting did not take effect; nothing tested")
            return 1
        if standalone.nbval(pythonpath, notebooks, env) != 0:
            print(f"portability [{name}]: stored outputs differ (see above)")
            return 1
    print(f"\nportability: every stored output reproduced under {chosen}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
