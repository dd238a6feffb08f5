"""One Jupyter Book build as the editions need it (``tools/student.py``, ``tools/pdf.py``).

Warnings are errors, as in ``make build``, and the site's own files (``tools/site``) are
copied into ``_static`` afterwards, as ``make build`` does (Sphinx does not copy them again
when it finds an up-to-date build).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def chapters() -> list[str]:
    """The chapter notebooks in reading order (from ``_toc.yml``)."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"file: book/(\w+)", toc)
    return [n for n in names if (ROOT / "book" / f"{n}.ipynb").exists()]


def build(source: Path, out: Path, builder: str = "html") -> tuple[int, Path]:
    """Build `source` into ``out/_build/<builder>``; return (exit status, that folder)."""
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source)]
    cmd += ["--builder", builder, "--path-output", str(out), "-W", "-n", "--keep-going"]
    status = subprocess.run(cmd).returncode
    site = out / "_build" / builder
    if status == 0:
        for f in (ROOT / "tools" / "site").iterdir():
            shutil.copy2(f, site / "_static" / f.name)
    return status, site
