"""The student edition (``make student``, tools/student.py): every exercise, no solution.

Solution text is collected from the instructor's notebooks (plain runs of words from the
solutions' prose, the lines of their code and printed output). Each snippet must appear on the
instructor's built page — so the check can fail — and on no page, and in no downloadable
notebook, of the student edition.
"""

from __future__ import annotations

import html as html_lib
import importlib.util
import json
import re

import pytest
from _site import HTML, ROOT

STUDENT = ROOT / "_build" / "student" / "html"
spec = importlib.util.spec_from_file_location("student", ROOT / "tools" / "student.py")
student = importlib.util.module_from_spec(spec)
spec.loader.exec_module(student)

CHAPTERS = sorted(
    p.stem
    for p in (ROOT / "book").glob("*.ipynb")
    if "{solution-start}" in p.read_text(encoding="utf-8")
)


def _plain(text: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text)


def _cell_lines(cell: dict) -> list[str]:
    """The stripped lines of a code cell's source and printed output."""
    lines = [ln.strip() for ln in "".join(cell["source"]).splitlines()]
    for out in cell.get("outputs", []):
        lines += [ln.strip() for ln in "".join(out.get("text", "")).splitlines()]
    return lines


def _solution_snippets(chapter: str) -> tuple[list[str], list[str]]:
    """(prose snippets, code/output lines) of the solutions of one chapter."""
    nb = json.loads((ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    prose, code, inside = [], [], False
    elsewhere = set()  # lines that also occur outside the solutions are no evidence of a leak
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            kept, now_inside = student.strip_markdown(src, inside)
            if inside or now_inside or len(kept) < len(src):
                removed = src.replace(kept, " ") if kept else src
                removed = re.sub(
                    r"\$\$.*?\$\$|\$[^$]*\$|\{[^}]*\}`[^`]*`|`[^`]*`|```.*?\n", " ", removed
                )
                for run in re.findall(r"(?:[A-Za-z]{3,}[ ,]+){6,}", removed):
                    prose.append(re.sub(r"\s+", " ", run.strip(" ,")))
            inside = now_inside
        else:
            lines = _cell_lines(cell)
            if inside:
                code += [ln for ln in lines if len(ln) >= 25]
            else:
                elsewhere.update(lines)
    return prose, [ln for ln in code if ln not in elsewhere]


@pytest.fixture(scope="module")
def student_site():
    """The built student edition; fail (not skip) when it is missing."""
    if not (STUDENT / "index.html").is_file():
        pytest.fail(f"{STUDENT} has no index.html: `make student` builds the student edition")
    return STUDENT


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_solution_reaches_the_student_edition(student_site, chapter):
    """Solution prose, code and output: on the instructor page, not in the student edition."""
    prose, code = _solution_snippets(chapter)
    assert prose, f"{chapter}: no solution prose found to check"
    page = f"book/{chapter}.html"
    instructor = _plain((HTML / page).read_text(encoding="utf-8"))
    pupil_html = (student_site / page).read_text(encoding="utf-8")
    pupil = _plain(pupil_html)
    seen = [s for s in prose if s in instructor]
    assert len(seen) >= len(prose) // 2, f"{chapter}: the instructor page lacks its solutions?"
    leaked = [s for s in seen if s in pupil]
    assert not leaked, f"{chapter}: solution text in the student page: {leaked[:3]}"
    notebook = (student_site / "_sources" / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8")
    assert "{solution" not in notebook and "solution dropdown" not in pupil_html
    lines = {ln for cell in json.loads(notebook)["cells"] for ln in _cell_lines(cell)}
    leaked_code = [ln for ln in code if ln in lines]
    assert not leaked_code, f"{chapter}: solution code in the student notebook: {leaked_code[:3]}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_edition_keeps_every_exercise(student_site, chapter):
    """Every exercise's title is on the student page."""
    src = (ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8")
    titles = re.findall(r"\{exercise\} ([^\\\n]+)", src)
    page = _plain((student_site / "book" / f"{chapter}.html").read_text(encoding="utf-8"))
    assert titles
    for title in titles:
        words = re.sub(r"\$[^$]*\$", " ", title).split()[:3]
        assert " ".join(words) in page, f"{chapter}: exercise {title!r} missing"


def test_student_edition_does_not_launch_the_full_notebooks(student_site):
    """No Binder, Colab or repository button: they open the notebooks with the solutions."""
    launch = re.compile(
        r'href="(https://(?:colab\.research\.google\.com/github|mybinder\.org/v2)[^"]*'
        r'|https://github\.com/[^"]*\.ipynb)"'
    )
    instructor = (HTML / "book" / "intro.html").read_text(encoding="utf-8")
    assert launch.search(instructor), "the instructor edition has launch buttons (check the check)"
    for page in (student_site / "book").glob("*.html"):
        found = launch.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name} links to {found[0]}"


def test_student_edition_speaks_to_students(student_site):
    """No teachers page, and the landing page names the download button, not the rocket."""
    assert (HTML / "book" / "teachers.html").exists(), "the instructor edition has the page"
    assert not (student_site / "book" / "teachers.html").exists()
    pages = list(student_site.rglob("*.html"))
    assert pages
    for page in pages:
        text = _plain(page.read_text(encoding="utf-8"))
        assert "rocket button" not in text, f"{page.name} mentions the rocket button"
        assert 'href="teachers.html"' not in page.read_text(encoding="utf-8"), page.name
    landing = _plain((student_site / "book" / "index.html").read_text(encoding="utf-8"))
    assert "download button" in landing
    instructor = _plain((HTML / "book" / "index.html").read_text(encoding="utf-8"))
    assert "rocket button" in instructor and "download button" not in instructor
