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


def test_regenerate_data_runs_every_script_into_the_folder(monkeypatch, tmp_path):
    """Each data script (not the shared _cli.py) runs under the setting, writing to `out`."""
    calls = []

    class Done:
        returncode = 0

    def run(cmd, env):
        calls.append((cmd, env))
        return Done()

    monkeypatch.setattr(portability.subprocess, "run", run)
    env = {"OPENBLAS_CORETYPE": "Prescott"}
    assert portability.regenerate_data(env, tmp_path)
    scripts = sorted(Path(c[0][1]).name for c in calls)
    assert scripts == ["criticality_data.py", "learning_experiment.py"]
    assert all(c[0][2:] == ["--out", str(tmp_path)] and c[1] is env for c in calls)
    Done.returncode = 1
    assert not portability.regenerate_data(env, tmp_path)


def test_data_scripts_have_a_command_line(tmp_path):
    """--help documents --out and --quick; --quick writes a file with provenance, quickly."""
    import subprocess
    import sys

    import numpy as np

    from isingneuron.booktools import read_provenance

    for name in ("criticality_data.py", "learning_experiment.py"):
        script = ROOT / "scripts" / name
        helptext = subprocess.run(
            [sys.executable, str(script), "--help"], capture_output=True, text=True, check=True
        ).stdout
        assert "--out DIR" in helptext and "--quick" in helptext
        done = subprocess.run(
            [sys.executable, str(script), "--quick", "--out", str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "wrote" in done.stderr and done.stdout == ""  # progress on stderr only
        bad = subprocess.run(
            [sys.executable, str(script), "--quick", "--out", str(script)],  # a file
            capture_output=True,
            text=True,
        )
        assert bad.returncode == 2 and "--out" in bad.stderr and "cannot write" in bad.stderr
    files = sorted(p.name for p in tmp_path.glob("*.npz"))
    assert files == ["criticality.npz", "learning_experiment.npz"]
    for f in tmp_path.glob("*.npz"):
        info = read_provenance(f)
        assert info["numpy"] == np.__version__ and info["git_commit"]
        assert info["run"]["args"] == ["--quick", "--out", str(tmp_path)]
