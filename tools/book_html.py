"""Sphinx extension (``sphinx.local_extensions`` in ``_config.yml``): fixes to the book's HTML.

Each fix removes a JavaScript error that the real-browser test (``site_tests/``) found on
every page of a stock Jupyter Book 1.0.4 build (Sphinx 7.4, sphinx-thebe 0.3.1):

* Inline scripts registered after the builder starts (sphinx-thebe's
  ``const THEBE_JS_URL = …``, sphinx-togglebutton's selector) are written twice, because
  Sphinx stores them once as ``filename=None`` and once as ``filename=''`` and so does not see
  the duplicate. The second ``const`` is a SyntaxError ("Identifier 'THEBE_JS_URL' has already
  been declared"). We drop repeated scripts from each page's script list.

It also makes sure the offline MathJax / widget scripts that ``html_static_path`` names
(``_build/web-assets``, see ``tools/web_assets.py``) exist before Sphinx copies them, so a
plain ``jupyter-book build .`` works after ``rm -rf _build`` too (``make book`` does the same
step first; when the pinned files are already there this costs a file read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def setup(app):
    """Register the hooks (the page hook runs late, after others add their scripts)."""
    app.connect("config-inited", _ensure_web_assets)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
