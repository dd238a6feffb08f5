"""How long each chapter takes: reading time from the text, run time measured.

Usage::

    python tools/timings.py measure   # execute every chapter in a fresh kernel with a cold
                                      # numba cache, record the run times in tools/timings.json
    python tools/timings.py table     # rewrite the timing table of book/teachers.md

The **run time** of a chapter is measured: the wall time of executing its notebook in a fresh
kernel with an empty numba cache (as on a first visit in Binder or Colab, where the lattice
kernels compile), on the machine named in ``tools/timings.json``. The **reading time** is
computed from what the page shows a reader (solutions removed, as in the student edition):
words of prose, figures, displayed equations and visible lines of code, each at a stated rate
(``RATES``). Sections that open with an "Optional" note are counted apart from the core path,
and the exercises apart from both (their times are the ones each exercise states).

``tests/test_teaching.py`` recomputes the table and fails when ``book/teachers.md`` is stale.
"""

from __future__ import annotations

import copy
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).parent))
import student  # noqa: E402 (tools/ is not a package)
from book_build import chapters  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tools" / "timings.json"
TEACHERS = ROOT / "book" / "teachers.md"
BEGIN, END = "<!-- timings: begin (tools/timings.py table) -->", "<!-- timings: end -->"

# Reading rates for a student who reads to understand: technical prose with inline math is
# read at about half the speed of ordinary text; a figure, a displayed equation and a line of
# code each take time of their own.
RATES = {
    "words_per_minute": 120,
    "minutes_per_figure": 1.0,
    "minutes_per_equation": 0.5,
    "code_lines_per_minute": 10,
}
HIDDEN = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
HEADING = re.compile(r"^(#{1,6}) +(.*)$")
EXERCISE_LINE = re.compile(r"\*Difficulty [★☆]{3} · about (\d+) min · [^*]+\*")


def _words(markdown: str) -> tuple[int, int]:
    """Words of prose and displayed equations in a piece of markdown."""
    equations = len(re.findall(r"^\$\$", markdown, re.M)) // 2
    equations += len(re.findall(r"^```\{math\}", markdown, re.M))
    text = re.sub(r"^\$\$.*?^\$\$", " ", markdown, flags=re.S | re.M)
    text = re.sub(r"^```\{math\}.*?^```", " ", text, flags=re.S | re.M)
    text = re.sub(r"\$[^$\n]+\$", " x ", text)  # inline math reads as a word
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " x ", text)  # roles: a glued number, a reference
    text = re.sub(r"^(```|:::|:\w+:).*$", " ", text, flags=re.M)  # directive markup
    return len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", text)), equations


def _output_words(cell) -> int:
    """Words of the text a code cell prints (tables, numbers), as a reader sees them."""
    words = 0
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "text/html" in data:
            text = re.sub(r"<[^>]+>", " ", "".join(data["text/html"]))
        elif "text/markdown" in data:
            text = "".join(data["text/markdown"])
        elif "image/png" in data:
            continue
        else:
            text = "".join(out.get("text", "")) + "".join(data.get("text/plain", ""))
        words += len(re.findall(r"[A-Za-z0-9.+-]+", text))
    return words


def _figures(cell) -> int:
    if cell.cell_type == "markdown":
        src = cell.source
        return len(re.findall(r"^```\{(?:figure|glue:figure)\}|!\[", src, re.M))
    if HIDDEN & set(cell.metadata.get("tags", [])) - {"hide-input"}:
        return 0
    return sum("image/png" in out.get("data", {}) for out in cell.get("outputs", []))


def reading(name: str) -> dict:
    """Words, figures, equations and code lines per part (core, optional, exercises).

    Also ``"optional_sections"``: the titles of the sections that open with an Optional note.
    """
    nb = nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4)
    nb = copy.deepcopy(nb)
    student.strip_notebook(nb)
    parts = {
        p: {"words": 0, "figures": 0, "equations": 0, "code_lines": 0, "exercise_minutes": 0}
        for p in ("core", "optional", "exercises")
    }
    parts["optional_sections"] = []
    optional_level = exercise_level = None
    part = "core"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # split at headings: each piece belongs to the section of the heading before it
            pieces, current = [], []
            for line in cell.source.splitlines():
                if HEADING.match(line) and current:
                    pieces.append("\n".join(current))
                    current = []
                current.append(line)
            pieces.append("\n".join(current))
            for piece in pieces:
                m = HEADING.match(piece.split("\n", 1)[0])
                if m:
                    level = len(m.group(1))
                    if optional_level is not None and level <= optional_level:
                        optional_level = None
                    if exercise_level is not None and level <= exercise_level:
                        exercise_level = None
                    if m.group(2).strip() == "Exercises":
                        exercise_level = level
                    elif optional_level is None and "{admonition} Optional" in piece:
                        optional_level = level
                        parts["optional_sections"].append(m.group(2).strip())
                part = (
                    "exercises"
                    if exercise_level is not None
                    else "optional"
                    if optional_level is not None
                    else "core"
                )
                words, equations = _words(piece)
                parts[part]["words"] += words
                parts[part]["equations"] += equations
                parts[part]["exercise_minutes"] += sum(int(t) for t in EXERCISE_LINE.findall(piece))
            parts[part]["figures"] += _figures(cell)
        elif cell.cell_type == "code":
            tags = set(cell.metadata.get("tags", []))
            parts[part]["figures"] += _figures(cell)
            if not HIDDEN & tags:
                parts[part]["code_lines"] += sum(1 for ln in cell.source.splitlines() if ln.strip())
            if not {"remove-cell", "remove-output", "hide-output", "hide-cell"} & tags:
                parts[part]["words"] += _output_words(cell)
    return parts


def reading_minutes(counts: dict) -> float:
    """Minutes to read one part at the stated ``RATES``."""
    return (
        counts["words"] / RATES["words_per_minute"]
        + counts["figures"] * RATES["minutes_per_figure"]
        + counts["equations"] * RATES["minutes_per_equation"]
        + counts["code_lines"] / RATES["code_lines_per_minute"]
    )


def _minutes(x: float) -> str:
    """Round to 5 min (whole minutes under 10)."""
    if x < 10:
        return f"{max(1, round(x))} min"
    return f"{5 * round(x / 5)} min"


def _run(seconds: float) -> str:
    if seconds < 60:
        return f"{max(5, 5 * round(seconds / 5))} s"
    return f"{round(seconds / 60)} min"


def table() -> str:
    """The markdown table of the teachers page, from the text and the recorded run times."""
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    machine = record["machine"]
    intro = (
        "Reading times are computed from each page as a student sees it (solutions removed): "
        f"{RATES['words_per_minute']} words per minute for prose and printed tables, "
        f"{RATES['minutes_per_figure']:g} min per figure, {RATES['minutes_per_equation']:g} min "
        f"per displayed equation and {RATES['code_lines_per_minute']} lines of code per minute "
        "(`tools/timings.py`). Run times are measured: the chapter executed in a fresh kernel "
        f"with an empty numba cache, on {machine['cpu']} with {machine['cores']} cores; a shared "
        "Binder machine may take twice as long. The last column adds up the times the chapter's "
        "exercises state."
    )
    rows = [
        "| chapter | core reading | optional sections | run time (measured) | exercises (all) |",
        "|---|---|---|---|---|",
    ]
    for name in chapters():
        parts = reading(name)
        core, optional = (reading_minutes(parts[p]) for p in ("core", "optional"))
        seconds = record["run_seconds"][name]
        ex = parts["exercises"]["exercise_minutes"]
        rows.append(
            f"| {{doc}}`{name}` | {_minutes(core)} | "
            f"{_minutes(optional) if parts['optional']['words'] else '—'} | "
            f"{_run(seconds)} | {f'{ex} min' if ex else '—'} |"
        )
    optional = [
        "Optional sections (each opens with an *Optional* note; the core path never needs them):",
        "",
    ]
    for name in chapters():
        titles = reading(name)["optional_sections"]
        if titles:
            optional.append(f"- {{doc}}`{name}`: " + "; ".join(f"*{t}*" for t in titles) + ".")
    return "\n\n".join([intro, "\n".join(rows), "\n".join(optional)])


def write_table() -> None:
    """Replace the table between the markers of ``book/teachers.md``."""
    text = TEACHERS.read_text(encoding="utf-8")
    i, j = text.index(BEGIN) + len(BEGIN), text.index(END)
    TEACHERS.write_text(text[:i] + "\n" + table() + "\n" + text[j:], encoding="utf-8")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def measure() -> None:
    """Execute every chapter in a fresh kernel with a cold numba cache; record wall times."""
    run_seconds = {}
    for name in chapters():
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "jupyter",
                    "nbconvert",
                    "--to",
                    "notebook",
                    "--execute",
                    "--ExecutePreprocessor.timeout=1800",
                    "--ExecutePreprocessor.kernel_name=python3",
                    "--output-dir",
                    out,
                    str(ROOT / "book" / f"{name}.ipynb"),
                ],
                check=True,
                env=env,
                cwd=ROOT / "book",
                capture_output=True,
            )
            run_seconds[name] = round(time.perf_counter() - start, 1)
        print(f"{name}: {run_seconds[name]} s", file=sys.stderr)
    record = {
        "what": "wall time of executing each chapter in a fresh kernel, numba cache empty",
        "machine": {"cpu": _cpu(), "cores": os.cpu_count(), "python": platform.python_version()},
        "run_seconds": run_seconds,
    }
    RECORD.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["measure"]:
        measure()
        write_table()
    elif sys.argv[1:] == ["table"]:
        write_table()
    else:
        sys.exit(__doc__)
