"""Give every captioned figure of the book an alt text derived from its caption.

Usage::

    python tools/figure_alt_text.py book/*.ipynb

For each code cell whose myst-nb metadata has a figure caption
(``cell.metadata["mystnb"]["figure"]["caption"]``), sets
``cell.metadata["mystnb"]["image"]["alt"]``, where it is missing, to a plain-text version of
the caption (TeX stripped), so that screen readers get a description instead of a file name.
Metadata only: outputs are untouched, so no re-execution is needed. `make execute`
runs it after executing the notebooks; `tests/test_notebooks.py` checks the result.
"""

from __future__ import annotations

import re
import sys

import nbformat

_COMMANDS = {
    r"\times": "x",
    r"\pm": "+/-",
    r"\to": "->",
    r"\le": "<=",
    r"\ge": ">=",
    r"\infty": "infinity",
    r"\sqrt": "sqrt",
    r"\tanh": "tanh",
    r"\ln": "ln",
    r"\beta": "beta",
    r"\theta": "theta",
    r"\eta": "eta",
    r"\xi": "xi",
    r"\chi": "chi",
    r"\nu": "nu",
    r"\mu": "mu",
    r"\sigma": "sigma",
    r"\alpha": "alpha",
    r"\langle": "<",
    r"\rangle": ">",
}


def plain_text(caption: str) -> str:
    """A plain-text rendering of a caption that may contain inline TeX and MyST roles."""
    # A figure reference is a label ("fig-intro-fits") that a listener cannot use: say "an
    # earlier figure" (its number is only known to the built page).
    text = re.sub(r"\{numref\}`(?:[^`<]*<)?fig-[^`>]*>?`", "an earlier figure", caption)
    text = re.sub(r"\{(?:numref|ref|doc|term|cite)\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    text = re.sub(r"\\(?:mathrm|text|mathbf|operatorname)\{([^}]*)\}", r"\1", text)
    for cmd, word in sorted(_COMMANDS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(cmd, word)
    text = text.replace(r"\,", " ").replace(r"\;", " ").replace(r"\!", "")
    text = re.sub(r"\\[a-zA-Z]+", "", text)
    text = text.replace("$", "").replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def add_alt_text(path: str) -> int:
    """Set the alt text of every captioned figure cell of one notebook; return the count."""
    nb = nbformat.read(path, as_version=4)
    n = 0
    for cell in nb.cells:
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        if cell.cell_type == "code" and "caption" in figure:
            image = cell.metadata["mystnb"].setdefault("image", {})
            if not image.get("alt"):  # a hand-written alt text is kept
                image["alt"] = plain_text(figure["caption"])
                n += 1
    if n:
        nbformat.write(nb, path)
    return n


def main(paths: list[str]) -> int:
    """Add alt texts to every notebook in `paths`."""
    for path in paths:
        print(f"{path}: {add_alt_text(path)} alt texts updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
