"""Helpers shared by the site tests: where the built book is, its pages, their sources."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SKIP_DIRS = {"_static", "_sources", "_images", "_downloads"}


def _is_redirect(path: Path) -> bool:
    head = path.read_text(encoding="utf-8", errors="replace")[:2000].lower()
    return 'http-equiv="refresh"' in head


def site_pages() -> list[Path]:
    """Every HTML page of the built book (relative paths), redirect stubs excluded."""
    if not HTML.is_dir():
        return []
    pages = []
    for path in sorted(HTML.rglob("*.html")):
        rel = path.relative_to(HTML)
        if rel.parts[0] in SKIP_DIRS or _is_redirect(path):
            continue
        pages.append(rel)
    return pages


@functools.cache
def source_of(page: str) -> Path | None:
    """The copied source (``_sources/<doc>.<ext>``) of a built page, if it has one."""
    stem = HTML / "_sources" / Path(page).with_suffix("")
    for suffix in (".ipynb", ".md", ".rst"):
        cand = stem.with_name(stem.name + suffix)
        if cand.is_file():
            return cand
    return None


# Math in a source: $…$, $$…$$, \begin{equation|align…}, {math} roles/directives.
_MATH_RE = re.compile(
    r"\$\$|\\begin\{(?:equation|align|gather|multline|eqnarray)|\{math\}"
    r"|(?<![\\$\w])\$(?=[^\s$])[^$\n]+?(?<=[^\s\\])\$(?![\w$])"
)
_FENCE_RE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE_RE = re.compile(r"`[^`\n]+`")


def source_has_math(page: str) -> bool:
    """Whether the page's source contains math (markdown text and LaTeX/markdown outputs)."""
    src = source_of(page)
    if src is None:
        return False
    text = src.read_text(encoding="utf-8")
    if src.suffix == ".ipynb":
        nb = json.loads(text)
        chunks = []
        for cell in nb.get("cells", []):
            source = "".join(cell.get("source", []))
            if cell.get("cell_type") == "markdown":
                chunks.append(source)
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                for mime in ("text/latex", "text/markdown"):
                    if mime in data:
                        chunks.append("".join(data[mime]))
        text = "\n".join(chunks)
    text = _FENCE_RE.sub("", text)
    text = _CODE_RE.sub("", text)
    return bool(_MATH_RE.search(text))
