"""Sphinx extension (``sphinx.local_extensions`` in ``_config.yml``): fixes to the book's HTML.

Each fix removes a JavaScript error that the real-browser test (``site_tests/``) found on
every page of a stock Jupyter Book 1.0.4 build (Sphinx 7.4, sphinx-thebe 0.3.1):

* Inline scripts registered after the builder starts (sphinx-thebe's
  ``const THEBE_JS_URL = …``, sphinx-togglebutton's selector) are written twice, because
  Sphinx stores them once as ``filename=None`` and once as ``filename=''`` and so does not see
  the duplicate. The second ``const`` is a SyntaxError ("Identifier 'THEBE_JS_URL' has already
  been declared"). We drop repeated scripts from each page's script list.

Numbering: the book's own figures and tables are numbered per chapter ("Fig. 4.2", "Table 8.1";
appendices lettered, "Fig. A.3"), so that "Figure 1" only ever means the paper's. The chapter
numbers come from ``_toc.yml`` (every part except "Using the book" is numbered, the
"Appendices" part lettered) and are shown in each chapter's title and in the sidebar. Figures
inside exercise solutions are not numbered: the student edition drops solutions, and the
numbers a reader sees must not have gaps. (Sphinx numbers figures across the whole book when
the toctree is not numbered, and restarts chapter numbers in every part when it is.)

The landing page shows a figure computed by a chapter (the verdicts of ``conclusion.ipynb``):
myst-nb cannot paste a figure glued on another page, so the glued PNG is copied from the
notebook's stored outputs to ``_build/landing/`` before Sphinx reads the pages
(``LANDING_FIGURES``).

It also makes sure the offline MathJax / widget scripts that ``html_static_path`` names
(``_build/web-assets``, see ``tools/web_assets.py``) exist before Sphinx copies them, so a
plain ``jupyter-book build .`` works after ``rm -rf _build`` too (``make book`` does the same
step first; when the pinned files are already there this costs a file read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.errors import ExtensionError

WEB_ASSETS = "_build/web-assets"


def _ensure_web_assets(app, config) -> None:
    if WEB_ASSETS not in [Path(p).as_posix() for p in config.html_static_path]:
        return
    import web_assets  # tools/web_assets.py, next to this file (on sys.path)

    try:
        status = web_assets.main(["web_assets.py", str(Path(app.srcdir) / WEB_ASSETS)])
    except SystemExit as exc:  # the script exits with a message on any problem
        status = exc.code
    if status not in (0, None):
        raise ExtensionError(f"could not prepare {WEB_ASSETS} (tools/web_assets.py): {status}")


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        key = (getattr(js, "filename", js) or "", *sorted(attrs.items()))
        if key in seen:
            continue
        seen.add(key)
        unique.append(js)
    # In place: Sphinx restores the list from its own copy after each page.
    scripts[:] = unique


GLUE_PREFIX = "application/papermill.record/"
#: Figures of the landing page: file written under the source root <- (notebook, glue key).
LANDING_FIGURES = {"_build/landing/verdicts.png": ("book/conclusion.ipynb", "fig-verdicts")}


def glued_png(notebook: Path, key: str) -> bytes:
    """The PNG glued under `key` in a notebook's stored outputs."""
    import base64
    import json

    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            if out.get("metadata", {}).get("scrapbook", {}).get("name") == key:
                data = out.get("data", {}).get(GLUE_PREFIX + "image/png")
                if data:
                    return base64.b64decode(data)
    raise ExtensionError(f"{notebook}: no PNG glued as {key!r} (run `make execute`)")


def _landing_figures(app, config) -> None:
    for target, (notebook, key) in LANDING_FIGURES.items():
        png = glued_png(Path(app.srcdir) / notebook, key)
        out = Path(app.srcdir) / target
        if not out.is_file() or out.read_bytes() != png:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(png)


UNNUMBERED_PARTS = {"Using the book"}
LETTERED_PARTS = {"Appendices"}


def chapter_labels(toc: dict) -> dict[str, str]:
    """Chapter label ("1", "2", ..., "A", "B", ...) of each numbered document of ``_toc.yml``.

    >>> toc = {"root": "book/index", "parts": [
    ...     {"caption": "Using the book", "chapters": [{"file": "book/teachers"}]},
    ...     {"caption": "Model", "chapters": [{"file": "book/a"}, {"file": "book/b.ipynb"}]},
    ...     {"caption": "Appendices", "chapters": [{"file": "book/c"}]}]}
    >>> chapter_labels(toc)
    {'book/a': '1', 'book/b': '2', 'book/c': 'A'}
    """
    labels: dict[str, str] = {}
    number = letter = 0
    for part in toc.get("parts", []):
        caption = part.get("caption", "")
        if caption in UNNUMBERED_PARTS:
            continue
        for chapter in part.get("chapters", []):
            doc = str(Path(chapter["file"]).with_suffix(""))
            if caption in LETTERED_PARTS:
                labels[doc] = chr(ord("A") + letter)
                letter += 1
            else:
                number += 1
                labels[doc] = str(number)
    return labels


def _in_solution(node) -> bool:
    while node is not None:
        if type(node).__name__ == "solution_node":
            return True
        node = node.parent
    return False


def _number_by_chapter(app, env) -> list[str]:
    """Renumber figures and tables per chapter; number chapter titles (after Sphinx's own pass)."""
    toc = yaml.safe_load((Path(app.srcdir) / "_toc.yml").read_text(encoding="utf-8"))
    labels = chapter_labels(toc)
    for docname, figtypes in env.toc_fignumbers.items():
        label = labels.get(docname)
        skip = set()
        if label is not None:
            doctree = env.get_doctree(docname)
            for node in doctree.findall(
                lambda n: isinstance(n, (nodes.figure, nodes.table, nodes.math_block))
            ):
                if _in_solution(node):
                    skip.update(node["ids"])
        for figtype, numbers in figtypes.items():
            ordered = sorted(numbers, key=numbers.get)
            kept = [fid for fid in ordered if label is not None and fid not in skip]
            figtypes[figtype] = {fid: (label, k) for k, fid in enumerate(kept, start=1)}
    for docname, label in labels.items():
        toc_tree = env.tocs.get(docname)
        refs = list(toc_tree.findall(nodes.reference)) if toc_tree is not None else []
        if not refs:
            continue
        refs[0]["secnumber"] = (label,)  # the title in the sidebar
        # The page's own heading: Sphinx looks up the first section by its anchor and falls
        # back to "" for any section not listed, so every other section is listed, unnumbered.
        numbers = {ref.get("anchorname", ""): () for ref in refs}
        numbers[refs[0].get("anchorname", "")] = (label,)
        numbers[""] = (label,)
        env.toc_secnumbers[docname] = numbers
    return []


def _skip(self, node):
    from docutils import nodes as _nodes

    raise _nodes.SkipNode


def _printable_hidden_cells(app) -> None:
    """In the single-page build (the PDF), a collapsed cell is left out, not shown collapsed.

    myst-nb registers its "show code" wrapper for the ``html`` builder only, so the
    ``singlehtml`` builder would fail on it; printed, the collapsed code is of no use.
    """
    try:
        from myst_nb.sphinx_ import HideCodeCellNode
    except ImportError:  # pragma: no cover - myst-nb is what builds the notebooks
        return
    app.add_node(HideCodeCellNode, override=True, singlehtml=(_skip, None))


def setup(app):
    """Register the hooks (the page hook runs late, after others add their scripts)."""
    app.connect("builder-inited", _printable_hidden_cells)
    app.connect("config-inited", _ensure_web_assets)
    app.connect("config-inited", _landing_figures)
    app.connect("env-get-updated", _number_by_chapter, priority=900)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
