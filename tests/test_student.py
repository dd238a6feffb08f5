"""tools/student.py removes every solution, and nothing else, from the book's sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("student", ROOT / "tools" / "student.py")
student = importlib.util.module_from_spec(spec)
spec.loader.exec_module(student)


def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(c[1]) if c[0] == "md" else nbformat.v4.new_code_cell(c[1])
        for c in cells
    ]
    return nb


def test_gated_solution_across_cells_is_removed_with_its_code():
    nb = _nb(
        (
            "md",
            "```{exercise} T\n:label: ex-a\n\nDo it.\n```\n\n```{solution-start} ex-a\n"
            ":class: dropdown\n```\nThe answer is 42.",
        ),
        ("code", "answer = 42"),
        ("md", "So 42.\n\n```{solution-end}\n```\n\n## Next section"),
        ("code", "kept = 1"),
    )
    assert student.strip_notebook(nb) == 1
    text = "\n".join(c.source for c in nb.cells)
    assert "Do it." in text and "## Next section" in text and "kept = 1" in text
    assert "42" not in text and "solution" not in text


def test_solution_inside_one_cell_and_the_plain_directive():
    md = (
        "Before.\n\n```{solution-start} ex-b\n```\nSecret.\n```{solution-end}\n```\nAfter.\n\n"
        "````{solution} ex-c\nAlso secret.\n````\nEnd."
    )
    text, inside = student.strip_markdown(md)
    assert not inside and "Secret" not in text and "Also secret" not in text
    assert text.startswith("Before.") and "After." in text and text.endswith("End.")


def test_unterminated_solution_is_an_error():
    nb = _nb(("md", "```{solution-start} ex-a\n```\nOpen."), ("code", "x = 1"))
    with pytest.raises(ValueError, match="solution-end"):
        student.strip_notebook(nb)


def test_the_book_keeps_every_exercise_and_loses_every_solution():
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        exercises = sum(c.source.count("{exercise}") for c in nb.cells)
        solutions = sum(c.source.count("{solution-start}") for c in nb.cells)
        assert student.strip_notebook(nb) == solutions
        text = "\n".join(c.source for c in nb.cells)
        assert text.count("{exercise}") == exercises, path.name
        assert "{solution" not in text, path.name


def test_edition_passages():
    text = (
        "A\n<!-- instructor-only -->\nteacher text\n<!-- /instructor-only -->\n\n"
        "<!-- student-only\nstudent text\n-->\nB\n"
    )
    out = student.student_markdown(text)
    assert "teacher text" not in out and "student text" in out
    assert "<!--" not in out and out.startswith("A\n") and out.rstrip().endswith("B")


def test_student_toc_drops_the_teachers_page_and_its_empty_part():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "book/teachers" in toc
    out = student.student_toc(toc)
    assert "book/teachers" not in out and "Using the book" not in out
    assert out.count("- file:") == toc.count("- file:") - 1
