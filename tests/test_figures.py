"""Every figure the book shows is legible at the size the page displays it.

``plotting.use_house_style()`` makes each notebook's PNGs carry the size of their smallest
text (``plotting.smallest_text_pt``). An image wider than the text column is shrunk to it,
and its text with it; at that displayed size no text may be smaller than
``plotting.MIN_TEXT_PX`` CSS pixels (``plotting.displayed_text_px``).
"""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from numpy.testing import assert_allclose  # noqa: E402

from isingneuron import plotting  # noqa: E402

BOOK = Path(__file__).resolve().parents[1] / "book"


def _png_width(data: str) -> int:
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">I", raw[16:20])[0]


def _figures():
    for path in sorted(BOOK.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                if "image/png" in out.get("data", {}):
                    yield pytest.param(path.stem, index, out, id=f"{path.stem}-cell{index}")


FIGURES = list(_figures())


def test_book_has_figures():
    assert len(FIGURES) > 40


@pytest.mark.parametrize(("chapter", "cell", "output"), FIGURES)
def test_figure_text_legible(chapter, cell, output):
    """Smallest text at the displayed size >= MIN_TEXT_PX (desktop column)."""
    meta = output.get("metadata", {}).get("image/png", {}).get("isingneuron")
    assert meta, (
        f"{chapter} cell {cell}: PNG without its text size; the notebook must call "
        "plotting.use_house_style() before drawing (then `make execute`)"
    )
    width = _png_width(output["data"]["image/png"])
    if "smallest_text_pt" not in meta:  # no text at all (an image)
        return
    px = plotting.displayed_text_px(meta["smallest_text_pt"], width, dpi=meta["dpi"])
    assert px >= plotting.MIN_TEXT_PX, (
        f"{chapter} cell {cell}: smallest text {meta['smallest_text_pt']} pt in a {width}-px "
        f"image shows at {px:.1f} px in a {plotting.COLUMN_PX}-px column "
        f"(minimum {plotting.MIN_TEXT_PX}); make the figure narrower or the text larger"
    )


def test_smallest_text_counts_every_kind_of_text():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1], label="line")
    ax.set_xlabel("x", fontsize=12)
    ax.tick_params(labelsize=10)
    assert plotting.smallest_text_pt(fig) == 10
    ax.legend(fontsize=8)
    assert plotting.smallest_text_pt(fig) == 8
    fig.text(0.5, 0.5, "note", fontsize=6)
    assert plotting.smallest_text_pt(fig) == 6
    fig.text(5.0, 5.0, "outside the figure", fontsize=3)  # not drawn: ignored
    fig.text(0.5, 0.5, "hidden", fontsize=2).set_visible(False)
    fig.text(0.5, 0.5, "  ", fontsize=1)  # blank: ignored
    assert plotting.smallest_text_pt(fig) == 6
    plt.close(fig)


def test_smallest_text_of_a_closed_figure():
    """After plt.show() closes a figure its canvas cannot render; it is measured all the same."""
    from matplotlib.backend_bases import FigureCanvasBase

    fig, ax = plt.subplots()
    ax.set_title("t", fontsize=10)
    plt.close(fig)
    FigureCanvasBase(fig)  # what a closed figure is left with
    assert plotting.smallest_text_pt(fig) == 10


def test_smallest_text_of_empty_figure_is_inf():
    fig = plt.figure()
    assert plotting.smallest_text_pt(fig) == np.inf
    plt.close(fig)


def test_displayed_text_px():
    # natural size below the column: points * dpi / 72
    assert_allclose(plotting.displayed_text_px(9.0, 500, dpi=100), 12.5, rtol=1e-15)
    # twice the column: half the size; arrays broadcast
    assert_allclose(
        plotting.displayed_text_px([9.0, 18.0], 2 * plotting.COLUMN_PX, dpi=100),
        [6.25, 12.5],
        rtol=1e-15,
    )
    for bad in ({"image_width_px": 0}, {"image_width_px": 100, "dpi": 0}):
        with pytest.raises(ValueError, match="must be > 0"):
            plotting.displayed_text_px(9.0, **({"image_width_px": 100} | bad))
