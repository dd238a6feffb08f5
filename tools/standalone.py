"""Prepare every chapter to run the way a reader outside this repository runs it.

Usage::

    python tools/standalone.py OUTDIR          # prepare, print the PYTHONPATH to use
    python tools/standalone.py --nbval OUTDIR  # prepare, then run strict nbval there

A chapter opened in Colab (or any Jupyter server) has only its ``.ipynb`` and the
``isingneuron`` package installed from a wheel: no ``book/`` folder beside it, no
``src/`` on the path, no Jupyter Book and no myst_nb. This script builds that setting
under ``OUTDIR``, and ``make nbval`` runs strict nbval there, so the test suite fails
whenever a chapter needs anything else:

``OUTDIR/site/``
    the package installed **non-editable** from a wheel built from a clean copy of
    ``pyproject.toml``, ``README.md``, ``LICENSE`` and ``src/`` (so a file missing from
    the wheel, e.g. undeclared package data, is missing here too). Rebuilt only when one of
    those files changed, so numba's on-disk cache of the compiled kernels survives.
``OUTDIR/blocked/``
    stand-ins that make ``import myst_nb`` (and Jupyter Book, Sphinx, MyST-Parser) fail
    with ``ModuleNotFoundError``, as where they are not installed.
``OUTDIR/run/<chapter>/<chapter>.ipynb``
    each notebook alone in an otherwise empty folder (its working directory).

Put ``OUTDIR/blocked`` and ``OUTDIR/site`` first on ``PYTHONPATH`` (they then shadow the
development environment's editable install and build tools); the script prints that
value on its last line and checks, in a fresh interpreter with it, that ``isingneuron``
comes from ``OUTDIR/site`` and that myst_nb cannot be imported.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "LICENSE")
BLOCKED = ("myst_nb", "myst_parser", "jupyter_book", "sphinx")
_BLOCKER = '''"""Stand-in: {name} is not installed where a reader runs a chapter alone."""

raise ModuleNotFoundError(
    "No module named {name!r} (tools/standalone.py: a chapter must run with only its "
    "notebook and the installed isingneuron package)",
    name={name!r},
)
'''


def _source_files():
    files = [ROOT / f for f in PACKAGE_SOURCES]
    files += sorted(
        p
        for p in (ROOT / "src").rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and ".egg-info" not in str(p)
        and p.suffix not in {".nbi", ".nbc", ".pyc"}
    )
    return files


def _digest(files):
    h = hashlib.sha256()
    for f in files:
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def install_package(site: Path) -> bool:
    """Build a wheel from a clean copy of the sources and install it into `site`.

    Returns True if it (re)installed, False if `site` already held these sources.
    """
    files = _source_files()
    digest = _digest(files)
    stamp = site / ".source-sha256"
    if stamp.is_file() and stamp.read_text() == digest:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "source"
        for f in files:
            dest = src / f.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dest)
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run(
            [
                *pip,
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(tmp / "wheel"),
                str(src),
            ],
            check=True,
        )
        (wheel,) = (tmp / "wheel").glob("isingneuron-*.whl")
        if site.exists():
            shutil.rmtree(site)
        subprocess.run(
            [*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True
        )
    stamp.write_text(digest)
    return True


def write_blockers(blocked: Path) -> None:
    """Write stand-in packages whose import fails like a missing package's."""
    if blocked.exists():
        shutil.rmtree(blocked)
    for name in BLOCKED:
        (blocked / name).mkdir(parents=True)
        (blocked / name / "__init__.py").write_text(_BLOCKER.format(name=name))


def copy_notebooks(run: Path) -> list[Path]:
    """Copy each chapter into its own empty folder under `run`."""
    if run.exists():
        shutil.rmtree(run)
    out = []
    for nb in sorted((ROOT / "book").glob("*.ipynb")):
        dest = run / nb.stem / nb.name
        dest.parent.mkdir(parents=True)
        shutil.copy2(nb, dest)
        out.append(dest)
    return out


def check_environment(pythonpath: str, site: Path) -> None:
    """In a fresh interpreter: isingneuron comes from `site`, myst_nb is not importable."""
    probe = (
        "import importlib.util, pathlib, sys\n"
        "import isingneuron\n"
        "print(pathlib.Path(isingneuron.__file__).resolve())\n"
        "try:\n"
        "    import myst_nb\n"
        "except ModuleNotFoundError:\n"
        "    pass\n"
        "else:\n"
        "    sys.exit('myst_nb is importable')\n"
    )
    env = dict(os.environ, PYTHONPATH=pythonpath)
    with tempfile.TemporaryDirectory() as empty:
        found = subprocess.run(
            [sys.executable, "-c", probe],
            env=env,
            cwd=empty,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    if not Path(found).is_relative_to(site.resolve()):
        raise SystemExit(f"isingneuron imported from {found}, not from the wheel in {site}")


def prepare(out: Path) -> tuple[str, list[Path]]:
    """Build the standalone setting under `out`: (the PYTHONPATH to use, the notebooks)."""
    out = Path(out).resolve()
    site, blocked = out / "site", out / "blocked"
    rebuilt = install_package(site)
    write_blockers(blocked)
    notebooks = copy_notebooks(out / "run")
    pythonpath = os.pathsep.join([str(blocked), str(site)])
    check_environment(pythonpath, site)
    print(
        f"standalone: {len(notebooks)} chapters, each alone in {out / 'run'}; package "
        f"{'rebuilt' if rebuilt else 'unchanged'} in {site}; myst_nb blocked",
        file=sys.stderr,
    )
    return pythonpath, notebooks


def nbval(pythonpath: str, notebooks: list[Path], env: dict | None = None) -> int:
    """Strict nbval on the prepared `notebooks` (exit status); `env` adds variables."""
    env = dict(os.environ if env is None else env, PYTHONPATH=pythonpath)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
        *map(str, notebooks),
    ]
    return subprocess.run(cmd, env=env, cwd=ROOT).returncode


def main(argv=None) -> int:
    """Prepare OUTDIR (see the module docstring); print the PYTHONPATH, or run nbval there."""
    argv = sys.argv[1:] if argv is None else argv
    run = argv[:1] == ["--nbval"]
    args = argv[1:] if run else argv
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    pythonpath, notebooks = prepare(Path(args[0]))
    if run:
        return nbval(pythonpath, notebooks)
    print(pythonpath)
    return 0


if __name__ == "__main__":
    sys.exit(main())
