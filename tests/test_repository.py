"""tools/repository.py: one command moves every mention of the repository; ``check`` finds strays.

Also the two environments: the readers' ``binder/requirements.txt`` (Binder) and the developers'
top-level ``requirements.txt``.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def _load_tool():
    spec = importlib.util.spec_from_file_location("repository", ROOT / "tools" / "repository.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


repository = _load_tool()

OLD = repository.configured_url(ROOT)  # where the book is now
NEW = "https://github.com/New-Owner/new.book"  # where the tests move a copy of it
OLD_SLUG = OLD.removeprefix("https://github.com/")
NEW_SLUG = NEW.removeprefix("https://github.com/")


# --------------------------------------------------------------------------- URL validation


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/octo-org/octo.repo", "https://github.com/octo-org/octo.repo"),
        ("https://github.com/octo-org/octo.repo/", "https://github.com/octo-org/octo.repo"),
        ("https://github.com/octo-org/octo.repo.git", "https://github.com/octo-org/octo.repo"),
        ("https://github.com/Octo0/_x-y.z", "https://github.com/Octo0/_x-y.z"),
        ("https://github.com/a/b", "https://github.com/a/b"),
        ("https://github.com/" + "x" * 39 + "/r", "https://github.com/" + "x" * 39 + "/r"),
        ("https://github.com/a-b-c/..x", "https://github.com/a-b-c/..x"),
    ],
)
def test_validate_url_accepts_and_normalises(url, expected):
    assert repository.validate_url(url) == expected


BAD_URLS = [
    "",
    "https://github.com/a/name.",  # a trailing dot reads as the end of a sentence
    "https://github.com/a/.git",
    "https://github.com/a/b.git.git",
    "https://github.com/a/...",
    "github.com/o/n",
    "http://github.com/o/n",
    "https://www.github.com/o/n",
    "https://gitlab.com/o/n",
    "git@github.com:o/n.git",
    "https://github.com/o",
    "https://github.com/o/",
    "https://github.com//n",
    "https://github.com/o/n/tree/main",
    "https://github.com/o/n?tab=readme",
    "https://github.com/o/n#readme",
    "https://github.com/-o/n",
    "https://github.com/o-/n",
    "https://github.com/o--o/n",
    "https://github.com/o_o/n",
    "https://github.com/" + "x" * 40 + "/n",
    "https://github.com/o/.",
    "https://github.com/o/..",
    "https://github.com/o/n b",
    " https://github.com/o/n",
    "https://github.com/o/n\n",
    "https://github.com/o/n'; rm -rf /'",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_validate_url_rejects(url):
    with pytest.raises(ValueError, match=re.escape("expected https://github.com/<owner>/<name>")):
        repository.validate_url(url)


def test_validate_url_rejects_non_strings():
    with pytest.raises(ValueError, match="must be a string"):
        repository.validate_url(None)


def test_doctests():
    result = doctest.testmod(
        repository, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------- the install cell


def _nb(*sources, install=None):
    nb = nbformat.v4.new_notebook()
    if install is not None:
        cell = nbformat.v4.new_code_cell(install, metadata=repository.install_cell_metadata())
        nb.cells.append(cell)
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


@pytest.mark.parametrize(
    ("source", "extras"),
    [
        ("import numpy as np", []),
        ("import matplotlib.pyplot as plt", ["plot"]),
        ("from isingneuron import plotting", ["plot"]),
        ("import isingneuron as isn\nisn.plotting.use_house_style()", ["plot"]),
        ("import isingneuron.plotting", ["plot"]),
        ("from isingneuron import widgets", ["widgets"]),
        ("import ipywidgets as w", ["widgets"]),
        ("from isingneuron.learning import forward", ["learning"]),
        ("import isingneuron.learning as L", ["learning"]),
        ("from isingneuron import learning, plotting, widgets", ["learning", "plot", "widgets"]),
        ("# learning. plotting. widgets.\nx = 'matplotlib'", []),
        ("%matplotlib inline\nimport numpy as np", []),
    ],
)
def test_notebook_extras(source, extras):
    assert repository.notebook_extras(_nb(source)) == extras


def test_notebook_extras_ignore_the_install_cell():
    install = repository.install_cell_source(OLD, "v1.0", ["plot", "widgets"])
    assert repository.notebook_extras(_nb("import numpy", install=install)) == []


def test_install_cell_source_shape():
    src = repository.install_cell_source(OLD + ".git", "v0.1.0", ["widgets", "plot", "plot"])
    lines = src.splitlines()
    assert lines[0].startswith("# @title ")
    assert lines[5] == f'PACKAGE = "isingneuron[plot,widgets] @ git+{OLD}@v0.1.0"'
    assert not src.endswith("\n")
    bare = repository.install_cell_source(OLD, "v0.1.0")
    assert f'PACKAGE = "isingneuron @ git+{OLD}@v0.1.0"' in bare
    compile(src, "<install cell>", "exec")


@pytest.mark.parametrize(
    ("release", "extras"), [("0.1.0", ()), ('v1"; import os', ()), ("v1.0", ["plots"])]
)
def test_install_cell_source_rejects(release, extras):
    with pytest.raises(ValueError):
        repository.install_cell_source(OLD, release, extras)


def test_extras_are_those_of_the_package():
    if tomllib is None:
        pytest.skip("reading pyproject.toml needs tomllib (Python >= 3.11)")
    with open(ROOT / "pyproject.toml", "rb") as f:
        extras = tomllib.load(f)["project"]["optional-dependencies"]
    assert set(repository.EXTRA_MODULES) == set(extras)


# --------------------------------------------------------------------------- set_repository

COPIED = ["_config.yml", "CITATION.cff", "book/citing.md", "README.md", "pyproject.toml"]
COPIED_NOTEBOOKS = ["errata.ipynb", "conclusion.ipynb", "learning.ipynb"]


@pytest.fixture
def book(tmp_path):
    """The files that name the repository, copied; one more notebook without an install cell."""
    for rel in COPIED:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, tmp_path / rel)
    shutil.copytree(ROOT / "binder", tmp_path / "binder")
    for name in COPIED_NOTEBOOKS:
        shutil.copy2(ROOT / "book" / name, tmp_path / "book" / name)
    nb = nbformat.read(ROOT / "book" / "errata.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if not repository.is_install_cell(c)]
    nbformat.write(nb, tmp_path / "book" / "bare.ipynb")
    return tmp_path


def _snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_set_repository_moves_everything(book):
    before = _snapshot(book)
    changed = repository.set_repository(book, NEW + ".git")
    names = {p.relative_to(book).as_posix() for p in changed}
    assert names == {
        "_config.yml",
        "CITATION.cff",
        "README.md",
        "book/citing.md",
        "book/bare.ipynb",
        *(f"book/{n}" for n in COPIED_NOTEBOOKS),
    }
    assert repository.configured_url(book) == NEW
    assert repository.check(book) == []
    for path in _snapshot(book):
        assert OLD_SLUG.lower() not in path.read_text(encoding="utf-8").lower()
    readme = (book / "README.md").read_text()
    assert "https://mybinder.org/v2/gh/New-Owner/new.book/main?urlpath=lab/tree/book" in readme
    assert f'repository-code: "{NEW}"' in (book / "CITATION.cff").read_text()
    assert f"> {NEW}.\n" in (book / "book/citing.md").read_text()
    # _config.yml: the url line only, comments and everything else kept
    old_config = before[book / "_config.yml"].decode()
    assert (book / "_config.yml").read_text() == old_config.replace(f"url: {OLD}", f"url: {NEW}")
    # binder/ names no repository: untouched
    assert all(_snapshot(book)[p] == before[p] for p in before if "binder" in p.parts)


def _install_and_rest(nb):
    """(index of the install cell, the install cell, all other cells)."""
    (i,) = [k for k, c in enumerate(nb.cells) if repository.is_install_cell(c)]
    return i, nb.cells[i], nb.cells[:i] + nb.cells[i + 1 :]


def test_set_repository_rewrites_only_the_install_cell(book):
    old = {n: nbformat.read(book / "book" / n, as_version=4) for n in COPIED_NOTEBOOKS}
    repository.set_repository(book, NEW)
    release = repository.configured_release(book)
    for name, before in old.items():
        after = nbformat.read(book / "book" / name, as_version=4)
        i, cell, rest = _install_and_rest(after)
        _, cell_before, rest_before = _install_and_rest(before)
        # the first code cell, right after the title and introduction
        assert [c.cell_type for c in after.cells[:i]] == ["markdown"] * i
        assert cell.source == repository.install_cell_source(
            NEW, release, repository.notebook_extras(after)
        )
        assert cell.metadata == repository.install_cell_metadata()
        assert (cell.id, cell.execution_count, cell.outputs) == (
            cell_before.id,
            cell_before.execution_count,
            cell_before.outputs,
        )
        assert rest == rest_before
        assert after.metadata == before.metadata
    learning = nbformat.read(book / "book" / "learning.ipynb", as_version=4)
    assert "isingneuron[learning,plot] @ git+" in _install_and_rest(learning)[1].source
    bare = nbformat.read(book / "book" / "bare.ipynb", as_version=4)
    i, cell, _ = _install_and_rest(bare)
    assert bare.cells[i + 1].cell_type == "code"  # placed before the first other code cell
    assert all(c.cell_type == "markdown" for c in bare.cells[:i])
    assert cell.execution_count is None and not cell.outputs
    nbformat.validate(bare)


def test_install_cell_is_moved_after_the_title(book):
    # A notebook whose install cell comes first (before its title) gets it moved, once.
    path = book / "book" / "errata.ipynb"
    nb = nbformat.read(path, as_version=4)
    i, cell, rest = _install_and_rest(nb)
    nb.cells = [cell, *rest]
    nbformat.write(nb, path)
    assert repository.update_notebook(path, OLD, repository.configured_release(book)) is True
    moved = nbformat.read(path, as_version=4)
    assert _install_and_rest(moved)[0] == i and moved.cells[0].cell_type == "markdown"
    assert repository.update_notebook(path, OLD, repository.configured_release(book)) is False


def test_set_repository_is_idempotent(book):
    repository.set_repository(book, NEW)
    once = _snapshot(book)
    assert repository.set_repository(book, NEW) == []
    assert repository.set_repository(book, NEW + "/") == []
    for path in sorted((book / "book").glob("*.ipynb")):
        assert repository.update_notebook(path, NEW, "v0.1.0") is False
    assert _snapshot(book) == once
    # and back: every file as it was, except the notebooks' new install cells
    repository.set_repository(book, OLD)
    for rel in COPIED:
        assert (book / rel).read_bytes() == (ROOT / rel).read_bytes(), rel


@pytest.mark.parametrize("url", ["https://github.com/o--o/n", "https://gitlab.com/o/n", ""])
def test_malformed_url_changes_nothing(book, url, capsys):
    before = _snapshot(book)
    with pytest.raises(ValueError):
        repository.set_repository(book, url)
    assert repository.main(["--root", str(book), "set", url]) == 2
    assert "expected https://github.com/<owner>/<name>" in capsys.readouterr().err
    assert _snapshot(book) == before


def test_config_rewrite_keeps_quotes_and_comments(tmp_path):
    config = (
        "# the book\nrepository:\n  # where it lives\n  branch: main\n"
        f'  url: "{OLD}"  # the one place\n  release: v2.0.0\nhtml:\n  url: unrelated\n'
    )
    (tmp_path / "_config.yml").write_text(config)
    assert repository.set_repository(tmp_path, NEW) == [tmp_path / "_config.yml"]
    assert (tmp_path / "_config.yml").read_text() == config.replace(OLD, NEW)
    assert repository.configured_release(tmp_path) == "v2.0.0"


def test_check_finds_stray_addresses(book, capsys):
    repository.set_repository(book, NEW)
    assert repository.main(["--root", str(book), "check"]) == 0
    readme = book / "README.md"
    lines = readme.read_text().splitlines()
    lines += [
        f"Old home: {OLD}.",  # the old address, ending a sentence
        "Cited: https://github.com/vgeadah/NonlinMod and https://gist.github.com/someone/abc",
        "Binder: https://mybinder.org/v2/gh/someone/else/main",
    ]
    readme.write_text("\n".join(lines) + "\n")
    n = len(lines)
    assert repository.foreign_addresses(book) == [
        f"README.md:{n - 2}: {OLD_SLUG}",
        f"README.md:{n}: someone/else",
    ]
    assert repository.main(["--root", str(book), "check"]) == 1
    assert f"{OLD_SLUG} is not the configured repository" in capsys.readouterr().out


@pytest.mark.parametrize(
    "form",
    [
        "https://www.github.com/someone/else",
        "git@github.com:someone/else.git",
        "https://GitHub.com/someone/else",
        "https://colab.research.google.com/github/someone/else/blob/main/book/intro.ipynb",
        "https://someone.github.io/else/",
        "https://raw.githubusercontent.com/someone/else/main/README.md",
    ],
)
def test_check_and_set_see_every_form_of_an_address(book, form):
    repository.set_repository(book, NEW)
    readme = book / "README.md"
    readme.write_text(readme.read_text() + f"See {form} too.\n")
    assert repository.foreign_addresses(book)[-1].endswith("someone/else")
    # and `set` moves the book's own address in that form
    own = form.replace("someone", NEW_SLUG.split("/")[0]).replace("else", NEW_SLUG.split("/")[1])
    readme.write_text(readme.read_text().replace(form, own))
    assert repository.check(book) == []
    repository.set_repository(book, OLD)
    assert repository.check(book) == []
    assert NEW_SLUG.split("/")[1] not in readme.read_text()


def test_install_cell_checks_the_extras_libraries():
    # A kernel where another chapter installed the package without this chapter's extras
    # must still install them: the cell looks for the extras' libraries too.
    source = repository.install_cell_source(NEW, "v0.1.0", ["learning", "plot"])
    assert 'NEEDED = ("isingneuron", "sklearn", "matplotlib")' in source
    bare = repository.install_cell_source(NEW, "v0.1.0", [])
    assert 'NEEDED = ("isingneuron",)' in bare
    for src, missing in ((bare, False), (source.replace('"sklearn"', '"no_such_lib"'), True)):
        calls = []
        code = src.replace("subprocess.run(", "calls.append((").replace("check=True)", "0))")
        exec(compile(code, "install-cell", "exec"), {"calls": calls})
        assert bool(calls) is missing


def test_check_finds_stale_install_cells_and_release(book):
    repository.set_repository(book, NEW)
    config = book / "_config.yml"
    config.write_text(config.read_text().replace("release: v0.1.0", "release: v9.9.9"))
    problems = repository.check(book)
    assert len(problems) == 1 + len(COPIED_NOTEBOOKS) + 1  # + bare.ipynb
    assert "repository.release is v9.9.9" in problems[-1]


# --------------------------------------------------------------------------- the real repository


def test_release_is_the_package_version():
    version = repository.project_version(ROOT)
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", version), version
    assert repository.configured_release(ROOT) == f"v{version}"


def test_every_address_is_the_configured_repository():
    # every git-tracked (or new) text file; notebooks: cell sources
    assert repository.foreign_addresses(ROOT) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_first_code_cell_is_the_install_cell(path):
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    url, release = repository.configured_url(ROOT), repository.configured_release(ROOT)
    expected = repository.install_cell_source(url, release, repository.notebook_extras(nb))
    hint = f"run: .venv/bin/python tools/repository.py set {url}"
    assert first.source == expected, f"{path.name}: install cell out of date; {hint}"
    assert first.metadata == repository.install_cell_metadata(), f"{path.name}: {hint}"


# --------------------------------------------------------------------------- environments

DEVELOPER_TOOLS = {
    "jupyter-book",
    "sphinx",
    "sphinx-exercise",
    "pytest",
    "nbval",
    "ruff",
    "nbconvert",
    "nbclient",
    "setuptools",
    "hypothesis",
}


def _requirements(path):
    reqs = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            reqs[canonicalize_name(req.name)] = req
    return reqs


def test_binder_requirements_are_the_readers_environment():
    if tomllib is None:
        pytest.skip("reading pyproject.toml needs tomllib (Python >= 3.11)")
    binder = _requirements(ROOT / "binder" / "requirements.txt")
    assert not DEVELOPER_TOOLS & set(binder), "developer tools in binder/requirements.txt"
    text = (ROOT / "binder" / "requirements.txt").read_text()
    assert not re.search(r"(?m)^\s*(-e\s+)?\.\s*$", text), "binder/postBuild installs the package"
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    runtime = project["dependencies"] + sum(project["optional-dependencies"].values(), [])
    missing = {canonicalize_name(Requirement(r).name) for r in runtime} - set(binder)
    assert not missing, f"binder/requirements.txt lacks runtime dependencies {sorted(missing)}"
    assert {"ipykernel", "jupyterlab", "jupyterlab-myst"} <= set(binder)
    top = _requirements(ROOT / "requirements.txt")
    for name, req in binder.items():
        if name in top:
            assert req.specifier == top[name].specifier, f"{name}: bounds differ from the top level"


def test_top_level_requirements_are_the_developer_environment():
    top = _requirements(ROOT / "requirements.txt")
    assert {"jupyter-book", "pytest", "nbval", "ruff", "jupyterlab", "jupyterlab-myst"} <= set(top)
    assert re.search(r"(?m)^-e \.\s*$", (ROOT / "requirements.txt").read_text())


def test_binder_folder_holds_every_binder_file():
    post = ROOT / "binder" / "postBuild"
    assert post.stat().st_mode & 0o111, "binder/postBuild must be executable"
    assert re.search(r"(?m)^python -m pip install .*--no-deps \.$", post.read_text())
    assert re.fullmatch(r"python-3\.\d+", (ROOT / "binder" / "runtime.txt").read_text().strip())
    for name in ("postBuild", "runtime.txt", "environment.yml", "apt.txt"):
        assert not (ROOT / name).exists(), f"top-level {name}: repo2docker ignores it (binder/)"
