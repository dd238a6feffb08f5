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
