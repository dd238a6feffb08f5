"""The PDF edition (``make pdf``, tools/pdf.py): the whole book, in order, navigable.

Read with pypdf: enough pages; every chapter's title in the text, in the order of
``_toc.yml``; a bookmark outline with every chapter; internal links (the table of contents
and the cross-references) on many pages; the figures embedded as images.
"""

from __future__ import annotations

import re

import pytest
import yaml
from _site import ROOT

PDF = ROOT / "_build" / "pdf" / "book.pdf"


@pytest.fixture(scope="module")
def reader():
    """The PDF, read; fail (not skip) when it is missing."""
    pypdf = pytest.importorskip("pypdf")
    if not PDF.is_file():
        pytest.fail(f"{PDF} is missing: `make pdf` prints the book")
    return pypdf.PdfReader(str(PDF))


def _titles() -> list[str]:
    """Chapter titles in reading order, from the chapters' first heading."""
    import json

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    titles = []
    for part in toc["parts"]:
        for ch in part["chapters"]:
            stem = ROOT / ch["file"]
            if stem.with_suffix(".ipynb").is_file():
                nb = json.loads(stem.with_suffix(".ipynb").read_text(encoding="utf-8"))
                text = "".join(nb["cells"][0]["source"])
            else:
                text = stem.with_suffix(".md").read_text(encoding="utf-8")
            titles.append(re.search(r"^# (.+)$", text, re.M).group(1).strip())
    return titles


def _norm(text: str) -> str:
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def test_pdf_has_the_whole_book_in_order(reader):
    """Enough pages, and every chapter's title, in the order of the table of contents."""
    assert len(reader.pages) >= 150
    text = _norm(" ".join(page.extract_text() for page in reader.pages))
    positions = []
    for title in _titles():
        i = text.find(_norm(title), positions[-1] + 1 if positions else 0)
        assert i >= 0, f"chapter {title!r} missing from the PDF (or out of order)"
        positions.append(i)


def test_pdf_is_navigable(reader):
    """A bookmark for every chapter, and internal links on many pages."""

    def flatten(items):
        for it in items:
            if isinstance(it, list):
                yield from flatten(it)
            else:
                yield it

    outline = [_norm(o.title) for o in flatten(reader.outline)]
    for title in _titles():
        assert any(_norm(title) in o for o in outline), f"no bookmark for {title!r}"
    linked = sum(
        1
        for page in reader.pages
        if any(
            a.get_object().get("/Subtype") == "/Link" and "/URI" not in a.get_object().get("/A", {})
            for a in page.get("/Annots", []) or []
        )
    )
    assert linked >= 20, f"only {linked} pages with internal links"
    local = [
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", []) or []
        if str(a.get_object().get("/A", {}).get("/URI", "")).startswith("file:")
    ]
    assert not local, f"{len(local)} links point into this machine, e.g. {local[0]}"


def test_pdf_has_the_figures(reader):
    """The figures are embedded as images."""
    images = sum(len(page.images) for page in reader.pages[:60])
    assert images >= 15, images
