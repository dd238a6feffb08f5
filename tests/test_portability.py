"""tools/portability.py trusts a pass only where each floating-point setting took effect."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("portability", ROOT / "tools" / "portability.py")
portability = importlib.util.module_from_spec(spec)
spec.loader.exec_module(portability)

DEFAULT = {
    "dispatch": ["X86_V3", "X86_V4"],
    "features_on": ["X86_V3"],
    "blas": [["openblas", "Haswell", 2, "libscipy_openblas"]] * 2,
    "numba_cpu": "host",
}


def _probe(arch, threads=2, features=("X86_V3",), numba_cpu="host", n=2):
    return {
        "dispatch": DEFAULT["dispatch"],
        "features_on": list(features),
        "blas": [["openblas", arch, threads, "libscipy_openblas"]] * n,
        "numba_cpu": numba_cpu,
    }


def test_settings_are_checked_not_assumed():
    table = portability.settings(DEFAULT)
    prescott, baseline = table["prescott"][1], table["baseline"][1]
    assert prescott(_probe("Katmai"))
    assert not prescott(_probe("Haswell"))  # OPENBLAS_CORETYPE ignored
    assert not prescott(_probe("Katmai", n=0))  # no BLAS seen: nothing was tested
    good = _probe("Sandybridge", threads=1, features=(), numba_cpu="generic")
    assert baseline(good)
    assert not baseline(_probe("Haswell", threads=1, features=(), numba_cpu="generic"))
    assert not baseline(_probe("Sandybridge", threads=2, features=(), numba_cpu="generic"))
    assert not baseline(_probe("Sandybridge", threads=1, features=("X86_V3",), numba_cpu="generic"))
    assert not baseline(_probe("Sandybridge", threads=1, features=(), numba_cpu="host"))
    assert not baseline(dict(good, blas=[]))
    # every NumPy dispatch target that this NumPy names is switched off
    assert table["baseline"][0]["NPY_DISABLE_CPU_FEATURES"] == "X86_V3 X86_V4"


def test_probe_sees_numpy_and_scipy_blas():
    import os

    p = portability.probe(dict(os.environ))
    assert p["blas"], "threadpoolctl found no BLAS"
    assert set(p["dispatch"]) >= set(p["features_on"])
