"""Move the book to another GitHub repository in one command, and check that nothing is left behind.

``repository.url`` in ``_config.yml`` is the one source of truth for the book's public
repository; ``repository.release`` there is the tag that the notebooks' install cell pins. The
address is repeated where a reader meets it outside the built site: ``CITATION.cff``, the page
*How to cite*, ``README.md`` (with its Binder link) and the first code cell of every notebook,
which installs the helper package on Colab. This tool rewrites all of them at once and checks
that they agree::

    python tools/repository.py set https://github.com/<owner>/<name>   # (make set-repository)
    python tools/repository.py check

``set`` validates the address before anything else and computes every new file in memory before
writing the first one, so a malformed address or an unreadable file changes nothing. ``check``
exits with status 1 and lists every file and line that names a GitHub repository (or a Binder
link to one) other than the configured repository and the external repositories that the book
cites (:data:`EXTERNAL_REPOSITORIES`), every notebook whose first code cell is not the canonical
install cell, and a release that does not match the version in ``pyproject.toml``.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import nbformat
import yaml

__all__ = [
    "EXTERNAL_REPOSITORIES",
    "check",
    "configured_release",
    "configured_url",
    "foreign_addresses",
    "install_cell_metadata",
    "install_cell_source",
    "is_install_cell",
    "notebook_extras",
    "planned_changes",
    "project_version",
    "set_repository",
    "stale_install_cells",
    "update_notebook",
    "updated_notebook",
    "validate_url",
]

CONFIG = "_config.yml"

#: Repositories of other people that the book cites (``owner/name``, compared case-insensitively).
EXTERNAL_REPOSITORIES = frozenset(
    {
        "vgeadah/NonlinMod",  # book/related.ipynb: the public code of the adaptive activations
    }
)

#: Files that name example repositories on purpose (this tool's examples and tests).
EXEMPT_FILES = frozenset({"tools/repository.py", "tests/test_repository.py"})

INSTALL_TAG = "colab-install"
# The install cell before this tool: hidden from the built page, recognised by its text.
LEGACY_TAG = "remove-cell"
LEGACY_MARK = 'find_spec("isingneuron")'

INSTALL_TITLE = (
    "# @title Install the book's helper package and the libraries this chapter needs where they "
    "are missing (as on Colab); anywhere else this cell does nothing."
)
#: The label of the collapsed install cell on the book's page.
INSTALL_PROMPT = "Install cell: installs the book's package where it is missing (e.g. on Colab)"

# Import names (module prefixes) that call for each extra of pyproject.toml.
EXTRA_MODULES = {
    "plot": ("matplotlib", "isingneuron.plotting"),
    "widgets": ("ipywidgets", "isingneuron.widgets"),
    "learning": ("sklearn", "isingneuron.learning"),
}

_OWNER = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9])*")
_NAME = re.compile(r"[A-Za-z0-9._-]+")
_RELEASE = re.compile(r"v\d+(?:\.\d+)*[A-Za-z0-9._+-]*")  # a tag: v0.1.0, v1.0rc1
_URL = re.compile(r"(?i:https://github\.com)/(?P<owner>[^/]+)/(?P<name>[^/]+?)(?:\.git)?/?")

# A repository address in free text, in every form that names it: github.com itself (any
# case, with or without www., or as git@github.com:owner/name), a Binder, Colab or raw-file
# link to it, and its GitHub Pages site owner.github.io/name. The name may end a sentence
# ("...ising-neurone."): trailing dots are punctuation (_found_slug).
_ADDRESS = re.compile(
    r"(?<![\w.-])(?P<host>(?:www\.)?github\.com[/:]|mybinder\.org/v2/gh/"
    r"|colab\.research\.google\.com/github/|raw\.githubusercontent\.com/)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+)",
    re.IGNORECASE,
)
_PAGES = re.compile(
    r"(?<![\w.-])(?P<owner>[A-Za-z0-9-]+)\.github\.io/(?P<name>[A-Za-z0-9._-]+)", re.IGNORECASE
)
# First path segments of github.com that are pages, not owners.
_NOT_OWNERS = frozenset({"orgs", "sponsors", "apps", "marketplace", "topics", "features", "users"})
_SKIPPED_DIRS = frozenset({".git", ".venv", "_build", "node_modules", "__pycache__"})


# --------------------------------------------------------------------------- addresses


def validate_url(url: str) -> str:
    """Return the normalised address of a GitHub repository, or raise ``ValueError``.

    Parameters
    ----------
    url : str
        ``https://github.com/<owner>/<name>``, optionally with a trailing ``/`` or ``.git``.
        ``<owner>`` follows GitHub's rules for user and organisation names (1 to 39
        alphanumerics or single hyphens, not at either end); ``<name>`` is made of
        alphanumerics, ``.``, ``_`` and ``-`` and is neither ``.`` nor ``..``.

    Returns
    -------
    str
        ``https://github.com/<owner>/<name>`` without trailing slash or ``.git``.

    Raises
    ------
    ValueError
        If `url` has any other form.

    Examples
    --------
    >>> validate_url("https://github.com/octo-org/octo.repo.git")
    'https://github.com/octo-org/octo.repo'
    >>> validate_url("git@github.com:octo-org/octo.repo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: ...expected https://github.com/<owner>/<name>...
    """
    expected = (
        "expected https://github.com/<owner>/<name> (owner: 1-39 letters, digits or single "
        "hyphens, not at either end; name: letters, digits, '.', '_' or '-')"
    )
    if not isinstance(url, str):
        raise ValueError(f"repository URL must be a string, got {type(url).__name__}; {expected}")
    m = _URL.fullmatch(url)
    if m is None:
        raise ValueError(f"not a GitHub repository URL: {url!r}; {expected}")
    owner, name = m["owner"], m["name"]
    if len(owner) > 39 or not _OWNER.fullmatch(owner):
        raise ValueError(f"invalid GitHub owner {owner!r} in {url!r}; {expected}")
    if (
        not _NAME.fullmatch(name)
        or set(name) == {"."}
        or name.endswith(".")
        or name.lower().endswith(".git")
    ):
        # a name ending in '.' cannot be told from the end of a sentence in the book's text
        raise ValueError(f"invalid GitHub repository name {name!r} in {url!r}; {expected}")
    return f"https://github.com/{owner}/{name}"


def _slug(url: str) -> str:
    """``owner/name`` of a validated URL."""
    return url.removeprefix("https://github.com/")


def _found_slug(m: re.Match) -> tuple[str, int]:
    """``owner/name`` of an address found in text, and where the address ends in the text."""
    name = m["name"].rstrip(".")
    name = name.removesuffix(".git")
    return f"{m['owner']}/{name}", m.start("name") + len(name)


def _addresses(text: str) -> Iterator[tuple[re.Match, str, int]]:
    """Repository addresses in `text`: (match, ``owner/name``, end of the address).

    Sorted by position; the match has groups ``owner`` and ``name``.
    """
    found = []
    for m in _ADDRESS.finditer(text):
        if "github.com" in m["host"].lower() and m["owner"].lower() in _NOT_OWNERS:
            continue
        found.append(m)
    found += list(_PAGES.finditer(text))
    for m in sorted(found, key=lambda m: m.start()):
        slug, end = _found_slug(m)
        if slug.partition("/")[2]:
            yield m, slug, end


def _replace_addresses(text: str, old: str, new: str) -> str:
    """Replace every address of repository `old` (``owner/name``) in `text` by `new`."""
    pieces, last = [], 0
    new_owner, new_name = new.split("/")
    for m, slug, end in _addresses(text):
        if slug.lower() == old.lower() and m.start() >= last:
            if m.re is _PAGES:  # owner.github.io/name: a site is lower case
                pieces += [text[last : m.start("owner")], new_owner.lower()]
                pieces += [text[m.end("owner") : m.start("name")], new_name]
            else:
                pieces += [text[last : m.start("owner")], new]
            last = end
    return "".join(pieces) + text[last:]


# --------------------------------------------------------------------------- configuration


def _config(root: Path | str) -> tuple[str, dict]:
    path = Path(root) / CONFIG
    text = path.read_text(encoding="utf-8")
    repository = (yaml.safe_load(text) or {}).get("repository") or {}
    return text, repository


def configured_url(root: Path | str = ".") -> str:
    """The book's repository, ``repository.url`` in ``_config.yml`` (validated, normalised).

    Parameters
    ----------
    root : path-like, default "."
        The book's root folder (holding ``_config.yml``).

    Returns
    -------
    str
        ``https://github.com/<owner>/<name>``.
    """
    _, repository = _config(root)
    if "url" not in repository:
        raise ValueError(f"{CONFIG} has no repository.url")
    return validate_url(repository["url"])


def configured_release(root: Path | str = ".") -> str:
    """The tag that the notebooks' install cell pins: ``repository.release`` in ``_config.yml``.

    Parameters
    ----------
    root : path-like, default "."
        The book's root folder (holding ``_config.yml``).

    Returns
    -------
    str
        A tag such as ``v0.1.0``.
    """
    _, repository = _config(root)
    return _validate_release(repository.get("release"))


def _validate_release(release) -> str:
    if not isinstance(release, str) or not _RELEASE.fullmatch(release):
        raise ValueError(f"{CONFIG}: repository.release must be a tag like v0.1.0, got {release!r}")
    return release


def project_version(root: Path | str = ".") -> str:
    """The package version, ``project.version`` in ``pyproject.toml``."""
    text = (Path(root) / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: read the one line without a TOML parser
        m = re.search(r'(?ms)^\[project\][ \t]*$.*?^version[ \t]*=[ \t]*"([^"]+)"', text)
        if m is None:
            raise ValueError("pyproject.toml: no version in [project]") from None
        return m[1]
    return tomllib.loads(text)["project"]["version"]


def _config_with_url(text: str, url: str) -> str:
    """`text` of ``_config.yml`` with ``repository.url`` set to `url`; comments kept."""
    m = re.search(
        r"(?m)^repository:[ \t]*(?:#.*)?\n"  # the block, then its lines up to `url:`
        r"(?:(?:[ \t]+.*|[ \t]*)\n)*?[ \t]+url:[ \t]*(?P<url>[^\s#]+)",
        text,
    )
    if m is None:
        raise ValueError(f"{CONFIG}: no `url:` line under `repository:`")
    quote = m["url"][0] if m["url"][0] in "\"'" else ""
    new = text[: m.start("url")] + quote + url + quote + text[m.end("url") :]
    if (yaml.safe_load(new).get("repository") or {}).get("url") != url:
        raise ValueError(f"{CONFIG}: could not rewrite repository.url")  # pragma: no cover
    return new


# --------------------------------------------------------------------------- the install cell


def install_cell_source(url: str, release: str, extras: Iterable[str] = ()) -> str:
    """Source of the notebooks' first code cell, which installs the package where it is missing.

    Parameters
    ----------
    url : str
        The repository, ``https://github.com/<owner>/<name>``.
    release : str
        The tag to install, e.g. ``v0.1.0``.
    extras : iterable of str
        Extras of the package that the notebook needs (see :func:`notebook_extras`).

    Returns
    -------
    str
        The cell source, without a final newline (as notebooks store it).

    Examples
    --------
    >>> print(install_cell_source("https://github.com/o/n", "v1.0", ["widgets", "plot"]))
    ... # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
    # @title Install the book's helper package and the libraries this chapter needs ...
    import importlib.util
    import subprocess
    import sys
    <BLANKLINE>
    PACKAGE = "isingneuron[plot,widgets] @ git+https://github.com/o/n@v1.0"
    NEEDED = ("isingneuron", "matplotlib", "ipywidgets")
    if any(importlib.util.find_spec(name) is None for name in NEEDED):
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", PACKAGE], check=True)
    """
    url, release = validate_url(url), _validate_release(release)
    extras = sorted(set(extras))
    if unknown := set(extras) - set(EXTRA_MODULES):
        raise ValueError(
            f"unknown extras {sorted(unknown)}; the package has {sorted(EXTRA_MODULES)}"
        )
    requirement = "isingneuron" + (f"[{','.join(extras)}]" if extras else "")
    needed = ", ".join(f'"{m}"' for m in ["isingneuron"] + [EXTRA_MODULES[e][0] for e in extras])
    needed += "," if not extras else ""  # a one-element tuple
    return "\n".join(
        [
            INSTALL_TITLE,
            "import importlib.util",
            "import subprocess",
            "import sys",
            "",
            f'PACKAGE = "{requirement} @ git+{url}@{release}"',
            # the package and what its extras bring: a kernel where another chapter installed
            # the package with fewer extras must still get this chapter's libraries
            f"NEEDED = ({needed})",
            "if any(importlib.util.find_spec(name) is None for name in NEEDED):",
            "    subprocess.run("
            '[sys.executable, "-m", "pip", "install", "-q", PACKAGE], check=True)',
        ]
    )


def install_cell_metadata() -> dict:
    """Metadata of the install cell: collapsed but visible in Jupyter Book, JupyterLab and Colab.

    ``hide-cell`` folds it behind a toggle on the book's page, whose label (myst-nb's
    ``code_prompt_show``) says in one sentence what the cell does; ``source_hidden`` folds it
    in JupyterLab, and Colab's form view shows only its ``@title`` line. ``colab-install``
    marks it for this tool and the tests.

    Returns
    -------
    dict
        A new dictionary on every call.
    """
    return {
        "tags": ["hide-cell", INSTALL_TAG],
        "cellView": "form",
        "jupyter": {"source_hidden": True},
        "mystnb": {
            "code_prompt_show": INSTALL_PROMPT,
            "code_prompt_hide": "Hide the install cell",
        },
    }


def is_install_cell(cell) -> bool:
    """Whether `cell` is an install cell (canonical, or as written before this tool)."""
    if cell.get("cell_type") != "code":
        return False
    tags = cell.get("metadata", {}).get("tags", [])
    return INSTALL_TAG in tags or (LEGACY_TAG in tags and LEGACY_MARK in cell.get("source", ""))


def _imported_names(source: str) -> set[str]:
    """Modules that `source` imports, and ``module.attribute`` for attributes of modules it uses."""
    # IPython magics and shell escapes are not Python: blank them out before parsing.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set(re.findall(r"\b[A-Za-z_][\w.]*", source))
    names, modules, uses = set(), {}, []  # modules: local name -> module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names.add(a.name)
                top = a.name.partition(".")[0]
                modules[a.asname or top] = a.name if a.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            for a in node.names:
                names.add(f"{node.module}.{a.name}")
                modules[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            uses.append((node.value.id, node.attr))
    # `isn.plotting.figure(...)` after `import isingneuron as isn`
    names |= {f"{modules[name]}.{attr}" for name, attr in uses if name in modules}
    return names


def notebook_extras(nb) -> list[str]:
    """The extras of the package that a notebook needs, from what its code cells import.

    ``plot`` for matplotlib or ``isingneuron.plotting``, ``widgets`` for ipywidgets or
    ``isingneuron.widgets``, ``learning`` for scikit-learn or ``isingneuron.learning`` (the
    extras of ``pyproject.toml``). The install cell itself is not looked at.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        A notebook (format 4).

    Returns
    -------
    list of str
        Sorted extras.
    """
    names = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and not is_install_cell(cell):
            names |= _imported_names(cell["source"])
    return sorted(
        extra
        for extra, modules in EXTRA_MODULES.items()
        if any(n == m or n.startswith(m + ".") for n in names for m in modules)
    )


def _writes(nb) -> str:
    """The notebook as ``nbformat.write`` stores it (indent 1, final newline)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def updated_notebook(text: str, url: str, release: str) -> str:
    """`text` of a notebook whose first code cell is the canonical install cell.

    The install cell stands right before the notebook's first other code cell (after the
    title and introduction, so that the page opens with its title). An existing install cell
    keeps its id, execution count and outputs; its source, metadata and place are updated. A
    notebook without one gets a new, unexecuted one. Nothing else changes: a notebook that
    already has the canonical cell in its place is returned byte for byte.

    Parameters
    ----------
    text : str
        The notebook file's contents.
    url : str
        The repository to install from.
    release : str
        The tag to install.

    Returns
    -------
    str
        The new contents.
    """
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    if nb.nbformat != 4:
        raise ValueError(f"expected a format 4 notebook, got format {nb.nbformat}")
    source = install_cell_source(url, release, notebook_extras(nb))
    metadata = nbformat.from_dict(install_cell_metadata())
    found = [i for i, c in enumerate(nb.cells) if is_install_cell(c)]
    if len(found) > 1:
        raise ValueError(f"the notebook has {len(found)} install cells (cells {found}); keep one")
    if found:
        cell = nb.cells.pop(found[0])
    else:
        cell = nbformat.v4.new_code_cell(source, metadata=copy.deepcopy(metadata))
        if nb.nbformat_minor < 5:
            del cell["id"]
    where = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    unchanged = found == [where] and cell.source == source and cell.metadata == metadata
    if unchanged:
        return text
    cell.source, cell.metadata = source, metadata
    nb.cells.insert(where, cell)
    return _writes(nb)


def update_notebook(path: Path | str, url: str, release: str) -> bool:
    """Make the first code cell of the notebook at `path` the canonical install cell.

    See :func:`updated_notebook`; the file is written only if it changes.

    Returns
    -------
    bool
        Whether the file changed.
    """
    path = Path(path)
    old = path.read_bytes().decode("utf-8")
    new = updated_notebook(old, validate_url(url), release)
    if new != old:
        _write_all({path: new})
    return new != old


# --------------------------------------------------------------------------- files


def _candidate_files(root: Path) -> list[Path]:
    """Files of the repository: git's (tracked, or new and not ignored), else a directory walk."""
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if Path(top).resolve() == root.resolve():
            listed = subprocess.run(
                ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others"]
                + ["--exclude-standard"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            return sorted({root / p for p in listed.split("\0") if p and (root / p).is_file()})
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.endswith(".egg-info"))
        files += [Path(folder) / n for n in sorted(names)]
    return files


def _text_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(path, text) of every UTF-8 text file of the repository, except :data:`EXEMPT_FILES`."""
    for path in _candidate_files(root):
        if path.relative_to(root).as_posix() in EXEMPT_FILES:
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield path, data.decode("utf-8")
        except UnicodeDecodeError:
            continue


def _sources(path: Path, text: str) -> Iterator[tuple[str, str]]:
    """(location, text) to search for addresses: lines; for notebooks, the cells' sources."""
    if path.suffix == ".ipynb":
        for i, cell in enumerate(json.loads(text).get("cells", [])):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for j, line in enumerate(source.splitlines(), 1):
                yield f"cell {i}, line {j}", line
    else:
        for j, line in enumerate(text.splitlines(), 1):
            yield str(j), line


def _moved_text(root: Path, path: Path, text: str, old: str, url: str, release: str) -> str:
    """New contents of one file when the repository moves from `old` (``owner/name``) to `url`."""
    new = _slug(url)
    if path.suffix != ".ipynb":
        return _replace_addresses(text, old, new)
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    moved = text
    if any(_replace_addresses(cell.source, old, new) != cell.source for cell in nb.cells):
        for cell in nb.cells:
            cell.source = _replace_addresses(cell.source, old, new)
        moved = _writes(nb)
    if path.parent == root / "book":
        moved = updated_notebook(moved, url, release)
    return moved


def _write_all(contents: dict[Path, str]) -> None:
    """Write every file (each through a temporary file in its folder, keeping its mode)."""
    for path, text in contents.items():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(text.encode("utf-8"))
            os.chmod(tmp, path.stat().st_mode & 0o7777)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def planned_changes(root: Path | str, url: str) -> dict[Path, str]:
    """The new contents of every file that :func:`set_repository` would change (nothing written).

    Parameters
    ----------
    root : path-like
        The book's root folder.
    url : str
        The new repository.

    Returns
    -------
    dict
        ``{path: new text}`` for the files whose text changes.
    """
    url = validate_url(url)
    root = Path(root)
    config_text, _ = _config(root)
    old = _slug(configured_url(root))
    release = configured_release(root)
    changes = {}
    config_path = root / CONFIG
    for path, text in _text_files(root):
        if path == config_path:
            new = _replace_addresses(_config_with_url(config_text, url), old, _slug(url))
        else:
            new = _moved_text(root, path, text, old, url, release)
        if new != text:
            changes[path] = new
    return changes


def set_repository(root: Path | str, url: str) -> list[Path]:
    """Move the book to the repository `url`: rewrite every file that names the old one.

    ``repository.url`` in ``_config.yml`` (the line only, comments kept), every address of the
    configured repository (and Binder link to it) in the repository's text files
    (``CITATION.cff``, ``README.md``, ``book/citing.md``, ``binder/``...), and the install cell
    of every ``book/*.ipynb`` (:func:`updated_notebook`). `url` is validated and all new contents
    are computed before the first file is written, so an error changes nothing.

    Parameters
    ----------
    root : path-like
        The book's root folder.
    url : str
        The new repository, ``https://github.com/<owner>/<name>``.

    Returns
    -------
    list of pathlib.Path
        The files changed (none if the book is already there).

    Raises
    ------
    ValueError
        If `url` is not a GitHub repository URL, or ``_config.yml`` lacks ``repository.url``
        or ``repository.release``.
    """
    changes = planned_changes(root, url)
    _write_all(changes)
    return sorted(changes)


# --------------------------------------------------------------------------- checks


def foreign_addresses(root: Path | str = ".") -> list[str]:
    """Every place that names a repository other than the configured one and the cited ones.

    Searches the repository's text files (git's tracked and new files; for notebooks, the
    cells' sources, not their outputs) for ``github.com/<owner>/<name>`` and
    ``mybinder.org/v2/gh/<owner>/<name>``.

    Parameters
    ----------
    root : path-like, default "."
        The book's root folder.

    Returns
    -------
    list of str
        ``"path:line: owner/name"`` entries, empty when all is well.
    """
    root = Path(root)
    allowed = {_slug(configured_url(root)).lower()} | {r.lower() for r in EXTERNAL_REPOSITORIES}
    found = []
    for path, text in _text_files(root):
        rel = path.relative_to(root).as_posix()
        for where, line in _sources(path, text):
            for _, slug, _ in _addresses(line):
                if slug.lower() not in allowed:
                    found.append(f"{rel}:{where}: {slug}")
    return found


def stale_install_cells(root: Path | str = ".") -> list[str]:
    """The notebooks in ``book/`` whose first code cell is not the canonical install cell.

    Parameters
    ----------
    root : path-like, default "."
        The book's root folder.

    Returns
    -------
    list of str
        Paths relative to `root`.
    """
    root = Path(root)
    url, release = configured_url(root), configured_release(root)
    stale = []
    for path in sorted((root / "book").glob("*.ipynb")):
        text = path.read_bytes().decode("utf-8")
        if updated_notebook(text, url, release) != text:
            stale.append(path.relative_to(root).as_posix())
    return stale


def check(root: Path | str = ".") -> list[str]:
    """All problems: foreign addresses, stale install cells, a release that is not the version.

    Parameters
    ----------
    root : path-like, default "."
        The book's root folder.

    Returns
    -------
    list of str
        One message per problem, empty when all is well.
    """
    root = Path(root)
    url = configured_url(root)
    problems = [
        f"{entry} is not the configured repository {_slug(url)} (repository.url in {CONFIG}) "
        "nor a cited one (EXTERNAL_REPOSITORIES in tools/repository.py)"
        for entry in foreign_addresses(root)
    ]
    problems += [
        f"{path}: the first code cell is not the canonical install cell "
        f"(python tools/repository.py set {url})"
        for path in stale_install_cells(root)
    ]
    release, version = configured_release(root), project_version(root)
    if release != f"v{version}":
        problems.append(
            f"{CONFIG}: repository.release is {release}, pyproject.toml's version is {version}; "
            f"expected v{version}"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: ``set URL`` or ``check``."""
    parser = argparse.ArgumentParser(
        prog="python tools/repository.py",
        description="Move the book to another GitHub repository, or check that it names one.",
    )
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    commands = parser.add_subparsers(dest="command", required=True)
    set_ = commands.add_parser("set", help="rewrite every mention of the repository")
    set_.add_argument("url", help="https://github.com/<owner>/<name>")
    commands.add_parser("check", help="exit 1 if anything names another repository")
    args = parser.parse_args(argv)
    try:
        if args.command == "set":
            changed = set_repository(args.root, args.url)
            for path in changed:
                print(f"updated {path.relative_to(args.root)}")
            print(f"repository: {validate_url(args.url)} ({len(changed)} files changed)")
            return 0
        problems = check(args.root)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"repository: {configured_url(args.root)}: every mention agrees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
