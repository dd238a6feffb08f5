"""Run the book on a course JupyterHub: nbgitpuller links and the launch button.

Usage::

    python tools/hub.py https://hub.example.edu            # (make jupyterhub HUB=...)
    python tools/hub.py https://hub.example.edu --links-only
    python tools/hub.py https://hub.example.edu --repo https://git.example.edu/me/course-student

Prints, for every chapter, an nbgitpuller link: a student who opens it logs into the hub, gets
a copy of the repository in their home folder (pulled again, without overwriting their own
changes, on every later click) and lands in JupyterLab on that chapter. Unless
``--links-only``, it also sets ``launch_buttons.jupyterhub_url`` in ``_config.yml``, so that the
next ``make book`` adds a "JupyterHub" entry to every page's launch menu that opens the same
link. ``--repo`` distributes another repository instead of the book's own (for example one
holding the student edition's notebooks, ``_build/student/source/book``).

The hub needs nbgitpuller installed (``pip install nbgitpuller`` in the hub's user
environment); the chapters install the ``isingneuron`` package themselves where it is missing
(their first cell), or the hub's administrator installs ``requirements.txt`` once for everyone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from book_build import chapters  # noqa: E402 (tools/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "_config.yml"


def _check_url(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"{name} must be an http(s) address without query or fragment, "
            f"such as https://hub.example.edu; got {url!r}"
        )
    return url.rstrip("/")


def link(hub: str, repo: str, chapter: str, *, branch: str = "main") -> str:
    """The nbgitpuller link that opens `chapter` of `repo` in JupyterLab on `hub`."""
    hub = _check_url("hub", hub)
    repo = _check_url("repo", repo)
    folder = repo.rsplit("/", 1)[-1].removesuffix(".git")
    urlpath = f"lab/tree/{folder}/book/{chapter}.ipynb"
    return (
        f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}"
        f"&urlpath={quote(urlpath, safe='')}&branch={quote(branch, safe='')}"
    )


def set_jupyterhub_url(hub: str, config_text: str) -> str:
    """`config_text` with ``launch_buttons.jupyterhub_url`` set (comments kept)."""
    hub = _check_url("hub", hub)
    lines = config_text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("launch_buttons:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].strip() and lines[i][0] not in " #"),
        len(lines),
    )
    block = [ln for ln in lines[start + 1 : end] if not ln.lstrip().startswith("jupyterhub_url:")]
    while block and not block[-1].strip():
        block.pop()
    block.append(f'  jupyterhub_url: "{hub}"\n')
    new = "".join(lines[: start + 1] + block + ["\n"] + lines[end:])
    assert yaml.safe_load(new)["launch_buttons"]["jupyterhub_url"] == hub
    return new


def main(argv=None) -> int:
    """Print the links; set the launch button unless ``--links-only``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--repo", help="the repository to distribute (default: the book's)")
    parser.add_argument("--branch", default=None, help="its branch (default: the book's)")
    parser.add_argument("--links-only", action="store_true", help="leave _config.yml alone")
    args = parser.parse_args(argv)
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    repo = args.repo or config["repository"]["url"]
    branch = args.branch or config["repository"].get("branch", "main")
    try:
        links = {name: link(args.hub, repo, name, branch=branch) for name in chapters()}
    except ValueError as err:
        parser.error(str(err))
    for name, url in links.items():
        print(f"{name:12} {url}")
    if not args.links_only:
        CONFIG.write_text(
            set_jupyterhub_url(args.hub, CONFIG.read_text(encoding="utf-8")), encoding="utf-8"
        )
        print(
            f"_config.yml: launch_buttons.jupyterhub_url = {args.hub.rstrip('/')}", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
