r"""Open every page of the built book in a real headless Chromium and check what a reader sees.

One browser for the session (Debian's Chromium, driven through the DevTools pipe by
``_cdp.py``: stdlib only, no browser download), one fresh tab per page, pages opened as
``file://`` (how a reader opens ``_build/html/index.html`` after ``make book``) and from a
loopback HTTP server (how GitHub Pages serves them). A page fails when:

* math is left unrendered: a Sphinx math element without a MathJax ``mjx-container``, raw
  TeX delimiters (``\(``, ``\[``, ``$$``, ``\begin{``, ``$x^2$``) in the visible text, a
  stray ``$`` next to rendered math, a MathJax error box (``mjx-merror``), or no rendered
  math at all on a page whose source has math;
* an image is missing or broken (``naturalWidth`` 0 after loading);
* the page logs a JavaScript error: an uncaught exception, ``console.error``, or a browser
  error entry (e.g. a resource that failed to load);
* the page requests anything from the network (only ``file:``/``data:``/``blob:`` and the
  loopback server are allowed: the book must work offline, and on GitHub Pages it must not
  depend on a CDN);
* the page stores widget state but a widget view is not rendered, or an interactive output
  area that has stored outputs is shown empty;
* typesetting that MathJax renders without complaint is garbage to a reader
  (``check_typesetting.js``): a MyST role, LaTeX command, ``$`` or raw sub/superscript
  (``T_c``) in the visible text outside math and code, a role, ``$`` or a run of prose inside
  a formula (a ``$`` that opened or closed in the wrong place), a table row with more or fewer
  cells than its header, ``??`` (an unresolved reference), or printed output wider than the
  column.

Set ``SITE_TEST_SCREENSHOTS=<dir>`` to save a PNG of every page (failing pages are always
saved to ``_build/site-test/``). Without Chromium the tests are skipped with a message,
unless ``SITE_TEST_REQUIRE_BROWSER`` is set (``.ci/run`` and the GitHub workflow set it): then
they fail.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from _cdp import CDPError, Chromium, find_chromium
from _site import HTML, ROOT, site_pages, source_has_math

PAGES = [str(p) for p in site_pages()]
PAGE_TIMEOUT = 20.0  # seconds for one page to load, typeset and render its widgets
FAIL_DIR = ROOT / "_build" / "site-test"

# Runs in the page after its `load` event; resolves to {"problems": [...], "stats": {...}}.
CHECK_JS = (Path(__file__).parent / "check_page.js").read_text()
# Accessibility: axe-core (pinned in tools/test-assets.json, fetched by `make site`) and the
# checks around it; resolves to {"problems": [...], "theme": [...], "stats": {...}}.
A11Y_JS = (Path(__file__).parent / "check_a11y.js").read_text()
# Typesetting a reader sees as garbage; resolves to {"problems": [...], "stats": {...}}.
TYPESET_JS = (Path(__file__).parent / "check_typesetting.js").read_text()
AXE = ROOT / "_build" / "test-assets" / "offline" / "axe-core" / "axe.min.js"
THEME_REPORT = FAIL_DIR / "theme-accessibility.txt"

_ALLOWED_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:", "devtools:")


def _is_favicon_probe(url: str) -> bool:
    # Browsers ask every web server for /favicon.ico by themselves when a page names no icon;
    # that 404 is not the page's doing (the book sets no favicon).
    return url.split("?")[0].endswith("/favicon.ico")


def _event_problems(events: list[dict], local_prefix: str) -> list[str]:
    problems = []
    favicon_requests = {
        ev["params"]["requestId"]
        for ev in events
        if ev.get("method") == "Network.requestWillBeSent"
        and _is_favicon_probe(ev["params"].get("request", {}).get("url", ""))
    }
    for ev in events:
        method, p = ev.get("method"), ev.get("params", {})
        if p.get("requestId") in favicon_requests or _is_favicon_probe(
            p.get("entry", {}).get("url", "")
        ):
            continue
        if method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            desc = (d.get("exception") or {}).get("description") or d.get("text", "")
            where = f"{d.get('url', '')}:{d.get('lineNumber', 0) + 1}"
            problems.append(f"JavaScript exception: {desc.splitlines()[0][:200]} ({where})")
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            args = " ".join(
                str(a.get("value", a.get("description", ""))) for a in p.get("args", [])
            )
            problems.append(f"console.{p['type']}: {args[:200]}")
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            problems.append(
                f"browser error ({e.get('source')}): {e.get('text')} {e.get('url', '')}"
            )
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if not (url.startswith(_ALLOWED_SCHEMES) or url.startswith(local_prefix)):
                problems.append(f"requested from the network (must be served locally): {url}")
        elif method == "Network.loadingFailed" and not p.get("canceled"):
            problems.append(f"resource failed to load: {p.get('errorText')} ({p.get('type')})")
        elif method == "Network.responseReceived":
            r = p.get("response", {})
            if r.get("status", 200) >= 400:
                problems.append(f"HTTP {r['status']} for {r.get('url')}")
    return problems


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, or skip every browser test."""
    exe = find_chromium()
    if exe is None and os.environ.get("SITE_TEST_REQUIRE_BROWSER"):
        pytest.fail("Chromium not found, and SITE_TEST_REQUIRE_BROWSER is set (CI must run it)")
    if exe is None:
        pytest.skip(
            "Chromium not found: the real-browser test of the built site is SKIPPED "
            "(install it with `apt-get install -y chromium`, or set CHROMIUM=/path/to/chrome)"
        )
    b = Chromium(exe, timeout=PAGE_TIMEOUT)
    yield b
    b.close()


@pytest.fixture(scope="session", params=["file", "http"])
def base_url(request, html_dir):
    """Each page is checked as a local file and as served by a loopback web server."""
    if request.param == "file":
        return html_dir.as_uri()
    return request.getfixturevalue("http_root")


def test_site_has_pages(html_dir):
    """The build has pages, the search and index pages among them."""
    assert PAGES, f"no HTML pages found under {html_dir}"
    assert "search.html" in PAGES and "genindex.html" in PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_in_browser(browser, base_url, page):
    """One page in Chromium: math rendered, images loaded, no errors, no network, widgets."""
    url = f"{base_url}/{page}"
    local_prefix = base_url if base_url.startswith("http") else "file:"
    t0 = time.monotonic()
    target, session = browser.open(url, timeout=PAGE_TIMEOUT)
    try:
        expr = CHECK_JS.replace("__TIMEOUT_MS__", str(int(PAGE_TIMEOUT * 1000)))
        result = browser.evaluate(session, expr, timeout=PAGE_TIMEOUT)
        time.sleep(0.1)  # let late console errors arrive
        problems = list(result["problems"])
        stats = result["stats"]
        if base_url.startswith("http"):  # once per page (the file: run renders the same DOM)
            typeset = browser.evaluate(session, TYPESET_JS, timeout=PAGE_TIMEOUT)
            problems += typeset["problems"]
            stats |= typeset["stats"]
            a11y = _accessibility(browser, session, page)
            problems += a11y["problems"]
            stats |= a11y["stats"]
        problems += _event_problems(browser.events(session), local_prefix)
        if source_has_math(page) and stats["math"] == 0:
            problems.append("the source has math but the page shows no rendered math")
        shots = os.environ.get("SITE_TEST_SCREENSHOTS")
        if problems or shots:
            out = Path(shots) if shots else FAIL_DIR
            out.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]", "_", f"{base_url.split(':')[0]}-{page}") + ".png"
            try:
                browser.screenshot(session, out / name)
                if problems:
                    problems.append(f"(screenshot: {out / name})")
            except CDPError:
                pass
    finally:
        browser.close_tab(target, session)
    elapsed = time.monotonic() - t0
    summary = json.dumps(stats) + f", {elapsed:.1f} s"
    assert not problems, f"{url} ({summary}):\n  " + "\n  ".join(dict.fromkeys(problems))


def _accessibility(browser, session, page):
    """axe-core's WCAG 2.1 A/AA rules on the page, and the book's own accessibility checks.

    Violations in the article fail the page; the theme's (header, sidebars) are appended to
    ``_build/site-test/theme-accessibility.txt`` and the session summary.
    """
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make site` fetches it (tools/test-assets.json)")
    browser.evaluate(session, AXE.read_text() + "\n;true", timeout=PAGE_TIMEOUT)
    result = browser.evaluate(session, A11Y_JS, timeout=3 * PAGE_TIMEOUT)
    if result["theme"]:
        FAIL_DIR.mkdir(parents=True, exist_ok=True)
        with THEME_REPORT.open("a") as f:
            f.writelines(f"{page}: {line}\n" for line in result["theme"])
    return result


@pytest.fixture(scope="session", autouse=True)
def _fresh_theme_report():
    THEME_REPORT.unlink(missing_ok=True)


def test_pages_found_match_build(html_dir):
    """The pages listed at collection time are the pages of the build (no stale list)."""
    assert [str(p) for p in site_pages()] == PAGES
    assert all((HTML / p).is_file() for p in PAGES)


# One defect of each kind check_typesetting.js must find, and clean text it must pass.
_DEFECT_PAGE = (
    r"""<!DOCTYPE html><html><head><meta charset="utf-8">
<script>MathJax = {options: {processHtmlClass: "math"}};</script>
<script defer src="_static/offline/mathjax/tex-mml-chtml.js"></script></head>
<body><main><article class="bd-article">
<p id="ok">Clean: the critical temperature <span class="math">\(T_c\)</span> of a
3×3 torus; the file glue_number.py; <code>x_i = $1</code>.</p>
<p>Role left in text: {glue:text}`rms:.3f` RMS.</p>
<p>Command outside math: \alpha decays.</p>
<p>A stray dollar: costs $3.</p>
<p>Raw subscript: the mean field is T_c above.</p>
<p>Unresolved: see Fig. ??.</p>
<p>Math with a role: <span class="math">\(a = {glue:text}x\)</span></p>
<p>Math with prose: <span class="math">\(x. Then many words spill over into y\)</span></p>
<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead>
<tbody><tr><td>1</td><td colspan="2">2</td></tr>
<tr><td>only a limit (</td><td>max</td></tr></tbody></table>
<div class="cell_output" style="width: 400px"><div class="output stream">
<pre style="overflow: auto">"""
    + "a printed line far too long for its column " * 8
    + """</pre></div></div>
</article></main></body></html>"""
)


def test_typesetting_check_finds_each_defect(browser, html_dir):
    """check_typesetting.js flags every kind of defect it claims to, and not clean text."""
    page = html_dir / "_typesetting_selftest.html"
    page.write_text(_DEFECT_PAGE, encoding="utf-8")
    try:
        target, session = browser.open(page.as_uri(), timeout=PAGE_TIMEOUT)
        try:
            browser.evaluate(session, "MathJax.startup.promise.then(() => true)")
            found = browser.evaluate(session, TYPESET_JS, timeout=PAGE_TIMEOUT)["problems"]
        finally:
            browser.close_tab(target, session)
    finally:
        page.unlink()
    text = "\n".join(found)
    for kind in (
        "MyST role: ",
        "LaTeX command: ",
        "$ delimiter: ",
        "raw sub/superscript: ",
        "unresolved reference ??",
        "MyST role inside math",
        "prose inside math",
        "table row with 2 cells under a 3-column header",
        "printed output wider than the column",
    ):
        assert kind in text, f"{kind!r} not reported; found:\n{text}"
    assert "Clean" not in text, text
    assert "table row with 3 cells" not in text, text  # the colspan row is complete
