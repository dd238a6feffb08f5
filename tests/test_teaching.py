"""The teachers page and the exercises agree: one row per exercise, same title, difficulty, time."""

from __future__ import annotations

import json
import re
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1] / "book"
LINE = re.compile(r"\*Difficulty ([★☆]{3}) · about (\d+) min · ([^*]+)\*")


def _exercises():
    found = {}
    for path in sorted(BOOK.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            src = "".join(cell["source"])
            for m in re.finditer(r"```\{exercise\} ([^\n]*)\n:label: (\S+)\n\n([^\n]*)\n", src):
                found[m.group(2)] = (m.group(1), m.group(3))
    return found


def test_every_exercise_states_difficulty_and_time():
    exercises = _exercises()
    assert len(exercises) >= 25
    for label, (_, first_line) in exercises.items():
        m = LINE.fullmatch(first_line)
        assert m, (
            f"{label}: first line {first_line!r} is not '*Difficulty ★★☆ · about N min · kind*'"
        )
        assert m.group(1) in ("★☆☆", "★★☆", "★★★")


def test_teachers_page_lists_every_exercise_as_it_is():
    exercises = _exercises()
    rows = re.findall(
        r"^\| \{ref\}`([^`]+)` \| (.+?) \| ([★☆]{3}) \| (\d+) min \| ([^|]+?) \|$",
        (BOOK / "teachers.md").read_text(encoding="utf-8"),
        re.M,
    )
    assert sorted(r[0] for r in rows) == sorted(exercises), "one row per exercise"
    for label, title, stars, minutes, kind in rows:
        assert title == exercises[label][0], f"{label}: the title differs from the exercise's"
        m = LINE.fullmatch(exercises[label][1])
        assert (stars, minutes, kind) == m.groups(), label


def _timings():
    import importlib.util

    path = BOOK.parent / "tools" / "timings.py"
    spec = importlib.util.spec_from_file_location("timings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_timing_table_follows_the_text_and_the_measured_run_times():
    """The teachers page's table is what tools/timings.py computes now (else: make timings)."""
    timings = _timings()
    record = json.loads(timings.RECORD.read_text(encoding="utf-8"))
    assert sorted(record["run_seconds"]) == sorted(timings.chapters()), "a chapter was not timed"
    assert all(s > 0 for s in record["run_seconds"].values())
    text = (BOOK / "teachers.md").read_text(encoding="utf-8")
    block = text[text.index(timings.BEGIN) + len(timings.BEGIN) : text.index(timings.END)]
    assert block.strip() == timings.table().strip(), (
        "book/teachers.md's timing table is stale: run `python tools/timings.py table` "
        "(or `make timings` to measure the run times again)"
    )


def test_reading_time_counts_what_the_reader_sees():
    """Prose, figures, equations and visible code add time; solutions and hidden code do not."""
    import nbformat

    timings = _timings()
    md = nbformat.v4.new_markdown_cell
    code = nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        md("# Title\n\nfive words of plain prose\n\n$$\nx^2\n$$"),
        code("a = 1\nb = 2", metadata={"tags": ["hide-input"]}),
        code("c = 3"),
        md("## Optional part\n\n:::{admonition} Optional\n:class: note\nskip me\n:::"),
        md(
            "## Exercises\n\n```{exercise} T\n:label: ex-t\n\n"
            "*Difficulty ★☆☆ · about 15 min · computational*\n\nDo it.\n```\n\n"
            "```{solution-start} ex-t\n:class: dropdown\n```\nsecret words here"
        ),
        code("secret = 1"),
        md("```{solution-end}\n```"),
    ]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "book").mkdir()
        nbformat.write(nb, Path(tmp) / "book" / "t.ipynb")
        timings.ROOT = Path(tmp)
        parts = timings.reading("t")
    assert parts["core"]["words"] == 1 + 5  # "Title" and the prose
    assert parts["core"]["equations"] == 1 and parts["core"]["code_lines"] == 1
    assert parts["optional_sections"] == ["Optional part"]
    assert parts["optional"]["words"] > 0
    assert parts["exercises"]["exercise_minutes"] == 15
    assert parts["exercises"]["code_lines"] == 0  # the solution's code is not read
