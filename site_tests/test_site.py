"""Static checks of the built HTML (no browser): offline assets, launch and download buttons.

* Nothing a page loads by itself (scripts, stylesheets, images, frames, fonts in our CSS) comes
  from another host: MathJax and the widget scripts are the copies under
  ``_static/offline/`` that ``make book`` fetched from the npm registry (tools/web_assets.py).
* The launch buttons (Binder in JupyterLab, Colab, Thebe "live code"), the repository and
  issue buttons all derive from the one ``repository.url`` / ``branch`` in ``_config.yml``.
* Every page has a download menu whose source link (the .ipynb of a chapter, with its stored
  outputs, or the .md of a page) exists in the built site and equals the committed file.
* Binder's environment files (``binder/requirements.txt``, ``runtime.txt``, ``postBuild``) exist.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from _site import HTML, ROOT, site_pages, source_of

PAGES = [str(p) for p in site_pages()]
OFFLINE = "_static/offline"
MATHJAX = f"{OFFLINE}/mathjax/tex-mml-chtml.js"
WIDGET_SCRIPTS = [
    f"{OFFLINE}/jupyter-widgets/setup.js",
    f"{OFFLINE}/requirejs/require.js",
    f"{OFFLINE}/jupyter-widgets/embed-amd.js",
]


class _Page(HTMLParser):
    """Collect tags with their attributes, and the bodies of inline scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        d = {k: v or "" for k, v in attrs}
        self.tags.append((tag, d))
        self._in_script = tag == "script" and "src" not in d

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline.append(data)

    def find(self, tag, **attrs):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed((HTML / page).read_text(encoding="utf-8"))
    return p


def _local(page: str, ref: str) -> str:
    """A reference made by `page`, as a path relative to the site root (query dropped)."""
    url = urljoin(f"http://site.invalid/{page}", ref)
    return urlsplit(url).path.lstrip("/")


def _is_remote(ref: str) -> bool:
    return bool(re.match(r"^(https?:)?//", ref.strip(), re.I))


def _notebook_pages() -> list[str]:
    return [p for p in PAGES if (s := source_of(p)) is not None and s.suffix == ".ipynb"]


def test_offline_assets_were_copied(html_dir):
    """MathJax (with fonts and TeX extensions) and the widget scripts are in the site."""
    for rel in [MATHJAX, *WIDGET_SCRIPTS]:
        assert (html_dir / rel).is_file(), f"{rel} missing: run `make book` (tools/web_assets.py)"
    fonts = html_dir / OFFLINE / "mathjax/output/chtml/fonts/woff-v2"
    assert len(list(fonts.glob("*.woff"))) >= 20, "MathJax CHTML fonts missing"
    ext = html_dir / OFFLINE / "mathjax/input/tex/extensions"
    assert (ext / "ams.js").is_file() or (ext / "physics.js").is_file()
    assert list((html_dir / OFFLINE / "jupyter-widgets").glob("*.woff2")), "widget icon fonts"


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_nothing_from_other_hosts(html_dir, page):
    """No script, stylesheet, image, frame or widget CDN from another host."""
    p = _parse(page)
    loads = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
        "object": "data",
    }
    remote = []
    for tag, attrs in p.tags:
        ref = attrs.get(loads.get(tag, ""), "")
        if tag == "link" and set(attrs.get("rel", "").split()) & {
            "stylesheet",
            "preload",
            "modulepreload",
            "icon",
        }:
            ref = attrs.get("href", "")
        if ref and _is_remote(ref):
            remote.append(f"<{tag}> {ref}")
        if tag == "script" and "data-jupyter-widgets-cdn" in attrs:
            remote.append(f"<script data-jupyter-widgets-cdn> {attrs['data-jupyter-widgets-cdn']}")
    assert not remote, f"{page} loads from other hosts:\n  " + "\n  ".join(remote)


@pytest.mark.parametrize("page", PAGES)
def test_page_uses_local_mathjax_and_widget_scripts(html_dir, page):
    """Math pages load the local MathJax; widget pages the local widget scripts, in order."""
    p = _parse(page)
    srcs = [_local(page, a["src"]) for a in p.find("script") if a.get("src")]
    has_math = any("math" in a.get("class", "").split() for t, a in p.tags)
    if has_math:
        assert MATHJAX in srcs, f"{page} has math but does not load {MATHJAX}"
    has_state = bool(p.find("script", type="application/vnd.jupyter.widget-state+json"))
    has_views = bool(p.find("script", type="application/vnd.jupyter.widget-view+json"))
    if has_state or has_views:
        assert has_state, f"{page} has widget views but no stored widget state"
        pos = [srcs.index(s) if s in srcs else -1 for s in WIDGET_SCRIPTS]
        assert -1 not in pos and pos == sorted(pos), (
            f"{page} must load {WIDGET_SCRIPTS} in this order, got {srcs}"
        )
    # Each inline script once (see tools/book_html.py: a repeated `const` is a SyntaxError).
    bodies = [b.strip() for b in p.inline if b.strip()]
    repeated = {b[:80] for b in bodies if bodies.count(b) > 1}
    assert not repeated, f"{page} repeats inline scripts: {sorted(repeated)}"


def _repo(book_config):
    repo = book_config["repository"]
    m = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$", repo["url"])
    assert m, f"repository.url must be a GitHub repository URL, got {repo['url']!r}"
    return m.group(1), m.group(2), repo.get("branch", "main"), repo.get("path_to_book", "")


def test_launch_config(book_config):
    """Binder opens JupyterLab; Binder, Colab and Thebe are all switched on."""
    lb = book_config["launch_buttons"]
    assert lb["notebook_interface"] == "jupyterlab"
    assert lb["binderhub_url"].rstrip("/") == "https://mybinder.org"
    assert lb["colab_url"].rstrip("/") == "https://colab.research.google.com"
    assert lb["thebe"] is True
    _repo(book_config)


def test_there_are_notebook_pages():
    """At least one page was built from a notebook (so the button tests test something)."""
    assert _notebook_pages(), "no page of the book was built from a notebook"


@pytest.mark.parametrize("page", _notebook_pages())
def test_launch_buttons_follow_repository_url(html_dir, book_config, page):
    """Binder, Colab, Thebe, repository and issue buttons all follow ``repository.url``."""
    org, name, branch, book_path = _repo(book_config)
    lb = book_config["launch_buttons"]
    prefix = book_path.strip("/") + "/" if book_path.strip("/") else ""
    nb_path = prefix + str(Path(page).with_suffix(".ipynb"))
    binder = (
        f"{lb['binderhub_url'].rstrip('/')}/v2/gh/{org}/{name}/{branch}?urlpath=lab/tree/{nb_path}"
    )
    colab = f"{lb['colab_url'].rstrip('/')}/github/{org}/{name}/blob/{branch}/{nb_path}"
    p = _parse(page)
    hrefs = {a.get("href", "") for a in p.find("a")}
    assert binder in hrefs, f"{page}: no Binder (JupyterLab) button {binder}"
    assert colab in hrefs, f"{page}: no Colab button {colab}"
    assert (ROOT / nb_path).is_file(), f"launch buttons point at {nb_path}, not in the repository"
    repo_url = book_config["repository"]["url"].rstrip("/")
    assert repo_url in hrefs, f"{page}: no repository button"
    assert any(h.startswith(f"{repo_url}/issues/new") for h in hrefs), f"{page}: no issues button"
    html = (html_dir / page).read_text(encoding="utf-8")
    assert "initThebeSBT()" in html, f"{page}: no Thebe 'live code' button"
    m = re.search(r'binderOptions:\s*\{\s*repo:\s*"([^"]+)",\s*ref:\s*"([^"]+)"', html)
    assert m and m.groups() == (f"{org}/{name}", branch), f"{page}: Thebe Binder repo/ref"


@pytest.mark.parametrize("page", [p for p in PAGES if source_of(p) is not None])
def test_download_buttons(html_dir, page):
    """The download menu offers the page source, which is the committed file, and a PDF."""
    p = _parse(page)
    labels = {a.get("aria-label", "") + " " + a.get("class", "") for a in p.find("a")}
    links = {a.get("href", ""): a for a in p.find("a")}
    assert any("download-source-button" in s for s in labels), f"{page}: no download-source button"
    assert any("download-pdf-button" in s for s in labels) or any(
        "download-pdf-button" in a.get("class", "") for a in p.find("button")
    ), f"{page}: no print-to-PDF button"
    src = source_of(page)
    rel = src.relative_to(html_dir).as_posix()
    assert any(_local(page, h) == rel for h in links), f"{page}: no download link to {rel}"
    committed = ROOT / src.relative_to(html_dir / "_sources")
    assert committed.is_file(), f"{committed} (downloaded as {rel}) is not in the repository"
    assert src.read_bytes() == committed.read_bytes(), f"{rel} differs from {committed}"


def test_binder_environment():
    """Binder (only ``binder/`` counts) finds requirements, a Python version and ``postBuild``.

    With a ``binder/`` folder repo2docker ignores the top-level files and does not install the
    package itself: the executable ``binder/postBuild`` must.
    """
    binder = ROOT / "binder"
    assert (binder / "requirements.txt").is_file(), "binder/requirements.txt is missing"
    runtime = (binder / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    post = binder / "postBuild"
    assert post.stat().st_mode & 0o111, "binder/postBuild must be executable"
    assert re.search(r"(?m)^python -m pip install .*--no-deps \.$", post.read_text()), (
        "binder/postBuild must install the package"
    )
    for name in ("postBuild", "runtime.txt"):  # ignored by repo2docker next to binder/
        assert not (ROOT / name).exists(), f"top-level {name} is ignored by Binder: move it"


def _chapter_labels() -> dict[str, str]:
    import sys

    import yaml

    sys.path.insert(0, str(ROOT / "tools"))
    from book_html import chapter_labels

    return chapter_labels(yaml.safe_load((ROOT / "_toc.yml").read_text()))


def test_chapter_labels_follow_the_toc():
    """Chapters numbered in reading order, appendices lettered, 'Using the book' unnumbered."""
    labels = _chapter_labels()
    assert labels["book/intro"] == "1"
    assert labels["book/conclusion"] == "8"
    assert labels["book/related"] == "A"
    assert "book/teachers" not in labels and "book/index" not in labels


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("book/")])
def test_numbering_per_chapter(page):
    """Figures and tables numbered 1, 2, ... within each chapter, after the chapter's label.

    The chapter title carries the label; figures inside solutions carry no number.
    """
    html = (HTML / page).read_text(encoding="utf-8")
    label = _chapter_labels().get(str(Path(page).with_suffix("")))
    for kind in ("Fig.", "Table"):
        numbers = re.findall(rf'<span class="caption-number">{kind} ([^<]*?)\s*</span>', html)
        if label is None:
            assert not numbers, f"{page}: unnumbered page with numbered {kind}: {numbers}"
            continue
        assert numbers == [f"{label}.{k}" for k in range(1, len(numbers) + 1)], numbers
    if label is not None:
        assert f'<span class="section-number">{label}. </span>' in html, "title not numbered"
    assert not _numbers_in_solutions(html), f"{page}: numbered figure or table in a solution"


def _numbers_in_solutions(html: str) -> list[str]:
    """Caption numbers that appear inside an exercise solution (a div of class 'solution')."""

    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[bool] = []  # per open div: is it (inside) a solution?
            self.in_number = False
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            inside = bool(self.stack and self.stack[-1])
            if tag == "div":
                self.stack.append(inside or "solution" in (a.get("class") or "").split())
            if tag == "span" and "caption-number" in (a.get("class") or "") and inside:
                self.in_number = True

        def handle_endtag(self, tag):
            if tag == "div" and self.stack:
                self.stack.pop()
            if tag == "span":
                self.in_number = False

        def handle_data(self, data):
            if self.in_number:
                self.found.append(data.strip())

    p = P()
    p.feed(html)
    return p.found


def test_landing_page_leads_into_chapter_one():
    """The landing page's 'next' link is chapter 1, not a side page."""
    html = (HTML / "book" / "index.html").read_text(encoding="utf-8")
    nxt = re.search(r'<a class="right-next"\s+href="([^"]+)"', html)
    assert nxt and nxt.group(1) == "intro.html", nxt
