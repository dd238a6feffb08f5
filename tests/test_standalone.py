"""The standalone setting of `make nbval` (tools/standalone.py) catches what it promises to.

A chapter must run with only its notebook and the installed package. These tests show that
the setting really is that strict: the package comes from a wheel (with its data), myst_nb
cannot be imported, and strict nbval fails a notebook that reads a file beside it or
imports myst_nb, while a notebook that glues a number passes.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("standalone", ROOT / "tools" / "standalone.py")
standalone = importlib.util.module_from_spec(spec)
spec.loader.exec_module(standalone)


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    out = tmp_path_factory.mktemp("standalone")
    site, blocked = out / "site", out / "blocked"
    assert standalone.install_package(site) is True
    assert standalone.install_package(site) is False  # unchanged sources: kept (numba cache)
    standalone.write_blockers(blocked)
    return out, os.pathsep.join([str(blocked), str(site)])


def test_package_from_the_wheel_with_its_data(setting):
    out, pythonpath = setting
    probe = (
        "import isingneuron, numpy as np\n"
        "from isingneuron.booktools import data_files, data_path\n"
        "print(isingneuron.__file__)\n"
        "print(' '.join(data_files()))\n"
        "np.load(data_path('criticality.npz'))['block_L']\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe],
        env=dict(os.environ, PYTHONPATH=pythonpath),
        cwd=out,
        capture_output=True,
        text=True,
        check=True,
    )
    where, files = res.stdout.splitlines()
    assert Path(where).is_relative_to(out / "site")
    assert "criticality.npz" in files and "learning_experiment.npz" in files
    # and the data are really in the wheel's record, not found elsewhere
    records = list((out / "site").glob("isingneuron-*.dist-info/RECORD"))
    assert records and "isingneuron/data/criticality.npz" in records[0].read_text()


@pytest.mark.parametrize("name", standalone.BLOCKED)
def test_build_tools_cannot_be_imported(setting, name):
    _, pythonpath = setting
    res = subprocess.run(
        [sys.executable, "-c", f"import {name}"],
        env=dict(os.environ, PYTHONPATH=pythonpath),
        capture_output=True,
        text=True,
    )
    assert res.returncode != 0 and "ModuleNotFoundError" in res.stderr


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def test_strict_nbval_fails_a_chapter_that_needs_more(setting, tmp_path):
    # Unexecuted notebooks: nbval still runs every cell and fails on an exception.
    _, pythonpath = setting
    good = tmp_path / "good" / "good.ipynb"
    _notebook(
        good,
        "from isingneuron.booktools import data_path, glue_number",
        "glue_number('x', 0.5)\nimport numpy as np",
        "np.load(data_path('criticality.npz')).files[:1]",
    )
    reads_beside = tmp_path / "beside" / "beside.ipynb"
    _notebook(reads_beside, "import numpy as np\nnp.load('data/criticality.npz')")
    needs_myst = tmp_path / "myst" / "myst.ipynb"
    _notebook(needs_myst, "from myst_nb import glue\nglue('x', 1.0, display=False)")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            str(good),
            str(reads_beside),
            str(needs_myst),
        ],
        env=dict(os.environ, PYTHONPATH=pythonpath),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = res.stdout.strip().splitlines()[-1]
    assert "2 failed" in summary and "3 passed" in summary, res.stdout[-3000:]
    assert "FileNotFoundError" in res.stdout and "ModuleNotFoundError" in res.stdout


def test_wheel_contents_match_the_source_tree(setting):
    # Every file under src/isingneuron that is not a cache is installed from the wheel.
    out, _ = setting
    (record,) = (out / "site").glob("isingneuron-*.dist-info/RECORD")
    installed = {line.split(",")[0] for line in record.read_text().splitlines()}
    expected = {
        p.relative_to(ROOT / "src").as_posix()
        for p in standalone._source_files()
        if p.is_relative_to(ROOT / "src")
    }
    assert expected <= installed, sorted(expected - installed)
