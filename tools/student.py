"""The student edition: the book with every exercise and no solution (``make student``).

Usage::

    python tools/student.py [OUT]      # default OUT: _build/student

Copies the book's sources (``_config.yml``, ``_toc.yml``, ``book/``, ``tools/`` and the
offline web assets) to ``OUT/source/``, removes every solution from them — the text between
``{solution-start}`` and ``{solution-end}`` in markdown, and every cell in between, code and
outputs included — and builds that copy with Jupyter Book into ``OUT/html/``. The instructor
edition (``make book``) is unchanged. ``site_tests/test_student.py`` checks that no solution
text reaches the student site or its downloadable notebooks.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).parent))
import book_build  # noqa: E402 (tools/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
START = re.compile(r"^```\{solution-start\}.*?^```[ \t]*$\n?", re.S | re.M)
END = re.compile(r"^```\{solution-end\}.*?^```[ \t]*$\n?", re.S | re.M)
WHOLE = re.compile(r"^(`{3,})\{solution\}.*?^\1[ \t]*$\n?", re.S | re.M)  # non-gated form
# Passages for one edition only: ``<!-- instructor-only -->`` ... ``<!-- /instructor-only -->``
# is dropped here; ``<!-- student-only`` ... ``-->`` (invisible in the instructor edition, an
# HTML comment) is shown here.
INSTRUCTOR_ONLY = re.compile(
    r"^<!-- instructor-only -->\n.*?^<!-- /instructor-only -->[ \t]*\n?", re.S | re.M
)
STUDENT_ONLY = re.compile(r"^<!-- student-only\n(.*?)^-->[ \t]*$", re.S | re.M)
# Pages the student edition leaves out (their sources stay; the table of contents drops them).
INSTRUCTOR_PAGES = ("book/teachers",)


def student_markdown(text: str) -> str:
    """The student edition of a markdown text: instructor-only passages out, student-only in."""
    return STUDENT_ONLY.sub(r"\1", INSTRUCTOR_ONLY.sub("", text))


def student_toc(text: str) -> str:
    """``_toc.yml`` without the instructor pages, and without a part left empty."""
    for page in INSTRUCTOR_PAGES:
        text = re.sub(rf"^[ \t]*- file: {re.escape(page)}[ \t]*\n", "", text, flags=re.M)
    # a part whose chapter list is now empty
    return re.sub(r"^  - caption: [^\n]*\n    chapters:\n(?=  - |\Z)", "", text, flags=re.M)


def strip_markdown(text: str, inside: bool = False) -> tuple[str, bool]:
    """Remove solutions from markdown; `inside` says whether the text starts inside one.

    Returns the kept text and whether it ends inside a solution.
    """
    text = WHOLE.sub("", text)
    kept = []
    pos = 0
    while pos <= len(text):
        if inside:
            m = END.search(text, pos)
            if not m:
                return "".join(kept), True
            pos, inside = m.end(), False
        else:
            m = START.search(text, pos)
            if not m:
                kept.append(text[pos:])
                break
            kept.append(text[pos : m.start()])
            pos, inside = m.end(), True
    return "".join(kept), inside


def strip_notebook(nb) -> int:
    """Remove every solution from a notebook in place; return the number removed."""
    cells, inside, removed = [], False, 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            starts = len(START.findall(cell.source)) + len(WHOLE.findall(cell.source))
            removed += starts
            source, inside = strip_markdown(cell.source, inside)
            if source.strip():
                cell.source = source.strip("\n")
                cells.append(cell)
        elif not inside:
            cells.append(cell)
    if inside:
        raise ValueError("a {solution-start} without its {solution-end}")
    nb.cells = cells
    return removed


def prepare(out: Path) -> Path:
    """Write the student sources to ``out/source``; return that folder."""
    src = out / "source"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    (src / "_toc.yml").write_text(
        student_toc((ROOT / "_toc.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    # No launch, repository or issue buttons: they open the repository's own notebooks, which
    # hold the solutions. The download button serves this edition's notebooks.
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    config = re.sub(r"^launch_buttons:\n(?:[ \t]+.*\n)+", "", config, flags=re.M)
    for key in ("use_repository_button", "use_issues_button"):
        config = re.sub(rf"^(\s+{key}:) true$", r"\1 false", config, flags=re.M)
    config = config.replace(
        'title: "The Ising Neurone"', 'title: "The Ising Neurone (student edition)"'
    )
    (src / "_config.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "tools", src / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    assets = ROOT / "_build" / "web-assets"
    if not assets.is_dir():
        raise SystemExit("student: _build/web-assets is missing (run `make build` first)")
    shutil.copytree(assets, src / "_build" / "web-assets")
    shutil.copytree(
        ROOT / "book", src / "book", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    total = 0
    for page in INSTRUCTOR_PAGES:
        for path in (src / page).parent.glob(Path(page).name + ".*"):
            path.unlink()
    for path in sorted((src / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        total += strip_notebook(nb)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = student_markdown(cell.source)
        nbformat.write(nb, path)
    for path in sorted((src / "book").glob("*.md")):
        text, inside = strip_markdown(student_markdown(path.read_text(encoding="utf-8")))
        if inside:
            raise ValueError(f"{path}: a {{solution-start}} without its {{solution-end}}")
        path.write_text(text, encoding="utf-8")
    print(f"student: {total} solutions removed", file=sys.stderr)
    return src


def build(out: Path) -> int:
    """Prepare the sources and build the student site into ``out/html``."""
    src = prepare(out)
    status, site = book_build.build(src, out)
    if status == 0:
        html = out / "html"
        if html.exists():
            shutil.rmtree(html)
        shutil.move(str(site), html)
        print(f"The student edition: {html / 'index.html'}")
    return status


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "student"))
