"""Fetch the pinned browser scripts that the built book serves itself (offline HTML).

Usage::

    python tools/web_assets.py OUTDIR [--spec FILE]

Reads ``tools/web-assets.json`` (MathJax 3, RequireJS and the Jupyter widgets HTML manager,
each pinned to a version and a sha512 integrity), gets each tarball from the npm registry with
``npm pack`` (npm's own client and cache; nothing is installed, no dependency tree; without
Node.js, a plain HTTPS download of the same tarball from the registry), checks the
tarball against the pinned integrity, and copies the listed files to ``OUTDIR/offline/``.
``_config.yml`` names ``OUTDIR`` in ``html_static_path``, so Sphinx copies it into
``_build/html/_static/`` and the pages load MathJax and the widget manager from there.

Nothing is committed but this script, the JSON file and ``widgets-setup.js``. ``make book``
(and, for a bare ``jupyter-book build``, the extension ``tools/book_html.py``) runs it; a stamp
file records what was extracted, so it fetches again only when the pins change.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SPEC = Path(__file__).with_name("web-assets.json")
STAMP = ".complete"

# Committed next to this script and copied next to embed-amd.js (see its comments).
LOCAL_FILES = {"widgets-setup.js": "jupyter-widgets/setup.js"}


def _integrity(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def _registry_fetch(packages: list[dict], dest: Path) -> dict[str, Path]:
    """Without Node.js: download each pinned tarball from the npm registry over HTTPS.

    The registry's tarball address is ``<registry>/<name>/-/<basename>-<version>.tgz``; the
    integrity check in :func:`main` guards the content either way.
    """
    import os
    import urllib.request

    registry = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")
    out = {}
    for p in packages:
        base = p["name"].split("/")[-1]
        url = f"{registry}/{p['name']}/-/{base}-{p['version']}.tgz"
        target = dest / f"{base}-{p['version']}.tgz"
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (https only)
            target.write_bytes(response.read())
        out[f"{p['name']}@{p['version']}"] = target
    return out


def _npm_pack(packages: list[dict], dest: Path) -> dict[str, Path]:
    npm = shutil.which("npm")
    if npm is None:
        return _registry_fetch(packages, dest)
    specs = [f"{p['name']}@{p['version']}" for p in packages]
    cmd = [npm, "pack", "--json", "--ignore-scripts", "--prefer-offline"]
    cmd += ["--pack-destination", str(dest), *specs]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    packed = {f"{r['name']}@{r['version']}": dest / r["filename"] for r in json.loads(out)}
    missing = sorted(set(specs) - set(packed))
    if missing:
        sys.exit(f"tools/web_assets.py: npm pack did not return {missing}")
    return {spec: packed[spec] for spec in specs}


def _extract(tarball: Path, files: dict[str, str], dest: Path) -> int:
    """Copy the members of `tarball` matched by `files` (prefix, glob or exact) to `dest`."""
    count = 0
    used = dict.fromkeys(files, 0)
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = member.name
            for pattern, target in files.items():
                if pattern.endswith("/") and name.startswith(pattern):
                    rel = target + name[len(pattern) :]
                elif "*" in pattern and fnmatch.fnmatchcase(name, pattern):
                    rel = target + name.rsplit("/", 1)[-1]
                elif name == pattern:
                    rel = target
                else:
                    continue
                out = (dest / rel).resolve()
                if dest.resolve() not in out.parents:
                    sys.exit(f"tools/web_assets.py: refusing to write outside offline/: {rel}")
                out.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                used[pattern] += 1
                count += 1
                break
    unused = [p for p, n in used.items() if n == 0]
    if unused:
        sys.exit(f"tools/web_assets.py: {tarball.name} has no file matching {unused}")
    return count


def main(argv: list[str]) -> int:
    """Fetch, verify and extract the pinned assets into ``argv[1]/offline``.

    ``--spec FILE`` reads another list of the same form instead of ``web-assets.json`` (the
    site tests' own scripts, ``tools/test-assets.json``, which the site never serves).
    """
    args = list(argv[1:])
    spec_path = SPEC
    if "--spec" in args:
        i = args.index("--spec")
        if i + 1 >= len(args):
            print(__doc__)
            return 2
        spec_path = Path(args[i + 1])
        del args[i : i + 2]
    if len(args) != 1:
        print(__doc__)
        return 2
    outdir = Path(args[0])
    spec_text = spec_path.read_text()
    here = Path(__file__).parent
    local = {here / src: rel for src, rel in LOCAL_FILES.items()} if spec_path == SPEC else {}
    fingerprint = hashlib.sha256(
        spec_text.encode() + b"".join(src.read_bytes() for src in local)
    ).hexdigest()
    if (outdir / STAMP).is_file() and (outdir / STAMP).read_text().strip() == fingerprint:
        (outdir / STAMP).touch()  # up to date: tell make so
        return 0
    packages = json.loads(spec_text)["packages"]

    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".web-assets-", dir=outdir.parent))
    try:
        tarballs = _npm_pack(packages, staging)
        dest = staging / "out" / "offline"
        dest.mkdir(parents=True)
        for pkg in packages:
            spec = f"{pkg['name']}@{pkg['version']}"
            got = _integrity(tarballs[spec])
            if got != pkg["integrity"]:
                sys.exit(
                    f"tools/web_assets.py: {spec} tarball integrity {got} does not match "
                    f"the pinned {pkg['integrity']} in {spec_path.name}"
                )
            n = _extract(tarballs[spec], pkg["files"], dest)
            print(f"web assets: {spec} verified, {n} files")
        for src, rel in local.items():
            shutil.copyfile(src, dest / rel)
        (staging / "out" / STAMP).write_text(fingerprint + "\n")
        if outdir.exists():
            shutil.rmtree(outdir)
        (staging / "out").rename(outdir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"web assets: {outdir}/offline ready")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
