"""The whole book as one PDF (``make pdf``): ``_build/pdf/book.pdf``.

Usage::

    python tools/pdf.py [OUT_DIR]      # default: _build/pdf

Builds the book as a single HTML page (Jupyter Book's ``singlehtml`` builder, in reading
order, cross-references as links within the page), opens it in headless Chromium through
the DevTools code of the site tests (``site_tests/_cdp.py``; no download, no CDN), waits for
MathJax and the figures, prepares it for paper — a table of contents, each chapter on a new
page, solutions opened, the site's navigation hidden, collapsed code left out — and prints
it to an A4 PDF with page numbers and a bookmark outline.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "site_tests"))
from _cdp import Chromium, find_chromium  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
import book_build  # noqa: E402 (tools/ is not a package)

PRINT_CSS = r"""
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article,
.prev-next-area, .bd-footer, .bd-footer-content, footer, .headerlink, .toggle-button,
#pst-back-to-top, .pst-scrollable-table-container + .pst-scroll-button,
.search-button-field, .bd-search, #pst-skip-link, .cell.tag_hide-cell, .jupyter-widgets-view,
.widget-subarea, script[type*="widget"] + * { display: none !important; }
.bd-main, .bd-content, .bd-article-container, .bd-page-width, .bd-container,
.bd-container__inner, .bd-article { max-width: none !important; width: auto !important;
  margin: 0 !important; padding: 0 !important; }
html { font-size: 10.5pt; }
.toggle-hidden, details > * { display: block !important; visibility: visible !important;
  height: auto !important; opacity: 1 !important; }
[id^="document-"] + section { break-before: page; }
#book-contents { break-after: page; }
#book-edition { text-align: center; color: #444; margin: 0 0 2em; }
#book-contents h1 { break-before: avoid; display: block !important; font-size: 1.6rem; }
#book-contents ol { list-style: none; padding-left: 0; }
#book-contents li { margin: .25em 0; }
#book-contents a { text-decoration: none; }
figure, img, .math, tr { break-inside: avoid; }
h1, h2, h3, h4, .admonition-title { break-after: avoid; }
img { max-width: 100% !important; }
pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
"""

PREPARE_JS = r"""
(async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const imgs = Array.from(document.images);
  imgs.forEach((i) => { i.loading = "eager"; });
  await Promise.all(imgs.map((i) => i.complete ? null : new Promise((r) => {
    i.addEventListener("load", r); i.addEventListener("error", r); })));
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  // Links to another place of this same page (citations, glossary terms, exercises) are
  // written relative to the page's original location: make them jumps within the PDF.
  for (const a of document.querySelectorAll("a[href*='#']")) {
    const url = new URL(a.href, document.baseURI);
    if (url.protocol === "file:" && /\/book(\/index)?\.html$/.test(url.pathname))
      a.setAttribute("href", url.hash);
  }
  const style = document.createElement("style");
  style.textContent = __CSS__;
  document.head.appendChild(style);
  // Table of contents: every chapter in reading order. In the single page each document is
  // a section right after an anchor named "document-<docname>".
  const article = document.querySelector(".bd-article") || document.body;
  const chapters = Array.from(article.querySelectorAll('[id^="document-"] + section'))
    .map((s) => s.querySelector("h1, h2, h3")).filter((h) => h);
  const toc = document.createElement("nav");
  toc.id = "book-contents";
  toc.innerHTML = "<h1>Contents</h1><ol></ol>";
  for (const h of chapters) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = "#" + h.parentElement.id;
    a.textContent = h.textContent.replace(/#\s*$/, "").trim();
    li.appendChild(a);
    toc.querySelector("ol").appendChild(li);
  }
  const title = article.querySelector("h1");
  title.parentElement.insertBefore(toc, title.nextSibling);
  const edition = document.createElement("p");
  edition.id = "book-edition";
  edition.textContent = __EDITION__;
  title.parentElement.insertBefore(edition, title.nextSibling);
  return {chapters: chapters.length, images: imgs.length,
          broken: imgs.filter((i) => !i.naturalWidth).length,
          math: document.querySelectorAll("mjx-container").length};
})()
"""

FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#555">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def build_single_page(out: Path) -> Path:
    """The single-page HTML build of the book; returns its page."""
    status, site = book_build.build(ROOT, out, "singlehtml")
    if status:
        raise SystemExit(f"pdf: the single-page build failed (status {status})")
    # Sphinx writes the page of a root document in a subfolder (book/index.html) with links
    # relative to the site's root (_static/, _images/): serve it from the root.
    page = site / "book.html"
    shutil.copy2(site / "book" / "index.html", page)
    return page


def edition_line() -> str:
    """The line under the title: which edition, from which commit."""
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return "Instructor edition, with the solutions" + (f" · commit {head}" if head else "")


def print_pdf(page: Path, pdf: Path, *, timeout: float = 600.0, edition: str = "") -> dict:
    """Print `page` to `pdf` with Chromium; return what the page preparation saw."""
    exe = find_chromium()
    if exe is None:
        raise SystemExit("pdf: Chromium not found (apt-get install -y chromium)")
    browser = Chromium(exe, timeout=timeout)
    try:
        target, session = browser.open(page.as_uri(), timeout=timeout)
        js = PREPARE_JS.replace("__CSS__", repr(PRINT_CSS)).replace("__EDITION__", repr(edition))
        seen = browser.evaluate(session, js, timeout=timeout)
        time.sleep(0.5)  # let the layout settle after the style change
        data = browser.send(
            "Page.printToPDF",
            {
                "printBackground": True,
                "preferCSSPageSize": True,
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": FOOTER,
                "generateDocumentOutline": True,
                "generateTaggedPDF": True,
            },
            session=session,
            timeout=timeout,
        )["data"]
        pdf.write_bytes(base64.b64decode(data))
        browser.close_tab(target, session)
    finally:
        browser.close()
    return seen


def main(argv=None) -> int:
    """Build the single page and print it; see the module docstring."""
    argv = sys.argv[1:] if argv is None else argv
    out = (Path(argv[0]) if argv else ROOT / "_build" / "pdf").resolve()
    page = build_single_page(out)
    pdf = out / "book.pdf"
    seen = print_pdf(page, pdf, edition=edition_line())
    print(
        f"pdf: {pdf} ({pdf.stat().st_size / 1e6:.1f} MB; {seen['chapters']} chapters, "
        f"{seen['images']} figures, {seen['math']} formulas)"
    )
    if seen["broken"] or not seen["math"] or not seen["chapters"]:
        print(f"pdf: figures not loaded, math not typeset or no chapters: {seen}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
