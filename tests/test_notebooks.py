"""Trust in the stored outputs: every chapter notebook must look like one clean top-to-bottom run.

The book is built from the outputs stored in ``book/*.ipynb`` (``execute_notebooks: "off"``),
so what a reader sees is only as good as the run that stored it. ``make execute`` (a fresh
kernel, top to bottom, no timing metadata) produces notebooks that pass these checks; a notebook
edited by hand, run out of order, partly re-run or saved after an error does not.

Checked for each notebook:

* valid nbformat 4, kernelspec ``python3``;
* code cells numbered ``1, 2, 3, …`` in order: no gaps, no unexecuted cell, no outputs without
  a count; an optional *first* code cell tagged ``colab-install`` (the Colab install cell of
  tools/repository.py; ``remove-cell`` for the former one) may
  either take part in the numbering or be stored unexecuted (no count, no outputs);
* no stored error output (unless the cell is tagged ``raises-exception``), no text on stderr
  (warnings belong fixed, not printed), no ``execution`` timing metadata in any cell;
* the setup cell (the first code cell after the optional Colab cell) imports the book's
  package ``isingneuron``; a notebook that draws (``plt.``) imports pyplot there and calls
  ``plotting.use_house_style()`` there, before any figure;
* a Colab install cell installs from the one repository named in ``_config.yml``;
* every widget view stored in an output has its model in the notebook's saved widget state
  (otherwise the widget is blank on the static page).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
# The install cell of tools/repository.py, and the former one (hidden from the page).
COLAB_TAGS = {"colab-install", "remove-cell"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _ids(paths):
    return [p.name for p in paths]


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def _split_colab(cells):
    """Return (optional Colab cell, the other code cells)."""
    if cells and COLAB_TAGS & _tags(cells[0]):
        return cells[0], cells[1:]
    return None, cells


def _python(source: str) -> ast.Module:
    # IPython magics and shell escapes are not Python; blank them out before parsing.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    return ast.parse("\n".join(lines))


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=_ids(NOTEBOOKS))
def nb(request):
    return _Notebook(request.param, nbformat.read(request.param, as_version=4))


class _Notebook:
    """A parsed notebook with its path (attribute access passes through to the node)."""

    def __init__(self, path: Path, node):
        self.path = path
        self.node = node

    def __getattr__(self, name):
        return getattr(self.node, name)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks in book/"


def test_valid_and_python3(nb):
    nbformat.validate(nb.node)
    ks = nb.metadata.get("kernelspec", {})
    assert ks.get("name") == "python3", f"{nb.path.name}: kernelspec {ks!r}, expected python3"
    assert ks.get("language", "python") == "python"


def test_execution_counts_are_one_clean_run(nb):
    cells = _code_cells(nb)
    assert cells, f"{nb.path.name} has no code cells"
    colab, rest = _split_colab(cells)
    numbered = cells
    if colab is not None and colab.execution_count is None:
        assert not colab.outputs, f"{nb.path.name}: unexecuted Colab cell with stored outputs"
        numbered = rest
    counts = [c.execution_count for c in numbered]
    expected = list(range(1, len(numbered) + 1))
    if counts != expected:
        first_bad = next(i for i, (a, b) in enumerate(zip(counts, expected, strict=True)) if a != b)
        src = numbered[first_bad].source.strip().splitlines()
        pytest.fail(
            f"{nb.path.name}: execution counts {counts} are not 1..{len(numbered)}; "
            f"first wrong at code cell {first_bad} (count {counts[first_bad]}, "
            f"starts {src[0][:60] if src else '(empty)'!r}). Re-run `make execute`."
        )
    for c in cells:
        if c.outputs:
            assert c.execution_count is not None, f"{nb.path.name}: outputs without a count"


def test_no_errors_stderr_or_timings(nb):
    problems = []
    for i, cell in enumerate(nb.cells):
        if "execution" in cell.get("metadata", {}):
            problems.append(f"cell {i}: 'execution' timing metadata (use record_timing=False)")
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "error" and "raises-exception" not in _tags(cell):
                problems.append(f"cell {i}: stored error {out.ename}: {out.evalue[:80]}")
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {i}: text on stderr: {out.text.strip()[:100]!r}")
    assert not problems, f"{nb.path.name}:\n  " + "\n  ".join(problems)


def test_setup_cell(nb):
    colab, rest = _split_colab(_code_cells(nb))
    assert rest, f"{nb.path.name}: no code cell after the Colab cell"
    setup = rest[0]
    tree = _python(setup.source)
    imported = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    assert any(m == "isingneuron" or m.startswith("isingneuron.") for m in imported), (
        f"{nb.path.name}: the setup cell (first code cell) must import the isingneuron package"
    )
    draws = any(re.search(r"\bplt\.", c.source) for c in rest)
    if draws:
        assert "matplotlib.pyplot" in imported, f"{nb.path.name}: import pyplot in the setup cell"
        assert re.search(r"^plotting\.use_house_style\(\)", setup.source, re.M), (
            f"{nb.path.name}: the setup cell must call plotting.use_house_style()"
        )


def test_colab_cell_uses_the_configured_repository(nb):
    colab, _ = _split_colab(_code_cells(nb))
    if colab is None:
        pytest.skip("no Colab install cell")
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"].rstrip("/")
    for found in re.findall(r"git\+(https://[^\s\"'@#]+)", colab.source):
        assert found.rstrip("/").removesuffix(".git") == url, (
            f"{nb.path.name}: the Colab cell installs from {found}, _config.yml names {url}"
        )


def test_widget_views_have_saved_state(nb):
    views = []
    for cell in _code_cells(nb):
        for out in cell.outputs:
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view:
                views.append(view["model_id"])
    if not views:
        return
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    missing = [v for v in views if v not in state]
    assert not missing, (
        f"{nb.path.name}: widget views {missing} have no saved state (execute with "
        "`make execute`, which stores widget state) - they would be blank on the page"
    )


def test_figures_have_captions_and_alt_text(nb):
    # Every figure drawn in a chapter (not the live explorers) carries a caption and an
    # alt text derived from it (tools/figure_alt_text.py, run by `make execute`).
    for cell in _code_cells(nb):
        has_image = any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))
        if not has_image or "nbval-ignore-output" in _tags(cell):
            continue
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        caption = mystnb.get("figure", {}).get("caption", "")
        alt = mystnb.get("image", {}).get("alt", "")
        first = cell["source"].splitlines()[0] if cell["source"] else ""
        assert caption.strip(), f"figure cell without a caption: {first!r}"
        assert alt.strip() and "$" not in alt, f"figure cell without plain alt text: {first!r}"


GLUE_PREFIX = "application/papermill.record/"
_GLUE_ROLE = re.compile(
    r"\{glue(?::text)?\}`(?:(?P<doc>[\w.-]+\.ipynb)::)?(?P<key>\w+):(?P<fmt>[^`]+)`"
)


def _glued_values(path):
    values = {}
    for cell in _code_cells(nbformat.read(path, as_version=4)):
        for out in cell.outputs:
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            text = out.get("data", {}).get(GLUE_PREFIX + "text/plain")
            if name and text is not None:
                values[name] = text
    return values


def test_glued_numbers_are_not_on_a_rounding_tie_in_the_prose():
    # A glued value is stored rounded to a few significant digits; where the prose then shows
    # it with a format at which the stored value is exactly half-way (e.g. 0.1235 with .3f),
    # the raw value lay within half a stored unit of the boundary: the shown digit depends on
    # the last bits of the computation, hence on the machine. Glue such values with fewer digits.
    glued = {p.name: _glued_values(p) for p in NOTEBOOKS}
    sources = [
        (p.name, c.source)
        for p in NOTEBOOKS
        for c in nbformat.read(p, 4).cells
        if c.cell_type == "markdown"
    ]
    sources += [(p.name, p.read_text()) for p in sorted((ROOT / "book").glob("*.md"))]
    problems, n = [], 0
    for doc, text in sources:
        for m in _GLUE_ROLE.finditer(text):
            owner = m["doc"] or doc
            stored = glued.get(owner, {}).get(m["key"])
            assert stored is not None, f"{doc}: glue key {m['key']!r} not stored in {owner}"
            x, fmt = float(stored), m["fmt"]
            n += 1
            if format(x * (1 + 1e-9), fmt) != format(x * (1 - 1e-9), fmt):
                problems.append(f"{doc}: {m['key']} = {stored} shown as {fmt!r}")
    assert n > 100, f"only {n} glue roles found: the pattern is out of date"
    assert not problems, "glued values on a rounding tie at the shown precision:\n  " + "\n  ".join(
        problems
    )
